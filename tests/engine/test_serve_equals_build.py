"""What `make serve` shows is what `mkdocs build --strict` publishes, after any edit.

A copy of the project (its mkdocs.yml, docs/ with an editor's memo embedding records, and the mini dossier
as data/) is served as `make serve` serves it. A seeded random sequence of edits is applied to it: record
fields, data/dossier.yml, the nav in mkdocs.yml, the memo, a record added, deleted, renamed. After each
edit, once the server has rebuilt, every file a fresh `mkdocs build --strict` of the same files writes is
fetched from the server and compared with the built one, byte for byte, apart from the live-reload script
MkDocs adds to served pages and the site's address in "Cite this page", which a preview leaves unset on
purpose (serving.site_for).

The served site's address is its `site_url` (MkDocs sets it under serve): the fresh build gets the same.
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from benchmarks.serve_edit import free_port
from tests.conftest import MINI, ROOT
from tests.engine.test_serve import FIRST_BUILD_ATTEMPTS, stop_serving, until
from tests.real_clients import differs_between_builds

SEED = 25
EDITS = 15  # every kind of edit at least once (EDIT_KINDS), then random ones

MEMO = """\
# Weekly memo

Written by the desk, round {round}.

{{{{ quote("statements/lopez-opens-2027") }}}}

