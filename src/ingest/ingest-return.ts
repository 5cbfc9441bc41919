import { hashFile } from '../io/hash-file.js';
import { hasCurrentValues, planSupersession, quoteIdent, refreshCurrent, type Store } from '../store/index.js';
import type { ValidationSession } from '../validate/index.js';
import { dropValidation, validateFile, type FileValidation, type ValidateFileOptions } from '../validate/index.js';
import { movedLines, sheetCellsSql } from '../validate/read-return.js';
import { archiveFile, displayFileName } from './archive-file.js';
import { correctReceipt, type ReceiptCorrection } from './correct-receipt.js';
import { recordReOffer, type ReOfferOutcome } from './record-re-offer.js';
import { classifyDuplicate, findReceiptClash, findSubmissionBySha, insertSubmission, nextSubmissionId, toReceiptTime, type SubmissionRecord } from './submission.js';

/** How to validate the file (as `validate` does, always against the warehouse's previous values), and where it goes. */
export interface IngestReturnOptions extends Omit<ValidateFileOptions, 'previous' | 'compareWith'> {
  /** When the file was received (ISO timestamp, UTC). */
  receivedAt: string;
  /**
   * True when `receivedAt` comes from a receipt log (`_received.csv`) by file name. A log has one time per name: when
   * that time is already the receipt of other bytes under this name (a corrected file saved over the first in the
   * folder, the log left as it was), it is that file's receipt, not this one's, and this file is recorded as received
   * `now` (else the tie on time and name would go to the greater sha256, and the correction could lose to the file it
   * corrects).
   */
  isLoggedTime?: boolean;
  /** The zip archive whose logged time `receivedAt` is, when the log has no line for this file but the zip holds it. */
  viaArchive?: string | undefined;
  /**
   * True when `receivedAt` corrects the recorded receipt of these bytes (`--correct-receipt`): the same bytes already
   * in the warehouse with another receipt time take this one (see correctReceipt), where they were a no-op and a tie the
   * coordinator had settled with the state could not be recorded. Without it the same bytes stay a no-op whatever the
   * time: an old version resent, or last year's return sent again, is never a later receipt of those bytes.
   */
  isCorrection?: boolean;
  /** True when the folder has a receipt log (`_received.csv`) without this file's name, so `receivedAt` is `now`. */
  isMissingFromLog?: boolean;
  /** For a file missing from the log: the workbook the log dates under its name but for the extension, and its time. */
  loggedWorkbook?: { file: string; receivedAt: string } | undefined;
  archiveDir: string;
  toolVersion: string;
  /** Reports a phase of a long file ("checking", "loading"). */
  onPhase?: (phase: string) => void;
  /** Reports what the user should know that is not an issue of the file (a damaged archive copy, replaced). */
  onWarning?: (message: string) => void;
}

/** What became of one offered file. */
export interface IngestReturnResult {
  file: string;
  sha256: string;
  /**
   * accepted: loaded (possibly superseded on arrival, see `supersededBy`); rejected: has errors (recorded, or — when
   * `earlier` is set — offered and rejected before, and nothing new recorded); duplicate: the same bytes are in the
   * warehouse already (`earlier` says as what).
   */
  outcome: 'accepted' | 'rejected' | 'duplicate';
  /** The new submission, or for a duplicate or a re-offered rejected file the earlier one. */
  submissionId: number;
  state: string | null;
  /** The states the rows report, in the order of their first row (several: no one state's return). */
  states: string[];
  year: number | null;
  rows: number;
  accepted: number;
  errors: number;
  warnings: number;
  /** Earlier submissions this one superseded. */
  superseded: number[];
  /** For an accepted file received before the version in force: that version, which stays in force. */
  supersededBy: { submissionId: number; receivedAt: string; fileName: string; isSameTime: boolean } | null;
  /** The earlier submission of the same bytes, if any. */
  earlier: SubmissionRecord | null;
  /** The receipt time recorded (ISO, UTC). */
  receivedAt: string;
  /** When the logged time was another version's receipt and `now` was recorded instead: that version and the logged time. */
  loggedTimeOf: { submissionId: number; loggedAt: string } | null;
  /** The logged zip archive whose time this new file took (extracted from it, the log has no line for it), or null. */
  viaArchive: string | null;
  /**
   * The submission this one superseded when its rows are the same (every series, value, flag and comment): the same
   * return in other bytes (line endings, a byte-order mark, quoting), so nothing changed; null otherwise.
   */
  sameRowsAs: number | null;
  /** True when the folder's receipt log has no line for this new file, which was recorded as received now. */
  isMissingFromLog: boolean;
  /** For a new file missing from the log: the workbook the log dates under its name but for the extension, or null. */
  loggedWorkbook: { file: string; receivedAt: string } | null;
  /** For the same bytes offered again with another `--received-at` (see IngestReturnOptions.isCorrection): what changed. */
  receiptCorrection: ReceiptCorrection | null;
  /**
   * For the same bytes offered under a name that says another state or year than their rows (last year's return sent
   * again as this year's): `recorded` in `re_offer` now, `kept` there from an earlier offer; null otherwise.
   */
  reOffer: ReOfferOutcome;
  /** The validation, for printing its issues; its temporary tables are dropped by the caller via `release`. */
  release: () => Promise<void>;
  issuesTable: string | null;
  /** The sheet a return sent as a workbook was read from, for locating its issues (see locateInSheet); null for a CSV. */
  workbook: FileValidation['workbook'];
}

