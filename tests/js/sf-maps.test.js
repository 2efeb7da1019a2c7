// Unit tests of the pure logic of the course's map script (shared_future/static/sf-maps.js):
// narrow maps, toggle buttons, outlines fed to folium's GeoJson, the time control's state, the
// opening view. Run: node --test tests/js/
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const SF = require('../../shared_future/static/sf-maps.js');

function fakeElement() {
  const attributes = {}, listeners = {};
  return {
    style: {}, attributes,
    setAttribute: (k, v) => { attributes[k] = String(v); },
    getAttribute: (k) => (k in attributes ? attributes[k] : null),
    addEventListener: (type, f) => { listeners[type] = f; },
    click: () => listeners.click(),
  };
}

test('a map under 600 px wide is narrow', () => {
  assert.equal(SF.isNarrow(390), true);
  assert.equal(SF.isNarrow(599), true);
  assert.equal(SF.isNarrow(600), false);
  assert.equal(SF.isNarrow(1280), false);
});

test('a toggle button shows and hides its body and says so in aria-expanded', () => {
  const button = fakeElement(), body = fakeElement();
  SF.toggle(button, body, false);
  assert.equal(button.getAttribute('aria-expanded'), 'false');
  assert.equal(body.style.display, 'none');
  button.click();
  assert.equal(button.getAttribute('aria-expanded'), 'true');
  assert.equal(body.style.display, '');
  button.click();
  assert.equal(button.getAttribute('aria-expanded'), 'false');
  const open = fakeElement(), shown = fakeElement();
  SF.toggle(open, shown, true);
  assert.equal(open.getAttribute('aria-expanded'), 'true');
  assert.equal(shown.style.display, '');
});

test('course areas get their outline from the shared countries by ISO code; unknown codes are left out', () => {
  const geometry = {type: 'MultiPolygon', coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]]]};
  const countries = {features: [{properties: {iso3: 'KEN', name: 'Kenya'}, geometry}]};
  assert.equal(SF.outline('KEN', countries), geometry);
  assert.equal(SF.outline('XXX', countries), null);
  globalThis.SF_COUNTRIES = countries;
  try {
    const feature = {type: 'Feature', id: 'KEN', geometry: {type: 'MultiPolygon', coordinates: []}, properties: {}};
    assert.equal(SF.withOutline(feature), true);
    assert.equal(feature.geometry, geometry);
    assert.equal(SF.withOutline({type: 'Feature', id: 'MDV', geometry: {}, properties: {}}), false);
  } finally {
    delete globalThis.SF_COUNTRIES;
  }
  const other = {features: [{properties: {iso3: 'KEN'}, geometry: {type: 'Point'}}]};
  assert.equal(SF.outline('KEN', other).type, 'Point', 'a new set of outlines is read afresh');
});

test('time control: a period layer shows from its period on; a withdrawal is dashed from its period on', () => {
  assert.deepEqual(SF.timeState([0, 1, 2, 3], 1), [true, true, false, false]);
  assert.deepEqual(SF.timeState([0, 1, 2, 3], 3), [true, true, true, true]);
  const strokes = {plain: {dashArray: null}, withdrawn: {dashArray: '5 4'}};
  assert.equal(SF.strokeAt(5, 4, strokes), strokes.plain);
  assert.equal(SF.strokeAt(5, 5, strokes), strokes.withdrawn);
  assert.equal(SF.strokeAt(undefined, 6, strokes), strokes.plain);
  assert.equal(SF.strokeAt(null, 6, strokes), strokes.plain);
});

test('the opening view covers every layer with features; empty layers and non-layers are ignored', () => {
  function bounds(s, w, n, e) {
    const b = {s, w, n, e, isValid: () => true, getSouthWest: () => [b.s, b.w], getNorthEast: () => [b.n, b.e],
      extend: (o) => { b.s = Math.min(b.s, o.s); b.w = Math.min(b.w, o.w); b.n = Math.max(b.n, o.n); b.e = Math.max(b.e, o.e); return b; }};
    return b;
  }
  globalThis.L = {latLngBounds: (sw, ne) => bounds(sw[0], sw[1], ne[0], ne[1])};
  try {
    const layers = [{getBounds: () => bounds(-10, 20, 10, 40)}, {getBounds: () => ({isValid: () => false})},
                    {getBounds: () => bounds(0, 100, 50, 140)}, {}, null];
    const b = SF.boundsOf(layers);
    assert.deepEqual([b.s, b.w, b.n, b.e], [-10, 20, 50, 140]);
    assert.equal(SF.boundsOf([{}]), null);
  } finally {
    delete globalThis.L;
  }
});

test("the opening view keeps an open legend's side clear; a folded (narrow) legend leaves it free", () => {
  assert.deepEqual(SF.fitPadding({width: 230, right: true}, false),
                   {paddingTopLeft: [12, 12], paddingBottomRight: [242, 12]});
  assert.deepEqual(SF.fitPadding({width: 230, right: false}, false),
                   {paddingTopLeft: [242, 12], paddingBottomRight: [12, 12]});
  assert.deepEqual(SF.fitPadding({width: 230, right: true}, true),
                   {paddingTopLeft: [12, 12], paddingBottomRight: [12, 12]});
  assert.deepEqual(SF.fitPadding(null, false), {paddingTopLeft: [12, 12], paddingBottomRight: [12, 12]});
});

test('the country outlines decode from their delta-encoded rows', () => {
  const fs = require('node:fs');
  const path = require('node:path');
  const template = fs.readFileSync(path.join(__dirname, '..', '..', 'shared_future', 'static', 'countries.template.js'), 'utf8');
  // one country, one polygon, one ring: (1.5, 2) -> (2, 2) -> (2, 3.25), as hundredths and deltas
  const rows = JSON.stringify([['AAA', 'A <land>', [[[150, 200, 50, 0, 0, 125]]]]]);
  const window = {};
  assert.equal(template.split('$rows').length, 2, 'the template names $rows once (string.Template replaces every one)');
  new Function('window', template.split('$rows').join(rows))(window);
  assert.deepEqual(window.SF_COUNTRIES, {type: 'FeatureCollection', features: [{
    type: 'Feature', properties: {iso3: 'AAA', name: 'A <land>'},
    geometry: {type: 'MultiPolygon', coordinates: [[[[1.5, 2], [2, 2], [2, 3.25]]]]}}]});
});
