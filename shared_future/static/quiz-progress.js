/* The "Your progress" page (shared_future/quiz/progress_page.py): fills every chapter's row from
   the attempts this browser keeps (static/quiz-store.js), keeps the student's name, exports the
   CSV that `python -m shared_future.classroom merge` reads, and clears the saved answers. */
(function (page) {
  "use strict";
  var store = window.SFQuizStore, storage = store.storage();
  var rows = page.querySelectorAll("tr[data-chapter]");
  var name = page.querySelector(".sfp-name"), status = page.querySelector(".sfp-status");

  function say(message) { status.textContent = message; }

  function entries() {
    return Array.prototype.map.call(rows, function (row) { return store.load(storage, row.dataset.chapter); });
  }

  function fill() {
    entries().forEach(function (entry, n) {
      var row = rows[n], total = Number(row.dataset.total), s = store.summary(entry);
      var tried = Object.keys(entry.questions).length;
      var cell = function (c, t) { row.querySelector(".sfp-" + c).textContent = t; };
      cell("score", !tried ? "No attempts yet" : s.right + " of " + total
        + (s.answered < total ? " (" + s.answered + " answered)" : ""));
      cell("first", tried ? s.first + " of " + total : "");
    });
  }

  if (!storage) {
    var note = page.querySelector(".sfp-note");
    note.textContent = "This browser does not let the course save anything (a private window, or a setting): "
      + "the quizzes work, but no answers are kept, so there is nothing to show or export.";
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
    if (!student) { say("Type your name first: your teacher's table needs it."); name.focus(); return; }
    var attempts = store.exportRows(entries(), student);
    if (!attempts.length) { say("There is nothing to export yet: answer a chapter quiz first."); return; }
    var blob = new Blob([store.csv(attempts)], {type: "text/csv;charset=utf-8"});
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "progress-" + student.replace(/[^\p{L}\p{N}_-]+/gu, "_") + ".csv";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    say("Saved " + link.download + " (" + attempts.length + " attempts): hand this file to your teacher.");
  });

  page.querySelector(".sfp-clear").addEventListener("click", function () {
    if (!window.confirm("Delete every saved quiz answer of every chapter from this browser? This cannot be undone.")) {
      say("Nothing was deleted.");
      return;
    }
    var count = store.clear(storage);
    fill();
    say(count ? "Your saved answers are deleted from this browser." : "There were no saved answers.");
  });
})(document.currentScript.parentElement);