/** True when the file did not end in the warehouse as a return: it has errors, or its bytes were loaded as an import. */
export function isIngestFailure(result: Pick<IngestReturnResult, 'outcome' | 'earlier'>): boolean {
  return result.outcome === 'rejected' || (result.outcome === 'duplicate' && result.earlier !== null && classifyDuplicate(result.earlier, 'RETURN') === 'other-source');
}

/**
 * Returns the outcome of offering one return to the warehouse: validated exactly as `validate` does (with the
 * year-on-year check against the warehouse), archived by content hash, then recorded in one transaction — the
 * submission row, its issues, and (when it has no error) its rows. Among the accepted returns of a state and reporting
 * year the latest received is in force, whatever the order of ingestion: a file received after the one in force
 * supersedes it; a file received before it is recorded as superseded on arrival (ties on the receipt time go to the
 * greater file name, then the greater sha256, so that every order of ingestion ends the same).
 *
 * The same bytes offered again are a no-op (under a name that says another state or year than their rows, the offer
 * alone is kept in `re_offer`: see recordReOffer); bytes offered and rejected before are checked again (the reference data
 * or the options may have changed) and recorded only if they now pass; bytes loaded as an import are reported.
 */
export async function ingestReturn(session: ValidationSession, path: string, options: IngestReturnOptions): Promise<IngestReturnResult> {
  const { store } = session;
  const { sha256 } = await hashFile(path);
  const earlier = (await findSubmissionBySha(store, sha256, 'RETURN')) ?? null;
  if (earlier !== null && classifyDuplicate(earlier, 'RETURN') !== 'rejected') {
    // the same bytes at the same time stay a no-op; at another time given for this file, the receipt is corrected
    const receiptCorrection = classifyDuplicate(earlier, 'RETURN') === 'same' ? await correctIfAsked(store, earlier, options) : null;
    // under a name that says another state or year than the rows (last year's return sent again as this year's): kept
    // in re_offer, so that status shows the state sent something
    const reOffer = receiptCorrection !== null ? null : await recordReOffer(store, { file: path, sha256, receivedAt: options.receivedAt, earlier }, session.reference.states, { now: toReceiptTime(options.now), toolVersion: options.toolVersion });
    return {
      file: options.displayName, sha256, outcome: 'duplicate', submissionId: earlier.submission_id, state: earlier.ref_area,
      states: earlier.ref_area === null ? [] : [earlier.ref_area], year: earlier.reporting_year, rows: earlier.rows_total, accepted: 0, errors: 0, warnings: 0, superseded: [], supersededBy: null,
      earlier, release: async () => undefined, issuesTable: null, workbook: null, receivedAt: options.receivedAt, loggedTimeOf: null, viaArchive: null, isMissingFromLog: false, loggedWorkbook: null,
      sameRowsAs: null, receiptCorrection, reOffer,
    };
  }
  const fileName = displayFileName(path);
  let receivedAt = options.receivedAt;
  let loggedTimeOf: IngestReturnResult['loggedTimeOf'] = null;
  if (options.isLoggedTime) {
    const clash = await findReceiptClash(store, { fileName, receivedAt: options.receivedAt, sha256 });
    if (clash !== undefined) {
      receivedAt = toReceiptTime(options.now);
      loggedTimeOf = { submissionId: clash, loggedAt: options.receivedAt };
    }
  }
  options.onPhase?.('checking');
  const validation = await validateFile(session, path, {
    displayName: options.displayName,
    state: options.state,
    year: options.year,
    now: options.now,
    changeWarning: options.changeWarning,
    compareWith: { schema: '', receivedAt, fileName, sha256 },
  });
  const release = (): Promise<void> => dropValidation(session, validation);
  const isAccepted = validation.errors === 0;
  const { state, year } = await fileStateAndYear(session, validation, options);
  const base = {
    file: options.displayName, sha256, state, states: validation.states, year, rows: validation.rows, errors: validation.errors,
    warnings: validation.warnings, earlier, release, issuesTable: validation.issuesTable, workbook: validation.workbook, receivedAt, loggedTimeOf,
    viaArchive: loggedTimeOf === null ? options.viaArchive ?? null : null,
    isMissingFromLog: options.isMissingFromLog === true, loggedWorkbook: options.loggedWorkbook ?? null, receiptCorrection: null, reOffer: null,
  };
  if (earlier !== null && !isAccepted) {
    // offered and rejected before, and still has errors: nothing new to record, but its receipt may be corrected (when
    // the file was sent decides whether status says it was sent on time)
    return {
      ...base, outcome: 'rejected', submissionId: earlier.submission_id, accepted: 0, superseded: [], supersededBy: null, sameRowsAs: null,
      receiptCorrection: await correctIfAsked(store, earlier, options),
    };
  }
  try {
    options.onPhase?.('archiving');
    await archiveFile(options.archiveDir, path, sha256, options.onWarning);
    options.onPhase?.('loading');
    const written = await store.transaction(async () => {
      const id = await nextSubmissionId(store);
      const { later, replaced: supersede } = isAccepted && state !== null && year !== null
        ? await planSupersession(store, { state, year, receivedAt, fileName, sha256 })
        : { later: undefined, replaced: [] };
      const replaced = supersede.length > 0
        ? await store.all<{ submission_id: number }>(
            `update submission set outcome = 'superseded', superseded_by = $id
             where submission_id in (${supersede.join(', ')}) returning submission_id`,
            { id },
          )
        : [];
      const record: SubmissionRecord = {
        submission_id: id, source: 'RETURN', dataset: null, ref_area: state, reporting_year: year,
        file_name: fileName, sha256, size_bytes: validation.sizeBytes, received_at: receivedAt,
        outcome: !isAccepted ? 'rejected' : later === undefined ? 'accepted' : 'superseded', superseded_by: later?.submission_id ?? null,
        rows_total: validation.rows, rows_accepted: isAccepted ? validation.accepted : 0, errors: validation.errors, warnings: validation.warnings,
        tool_version: options.toolVersion,
      };
      await insertSubmission(store, record);
      // the warehouse names the file by its base name, as submission.file_name does: never the path it was offered from;
      // a workbook's issues keep their sheet and cell, which status shows as validate does
      const located = await sheetCellsSql(store, validation.issuesTable, validation.workbook);
      await store.run(
        `insert into validation_issue (submission_id, code, severity, file, line, "column", value, message, hint, sheet, cell)
         select $id, i.code, i.severity, case when i.file = $display then $name else i.file end, i.line, i."column", i.value, i.message, i.hint, ${located.select}
         from ${quoteIdent(validation.issuesTable)} as i ${located.join}`,
        { id, display: options.displayName, name: fileName },
      );
      if (isAccepted) await insertRows(store, validation, id, replaced.map((r) => r.submission_id), later !== undefined);
      return {
        id, replaced: replaced.map((r) => r.submission_id),
        supersededBy: later === undefined ? null : { submissionId: later.submission_id, receivedAt: later.received_at, fileName: later.file_name, isSameTime: later.is_same_time },
      };
    });
    const [replaced] = written.replaced;
    return {
      ...base, outcome: isAccepted ? 'accepted' : 'rejected', submissionId: written.id, accepted: isAccepted ? validation.accepted : 0,
      superseded: written.replaced, supersededBy: written.supersededBy,
      sameRowsAs: written.replaced.length === 1 && replaced !== undefined && (await hasSameRows(store, written.id, replaced)) ? replaced : null,
    };
  } catch (error) {
    await release();
    throw error;
  }
}

