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
  // A single chart (no facets, no concatenation, no map projection) wider than its box on a narrow screen is drawn
  // again at the box's width (Vega-Lite's width "container", the axes and legend inside it), so that it needs no
  // sideways scroll. Small multiples and maps keep their size and scroll in their box: Vega-Lite sizes a composite
  // view panel by panel, never to a container, and the map's projection and hatching are fitted in pixels.
  function isSingleView(spec) {
    return typeof spec.width === 'number' && !spec.facet && !spec.concat && !spec.hconcat && !spec.vconcat && !spec.repeat && !spec.projection;
  }
  // The words of `text` in lines of at most about `max` characters.
  function wrapWords(text, max) {
    var lines = [];
    var line = '';
    String(text).split(' ').forEach(function (word) {
      if (line && (line + ' ' + word).length > max) {
        lines.push(line);
        line = word;
      } else {
        line = line ? line + ' ' + word : word;
      }
    });
    if (line) lines.push(line);
    return lines;
  }
  // The colour encodings whose legend lists the labels of their scale's domain, in the spec and its layers.
  function colourLegends(spec) {
    return [spec].concat(spec.layer || []).map(function (view) {
      return view.encoding && view.encoding.color;
    }).filter(function (colour) {
      return colour && colour.legend !== null && colour.scale && Array.isArray(colour.scale.domain);
    });
  }
  // `room`: the width from where the legend starts (under the plot, after the axis labels) to the box's edge.
  function fitToBox(spec, room) {
    var copy = JSON.parse(JSON.stringify(spec));
    copy.width = 'container';
    copy.autosize = { type: 'fit-x', contains: 'padding' };
    // the legend under the chart, laid out in columns for the written width, would run past the box: one entry a
    // line, a long label over two or more (never cut: "Unlawful interference with a computer syst…")
    if (copy.config && copy.config.legend) {
      var max = Math.max(12, Math.floor((room - 24) / 6));
      copy.config.legend = Object.assign({}, copy.config.legend, { columns: 1, labelLimit: 0 });
      colourLegends(copy).forEach(function (colour) {
        var lines = {};
        colour.scale.domain.forEach(function (label) { lines[label] = wrapWords(label, max); });
        colour.legend = Object.assign({}, colour.legend, { labelLimit: 0, labelExpr: JSON.stringify(lines) + '[datum.label] || datum.label' });
      });
    }
    return copy;
  }
  var charts = Array.prototype.slice.call(document.querySelectorAll('.chart[data-figure]'));
  var pending = charts.map(function (chart) {
    var id = chart.getAttribute('data-figure');
    var source = document.getElementById(id + '-spec');
    var target = chart.querySelector('.interactive');
    if (!source || !target) return Promise.resolve();
    var spec = JSON.parse(source.textContent);
    var options = { actions: false, renderer: 'svg', tooltip: { theme: 'light' } };
    return window
      .vegaEmbed(target, spec, options)
      .then(function (result) {
        chart.classList.add('is-live');
        if (!isSingleView(spec) || chart.scrollWidth <= chart.clientWidth + 1) return result;
        var legend = target.querySelector('.role-legend');
        var room = chart.clientWidth - (legend ? legend.getBoundingClientRect().left - chart.getBoundingClientRect().left : 0);
        result.finalize();
        return window.vegaEmbed(target, fitToBox(spec, room), options);
      })
      .then(function (result) {
        // the spec as written (a fitted view draws a copy of it at the box's width)
        views[id] = { view: result.view, spec: spec };
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
