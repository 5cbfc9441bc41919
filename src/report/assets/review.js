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
  // A chart or table wider than the screen scrolls within its own box: say so above it, since on a phone nothing
  // else shows that the rest of it is there.
  var HINT = 'Scroll sideways to see all of it \u2192';
  function markScrollable() {
    Array.prototype.forEach.call(document.querySelectorAll('.chart, .table-wrap'), function (box) {
      var isWide = box.scrollWidth > box.clientWidth + 1;
      var before = box.previousElementSibling;
      var hint = before && before.classList.contains('scroll-hint') ? before : null;
      box.classList.toggle('is-scrollable', isWide);
      if (isWide && !hint) {
        hint = document.createElement('p');
        hint.className = 'scroll-hint';
        hint.setAttribute('aria-hidden', 'true');
        hint.textContent = HINT;
        box.parentNode.insertBefore(hint, box);
      } else if (!isWide && hint) {
        hint.parentNode.removeChild(hint);
      }
    });
  }
  // A data table opened in its disclosure may be wider than the screen too.
  document.addEventListener('toggle', markScrollable, true);
  var resizeTimer = null;
  window.addEventListener('resize', function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(markScrollable, 150);
  });
  if (typeof window.vegaEmbed !== 'function') {
    root.setAttribute('data-charts', 'static');
    markScrollable();
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
    markScrollable();
    root.setAttribute('data-charts', 'ready');
  });
})();
