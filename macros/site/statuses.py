"""A claim's status as pages show it: its badge, linking its definition on the methodology page, and the
table of statuses."""

from __future__ import annotations

import re

from macros.records.schema import STATUS_MEANINGS
from macros.site.text import Md, escape_html, literal

METHODOLOGY_PAGE = "methodology.md"  # where the statuses are defined; every badge links there


def status_anchor(status: str) -> str:
    return "status-" + re.sub(r"[^a-z]+", "-", status)


def status_badge(status: str, href: str | None = None) -> Md:
    """The claim status as a badge; the word is always printed, colour only repeats it. With `href`, a link
    to the status's definition; its plain meaning is the tooltip either way."""
    css = status_anchor(status)
    meaning = escape_html(f"{status}: {STATUS_MEANINGS[status].plain}")
    if href is None:
        return Md(f'<span class="dossier-status {css}" title="{meaning}">{escape_html(status)}</span>')
    return Md(f'<a class="dossier-status {css}" href="{href}" title="{meaning}">{escape_html(status)}</a>')


def status_table() -> Md:
    """The editor's guide's table of statuses, from the same definitions the readers' pages print."""
    rows = [f"| `{status}` | {literal(meaning.use_when)} |" for status, meaning in STATUS_MEANINGS.items()]
    return Md("| Status | Use it when |\n| --- | --- |\n" + "\n".join(rows) + "\n")
