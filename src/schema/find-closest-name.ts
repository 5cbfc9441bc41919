import type { NameIndex } from './build-name-index.js';

/**
 * Returns the optimal string alignment distance of `a` and `b` (insertions, deletions, substitutions and swaps of two
 * neighbouring characters count one each; a substitution `substitution`), or `limit + 1` once it exceeds `limit`.
 */
export function swapDistance(a: string, b: string, limit: number, substitution = 1): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : substitution;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
  }
  return rows[a.length]![b.length]!;
}

/** Words one letter from a country's name that name no country: "Romani" (the Roma, their language) is not Romania. */
const NOT_MISSPELT = new Set(['romani', 'romany']);

/** The names compared by CountryResolver.misspelt (tiers 0 and 1), by length: name → the countries it names. */
const comparedNames = new WeakMap<NameIndex, Map<number, Array<[string, string[]]>>>();

/** See CountryResolver.misspelt: `key` is normalized. */
export function closestName(index: NameIndex, key: string): string | undefined {
  if ([...key.replace(/ /g, '')].length < 5 || NOT_MISSPELT.has(key)) return undefined;
  let byLength = comparedNames.get(index);
  if (byLength === undefined) {
    byLength = new Map();
    const entries: Array<[string, string[]]> = [
      ...[...index.names].flatMap(([name, { match, tier }]): Array<[string, string[]]> => (tier <= 1 && 'iso3' in match && name.length >= 4 ? [[name, [match.iso3]]] : [])),
      ...[...index.ambiguous].flatMap(([name, { tier, candidates }]): Array<[string, string[]]> => (tier <= 1 ? [[name, [...candidates]]] : [])),
    ];
    for (const entry of entries) byLength.set(entry[0].length, [...(byLength.get(entry[0].length) ?? []), entry]);
    comparedNames.set(index, byLength);
  }
  const limit = key.length >= 10 ? 2 : 1;
  // under seven letters a letter changed is no evidence ("Child" is not Chile): only one added, dropped or swapped
  const substitution = key.length >= 7 ? 1 : 2;
  let best = limit + 1;
  let found = new Set<string>();
  for (let length = key.length - limit; length <= key.length + limit; length++) {
    for (const [name, countries] of byLength.get(length) ?? []) {
      const d = swapDistance(key, name, Math.min(limit, best), substitution);
      if (d < best) [best, found] = [d, new Set(countries)];
      else if (d === best && d <= limit) for (const c of countries) found.add(c);
    }
  }
  return best <= limit && found.size === 1 ? [...found][0] : undefined;
}
