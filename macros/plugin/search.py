"""The dossier plugin's search (plugin.dossier_plugin calls these from its events): the published site's
search is Pagefind's chunked index, fetched piece by piece only once the reader searches; Material's
search fetches its whole index as every page loads (8 MB at 10,000 statements). The header's search box
stays Material's (overrides/partials/search.html), driven by assets/search.js. The offline copy (file://,
where Pagefind's modules cannot load) keeps Material's search.

Each page's article is marked for Pagefind: what the page is (Claim, Statement, Actor…) and a claim's
status, as Pagefind metadata and filters; sections marked `data-search-exclude` stay out, as they do of
Material's index. Pagefind (`pagefind[bin]` from PyPI) indexes each marked page (macros/plugin/search_index.py).
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from macros.records.schema import KINDS, MODELS, STATUS_MEANINGS, Actor, Claim, Record, Statement
from macros.site.index_parts import PARTS_FOLDER
from macros.site.pipeline import Site
from macros.site.search_forms import escaped, page_search_only_words
from macros.site.search_parts import part_folder
from macros.site.words import heading_of

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

# Material's content area (quotes optional: a minifying plugin may drop them), and the page's title.
_CONTENT = re.compile(r'<div class="?md-content"? [^>]*>')
_H1 = re.compile(r"<h1\b[^>]*>")
_H1_TEXT = re.compile(r"<h1\b.*?</h1>", re.S)
# What Pagefind leaves out, as Material's search does: sections listing other records, permalink signs,
# and a footnote's way back ("↩", drawn as an icon on the page), which showed in results' excerpts.
EXCLUDED = ("[data-search-exclude]", ".headerlink", ".md-source-file", ".footnote-backref")
_EXCLUDED_ATTRIBUTES = frozenset(selector[1:-1] for selector in EXCLUDED if selector.startswith("["))
_EXCLUDED_CLASSES = frozenset(selector[1:] for selector in EXCLUDED if selector.startswith("."))
_EDGE_PUNCTUATION = "\"'“”‘’«»()[].,;:!?"
# Opens the page's search-only forms (search_forms), last in its indexed text: assets/search.js cuts every
# excerpt there. A private-use character, which no record's text is expected to hold.
SEARCH_ONLY_MARK = "\ue000"
# An actor's search-only spellings (macros/templates/actor.md.j2).
_VARIANTS = re.compile(r'<div hidden data-pagefind-weight="10" data-pagefind-index-attrs="data-variants" data-variants="[^"]*"></div>')


def chunked_search(config: MkDocsConfig) -> bool:
    """Pagefind on the web build; Material's own search in the offline copy."""
    offline = config.plugins.get("material/offline")
    return not (offline is not None and getattr(offline, "config", {}).get("enabled"))


def choose_search(config: MkDocsConfig) -> None:
    """on_config: which search the theme's templates set up (overrides/partials/search.html)."""
    config.extra["pagefind"] = chunked_search(config)
    if config.extra["pagefind"]:
        _skip_materials_index(config)


# What Material's search plugin takes out of every page's HTML as it indexes it (its on_page_context).
_MATERIAL_STRIPS = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")


def _skip_materials_index(config: MkDocsConfig) -> None:
    """The web build: Material's search plugin stays enabled, for its header.html shows the search box only
    then, but indexes nothing, for no page fetches its search/search_index.json (a second of a 1,000-statement
    build). MkDocs registered the plugin's handlers in this config's event lists when it loaded the plugins:
    its on_page_context gives way to the one thing it does to the page, and its on_post_build (writing the
    index) goes."""
    material = config.plugins.get("material/search")
    if material is None or not material.config.enabled:
        return
    events = config.plugins.events
    events["page_context"] = [_strip_search_attributes if handler == material.on_page_context else handler
                              for handler in events["page_context"]]
    events["post_build"] = [handler for handler in events["post_build"] if handler != material.on_post_build]


def _strip_search_attributes(context: object, /, *, page: Page, config: MkDocsConfig, nav: object) -> None:
    page.content = _MATERIAL_STRIPS.sub("", page.content or "")


def page_kind(src_uri: str, site: Site) -> tuple[str, str | None]:
    """(what the page of docs file `src_uri` is, for a search result: 'Claim', 'Brief', 'List' (a kind's index
    page), 'Page'; a claim's status or None). The words dossier.js gives Material's results, from the page's address."""
    folder, _, name = src_uri.partition("/")
    if folder in KINDS and (name == "index.md" or name.startswith(f"{PARTS_FOLDER}/")):  # a kind's index, or a part of it
        return "List", None
    record = record_of(src_uri, site)
    if record is None:  # no record's page, or a hand-written page in a kind's folder
        return "Page", None
    status = record.status if isinstance(record, Claim) else None
    return MODELS[folder].noun().capitalize(), status


