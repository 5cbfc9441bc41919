import * as aq from 'arquero';
import type { FlowInput } from './top-corridors.js';

/** The label flows from origins outside the top ones are gathered under. */
export const OTHER_ORIGIN = '_OTHER';

/**
 * Returns the flows with every origin outside the `n` largest (by total over all reporting states) and outside
 * `keep` gathered into one `_OTHER` origin per reporting state, so a heatmap keeps a readable number of rows without
 * losing any total. `keep` names origins shown by name whatever their total: those of the corridors a table beside
 * the heatmap ranks, which would otherwise stand in the table and vanish into "Other countries" in the chart.
 *
 * @example lumpOrigins(flows, 12, { keep: ['AZE'] }) // the 12 largest origins, Azerbaijan, and `_OTHER`
 */
export function lumpOrigins(flows: readonly FlowInput[], n: number, { otherName = 'Other countries', keep = [] }: { otherName?: string; keep?: readonly string[] } = {}): FlowInput[] {
  if (flows.length === 0) return [];
  const { op } = aq;
  const table = aq.from(flows.map((f) => ({ ...f })));
  const top = new Set([
    ...(table
      .groupby('origin')
      .rollup({ total: (d: FlowInput) => op.sum(d.value) })
      .orderby(aq.desc('total'), 'origin')
      .slice(0, n)
      .array('origin') as string[]),
    ...keep,
  ]);
  return table
    .params({ other: OTHER_ORIGIN, otherName })
    .derive({
      isTop: aq.escape((d: FlowInput) => top.has(d.origin)),
    })
    .derive({
      origin: (d: FlowInput & { isTop: boolean }, $: { other: string }) => (d.isTop ? d.origin : $.other),
      originName: (d: FlowInput & { isTop: boolean }, $: { otherName: string }) => (d.isTop ? d.originName : $.otherName),
    })
    .groupby('origin', 'originName', 'iso3')
    .rollup({ value: (d: FlowInput) => op.sum(d.value) })
    .orderby('origin', 'iso3')
    .objects() as FlowInput[];
}
