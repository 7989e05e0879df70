"""Classes of hostile input from a held-out set (issue 26, section 3), each with its exact message or output:
a shallow clone's dates, a build killed by a signal to its own process, ids that imitate others or are
too long."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from macros.cli import main
from macros.records.changes import SHALLOW_HISTORY, git_change_dates
from macros.records.check import check
from macros.records.id_rules import ID_LENGTH_LIMIT
from macros.records.quotes import verify_quotes
from tests.conftest import MINI, ROOT, build, write
from tests.real_clients import wait_until

# --- a shallow clone ------------------------------------------------------------------------------------


def _git(repo: Path, *args: str, date: str = "2024-01-01T00:00:00+00:00") -> str:
    env = dict(os.environ, GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org", GIT_CONFIG_GLOBAL="/dev/null")
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True).stdout


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """A repository whose data/ changed three times: a.yml and b.yml in January, b.yml in February, a.yml in March."""
    repo = tmp_path / "origin"
    (repo / "data").mkdir(parents=True)
    _git(repo, "init", "-q", "-b", "main")
    for date, changed in (("2024-01-01", ("a", "b")), ("2024-02-01", ("b",)), ("2024-03-01", ("a",))):
        for name in changed:
            (repo / "data" / f"{name}.yml").write_text(f"name: {name} {date}\n", encoding="utf-8")
        _git(repo, "add", ".")
        _git(repo, "commit", "-q", "-m", date, date=f"{date}T00:00:00+00:00")
    return repo


def test_a_full_history_dates_each_file_by_its_last_change(history: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO):
        assert git_change_dates(history / "data") == {"a.yml": "2024-03-01T00:00:00+00:00", "b.yml": "2024-02-01T00:00:00+00:00"}
    assert SHALLOW_HISTORY not in caplog.text


@pytest.mark.parametrize(("depth", "known"), [("1", {}), ("2", {"a.yml": "2024-03-01T00:00:00+00:00"})])
def test_a_shallow_clone_dates_only_what_its_history_shows_and_says_so(history: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                                                     depth: str, known: dict[str, str]) -> None:
    """`git clone --depth 1` dated every file by its one commit (March, for b.yml changed in February). The
    clone's oldest commit lists every file, so only the commits after it date a file; the rest keep their
    records' own dates, and the build says why."""
    clone = tmp_path / f"clone-{depth}"
    _git(tmp_path, "clone", "-q", "--depth", depth, f"file://{history}", str(clone))
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.dossier"):
        assert git_change_dates(clone / "data") == known
    assert caplog.messages == [SHALLOW_HISTORY]
    assert SHALLOW_HISTORY == ("the data folder's git history is shallow (a clone made with --depth): records it shows no change of "
                               "are dated by their own dates in the feed, not by git. For the change dates, run `git fetch --unshallow`")


# --- a build killed by SIGTERM or SIGKILL to its own process --------------------------------------------

# A build's page processes (background.MadeInBackground, two taking turns) making pages without end, in a
# process that then waits to be killed. `guarded` False: the control, the processes started without the guard.
_BUILD = """
import itertools, signal, sys
from macros.plugin.fast import background
if sys.argv[1] == "unguarded":
    background._stop_when_the_parent_dies = lambda receiving_ends, parent: None
made = background.MadeInBackground([(map(str, itertools.count()), lambda path: "x" * 100_000)], processes=2)  # endless pages
print(*(process.pid for process in made._processes), flush=True)
signal.pause()
"""


