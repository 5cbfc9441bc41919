import { createRequire } from 'node:module';
import type { CountryAlias, Demonym, State } from './reference.js';
import { buildNameIndex, RENAME, type NameIndex, type WorldCountry } from './build-name-index.js';
import { closestName } from './find-closest-name.js';
import { normalizeName, repairMojibake } from './normalize-name.js';

/** How a country name or code was recognised. */
export type CountryMatch =
  | { kind: 'code' | 'name' | 'demonym'; iso3: string }
  /** "Nationals": the reporting state's own citizens. */
  | { kind: 'nationals' }
  /** "Unknown", "undefined", "not known": the `_U` code. */
  | { kind: 'unknown' };

/** Resolves country codes, names (in English and the region's languages) and demonyms to ISO 3166-1 alpha-3. */
export interface CountryResolver {
  /** Returns what `text` names, or `undefined` when it names no country. */
  resolve(text: string): CountryMatch | undefined;
  /**
   * Returns the countries `text` could name when it names several ("Korea": KOR, PRK; "Virgin Islands": VGB, VIR),
   * sorted; empty otherwise. {@link resolve} never guesses among them.
   */
  candidates(text: string): string[];
  /** Returns true when `code` is an ISO 3166-1 alpha-3 code of a country (or XKX, Kosovo). */
  isCountryCode(code: string): boolean;
  /** Returns the alpha-3 code of the country whose ISO 3166-1 numeric code is `code` ("642": ROU), else undefined. */
  numericToAlpha3(code: string): string | undefined;
  /**
   * Returns the country whose code of sport, the International Olympic Committee's (GRE, GER, CRO, SLO, NED), `code`
   * is, where that is no ISO 3166-1 alpha-3 code, with its English short name; else undefined. Evidence for a hint
   * only: such a code is never read as the country.
   */
  iocCountry(code: string): { iso3: string; name: string } | undefined;
  /**
   * Returns what `text` names when it holds letters lost to U+FFFD, the replacement character a program writes for bytes
   * that were not UTF-8 ("T\ufffdrkiye", "Ciudadanos de su pa\ufffds"): each stands for one letter or mark, and the
   * name must be the only one so read (one country, or the own nationals) with four letters or more kept; else undefined.
   */
  resolveLostLetters(text: string): CountryMatch | undefined;
  /** Every alpha-3 code known, sorted. */
  codes(): string[];
  /**
   * Returns the one country whose name in English or the region's languages (or an alias of the aliases file) `text`
   * misspells by a strict measure: one letter added, dropped or two swapped ("Romnia", "Romaina", "Moldva"), or from
   * seven letters on changed, two from ten letters on; never for text of fewer than five letters, and undefined when the nearest names name
   * several countries or none is that near. Demonyms and names in other languages are not compared.
   */
  misspelt(text: string): string | undefined;
}

const require = createRequire(import.meta.url);

/**
 * Returns true when `text` is UNK (any case, spaces around it): Kosovo's code in some lists (world-countries, the UN's)
 * and short for "unknown". No source this product reads uses it for Kosovo (returns and the World Bank write XKX,
 * UNODC KOS, Eurostat XK), so it is read as no country at all, neither Kosovo nor unknown.
 */
export function isNotGuessedCode(text: string): boolean {
  return text.trim().toUpperCase() === 'UNK';
}

/**
 * Returns a resolver over the region's states and `country_aliases.csv` (whose names win) and the world's countries from the
 * maintained packages `world-countries` (names in many languages, alternative spellings, demonyms in English and
 * French) and `i18n-iso-countries` (English names and aliases); `demonyms.csv` adds the words the packages lack
 * (Spanish: `argentino`) or share between two countries (`Indian`), and wins over the packages' demonyms.
 */
export function createCountryResolver(states: readonly State[], aliases: readonly CountryAlias[] = [], demonyms: readonly Demonym[] = []): CountryResolver {
  const world = require('world-countries/countries.json') as WorldCountry[];
  const worldIso3 = (country: WorldCountry): string => RENAME[country.cca3] ?? country.cca3;
  const codes = new Set<string>([...states.map((s) => s.iso3), ...world.map(worldIso3)]);
  const alpha2 = new Map<string, string>();
  for (const country of world) alpha2.set(country.cca2, worldIso3(country));
  for (const state of states) alpha2.set(state.iso2, state.iso3);
  alpha2.set('EL', 'GRC').set('UK', 'GBR').set('XK', 'XKX');
  const numeric = new Map<string, string>();
  for (const country of world) if (country.ccn3 !== undefined && country.ccn3 !== '') numeric.set(country.ccn3, worldIso3(country));
  for (const state of states) if (state.numeric !== undefined && state.numeric !== '') numeric.set(state.numeric, state.iso3);
  // Kosovo's IOC code, KOS, reads as XKX already
  const ioc = new Map<string, { iso3: string; name: string }>();
  for (const country of world) {
    if (country.cioc === undefined || country.cioc === '' || codes.has(country.cioc) || worldIso3(country) === 'XKX') continue;
    ioc.set(country.cioc, { iso3: worldIso3(country), name: country.name.common });
  }
  // the name index (some 20,000 names in many languages) is built on the first name asked for: a return that uses
  // codes only never pays for it
  let index: NameIndex | undefined;

  return {
    resolve(text) {
      const trimmed = repairMojibake(text.trim());
      if (isNotGuessedCode(trimmed)) return undefined;
      const upper = trimmed.toUpperCase();
      if (/^[A-Z]{3}$/.test(upper)) {
        const code = upper === 'KOS' ? 'XKX' : upper;
        if (codes.has(code)) return { kind: 'code', iso3: code };
      }
      if (/^[A-Z]{2}$/.test(trimmed) && alpha2.has(trimmed)) return { kind: 'code', iso3: alpha2.get(trimmed)! };
      index ??= buildNameIndex(states, aliases, demonyms, world, worldIso3);
      return index.names.get(normalizeName(trimmed))?.match;
    },
    candidates(text) {
      index ??= buildNameIndex(states, aliases, demonyms, world, worldIso3);
      return [...(index.ambiguous.get(normalizeName(repairMojibake(text.trim())))?.candidates ?? [])].sort();
    },
    isCountryCode: (code) => codes.has(code),
    numericToAlpha3: (code) => numeric.get(code),
    iocCountry: (code) => ioc.get(code),
    codes: () => [...codes].sort(),
    resolveLostLetters(text) {
      if (!text.includes('\ufffd') || text.replace(/[^\p{L}]/gu, '').length < 4) return undefined;
      index ??= buildNameIndex(states, aliases, demonyms, world, worldIso3);
      // each lost letter one character of the normalized name: a letter, or a space where punctuation stood (d’Ivoire)
      const pattern = new RegExp(`^${text.trim().split('\ufffd').map((part) => normalizeName(`x${part}x`).slice(1, -1).replace(/ /g, ' ?')).join('[\\p{L} ]')}$`, 'u');
      const found = new Map<string, CountryMatch>();
      for (const [key, { match }] of index.names) if (pattern.test(key)) found.set('iso3' in match ? match.iso3 : match.kind, match);
      for (const key of index.ambiguous.keys()) if (pattern.test(key)) return undefined;
      return found.size === 1 ? [...found.values()][0] : undefined;
    },
    misspelt(text) {
      index ??= buildNameIndex(states, aliases, demonyms, world, worldIso3);
      return closestName(index, normalizeName(repairMojibake(text.trim())));
    },
  };
}