The cost is {{{{ figure("figures/bridge-cost") }}}}. The key claim: {{{{ claim("claims/bridge-opens-in-2027") }}}}.
See {{{{ cite("sources/ledger-bridge-report") }}}}.
{extra}
"""

# The one difference a preview makes on purpose (serving.site_for): "Cite this page" leaves the site's
# address unset under `mkdocs serve`, a preview not being a publication. Applied to the built page.
# The citation may hold elements (a right-to-left name's <bdi>): any text up to its own </p>.
CITATION_ADDRESS = re.compile(rb'(<p class="dossier-citation">(?:(?!</p>).)*?) (?:https?://[^ <]*?)/([^ <]*)</p>')


def as_previewed(page: bytes) -> bytes:
    return CITATION_ADDRESS.sub(rb"\1 /\2 (the site's web address is not yet set)</p>", page)


# MkDocs' livereload script, added before </body> of every served page (mkdocs.livereload._inject_js_into_html).
LIVERELOAD = re.compile(rb"<script>\s*var livereload = function.*?livereload\(\d+, \d+\);\s*</script>(?=</body>)", re.S)


class Project:
    """A copy of the project to edit: mkdocs.yml, docs/, data/ (the mini dossier); the engine and theme linked."""

    def __init__(self, folder: Path):
        self.folder = folder
        folder.mkdir()
        for shared in ("macros", "overrides"):
            (folder / shared).symlink_to(ROOT / shared, target_is_directory=True)
        shutil.copytree(ROOT / "docs", folder / "docs")
        shutil.copytree(MINI, folder / "data")
        config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        self.config = folder / "mkdocs.yml"
        self.config.write_text(config.replace("  - About: about.md\n", "  - About: about.md\n  - Memo: memo.md\n"), encoding="utf-8")
        self.memo(round_=0, extra="")
        self.added: list[str] = []  # ids of actors this test added (nothing refers to them: safe to delete)
        self.round = 0

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def memo(self, round_: int, extra: str) -> None:
        (self.folder / "docs/memo.md").write_text(MEMO.format(round=round_, extra=extra), encoding="utf-8")

    def replace(self, relative: str, pattern: str, new: str) -> None:
        path = self.folder / relative
        text = path.read_text(encoding="utf-8")
        changed = re.sub(pattern, new, text, count=1, flags=re.M)
        assert changed != text, f"{pattern!r} not in {relative}"
        path.write_text(changed, encoding="utf-8")


# --- the edits: each returns what it did, for the failure message -------------------------------------
def edit_quote(project: Project, rng: random.Random) -> str:
    project.replace("data/statements/okafor-doubts.yml", r'^text: "', f'text: "Round {project.round}. ')
    return "a quote's text"


def edit_actor_name(project: Project, rng: random.Random) -> str:
    project.replace("data/actors/ben-okafor.yml", r"^name: .*$", f"name: Ben Okafor {rng.choice('ABCDE')}{project.round}")
    return "an actor's name (shown wherever he is quoted)"


def edit_claim_note(project: Project, rng: random.Random) -> str:
    project.replace("data/claims/bridge-opens-in-2027.yml", r"^status_note: ", f"status_note: Round {project.round}. ")
    return "a claim's status note"


def edit_dossier(project: Project, rng: random.Random) -> str:
    field = rng.choice(["publisher", "scope"])
    project.replace("data/dossier.yml", rf"^{field}: .*$", f"{field}: The {field} as of round {project.round}")
    return f"data/dossier.yml {field}"


def edit_nav(project: Project, rng: random.Random) -> str:
    project.replace("mkdocs.yml", r"^  - (Methodology|How we work[^:]*): methodology.md$",
                    f"  - How we work {project.round}: methodology.md")
    return "a nav title in mkdocs.yml"


def edit_memo(project: Project, rng: random.Random) -> str:
    embeds = ['{{ quote("statements/okafor-doubts") }}', '{{ claim("claims/bridge-opens-in-2027") }}',
              '{{ figure("figures/bridge-cost") }}']
    project.memo(project.round, rng.choice(embeds))
    return "the memo and what it embeds"


def add_actor(project: Project, rng: random.Random) -> str:
    record_id = f"newcomer-{project.round}"
    (project.data / f"actors/{record_id}.yml").write_text(
        f"name: Nadia Newcomer {project.round}\nkind: person\nrole: analyst\n", encoding="utf-8")
    project.added.append(record_id)
    return f"actor {record_id} added"


def delete_actor(project: Project, rng: random.Random) -> str:
    if not project.added:
        return add_actor(project, rng)
    record_id = project.added.pop(rng.randrange(len(project.added)))
    (project.data / f"actors/{record_id}.yml").unlink()
    return f"actor {record_id} deleted"


def rename_record(project: Project, rng: random.Random) -> str:
    old = next(project.data.glob("events/tender*.yml"))
    new = project.data / f"events/tender-{project.round}.yml"
    old.rename(new)
    return f"{old.name} renamed {new.name}"


EDIT_KINDS: list[Callable[[Project, random.Random], str]] = [
    edit_quote, edit_actor_name, edit_claim_note, edit_dossier, edit_nav, edit_memo, add_actor, delete_actor, rename_record]


def edit_sequence(rng: random.Random) -> list[Callable[[Project, random.Random], str]]:
    """EDITS edits: every kind once, in a random order, then random kinds."""
    return rng.sample(EDIT_KINDS, len(EDIT_KINDS)) + rng.choices(EDIT_KINDS, k=EDITS - len(EDIT_KINDS))


# --- serving and building -----------------------------------------------------------------------------
def environment(project: Project) -> dict[str, str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("DOSSIER_")}
    return dict(environ, DOSSIER_DATA_DIR=str(project.data), NO_MKDOCS_2_WARNING="1")


def fresh_build(project: Project, site_url: str, site: Path) -> dict[str, bytes]:
    """Every file a fresh `mkdocs build --strict` of the project writes: relative path → bytes."""
    shutil.rmtree(site, ignore_errors=True)
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(project.config), "-d", str(site)],
                           cwd=project.folder, env=dict(environment(project), DOSSIER_SITE_URL=site_url),
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr
    # sitemap.xml.gz: gzip stamps the time it was written in its header (the sitemap itself is compared).
    return {path.relative_to(site).as_posix(): as_previewed(path.read_bytes()) for path in sorted(site.rglob("*"))
            if path.is_file() and path.name != "sitemap.xml.gz" and not differs_between_builds(path.relative_to(site))}



def served(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            body: bytes = response.read()
            return LIVERELOAD.sub(b"", body)
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def differences(base: str, expected: dict[str, bytes]) -> list[str]:
    """The built files the server answers differently (by URL path)."""
    different = []
    for path, body in expected.items():
        url = base + (path.removesuffix("index.html") if path.endswith("index.html") else path)
        if served(url) != body:
            different.append(path)
    return different


def served_differently(base: str, expected: dict[str, bytes], server: subprocess.Popen[bytes]) -> list[str]:
    """The files served differently from `expected`, asked again a few times: a save of several files may
    reach the server in more than one rebuild."""
    mismatched: list[str] = []

    def equal() -> bool:
        mismatched[:] = differences(base, expected)
        return not mismatched

    with contextlib.suppress(AssertionError):
        until(equal, "the served site to equal the fresh build", server, attempts=50)
    return mismatched


def builds_logged(log: Path) -> int:
    """Rebuilds the server has finished (and told open pages to reload after), failed or not."""
    return log.read_text(errors="replace").count("Reloading browsers")


def test_the_served_site_equals_a_fresh_build_after_every_edit(tmp_path: Path) -> None:
    compare_served_with_built(tmp_path, [])


def test_the_comparison_catches_a_stale_page(tmp_path: Path) -> None:
    """Negative control: under `mkdocs serve --dirty` (what `make serve` ran before) the home page, whose counts
    a new record changes, stays stale, and the same comparison says so."""
    with pytest.raises(AssertionError, match=r"served differently from the fresh build: \[.*'index.html'"):
        compare_served_with_built(tmp_path, ["--dirty"])


def compare_served_with_built(tmp_path: Path, options: list[str]) -> None:
    """Serve a copy of the project (`mkdocs serve --strict` and `options`), apply the seeded edits, and after each
    compare the served site with a fresh build."""
    project = Project(tmp_path / "project")
    rng = random.Random(SEED)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log = tmp_path / "serve.log"
    with open(log, "wb") as log_file:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", *options, "-f", str(project.config),
                                   "-a", f"127.0.0.1:{port}"],
                                  cwd=project.folder, env=environment(project), stdout=log_file, stderr=subprocess.STDOUT)
        try:
            until(lambda: served(base) is not None, "the first build", server, attempts=FIRST_BUILD_ATTEMPTS)
            done = ["none (the first build)"]
            for round_, edit in enumerate([None, *edit_sequence(rng)]):
                if edit is not None:
                    project.round = round_
                    builds = builds_logged(log)
                    done.append(edit(project, rng))

                    def rebuilt(builds: int = builds) -> bool:
                        return builds_logged(log) > builds

                    until(rebuilt, f"a rebuild after edit {round_}: {done[-1]}", server)
                expected = fresh_build(project, base, tmp_path / "fresh")
                mismatched = served_differently(base, expected, server)
                assert not mismatched, f"after edits {done}: served differently from the fresh build: {mismatched}"
            assert len(done) == EDITS + 1
            assert "Traceback" not in log.read_text(errors="replace")
        finally:
            stop_serving(server)
