// The header's search box, answered from Pagefind's chunked index (macros/plugin/search.py). Nothing is
// fetched until the reader types: then Pagefind's module, and only the index chunks and result
// fragments the query needs. Results keep Material's look and say what each page is (Claim, Actor…),
// with a claim's status; the reader may keep to one kind, and claims to one status (`offerFilters`). A
// screenful is listed, the next ones on the reader's asking (`moreButton`); Enter opens the first result of
// the query typed, once it is answered, or takes the name offered when there is none. A word typed that no page
// holds is said to be, never matched by a shorter word, and a name near it offered, or else a word of the
// records' headings that a page holds (`find`); an actor a query names exactly comes first (`namedFirst`).
//
// A large site's index is cut into parts, each a Pagefind bundle of its own (pagefind/, pagefind-2/, …,
// listed in pagefind/dossier-parts.json), so that a first result never waits for every page's metadata.
// A query is answered from the first part; while it finds fewer than a screenful, or a word typed is on none of
// its pages, and parts remain, more
// parts are merged into the loaded index, twice as many each round (Pagefind's mergeIndex: it reuses the
// first part's wasm), and the query asked again. The count never says more than was searched ("in the first 5,000 of 122,315
// pages") and the list then ends with a button searching every part. Merged parts stay merged. A part that
// does not load leaves what the others found, said to be partial; nothing loading says so, never "no
// matching documents"; either way a button tries again, of an index loaded afresh. So does a chunk of the
// word index that did not load, which Pagefind itself would pass over in silence (`watchChunks`).
(function () {
  "use strict";
  var box = document.querySelector(".md-search[data-dossier-search]");
  if (!box) return;
  var input = box.querySelector(".md-search__input");
  var form = box.querySelector(".md-search__form");
  var meta = box.querySelector(".md-search-result__meta");
  var list = box.querySelector(".md-search-result__list");
  var scroller = box.querySelector(".md-search__scrollwrap");
  var toggle = document.getElementById("__search");
  var config = JSON.parse(document.getElementById("__config").textContent);
  var words = config.translations || {};
  var root = new URL(config.base.replace(/\/?$/, "/"), location.href);
  var index = null; // once the reader has typed: { module, parts, merged (how many parts are in it), broken }
  var current = null; // what `index` gave, while it is the index in use
  var asked = 0; // the latest query's number: an earlier query's late answer is dropped
  var SHOWN = 20; // the results listed: a screenful

  // Long pages (a brief, a statement quoting at length) are penalised less than by default, so a claim or
  // an actor, whose title is weighed twice (plugin/search.py), is not outranked by length alone. Each part is
  // given the same settings: Pagefind's options() reach the first part only.
  function settings() {
    return { baseUrl: root.pathname, excerptLength: 24, ranking: { pageLength: 0.3 } };
  }

  // Pagefind (1.5.2) takes a chunk of its word index that it cannot load for an empty one, and reports no
  // error: its worker is started as assets/search-worker.js, which checks each chunk it fetches and reports
  // one that is lost before Pagefind gets it (`lostChunks`). A search that lost one says its count may be short
  // (`incomplete`), and so does one Pagefind answered in the page, its worker not started (`unwatched`): there a
  // lost chunk would pass unseen.
  var lostChunks = 0;
  var lostUrls = {}; // the chunks lost, by URL
  // Indexes loaded one after another that each lost a chunk. Each index loaded afresh starts Pagefind again
  // (its worker, wasm and page list), so an index that lost a chunk is let go of by itself once; lost again, it
  // is kept (`kept`), its answers said to be incomplete, until the reader's button.
  var lostInARow = 0;
  var unwatched = false; // Pagefind's worker did not start: it searches in the page, its chunks unchecked
  var watching = false;
  function watchChunks() {
    if (watching) return;
    watching = true;
    patientInThePage();
    if (typeof window.Worker !== "function") {
      unwatched = true; // no workers in this browser: Pagefind searches in the page
      return;
    }
    // A subclass of the browser's Worker, so that any other worker on the page is made as before.
    window.Worker = class extends window.Worker {
      constructor(url, options) {
        var asked = new URL(String(url), location.href);
        var pagefind = /\/pagefind-worker\.js$/.test(asked.pathname);
        // One address, kept in the browser's cache: a worker started again while the network fails still starts.
        super(pagefind ? new URL("assets/search-worker.js?pagefind=" + encodeURIComponent(asked.href), root).href : url, options);
        if (!pagefind) return;
        unwatched = false;
        // A worker whose scripts have not come within WORKER_PATIENCE (a network that stalls) is given up as one
        // that failed to load: Pagefind then searches in the page, and every answer says it may be short.
        var worker = this;
        var giveUp = setTimeout(function () {
          worker.terminate();
          worker.dispatchEvent(new Event("error"));
        }, WORKER_PATIENCE);
        this.addEventListener("message", function (event) {
          var data = event.data || {};
          if (data.dossierStarted === true) {
            clearTimeout(giveUp);
          } else if (typeof data.dossierLostChunk === "string") {
            lostChunks += 1;
            lostUrls[data.dossierLostChunk] = true;
          } else if (typeof data.dossierRecovered === "string") {
            delete lostUrls[data.dossierRecovered];
          }
        });
        // Before Pagefind's listener: it then searches in the page, where a lost chunk would pass unseen.
        this.addEventListener("error", function () { clearTimeout(giveUp); unwatched = true; });
        this.postMessage({ dossierReload: Object.keys(lostUrls) }); // fetched afresh by this worker too
      }
    };
  }

  // Pagefind searching in the page (its worker given up, or none) fetches its files here: each is fetched
  // patiently, as search-worker.js fetches them in the worker.
  var PAGEFIND_FILE = /(?:\/pagefind-entry\.json|\.pf_(?:meta|fragment|index|filter)|\/wasm\.[\w-]+\.pagefind)(?:[?#]|$)/;
  function patientInThePage() {
    var fetching = window.fetch;
    if (typeof fetching !== "function") return;
    window.fetch = function (input, init) {
      var url = input && typeof input === "object" && "url" in input ? input.url : String(input);
      if (!PAGEFIND_FILE.test(url) || (init && init.signal)) return fetching.apply(this, arguments);
      return patientFetch(fetching.bind(this), input, init);
    };
  }

  // At the end of a query: Pagefind keeps a lost chunk as empty, so an index that lost one is let go of, for
  // the next search to load afresh; but not twice in a row (`lostInARow`), when it is kept instead.
  function letGoIfLost(loaded) {
    if (!loaded.lost) {
      lostInARow = 0;
    } else if (!loaded.kept) {
      lostInARow += 1;
      if (lostInARow > 1) loaded.kept = true;
      else reset(loaded);
    }
  }

  // Milliseconds: how long Pagefind's script or the list of parts may take to come before it is given up (a
  // network that stalls rather than fails), as search-worker.js gives up Pagefind's own files: the reader is
  // told, and offered to try again, rather than left at "Searching…" for as long as the browser waits.
  var PATIENCE = 20000;
  // Pagefind (1.5.2) itself gives up a worker that has not answered five seconds after it was started, and then
  // searches in the page without a word: so the worker is given up a little before, and said to be.
  var WORKER_PATIENCE = 4500;
  // How long an earlier query's count may stand beside the results on screen while the query typed since is
  // searched (a word's chunk coming over a slow network): after that, it says "Searching…".
  var STANDS = 400;
  // `fetching(input, init)`'s response, handed over once its body is all here; or a failure once PATIENCE is
  // spent, the fetch aborted where the browser can.
  function patientFetch(fetching, input, init) {
    var stalled = typeof AbortController === "function" ? new AbortController() : null;
    var answer = fetching(input, stalled ? Object.assign({}, init, { signal: stalled.signal }) : init);
    return patiently(answer.then(function (response) {
      return response.clone().arrayBuffer().then(function () { return response; });
    }), stalled);
  }

  // `promise`, or a failure once PATIENCE is spent, the fetch behind it aborted if `stalled` (an AbortController).
  function patiently(promise, stalled) {
    return new Promise(function (resolve, reject) {
      var giveUp = setTimeout(function () {
        if (stalled) stalled.abort();
        reject(new Error("given up after " + PATIENCE + " ms"));
      }, PATIENCE);
      promise.then(function (value) { clearTimeout(giveUp); resolve(value); },
        function (error) { clearTimeout(giveUp); reject(error); });
    });
  }

  // pagefind/dossier-parts.json, as the build writes it (macros/site/search_parts.py): the pages in each
  // part and the other parts' folders. Absent, unreadable or not of that shape: the first part is searched,
  // and the count says pages beyond it may not have been (`unlisted`); the next search reads the list again.
  var FOLDER = /^[A-Za-z0-9_-]+\/$/; // a folder at the site's root, never another site
  function readParts() {
    return patientFetch(fetch, new URL("pagefind/dossier-parts.json", root).href).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (parts) {
      var whole = parts && Array.isArray(parts.pages) && Array.isArray(parts.more) &&
        parts.pages.length === parts.more.length + 1 &&
        parts.pages.every(function (pages) { return Number.isInteger(pages) && pages >= 0; }) &&
        parts.more.every(function (folder) { return typeof folder === "string" && FOLDER.test(folder); });
      return whole ? { pages: parts.pages, more: parts.more, filters: filterValues(parts.filters) } : null;
    }, function () { return null; }).then(function (parts) {
      return parts || { pages: [], more: [], filters: {}, unlisted: true };
    });
  }

  // The list's filters ({ kind: [...], status: [...] }: Pagefind's filter names, each with its values), or none
  // where they are not of that shape: search then offers none.
  function filterValues(filters) {
    var known = {};
    FILTERS.forEach(function (name) {
      var values = filters && typeof filters === "object" ? filters[name] : null;
      if (Array.isArray(values) && values.length && values.every(function (value) { return typeof value === "string" && value; })) {
        known[name] = values;
      }
    });
    return known;
  }

  // The reader's filters over the results: by what a page is (Pagefind's filter `kind`: Claim, Statement…) and,
  // once claims are chosen, by a claim's status (`status`), the values the build listed (macros/plugin/search.py,
  // search_filters). None chosen: every page. A query is asked again as a filter is pressed, and keeps the
  // filters chosen until the reader changes them.
  var FILTERS = ["kind", "status"];
  var chosen = {}; // filter name → the value chosen
  var filterBar = null;
  function offerFilters(filters) {
    if (filterBar || !filters.kind || !scroller) return;
    filterBar = document.createElement("div");
    filterBar.className = "dossier-search-filters";
    var kinds = filterRow("kind", words["search.filter.kind"] || "Show", words["search.filter.all"] || "All", filters.kind);
    filterBar.appendChild(kinds);
    if (filters.status) {
      var statuses = filterRow("status", words["search.filter.status"] || "Status", words["search.filter.any"] || "Any", filters.status);
      statuses.hidden = true;
      filterBar.appendChild(statuses);
    }
    filterBar.hidden = !input.value.trim();
    scroller.insertBefore(filterBar, scroller.firstChild);
  }

  // A row of radio buttons, one tab stop whose arrow keys move between its values, as the browser makes them.
  function filterRow(name, label, none, values) {
    var row = document.createElement("fieldset");
    row.dataset.filter = name;
    var legend = document.createElement("legend");
    legend.className = "dossier-search-filters__label";
    legend.textContent = label;
    row.appendChild(legend);
    [null].concat(values).forEach(function (value) {
      var choice = document.createElement("label");
      var radio = document.createElement("input");
      radio.type = "radio";
      radio.name = "dossier-search-" + name;
      radio.value = value === null ? "" : value;
      radio.checked = value === null;
      radio.addEventListener("change", function () { if (radio.checked) choose(name, value); });
      choice.appendChild(radio);
      choice.appendChild(document.createTextNode(value === null ? none : value));
      row.appendChild(choice);
    });
    return row;
  }

  function choose(name, value) {
    if (value === null) delete chosen[name];
    else chosen[name] = value;
    var status = filterBar.querySelector("[data-filter='status']");
    if (status) {
      status.hidden = chosen.kind !== "Claim"; // only claims have a status
      if (status.hidden && chosen.status) {
        delete chosen.status;
        status.querySelector("input").checked = true; // "Any"
      }
    }
    if (input.value.trim()) search(false);
  }

  var resetting = Promise.resolve(); // Pagefind let go of an index that failed to load (`reset`)
  var failedImports = 0; // a module that failed to load stays failed at its address: a retry asks another
  function load() {
    if (!index) {
      watchChunks();
      var module = resetting.then(function () {
        var retry = failedImports ? "?retry=" + failedImports : "";
        return patiently(import(new URL("pagefind/pagefind.js" + retry, root).href), null).catch(function (error) {
          failedImports += 1;
          throw error;
        });
      }).then(function (module) {
        return module.options(settings()).then(function () { return module; });
      });
      readNames(); // beside the index: whether a query names an actor (`namedFirst`)
      index = Promise.all([module, readParts()]).then(function (loaded) {
        current = { module: loaded[0], parts: loaded[1], merged: 1, broken: false };
        return current;
      });
    }
    return index;
  }

  // After a part failed to load (`loaded`: the index it was merged into; none: the index did not load).
  // Pagefind keeps a part that failed in its list: every later search over the list fails too, and a merge
  // waits forever for a first part that failed. So the index is marked broken at once, for the searches
  // queued behind this one, and let go (Pagefind's destroy); the next search, or the reader's button, loads
  // it afresh, from the browser's cache where it can.
  function reset(loaded) {
    if (loaded) loaded.broken = true;
    if (loaded ? loaded !== current : current) return; // let go of already, and another loaded since
    var failed = index;
    index = null;
    current = null;
    if (failed) {
      resetting = failed.then(function (dropped) { return dropped.module.destroy(); }).catch(function () {});
    }
  }

  // Pagefind's searches and merges run one at a time: a search never runs over a part still merging (Pagefind
  // lists a part before it has loaded), and knows how many parts it searched.
  var queue = Promise.resolve();
  function exclusive(task) {
    var run = queue.then(task);
    queue = run.catch(function () {});
    return run;
  }

  // The index with its first `upTo` parts merged (only once the first part has answered a search: Pagefind
  // merges a part only into a first part that loaded). Rejects if a part does not load.
  var merging = 0; // merges under way: a query typed meanwhile waits for them
  function widen(loaded, upTo) {
    return exclusive(function () {
      if (loaded.broken) throw new Error("a part of this index did not load");
      var folders = loaded.parts.more.slice(loaded.merged - 1, upTo - 1);
      merging += 1;
      return Promise.all(folders.map(function (folder) {
        return loaded.module.mergeIndex(new URL(folder, root).pathname, settings());
      })).then(function () {
        merging -= 1;
        loaded.merged = Math.max(loaded.merged, upTo);
      }, function (error) {
        merging -= 1;
        reset(loaded);
        throw error;
      });
    });
  }

  function partCount(loaded) {
    return loaded.parts.more.length + 1;
  }

  function pagesIn(loaded, parts) {
    return loaded.parts.pages.slice(0, parts).reduce(function (sum, pages) { return sum + pages; }, 0);
  }

  function numeral(number) {
    try {
      return number.toLocaleString(document.documentElement.lang || undefined);
    } catch (error) { // a language tag the browser does not know
      return number.toLocaleString();
    }
  }

  // "{searched}", "{pages}" in the translations as "#" is in Material's: the site's language, or English.
  function worded(key, fallback, searched, pages) {
    return (words[key] || fallback).replace("{searched}", numeral(searched)).replace("{pages}", numeral(pages));
  }

  // Words quoted, at most three named: “a”, “b”, “c” and 2 more.
  function listed(shown) {
    var named = shown.slice(0, 3).map(quoted).join(", ");
    return shown.length > 3 ? named + " " + (words["search.result.more_words"] || "and {more} more").replace("{more}", numeral(shown.length - 3)) : named;
  }

  function quoted(text) {
    return (words["search.result.quoted"] || "\u201c{text}\u201d").replace("{text}", text);
  }

  function counted(number) {
    if (number === 0) return words["search.result.none"] || "No matching documents";
    if (number === 1) return words["search.result.one"] || "1 matching document";
    return (words["search.result.other"] || "# matching documents").replace("#", numeral(number));
  }

  // The excerpt, built here from the page's indexed words (Pagefind's raw_content, split as Pagefind splits
  // it) so that it stops where the page's search-only forms begin (plugin/search.SEARCH_ONLY_MARK): those are
  // indexed, never shown. Only text nodes and <mark>s are made, so nothing in a page's words becomes markup.
  var SEARCH_ONLY = "\ue000";
  var EXCERPT = 24;

  // A page's words as Pagefind split them, whose positions its locations count: on Pagefind's zero-width
  // spaces where it segmented the page itself (`joined`: a Chinese or Japanese page), else on white space.
  function pageWords(data) {
    var raw = data.raw_content || data.content || "";
    var joined = raw.indexOf("\u200b") !== -1;
    return { words: joined ? raw.split("\u200b") : raw.split(/[\r\n\s]+/g), joined: joined };
  }

  // `parts`: what the reader typed that a page's word may hold inside it (part of a Chinese name, an Arabic
  // word without its prefixes), found by the search-only forms: the page's own words holding it are marked.
  function excerpt(data, parts) {
    var page = pageWords(data), words = page.words, joined = page.joined;
    var end = words.findIndex(function (word) { return word.indexOf(SEARCH_ONLY) !== -1; });
    if (end === -1) end = words.length;
    var weights = [];
    (data.weighted_locations || []).forEach(function (at) {
      if (at.location < end) weights[at.location] = (weights[at.location] || 0) + (at.balanced_score || 1);
    });
    for (var word = 0; word < end && parts.length; word += 1) {
      var bare = words[word].replace(/[\u064b-\u065f\u0670\u0640]/g, "");
      if (weights[word] === undefined && parts.some(function (part) { return bare.indexOf(part) !== -1; })) weights[word] = 1;
    }
    // The densest window of matches, as Pagefind chooses it (a sliding sum).
    var width = Math.min(EXCERPT, end), sum = 0, best = -1, start = 0;
    for (var at = 0; at < end; at += 1) {
      sum += weights[at] || 0;
      if (at >= width) sum -= weights[at - width] || 0;
      if (at >= width - 1 && sum > best) { best = sum; start = at - width + 1; }
    }
    var out = document.createElement("p");
    out.dataset.first = String(weights.findIndex(function (weight, at) { return at >= start && weight !== undefined; }));
    for (var index = start; index < Math.min(end, start + EXCERPT); index += 1) {
      var text = words[index].replace(/&lt;/g, "<").replace(/&gt;/g, ">");
      if (!text) continue;
      if (out.childNodes.length && !joined) out.appendChild(document.createTextNode(" "));
      if (weights[index] !== undefined) {
        var mark = document.createElement("mark");
        mark.textContent = text;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(text));
      }
    }
    return out;
  }

  // On a kind's list whose records have no page of their own (figures), the record's row the excerpt shows:
  // its anchor (<kind>-<id>, the engine's), the last one before the first marked word.
  function row(data, first) {
    if (!data.meta || data.meta.kind !== "List" || first < 0) return null;
    var folder = new URL(data.url, root).pathname.slice(root.pathname.length).split("/")[0];
    var rows = (data.anchors || []).filter(function (anchor) {
      return anchor.id.indexOf(folder + "-") === 0 && anchor.location <= first;
    });
    return rows.length ? rows[rows.length - 1].id : null;
  }

  function item(data, parts) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = data.url; // a tab stop, and the arrow keys move between results (the keydown listener below)
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    // The kind as dossier.js labels Material's results (the same span, so it adds none of its own).
    var title = document.createElement("h1");
    var kind = document.createElement("span");
    kind.className = "dossier-kind";
    kind.textContent = (data.meta && data.meta.kind) || "Page";
    title.appendChild(kind);
    title.appendChild(document.createTextNode((data.meta && data.meta.title) || data.url));
    article.appendChild(title);
    if (data.meta && data.meta.status) {
      var line = document.createElement("p");
      line.className = "dossier-search-status";
      var status = document.createElement("span");
      status.className = "dossier-status dossier-status--" + data.meta.status.replace(/[^a-z-]/g, "");
      status.textContent = data.meta.status;
      line.appendChild(document.createTextNode("Status: "));
      line.appendChild(status);
      article.appendChild(line);
    }
    var shown = excerpt(data, parts);
    var anchor = row(data, Number(shown.dataset.first));
    delete shown.dataset.first;
    if (anchor) link.href = data.url.split("#")[0] + "#" + encodeURIComponent(anchor);
    article.appendChild(shown);
    link.appendChild(article);
    li.appendChild(link);
    return li;
  }

  function clear() {
    if (filterBar) filterBar.hidden = true; // nothing to filter
    list.replaceChildren();
    delete box.dataset.answered;
    delete box.dataset.shown;
    meta.textContent = words["search.result.placeholder"] || "Type to start searching";
  }

  // A question's function words ("did", "what", "to"…) are on few pages of the answer and would make
  // Pagefind, which finds pages holding every word, miss it: they are dropped from the query unless
  // nothing else is left. Per the site's language; the words of a language not listed stay.
  var FUNCTION_WORDS = {
    en: "a about an and are can could did do does for from had has have how in is it of on or said say says should the to was were what when where which who whom whose why will with would"
  };
  // The words a question opens with: "Did the orchard flood…", "Who is…". A query naming something
  // ("Keeper of the Lighthouse") is no question, though it loses its function words too.
  var QUESTION_WORDS = {
    en: "are can could did do does had has have how is should was were what when where which who whom whose why will would"
  };
  var language = (document.documentElement.lang || "").split("-")[0];
  var dropped = {}, asking = {};
  (FUNCTION_WORDS[language] || "").split(" ").forEach(function (word) { if (word) dropped[word] = true; });
  (QUESTION_WORDS[language] || "").split(" ").forEach(function (word) { if (word) asking[word] = true; });

  // What the reader typed, as the index has it (macros/site/search_forms.py makes the same forms of the pages):
  // a currency sign parted from its number ("$7" is "7"), a run of Chinese or Japanese characters cut into
  // overlapping pairs, an Arabic word without diacritics and prefixes (والكاميرات: كاميرات; one starting لل: see
  // arabicBare).
  var CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]{3,}/gu;
  var CJK_ANY = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]+/gu;
  var ARABIC = /[\u0621-\u064a\u064b-\u065f\u0670\u0671-\u06d3\u0640]+/g;

  function cjkPairs(run) {
    var characters = Array.from(run); // by code point: Han extension B and on are two UTF-16 units each
    var pairs = [];
    for (var at = 0; at < characters.length - 1; at += 1) pairs.push(characters[at] + characters[at + 1]);
    return pairs.join(" ");
  }

  // The form an Arabic word is searched as: its stem (`arabicStem`), but a word starting لل ("for the") is left so,
  // its stem being one of two (للجنة: الجنة or اللجنة), and every page word of either is indexed with that form too.
  function arabicBare(word) {
    var bare = word.replace(/[\u064b-\u065f\u0670\u0640]/g, "");
    if ("وف".indexOf(bare.charAt(0)) !== -1 && bare.length > 3) bare = bare.slice(1);
    if (bare.indexOf("لل") === 0 && bare.length > 3) return bare;
    if ("بكل".indexOf(bare.charAt(0)) !== -1 && bare.slice(1, 3) === "ال" && bare.length > 5) bare = bare.slice(1);
    if (bare.indexOf("ال") === 0 && bare.length > 4) bare = bare.slice(2);
    return bare;
  }

  // An Arabic word without diacritics and prefixes, as search_forms.arabic_stem (a test runs both): of a word
  // starting لل, the shorter of its two stems, which the other holds (للجنة: جنة, in لجنة; للون: لون, ون being too
  // short a stem). What an excerpt marks of a page's words.
  function arabicStem(word) {
    var bare = arabicBare(word);
    return bare.indexOf("لل") === 0 && bare.length > 3 ? bare.slice(bare.length > 4 ? 2 : 1) : bare;
  }

  // A number written with spaces between its groups of three ("70 000", "1 000 000", as French and others write
  // it, a thin or no-break space too) is the one number the page writes "70,000", which the index holds as 70000.
  var SPACED_NUMBER = /(^|[^\p{N}\p{L}])(\p{Nd}{1,3}(?:[ \u00a0\u202f]\p{Nd}{3})+)(?![\p{N}\p{L}])/gu;

  function indexed(query) {
    return query.replace(SPACED_NUMBER, function (all, before, number) { return before + number.replace(/[^\p{Nd}]/gu, ""); })
      .replace(/\p{Sc}/gu, " ").replace(CJK, cjkPairs).replace(ARABIC, arabicBare).replace(/\s+/g, " ").trim();
  }

  // (the words to search for, whether the query reads as a question, the parts of words it may be)
  // A phrase in double quotes (straight or curly) is searched as Pagefind searches one: those words, in that
  // order, every word kept. Letters typed in compatibility forms (full-width "Ａｌｉｙｅｖ", ligatures) are
  // searched as the letters they are.
  // Characters no reader sees and no word needs (a soft hyphen, a zero-width space, a word joiner, a byte order
  // mark), pasted with a name: kept, they cut the word in two. The joiners some scripts spell with stay.
  var INVISIBLE = /[\u00ad\u200b\u2060\ufeff]/g;
  // The words of a query so read: each step that reads the query's words (essential, find, namedFirst) reads these.
  function typedWords(typed) {
    return typed.normalize("NFKC").replace(INVISIBLE, "").split(/\s+/).filter(Boolean);
  }
  // A word without the punctuation around it (a letter's marks at its end stay).
  function trimmed(word) {
    return word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}\p{M}]+$/gu, "");
  }
  var PHRASE = /["\u201c\u201d\u201e][^"\u201c\u201d\u201e]*[^\s"\u201c\u201d\u201e][^"\u201c\u201d\u201e]*["\u201c\u201d\u201e]/;
  function essential(typed) {
    var words = typedWords(typed);
    var query = words.join(" ");
    if (PHRASE.test(query)) {
      var quoted = query.replace(/[\u201c\u201d\u201e]/g, '"');
      return { query: typed, text: indexed(quoted), checks: checks(quoted.replace(/"[^"]*"/g, " ").split(/\s+/)), question: false,
        exact: true, parts: [], filters: Object.assign({}, chosen) };
    }
    var kept = words.filter(function (word) { return !dropped[word.toLowerCase().replace(/[?!.,;:]+$/, "")]; });
    var question = kept.length > 1 && (/\?\s*$/.test(query) || asking[words[0].toLowerCase()] === true);
    var text = (kept.length ? kept : words).join(" ").replace(/[?]+$/, "");
    var arabic = (text.match(ARABIC) || []).map(arabicStem);
    var parts = (text.match(CJK_ANY) || []).concat(arabic);
    return { query: typed, text: indexed(text), checks: checks(text.split(" ")), question: question, parts: parts,
      filters: Object.assign({}, chosen) };
  }

  // The words typed that are searched as one word each, checked to be on some page (`find`): { the word as
  // searched: as the reader typed it, without punctuation around it }. Not a Chinese or Japanese run (searched
  // as its pairs), whose pairs are no word the reader typed.
  function checks(typed) {
    var each = {};
    typed.forEach(function (word) {
      var term = indexed(word);
      var shown = trimmed(word.replace(/\p{Cf}/gu, ""));
      if (term && shown && term.indexOf(" ") === -1 && !term.match(CJK_ANY)) each[term] = shown;
    });
    return each;
  }

  // A question, or words that few pages hold all of: each word is searched on its own (find, from the index
  // chunks the whole query fetches) and the pages ranked by how many of the words they hold; then,
  // for a question, the best twenty by the query's words in their title, a brief's question and the last
  // part of their address (the name the editors gave the record: "agreed-to-send-troops" for a claim
  // worded "agreed to contribute troops"), and by what they are: a claim or a brief answers a question, a
  // list or a page about the dossier seldom does. Otherwise the pages holding every word stay first, in
  // Pagefind's order (`first`).
  var KIND_WEIGHT = { Claim: 1.5, Brief: 1.3, List: 0.8, Page: 0.8 };
  var FEW = 5;

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function titled(words, data) {
    var meta = data.meta || {};
    var title = fold([meta.title || "", meta.question || "", data.url.split("/").filter(Boolean).pop() || ""].join(" "))
      .split(/[^\p{L}\p{N}]+/u);
    return words.filter(function (word) {
      return title.some(function (part) { return part.indexOf(word) === 0; });
    }).length;
  }

  // `each`: Pagefind's answer for each word on its own.
  function merged(module, text, question, first, each) {
    var words = text.split(" ").filter(Boolean);
    return Promise.resolve(each).then(function (each) {
      var pages = {};
      each.forEach(function (found) {
        if (!found) return;
        var top = found.results.length ? found.results[0].score : 1;
        found.results.forEach(function (result) {
          var page = pages[result.id] || (pages[result.id] = { result: result, words: 0, score: 0 });
          page.words += 1;
          page.score += result.score / (top || 1);
        });
      });
      var order = {};
      first.forEach(function (result, at) { order[result.id] = at; });
      var ranked = Object.keys(pages).map(function (id) { return pages[id]; }).sort(function (a, b) {
        var inA = a.result.id in order, inB = b.result.id in order;
        if (inA && inB) return order[a.result.id] - order[b.result.id];
        return (inB - inA) || b.words - a.words || b.score - a.score;
      });
      var best = ranked.slice(0, SHOWN);
      return Promise.all(best.map(function (page) { return page.result.data(); })).then(function (datas) {
        var folded = words.map(fold);
        datas.forEach(function (data, at) {
          var weight = KIND_WEIGHT[(data.meta && data.meta.kind) || "Page"] || 1;
          best[at].data = data;
          best[at].rank = weight * (best[at].words + 2 * titled(folded, data)) + best[at].score / words.length / 10;
        });
        if (question) best.sort(function (a, b) { return b.rank - a.rank; });
        return { total: ranked.length, pages: best.map(function (page) { return page.data; }),
          rest: ranked.slice(SHOWN).map(function (page) { return page.result; }) };
      });
    });
  }

  // How many pages hold every word, from each word's answer on its own.
  function holdingEvery(each) {
    var held = {};
    each.forEach(function (found) {
      (found ? found.results : []).forEach(function (result) { held[result.id] = (held[result.id] || 0) + 1; });
    });
    return Object.keys(held).filter(function (id) { return held[id] === each.length; }).length;
  }

  // A word typed that no page holds. Pagefind, finding no word that starts with a term, answers with the pages
  // holding the longest word the term starts with, as if it had found it: a misspelt "Hadjiev" listed every page
  // holding "had". So each word typed (`checks`) is looked up as a whole word (a quoted term: Pagefind's exact search,
  // its stem), on every page whatever the filters; failing that, the pages Pagefind answers must hold a word
  // starting with it (the word half-typed, "Azerba"). { held, prefix: the longest start of the word the first
  // page answered holds (Pagefind's "gover" for "goverment") }.
  function holds(module, term) {
    return module.search('"' + term + '"').then(function (exact) {
      if (exact && exact.results.length) return { held: true, prefix: "" };
      return module.search(term).then(function (found) {
        var results = found ? found.results.slice(0, SHOWN) : [];
        var wanted = bare(term);
        if (!results.length || !wanted) return { held: false, prefix: "" };
        // The first page nearly always holds it when any does; the others are fetched only when it does not.
        return held(results[0], wanted).then(function (first) {
          if (first.held || results.length === 1) return first;
          return Promise.all(results.slice(1).map(function (result) { return held(result, wanted); })).then(function (each) {
            return { held: each.some(function (one) { return one.held; }), prefix: first.prefix };
          });
        });
      });
    });
  }

  // Whether a word of the page Pagefind matched (its locations in the page's words, split as Pagefind splits
  // them) starts with `wanted`, or a part of one between its punctuation ("post-war": "war"); and the longest
  // start of `wanted` such a word has.
  function held(result, wanted) {
    return result.data().then(function (data) {
      var words = pageWords(data).words, prefix = "";
      var found = (data.locations || []).some(function (at) {
        var word = fold(words[at] || "");
        return [bare(word)].concat(word.split(/[^\p{L}\p{N}\p{M}]+/u)).some(function (part) {
          var same = 0;
          while (same < part.length && part[same] === wanted[same]) same += 1;
          if (same > prefix.length) prefix = wanted.slice(0, same);
          return same === wanted.length;
        });
      });
      return { held: found, prefix: prefix };
    });
  }

  // A word folded as search compares words: no case, accents or punctuation.
  function bare(word) {
    return fold(word).replace(/[^\p{L}\p{N}\p{M}]+/gu, "");
  }

  // A list of words read beside the index (pagefind/`file`, its `key`), once: { listed: [{ name, bare }], bare:
  // { bare word: true } }; none if it cannot be read (the next call reads it again).
  function wordList(file, key) {
    var read = null;
    return function () {
      if (!read) {
        read = patientFetch(fetch, new URL("pagefind/" + file, root).href).then(function (response) {
          if (!response.ok) throw new Error(file + ": " + response.status);
          return response.json();
        }).then(function (got) {
          var listed = (got && Array.isArray(got[key]) ? got[key] : []).filter(function (word) { return typeof word === "string"; })
            .map(function (word) { return { name: word, bare: bare(word) }; }).filter(function (word) { return word.bare; });
          var known = {};
          listed.forEach(function (word) { known[word.bare] = true; });
          return { listed: listed, bare: known };
        }).catch(function () {
          read = null;
          return { listed: [], bare: {} };
        });
      }
      return read;
    };
  }

  // The words of the dossier's names (macros/plugin/search.py search_names), read with the index.
  var readNames = wordList("dossier-names.json", "names");
  // The words of the records' headings and of the statements that are not names, most frequent first (search_words),
  // read when a word typed is on no page.
  var readWords = wordList("dossier-words.json", "words");

  // The name (or word) of `known` nearest a word no page holds, one or two letters off (a letter more, less,
  // changed, or two swapped: "Okafur", "Okfaor": "Okafor"), offered to the reader (`suggestion`): { name, off (how
  // many letters) }, or null; none for a word under five letters, where one letter makes another word.
  function closest(word, known) {
    var wanted = bare(word);
    if (Array.from(wanted).length < 5) return null;
    var limit = Array.from(wanted).length >= 8 ? 2 : 1;
    var best = null, bestOff = limit + 1;
    known.listed.forEach(function (name) {
      // A name that starts as the word does: a misspelt name keeps its first letter far more often than an
      // ordinary word the dossier does not hold ("loyal") is a name with another ("Local").
      if (name.bare[0] !== wanted[0]) return;
      var off = lettersOff(wanted, name.bare, limit);
      if (off < bestOff) {
        best = name;
        bestOff = off;
      }
    });
    return best && bestOff > 0 ? { name: best.name, off: bestOff } : null;
  }

  // How many letters `a` and `b` are apart (insertions, deletions, changes and swaps of two neighbours: the
  // optimal string alignment distance), or limit + 1 once they are further apart than `limit`.
  function lettersOff(a, b, limit) {
    a = Array.from(a);
    b = Array.from(b);
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var before = null, previous = [], row;
    for (var j = 0; j <= b.length; j += 1) previous.push(j);
    for (var i = 1; i <= a.length; i += 1) {
      row = [i];
      var least = i;
      for (j = 1; j <= b.length; j += 1) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var value = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
        row.push(value);
        least = Math.min(least, value);
      }
      if (least > limit) return limit + 1;
      before = previous;
      previous = row;
    }
    return Math.min(previous[b.length], limit + 1);
  }

  // The actor a query names exactly (its name or an alias, as the build lists them: plugin/search.py), listed
  // first: Pagefind ranks a page by how often it holds the words, so in a dossier about a country, the country's name
  // listed the actor 32nd, after every page naming it more often. It is looked for among the actors alone
  // (Pagefind's filter), unless the first result is already one the query names.
  // Only a query every word of which is a word of the dossier's names (`readNames`) is looked for: most fetch
  // nothing more.
  var NAMING = 6; // the most words of a name looked for
  var HEADING = 24; // the words of an actor's heading: a name and its aliases
  function namedFirst(module, wanted, answered) {
    var typed = typedWords(wanted.query).map(bare).filter(Boolean);
    if (wanted.exact || !typed.length || typed.length > NAMING || (wanted.filters.kind && wanted.filters.kind !== "Actor")) return answered;
    var asked = typed.join("");
    if (answered.pages.length && named(answered.pages[0], asked)) return answered;
    return readNames().then(function (known) {
      if (!typed.every(function (word) { return known.bare[word]; })) return null;
      return module.search(wanted.text, { filters: Object.assign({}, wanted.filters, { kind: "Actor" }) });
    }).then(function (actors) {
      // Only actors whose heading holds a word of the query (the name opens the page, its aliases follow): most
      // queries fetch none.
      var opening = (actors ? actors.results : []).filter(function (result) {
        return (result.words || []).some(function (at) { return at < HEADING; });
      }).slice(0, 5);
      return Promise.all(opening.map(function (result) { return result.data(); })).then(function (datas) {
        var at = datas.findIndex(function (data) { return named(data, asked); });
        if (at === -1) return answered;
        var data = datas[at], id = opening[at].id;
        return Object.assign({}, answered, {
          pages: [data].concat(answered.pages.filter(function (page) { return page.url !== data.url; })),
          rest: answered.rest.filter(function (result) { return result.id !== id; })
        });
      });
    });
  }

  // Whether the page is the actor named `asked` (a bare name: `bare`).
  function named(data, asked) {
    var listed = [];
    try { listed = JSON.parse((data.meta && data.meta.names) || "[]"); } catch (error) { listed = []; }
    return Array.isArray(listed) && listed.some(function (name) { return typeof name === "string" && bare(name) === asked; });
  }

  // The answer of the parts merged: { total, pages (the data of the first twenty), matches (how many pages
  // hold every word the query keeps), unheld (the words typed that no page holds: { shown, prefix (the start of
  // it that was searched for instead, if any) }), shownQuery (the query typed without the words left out, when
  // any was), suggestion (the query typed with each word left out as its nearest name, if any) }.
  // A word no page holds is left out of the search; a word joined by a hyphen ("Okafor-era") is searched as its
  // parts when each is on some page; Pagefind's shorter word is kept when it is most of the word ("gover" of
  // "goverment", which found "government").
  function find(module, wanted) {
    var terms = wanted.text.split(" ").filter(Boolean);
    var checked = terms.filter(function (term, at) { return wanted.checks[term] && terms.indexOf(term) === at; }).map(function (term) {
      return holds(module, term).then(function (found) {
        if (found.held) return null;
        // Words joined by a dash or a slash ("Okafor-era"); not an apostrophe: "O'Neill", "Okafor's" are one word.
        var parts = term.split(/[-\u2010-\u2015/]+/).filter(Boolean);
        if (parts.length < 2 || parts.some(function (part) { return bare(part).length < 2; })) return { term: term, found: found };
        return Promise.all(parts.map(function (part) { return holds(module, part); })).then(function (each) {
          return { term: term, found: found, parts: parts, held: each.map(function (one) { return one.held; }) };
        });
      });
    });
    return Promise.all(checked).then(function (missing) {
      missing = missing.filter(Boolean);
      if (!missing.length) return answer(module, wanted);
      return Promise.all([readNames(), readWords()]).then(function (read) {
        // The name nearest a word, or the word of the headings nearest it when that is nearer (a word a letter off
        // before a name two off), checked below: offered only if a page holds it.
        var known = read[0], headings = read[1], fromHeadings = [];
        var near = function (word) {
          var name = closest(word, known), other = closest(word, headings);
          if (!other || (name && name.off <= other.off)) return name ? name.name : null;
          fromHeadings.push(other.name);
          return other.name;
        };
        // For each word no page holds: what is searched instead ("": nothing), what is said of it, and what is
        // left of it as typed.
        var outcome = {};
        missing.forEach(function (word) {
          var shown = wanted.checks[word.term];
          if (word.parts && word.held.some(Boolean)) { // a word joined by a hyphen: its parts on some page
            var on = word.parts.filter(function (part, at) { return word.held[at]; });
            outcome[word.term] = { text: on.join(" "), shown: on.join(" "), notes: word.parts.filter(function (part, at) { return !word.held[at]; })
              .map(function (part) { return { shown: part, prefix: "", nearest: near(part) }; }) };
            return;
          }
          var prefix = word.found.prefix;
          var kept = prefix.length >= 5 && 2 * prefix.length >= bare(word.term).length;
          outcome[word.term] = { text: kept ? word.term : "", shown: kept ? prefix + "\u2026" : "",
            notes: [{ shown: shown, prefix: kept ? prefix : "", nearest: kept ? null : near(word.term) }] };
        });
        return Promise.all(fromHeadings.map(function (word) { return holds(module, word); })).then(function (each) {
          var unfound = fromHeadings.filter(function (word, at) { return !each[at].held; });
          Object.keys(outcome).forEach(function (term) {
            outcome[term].notes.forEach(function (note) {
              if (unfound.indexOf(note.nearest) !== -1) note.nearest = null;
            });
          });
          return outcome;
        });
      }).then(function (outcome) {
        var text = terms.map(function (term) { return term in outcome ? outcome[term].text : term; }).filter(Boolean).join(" ");
        var typed = typedWords(wanted.query);
        var of = function (word) { return outcome[indexed(word.replace(/[?]+$/, ""))]; };
        var unheld = [];
        typed.forEach(function (word) {
          ((of(word) || {}).notes || []).forEach(function (note) {
            if (!unheld.some(function (one) { return one.shown === note.shown; })) unheld.push(note);
          });
        });
        // The query as typed without the words left out; and with each as the name near it, if any is.
        var shownQuery = typed.map(function (word) {
          var found = of(word);
          return found ? found.shown : word;
        }).filter(function (word) { return /[\p{L}\p{N}]/u.test(word); }).join(" ");
        var suggestion = unheld.some(function (one) { return one.nearest; }) ? typed.map(function (word) {
          var found = of(word);
          if (!found) return word;
          var changed = found.notes.reduce(function (word, note) { return note.prefix ? word : word.replace(note.shown, note.nearest || ""); }, word);
          return changed === word ? word : trimmed(changed);
        }).filter(Boolean).join(" ").replace(/\s*[?]+$/, "").trim() : null;
        var searched = text ? answer(module, Object.assign({}, wanted, { text: text, query: shownQuery }))
          : Promise.resolve({ total: 0, matches: 0, pages: [], rest: [] });
        return searched.then(function (result) {
          if (!result) return result;
          result.unheld = unheld;
          result.shownQuery = text && unheld.some(function (one) { return !one.prefix; }) ? shownQuery : null;
          result.suggestion = suggestion;
          return result;
        });
      });
    });
  }

  // Pagefind's answer to `wanted.text` (as find's, without what it says of words no page holds). Each word is
  // searched on its own (from the chunks the whole query fetched): Pagefind leaves out a word that no page of a part holds
  // and answers from that part with the pages holding the others, which do not hold every word; a later part
  // may have the page that does.
  function answer(module, wanted) {
    var terms = wanted.text.split(" ").filter(Boolean);
    var several = terms.length > 1 && !wanted.exact;
    var whole;
    var options = { filters: wanted.filters };
    return module.search(wanted.text, options).then(function (found) {
      whole = found;
      return several ? Promise.all(terms.map(function (term) { return module.search(term, options); })) : null;
    }).then(function (alone) {
      var found = whole;
      if (!found) return null;
      var matches = alone ? holdingEvery(alone) : found.results.length;
      var answered;
      if (several && wanted.question) answered = merged(module, wanted.text, true, [], alone);
      else if (several && found.results.length < FEW) answered = merged(module, wanted.text, false, found.results, alone);
      else {
        answered = Promise.all(found.results.slice(0, SHOWN).map(function (result) { return result.data(); }))
          .then(function (pages) { return { total: found.results.length, pages: pages, rest: found.results.slice(SHOWN) }; });
      }
      if (!(several && wanted.question)) answered = answered.then(function (answered) { return namedFirst(module, wanted, answered); });
      return answered.then(function (answered) {
        answered.matches = matches;
        return answered;
      });
    });
  }

  // The button closing a list that did not search every part ("Search all 122,315 pages"), or a list that
  // could not be made ("Try again"): a real button, in Material's look, that searches every part.
  function searchAllButton(label) {
    var li = document.createElement("li");
    li.className = "md-search-result__item dossier-search-all md-typeset";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button";
    button.textContent = label;
    button.addEventListener("click", function () {
      if (document.activeElement === button && scroller) scroller.focus(); // the keyboard stays in the results
      button.disabled = true;
      meta.textContent = words["search.result.searching"] || "Searching…";
      if (current && current.kept) reset(current); // the reader asks again: of an index loaded afresh
      search(true);
    });
    li.appendChild(button);
    return li;
  }

  // "Did you mean “Ben Okafor”?", first in the list, for a query with a word no page holds and a name near it:
  // the reader's choice, searched once chosen.
  function suggested(query) {
    var li = document.createElement("li");
    li.className = "md-search-result__item dossier-search-suggest md-typeset";
    var parts = (words["search.result.suggest"] || "Did you mean {query}?").split("{query}");
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = quoted(query);
    button.setAttribute("aria-label", parts.join(quoted(query)));
    button.addEventListener("click", function () {
      input.value = query;
      input.focus();
      search(false);
    });
    li.appendChild(document.createTextNode(parts[0]));
    li.appendChild(button);
    li.appendChild(document.createTextNode(parts.slice(1).join("")));
    return li;
  }

  // The button after a screenful of results when more matched: the next screenful, below those shown.
  function moreButton(rest, wanted) {
    var number = asked;
    var li = document.createElement("li");
    li.className = "dossier-search-more md-typeset";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button";
    button.textContent = words["search.result.more"] || "Show more results";
    var loading = false;
    button.addEventListener("click", function () {
      // Not disabled while the next ones load: a disabled button loses the keyboard's focus to the page.
      if (loading) return;
      loading = true;
      button.setAttribute("aria-busy", "true");
      var next = rest.slice(0, SHOWN);
      Promise.all(next.map(function (result) { return result.data(); })).then(function (pages) {
        loading = false;
        button.removeAttribute("aria-busy");
        if (number !== asked) return; // another query's results are on screen by now
        rest = rest.slice(next.length);
        var added = pages.map(function (data) { return list.insertBefore(item(data, wanted.parts), li); });
        var focused = document.activeElement === button;
        if (!rest.length) li.remove();
        // The keyboard goes on from the first result added, where the reader's eyes go too.
        if (focused && added.length) added[0].querySelector("a").focus();
      }, function () {
        loading = false; // its index was let go of meanwhile: a new search answers
        button.removeAttribute("aria-busy");
      });
    });
    li.appendChild(button);
    return li;
  }

  function allPages(loaded) {
    return worded("search.result.all", "Search all {pages} pages", 0, pagesIn(loaded, partCount(loaded)));
  }

  // The count says how many pages hold every word searched for; a list ranked by the words each page holds (a
  // question, or words few pages hold all of) says apart how many more hold only some: "113 matching documents"
  // for a question three pages answered said more than was found.
  function show(answer, loaded, wanted, final) {
    var partial = answer.searched < partCount(loaded);
    var matches = answer.matches === undefined ? answer.total : answer.matches;
    var count = matches === 0 && answer.total > 0
      ? (words["search.result.none_all"] || "No page holds every word") : counted(matches);
    if (partial) {
      count += " " + worded("search.result.partial", "in the first {searched} of {pages} pages",
        pagesIn(loaded, answer.searched), pagesIn(loaded, partCount(loaded)));
    }
    if (answer.total > matches) {
      count += "; " + (matches ? words["search.result.some_more"] || "{more} more hold some of its words"
        : words["search.result.some"] || "{more} hold some of its words").replace("{more}", numeral(answer.total - matches));
    }
    // Words typed that no page holds come first: "No page holds “Okafur”. Results for “Ben”: 3 matching
    // documents"; "No page holds “goverment”, only words beginning “gover”: 5 matching documents". A name near a
    // word left out is offered (`suggested`). Nothing left to search: "No matching documents".
    var unheld = answer.unheld || [];
    var left = unheld.filter(function (word) { return !word.prefix; });
    var notes = [];
    if (left.length && (answer.shownQuery || unheld.length > left.length)) {
      notes.push((words["search.result.unheld"] || "No page holds {words}").replace("{words}", listed(left.map(function (word) { return word.shown; }))));
    }
    unheld.filter(function (word) { return word.prefix; }).forEach(function (word) {
      notes.push((words["search.result.prefix"] || "No page holds {word}, only words beginning {prefix}")
        .replace("{word}", quoted(word.shown)).replace("{prefix}", quoted(word.prefix)));
    });
    if (notes.length) {
      var note = notes.join(". ");
      if (partial) {
        note += " " + worded("search.result.partial", "in the first {searched} of {pages} pages",
          pagesIn(loaded, answer.searched), pagesIn(loaded, partCount(loaded)));
      }
      count = note + (answer.shownQuery ? ". " + (words["search.result.instead"] || "Results for {query}").replace("{query}", quoted(answer.shownQuery)) : "") + ": " + count;
    }
    // The filters this count is of, the first thing it says: they stay chosen for the next query, rows folded.
    var filtered = FILTERS.map(function (name) { return wanted.filters[name]; }).filter(Boolean);
    if (filtered.length) count = (words["search.result.filtered"] || "{filters} only").replace("{filters}", filtered.join(", ")) + ": " + count;
    if (loaded.parts.unlisted) count += ". " + (words["search.result.unlisted"] || "Pages beyond these may not have been searched");
    if (answer.incomplete) count += ". " + (words["search.result.incomplete"] || "Part of the index could not be loaded, so some may be missing");
    meta.textContent = count;
    var items = answer.pages.map(function (data) { return item(data, wanted.parts); });
    if (answer.suggestion && final) items.unshift(suggested(answer.suggestion));
    if (!partial && final && answer.rest && answer.rest.length) items.push(moreButton(answer.rest, wanted));
    if (partial && final) items.push(searchAllButton(allPages(loaded)));
    else if ((loaded.parts.unlisted || answer.incomplete) && final) items.push(searchAllButton(words["search.result.retry"] || "Try again"));
    list.replaceChildren.apply(list, items);
    box.dataset.shown = wanted.query; // the first results of this query are on screen (more parts may follow)
  }

  // `all`: every part searched (the reader asked to search them all); `again`: this query is asked again of an
  // index loaded afresh, its first index having broken under it.
  function search(all, again) {
    var query = input.value.trim();
    var number = ++asked;
    delete box.dataset.answered;
    delete box.dataset.shown;
    if (!query) { clear(); return; }
    var wanted = essential(query);
    if (filterBar) filterBar.hidden = false;
    if (merging || !list.querySelector(".md-search-result__link")) {
      // Another query's parts are still arriving, and this one is answered once they have: the results on
      // screen are still the other query's, and the count says so. Or no result is on screen (the first
      // query, or none matched the last), and the prompt to type would be wrong while this one is searched.
      meta.textContent = words["search.result.searching"] || "Searching…";
    } else {
      // An earlier query's results stay on screen while this one is searched, and their count with them while this
      // one is answered at once; a count that stood longer would read as this query's.
      setTimeout(function () {
        if (number === asked && !("shown" in box.dataset) && !("answered" in box.dataset)) meta.textContent = words["search.result.searching"] || "Searching…";
      }, STANDS);
    }
    var using = null; // the index this search uses, once loaded
    load().then(function (loaded) {
      if (!loaded.parts.unlisted) return loaded;
      return readParts().then(function (parts) {
        if (!parts.unlisted && loaded.merged === 1) loaded.parts = parts;
        return loaded;
      });
    }).then(function (loaded) {
      using = loaded;
      offerFilters(loaded.parts.filters);
      // `previous`: the answer of the parts merged before the last (none: the first part's search).
      function answered(previous) {
        return exclusive(function () {
          if (number !== asked) return null;
          // An index that lost a chunk under another query answers that one to the end; this one is asked
          // again of an index loaded afresh, as after a part that failed.
          if (loaded.broken || (loaded.lost && !loaded.kept && !(previous && previous.incomplete))) return { broken: true };
          var searched = loaded.merged;
          var lost = lostChunks;
          return find(loaded.module, wanted).then(function (answer) {
            if (!answer) return answer;
            answer.searched = searched;
            // A chunk did not load, in this search or an earlier one of this query, or none could be checked (no
            // worker): pages may be missing. The query still searches on, and says so; Pagefind keeps a lost
            // chunk as empty, so the index is let go of once the query has answered (`letGoIfLost`).
            if (lostChunks > lost || unwatched) loaded.lost = true;
            answer.incomplete = loaded.lost || Boolean(previous && previous.incomplete);
            return answer;
          }, function (error) {
            // A merged part's files failed under the search (its result fragments): what the parts before
            // it found stays, said to be partial. The first part's: nothing was searched.
            reset(loaded);
            if (previous) return { failed: previous };
            throw error;
          });
        }).then(function (answer) {
          if (!answer || answer.broken || answer.failed || number !== asked) return answer;
          if (answer.searched < partCount(loaded) && (all === true || answer.matches < SHOWN || (answer.unheld && answer.unheld.length))) {
            show(answer, loaded, wanted, false); // what the parts searched so far hold, said so
            // Twice the parts each time: a word few pages hold, at 100,000 statements (25 parts), is found
            // in five rounds of fetching, not twenty-four; and a part that fails leaves the most searched.
            return widen(loaded, Math.min(partCount(loaded), answer.searched * 2)).then(function () {
              return answered(answer);
            }, function () {
              return { failed: answer }; // what the parts that loaded hold stays on screen, said to be partial
            });
          }
          return answer;
        });
      }
      return answered(null).then(function (answer) {
        letGoIfLost(loaded);
        if (!answer || number !== asked) return;
        if (answer.broken) {
          // A part failed to load under a search queued before this one: asked again, once, of an index
          // loaded afresh.
          if (again) throw new Error("the index broke again");
          search(all, true);
          return;
        }
        if (answer.failed) {
          // A later part did not load: the answer of the parts searched, its count saying how many pages
          // that was, and that the rest could not be searched; the button below it tries them all again.
          show(answer.failed, loaded, wanted, true);
          meta.textContent += ". " + (words["search.result.rest_failed"] || "The rest could not be loaded");
        } else {
          show(answer, loaded, wanted, true);
          if (all === true && scroller) scroller.scrollTop = 0; // the new count, and the best of every part
        }
        box.dataset.answered = query; // which query the results on screen answer
        openFirst();
      });
    }).catch(function () {
      // Pagefind or the first part of its index did not load: said so, never "no matching documents", which
      // nothing searched showed, with a button to try again.
      reset(using);
      if (number !== asked) return;
      meta.textContent = words["search.result.failed"] || "Search is unavailable: its index could not be loaded";
      list.replaceChildren(searchAllButton(words["search.result.retry"] || "Try again"));
      box.dataset.answered = query;
    });
  }

  input.addEventListener("input", function () { search(false); });
  input.addEventListener("focus", function () { if (toggle) toggle.checked = true; });
  if (toggle) {
    toggle.addEventListener("change", function () { if (toggle.checked) input.focus(); });
  }
  // The × button: the query being searched is dropped (its late answer would fill the emptied box), and the
  // box has the focus back for the next query, as Material's own search gives it.
  form.addEventListener("reset", function () {
    asked += 1;
    setTimeout(function () {
      clear();
      input.focus();
    }, 0);
  });
  // Enter opens the first result of the query in the box: once it is answered, never an earlier query's. With
  // no result, only a name offered ("Did you mean…"), Enter takes the offer: its results are listed, none opened.
  var openWhenAnswered = null;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    openWhenAnswered = input.value.trim() || null;
    openFirst();
  });
  function openFirst() {
    if (openWhenAnswered === null || box.dataset.answered !== openWhenAnswered) return;
    openWhenAnswered = null;
    var first = list.querySelector("a.md-search-result__link");
    var offer = list.querySelector(".dossier-search-suggest button");
    if (first) location.href = first.href;
    else if (offer) offer.click();
  }
  // The arrow keys move from the search box through the results and back, as in Material's own search.
  box.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var links = Array.prototype.slice.call(list.querySelectorAll(".dossier-search-suggest button, a.md-search-result__link"));
    var at = links.indexOf(document.activeElement);
    if (at === -1 && document.activeElement !== input) return; // a filter's radio buttons keep their arrows
    event.preventDefault();
    var next = event.key === "ArrowDown" ? at + 1 : (at === -1 ? -1 : at - 1);
    if (next >= links.length) return;
    if (next < 0) input.focus();
    else links[next].focus();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle && toggle.checked) {
      toggle.checked = false;
      input.blur();
    } else if (event.key === "/" && toggle && !toggle.checked && !/INPUT|TEXTAREA|SELECT/.test(document.activeElement.nodeName)) {
      event.preventDefault();
      toggle.checked = true;
      input.focus();
    }
  });
  clear();
})();
