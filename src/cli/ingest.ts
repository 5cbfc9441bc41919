import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Context } from '../context.js';
import { isIngestFailure, type IngestReturnResult } from '../ingest/ingest-return.js';
import { displayFileName } from '../ingest/archive-file.js';
import { findInForce, parseReceivedAt, type InForceRecord } from '../ingest/submission.js';
import { ConfigError } from '../errors.js';
import { ingestFiles } from '../ingest/ingest-files.js';
import { describeUnmatchedLog, readUnmatchedLog, RECEIVED_MANIFEST } from '../ingest/read-received.js';
import { offeredNameMismatch, regionNames } from '../ingest/name-mismatch.js';
import { daysAfterDeadline, deadlineDay } from '../ingest/read-status.js';
import { formatSkipped, listFiles, printablePath } from '../io/list-files.js';
import { readReferenceFiles } from '../io/read-reference.js';
import { createCountryResolver } from '../schema/resolve-country.js';
import { resolveStateOption } from '../schema/resolve-state-option.js';
import { checkConfigGroup } from '../schema/reference.js';
import { closeWarehouse, openWarehouse, writeReference, type Store } from '../store/index.js';
import { createSession, namesReturnColumns } from '../validate/index.js';
import { paint, toJson } from './output.js';
import { formatIssues, plural, SHOWN_PER_RULE, takenFor } from './print-issues.js';
import { describeDuplicate } from './describe-duplicate.js';
import { reOfferListing, type ReOfferListing } from './describe-re-offer.js';
import { onInterrupt } from './on-interrupt.js';
import { createProgress } from './progress.js';
import type { CommonOptions } from './program.js';
import { displayPath, resolveSetup } from './setup.js';

export interface IngestOptions extends CommonOptions {
  year?: number;
  state?: string;
  receivedAt?: string;
  correctReceipt?: boolean;
}

/**
 * `crimetrends ingest FILE|DIR...`: validates, archives and loads each return, one transaction per file.
 * Returns 0 when every file was accepted (or was already in), 1 when any was rejected.
 */
