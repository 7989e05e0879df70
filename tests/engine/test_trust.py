"""Trust: a claim's verdict travels with it (tab, shared preview, search, feed), every page describes itself,
dates each mean one thing, corrections are data shown wherever they apply, and a reader can cite any page.

The helpers taking a built site (`verdict_problems`, `description_problems`, `cite_problems`,
`evidence_period_problems`) hold for any dossier: tests/dossier/test_trust.py runs them on data/."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort

from macros.records.check import check
from macros.records.schema import Claim, date_key, date_start_key
from tests.conftest import MINI, build, child, records_of
from tests.search_indexes import web_search_pages

ATOM = "{http://www.w3.org/2005/Atom}"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
CITABLE = ("claims", "statements", "topics", "sources")


def soup_of(site: Path, relative: str) -> BeautifulSoup:
    file = site / relative if relative.endswith(".html") else site / relative / "index.html"
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def meta_content(soup: BeautifulSoup, selector: str) -> str:
    found = soup.select(selector)
    assert len(found) == 1, f"{selector}: {len(found)} found"
    return str(found[0].get("content"))


def statuses(data_dir: Path) -> dict[str, str]:
    return {claim_id: claim.status for claim_id, claim in records_of(check(data_dir), Claim).items()}


def verdict_problems(site: Path, data_dir: Path) -> list[str]:
    """Each claim whose tab title, og:title, twitter:title, H1, search entry or feed entry does not lead with its status."""
    problems = []
    search = web_search_pages(site)  # the web build's search, Pagefind: a result's title
    feed = ElementTree.fromstring((site / "feed.xml").read_text(encoding="utf-8"))
    feed_titles = {child(entry, f"{ATOM}id").text: entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")}
    for claim_id, status in statuses(data_dir).items():
        lead = f"{status[:1].upper()}{status[1:]}: "
        soup = soup_of(site, f"claims/{claim_id}")
        shown = {
            "title": soup.title.get_text() if soup.title else "",
            "og:title": meta_content(soup, 'meta[property="og:title"]'),
            "twitter:title": meta_content(soup, 'meta[name="twitter:title"]'),
            "h1": re.sub(r"\s+", " ", soup.select("article h1")[0].get_text()).strip().rstrip("¶"),
            "search": search.get(f"/claims/{claim_id}/", {}).get("meta", {}).get("title", ""),
        }
        problems += [f"{claim_id}: {where}: {text!r}" for where, text in shown.items() if not text.startswith(lead)]
        in_feed = feed_titles.get(f"urn:dossier:claims:{claim_id}")
        if in_feed is not None and lead not in in_feed:
            problems.append(f"{claim_id}: feed: {in_feed!r}")
    return problems


def description_problems(site: Path) -> list[str]:
    """Pages without exactly one description, og:description and twitter:description of their own, or sharing one."""
    seen: dict[str, str] = {}
    problems = []
    for file in sorted(site.rglob("index.html")):
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        name = str(file.relative_to(site))
        description = meta_content(soup, 'meta[name="description"]')
        shared = {meta_content(soup, 'meta[property="og:description"]'), meta_content(soup, 'meta[name="twitter:description"]')}
        if shared != {description}:
            problems.append(f"{name}: og:description or twitter:description differs from the description")
        meta_content(soup, 'meta[property="og:title"]')
        if description in seen:
            problems.append(f"{name}: the same description as {seen[description]}: {description!r}")
        seen.setdefault(description, name)
    return problems


def cite_problems(site: Path, site_url: str = "") -> list[str]:
    """Citable pages without a "Cite this page" block holding the page's own address."""
    pages = [f"{kind}/{folder.name}" for kind in CITABLE for folder in sorted((site / kind).iterdir()) if (folder / "index.html").is_file()]
    problems = []
    for relative in [*pages, "figures"]:
        soup = soup_of(site, relative)
        block = soup.select("div.dossier-cite-page")
        if len(block) != 1:
            problems.append(f"{relative}: {len(block)} 'Cite this page' blocks")
            continue
        heading = soup.select("h2#cite-this-page")
        text = (heading[0].get_text() if heading else "") + block[0].get_text()
        address = f"{site_url.rstrip('/')}/{relative}/" if site_url else f"/{relative}/ (the site's web address is not yet set)"
        if "Cite this page" not in text or address not in text or not block[0].select("button.dossier-copy-citation"):
            problems.append(f"{relative}: {text!r} lacks {address!r} or its copy button")
    return problems


