import type { TopLevelSpec } from 'vega-lite';
import { formatAmount, plural } from '../format-number.js';
import { spokenText } from '../designation.js';
import { buildPanelScale } from './build-panel-scale.js';
import { buildChartConfig, INK, labelYears, memberTitle, wrapLabelExpr, type ChartMembers } from './chart-config.js';

/** One year of an area's headline indicator for the region. */
export interface RegionalMultipleRow {
  panel: string;
  area: string;
  year: number;
  total: number | null;
  /** The indicator's unit: a total in kilograms prints with its decimal in the tooltip, as in the data table. */
  unit?: string;
  reporting: number;
  members: number;
  coverage: 'All members reported' | 'Some members missing';
  /**
   * How the states the total adds up differ from the year before's ("Ukraine added; Russian Federation dropped"),
   * null where they are the same or there is no year before with a state reporting: the line into the year is then
   * dashed, since its step is partly one of coverage, not of crime.
   */
  statesChange: string | null;
  /**
   * With confidentialInTotals "flag" only: how many states' confidential figures a published total includes, null
   * where it includes none or is not published; absent under "suppress", where no total includes one.
   */
  confidentialStates?: number | null;
}

/** Returns the legend's names for a line between two years: the same members behind both totals, or not. */
function linkNames(members: ChartMembers): { same: string; changed: string } {
  return { same: `Same ${members.bareMany} as the year before`, changed: `${memberTitle(members, true)} differ from the year before` };
}

/**
 * Returns small multiples, one panel per area's headline indicator: the regional total over the years as a line in
 * the area's colour, each year's point filled when every member reported and hollow when some did not (the
 * total then covers fewer states, and is not a fall). The line is drawn year to year, dashed into a year whose
 * total adds up different states from the year before's (a step there is partly one of coverage: the Russian
 * Federation leaving cybercrime's total), and the tooltip says how many states reported and which came or went; where
 * no total changes its states, no dashed line and no legend entry. Each panel has its own y scale, starting at zero
 * (a panel with no total an empty frame, unlabelled), and its own
 * x axis (an empty cell of the last row draws none) labelled up to the reference year; panel titles wrap. Panels
 * align in rows and columns, whatever the lines of their titles and the widths of their y labels. A screen reader
 * hears each point as its tooltip's sentence ("Trafficking in persons: victims detected, 2025: regional total 2,879,
 * reported by 13 of 13 states; Ukraine added."); the lines are silent.
 */
export function buildRegionalMultiples(
  rows: readonly RegionalMultipleRow[],
  areas: readonly { area: string; colour: string }[],
  panels: readonly string[],
  description: string,
  members: ChartMembers,
): TopLevelSpec {
  const { same: linkSame, changed: linkChanged } = linkNames(members);
  const colour = { field: 'area', type: 'nominal' as const, legend: null, scale: { domain: areas.map((a) => a.area), range: areas.map((a) => a.colour) } };
  // each line between two years with a total is its own two-point path, so that one can be dashed and the next not
  const links = rows.flatMap((r) => {
    const before = rows.find((b) => b.panel === r.panel && b.year === r.year - 1);
    if (!before || before.total === null || r.total === null) return [];
    const link = r.statesChange === null ? linkSame : linkChanged;
    return [before, r].map((x) => ({ row: 'link', link, pair: `${r.panel}|${r.year}`, panel: x.panel, area: x.area, year: x.year, total: x.total }));
  });
  const kinds = [linkSame, linkChanged].filter((k) => links.some((l) => l.link === k));
  const isPoint = { filter: "datum.row === 'point'" };
  // a year whose states can be set beside the year before's: both have a state reporting
  const isCompared = (r: RegionalMultipleRow) => r.reporting > 0 && rows.some((b) => b.panel === r.panel && b.year === r.year - 1 && b.reporting > 0);
  // "flag": the tooltip says which totals include confidential figures, as Table 3.1's footnotes do
  const isFlagging = rows.some((r) => r.confidentialStates !== undefined);
  const y = buildPanelScale(rows.map((r) => ({ panel: r.panel, value: r.total })), panels);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description,
    params: y.params,
    config: { ...buildChartConfig(), header: { ...buildChartConfig().header, labelLimit: 210, labelExpr: wrapLabelExpr(panels, 30) } },
    data: {
      values: [
        ...rows.map((r) => ({
          row: 'point', ...r, printed: formatAmount(r.total, r.unit), reportedBy: `${r.reporting} of ${r.members} ${members.bareMany}`, statesChange: r.statesChange ?? (isCompared(r) ? 'the same' : '\u2013'),
          ...(isFlagging ? { confidential: r.confidentialStates == null ? '\u2013' : plural(r.confidentialStates, members.bareOne, members.bareMany) } : {}),
          spoken: spokenText(`${r.panel}, ${r.year}: regional total ${formatAmount(r.total, r.unit)}, reported by ${r.reporting} of ${r.members} ${members.bareMany}${r.statesChange === null ? '' : `; ${r.statesChange}`}${r.confidentialStates == null ? '' : `; includes confidential figures of ${plural(r.confidentialStates, members.bareOne, members.bareMany)}`}.`),
        })),
        ...links,
      ],
    },
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
        y: { field: 'total', type: 'quantitative', title: null, scale: y.scale, axis: { format: ',~r', tickCount: 4, values: y.values } },
      },
      layer: [
        // Only the points speak: a line's ARIA label would give its first year's values (a missing one as "null").
        {
          transform: [{ filter: "datum.row === 'link'" }],
          mark: { type: 'line', strokeWidth: 2, aria: false },
          encoding: {
            color: colour,
            detail: { field: 'pair', type: 'nominal' },
            strokeDash: {
              field: 'link', type: 'nominal', title: null,
              scale: { domain: [linkSame, linkChanged], range: [[1, 0], [4, 3]] },
              // the dashed entry only where a line is dashed; no legend where every line is solid
              legend: kinds.includes(linkChanged) ? { values: kinds, symbolStrokeColor: INK.text, symbolType: 'stroke', symbolSize: 144, symbolStrokeWidth: 2, labelLimit: 240, padding: 6 } : null,
            },
          },
        },
        {
          transform: [isPoint],
          mark: { type: 'point', size: 30, strokeWidth: 1.5, filled: false },
          encoding: {
            color: colour,
            fill: {
              field: 'coverage', type: 'nominal', title: null,
              scale: { domain: ['All members reported', 'Some members missing'], range: [INK.text, '#ffffff'] },
              legend: { symbolStrokeColor: INK.text, symbolType: 'circle', padding: 6 },
            },
            tooltip: [
              { field: 'panel', title: 'Indicator' }, { field: 'year', type: 'ordinal', title: 'Year' },
              { field: 'printed', type: 'nominal', title: 'Regional total' },
              { field: 'reportedBy', type: 'nominal', title: 'Reported by' },
              { field: 'statesChange', type: 'nominal', title: `${memberTitle(members, true)} since the year before` },
              ...(isFlagging ? [{ field: 'confidential', type: 'nominal', title: 'Includes confidential figures of' }] : []),
            ],
            description: { field: 'spoken', type: 'nominal' },
          },
        },
      ],
    },
    resolve: { scale: { y: 'independent' }, axis: { x: 'independent' } },
  } as TopLevelSpec;
}
