import type { CsvRead } from '../io/csv-read.js';
import { RETURN_COLUMN_NAMES } from '../schema/return-format.js';
import { quoteIdent, quoteLiteral } from '../store/index.js';
import type { ValidationSession } from './create-session.js';
import { isDataLine } from './map-header.js';

/**
 * Returns true when a line above the header is a title, in any language, not a row of data: at most three cells hold
 * anything (a title typed into a merged cell is followed by its commas, "Table 2,,,,,"), or more written as prose, a
 * space after each comma; one of them words ("Table 2. Trafficking in persons, 2025", "Таблица 2, 2025", split at its
 * comma), and none a code (ROU, TIP_VIC). A title with a
 * year after a comma read as data, so the line was taken for the first row, the header missing.
 *
 * @example isTitleLine(['Table 2. Trafficking in persons', ' 2025']) // true
 */
export function isTitleLine(cells: readonly string[]): boolean {
  const raw = cells.filter((cell) => cell.trim() !== '');
  const filled = raw.map((cell) => cell.trim());
  // a longer title is prose, its commas followed by a space ("Table 2, Trafficking in persons, by sex, age and
  // citizenship, 2025"), as a spreadsheet never writes its cells
  const isProse = raw.length > 1 && raw.slice(1).every((cell) => /^\s/.test(cell));
  return filled.length > 0 && (filled.length <= 3 || isProse)
    // the lines above a header are read as latin1 (see findHeader): a Greek or Cyrillic letter is two of its characters
    && filled.some((cell) => /[\p{L}\u0080-\u00ff]{2,}/u.test(cell) && /\S\s+\S/.test(cell))
    && !filled.some((cell) => /^(?:[A-Z]{3}|[A-Z][A-Z0-9]*_[A-Z0-9_]+)$/.test(cell));
}

/** Returns true when a line above a header found further down is data (left to be read), not a title (skipped). */
export function isDataAboveHeader(cells: string[]): boolean {
  return isDataLine(cells) && !isTitleLine(cells);
}

/**
 * Returns the first line below the first whose first three cells name columns of the return format (the header a sort
 * took in among the data: sorted without "My data has headers", it stands where its names sort), and how many lines of
 * data stand above it; undefined when no line does. Asked only of a file whose first line holds data (HEADER_MISSING).
 */
export async function locateHeaderBelow(session: ValidationSession, read: CsvRead): Promise<{ line: number; above: number } | undefined> {
  if (read.header.length < 3) return undefined;
  const names = RETURN_COLUMN_NAMES.map(quoteLiteral).join(', ');
  const [found] = await session.store.all<{ line: number | null; above: number }>(
    `select min(h.line)::integer as line, (select count(*)::integer from ${quoteIdent(read.table)} as r ${read.line.join}
         where ${read.line.expression} < min(h.line)) + 1 as above
     from (select ${read.line.expression} as line from ${quoteIdent(read.table)} as r ${read.line.join}
           where ${[0, 1, 2].map((i) => `upper(trim(r.c${i}, ' \uFEFF')) in (${names})`).join(' and ')}) as h`,
  );
  return found?.line === null || found === undefined ? undefined : { line: found.line, above: found.above };
}