export async function ingestAction(ctx: Context, paths: string[], options: IngestOptions): Promise<number> {
  const setup = await resolveSetup(ctx, options);
  const receivedAt = options.receivedAt === undefined ? undefined : parseReceivedAt(options.receivedAt, ctx.clock());
  if (options.correctReceipt) checkCorrection(paths, ctx.cwd, receivedAt);
  const skipped: Array<Record<string, string>> = [];
  const told = new Set<string>();
  // a file reached twice (a folder and a file in it, `in` and `./in/`) is offered once: one line, not a second
  // "already in the warehouse" for the bytes this same command loaded
  const files = [...new Set(await listFiles(paths, ctx.cwd, {
    isHeader: namesReturnColumns,
    onSkip: (entry) => {
      if (told.has(entry.path)) return;
      told.add(entry.path);
      const file = printablePath(displayPath(ctx, entry.path));
      if (options.json) skipped.push({ code: 'FILE_SKIPPED', file, reason: entry.reason, hint: entry.hint });
      else ctx.logger.warn(formatSkipped(entry, file));
    },
  }))];
  // the config's group decides what each file's line says: an unknown one stops before the warehouse is opened
  const reference = await readReferenceFiles(setup.reference, ctx.cwd);
  checkConfigGroup(reference.groups, setup.config.group);
  // read as validate reads it: a name is its state's code; a state outside the region (or UNK) stops with
  // UNKNOWN_STATE, before the warehouse is opened (or created)
  const state = options.state === undefined ? undefined : resolveStateOption(createCountryResolver(reference.states, reference.countryAliases), reference.states, options.state);
  const store = await openWarehouse(setup.warehouse);
  // Ctrl-C: what is in the warehouse then is every file done, and the one in progress wholly or not at all
  let done = 0;
  let current: string | undefined;
  const release = onInterrupt(() => describeInterrupted(done, files.length, current));
  try {
    await writeReference(store, reference);
    const session = await createSession(store, reference);
    // a receipt logged for a file the folder lacks (saved elsewhere): its state would stay missing without a word
    const unmatched: Array<Record<string, string>> = [];
    if (receivedAt === undefined) {
      for (const dir of offeredFolders(paths, ctx.cwd)) {
        for (const line of await readUnmatchedLog(store, dir, ctx.clock())) {
          const log = printablePath(displayPath(ctx, join(dir, RECEIVED_MANIFEST)));
          if (options.json) unmatched.push({ code: 'MANIFEST_UNMATCHED', log, file: line.file, received_at: line.received_at });
          else ctx.logger.warn(describeUnmatchedLog(log, line));
        }
      }
    }
    const codes = regionNames(reference.states);
    const isLong = files.length >= 5 || files.some((f) => statSync(f).size > 10_000_000);
    const progress = createProgress(files.length, ctx.isInteractive && isLong && !options.json);
    const results: Array<Record<string, unknown>> = [];
    let hasFailed = false;
    await ingestFiles(store, session, files, {
      // a name with a line break or other control character is shown escaped, so that each message stays one line
      displayName: (path) => printablePath(displayPath(ctx, path)),
      state,
      year: options.year,
      receivedAt,
      isCorrection: options.correctReceipt === true,
      archiveDir: setup.archive,
      onWarning: (message) => ctx.logger.warn(message),
      toolVersion: ctx.toolVersion,
      now: ctx.clock(),
      changeWarning: setup.config.changeWarning,
      // every issue is in validation_issue; human output shows the first entries of each rule and counts the rest,
      // --json lists every issue (as validate --json does)
      issuesPerRule: options.json ? undefined : SHOWN_PER_RULE,
      onProgress: (index, label) => {
        current = printablePath(displayPath(ctx, files[index]!));
        progress.update(index, label);
      },
      onFile: async (result, issues, counts) => {
        done += 1;
        current = undefined;
        hasFailed ||= isIngestFailure(result);
        const mismatch = offeredNameMismatch(result, codes);
        const reOffer = reOfferListing(result, codes);
        const timing = receiptTiming(result, setup.config.deadline, await isFirstReceipt(store, result));
        const inForce = await readInForce(store, result);
        const tied = await readTied(store, result);
        const notes = noteWhat(result, counts, reference.states, setup.config.group);
        if (options.json) {
          const { earlier } = result;
          results.push({
            file: result.file, outcome: result.outcome, submission_id: result.submissionId, state: result.state, states: result.states, year: result.year,
            rows: result.rows, accepted: result.accepted, errors: result.errors, warnings: result.warnings,
            superseded: result.superseded, superseded_by: result.supersededBy?.submissionId ?? null, sha256: result.sha256, received_at: result.receivedAt,
            logged_time_of: result.loggedTimeOf === null ? null : { submission_id: result.loggedTimeOf.submissionId, logged_at: result.loggedTimeOf.loggedAt },
            missing_from_log: result.isMissingFromLog,
            logged_workbook: result.loggedWorkbook === null ? null : { file: result.loggedWorkbook.file, received_at: result.loggedWorkbook.receivedAt },
            received_with_archive: result.viaArchive, same_rows_as: result.sameRowsAs,
            receipt_corrected: toCorrectionJson(result), re_offer: reOffer,
            earlier: earlier === null ? null : {
              submission_id: earlier.submission_id, source: earlier.source, dataset: earlier.dataset, outcome: earlier.outcome, received_at: earlier.received_at,
            },
            in_force: inForce, superseded_same_time: tied.map((t) => t.submission_id),
            outside_group: notes.outsideGroup, unfilled: notes.isUnfilled,
            message: describe(result, false, mismatch, timing, inForce, notes, tied, reOffer).slice(result.file.length + 2), name_mismatch: mismatch,
            days_after_deadline: timing.daysAfterDeadline, deadline: timing.deadline, year_not_over: timing.isYearNotOver,
            issue_counts: Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b, 'en'))),
            issues: issues.map(({ file: _file, ...issue }) => issue),
          });
        } else {
          progress.done();
          ctx.out(`${describe(result, ctx.useColour, mismatch, timing, inForce, notes, tied, reOffer)}\n`);
          if (issues.length > 0) ctx.out(`${formatIssues(issues, counts, ctx.useColour)}\n`);
        }
      },
    });
    progress.done();
    if (options.json) ctx.out(toJson({ ok: !hasFailed, command: 'ingest', outputs: [setup.warehouse], files: results, skipped, unmatched_log: unmatched }));
    return hasFailed ? 1 : 0;
  } finally {
    release();
    await closeWarehouse(store, (message) => ctx.logger.warn(message));
  }
}

/**
 * Checks that `--correct-receipt` names what to correct: a time (`--received-at`) and files, one by one; a folder would
 * give every file in it one receipt time.
 *
 * @throws ConfigError `USAGE_ERROR` without --received-at, or for a folder
 */
