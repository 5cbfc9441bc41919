import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../store/index.js';
import { quoteIdent, quoteLiteral } from '../store/index.js';
import type { Issue } from '../schema/issue.js';
import { hasBareCrBreaks, scanCsv, type CsvScan } from './scan-csv.js';
import { detectEncoding } from './detect-encoding.js';
import { convertToUtf8 } from './convert-to-utf8.js';
import { encodingLabel, isDosPage } from './code-pages.js';
import { hasBinarySignature, isUtf16WithoutBom } from './sniff-file-type.js';
import { undoDoubleUtf8 } from './undo-double-utf8.js';
import { describeMarkup } from './describe-markup.js';
import { splitHeader } from './split-header.js';
import { rewriteHeaderLine } from './rewrite-header.js';
import { findHeader } from './find-header.js';

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
  /** The lines above a header found further down (see ReadCsvOptions.isHeader), as latin1 text; empty otherwise. */
  preamble: string[];
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
  /**
   * True for a download whose country names settle its code page afterwards (see stageCsvByNames): a file no code
   * page reads plausibly is converted with the likeliest one, with a warning, instead of refused.
   */
  acceptEncodingGuess?: boolean | undefined;
  /** The code page named when several read the file alike (a source's known page: Windows-1252 for UNODC). */
  preferredEncoding?: string | undefined;
  /**
   * Recognises the caller's header and data lines: when the first line is not a header and a later line of the first
   * 50 is, with no data line above it (a title, a ministry's name), the header is read there and the lines above are
   * skipped, listed in `preamble` for the caller to report.
   */
  recognise?: { isHeader: (cells: string[]) => boolean; isData: (cells: string[]) => boolean } | undefined;
}

/**
 * Returns the file at `path` loaded into a temporary table by DuckDB's `read_csv` (all cells as text, strict RFC 4180
 * quoting, rejects stored), with the structural issues found on the way, each located at its physical line.
 *
 * A file that is not UTF-8 is decoded with the detected encoding into a temporary UTF-8 copy first. `-` reads standard
 * input; standard input and named pipes are copied to a temporary file first.
 */
export async function readCsv(store: Store, path: string, options: ReadCsvOptions): Promise<CsvRead> {
  const file = options.displayName;
  const issues: Issue[] = [];
  const issue = (partial: Omit<Issue, 'file' | 'line' | 'value' | 'column' | 'hint'> & Partial<Issue>): void => {
    issues.push({ file, line: null, column: null, value: null, hint: null, ...partial });
  };

  // a pipe (`-` for standard input, /dev/stdin, a named pipe) can be read once: it is copied to a file first, since
  // the scan and DuckDB each read the file
  let copyDir: string | undefined;
  if (path === '-' || !(await stat(path)).isFile()) {
    copyDir = await mkdtemp(join(tmpdir(), 'crimetrends-'));
    const copy = join(copyDir, 'stdin.csv');
    await pipeline(path === '-' ? process.stdin : createReadStream(path), createWriteStream(copy));
    path = copy;
  }
  try {
    const { recognise } = options;
    const found = recognise === undefined || options.skipLines !== undefined ? undefined : await findHeader(path, recognise.isHeader);
    // only text above the header is skipped: a line that reads as data is a row, left to be read
    const preamble = found?.above ?? [];
    const isSkipped = preamble.some((line) => line.trim() !== '' && !/^\s*sep=.\s*$/i.test(line))
      && !preamble.some((line) => recognise!.isData(splitHeader(line, found!.delimiter)));
    const read = await readFile(store, path, isSkipped ? { ...options, skipLines: found!.skipLines } : options, issues, issue);
    return { ...read, preamble: isSkipped ? preamble : [] };
  } finally {
    if (copyDir !== undefined) await rm(copyDir, { recursive: true, force: true });
  }
}

