import * as aq from 'arquero';

/** A flow between a counterpart country and a reporting state. */
export interface FlowInput {
  origin: string;
  originName: string;
  iso3: string;
  value: number;
}

/** A ranked cross-border corridor. */
export interface Corridor extends FlowInput {
  rank: number;
  /** Share of all cross-border flows of the indicator. */
  share: number | null;
}

/**
 * Returns the `n` largest cross-border corridors (counterpart differs from the reporting state and is a known
 * country), largest first, ties broken by origin then reporting state, each with its share of `foreignTotal`: all
 * cross-border flows of the indicator, the cells that are not shown (small counts) included, since a hidden cell is
 * still part of the total. Without `foreignTotal` the share is of the flows given; with `foreignTotal` null (the
 * share may not be published) every share is null.
 *
 * @example topCorridors([{ origin: 'UZB', originName: 'Uzbekistan', iso3: 'TUR', value: 175 }], 1, 814)
 *   // [{ origin: 'UZB', …, value: 175, rank: 1, share: 0.215 }]
 */
export function topCorridors(flows: readonly FlowInput[], n = 10, foreignTotal?: number | null): Corridor[] {
  const cross = flows.filter((f) => f.origin !== f.iso3 && !f.origin.startsWith('_'));
  if (cross.length === 0) return [];
  const { op } = aq;
  const total = foreignTotal === undefined ? cross.reduce((sum, f) => sum + f.value, 0) : foreignTotal;
  return aq
    .from(cross.map((f) => ({ origin: f.origin, originName: f.originName, iso3: f.iso3, value: f.value })))
    .params({ total })
    .derive({ share: (d: FlowInput, $: { total: number | null }) => ($.total === null || $.total === 0 ? null : d.value / $.total) })
    .orderby(aq.desc('value'), 'origin', 'iso3')
    .slice(0, n)
    .derive({ rank: () => op.row_number() })
    .objects() as Corridor[];
}
