import { basename } from 'node:path';
import { displayFileName } from './archive-file.js';
import type { IngestReturnResult } from './ingest-return.js';

/**
 * Returns what a file's name says that its rows contradict, or null: "the name says SRB, the rows GRC", "the name
 * says 2025, the rows 2024". The rows decide which state's return of which year a file is; this only tells the
 * coordinator that a file was misnamed or a state sent the wrong one (last year's return again, another state's rows).
 * The name is read for the region's ISO alpha-3 codes (`codes`, a word of three letters, any case) and years
 * (four digits, 1900-2099); a name holding none of them says nothing, and a name holding the rows' code or year
 * among others (`ROU_2024_2025.csv`) agrees.
 *
 * @example nameMismatch('SRB_2025.csv', 'GRC', 2025, new Set(['GRC', 'SRB'])) // 'the name says SRB, the rows GRC'
 */
export function nameMismatch(path: string, state: string | null, year: number | null, codes: ReadonlySet<string>): string | null {
  const { states: named, years } = namedIn(path, codes);
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
 * @example offeredNameMismatch({ file: 'ROU_2025.csv', outcome: 'duplicate', state: 'ROU', year: 2024, earlier: { file_name: 'ROU_2024.csv', … } }, codes)
 *   // 'the name says 2025, the rows 2024'
 */
export function offeredNameMismatch(result: Pick<IngestReturnResult, 'file' | 'outcome' | 'state' | 'year' | 'earlier'>, codes: ReadonlySet<string>): string | null {
  if (result.outcome === 'duplicate' && (result.earlier === null || result.earlier.file_name === displayFileName(result.file))) return null;
  return nameMismatch(result.file, result.state, result.year, codes);
}

/**
 * Returns the states (the region's ISO alpha-3 `codes`, a word of three letters, any case; upper-cased) and years (four
 * digits, 1900-2099) a file's name holds, its folder and extension aside.
 */
export function namedIn(path: string, codes: ReadonlySet<string>): { states: string[]; years: number[] } {
  const name = basename(path.replaceAll('\\', '/')).replace(/\.[^.]*$/, '');
  return {
    states: [...name.matchAll(/(?<![A-Za-z])[A-Za-z]{3}(?![A-Za-z])/g)].map((m) => m[0].toUpperCase()).filter((c) => codes.has(c)),
    years: [...name.matchAll(/(?<!\d)(?:19|20)\d\d(?!\d)/g)].map((m) => Number(m[0])),
  };
}
