"""Record pages are MkDocs pages to every plugin: other plugins' on_page_markdown, on_page_content and
on_post_page see their real Markdown and HTML, and what they change reaches the site (macros/plugin/other_plugins)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import MINI, ROOT, build, forks_beside_test_threads

RECORD_PAGE = "statements/lopez-opens-2027.md"


def _probe_hook(folder: Path, events: tuple[str, ...]) -> Path:
    """A hook file that records what each of `events` receives on record pages, and marks what it returns."""
    handlers = {
        "page_markdown": (
            "def on_page_markdown(markdown, page, config, files):\n"
            "    SEEN.setdefault(page.file.src_uri, {})['markdown'] = markdown\n"
            "    return markdown + '\\n\\nProbe paragraph from the Markdown.\\n'\n"
        ),
        "page_content": (
            "def on_page_content(html, page, config, files):\n"
            "    SEEN.setdefault(page.file.src_uri, {})['content'] = html\n"
            "    return html + '<p class=\"probe-content\">probe content</p>'\n"
        ),
        "post_page": (
            "def on_post_page(output, page, config):\n"
            "    SEEN.setdefault(page.file.src_uri, {})['post_page'] = output\n"
            "    return output.replace('</body>', '<!-- probe post page --></body>')\n"
        ),
    }
    path = folder / "probe_hook.py"
    # Record pages only: the probe's words on hand-written pages are not what is being tested.
    body = "".join(handlers[event].replace(":\n", ":\n    if page.file.src_uri != RECORD_PAGE:\n        return None\n", 1) for event in events)
    path.write_text(
        f"import json, os\nSEEN = {{}}\nRECORD_PAGE = {RECORD_PAGE!r}\n" + body
        + "def on_post_build(config):\n"
        "    with open(os.environ['PROBE_OUT'], 'w') as out:\n"
        "        json.dump(SEEN, out)\n",
        encoding="utf-8",
    )
    return path


def _build_with(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **overrides: object) -> tuple[Path, dict[str, dict[str, str]]]:
    """The mini dossier built strict from the project's config with `overrides` (plugins, hooks)."""
    seen = tmp_path / "seen.json"
    monkeypatch.setenv("PROBE_OUT", str(seen))
    # methodology.md's link to about.md#corrections fails the anchor check under pytest at this branch's
    # start as well (not a plugin matter; reported): the other link checks stay as mkdocs.yml sets them.
    validation = {"omitted_files": "warn", "absolute_links": "relative_to_docs", "unrecognized_links": "warn", "anchors": "info"}
    site = build(MINI, tmp_path / "site", validation=validation, **overrides)
    return site, json.loads(seen.read_text(encoding="utf-8")) if seen.exists() else {}


def _page(site: Path, path: str) -> str:
    return (site / path.removesuffix(".md") / "index.html").read_text(encoding="utf-8")


def _hooks(probe: Path) -> list[str]:
    """The probe, as another project's hook: the engine is a plugin (mkdocs.yml's `- dossier`), not a hook."""
    return [str(probe)]


@forks_beside_test_threads
def test_a_plugin_on_page_markdown_sees_and_changes_record_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    probe = _probe_hook(tmp_path, ("page_markdown", "page_content", "post_page"))
    site, seen = _build_with(tmp_path, monkeypatch, hooks=_hooks(probe))
    record = seen[RECORD_PAGE]
    assert record["markdown"].lstrip().startswith("# ")  # the page's real Markdown, its heading first
    assert "Probe paragraph from the Markdown." in record["content"]  # MkDocs converted the changed Markdown
    html = _page(site, RECORD_PAGE)
    assert "<p>Probe paragraph from the Markdown.</p>" in html
    assert '<p class="probe-content">probe content</p>' in html
    assert html.count("<!-- probe post page --></body>") == 1
    assert "<!-- probe post page -->" not in record["post_page"]  # it was given the page before its change


@forks_beside_test_threads
def test_a_plugin_on_page_content_sees_and_changes_record_pages_on_the_fast_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    probe = _probe_hook(tmp_path, ("page_content", "post_page"))
    site, seen = _build_with(tmp_path, monkeypatch, hooks=_hooks(probe))
    record = seen[RECORD_PAGE]
    assert record["content"].startswith("<h1 id=")  # the engine's HTML, not the empty page MkDocs was given
    html = _page(site, RECORD_PAGE)
    assert html.count('<p class="probe-content">probe content</p>') == 1
    assert "<!-- probe post page --></body>" in html


@forks_beside_test_threads
def test_without_other_plugins_record_pages_take_the_engines_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The negative control: the project's own config registers no foreign page_markdown or page_content."""
    from mkdocs.config import load_config

    from macros.plugin.other_plugins import RecordPages, foreign_handlers, record_pages_path

    config = load_config(str(ROOT / "mkdocs.yml"))
    assert foreign_handlers(config, "page_markdown") == []
    assert foreign_handlers(config, "page_content") == []
    assert record_pages_path(config) is RecordPages.ENGINE


@forks_beside_test_threads
def test_minify_plugin_minifies_record_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site, _ = _build_with(tmp_path, monkeypatch, plugins=[
        {"search": {"separator": r"[\s\-$€£¥₼₽₺₪₹₴₩₦₱₸₾]+"}},
        {"macros": {"module_name": "macros", "on_error_fail": True, "on_undefined": "strict"}},
        {"offline": {"enabled": False}},
        "dossier",
        {"minify": {"minify_html": True}},
    ])
    html = _page(site, RECORD_PAGE)
    assert "\n    " not in html  # htmlmin removed the theme's indentation
    assert "<h1 id=" in html