def parse_shown_date(text: str) -> str:
    """'5 January 2026' → '2026-01-05', 'October 2025' → '2025-10', '2026' → '2026'."""
    parts = text.split()
    if len(parts) == 3:
        return f"{parts[2]}-{MONTHS.index(parts[1]) + 1:02d}-{int(parts[0]):02d}"
    if len(parts) == 2:
        return f"{parts[1]}-{MONTHS.index(parts[0]) + 1:02d}"
    return parts[0]


def evidence_period_problems(site: Path, data_dir: Path) -> list[str]:
    """Pages whose "Evidence on this page" period ends later than the latest dated evidence the page shows
    (its own record and every record it links), or that still say "As of"."""
    dossier = check(data_dir)
    dates = {}
    for kind, by_id in dossier.records.items():
        for record_id, record in by_id.items():
            fields = record.__dict__
            found = [fields[name] for name in ("date", "published", "first_made", "as_of")
                     if isinstance(fields.get(name), str) and fields[name] != "not stated"]
            if found:
                dates[f"{kind}/{record_id}"] = found[0]
    problems = []
    for file in sorted(site.rglob("index.html")):
        html = file.read_text(encoding="utf-8")
        relative = file.parent.relative_to(site).as_posix()
        if "the latest date among the records" in html or "dossier-as-of" in html:
            problems.append(f"{relative}: has an 'As of' line")
        period = re.search(r"Evidence on this page: ([^<]+)</span>", html)
        if not period:
            continue
        end = parse_shown_date(period.group(1).split(" to ")[-1])
        soup = BeautifulSoup(html, "html.parser")
        linked = {relative} | {href for a in soup.select("article a[href]") for href in [_record_of(relative, str(a["href"]))] if href}
        shown = [dates[key] for key in linked if key in dates]
        latest = max(shown, key=date_start_key) if shown else None
        if latest is None or date_start_key(end) > date_start_key(latest):
            problems.append(f"{relative}: evidence period ends {end}, latest evidence on the page {latest}")
    return problems


def _record_of(page: str, href: str) -> str | None:
    """'kind/id' of the record page a relative link on `page` leads to (its figures' anchors included)."""
    if "://" in href or href.startswith(("#", "mailto:")):
        return None
    parts = page.split("/") if page != "." else []
    for piece in href.split("#")[0].split("/"):
        if piece == "..":
            parts = parts[:-1]
        elif piece and piece != ".":
            parts.append(piece)
    anchor = href.partition("#")[2]
    if parts == ["figures"] and anchor.startswith("figures-"):
        return f"figures/{anchor.removeprefix('figures-')}"
    return "/".join(parts) if len(parts) == 2 else None


# --- verdicts travel --------------------------------------------------------------------------------
def test_every_claim_carries_its_status_in_tab_title_preview_heading_search_and_feed(mini_site: Path) -> None:
    assert verdict_problems(mini_site, MINI) == []
    soup = soup_of(mini_site, "claims/bridge-opens-in-2027")
    assert soup.title is not None
    assert soup.title.get_text().startswith("Disputed: The Riverton bridge will open in 2027. - ")
    (data,) = [json.loads(script.get_text()) for script in soup.select('script[type="application/ld+json"]')]
    assert data["name"] == "Disputed: The Riverton bridge will open in 2027."
    assert data["reviewRating"]["alternateName"] == "disputed"


