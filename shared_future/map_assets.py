"""The browser files the course maps need, and how each reaches the map.

A map is a folium document shown in an `<iframe srcdoc>`. Its `<head>` holds one block per
asset, each between two comment sentinels::

    <!--sf-asset:leaflet.js--><script>/* Leaflet, inline */</script><!--/sf-asset-->

- In JupyterLab (and any live kernel) the blocks carry the file's text inline, read from
  `node_modules/` (installed by `npm ci` from package.json), so a map works with no network
  and no server route. When `node_modules/` is missing (e.g. on Binder without npm) the
  Leaflet blocks fall back to `<script src>` tags on the jsDelivr CDN and a warning says so.
- In the built book, the course Sphinx extension (`book/_ext/course_build.py`) replaces each
  block by a `<script src>`/`<link>` to `_vendor/<path>` with the right relative prefix for
  the page (`link_assets`), and copies the files there (`vendor_files`). A relative URL inside
  a srcdoc resolves against the page, and the browser's cache then loads each file once
  for all the maps of a page and of the whole site. `_vendor/` is outside `_static/`, which
  Jupyter Book would inject into every page.

Assets: Leaflet 1.9.4 and leaflet.markercluster 1.5.3 (npm), the course's own map code
(`sf-maps.js`, `sf-maps.css`, below) and the country outlines (`countries.js`, made from
`data/countries.geojson`).
"""
from __future__ import annotations

import hashlib
import html
import json
import os
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

from . import escaping

ROOT = Path(__file__).resolve().parents[1]
NODE_MODULES_ENV = "SHARED_FUTURE_NODE_MODULES"
VENDOR_DIR = "_vendor"
SOURCE_MAP = re.compile(r"\n?/[/*][#@] sourceMappingURL=\S+?(?: \*/)?\s*$")
# An asset block as it appears inside an HTML-escaped srcdoc attribute.
ESCAPED_BLOCK = re.compile(r"&lt;!--sf-asset:([\w.\-]+)--&gt;.*?&lt;!--/sf-asset--&gt;", re.S)
MARKER_CLASS = "sf-map"  # the wrapper <div> of every map: how the build and the tests find maps


def node_modules() -> Path:
    return Path(os.environ.get(NODE_MODULES_ENV) or ROOT / "node_modules")


def _countries_js() -> str:
    """data/countries.geojson as a script setting window.SF_COUNTRIES (a GeoJSON FeatureCollection).

    Coordinates travel as delta-encoded integers (hundredths of a degree, exact for the
    2-decimal file): 19 KB gzipped instead of 29 KB; the script decodes them."""
    from .data import data_dir

    collection = json.loads((data_dir() / "countries.geojson").read_text(encoding="utf-8"))

    def ring(points):
        out, px, py = [], 0, 0
        for x, y, *_ in points:
            qx, qy = round(x * 100), round(y * 100)
            out += [qx - px, qy - py]
            px, py = qx, qy
        return out

    rows = []
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        rows.append([feature["properties"]["iso3"], feature["properties"]["name"],
                     [[ring(r) for r in polygon] for polygon in polygons]])
    return ("window.SF_COUNTRIES=(function(d){return{type:'FeatureCollection',features:d.map(function(f){"
            "var p=f[2].map(function(q){return q.map(function(r){var x=0,y=0,o=[];for(var i=0;i<r.length;i+=2)"
            "{x+=r[i];y+=r[i+1];o.push([x/100,y/100]);}return o;});});"
            "return{type:'Feature',properties:{iso3:f[0],name:f[1]},geometry:{type:'MultiPolygon',coordinates:p}};})};})("
            + escaping.json_for_script(rows) + ");\n")


@dataclass(frozen=True)
class Asset:
    kind: str                      # "js" or "css"
    vendor_path: str               # where the built book serves it, under _vendor/
    npm: str | None = None         # path under node_modules/
    cdn: str | None = None         # fallback when node_modules is missing (live kernels only)
    text: Callable[[], str] | None = None  # generated assets


