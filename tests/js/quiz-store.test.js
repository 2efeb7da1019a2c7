// Unit tests of the quiz progress kept in the browser (shared_future/static/quiz-store.js): the
// stored entry and its checks, the scores, and the export CSV, which must be byte for byte what
// shared_future.progress.write_csv writes (the shared cases in tests/quiz_fixtures/export/).
// Run: node --test tests/js/
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const S = require('../../shared_future/static/quiz-store.js');

const CASES = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'quiz_fixtures', 'export', 'cases.json'), 'utf8'));

class MemoryStorage {  // the part of the Storage API the store uses
  constructor(items = {}) { this.items = {...items}; }
  get length() { return Object.keys(this.items).length; }
  key(i) { return Object.keys(this.items)[i] ?? null; }
  getItem(k) { return k in this.items ? this.items[k] : null; }
  setItem(k, v) { this.items[k] = String(v); }
  removeItem(k) { delete this.items[k]; }
}

const attempt = (correct, answer = [0]) => ({answer, text: 'A', correct, at: '2026-12-01T10:00:00+00:00'});

test('the key is per chapter and carries the version', () => {
  assert.equal(S.key('origins'), 'sf-quiz:v1:origins');
  assert.notEqual(S.key('origins'), S.key('pillars'));
});

test('a corrupt, foreign or other-version entry is ignored: the chapter starts afresh', () => {
  const fresh = S.empty('origins');
  for (const text of [null, '', '{not json', '[]', '"text"', '42', 'null',
    JSON.stringify({version: 2, chapter: 'origins', questions: {}}),
    JSON.stringify({version: 1, chapter: 'pillars', questions: {}}),
    JSON.stringify({version: 1, chapter: 'origins', questions: []}),
    JSON.stringify({version: 1, chapter: 'origins'})]) {
    assert.deepEqual(S.parse(text, 'origins'), fresh, String(text));
  }
});

test('a question of the wrong shape is dropped alone', () => {
  const good = {count: 2, hidden: false, attempts: [attempt(false), attempt(true)]};
  const bad = [
    {count: 1, hidden: false, attempts: []},
    {count: 1, hidden: false, attempts: [{answer: [0], text: 'A', correct: 'yes', at: 'x'}]},
    {count: 0, hidden: false, attempts: [attempt(true)]},
    {count: 1, hidden: 'no', attempts: [attempt(true)]},
    {count: 1.5, hidden: false, attempts: [attempt(true)]},
    null, 'text',
  ];
  const questions = {good};
  bad.forEach((q, i) => { questions[`bad-${i}`] = q; });
  const entry = S.parse(JSON.stringify({version: 1, chapter: 'c', questions}), 'c');
  assert.deepEqual(Object.keys(entry.questions), ['good']);
  assert.deepEqual(entry.questions.good, good);
});

test('attempts: counted, the first kept past the limit, numbered as progress.py numbers them', () => {
  const entry = S.empty('c');
  for (let i = 0; i < S.MAX_ATTEMPTS + 3; i += 1) S.addAttempt(entry, 'q', [i % 2], `t${i}`, i > 0, `at${i}`);
  const q = entry.questions.q;
  assert.equal(q.count, S.MAX_ATTEMPTS + 3);
  assert.equal(q.attempts.length, S.MAX_ATTEMPTS);
  assert.equal(q.attempts[0].text, 't0', 'the first attempt is kept');
  assert.equal(q.attempts[1].text, 't4', 'the oldest of the rest are dropped');
  const numbers = S.attemptNumbers(q);
  assert.equal(numbers[0], 1);
  assert.equal(numbers[1], 5);
  assert.equal(numbers.at(-1), S.MAX_ATTEMPTS + 3);
  assert.deepEqual(S.parse(JSON.stringify(entry), 'c'), entry, 'a full entry reads back');
});

