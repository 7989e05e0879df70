"""Take the README's screenshots: build the site, serve it on 127.0.0.1, capture pages with headless Chromium.

    .venv/bin/python tools/screenshots.py          # writes docs/assets/screenshots/*.png
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from tools/: the tests' helpers live at the root

from tests.real_clients import CHROMIUM_ARGS, require_chromium, serve  # noqa: E402

OUT = ROOT / "docs" / "assets" / "screenshots"
PAGES = {  # file name: (path, element to scroll to or None, viewport height)
    "brief": ("topics/azerbaijan-gaza-stabilization-force/", None, 1500),
    "claim": ("claims/azerbaijan-agreed-to-send-troops-to-gaza/", None, 1300),
    "quote-variants": ("statements/aliyev-until-questions-clarified/", None, 1000),
    "actor-graph": ("actors/mike-waltz/", "#relations", 900),
    "claim-ledger": ("claims/", None, 1100),
    "timeline": ("events/", None, 1100),
    "figures": ("figures/", None, 1000),
}


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as site:
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", site], cwd=ROOT, check=True)
        with serve(Path(site)) as url, sync_playwright() as playwright:
            # The tests' Chromium flags, and no scroll bars in the pictures.
            browser = playwright.chromium.launch(executable_path=require_chromium(), args=[*CHROMIUM_ARGS, "--hide-scrollbars"])
            for name, (path, element, height) in PAGES.items():
                page = browser.new_page(viewport={"width": 1280, "height": height})
                page.goto(url + path, wait_until="networkidle")
                if element:
                    page.locator("div.mermaid").first.wait_for()  # Material draws it in a closed shadow root
                    page.wait_for_timeout(500)
                    page.locator(element).scroll_into_view_if_needed()
                    page.evaluate(f"document.querySelector('{element}').scrollIntoView()")
                target = OUT / f"{name}.png"
                page.screenshot(path=str(target))
                print(f"{target.relative_to(ROOT)} ← {path}")
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
