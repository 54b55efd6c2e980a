// A map behind a consent button: tiles come from another host, so nothing loads before the click.
// Without JavaScript, or without consent, the place field (address or description) is all that is needed.
(function () {
  function hostOf(url) {
    try { return new URL(url.replace("{s}", "a").replace("{z}", "0").replace("{x}", "0").replace("{y}", "0")).host; }
    catch (e) { return ""; }
  }

  function loadLeaflet(root, done) {
    if (window.L) { done(); return; }
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = root.dataset.leafletCss;
    document.head.appendChild(css);
    var script = document.createElement("script");
    script.src = root.dataset.leafletJs;
    script.onload = done;
    document.head.appendChild(script);
  }

  function start(root) {
    var status = root.querySelector("[data-map-status]");
    var canvas = root.querySelector("[data-map-canvas]");
    var lat = root.dataset.latInput ? document.getElementById(root.dataset.latInput) : null;
    var lon = root.dataset.lonInput ? document.getElementById(root.dataset.lonInput) : null;
    loadLeaflet(root, function () {
      canvas.hidden = false;
      var center = [parseFloat(root.dataset.lat), parseFloat(root.dataset.lon)];
      var map = L.map(canvas).setView(center, parseInt(root.dataset.zoom || "13", 10));
      L.tileLayer(root.dataset.tiles, { attribution: root.dataset.attribution, maxZoom: 19 }).addTo(map);
      var marker = null;
      if (root.dataset.markerLat) {
        marker = L.marker([parseFloat(root.dataset.markerLat), parseFloat(root.dataset.markerLon)]).addTo(map);
      }
      if (lat && lon) {
        if (lat.value && lon.value) { marker = L.marker([lat.value, lon.value]).addTo(map); }
        map.on("click", function (event) {
          lat.value = event.latlng.lat.toFixed(6);
          lon.value = event.latlng.lng.toFixed(6);
          if (marker) { marker.setLatLng(event.latlng); } else { marker = L.marker(event.latlng).addTo(map); }
          status.textContent = root.dataset.pickedText;
        });
      }
      status.textContent = root.dataset.loadedText;
    });
  }

  document.querySelectorAll("[data-consent-map]").forEach(function (root) {
    var button = root.querySelector("[data-map-consent]");
    var note = root.querySelector("[data-map-host]");
    if (note) { note.textContent = hostOf(root.dataset.tiles); }
    button.hidden = false;
    button.addEventListener("click", function () {
      button.hidden = true;
      start(root);
    });
  });
})();
