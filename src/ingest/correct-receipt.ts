import { RECEIPT_ORDER, refreshCurrent, type Store } from '../store/index.js';
import { findAcceptedReturn, toReceiptTime, type SubmissionRecord } from './submission.js';

/** A version of a state's return, as a receipt correction names it. */
export interface CorrectedVersion {
  submission_id: number;
  file_name: string;
}

/** What correcting a submission's receipt time did. */
export interface ReceiptCorrection {
  submissionId: number;
  /** The receipt time recorded before (ISO, UTC). */
  from: string;
  /** The receipt time recorded now (ISO, UTC). */
  to: string;
  /** The version of the submission's state and year in force before and after; null when it has no state or year. */
  inForceBefore: CorrectedVersion | null;
  inForceAfter: CorrectedVersion | null;
}

/**
 * Corrects the receipt time of a return already in the warehouse (the same bytes offered again with `--received-at`,
 * once the state has said when it sent them), in one transaction: `submission.received_at` takes the new time, the
 * time it replaces is kept in `receipt_correction` (with the versions in force before and after, for an audit), the
 * accepted versions of its state and reporting year are ranked again as ingestion ranks them (the latest received in
 * force; equal times: the greater file name, then sha256), and the current values of the states its rows hold are
 * flagged again, so a revision of an earlier year follows the version now in force. Nothing is deleted: a version
 * that loses its place is marked superseded by the one in force, as a later receipt would have left it.
 */
export async function correctReceipt(store: Store, earlier: SubmissionRecord, receivedAt: string, options: { now: string; toolVersion: string }): Promise<ReceiptCorrection> {
  return store.transaction(async () => {
    const inForceBefore = await readInForce(store, earlier);
    await store.run('update submission set received_at = $at::timestamp where submission_id = $id', { at: receivedAt, id: earlier.submission_id });
    let inForceAfter: CorrectedVersion | null = null;
    if (earlier.ref_area !== null && earlier.reporting_year !== null) {
      const [winner] = await store.all<CorrectedVersion>(
        `select submission_id, file_name from submission
         where source = 'RETURN' and outcome <> 'rejected' and ref_area = $state and reporting_year = $year
         order by ${RECEIPT_ORDER} limit 1`,
        { state: earlier.ref_area, year: earlier.reporting_year },
      );
      inForceAfter = winner ?? null;
      if (winner !== undefined && winner.submission_id !== inForceBefore?.submission_id) {
        // only the two versions whose place changes are rewritten; every other keeps what it was superseded by
        await store.run(
          `update submission set outcome = 'superseded', superseded_by = $winner
           where source = 'RETURN' and outcome = 'accepted' and ref_area = $state and reporting_year = $year and submission_id <> $winner`,
          { winner: winner.submission_id, state: earlier.ref_area, year: earlier.reporting_year },
        );
        await store.run("update submission set outcome = 'accepted', superseded_by = null where submission_id = $winner", { winner: winner.submission_id });
      }
    }
    await store.run(
      `insert into receipt_correction values ($id, $before::timestamp, $after::timestamp, $now::timestamp, $inForceBefore, $inForceAfter, $version)`,
      {
        id: earlier.submission_id, before: earlier.received_at, after: receivedAt, now: options.now,
        inForceBefore: inForceBefore?.submission_id ?? null, inForceAfter: inForceAfter?.submission_id ?? null, version: options.toolVersion,
      },
    );
    const touched = [earlier.submission_id, inForceBefore?.submission_id, inForceAfter?.submission_id].filter((id): id is number => id !== undefined);
    await refreshCurrent(store, [...new Set(touched)]);
    return { submissionId: earlier.submission_id, from: toReceiptTime(new Date(earlier.received_at)), to: receivedAt, inForceBefore, inForceAfter };
  });
}

async function readInForce(store: Store, record: SubmissionRecord): Promise<CorrectedVersion | null> {
  if (record.ref_area === null || record.reporting_year === null) return null;
  const row = await findAcceptedReturn(store, record.ref_area, record.reporting_year);
  return row === null ? null : { submission_id: row.submission_id, file_name: row.file_name };
}
