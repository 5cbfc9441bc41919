import type { TopLevelSpec } from 'vega-lite';
import { buildChartConfig, INK, SPLIT_LABEL } from './chart-config.js';

/** One year of a state's rate next to the regional median. */
export interface StateChartRow {
  panel: string;
  area: string;
  year: number;
  series: string;
  rate: number | null;
}

/**
 * Returns small multiples, one per headline indicator: the state's rate per 100,000 over the years in the area's
 * colour against the regional median (grey, dashed).
 */
export function buildStateChart(rows: readonly StateChartRow[], areas: readonly { area: string; colour: string }[], panels: readonly string[], stateName: string, description: string): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description,
    config: { ...buildChartConfig(), header: { ...buildChartConfig().header, labelLimit: 200, labelExpr: SPLIT_LABEL } },
    data: { values: rows.map((r) => ({ ...r })) },
    facet: { field: 'panel', type: 'nominal', sort: [...panels], title: null },
    columns: 3,
    spec: {
      width: 180,
      height: 95,
      layer: [
        {
          transform: [{ filter: `datum.series === ${JSON.stringify('Regional median')}` }],
          mark: { type: 'line', color: INK.median, strokeDash: [4, 3], strokeWidth: 1.4 },
          encoding: { x: { field: 'year', type: 'ordinal', title: null }, y: { field: 'rate', type: 'quantitative' } },
        },
        {
          transform: [{ filter: `datum.series !== ${JSON.stringify('Regional median')}` }],
          mark: { type: 'line', strokeWidth: 2, point: { size: 16 } },
          encoding: {
            x: { field: 'year', type: 'ordinal', title: null, axis: { labelAngle: 0, labelOverlap: 'parity' } },
            y: { field: 'rate', type: 'quantitative', title: null, scale: { zero: true }, axis: { tickCount: 3, format: '~r' } },
            color: { field: 'area', type: 'nominal', legend: null, scale: { domain: areas.map((a) => a.area), range: areas.map((a) => a.colour) } },
            tooltip: [{ field: 'panel', title: 'Indicator' }, { field: 'year', type: 'ordinal', title: 'Year' }, { field: 'rate', type: 'quantitative', format: ',.2f', title: `${stateName}, per 100,000` }],
          },
        },
      ],
    },
    resolve: { scale: { y: 'independent' } },
  } as TopLevelSpec;
}