SF_CSS = """
.leaflet-container .sf-title{font:600 14px/1.3 system-ui,sans-serif;max-width:min(340px,45vw)}
.sf-box{background:rgba(255,255,255,.94);padding:6px 8px;border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.3);
 font:11.5px/1.3 system-ui,sans-serif;max-width:230px;max-height:52vh;overflow:auto}
.leaflet-control-layers{font:12px/1.3 system-ui,sans-serif}
.sf-box h4,.sf-toggle{margin:0 0 4px;font:600 12px system-ui,sans-serif}
.sf-toggle{background:none;border:0;padding:0;cursor:pointer;color:inherit}
.sf-note details{margin:0}.sf-note summary{cursor:pointer}
.sf-legend .sf-row{display:flex;align-items:center;gap:6px;margin:2px 0}
.sf-legend svg{flex:none}
.sf-note{margin-top:4px;color:#333}
.sf-time{display:flex;align-items:center;gap:6px}
.sf-time button{font:14px system-ui;min-width:28px;cursor:pointer}
.sf-time output{font-weight:600;min-width:5.5em}
.sf-icon{background:none;border:none}
.sf-cluster{background:rgba(30,30,30,.8);color:#fff;border-radius:50%;display:flex;align-items:center;
 justify-content:center;font:600 12px system-ui,sans-serif;border:2px solid #fff}
.sf-label{background:rgba(255,255,255,.85);border:0;box-shadow:none;font:600 11px system-ui,sans-serif;padding:1px 4px}
.sf-popup{font:13px/1.4 system-ui,sans-serif;max-width:280px}
.sf-popup p{margin:4px 0}
.sf-chart text{font:10px system-ui,sans-serif}
"""

# The course's map code: Python describes a map as a JSON spec, SF.render draws it.
SF_JS = r"""
(function () {
  var SF = window.SF = {};
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
  function swatch(e) {
    if (e.shape) return SF.svg(e.shape, e.c, 16);
    if (e.line) return '<svg width="22" height="12" aria-hidden="true"><line x1="1" y1="6" x2="21" y2="6" stroke="' +
      e.line + '" stroke-width="3"' + (e.dash ? ' stroke-dasharray="' + e.dash + '"' : '') + '/></svg>';
    return '<svg width="18" height="14" aria-hidden="true"><rect x="1" y="1" width="16" height="12" fill="' +
      (e.fill || 'none') + '" stroke="' + (e.stroke || '#555') + '" stroke-width="' + (e.dash ? 2 : 1) + '"' +
      (e.dash ? ' stroke-dasharray="' + e.dash + '"' : '') + '/></svg>';
  }
  function areaStyle(item, spec, t) {
    var withdrawn = item.wp !== undefined && item.wp !== null && t >= item.wp;
    return {className: 'sf-area sf-iso-' + item.iso3 + ' ' + (spec.cls || ''), fillColor: item.f, fillOpacity: 0.8,
            color: withdrawn || item.dash ? '#000' : '#444', weight: withdrawn || item.dash ? 2.2 : 0.8,
            dashArray: withdrawn || item.dash ? '5 4' : null};
  }
  function areas(spec, timeRef) {
    var byIso = {};
    spec.items.forEach(function (it) { byIso[it.iso3] = it; });
    var feats = window.SF_COUNTRIES.features.filter(function (f) { return byIso[f.properties.iso3]; });
    var layer = L.geoJSON({type: 'FeatureCollection', features: feats}, {
      style: function (f) { return areaStyle(byIso[f.properties.iso3], spec, timeRef.t); },
      onEachFeature: function (f, l) {
        var it = byIso[f.properties.iso3];
        if (it.tip) l.bindTooltip(it.tip, {sticky: true});
        if (it.p) l.bindPopup(it.p, {className: 'sf-popup', maxWidth: 300});
        l.sfItem = it;
      }
    });
    layer.sfRestyle = function () {
      layer.eachLayer(function (l) { l.setStyle(areaStyle(l.sfItem, spec, timeRef.t)); });
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
    if (Object.keys(overlays).length) L.control.layers(null, overlays, {collapsed: false}).addTo(map);
    if (spec.legend) {
      var rows = spec.legend.map(function (e) {
        return '<div class="sf-row">' + swatch(e) + '<span>' + e.label + '</span></div>';
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
})();
"""

