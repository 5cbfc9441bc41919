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
  /** Rows the reader rejected before staging (each also has an issue in `readIssues`). */
  rejectedRows: number;
  /** Issues found while reading: encoding converted, rejected lines, skipped sheets. */
  readIssues: Issue[];
  /** The source's own name of each column the mapping reports on (e.g. value → "txtVALUE"). */
  columns: Record<string, string>;
  /** Sheets the rows come from (xlsx); issues name the sheet when there are several. */
  sheets: string[];
}

/** What one `import` of one file did. */
export interface ImportReport {
  file: string;
  source: 'UNODC' | 'EUROSTAT' | 'WORLDBANK';
  dataset: string | null;
  /** `imported`, or `duplicate` when the same bytes were imported before (nothing written). */
  status: 'imported' | 'duplicate';
  submissionId: number;
  /** For a duplicate: when the earlier submission was received. */
  receivedAt: string;
  sha256: string;
  sizeBytes: number;
  /** Earlier submissions of the same source and dataset this one superseded. */
  supersedes: number[];
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
  durationMs: number;
}
