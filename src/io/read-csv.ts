import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../store/index.js';
import { quoteIdent, quoteLiteral } from '../store/index.js';
import type { Issue } from '../schema/issue.js';
import { scanCsv, type CsvScan } from './scan-csv.js';
import { convertToUtf8, detectEncoding } from './detect-encoding.js';
import { splitHeader } from './split-header.js';

/** How to compute the physical line of a loaded row in SQL. */
export interface LineSql {
  /** Join clause to append after `from <table> as r` ('' when none is needed). */
  join: string;
  /** Integer expression giving the physical line. */
  expression: string;
}

/** A delimited file loaded into a temporary DuckDB table, every record tied to its physical line. */
export interface CsvRead {
  /** Temporary table with VARCHAR columns `c0…` in header order; `rowid` numbers the accepted records. */
  table: string;
  /** SQL that gives the physical line of a row of `table` aliased `r`: add `join` after `from … as r`. */
  line: LineSql;
  /** Header cells as written (unquoted, untrimmed). */
  header: string[];
  headerLine: number;
  delimiter: string;
  /** The encoding the file was read in (`utf-8` unless it was converted). */
  encoding: string;
  scan: CsvScan;
  /** Records loaded into `table`. */
  rowCount: number;
  /** Records offered after the header (blank lines excluded). */
  recordCount: number;
  /** Structural problems: encoding, empty file, blank lines, quoting, cells beyond the header. */
  issues: Issue[];
}

export interface ReadCsvOptions {
  /** Name of the temporary table to create (replaced if it exists). */
  table: string;
  /** How the file is named in issues (project-relative path or base name). */
  displayName: string;
  /** Force a delimiter instead of choosing it from the header. */
  delimiter?: string | undefined;
  /** Physical lines before the header to ignore (a download's preamble). */
  skipLines?: number | undefined;
}

/**
 * Returns the file at `path` loaded into a temporary table by DuckDB's `read_csv` (all cells as text, strict RFC 4180
 * quoting, rejects stored), with the structural issues found on the way, each located at its physical line.
 *
 * A file that is not UTF-8 is decoded with the detected encoding into a temporary UTF-8 copy first.
 */
export async function readCsv(store: Store, path: string, options: ReadCsvOptions): Promise<CsvRead> {
  const file = options.displayName;
  const issues: Issue[] = [];
  const issue = (partial: Omit<Issue, 'file' | 'line' | 'value' | 'column' | 'hint'> & Partial<Issue>): void => {
    issues.push({ file, line: null, column: null, value: null, hint: null, ...partial });
  };

  let scan = await scanCsv(path, options.delimiter, options.skipLines);
  const original = scan;
  let readPath = path;
  let encoding = 'utf-8';
  let tempDir: string | undefined;
  try {
    if (!scan.isUtf8 || scan.hasBareCr) {
      let decodeAs = 'utf-8';
      if (!scan.isUtf8) {
        const detected = await detectEncoding(path);
        if (detected === undefined || detected.kind === 'binary') {
          issue({
            code: 'ENCODING_UNDECODABLE',
            severity: 'error',
            message: `expected text in UTF-8 or a known code page, found ${detected === undefined ? 'bytes that no plausible encoding decodes' : detected.what}`,
            hint: 'save the file as "CSV UTF-8" from your spreadsheet program',
          });
          return emptyRead(options, scan, issues);
        }
        decodeAs = detected.name;
        encoding = detected.name.toLowerCase();
        issue({
          code: 'ENCODING_CONVERTED',
          severity: 'warning',
          value: detected.name,
          message: `expected UTF-8, found ${detected.name} (detected with ${detected.confidence}% confidence); the file was converted`,
          hint: 'check that names with accents or non-Latin letters read correctly, or save the file as "CSV UTF-8"',
        });
      }
      if (scan.hasBareCr) {
        issue({
          code: 'LINE_ENDINGS_CONVERTED',
          severity: 'warning',
          message: 'expected lines to end with LF or CR LF, found bare CR line breaks (old Mac format); they were read as line breaks',
          hint: 'save the file as "CSV UTF-8" with Windows or Unix line endings',
        });
      }
      tempDir = await mkdtemp(join(tmpdir(), 'crimetrends-'));
      readPath = join(tempDir, 'utf8.csv');
      await convertToUtf8(path, readPath, decodeAs, scan.hasBareCr);
      scan = { ...(await scanCsv(readPath, options.delimiter, options.skipLines)), sizeBytes: original.sizeBytes, isUtf8: scan.isUtf8 };
    }
    return await loadTable(store, readPath, scan, encoding, options, issues, issue);
  } finally {
    if (tempDir !== undefined) await rm(tempDir, { recursive: true, force: true });
  }
}

