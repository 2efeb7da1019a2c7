/* Course maps draw when they come near the viewport, not at page load.
   The build moves each map's document from the iframe's srcdoc into data-sf-srcdoc (Chromium
   ignores loading="lazy" on srcdoc iframes); this moves it back when the map is within a screen
   of the viewport. Every map loads at once with ?maps=eager in the address (handouts, tests)
   and before the page prints. */
(function () {
  var WAITING = "data-sf-srcdoc";
  function draw(frame) {
    var doc = frame.getAttribute(WAITING);
    if (doc === null) return;
    frame.removeAttribute(WAITING);
    frame.setAttribute("srcdoc", doc);
  }
  function drawAll() {
    document.querySelectorAll("iframe[" + WAITING + "]").forEach(draw);
  }
  if (/[?&]maps=eager(&|$)/.test(location.search) || !("IntersectionObserver" in window)) {
    drawAll();
    return;
  }
  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) {
        observer.unobserve(entry.target);
        draw(entry.target);
      }
    });
  }, {rootMargin: "100% 0px"});
  document.querySelectorAll("iframe[" + WAITING + "]").forEach(function (frame) { observer.observe(frame); });
  window.addEventListener("beforeprint", drawAll);
})();