function checkCorrection(paths: readonly string[], cwd: string, receivedAt: string | undefined): void {
  if (receivedAt === undefined) {
    throw new ConfigError('USAGE_ERROR', '--correct-receipt: expected --received-at, the time the state sent the file, found none', {
      hint: 'crimetrends ingest "GEO_2025 (corrected).csv" --received-at 2026-01-20T15:00:00Z --correct-receipt',
    });
  }
  const folder = paths.find((p) => statSync(resolve(cwd, p), { throwIfNoEntry: false })?.isDirectory() === true);
  if (folder !== undefined) {
    throw new ConfigError('USAGE_ERROR', `--correct-receipt: expected the files whose receipt to correct, found the folder ${printablePath(folder)}`, {
      location: { file: folder },
      hint: 'name each file whose receipt time is wrong: one --received-at for a whole folder would give all its files one time',
    });
  }
}

/** Returns the receipt correction of the same bytes offered again with another --received-at, as --json gives it. */
function toCorrectionJson({ receiptCorrection: c }: IngestReturnResult): Record<string, unknown> | null {
  return c === null ? null : { submission_id: c.submissionId, from: c.from, to: c.to, in_force_before: c.inForceBefore, in_force_after: c.inForceAfter };
}

/** Returns the folders among the offered paths, absolute, each once. */
function offeredFolders(paths: readonly string[], cwd: string): string[] {
  return [...new Set(paths.map((p) => resolve(cwd, p)).filter((p) => statSync(p, { throwIfNoEntry: false })?.isDirectory() === true))];
}

/** Returns what an interrupted ingest kept, for the one line on Ctrl-C. */
function describeInterrupted(done: number, total: number, current: string | undefined): string {
  const kept = `${done} of ${plural(total, 'file')} done and kept`;
  const inProgress = current === undefined ? '' : `; ${current}, in progress, is in the warehouse wholly or not at all`;
  return `${kept}${inProgress}; run the same ingest again to finish (a file already in is skipped)`;
}

/** When a recorded return arrived against its year: after the deadline, or before its year was even over. */
interface ReceiptTiming {
  /** The deadline of the return's reporting year (YYYY-MM-DD), null when no year could be taken from the rows. */
  deadline: string | null;
  /** Whole days (begun) after the end of the deadline day; null when on time or not a recorded return. */
  daysAfterDeadline: number | null;
  /** The rows report a year that had not ended when the file was received (TIME_PERIOD 2026 received in 2026). */
  isYearNotOver: boolean;
}

/**
 * Returns when the file arrived against its reporting year's deadline (`MM-DD` of the following year, end of day,
 * UTC, as `status` judges it, on the state's first receipt for the year: a later version is a resend, not a late
 * return) and whether that year was over at receipt: a return for the current year is almost
 * always a mistyped TIME_PERIOD, which the coordinator should query with the state before the year's return is due.
 */
export function receiptTiming(result: IngestReturnResult, deadline: string, isFirst: boolean): ReceiptTiming {
  if (!isFirst || result.outcome === 'duplicate' || (result.outcome === 'rejected' && result.earlier !== null) || result.year === null) return { deadline: null, daysAfterDeadline: null, isYearNotOver: false };
  const late = daysAfterDeadline(result.year, deadline, result.receivedAt);
  return {
    deadline: deadlineDay(result.year, deadline),
    daysAfterDeadline: late > 0 ? late : null,
    isYearNotOver: result.year >= Number(result.receivedAt.slice(0, 4)),
  };
}

/** Returns whether the file is the first its state sent for its year (no other version received before it). */
async function isFirstReceipt(store: Store, result: IngestReturnResult): Promise<boolean> {
  if (result.outcome === 'duplicate' || result.state === null || result.year === null) return true;
  const earlier = await store.all<{ n: number }>(
    `select count(*)::integer as n from submission where source = 'RETURN' and ref_area = $state and reporting_year = $year
       and submission_id <> $id and received_at <= cast($at as timestamp)`,
    { state: result.state, year: result.year, id: result.submissionId, at: result.receivedAt.replace('T', ' ').replace(/Z$/, '') },
  );
  return earlier[0]!.n === 0;
}

/** What else the coordinator should know of a recorded file. */
interface Notes {
  /** The state's groups when it is not a member of the configured group (a return of BIH for a BSEC review). */
  outsideGroup: { state: string; group: string; groups: string[] } | null;
  /** Every row lacks its value (VALUE_MISSING on each): the template sent back unfilled. */
  isUnfilled: boolean;
}

