// Sortable tables (tablesort), the claim ledger's filter, column names for stacked table rows on phones,
// and the kind of each search result. Everything still reads without JavaScript.
document$.subscribe(function () {
  document.querySelectorAll("article table:not([class])").forEach(function (table) {
    var headings = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    table.querySelectorAll("thead th").forEach(function (th, column) {
      // Tell tablesort each column's kind instead of letting it guess: ISO-like dates ("2025-10") must
      // sort as text, counts and amounts as numbers. A cell's data-sort value is what it sorts by.
      var cells = Array.prototype.map.call(table.querySelectorAll("tbody tr"), function (row) {
        var cell = row.cells[column];
        if (!cell) return "";
        return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent;
      });
      var numeric = cells.length > 0 && cells.every(function (text) { return /^\s*-?\d+(\.\d+)?\s*$/.test(text); });
      th.setAttribute("data-sort-method", numeric ? "number" : "default");
    });
    // Tables written in Markdown carry no column names on their cells: the stacked rows of a phone
    // screen (dossier.css) show them from here.
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.cells, function (cell, column) {
        if (!cell.hasAttribute("data-label") && headings[column]) cell.setAttribute("data-label", headings[column]);
      });
    });
    new Tablesort(table);
  });
  // "Click a column heading to sort" is true only once tablesort runs (dossier.css hides it on phones).
  document.querySelectorAll(".dossier-sort-hint").forEach(function (hint) { hint.hidden = false; });
  document.querySelectorAll("[data-dossier-filter]").forEach(function (form) {
    var table = document.querySelector(form.getAttribute("data-dossier-filter"));
    if (!table) return;
    var text = form.querySelector("input");
    var status = form.querySelector("select");
    var count = form.querySelector("output");
    function apply() {
      var words = text.value.trim().toLowerCase();
      var wanted = status.value;
      var shown = 0;
      table.querySelectorAll("tbody tr").forEach(function (row) {
        var rowStatus = (row.querySelector(".dossier-status") || {}).textContent || "";
        var match = row.textContent.toLowerCase().indexOf(words) !== -1 && (!wanted || rowStatus === wanted);
        row.hidden = !match;
        if (match) shown += 1;
      });
      count.textContent = shown + " shown";
    }
    text.addEventListener("input", apply);
    status.addEventListener("change", apply);
    form.hidden = false;
    apply();
  });
});

// What each search result is. Told by its address, which the engine gives every page (<kind>/<id>/, the
// kind's list at <kind>/), so the search index stays as it is: no label is stored in it.
var DOSSIER_KINDS = {
  claims: "Claim", statements: "Statement", actors: "Actor", sources: "Source", events: "Event",
  topics: "Brief", figures: "Figure"
};

function dossierKindOf(href) {
  var root = (typeof __md_scope !== "undefined" ? __md_scope : new URL(".", location)).href;
  if (href.indexOf(root) !== 0) return null;
  var parts = href.slice(root.length).split(/[?#]/)[0].split("/").filter(function (part) { return part; });
  var kind = DOSSIER_KINDS[parts[0]];
  if (!kind) return "Page";
  var own = parts.length > 1 && !/^index(\.html)?$/.test(parts[1]);
  // A figure has no page of its own: its entry is its row on the figures list.
  return own || parts[0] === "figures" ? kind : "List";
}

function dossierLabelResults(list) {
  list.querySelectorAll(".md-search-result__item").forEach(function (item) {
    var link = item.querySelector("a.md-search-result__link");
    var heading = link && link.querySelector("h1");
    if (!heading || heading.querySelector(".dossier-kind")) return;
    var kind = dossierKindOf(link.href);
    if (!kind) return;
    var label = document.createElement("span");
    label.className = "dossier-kind";
    label.textContent = kind;
    heading.insertBefore(label, heading.firstChild);
  });
}

(function () {
  var list = document.querySelector(".md-search-result__list");
  if (!list || typeof MutationObserver === "undefined") return;
  new MutationObserver(function () { dossierLabelResults(list); }).observe(list, { childList: true });
})();