type AddIssue = (partial: Omit<Issue, 'file' | 'line' | 'value' | 'column' | 'hint'> & Partial<Issue>) => void;

async function loadTable(
  store: Store,
  path: string,
  scan: CsvScan,
  encoding: string,
  options: ReadCsvOptions,
  issues: Issue[],
  issue: AddIssue,
): Promise<CsvRead> {
  if (scan.headerLine === undefined) {
    issue({ code: 'EMPTY_FILE', severity: 'error', message: 'expected a header line and data rows, found an empty file', hint: 'export the return again; the file has no content' });
    return emptyRead(options, scan, issues);
  }
  const headerLine = scan.headerLine;
  for (const blank of scan.blankLines) {
    issue({ code: 'BLANK_ROW', severity: 'warning', line: blank, message: 'blank line skipped', hint: 'remove empty lines' });
  }
  const header = splitHeader(scan.headerText, scan.delimiter);
  const table = quoteIdent(options.table);
  const columns = `{${header.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ')}}`;
  const lastLineOfQuote = scan.unterminatedQuoteLine === undefined ? undefined : scan.lineCount;
  const isParallel = scan.multiLineRecords.length === 0 && lastLineOfQuote === undefined;
  const read = (parallel: boolean): string =>
    `create or replace temp table ${table} as select * from read_csv(${quoteLiteral(path)}, header = false, skip = ${headerLine},
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
  const [{ n: rowCount }] = (await store.all<{ n: number }>(`select count(*)::integer as n from ${table}`)) as [{ n: number }];

  const lines = new LineMap(scan);
  const skipped = new Set<number>();
  for (const reject of rejects) {
    const physical = lines.physicalOfDuckLine(reject.line);
    skipped.add(physical);
    issues.push(rejectIssue(options.displayName, physical, reject, header, scan, lines.lastLineOf(physical)));
  }
  if (scan.unterminatedQuoteLine !== undefined && !skipped.has(scan.unterminatedQuoteLine)) {
    // DuckDB's strict reader pads such a record and reads on without a reject: the scan is what notices
    issue({
      code: 'QUOTE_UNTERMINATED',
      severity: 'error',
      line: scan.unterminatedQuoteLine,
      message: `expected a closing quote, found none: the quote opened here runs to the end of the file and swallows lines ${scan.unterminatedQuoteLine}–${scan.lineCount}`,
      hint: 'close the quote, or double any quote inside a quoted cell ("")',
    });
  }
  const recordCount = lines.recordCount;
  if (rowCount + rejects.length !== recordCount) {
    issue({
      code: 'LINES_UNRECONCILED',
      severity: 'error',
      message: `expected ${recordCount} records after the header, found ${rowCount} read and ${rejects.length} rejected`,
      hint: 'the file mixes line endings or quoting in a way that cannot be tied to lines; save it again as CSV UTF-8',
    });
  }
  const line = await lines.lineSql(store, options.table, skipped);
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
  };
}

function rejectIssue(
  file: string,
  line: number,
  reject: { error_type: string; column_idx: number | null; csv_line: string | null; error_message: string },
  header: string[],
  scan: CsvScan,
  lastLine: number,
): Issue {
  const column = reject.column_idx === null ? null : (header[Number(reject.column_idx)] ?? null);
  const value = reject.csv_line === null ? null : reject.csv_line.replace(/\r?\n$/, '');
  const base = { file, line, column, value, severity: 'error' as const };
  if (scan.unterminatedQuoteLine === line) {
    return {
      ...base,
      code: 'QUOTE_UNTERMINATED',
      message: `expected a closing quote, found none: the quote opened here runs to the end of the file and swallows lines ${line}–${lastLine}`,
      hint: 'close the quote, or double any quote inside a quoted cell ("")',
    };
  }
  switch (reject.error_type) {
    case 'TOO MANY COLUMNS': {
      const found = /Found: (\d+)/.exec(reject.error_message)?.[1];
      return {
        ...base,
        column: null,
        code: 'TOO_MANY_CELLS',
        message: `expected ${header.length} cells as in the header, found ${found ?? 'more'}`,
        hint: 'a value probably contains the delimiter: quote it, or remove the extra cells',
      };
    }
    case 'UNQUOTED VALUE':
      return {
        ...base,
        code: 'STRAY_QUOTE',
        message: 'expected a quoted cell to end at its closing quote, found more characters after it',
        hint: 'quote the whole cell and double any quote inside it ("")',
      };
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

function emptyRead(options: ReadCsvOptions, scan: CsvScan, issues: Issue[]): CsvRead {
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
  };
}

/**
 * Physical-line bookkeeping for the records after the header: DuckDB numbers rejected records by "line" counting a
 * multi-line record once, and numbers accepted ones only by order, so both are translated here.
 */
class LineMap {
  /** [physical start, extra lines] of each multi-line record, in order. */
  private readonly multi: Array<[number, number]>;
  private readonly blank: number[];
  private readonly headerLine: number;
  private readonly lineCount: number;
  readonly recordCount: number;

  constructor(scan: CsvScan) {
    this.headerLine = scan.headerLine ?? 0;
    this.lineCount = scan.lineCount;
    this.multi = scan.multiLineRecords.filter(([start]) => start > this.headerLine).map(([start, end]) => [start, end - start]);
    if (scan.unterminatedQuoteLine !== undefined && scan.unterminatedQuoteLine > this.headerLine) {
      this.multi.push([scan.unterminatedQuoteLine, scan.lineCount - scan.unterminatedQuoteLine]);
    }
    this.blank = scan.blankLines.filter((l) => l > this.headerLine);
    const continuation = this.multi.reduce((sum, [, extra]) => sum + extra, 0);
    this.recordCount = Math.max(0, this.lineCount - this.headerLine - this.blank.length - continuation);
  }

  /** Returns the physical line of the record DuckDB calls `duckLine`. */
  physicalOfDuckLine(duckLine: number): number {
    let physical = duckLine;
    for (const [start, extra] of this.multi) {
      if (start < physical) physical += extra;
      else break;
    }
    return physical;
  }

  /** Returns the last physical line of the record that starts at `line`. */
  lastLineOf(line: number): number {
    const record = this.multi.find(([start]) => start === line);
    return record === undefined ? line : line + record[1];
  }

  /**
   * Returns a SQL expression for the physical line of a row of the loaded table (aliased `r`), given the records
   * DuckDB rejected (which take no rowid). Lines that hold no accepted record start shift the mapping; a handful of
   * shifts become a CASE expression, more become a segment table joined by the caller's ASOF join.
   */
  async lineSql(store: Store, table: string, rejected: Set<number>): Promise<LineSql> {
    const skip: number[] = [...this.blank, ...rejected];
    for (const [start, extra] of this.multi) {
      for (let l = start + 1; l <= start + extra; l++) skip.push(l);
    }
    const sorted = [...new Set(skip)].sort((a, b) => a - b);
    // line(rowid) = rowid + offset; offset starts at headerLine + 1 and grows by one at every skipped line
    const segments: Array<[number, number]> = [[0, this.headerLine + 1]];
    let offset = this.headerLine + 1;
    for (const line of sorted) {
      const firstRowid = line - offset; // rowid of the first accepted record after this line
      offset += 1;
      const last = segments[segments.length - 1]!;
      if (last[0] === firstRowid) last[1] = offset;
      else segments.push([firstRowid, offset]);
    }
    if (segments.length <= 32) {
      const cases = segments
        .slice(1)
        .reverse()
        .map(([from, off]) => `when r.rowid >= ${from} then ${off}`)
        .join(' ');
      const expression = cases === '' ? `(r.rowid + ${segments[0]![1]})::integer` : `(r.rowid + case ${cases} else ${segments[0]![1]} end)::integer`;
      return { join: '', expression };
    }
    const segmentTable = quoteIdent(`${table}_lines`);
    await store.run(`create or replace temp table ${segmentTable} (first_rowid bigint, line_offset bigint)`);
    await store.run(`insert into ${segmentTable} values ${segments.map(([from, off]) => `(${from}, ${off})`).join(', ')}`);
    return { join: `asof join ${segmentTable} as line_segment on r.rowid >= line_segment.first_rowid`, expression: '(r.rowid + line_segment.line_offset)::integer' };
  }
}