async function readFile(store: Store, path: string, options: ReadCsvOptions, issues: Issue[], issue: AddIssue): Promise<CsvRead> {
  let scan = await scanCsv(path, options.delimiter, options.skipLines);
  const original = scan;
  let readPath = path;
  let encoding = 'utf-8';
  let decodeAs = 'utf-8';
  let hasBareCr = scan.hasBareCr;
  let isDamagedUtf8 = false;
  let tempDir: string | undefined;
  // UTF-16 without a byte-order mark is valid UTF-8 when its text is ASCII or Cyrillic (the NULs included): its NULs
  // alone tell it apart, and only a file holding control characters is looked at again
  // (nor is a ZIP archive of parts stored uncompressed, all ASCII: its signature's control characters tell it)
  const isUtf8 = scan.isUtf8 && !(scan.hasControls && ((await isUtf16WithoutBom(path)) || (await hasBinarySignature(path))));
  try {
    if (!isUtf8) {
      const detected = await detectEncoding(path, options.preferredEncoding);
      if (detected.kind === 'binary') {
        // a workbook is said to be one, plainly, with how to save it as CSV (as ingest's FILE_SKIPPED says of one in a folder)
        issue({
          code: 'ENCODING_UNDECODABLE',
          severity: 'error',
          message: detected.workbook === undefined
            ? `expected text in UTF-8 or a known code page, found ${detected.what}`
            : `expected a CSV file (a return is one), found ${detected.what}`,
          hint: detected.workbook?.hint ?? (detected.what === 'a ZIP archive'
            ? 'extract it and offer the returns inside'
            : 'save the file as "CSV UTF-8" from your spreadsheet program'),
        });
        return emptyRead(options, scan, issues);
      }
      if (detected.kind === 'implausible' && options.acceptEncodingGuess !== true) {
        // where to look: the first word the likeliest reading reads implausibly, its line and cell
        const { at } = detected;
        const cell = at?.before === undefined ? undefined : splitHeader(at.before, scan.delimiter).length;
        const name = cell === undefined || at!.line === scan.headerLine ? undefined : splitHeader(scan.headerText, scan.delimiter)[cell - 1];
        issue({
          code: 'ENCODING_UNDECODABLE',
          severity: 'error',
          line: at?.line ?? null,
          column: cell === undefined ? null : name !== undefined && name.trim() !== '' ? name : `column ${cell}`,
          value: detected.guess,
          message: `expected text in UTF-8 or a code page of the region, found bytes that no code page reads plausibly (the likeliest, ${encodingLabel(detected.guess)}, reads ${JSON.stringify(detected.sample)}); the file was not converted, to keep names from being garbled`,
          hint: 'save the file as "CSV UTF-8" from your spreadsheet program (File > Save As > CSV UTF-8)',
        });
        return emptyRead(options, scan, issues);
      }
      // UTF-16 breaks lines with 0D 00 0A 00: judge its line breaks on the decoded text
      hasBareCr = hasBareCrBreaks(detected.head);
      if (detected.kind === 'damaged-utf8') isDamagedUtf8 = true;
      else {
        const isGuess = detected.kind === 'implausible';
        decodeAs = isGuess ? detected.guess : detected.name;
        encoding = decodeAs.toLowerCase();
        issue({
          code: 'ENCODING_CONVERTED',
          severity: 'warning',
          value: decodeAs,
          message: isGuess
            ? `expected UTF-8, found bytes no code page reads plausibly; the file was converted from the likeliest, ${encodingLabel(decodeAs)}, which reads ${JSON.stringify(detected.sample)}`
            : `expected UTF-8, found ${encodingLabel(decodeAs)}${isDosPage(decodeAs) ? ', as Excel\'s "CSV (MS-DOS)" writes' : ''} (detected with ${detected.confidence}% confidence); the file was converted${
              detected.alternative === undefined ? '' : `, reading ${JSON.stringify(detected.alternative.chosen)}; read as ${encodingLabel(detected.alternative.name)}, the same bytes say ${JSON.stringify(detected.alternative.sample)}, and nothing in the file tells which is right`}`,
          hint: isDosPage(decodeAs)
            ? 'check that names with accents or non-Latin letters read correctly; next time save the file as "CSV UTF-8" (File > Save As > CSV UTF-8), not "CSV (MS-DOS)"'
            : 'check that names with accents or non-Latin letters read correctly, or save the file as "CSV UTF-8"',
        });
      }
    }
    if (hasBareCr) {
      issue({
        code: 'LINE_ENDINGS_CONVERTED',
        severity: 'warning',
        message: 'expected lines to end with LF or CR LF, found bare CR line breaks (old Mac format); they were read as line breaks',
        hint: 'save the file as "CSV UTF-8" with Windows or Unix line endings',
      });
    }
    // lines broken with CR LF and with LF alone in one file make DuckDB's reader fail ("The CSV Parser state machine
    // reached an invalid state"): the copy breaks them all with LF, one line break each, so lines keep their numbers
    const hasMixedBreaks = scan.hasMixedBreaks && !hasBareCr;
    if (!isUtf8 || hasBareCr || hasMixedBreaks) {
      tempDir = await mkdtemp(join(tmpdir(), 'crimetrends-'));
      readPath = join(tempDir, 'utf8.csv');
      // a damaged UTF-8 file is decoded as UTF-8: each bad byte becomes U+FFFD, reported where it stands
      const utf8Lines = await convertToUtf8(path, readPath, decodeAs, hasBareCr, hasMixedBreaks);
      for (const line of utf8Lines) {
        issue({
          code: 'ENCODING_MIXED',
          severity: 'warning',
          line,
          message: `expected ${encodingLabel(decodeAs)} like the rest of the file, found this line in UTF-8; it was read as UTF-8`,
          hint: 'save the whole file again as "CSV UTF-8", so that every line is in one encoding',
        });
      }
      scan = { ...(await scanCsv(readPath, options.delimiter, options.skipLines)), sizeBytes: original.sizeBytes, isUtf8: original.isUtf8 };
    }
    const markup = describeMarkup(scan.headerText);
    if (markup !== undefined) {
      issue({
        code: 'ENCODING_UNDECODABLE',
        severity: 'error',
        message: `expected CSV text, found ${markup}`,
        hint: 'open it in your spreadsheet program and save it as "CSV UTF-8" (File > Save As > CSV UTF-8)',
      });
      return emptyRead(options, scan, issues);
    }
    if (scan.headerLine !== undefined && findStrayQuote(scan.headerText, scan.delimiter) !== undefined) {
      // DuckDB would skip the whole file with such a header (see rewriteHeaderLine); its cells are read as written
      tempDir ??= await mkdtemp(join(tmpdir(), 'crimetrends-'));
      const copy = join(tempDir, 'header.csv');
      await rewriteHeaderLine(readPath, copy, scan.headerLine, scan.headerText, scan.delimiter);
      readPath = copy;
    }
    return await loadTable(store, readPath, scan, encoding, options, issues, issue, isDamagedUtf8);
  } finally {
    if (tempDir !== undefined) await rm(tempDir, { recursive: true, force: true });
  }
}

