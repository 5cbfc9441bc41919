import type { TopLevelSpec } from 'vega-lite';
import { buildChartConfig, INK, SPLIT_LABEL } from './chart-config.js';

/** A member state's rate for one indicator in the reference year. */
export interface RateChartRow {
  panel: string;
  area: string;
  state: string;
  rate: number | null;
  median: number | null;
  label: string;
}

/**
 * Returns horizontal bars of rates per 100,000 by state in each area's colour, one panel per indicator (states in
 * the same order in every panel), a dashed rule at the regional median, and "no data" where a state gave no figure.
 */
export function buildRateChart(rows: readonly RateChartRow[], areas: readonly { area: string; colour: string }[], order: readonly string[], panels: readonly string[], description: string): TopLevelSpec {
  const y = { field: 'state', type: 'nominal' as const, sort: [...order], title: null, axis: { labelLimit: 160 } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description,
    config: buildChartConfig(),
    data: { values: rows.map((r) => ({ ...r })) },
    facet: { column: { field: 'panel', type: 'nominal', sort: [...panels], title: null, header: { labelLimit: 200, labelExpr: SPLIT_LABEL } } },
    spec: {
      width: panels.length > 1 ? 150 : 380,
      height: { step: 18 },
      layer: [
        {
          mark: { type: 'bar' },
          encoding: {
            y,
            color: { field: 'area', type: 'nominal', legend: null, scale: { domain: areas.map((a) => a.area), range: areas.map((a) => a.colour) } },
            x: { field: 'rate', type: 'quantitative', title: 'per 100,000 population', axis: { tickCount: 4, format: '~r' } },
            tooltip: [{ field: 'state', title: 'State' }, { field: 'panel', title: 'Indicator' }, { field: 'rate', type: 'quantitative', title: 'Rate per 100,000', format: ',.2f' }],
          },
        },
        {
          mark: { type: 'text', align: 'left', dx: 3, fontSize: 9, color: INK.muted },
          encoding: { y, x: { field: 'rate', type: 'quantitative' }, text: { field: 'label' } },
          transform: [{ filter: 'datum.rate != null' }],
        },
        {
          mark: { type: 'text', align: 'left', dx: 3, fontSize: 9, color: INK.muted, fontStyle: 'italic' },
          encoding: { y, x: { datum: 0, type: 'quantitative' }, text: { value: 'no data' } },
          transform: [{ filter: 'datum.rate == null' }],
        },
        {
          mark: { type: 'rule', color: INK.median, strokeDash: [4, 3], strokeWidth: 1.2 },
          encoding: { x: { aggregate: 'min', field: 'median', type: 'quantitative' }, tooltip: { aggregate: 'min', field: 'median', type: 'quantitative', title: 'Regional median', format: ',.2f' } },
        },
      ],
    },
    resolve: { scale: { x: 'independent' } },
  } as TopLevelSpec;
}
