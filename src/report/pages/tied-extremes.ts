/**
 * Returns the items that share the first place of `sorted` (sorted best first): the first item and every one after
 * it whose value prints as the first's does, since a reader sees them as equal ("highest" of two indices both
 * printed 125 is both, not the one the sort happened to put first).
 *
 * @example leadingTies([{ v: 125.17 }, { v: 124.62 }, { v: 124.2 }], (r) => r.v.toFixed(0)) // the first two
 */
export function leadingTies<T>(sorted: readonly T[], printed: (item: T) => string): T[] {
  const first = sorted[0];
  if (first === undefined) return [];
  const value = printed(first);
  const tied: T[] = [];
  for (const item of sorted) {
    if (printed(item) !== value) break;
    tied.push(item);
  }
  return tied;
}

/**
 * Returns a value as the text puts it beside one or several tied items: "125", "both 125", "all 3 at 125".
 *
 * @example tiedValue(2, '125') // 'both 125'
 */
export function tiedValue(count: number, printed: string): string {
  return count <= 1 ? printed : count === 2 ? `both ${printed}` : `all ${count} at ${printed}`;
}