type AddIssue = (partial: Omit<Issue, 'file' | 'line' | 'value' | 'column' | 'hint'> & Partial<Issue>) => void;

const QUOTE_HINT = 'close the quote, or double any quote inside a quoted cell ("")';
/** The hint of QUOTE_SWALLOWED_LINES (see swallowedMessage). */
export const SWALLOWED_HINT = 'a quote was left open: close it where the cell ends, or double a quote inside the cell ("")';

/** Returns QUOTE_SWALLOWED_LINES' message for a quoted cell running to `lastLine` over lines that look like rows. */
export function swallowedMessage(lastLine: number | string): string {
  return `expected a quoted cell to end on its line, found it running to line ${lastLine} and taking in what look like rows`;
}

async function loadTable(
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
  const [{ n: loaded }] = (await store.all<{ n: number }>(`select count(*)::integer as n from ${table}`)) as [{ n: number }];

  const lines = new LineMap(scan);
  const skipped = new Set<number>();
  for (const reject of rejects) {
    const physical = lines.physicalOfDuckLine(reject.line);
    skipped.add(physical);
    issues.push(rejectIssue(options.displayName, physical, reject, header, scan, lines.lastLineOf(physical)));
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

function rejectIssue(
  file: string,
  line: number,
  reject: { error_type: string; column_idx: number | null; csv_line: string | null; error_message: string },
  header: string[],
  scan: CsvScan,
  lastLine: number,
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
      return {
        ...base,
        line: line + breaks,
        column: `column ${header.length + 1}`,
        value: extra ?? value,
        code: 'TOO_MANY_CELLS',
        message: `expected ${header.length} cell${header.length === 1 ? '' : 's'} as in the header, found ${found ?? 'more'}${extra === undefined ? '' : `: the cells beyond the header hold ${JSON.stringify(extra)}`}`,
        hint: `a value probably contains the delimiter ${JSON.stringify(scan.delimiter)}: quote it, or remove the extra cells`,
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

/** Returns the message of a quote left open on `line` that runs to the file's last line `lastLine`. */
function unterminatedMessage(line: number, lastLine: number): string {
  const swallowed = lastLine > line ? `lines ${line}–${lastLine}` : `line ${line}`;
  return `expected a closing quote, found none: the quote opened here runs to the end of the file and swallows ${swallowed}`;
}

/**
 * Returns the cell (0-based index and raw text) of a line in which a quoted cell goes on after its closing quote
 * (`"quoted" then text`), or undefined.
 *
 * @example findStrayQuote('ROU,"a" b,1', ',') // { index: 1, cell: '"a" b' }
 */
export function findStrayQuote(line: string, delimiter: string): { index: number; cell: string } | undefined {
  let index = 0;
  let start = 0;
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let j = i + 1;
      for (; j < line.length; j++) {
        if (line[j] === '"' && line[j + 1] === '"') j++;
        else if (line[j] === '"') break;
      }
      if (j + 1 < line.length && line[j + 1] !== delimiter) {
        const end = line.indexOf(delimiter, j + 1);
        return { index, cell: line.slice(start, end < 0 ? line.length : end) };
      }
      i = j + 1;
    }
    const end = line.indexOf(delimiter, i);
    if (end < 0) return undefined;
    index++;
    i = start = end + 1;
  }
  return undefined;
}

/** What the functions that report damaged rows need. */
interface RowsContext {
  store: Store;
  /** The loaded table, quoted. */
  table: string;
  header: string[];
  line: LineSql;
  file: string;
  delimiter: string;
  issues: Issue[];
}

/** Control characters a spreadsheet never writes (C0 but tab, LF and CR; DEL; C1), as a JS and an RE2 pattern. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const CONTROL_RE2 = '[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x{7f}-\\x{9f}]';
const CONTROL_NAMES: Record<number, string> = {
  0: 'a NUL byte', 0x0b: 'a vertical tab', 0x0c: 'a form feed', 0x1a: 'a Ctrl-Z', 0x1b: 'an escape character', 0x7f: 'a delete character',
  0x85: 'a next-line character',
};

/**
 * Returns `text` with every control character a spreadsheet never writes shown as its Unicode control picture
 * (NUL as ␀, U+2400; DEL as ␡) or, for a C1 control, which has none, as `\u0085`: such a value can be printed,
 * stored and quoted like any text.
 *
 * @example visible('FA\u0000OFF') // 'FA␀OFF'
 */
export function visible(text: string): string {
  return text.replace(new RegExp(CONTROL.source, 'g'), (c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? '\u2421' : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * Returns the issue (without its place) for a cell holding a control character or, in damaged UTF-8, a bad byte.
 * `repairs` caches, per cell holding a C1 control, what undoDoubleUtf8 makes of it.
 */
function describeDamage(cell: string, isDamagedUtf8: boolean, repairs?: Map<string, string | undefined>): Pick<Issue, 'code' | 'severity' | 'message' | 'hint'> | undefined {
  const control = CONTROL.exec(cell);
  if (control !== null) {
    const code = control[0].charCodeAt(0);
    const name = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    const at = `at character ${control.index + 1} of the cell`;
    // text converted to UTF-8 twice through Latin-1 (not windows-1252) holds C1 controls where a letter's second byte
    // was 0x80-0x9F (`Ð\u009f` for `П`): said so, with what it reads as once repaired. It stays an error, its row
    // unread: a control character is no text to store, and the repair is a guess only the sender can confirm
    if (code >= 0x80) {
      let repaired = repairs?.get(cell);
      if (repaired === undefined && !repairs?.has(cell)) {
        repaired = undoDoubleUtf8(cell);
        repairs?.set(cell, repaired);
      }
      if (repaired !== undefined) {
        return {
          code: 'CONTROL_CHARACTER',
          severity: 'error',
          message: `expected text, found text that looks converted to UTF-8 twice, through Latin-1, which made a letter's second byte control character ${name} (${at}): it reads ${JSON.stringify(repaired)} once repaired`,
          hint: doubleUtf8Hint('Latin-1'),
        };
      }
    }
    return {
      code: 'CONTROL_CHARACTER',
      severity: 'error',
      message: `expected text, found ${CONTROL_NAMES[code] ?? 'a control character'} (control character ${name}) ${at}`,
      hint: 'the file is damaged or is not a text export: export it again from the spreadsheet as "CSV UTF-8", or delete the character',
    };
  }
  const bad = isDamagedUtf8 ? cell.indexOf('\uFFFD') : -1;
  if (bad >= 0) {
    const count = cell.split('\uFFFD').length - 1;
    return {
      code: 'ENCODING_INVALID_BYTES',
      severity: 'error',
      message: `expected UTF-8 text, found ${count === 1 ? 'a byte that is' : `${count} bytes that are`} not UTF-8 (shown as \uFFFD) at character ${bad + 1} of the cell`,
      hint: 'the rest of the file is UTF-8: retype the value (it was probably pasted from a file in another encoding), or save the file again as "CSV UTF-8"',
    };
  }
  return undefined;
}

/**
 * Reports every cell holding a control character (or, in a damaged UTF-8 file, a byte that is not UTF-8) at the
 * physical line where the cell starts, and returns the rowids of those records (removed by the caller).
 */
async function reportDamagedRows(ctx: RowsContext, isDamagedUtf8: boolean): Promise<number[]> {
  const cells = ctx.header.map((_, i) => `r.c${i}`).join(', ');
  const all = `concat_ws('', ${cells})`;
  const rows = await ctx.store.all<{ rid: number; line: number; cells: Array<string | null> }>(
    `select r.rowid::bigint as rid, ${ctx.line.expression} as line, [${cells}] as cells from ${ctx.table} as r ${ctx.line.join}
     where regexp_matches(${all}, $controls)${isDamagedUtf8 ? ` or contains(${all}, $bad)` : ''} order by line`,
    isDamagedUtf8 ? { controls: CONTROL_RE2, bad: '\uFFFD' } : { controls: CONTROL_RE2 },
  );
  const repairs = new Map<string, string | undefined>();
  for (const row of rows) {
    let line = row.line;
    row.cells.forEach((cell, i) => {
      if (cell === null) return;
      const damage = describeDamage(cell, isDamagedUtf8, repairs);
      if (damage !== undefined) {
        ctx.issues.push({ ...damage, file: ctx.file, line, column: ctx.header[i]?.trim() || `column ${i + 1}`, value: visible(cell) });
      }
      line += cell.split('\n').length - 1;
    });
  }
  return rows.map((r) => Number(r.rid));
}

/**
 * Empties the cells of records that hold only spaces, tabs or Ctrl-Z (a tab-only line, an old end-of-file mark), so
 * that they are blank rows like a line of spaces, not rows short of cells.
 */
async function blankWhitespaceRows(ctx: RowsContext): Promise<void> {
  const isWhite = (i: number): string => `coalesce(regexp_full_match(c${i}, '[ \\t\\x1a]*'), true)`;
  await ctx.store.run(
    `update ${ctx.table} set ${ctx.header.map((_, i) => `c${i} = if(c${i} is null, null, '')`).join(', ')}
     where ${ctx.header.map((_, i) => isWhite(i)).join(' and ')}`,
  );
}

/**
 * A character windows-1252 or Latin-1 makes of a UTF-8 lead byte (0xC2-0xF4: Â to ô) followed by one it makes of a
 * continuation byte (0x80-0xBF: the C1 controls or € ‚ ƒ … Ÿ, and NBSP to ¿), as RE2: the mark of text converted to
 * UTF-8 twice (`Ã©`, `ÐŸ`), which undoDoubleUtf8 then judges.
 */
const DOUBLE_UTF8_RE2 = '[\\x{c2}-\\x{f4}][\\x{80}-\\x{bf}\\x{152}\\x{153}\\x{160}\\x{161}\\x{178}\\x{17d}\\x{17e}\\x{192}\\x{2c6}\\x{2dc}'
  + '\\x{2013}\\x{2014}\\x{2018}-\\x{201a}\\x{201c}-\\x{201e}\\x{2020}-\\x{2022}\\x{2026}\\x{2030}\\x{2039}\\x{203a}\\x{20ac}\\x{2122}]';

/** The hint for text converted to UTF-8 twice, through `page` (windows-1252 for ENCODING_DOUBLE_UTF8, Latin-1 where C1 controls show it). */
const doubleUtf8Hint = (page: string): string =>
  `save the file as UTF-8 once, from the original: a program read the UTF-8 text as ${page} and saved it as UTF-8 again`;
const DOUBLE_UTF8_HINT = doubleUtf8Hint('windows-1252');

/**
 * Reports every distinct value of a column that reads as text converted to UTF-8 twice (see undoDoubleUtf8), once, at
 * the first line holding it, with what it reads as once repaired. The value is kept as written: a repair is a guess the
 * sender confirms by saving the file again. Only the cells holding non-ASCII characters (bytes and characters differ in
 * number) are matched against the mark, and only the distinct matches are judged.
 */
async function reportDoubleUtf8(ctx: RowsContext): Promise<void> {
  const cells = ctx.header.map(
    (_, i) => `select ${i} as col, r.c${i} as value, ${ctx.line.expression} as line from ${ctx.table} as r ${ctx.line.join}
      where strlen(r.c${i}) <> length(r.c${i}) and regexp_matches(r.c${i}, $mark)`,
  );
  const rows = await ctx.store.all<{ col: number; value: string; line: number; n: number }>(
    `select col, value, min(line)::integer as line, count(*)::integer as n from (${cells.join(' union all ')})
     group by col, value order by line, col`,
    { mark: DOUBLE_UTF8_RE2 },
  );
  for (const row of rows) {
    const repaired = undoDoubleUtf8(row.value);
    if (repaired === undefined) continue;
    const column = ctx.header[row.col]?.trim() || `column ${row.col + 1}`;
    const others = row.n - 1;
    ctx.issues.push({
      code: 'ENCODING_DOUBLE_UTF8',
      severity: 'warning',
      file: ctx.file,
      line: row.line,
      column,
      value: visible(row.value),
      message: `expected text as written, found text that looks converted to UTF-8 twice: it reads ${JSON.stringify(repaired)} once repaired; the value was kept as written${others > 0 ? ` (${others} more row${others === 1 ? '' : 's'} of ${column} below ${others === 1 ? 'holds' : 'hold'} it)` : ''}`,
      hint: DOUBLE_UTF8_HINT,
    });
  }
}

const DELIMITER_NAMES: Record<string, string> = { ',': 'commas', ';': 'semicolons', '\t': 'tabs', '|': 'vertical bars' };

/**
 * Reports every record read as one cell that holds another delimiter as many times as the header has delimiters (a
 * row pasted from a file with ";" into a file with ","), and returns their rowids (removed by the caller).
 */
async function reportOtherDelimiterRows(ctx: RowsContext): Promise<number[]> {
  if (ctx.header.length < 2) return [];
  const others = Object.keys(DELIMITER_NAMES).filter((d) => d !== ctx.delimiter);
  const count = (d: string): string => `length(r.c0) - length(replace(r.c0, ${quoteLiteral(d)}, ''))`;
  const rows = await ctx.store.all<{ rid: number; line: number; text: string }>(
    `select r.rowid::bigint as rid, ${ctx.line.expression} as line, r.c0 as text from ${ctx.table} as r ${ctx.line.join}
     where r.c1 is null and r.c0 is not null and (${others.map((d) => `${count(d)} >= ${ctx.header.length - 1}`).join(' or ')}) order by line`,
  );
  for (const row of rows) {
    const used = others.map((d) => [d, row.text.split(d).length - 1] as const).sort((a, b) => b[1] - a[1])[0]![0];
    ctx.issues.push({
      code: 'TOO_FEW_CELLS',
      severity: 'error',
      file: ctx.file,
      line: row.line,
      column: ctx.header[1]?.trim() || 'column 2',
      value: visible(row.text),
      message: `expected ${ctx.header.length} cells separated by ${DELIMITER_NAMES[ctx.delimiter] ?? JSON.stringify(ctx.delimiter)} as in the header, found 1: this row separates its cells with ${DELIMITER_NAMES[used]}`,
      hint: `separate the cells with ${DELIMITER_NAMES[ctx.delimiter] ?? JSON.stringify(ctx.delimiter)} like the rest of the file (save the whole file again from the spreadsheet, which writes one delimiter)`,
    });
  }
  return rows.map((r) => Number(r.rid));
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
    preamble: [],
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
