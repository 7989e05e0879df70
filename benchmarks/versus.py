"""Two checkouts' builds of the same dossiers, in the same rounds: is this one faster or slower than that one?

    python -m benchmarks.versus OTHER_CHECKOUT [--statements 1000] [--runs 5] [--shapes uniform,concentrated,copies] [--work DIR]

Each round builds, for every shape, the dossier with this checkout's engine and with OTHER_CHECKOUT's
(e.g. `git worktree add /tmp/before <commit>`), then the plain Material site of the same page count, each
a fresh `mkdocs build` process, with this venv's packages. Two series timed one after the other drift
apart with the machine's speed (tens of percent within an hour on a shared host); built in the same rounds,
the ratios round by round are what changed. Prints, per shape, the medians and the medians of the rounds'
ratios: this ÷ plain, other ÷ plain, this ÷ other.
"""

from __future__ import annotations

import argparse
import multiprocessing
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .run import BIN, ROOT, SHAPES, Result, build_dossier, build_plain, environment, prepare


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.versus", description=__doc__.split("\n\n")[0])
    parser.add_argument("other", type=Path, help="the other checkout (its mkdocs.yml and macros/ build the dossier)")
    parser.add_argument("--statements", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated: " + ", ".join(SHAPES))
    parser.add_argument("--work", type=Path, default=Path("/tmp/dossier-versus"), help="scratch folder")
    args = parser.parse_args(argv)
    shapes = args.shapes.split(",")
    if not (args.other / "mkdocs.yml").is_file():
        parser.error(f"{args.other}: no mkdocs.yml there")
    for root in (ROOT, args.other.resolve()):  # each build must run its own checkout's engine, not the venv's
        engine = engine_of(root)
        if engine != root / "macros":
            parser.error(f"a build of {root} would run the engine in {engine}")
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        prepared = [pool.submit(prepare, args.work, args.statements, False, shape).result()[:2] for shape in shapes]
    plains = {plain_dir: Result("plain", args.statements, shape=plain_dir.name) for _, plain_dir in prepared}
    mine = [Result("dossier", args.statements, shape=shape) for shape in shapes]
    theirs = [Result("other", args.statements, shape=shape) for shape in shapes]
    for round_number in range(1, args.runs + 1):
        for this, other, (data_dir, _) in zip(mine, theirs, prepared, strict=True):
            this.runs.append(build_dossier(data_dir, args.work / "site-this"))
            other.runs.append(build_dossier(data_dir, args.work / "site-other", root=args.other.resolve()))
        for plain_dir, plain in plains.items():
            plain.runs.append(build_plain(plain_dir, args.work / "site-plain"))
        print(f"round {round_number} of {args.runs}: " + ", ".join(
            f"{r.shape} {r.runs[-1].seconds:.2f} s / other {o.runs[-1].seconds:.2f} s" for r, o in zip(mine, theirs, strict=True)),
            file=sys.stderr, flush=True)
    print(f"{args.statements:,} statements, {args.runs} rounds; this = {Path.cwd()}, other = {args.other}")
    print("| Shape | This, median | Other, median | Plain, median | This ÷ plain | Other ÷ plain | This ÷ other |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for this, other, (_, plain_dir) in zip(mine, theirs, prepared, strict=True):
        plain = plains[plain_dir]
        print(f"| {this.shape} | {this.median:.2f} s | {other.median:.2f} s | {plain.median:.2f} s | "
              f"{this.over(plain):.2f}× | {other.over(plain):.2f}× | {this.over(other):.2f}× |")
    return 0


def engine_of(root: Path) -> Path:
    """The `macros` package a build of `root` imports (build_dossier's environment, from another folder)."""
    printed = subprocess.run([str(BIN / "python"), "-c", "import macros, pathlib; print(pathlib.Path(macros.__file__).parent)"],
                             env=environment(PYTHONPATH=str(root)), cwd="/", capture_output=True, text=True, check=True)
    return Path(printed.stdout.strip()).resolve()


if __name__ == "__main__":
    sys.exit(main())
