/* Online maps load Leaflet from a CDN: say so instead of showing a blank page. */
window.addEventListener("load", function () {
  if (typeof L === "undefined") {
    var d = document.createElement("div");
    d.className = "hgmap-nolib";
    d.textContent = "This map could not load its map library from the internet. "
      + "Write it without --online (the default), and it works without a connection.";
    document.body.insertBefore(d, document.body.firstChild);
  }
});
