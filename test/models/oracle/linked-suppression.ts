/**
 * The complementary suppression across overlapping groups that the reference implementation (oracle.ts) applies to
 * regional totals, written from README.md ("Disclosure"), not from the SQL.
 */
import type { Reference } from '../../../src/schema/reference.js';
import type { OracleConfig, ResolvedTotal } from './oracle.js';

const key = (...parts: Array<string | number>): string => parts.join('|');
const sum = (values: readonly number[]): number => values.reduce((a, v) => a + v, 0);

/**
 * Returns whether the p % rule finds `values` (confidential contributions) sensitive: those besides the two largest
 * come to less than p % of the largest (1000, 40, 30 with p 10: 30 < 100); false for none.
 */
export function isDominated(values: readonly number[], p: number): boolean {
  if (values.length === 0) return false;
  const [x1, x2 = 0] = [...values].sort((a, b) => b - a) as [number, number?];
  return 100 * (sum(values) - x1 - x2) < p * x1;
}

/**
 * Complementary suppression across the overlapping groups (README "Disclosure"): every combination of a year's
 * totals published exactly that hold small counts, each taken +1, -1 or not at all, weighs each member's small count
 * by the sum of its groups' coefficients; where the counts left all carry the same coefficient and add up to less
 * than the threshold, the combination gives them away. The set of those totals that breaks every such combination,
 * keeping the review group's total, then the fewest totals, then the fewest member states, is withheld.
 */
export function applyLinkedSuppression(
  totals: Array<Record<string, unknown> & { group_code: string; time_period: number; indicator: string; obs_value: number | null }>,
  groupCodes: readonly string[],
  membersOf: ReadonlyMap<string, string[]>,
  reference: Reference,
  config: OracleConfig,
  published: readonly ResolvedTotal[],
  confidential: readonly ResolvedTotal[],
  unitOf: (indicator: string) => string,
  isSmall: (unit: string, value: number | null) => boolean,
  display: (value: number | null, small: boolean) => string | null,
  smallCountsOf: ReadonlyMap<string, number>,
): void {
  const cells = new Set(totals.map((t) => key(t.time_period, t.indicator)));
  for (const cell of cells) {
    const [yearText, indicator] = cell.split('|') as [string, string];
    const year = Number(yearText);
    const unit = unitOf(indicator);
    const linkable = totals.filter(
      (t) => t.time_period === year && t.indicator === indicator && t.obs_value !== null
        && smallCountsOf.get(key(t.group_code, year, indicator))! > 0 && !isSmall(unit, t.obs_value),
    );
    // "flag": the totals published exactly with confidential values of three or more states in them
    const flagged = totals.filter((t) => t.time_period === year && t.indicator === indicator && t.obs_value !== null && (t.confidential_states as number) > 0 && !isSmall(unit, t.obs_value));
    const confidentialStates = confidential.filter((r) => r.time_period === year && r.indicator === indicator).map((r) => r.ref_area);
    const groupsOfState = (state: string) => reference.states.find((s) => s.iso3 === state)!.groups;
    const revealing: Array<{ groups: Set<string>; isConfidential: boolean }> = [];
    if (flagged.length >= 2) {
      const flaggedGroups = flagged.map((t) => t.group_code);
      for (const vector of flaggedGroups.reduce<number[][]>((acc) => acc.flatMap((v) => [-1, 0, 1].map((c) => [...v, c])), [[]])) {
        const coefficient = new Map(flaggedGroups.map((g, i) => [g, vector[i]!]));
        const left = confidentialStates.filter((s) => sum(groupsOfState(s).map((g) => coefficient.get(g) ?? 0)) !== 0);
        // one state's value alone, or two (each of which knows its own): fewer than confidentialMinStates; or one
        // dwarfing the others left (the p % rule)
        // each value as the combination holds it: weighed by the sum of its groups' coefficients
        const weightOf = (state: string) => Math.abs(sum(groupsOfState(state).map((g) => coefficient.get(g) ?? 0)));
        const leftValues = confidential.filter((r) => r.time_period === year && r.indicator === indicator && left.includes(r.ref_area)).map((r) => r.obs_value! * weightOf(r.ref_area));
        if ((left.length >= 1 && left.length < (config.confidentialMinStates ?? 3)) || isDominated(leftValues, config.confidentialDominanceP ?? 10)) revealing.push({ groups: new Set(flaggedGroups.filter((_, i) => vector[i] !== 0)), isConfidential: true });
      }
    }
    const linkableGroups = linkable.length >= 2 ? linkable.map((t) => t.group_code) : [];
    const smallCounts = published.filter((r) => r.time_period === year && r.indicator === indicator && isSmall(unit, r.obs_value));
    // every coefficient vector over the linkable groups, but the zero one
    const vectors = linkableGroups.reduce<number[][]>((acc) => acc.flatMap((v) => [-1, 0, 1].map((c) => [...v, c])), [[]]);
    for (const vector of vectors) {
      if (vector.every((c) => c === 0)) continue;
      const coefficient = new Map(linkableGroups.map((g, i) => [g, vector[i]!]));
      const weighed = smallCounts.map((r) => ({ value: r.obs_value!, weight: sum(groupsOfState(r.ref_area).map((g) => coefficient.get(g) ?? 0)) }));
      const left = weighed.filter((w) => w.weight !== 0);
      if (left.length === 0 || !left.every((w) => w.weight === left[0]!.weight)) continue;
      const leftSum = sum(left.map((w) => w.value));
      if (leftSum > 0 && leftSum < config.smallCountThreshold) revealing.push({ groups: new Set(linkableGroups.filter((_, i) => vector[i] !== 0)), isConfidential: false });
    }
    if (revealing.length === 0) continue;
    // a set withheld takes the totals of the kinds of combination that reveal something
    const candidates = [...new Set([...(revealing.some((r) => !r.isConfidential) ? linkable : []), ...(revealing.some((r) => r.isConfidential) ? flagged : [])])];
    // the subsets of the totals either check may combine that hit every revealing combination, best first
    const subsets = candidates.map((t) => t.group_code)
      .reduce<string[][]>((acc, g) => [...acc, ...acc.map((s) => [...s, g])], [[]])
      .filter((s) => s.length > 0 && revealing.every((r) => s.some((g) => r.groups.has(g))))
      .map((s) => [...s].sort())
      .sort((a, b) =>
        Number(a.includes(config.group)) - Number(b.includes(config.group))
        || a.length - b.length
        || sum(a.map((g) => membersOf.get(g)!.length)) - sum(b.map((g) => membersOf.get(g)!.length))
        || (a.join(',') < b.join(',') ? -1 : a.join(',') > b.join(',') ? 1 : 0));
    for (const group of subsets[0]!) {
      const total = candidates.find((t) => t.group_code === group)!;
      const isConfidential = revealing.some((r) => r.isConfidential && r.groups.has(group));
      Object.assign(total, {
        obs_value: null, is_suppressed: true, suppression_reason: total.suppression_reason ?? (isConfidential ? 'confidential_linked' : 'small_count_residual_linked'),
        is_small_count: false, value_display: display(null, false),
      });
    }
  }
  void groupCodes;
}
