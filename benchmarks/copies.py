"""A large dossier made of copies of a real one: its statements, claims, figures and events copied until
there are N statements, its actors, sources and topics shared by every copy.

    python -m benchmarks.copies OUT_DIR --statements 1000 [--source data]

This is the shape real dossiers grow into, which `benchmarks.synthetic` only imitates: the same few
actors speak every copy's statements and are the subject of every copy's claims, so their profile pages
list hundreds of records, and the pages carry the real records' length of text and density of links.
Copy k (from 1) gives each copied record the id `<id>-copy<k>`, and points every reference that copy
makes to a copied kind (a field's id or a `[[kind/id]]` link in prose) at the same copy; copy 0 is the
original. The copies are valid records, and the quotes still match the archive (their words are not
changed). The same source writes the same files, byte for byte.
"""

from __future__ import annotations

import argparse
import math
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

from .synthetic import Sizes

COPIED = ("statements", "claims", "figures", "events")
SHARED = ("actors", "sources", "topics")


def _records(source: Path, kind: str) -> dict[str, Any]:
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted((source / kind).glob("*.yml"))}


def generate(out: Path, statements: int, source: Path) -> Sizes:
    """Write into `out` (emptied first) copies of the dossier in `source` until it has `statements`
    statements (rounded up to whole copies); return the sizes written."""
    copied = {kind: _records(source, kind) for kind in COPIED}
    shared_ids = {record_id for kind in SHARED for record_id in _records(source, kind)}
    copied_ids = {record_id for records in copied.values() for record_id in records}
    # A bare id in a field is rewritten when it names a copied record: it must not also name a shared one.
    ambiguous = copied_ids & shared_ids
    if ambiguous:
        raise SystemExit(f"cannot copy {source}: ids used by two kinds, one copied and one shared: {', '.join(sorted(ambiguous))}")
    per_copy = len(copied["statements"])
    if per_copy == 0:
        raise SystemExit(f"cannot copy {source}: it has no statements")
    copies = math.ceil(statements / per_copy)
    link = re.compile(r"\[\[(" + "|".join(COPIED) + r")/([a-z0-9-]+)")

    def rewritten(value: Any, suffix: str) -> Any:
        if isinstance(value, str):
            if value in copied_ids:
                return value + suffix
            return link.sub(lambda found: f"[[{found[1]}/{found[2]}{suffix}" if found[2] in copied_ids else found[0], value)
        if isinstance(value, list):
            return [rewritten(item, suffix) for item in value]
        if isinstance(value, dict):
            return {key: rewritten(item, suffix) for key, item in value.items()}
        return value

    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(source, out, ignore=shutil.ignore_patterns(*COPIED))
    for kind, records in copied.items():
        (out / kind).mkdir()
        for k in range(1, copies):
            suffix = f"-copy{k}"
            for record_id, record in records.items():
                text = yaml.safe_dump(rewritten(record, suffix), sort_keys=False, allow_unicode=True, width=100)
                (out / kind / f"{record_id}{suffix}.yml").write_text(text, encoding="utf-8")
        for path in sorted((source / kind).glob("*.yml")):
            shutil.copyfile(path, out / kind / path.name)
    _log_corrections_of_copies(out / "dossier.yml", copied_ids, copies)
    counts = {kind: len(list((out / kind).glob("*.yml"))) for kind in COPIED + SHARED}
    return Sizes(**counts)


def _log_corrections_of_copies(meta_file: Path, copied_ids: set[str], copies: int) -> None:
    """A copy of a corrected record is corrected too: each entry of the corrections log names every copy of
    the records it names (a history row without a source must be matched there, or the copy is invalid)."""
    if not meta_file.is_file():
        return
    meta = yaml.safe_load(meta_file.read_text(encoding="utf-8")) or {}
    for entry in meta.get("corrections") or []:
        named = list(entry.get("records") or [])
        entry["records"] = named + [f"{reference}-copy{k}" for k in range(1, copies) for reference in named
                                    if reference.partition("/")[0] in COPIED and reference.partition("/")[2] in copied_ids]
    meta_file.write_text(yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.copies", description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="data folder to write (replaced if it exists)")
    parser.add_argument("--statements", type=int, default=1000)
    parser.add_argument("--source", type=Path, default=Path("data"), help="the dossier to copy (default: data)")
    args = parser.parse_args(argv)
    sizes = generate(args.out, args.statements, args.source)
    print(f"wrote {args.out}: {sizes}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
