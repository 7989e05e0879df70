"""Data in any script among the engine's words: right-to-left text isolated (macros/records/bidi.py) as `<bdi>` in
HTML text and as the isolates FSI … PDI where no element can be (attributes, the page title, the feed, the
diagram's labels); text that cannot move left as it is. The measure in Chromium: test_scripts_browser.py."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString

from macros.records.bidi import FSI, PDI, as_bdi, isolated, needs_isolation
from macros.records.check import check
from macros.records.schema import Source, Statement
from macros.records.validate import Dossier
from tests.conftest import MINI, build, write


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_only_text_that_can_change_direction_is_isolated() -> None:
    for text in ("Ana López", "林伟强", "佐藤由紀", "Алексей", "20 %", "Le Courrier de Riverton"):
        assert not needs_isolation(text) and isolated(text) == text and as_bdi(text) == text
    for text in ("كريم حداد", "נועה בן-הרוש", "٣", "a\u202eb\u202c"):
        assert isolated(text) == f"{FSI}{text}{PDI}"
        assert as_bdi(text) == f"<bdi>{FSI}{text}{PDI}</bdi>"


def test_isolates_in_composed_text_become_bdi_elements() -> None:
    line = f"Quote by {isolated('كريم حداد')}, 8 October 2025"
    assert not needs_isolation(line)  # the name is isolated already: nothing else needs it
    assert as_bdi(line) == f"Quote by <bdi>{FSI}كريم حداد{PDI}</bdi>, 8 October 2025"
    # An isolate left open (which `check` refuses in data) stays a character: the markup is always balanced.
    for text in (f"x {FSI}y", f"x {PDI}y", f"{PDI}{FSI}", f"{FSI}{FSI}a{PDI}"):
        assert as_bdi(text).count("<bdi>") == as_bdi(text).count("</bdi>") >= 1


def test_headings_lists_and_references_isolate_right_to_left_names(mini_site: Path) -> None:
    statement = page(mini_site, "statements/haddad-scoring-grid")
    assert (f'<h1 id="كريم-حداد-8-october-2025-on-the-scoring-grid-جدول-التقييم-نشر-كاملا-قبل-فتح-العروض"><bdi>{FSI}كريم حداد{PDI}</bdi>, '
            "8 October 2025: on the scoring grid") in statement
    assert f"<title>{FSI}كريم حداد{PDI}, 8 October 2025: on the scoring grid" in statement  # no element in a title
    # A citation line names outlet and author, each isolated, in a link's title.
    assert f'title="News report · {FSI}الساحل{PDI} · {FSI}عمر الخطيب{PDI} · 24 October 2025"' in statement
    assert f'Statements by <span lang="he" dir="rtl"><bdi>{FSI}נועה בן-הרוש{PDI}</bdi></span> (2)' in page(mini_site, "actors/noa-ben-harush")
    assert 'Statements about <span lang="zh">林伟强</span> (1)' in page(mini_site, "actors/lin-weiqiang")
    assert f'title="Quote by {FSI}נועה בן-הרוש{PDI}, 21 January 2026"' in page(mini_site, "claims/bridge-opens-in-2027")


def test_text_that_cannot_move_is_printed_as_it_is(mini_site: Path) -> None:
    ana = page(mini_site, "actors/ana-lopez")
    assert "<h1" in ana and "<bdi>Ana" not in ana and f"{FSI}Ana" not in ana
    assert '"><span lang="zh">林伟强</span> <span class="dossier-aka">' in page(mini_site, "actors/lin-weiqiang")


def test_the_feed_and_the_diagram_carry_the_isolates_as_characters(mini_site: Path) -> None:
    feed = (mini_site / "feed.xml").read_text(encoding="utf-8")
    assert f"<title>Actor: {FSI}كريم حداد{PDI}</title>" in feed or "karim-haddad" not in feed
    assert f"<title>Statement: “{FSI}جدول التقييم" in feed
    diagram = page(mini_site, "actors/ana-lopez")
    # Mermaid's entity codes of FSI and PDI, in the diagram's source as the page holds it (HTML-escaped text
    # that assets/diagram.js hands to Mermaid when the reader opens the diagram).
    assert '[&quot;#8296;נועה בן#45;הרוש#8297;&quot;]' in diagram



def test_a_shared_links_description_isolates_its_right_to_left_data(mini_site: Path) -> None:
    """The meta description (and Open Graph's, Twitter's) composes data into the engine's words: "Actor: الساحل.
    Media" took the full stop into the name's run in a link preview."""
    for path, description in [("actors/al-sahil", f"Actor: {FSI}الساحل{PDI}. Media"),
                              ("sources/sahil-tender-report", f"Source: {FSI}لجنة المناقصة تنشر جدول التقييم{PDI}. News report · "
                               f"{FSI}الساحل{PDI} · {FSI}عمر الخطيب{PDI} · 24 October 2025")]:
        soup = BeautifulSoup(page(mini_site, path), "html.parser")
        shared = {str(meta["content"]) for meta in soup.select('meta[name="description"], meta[property="og:description"], '
                                                              'meta[name="twitter:description"]')}
        assert shared == {description}, path
    # Every meta tag of every page: no right-to-left text outside an isolate.
    for html_page in sorted(mini_site.glob("**/*.html")):
        for meta in BeautifulSoup(html_page.read_text(encoding="utf-8"), "html.parser").select("meta[content]"):
            content = str(meta["content"])
            assert not needs_isolation(content) or content == isolated(content.strip(FSI + PDI)), (html_page, content)

