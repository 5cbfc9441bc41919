/**
 * The statistics the reference implementation (oracle.ts) takes a trend's direction with: the median and the
 * Mann-Kendall test, exact for short series and normal with tie correction for longer ones.
 */

const sum = (values: readonly number[]): number => values.reduce((a, v) => a + v, 0);

/** The median of `values` (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** P(|S| >= |s|) for n points without ties, every ordering equally likely, by counting permutations. */
export function exactMannKendallP(n: number, s: number): number {
  // counts[k]: permutations of the items placed so far with k inversions; S = n(n-1)/2 - 2k
  let counts = [1];
  for (let m = 2; m <= n; m++) {
    const next = new Array<number>(counts.length + m - 1).fill(0);
    counts.forEach((c, k) => {
      for (let j = 0; j < m; j++) next[k + j]! += c;
    });
    counts = next;
  }
  const total = sum(counts);
  const maxS = (n * (n - 1)) / 2;
  const atLeast = sum(counts.filter((_, k) => Math.abs(maxS - 2 * k) >= Math.abs(s)));
  return Math.min(1, atLeast / total);
}

/** The upper tail of the standard normal, P(Z > z), from erfc by its continued fraction (|error| far below 1e-9). */
export function normalUpperTail(z: number): number {
  const x = z / Math.SQRT2;
  if (x < 0) return 1 - normalUpperTail(-z);
  if (x < 2) {
    // erf by its Maclaurin series, accurate near 0
    let term = x;
    let total = x;
    for (let k = 1; k < 100; k++) {
      term *= (-x * x) / k;
      total += term / (2 * k + 1);
    }
    return (1 - (2 / Math.sqrt(Math.PI)) * total) / 2;
  }
  // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...)))), evaluated from the tail
  let fraction = x;
  for (let k = 60; k >= 1; k--) fraction = x + k / 2 / fraction;
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / fraction / 2;
}

export interface MannKendall {
  s: number;
  p: number;
  method: 'exact' | 'normal';
}

/** Mann-Kendall S and its two-sided p-value: exact for up to 10 points without ties, else normal with tie correction. */
export function mannKendall(values: readonly number[]): MannKendall {
  const n = values.length;
  let s = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) s += Math.sign(values[j]! - values[i]!);
  const ties = new Map<number, number>();
  for (const v of values) ties.set(v, (ties.get(v) ?? 0) + 1);
  const tieTerm = sum([...ties.values()].filter((t) => t > 1).map((t) => t * (t - 1) * (2 * t + 5)));
  if (n <= 10 && tieTerm === 0) return { s, p: exactMannKendallP(n, s), method: 'exact' };
  const variance = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  const z = variance > 0 ? Math.abs(s - Math.sign(s)) / Math.sqrt(variance) : 0;
  return { s, p: z === 0 ? 1 : Math.min(1, 2 * normalUpperTail(z)), method: 'normal' };
}
