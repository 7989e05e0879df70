"""Where one `mkdocs serve --dirty` rebuild spends its time after a statement is edited, under cProfile.

    python -m benchmarks.rebuild_profile [--statements 3000] [--out /tmp/rebuild.prof]

Runs in one process what `mkdocs serve --dirty` runs on every change: a fresh config, then a dirty build,
with the engine's serve-time caches kept between builds (as `on_startup` sets them up). It builds once,
then edits one statement's text and rebuilds three times, timing each; the last rebuild runs under
cProfile and its top functions are printed. Rebuilds are 2.5 s apart, as an editor's saves are, so the
heap settles in between as under `mkdocs serve` (plugin.fast.heap.HeapPolicy.settle). What it leaves out is the file
watcher's polling (MkDocs polls every 0.5 s) and the HTTP round trip, which `benchmarks.serve_edit` includes.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from .run import ROOT
from .synthetic import generate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.rebuild_profile", description=__doc__.split("\n\n")[0])
    parser.add_argument("--statements", type=int, default=3000)
    parser.add_argument("--out", type=Path, default=Path("/tmp/rebuild.prof"), help="cProfile output of the last rebuild")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="dossier-rebuild-"))
    data_dir, site_dir = work / "data", work / "site"
    generate(data_dir, args.statements)
    os.environ["DOSSIER_DATA_DIR"] = str(data_dir)
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    os.chdir(ROOT)

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.config.defaults import MkDocsConfig

    from macros.plugin.fast.heap import HeapPolicy

    serve_url = "http://127.0.0.1:8000/"

    def config() -> MkDocsConfig:
        loaded = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(site_dir))
        loaded.site_url = serve_url
        return loaded

    first = config()
    first.plugins.on_startup(command="serve", dirty=True)
    try:
        started = time.perf_counter()
        build(first, serve_url=serve_url, dirty=True)
        print(f"first build: {time.perf_counter() - started:.2f} s", file=sys.stderr)
        statement = sorted((data_dir / "statements").glob("*.yml"))[args.statements // 2]
        profile = cProfile.Profile()
        for edit in range(3):
            time.sleep(HeapPolicy.SETTLE_DELAY + 1.5)  # as between an editor's saves: the server settles its heap after a build
            text = statement.read_text(encoding="utf-8")
            statement.write_text(re.sub(r"^text: (['\"]?)", rf"text: \g<1>Edited{edit} ", text, count=1, flags=re.M), encoding="utf-8")
            started = time.perf_counter()
            if edit == 2:
                profile.enable()
            build(config(), serve_url=serve_url, dirty=True)  # serve reloads the config on every change
            profile.disable()
            print(f"rebuild {edit + 1}{' (under cProfile)' if edit == 2 else ''}: {time.perf_counter() - started:.2f} s", file=sys.stderr)
        profile.dump_stats(args.out)
        pstats.Stats(str(args.out)).sort_stats("cumulative").print_stats(40)
    finally:
        first.plugins.on_shutdown()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
