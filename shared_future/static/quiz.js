(function (root) {
  "use strict";
  var key = JSON.parse(root.querySelector(".sfq-key").textContent);
  var fieldsets = root.querySelectorAll(".sfq-question");
  var results = {};
  var score = root.querySelector(".sfq-score");

  function line(box, text, tag) {
    var p = document.createElement("p");
    var el = tag ? document.createElement(tag) : p;
    el.textContent = text;
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
    return chosen.length ? chosen : null;
  }

  function grade(k, a) {
    if (k.type === "numeric") return [Math.abs(a - k.answer) <= k.tolerance + 1e-9, []];
    if (k.type === "ordering") {
      return [a.every(function (p, i) { return p === i + 1; }), [k.feedback]];
    }
    var right = [], lines = [];
    k.correct.forEach(function (c, i) { if (c) right.push(i); });
    a.forEach(function (i) { lines.push(k.feedback[i]); });
    var ok = a.length === right.length && a.every(function (i, n) { return i === right[n]; });
    if (k.multi && !ok && a.every(function (i) { return k.correct[i]; })) {
      lines.push("Some correct options are not selected yet.");
    }
    return [ok, lines];
  }

  function showScore() {
    var n = Object.keys(results).filter(function (q) { return results[q]; }).length;
    var done = Object.keys(results).length === fieldsets.length;
    score.textContent = n + " of " + fieldsets.length + " correct" + (done ? " (all questions checked)" : "");
  }

  fieldsets.forEach(function (fs, n) {
    var k = key[n], box = fs.querySelector(".sfq-feedback");
    fs.querySelector(".sfq-check").addEventListener("click", function () {
      var a = answer(fs, k);
      box.textContent = "";
      box.className = "sfq-feedback";
      if (a === null) { line(box, k.type === "numeric" ? "Enter a number first." : "Choose an answer first."); return; }
      var result = grade(k, a);
      box.classList.add(result[0] ? "sfq-right" : "sfq-wrong");
      line(box, result[0] ? "Correct." : "Not quite.", "strong");
      result[1].forEach(function (t) { line(box, t); });
      line(box, "Explanation: " + k.explanation);
      var p = line(box, "Source: "), link = document.createElement("a");
      link.href = /^https?:/.test(k.source[1]) ? k.source[1] : "#";
      link.textContent = k.source[0];
      p.appendChild(link);
      results[n] = result[0];
      showScore();
    });
  });

  root.querySelector(".sfq-retry").addEventListener("click", function () {
    root.querySelectorAll("input[type=radio],input[type=checkbox]").forEach(function (i) { i.checked = false; });
    root.querySelectorAll("input[type=number]").forEach(function (i) { i.value = ""; });
    root.querySelectorAll("select").forEach(function (s) { s.value = ""; });
    root.querySelectorAll(".sfq-feedback").forEach(function (b) { b.textContent = ""; b.className = "sfq-feedback"; });
    results = {};
    showScore();
  });
})(document.currentScript.parentElement);
