import type { TopLevelSpec } from 'vega-lite';
import { buildChartConfig, INK, memberTitle, type ChartMembers } from './chart-config.js';

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
 * ones, with a label at the end of each bar ("No return" where none arrived); states in `order`.
 */
export function buildReturnsChart(rows: readonly ReturnsChartRow[], order: readonly string[], description: string, members: ChartMembers): TopLevelSpec {
  // titled (the axis shows no title) so that a bar's spoken label reads "State: Albania", as its tooltip, not "state: Albania"
  const y = { field: 'state', type: 'nominal' as const, sort: [...order], title: memberTitle(members), axis: { labelLimit: 180, title: null } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description,
    config: buildChartConfig(),
    width: 360,
    height: { step: 20 },
    data: { values: rows.map((r) => ({ ...r })) },
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
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 4, color: INK.text },
        encoding: { y, x: { datum: 0, type: 'quantitative' }, text: { field: 'label' }, xOffset: { value: 0 } },
        transform: [{ filter: 'datum.completeness == null' }],
      },
      {
        mark: { type: 'text', align: 'left', dx: 4, color: INK.muted },
        encoding: { y, x: { field: 'completeness', type: 'quantitative' }, text: { field: 'label' } },
        transform: [{ filter: 'datum.completeness != null' }],
      },
    ],
  } as TopLevelSpec;
}