/** Corrects the receipt of `earlier` to `options.receivedAt` when asked (`--correct-receipt`) and the times differ. */
async function correctIfAsked(store: Store, earlier: SubmissionRecord, options: IngestReturnOptions): Promise<ReceiptCorrection | null> {
  if (options.isCorrection !== true || toReceiptTime(new Date(earlier.received_at)) === options.receivedAt) return null;
  return correctReceipt(store, earlier, options.receivedAt, { now: toReceiptTime(options.now), toolVersion: options.toolVersion });
}

/** Returns true when two submissions hold the same rows, line numbers aside (each series, value, flags, comment). */
async function hasSameRows(store: Store, a: number, b: number): Promise<boolean> {
  const rows = (id: string): string =>
    `select ref_area, time_period, indicator, sex, age, counterpart_area, breakdown, obs_value, obs_status, conf_status, comment
     from observation where submission_id = ${id}`;
  const [row] = await store.all<{ differing: number }>(
    `select count(*)::integer as differing from ((${rows('$a')} except all ${rows('$b')}) union all (${rows('$b')} except all ${rows('$a')}))`,
    { a, b },
  );
  return row?.differing === 0;
}

/**
 * Inserts an accepted file's rows. When nothing competes (nothing superseded, one row per series, no value in force
 * yet for these states or for any of the file's series: a first return, a new warehouse, a return of a year not
 * reported before) the rows are current as they come; rows of a file superseded on arrival are never current;
 * otherwise the states are re-ranked (which, with no value of the file's series in force, would change no flag but make
 * each of its rows current: the sample's returns, one year each, are loaded so without re-ranking their state's years).
 */
