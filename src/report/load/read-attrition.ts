import { CjAttrition } from '../../schema/marts.js';
import type { Store } from '../../store/index.js';
import type { AttritionPoint } from '../review-model.js';
import { MEMBERS } from './member-filter.js';
import { readRows } from './read-rows.js';

const STAGES = ['suspected_per_offence', 'prosecuted_per_suspected', 'convicted_per_prosecuted'] as const;

/**
 * Returns the members' criminal-justice ratios for `year` from `cj_attrition`, each with the reason the mart gives
 * when it is missing (a ratio with a small count on either side is withheld there), and each ratio's median over the
 * members of `group` with a published ratio (the mart's own medians are over the configured group, which may differ).
 */
export async function readAttrition(store: Store, group: string, year: number): Promise<AttritionPoint[]> {
  const rows = await readRows(store, 'cj_attrition', `select * from cj_attrition where ref_area in (${MEMBERS}) and time_period = $year
    order by area, ref_area`, { group, year }, CjAttrition);
  const median = (values: number[]): number | null => {
    if (values.length === 0) return null;
    const s = [...values].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? (s[m] ?? null) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
  };
  const medians = new Map<string, number | null>();
  for (const area of new Set(rows.map((r) => r.area))) {
    for (const stage of STAGES) {
      medians.set(`${area}|${stage}`, median(rows.filter((r) => r.area === area).flatMap((r) => (r[stage] === null ? [] : [r[stage]]))));
    }
  }
  return rows.flatMap((r) =>
    STAGES.map((stage) => ({
      area: r.area, iso3: r.ref_area, year: r.time_period, stage, ratio: r[stage], reason: r[`${stage}_reason`], regionalMedian: medians.get(`${r.area}|${stage}`) ?? null,
    })),
  );
}
