"""The edit loop: how long after saving a YAML record `mkdocs serve` serves the changed page.

    python -m benchmarks.serve_edit [--statements 3000] [--edits 5] [--dirty | --no-dirty]

Starts `mkdocs serve` on 127.0.0.1 (a free port) over a synthetic dossier, waits for the first build
(the statement page answers 200), then edits one statement's text several times, 3 s apart. After each
save it waits as the open page in a browser does: on MkDocs' livereload long poll, which answers when a
rebuild has finished; it then fetches the page, and reports the time from the save to the page showing
the new words: the watcher's delay, the whole rebuild and the serving, as an editor sees it. (Polling the
page itself would see it as soon as its file is written, before the rebuild ends, and the polling
requests would slow the server down.)
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from .run import BIN, ROOT, environment
from .synthetic import generate


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str, timeout: float = 5) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            body: bytes = response.read()
            return body.decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, needle: str, timeout: float, server: subprocess.Popen[bytes]) -> float:
    """Poll until the page contains `needle`; seconds waited."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if server.poll() is not None:
            raise RuntimeError(f"mkdocs serve exited ({server.returncode}); see its log")
        page = fetch(url)
        if page is not None and needle in page:
            return time.perf_counter() - started
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not show {needle!r} within {timeout:.0f} s")


_LIVERELOAD = re.compile(r"livereload\((\d+), (\d+)\)")


def livereload_of(url: str) -> tuple[str, str]:
    """(epoch, request id) the served page's livereload script waits on."""
    found = _LIVERELOAD.search(fetch(url) or "")
    if found is None:
        raise RuntimeError(f"{url} has no livereload script: is it served by mkdocs serve?")
    return found[1], found[2]


def wait_for_reload(url: str, base: str, since: tuple[str, str], needle: str, timeout: float,
                    server: subprocess.Popen[bytes]) -> None:
    """Wait on livereload like the page's script does (from the page as served `since`) until a rebuild
    shows `needle`."""
    started = time.perf_counter()
    epoch, request = since
    while time.perf_counter() - started < timeout:
        if server.poll() is not None:
            raise RuntimeError(f"mkdocs serve exited ({server.returncode}); see its log")
        newer = fetch(f"{base}livereload/{epoch}/{request}", timeout=90)  # answers when a newer build is visible
        if newer is None or int(newer) <= int(epoch):
            continue
        if needle in (fetch(url) or ""):
            return
        epoch = newer  # a rebuild that started before the save: wait for the next one
    raise TimeoutError(f"{url} did not show {needle!r} within {timeout:.0f} s")


def measure(work: Path, statements: int, edits: int, dirty: bool, log=print) -> tuple[float, list[float]]:  # type: ignore[no-untyped-def]
    """(first build seconds, [seconds from each save to the page showing it])."""
    data_dir = work / f"serve-data-{statements}"
    generate(data_dir, statements)
    record_id = f"statement-{statements // 2:06d}"
    record = data_dir / "statements" / f"{record_id}.yml"
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    url = f"{base}statements/{record_id}/"
    command = [str(BIN / "mkdocs"), "serve", "-f", str(ROOT / "mkdocs.yml"), "-a", f"127.0.0.1:{port}",
               "-w", str(data_dir)] + (["--dirty"] if dirty else [])
    log_path = work / "serve.log"
    with open(log_path, "wb") as server_log:
        server = subprocess.Popen(command, env=environment(DOSSIER_DATA_DIR=str(data_dir)), cwd=ROOT,
                                  stdout=server_log, stderr=subprocess.STDOUT)
    try:
        first_build = wait_for(url, "<html", timeout=600, server=server)
        log(f"  first build served after {first_build:.1f} s")
        times = []
        for i in range(edits):
            # An editor reads the page before the next save; the server settles its heap 1 s after a build.
            time.sleep(3.0)
            marker = f"Editmarker{i}x{int(time.time())}"
            text = record.read_text(encoding="utf-8")
            since = livereload_of(url)
            record.write_text(re.sub(r'^text: "', f'text: "{marker} ', text, count=1, flags=re.M), encoding="utf-8")
            saved = time.perf_counter()
            wait_for_reload(url, base, since, marker, timeout=600, server=server)
            times.append(time.perf_counter() - saved)
            log(f"  edit {i + 1}: page shows the change {times[-1]:.2f} s after the save")
        return first_build, times
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.serve_edit", description=__doc__.split("\n\n")[0])
    parser.add_argument("--statements", type=int, default=3000)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--dirty", action=argparse.BooleanOptionalAction, default=True,
                        help="serve with --dirty (the default, as `make serve` does)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/dossier-bench"))
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    first, times = measure(args.work, args.statements, args.edits, args.dirty,
                           log=lambda line: print(line, file=sys.stderr, flush=True))
    mode = "mkdocs serve --dirty" if args.dirty else "mkdocs serve"
    print(f"{mode}, {args.statements:,} statements: first build {first:.1f} s; edit → page served: "
          f"median {statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f}, {len(times)} edits)")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    sys.exit(main())