ASSETS: dict[str, Asset] = {
    "leaflet.css": Asset("css", "leaflet/leaflet.css", npm="leaflet/dist/leaflet.css",
                         cdn="https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.css"),
    "leaflet.js": Asset("js", "leaflet/leaflet.js", npm="leaflet/dist/leaflet.js",
                        cdn="https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.js"),
    "markercluster.css": Asset("css", "leaflet.markercluster/MarkerCluster.css",
                               npm="leaflet.markercluster/dist/MarkerCluster.css",
                               cdn="https://cdn.jsdelivr.net/npm/leaflet.markercluster@1.5.3/dist/MarkerCluster.css"),
    "markercluster.js": Asset("js", "leaflet.markercluster/leaflet.markercluster.js",
                              npm="leaflet.markercluster/dist/leaflet.markercluster.js",
                              cdn="https://cdn.jsdelivr.net/npm/leaflet.markercluster@1.5.3/dist/leaflet.markercluster.js"),
    "sf-maps.css": Asset("css", "shared_future/sf-maps.css", text=lambda: SF_CSS),
    "sf-maps.js": Asset("js", "shared_future/sf-maps.js", text=lambda: SF_JS),
    "countries.js": Asset("js", "shared_future/countries.js", text=_countries_js),
}
# Files the Leaflet stylesheet refers to (the layer-control icon; markers use inline SVG).
EXTRA_FILES = {"leaflet/images/layers.png": "leaflet/dist/images/layers.png",
               "leaflet/images/layers-2x.png": "leaflet/dist/images/layers-2x.png"}


def asset_text(name: str) -> str | None:
    """The asset's text, or None when it should come from node_modules and that is missing."""
    asset = ASSETS[name]
    if asset.text is not None:
        return asset.text()
    path = node_modules() / asset.npm
    if not path.is_file():
        return None
    return SOURCE_MAP.sub("", path.read_text(encoding="utf-8")) + "\n"


@lru_cache(maxsize=1)
def _warn_cdn_once() -> None:
    warnings.warn(f"{node_modules()} is missing: the maps load Leaflet from the jsDelivr CDN "
                  "(they need the network). Run `npm ci` in the repository to work offline.",
                  stacklevel=3)


def head_html(names: list[str]) -> str:
    """The `<head>` blocks for these assets, inline (or CDN tags when node_modules is missing)."""
    blocks = []
    for name in names:
        asset, text = ASSETS[name], asset_text(name)
        if text is None:
            _warn_cdn_once()
            tag = (f'<link rel="stylesheet" href="{asset.cdn}">' if asset.kind == "css"
                   else f'<script src="{asset.cdn}"></script>')
        elif asset.kind == "css":
            tag = f"<style>{text}</style>"
        else:
            tag = "<script>" + text.replace("</script", "<\\/script") + "</script>"
        blocks.append(f"<!--sf-asset:{name}-->{tag}<!--/sf-asset-->")
    return "\n".join(blocks)


def vendor_files() -> dict[str, bytes]:
    """Every file the built book serves under _vendor/, by path; raises if node_modules is missing."""
    files = {}
    for name, asset in ASSETS.items():
        text = asset_text(name)
        if text is None:
            raise FileNotFoundError(f"{node_modules() / asset.npm} is missing: run `npm ci` first")
        files[asset.vendor_path] = text.encode("utf-8")
    for target, source in EXTRA_FILES.items():
        files[target] = (node_modules() / source).read_bytes()
    return files


def asset_url(name: str, prefix: str, files: dict[str, bytes]) -> str:
    """The URL of an asset from a page whose path to the site root is `prefix` ('' or '../')."""
    path = ASSETS[name].vendor_path
    version = hashlib.sha256(files[path]).hexdigest()[:10]
    return f"{prefix}{VENDOR_DIR}/{path}?v={version}"


def link_assets(page_html: str, prefix: str, files: dict[str, bytes]) -> str:
    """Replace the inline asset blocks of every map's srcdoc in a page by links to _vendor/."""
    def tag(match: re.Match) -> str:
        name = match.group(1)
        if name not in ASSETS:
            return match.group(0)
        url = asset_url(name, prefix, files)
        raw = (f'<link rel="stylesheet" href="{url}">' if ASSETS[name].kind == "css"
               else f'<script src="{url}"></script>')
        return html.escape(raw, quote=True)

    return ESCAPED_BLOCK.sub(tag, page_html)

