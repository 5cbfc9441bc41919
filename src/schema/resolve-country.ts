import { createRequire } from 'node:module';
import type { CountryAlias, Demonym, State } from './reference.js';
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

interface WorldCountry {
  cca2: string;
  cca3: string;
  ccn3?: string;
  cioc?: string;
  name: { common: string; official: string; native?: Record<string, { common: string; official: string }> };
  altSpellings: string[];
  translations: Record<string, { common: string; official: string }>;
  demonyms?: Record<string, { f: string; m: string }>;
}

const require = createRequire(import.meta.url);

/**
 * Kosovo is XKX in this product (and at the World Bank; UNODC writes KOS, Eurostat XK); world-countries calls it UNK.
 * The rename applies to the packages' data only: UNK written in a file or an option is never read as Kosovo (see
 * {@link isNotGuessedCode}).
 */
const RENAME: Record<string, string> = { UNK: 'XKX' };
/**
 * Returns true when `text` is UNK (any case, spaces around it): Kosovo's code in some lists (world-countries, the UN's)
 * and short for "unknown". No source this product reads uses it for Kosovo (returns and the World Bank write XKX,
 * UNODC KOS, Eurostat XK), so it is read as no country at all, neither Kosovo nor unknown.
 */
export function isNotGuessedCode(text: string): boolean {
  return text.trim().toUpperCase() === 'UNK';
}

/**
 * Words for the reporting state's own citizens, in English and as UNODC's downloads copy national forms in Spanish and
 * French ("Ciudadanos de su país", "Ressortissants nationaux"); normalized (see normalizeName).
 */
const NATIONALS = [
  'nationals', 'national', 'own nationals', 'citizens', 'domestic', 'own country', 'own citizens', 'nationals of own country',
  'nacionales', 'ciudadanos de su pais', 'ciudadanos del pais', 'propios nacionales', 'connacionales',
  'nationaux', 'ressortissants', 'ressortissants nationaux', 'propres ressortissants', 'citoyens du pays',
];
/** Words for an unknown citizenship, in English and, as UNODC's downloads copy national forms, Spanish and French. */
const UNKNOWN = [
  'unknown', 'undefined', 'not known', 'unspecified', 'not stated', 'n a', 'no information',
  'desconocido', 'desconocida', 'sin determinar', 'no determinado', 'no determinada', 'indeterminado', 'indeterminada',
  'sin informacion', 'no consta', 'no registra',
  'inconnu', 'inconnue', 'non determine', 'non determinee', 'indetermine', 'indeterminee', 'non connu', 'non connue',
];

