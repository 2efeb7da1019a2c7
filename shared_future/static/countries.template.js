/* The course's country outlines (data/countries.geojson) as window.SF_COUNTRIES, a GeoJSON
   FeatureCollection of MultiPolygons. map_assets fills in the rows with string.Template: one
   [iso3, name, polygons] row per country, each ring's coordinates delta-encoded integers in
   hundredths of a degree (19 KB gzip instead of 29 KB), decoded here. */
window.SF_COUNTRIES = (function (rows) {
  function ring(deltas) {
    var x = 0, y = 0, points = [];
    for (var i = 0; i < deltas.length; i += 2) {
      x += deltas[i];
      y += deltas[i + 1];
      points.push([x / 100, y / 100]);
    }
    return points;
  }
  return {
    type: "FeatureCollection",
    features: rows.map(function (row) {
      var polygons = row[2].map(function (polygon) { return polygon.map(ring); });
      return {type: "Feature", properties: {iso3: row[0], name: row[1]},
              geometry: {type: "MultiPolygon", coordinates: polygons}};
    })
  };
})($rows);
