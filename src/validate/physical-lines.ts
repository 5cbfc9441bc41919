import type { CsvRead } from '../io/csv-read.js';
import { SWALLOWED_HINT, swallowedMessage } from '../io/reject-issue.js';
import { isQuoteSwallowingRows } from '../io/scan-csv.js';
import { splitHeader } from '../io/split-header.js';
import type { Issue } from '../schema/issue.js';
import iconv from 'iconv-lite';
import { quoteValue } from '../errors.js';
import { quoteIdent, quoteLiteral } from '../store/index.js';
import type { ValidationSession } from './create-session.js';
import type { HeaderMap } from './map-header.js';

/**
 * Returns the one warning for lines above a header found further down (a title): they were skipped. `isWorkbook`: they
 * are a sheet's rows (as pandas' to_excel with `startrow` leaves them, a title written above), said in rows.
 */
export function preambleIssues(read: CsvRead, file: string, isWorkbook = false): Issue[] {
  const texts = read.preamble.flatMap((line, i) => (line.trim() === '' || /^\s*sep=.\s*$/i.test(line) ? [] : [i]));
  const first = texts[0];
  if (first === undefined) return [];
  // the preamble is the raw bytes as latin1: decoded as the rest of the file was
  const text = iconv.decode(Buffer.from(read.preamble[first]!, 'latin1'), read.encoding === 'unknown' ? 'utf-8' : read.encoding).replace(/^\uFEFF/, '');
  // the title's cells, its quotes and the empty cells of merged cells ("Table 2,,,,,") left out
  const value = splitHeader(text, read.delimiter).map((cell) => cell.trim()).filter((cell) => cell !== '').join(`${read.delimiter} `);
  return [{
    code: 'HEADER_NOT_FIRST',
    severity: 'warning',
    file,
    line: first + 1,
    column: null,
    value,
    message: `expected the header ${isWorkbook ? 'in row' : 'on line'} 1, found it ${isWorkbook ? 'in row' : 'on line'} ${read.preamble.length + 1}; the text above it (${quoteValue(value)}${
      texts.length > 1 ? ` and ${texts.length - 1} more ${isWorkbook ? 'row' : 'line'}${texts.length > 2 ? 's' : ''}` : ''}) is a title, skipped`,
    hint: isWorkbook
      ? `delete the row${read.preamble.length > 1 ? 's' : ''} above the header: the first row of the sheet must be the header (the header row of the template; pandas' to_excel writes it there unless given startrow)`
      : `delete the title line${texts.length > 1 ? 's' : ''}: the first line must be the header (the header line of the template)`,
  }];
}

/**
 * A record whose quoted cell runs over a line break takes several physical lines; an issue about a cell after that
 * one is moved from the record's first line to the line where the cell is, so that an editor's "go to line" finds it.
 */
export async function pointAtCellLines(session: ValidationSession, read: CsvRead, header: HeaderMap, issuesTable: string): Promise<void> {
  const starts = read.scan.multiLineRecords.map(([start]) => start).filter((line) => line > read.headerLine);
  const columns = Object.entries(header.index).filter(([, position]) => position !== undefined && position > 0) as Array<[string, number]>;
  if (starts.length === 0 || columns.length === 0) return;
  const breaks = (position: number): string => `len(regexp_extract_all(coalesce(r.c${position}, ''), '\r\n|\r|\n'))`;
  const offset = (position: number): string => Array.from({ length: position }, (_, i) => breaks(i)).join(' + ');
  await session.store.run(
    `update ${quoteIdent(issuesTable)} as i set line = i.line + o.cell_offset
     from (
       select line, unnest([${columns.map(([name]) => quoteLiteral(name)).join(', ')}]) as "column",
         unnest([${columns.map(([, position]) => offset(position)).join(', ')}]) as cell_offset
       from (select ${read.line.expression} as line, r.* from ${quoteIdent(read.table)} as r ${read.line.join}) as r
       where line in (${starts.join(', ')})
     ) as o
     where i.line = o.line and i."column" = o."column" and o.cell_offset > 0`,
  );
}

/**
 * A quoted cell that runs over a line break is legitimate (a comment on two lines, even one whose second line holds
 * as many delimiters as the header), but when the lines it takes in are rows (see isQuoteSwallowingRows: the record
 * is not well formed, or a line of it begins as a row does), a quote was left open: report it at the opening line.
 */
export async function checkSwallowedLines(session: ValidationSession, read: CsvRead, issuesTable: string, file: string): Promise<void> {
  const starts = read.scan.openQuotes.filter((open) => open.line !== read.scan.unterminatedQuoteLine && isQuoteSwallowingRows(open)).map((open) => open.line);
  if (starts.length === 0) return;
  const delimiters = read.header.length - 1;
  const cells = read.header.map((_, i) => `r.c${i}`).join(', ');
  await session.store.run(
    `insert into ${quoteIdent(issuesTable)}
     select 'QUOTE_SWALLOWED_LINES', 'error', $file, line, [${read.header.map((h) => quoteLiteral(h.trim())).join(', ')}][idx], left(cell, 200),
       format($message, line + len(string_split(cell, chr(10))) - 1), $hint
     from (
       select ${read.line.expression} as line, unnest([${cells}]) as cell, generate_subscripts([${cells}], 1) as idx
       from ${quoteIdent(read.table)} as r ${read.line.join}
     )
     where line in (${starts.join(', ')}) and contains(cell, chr(10))
       and len(list_filter(string_split(cell, chr(10))[2:], x -> length(x) - length(replace(x, $delimiter, '')) >= ${Math.max(delimiters, 1)})) > 0`,
    { file, delimiter: read.delimiter, message: swallowedMessage('{}'), hint: SWALLOWED_HINT },
  );
}
