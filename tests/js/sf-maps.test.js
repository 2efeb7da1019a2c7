// Unit tests of the pure logic of the course's map script (shared_future/static/sf-maps.js):
// marker shapes, legend swatches, area styles over time. Run: node --test tests/js/
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const SF = require('../../shared_future/static/sf-maps.js');

test('every shape the maps use draws its own SVG, unknown shapes fall back to a circle', () => {
  const shapes = ['circle', 'square', 'diamond', 'triangle', 'triangle_down', 'pentagon', 'hexagon', 'star', 'cross'];
  const drawn = shapes.map((s) => SF.svg(s, '#E69F00', 18));
  assert.equal(new Set(drawn).size, shapes.length);
  for (const svg of drawn) {
    assert.match(svg, /^<svg width="18" height="18" viewBox="0 0 20 20" aria-hidden="true">/);
    assert.match(svg, /fill="#E69F00"/);
  }
  assert.equal(SF.svg('no-such-shape', '#000'), SF.svg('circle', '#000'));
  assert.match(SF.svg('circle', '#000'), /width="18"/, 'default size');
});

test('legend swatches: a marker shape, a line (dashed or not), an area (outlined or dashed)', () => {
  assert.equal(SF.swatch({shape: 'star', c: '#111'}), SF.svg('star', '#111', 16));
  const line = SF.swatch({line: '#0072B2', dash: '8 6'});
  assert.match(line, /<line [^>]*stroke="#0072B2"[^>]*stroke-dasharray="8 6"/);
  assert.doesNotMatch(SF.swatch({line: '#0072B2'}), /dasharray/);
  const area = SF.swatch({fill: '#440154'});
  assert.match(area, /<rect [^>]*fill="#440154" stroke="#555" stroke-width="1"/);
  const dashed = SF.swatch({fill: 'none', stroke: '#000', dash: '5 4'});
  assert.match(dashed, /fill="none" stroke="#000" stroke-width="2" stroke-dasharray="5 4"/);
  assert.match(SF.swatch({}), /fill="none"/, 'an entry without fill is an outline');
});

test('area style: withdrawal shows as a dashed outline from its period on', () => {
  const item = {iso3: 'ITA', f: '#277f8e', wp: 5};
  const spec = {cls: 'sf-bri'};
  const before = SF.areaStyle(item, spec, 4);
  const after = SF.areaStyle(item, spec, 5);
  assert.equal(before.dashArray, null);
  assert.equal(after.dashArray, '5 4');
  assert.ok(after.weight > before.weight);
  assert.equal(before.fillColor, '#277f8e');
  assert.equal(before.className, 'sf-area sf-iso-ITA sf-bri');
});

test('area style: a prospective (dashed) item is dashed at every time, no period means never withdrawn', () => {
  const spec = {};
  assert.equal(SF.areaStyle({iso3: 'KEN', f: '#fff', dash: true}, spec, 0).dashArray, '5 4');
  assert.equal(SF.areaStyle({iso3: 'KEN', f: '#fff', wp: null}, spec, 99).dashArray, null);
  assert.equal(SF.areaStyle({iso3: 'KEN', f: '#fff'}, spec, 0).className, 'sf-area sf-iso-KEN ');
});

test("one layer control: the course's layers first, then a student's, bases apart; none when empty", () => {
  const made = [];
  globalThis.L = {control: {layers: (bases, overlays, options) => ({
    addTo: (map) => { made.push({bases, overlays, options, map}); return made[made.length - 1]; }})}};
  try {
    const map = {sfOverlays: {Projects: 'course-layer'}};
    SF.layerControl(map, [['My places', 'student-layer']], [['Satellite', 'base-layer']]);
    assert.deepEqual(Object.keys(made[0].overlays), ['Projects', 'My places']);
    assert.equal(made[0].overlays['My places'], 'student-layer');
    assert.deepEqual(made[0].bases, {Satellite: 'base-layer'});
    assert.equal(made[0].options.collapsed, false);
    assert.equal(SF.layerControl({}, [], []), null);
    assert.equal(made.length, 1);
  } finally {
    delete globalThis.L;
  }
});
