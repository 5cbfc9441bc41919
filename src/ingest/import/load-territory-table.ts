import type { CountryResolver } from '../../schema/resolve-country.js';
import { quoteIdent, type Store } from '../../store/index.js';

/** What a code that names no country in the catalogue stands for, when it is not an aggregate of countries. */
export type TerritoryKind = 'subnational' | 'territory' | 'former';

/**
 * Territories the World Bank gives a code of their own that are no country of ISO 3166 (and so of the catalogue):
 * the Channel Islands (Jersey and Guernsey, Crown Dependencies, each a country code of its own: JEY, GGY).
 */
const TERRITORIES: Readonly<Record<string, string>> = {
  CHI: 'the Channel Islands, Jersey and Guernsey together',
};

/**
 * Former countries' codes, alpha-3 (the World Bank's older files) and alpha-2 (Eurostat's): none is any of the states
 * that followed, so none is read as one. CS is left out: it was Czechoslovakia's and then Serbia and Montenegro's.
 */
const FORMER: Readonly<Record<string, string>> = {
  YUG: 'Yugoslavia', YU: 'Yugoslavia', SCG: 'Serbia and Montenegro', CSK: 'Czechoslovakia', SUN: 'the Soviet Union', SU: 'the Soviet Union',
  DDR: 'the German Democratic Republic', DD: 'the German Democratic Republic', ANT: 'the Netherlands Antilles', AN: 'the Netherlands Antilles',
};

/**
 * Returns what `code` stands for when it names no country but a part of one or a territory (not an aggregate of
 * countries such as WLD or EU27_2020): a NUTS region (`UKC`, `RO11`, `EL30`: a country's alpha-2 code and one to three
 * letters or digits; Eurostat's aggregates EEA… and EA… excepted) or a range of them (`UKC-L`, England and Wales), a territory of {@link TERRITORIES}, or a former
 * country; undefined otherwise. `nuts` is true for Eurostat's geo codes, which may be NUTS regions.
 */
export function describeTerritory(code: string, resolver: CountryResolver, nuts: boolean): { kind: TerritoryKind; what: string } | undefined {
  const upper = code.trim().toUpperCase();
  if (TERRITORIES[upper] !== undefined) return { kind: 'territory', what: TERRITORIES[upper] };
  if (FORMER[upper] !== undefined) return { kind: 'former', what: FORMER[upper] };
  // a range of regions is one code too: crim_off_cat gives England and Wales as UKC-L (UKC to UKL)
  const region = /^([A-Z]{2})([0-9A-Z]{1,3})(?:-([0-9A-Z]{1,3}))?$/.exec(upper);
  if (!nuts || region === null || /^(EEA|EA|EU|EFTA)/.test(upper)) return undefined;
  const country = resolver.resolve(region[1]!);
  if (country?.kind !== 'code') return undefined;
  if (region[3] === undefined) return { kind: 'subnational', what: `a NUTS region of ${country.iso3}` };
  const first = `${region[1]}${region[2]}`;
  return { kind: 'subnational', what: `the NUTS regions ${first} to ${first.slice(0, first.length - region[3].length)}${region[3]} of ${country.iso3}` };
}

/**
 * Returns after loading a temporary table `table (text, kind, what)` with every distinct value of `column` in `source`
 * that names no country and is a region, a territory or a former country (see {@link describeTerritory}), so that the
 * mapper skips its rows with that reason rather than as an aggregate.
 */
export async function loadTerritoryTable(
  store: Store,
  resolver: CountryResolver,
  options: { table: string; source: string; column: string; nuts: boolean },
): Promise<void> {
  const column = quoteIdent(options.column);
  const texts = await store.all<{ text: string }>(`select distinct ${column} as text from ${quoteIdent(options.source)} where ${column} is not null`);
  const rows: Array<[string, string, string]> = [];
  for (const { text } of texts) {
    if (resolver.resolve(text) !== undefined) continue;
    const found = describeTerritory(text, resolver, options.nuts);
    if (found !== undefined) rows.push([text, found.kind, found.what]);
  }
  await store.run(`create or replace temp table ${quoteIdent(options.table)} (text varchar primary key, kind varchar not null, what varchar not null)`);
  await store.append(options.table, rows);
}

/** Returns the SQL reason of a row skipped for a territory, given the SQL of its kind (see {@link TerritoryKind}). */
export function territoryReasonSql(kind: string): string {
  return `case ${kind} when 'subnational' then 'a sub-national unit (a region), not a country'
    when 'former' then 'a former country, not a country of the catalogue' else 'a territory, not a country of the catalogue' end`;
}

/** Returns the SQL message of a row skipped for a territory: the code found (SQL text), what it stands for and why. */
export function territoryMessageSql(code: string, kind: string, what: string): string {
  return `'expected a country code, found ' || import_quote(${code}) || ' (' || ${what} || ', '
    || case ${kind} when 'subnational' then 'a sub-national unit' when 'former' then 'a former country not in the catalogue'
      else 'a territory that is not a country of the catalogue' end || '): not imported'`;
}