def _state(pid: int) -> tuple[str, str]:
    """(the process's state letter, what it waits in), or ("gone", "") once it has ended."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        return state, Path(f"/proc/{pid}/wchan").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return "gone", ""


@pytest.mark.skipif(not Path("/proc/self/wchan").exists(), reason="reads /proc (Linux)")
# SIGHUP: the terminal closed; SIGINT and SIGQUIT sent to the build alone (Ctrl-C and Ctrl-\ reach the group).
# No unguarded control for SIGINT: Python raises KeyboardInterrupt and the build's own exit ends the process.
@pytest.mark.parametrize(("kill", "guard"), [
    pytest.param(kill, guard, id=f"{guard}-{kill.name}")
    for kill in (signal.SIGTERM, signal.SIGKILL, signal.SIGHUP, signal.SIGINT, signal.SIGQUIT)
    for guard in ("guarded", "unguarded") if (kill, guard) != (signal.SIGINT, "unguarded")])
def test_the_page_processes_end_when_the_build_is_killed(kill: signal.Signals, guard: str) -> None:
    with subprocess.Popen([sys.executable, "-c", _BUILD, guard], cwd=ROOT, stdout=subprocess.PIPE, text=True) as build:
        assert build.stdout is not None
        children = [int(pid) for pid in build.stdout.readline().split()]
        build.send_signal(kill)  # to the build's own process, not its group (Ctrl-C reaches both)
    assert len(children) == 2
    if guard == "guarded":
        wait_until(lambda: all(_state(child)[0] in ("gone", "Z") for child in children) or None, "the page processes to end", attempts=300)
        return
    # The control: without the guard, each orphan blocks writing to the pipe it still holds open, for good
    # (the kernel names the wait pipe_write or anon_pipe_write).
    try:
        assert wait_until(lambda: all("pipe_write" in _state(child)[1] for child in children) or None, "the orphans blocked on their pipes",
                          attempts=300)
    finally:
        for child in children:
            os.kill(child, signal.SIGKILL)


# --- ids: a letter of another alphabet that looks Latin, and a length no output holds ---------------------

CYRILLIC_ID = "nа-lopez"  # the second letter is CYRILLIC SMALL LETTER A


def test_an_id_with_a_cyrillic_lookalike_names_the_letter_and_the_id_it_imitates(mini: Path) -> None:
    write(mini, f"actors/{CYRILLIC_ID}.yml", "name: N. Lopez\nkind: person\n")
    write(mini, "statements/lookalike.yml", f"""\
        speaker: ben-okafor
        date: "2026-01"
        form: paraphrase
        text: Said so.
        reported_in: [{{source: blog-post}}]
        about: [{CYRILLIC_ID}]
        """)
    assert [str(error) for error in check(mini).errors] == [
        f"data/actors/{CYRILLIC_ID}.yml: '{CYRILLIC_ID}' is not a valid id: its 'а' is the cyrillic small letter a (U+0430), "
        "not the Latin 'a' (it imitates the id 'na-lopez': type the id again on a Latin keyboard)",
        f"data/statements/lookalike.yml:6: about[0]: '{CYRILLIC_ID}' is not a valid id: its 'а' is the cyrillic small letter a "
        "(U+0430), not the Latin 'a' (it imitates the id 'na-lopez': type the id again on a Latin keyboard)",
    ]


def test_new_names_the_lookalike_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    assert main(["new", "actor", CYRILLIC_ID]) == 1
    assert capsys.readouterr().err == (f"error: '{CYRILLIC_ID}' is not a valid id: its 'а' is the cyrillic small letter a (U+0430), "
                                       "not the Latin 'a'\nhint: it imitates the id 'na-lopez': type the id again on a Latin keyboard\n")


def test_the_id_length_limit_is_what_the_longest_file_name_allows() -> None:
    assert ID_LENGTH_LIMIT == 250 and len(f"{'a' * ID_LENGTH_LIMIT}.html") == 255


@pytest.mark.parametrize("length", [ID_LENGTH_LIMIT, ID_LENGTH_LIMIT + 1])  # a longer file name cannot exist
def test_check_refuses_an_id_longer_than_the_limit(mini: Path, length: int) -> None:
    record_id = ("a" * (length - 2)) + "-b"
    write(mini, f"actors/{record_id}.yml", "name: Long\nkind: person\n")
    expected = [] if length <= ID_LENGTH_LIMIT else [
        f"data/actors/{record_id}.yml: the id is {length} characters long; the limit is 250 "
        "(shorten it: 250 characters is the longest file name every output can hold (255 bytes with '.html'))"]
    assert [str(error) for error in check(mini).errors] == expected


def test_new_refuses_an_id_longer_than_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    assert main(["new", "actor", "a" * 300]) == 1
    assert capsys.readouterr().err == ("error: the id is 300 characters long; the limit is 250\n"
                                       "hint: shorten it: 250 characters is the longest file name every output can hold (255 bytes with '.html')\n")
    assert not (tmp_path / "data").exists()


def test_an_id_at_the_limit_builds_offline(mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The negative side of the limit: the offline copy, whose file names are longest, is written."""
    record_id = "a" * (ID_LENGTH_LIMIT - 2) + "-b"
    write(mini, f"actors/{record_id}.yml", "name: Long\nkind: person\n")
    monkeypatch.setenv("DOSSIER_OFFLINE", "true")
    site = build(mini, tmp_path / "site")
    assert (site / "actors" / f"{record_id}.html").is_file()  # the offline copy's longest name: <id>.html


