import type { Store } from '../store/index.js';
import { quoteIdent, quoteLiteral } from '../store/index.js';
import type { Issue } from '../schema/issue.js';
import type { CsvScan } from './csv-scan.js';
import { undoDoubleUtf8 } from './undo-double-utf8.js';
import { splitHeader } from './split-header.js';
import type { AddIssue, CsvRead, ReadCsvOptions } from './csv-read.js';
import { LineMap } from './line-map.js';
import { reportRowNameRows } from './report-row-names.js';
import { QUOTE_HINT, rejectIssue, unterminatedMessage } from './reject-issue.js';
import {
  blankWhitespaceRows, describeDamage, DOUBLE_UTF8_HINT, reportDamagedRows, reportDoubleUtf8, reportOtherDelimiterRows, visible, type RowsContext,
} from './report-damaged-rows.js';

/**
 * Returns the file at `path` (UTF-8 by now, `scan` its structure) loaded by DuckDB's strict `read_csv` into
 * `options.table`, with the issues of its header and rows added to `issues`, each at its physical line: blank lines,
 * rejected records, a quote left open, damaged cells, rows in another delimiter, text converted to UTF-8 twice.
 */
export async function loadTable(
  store: Store,
  path: string,
  scan: CsvScan,
  encoding: string,
  options: ReadCsvOptions,
  issues: Issue[],
  issue: AddIssue,
  isDamagedUtf8: boolean,
): Promise<CsvRead> {
  if (scan.headerLine === undefined) {
    issue({ code: 'EMPTY_FILE', severity: 'error', message: 'expected a header line and data rows, found an empty file', hint: 'export the return again; the file has no content' });
    return emptyRead(options, scan, issues);
  }
  const headerLine = scan.headerLine;
  if (scan.unterminatedQuoteLine !== undefined && scan.unterminatedQuoteLine <= headerLine) {
    // the header's own quote swallows the whole file: there is no row to read, and that one error says why
    issue({ code: 'QUOTE_UNTERMINATED', severity: 'error', line: scan.unterminatedQuoteLine, message: unterminatedMessage(scan.unterminatedQuoteLine, scan.lineCount), hint: QUOTE_HINT });
    return emptyRead(options, scan, issues);
  }
  for (const blank of scan.blankLines) {
    issue({ code: 'BLANK_ROW', severity: 'warning', line: blank, message: 'blank line skipped', hint: 'remove empty lines' });
  }
  // (only a UTF-8 file whose bytes hold the mark, see scanCsv, can hold text converted to UTF-8 twice)
  const isDoubleUtf8Checked = encoding === 'utf-8' && !isDamagedUtf8 && scan.hasDoubleUtf8Mark;
  const header = splitHeader(scan.headerText, scan.delimiter).map((cell, i) => {
    // a header cell with a control character or a bad byte is reported, and shown (and matched) with it visible
    const damage = describeDamage(cell, isDamagedUtf8);
    if (damage !== undefined) {
      issue({ ...damage, line: headerLine, column: `column ${i + 1}`, value: visible(cell) });
    }
    const repaired = damage === undefined && isDoubleUtf8Checked && /[^\x00-\x7f]/.test(cell) ? undoDoubleUtf8(cell) : undefined;
    if (repaired !== undefined) {
      issue({
        code: 'ENCODING_DOUBLE_UTF8',
        severity: 'warning',
        line: headerLine,
        column: `column ${i + 1}`,
        value: cell,
        message: `expected a header cell as written, found text that looks converted to UTF-8 twice: it reads ${JSON.stringify(repaired)} once repaired; the cell was kept as written`,
        hint: DOUBLE_UTF8_HINT,
      });
    }
    return visible(cell);
  });
  if (scan.hasDoubleUtf8Bom) {
    // skipped by the scan like a BOM: the first column's name reads as written (was "ï»¿REF_AREA", no REF_AREA found)
    const found = 'found a byte-order mark converted to UTF-8 twice ("ï»¿", the bytes C3 AF C2 BB C2 BF)';
    issue({
      code: 'ENCODING_DOUBLE_UTF8',
      severity: 'warning',
      line: 1,
      column: headerLine === 1 ? 'column 1' : null,
      value: 'ï»¿',
      message: headerLine === 1
        ? `expected the header to start with its first column's name, ${found} before ${JSON.stringify(header[0] ?? '')}; it was skipped like a byte-order mark`
        : `expected the file to start with its first line's text, ${found}; it was skipped like a byte-order mark`,
      hint: `${DOUBLE_UTF8_HINT}; check that its other names with accents or non-Latin letters read correctly`,
    });
  }
  const table = quoteIdent(options.table);
  const columns = `{${header.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ')}}`;
  const lastLineOfQuote = scan.unterminatedQuoteLine === undefined ? undefined : scan.lineCount;
  const isParallel = scan.multiLineRecords.length === 0 && lastLineOfQuote === undefined;
  const computed = options.computed?.(header, scan.delimiter) ?? [];
  const read = (parallel: boolean): string =>
    `create or replace temp table ${table} as select *${computed.map((item) => `, ${item}`).join('')} from read_csv(${quoteLiteral(path)}, header = false, skip = ${headerLine},
      delim = ${quoteLiteral(scan.delimiter)}, quote = '"', escape = '"', auto_detect = false, columns = ${columns},
      null_padding = true, nullstr = '\u0001', strict_mode = true, store_rejects = true,
      rejects_table = ${quoteLiteral(`${options.table}_rejects`)}, rejects_scan = ${quoteLiteral(`${options.table}_scans`)},
      max_line_size = ${Math.max(2_000_000, lastLineOfQuote === undefined ? 0 : scan.sizeBytes + 1)}, parallel = ${parallel})`;
  try {
    try {
      await store.run(read(isParallel));
    } catch (error) {
      if (!isParallel || !/parallel/i.test(String(error))) throw error;
      await store.run(read(false)); // a quoted line break the scan did not see: read serially
    }
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
    issue({
      code: 'CSV_UNREADABLE',
      severity: 'error',
      message: `expected a delimited text file, found one DuckDB cannot read: ${message.replace(/^[A-Za-z ]+Error: /, '')}`,
      hint: 'save the file again as "CSV UTF-8" (comma- or semicolon-delimited)',
    });
    return emptyRead(options, scan, issues);
  }
  // DuckDB stores one reject per surplus cell of a line: keep one per line (the one naming the most cells)
  const rejects = await store.all<{ line: number; error_type: string; column_idx: number | null; csv_line: string | null; error_message: string }>(
    `select line, error_type, column_idx, csv_line, error_message from ${quoteIdent(`${options.table}_rejects`)}
     qualify row_number() over (partition by line order by column_idx desc nulls last, error_message desc) = 1
     order by line`,
  );
  const [{ n: loaded }] = (await store.all<{ n: number }>(`select count(*)::integer as n from ${table}`)) as [{ n: number }];

  const lines = new LineMap(scan);
  const skipped = new Set<number>();
  for (const reject of rejects) {
    const physical = lines.physicalOfDuckLine(reject.line);
    skipped.add(physical);
    issues.push(rejectIssue(options.displayName, physical, reject, header, scan, lines.lastLineOf(physical), options.isWorkbook === true));
  }
  const recordCount = lines.recordCount;
  if (loaded + rejects.length !== recordCount) {
    issue({
      code: 'LINES_UNRECONCILED',
      severity: 'error',
      message: `expected ${recordCount} records after the header, found ${loaded} read and ${rejects.length} rejected`,
      hint: 'the file mixes line endings or quoting in a way that cannot be tied to lines; save it again as CSV UTF-8',
    });
  }
  const line = await lines.lineSql(store, options.table, skipped);
  // Records the reader reports itself are removed from the table (rowids stay as they are, so lines still map):
  // the one error says what is wrong, and no rule adds a cascade of consequences (a padded record "too short").
  const removed: number[] = [];
  if (scan.unterminatedQuoteLine !== undefined && !skipped.has(scan.unterminatedQuoteLine)) {
    // DuckDB's strict reader pads such a record and reads on without a reject: the scan is what notices
    issue({
      code: 'QUOTE_UNTERMINATED',
      severity: 'error',
      line: scan.unterminatedQuoteLine,
      message: unterminatedMessage(scan.unterminatedQuoteLine, scan.lineCount),
      hint: QUOTE_HINT,
    });
    const [last] = await store.all<{ rid: number }>(`select max(rowid)::bigint as rid from ${table}`);
    if (last?.rid !== null && last?.rid !== undefined) removed.push(Number(last.rid));
  }
  const context: RowsContext = { store, table, header, line, file: options.displayName, delimiter: scan.delimiter, issues };
  if (scan.hasWhitespaceLines) await blankWhitespaceRows(context);
  if (scan.hasControls || isDamagedUtf8) removed.push(...(await reportDamagedRows(context, isDamagedUtf8)));
  removed.push(...(await reportOtherDelimiterRows(context)));
  if (options.isWorkbook !== true) removed.push(...(await reportRowNameRows(context, path)));
  const toRemove = [...new Set(removed)];
  if (toRemove.length > 0) await store.run(`delete from ${table} where rowid in (${toRemove.join(', ')})`);
  if (isDoubleUtf8Checked) await reportDoubleUtf8(context);
  const rowCount = loaded - toRemove.length;
  return {
    table: options.table,
    line,
    header,
    headerLine,
    delimiter: scan.delimiter,
    encoding,
    scan,
    rowCount,
    recordCount,
    issues,
    preamble: [],
  };
}

/** Returns the read of a file refused before any row was loaded: no header, no rows, and the issues found. */
export function emptyRead(options: ReadCsvOptions, scan: CsvScan, issues: Issue[]): CsvRead {
  return {
    table: options.table,
    line: { join: '', expression: 'null::integer' },
    header: [],
    headerLine: scan.headerLine ?? 1,
    delimiter: scan.delimiter,
    encoding: 'unknown',
    scan,
    rowCount: 0,
    recordCount: 0,
    issues,
    preamble: [],
  };
}
