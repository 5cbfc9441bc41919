/**
 * The February job, end to end: `crimetrends run`.
 *
 *   returns folder ──(1) ingest──▶ warehouse ──(2) build──▶ marts ──(3) report──▶ reports/<year>/index.html
 *                                     │                                   ▲
 *                                     └───────── (4) status: coverage ────┘
 *
 * 1. Ingest every return of the folder, one transaction per file (validated, archived, loaded or rejected).
 * 2. Build the marts from pipeline/, in one transaction.
 * 3. Write the review from the warehouse, opened read-only.
 * 4. Summarise: coverage of the group for the year, rejected files, where the review is.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from './context.js';
import { ingestFiles } from './ingest/ingest-files.js';
import { isIngestFailure } from './ingest/ingest-return.js';
import { namedReturn, offeredNameMismatch, regionNames, type RegionNames } from './ingest/name-mismatch.js';
import { findReplacingReturns, type ReplacingReturn } from './ingest/replacing-returns.js';
import { describeSubmission } from './ingest/submission.js';
import { readStatus, type ReturnStatus } from './ingest/read-status.js';
import { describeUnmatchedLog, readUnmatchedLog, RECEIVED_MANIFEST } from './ingest/read-received.js';
import { formatSkipped, listFiles, printablePath } from './io/list-files.js';
import { readReferenceFiles } from './io/read-reference.js';
import { buildMarts } from './models/index.js';
import { plural } from './report/format-number.js';
import { produceReview, type ProducedReview } from './report/produce-review.js';
import type { Config } from './schema/config.js';
import { checkConfigGroup, resolveGroup } from './schema/reference.js';
import { closeWarehouse, openWarehouse, writeReference } from './store/index.js';
import { createSession, namesReturnColumns } from './validate/index.js';

export interface RunOptions {
  year: number;
  /** Folder of returns; default `data/submissions/<year>`, else the bundled sample. */
  returns?: string | undefined;
  /** The group `--group` names (the review's and the coverage's); the config's `group` when undefined. */
  group?: string | undefined;
  outDir: string;
  warehouse: string;
  archive: string;
  referenceDir: string;
  config: Config;
  displayName: (path: string) => string;
}

/** What the job did, for the summary. */
export interface RunSummary {
  /** The group reviewed, upper-cased. */
  group: string;
  returnsDir: string;
  isSample: boolean;
  files: number;
  accepted: number;
  /**
   * Files that did not end in the warehouse as returns: with errors, or bytes loaded earlier as an import (`reason`).
   * `replacedBy`: a file with errors for whose state and year a return received after it was accepted since, so
   * nothing is left to chase (the rejected file stays in the folder, as the record of what was sent).
   */
  rejected: Array<{ file: string; errors: number; reason?: string; replacedBy?: ReplacingReturn }>;
  duplicates: number;
  /** Files newly recorded whose name names another state or year than their rows (the rows decide). */
  misnamed: Array<{ file: string; state: string | null; year: number | null; mismatch: string }>;
  /** Entries of the folder not read (a zip, a subfolder, an .xls workbook, a lock file), as listed on stderr. */
  skipped: Array<{ file: string; reason: string; hint: string }>;
  /** Files newly recorded that the folder's `_received.csv` has no line for: recorded as received now. */
  unlogged: Array<{ file: string; receivedAt: string }>;
  /**
   * Files newly recorded from a folder with no `_received.csv` at all (a return extracted from a logged zip aside):
   * received now, which decides who is late; null when the folder has a log or nothing new was recorded.
   */
  receivedNow: { files: number; receivedAt: string } | null;
  warnings: number;
  marts: number;
  status: ReturnStatus[];
  review: ProducedReview;
}

/** An accepted return received after a rejected file of the same state and reporting year. */
export type { ReplacingReturn };

