import { DataError } from '../../errors.js';
import { readCsv, type CsvRead } from '../../io/read-csv.js';
import type { Issue } from '../../schema/issue.js';
import type { Store } from '../../store/index.js';

/** A delimited download read into a temporary table, with the reader's issues sorted into kept and rejected lines. */
export interface StagedCsv {
  read: CsvRead;
  /** Lines the reader rejected (each one unreadable source row). */
  rejectedRows: number;
  /** Every issue of the read, as warnings: an import lists unreadable lines rather than refusing the file. */
  issues: Issue[];
}

/**
 * Returns the download at `path` read by {@link readCsv} into `table`. Lines the reader rejects (too many cells, a
 * stray quote) become warnings counted as unreadable rows; a file that cannot be read at all (empty, undecodable,
 * lines that cannot be accounted for) is refused.
 *
 * @throws DataError `IMPORT_UNREADABLE_FILE` naming the first fatal problem.
 */
export async function stageCsv(
  store: Store,
  path: string,
  options: { table: string; displayName: string; delimiter: string; skipLines?: number },
): Promise<StagedCsv> {
  // a download's names settle its code page (stageCsvByNames): a doubtful guess is read, not refused
  // downloads not in UTF-8 are Windows-1252 (UNODC's older ones): named so where other pages read the bytes alike
  const read = await readCsv(store, path, { ...options, acceptEncodingGuess: true, preferredEncoding: 'windows-1252' });
  const fatal = read.issues.filter((issue) => issue.severity === 'error' && issue.line === null);
  if (fatal.length > 0) {
    const first = fatal[0]!;
    // the location is the error's own: the message is the reader's, with its code (not the file name twice)
    throw new DataError('IMPORT_UNREADABLE_FILE', `${first.message} (${first.code})`, fatal, {
      location: { file: first.file, line: first.line ?? undefined, column: first.column ?? undefined },
      hint: first.hint ?? 'check that the file is the download as published',
    });
  }
  const rejectedRows = read.recordCount - read.rowCount;
  // UNODC's older downloads mix UTF-8 lines into Windows-1252 ones: those lines are read as UTF-8, and a warning for
  // each would only repeat what the publisher does (its names resolve either way)
  const issues = read.issues
    .filter((issue) => issue.code !== 'ENCODING_MIXED')
    .map((issue) => (issue.severity === 'error' ? { ...issue, severity: 'warning' as const } : issue));
  return { read, rejectedRows: Math.max(0, rejectedRows), issues };
}
