"""Headings in any script get anchors made of their own words (mkdocs.yml: toc's slugify), unique on their
page; headings in Latin letters, accented or not, keep the anchors they had."""

from __future__ import annotations

import re
from pathlib import Path

from markdown.extensions.toc import slugify

from tests.real_clients import html_pages

_HEADING_ID = re.compile(r'<h([1-6])[^>]* id="([^"]*)"[^>]*>(.*?)</h\1>', re.S)


def heading_ids(site: Path, page: str) -> list[str]:
    return [found.group(2) for found in _HEADING_ID.finditer((site / page).read_text(encoding="utf-8"))]


def test_headings_in_other_scripts_get_anchors_of_their_own_words(mini_site: Path) -> None:
    assert heading_ids(mini_site, "actors/lin-weiqiang/index.html")[:2] == ["林伟强-also-known-as-lin-weiqiang", "statements-about-林伟强-1"]
    assert heading_ids(mini_site, "actors/karim-haddad/index.html")[:2] == ["كريم-حداد", "statements-by-كريم-حداد-1"]
    assert heading_ids(mini_site, "actors/noa-ben-harush/index.html")[:2] == ["נועה-בן-הרוש", "statements-by-נועה-בן-הרוש-2"]
    assert heading_ids(mini_site, "actors/sato-yuki/index.html")[0] == "佐藤由紀"
    # The control: the default slugify kept ASCII letters only, so these headings had none of their words.
    assert (slugify("كريم حداد", "-"), slugify("林伟强 also known as Lin Weiqiang", "-")) == ("", "also-known-as-lin-weiqiang")


def test_headings_in_latin_letters_keep_their_anchors(mini_site: Path) -> None:
    """Accents fall away as before (links written to them still work), and ASCII headings are as they were."""
    assert heading_ids(mini_site, "actors/ana-lopez/index.html")[:2] == [
        "ana-lopez-also-known-as-mayor-lopez", "statements-by-ana-lopez-1"]
    assert heading_ids(mini_site, "sources/courrier-margin/index.html")[0] == "le-pont-de-riverton-un-calendrier-serre"


def test_every_heading_with_words_has_an_anchor_with_words_unique_on_its_page(mini_site: Path) -> None:
    for page in html_pages(mini_site):
        html = (mini_site / page).read_text(encoding="utf-8")
        ids = re.findall(r' id="([^"]*)"', html)
        assert len(ids) == len(set(ids)), page
        for found in _HEADING_ID.finditer(html):
            words = re.sub(r"<[^>]*>|&\w+;", "", found.group(3))
            if re.search(r"[^\W\d_]", words):
                assert re.search(r"[^\W\d_]", found.group(2)), (page, found.group(2), words)
