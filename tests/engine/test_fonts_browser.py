"""The fonts the build cuts, in Chromium: the mini dossier's Chinese, Japanese, Arabic and Hebrew names, and a
manat sign and a schwa in Latin text, are drawn by them (the browser's own account of the fonts it drew a node
with), and every font comes from the site's own server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

import pytest

from tests.conftest import build, write
from tests.real_clients import page_url, serve

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext

pytestmark = pytest.mark.browser


@pytest.fixture
def context(chromium: Browser) -> Iterator[BrowserContext]:
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    yield context
    context.close()


def drawn_with(context: BrowserContext, url: str, selector: str) -> tuple[dict[str, int], list[str]]:
    """The fonts Chromium drew the text of the first `selector` with (their PostScript names, a web font's
    marked 'web:', with the glyphs each drew), once the page's fonts are loaded, and every URL it fetched."""
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(url)
    page.wait_for_function("document.fonts.status === 'loaded'")
    devtools = context.new_cdp_session(page)
    devtools.send("DOM.enable")
    devtools.send("CSS.enable")
    root = devtools.send("DOM.getDocument")["root"]["nodeId"]
    node = devtools.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = devtools.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    page.close()
    return {("web:" if font["isCustomFont"] else "") + font["postScriptName"]: font["glyphCount"] for font in fonts}, fetched


@pytest.mark.parametrize(("page", "selector", "font", "glyphs"), [
    ("actors/lin-weiqiang/", "h1 [lang=zh]", "web:NotoSansCJKsc-Regular", 3),  # 林伟强
    ("actors/sato-yuki/", "h1 [lang=ja]", "web:NotoSansCJKsc-Regular", 4),  # 佐藤由紀
    ("actors/karim-haddad/", "h1 [lang=ar] bdi", "web:NotoSansArabic-Regular", 9),  # كريم حداد, its letters as joined
    ("actors/noa-ben-harush/", "h1 [lang=he] bdi", "web:NotoSansHebrewThin-Regular", 10),  # נועה בן-הרוש (the regular face keeps its source's name)
])
def test_names_in_other_scripts_are_drawn_by_the_fonts_the_site_ships(context: BrowserContext, mini_url: str, page: str, selector: str,
                                                                      font: str, glyphs: int) -> None:
    drawn, fetched = drawn_with(context, page_url(mini_url, page), selector)
    assert drawn[font] == glyphs
    # Nothing else draws a letter: what a system font draws there is the space and the invisible isolates.
    assert all(count <= 2 for name, count in drawn.items() if name != font), drawn
    assert {urlparse(url).hostname for url in fetched} == {"127.0.0.1"}
    assert [url for url in fetched if url.endswith(".woff2") and "/assets/fonts/" not in url] == []


def test_a_latin_page_draws_with_the_readers_own_fonts(context: BrowserContext, mini_url: str) -> None:
    """The control: a name in Latin letters is drawn by a system font; no font of the site is involved."""
    drawn, _ = drawn_with(context, page_url(mini_url, "actors/ana-lopez/"), "h1")
    assert drawn and not [name for name in drawn if name.startswith("web:")], drawn


def test_a_manat_sign_and_a_schwa_are_drawn_by_the_latin_extended_cut_and_the_letters_beside_them_by_the_readers_font(
        context: BrowserContext, tmp_path: Path) -> None:
    """₼ and Ə are in few phones' fonts: the face cut for them draws them, two glyphs, and nothing else of the role;
    the other letters, ğ among them (in every system's basic set), keep the reader's font."""
    data = tmp_path / "data"
    write(data, "actors/aga-aliyev.yml", "name: Ağa Əliyev\nkind: person\nrole: treasurer of the ₼25 fund\n")
    with serve(build(data, tmp_path / "site")) as url:
        name, fetched = drawn_with(context, page_url(url, "actors/aga-aliyev/"), "h1")
        role, _ = drawn_with(context, page_url(url, "actors/aga-aliyev/"), "p.dossier-dates + p")  # "Person · treasurer of the ₼25 fund …"
    for drawn in (name, role):  # one glyph each from the cut (a heading may be bold), every other from the reader's fonts
        assert [count for font, count in drawn.items() if font.startswith("web:")] == [1], drawn
        assert [font for font in drawn if font.startswith("web:")][0] in ("web:NotoSans-Regular", "web:NotoSans-Bold"), drawn
        assert sum(count for font, count in drawn.items() if not font.startswith("web:")) >= 8, drawn  # "Ağa liyev" at least
    cuts = [url for url in fetched if url.endswith(".woff2")]
    assert cuts and all("/assets/fonts/noto-sans-latin-ext-" in url for url in cuts), cuts
