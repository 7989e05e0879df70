"""The performance targets, checked: prints each figure beside its target and exits 1 on a miss.

    python -m benchmarks.guard [--statements 1000] [--runs 5] [--shapes uniform,concentrated] [--work DIR]   (make bench)

Wall-clock ratios depend on what else the machine is doing, so they are measured here, on purpose, and
never in the test suite (`make test` must fail only when the product is wrong). Run it on a quiet machine;
a miss on a busy one says "measure again", and the spread printed with each figure says how noisy it was.

Targets:
- the full build at most 1.25× plain Material with 80-word pages at the same page count (issue 5), for
  each shape of synthetic dossier, against the same plain builds;
- at most 1.0× the dossier's own pages built as static Markdown: above it, the engine costs more than it
  saves (it converts record pages itself, beside MkDocs);
- the record pages' search entries no larger than plain Material's (a ratio of sizes);
- a field of the longest length allowed (schema.MAX_TEXT_LENGTH), dense with text to escape, builds in
  under 30 s (it took minutes once, before that limit).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from .run import ROOT, SHAPES, build_dossier, compare
from .synthetic import KIND_FOLDERS
from .synthetic import SHAPES as SYNTHETIC_SHAPES

BUILD_OVER_PLAIN = 1.25
BUILD_OVER_STATIC = 1.0
SEARCH_OVER_PLAIN = 1.0
LONGEST_FIELD_SECONDS = 30.0


@dataclass
class Figure:
    name: str
    value: float
    target: float
    unit: str = "×"

    @property
    def met(self) -> bool:
        return self.value <= self.target

    def line(self) -> str:
        verdict = "met" if self.met else "MISSED"
        return f"{self.name:<62} {self.value:8.2f}{self.unit}   target ≤ {self.target:.2f}{self.unit}   {verdict}"


def record_entries_size(site: Path) -> int:
    """Bytes of the search index's entries for record pages, as Material writes them. Hand-written pages
    weigh as much at 1,000 statements as at 10,000, so they are left out."""
    docs = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    return sum(len(json.dumps(doc, separators=(",", ":"))) for doc in docs if doc["location"].partition("/")[0] in KIND_FOLDERS)


def longest_field_build(work: Path) -> float:
    """Seconds to build the mini dossier plus one actor whose summary is as long as a field may be."""
    from macros.records.schema import MAX_TEXT_LENGTH

    data_dir = work / "longest-field"
    shutil.rmtree(data_dir, ignore_errors=True)
    shutil.copytree(ROOT / "tests/fixtures/mini", data_dir)
    sentence = "Ağ şəhər ₼ 1,4 milyard <b>not bold</b> {{ 7+7 }}. "
    summary = (sentence * (MAX_TEXT_LENGTH // len(sentence))).strip()
    record = {"name": "Long Winded", "kind": "person", "summary": summary}
    (data_dir / "actors/long-winded.yml").write_text(yaml.safe_dump(record, allow_unicode=True, width=1 << 30), encoding="utf-8")
    return build_dossier(data_dir, work / "site-longest-field").seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.guard", description=__doc__.split("\n\n")[0])
    parser.add_argument("--statements", type=int, default=1000, help="size of the synthetic dossier")
    parser.add_argument("--runs", type=int, default=5, help="interleaved builds of each site (medians compared)")
    parser.add_argument("--shapes", default=",".join(SYNTHETIC_SHAPES), help="comma-separated shapes of dossier: " + ", ".join(SHAPES))
    parser.add_argument("--work", type=Path, help="scratch folder (default: a temporary one, removed after)")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="dossier-guard-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.strftime("%Y-%m-%d %H:%M:%S")
    try:
        log = lambda line: print(line, file=sys.stderr, flush=True)  # noqa: E731
        shapes = tuple(args.shapes.split(","))
        unknown = set(shapes) - set(SHAPES)
        if unknown:
            parser.error(f"--shapes: unknown {', '.join(sorted(unknown))} (known: {', '.join(SHAPES)})")
        results = compare(work, args.statements, args.runs, log=log, shapes=shapes)
        figures = []
        for dossier, plain, _, static in results:
            of = f"{args.statements:,} statements, {dossier.shape}"
            figures += [
                Figure(f"full build ÷ plain Material ({of})", dossier.over(plain), BUILD_OVER_PLAIN),
                Figure(f"full build ÷ its own pages as static Markdown ({of})", dossier.over(static), BUILD_OVER_STATIC),
            ]
            site = work / f"site-dossier-{dossier.shape}"
            if (site / "search/search_index.json").is_file():  # the web build writes none (Pagefind searches it)
                figures.append(Figure(f"record pages' search entries ÷ plain Material's ({of})",
                                      record_entries_size(site) / record_entries_size(work / f"site-plain-{plain.shape}"),
                                      SEARCH_OVER_PLAIN))
        figures.append(Figure("build with one field of the longest length allowed", longest_field_build(work), LONGEST_FIELD_SECONDS, " s"))
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"performance guard, started {started}, medians of {args.runs} interleaved runs (ratios: the median of the runs' ratios):")
    plains = list({id(plain): plain for _, plain, _, _ in results}.values())
    for result in [*plains, *(r for dossier, _, _, static in results for r in (dossier, static))]:
        low, high = result.spread
        label = f"{result.variant}, {result.shape}"
        print(f"  {label:<22} {result.median:6.2f} s (min {low:.2f}, max {high:.2f}), CPU {result.cpu_median:.2f} s")
    for figure in figures:
        print("  " + figure.line())
    missed = [figure for figure in figures if not figure.met]
    if missed:
        print(f"{len(missed)} target(s) missed. On a busy machine, measure again before calling it a regression; "
              "maintainers/performance.md says where the time goes.")
        return 1
    print("every target met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