test('scores: right now, right at the first attempt; Start again hides answers but keeps first attempts', () => {
  const entry = S.empty('c');
  S.addAttempt(entry, 'a', [0], 'A', true, 't');
  S.addAttempt(entry, 'b', [1], 'B', false, 't');
  S.addAttempt(entry, 'b', [0], 'A', true, 't');
  S.addAttempt(entry, 'c', [1], 'B', false, 't');
  assert.deepEqual(S.summary(entry), {answered: 3, right: 2, first: 1});
  S.hideAll(entry);
  assert.deepEqual(S.summary(entry), {answered: 0, right: 0, first: 1});
  S.addAttempt(entry, 'c', [0], 'A', true, 't');
  assert.deepEqual(S.summary(entry), {answered: 1, right: 1, first: 1});
});

test('a stored answer is restored only when it fits the question', () => {
  const single = {type: 'single', correct: [false, true, false], multi: false};
  const multi = {type: 'multiple', correct: [true, true, false], multi: true};
  const order = {type: 'ordering', size: 3};
  const number = {type: 'numeric'};
  assert.ok(S.fits(single, [2]));
  assert.ok(!S.fits(single, [0, 1]) && !S.fits(single, [3]) && !S.fits(single, []) && !S.fits(single, 1));
  assert.ok(S.fits(multi, [0, 2]) && !S.fits(multi, [2, 0]) && !S.fits(multi, [0, 0]) && !S.fits(multi, [-1]));
  assert.ok(S.fits(order, [3, 1, 2]) && !S.fits(order, [1, 2]) && !S.fits(order, [0, 1, 2]) && !S.fits(order, [1, 2, 4]));
  assert.ok(S.fits(number, 2018) && !S.fits(number, '2018') && !S.fits(number, Infinity) && !S.fits(number, [1]));
});

test('spreadsheet cells: the same rule as escaping.spreadsheet_cell (shared cases)', () => {
  for (const [value, expected] of CASES.cells) assert.equal(S.spreadsheetCell(value), expected, JSON.stringify(value));
});

test('the export CSV is byte for byte what progress.write_csv writes (shared cases)', () => {
  assert.deepEqual(S.COLUMNS, ['student', 'chapter', 'question_id', 'answer', 'correct', 'answered_at', 'attempt']);
  assert.equal(S.csv(CASES.rows), CASES.csv);
});

test('export rows: one per attempt, with the student, chapter, True/False and attempt numbers', () => {
  const entry = S.empty('origins');
  S.addAttempt(entry, 'origins-2', [1], 'B', false, '2026-12-01T10:00:00+00:00');
  S.addAttempt(entry, 'origins-2', [0], 'A', true, '2026-12-01T10:01:00+00:00');
  S.addAttempt(entry, 'origins-1', [0], 'A', true, '2026-12-01T10:02:00+00:00');
  const rows = S.exportRows([entry, S.empty('pillars')], 'Li Wei');
  assert.deepEqual(rows.map((r) => [r.question_id, r.answer, r.correct, r.attempt]),
    [['origins-1', 'A', 'True', 1], ['origins-2', 'B', 'False', 1], ['origins-2', 'A', 'True', 2]]);
  assert.ok(rows.every((r) => r.student === 'Li Wei' && r.chapter === 'origins'));
});

test('times are ISO 8601 with a time zone, as Python writes UTC', () => {
  assert.equal(S.now(new Date(Date.UTC(2026, 11, 1, 10, 2, 3, 456))), '2026-12-01T10:02:03+00:00');
});

test('storage that refuses gives null and saving says false; clearing keeps the name', () => {
  const refusing = {getItem() { throw new Error('denied'); }, setItem() { throw new Error('denied'); }};
  assert.equal(S.save(refusing, S.empty('c')), false);
  assert.deepEqual(S.load(refusing, 'c'), S.empty('c'));
  assert.equal(S.save(null, S.empty('c')), false);
  const storage = new MemoryStorage({[S.STUDENT_KEY]: 'Li Wei', 'sf-quiz:v0:old': 'x', other: 'y'});
  assert.ok(S.save(storage, S.addAttempt(S.empty('c'), 'q', [0], 'A', true, 't')));
  assert.equal(S.load(storage, 'c').questions.q.count, 1);
  assert.equal(S.clear(storage), 2);
  assert.deepEqual(Object.keys(storage.items).sort(), ['other', S.STUDENT_KEY].sort());
});
