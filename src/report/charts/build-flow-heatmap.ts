import type { TopLevelSpec } from 'vega-lite';
import { formatAmount } from '../format-number.js';
import { measureChartText } from '../measure-chart-text.mjs';
import { spokenText } from '../designation.js';
import { buildChartConfig, INK, lowerFirst } from './chart-config.js';

/** One cell of a flow matrix. */
export interface FlowCell {
  origin: string;
  destination: string;
  value: number;
}

/**
 * Returns a heatmap of flows: counterpart countries down the side (largest first), reporting states across the top,
 * cell shade from the area's ramp on a square-root scale (a few large domestic cells would otherwise wash out the
 * rest), values written in each cell. The legend labels 0 and three round values evenly spaced along its square-root
 * gradient, the last the largest cell's to two figures (see {@link heatmapLegendValues}). Both axes carry a title (`titles`: what a row's counterpart is, e.g. the
 * citizenship of the victim, and what a column is). A screen reader hears each cell as a sentence ("Reporting state
 * Bulgaria, citizenship of the victim Albania: 8."); the values written in the cells, which repeat them, are silent.
 */
export function buildFlowHeatmap(
  cells: readonly FlowCell[],
  origins: readonly string[],
  destinations: readonly string[],
  ramp: readonly string[],
  measure: string,
  description: string,
  titles: { origin: string; destination: string } = { origin: 'Counterpart country', destination: 'Reporting state' },
  unit = 'NR',
): TopLevelSpec {
  // both axes silent (aria: false): Vega's description listed the names as printed ("Kosovo*", read "Kosovo star"), and
  // each cell speaks both of its names
  const x = { field: 'destination', type: 'nominal' as const, sort: [...destinations], title: titles.destination, axis: { orient: 'top' as const, labelAngle: -40, labelLimit: 120, aria: false } };
  const y = { field: 'origin', type: 'nominal' as const, sort: [...origins], title: titles.origin, axis: { labelLimit: 160, aria: false } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description,
    config: { ...buildChartConfig(), axis: { ...buildChartConfig().axis, grid: false, domain: false, ticks: false } },
    // a column is wide enough for its widest value as printed (kilograms' decimal: "12,345.6"), 34px at the least
    width: { step: Math.max(34, Math.ceil(Math.max(0, ...cells.map((c) => measureChartText(formatAmount(c.value, unit), 9)))) + 6) },
    height: { step: 18 },
    // cells and tooltips print a value as the data table does (kilograms with their decimal)
    data: { values: cells.map((c) => ({ ...c, printed: formatAmount(c.value, unit), spoken: spokenText(`${titles.destination} ${c.destination}, ${lowerFirst(titles.origin)} ${c.origin}: ${formatAmount(c.value, unit)}${unit === 'KG' ? ' kilograms' : ''}.`) })) },
    layer: [
      {
        mark: { type: 'rect', stroke: '#ffffff', strokeWidth: 1, ariaRoleDescription: 'cell' },
        encoding: {
          x, y,
          color: { field: 'value', type: 'quantitative', title: measure, scale: { type: 'sqrt', zero: true, range: [ramp[0] ?? '#eeeeee', ramp[ramp.length - 1] ?? INK.text] }, legend: { format: ',.0f', gradientLength: 200, gradientStrokeColor: INK.rule, values: heatmapLegendValues(Math.max(0, ...cells.map((c) => c.value))) } },
          tooltip: [{ field: 'origin', title: titles.origin }, { field: 'destination', title: titles.destination }, { field: 'printed', type: 'nominal', title: measure }],
          description: { field: 'spoken', type: 'nominal' },
        },
      },
      {
        mark: { type: 'text', fontSize: 9, aria: false },
        encoding: {
          x, y,
          text: { field: 'printed', type: 'nominal' },
          color: { condition: { test: `datum.value > ${JSON.stringify(0)} && sqrt(datum.value) > 0.55 * sqrt(${Math.max(1, ...cells.map((c) => c.value))})`, value: '#ffffff' }, value: INK.text },
        },
      },
    ],
  } as TopLevelSpec;
}

/**
 * Returns the values a heatmap's legend labels on a square-root scale from 0 to `max`: 0, then about a ninth and four
 * ninths of `max` rounded to one figure, and `max` rounded down to two, which fall at a third, two thirds and the end
 * of the gradient (Vega's own ticks bunch at its far end, as 100, 200, 300 and 400 did over the last half, with no 0
 * and "1,000" dropped for want of room). Only whole numbers, each once.
 *
 * @example heatmapLegendValues(422) // [0, 50, 200, 420]
 * @example heatmapLegendValues(1987) // [0, 200, 900, 1900]
 */
export function heatmapLegendValues(max: number): number[] {
  const round = (value: number, figures: number, method: (n: number) => number) => {
    if (value <= 0) return 0;
    const unit = 10 ** (Math.floor(Math.log10(value)) - figures + 1);
    return method(value / unit) * unit;
  };
  const values = [0, round(max / 9, 1, Math.round), round((4 * max) / 9, 1, Math.round), round(max, 2, Math.floor)];
  return [...new Set(values.filter((v) => Number.isInteger(v) && v <= max))].sort((a, b) => a - b);
}
