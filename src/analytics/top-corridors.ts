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
 * country), largest first, ties broken by origin then reporting state, each with its share of all cross-border
 * flows.
 */
export function topCorridors(flows: readonly FlowInput[], n = 10): Corridor[] {
  const cross = flows.filter((f) => f.origin !== f.iso3 && !f.origin.startsWith('_'));
  if (cross.length === 0) return [];
  const { op } = aq;
  return aq
    .from(cross.map((f) => ({ origin: f.origin, originName: f.originName, iso3: f.iso3, value: f.value })))
    .derive({ share: (d: FlowInput) => (op.sum(d.value) === 0 ? null : d.value / op.sum(d.value)) })
    .orderby(aq.desc('value'), 'origin', 'iso3')
    .slice(0, n)
    .derive({ rank: () => op.row_number() })
    .objects() as Corridor[];
}
