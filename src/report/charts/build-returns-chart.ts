import type { TopLevelSpec } from 'vega-lite';
import { spokenText } from '../designation.js';
import { buildChartConfig, INK, lowerFirst, memberTitle, type ChartMembers } from './chart-config.js';

/** A member state's return as the timeliness chart shows it. */
export interface ReturnsChartRow {
  state: string;
  /** Share of the catalogue's series reported (0–1); null when no return arrived. */
  completeness: number | null;
  /** The completeness as the label, text alternative and data table print it (one decimal, '<0.1%' for a sliver). */
  printed: string;
  timeliness: 'On time' | 'Late' | 'Not received';
  label: string;
}

/**
 * Returns a horizontal bar chart of each member's completeness, darker for returns on time and lighter for late
 * ones, with a label at the end of each bar ("No return" where none arrived); states in `order`. A screen reader
 * hears each bar as a sentence ("Albania: 85.0% of catalogue series reported, return on time.") and a state without
 * a bar by its label ("Serbia: no return.", "Georgia: return rejected, on time."); the labels at the bars' ends,
 * which repeat the bars, are silent.
 */
export function buildReturnsChart(rows: readonly ReturnsChartRow[], order: readonly string[], description: string, members: ChartMembers): TopLevelSpec {
  // titled (the axis shows no title) as the tooltip names the member ("State", "Economy"); a mark is spoken by its
  // `description`, a sentence; the axis is silent (aria: false): Vega's description of it listed the names as printed,
  // "Kosovo*" (read "Kosovo star"), and each of them is spoken, in the axis's order, by its mark
  const y = { field: 'state', type: 'nominal' as const, sort: [...order], title: memberTitle(members), axis: { labelLimit: 180, title: null, aria: false } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description,
    config: buildChartConfig(),
    width: 360,
    height: { step: 20 },
    data: { values: rows.map((r) => ({ ...r, spoken: spokenText(spokenReturn(r)) })) },
    layer: [
      {
        mark: { type: 'bar', stroke: INK.text, strokeWidth: 0.6 },
        encoding: {
          y,
          x: { field: 'completeness', type: 'quantitative', scale: { domain: [0, 1] }, axis: { format: '.0%', title: 'Share of catalogue series reported', tickCount: 5 } },
          fill: {
            field: 'timeliness', type: 'nominal', title: null,
            scale: { domain: ['On time', 'Late', 'Not received'], range: ['#4d4d4d', '#d0d0d0', '#ffffff'] },
          },
          tooltip: [{ field: 'state', title: memberTitle(members) }, { field: 'timeliness', title: 'Return' }, { field: 'printed', title: 'Completeness' }],
          description: { field: 'spoken', type: 'nominal' },
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 4, color: INK.text, ariaRoleDescription: 'note' },
        encoding: { y, x: { datum: 0, type: 'quantitative' }, text: { field: 'label' }, xOffset: { value: 0 }, description: { field: 'spoken', type: 'nominal' } },
        transform: [{ filter: 'datum.completeness == null' }],
      },
      {
        mark: { type: 'text', align: 'left', dx: 4, color: INK.muted, aria: false },
        encoding: { y, x: { field: 'completeness', type: 'quantitative' }, text: { field: 'label' } },
        transform: [{ filter: 'datum.completeness != null' }],
      },
    ],
  } as TopLevelSpec;
}

/**
 * Returns what a screen reader says of a state's return: its completeness and when it came, as the bar's label gives
 * them, or the label of a state without a bar ("Serbia: no return.", "Georgia: return rejected, on time.").
 *
 * @example spokenReturn({ state: 'Armenia', completeness: 0.767, printed: '76.7%', timeliness: 'Late', label: '76.7%, 3 days late' })
 *   // 'Armenia: 76.7% of catalogue series reported, return 3 days late.'
 */
function spokenReturn(r: ReturnsChartRow): string {
  if (r.timeliness === 'Not received') return `${r.state}: ${lowerFirst(r.label)}.`;
  if (r.completeness === null) return `${r.state}: return ${lowerFirst(r.label)}.`;
  const when = r.label.startsWith(`${r.printed}, `) ? r.label.slice(r.printed.length + 2) : r.timeliness.toLowerCase();
  return `${r.state}: ${r.printed} of catalogue series reported, return ${when}.`;
}
