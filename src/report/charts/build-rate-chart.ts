import type { TopLevelSpec } from 'vega-lite';
import { formatRate } from '../format-number.js';
import { spokenText } from '../designation.js';
import { buildChartConfig, INK, memberTitle, wrapLabelExpr, type ChartMembers } from './chart-config.js';

/** A member state's rate for one indicator in the reference year. */
export interface RateChartRow {
  panel: string;
  area: string;
  state: string;
  rate: number | null;
  median: number | null;
  label: string;
  /** Printed at the axis where the state has no rate: "no data", or why there is none ("confidential", "<5"). */
  gap: string;
}

/**
 * Returns horizontal bars of rates per 100,000 by state in each area's colour, one panel per indicator (states in
 * the same order in every panel), a dashed rule at the regional median under the value labels, and at the axis of a
 * state without a rate its `gap` ("no data" where it gave no figure, "confidential" or "<5" where its figure is not
 * published); panel titles wrap. A screen reader hears each bar, and each state's gap, as a sentence ("Albania,
 * Trafficking in persons: victims detected: 1.3 per 100,000.", "Serbia, …: no data."), each median rule as one
 * ("Trafficking in persons: victims detected: regional median 0.76 per 100,000."); the value labels, which repeat the
 * bars, and the white halos under every label are silent.
 */
export function buildRateChart(rows: readonly RateChartRow[], areas: readonly { area: string; colour: string }[], order: readonly string[], panels: readonly string[], description: string, members: ChartMembers): TopLevelSpec {
  // titled (the axis shows no title) as the tooltip names the member ("State", "Economy"); a mark is spoken by its
  // `description`, a sentence; the axis is silent (aria: false): Vega's description of it listed the names as printed,
  // "Kosovo*" (read "Kosovo star"), and each of them is spoken, in the axis's order, by its mark
  const y = { field: 'state', type: 'nominal' as const, sort: [...order], title: memberTitle(members), axis: { labelLimit: 160, title: null, aria: false } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description,
    config: buildChartConfig(),
    // the tooltips print a rate and the median as the data table does (formatRate: 2.8, 0.71), never to two decimals
    data: { values: rows.map((r) => ({ ...r, medianLabel: formatRate(r.median), spoken: spokenText(`${r.state}, ${r.panel}: ${r.rate === null ? r.gap : `${r.label} per 100,000`}.`), medianSpoken: `${r.panel}: regional median ${formatRate(r.median)} per 100,000.` })) },
    facet: { column: { field: 'panel', type: 'nominal', sort: [...panels], title: null, header: { labelLimit: 200, labelExpr: wrapLabelExpr(panels, panels.length > 1 ? 26 : 60) } } },
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
            tooltip: [{ field: 'state', title: memberTitle(members) }, { field: 'panel', title: 'Indicator' }, { field: 'label', type: 'nominal', title: 'Rate per 100,000' }],
            description: { field: 'spoken', type: 'nominal' },
          },
        },
        {
          mark: { type: 'rule', color: INK.median, strokeDash: [4, 3], strokeWidth: 1.2, ariaRoleDescription: 'line' },
          encoding: { x: { aggregate: 'min', field: 'median', type: 'quantitative' }, tooltip: { field: 'medianLabel', type: 'nominal', title: 'Regional median' }, description: { field: 'medianSpoken', type: 'nominal' } },
        },
        // The labels go over the median rule on a white halo (drawn first, then the text), so the rule never strikes
        // through a value. A value label repeats its bar and is silent; a gap is the state's only mark in the panel
        // and speaks, but for its halo.
        ...[{ stroke: '#ffffff', strokeWidth: 3, strokeJoin: 'round' as const, aria: false }, {}].flatMap((halo) => [
          {
            mark: { type: 'text' as const, align: 'left' as const, dx: 3, fontSize: 9, color: INK.muted, ...halo, aria: false },
            encoding: { y, x: { field: 'rate', type: 'quantitative' as const }, text: { field: 'label' } },
            transform: [{ filter: 'datum.rate != null' }],
          },
          {
            mark: { type: 'text' as const, align: 'left' as const, dx: 3, fontSize: 9, color: INK.muted, fontStyle: 'italic', ...halo, ...('aria' in halo ? {} : { ariaRoleDescription: 'note' }) },
            encoding: { y, x: { datum: 0, type: 'quantitative' as const }, text: { field: 'gap' }, ...('aria' in halo ? {} : { description: { field: 'spoken', type: 'nominal' as const } }) },
            transform: [{ filter: 'datum.rate == null' }],
          },
        ]),
      ],
    },
    resolve: { scale: { x: 'independent' } },
  } as TopLevelSpec;
}
