import type { TopLevelSpec } from 'vega-lite';
import { buildChartConfig, INK } from './chart-config.js';

/** One cell of a flow matrix. */
export interface FlowCell {
  origin: string;
  destination: string;
  value: number;
}

/**
 * Returns a heatmap of flows: counterpart countries down the side (largest first), reporting states across the top,
 * cell shade from the area's ramp on a square-root scale (a few large domestic cells would otherwise wash out the
 * rest), values written in each cell. Both axes carry a title (`titles`: what a row's counterpart is, e.g. the
 * citizenship of the victim, and what a column is).
 */
export function buildFlowHeatmap(
  cells: readonly FlowCell[],
  origins: readonly string[],
  destinations: readonly string[],
  ramp: readonly string[],
  measure: string,
  description: string,
  titles: { origin: string; destination: string } = { origin: 'Counterpart country', destination: 'Reporting state' },
): TopLevelSpec {
  const x = { field: 'destination', type: 'nominal' as const, sort: [...destinations], title: titles.destination, axis: { orient: 'top' as const, labelAngle: -40, labelLimit: 120 } };
  const y = { field: 'origin', type: 'nominal' as const, sort: [...origins], title: titles.origin, axis: { labelLimit: 160 } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description,
    config: { ...buildChartConfig(), axis: { ...buildChartConfig().axis, grid: false, domain: false, ticks: false } },
    width: { step: 34 },
    height: { step: 18 },
    data: { values: cells.map((c) => ({ ...c })) },
    layer: [
      {
        mark: { type: 'rect', stroke: '#ffffff', strokeWidth: 1 },
        encoding: {
          x, y,
          color: { field: 'value', type: 'quantitative', title: measure, scale: { type: 'sqrt', range: [ramp[0] ?? '#eeeeee', ramp[ramp.length - 1] ?? INK.text] }, legend: { format: ',.0f', gradientLength: 200 } },
          tooltip: [{ field: 'origin', title: 'Counterpart' }, { field: 'destination', title: 'Reporting state' }, { field: 'value', type: 'quantitative', format: ',.0f', title: measure }],
        },
      },
      {
        mark: { type: 'text', fontSize: 9 },
        encoding: {
          x, y,
          text: { field: 'value', type: 'quantitative', format: ',.0f' },
          color: { condition: { test: `datum.value > ${JSON.stringify(0)} && sqrt(datum.value) > 0.55 * sqrt(${Math.max(1, ...cells.map((c) => c.value))})`, value: '#ffffff' }, value: INK.text },
        },
      },
    ],
  } as TopLevelSpec;
}
