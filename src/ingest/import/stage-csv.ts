import { DataError } from '../../errors.js';
import type { CsvRead } from '../../io/csv-read.js';
import { readCsv } from '../../io/read-csv.js';
import type { OpenQuote } from '../../io/csv-scan.js';
import { isQuoteSwallowingRows } from '../../io/scan-csv.js';
import type { Issue } from '../../schema/issue.js';
import { quoteIdent, quoteLiteral, type Store } from '../../store/index.js';

/** A delimited download read into a temporary table, with the reader's issues sorted into kept and rejected lines. */
export interface StagedCsv {
  read: CsvRead;
  /** Lines the reader rejected (each one unreadable source row). */
  rejectedRows: number;
  /** Every issue of the read, as warnings: an import lists unreadable lines rather than refusing the file. */
  issues: Issue[];
}

/**
 * What a source's mapper reads of a row, by header position: a row that stops short of the header only where the
 * mapper reads nothing (UNODC's Source, a label column after the data) is read as it stands, when its cells fit the
 * columns they stand under (see {@link removeShortRows}).
 */
export interface RowShape {
  /** Header positions whose cells the mapper reads for each row. */
  read: readonly number[];
  /**
   * SQL tests by header position, over the cell's SQL expression, true when the cell fits that column (a year under
   * Year, a count under VALUE, words under a unit); an empty cell fits any column.
   */
  fits: ReadonlyMap<number, (cell: string) => string>;
}

/** SQL tests of a cell for {@link RowShape.fits}, over the cell's SQL expression. */
export const CELL_FITS = {
  /** A year, as Year and TIME_PERIOD hold: 2021 (or DataBank's 2021 [YR2021]). */
  year: (cell: string): string => `regexp_matches(trim(${cell}), '^(19|20)[0-9]{2}([^0-9]|$)')`,
  /** A figure, a mark for none or a suppressed count (1,011; <5; ..; n/a): no letter in it, as a unit, a flag or a Source has. */
  figure: (cell: string): string => `(not regexp_matches(${cell}, '[[:alpha:]]') or regexp_full_match(lower(trim(${cell})), 'n/?a|n\\.a\\.?'))`,
  /** Words, not a figure (a unit of measurement, a sex). */
  words: (cell: string): string => `regexp_matches(${cell}, '[[:alpha:]]')`,
  /** A country or area code (ROU, KOS, GBR_S, AL, 1W), not a name. */
  code: (cell: string): string => `regexp_full_match(trim(${cell}), '[A-Za-z0-9]{2,3}(_[A-Za-z0-9&]+)?')`,
};

/** Options of {@link stageCsv}: the table to read into, the file's name in issues, and its dialect. */
export interface StageCsvOptions {
  table: string;
  displayName: string;
  delimiter: string;
  skipLines?: number | undefined;
  /** What the source's mapper reads of a row, given the header; without it, every short row is TOO_FEW_CELLS. */
  shape?: ((header: readonly string[]) => RowShape) | undefined;
}

/**
 * Returns the download at `path` read by {@link readCsv} into `table`. Lines the reader rejects (too many cells, a
 * stray quote within its line) become warnings counted as unreadable rows; a file that cannot be read at all (empty,
 * undecodable, lines that cannot be accounted for) is refused, and so is a file in which a quote swallows rows (see
 * {@link findSwallowedRows}): those rows were never read, and their states must not lose their values to it.
 *
 * @throws DataError `IMPORT_UNREADABLE_FILE` naming the first fatal problem.
 */
export async function stageCsv(
  store: Store,
  path: string,
  options: StageCsvOptions,
): Promise<StagedCsv> {
  // a download's names settle its code page (stageCsvByNames): a doubtful guess is read, not refused
  // downloads not in UTF-8 are Windows-1252 (UNODC's older ones): named so where other pages read the bytes alike
  const { shape, ...readOptions } = options;
  const read = await readCsv(store, path, { ...readOptions, acceptEncodingGuess: true, preferredEncoding: 'windows-1252' });
  const fatal = read.issues.filter((issue) => issue.severity === 'error' && issue.line === null);
  if (fatal.length > 0) throw unreadable(fatal, fatal[0]!.hint ?? 'check that the file is the download as published');
  const swallowed = findSwallowedRows(read, options.displayName);
  if (swallowed.length > 0) {
    const first = swallowed[0]!;
    const at = `line ${first.line}${first.column === null ? '' : `, column ${first.column}`}`;
    throw unreadable(swallowed, `download the file again, or delete the stray quote at ${at} (a quote inside a cell is doubled: ""); nothing of this file was imported, so every state keeps its values`);
  }
  const short = await removeShortRows(store, read, options.displayName, shape?.(read.header));
  const rejectedRows = read.recordCount - read.rowCount + short.length;
  // UNODC's older downloads mix UTF-8 lines into Windows-1252 ones: those lines are read as UTF-8, and a warning for
  // each would only repeat what the publisher does (its names resolve either way)
  const issues = read.issues
    .filter((issue) => issue.code !== 'ENCODING_MIXED')
    .map((issue) => (issue.severity === 'error' ? { ...issue, severity: 'warning' as const } : issue));
  // short rows join the reader's rejected lines in line order; a file without any keeps the reader's order
  const ordered = short.length === 0 ? issues : [...issues, ...short].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { read, rejectedRows: Math.max(0, rejectedRows), issues: ordered };
}

