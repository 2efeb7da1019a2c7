/* The "Your progress" page (shared_future/quiz/progress_page.py): fills every chapter's row from
   the attempts this browser keeps (static/quiz-store.js), keeps the student's name, exports the
   CSV that `python -m shared_future.classroom merge` reads, and clears the saved answers. */
(function (page) {
  "use strict";
  var store = window.SFQuizStore, storage = store.storage();
  var rows = page.querySelectorAll("tr[data-chapter]");
  var name = page.querySelector(".sfp-name"), status = page.querySelector(".sfp-status");
  var text = JSON.parse(page.querySelector(".sfp-text").textContent);  // the page's language
  function fill_in(template, values) {
    return Object.keys(values).reduce(function (t, k) { return t.split("{" + k + "}").join(values[k]); }, template);
  }

  function say(message) { status.textContent = message; }

  function entries() {
    return Array.prototype.map.call(rows, function (row) { return store.load(storage, row.dataset.chapter); });
  }

  function fill() {
    entries().forEach(function (entry, n) {
      var row = rows[n], total = Number(row.dataset.total), s = store.summary(entry);
      var tried = Object.keys(entry.questions).length;
      var cell = function (c, t) { row.querySelector(".sfp-" + c).textContent = t; };
      cell("score", !tried ? text.none : fill_in(text.score, {right: s.right, total: total})
        + (s.answered < total ? fill_in(text.answered, {answered: s.answered}) : ""));
      cell("first", tried ? fill_in(text.score, {right: s.first, total: total}) : "");
    });
  }

  if (!storage) {
    var note = page.querySelector(".sfp-note");
    note.textContent = text.no_storage;
    note.hidden = false;
    page.querySelectorAll("button, input").forEach(function (c) { c.disabled = true; });
    return;
  }

  try { name.value = storage.getItem(store.STUDENT_KEY) || ""; } catch { name.value = ""; }
  name.addEventListener("input", function () {
    try { storage.setItem(store.STUDENT_KEY, name.value); } catch { /* kept for this visit only */ }
  });
  fill();

  page.querySelector(".sfp-export").addEventListener("click", function () {
    var student = name.value.trim();
    if (!student) { say(text.name_first); name.focus(); return; }
    var attempts = store.exportRows(entries(), student);
    if (!attempts.length) { say(text.nothing); return; }
    var blob = new Blob([store.csv(attempts)], {type: "text/csv;charset=utf-8"});
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "progress-" + student.replace(/[^\p{L}\p{N}_-]+/gu, "_") + ".csv";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    say(fill_in(text.saved, {file: link.download, count: attempts.length}));
  });

  page.querySelector(".sfp-clear").addEventListener("click", function () {
    if (!window.confirm(text.confirm)) {
      say(text.kept);
      return;
    }
    var count = store.clear(storage);
    fill();
    say(count ? text.cleared : text.no_answers);
  });
})(document.currentScript.parentElement);
