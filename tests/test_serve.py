"""The editor's loop, end to end: `mkdocs serve --dirty` (what `make serve` runs) over a data folder,
edited while it runs. A new record gets its page, an edit shows on its page and on the pages that link
to it, a bad edit keeps the server up, and fixing it brings the pages back, all without a restart."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.serve_edit import free_port, wait_for
from tests.conftest import MINI, ROOT


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path, subprocess.Popen[bytes]]]:
    data_dir = tmp_path / "data"
    shutil.copytree(MINI, data_dir)
    port = free_port()
    env = dict(os.environ, DOSSIER_DATA_DIR=str(data_dir), NO_MKDOCS_2_WARNING="1")
    log = open(tmp_path / "serve.log", "wb")  # noqa: SIM115 (closed below, after the server)
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "--dirty", "-f", str(ROOT / "mkdocs.yml"),
                               "-a", f"127.0.0.1:{port}", "-w", str(data_dir)],
                              cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(base + "actors/ben-okafor/", "Ben Okafor", timeout=120, server=server)
        yield base, data_dir, server
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        print((tmp_path / "serve.log").read_text(errors="replace")[-3000:])


def test_edits_new_records_and_mistakes_are_picked_up_without_a_restart(served) -> None:  # type: ignore[no-untyped-def]
    base, data_dir, server = served

    # An edited quote shows on its own page and on its speaker's profile (a backlink).
    statement = data_dir / "statements/okafor-doubts.yml"
    statement.write_text(re.sub(r'^text: "', 'text: "Freshly edited words. ', statement.read_text(encoding="utf-8"),
                                count=1, flags=re.M), encoding="utf-8")
    wait_for(base + "statements/okafor-doubts/", "Freshly edited words.", timeout=60, server=server)
    wait_for(base + "actors/ben-okafor/", "Freshly edited words.", timeout=60, server=server)

    # A new actor, copied from another file, gets its page; nobody wrote Markdown or Python.
    (data_dir / "actors/new-person.yml").write_text(
        (data_dir / "actors/ben-okafor.yml").read_text(encoding="utf-8").replace("Ben Okafor", "Nadia Newcomer"),
        encoding="utf-8")
    wait_for(base + "actors/new-person/", "Nadia Newcomer", timeout=60, server=server)
    wait_for(base + "actors/", "Nadia Newcomer", timeout=60, server=server)

    # A mistake: the server stays up, the log names the file and field, the last good pages stay served.
    good = statement.read_text(encoding="utf-8")
    statement.write_text(good.replace("speaker: ben-okafor", "speaker: ben-okafr"), encoding="utf-8")
    log = Path(data_dir.parent / "serve.log")
    wait_for_log(log, "statements/okafor-doubts.yml", server)
    assert "ben-okafr" in log.read_text(errors="replace")
    assert server.poll() is None
    # (MkDocs holds requests while the last build failed: "the server will appear stuck until build
    # errors are resolved", so the pages are not fetched here.)

    # Fixed: the next build succeeds and an edit made after the fix shows.
    statement.write_text(good.replace("Freshly edited words.", "Fixed and edited again."), encoding="utf-8")
    wait_for(base + "statements/okafor-doubts/", "Fixed and edited again.", timeout=60, server=server)


def wait_for_log(log: Path, needle: str, server: subprocess.Popen[bytes], timeout: float = 60) -> None:
    import time

    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if needle in log.read_text(errors="replace"):
            return
        assert server.poll() is None, "mkdocs serve exited after a bad edit"
        time.sleep(0.1)
    raise TimeoutError(f"{needle!r} not in the serve log within {timeout} s")


def test_serving_settles_the_heap_after_each_build_and_releases_it_on_stop(monkeypatch: pytest.MonkeyPatch) -> None:
    """Under `mkdocs serve` the objects left after a build are frozen out of the garbage collector's scans
    (mkdocs_glue.settle_heap); stopping undoes it. A one-off build does not do it."""
    import gc
    import time

    from macros import mkdocs_glue

    monkeypatch.setattr(mkdocs_glue, "SETTLE_DELAY", 0.01)
    mkdocs_glue.build_finished()  # not serving: nothing scheduled
    time.sleep(0.2)
    assert gc.get_freeze_count() == 0
    mkdocs_glue.start_serving(dirty=False)
    try:
        mkdocs_glue.build_finished()
        deadline = time.perf_counter() + 10
        while gc.get_freeze_count() == 0 and time.perf_counter() < deadline:
            time.sleep(0.05)
        assert gc.get_freeze_count() > 0
    finally:
        mkdocs_glue.stop_serving()
    assert gc.get_freeze_count() == 0
