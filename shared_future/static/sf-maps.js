/* The course's map code (shared_future.maps): SF.render draws a course map from its JSON spec;
   SF.layerControl adds the one layer control, listing the course's layers and a student's own
   folium layers. The pure helpers (SF.svg, SF.swatch, SF.areaStyle) are unit-tested with
   `node --test tests/js`. Needs Leaflet (window.L) and, for clusters, leaflet.markercluster. */
(function (root) {
  var SF = root.SF = {};
  if (typeof module === 'object' && module.exports) module.exports = SF;
  var SHAPES = {
    circle: '<circle cx="10" cy="10" r="7"/>',
    square: '<rect x="3.5" y="3.5" width="13" height="13"/>',
    diamond: '<polygon points="10,2 18,10 10,18 2,10"/>',
    triangle: '<polygon points="10,2 18.5,17 1.5,17"/>',
    triangle_down: '<polygon points="1.5,3 18.5,3 10,18"/>',
    pentagon: '<polygon points="10,2 18,8 15,17.5 5,17.5 2,8"/>',
    hexagon: '<polygon points="10,1.5 17.5,6 17.5,14 10,18.5 2.5,14 2.5,6"/>',
    star: '<polygon points="10,1.5 12.5,7.5 19,7.8 14,12 15.6,18.5 10,15 4.4,18.5 6,12 1,7.8 7.5,7.5"/>',
    cross: '<polygon points="7,2 13,2 13,7 18,7 18,13 13,13 13,18 7,18 7,13 2,13 2,7 7,7"/>'
  };
  SF.svg = function (shape, colour, size) {
    size = size || 18;
    return '<svg width="' + size + '" height="' + size + '" viewBox="0 0 20 20" aria-hidden="true">' +
      '<g fill="' + colour + '" stroke="#222" stroke-width="1.3">' + (SHAPES[shape] || SHAPES.circle) + '</g></svg>';
  };
  function box(position, cls, html) {
    var c = L.control({position: position});
    c.onAdd = function () {
      var d = L.DomUtil.create('div', 'sf-box ' + cls);
      d.innerHTML = html;
      L.DomEvent.disableClickPropagation(d);
      L.DomEvent.disableScrollPropagation(d);
      return d;
    };
    return c;
  }
  SF.swatch = function (e) {
    if (e.shape) return SF.svg(e.shape, e.c, 16);
    if (e.line) return '<svg width="22" height="12" aria-hidden="true"><line x1="1" y1="6" x2="21" y2="6" stroke="' +
      e.line + '" stroke-width="3"' + (e.dash ? ' stroke-dasharray="' + e.dash + '"' : '') + '/></svg>';
    return '<svg width="18" height="14" aria-hidden="true"><rect x="1" y="1" width="16" height="12" fill="' +
      (e.fill || 'none') + '" stroke="' + (e.stroke || '#555') + '" stroke-width="' + (e.dash ? 2 : 1) + '"' +
      (e.dash ? ' stroke-dasharray="' + e.dash + '"' : '') + '/></svg>';
  };
  SF.areaStyle = function (item, spec, t) {
    var withdrawn = item.wp !== undefined && item.wp !== null && t >= item.wp;
    return {className: 'sf-area sf-iso-' + item.iso3 + ' ' + (spec.cls || ''), fillColor: item.f, fillOpacity: 0.8,
            color: withdrawn || item.dash ? '#000' : '#444', weight: withdrawn || item.dash ? 2.2 : 0.8,
            dashArray: withdrawn || item.dash ? '5 4' : null};
  };
  function areas(spec, timeRef) {
    var byIso = {};
    spec.items.forEach(function (it) { byIso[it.iso3] = it; });
    var feats = window.SF_COUNTRIES.features.filter(function (f) { return byIso[f.properties.iso3]; });
    var layer = L.geoJSON({type: 'FeatureCollection', features: feats}, {
      style: function (f) { return SF.areaStyle(byIso[f.properties.iso3], spec, timeRef.t); },
      onEachFeature: function (f, l) {
        var it = byIso[f.properties.iso3];
        if (it.tip) l.bindTooltip(it.tip, {sticky: true});
        if (it.p) l.bindPopup(it.p, {className: 'sf-popup', maxWidth: 300});
        l.sfItem = it;
      }
    });
    layer.sfRestyle = function () {
      layer.eachLayer(function (l) { l.setStyle(SF.areaStyle(l.sfItem, spec, timeRef.t)); });
    };
    return layer;
  }
  function markers(spec) {
    var group = spec.cluster && L.markerClusterGroup ? L.markerClusterGroup({
      showCoverageOnHover: false, maxClusterRadius: 36, spiderfyOnMaxZoom: true,
      iconCreateFunction: function (c) {
        var n = c.getChildCount();
        return L.divIcon({html: '<span>' + n + '</span>', className: 'sf-cluster', iconSize: [30, 30],
                          });
      }
    }) : L.featureGroup();
    spec.items.forEach(function (it) {
      var s = it.size || 18;
      var m = L.marker([it.lat, it.lon], {
        title: it.t, alt: it.t, keyboard: true, riseOnHover: true,
        icon: L.divIcon({html: SF.svg(it.s, it.c, s), className: 'sf-icon sf-marker', iconSize: [s, s],
                         iconAnchor: [s / 2, s / 2], popupAnchor: [0, -s / 2]})
      });
      if (it.p) m.bindPopup(it.p, {className: 'sf-popup', maxWidth: 300});
      if (it.label) m.bindTooltip(it.label, {permanent: true, direction: 'right', className: 'sf-label', offset: [8, 0]});
      group.addLayer(m);
    });
    return group;
  }
  function lines(spec) {
    var group = L.featureGroup();
    spec.items.forEach(function (it) {
      var line = L.polyline(it.coords, {color: it.c, weight: 4, opacity: 0.9, dashArray: it.dash || null,
                                        className: 'sf-line'});
      if (it.p) line.bindPopup(it.p, {className: 'sf-popup', maxWidth: 300});
      if (it.label) line.bindTooltip(it.label, {permanent: true, direction: 'center', className: 'sf-label'});
      group.addLayer(line);
    });
    return group;
  }
  SF.render = function (map, spec) {
    if (!map.options.maxZoom) map.setMaxZoom(12);
    var title = box('topleft', 'sf-title', spec.title);
    title.addTo(map);
    L.control.zoom({position: 'topleft'}).addTo(map);
    var timeRef = {t: spec.time ? spec.time.labels.length - 1 : 0};
    map.attributionControl.setPrefix('<a href="https://leafletjs.com" target="_blank" rel="noopener">Leaflet</a>');
    map.attributionControl.addAttribution(spec.attribution);
    L.geoJSON(window.SF_COUNTRIES, {style: {className: 'sf-country', fillColor: '#eeeeee', fillOpacity: 0.55,
      color: '#9a9a9a', weight: 0.6}, interactive: false}).addTo(map);
    var overlays = {}, timed = [], restyle = [], allLayers = [];
    if (spec.tiles) {
      var tiles = L.tileLayer(spec.tiles.url, {attribution: spec.tiles.attribution, maxZoom: 18, opacity: 0.8});
      overlays[spec.tiles.name] = tiles;
      // Automated browsers (the offline test suite, benchmarks) never ask the tile server.
      if (!navigator.webdriver) tiles.addTo(map);
    }
    spec.layers.forEach(function (ls) {
      var layer = ls.kind === 'areas' ? areas(ls, timeRef) : ls.kind === 'lines' ? lines(ls) : markers(ls);
      layer.sfPeriod = ls.period;
      allLayers.push(layer);
      if (ls.kind === 'areas') restyle.push(layer);
      if (ls.period !== undefined && ls.period !== null) timed.push(layer);
      else overlays[ls.name] = layer;
      if (ls.show !== false) layer.addTo(map);
    });
    var bounds = spec.bounds ? L.latLngBounds(spec.bounds) : L.latLngBounds([]);
    if (!spec.bounds) allLayers.forEach(function (l) { if (l.getBounds) bounds.extend(l.getBounds()); });
    map.options.zoomSnap = 0.25;
    if (bounds.isValid()) map.fitBounds(bounds, {padding: [20, 20], maxZoom: 5});
    map.sfOverlays = overlays;
    if (spec.legend) {
      var rows = spec.legend.map(function (e) {
        return '<div class="sf-row">' + SF.swatch(e) + '<span>' + e.label + '</span></div>';
      }).join('');
      var legend = box(spec.legend_position || 'bottomright', 'sf-legend', '<button type="button" class="sf-toggle" aria-expanded="true">' +
          spec.legend_title + ' <span aria-hidden="true">&#9662;</span></button><div class="sf-body">' + rows +
          (spec.notes ? '<div class="sf-note">' + spec.notes + '</div>' : '') + '</div>');
      legend.addTo(map);
      var lbox = legend.getContainer(), toggle = lbox.querySelector('.sf-toggle');
      toggle.addEventListener('click', function () {
        var open = toggle.getAttribute('aria-expanded') !== 'true';
        toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
        lbox.querySelector('.sf-body').style.display = open ? '' : 'none';
      });
    }
    if (spec.chart) box('bottomleft', 'sf-chart', spec.chart).addTo(map);
    if (spec.time) {
      var labels = spec.time.labels;
      var ctl = box('bottomleft', 'sf-time',
        '<button type="button" aria-label="Play">&#9654;</button>' +
        '<input type="range" min="0" max="' + (labels.length - 1) + '" value="' + timeRef.t +
        '" aria-label="' + spec.time.aria + '"><output></output>');
      ctl.addTo(map);
      var div = ctl.getContainer(), input = div.querySelector('input'), out = div.querySelector('output'),
          button = div.querySelector('button'), timer = null;
      var show = function (t) {
        timeRef.t = t;
        timed.forEach(function (l) { if (l.sfPeriod <= t) l.addTo(map); else map.removeLayer(l); });
        restyle.forEach(function (l) { l.sfRestyle(); });
        out.textContent = spec.time.prefix + labels[t];
        input.value = t;
        input.setAttribute('aria-valuetext', out.textContent);
      };
      var playing = function (on) {
        button.innerHTML = on ? '&#10074;&#10074;' : '&#9654;';
        button.setAttribute('aria-label', on ? 'Pause' : 'Play');
      };
      input.addEventListener('input', function () { show(+input.value); });
      button.addEventListener('click', function () {
        if (timer) { clearInterval(timer); timer = null; playing(false); return; }
        playing(true);
        var t = -1;
        timer = setInterval(function () {
          t += 1; show(t);
          if (t >= labels.length - 1) { clearInterval(timer); timer = null; playing(false); }
        }, 1100);
      });
      show(timeRef.t);
    }
    map.getContainer().setAttribute('data-sf-ready', '1');
  };
  // The map's one layer control: the course's layers, then `extra` ([name, layer] pairs of a
  // student's folium layers, names already escaped), base layers in `bases`.
  SF.layerControl = function (map, extra, bases) {
    var overlays = {}, baseLayers = {};
    Object.keys(map.sfOverlays || {}).forEach(function (k) { overlays[k] = map.sfOverlays[k]; });
    extra.forEach(function (pair) { overlays[pair[0]] = pair[1]; });
    bases.forEach(function (pair) { baseLayers[pair[0]] = pair[1]; });
    if (!Object.keys(overlays).length && !Object.keys(baseLayers).length) return null;
    return L.control.layers(baseLayers, overlays, {collapsed: false}).addTo(map);
  };
})(typeof window !== 'undefined' ? window : globalThis);
