"""Screenshots of every page template, at a desktop and a phone width: build the site, serve it on
127.0.0.1, capture each page's first screen with headless Chromium.

    .venv/bin/python tools/screenshots.py          # writes maintainers/screenshots/<template>-<width>.png

They are maintainers' material (the README shows them), so they live outside docs/ and are not published.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import ViewportSize, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from tools/: the tests' helpers live at the root

from tests.real_clients import CHROMIUM_ARGS, require_chromium, serve  # noqa: E402

OUT = ROOT / "maintainers" / "screenshots"
VIEWPORTS: dict[str, ViewportSize] = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
# Template name: the kind of record it shows. Which record is chosen from the built site (record_path), so the
# pictures follow whatever dossier data/ holds.
RECORD_PAGES = {
    "brief": "topics",
    "claim": "claims",
    "statement": "statements",
    "actor": "actors",
    "event": "events",
    "source": "sources",
}
FIXED_PAGES = {
    "home": "",
    "briefs-index": "topics/",
    "claims-index": "claims/",
    "statements-index": "statements/",
    "actors-index": "actors/",
    "timeline": "events/",
    "figures-index": "figures/",
    "sources-index": "sources/",
    "methodology": "methodology/",
    "about": "about/",
    "404": "no-such-page/",
}


def record_path(site: Path, kind: str) -> str:
    """The kind's largest page: the one that shows most of its template (ties: the first by id)."""
    pages = sorted((site / kind).glob("*/index.html"), key=lambda page: (-page.stat().st_size, page.parent.name))
    return f"{kind}/{pages[0].parent.name}/"


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder)
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", folder], cwd=ROOT, check=True)
        pages = dict(FIXED_PAGES)
        pages.update({name: record_path(site, kind) for name, kind in RECORD_PAGES.items()})
        with serve(site) as url, sync_playwright() as playwright:
            # The tests' Chromium flags, and no scroll bars in the pictures.
            browser = playwright.chromium.launch(executable_path=require_chromium(), args=[*CHROMIUM_ARGS, "--hide-scrollbars"])
            for width_name, viewport in VIEWPORTS.items():
                context = browser.new_context(viewport=viewport, reduced_motion="reduce")
                for name, path in pages.items():
                    page = context.new_page()
                    # A missing page answers 404 with the site's 404.html only from a real server; this one
                    # serves files, so the 404 template is shown from its own file.
                    page.goto(url + ("404.html" if name == "404" else path), wait_until="networkidle")
                    page.evaluate("document.fonts.ready")
                    target = OUT / f"{name}-{width_name}.png"
                    page.screenshot(path=str(target))
                    print(f"{target.relative_to(ROOT)} ← {path}")
                    page.close()
                context.close()
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
