"""Where one build's time goes: MkDocs' phases of an in-process build, timed.

    python -m benchmarks.phases [--data DATA_DIR] [--config MKDOCS_YML] [--site SITE_DIR]

Builds once (the project's mkdocs.yml on DATA_DIR by default, or any MkDocs config, e.g. a plain site
written by `benchmarks.run`) and prints the seconds spent in: Python-Markdown per top folder
(`Page.render`), building each page from the theme's templates (`_build_page`), the search plugin's
parsing, every MkDocs event (all plugins and hooks together), the garbage collector, and the CPU time of this
process and of the processes it waited for. Wall times of
one run, with the light overhead of the wrappers: compare two builds run one after the other, not
with another day's figures. cProfile says more about one function; this says which phase to look at.
"""

from __future__ import annotations

import argparse
import collections
import gc
import os
import resource
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .run import ROOT

Timings = collections.defaultdict[str, float]


def _timed(timings: Timings, label: Callable[..., str], function: Callable[..., Any]) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            timings[label(*args, **kwargs)] += time.perf_counter() - started

    return timed


def build_with_timings(config_file: Path, site_dir: Path) -> Timings:
    from material.plugins.search.plugin import SearchPlugin
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.plugins import PluginCollection
    from mkdocs.structure.pages import Page

    timings: Timings = collections.defaultdict(float)
    # Each function wrapped in place, the way the build finds it (setattr: mypy rightly refuses assigning to a
    # method, and timing it is the point here).
    timed_functions: list[tuple[object, str, Callable[..., str]]] = [
        (mkdocs_build, "_build_page", lambda *a, **k: "pages from the theme's templates (_build_page)"),
        (Page, "render", lambda page, *a, **k: f"  Markdown, {page.file.src_uri.split('/')[0]}"),
        (SearchPlugin, "on_page_context", lambda *a, **k: "  search plugin parsing pages"),
        (PluginCollection, "run_event", lambda self, name, *a, **k: f"event {name} (plugins and hooks)"),
    ]
    for owner, name, label in timed_functions:
        setattr(owner, name, _timed(timings, label, getattr(owner, name)))
    collecting: dict[str, float] = {}

    def collector(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collecting["since"] = time.perf_counter()
        else:
            timings[f"garbage collection, generation {info['generation']}"] += time.perf_counter() - collecting["since"]

    shutil.rmtree(site_dir, ignore_errors=True)
    gc.callbacks.append(collector)
    cpu = _cpu_seconds()
    started = time.perf_counter()
    try:
        mkdocs_build.build(load_config(str(config_file), site_dir=str(site_dir)))
    finally:
        gc.callbacks.remove(collector)
    timings["whole build"] = time.perf_counter() - started
    # On two cores the build is as long as the busier core: what each process spent tells which that is.
    mine, children = (after - before for after, before in zip(_cpu_seconds(), cpu, strict=True))
    timings["CPU time of this process (MkDocs, the engine's hooks)"] = mine
    timings["CPU time of the processes it waited for (the engine's second process, Pagefind's service)"] = children
    return timings


def _cpu_seconds() -> tuple[float, float]:
    """User + system seconds of this process, and of its children that ended and were waited for."""
    mine, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return mine.ru_utime + mine.ru_stime, children.ru_utime + children.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.phases", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, help="dossier data folder (DOSSIER_DATA_DIR)")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help="MkDocs config (default: the project's)")
    parser.add_argument("--site", type=Path, default=Path("/tmp/dossier-phases-site"), help="where to build (emptied first)")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if args.data:
        os.environ["DOSSIER_DATA_DIR"] = str(args.data.resolve())
    timings = build_with_timings(args.config, args.site)
    for label, seconds in sorted(timings.items(), key=lambda item: -item[1]):
        if seconds >= 0.01:
            print(f"{seconds:8.2f} s  {label}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
