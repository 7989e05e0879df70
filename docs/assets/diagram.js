// Relation diagrams, drawn when the reader opens one. The drawing script (Mermaid, 3 MB) is fetched
// then, from the site itself, so a page never waits for it and the offline copy draws from disk. The
// diagram's source stays in the page; the list of relations under it says the same without any script.
(function () {
  "use strict";
  var script = document.currentScript;
  var mermaidUrl = script && script.dataset.mermaid;
  var loading = null;
  var drawn = 0;
  var MIN_SCALE = 0.75;

  function loadMermaid() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        if (window.mermaid) { resolve(window.mermaid); return; }
        var tag = document.createElement("script");
        tag.src = mermaidUrl;
        tag.onload = function () {
          window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
          resolve(window.mermaid);
        };
        tag.onerror = reject;
        document.head.appendChild(tag);
      });
    }
    return loading;
  }

  function draw(source) {
    if (source.dataset.drawn) return;
    source.dataset.drawn = "pending";
    loadMermaid().then(function (mermaid) {
      drawn += 1;
      return mermaid.render("dossier-diagram-" + drawn, source.textContent);
    }).then(function (result) {
      var figure = document.createElement("div");
      figure.className = "dossier-diagram-drawn";
      figure.setAttribute("role", "img");
      figure.setAttribute("aria-label", "Diagram of the relations listed below");
      figure.innerHTML = result.svg; // Mermaid's own output, its labels sanitised (securityLevel strict)
      // Mermaid fits the drawing to the column (its natural width as max-width): on a phone a wide diagram's
      // labels came out 4 px high. It shrinks to three quarters of its size at most, then the reader scrolls
      // it sideways (a region the keyboard can scroll too).
      var svg = figure.querySelector("svg");
      var natural = svg ? parseFloat(svg.style.maxWidth) : 0;
      if (natural > 0) {
        svg.style.minWidth = Math.round(natural * MIN_SCALE) + "px";
        figure.tabIndex = 0;
      }
      source.style.display = "none"; // not `hidden`: the theme sets `pre` a display of its own
      source.parentNode.insertBefore(figure, source);
      source.dataset.drawn = "yes";
    }, function () {
      delete source.dataset.drawn; // left as source text; opening again tries again
    });
  }

  document.querySelectorAll("pre.dossier-diagram-source").forEach(function (source) {
    var fold = source.closest("details");
    if (!fold) { draw(source); return; }
    if (fold.open) draw(source);
    fold.addEventListener("toggle", function () { if (fold.open) draw(source); });
  });
})();
