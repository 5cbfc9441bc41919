import type { TopLevelSpec } from 'vega-lite';
import { formatRate } from '../format-number.js';
import { spokenText } from '../designation.js';
import { buildPanelScale } from './build-panel-scale.js';
import { buildChartConfig, INK, labelYears, wrapLabelExpr } from './chart-config.js';

/** One year of a state's rate next to the regional median. */
export interface StateChartRow {
  panel: string;
  area: string;
  year: number;
  series: string;
  rate: number | null;
  /**
   * The stretch of the state's line the year belongs to: it starts again after a break in series (flag B), so the line
   * never joins two years that measure differently; absent (one stretch) where the series has no break.
   */
  segment?: number;
}

const PANEL_WIDTH = 180;
const MEDIAN = 'Regional median';

/** True when the median of `row`'s panel has no value in the year before or after `row`'s: its line draws nothing there. */
export function isAlone(rows: readonly StateChartRow[], row: StateChartRow): boolean {
  return !rows.some((r) => r.series === MEDIAN && r.panel === row.panel && r.rate !== null && Math.abs(r.year - row.year) === 1);
}

/**
 * Returns small multiples, one per headline indicator: the state's rate per 100,000 over the years in the area's
 * colour against the regional median (grey, dashed). Panel titles wrap; each panel has its own x axis, labelled
 * under its ticks up to the reference year; panels align in rows and columns. Only the state's points carry a tooltip and an ARIA label: a line would
 * show its first year's values (a missing one as "null") wherever it is hovered. Their ARIA label is a sentence
 * ("Albania, Trafficking in persons: victims detected, 2025: 1.3 per 100,000.").
 */
export function buildStateChart(rows: readonly StateChartRow[], areas: readonly { area: string; colour: string }[], panels: readonly string[], stateName: string, description: string): TopLevelSpec {
  // One x and y encoding for both layers: two differing axis definitions on a shared scale are merged into one axis whose
  // labels no longer sit under its ticks.
  const x = { field: 'year', type: 'ordinal' as const, title: null, axis: { labelAngle: 0, values: labelYears(rows.map((r) => r.year), 5) } };
  const isState = { filter: `datum.series !== ${JSON.stringify('Regional median')}` };
  const color = { field: 'area', type: 'nominal' as const, legend: null, scale: { domain: areas.map((a) => a.area), range: areas.map((a) => a.colour) } };
  const y = buildPanelScale(rows.map((r) => ({ panel: r.panel, value: r.rate })), panels);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description,
    params: y.params,
    config: { ...buildChartConfig(), header: { ...buildChartConfig().header, labelLimit: PANEL_WIDTH + 20, labelExpr: wrapLabelExpr(panels, 29) } },
    // the tooltip prints a rate as the data table does (formatRate)
    data: { values: rows.map((r) => ({ ...r, printed: formatRate(r.rate), spoken: spokenText(`${stateName}, ${r.panel}, ${r.year}: ${formatRate(r.rate)} per 100,000.`), ...(r.series === MEDIAN && r.rate !== null && isAlone(rows, r) ? { alone: true } : {}) })) },
    facet: { field: 'panel', type: 'nominal', sort: [...panels], title: null },
    columns: 3,
    // Without it a panel with a one-line title, or narrower y labels, sits higher or further left than its neighbours.
    align: 'all',
    spec: {
      width: PANEL_WIDTH,
      height: 95,
      encoding: { x, y: { field: 'rate', type: 'quantitative', title: null, scale: y.scale, axis: { tickCount: 3, format: '~r', values: y.values } } },
      layer: [
        {
          transform: [{ filter: `datum.series === ${JSON.stringify('Regional median')}` }],
          mark: { type: 'line', color: INK.median, strokeDash: [4, 3], strokeWidth: 1.4, aria: false },
        },
        { transform: [isState], mark: { type: 'line', strokeWidth: 2, aria: false }, encoding: { color, detail: { field: 'segment', type: 'nominal' } } },
        // a median with no median the year before or after is a line of one point, which draws nothing (a review of
        // one year showed the state's dot alone, under a note on a dashed line): it is a short grey dash there
        {
          transform: [{ filter: 'datum.alone === true' }],
          // a point shaped as a stroke, not a tick mark, which would turn the x scale into bands and move every point
          mark: { type: 'point', shape: 'stroke', size: 120, stroke: INK.median, strokeWidth: 1.4, opacity: 1, aria: false },
        },
        {
          transform: [isState],
          mark: { type: 'point', filled: true, opacity: 1, size: 16 },
          encoding: {
            color,
            tooltip: [{ field: 'panel', title: 'Indicator' }, { field: 'year', type: 'ordinal', title: 'Year' }, { field: 'printed', type: 'nominal', title: `${stateName}, per 100,000` }],
            description: { field: 'spoken', type: 'nominal' },
          },
        },
      ],
    },
    resolve: { scale: { y: 'independent' }, axis: { x: 'independent' } },
  } as TopLevelSpec;
}