/** Variants UN-style names take: "Bolivia (Plurinational State of)" → "Plurinational State of Bolivia". */
function variants(name: string): string[] {
  const out = [name];
  const paren = /^(.+?)\s*\((.+)\)\s*$/.exec(name);
  if (paren) out.push(`${paren[2]} ${paren[1]}`, paren[1]!);
  const comma = /^(.+?),\s*(.+)$/.exec(name);
  if (comma) out.push(`${comma[2]} ${comma[1]}`);
  return out;
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
function closestName(index: NameIndex, key: string): string | undefined {
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

interface NameIndex {
  /** Normalized name → what it names, with the tier that named it. */
  names: Map<string, { match: CountryMatch; tier: number }>;
  /** Normalized names several countries share → those countries (never resolved). */
  ambiguous: Map<string, { tier: number; candidates: Set<string> }>;
}

/**
 * Returns `word` and its regular plural in `language` (ISO 639-2): `Angolan` Angolans, `malien` maliens,
 * `guatemalteco` guatemaltecos, `alemán` alemanes; a word already ending as a plural would (`Chinese`, `Swiss`,
 * `Français`) alone.
 */
function withPlural(word: string, language: string): string[] {
  const key = normalizeName(word);
  if (language === 'spa') return [word, /[aeiou]$/.test(key) ? `${word}s` : `${word}es`];
  return /(?:s|x|z|sh|ch|ese)$/.test(key) ? [word] : [word, `${word}s`];
}

/**
 * Returns normalized name → country. Tiers: 0 the region's own names and the aliases file, 1 English names, 2 other
 * languages and spellings, 3 the demonyms file, 4 the package's demonyms (each also in its plural); a key belongs to
 * the first tier that names it, and a key two countries share within one tier is ambiguous (kept with its candidates, never resolved). The head of a package's inverted name
 * ("Korea" of "Korea, Republic of", "Virgin Islands" of "Virgin Islands, U.S.") that also names another country
 * in tiers 1 and 2 is ambiguous too, unless the region's names or the aliases file say what it means.
 */
function buildNameIndex(
  states: readonly State[],
  aliases: readonly CountryAlias[],
  demonyms: readonly Demonym[],
  world: readonly WorldCountry[],
  worldIso3: (country: WorldCountry) => string,
): NameIndex {
  const index = new Map<string, { match: CountryMatch; tier: number }>();
  const ambiguous = new Map<string, { tier: number; candidates: Set<string> }>();
  /** Head of an inverted name → the countries it heads (tiers 1 and 2). */
  const heads = new Map<string, Set<string>>();
  const add = (text: string, match: CountryMatch & { iso3: string }, tier: number): void => {
    const inverted = tier === 1 || tier === 2 ? /^(.+?),\s*(.+)$/.exec(text) : null;
    if (inverted) {
      const head = normalizeName(inverted[1]!);
      heads.set(head, (heads.get(head) ?? new Set()).add(match.iso3));
    }
    for (const variant of variants(text)) {
      const key = normalizeName(variant);
      if (key === '') continue;
      const shared = ambiguous.get(key);
      if (shared !== undefined) {
        if (shared.tier === tier) shared.candidates.add(match.iso3);
        continue;
      }
      const existing = index.get(key);
      if (existing === undefined) index.set(key, { match, tier });
      else if (existing.tier === tier && 'iso3' in existing.match && existing.match.iso3 !== match.iso3) {
        index.delete(key);
        ambiguous.set(key, { tier, candidates: new Set([existing.match.iso3, match.iso3]) });
      }
    }
  };
  for (const state of states) {
    for (const name of [state.name_en, ...state.names_native, ...state.aliases]) {
      add(name, { kind: /^[A-Z]{2,3}$/.test(name) ? 'code' : 'name', iso3: state.iso3 }, 0);
    }
  }
  for (const alias of aliases) add(alias.name, { kind: 'name', iso3: alias.iso3 }, 0);
  const isoCountries = require('i18n-iso-countries') as {
    registerLocale(locale: unknown): void;
    getNames(lang: string, options: { select: 'all' }): Record<string, string[]>;
    alpha2ToAlpha3(code: string): string | undefined;
  };
  isoCountries.registerLocale(require('i18n-iso-countries/langs/en.json'));
  for (const country of world) {
    for (const name of [country.name.common, country.name.official]) add(name, { kind: 'name', iso3: worldIso3(country) }, 1);
  }
  for (const [alpha2, names] of Object.entries(isoCountries.getNames('en', { select: 'all' }))) {
    const iso3 = isoCountries.alpha2ToAlpha3(alpha2);
    if (iso3 !== undefined) for (const name of names) add(name, { kind: 'name', iso3: RENAME[iso3] ?? iso3 }, 1);
  }
  // a partner outside the region named in a language of the region ("Germania", "Γερμανία", "Німеччина", "Գերմանիա"; they
  // were UNKNOWN_CODE): world-countries translates into Russian, Turkish, Serbian and Croatian only. Abbreviations in
  // capitals (ABD, США, ΗΠΑ) are left out: such a one is never read as the country (see LOCAL_ABBREVIATIONS)
  for (const locale of ['ro', 'el', 'bg', 'uk', 'sq', 'mk', 'ka', 'hy', 'az', 'sr', 'hr', 'bs', 'sl', 'tr'].map((l) => require(`i18n-iso-countries/langs/${l}.json`) as { locale: string })) {
    isoCountries.registerLocale(locale);
    for (const [alpha2, names] of Object.entries(isoCountries.getNames(locale.locale, { select: 'all' }))) {
      const iso3 = isoCountries.alpha2ToAlpha3(alpha2);
      if (iso3 !== undefined) for (const name of names.filter((n) => /\p{Ll}/u.test(n))) add(name, { kind: 'name', iso3: RENAME[iso3] ?? iso3 }, 2);
    }
  }
  for (const country of world) {
    const names = [
      ...Object.values(country.name.native ?? {}).flatMap((n) => [n.common, n.official]),
      ...Object.values(country.translations).flatMap((n) => [n.common, n.official]),
      ...country.altSpellings.filter((s) => s.length > 3),
    ];
    for (const name of names) add(name, { kind: 'name', iso3: worldIso3(country) }, 2);
  }
  for (const demonym of demonyms) {
    for (const word of [demonym.masculine, demonym.feminine]) {
      for (const form of withPlural(word, demonym.language)) add(form, { kind: 'demonym', iso3: demonym.iso3 }, 3);
    }
  }
  for (const country of world) {
    for (const [language, demonym] of Object.entries(country.demonyms ?? {})) {
      for (const form of [demonym.m, demonym.f].flatMap((word) => withPlural(word, language))) add(form, { kind: 'demonym', iso3: worldIso3(country) }, 4);
    }
  }
  for (const [head, countries] of heads) {
    const existing = index.get(head);
    if (existing?.tier === 0 || (ambiguous.get(head)?.tier ?? 1) === 0) continue;
    const candidates = new Set([...countries, ...(ambiguous.get(head)?.candidates ?? [])]);
    if (existing !== undefined && 'iso3' in existing.match && existing.tier <= 2) candidates.add(existing.match.iso3);
    if (candidates.size < 2) continue;
    index.delete(head);
    ambiguous.set(head, { tier: 1, candidates });
  }
  for (const word of NATIONALS) index.set(normalizeName(word), { match: { kind: 'nationals' }, tier: 0 });
  for (const word of UNKNOWN) index.set(normalizeName(word), { match: { kind: 'unknown' }, tier: 0 });
  return { names: index, ambiguous };
}