def test_the_verdict_check_would_catch_a_bare_claim(mini_site: Path, tmp_path: Path) -> None:
    """Control: a copy of the site whose tab title is the bare claim fails the check."""
    import shutil

    site = tmp_path / "site"
    shutil.copytree(mini_site, site)
    file = site / "claims/bridge-opens-in-2027/index.html"
    file.write_text(file.read_text(encoding="utf-8").replace("<title>Disputed: ", "<title>"), encoding="utf-8")
    assert verdict_problems(site, MINI) == ["bridge-opens-in-2027: title: 'The Riverton bridge will open in 2027. - The Riverton bridge dossier'"]


def test_every_page_has_a_description_and_open_graph_tags_of_its_own(mini_site: Path) -> None:
    assert description_problems(mini_site) == []
    soup = soup_of(mini_site, "claims/bridge-opens-in-2027")
    assert meta_content(soup, 'meta[name="description"]').startswith("Disputed: credible sources contradict each other")
    assert meta_content(soup, 'meta[property="og:type"]') == "article"
    assert meta_content(soup, 'meta[name="twitter:card"]') == "summary"


def test_descriptions_and_open_graph_tags_are_escaped(hostile_site: Path) -> None:
    """Hostile titles and texts stay text in every meta tag: each page still has exactly one of each, and no
    tag or script came out of them."""
    for file in hostile_site.rglob("index.html"):
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        for selector in ('meta[name="description"]', 'meta[property="og:title"]', 'meta[property="og:description"]'):
            meta_content(soup, selector)
        assert not [script for script in soup.select("head script:not([type])") if "alert(" in script.get_text()], file
        assert not soup.select("head img"), file
    claim = soup_of(hostile_site, "claims/hostile-claim")
    assert "<script>alert(" in meta_content(claim, 'meta[property="og:title"]')  # printed as text, whole


# --- dates -----------------------------------------------------------------------------------------
def test_pages_state_their_evidence_period_change_and_review_dates_apart(mini_site: Path) -> None:
    assert evidence_period_problems(mini_site, MINI) == []
    line = soup_of(mini_site, "events/bridge-announcement").select("p.dossier-dates")[0].get_text()
    assert line.startswith("Evidence on this page: 5 January 2026 to 6 January 2026 · ")
    assert line.endswith("Editors' last review: 10 January 2026")
    claim = soup_of(mini_site, "claims/bridge-opens-in-2027").select("p.dossier-dates")[0].get_text()
    assert claim.startswith("Evidence on this page: January 2026 · ")  # a month holding the day it shows too


def test_a_correction_date_never_becomes_the_evidence_date(mini: Path, tmp_path: Path) -> None:
    """A status history row (a correction, months after the evidence) moves no period; the check catches a page that said so."""
    path = mini / "claims/bridge-opens-in-2027.yml"
    path.write_text(path.read_text().replace("sources: [", '  - date: "2026-06-01"\n    status: disputed\n    note: Reviewed.\nsources: ['))
    _log_correction(mini, "2026-06-01")
    site = build(mini, tmp_path / "site")
    assert evidence_period_problems(site, mini) == []
    file = site / "claims/bridge-opens-in-2027/index.html"
    html = file.read_text(encoding="utf-8")
    file.write_text(html.replace("Evidence on this page: January 2026", "Evidence on this page: June 2026"), encoding="utf-8")
    assert evidence_period_problems(site, mini) == [
        "claims/bridge-opens-in-2027: evidence period ends 2026-06, latest evidence on the page 2026-01-21"]  # the French qualifying quote


def test_an_imprecise_date_sorts_after_the_precise_dates_of_its_span() -> None:
    dates = ["2026", "2026-01-05", "2025-12", "2026-01", "2026-02-19", "not stated", "2025-12-31"]
    assert sorted(dates, key=date_key) == ["2025-12-31", "2025-12", "2026-01-05", "2026-01", "2026-02-19", "2026", "not stated"]