# --- the same entry twice, and dates that contradict each other ---------------------------------------------


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_source_listed_three_times_is_an_error_not_three_sources(mini: Path) -> None:
    _replace(mini / "claims/bridge-opens-in-2027.yml", "sources: [ledger-bridge-report, blog-post]",
             "sources: [ledger-bridge-report, blog-post, blog-post, blog-post]")
    assert [str(error) for error in check(mini).errors] == [
        "data/claims/bridge-opens-in-2027.yml:15: sources[2]: 'blog-post' is listed twice (also sources[1]) (remove this one: each is counted once)",
        "data/claims/bridge-opens-in-2027.yml:15: sources[3]: 'blog-post' is listed twice (also sources[1]) (remove this one: each is counted once)",
    ]


def test_the_same_claim_with_opposite_stances_is_an_error(mini: Path) -> None:
    _replace(mini / "statements/okafor-doubts.yml", "    stance: refutes\n",
             "    stance: refutes\n  - claim: bridge-opens-in-2027\n    stance: supports\n")
    assert [str(error) for error in check(mini).errors] == [
        "data/statements/okafor-doubts.yml:10: on_claims[1].claim: claim 'bridge-opens-in-2027' is listed twice, as 'refutes' "
        "(on_claims[0]) and as 'supports' (keep one entry per claim: a statement takes one stance on it)",
    ]


def test_a_source_printing_a_statement_twice_is_an_error(mini: Path) -> None:
    _replace(mini / "statements/okafor-doubts.yml", "  - source: blog-post\n", "  - source: blog-post\n  - source: blog-post\n")
    assert [str(error) for error in check(mini).errors] == [
        "data/statements/okafor-doubts.yml:7: reported_in[1].source: 'blog-post' is listed twice (also reported_in[0]) "
        "(remove this one: each is counted once)",
    ]


def test_a_history_written_newest_first_is_an_error(mini: Path) -> None:
    _replace(mini / "claims/bridge-opens-in-2027.yml", '''  - date: "2026-01-05"
    status: unverified
    by: ledger-bridge-report
  - date: "2026-01-20"
    status: disputed
    by: blog-post''', '''  - date: "2026-01-20"
    status: disputed
    by: blog-post
  - date: "2026-01-05"
    status: unverified
    by: ledger-bridge-report''')
    assert [str(error) for error in check(mini).errors] == [
        "data/claims/bridge-opens-in-2027.yml:12: history[1].date: 5 January 2026 comes before the row above it (20 January 2026) "
        "(the history is oldest first: put the rows in date order)",
    ]


def test_first_made_after_its_origin_and_a_status_before_it_are_errors(mini: Path) -> None:
    _replace(mini / "claims/bridge-opens-in-2027.yml", 'first_made: "2026-01-05"', 'first_made: "2026-06-01"')
    assert [str(error) for error in check(mini).errors] == [
        "data/claims/bridge-opens-in-2027.yml:3: first_made: 1 June 2026 is after the statement that first made the claim "
        "('lopez-opens-2027', 5 January 2026) (first_made is the origin statement's date, or earlier if an earlier source has the claim)",
        "data/claims/bridge-opens-in-2027.yml:9: history[0].date: the status changed on 5 January 2026, before the claim was first made "
        "(1 June 2026) (correct this date or first_made: a status is given to a claim once it has been made)",
    ]


