"""Time the dossier build against plain Material at the same page count, and print the table.

    python -m benchmarks.run [--sizes 1000,3000,10000] [--runs 3] [--shapes uniform,concentrated] [--work /tmp/dossier-bench]

For each size N it writes (a) a synthetic dossier of N statements (`benchmarks.synthetic`) and (b) a
plain Material site of the same pages (`benchmarks.plain`), then builds them in rounds, each round every
shape's dossier and its static copy, then the plain site once, each build a fresh `mkdocs build` process,
so machine noise hits all alike. Wall time is the median of the runs; a ratio is the median of the rounds'
ratios; CPU time is user + system of the build and the process it forks; peak RSS is the child's maximum
resident set (os.wait4). It also times the data check alone
(`python -m macros check`). The growth exponent is the slope of log(time) against log(N) from the
smallest to the largest size: 1.0 is linear, 2.0 quadratic.

Where the scratch folder is matters on some machines. On ext4 without a journal (the benchmark machine's
disk) the kernel, making a file, steps over every inode freed in the last minutes (`recently_deleted`), so a
series that deletes each build's site before the next slows as it goes, and most for the build that writes
the most files (the dossier's web build writes 2,584 at 1,000 statements, Pagefind's 1,266 among them; the
plain site 1,277). `--work /dev/shm/dossier-bench` (a tmpfs) measures the builds alone.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import copies
from .plain import write_plain_site, write_static_copy
from .synthetic import SHAPES as SYNTHETIC_SHAPES
from .synthetic import Sizes, generate

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


@dataclass
class Run:
    seconds: float
    peak_rss_mb: float
    cpu_seconds: float = 0.0  # user + system, the process and the children it waited for (a forked one)


@dataclass
class Result:
    variant: str
    statements: int
    runs: list[Run] = field(default_factory=list)
    pages: int = 0
    site_mb: float = 0.0
    search_mb: float = 0.0
    shape: str = "uniform"  # of the dossier (SHAPES); for a plain site, its folder's name

    @property
    def median(self) -> float:
        return statistics.median(run.seconds for run in self.runs)

    @property
    def spread(self) -> tuple[float, float]:
        times = [run.seconds for run in self.runs]
        return min(times), max(times)

    @property
    def peak_rss_mb(self) -> float:
        return max(run.peak_rss_mb for run in self.runs)

    @property
    def cpu_median(self) -> float:
        return statistics.median(run.cpu_seconds for run in self.runs)

    def over(self, baseline: Result) -> float:
        """The median of the ratios run by run: run i of each was built back to back, so a slow spell of
        the machine weighs on both sides of a ratio, not on one side of a ratio of medians."""
        return statistics.median(mine.seconds / theirs.seconds for mine, theirs in zip(self.runs, baseline.runs, strict=True))


def timed(command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None, clean: Path | None = None) -> Run:
    """Run one process to completion; its wall time and peak RSS. Fails loudly if it fails.

    `clean`: a folder removed before the clock starts (the previous build's site, which `mkdocs build`
    would otherwise spend seconds deleting, more for the larger site)."""
    if clean is not None:
        shutil.rmtree(clean, ignore_errors=True)
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert process.stdout is not None
    output = process.stdout.read()
    process.stdout.close()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{output.decode(errors='replace')[-3000:]}")
    return Run(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)  # ru_maxrss is in KiB on Linux


def environment(**extra: str) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.update(extra)
    return env


def build_dossier(data_dir: Path, site_dir: Path, root: Path = ROOT) -> Run:
    """`root`: the checkout whose engine builds it (benchmarks.versus times two). Its `macros` package comes first
    on the path: this venv's editable install would otherwise import this checkout's engine for every root."""
    return timed([str(BIN / "mkdocs"), "build", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(site_dir)],
                 env=environment(DOSSIER_DATA_DIR=str(data_dir), PYTHONPATH=str(root)), clean=site_dir)


def build_plain(project: Path, site_dir: Path) -> Run:
    return timed([str(BIN / "mkdocs"), "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
                 env=environment(), clean=site_dir)


def check_data(data_dir: Path) -> Run:
    return timed([str(BIN / "python"), "-m", "macros", "check", str(data_dir)], env=environment(), cwd=ROOT)


def measure_site(result: Result, site_dir: Path) -> None:
    result.pages = sum(1 for _ in site_dir.rglob("index.html"))
    result.site_mb = sum(p.stat().st_size for p in site_dir.rglob("*") if p.is_file()) / 1e6
    material = site_dir / "search" / "search_index.json"  # Material's; the dossier's web build has Pagefind's parts
    files = [material] if material.is_file() else [path for folder in site_dir.glob("pagefind*") for path in folder.rglob("*") if path.is_file()]
    result.search_mb = sum(path.stat().st_size for path in files) / 1e6


SHAPES = (*SYNTHETIC_SHAPES, "copies")


def prepare(work: Path, n: int, static: bool = False, shape: str = "uniform") -> tuple[Path, Path, Path | None]:
    """(dossier data folder, plain 80-word site of the same page count, and if asked the dossier's
    Markdown as a static site). Shape `copies`: copies of the dossier in data/ (or DOSSIER_DATA_DIR),
    benchmarks.copies; the others are synthetic (benchmarks.synthetic)."""
    suffix = f"{n}" if shape == "uniform" else f"{n}-{shape}"
    data_dir, static_dir = work / f"data-{suffix}", work / f"static-{suffix}"
    if shape == "copies":
        sizes = copies.generate(data_dir, n, Path(os.environ.get("DOSSIER_DATA_DIR") or ROOT / "data"))
        plain_dir = work / f"plain-{n}-copies"
    else:
        sizes = Sizes.for_statements(n)
        generate(data_dir, n, shape=shape)
        plain_dir = work / f"plain-{n}"
    write_plain_site(plain_dir, sizes)
    if static:
        write_static_copy(static_dir, data_dir)
    return data_dir, plain_dir, static_dir if static else None


def compare(work: Path, n: int, runs: int, log=print, shapes: tuple[str, ...] = ("uniform",)) -> list[tuple[Result, Result, Result, Result]]:  # type: ignore[no-untyped-def]
    """For each shape, (dossier, plain, check, static) of size n: the dossier, its Markdown as a static site,
    and in each round once each plain site (one per page count), `runs` rounds; the data check timed too.
    Shapes of the same page count are compared with the same plain builds, made in the same rounds, so their
    ratios differ by the shapes, not by the machine's mood between two series."""
    # Written by a child process: this one stays small, so the builds it starts report their own peak
    # RSS (a forked child starts with its parent's high-water mark).
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        prepared = [pool.submit(prepare, work, n, True, shape).result() for shape in shapes]
    plains = {plain_dir: Result("plain", n, shape=plain_dir.name) for _, plain_dir, _ in prepared}
    per_shape = [(Result("dossier", n, shape=shape), Result("check", n, shape=shape), Result("static", n, shape=shape))
                 for shape in shapes]
    for i in range(runs):
        builds: list[tuple[Result, Callable[[Path, Path], Run], Path | None]] = []
        for (dossier, _, static), (data_dir, _, static_dir) in zip(per_shape, prepared, strict=True):
            builds += [(dossier, build_dossier, data_dir), (static, build_plain, static_dir)]
        builds += [(plain, build_plain, plain_dir) for plain_dir, plain in plains.items()]
        for result, builder, source in builds:
            site_dir = work / f"site-{result.variant}-{result.shape}"
            assert source is not None
            result.runs.append(builder(source, site_dir))
            log(f"  N={n} {result.variant} {result.shape} run {i + 1}: {result.runs[-1].seconds:.2f} s, "
                f"{result.runs[-1].peak_rss_mb:.0f} MB")
        for (_, check, _), (data_dir, _, _) in zip(per_shape, prepared, strict=True):
            check.runs.append(check_data(data_dir))
    for result in [*plains.values(), *(r for dossier, _, static in per_shape for r in (dossier, static))]:
        measure_site(result, work / f"site-{result.variant}-{result.shape}")
    return [(dossier, plains[plain_dir], check, static)
            for (dossier, check, static), (_, plain_dir, _) in zip(per_shape, prepared, strict=True)]