def test_a_year_alone_says_the_month_is_not_stated(mini: Path, tmp_path: Path) -> None:
    path = mini / "claims/bridge-opens-in-2027.yml"
    path.write_text(path.read_text().replace('first_made: "2026-01-05"', "first_made: 2026"))
    site = build(mini, tmp_path / "site")
    # Its origin statement is dated 5 January 2026: the year is when the sources reported it.
    assert "<strong>First reported:</strong> 2026, month not stated" in (site / "claims/bridge-opens-in-2027/index.html").read_text(encoding="utf-8")


# --- corrections -----------------------------------------------------------------------------------
def _log_correction(data_dir: Path, date: str) -> None:
    meta = data_dir / "dossier.yml"
    entry = f"  - date: {date}\n    records: [claims/bridge-opens-in-2027]\n    note: The status was set without a source.\n"
    meta.write_text(meta.read_text() + entry)


def _add_unsourced_change(data_dir: Path, date: str) -> None:
    path = data_dir / "claims/bridge-opens-in-2027.yml"
    path.write_text(path.read_text().replace("sources: [", f'  - date: "{date}"\n    status: disputed\n    note: Corrected.\nsources: ['))


def test_a_status_change_without_a_source_needs_a_correction_in_the_log(mini: Path) -> None:
    _add_unsourced_change(mini, "2026-02-01")
    assert [str(error) for error in check(mini).errors] == [
        "data/claims/bridge-opens-in-2027.yml:15: history[2].by: a status change without a source must be a published "
        "correction, and the corrections log has no entry of 2026-02-01 naming claims/bridge-opens-in-2027 "
        "(name the source that moved the status in `by:`, or add the correction to dossier.yml's `corrections:` "
        "(date: 2026-02-01, records: [claims/bridge-opens-in-2027], note: what was wrong and why it changed))"
    ]
    _log_correction(mini, "2026-02-01")  # control: logged, the same row passes
    assert check(mini).errors == []


def test_a_logged_correction_shows_on_the_page_in_the_history_on_about_and_in_the_feed(mini: Path, tmp_path: Path) -> None:
    # The mini log's entry of that date names the claim; the row goes where its date puts it (history is oldest first).
    path = mini / "claims/bridge-opens-in-2027.yml"
    path.write_text(path.read_text().replace('  - date: "2026-01-20"', '  - date: "2026-01-08"\n    status: disputed\n    note: Corrected.\n'
                                                                        '  - date: "2026-01-20"'))
    site = build(mini, tmp_path / "site")
    soup = soup_of(site, "claims/bridge-opens-in-2027")
    # Under the title one line with the date and a link to the notes, which close the page.
    flag = soup.select("p.dossier-correction-flag")[0]
    assert flag.get_text(" ", strip=True) == "Corrected on 8 January 2026: what changed and why"
    assert flag.select("a")[0]["href"] == "#corrections" and soup.select("h2#corrections")
    notice = soup.select("h2#corrections ~ div.dossier-correction")[0].get_text(" ", strip=True)
    assert notice.startswith("Corrected on 8 January 2026: The claim first gave the opening year as 2028; the source says 2027.")
    rows = [row.get_text(" ", strip=True) for row in soup.select("#status-history ~ table tbody tr")]
    assert len(rows) == 3 and "Correction by the editors" in rows[1]  # every row kept, oldest first
    about = soup_of(site, "about").select("article")[0].get_text(" ", strip=True)
    assert "8 January 2026 Disputed: The Riverton bridge will open in 2027." not in about  # the log links the claim by its title
    assert "The claim first gave the opening year as 2028; the source says 2027." in about
    feed = ElementTree.fromstring((site / "feed.xml").read_text(encoding="utf-8"))
    (entry,) = [entry for entry in feed.findall(f"{ATOM}entry") if entry.findtext(f"{ATOM}id", "").startswith("urn:dossier:correction:")]
    assert entry.findtext(f"{ATOM}title") == "Correction, 8 January 2026: Disputed: The Riverton bridge will open in 2027."
    assert entry.findtext(f"{ATOM}summary") == "The claim first gave the opening year as 2028; the source says 2027."


