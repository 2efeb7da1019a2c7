/* The course's timeline table (shared_future/timeline.py): a category menu and two year boxes
   hide rows with the `hidden` attribute and report the count aloud. Each rendering carries this
   script; it sets up every timeline on the page not yet set up, so it works wherever the page
   runs it (JupyterLab output, the built book) and with several timelines on one page. */
(function () {
  "use strict";
  function setUp(root) {
    root.setAttribute("data-sft-ready", "");
    var data = JSON.parse(root.querySelector(".sft-data").textContent);
    var rows = root.querySelectorAll("tbody tr[data-row]");
    var cat = root.querySelector(".sft-category");
    var first = root.querySelector(".sft-from"), last = root.querySelector(".sft-to");
    var status = root.querySelector(".sft-status");
    function year(input, fallback) {
      var value = parseInt(input.value, 10);
      return isNaN(value) ? fallback : value;
    }
    function update() {
      var lo = year(first, data.min), hi = year(last, data.max), shown = 0;
      data.rows.forEach(function (row, i) {
        var keep = (!cat.value || row.category === cat.value) && row.year >= lo && row.year <= hi;
        rows[i].hidden = !keep;
        if (keep) { shown += 1; }
      });
      status.textContent = data.status.replace("{shown}", shown).replace("{total}", data.rows.length);
    }
    [cat, first, last].forEach(function (el) {
      el.addEventListener("input", update);
      el.addEventListener("change", update);
    });
    root.querySelector(".sft-reset").addEventListener("click", function () {
      cat.value = ""; first.value = data.min; last.value = data.max; update();
    });
    root.querySelector(".sft-controls").hidden = false;
    update();
  }
  document.querySelectorAll(".sft:not([data-sft-ready])").forEach(setUp);
})();
