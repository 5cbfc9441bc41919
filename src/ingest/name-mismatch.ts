import { basename } from 'node:path';
import { normalizeName } from '../schema/normalize-name.js';
import type { State } from '../schema/reference.js';
import { displayFileName } from './archive-file.js';
import type { IngestReturnResult } from './ingest-return.js';

/**
 * Returns what a file's name says that its rows contradict, or null: "the name says SRB, the rows GRC", "the name
 * says 2025, the rows 2024". The rows decide which state's return of which year a file is; this only tells the
 * coordinator that a file was misnamed or a state sent the wrong one (last year's return again, another state's rows).
 * The name is read for the region's states (see {@link namedIn}: codes and names, `Romania 2025.csv`) and years
 * (four digits, 1900-2099); a name holding none of them says nothing, and a name holding the rows' state or year
 * among others (`ROU_2024_2025.csv`) agrees.
 *
 * @example nameMismatch('SRB_2025.csv', 'GRC', 2025, regionNames(states)) // 'the name says SRB, the rows GRC'
 * @example nameMismatch('Romania 2025.csv', 'GRC', 2025, regionNames(states)) // 'the name says ROU, the rows GRC'
 */
export function nameMismatch(path: string, state: string | null, year: number | null, region: RegionNames): string | null {
  const { states: named, years } = namedIn(path, region);
  const parts: string[] = [];
  if (state !== null && named.length > 0 && !named.includes(state)) parts.push(`the name says ${[...new Set(named)].join(', ')}, the rows ${state}`);
  if (year !== null && years.length > 0 && !years.includes(year)) parts.push(`the name says ${[...new Set(years)].join(', ')}, the rows ${year}`);
  return parts.length === 0 ? null : parts.join('; ');
}

/**
 * Returns what an ingested file's name says that its rows contradict (see {@link nameMismatch}), or null. The same
 * bytes offered again are told only under another name than the submission that holds them: last year's return sent
 * again as this year's (`ROU_2025.csv` holding the bytes of `ROU_2024.csv`) records nothing and would otherwise leave
 * the state missing without a word, while a second run over the same folder has nothing new to say.
 *
 * @example offeredNameMismatch({ file: 'ROU_2025.csv', outcome: 'duplicate', state: 'ROU', year: 2024, earlier: { file_name: 'ROU_2024.csv', … } }, regionNames(states))
 *   // 'the name says 2025, the rows 2024'
 */
export function offeredNameMismatch(result: Pick<IngestReturnResult, 'file' | 'outcome' | 'state' | 'year' | 'earlier'>, region: RegionNames): string | null {
  if (result.outcome === 'duplicate' && (result.earlier === null || result.earlier.file_name === displayFileName(result.file))) return null;
  return nameMismatch(result.file, result.state, result.year, region);
}

/** The region's states as a file's name may name them (see {@link regionNames}). */
export interface RegionNames {
  /** ISO alpha-3 codes. */
  codes: ReadonlySet<string>;
  /** Each name of four letters or more that names one state only, normalized (see normalizeName), with its code. */
  names: ReadonlyArray<readonly [name: string, iso3: string]>;
}

/**
 * Returns the region's codes and names (English, native and the aliases of `states.csv`: `Romania`, `Moldova`,
 * `North Macedonia`, `Turkey`), as ministries name the files they send (`Return_Moldova_2025 (final) v2.csv`). A
 * name shorter than four letters (`EL`, `BiH`) is left out, as is one two states share: only a code is read then.
 */
export function regionNames(states: ReadonlyArray<Pick<State, 'iso3' | 'name_en' | 'names_native' | 'aliases'>>): RegionNames {
  const owners = new Map<string, Set<string>>();
  for (const s of states) {
    for (const name of [s.name_en, ...s.names_native, ...s.aliases]) {
      const key = normalizeName(name);
      if (key.replace(/[^\p{L}]/gu, '').length < 4) continue;
      owners.set(key, (owners.get(key) ?? new Set()).add(s.iso3));
    }
  }
  const names = [...owners].filter(([, iso3]) => iso3.size === 1).map(([name, iso3]) => [name, [...iso3][0]!] as const);
  return { codes: new Set(states.map((s) => s.iso3)), names: names.sort(([a], [b]) => a.localeCompare(b, 'en')) };
}

/**
 * Returns the states and years (four digits, 1900-2099) a file's name holds, its folder and extension aside. A state
 * is named by its ISO alpha-3 code (a word of three letters, any case: `ukr_2025.csv`) or by one of its names as whole
 * words, case, accents and separators aside (`Return_Moldova_2025 (final) v2.csv`, `north-macedonia2025.csv`); each
 * state once, codes first, as upper-case codes.
 */
export function namedIn(path: string, region: RegionNames): { states: string[]; years: number[] } {
  const name = basename(path.replaceAll('\\', '/')).replace(/\.[^.]*$/, '');
  const codes = [...name.matchAll(/(?<![A-Za-z])[A-Za-z]{3}(?![A-Za-z])/g)].map((m) => m[0].toUpperCase()).filter((c) => region.codes.has(c));
  // words apart from digits too: "Moldova2025" names Moldova
  const words = ` ${normalizeName(name.replace(/(\p{L})(?=\p{N})|(\p{N})(?=\p{L})/gu, '$1$2 '))} `;
  const names = region.names.filter(([n]) => words.includes(` ${n} `)).map(([, iso3]) => iso3);
  return {
    states: [...new Set([...codes, ...names])],
    years: [...name.matchAll(/(?<!\d)(?:19|20)\d\d(?!\d)/g)].map((m) => Number(m[0])),
  };
}

/**
 * Returns the one state and year a file's name names (the year its rows give, when they give one), or null when the
 * name names no state or several, or no year or several: whose return a file of no one state's rows stood for.
 *
 * @example namedReturn('UKR_2025.csv', null, region) // { state: 'UKR', year: 2025 }
 */
export function namedReturn(path: string, year: number | null, region: RegionNames): { state: string; year: number } | null {
  const named = namedIn(path, region);
  const years = year === null ? [...new Set(named.years)] : [year];
  return named.states.length === 1 && years.length === 1 ? { state: named.states[0]!, year: years[0]! } : null;
}
