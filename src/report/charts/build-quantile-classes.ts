import { formatRate } from '../format-number.js';

/** Values sorted into quantile classes, each class labelled with its bounds. */
export interface QuantileClasses {
  /** The class of each value (0 = lowest), in the order given. */
  classOf: number[];
  /** One label per class, "lower–upper" (lowest value to first break, …, last break to highest value). */
  labels: string[];
}

/**
 * Returns `values` sorted into `n` quantile classes holding about the same number of values each, with the breaks a
 * Vega quantile scale would use (linear interpolation between order statistics, R-7) and a label giving each
 * class's lower and upper bound, so that a legend can show every class bound. A value on a break goes to the upper
 * class. Classes that hold no value (ties, fewer values than classes) keep their place but are left unused.
 *
 * @example buildQuantileClasses([1, 2, 3, 4, 5], 5).labels // ['1.0–1.8', '1.8–2.6', '2.6–3.4', '3.4–4.2', '4.2–5.0']
 */
export function buildQuantileClasses(values: readonly number[], n: number): QuantileClasses {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return { classOf: [], labels: [] };
  const breaks = Array.from({ length: n - 1 }, (_, i) => quantileSorted(sorted, (i + 1) / n));
  const bounds = [sorted[0] ?? 0, ...breaks, sorted[sorted.length - 1] ?? 0];
  const classOf = values.map((v) => breaks.filter((b) => v >= b).length);
  const labels = bounds.slice(0, -1).map((lower, i) => `${formatRate(lower)}\u2013${formatRate(bounds[i + 1])}`);
  return { classOf, labels };
}

function quantileSorted(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const low = Math.floor(h);
  const a = sorted[low] ?? 0;
  const b = sorted[Math.min(low + 1, sorted.length - 1)] ?? a;
  return a + (b - a) * (h - low);
}
