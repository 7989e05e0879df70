"""The serve terminal: `make serve PORT=…` serves on that port, a port already taken is one line, not MkDocs'
traceback, and every failed rebuild prints its own errors (MkDocs' duplicate filter no longer swallows a repeat)."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys

import pytest

from tests.conftest import MINI, ROOT


def test_make_serve_takes_a_port() -> None:
    dry_run = subprocess.run(["make", "-n", "-W", ".venv/bin/mkdocs", "serve", "PORT=8123"], cwd=ROOT, capture_output=True, text=True)
    assert ".venv/bin/python -m mkdocs serve --strict --dev-addr 127.0.0.1:8123" in dry_run.stdout.splitlines()
    default = subprocess.run(["make", "-n", "serve"], cwd=ROOT, capture_output=True, text=True)
    assert ".venv/bin/python -m mkdocs serve --strict --dev-addr 127.0.0.1:8000" in default.stdout.splitlines()


def test_a_busy_port_is_one_line() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        served = subprocess.run([sys.executable, "-m", "mkdocs", "serve", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
                                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600,
                                env=dict(os.environ, DOSSIER_DATA_DIR=str(MINI), NO_MKDOCS_2_WARNING="1"))
    assert served.returncode == 1
    assert [line for line in served.stdout.splitlines() if line and not line.startswith("INFO")] == [
        f"Cannot serve on 127.0.0.1:{port}: Address already in use (another `make serve` may be running: stop it, "
        f"or serve on another port, e.g. make serve PORT={port + 1})"]


def test_a_repeated_error_is_printed_for_every_rebuild(caplog: pytest.LogCaptureFixture) -> None:
    from mkdocs.utils import DuplicateFilter

    from tests.conftest import dossier_plugin

    plugin = dossier_plugin()
    build_log = logging.getLogger("mkdocs.commands.build")
    duplicates = DuplicateFilter()  # as `mkdocs serve` installs it (mkdocs.__main__)
    build_log.addFilter(duplicates)
    try:
        # The control: MkDocs' filter prints a message once, whatever the rebuild.
        build_log.error("docs/memo.md:5: quote: no statement 'x'")
        build_log.error("docs/memo.md:5: quote: no statement 'x'")
        assert caplog.messages == ["docs/memo.md:5: quote: no statement 'x'"]
        plugin.start_serving(dirty=False)
        try:
            build_log.error("docs/memo.md:5: quote: no statement 'x'")
            build_log.error("docs/memo.md:5: quote: no statement 'x'")
        finally:
            plugin.stop_serving()
        assert caplog.messages == ["docs/memo.md:5: quote: no statement 'x'"] * 3
        assert duplicates in build_log.filters  # put back when serving stops
    finally:
        build_log.removeFilter(duplicates)