# --- language of parts ----------------------------------------------------------------------------------


def words_language(dossier: Dossier, statement: Statement) -> str | None:
    """A statement's language as the guide's field reference says: its own, else a quote's first source's."""
    source = dossier.get("sources", statement.reported_in[0].source)
    assert isinstance(source, Source)
    return statement.language or (source.language if statement.form == "quote" else None)


def nearest_lang(node: Tag | NavigableString) -> str | None:
    for parent in node.parents:
        if parent.get("lang"):
            return str(parent["lang"])
    return None


def direction_of(node: NavigableString, language: str) -> str | None:
    """The `dir` of the nearest element around `node` that sets `lang` to `language`."""
    marked = node.find_parent(attrs={"lang": language})
    assert marked is not None, (language, str(node))
    direction = marked.get("dir")
    return None if direction is None else str(direction)


def occurrences(site: Path, needle: str) -> Iterator[tuple[str, NavigableString]]:
    """Each text node of the site's pages' bodies holding `needle`, with the page it is on; not in the header,
    which repeats the page's title: one plain string of several languages, as in <title>, where no element
    can mark a part (the isolates keep its order)."""
    for html_file in sorted(site.rglob("*.html")):
        body = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser").body
        for header in body.select("header.md-header") if body else []:
            header.decompose()
        for node in body.find_all(string=lambda text: needle in text) if body else []:
            yield html_file.relative_to(site).as_posix(), node


def test_every_quote_in_another_language_carries_its_lang(mini_site: Path) -> None:
    dossier = check(MINI)
    quoted = [s for s in dossier.records["statements"].values() if isinstance(s, Statement) and words_language(dossier, s) not in (None, "en")]
    assert {words_language(dossier, s) for s in quoted} >= {"ar", "fr"}  # the fixture has both
    for statement in quoted:
        language = words_language(dossier, statement)
        assert language is not None  # quoted holds only statements in a language
        found = list(occurrences(mini_site, statement.text[:20]))
        assert f"statements/{statement.id}/index.html" in {page for page, _ in found}
        assert [(page, nearest_lang(node)) for page, node in found if nearest_lang(node) != language] == []
        # A right-to-left language sets the direction too.
        assert all(direction_of(node, language) == ("rtl" if language == "ar" else None) for _, node in found)


def test_names_and_printed_titles_carry_their_lang_where_they_are_named(mini_site: Path) -> None:
    haddad = BeautifulSoup(page(mini_site, "actors/karim-haddad"), "html.parser")
    assert haddad.h1 is not None and haddad.h1.find("span", lang="ar", dir="rtl") is not None
    statement = BeautifulSoup(page(mini_site, "statements/haddad-scoring-grid"), "html.parser")
    speaker_links = statement.select('a[href$="actors/karim-haddad/"]')
    assert speaker_links and all(link.find(name=None, attrs={"lang": "ar"}) for link in speaker_links)
    source_links = statement.select('a[href$="sources/sahil-tender-report/"]')
    assert source_links and all(link.find(name=None, attrs={"lang": "ar"}) for link in source_links)
    # The editors' supplied title of a source is theirs, in the page's language: no lang of the source's.
    assert 'lang="' not in str(BeautifulSoup(page(mini_site, "sources/blog-post"), "html.parser").h1)


# --- bidi controls in data ----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "message"), [
    ("Omar \u202eal-Khatib", "the invisible right-to-left override U+202E is never closed: it changes the direction of everything "
     "after it, on the page too (delete it (text in any script shows in its own direction without it), or close it with "
     "pop directional formatting U+202C where it should end)"),
    ("Omar \u2067al-Khatib", "the invisible right-to-left isolate U+2067 is never closed: it changes the direction of everything "
     "after it, on the page too (delete it (text in any script shows in its own direction without it), or close it with "
     "pop directional isolate U+2069 where it should end)"),
    ("Omar al-Khatib\u202c", "the invisible pop directional formatting U+202C closes nothing here "
     "(delete it; if it ends a span of text, put it after that span's opening control)"),
    ("\u2066Omar \u202bal\u2069-Khatib\u202c", "the invisible pop directional isolate U+2069 closes nothing here "
     "(delete it; if it ends a span of text, put it after that span's opening control)"),
])
def test_an_unbalanced_bidi_control_is_an_error_with_its_fix(mini: Path, text: str, message: str) -> None:
    write(mini, "actors/x.yml", f'kind: person\nname: "{text}"\n')
    assert [str(error) for error in check(mini).errors] == [f"data/actors/x.yml:2: name: {message}"]


