import type { TopLevelSpec } from 'vega-lite';
import { measureChartText } from '../measure-chart-text.mjs';
import { formatAmount, formatShare } from '../format-number.js';
import { spokenText } from '../designation.js';
import { buildChartConfig, COLUMN_WIDTH, INK, legendColumns, memberTitle, type ChartMembers } from './chart-config.js';

/** One part of a state's (or the region's) breakdown. */
export interface ShareChartRow {
  state: string;
  part: string;
  order: number;
  value: number;
  share: number | null;
}

/**
 * Returns 100% stacked horizontal bars, one per state plus the region on top, coloured with a lightness ramp of the
 * area's colour (parts stay apart in greyscale), each bar outlined, shares labelled where a part is wide enough. The legend under the
 * bars takes as many columns as fit beside the state names within the page's column, so no part's name is cut and
 * the chart never scrolls sideways on a desktop screen. A screen reader hears each part as a sentence ("Albania,
 * Sexual exploitation: 1,020, 23.2%."); the outlines and the share labels, which repeat the parts, are silent.
 */
export function buildShareChart(rows: readonly ShareChartRow[], parts: readonly string[], ramp: readonly string[], order: readonly string[], description: string, members: ChartMembers, unit = 'NR'): TopLevelSpec {
  // titled (the axis shows no title) as the tooltip names the member ("State", "Economy"); a mark is spoken by its
  // `description`, a sentence; the axis is silent (aria: false): Vega's description of it listed the names as printed,
  // "Kosovo*" (read "Kosovo star"), and each of them is spoken, in the axis's order, by its mark
  const y = { field: 'state', type: 'nominal' as const, sort: [...order], title: memberTitle(members), axis: { labelLimit: 160, title: null, aria: false } };
  // The legend starts where the bars do, after the state names (and 2px of label padding, 4px of chart padding).
  const names = Math.min(160, Math.max(0, ...order.map((state) => measureChartText(state, 11))));
  const legendWidth = COLUMN_WIDTH - 2 * 4 - names - 2 - 8;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description,
    config: { ...buildChartConfig(), legend: { ...buildChartConfig().legend, columns: legendColumns(parts, legendWidth), labelLimit: Math.floor(legendWidth - 14) } },
    width: 420,
    height: { step: 19 },
    // the tooltip prints a part and its share as the data table does: kilograms with their decimal (143,568.7, where
    // it gave 143,569) under the table's "Kilograms", a share that is not 0 never as 0.0%
    data: { values: rows.map((r) => ({ ...r, printed: formatAmount(r.value, unit), sharePrinted: formatShare(r.share), spoken: spokenText(`${r.state}, ${r.part}: ${formatAmount(r.value, unit)}${unit === 'KG' ? ' kilograms' : ''}, ${formatShare(r.share)}.`) })) },
    transform: [{ stack: 'value', groupby: ['state'], sort: [{ field: 'order', order: 'ascending' }], as: ['start', 'end'], offset: 'normalize' }],
    layer: [
      {
        mark: { type: 'bar', stroke: '#ffffff', strokeWidth: 0.5 },
        encoding: {
          y,
          x: { field: 'start', type: 'quantitative', title: null, axis: { format: '.0%', tickCount: 5 } },
          x2: { field: 'end' },
          color: { field: 'part', type: 'nominal', title: null, sort: [...parts], scale: { domain: [...parts], range: [...ramp] }, legend: { symbolStrokeColor: INK.rule, symbolStrokeWidth: 0.75 } },
          tooltip: [{ field: 'state', title: memberTitle(members) }, { field: 'part', title: 'Part' }, { field: 'printed', type: 'nominal', title: unit === 'KG' ? 'Kilograms' : 'Number' }, { field: 'sharePrinted', type: 'nominal', title: 'Share' }],
          description: { field: 'spoken', type: 'nominal' },
        },
      },
      {
        // each bar outlined in grey (3.45:1 against white): its palest part (L* 93) has no edge of its own on the page
        transform: [{ aggregate: [{ op: 'min', field: 'start', as: 'start' }, { op: 'max', field: 'end', as: 'end' }], groupby: ['state'] }],
        mark: { type: 'bar', fill: null, stroke: INK.rule, strokeWidth: 0.75, aria: false },
        encoding: { y, x: { field: 'start', type: 'quantitative' }, x2: { field: 'end' } },
      },
      {
        transform: [{ filter: 'datum.share >= 0.12' }, { calculate: '(datum.start + datum.end) / 2', as: 'middle' }, { calculate: 'indexof(' + JSON.stringify(parts) + ', datum.part) >= ' + Math.floor(parts.length / 2), as: 'isDark' }],
        mark: { type: 'text', fontSize: 9, aria: false },
        encoding: {
          y,
          x: { field: 'middle', type: 'quantitative' },
          text: { field: 'share', type: 'quantitative', format: '.1%' },
          color: { condition: { test: 'datum.isDark', value: '#ffffff' }, value: INK.text },
        },
      },
    ],
  } as TopLevelSpec;
}