def search_filters(src_uris: Iterable[str], site: Site) -> dict[str, list[str]]:
    """The kinds and claim statuses among the pages of docs files `src_uris`, as search.js offers them to
    filter results by (Pagefind's filters `kind` and `status`, `mark_for_search`): the kinds in the order of
    the navigation's tabs, then lists, then other pages; the statuses in the order the methodology explains
    them. Listed by the build (dossier-parts.json), since a first part of the index may hold no page of a kind."""
    found = [page_kind(src_uri, site) for src_uri in src_uris]
    tabs = {model.noun().capitalize(): model.nav_position for model in MODELS.values()}
    last = max(tabs.values(), default=0)
    place = {**tabs, "List": last + 1, "Page": last + 2}
    kinds = sorted({kind for kind, _ in found}, key=lambda kind: (place.get(kind, last + 3), kind))
    statuses = {status for _, status in found if status}
    return {"kind": kinds, "status": [status for status in STATUS_MEANINGS if status in statuses]}


# The names readers may misspell, for search.js to offer the nearest when a word typed is on no page: written
# beside the index's first part, fetched only then.
NAMES_FILE = "dossier-names.json"
# Where a name breaks into the words a reader types: spaces and dashes.
_NAME_BREAKS = re.compile(r"[\s\-\u2010-\u2015]+")


def search_names(site: Site) -> list[str]:
    """Each word of the names the dossier prints (actors' names and aliases, events' places, topics' titles), once, as printed,
    in the order first met: what search.js may offer for a word typed that no page holds ("Hadjiyev":
    "Hajiyev"), and how it tells a query that may name an actor. An actor's search variants are left out: they
    are found as typed, and never shown."""
    names = [name for actor in site.index.actors for name in (actor.name, *actor.aliases)]
    names += [event.place for event in site.index.events if event.place]
    names += [topic.title for topic in site.index.topics]
    words = (word.strip(_EDGE_PUNCTUATION) for name in names for word in _NAME_BREAKS.split(name))
    return list(dict.fromkeys(word for word in words if word))


# The words of the records' headings and of the statements, for search.js to offer the nearest when a word typed
# is on no page and no name is near it ("troups": "troops"): written beside NAMES_FILE, fetched only then. The
# most frequent WORDS_KEPT, so that the file stays small at any size of dossier (5,000 words: about 60 KB in Latin
# script, twice that in Arabic or Cyrillic).
WORDS_FILE = "dossier-words.json"
WORDS_KEPT = 5000
# What may stand at a word's edges in a heading besides punctuation: the isolates around a right-to-left name or
# subject (records/bidi.isolated), and direction marks an editor typed.
_WORD_EDGES = _EDGE_PUNCTUATION + "\u2066\u2067\u2068\u2069\u200e\u200f"
# Scripts written without spaces between words: a run of them is a phrase, not a word a reader types.
_UNSPACED = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")


def search_words(site: Site, names: Iterable[str]) -> list[str]:
    """Each word of four letters or more of the records' headings (words.heading_of: a record's title, a claim's
    with its status, a statement's speaker, date and subject) and of the statements' words, that is not a word of
    `names`; most frequent first (first met first among equals), at most WORDS_KEPT; as printed, in lower case
    where it is ever printed so ("Troops" and "troops": "troops"). Only letters (and their marks): no number,
    nothing joined by an apostrophe, nothing of a script written without spaces."""
    # Each word as printed, counted, first met first (one split and Counter over every text: a loop in Python over
    # each word took 0.4 s at 1,000 statements); then each once (far fewer), in that order.
    texts = "\n".join(text for kind in KINDS for record in site.index.all(kind)
                      for text in (heading_of(site.index, record), record.text if isinstance(record, Statement) else ""))
    counts: Counter[str] = Counter()
    printed: dict[str, str] = {}
    for met, count in Counter(texts.split()).items():
        for word in _NAME_BREAKS.split(met):
            word = word.strip(_WORD_EDGES)
            if len(word) < 4 or _UNSPACED.search(word) or not (word.isalpha() or all(unicodedata.category(c)[0] in "LM" for c in word)):
                continue
            key = word.casefold()
            counts[key] += count
            if key not in printed or word == key:
                printed[key] = word
    named = {name.casefold() for name in names}
    return [printed[key] for key, _ in counts.most_common() if key not in named][:WORDS_KEPT]


def record_of(src_uri: str, site: Site) -> Record | None:
    """The record whose page is the docs file `src_uri` ("claims/x.md"), or None."""
    folder, _, name = src_uri.partition("/")
    if folder not in KINDS or not name.endswith(".md") or "/" in name or name == "index.md":
        return None
    return site.index.dossier.get(folder, name.removesuffix(".md"))


def _attributes(name: str, value: str) -> str:
    """Pagefind metadata and filter of one name. Values are the engine's own words (kind nouns,
    statuses), never data text. Pagefind reads one static `name:value` per attribute, so a second
    name goes on another element."""
    return f' data-pagefind-meta="{name}:{value}" data-pagefind-filter="{name}:{value}"'


