/* Quiz progress in the reader's browser (localStorage), for the static quizzes (quiz.js) and the
   "Your progress" page (quiz-progress.js). Nothing leaves the browser.

   One entry per chapter under "sf-quiz:v1:<chapter>":
     {"version": 1, "chapter": ..., "questions": {<question id>: {"count": n, "hidden": bool,
       "attempts": [{"answer": <as quiz.js grades it>, "text": <in words>, "correct": bool, "at": <ISO time>}]}}}
   Past MAX_ATTEMPTS the first attempt is kept and the oldest of the rest dropped (as
   shared_future/progress.py does). An entry that is not JSON, of another version or of the wrong
   shape is ignored (the quiz starts afresh); a question of the wrong shape is dropped alone.
   The pure functions are unit-tested with `node --test tests/js`. */
(function (root) {
  "use strict";
  if (root.SFQuizStore) return;
  var S = root.SFQuizStore = {};
  if (typeof module === "object" && module.exports) module.exports = S;

  S.VERSION = 1;
  S.PREFIX = "sf-quiz:";
  S.STUDENT_KEY = "sf-quiz:student";
  S.MAX_ATTEMPTS = 50;
  // The columns of shared_future.progress.EXPORT_COLUMNS, which `python -m shared_future.classroom merge` reads.
  S.COLUMNS = ["student", "chapter", "question_id", "answer", "correct", "answered_at", "attempt"];
  var TRIGGERS = ["=", "+", "-", "@", "\t", "\r", "'"];

  S.key = function (chapter) { return S.PREFIX + "v" + S.VERSION + ":" + chapter; };

  S.empty = function (chapter) { return {version: S.VERSION, chapter: chapter, questions: {}}; };

  function isAttempt(a) {
    return a !== null && typeof a === "object" && a.answer !== undefined && typeof a.text === "string"
      && typeof a.correct === "boolean" && typeof a.at === "string";
  }

  function isQuestion(q) {
    return q !== null && typeof q === "object" && Array.isArray(q.attempts) && q.attempts.length > 0
      && q.attempts.length <= S.MAX_ATTEMPTS && q.attempts.every(isAttempt) && typeof q.hidden === "boolean"
      && Number.isInteger(q.count) && q.count >= q.attempts.length;
  }

  // The chapter's entry read from its stored text; a fresh one when the text is missing or unusable.
  S.parse = function (text, chapter) {
    var data;
    try { data = JSON.parse(text); } catch { return S.empty(chapter); }
    if (!data || typeof data !== "object" || data.version !== S.VERSION || data.chapter !== chapter
        || !data.questions || typeof data.questions !== "object" || Array.isArray(data.questions)) {
      return S.empty(chapter);
    }
    var entry = S.empty(chapter);
    Object.keys(data.questions).forEach(function (id) {
      if (isQuestion(data.questions[id])) entry.questions[id] = data.questions[id];
    });
    return entry;
  };

  S.addAttempt = function (entry, id, answer, text, correct, at) {
    var q = entry.questions[id] || (entry.questions[id] = {count: 0, hidden: false, attempts: []});
    q.attempts.push({answer: answer, text: text, correct: correct, at: at});
    if (q.attempts.length > S.MAX_ATTEMPTS) q.attempts.splice(1, 1);
    q.count += 1;
    q.hidden = false;
    return entry;
  };

  // "Start again": the answers leave the page, the attempts stay (first-attempt scores keep counting).
  S.hideAll = function (entry) {
    Object.keys(entry.questions).forEach(function (id) { entry.questions[id].hidden = true; });
    return entry;
  };

  S.latest = function (q) { return q.attempts[q.attempts.length - 1]; };

  // What the quiz's score line shows: answered (and shown), right now, right at the first attempt.
  S.summary = function (entry) {
    var s = {answered: 0, right: 0, first: 0};
    Object.keys(entry.questions).forEach(function (id) {
      var q = entry.questions[id];
      if (q.attempts[0].correct) s.first += 1;
      if (q.hidden) return;
      s.answered += 1;
      if (S.latest(q).correct) s.right += 1;
    });
    return s;
  };

  // Whether a stored answer fits the question's key (a changed quiz must not restore nonsense).
  S.fits = function (k, a) {
    if (k.type === "numeric") return typeof a === "number" && isFinite(a);
    if (!Array.isArray(a) || !a.every(Number.isInteger)) return false;
    if (k.type === "ordering") return a.length === k.size && a.every(function (p) { return p >= 1 && p <= k.size; });
    var n = k.correct.length;
    return a.length >= 1 && (k.multi || a.length === 1) && a.every(function (i, j) {
      return i >= 0 && i < n && (j === 0 || i > a[j - 1]);
    });
  };

  // The attempt numbers of a question's kept attempts (1, then count - kept + 2, ...), as progress.attempts.
  S.attemptNumbers = function (q) {
    return q.attempts.map(function (a, i) { return i === 0 ? 1 : q.count - q.attempts.length + 1 + i; });
  };

  // A CSV cell a spreadsheet shows as text: the rule of shared_future.escaping.spreadsheet_cell.
  S.spreadsheetCell = function (value) {
    var text = value === null || value === undefined ? "" : String(value);
    return TRIGGERS.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
  };

  // One CSV line as Python's csv.writer writes it (quoted only when needed, CRLF).
  S.csvLine = function (cells) {
    return cells.map(function (c) {
      return /[",\r\n]/.test(c) ? '"' + c.replace(/"/g, '""') + '"' : c;
    }).join(",") + "\r\n";
  };

  // Rows as shared_future.progress.write_csv writes them: header, then every cell neutralised.
  S.csv = function (rows) {
    return S.csvLine(S.COLUMNS) + rows.map(function (row) {
      return S.csvLine(S.COLUMNS.map(function (c) { return S.spreadsheetCell(row[c]); }));
    }).join("");
  };

  // Every attempt of the given chapter entries as export rows, one per attempt, oldest first.
  S.exportRows = function (entries, student) {
    var rows = [];
    entries.forEach(function (entry) {
      Object.keys(entry.questions).sort().forEach(function (id) {
        var q = entry.questions[id], numbers = S.attemptNumbers(q);
        q.attempts.forEach(function (a, i) {
          rows.push({student: student, chapter: entry.chapter, question_id: id, answer: a.text,
                     correct: a.correct ? "True" : "False", answered_at: a.at, attempt: numbers[i]});
        });
      });
    });
    return rows;
  };

  // An ISO 8601 time with its time zone, as Python's isoformat(timespec="seconds") writes UTC.
  S.now = function (date) {
    return (date || new Date()).toISOString().replace(/\.\d{3}Z$/, "+00:00");
  };

  // The browser's storage, or null when it refuses (private modes, file:// in some browsers, full).
  S.storage = function () {
    try {
      var s = root.localStorage, probe = S.PREFIX + "probe";
      s.setItem(probe, "1");
      s.removeItem(probe);
      return s;
    } catch {
      return null;
    }
  };

  S.load = function (storage, chapter) {
    var text = null;
    try { text = storage ? storage.getItem(S.key(chapter)) : null; } catch { text = null; }
    return S.parse(text, chapter);
  };

  // Save an entry; false when the browser refused.
  S.save = function (storage, entry) {
    if (!storage) return false;
    try {
      storage.setItem(S.key(entry.chapter), JSON.stringify(entry));
      return true;
    } catch {
      return false;
    }
  };

  // Remove every saved answer of every chapter (any version); the student's name stays.
  S.clear = function (storage) {
    var keys = [];
    for (var i = 0; i < storage.length; i += 1) {
      var k = storage.key(i);
      if (k && k.indexOf(S.PREFIX + "v") === 0) keys.push(k);
    }
    keys.forEach(function (k) { storage.removeItem(k); });
    return keys.length;
  };
})(typeof window !== "undefined" ? window : globalThis);
