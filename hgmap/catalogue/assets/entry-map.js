/* The entry page's map: country outlines shipped with the site (no tiles, no network)
   and a circle where the entry is, at the precision its data states. */
(function () {
  "use strict";
  var el = document.getElementById("entry-map");
  if (!el || typeof L === "undefined") { return; }
  var lon = parseFloat(el.dataset.lon), lat = parseFloat(el.dataset.lat);
  var map = L.map(el, {worldCopyJump: true}).setView([lat, lon], 5);
  L.geoJSON(window.HGMAP_COUNTRIES, {
    style: {color: "#777", weight: 0.6, fillColor: "#eee", fillOpacity: 1}, interactive: false
  }).addTo(map);
  L.circleMarker([lat, lon], {radius: 8, color: "#08519c", weight: 2, fillColor: "#3182bd", fillOpacity: 0.8,
                              className: "cat-marker"}).addTo(map);
  window.hgmapEntryMap = map;
})();
