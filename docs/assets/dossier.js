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
    // The list filters as the reader types or chooses; the button (for a keyboard or a reader who expects
    // one: pa11y's H32.2) applies the same without leaving the page.
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
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
  var address = href.slice(root.length);
  var parts = address.split(/[?#]/)[0].split("/").filter(function (part) { return part; });
  var kind = DOSSIER_KINDS[parts[0]];
  if (!kind) return "Page";
  var own = parts.length > 1 && !/^index(\.html)?$/.test(parts[1]);
  // A figure has no page of its own: its entry is its row on the figures list (#figures-<id>); the list
  // itself, and its sections of a brief's figures, are a list.
  var anchor = address.split("#")[1] || "";
  return own || anchor.indexOf(parts[0] + "-") === 0 ? kind : "List";
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

// A citation marker shows its reference in place: a tap or click opens the reference (the footnote's own
// text, the way back arrows left out) under the marker instead of jumping to the list at the foot of the
// page; a second tap, Escape, the Close button or a tap elsewhere closes it. The marker stays a link to
// the footnote, so without JavaScript it jumps as before. Keyboard: Enter opens and moves focus into the
// reference, Escape returns it to the marker; screen readers hear the marker's expanded state.
var dossierOpenReference = null;

function dossierCloseReference(refocus) {
  var open = dossierOpenReference;
  if (!open) return;
  dossierOpenReference = null;
  open.box.remove();
  open.marker.setAttribute("aria-expanded", "false");
  if (refocus) open.marker.focus();
}

function dossierPlaceReference(box, marker) {
  var parent = box.offsetParent || document.body;
  var frame = parent.getBoundingClientRect();
  var at = marker.getBoundingClientRect();
  var width = Math.min(box.offsetWidth, document.documentElement.clientWidth - 16);
  var left = Math.max(8, Math.min(at.left, document.documentElement.clientWidth - width - 8));
  box.style.left = (left - frame.left) + "px";
  // Below the marker, or above it where the screen has no room below: the reader never has to scroll to it.
  var below = at.bottom + 4 + box.offsetHeight <= window.innerHeight || at.top - 4 - box.offsetHeight < 0;
  box.style.top = (below ? at.bottom - frame.top + 4 : at.top - frame.top - 4 - box.offsetHeight) + "px";
}

// The reference (the footnote's list item) a citation marker links to, or null.
function dossierNoteOf(marker) {
  return document.getElementById(decodeURIComponent((marker.getAttribute("href") || "").slice(1)));
}

function dossierOpenReferenceOf(marker) {
  var note = dossierNoteOf(marker);
  if (!note) return false;
  dossierCloseReference(false);
  var box = document.createElement("span");
  box.className = "dossier-reference-popover";
  box.id = "popover-" + note.id;
  box.setAttribute("role", "group");
  box.setAttribute("aria-label", "Reference " + marker.textContent.replace(/[^\d]/g, ""));
  box.tabIndex = -1;
  // The footnote's paragraphs as lines of a span: the popover sits inside the paragraph that cites it.
  note.querySelectorAll("p").forEach(function (paragraph) {
    var line = document.createElement("span");
    line.className = "dossier-reference-popover__text";
    Array.prototype.forEach.call(paragraph.childNodes, function (node) { line.appendChild(node.cloneNode(true)); });
    line.querySelectorAll(".footnote-backref").forEach(function (back) { back.remove(); });
    box.appendChild(line);
  });
  var close = document.createElement("button");
  close.type = "button";
  close.className = "dossier-reference-popover__close";
  close.textContent = "Close";
  close.addEventListener("click", function () { dossierCloseReference(true); });
  box.appendChild(close);
  var sup = marker.closest("sup") || marker;
  sup.after(box);
  dossierPlaceReference(box, marker);
  marker.setAttribute("aria-expanded", "true");
  marker.setAttribute("aria-controls", box.id);
  dossierOpenReference = { marker: marker, box: box };
  box.focus({ preventScroll: true });
  return true;
}

document$.subscribe(function () {
  document.querySelectorAll("article a.footnote-ref, article a.dossier-footnote-ref").forEach(function (marker) {
    marker.setAttribute("aria-expanded", "false");
    marker.addEventListener("click", function (event) {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || event.button !== 0) return;
      var again = dossierOpenReference && dossierOpenReference.marker === marker;
      event.preventDefault();
      if (again) dossierCloseReference(false);
      else if (!dossierOpenReferenceOf(marker)) location.hash = marker.getAttribute("href");
    });
  });
});

document.addEventListener("keydown", function (event) {
  if (event.key === "Escape" && dossierOpenReference) dossierCloseReference(true);
});
document.addEventListener("click", function (event) {
  var open = dossierOpenReference;
  if (open && !open.box.contains(event.target) && !open.marker.contains(event.target)) dossierCloseReference(false);
});
window.addEventListener("resize", function () {
  if (dossierOpenReference) dossierPlaceReference(dossierOpenReference.box, dossierOpenReference.marker);
});

// The printed page's running line (overrides/main.html, print.css): the address the page was read at, when
// the build knew no site address, and the day it is printed, written before each print.
function dossierFillPrintLine() {
  var address = document.querySelector(".dossier-print-running__address");
  var date = document.querySelector(".dossier-print-running__date");
  if (address && !address.textContent.trim()) address.textContent = location.href.split("#")[0];
  if (date) {
    date.textContent = "Printed " + new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  }
}
// Only before printing, never as the page loads: the date's first formatting sets up the browser's locale data,
// about 0.1 s of a phone's main thread as the page loaded (Chromium slowed fourfold, as Lighthouse's phone is).
window.addEventListener("beforeprint", dossierFillPrintLine);
window.matchMedia("print").addEventListener("change", function (query) { if (query.matches) dossierFillPrintLine(); });

// What the reader opened prints; what they left folded does not. Material opens every <details> for print,
// so the reader's own choice is kept apart, on the element (data-reader-open), and print.css reads that.
(function () {
  document.documentElement.classList.add("dossier-tracks-details");
  document.querySelectorAll("details[open]").forEach(function (details) { details.setAttribute("data-reader-open", ""); });
  document.addEventListener("click", function (event) {
    var summary = event.target.closest && event.target.closest("summary");
    var details = summary && summary.parentElement;
    if (!details || details.tagName !== "DETAILS") return;
    // The click toggles the element after this listener: it opens what is closed now.
    if (details.open) details.removeAttribute("data-reader-open");
    else details.setAttribute("data-reader-open", "");
  });
})();

// Material's search dialog has the dialog role but no name (axe: aria-dialog-name): a screen reader announces
// "dialog" and nothing else. Its box is already labelled "Search"; the dialog takes the same name.
document.querySelectorAll(".md-search[role='dialog']:not([aria-label]):not([aria-labelledby])").forEach(function (dialog) {
  dialog.setAttribute("aria-label", "Search");
});

// On a page without a table of contents Material still writes the checkbox that opens one (#__toc), with no
// label (pa11y's htmlcs: H91, F68). It is never shown; it gets the name of what it would open.
document.querySelectorAll("input#__toc").forEach(function (toggle) {
  if (!document.querySelector("label[for='__toc']") && !toggle.hasAttribute("aria-label")) toggle.setAttribute("aria-label", "Table of contents");
});

// Material's menu button (below 76.25em) is a label for the drawer's checkbox: a mouse or a finger opens the
// drawer, the keyboard cannot reach it. It becomes a button for the keyboard too: Enter or Space opens or
// closes the drawer, and its state is announced.
document.querySelectorAll(".md-header label.md-header__button[for='__drawer']").forEach(function (button) {
  var drawer = document.getElementById("__drawer");
  if (!drawer) return;
  button.setAttribute("role", "button");
  button.setAttribute("tabindex", "0");
  button.setAttribute("aria-label", "Navigation");
  button.setAttribute("aria-expanded", String(drawer.checked));
  drawer.addEventListener("change", function () { button.setAttribute("aria-expanded", String(drawer.checked)); });
  button.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    drawer.click();
  });
});

// Past a page's first links, Material's tooltips are left out (mounting thousands blocked a phone's main
// thread for seconds: macros/site/tooltips.py); the link's preview is kept in data-dossier-title and becomes its
// title, the browser's own tooltip, when the reader points at or focuses it.
// A citation marker past those (class dossier-footnote-ref) is titled with its reference's words the same way.
["mouseover", "focusin"].forEach(function (type) {
  document.addEventListener(type, function (event) {
    var element = event.target instanceof Element ? event.target.closest("[data-dossier-title], a.dossier-footnote-ref") : null;
    if (!element || element.hasAttribute("title")) return;
    var title = element.hasAttribute("data-dossier-title") ? element.getAttribute("data-dossier-title") : dossierReferenceWords(element);
    element.setAttribute("title", title);
  });
});

// The words of the reference a citation marker points to, its way back left out.
function dossierReferenceWords(marker) {
  var note = dossierNoteOf(marker);
  if (!note) return "";
  var copy = note.cloneNode(true);
  copy.querySelectorAll(".footnote-backref").forEach(function (back) { back.remove(); });
  return copy.textContent.replace(/\s+/g, " ").trim();
}