function noteWhat(result: IngestReturnResult, counts: Map<string, number>, states: ReadonlyArray<{ iso3: string; groups: string[] }>, group: string): Notes {
  if (result.outcome === 'duplicate') return { outsideGroup: null, isUnfilled: false };
  const state = states.find((s) => s.iso3 === result.state);
  const upper = group.toUpperCase();
  return {
    outsideGroup: state === undefined || state.groups.includes(upper) ? null : { state: state.iso3, group: upper, groups: state.groups },
    isUnfilled: result.rows > 0 && counts.get('VALUE_MISSING') === result.rows,
  };
}

/**
 * Returns, for the same bytes offered again as a version since superseded (an old file resent after its correction),
 * the version of its state and year in force now; null otherwise.
 */
async function readInForce(store: Store, result: IngestReturnResult): Promise<InForceRecord | null> {
  return findInForce(store, result.outcome === 'duplicate' && result.receiptCorrection === null ? result.earlier : null);
}

/**
 * Returns the versions this file superseded that were received at the same moment (two versions in one folder, no
 * `_received.csv` line, no --received-at): the greater file name decided, which says nothing of which is newer.
 */
async function readTied(store: Store, result: IngestReturnResult): Promise<Array<{ submission_id: number; file_name: string }>> {
  if (result.superseded.length === 0) return [];
  return store.all<{ submission_id: number; file_name: string }>(
    `select submission_id, file_name from submission
     where submission_id in (${result.superseded.map(Number).join(', ')}) and received_at = cast($at as timestamp) order by submission_id`,
    { at: result.receivedAt },
  );
}

