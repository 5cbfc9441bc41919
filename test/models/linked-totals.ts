import type { RegionalTotal } from '../../src/schema/marts.js';

/** One combination of published regional totals that gives back a sum of small counts, less the figures shown. */
export interface LinkedReveal {
  /** The totals combined, with their coefficients (+1 or -1). */
  totals: Record<string, number>;
  /** The small counts the combination leaves, all with the same coefficient. */
  states: string[];
  /** What the combination gives back: their sum, below the threshold. */
  sum: number;
}

/**
 * Returns every combination of the year's totals published exactly (not withheld, not shown as "<threshold"), with
 * coefficients -1, 0 and +1, whose result less the members' published figures is a plain sum of small counts below
 * the threshold: each state's coefficient is the sum of its groups' coefficients, and the small counts it leaves
 * (coefficient not 0) all carry the same one. Written apart from the SQL, by enumerating every vector, as a check.
 */
export function findLinkedReveals(
  totals: readonly RegionalTotal[],
  members: ReadonlyMap<string, readonly string[]>,
  values: ReadonlyMap<string, number | null>,
  threshold: number,
): LinkedReveal[] {
  const published = totals.filter((t) => t.obs_value !== null && !t.is_small_count).map((t) => t.group_code).sort();
  const small = [...values].filter(([, v]) => v !== null && v > 0 && v < threshold).map(([state]) => state);
  const reveals: LinkedReveal[] = [];
  for (let n = 1; n < 3 ** published.length; n++) {
    const coefficient = published.map((_, i) => (Math.floor(n / 3 ** i) % 3) - 1);
    const left = small.flatMap((state) => {
      const c = published.reduce((sum, group, i) => sum + (members.get(group)!.includes(state) ? coefficient[i]! : 0), 0);
      return c === 0 ? [] : [{ state, c }];
    });
    if (left.length === 0 || left.some((l) => l.c !== left[0]!.c)) continue;
    const sum = left.reduce((s, l) => s + values.get(l.state)!, 0);
    if (sum < threshold && (coefficient.find((c) => c !== 0) ?? 0) > 0) {
      reveals.push({ totals: Object.fromEntries(published.flatMap((g, i) => (coefficient[i] ? [[g, coefficient[i]!]] : []))), states: left.map((l) => l.state), sum });
    }
  }
  return reveals;
}
