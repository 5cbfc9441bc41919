import { createRequire } from 'node:module';

interface WorldCountry {
  cca3: string;
  name: { common: string };
}

let cached: Map<string, string> | undefined;

/** Names for codes that are not countries. */
const SPECIAL: Record<string, string> = { _U: 'Unknown', _Z: 'Not applicable', _T: 'Total', XKX: 'Kosovo' };

/**
 * Returns the English short name of a counterpart country (world-countries' common name; the region's states keep
 * the names of the reference data, passed in `known`), `Unknown` for `_U`, or the code itself when unknown.
 *
 * @example countryName('NGA', new Map()) // 'Nigeria'
 */
export function countryName(code: string, known: ReadonlyMap<string, string>): string {
  const own = known.get(code) ?? SPECIAL[code];
  if (own) return own;
  if (!cached) {
    const countries = createRequire(import.meta.url)('world-countries') as WorldCountry[];
    cached = new Map(countries.map((c) => [c.cca3, c.name.common]));
  }
  return cached.get(code) ?? code;
}
