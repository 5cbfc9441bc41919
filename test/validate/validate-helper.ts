import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/context.js';
import type { Issue } from '../../src/schema/issue.js';
import { openStore, type Store } from '../../src/store/index.js';
import { createSession, dropValidation, readIssues, validateFile, type FileValidation, type ValidationSession } from '../../src/validate/index.js';
import { loadTestReference, tempDir } from '../helpers/warehouse.js';

/** A validation session on an in-memory store, shared by the tests of one file. */
export async function openSession(): Promise<{ store: Store; session: ValidationSession }> {
  const store = await openStore(':memory:');
  return { store, session: await createSession(store, await loadTestReference()) };
}

export interface Validated extends FileValidation {
  issues: Issue[];
  /** Lines of the rows that were accepted (no error, not blank). */
  acceptedLines: number[];
}

/** Validates a file and returns the summary, every issue and the accepted lines; temporary tables are dropped. */
export async function validatePath(
  session: ValidationSession,
  path: string,
  options: { state?: string; year?: number; previous?: string; displayName?: string; isUngated?: boolean } = {},
): Promise<Validated> {
  const validation = await validateFile(session, path, {
    displayName: options.displayName ?? path,
    state: options.state,
    year: options.year,
    previous: options.previous,
    isUngated: options.isUngated,
    now: new Date('2026-03-01T00:00:00Z'),
    changeWarning: { percent: 50, units: 20 },
  });
  const issues = await readIssues(session, validation);
  const accepted = await session.store.all<{ line: number }>(
    `select line from ${validation.rowsTable} where not is_blank and line not in
       (select line from ${validation.issuesTable} where severity = 'error' and line is not null) order by line`,
  );
  await dropValidation(session, validation);
  return { ...validation, issues, acceptedLines: accepted.map((r) => r.line) };
}

/** A row as validation types it for ingest: its line, value, statuses and comment. */
export interface StoredRow { line: number; obs_value: number | null; obs_status: string; conf_status: string; comment: string | null }

/** Validates a file and returns the typed rows that ingest would store (`where`, a condition on them), in line order. */
export async function storedRows(session: ValidationSession, path: string, where = 'true'): Promise<StoredRow[]> {
  const validation = await validateFile(session, path, { displayName: 'x', now: new Date('2026-03-01T00:00:00Z'), changeWarning: { percent: 50, units: 20 } });
  try {
    return await session.store.all<StoredRow>(`select line, obs_value, obs_status, conf_status, comment from ${validation.rowsTable} where ${where} order by line`);
  } finally {
    await dropValidation(session, validation);
  }
}

/** The header of a return with every column of the format, in order (written out: fixtures do not follow the code). */
export const HEADER = 'REF_AREA,TIME_PERIOD,INDICATOR,SEX,AGE,COUNTERPART_AREA,BREAKDOWN,OBS_VALUE,OBS_STATUS,CONF_STATUS,COMMENT';

type Located = { code: string; line: number | null; column: string | null };

/** Returns each issue as `CODE@line:column=value`, for one readable assertion over a file's issues. */
export const brief = (issues: Array<Located & { value?: string | null }>): string[] =>
  issues.map((i) => `${i.code}@${i.line ?? ''}:${i.column ?? ''}=${i.value ?? ''}`);

/** Returns each issue as `CODE@line:column` (without the value). */
export const briefAt = (issues: Located[]): string[] => issues.map((i) => `${i.code}@${i.line ?? ''}:${i.column ?? ''}`);

/** Returns the path of `test/fixtures/<name>/<file>`. */
export function fixture(name: string, file = 'ROU_2025.csv'): string {
  return join(PROJECT_ROOT, 'test/fixtures', name, file);
}

/** Writes `lines` as a return (ending each with `eol`) in a fresh folder and returns its path. */
export function writeReturn(lines: readonly string[], options: { name?: string; eol?: '\n' | '\r\n' } = {}): string {
  const eol = options.eol ?? '\n';
  const path = join(tempDir(), options.name ?? 'ROU_2025.csv');
  writeFileSync(path, `${lines.join(eol)}${eol}`);
  return path;
}

/**
 * Returns a function that writes `bytes` to a new file in `dir` and returns its path, named `<prefix><n>.csv` unless
 * named: a string is written as UTF-8, or byte for byte (latin1) with `encoding: 'latin1'`.
 */
export function fileWriter(dir: string, prefix: string, encoding: 'utf8' | 'latin1' = 'utf8'): (bytes: string | Buffer, name?: string) => string {
  let counter = 0;
  return (bytes, name = `${prefix}${++counter}.csv`) => {
    const path = join(dir, name);
    writeFileSync(path, typeof bytes === 'string' ? Buffer.from(bytes, encoding) : bytes);
    return path;
  };
}