async function insertRows(store: Store, validation: FileValidation, id: number, replaced: number[], isSuperseded: boolean): Promise<void> {
  const [{ repeated, states }] = (await store.all<{ repeated: number; states: string[] }>(
    `select (select count(*)::integer from ${quoteIdent(validation.issuesTable)} where code = 'DUPLICATE_SERIES') as repeated,
       (select list(distinct ref_area) from ${quoteIdent(validation.rowsTable)} where ref_area is not null) as states`,
  )) as [{ repeated: number; states: string[] }];
  const isFresh = !isSuperseded && replaced.length === 0 && repeated === 0
    && !(await hasCurrentValues(store, states, quoteIdent(validation.rowsTable)));
  await store.run(
    `insert into observation (submission_id, line, ref_area, time_period, indicator, sex, age, counterpart_area, breakdown,
       obs_value, obs_status, conf_status, comment, source, is_current)
     select $id, line, ref_area, time_period, indicator, sex, age, counterpart_area, breakdown, obs_value, obs_status,
       conf_status, comment, 'RETURN', $isFresh
     from ${quoteIdent(validation.rowsTable)} where not is_blank`,
    { id, isFresh },
  );
  // a workbook's row, where a cell's line break above it moved its line (see WorkbookPlace.lineRows)
  const moved = movedLines(validation.workbook);
  if (moved !== undefined) await store.run(`update observation as o set line = m.row from ${moved} where o.submission_id = $id and o.line = m.line`, { id });
  if (!isFresh && !isSuperseded) await refreshCurrent(store, [id, ...replaced]);
}

/**
 * Returns the state and reporting year a submission is recorded under: the declared ones (`--state`, `--year`), unless
 * the rows contradict the declaration (the file is then rejected, and recorded as what it is, so that it shows in the
 * history of its own state and year, not in another's): every row reports one other state (REF_AREA_NOT_DECLARED), or
 * no row reports the declared year (YEAR_NOT_REPORTED: the latest year the rows report). Without a declaration, the
 * single state and the latest year the rows report.
 */
async function fileStateAndYear(
  session: ValidationSession,
  validation: FileValidation,
  declared: { state?: string | undefined; year?: number | undefined; now: Date },
): Promise<{ state: string | null; year: number | null }> {
  const { store } = session;
  const out = { state: validation.state, year: validation.year };
  if (declared.state === undefined && declared.year === undefined) return out;
  const codes = new Set((await store.all<{ code: string }>(
    `select distinct code from ${quoteIdent(validation.issuesTable)} where code in ('REF_AREA_NOT_DECLARED', 'YEAR_NOT_REPORTED')`,
  )).map((r) => r.code));
  if (codes.size === 0) return out;
  const [rows] = await store.all<{ states: string[] | null; latest: number | null }>(
    `select list(distinct ref_area) filter (where ref_area is not null) as states,
       max(time_period) filter (where time_period between 1990 and $maxYear) as latest
     from ${quoteIdent(validation.rowsTable)} where not is_blank`,
    { maxYear: declared.now.getUTCFullYear() },
  );
  const states = rows?.states ?? [];
  if (codes.has('REF_AREA_NOT_DECLARED') && states.length === 1) out.state = states[0]!;
  if (codes.has('YEAR_NOT_REPORTED') && rows?.latest !== null && rows?.latest !== undefined) out.year = rows.latest;
  return out;
}