def mark_for_search(output: str, page: Page, config: MkDocsConfig, site: Site) -> str:
    """on_post_page: the page's article marked for Pagefind (its kind, a claim's status)."""
    if not config.extra.get("pagefind"):
        return output
    meta = page.meta.get("search")
    search: dict[str, object] = meta if isinstance(meta, dict) else {}
    if search.get("exclude"):
        return output
    content = _CONTENT.search(output)
    if content is None:
        return output
    kind, status = page_kind(page.file.src_uri, site)
    start = content.end() - 1
    output = f"{output[:start]} data-pagefind-body{_attributes('kind', kind)}{output[start:]}"
    if kind == "Brief":  # the question a brief answers, for search.js to rank a question's answers by
        output = output.replace('<p class="dossier-question">', '<p class="dossier-question" data-pagefind-meta="question">', 1)
    heading = _H1.search(output, start)
    if heading is None:
        return output
    extra = _attributes("status", status) if status else ""
    named = record_of(page.file.src_uri, site) if kind == "Actor" else None
    if isinstance(named, Actor):
        # An actor's name and aliases, for search.js to list first the actor a query names exactly ("Azerbaijan"
        # named on every page of a dossier about it). Data text: escaped, in an attribute Pagefind reads.
        names = json.dumps([named.name, *named.aliases], ensure_ascii=False)
        extra += f' data-pagefind-meta="names[data-names]" data-names="{html.escape(names, quote=True)}"'
    end = heading.end() - 1
    output = f"{output[:end]}{extra}{output[end:]}"
    hidden: list[str] = []
    if search.get("boost"):
        # A kind's search boost (schema: Record.search_boost): Pagefind has no weight for a page as a whole,
        # so its title is indexed once more, at the highest weight, among the search-only text.
        opened = heading.end() + len(extra)
        closed = output.find("</h1>", opened)
        title = output[opened:closed].split('<a class="headerlink"', 1)[0]
        hidden.append(f'<p data-pagefind-weight="10">{title}</p>')
    variants = _VARIANTS.search(output, start)
    if variants:  # an actor's search-only spellings (actor.md.j2), moved among the search-only text
        hidden.append(variants.group(0))
        output = output[:variants.start()] + output[variants.end():]
    return with_search_only_text(output, start, hidden, 10 if search.get("boost") else 7)


def with_search_only_text(output: str, start: int, hidden: list[str], title_weight: int) -> str:
    """The page with its search-only text in a hidden element closing its article: `hidden` (markup the engine
    wrote) and the search-only forms of the page's words (macros/site/search_forms.py, escaped). Pagefind indexes
    it; no reader sees it, no screen reader reads it, and search.js cuts every excerpt at its mark."""
    end = output.rfind("</article>", start)
    if end < 0:
        return output
    heading = _H1_TEXT.search(output, start, end)
    title = page_search_only_words(heading.group(0), _EXCLUDED_ATTRIBUTES, _EXCLUDED_CLASSES) if heading else []
    words = [word for word in page_search_only_words(output[start:end], _EXCLUDED_ATTRIBUTES, _EXCLUDED_CLASSES) if word not in title]
    if not words and not title and not hidden:
        return output
    # The forms of the title's words weigh as the title does (Pagefind gives an h1 7; a boosted title 10).
    text = "".join(hidden) + (f'<p data-pagefind-weight="{title_weight}">{escaped(title)}</p>' if title else "")
    text += f"<p>{escaped(words)}</p>" if words else ""
    return f"{output[:end]}<div hidden data-search-only>{SEARCH_ONLY_MARK} {text}</div>{output[end:]}"


def index_site(site_dir: Path, output: Path | None = None) -> None:
    """Pagefind's index of the built site `site_dir` into `output` (site_dir/pagefind/ by default), by its CLI:
    the plain way, with the speed switch off (search_index.write_index), and for a site with no marked page.
    Fails the build with Pagefind's own words."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--quiet",
               *(part for selector in EXCLUDED for part in ("--exclude-selectors", selector)),
               *(("--output-path", str(output)) if output is not None else ())]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as error:
        raise PluginError(f"search index: could not run Pagefind ({error}; install it: pip install -r requirements.txt)") from None
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip() or f"exit status {done.returncode}"
        hint = " (install it: pip install -r requirements.txt)" if "No module named" in said else ""
        raise PluginError(f"search index: Pagefind failed: {said}{hint}")


def index_parts(site_dir: Path, parts: dict[int, list[str]]) -> None:
    """Each part of the search index (macros/site/search_parts.py) by Pagefind's CLI, from a folder of hard links
    to the part's written pages at their paths in the site, so that each page keeps its URL."""
    for part, written in sorted(parts.items()):
        staging = Path(tempfile.mkdtemp(prefix=".search-part-", dir=site_dir.parent))
        try:
            for file in written:
                linked = staging / Path(file).relative_to(site_dir)
                linked.parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.link(file, linked)
                except OSError:  # another file system: a copy will do
                    shutil.copyfile(file, linked)
            index_site(staging, site_dir / part_folder(part))
        finally:
            shutil.rmtree(staging, ignore_errors=True)
