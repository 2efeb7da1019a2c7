/* The course's map code (shared_future.maps, shared_future.map_elements). The layers are folium's
   own (GeoJson, markers, lines, MarkerCluster, FeatureGroup, LayerControl); this file draws what
   folium has no accessible element for (title, legend, time control), feeds country areas from
   the shared outlines (window.SF_COUNTRIES, countries.js), folds the controls into buttons on a
   narrow map and opens the map on its features. Each function is one short call from a folium
   element's template, its data passed as JSON. Pure helpers are unit-tested with
   `node --test tests/js`. Needs Leaflet (window.L). */
(function (root) {
  var SF = root.SF = {};
  if (typeof module === 'object' && module.exports) module.exports = SF;
  SF.NARROW = 600;  // px: under this width the legend and the layer control start folded

  SF.isNarrow = function (width) { return width < SF.NARROW; };

  function box(map, position, cls, html) {
    var c = L.control({position: position});
    c.onAdd = function () {
      var d = L.DomUtil.create('div', 'sf-box ' + cls);
      d.innerHTML = html;
      L.DomEvent.disableClickPropagation(d);
      L.DomEvent.disableScrollPropagation(d);
      return d;
    };
    c.addTo(map);
    return c.getContainer();
  }

  // A toggle button that shows and hides `body`; `open` is the state it starts in.
  SF.toggle = function (button, body, open) {
    var set = function (on) {
      button.setAttribute('aria-expanded', on ? 'true' : 'false');
      body.style.display = on ? '' : 'none';
    };
    button.addEventListener('click', function () { set(button.getAttribute('aria-expanded') !== 'true'); });
    set(open);
    return set;
  };

  // The outline of a country (a GeoJSON geometry) from the shared outlines, by ISO 3166 alpha-3 code.
  SF.outline = function (iso3, countries) {
    countries = countries || root.SF_COUNTRIES;
    if (!SF._byIso || SF._byIsoOf !== countries) {
      SF._byIso = {};
      SF._byIsoOf = countries;
      countries.features.forEach(function (f) { SF._byIso[f.properties.iso3] = f.geometry; });
    }
    return SF._byIso[iso3] || null;
  };

  // folium.GeoJson `filter` option: gives a course area (a feature whose id is an ISO code) its
  // outline from the shared file, so the outlines travel once per site, not once per map.
  SF.withOutline = function (feature) {
    var geometry = SF.outline(feature.id);
    if (geometry) feature.geometry = geometry;
    return !!geometry;
  };

  // The title, the zoom buttons, the attribution and the grey country outlines under every layer;
  // the tile layer is switched on except in automated browsers (the offline tests never ask for tiles).
  SF.frame = function (map, o) {
    var title = box(map, 'topleft', 'sf-title', o.title);
    title.setAttribute('title', title.textContent);
    L.control.zoom({position: 'topleft'}).addTo(map);
    map.attributionControl.setPrefix('<a href="https://leafletjs.com" target="_blank" rel="noopener">Leaflet</a>');
    map.attributionControl.addAttribution(o.attribution);
    L.geoJSON(root.SF_COUNTRIES, {style: {className: 'sf-country', fillColor: '#eeeeee', fillOpacity: 0.55,
      color: '#9a9a9a', weight: 0.6}, interactive: false}).addTo(map);
    if (o.tiles && !navigator.webdriver) o.tiles.addTo(map);
  };

  SF.clusterIcon = function (cluster) {
    return L.divIcon({html: '<span>' + cluster.getChildCount() + '</span>', className: 'sf-cluster', iconSize: [30, 30]});
  };

  // The legend: a button (its title) that folds the rows, notes and chart away.
  SF.legend = function (map, o) {
    var div = box(map, o.position || 'bottomright', 'sf-legend',
      '<button type="button" class="sf-toggle">' + o.title + ' <span aria-hidden="true">&#9662;</span></button>' +
      '<div class="sf-body">' + o.rows + (o.chart ? '<div class="sf-chart">' + o.chart + '</div>' : '') +
      (o.notes ? '<div class="sf-note">' + o.notes + '</div>' : '') + '</div>');
    SF.toggle(div.querySelector('.sf-toggle'), div.querySelector('.sf-body'), true);
  };

  // Which layers a time step shows, and the outline of each withdrawn area at that step.
  SF.timeState = function (periods, t) { return periods.map(function (p) { return p <= t; }); };
  SF.strokeAt = function (withdrawnAt, t, strokes) {
    return withdrawnAt !== undefined && withdrawnAt !== null && t >= withdrawnAt ? strokes.withdrawn : strokes.plain;
  };

  // The time control: play/pause, a slider over the periods, the period as text. `layers` are
  // [layer, period] pairs; an area whose feature has `properties.wp` is dashed from that period on.
  SF.timeControl = function (map, layers, o) {
    var last = o.labels.length - 1;
    var narrow = SF.isNarrow(map.getSize().x);
    var div = box(map, narrow ? 'bottomright' : 'bottomleft', 'sf-time',
      '<button type="button">&#9654;</button>' +
      '<input type="range" min="0" max="' + last + '" value="' + last + '"><output></output>');
    var input = div.querySelector('input'), out = div.querySelector('output'), button = div.querySelector('button');
    input.setAttribute('aria-label', o.aria);
    button.setAttribute('aria-label', o.play);
    var timer = null;
    var show = function (t) {
      SF.timeState(layers.map(function (p) { return p[1]; }), t).forEach(function (on, i) {
        var layer = layers[i][0];
        if (on) layer.addTo(map); else map.removeLayer(layer);
        if (layer.eachLayer) layer.eachLayer(function (l) {
          if (l.feature && l.setStyle) l.setStyle(SF.strokeAt(l.feature.properties.wp, t, o.strokes));
        });
      });
      out.textContent = o.prefix + o.labels[t];
      input.value = t;
      input.setAttribute('aria-valuetext', out.textContent);
    };
    var playing = function (on) {
      button.innerHTML = on ? '&#10074;&#10074;' : '&#9654;';
      button.setAttribute('aria-label', on ? o.pause : o.play);
    };
    input.addEventListener('input', function () { show(+input.value); });
    button.addEventListener('click', function () {
      if (timer) { clearInterval(timer); timer = null; playing(false); return; }
      playing(true);
      var t = -1;
      timer = setInterval(function () {
        t += 1; show(t);
        if (t >= last) { clearInterval(timer); timer = null; playing(false); }
      }, 1100);
    });
    show(last);
  };

  // The bounds of every feature the layers draw (Leaflet LatLngBounds), or null if none.
  SF.boundsOf = function (layers) {
    var bounds = null;
    layers.forEach(function (l) {
      var b = l && l.getBounds && l.getBounds();
      if (b && b.isValid()) bounds = bounds ? bounds.extend(b) : L.latLngBounds(b.getSouthWest(), b.getNorthEast());
    });
    return bounds;
  };

  // The opening view's padding (px): an open legend's side of the map is kept clear of features.
  SF.fitPadding = function (legend, narrow) {
    var clear = [12, 12], beside = legend && !narrow ? [legend.width + 12, 12] : clear;
    return {paddingTopLeft: legend && !legend.right ? beside : clear,
            paddingBottomRight: legend && legend.right ? beside : clear};
  };

  // Last call: on a narrow map the legend and the layer list start folded (each behind a button
  // with aria-expanded); the map opens on every feature of `layers` and the outlines of
  // `countries` (ISO codes); then it is marked ready. `text.layers` labels the layer list's button.
  SF.finish = function (map, layers, countries, text) {
    var narrow = SF.isNarrow(map.getSize().x), container = map.getContainer();
    container.classList.toggle('sf-narrow', narrow);
    var control = container.querySelector('.leaflet-control-layers');
    if (control) {
      var list = control.querySelector('.leaflet-control-layers-list');
      var button = L.DomUtil.create('button', 'sf-toggle');
      button.type = 'button';
      button.textContent = text.layers + ' ';
      button.insertAdjacentHTML('beforeend', '<span aria-hidden="true">&#9662;</span>');
      control.insertBefore(button, control.firstChild);
      SF.toggle(button, list, !narrow);
    }
    var legend = container.querySelector('.sf-legend .sf-toggle');
    if (legend && narrow) legend.click();
    var shown = (countries || []).map(function (iso) { return L.geoJSON(SF.outline(iso)); });
    var bounds = SF.boundsOf(layers.concat(shown)), box = container.querySelector('.sf-legend');
    map.options.zoomSnap = 0.25;
    if (bounds) {
      var side = box ? {width: box.offsetWidth, right: !!box.closest('.leaflet-right')} : null;
      map.fitBounds(bounds, Object.assign({maxZoom: 5, animate: false}, SF.fitPadding(side, narrow)));
    }
    container.setAttribute('data-sf-ready', '1');
  };
})(typeof window !== 'undefined' ? window : globalThis);