/** Returns the summary of the whole February job for `options.year` (see the phase diagram above). */
export async function runPipeline(ctx: Context, options: RunOptions): Promise<RunSummary> {
  const submissions = join(ctx.root, 'data/submissions', String(options.year));
  const sample = join(ctx.root, 'data/sample/returns');
  const returnsDir = options.returns ?? (existsSync(submissions) ? submissions : sample);
  const isSample = returnsDir === sample;
  if (isSample && options.returns === undefined) ctx.logger.info(`no returns folder for ${options.year} (${options.displayName(submissions)}): using the bundled synthetic sample`);
  // the entries not read are told as they are met, and again in the summary, where a zip holding a return that the
  // coverage line calls missing would otherwise pass unseen among the warnings
  const skipped: RunSummary['skipped'] = [];
  const files = await listFiles([returnsDir], ctx.cwd, {
    isHeader: namesReturnColumns,
    onSkip: (entry) => {
      const file = printablePath(options.displayName(entry.path));
      skipped.push({ file, reason: entry.reason, hint: entry.hint });
      ctx.logger.warn(formatSkipped(entry, file));
    },
  });

  // both groups are checked before the warehouse is opened (a new one created, as it was, empty) and any file
  // ingested: the review's (--group, else the config's), and the config's, which the build takes the regional
  // medians over whatever --group says
  const reference = await readReferenceFiles(options.referenceDir, ctx.cwd);
  const group = resolveGroup(reference.groups, options.group, options.config.group);
  checkConfigGroup(reference.groups, options.config.group);
  const store = await openWarehouse(options.warehouse);
  let results;
  let built;
  let status: ReturnStatus[];
  let replacing: Map<number, ReplacingReturn>;
  let codes: RegionNames;
  try {
    await writeReference(store, reference);
    codes = regionNames(reference.states);
    // (1) ingest; a receipt logged for a file the folder lacks would leave its state missing without a word
    for (const line of await readUnmatchedLog(store, returnsDir, ctx.clock())) {
      ctx.logger.warn(describeUnmatchedLog(options.displayName(join(returnsDir, RECEIVED_MANIFEST)), line));
    }
    ctx.logger.info(`ingesting ${plural(files.length, 'file')} from ${options.displayName(returnsDir)}`);
    results = await ingestFiles(store, await createSession(store, reference), files, {
      displayName: options.displayName,
      archiveDir: options.archive,
      onWarning: (message) => ctx.logger.warn(message),
      toolVersion: ctx.toolVersion,
      now: ctx.clock(),
      changeWarning: options.config.changeWarning,
      issuesPerRule: 0,
    });
    // a file of no one state is matched on the state and year its name names (an empty UKR_2025.csv beside Ukraine's return)
    replacing = await findReplacingReturns(store, results.filter((r) => r.outcome === 'rejected').map((r) => ({ submissionId: r.submissionId, named: r.state === null ? namedReturn(r.file, r.year, codes) : null })));
    // (2) build
    ctx.logger.info('building the marts');
    built = await buildMarts(store, { root: ctx.root, config: options.config, reference });
    // (4) coverage, read before the warehouse is handed to the report
    status = await readStatus(store, reference, options.year, group, options.config.deadline);
  } finally {
    await closeWarehouse(store, (message) => ctx.logger.warn(message));
  }
  // (3) report
  ctx.logger.info(`writing the review for ${options.year}`);
  const review = await produceReview(ctx, {
    warehouse: options.warehouse,
    referenceDir: options.referenceDir,
    config: options.config,
    year: options.year,
    group,
    outDir: options.outDir,
    isPdf: false,
  });
  return {
    group,
    returnsDir,
    isSample,
    files: files.length,
    accepted: results.filter((r) => r.outcome === 'accepted').length,
    rejected: results.filter(isIngestFailure).map((r) => {
      if (r.outcome !== 'rejected' && r.earlier !== null) return { file: r.file, errors: 0, reason: `loaded earlier as ${describeSubmission(r.earlier)}` };
      const replacedBy = replacing.get(r.submissionId);
      return replacedBy === undefined ? { file: r.file, errors: r.errors } : { file: r.file, errors: r.errors, replacedBy };
    }),
    duplicates: results.filter((r) => r.outcome === 'duplicate' && !isIngestFailure(r)).length,
    misnamed: results.flatMap((r) => {
      const mismatch = offeredNameMismatch(r, codes);
      return mismatch === null ? [] : [{ file: r.file, state: r.state, year: r.year, mismatch }];
    }),
    skipped,
    unlogged: results.filter((r) => r.isMissingFromLog).map((r) => ({ file: r.file, receivedAt: r.receivedAt })),
    receivedNow: receivedNowWithoutLog(returnsDir, results),
    warnings: results.reduce((sum, r) => sum + r.warnings, 0),
    marts: built.marts.length,
    status,
    review,
  };
}

/**
 * Returns how many files of `results` were newly recorded as received now because the folder has no receipt log at
 * all, and that time; null when it has one (whose missing lines each file's `unlogged` entry tells) or none was.
 */
function receivedNowWithoutLog(returnsDir: string, results: ReadonlyArray<{ outcome: string; earlier: unknown; viaArchive: string | null; receivedAt: string }>): RunSummary['receivedNow'] {
  if (existsSync(join(returnsDir, RECEIVED_MANIFEST))) return null;
  const recorded = results.filter((r) => (r.outcome === 'accepted' || (r.outcome === 'rejected' && r.earlier === null)) && r.viaArchive === null);
  return recorded.length === 0 ? null : { files: recorded.length, receivedAt: recorded.map((r) => r.receivedAt).sort().at(-1)! };
}