# --- cite this page --------------------------------------------------------------------------------
def test_every_citable_page_can_be_cited_and_says_when_its_address_is_not_set(mini_site: Path) -> None:
    assert cite_problems(mini_site) == []
    text = soup_of(mini_site, "claims/bridge-opens-in-2027").select("p.dossier-citation")[0].get_text()
    assert text == ("“Disputed: The Riverton bridge will open in 2027.” The Riverton bridge dossier. Riverton Test Desk, "
                    "reviewed 10 January 2026. /claims/bridge-opens-in-2027/ (the site's web address is not yet set)")


def test_with_a_site_url_the_citation_gives_the_permanent_address(tmp_path: Path) -> None:
    site = build(MINI, tmp_path / "site", site_url="https://example.org/riverton/")
    assert cite_problems(site, "https://example.org/riverton/") == []
    assert cite_problems(site) != []  # control: the check reads the address



# --- evidence counted honestly, summaries as qualified as the claim page ---------------------------
def _article_text(site: Path, relative: str) -> str:
    return re.sub(r"\s+", " ", soup_of(site, relative).select("article")[0].get_text(" ")).strip()


def test_a_claims_origin_is_never_evidence_for_itself_and_evidence_counts_voices(mini: Path, tmp_path: Path) -> None:
    # A second statement by the same engineer in the same source against the claim: two statements, one voice.
    path = mini / "statements/okafor-paraphrase.yml"
    path.write_text(path.read_text().replace("stance: qualifies", "stance: refutes"))
    site = build(mini, tmp_path / "site")
    claim = soup_of(site, "claims/bridge-opens-in-2027")
    tallies = [p.get_text() for p in claim.select("p.dossier-tally")]
    assert tallies == ["2 statements by 1 speaker, in 1 source."]  # for: none besides the origin, which is not counted
    evidence_for = str(claim).split('id="evidence-for"')[1].split('id="evidence-against"')[0]
    assert "lopez-opens-2027" not in evidence_for and "besides the one it was first made in" in evidence_for
    row = [re.sub(r"\s+", " ", cell.get_text(" ")).strip() for cell in soup_of(site, "claims").select("#claim-ledger tbody tr td")]
    assert row[-3:] == ["first made 5 January 2026", "none", "2 statements by 1 speaker, in 1 source"]


def test_summaries_carry_the_claim_pages_qualifiers(mini: Path, tmp_path: Path) -> None:
    path = mini / "claims/bridge-opens-in-2027.yml"
    path.write_text(path.read_text().replace("claimant: ana-lopez", "claimant: ana-lopez\nclaimant_named_by: editors")
                    .replace('first_made: "2026-01-05"', 'first_made: "2026-01"'))
    site = build(mini, tmp_path / "site")
    assert ("Claimant: Ana López (attributed by the editors: no source says who made the claim) First reported: January 2026"
            in _article_text(site, "claims/bridge-opens-in-2027"))
    assert "Ana López (attributed by the editors) The Riverton bridge first reported January 2026" in _article_text(site, "claims")
    assert "claimed by Ana López (attributed by the editors), first reported January 2026" in _article_text(site, "")
    assert "claimed by Ana López (attributed by the editors)" in _article_text(site, "actors/riverton-council")
    link_titles = [a.get("title") for a in soup_of(site, "actors/ana-lopez").select('article a[href$="claims/bridge-opens-in-2027/"]')]
    assert "Status: disputed. Claimed by Ana López (attributed by the editors), first reported January 2026" in link_titles
    # As a reader sees it, a space apart from the name: the text above is joined by spaces whatever the HTML holds.
    glued = [path for path in sorted(site.rglob("*.html")) if re.search(r"</a>\(attributed", path.read_text(encoding="utf-8"))]
    assert glued == []
    assert "Ana López</a> (attributed by the editors)" in (site / "index.html").read_text(encoding="utf-8")


