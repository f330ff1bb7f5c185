/* kuanalys: draws every chart of the page with the page's own copy of plotly.js (offline). */
(function () {
  "use strict";
  var root = document.documentElement;
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
    var holder = div.parentNode.querySelector("script.ku-figure-json");
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
