import type { Issue } from '../../schema/issue.js';

/** Where a download comes from (the `import` command's first argument). */
export type ImportSource = 'unodc' | 'eurostat' | 'worldbank';

/** How a source row ended: loaded, or counted and listed with a reason. */
export type RowStatus = 'loaded' | 'skipped' | 'unmapped' | 'unreadable';

/**
 * A download staged for mapping: its rows are in the temporary table `import_raw`, each with its `sheet` (xlsx only)
 * and `line` (the physical line, or the sheet row).
 */
export interface StagedFile {
  /** The dataset the file holds (GLOTIP, IAFQ, CTS, crim_off_cat, SP.POP.TOTL). */
  dataset: string;
  /** Source rows offered: the rows in `import_raw` plus the lines the reader rejected (counted as unreadable). */
  rows: number;
  /** The header's line (the sheet row for .xlsx, the first sheet's when there are several). */
  headerLine: number;
  /** Rows the reader rejected before staging (each also has an issue in `readIssues`). */
  rejectedRows: number;
  /** Issues found while reading: encoding converted, rejected lines, skipped sheets. */
  readIssues: Issue[];
  /** The source's own name of each column the mapping reports on (e.g. value → "txtVALUE"). */
  columns: Record<string, string>;
  /** Sheets the rows come from (xlsx); issues name the sheet when there are several. */
  sheets: string[];
  /** One column per year (World Bank wide layout): a value's column is its year. */
  isWide?: boolean;
  /** The publication date the file carries and where (see readPublication); undefined when it carries none. */
  publication?: { date: string; where: string };
}

/** An earlier import of the same source and dataset whose values of some states this one replaced. */
export interface ReplacedStates {
  submissionId: number;
  /** The states whose values now come from this import, sorted. */
  states: string[];
  /** How many states still take their values from the earlier import (0: it is superseded whole). */
  statesKept: number;
}

/** An import of a newer publication (or, among undated ones, a later one) that keeps giving some states' values. */
export interface NewerInUse {
  submissionId: number;
  file: string;
  /** Its publication date, YYYY-MM-DD; null when it carries none. */
  published: string | null;
  receivedAt: string;
  /** The states it keeps that the import reported on has rows for, sorted. */
  states: string[];
}

/** Why a file could not be imported: the error as reported, located. */
export interface ImportError {
  code: string;
  message: string;
  file: string | null;
  line: number | null;
  column: string | null;
  hint: string | null;
}

/** What one `import` of one file did. */
export interface ImportReport {
  file: string;
  source: 'UNODC' | 'EUROSTAT' | 'WORLDBANK';
  dataset: string | null;
  /**
   * `imported`; `duplicate` when the same bytes were imported before as this source (nothing written); `rejected`
   * when the file cannot be imported (`error` says why): recorded as a rejected submission with its issue, and
   * archived — or, when the same bytes were rejected before, or imported as another source, nothing new is recorded
   * and `submissionId` is that earlier submission; `reinstated` when the same bytes were imported before and
   * superseded since, and are the newest publication: in force again (nothing new loaded).
   */
  status: 'imported' | 'reinstated' | 'duplicate' | 'rejected';
  submissionId: number;
  /** When the submission was received (for a duplicate: the earlier one). */
  receivedAt: string;
  sha256: string;
  sizeBytes: number;
  /** Earlier imports of the same source and dataset this one replaced for some or all of their states. */
  replaces: ReplacedStates[];
  /** Those of them superseded whole (no state left in force). */
  supersedes: number[];
  /** States this import has rows for, sorted. */
  states: string[];
  /** Those whose values it gives now; the others stay with `newer`. */
  statesInUse: string[];
  /** Imports of a newer publication that keep the values of some of `states` (empty: this one is in force for all). */
  newer: NewerInUse[];
  /** The publication date of the download (YYYY-MM-DD), read from it or given with --published; null when undated. */
  published: string | null;
  /** Where `published` comes from: `line 2`, `row 2`, `column LAST UPDATE` of the file, `--published`; null when undated. */
  publishedFrom: string | null;
  /** For bytes imported before: their publication date was recorded or changed by this offer. */
  isRedated: boolean;
  rows: number;
  loaded: number;
  skipped: Record<string, number>;
  unmapped: number;
  unreadable: number;
  /** Rows not loaded, grouped by issue code and reason, largest first. */
  reasons: Array<{ status: RowStatus; code: string; reason: string; count: number; firstLine: number | null }>;
  /** Every issue written for this file. */
  issueCount: number;
  /** The first issues, in file order. */
  issues: Issue[];
  /** For a rejected file: why. */
  error: ImportError | null;
  /** True when this offer wrote a submission (imported, or rejected and recorded now). */
  isRecorded: boolean;
}
