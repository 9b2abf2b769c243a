/* hgmap map helpers (see hgmap/maps/layers.py). Feature properties carry HTML that
   Jinja already escaped; country outlines arrive delta-encoded (geometry.polygon_quantized)
   and are decoded here into ordinary GeoJSON coordinates before Leaflet sees them. */
var hgmap = {
  decode: function (fc) {
    fc.features.forEach(function (f) {
      var g = f.geometry;
      if (!g || !g.q) { return; }
      var s = g.s;
      g.coordinates = g.q.map(function (poly) {
        return poly.map(function (ring) {
          var out = [], x = 0, y = 0;
          for (var i = 0; i < ring.length; i += 2) {
            x += ring[i]; y += ring[i + 1]; out.push([x / s, y / s]);
          }
          return out;
        });
      });
      delete g.q;
    });
    return fc;
  },
  style: function (feature) { return feature.properties.style || {}; },
  pops: {},
  bind: function (feature, layer) {
    var p = feature.properties || {};
    // A SIDS symbol shares its country's popup (layers are built countries first).
    var pop = p.pop || (p.iso3 && hgmap.pops[p.iso3]);
    if (p.pop && p.iso3) { hgmap.pops[p.iso3] = p.pop; }
    if (p.tip) { layer.bindTooltip(p.tip, {sticky: true, direction: "top"}); }
    if (pop) { layer.bindPopup(pop, {maxWidth: 380, maxHeight: 340}); }
  },
  sidsPoint: function (feature, latlng) {
    return L.circleMarker(latlng, Object.assign(
      {pane: "hgmapSids", className: "hgmap-sids", radius: 6}, feature.properties.style));
  },
  facilityPoint: function (feature, latlng) {
    var p = feature.properties;
    return L.marker(latlng, {
      icon: L.divIcon({className: "hgmap-facility hgmap-tech-" + p.tech + " hgmap-fac-" + p.group,
                       html: "<span></span>", iconSize: [14, 14], iconAnchor: [7, 7]}),
      keyboard: true, riseOnHover: true});
  }
};
