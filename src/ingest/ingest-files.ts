import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Issue } from '../schema/issue.js';
import { threadsForFiles, type Store } from '../store/index.js';
import { readIssues, readShownIssues, countIssues, type FileValidation, type ValidationSession } from '../validate/index.js';
import { ingestReturn, type IngestReturnResult } from './ingest-return.js';
import { findLoggedWorkbook, readReceiptLog, RECEIVED_MANIFEST, type ReceiptLog } from './read-received.js';
import { toReceiptTime } from './submission.js';

export interface IngestFilesOptions {
  /** How each file is named in issues and output. */
  displayName: (path: string) => string;
  state?: string | undefined;
  year?: number | undefined;
  /** Overrides every receipt time (ISO, UTC); otherwise a folder's `_received.csv`, then `now`. */
  receivedAt?: string | undefined;
  /** True to correct the receipt of bytes already in to `receivedAt` (`--correct-receipt`; see IngestReturnOptions.isCorrection). */
  isCorrection?: boolean;
  archiveDir: string;
  toolVersion: string;
  now: Date;
  changeWarning: { percent: number; units: number };
  /** Entries per rule for human output (`readShownIssues`: a run of lines alike is one); every issue when undefined. */
  issuesPerRule?: number | undefined;
  /** Called as each file starts and as it moves through its phases. */
  onProgress?: (index: number, label: string) => void;
  /** Called with what the user should know that is not an issue of a file (a damaged archive copy, replaced). */
  onWarning?: (message: string) => void;
  /** Called with each file's outcome, its issues and their counts per code. */
  onFile?: (result: IngestReturnResult, issues: Issue[], counts: Map<string, number>) => void | Promise<void>;
}

/**
 * Returns the outcome of offering each file in turn (one transaction per file; a rejected file does not stop the
 * others). Receipt times come from `receivedAt`, else the `_received.csv` beside the file (a file it has no line for
 * taking the time of a logged zip that holds it), else `now`.
 */
export async function ingestFiles(store: Store, session: ValidationSession, files: readonly string[], options: IngestFilesOptions) {
  const manifests = new Map<string, ReceiptLog>();
  const results: Array<IngestReturnResult> = [];
  const threads = await threadsForFiles(store);
  try {
    for (const [index, path] of files.entries()) {
      const dir = dirname(path);
      if (!manifests.has(dir)) manifests.set(dir, await readReceiptLog(store, dir, options.now));
      const logged = options.receivedAt === undefined ? manifests.get(dir)!.times.get(basename(path)) : undefined;
      const receivedAt = options.receivedAt ?? logged ?? toReceiptTime(options.now);
      const isMissingFromLog = options.receivedAt === undefined && logged === undefined && existsSync(join(dir, RECEIVED_MANIFEST));
      const display = options.displayName(path);
      options.onProgress?.(index, display);
      await threads.forFile(path);
      const result = await ingestReturn(session, path, {
        displayName: display,
        state: options.state,
        year: options.year,
        receivedAt,
        isLoggedTime: logged !== undefined,
        viaArchive: logged === undefined ? undefined : manifests.get(dir)!.viaArchive.get(basename(path))?.archive,
        isCorrection: options.receivedAt !== undefined && options.isCorrection === true,
        // a file the log leaves out takes the time of this ingest, which the line says: it may outrank a correction logged earlier
        isMissingFromLog,
        // a CSV saved from a workbook the log dates (as the workbook's skipped line advises) has no line of its own
        loggedWorkbook: isMissingFromLog ? findLoggedWorkbook(manifests.get(dir)!.times, basename(path), files.filter((other) => dirname(other) === dir).map((other) => basename(other))) : undefined,
        archiveDir: options.archiveDir,
        toolVersion: options.toolVersion,
        now: options.now,
        changeWarning: options.changeWarning,
        onPhase: (phase) => options.onProgress?.(index, `${display} (${phase})`),
        onWarning: options.onWarning,
      });
      try {
        const validation = { issuesTable: result.issuesTable, workbook: result.workbook } as FileValidation;
        const issues = result.issuesTable === null ? [] : options.issuesPerRule === undefined ? await readIssues(session, validation) : await readShownIssues(session, validation, options.issuesPerRule);
        const counts = result.issuesTable === null ? new Map<string, number>() : await countIssues(session, validation);
        await options.onFile?.(result, issues, counts);
        results.push(result);
      } finally {
        await result.release();
      }
    }
  } finally {
    await threads.restore();
  }
  return results;
}
