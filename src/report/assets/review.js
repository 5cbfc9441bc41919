/*
 * The Annual Assessment's page script. Every chart is already on the page as server-rendered SVG; this replaces
 * each with the interactive Vega view of the same Vega-Lite spec (read from the JSON script beside it), with
 * tooltips. Nothing is fetched: the spec and its data are inline, and vega, vega-lite and vega-embed are local files.
 */
(function () {
  'use strict';
  var root = document.documentElement;
  root.classList.add('js');
  var views = {};
  window.crimetrendsViews = views;
  if (typeof window.vegaEmbed !== 'function') {
    root.setAttribute('data-charts', 'static');
    return;
  }
  var charts = Array.prototype.slice.call(document.querySelectorAll('.chart[data-figure]'));
  var pending = charts.map(function (chart) {
    var id = chart.getAttribute('data-figure');
    var source = document.getElementById(id + '-spec');
    var target = chart.querySelector('.interactive');
    if (!source || !target) return Promise.resolve();
    var spec = JSON.parse(source.textContent);
    return window
      .vegaEmbed(target, spec, { actions: false, renderer: 'svg', tooltip: { theme: 'light' } })
      .then(function (result) {
        views[id] = { view: result.view, spec: spec };
        chart.classList.add('is-live');
      })
      .catch(function (error) {
        console.error('chart ' + id + ' could not be drawn: ' + error);
      });
  });
  Promise.all(pending).then(function () {
    root.setAttribute('data-charts', 'ready');
  });
})();
