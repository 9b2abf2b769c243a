/* hgmap dossier map for pages that share one asset folder (hgmap run's results/dossiers/).
 * Reads the page's JSON (id "hgmap-map-data") and the shared country outlines
 * (countries.js: window.HGMAP_COUNTRIES), draws the outlines in the page's longitude frame
 * [west, west + 360), every route with its label, the facilities and the origin. No network. */
(function () {
  "use strict";
  function start() {
    var el = document.getElementById("hgmap-map-data");
    var box = document.getElementById("hgmap-dossier-map");
    if (!el || !box || !window.L) { return; }
    var d = JSON.parse(el.textContent);
    // Outlines on one canvas (thousands of polygons); routes and markers as SVG paths with classes.
    var map = L.map(box, {worldCopyJump: false, zoomSnap: 0.25});
    var outlines = L.canvas({padding: 0.5});
    window.map_hgmap_dossier = map;
    L.control.scale().addTo(map);
    var world = window.HGMAP_COUNTRIES || {iso3: [], x: [], name: [], parts: []};
    var home = [], other = [];
    for (var i = 0; i < world.parts.length; i++) {
      var x = world.x[i];
      var shift = (((x - d.west) % 360) + 360) % 360 + d.west - x;
      var rings = world.parts[i].map(function (ring) {
        var out = [];
        for (var j = 0; j < ring.length; j += 2) { out.push([ring[j + 1], ring[j] + shift]); }
        return out;
      });
      (world.iso3[i] === d.home ? home : other).push({rings: rings, name: world.name[i]});
    }
    function draw(list, style) {
      list.forEach(function (p) {
        L.polygon(p.rings, Object.assign({renderer: outlines}, style)).bindTooltip(p.name, {sticky: true}).addTo(map);
      });
    }
    draw(other, {color: "#7f8c8d", weight: 0.6, fillColor: "#e9ecef", fillOpacity: 0.55});
    draw(home, {color: "#7f8c8d", weight: 0.6, fillColor: "#f6d58e", fillOpacity: 0.9});
    d.routes.forEach(function (r) {
      r.lines.forEach(function (line) {
        L.polyline(line, {color: r.colour, weight: 3, opacity: 0.9, className: "hgmap-dossier-route"})
          .bindTooltip(r.label, {sticky: true}).addTo(map);
      });
      if (r.end) {
        L.circleMarker(r.end, {radius: 6, color: r.colour, fill: true, fillOpacity: 1,
                               className: "hgmap-dossier-facility"})
          .bindTooltip(String(r.number), {permanent: true, direction: "right", className: "hgmap-dossier-label"})
          .addTo(map);
      }
    });
    if (d.origin) {
      L.circleMarker(d.origin, {radius: 7, color: "#222", fill: true, fillColor: "#f1c40f", fillOpacity: 1,
                                className: "hgmap-dossier-origin"})
        .bindTooltip(d.name, {permanent: true, direction: "left"}).addTo(map);
    }
    map.fitBounds(d.bounds);
    box.setAttribute("data-routes", String(d.routes.length));
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
