import type { TopLevelSpec } from 'vega-lite';
import { buildChartConfig, INK, labelYears, wrapLabelExpr } from './chart-config.js';

/** One year of an area's headline indicator for the region. */
export interface RegionalMultipleRow {
  panel: string;
  area: string;
  year: number;
  total: number | null;
  reporting: number;
  members: number;
  coverage: 'All members reported' | 'Some members missing';
}

/**
 * Returns small multiples, one panel per area's headline indicator: the regional total over the years as a line in
 * the area's colour, each year's point filled when every member reported and hollow when some did not (the
 * total then covers fewer states, and is not a fall). Each panel has its own y scale, starting at zero, and its own
 * x axis (an empty cell of the last row draws none) labelled up to the reference year; panel titles wrap. Panels
 * align in rows and columns, whatever the lines of their titles and the widths of their y labels.
 */
export function buildRegionalMultiples(
  rows: readonly RegionalMultipleRow[],
  areas: readonly { area: string; colour: string }[],
  panels: readonly string[],
  description: string,
): TopLevelSpec {
  const colour = { field: 'area', type: 'nominal' as const, legend: null, scale: { domain: areas.map((a) => a.area), range: areas.map((a) => a.colour) } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description,
    config: { ...buildChartConfig(), header: { ...buildChartConfig().header, labelLimit: 210, labelExpr: wrapLabelExpr(panels, 30) } },
    data: { values: rows.map((r) => ({ ...r })) },
    facet: { field: 'panel', type: 'nominal', sort: [...panels], title: null },
    columns: 3,
    // Aligned on the widest y labels and the tallest title; 14px between columns keeps the figure within the column.
    align: 'all',
    spacing: { row: 20, column: 14 },
    spec: {
      width: 190,
      height: 110,
      encoding: {
        x: { field: 'year', type: 'ordinal', title: null, axis: { labelAngle: 0, values: labelYears(rows.map((r) => r.year), 5) } },
        y: { field: 'total', type: 'quantitative', title: null, scale: { zero: true }, axis: { format: ',~r', tickCount: 4 } },
      },
      layer: [
        // Only the points speak: a line's ARIA label would give its first year's values (a missing one as "null").
        { mark: { type: 'line', strokeWidth: 2, aria: false }, encoding: { color: colour } },
        {
          mark: { type: 'point', size: 30, strokeWidth: 1.5, filled: false },
          encoding: {
            color: colour,
            fill: {
              field: 'coverage', type: 'nominal', title: null,
              scale: { domain: ['All members reported', 'Some members missing'], range: [INK.text, '#ffffff'] },
              legend: { symbolStrokeColor: INK.text, symbolType: 'circle' },
            },
            tooltip: [
              { field: 'panel', title: 'Indicator' }, { field: 'year', type: 'ordinal', title: 'Year' },
              { field: 'total', type: 'quantitative', title: 'Regional total', format: ',.0f' },
              { field: 'reporting', type: 'quantitative', title: 'States reporting' }, { field: 'members', type: 'quantitative', title: 'Members' },
            ],
          },
        },
      ],
    },
    resolve: { scale: { y: 'independent' }, axis: { x: 'independent' } },
  } as TopLevelSpec;
}
