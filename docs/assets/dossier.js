// Sortable tables (tablesort) and the claim ledger's filter. Everything still reads without JavaScript.
document$.subscribe(function () {
  document.querySelectorAll("article table:not([class])").forEach(function (table) {
    // Tell tablesort each column's kind instead of letting it guess: ISO-like dates ("2025-10")
    // must sort as text, counts as numbers.
    table.querySelectorAll("thead th").forEach(function (th, column) {
      var cells = Array.prototype.map.call(table.querySelectorAll("tbody tr"), function (row) {
        return (row.cells[column] || {}).textContent || "";
      });
      var numeric = cells.length > 0 && cells.every(function (text) { return /^\s*\d+\s*$/.test(text); });
      th.setAttribute("data-sort-method", numeric ? "number" : "default");
    });
    new Tablesort(table);
  });
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
