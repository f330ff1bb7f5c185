/* kuanalys: draws every chart of the page with the page's own copy of plotly.js (offline). */
(function () {
  "use strict";
  var root = document.documentElement;
  // A table or chart wider than its box (a phone): a cue above it ("Svep i sidled …") and the hidden
  // edge faded, until the reader has scrolled to the end.
  var boxes = Array.prototype.slice.call(document.querySelectorAll(".ku-table-wrap, .ku-plot-box"));
  function markOverflow() {
    boxes.forEach(function (box) {
      var holder = box.parentNode;
      var more = box.scrollWidth > box.clientWidth + 1;
      holder.classList.toggle("ku-overflows", more);
      box.classList.toggle("ku-more-right", more && box.scrollLeft + box.clientWidth < box.scrollWidth - 1);
      if (more && !holder.querySelector(":scope > .ku-swipe")) {
        var cue = document.createElement("p");
        cue.className = "ku-swipe";
        cue.textContent = box.classList.contains("ku-plot-box")
          ? "Diagrammet är bredare än skärmen: svep i sidled för att se hela."
          : "Tabellen är bredare än skärmen: svep i sidled för att se hela.";
        holder.insertBefore(cue, box);
      }
    });
  }
  boxes.forEach(function (box) { box.addEventListener("scroll", markOverflow, { passive: true }); });
  window.addEventListener("resize", markOverflow);
  markOverflow();
  var plots = Array.prototype.slice.call(document.querySelectorAll(".ku-plot"));
  function fail(div, text) {
    var p = document.createElement("p");
    p.className = "ku-error";
    p.textContent = text;
    div.appendChild(p);
  }
  if (plots.length === 0) {
    root.setAttribute("data-ku-charts", "ready");
    return;
  }
  if (!window.Plotly) {
    plots.forEach(function (div) {
      fail(div, "Diagrammet kan inte visas: filen plotly-basic-sv.min.js saknas bredvid sidan. " +
        "Öppna hela rapporten (tertialrapport-…html) eller packa upp hela mappen.");
    });
    root.setAttribute("data-ku-charts", "error");
    return;
  }
  var drawing = plots.map(function (div) {
    var holder = div.closest("figure").querySelector("script.ku-figure-json");
    var spec = JSON.parse(holder.textContent);
    // The div is role="img" named by the chart's title (its data table follows): plotly's own SVG is
    // hidden from assistive technology, so the PDF's tags hold one figure, not thousands of shapes.
    return Plotly.newPlot(div, spec.data, spec.layout, spec.config).then(function () {
      Array.prototype.forEach.call(div.querySelectorAll(".svg-container"), function (svg) {
        svg.setAttribute("aria-hidden", "true");
      });
    });
  });
  Promise.all(drawing).then(function () {
    markOverflow();
    root.setAttribute("data-ku-charts", "ready");
  }, function () {
    root.setAttribute("data-ku-charts", "error");
  });
  function resizeAll() {
    plots.forEach(function (div) { Plotly.Plots.resize(div); });
  }
  // Printing shows every chart's data table (browsers without ::details-content too).
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details.ku-chart-data"), function (d) { d.open = true; });
  });
  window.addEventListener("beforeprint", resizeAll);
  if (window.matchMedia) {
    var mq = window.matchMedia("print");
    if (mq.addEventListener) { mq.addEventListener("change", resizeAll); }
  }
})();
