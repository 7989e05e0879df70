"""Command line: `python -m macros check|new|verify-quotes|schema|write-site`. Fast: no MkDocs import.

Output is for people first: errors grouped under the file they are in, a summary with counts per kind,
colour only on a terminal (never when NO_COLOR is set, on CI, or when piped), and exit status 1 whenever
something is wrong, so `make check`, pre-commit and CI stop on it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Any, TextIO

import yaml

from macros.plugin.fast.checking import CheckingFast
from macros.records.check import add_characters, read
from macros.records.errors import DataError, DossierInvalid, plural
from macros.records.load import display_path
from macros.records.quotes import verify_quotes
from macros.records.schema import KINDS, MODELS, json_schema
from macros.records.validate import validate

ROOT = Path(__file__).resolve().parent.parent

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


# --- presentation ----------------------------------------------------------------------------------


def use_colour(stream: TextIO) -> bool:
    """Colour only for a person at a terminal: not when piped, not on CI, not when NO_COLOR is set."""
    if os.environ.get("NO_COLOR"):  # https://no-color.org: any non-empty value
        return False
    if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
        return False
    if os.environ.get("TERM") == "dumb":
        return False
    return hasattr(stream, "isatty") and stream.isatty()


class Style:
    """ANSI styles that collapse to plain text when colour is off."""

    def __init__(self, colour: bool):
        self.colour = colour

    def _wrap(self, code: str, text: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.colour else text

    def bold(self, text: str) -> str:
        return self._wrap("1", text)

    def red(self, text: str) -> str:
        return self._wrap("31", text)

    def green(self, text: str) -> str:
        return self._wrap("32", text)

    def yellow(self, text: str) -> str:
        return self._wrap("33", text)

    def dim(self, text: str) -> str:
        return self._wrap("2", text)


def format_errors(errors: list[DataError], style: Style) -> str:
    """Errors grouped by file, in file order then line order; each with its line, field and hint.

    data/statements/x.yml  (2 errors)
      line 4   speaker: no actor 'jane-do'
               hint: did you mean 'jane-doe'?
    """
    blocks = []
    for path, group in groupby(sorted(errors), key=lambda error: error.path):
        items = list(group)
        lines = [f"{style.bold(path)}  {style.dim('(' + plural(len(items), 'error') + ')')}"]
        for error in items:
            where = f"line {error.line}" if error.line else "file"
            what = f"{error.field}: {error.message}" if error.field else error.message
            lines.append(f"  {style.dim(where.ljust(8))} {style.red(what)}")
            if error.hint:
                lines.append(f"  {' ' * 8} {style.green('hint: ' + error.hint)}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def kind_counts(present: dict[str, set[str]], errors: list[DataError]) -> str:
    """'35 actors, 5 sources (1 with errors), …': records found per kind, and how many have errors."""
    broken = Counter(Path(path).parent.name for path in {error.path for error in errors})
    parts = []
    for kind in KINDS:
        text = plural(len(present[kind]), MODELS[kind].singular)
        if broken[kind]:
            text += f" ({broken[kind]} with errors)"
        parts.append(text)
    return ", ".join(parts)


# --- settings: where the data, the archive and the pages are, as the build reads them ------------------


class _SettingsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as MkDocs does for the few settings the commands need: `!ENV [NAME, …, default]` is
    the first variable set, else the default; other tags (`!!python/name:…`) are not needed and read as None."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    values = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node), None]  # type: ignore[arg-type]
    *names, default = values
    return next((os.environ[name] for name in names if name in os.environ), default)


_SettingsLoader.add_constructor("!ENV", _env_tag)
_SettingsLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    archive_dir: Path
    docs_dir: Path


def project_settings(config_file: Path = Path("mkdocs.yml")) -> Settings:
    """The data, archive and docs folders `mkdocs build` run here would use: the working folder's mkdocs.yml,
    its `extra.dossier` (where DOSSIER_DATA_DIR and DOSSIER_ARCHIVE_DIR win) and `docs_dir`, relative to it;
    shown relative to the working folder when they are inside it, as the editor would type them. Without
    a mkdocs.yml here: data/, archive/ and docs/ here, or the variables."""
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_SettingsLoader) or {}
    except (OSError, yaml.YAMLError):
        config = {}
    extra = config.get("extra") if isinstance(config, dict) else None
    dossier = (extra or {}).get("dossier") or {} if isinstance(extra, dict) else {}

    def folder(value: object, default: str) -> Path:
        path = config_file.parent / str(value or default)
        try:
            return path.resolve().relative_to(Path.cwd().resolve())
        except ValueError:
            return path

    return Settings(folder(os.environ.get("DOSSIER_DATA_DIR") or dossier.get("data_dir"), "data"),
                    folder(os.environ.get("DOSSIER_ARCHIVE_DIR") or dossier.get("archive_dir"), "archive"),
                    folder(config.get("docs_dir") if isinstance(config, dict) else None, "docs"))


# --- commands --------------------------------------------------------------------------------------


def run_check(target: Path, out: TextIO | None = None, err: TextIO | None = None, docs_dir: Path | None = None,
              archive_dir: Path | None = None) -> int:
    """Validate a data folder; print every error grouped by file, then a summary. 1 if anything is wrong.

    Beyond the records: the claims' statuses against their evidence, the editors' pages in `docs_dir`, and,
    when `archive_dir` is a folder, the quotations verbatim and the editors' own text against the sources'
    archive copies (a source without an `archive:` copy is not compared).

    `target` may also be one kind folder or one record file of a data folder: the whole folder is checked
    (references need every record) and only the errors of that part are shown."""
    out, err = out or sys.stdout, err or sys.stderr
    style = Style(use_colour(err))
    data_dir, part = _what_to_check(target)
    if data_dir is None:
        print(f"{style.red('error')}: {part}", file=err)
        print(f"{style.green('hint')}: check takes the data folder (the one holding {'/, '.join(KINDS[:2])}/ …), "
              "one kind folder in it, or one record file data/<kind>/<id>.yml", file=err)
        return EXIT_USAGE
    fast = CheckingFast()  # large folders parsed in worker processes, the collector paused (plugin/fast/)
    with fast.collector_paused():
        loaded = read(data_dir, parse_many=fast.parse_many)
        dossier = validate(loaded)
        add_characters(dossier, loaded, data_dir)  # a character no font draws, as the build reports it
    total = sum(len(ids) for ids in loaded.present.values())
    errors = dossier.errors
    if not errors:
        # What the build and the dossier's rules would reject beyond the records' own errors: the claims'
        # statuses against their evidence, and the editors' pages in docs/ (their macros and links).
        from macros.records.status_rules import status_errors
        from macros.site.editor_pages import editor_page_errors

        errors = status_errors(dossier, loaded) + editor_page_errors(docs_dir or ROOT / "docs", dossier.records, Path.cwd())
        if archive_dir is not None and archive_dir.is_dir():
            from macros.records.own_words import own_words_errors

            errors += verify_quotes(dossier, archive_dir).errors + own_words_errors(dossier, archive_dir)
        elif archive_dir is not None and any(getattr(source, "archive", None) for source in dossier.records.get("sources", {}).values()):
            # Not an error (a clone without the archive still checks its records), but never a silent pass.
            print(f"{style.yellow('note')}: archive folder {display_path(archive_dir)} not found: quotations and the editors' "
                  "own words were not compared with the sources (set DOSSIER_ARCHIVE_DIR)", file=err)
    if isinstance(part, str):
        errors = [error for error in errors if error.path == part or error.path.startswith(part + "/")]
    if not errors:
        style = Style(use_colour(out))
        if isinstance(part, str):
            print(f"{style.green('ok')}: {part}: no errors (checked with the {plural(total, 'record')} in {data_dir})", file=out)
        else:
            print(f"{style.green('ok')}: {plural(total, 'record')} in {data_dir}, no errors: {kind_counts(loaded.present, errors)}", file=out)
        return EXIT_OK
    files = len({error.path for error in errors})
    print(format_errors(errors, style), file=err)
    print(file=err)
    summary = f"{plural(len(errors), 'error')} in {plural(files, 'file')}"
    if isinstance(part, str):
        summary = f"{plural(len(errors), 'error')} in {part}" if Path(part).name not in KINDS else f"{summary} in {part}"
        print(f"{style.red(style.bold(summary))} (checked with the {plural(total, 'record')} in {data_dir})", file=err)
    else:
        print(f"{style.red(style.bold(summary))}; {plural(total, 'record')} in {data_dir}: {kind_counts(loaded.present, errors)}", file=err)
    return EXIT_ERRORS


def _what_to_check(target: Path) -> tuple[Path | None, str | None]:
    """(data folder, the part of it to report as shown in messages, or None for all of it); or (None, why not)."""
    in_kind_folder = target.parent.name in KINDS
    if target.is_dir() and target.name in KINDS and not any((target / kind).is_dir() for kind in KINDS):
        return target.parent, display_path(target)  # one kind folder: data/actors
    if target.is_dir() or not (target.exists() or target.is_symlink()):
        if not target.exists() and in_kind_folder and target.suffix in (".yml", ".yaml"):
            return None, f"no file {display_path(target)}"
        return target, None  # a data folder; or none there, which the check reports as such
    if in_kind_folder:
        # One record file, broken link or not: shown as the loader shows the files of its folder.
        return target.parent.parent, f"{display_path(target.parent)}/{target.name}"
    return None, f"{display_path(target)} is a file, not a data folder or a record file in one"


def run_new(data_dir: Path, kind: str, record_id: str, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Create a record file from its template. The path alone goes to stdout, so `code $(… new …)` works."""
    # Imported here: the scaffold reads the editor's guide, which loads Jinja and the renderer, and
    # `check` (timed against its 3 s target at 10,000 statements) needs neither.
    from macros.scaffold import ScaffoldError, create

    out, err = out or sys.stdout, err or sys.stderr
    style = Style(use_colour(err))
    try:
        path = create(data_dir, kind, record_id)
    except ScaffoldError as error:
        print(f"{style.red('error')}: {error.message}", file=err)
        if error.hint:
            print(f"{style.green('hint')}: {error.hint}", file=err)
        return EXIT_USAGE if error.usage else EXIT_ERRORS
    print(display_path(path), file=out)
    print(style.dim("fill in the fields marked 'required', then run: make check"), file=err)
    return EXIT_OK


