(function (root) {
  "use strict";
  // The rules and messages come from the page key (shared_future/quiz/grading.py, RULES); this
  // script applies them exactly as grading.grade does in Python.
  var key = JSON.parse(root.querySelector(".sfq-key").textContent);
  var rules = key.rules, text = rules.messages;
  var fieldsets = root.querySelectorAll(".sfq-question");
  var results = {}, firsts = {}, attempts = {};
  var score = root.querySelector(".sfq-score");
  var base = document.documentElement.dataset.content_root;
  // Attempts are kept in this browser (static/quiz-store.js) and shown again on reload.
  var store = window.SFQuizStore, storage = store.storage();
  var saved = store.load(storage, root.dataset.chapter);

  if (base !== undefined) {  // in the built book: the progress page, and the copy of data/ that the book serves
    var progress = root.querySelector(".sfq-progress-link");
    progress.querySelector("a").href = base + "book/progress.html";
    progress.hidden = false;
    root.querySelectorAll("a.sfq-data").forEach(function (a) { a.href = base + "_data/" + a.dataset.file; });
    // and, beside each data file, the page's own launch links (Binder, JupyterHub, Colab), to compute it
    var launches = document.querySelectorAll(".dropdown-launch-buttons a[href]");
    root.querySelectorAll("a.sfq-data").forEach(function (a) {
      if (!launches.length) return;
      var run = document.createElement("span");
      run.className = "sfq-launch";
      run.appendChild(document.createTextNode(text.run_chapter));
      launches.forEach(function (launch, i) {
        if (!/^https?:/.test(launch.href)) return;
        var link = document.createElement("a");
        link.href = launch.href;
        link.textContent = launch.textContent.trim();
        if (i) run.appendChild(document.createTextNode(", "));
        run.appendChild(link);
      });
      a.parentNode.insertBefore(run, a.nextSibling);
    });
  }

  function line(box, content, tag) {
    var p = document.createElement("p");
    var el = tag ? document.createElement(tag) : p;
    el.textContent = content;
    if (tag) p.appendChild(el);
    box.appendChild(p);
    return p;
  }

  function answer(fs, k) {
    if (k.type === "numeric") {
      var raw = fs.querySelector("input").value;
      return raw === "" || isNaN(Number(raw)) ? null : Number(raw);
    }
    if (k.type === "ordering") {
      var pos = [];
      fs.querySelectorAll("select").forEach(function (s) { pos[Number(s.dataset.item)] = Number(s.value); });
      return pos.indexOf(0) >= 0 ? null : pos;
    }
    var chosen = [];
    fs.querySelectorAll("input").forEach(function (i) { if (i.checked) chosen.push(Number(i.value)); });
    return chosen.length ? chosen.sort(function (x, y) { return x - y; }) : null;
  }

  function grade(k, a, attempt) {
    var correct, lines = [];
    if (k.type === "numeric") {
      correct = Math.abs(a - k.answer) <= k.tolerance + rules.slack;
      if (!correct) lines.push(a > k.answer ? text.too_high : text.too_low);
    } else if (k.type === "ordering") {
      var inPlace = a.filter(function (p, i) { return p === i + 1; }).length;
      correct = inPlace === k.size;
      if (!correct) lines.push(text.in_place.replace("{k}", inPlace).replace("{n}", k.size));
    } else {
      var right = [];
      k.correct.forEach(function (c, i) { if (c) right.push(i); });
      correct = a.length === right.length && a.every(function (i, n) { return i === right[n]; });
      a.forEach(function (i) { if (correct || !k.correct[i]) lines.push(k.feedback[i]); });
      if (k.multi && !correct && a.length < right.length && a.every(function (i) { return k.correct[i]; })) {
        lines.push(text.missing);
      }
    }
    var reveal = correct || attempt >= rules.reveal_after_wrong;
    if (k.type === "ordering" && reveal) lines.push(k.feedback);
    if (!reveal) lines.push(text.try_again);
    return {correct: correct, lines: lines, reveal: reveal};
  }

  function showScore() {
    var n = Object.keys(results).filter(function (q) { return results[q]; }).length;
    var first = Object.keys(firsts).filter(function (q) { return firsts[q]; }).length;
    var done = Object.keys(results).length === fieldsets.length;
    score.textContent = text.score.replace("{right}", n).replace("{total}", fieldsets.length)
      .replace("{first}", first) + (done ? text.all_checked : "");
  }

  function readable(fs, k, a) {
    var label = function (control) { return fs.querySelector("label[for='" + control.id + "']").textContent.trim(); };
    if (k.type === "numeric") return String(a);
    if (k.type === "ordering") {
      var items = [];
      fs.querySelectorAll("select").forEach(function (s) { items[Number(s.dataset.item)] = label(s); });
      return a.map(function (p, i) { return [p, items[i]]; }).sort(function (x, y) { return x[0] - y[0]; })
        .map(function (pair) { return pair[1]; }).join(" > ");
    }
    return a.map(function (i) { return label(fs.querySelector("input[value='" + i + "']")); }).join("; ");
  }

  function put(fs, k, a) {  // a saved answer back into the controls
    if (k.type === "numeric") fs.querySelector("input").value = String(a);
    else if (k.type === "ordering") fs.querySelectorAll("select").forEach(function (s) { s.value = String(a[Number(s.dataset.item)]); });
    else fs.querySelectorAll("input").forEach(function (i) { i.checked = a.indexOf(Number(i.value)) >= 0; });
  }

  function show(box, k, result) {
    box.textContent = "";
    box.className = "sfq-feedback " + (result.correct ? "sfq-right" : "sfq-wrong");
    line(box, result.correct ? text.correct : text.wrong, "strong");
    result.lines.forEach(function (t) { line(box, t); });
    if (result.reveal) {
      if (!result.correct) line(box, text.answer + k.answer_text);
      line(box, text.explanation + k.explanation);
      var p = line(box, text.source), link = document.createElement("a");
      link.href = /^https?:/.test(k.source[1]) ? k.source[1] : "#";
      link.textContent = k.source[0];
      p.appendChild(link);
    }
  }

  function warnOnce() {  // one note per page when the browser keeps nothing
    if (window.SFQuizStoreWarned) return;
    window.SFQuizStoreWarned = true;
    var note = root.querySelector(".sfq-note");
    note.textContent = text.no_storage;
    note.hidden = false;
  }

  fieldsets.forEach(function (fs, n) {
    var k = key.questions[n], box = fs.querySelector(".sfq-feedback"), id = fs.dataset.qid;
    var kept = saved.questions[id];
    if (kept && kept.attempts.every(function (a) { return store.fits(k, a.answer); })) {
      attempts[n] = kept.count;
      firsts[n] = kept.attempts[0].correct;
      fs.dataset.attempts = kept.count;
      if (!kept.hidden) {
        var last = store.latest(kept);
        put(fs, k, last.answer);
        show(box, k, grade(k, last.answer, kept.count));
        results[n] = last.correct;
      }
    } else if (kept) {
      delete saved.questions[id];  // the quiz changed since: that question starts afresh
    }
    fs.querySelector(".sfq-check").addEventListener("click", function () {
      var a = answer(fs, k);
      box.textContent = "";
      box.className = "sfq-feedback";
      if (a === null) { line(box, k.type === "numeric" ? text.number : text.choose); return; }
      attempts[n] = (attempts[n] || 0) + 1;
      var result = grade(k, a, attempts[n]);
      show(box, k, result);
      if (!(n in firsts)) firsts[n] = result.correct;
      fs.dataset.attempts = attempts[n];
      results[n] = result.correct;
      store.addAttempt(saved, id, a, readable(fs, k, a), result.correct, store.now());
      if (!store.save(storage, saved)) warnOnce();
      showScore();
    });
  });
  showScore();
  if (!storage) warnOnce();

  root.querySelector(".sfq-retry").addEventListener("click", function () {
    root.querySelectorAll("input[type=radio],input[type=checkbox]").forEach(function (i) { i.checked = false; });
    root.querySelectorAll("input[type=number]").forEach(function (i) { i.value = ""; });
    root.querySelectorAll("select").forEach(function (s) { s.value = ""; });
    root.querySelectorAll(".sfq-feedback").forEach(function (b) { b.textContent = ""; b.className = "sfq-feedback"; });
    results = {};
    store.save(storage, store.hideAll(saved));
    showScore();
  });
})(document.currentScript.parentElement);