def test_imprecise_dates_contradict_only_when_no_day_fits(mini: Path) -> None:
    """The negative control: January 2026 may be the 5th, so a first_made of 2026-01 beside a statement of
    5 January and a status of 2026-01-05 is no contradiction."""
    _replace(mini / "claims/bridge-opens-in-2027.yml", 'first_made: "2026-01-05"', 'first_made: "2026-01"')
    assert check(mini).errors == []


# --- DOSSIER_DATA_DIR set to nothing ---------------------------------------------------------------------


@pytest.mark.parametrize("variable", ["DOSSIER_DATA_DIR", "DOSSIER_ARCHIVE_DIR"])
def test_a_folder_variable_set_to_nothing_is_named(tmp_path: Path, variable: str) -> None:
    """mkdocs.yml's `!ENV [DOSSIER_DATA_DIR, data]` reads a variable set to nothing as null, which the
    build printed as the folder "None"."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DOSSIER_DATA_DIR": str(MINI), variable: ""}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(tmp_path / "site")],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    name = "data_dir" if variable == "DOSSIER_DATA_DIR" else "archive_dir"
    assert result.returncode == 1
    assert (f"mkdocs.yml: extra.dossier.{name}: is empty ({variable} is set to nothing?) "
            f"(set {variable} to the folder, or unset it for mkdocs.yml's default)\n") in result.stderr
    assert "None" not in result.stderr


def test_a_site_name_from_the_environment_is_held_to_the_datas_rules(tmp_path: Path) -> None:
    """DOSSIER_SITE_NAME is printed on every page as dossier.yml's title is: an override left open in it
    reversed the footer's words after the name. A balanced one is kept (the control)."""
    from macros.plugin.front import check_the_named_site_name

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DOSSIER_DATA_DIR": str(MINI), "DOSSIER_SITE_NAME": "The \u202eRiverton dossier"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(tmp_path / "site")],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 1
    assert ("mkdocs.yml: site_name: DOSSIER_SITE_NAME: the invisible right-to-left override U+202E is never closed: it changes the "
            "direction of everything after it, on the page too (delete it (text in any script shows in its own direction without it), "
            "or close it with pop directional formatting U+202C where it should end)\n") in result.stderr
    assert "Traceback" not in result.stderr
    check_the_named_site_name("The \u202eRiverton\u202c dossier")  # balanced: no error


