import { createRequire } from 'node:module';
import { normalizeName } from './normalize-name.js';
import type { CountryAlias, Demonym, State } from './reference.js';
import type { CountryMatch } from './resolve-country.js';

export interface WorldCountry {
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
 * isNotGuessedCode in resolve-country.ts).
 */
export const RENAME: Record<string, string> = { UNK: 'XKX' };

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

export interface NameIndex {
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
export function buildNameIndex(
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
