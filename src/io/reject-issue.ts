import { basename } from 'node:path';
import type { Issue } from '../schema/issue.js';
import type { CsvScan } from './csv-scan.js';
import { splitHeader } from './split-header.js';
import { findStrayQuote } from './find-stray-quote.js';
import { visible } from './report-damaged-rows.js';

/** The hint of QUOTE_UNTERMINATED. */
export const QUOTE_HINT = 'close the quote, or double any quote inside a quoted cell ("")';
/** The hint of QUOTE_SWALLOWED_LINES (see swallowedMessage). */
export const SWALLOWED_HINT = 'a quote was left open: close it where the cell ends, or double a quote inside the cell ("")';

/** Returns QUOTE_SWALLOWED_LINES' message for a quoted cell running to `lastLine` over lines that look like rows. */
export function swallowedMessage(lastLine: number | string): string {
  return `expected a quoted cell to end on its line, found it running to line ${lastLine} and taking in what look like rows`;
}

/**
 * Returns the issue for a record DuckDB's reader rejected, starting at physical `line` and ending at `lastLine`: a
 * quote left open, cells beyond the header, a stray quote, a line too long, or what DuckDB says. `isWorkbook`: the file
 * is a workbook's sheet written as CSV (see readReturn), whose cells beyond the header no delimiter made.
 */
export function rejectIssue(
  file: string,
  line: number,
  reject: { error_type: string; column_idx: number | null; csv_line: string | null; error_message: string },
  header: string[],
  scan: CsvScan,
  lastLine: number,
  isWorkbook = false,
): Issue {
  const column = reject.column_idx === null ? null : (header[Number(reject.column_idx)] ?? null);
  // DuckDB's line of a CR LF file starts with the previous line's LF
  const text = reject.csv_line === null ? null : reject.csv_line.replace(/^\r?\n/, '').replace(/\r?\n$/, '');
  const value = text === null ? null : visible(text);
  const base = { file, line, column, value, severity: 'error' as const };
  if (scan.unterminatedQuoteLine === line) {
    return { ...base, code: 'QUOTE_UNTERMINATED', message: unterminatedMessage(line, lastLine), hint: QUOTE_HINT };
  }
  // a quote left open that takes in whole rows makes a record too long or too short: the quote is what to fix
  const open = scan.openQuotes.find((quote) => quote.line === line && quote.rowLines > 0);
  if (open !== undefined) {
    const cell = open.cell === undefined || text === null ? undefined : splitHeader(text, scan.delimiter)[open.cell];
    return {
      ...base,
      column: open.cell === undefined ? column : (header[open.cell]?.trim() || `column ${open.cell + 1}`),
      value: cell === undefined ? value : visible(cell).slice(0, 200),
      code: 'QUOTE_SWALLOWED_LINES',
      message: swallowedMessage(open.lastLine),
      hint: SWALLOWED_HINT,
    };
  }
  const name = (index: number): string => header[index]?.trim() || `column ${index + 1}`;
  switch (reject.error_type) {
    case 'TOO MANY COLUMNS': {
      const cells = text === null ? undefined : splitHeader(text, scan.delimiter);
      const found = cells?.length ?? /Found: (\d+)/.exec(reject.error_message)?.[1];
      const extra = cells === undefined ? undefined : visible(cells.slice(header.length).join(scan.delimiter));
      // in a record over several lines (a quoted line break), the surplus cells are on the line where the first is
      const breaks = cells === undefined ? 0 : (cells.slice(0, header.length).join('').match(/\r\n|\r|\n/g) ?? []).length;
      // one cell more than a named header, the first a whole number in quotes: the rows' numbers, as R's write.table
      // writes its row names (quoted, as text, with no name for them in the header), so every cell stands one column to
      // the right of its name. Unquoted, a number first may be a download's own id column
      const first = text !== null && text.startsWith('"') && /^\d+$/.test(cells?.[0] ?? '') ? cells![0] : undefined;
      if (cells !== undefined && first !== undefined && cells.length === header.length + 1 && header[0]!.trim() !== '') {
        return { ...base, ...rowNamesIssue(file, header.length, first), line: line + breaks };
      }
      return {
        ...base,
        line: line + breaks,
        column: `column ${header.length + 1}`,
        value: extra ?? value,
        code: 'TOO_MANY_CELLS',
        message: `expected ${header.length} cell${header.length === 1 ? '' : 's'} as in the header, found ${found ?? 'more'}${extra === undefined ? '' : `: the cells beyond the header hold ${JSON.stringify(extra)}`}`,
        // a workbook's cells are never split by a delimiter: something stands to the right of the header's last column
        hint: isWorkbook ? `the header names ${header.length} column${header.length === 1 ? '' : 's'}: delete what stands to the right of the last one, or, if it belongs to the return, move it under its column`
          : `a value probably contains the delimiter ${JSON.stringify(scan.delimiter)}: quote it, or remove the extra cells`,
      };
    }
    case 'UNQUOTED VALUE': {
      const stray = text === null ? undefined : findStrayQuote(text, scan.delimiter);
      return {
        ...base,
        column: stray === undefined ? column : name(stray.index),
        value: stray === undefined ? value : visible(stray.cell),
        code: 'STRAY_QUOTE',
        message: 'expected a quoted cell to end at its closing quote, found more characters after it',
        hint: 'quote the whole cell and double any quote inside it ("")',
      };
    }
    case 'LINE SIZE OVER MAXIMUM':
      return { ...base, code: 'LINE_TOO_LONG', message: 'expected a line under 2 MB, found a longer one', hint: 'check for a missing line break or an unclosed quote' };
    default:
      return {
        ...base,
        code: 'CSV_UNREADABLE',
        message: `expected a well-formed CSV line, found: ${reject.error_message.split('\n')[0] ?? reject.error_type}`,
        hint: 'save the file again as CSV UTF-8',
      };
  }
}

/**
 * Returns TOO_MANY_CELLS' code, column, value, message and hint for a row whose first cell, `first`, a whole number in
 * quotes with no name in a header of `headerLength` names, numbers the rows, as R's write.table writes its row names.
 */
export function rowNamesIssue(file: string, headerLength: number, first: string): Pick<Issue, 'code' | 'column' | 'value' | 'message' | 'hint'> {
  const name = /\.(csv|txt)$/i.test(basename(file)) ? basename(file) : 'return.csv';
  return {
    column: 'column 1',
    value: first,
    code: 'TOO_MANY_CELLS',
    message: `expected ${headerLength} cell${headerLength === 1 ? '' : 's'} as in the header, found ${headerLength + 1}, the first of which numbers the rows: the header has no name for it, so each cell would stand under the name of the column before it`,
    hint: `R's write.table writes its row names so: write the file with write.csv(x, "${name}", row.names = FALSE, na = ""), or delete the first cell of each row`,
  };
}

/** Returns the message of a quote left open on `line` that runs to the file's last line `lastLine`. */
export function unterminatedMessage(line: number, lastLine: number): string {
  const swallowed = lastLine > line ? `lines ${line}–${lastLine}` : `line ${line}`;
  return `expected a closing quote, found none: the quote opened here runs to the end of the file and swallows ${swallowed}`;
}
