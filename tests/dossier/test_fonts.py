"""Every character of the dossier's site renders (the check itself and the engine's pages:
tests/engine/test_fonts.py), and the characters the issue saw as blank boxes come from a shipped font."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.records.fonts import BASIC
from tests.engine.test_fonts import FONTS, drawn_by_the_fonts, shipped_fonts, uncovered
from tests.real_clients import html_pages


@pytest.mark.parametrize("site_fixture", ["real_site"])
def test_every_character_of_the_site_is_drawn_by_a_basic_or_a_shipped_font(request: pytest.FixtureRequest, site_fixture: str) -> None:
    site: Path = request.getfixturevalue(site_fixture)
    assert uncovered(site, html_pages(site), drawn_by_the_fonts(site)) == {}


def test_the_manat_sign_and_the_schwa_come_from_the_shipped_font(real_site: Path) -> None:
    """The characters the issue saw as blank boxes are not in the basic set, and where the site shows one, it is
    drawn by the font the build cut for it, which the built site serves."""
    assert {0x20BC, 0x0259} & BASIC == set()
    for source in shipped_fonts(real_site):
        assert (real_site / source).is_file(), source
    assert "SIL Open Font License" in (FONTS / "OFL.txt").read_text(encoding="utf-8")
    beyond_basic = uncovered(real_site, html_pages(real_site), BASIC)
    shown = {point for point in (0x20BC, 0x0259) if f"U+{point:04X} {chr(point)}" in beyond_basic}
    if not shown:
        pytest.skip("this dossier prints neither the manat sign nor the schwa")
    assert shown <= drawn_by_the_fonts(real_site)
