/* Filters for the catalogue list. The rows are server-rendered (escaped) HTML; this only
   shows and hides them. Facets come from a JSON block, read as data, never as markup. */
(function () {
  "use strict";
  var facets = JSON.parse(document.getElementById("entries-data").textContent);
  var rows = document.getElementById("rows").children;
  var selects = Array.prototype.slice.call(document.querySelectorAll("#filters select"));
  var text = document.getElementById("f-text");
  var count = document.getElementById("count");
  var none = document.getElementById("none");

  function matches(entry, key, value) {
    var have = entry[key];
    if (Array.isArray(have)) { return have.indexOf(value) !== -1; }
    return have === value;
  }

  function apply() {
    var t0 = performance.now();
    var wanted = selects.filter(function (s) { return s.value !== ""; })
                        .map(function (s) { return [s.dataset.key, s.value]; });
    var q = text.value.trim().toLowerCase();
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var entry = facets[i];
      var ok = true;
      for (var j = 0; j < wanted.length && ok; j++) { ok = matches(entry, wanted[j][0], wanted[j][1]); }
      if (ok && q) { ok = entry.search.indexOf(q) !== -1; }
      rows[i].hidden = !ok;
      if (ok) { shown++; }
    }
    count.textContent = shown + (shown === 1 ? " entry" : " entries");
    none.hidden = shown !== 0;
    document.body.dataset.filterMs = String(performance.now() - t0);
  }

  selects.forEach(function (s) { s.addEventListener("change", apply); });
  text.addEventListener("input", apply);
  document.getElementById("f-reset").addEventListener("click", function () {
    selects.forEach(function (s) { s.value = ""; });
    text.value = "";
    apply();
  });
  window.hgmapCatalogue = {apply: apply};
})();
