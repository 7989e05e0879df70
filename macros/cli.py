"""Command line: `python -m macros check|schema|verify-quotes|new`. Fast: no MkDocs import."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from .errors import format_report
from .schema import KINDS, json_schema
from .quotes import verify_quotes
from .site import check

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description="Work with a dossier's data folder.")
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", help="validate the data folder without building the site")
    check_cmd.add_argument("data_dir", nargs="?", default="data", type=Path)
    verify_cmd = commands.add_parser("verify-quotes", help="check every quote against archive copies of its sources")
    verify_cmd.add_argument("data_dir", nargs="?", default="data", type=Path)
    verify_cmd.add_argument("--archive", required=True, type=Path, help="folder holding the sources' archive: files")
    schema_cmd = commands.add_parser("schema", help="write one JSON Schema per record kind")
    schema_cmd.add_argument("--out", default=ROOT / "schema", type=Path)
    args = parser.parse_args(argv)
    if args.command == "check":
        return run_check(args.data_dir)
    if args.command == "verify-quotes":
        return run_verify_quotes(args.data_dir, args.archive)
    if args.command == "schema":
        return write_schemas(args.out)
    return 2


def run_check(data_dir: Path) -> int:
    started = time.perf_counter()
    dossier = check(data_dir)
    elapsed = time.perf_counter() - started
    counts = ", ".join(f"{n} {kind}" for kind, n in dossier.count().items())
    if dossier.errors:
        print(format_report(dossier.errors), file=sys.stderr)
        return 1
    print(f"ok: {counts} ({elapsed:.2f} s)")
    return 0


def write_schemas(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    for kind in KINDS:
        (out / f"{kind}.schema.json").write_text(json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(KINDS)} schemas to {os.path.relpath(out)}")
    return 0


def run_verify_quotes(data_dir: Path, archive_dir: Path) -> int:
    dossier = check(data_dir)
    if dossier.errors:
        print(format_report(dossier.errors), file=sys.stderr)
        return 1
    report = verify_quotes(dossier, archive_dir)
    for item in report.unverifiable:
        print(f"not verifiable (no archive copy): {item}")
    if report.errors:
        print(format_report(report.errors), file=sys.stderr)
        return 1
    print(f"ok: {report.checked} quotations found verbatim in their archived sources")
    return 0
