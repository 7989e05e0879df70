// The header's search box, answered from Pagefind's chunked index (macros/search_hook.py). Nothing is
// fetched until the reader types: then Pagefind's module, and only the index chunks and result
// fragments the query needs. Results keep Material's look and say what each page is (Claim, Actor…),
// with a claim's status.
(function () {
  "use strict";
  var box = document.querySelector(".md-search[data-dossier-search]");
  if (!box) return;
  var input = box.querySelector(".md-search__input");
  var form = box.querySelector(".md-search__form");
  var meta = box.querySelector(".md-search-result__meta");
  var list = box.querySelector(".md-search-result__list");
  var toggle = document.getElementById("__search");
  var config = JSON.parse(document.getElementById("__config").textContent);
  var words = config.translations || {};
  var root = new URL(config.base.replace(/\/?$/, "/"), location.href);
  var pagefind = null;
  var asked = 0; // the latest query's number: an earlier query's late answer is dropped

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", root).href).then(function (module) {
        // Long pages (a brief, a statement quoting at length) are penalised less than by default, so a
        // claim or an actor, whose title is weighed twice (search_hook), is not outranked by length alone.
        var ranking = { pageLength: 0.3 };
        return module.options({ baseUrl: root.pathname, excerptLength: 24, ranking: ranking }).then(function () { return module; });
      });
    }
    return pagefind;
  }

  function counted(number) {
    if (number === 0) return words["search.result.none"] || "No matching documents";
    if (number === 1) return words["search.result.one"] || "1 matching document";
    return (words["search.result.other"] || "# matching documents").replace("#", String(number));
  }

  // Pagefind's excerpt is text with <mark> around the matches: parsed inert, and only its text and
  // marks are copied, so nothing in a page's words can become markup here.
  function excerpt(html) {
    var out = document.createElement("p");
    var parsed = new DOMParser().parseFromString("<body>" + html + "</body>", "text/html").body;
    parsed.childNodes.forEach(function (node) {
      if (node.nodeType === Node.ELEMENT_NODE && node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  function item(data) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = data.url;
    link.tabIndex = -1;
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
    article.appendChild(excerpt(data.excerpt || ""));
    link.appendChild(article);
    li.appendChild(link);
    return li;
  }

  function clear() {
    list.replaceChildren();
    delete box.dataset.answered;
    meta.textContent = words["search.result.placeholder"] || "Type to start searching";
  }

  // A question's function words ("did", "what", "to"…) are on few pages of the answer and would make
  // Pagefind, which finds pages holding every word, miss it: they are dropped from the query unless
  // nothing else is left. Per the site's language; the words of a language not listed stay.
  var FUNCTION_WORDS = {
    en: "a an and are can could did do does for from had has have how in is it of on or should the to was were what when where which who whom whose why will with would"
  };
  var dropped = {};
  (FUNCTION_WORDS[(document.documentElement.lang || "").split("-")[0]] || "").split(" ").forEach(function (word) {
    if (word) dropped[word] = true;
  });

  function essential(query) {
    var words = query.split(/\s+/);
    var kept = words.filter(function (word) { return !dropped[word.toLowerCase().replace(/[?!.,;:]+$/, "")]; });
    return (kept.length ? kept : words).join(" ").replace(/[?]+$/, "");
  }

  function search() {
    var query = input.value.trim();
    var number = ++asked;
    if (!query) { clear(); return; }
    load().then(function (module) {
      return module.search(essential(query));
    }).then(function (found) {
      if (number !== asked || !found) return null;
      return Promise.all(found.results.slice(0, 20).map(function (result) { return result.data(); }))
        .then(function (pages) { return { total: found.results.length, pages: pages }; });
    }).then(function (answer) {
      if (!answer || number !== asked) return;
      meta.textContent = counted(answer.total);
      list.replaceChildren.apply(list, answer.pages.map(item));
      box.dataset.answered = query; // which query the results on screen answer
    }, function () {
      if (number !== asked) return;
      meta.textContent = words["search.result.none"] || "No matching documents";
      list.replaceChildren();
      box.dataset.answered = query;
    });
  }

  input.addEventListener("input", search);
  input.addEventListener("focus", function () { if (toggle) toggle.checked = true; });
  if (toggle) {
    toggle.addEventListener("change", function () { if (toggle.checked) input.focus(); });
  }
  form.addEventListener("reset", function () { setTimeout(clear, 0); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) location.href = first.href;
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