/**
 * Returns one TOO_FEW_CELLS warning per row that stops short of the header's last named column while holding at
 * least half of its cells (a row with a cell left out, whose later cells sit under the wrong columns), and removes
 * those rows from the table, so they are counted unreadable at their line. The reader pads such a row: it was read
 * shifted, and listed (if at all) for what its cells then seemed to say, `unit 700 is not imported` for a row
 * missing its Subregion. A footnote below the data (`Source: …`, one or two cells) is no such row and stays for the
 * mapper to skip as a note.
 *
 * With the source's `shape`, a row whose missing cells are all under columns the mapper does not read (a UNODC row
 * ending at VALUE, without its Source) stays, as the reader padded it, when every cell it has fits the column it
 * stands under: a cell left out before them would put a unit under Year or the Source under VALUE. The reader pads
 * with nulls (an empty cell is read as ''), so the cells a row has are the first `found`.
 */
async function removeShortRows(store: Store, read: CsvRead, file: string, shape?: RowShape): Promise<Issue[]> {
  let width = read.header.length;
  while (width > 1 && read.header[width - 1]!.trim() === '') width--;
  if (width < 4) return [];
  const cells = Array.from({ length: width }, (_, i) => `r.${quoteIdent(`c${i}`)}`);
  const found = `(${cells.map((c) => `(${c} is not null)::integer`).join(' + ')})`;
  const rows = await store.all<{ rid: number; line: number; found: number; text: string }>(
    `select r.rowid::bigint as rid, ${read.line.expression} as line, ${found} as found,
       concat_ws(${quoteLiteral(read.delimiter)}, ${cells.join(', ')}) as text
     from ${quoteIdent(read.table)} as r ${read.line.join}
     where ${cells[width - 1]} is null and ${cells[Math.ceil(width / 2) - 1]} is not null
       ${shape === undefined ? '' : `and not (${isReadAsItStands(shape, cells, found)})`} order by line`,
  );
  if (rows.length === 0) return [];
  await store.run(`delete from ${quoteIdent(read.table)} where rowid in (${rows.map((row) => Number(row.rid)).join(', ')})`);
  const last = read.header[width - 1]!.replace(/^\uFEFF/, '').trim();
  return rows.map((row) => ({
    code: 'TOO_FEW_CELLS',
    severity: 'warning' as const,
    file,
    line: row.line,
    column: last,
    value: row.text.length > 200 ? `${row.text.slice(0, 200)}…` : row.text,
    message: `expected ${width} cells as in the header, found ${row.found}: a cell is missing, so the cells after it stand under the wrong columns; not imported`,
    hint: `download the file again, or give the row its missing cell (an empty one between two ${JSON.stringify(read.delimiter)})`,
  }));
}

/**
 * Returns the SQL test of a short row that is read as it stands: it has every cell the mapper reads, and each of its
 * cells fits the column it stands under (a cell missing from a column's test is null and passes it).
 */
function isReadAsItStands(shape: RowShape, cells: readonly string[], found: string): string {
  const lastRead = Math.max(-1, ...shape.read.filter((index) => index < cells.length));
  const tests = [...shape.fits].filter(([index]) => index < cells.length)
    .map(([index, fits]) => `coalesce(trim(${cells[index]!}) = '' or (${fits(cells[index]!)}), true)`);
  return [`${found} > ${lastRead}`, ...tests].join(' and ');
}

/**
 * Returns one QUOTE_SWALLOWED_LINES (or, for a quote never closed, QUOTE_UNTERMINATED) error per quote that stays open
 * over line breaks and takes in lines that look like rows (as many delimiters as the header): located at the line
 * and column where the quote opens, naming the lines it swallows. DuckDB reads such a record as one (and rejects or
 * pads it), so the rows in it would be neither loaded nor listed. A quoted cell over two lines that takes in no such
 * line (a note) is one row, read as such; so is one whose lines holding as many delimiters as the header (a Source
 * note listing agencies) begin unlike the table's rows, in a record that is well formed (the quote closes at the
 * cell's end and the record has the header's width): see {@link isQuoteSwallowingRows}.
 */
export function findSwallowedRows(read: CsvRead, file: string): Issue[] {
  return read.scan.openQuotes.filter(isQuoteSwallowingRows).map((open) => swallowedIssue(open, read, file));
}

function swallowedIssue(open: OpenQuote, read: CsvRead, file: string): Issue {
  const swallows = open.lastLine > open.line + 1
    ? `lines ${open.line + 1}–${open.lastLine}, ${open.rowLines} of which look like rows`
    : `line ${open.lastLine}, which looks like a row`;
  const isUnterminated = open.line === read.scan.unterminatedQuoteLine;
  const name = open.cell === undefined ? undefined : read.header[open.cell]?.replace(/^\uFEFF/, '').trim();
  return {
    code: isUnterminated ? 'QUOTE_UNTERMINATED' : 'QUOTE_SWALLOWED_LINES',
    severity: 'error',
    file,
    line: open.line,
    column: open.cell === undefined ? null : name || `column ${open.cell + 1}`,
    value: open.text === '' ? null : open.text,
    message: isUnterminated
      ? `expected a closing quote, found none: the quote opened here runs to the end of the file and swallows ${swallows}`
      : `expected a quoted cell to end on its line, found it running to line ${open.lastLine} and swallowing ${swallows}`,
    hint: 'close the quote where the cell ends, or double a quote inside the cell ("")',
  };
}

/** Returns the refusal of a file the reader cannot import, with the first issue's message, code and place. */
function unreadable(issues: Issue[], hint: string): DataError {
  const first = issues[0]!;
  const more = issues.slice(1).filter((issue) => issue.code === first.code && issue.line !== null);
  const further = more.length === 0 ? '' : `; ${more.length} more like it, from line ${more[0]!.line}`;
  // the location is the error's own: the message is the reader's, with its code (not the file name twice)
  return new DataError('IMPORT_UNREADABLE_FILE', `${first.message}${further} (${first.code})`, issues, {
    location: { file: first.file, line: first.line ?? undefined, column: first.column ?? undefined },
    hint,
  });
}