def exponent(points: list[tuple[int, float]]) -> float:
    """Least-squares slope of log(time) on log(size)."""
    xs, ys = [math.log(n) for n, _ in points], [math.log(t) for _, t in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


LABELS = {"dossier": "dossier (this project)", "static": "same Markdown, static", "plain": "plain Material, 80-word pages",
          "check": "data check alone"}


def table(results: list[tuple[Result, Result, Result, Result]]) -> str:
    rows = ["| Statements | Build | Wall time, median (min–max) | CPU time, median | Peak RSS | Pages | Site | Search index | ÷ plain | ÷ static |",
            "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for dossier, plain, check, static in results:
        for result in (dossier, static, plain, check):
            low, high = result.spread
            over_plain = f"{result.over(plain):.2f}×" if result in (dossier, static) else ""
            over_static = f"{result.over(static):.2f}×" if result is dossier else ""
            site = (f"{result.pages:,} | {result.site_mb:.1f} MB | {result.search_mb:.2f} MB" if result is not check else " | | ")
            label = LABELS[result.variant] + (f", {result.shape}" if result.variant != "plain" and len({r[0].shape for r in results}) > 1 else "")
            rows.append(f"| {result.statements:,} | {label} | {result.median:.2f} s ({low:.2f}–{high:.2f}) | "
                        f"{result.cpu_median:.2f} s | {result.peak_rss_mb:.0f} MB | {site} | {over_plain} | {over_static} |")
    if len(results) > 1:
        growth = {LABELS[r.variant]: exponent([(triple[i].statements, triple[i].median) for triple in results])
                  for i, r in enumerate(results[0])}
        first, last = results[0][0].statements, results[-1][0].statements
        rows.append("")
        rows.append(f"Growth exponent {first:,} → {last:,} statements (log-log fit of the medians; 1.0 = linear): "
                    + ", ".join(f"{variant} {value:.2f}" for variant, value in growth.items()) + ".")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,3000,10000", help="comma-separated statement counts")
    parser.add_argument("--runs", type=int, default=3, help="builds of each site per size (median reported)")
    parser.add_argument("--shapes", default="uniform", help="comma-separated shapes of dossier: " + ", ".join(SHAPES)
                        + " (copies: of the dossier in data/, benchmarks.copies)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/dossier-bench"), help="scratch folder")
    parser.add_argument("--json", type=Path, help="also write the raw measurements here")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    results = []
    for n in (int(size) for size in args.sizes.split(",")):
        print(f"N={n}, shapes {args.shapes}: {Sizes.for_statements(n)}", file=sys.stderr)
        results += compare(args.work, n, args.runs, log=lambda line: print(line, file=sys.stderr, flush=True),
                           shapes=tuple(args.shapes.split(",")))
    by_shape = {shape: [triple for triple in results if triple[0].shape == shape] for shape in args.shapes.split(",")}
    print("\n\n".join(f"Shape: {shape}\n\n{table(triples)}" if len(by_shape) > 1 else table(triples) for shape, triples in by_shape.items()))
    if args.json:
        args.json.write_text(json.dumps([[{"variant": r.variant, "shape": r.shape, "statements": r.statements, "pages": r.pages,
                                           "site_mb": r.site_mb, "search_mb": r.search_mb,
                                           "runs": [vars(run) for run in r.runs]} for r in triple] for triple in results],
                                        indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
