import type { Config } from 'vega-lite';

/** The typeface every chart uses: a generic family, so server-side SVG and the browser agree without web fonts. */
export const CHART_FONT = 'sans-serif';

/** A Vega expression that breaks a facet label `Area: measure` over two lines. */
export const SPLIT_LABEL = "split(datum.label, ': ')";

/** Neutral colours shared by charts and pages. */
export const INK = { text: '#222222', muted: '#5f5f5f', rule: '#8a8a8a', grid: '#e4e4e4', median: '#4d4d4d' } as const;

/**
 * Map colours: sea, neighbouring countries and members without a figure each distinct from one another and from
 * the lightest class of a ramp (lightness L* 93): sea a pale blue, neighbours a warm off-white, "no data" a mid grey
 * that the map also hatches.
 */
export const MAP_INK = { sea: '#d3e2ee', land: '#f1f0ec', border: '#ffffff', noData: '#cfcfcf', hatch: '#8f8f8f' } as const;

/**
 * Returns the Vega-Lite config every chart of the review shares: quiet axes, no chart titles (the figure caption
 * carries the title), legible 11px labels, white background for print.
 */
export function buildChartConfig(): Config {
  return {
    background: '#ffffff',
    font: CHART_FONT,
    padding: 4,
    view: { stroke: null, continuousWidth: 520, continuousHeight: 260 },
    axis: {
      labelColor: INK.muted, titleColor: INK.text, labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal',
      domainColor: INK.rule, tickColor: INK.rule, gridColor: INK.grid, labelFlush: false,
    },
    axisBand: { ticks: false, domain: false },
    legend: { labelColor: INK.text, titleColor: INK.text, labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal', orient: 'bottom', direction: 'horizontal' },
    header: { labelFontSize: 11, labelColor: INK.text, titleFontSize: 11, labelFontWeight: 'bold', labelAnchor: 'start', labelOrient: 'top', labelPadding: 4 },
    text: { font: CHART_FONT, fontSize: 10, color: INK.text },
    line: { strokeWidth: 2 },
    point: { size: 36, filled: true },
    bar: { discreteBandSize: { band: 0.75 } },
    tick: { thickness: 2 },
    numberFormat: ',.0f',
  };
}