# --- sources within reach --------------------------------------------------------------------------
def test_evidence_items_and_references_name_their_source(mini_site: Path) -> None:
    claim = soup_of(mini_site, "claims/bridge-opens-in-2027")
    (against,) = claim.select("#evidence-against ~ ul")[0].select("li")
    assert re.sub(r"\s+", " ", against.get_text()).endswith("· in opinion piece")
    assert against.select("a")[-1].get("href") == "../../sources/blog-post/"


def test_an_actors_role_names_its_source_or_says_it_has_none(mini: Path, tmp_path: Path, mini_site: Path) -> None:
    assert "Person · Mayor of Riverton (no source for the role is recorded yet)" in _article_text(mini_site, "actors/ana-lopez")
    path = mini / "actors/ana-lopez.yml"
    path.write_text(path.read_text().replace("role: Mayor of Riverton", "role: Mayor of Riverton\nrole_source: ledger-bridge-report"))
    site = build(mini, tmp_path / "site")
    text = _article_text(site, "actors/ana-lopez")
    assert "Person · Mayor of Riverton (role as given by Bridge plan announced , News report · The Daily Ledger · Jo Writer · 6 January 2026)" in text
    assert "actors/ana-lopez/" in str(soup_of(site, "sources/ledger-bridge-report").select("article")[0])  # the source lists who cites it


# --- placeholders ----------------------------------------------------------------------------------
def test_a_published_build_fails_while_publisher_or_licence_is_not_stated(mini: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    meta = mini / "dossier.yml"
    meta.write_text(meta.read_text().replace("publisher: Riverton Test Desk", 'publisher: "[Publisher not yet named]"')
                    .replace("licence: CC BY 4.0\n", ""))
    build(mini, tmp_path / "local")  # control: a local build says on the page that they are not yet stated
    with pytest.raises(Abort):
        build(mini, tmp_path / "published", site_url="https://example.org/riverton/")
    hint = "(state it in dossier.yml before publishing; a build without DOSSIER_SITE_URL previews the site as it is)"
    assert f"data/dossier.yml: licence: a published build needs the licence stated, and it is missing {hint}" in caplog.text
    assert f"data/dossier.yml: publisher: a published build needs the publisher stated, and it is a placeholder {hint}" in caplog.text


def test_without_a_contact_the_repositorys_issues_are_the_contact(mini: Path, tmp_path: Path) -> None:
    meta = mini / "dossier.yml"
    meta.write_text(meta.read_text().replace("contact: desk@example.org\n", "").replace("corrections_contact: corrections@example.org\n", ""))
    site = build(mini, tmp_path / "site", repo_url="https://github.com/example/riverton")
    about = _article_text(site, "about")
    assert "Contact: https://github.com/example/riverton/issues" in about
    assert "To report an error, write to https://github.com/example/riverton/issues," in about


def test_the_claimant_repeating_a_claim_is_counted_as_the_claimant(mini: Path, tmp_path: Path) -> None:
    (mini / "statements/lopez-repeats.yml").write_text(
        'speaker: ana-lopez\ndate: "2026-01-06"\nform: paraphrase\ntext: The mayor said the date stands.\n'
        "reported_in:\n  - source: ledger-bridge-report\non_claims:\n  - claim: bridge-opens-in-2027\n    stance: supports\n")
    site = build(mini, tmp_path / "site")
    tallies = [p.get_text() for p in soup_of(site, "claims/bridge-opens-in-2027").select("p.dossier-tally")]
    assert tallies == ["1 statement by 1 speaker (the claimant), in 1 source; the statement the claim was first made in is not counted.",
                       "1 statement by 1 speaker, in 1 source."]