def write_schemas(out_dir: Path, out: TextIO | None = None) -> int:
    """Write one JSON Schema per record kind (what editors' YAML extensions and the site use)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for kind in KINDS:
        text = json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"
        (out_dir / f"{kind}.schema.json").write_text(text, encoding="utf-8")
    print(f"wrote {len(KINDS)} schemas to {os.path.relpath(out_dir)}", file=out or sys.stdout)
    return EXIT_OK


# The "yaml.schemas" map of VS Code's settings: the one block `make schema` rewrites. Its values hold no
# braces, so the block ends at the first "}".
_SCHEMA_MAP = re.compile(r'^(?P<indent>[ \t]*)"yaml\.schemas"[ \t]*:[ \t]*\{[^{}]*\}', re.MULTILINE)
# A line that is only a comment: VS Code's settings are JSON with comments.
_COMMENT_LINE = re.compile(r"^[ \t]*//.*$", re.MULTILINE)


def editor_settings(text: str | None, schema_dir: str = "./schema") -> str:
    """VS Code's settings (`text`, or None for a new file) with a "yaml.schemas" map naming every kind's
    schema (`schema_dir`, relative to the workspace) for the files of that kind; the comments and other
    settings stay as they are."""
    if text is None:
        text = "{\n}\n"
    found = _SCHEMA_MAP.search(text)
    indent = found.group("indent") if found else "  "
    entries = ",\n".join(f"{indent * 2}{json.dumps(f'{schema_dir}/{kind}.schema.json')}: {json.dumps(f'data/{kind}/*.yml')}"
                          for kind in KINDS)
    block = f'{indent}"yaml.schemas": {{\n{entries}\n{indent}}}'
    if found:
        return text[:found.start()] + block + text[found.end():]
    try:
        others = json.loads(_COMMENT_LINE.sub("", text))
    except json.JSONDecodeError as error:
        raise ValueError(f"line {error.lineno}: not JSON ({error.msg})") from None
    if not isinstance(others, dict):
        raise ValueError("line 1: not a JSON object ({ ... })")
    opening = text.index("{") + 1  # the map comes first, with a comma if other settings follow
    return f"{text[:opening]}\n{block}{',' if others else ''}{text[opening:]}"


def write_editor_settings(settings: Path, schema_dir: Path, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Rewrite the "yaml.schemas" map of VS Code's `settings` (see `editor_settings`), or create the file."""
    workspace = settings.parent.parent  # settings live in <workspace>/.vscode/
    relative = Path(os.path.relpath(schema_dir, workspace)).as_posix()
    text = settings.read_text(encoding="utf-8") if settings.is_file() else None
    try:
        new_text = editor_settings(text, f"./{relative}")
    except ValueError as error:
        err = err or sys.stderr
        style = Style(use_colour(err))
        where, _, message = str(error).partition(": ")
        print(f"{style.red('error')}: {display_path(settings)}:{where.removeprefix('line ')}: {message}", file=err)
        print(f"{style.green('hint')}: fix the file, or delete it and run `make schema` again to start it afresh", file=err)
        return EXIT_ERRORS
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(new_text, encoding="utf-8")
    print(f"named the {len(KINDS)} schemas in {os.path.relpath(settings)}", file=out or sys.stdout)
    return EXIT_OK


