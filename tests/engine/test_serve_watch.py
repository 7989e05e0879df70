"""`make serve` watches the folder it builds from: a dossier outside data/ (DOSSIER_DATA_DIR, i.e.
extra.dossier.data_dir) is rebuilt on an edit without naming it with `-w`, though mkdocs.yml's `watch:` names
data/ only."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from benchmarks.serve_edit import free_port
from tests.conftest import MINI, ROOT
from tests.engine.test_serve import FIRST_BUILD_ATTEMPTS, stop_serving, wait_for_page


def test_serve_watches_the_configured_data_folder(tmp_path: Path) -> None:
    data_dir = tmp_path / "elsewhere"
    shutil.copytree(MINI, data_dir)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log_path = tmp_path / "serve.log"
    env = dict(os.environ, DOSSIER_DATA_DIR=str(data_dir), NO_MKDOCS_2_WARNING="1")
    with open(log_path, "wb") as log:
        # -v: MkDocs logs each watched path ("Watching '...'") at debug level.
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-v", "--strict", "-f", str(ROOT / "mkdocs.yml"),
                                   "-a", f"127.0.0.1:{port}"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_for_page(base + "actors/ben-okafor/", "Ben Okafor", server, attempts=FIRST_BUILD_ATTEMPTS)
            assert f"Watching '{data_dir}'" in log_path.read_text(errors="replace")
            statement = data_dir / "statements/okafor-doubts.yml"
            statement.write_text(re.sub(r'^text: "', 'text: "Words edited outside data. ', statement.read_text(encoding="utf-8"),
                                        count=1, flags=re.M), encoding="utf-8")
            wait_for_page(base + "statements/okafor-doubts/", "Words edited outside data.", server)
        finally:
            stop_serving(server)
