import type { Issue } from '../schema/issue.js';
import type { CsvScan } from './csv-scan.js';

/** How to compute the physical line of a loaded row in SQL. */
export interface LineSql {
  /** Join clause to append after `from <table> as r` ('' when none is needed). */
  join: string;
  /** Integer expression giving the physical line. */
  expression: string;
}

/** A delimited file loaded into a temporary DuckDB table, every record tied to its physical line. */
export interface CsvRead {
  /**
   * Temporary table with VARCHAR columns `c0…` in header order, then the columns `computed` named; `rowid` numbers the
   * accepted records.
   */
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
  /**
   * Columns computed from the cells as the file is read, after `c0…`: select items over the bare names `c0…`
   * (`<expression> as name`), given the header cells and the delimiter. The read's threads compute them once, where a
   * view over the table would compute them again in every query that reads them.
   */
  computed?: ((header: readonly string[], delimiter: string) => string[]) | undefined;
  /** True when the file is the CSV text of a workbook's sheet (see readReturn): an issue's hint speaks of its cells, not of saving a CSV. */
  isWorkbook?: boolean | undefined;
}

/** Adds an issue of the file being read: its file is filled in, and its line, column, value and hint are null unless given. */
export type AddIssue = (partial: Omit<Issue, 'file' | 'line' | 'value' | 'column' | 'hint'> & Partial<Issue>) => void;