def run_verify_quotes(data_dir: Path, archive_dir: Path, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Check every quotation against the archive copies of the sources printing it."""
    out, err = out or sys.stdout, err or sys.stderr
    if not archive_dir.is_dir():
        style = Style(use_colour(err))
        what = "is a file, not a folder" if archive_dir.exists() else "not found"
        print(f"{style.red('error')}: archive folder {display_path(archive_dir)} {what}", file=err)
        print(f"{style.green('hint')}: --archive takes the folder holding the files named in the sources' archive: fields", file=err)
        return EXIT_USAGE
    dossier = validate(read(data_dir))
    if dossier.errors:
        print(format_errors(dossier.errors, Style(use_colour(err))), file=err)
        print(f"\n{plural(len(dossier.errors), 'error')} in the data: fix them before verifying quotes", file=err)
        return EXIT_ERRORS
    report = verify_quotes(dossier, archive_dir)
    for item in report.unverifiable:
        print(f"not verifiable (no archive copy): {item}", file=out)
    if report.errors:
        print(format_errors(report.errors, Style(use_colour(err))), file=err)
        print(f"\n{plural(len(report.errors), 'quotation')} not found verbatim; {report.checked} checked", file=err)
        return EXIT_ERRORS
    print(f"ok: {report.checked} quotations found verbatim in their archived sources", file=out)
    return EXIT_OK


def run_write_site(out_dir: Path, config: Path, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """The dossier as a plain MkDocs project in `out_dir` (macros/plain_project.py); its data errors as `check` shows them."""
    from macros.plain_project import write_site  # imports MkDocs, which `check` does without

    try:
        written = write_site(out_dir, config)
    except DossierInvalid as error:
        err = err or sys.stderr
        print(format_errors(error.errors, Style(use_colour(err))), file=err)
        print(f"\n{plural(len(error.errors), 'error')} in the data: fix them before writing the site", file=err)
        return EXIT_ERRORS
    pages = sum(1 for path in written.pages if path.endswith(".md"))
    print(f"wrote {plural(pages, 'page')} and {plural(len(written.pages) - pages + len(written.files), 'other file')} "
          f"to {os.path.relpath(out_dir)}; build it with: mkdocs build -f {os.path.relpath(out_dir / 'mkdocs.yml')}", file=out or sys.stdout)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description="Work with a dossier's data folder.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check_cmd = commands.add_parser("check", help="validate the data folder without building the site")
    check_cmd.add_argument("data_dir", nargs="?", type=Path, help="default: the build's (DOSSIER_DATA_DIR, or mkdocs.yml's extra.dossier)")

    kinds = ", ".join(model.singular for model in MODELS.values())
    new_cmd = commands.add_parser("new", help="start a record file from a template",
                                  description=f"Create data/<kind>/<id>.yml with every required field to fill in. "
                                              f"Kinds: {kinds} (singular or plural). Never overwrites.")
    new_cmd.add_argument("kind", help="record kind, e.g. statement or statements")
    new_cmd.add_argument("id", help="the new record's id: lowercase letters and digits joined by '-'")
    new_cmd.add_argument("--data-dir", type=Path, help="data folder (default: the build's, as for check)")

    verify_cmd = commands.add_parser("verify-quotes", help="check every quote against archive copies of its sources")
    verify_cmd.add_argument("data_dir", nargs="?", type=Path, help="default: the build's, as for check")
    verify_cmd.add_argument("--archive", type=Path, help="folder holding the sources' archive: files (default: the build's: "
                                                         "DOSSIER_ARCHIVE_DIR, or mkdocs.yml's extra.dossier.archive_dir)")

    schema_cmd = commands.add_parser("schema", help="write one JSON Schema per record kind, and name them in VS Code's settings")
    schema_cmd.add_argument("--out", default=ROOT / "schema", type=Path)
    schema_cmd.add_argument("--settings", default=ROOT / ".vscode" / "settings.json", type=Path,
                            help='VS Code settings whose "yaml.schemas" map to rewrite (default: .vscode/settings.json)')

    site_cmd = commands.add_parser("write-site", help="write the dossier as a plain MkDocs project that builds without this engine",
                                   description="Write DIR/mkdocs.yml and DIR/docs/: every page as Markdown, the exports, feed and assets; "
                                               "no hooks, no macros plugin (maintainers/exit-plan.md). DIR is replaced.")
    site_cmd.add_argument("out_dir", metavar="DIR", type=Path)
    site_cmd.add_argument("--config", default=ROOT / "mkdocs.yml", type=Path, help="the project's mkdocs.yml (default: mkdocs.yml)")

    args = parser.parse_args(argv)
    settings = project_settings()
    data_dir = getattr(args, "data_dir", None) or settings.data_dir
    if args.command == "check":
        return run_check(data_dir, docs_dir=settings.docs_dir, archive_dir=settings.archive_dir)
    if args.command == "new":
        return run_new(data_dir, args.kind, args.id)
    if args.command == "verify-quotes":
        return run_verify_quotes(data_dir, args.archive or settings.archive_dir)
    if args.command == "schema":
        return write_schemas(args.out) or write_editor_settings(args.settings, args.out)
    if args.command == "write-site":
        return run_write_site(args.out_dir, args.config)
    return EXIT_USAGE
