"""The editors' own pages in docs/: every macro call and `[[kind/id]]` link checked before anything is
rendered, so that `python -m macros check`, `mkdocs build` and `mkdocs serve` all report a wrong id or a
misspelt macro as one line, `docs/memo.md:14: quote: no statement 'x' (did you mean …)`, never as
Jinja's traceback.

Only what is written out is checked: a macro's name, and a record reference given as a literal text
(`quote("statements/x")`); a reference built by a Jinja expression is checked when the page renders
(embeds.Embeds). Code (`…`, fenced blocks) and `{% raw %}` spans are examples, not calls.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from .errors import DataError, did_you_mean
from .fonts import page_characters
from .schema import ID_PATTERN, KINDS, MODELS, Record

# Every macro and variable a page may call, besides each kind's page and index macros (pages.RECORD_MACROS,
# pages.INDEX_MACROS) and the embeds (embeds.EMBED_KINDS): the ones macros.define_env defines, then
# mkdocs-macros' own and Jinja's global functions.
SITE_MACROS = ("home_overview", "about_dossier", "field_reference", "record_kinds", "status_definitions", "status_table",
               "example_reference")
BUILT_IN_MACROS = ("context", "macros_info", "now", "fix_url", "range", "dict", "lipsum", "cycler", "joiner", "namespace")
# (macro, record kind) of the macros that take one record: the embeds.
EMBEDS = {"quote": "statements", "figure": "figures", "claim": "claims", "cite": "sources"}

_CALL = re.compile(r"\{\{-?\s*([A-Za-z_]\w*)\s*\(\s*(?:(['\"])([^'\"\n]*)\2)?")
_LINK = re.compile(r"\[\[([^\]|\n]+?)(?:\|[^\]\n]*)?\]\]")
_LINK_LABELLED = re.compile(r"\[\[([^\]|\n]+?)(?:\|([^\]\n]*))?\]\]")
# What is not a call: raw spans, fenced code, inline code. Blanked out, line breaks kept, so lines still count.
_NOT_CALLS = re.compile(r"\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}|^(```|~~~).*?^\1|`[^`\n]+`", re.S | re.M)


# Code in the Markdown a page renders to: `[[kind/id]]` written there is an example, shown as written.
_CODE = re.compile(r"^(```|~~~).*?^\1|`[^`\n]+`", re.S | re.M)


def resolve_links(markdown: str, link: Callable[[str, str, str | None], str | None]) -> str:
    """An editor's page with each `[[kind/id]]` or `[[kind/id|label]]` outside code made a link:
    `link(kind, id, label)` gives it, or None to leave the text as written (check has reported it)."""
    if "[[" not in markdown:
        return markdown
    code = [found.span() for found in _CODE.finditer(markdown)]

    def replace(found: re.Match[str]) -> str:
        if any(start <= found.start() < end for start, end in code):
            return found.group()
        kind, _, record_id = found.group(1).strip().partition("/")
        label = found.group(2)
        made = link(kind, record_id, label.strip() if label else None) if kind in KINDS else None
        return made if made is not None else found.group()

    return _LINK_LABELLED.sub(replace, markdown)


def known_macros() -> list[str]:
    """As pages.RECORD_MACROS and pages.INDEX_MACROS name them, from the models (pages imports the renderer,
    which `check` does without)."""
    kinds = [name for model in MODELS.values() for name in (model.record_macro, model.index_macro) if name]
    return sorted({*kinds, *EMBEDS, *SITE_MACROS, *BUILT_IN_MACROS})


def reference_problem(macro: str, reference: str, kind: str, records: Mapping[str, Mapping[str, Any]]) -> tuple[str, str] | None:
    """Why `reference` ("kind/id") is not a record `macro` can show (message, hint), or None. The one wording
    for the check before rendering and for the macro itself (embeds.Embeds)."""
    model = MODELS[kind]
    written_kind, slash, record_id = reference.partition("/")
    if not slash or not re.match(ID_PATTERN, record_id):
        return f"'{reference}' is not a reference", f'write it as "{kind}/<id>"'
    if written_kind != kind:
        return f"'{reference}' is not one of the {kind}", f'{macro}() shows {kind}: write "{kind}/<id>"'
    if not isinstance(records[kind].get(record_id), model):
        close = difflib.get_close_matches(record_id, list(records[kind]), n=1)
        hint = f'did you mean "{kind}/{close[0]}"?' if close else f"no file data/{kind}/{record_id}.yml"
        return f"no {model.singular} '{record_id}'", hint
    return None


def link_problem(target: str, records: Mapping[str, Mapping[str, Any]]) -> tuple[str, str] | None:
    """Why a `[[kind/id]]` link names no record (message, hint), or None."""
    kind, _, record_id = target.strip().partition("/")
    if kind not in KINDS:
        return f"'{kind}' is not a record kind", did_you_mean(kind, KINDS) or f"the kinds are: {', '.join(KINDS)}"
    if record_id not in records[kind]:
        close = did_you_mean(record_id, records[kind])
        return f"no {MODELS[kind].singular} '{record_id}'", close or f"no file data/{kind}/{record_id}.yml"
    return None


def page_errors(shown: str, text: str, records: Mapping[str, Mapping[str, Record]], macros: Iterable[str]) -> list[DataError]:
    """Every wrong macro name, embed reference and `[[kind/id]]` link on one page (`shown`: its path in messages)."""
    known = set(macros)
    calls = _NOT_CALLS.sub(lambda found: re.sub(r"[^\n]", " ", found.group()), text)
    errors = []
    for found in _CALL.finditer(calls):
        name, reference = found.group(1), found.group(3)
        line = calls.count("\n", 0, found.start()) + 1
        if name not in known:
            close = did_you_mean(name, known)
            errors.append(DataError(shown, line, name, f"no macro '{name}'",
                                    f"{close + ' ' if close else ''}an editor's page shows records with "
                                    f"{', '.join(f'{embed}()' for embed in EMBEDS)}; the guide lists every macro"))
        elif name in EMBEDS and reference is not None:
            problem = reference_problem(name, reference, EMBEDS[name], records)
            if problem:
                errors.append(DataError(shown, line, name, *problem))
    for found in _LINK.finditer(calls):
        problem = link_problem(found.group(1), records)
        if problem:
            errors.append(DataError(shown, calls.count("\n", 0, found.start()) + 1, f"[[{found.group(1)}]]", *problem))
    return errors


def editor_page_errors(docs_dir: Path, records: Mapping[str, Mapping[str, Record]], shown_from: Path) -> list[DataError]:
    """The errors of every Markdown page in `docs_dir` (paths shown relative to `shown_from` where they can be),
    a character no font draws among them."""
    errors: list[DataError] = []
    macros: list[str] | None = None
    for path in sorted(docs_dir.rglob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        try:
            shown = path.resolve().relative_to(shown_from.resolve()).as_posix()
        except ValueError:
            shown = str(path)
        errors += page_characters(shown, text)[1]  # a character no font draws (fonts.py)
        if "{{" not in text and "[[" not in text:
            continue
        macros = macros if macros is not None else known_macros()
        errors += page_errors(shown, text, records, macros)
    return errors