def test_an_archive_copy_in_utf16_is_named_as_such(mini: Path, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    shutil.copytree(MINI.parent / "mini-archive", archive)
    (archive / "blog.txt").write_bytes((archive / "blog.txt").read_text(encoding="utf-8").encode("utf-16-le"))
    report = verify_quotes(check(mini), archive)
    assert [str(error) for error in report.errors] == [
        "data/sources/blog-post.yml:6: archive: the archive copy 'blog.txt' is UTF-16 text (little-endian, without a byte-order mark), "
        "not UTF-8 (save it as UTF-8 text, the words exactly as printed)"]


# --- a kind's folder that is not one, and an empty dossier.yml (found beyond the list) -----------------


def test_a_file_where_a_kind_folder_belongs_is_named_once(mini: Path) -> None:
    """Without its own error, the topics as a file were passed over, and every reference to a topic was
    reported missing instead."""
    shutil.rmtree(mini / "topics")
    (mini / "topics").write_text("riverton-bridge\n", encoding="utf-8")
    assert [str(error) for error in check(mini).errors] == [
        "data/topics: a file where the folder of the topics should be (make topics/ a folder of <id>.yml files "
        "(move this file out of data/))"]


def test_a_kind_folder_linked_to_itself_is_named_once(mini: Path) -> None:
    shutil.rmtree(mini / "topics")
    (mini / "topics").symlink_to("topics")
    assert [str(error) for error in check(mini).errors] == [
        "data/topics: a symbolic link that leads back to itself (a loop) (remove the link, or point it at a real file)"]


def test_an_empty_dossier_yml_states_nothing_and_is_no_error(mini: Path) -> None:
    """Every field of data/dossier.yml is optional (README): an empty one is one with none of them."""
    (mini / "dossier.yml").write_text("# The dossier's title and publisher: not yet written.\n", encoding="utf-8")
    dossier = check(mini)
    assert dossier.errors == [] and dossier.meta.title is None


def test_an_alias_bomb_is_read_as_what_it_is_not_expanded(mini: Path) -> None:
    """Twelve anchors, each nine aliases of the last: 9^12 strings if expanded. Whatever walks a record's values
    (the fonts' characters) expanded it and never ended: an alias is refused where it is written."""
    levels = ['&a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    levels += [f"&a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12)]
    (mini / "actors/ben-okafor.yml").write_text("name: Ben Okafor\nkind: person\naliases:\n" + "".join(f"  - {level}\n" for level in levels),
                                               encoding="utf-8")
    assert [str(error) for error in check(mini).errors] == [
        "data/actors/ben-okafor.yml:5: YAML syntax: an alias (*name) repeats a list or mapping marked with &name elsewhere "
        "(write the value out in full: a record says each thing once, where it is read)"]


# --- more of the same kinds: duplicates in data/dossier.yml and in lists of entries, a statement said after
# a source printed it (found beyond the list) ----------------------------------------------------------


def test_duplicates_in_dossier_yml_are_errors(mini: Path) -> None:
    """The home page listed a key claim twice, and a correction named its record twice."""
    _replace(mini / "dossier.yml", "records: [claims/bridge-opens-in-2027]", "records: [claims/bridge-opens-in-2027, claims/bridge-opens-in-2027]")
    with (mini / "dossier.yml").open("a", encoding="utf-8") as meta:
        meta.write("key_claims: [bridge-opens-in-2027, bridge-opens-in-2027]\n")
    assert [str(error) for error in check(mini).errors] == [
        "data/dossier.yml:11: corrections[0].records[1]: 'claims/bridge-opens-in-2027' is listed twice (also records[0]) "
        "(remove this one: each is counted once)",
        "data/dossier.yml:13: key_claims[1]: 'bridge-opens-in-2027' is listed twice (also key_claims[0]) (remove this one: each is counted once)",
    ]


def test_an_entry_written_twice_in_a_list_of_entries_is_an_error(mini: Path) -> None:
    _replace(mini / "figures/bridge-cost.yml", "equivalents:\n", "equivalents:\n  - value: 110000000\n    unit: EUR\n    qualifier: about\n")
    assert [str(error) for error in check(mini).errors] == [
        "data/figures/bridge-cost.yml:9: equivalents[1]: this entry is listed twice (also equivalents[0]) (remove this one: each is counted once)"]


def test_a_statement_dated_after_a_source_printed_it_is_an_error(mini: Path) -> None:
    _replace(mini / "statements/lopez-opens-2027.yml", 'date: "2026-01-05"', 'date: "2026-02-05"')
    assert [str(error) for error in check(mini).errors] == [
        "data/statements/lopez-opens-2027.yml:2: date: 5 February 2026 is after 'ledger-bridge-report' printed the statement "
        "(published 6 January 2026) (correct the statement's date or the source's published date: a source prints only what "
        "was said by then)"]


def test_a_statement_dated_to_the_month_its_source_was_published_in_is_no_contradiction(mini: Path) -> None:
    _replace(mini / "statements/lopez-opens-2027.yml", 'date: "2026-01-05"', 'date: "2026-01"')
    _replace(mini / "claims/bridge-opens-in-2027.yml", 'first_made: "2026-01-05"', 'first_made: "2026-01"')
    assert check(mini).errors == []


def test_an_archive_copy_in_utf32_is_named_as_such_not_as_utf16(mini: Path, tmp_path: Path) -> None:
    """UTF-32's little-endian byte-order mark begins with UTF-16's: the copy was called UTF-16."""
    archive = tmp_path / "archive"
    shutil.copytree(MINI.parent / "mini-archive", archive)
    (archive / "blog.txt").write_bytes((archive / "blog.txt").read_text(encoding="utf-8").encode("utf-32"))
    report = verify_quotes(check(mini), archive)
    assert [str(error) for error in report.errors] == [
        "data/sources/blog-post.yml:6: archive: the archive copy 'blog.txt' is UTF-32 text (little-endian, with a byte-order mark), "
        "not UTF-8 (save it as UTF-8 text, the words exactly as printed)"]
