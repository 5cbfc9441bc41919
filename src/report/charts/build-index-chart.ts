import type { TopLevelSpec } from 'vega-lite';
import { formatRate, plural } from '../format-number.js';
import { buildChartConfig, INK, memberTitle, wrapLabelExpr, type ChartMembers } from './chart-config.js';

/** One year of one indicator's chain-linked index. */
export interface IndexChartRow {
  panel: string;
  area: string;
  year: number;
  index: number | null;
  /** States compared with the year before; null in the series' base year, where nothing is compared. */
  states: number | null;
}

/**
 * Returns small multiples of like-for-like indices (first year = 100), one panel per indicator, on a shared y scale
 * so that panels compare directly; a rule marks 100. Each panel draws its own x axis, so an empty cell of the last row
 * draws none; panel titles wrap. Only the points carry a tooltip and an ARIA label (a line would show its first
 * year's values wherever it is hovered), and the base year's "States compared" reads "base year". A point's ARIA
 * label is a sentence ("Drug trafficking: persons prosecuted, 2025: index 125, 9 states compared."; "…, 2016: index
 * 100, the base year."); the rule at 100 is silent.
 */
export function buildIndexChart(
  rows: readonly IndexChartRow[],
  areas: readonly { area: string; colour: string }[],
  panels: readonly string[],
  labelYears: readonly number[],
  description: string,
  members: ChartMembers,
): TopLevelSpec {
  const x = { field: 'year', type: 'ordinal' as const, title: null, axis: { labelAngle: 0, values: [...labelYears] } };
  const y = { field: 'index', type: 'quantitative' as const, title: null, axis: { tickCount: 3 } };
  const colour = { field: 'area', type: 'nominal' as const, legend: null, scale: { domain: areas.map((a) => a.area), range: areas.map((a) => a.colour) } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description,
    config: { ...buildChartConfig(), header: { ...buildChartConfig().header, labelLimit: 170, labelFontSize: 10, labelExpr: wrapLabelExpr(panels, 26) } },
    // the tooltip prints an index as the data table and the text do (formatRate: 85.8, 125), where it gave 125.3
    data: { values: rows.map((r) => ({ ...r, printed: formatRate(r.index), compared: describeCompared(r.states), spoken: `${r.panel}, ${r.year}: index ${formatRate(r.index)}, ${r.states === null ? 'the base year' : `${plural(r.states, members.bareOne, members.bareMany)} compared`}.` })) },
    facet: { field: 'panel', type: 'nominal', sort: [...panels], title: null },
    columns: 4,
    spec: {
      width: 135,
      height: 90,
      layer: [
        { mark: { type: 'rule', color: INK.rule, strokeDash: [2, 2], aria: false }, encoding: { y: { datum: 100 } } },
        { mark: { type: 'line', strokeWidth: 1.8, aria: false }, encoding: { x, y, color: colour } },
        {
          mark: { type: 'point', filled: true, opacity: 1, size: 14 },
          encoding: {
            x, y, color: colour,
            tooltip: [
              { field: 'panel', title: 'Indicator' }, { field: 'year', type: 'ordinal', title: 'Year' },
              { field: 'printed', type: 'nominal', title: 'Index' }, { field: 'compared', type: 'nominal', title: `${memberTitle(members, true)} compared` },
            ],
            description: { field: 'spoken', type: 'nominal' },
          },
        },
      ],
    },
    resolve: { axis: { x: 'independent' } },
  } as TopLevelSpec;
}

/** Returns the tooltip's "States compared": the count, or "base year" where the series starts and nothing is compared. */
function describeCompared(states: number | null): string {
  return states === null ? 'base year' : String(states);
}
