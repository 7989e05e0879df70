// "Cite this page": one tap copies the citation. Without script, or without the clipboard API, the button
// stays hidden and the citation is plain text to select.
document$.subscribe(function () {
  if (!navigator.clipboard) return;
  document.querySelectorAll(".dossier-cite-page").forEach(function (block) {
    var button = block.querySelector(".dossier-copy-citation");
    var citation = block.querySelector(".dossier-citation");
    if (!button || !citation) return;
    var status = block.querySelector(".dossier-copy-status");
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(citation.textContent.trim()).then(function () {
        if (status) status.textContent = "Citation copied.";
      }, function () {
        if (status) status.textContent = "Copying failed: select the citation and copy it.";
      });
    });
  });
});
