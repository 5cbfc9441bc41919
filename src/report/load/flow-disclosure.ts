/** The three parts of a breakdown by counterpart: the reporting state itself, other countries, not known (`_U`). */
export type FlowType = 'national' | 'foreign' | 'unknown';

export const FLOW_TYPES: readonly FlowType[] = ['national', 'foreign', 'unknown'];

/** What one state's cells not shown add up to, by part of the breakdown (0 where none is hidden). */
export interface HiddenByState {
  iso3: string;
  hidden: Readonly<Record<FlowType, number>>;
}

/**
 * Returns the region's sums by part of the breakdown (national, foreign, unknown) that may be given, through a share
 * of them, beside what a reader has anyway: every cell shown and every state's total (a state's total less its cells
 * shown is what its hidden cells add up to). The largest set that gives nothing away: all three (two give the third,
 * since the reported sum is known), else the foreign sum alone (Table x.1's corridor shares), else the national sum
 * alone, else none.
 *
 * A set gives a hidden count away when some combination of those figures, each taken +1, −1 or not at all, leaves
 * hidden cells that all carry the same coefficient and add up to more than 0 and less than `threshold`: Georgia's
 * total less its cells shown (2 + 3 + 3 hidden: 8) less the region's foreign sum worked back from a corridor's share
 * (2 + 3 hidden, all Georgia's) is Georgia's 3 of unknown citizenship. The family is the ±1 combinations, as for the
 * regional totals (README, Disclosure); bounds (each hidden count is 1 to threshold − 1) are not searched.
 *
 * @example givenFlowSums([{ iso3: 'GEO', hidden: { national: 0, foreign: 5, unknown: 3 } }], 5) // ['national']
 */
export function givenFlowSums(states: readonly HiddenByState[], threshold: number): FlowType[] {
  const candidates: FlowType[][] = [[...FLOW_TYPES], ['foreign'], ['national'], []];
  return candidates.find((given) => !revealsHidden(states, given, threshold)) ?? [];
}

/**
 * Whether the regional sums `given`, with every state's total, give a hidden count away (see givenFlowSums): for each
 * coefficient of each given sum and each coefficient k left on the hidden cells, every state either takes a
 * coefficient of its own that leaves its hidden cells at 0 or k, or the combination does not hold; the smallest
 * positive sum a combination can leave is then compared with the threshold.
 */
export function revealsHidden(states: readonly HiddenByState[], given: readonly FlowType[], threshold: number): boolean {
  if (threshold <= 0 || given.length === 0) return states.some((s) => reveals(total(s), threshold));
  for (const coefficients of combinations(given.length)) {
    const ofType = (t: FlowType) => {
      const i = given.indexOf(t);
      return i < 0 ? 0 : (coefficients[i] ?? 0);
    };
    for (const k of [-2, -1, 1, 2]) {
      // per state, the sums its own coefficient (−1, 0, +1 on its total) can leave with coefficient k
      let least = 0;
      let smallestPositive = Infinity;
      let holds = true;
      for (const state of states) {
        const options: number[] = [];
        for (const own of [-1, 0, 1]) {
          let left = 0;
          let valid = true;
          for (const t of FLOW_TYPES) {
            if (state.hidden[t] === 0) continue;
            const c = own + ofType(t);
            if (c === k) left += state.hidden[t];
            else if (c !== 0) valid = false;
          }
          if (valid) options.push(left);
        }
        if (options.length === 0) {
          holds = false;
          break;
        }
        const min = Math.min(...options);
        least += min;
        for (const o of options) if (o > min) smallestPositive = Math.min(smallestPositive, o - min);
      }
      if (!holds) continue;
      if (reveals(least, threshold)) return true;
      if (least === 0 && reveals(smallestPositive, threshold)) return true;
    }
  }
  return false;
}

function total(state: HiddenByState): number {
  return FLOW_TYPES.reduce((sum, t) => sum + state.hidden[t], 0);
}

function reveals(sum: number, threshold: number): boolean {
  return sum > 0 && sum < threshold;
}

/** Every assignment of −1, 0, +1 to `n` sums, all zero left out. */
function combinations(n: number): number[][] {
  let all: number[][] = [[]];
  for (let i = 0; i < n; i++) all = all.flatMap((c) => [-1, 0, 1].map((x) => [...c, x]));
  return all.filter((c) => c.some((x) => x !== 0));
}
