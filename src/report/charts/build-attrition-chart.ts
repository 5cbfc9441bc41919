import type { TopLevelSpec } from 'vega-lite';
import { formatNumber } from '../format-number.js';
import { spokenText } from '../designation.js';
import { buildChartConfig, INK, lowerFirst, memberTitle, type ChartMembers } from './chart-config.js';

/** One ratio of the criminal-justice chain for a state. */
export interface AttritionChartRow {
  row: string;
  stage: string;
  state: string;
  ratio: number | null;
  median: number | null;
  /** Written where the ratio is missing; "no data" when not given. */
  note?: string;
}

/**
 * Returns dot plots of criminal-justice ratios by state, one column per step of the chain (suspected per offence,
 * prosecuted per suspected, convicted per prosecuted) and one row per area, with a dashed rule at the regional
 * median of each step, and a note ("no data" unless the row gives one) where a state has no ratio. A screen reader
 * hears each dot and each note as a sentence ("Albania, Trafficking in persons, persons suspected per offence: 0.30.",
 * "Serbia, …: no data."), each median rule as one ("Trafficking in persons, persons suspected per offence: regional
 * median 0.42."); the stems and the notes' white halos are silent.
 */
export function buildAttritionChart(
  rows: readonly AttritionChartRow[],
  areas: readonly { row: string; colour: string }[],
  order: readonly string[],
  stages: readonly string[],
  description: string,
  members: ChartMembers,
): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description,
    config: buildChartConfig(),
    // the tooltip prints a ratio as the data table does (two decimals)
    // a dot, or the note standing for it, and the median rule are spoken as sentences (`spoken`, `medianSpoken`)
    data: {
      values: rows.map((r) => ({
        ...r, printed: formatNumber(r.ratio, 2), note: r.ratio === null ? (r.note ?? 'no data') : null,
        spoken: spokenText(`${r.state}, ${r.row}, ${lowerFirst(r.stage)}: ${r.ratio === null ? (r.note ?? 'no data') : formatNumber(r.ratio, 2)}.`),
        medianSpoken: `${r.row}, ${lowerFirst(r.stage)}: regional median ${formatNumber(r.median, 2)}.`,
      })),
    },
    facet: {
      column: {
        field: 'stage', type: 'nominal', sort: [...stages], title: null,
        header: { labelLimit: 170, labelExpr: "[slice(datum.label, 0, indexof(datum.label, ' per ')), slice(datum.label, indexof(datum.label, ' per ') + 1)]" },
      },
      row: { field: 'row', type: 'nominal', sort: areas.map((a) => a.row), title: null, header: { labelAngle: -90, labelOrient: 'left', labelAnchor: 'middle', labelLimit: 300, labelFontWeight: 'bold' } },
    },
    spec: {
      width: 150,
      height: { step: 16 },
      // the members' axis is silent (aria: false): Vega's description listed the names as printed ("Kosovo*", read
      // "Kosovo star"), and each dot or note speaks its member's name
      layer: [
        {
          mark: { type: 'rule', color: INK.grid, aria: false },
          encoding: { y: { field: 'state', type: 'nominal', sort: [...order], title: memberTitle(members), axis: { title: null, aria: false } }, x: { field: 'ratio', type: 'quantitative' }, x2: { datum: 0 } },
        },
        {
          mark: { type: 'circle', size: 40, opacity: 1 },
          encoding: {
            y: { field: 'state', type: 'nominal', sort: [...order], title: memberTitle(members), axis: { labelLimit: 150, title: null, aria: false } },
            x: { field: 'ratio', type: 'quantitative', title: null, axis: { format: '.1f', tickCount: 4 } },
            color: { field: 'row', type: 'nominal', legend: null, scale: { domain: areas.map((a) => a.row), range: areas.map((a) => a.colour) } },
            tooltip: [{ field: 'state', title: memberTitle(members) }, { field: 'row', title: 'Area' }, { field: 'stage', title: 'Ratio' }, { field: 'printed', type: 'nominal', title: 'Value' }],
            description: { field: 'spoken', type: 'nominal' },
          },
        },
        {
          mark: { type: 'rule', color: INK.median, strokeDash: [4, 3], strokeWidth: 1.2, ariaRoleDescription: 'line' },
          encoding: { x: { aggregate: 'min', field: 'median', type: 'quantitative' }, description: { field: 'medianSpoken', type: 'nominal' } },
        },
        // each note on a white halo, which is silent
        ...[{ stroke: '#ffffff', strokeWidth: 3, strokeJoin: 'round' as const, aria: false }, { ariaRoleDescription: 'note' }].map((halo) => ({
          mark: { type: 'text' as const, align: 'left' as const, dx: 2, fontSize: 9, color: INK.muted, fontStyle: 'italic', ...halo },
          encoding: {
            y: { field: 'state', type: 'nominal' as const, sort: [...order], title: memberTitle(members), axis: { title: null, aria: false } }, x: { datum: 0, type: 'quantitative' as const }, text: { field: 'note' },
            ...('aria' in halo ? {} : { description: { field: 'spoken', type: 'nominal' as const } }),
          },
          transform: [{ filter: 'datum.ratio == null' }],
        })),
      ],
    },
    resolve: { scale: { x: 'independent' } },
  } as TopLevelSpec;
}