def test_balanced_bidi_controls_are_kept_and_isolated(mini: Path, tmp_path: Path) -> None:
    for text in ("\u202eOmar\u202c", "\u2067عمر\u2069 x", "\u202a\u2068a\u2069\u202c"):
        write(mini, "actors/x.yml", f'kind: person\nname: "{text}"\n')
        assert check(mini).errors == []
    write(mini, "statements/x.yml", """\
        speaker: x
        date: "2026-02-03"
        form: paraphrase
        text: Said it.
        reported_in: [{source: blog-post}]
        """)
    site = build(mini, tmp_path / "site")
    # The data's own isolate becomes an element too, nested: the same isolation, balanced markup.
    isolated = re.escape(f"<bdi>{FSI}\u202a<bdi>{FSI}a{PDI}</bdi>\u202c{PDI}</bdi>")
    assert re.search(f'<h1 id="a"[^>]*>{isolated}', page(site, "actors/x"))  # after the heading's search attributes
    assert f'title="Paraphrase by {FSI}\u202a\u2068a\u2069\u202c{PDI}, 3 February 2026"' in page(site, "actors/x")


def test_search_splits_words_at_the_isolates(offline_build: Path) -> None:
    """The isolates around a right-to-left name are in the page's text (inside its <bdi>): search parts words
    at them, so "كريم" finds the page of "كريم حداد" by the start of its first word (Material's search, the offline copy's)."""
    index = json.loads((offline_build / "search" / "search_index.json").read_text(encoding="utf-8"))  # Material's
    separator = re.compile(index["config"]["separator"])
    assert [word for word in separator.split(f"Quote by {FSI}كريم حداد{PDI}, 8 October") if word][:4] == ["Quote", "by", "كريم", "حداد"]
    assert any("كريم" in separator.split(doc["title"]) for doc in index["docs"])


def test_a_wording_that_only_leaves_words_out_marks_where_and_says_what(mini: Path, tmp_path: Path) -> None:
    path = mini / "statements/lopez-opens-2027.yml"
    path.write_text(path.read_text(encoding="utf-8").replace('wording: "The bridge will open in 2027 on time and under budget."',
                                                              'wording: "The bridge will open in 2027, on budget."'), encoding="utf-8")
    html = page(build(mini, tmp_path / "site"), "statements/lopez-opens-2027")
    # Highlighted where the words were, as changed words are, with a sign that is not a colour and words for a
    # screen reader; the words left out follow; the page's legend says what the sign means.
    cut = ('<mark class="dossier-cut" data-search-exclude><span aria-hidden="true">[…]</span>'
           '<span class="dossier-visually-hidden">(left out here)</span></mark>')
    assert (f'<span data-search-exclude>The bridge will open in 2027, on</span> {cut} <span data-search-exclude>budget.</span> '
            '<span class="dossier-left-out" data-search-exclude>(leaves out “time and on”)</span>') in html
    assert ("Words that differ from the wording at the top are <mark>highlighted</mark>; <mark>[…]</mark> marks where a wording "
            "leaves words out, and the words it leaves out follow it.") in html
    # The control: a wording that changes words but leaves none out has no sign and no such legend.
    unchanged = page(build(MINI, tmp_path / "unchanged"), "statements/lopez-opens-2027")
    assert "<mark>under</mark>" in unchanged
    assert ("dossier-cut" in unchanged, "[…]" in unchanged, "leaves out" in unchanged) == (False, False, False)


def test_a_citation_isolates_the_title_not_the_whole_line(mini_site: Path) -> None:
    """Composed as one line, an Arabic title made the whole citation one right-to-left isolate, the dossier's
    name and the date laid out from the right."""
    html = page(mini_site, "sources/sahil-tender-report")
    assert (f'<p class="dossier-citation">“<span lang="ar" dir="rtl"><bdi>{FSI}لجنة المناقصة تنشر جدول التقييم{PDI}</bdi></span>.” '
            "The Riverton bridge dossier. Riverton Test Desk, reviewed 10 January 2026.") in html
    # A statement's reference to its source: the title in a link's tooltip is text, isolated by the characters
    # alone (it read "<bdi>…</bdi>" on hover).
    assert f'title="{FSI}لجنة المناقصة تنشر جدول التقييم{PDI}"' in html and 'title="&lt;bdi&gt;' not in html and 'title="<bdi>' not in html
