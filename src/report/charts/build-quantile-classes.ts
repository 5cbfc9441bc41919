import { formatRate } from '../format-number.js';

/** Values sorted into quantile classes, each class labelled with its bounds. */
export interface QuantileClasses {
  /** The class of each value (0 = lowest), in the order given. */
  classOf: number[];
  /** One label per class: its lowest and highest value as printed ("0.62–0.71"), one value if both print alike, "" if empty. */
  labels: string[];
}

/** Precision added to every bound at most, for values that differ only far past the printed decimals. */
const MAX_EXTRA_DECIMALS = 6;

/**
 * Returns `values` sorted into `n` quantile classes holding about the same number of values each, with the breaks a
 * Vega quantile scale would use (linear interpolation between order statistics, R-7), and a label giving each
 * class's own lowest and highest value, rounded as rates are printed (two decimals below 1, one below 100, none
 * above). Where one class's highest value and the next class's lowest would print alike, every label takes as many
 * more decimals as keep them apart, so no printed rate fits two labels. A value on a break goes to the upper class.
 * Classes that hold no value (ties, fewer values than classes) keep their place but are left unused.
 *
 * @example buildQuantileClasses([1, 2, 3, 4, 5], 5).labels // ['1.0', '2.0', '3.0', '4.0', '5.0']
 * @example buildQuantileClasses([0.6, 0.7, 0.8, 0.9, 1.1, 1.2], 3).labels // ['0.60–0.70', '0.80–0.90', '1.1–1.2']
 */
export function buildQuantileClasses(values: readonly number[], n: number): QuantileClasses {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return { classOf: [], labels: [] };
  const breaks = Array.from({ length: n - 1 }, (_, i) => quantileSorted(sorted, (i + 1) / n));
  const classOf = values.map((v) => breaks.filter((b) => v >= b).length);
  const ranges = Array.from({ length: n }, (_, k) => rangeOf(values.filter((_, i) => classOf[i] === k)));
  const extra = findExtraDecimals(ranges.filter((r) => r !== null));
  const labels = ranges.map((r) => (r === null ? '' : labelRange(r, extra)));
  return { classOf, labels };
}

/** Returns the lowest and highest of `values`, or null if there are none. */
function rangeOf(values: readonly number[]): [number, number] | null {
  return values.length === 0 ? null : [Math.min(...values), Math.max(...values)];
}

/** Returns the fewest decimals beyond a rate's usual ones that print each class's highest value apart from the next one's lowest. */
function findExtraDecimals(ranges: readonly [number, number][]): number {
  const isApart = (extra: number) => ranges.every((r, i) => i === 0 || formatRate(ranges[i - 1]?.[1] ?? 0, extra) !== formatRate(r[0], extra));
  let extra = 0;
  while (extra < MAX_EXTRA_DECIMALS && !isApart(extra)) extra += 1;
  return extra;
}

/** Returns a class label: its lowest–highest value as printed, or one value where both print alike. */
function labelRange([low, high]: [number, number], extra: number): string {
  const [a, b] = [formatRate(low, extra), formatRate(high, extra)];
  return a === b ? a : `${a}\u2013${b}`;
}

function quantileSorted(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const low = Math.floor(h);
  const a = sorted[low] ?? 0;
  const b = sorted[Math.min(low + 1, sorted.length - 1)] ?? a;
  return a + (b - a) * (h - low);
}