function describe(result: IngestReturnResult, useColour: boolean, mismatch: string | null, timing: ReceiptTiming, inForce: InForceRecord | null, notes: Notes, tied: ReadonlyArray<{ submission_id: number; file_name: string }>, reOffer: ReOfferListing | null): string {
  const { bold, green, red, yellow } = paint(useColour);
  const { earlier } = result;
  const day = (at: string): string => at.slice(0, 10);
  // a misnamed file, or another state's or year's rows sent under this name (the same bytes too: last year's return
  // sent again as this year's, so the state's return is still to come): the rows decide, the line says so
  const named = mismatch === null ? '' : yellow(`; ${mismatch}: check that this is the file the state meant to send`);
  if (result.outcome === 'duplicate' && earlier !== null) return describeDuplicate(result, useColour, named, inForce, reOffer);
  const what = `${plural(result.rows, 'row')}, ${plural(result.errors, 'error')}, ${plural(result.warnings, 'warning')}`;
  if (result.outcome === 'rejected' && earlier !== null) {
    const c = result.receiptCorrection;
    const corrected = c === null ? '' : yellow(`; receipt corrected from ${c.from} to ${c.to} (the time before is kept in receipt_correction)`);
    return `${bold(result.file)}: ${what} — ${red(`already offered and rejected (submission ${earlier.submission_id}, ${day(c?.from ?? earlier.received_at)}); it still has errors: nothing recorded`)}${corrected}`;
  }
  const verdict = result.outcome === 'accepted'
    ? green(`accepted as submission ${result.submissionId}${takenFor(result.state, result.year, result.states)}`)
    : red(`rejected (submission ${result.submissionId} records why)`);
  // rows of other states: in a state's return (a mistyped REF_AREA) they count where theirs gives no figure; in a
  // file with no main state (an export) the file is no one state's return, as status shows it
  const others = result.states.filter((s) => s !== result.state);
  const several = result.outcome !== 'accepted' || result.states.length < 2
    ? ''
    : result.state === null
      ? yellow("; no one state's return: status counts it for none, and each state's own return outranks its rows here")
      : yellow(`; its rows of ${others.join(', ')} count only where ${others.length === 1 ? 'that state\'s' : 'each state\'s'} own return gives no figure`);
  const before = earlier === null ? '' : ` (offered before as submission ${earlier.submission_id} and rejected then)`;
  // a tie on the receipt time goes to the greater file name ("GEO_2025.csv" over "GEO_2025 (corrected).csv"): say so
  const sameTime = tied.length === 0
    ? ''
    : yellow(`, received at the same moment as ${tied.map((t) => t.file_name).join(', ')}: a tie goes to the greater file name, which says nothing of which is newer; check with ${result.state ?? 'the state'} which version it sent last (give each version its receipt time in _received.csv before ingesting versions together; to put another in force, correct its receipt: crimetrends ingest FILE --received-at TIME --correct-receipt)`);
  const supersedes = result.superseded.length > 0 ? `; supersedes submission ${result.superseded.join(', ')}${sameTime}` : '';
  // the same return in other bytes (saved again: line endings, a byte-order mark, quoting): no figure changed, which a
  // coordinator expecting a correction must know
  const same = result.sameRowsAs === null
    ? ''
    : yellow(`; the same rows as submission ${result.sameRowsAs}, in other bytes (line endings, a byte-order mark, quoting): no figure changed; if ${result.state ?? 'the state'} meant to correct its return, ask for the corrected file`);
  const by = result.supersededBy;
  const older = by === null
    ? ''
    : yellow(by.isSameTime
      ? `; superseded on arrival: received the same day and time as submission ${by.submissionId} (${by.fileName}), which stays in force (${
        by.fileName === displayFileName(result.file) ? 'the same name too: the greater sha256 decides, which says nothing of which is newer; give --received-at' : 'a tie goes to the greater file name'})`
      : `; superseded on arrival: received ${day(result.receivedAt)}, before submission ${by.submissionId} (received ${day(by.receivedAt)}), which stays in force`);
  const logged = result.loggedTimeOf === null
    ? ''
    : yellow(`; _received.csv's time for this name, ${result.loggedTimeOf.loggedAt}, is the receipt of submission ${result.loggedTimeOf.submissionId} (other bytes): recorded as received now, ${result.receivedAt}`);
  const viaArchive = result.viaArchive === null
    ? ''
    : `; not in _received.csv by name: received in ${result.viaArchive}, which holds the same bytes, so it takes the archive's logged time, ${result.receivedAt}`;
  // the log is the coordinator's record of receipts: a name it lacks (a line forgotten) would otherwise pass unseen,
  // and now outranks every logged time, an older version's included
  const unlogged = !result.isMissingFromLog
    ? ''
    : yellow(`; not in _received.csv: recorded as received now, ${result.receivedAt}, later than every time the log gives (add its line before ingesting, or give --received-at)${
      result.loggedWorkbook === null ? '' : `; the log dates ${result.loggedWorkbook.file} ${result.loggedWorkbook.receivedAt}: if this is that workbook saved as CSV, give it that time: crimetrends ingest ${quoteArgument(result.file)} --received-at ${result.loggedWorkbook.receivedAt} --correct-receipt`}`);
  // a misnamed file (last year's return sent again) is first a question to the state: its lateness would mislead
  const late = timing.daysAfterDeadline === null || mismatch !== null
    ? ''
    : yellow(`; received ${day(result.receivedAt)}, ${plural(timing.daysAfterDeadline, 'day')} after the deadline ${timing.deadline}${result.outcome === 'accepted' ? `: a review written before it does not hold it; crimetrends run --year ${result.year} again to publish it` : ''}`);
  const receivedYear = Number(result.receivedAt.slice(0, 4));
  // a year not yet begun at receipt (--received-at 1990-01-01 for a 2025 return) is a wrong receipt time, not a typo of the state's
  const early = !timing.isYearNotOver || mismatch !== null
    ? ''
    : result.year !== null && result.year > receivedYear
      ? yellow(`; the rows report ${result.year}, a year not begun when the file was received (${day(result.receivedAt)}): check the receipt time (--received-at, _received.csv)`)
      : yellow(`; the rows report ${result.year}, a year not over when the file was received (${day(result.receivedAt)}): check that the state did not mean ${receivedYear - 1} (TIME_PERIOD)`);
  const { outsideGroup } = notes;
  const outside = outsideGroup === null
    ? ''
    : yellow(`; ${outsideGroup.state} is not a member of ${outsideGroup.group}, the group chased and reviewed (config group): kept, it counts for ${outsideGroup.groups.length > 0 ? outsideGroup.groups.join(', ') : 'no group'}`);
  const unfilled = notes.isUnfilled ? red('; no row has a value: the template came back unfilled, ask the state for its figures') : '';
  return `${bold(result.file)}: ${what} — ${verdict}${several}${unfilled}${named}${logged}${viaArchive}${unlogged}${before}${supersedes}${same}${older}${late}${early}${outside}`;
}

/**
 * Returns a file name as a shell takes it: as it is when plain, else in double quotes.
 *
 * @example quoteArgument('in/ALB 2025.csv') // '"in/ALB 2025.csv"'
 */
function quoteArgument(name: string): string {
  return /^[\w./+,:@%-]+$/.test(name) ? name : `"${name.replace(/(["\\$`])/g, '\\$1')}"`;
}
