import { displayFileName } from '../ingest/archive-file.js';
import { classifyDuplicate, describeSubmission, findInForce, findSubmissionBySha, type InForceRecord, type SubmissionRecord } from '../ingest/submission.js';
import type { Store } from '../store/index.js';
import type { paint } from './output.js';

/** The submission of a file's bytes a warehouse already holds, and the version in force when it is an older one. */
export interface OfferedBefore {
  earlier: SubmissionRecord;
  inForce: InForceRecord | null;
}

/**
 * Returns what the warehouse attached as `schema` already holds of the bytes `sha256` as `ingest` would find it (see
 * findSubmissionBySha: a return loaded before, or rejected before, or the bytes loaded as an import), or null for bytes
 * it has never seen or a file read from standard input (no sha256).
 */
export async function findOfferedBefore(store: Store, sha256: string, schema = 'wh.'): Promise<OfferedBefore | null> {
  if (sha256 === '') return null;
  const earlier = await findSubmissionBySha(store, sha256, 'RETURN', schema);
  if (earlier === undefined) return null;
  return { earlier, inForce: classifyDuplicate(earlier, 'RETURN') === 'same' ? await findInForce(store, earlier, schema) : null };
}

/**
 * Returns what `validate --warehouse` says after a file's verdict when its bytes were offered before, in ingest's
 * words (which submission, when received, with what outcome) and what ingest of the file would do now; `errors` is
 * the file's error count, which decides that for bytes rejected before (ingest checks them again).
 *
 * @example describeOfferedBefore(offered, 'ROU_2025.csv', 0, paint(false))
 *   // 'already in the warehouse (submission 2, same bytes, received 2026-01-20, accepted): ingest would do nothing'
 */
export function describeOfferedBefore(offered: OfferedBefore, file: string, errors: number, colours: ReturnType<typeof paint>): string {
  const { dim, red, yellow } = colours;
  const { earlier, inForce } = offered;
  const day = (at: string): string => String(at).slice(0, 10);
  switch (classifyDuplicate(earlier, 'RETURN')) {
    case 'other-source':
      return red(`this file was loaded as ${describeSubmission(earlier)}, not as a return: ingest would refuse it`);
    case 'rejected':
      return errors > 0
        ? red(`already offered and rejected (submission ${earlier.submission_id}, received ${day(earlier.received_at)}); it still has errors: ingest would record nothing`)
        : yellow(`offered before as submission ${earlier.submission_id} (received ${day(earlier.received_at)}) and rejected then; it has no error now: ingest would take it in`);
    case 'same': {
      if (inForce !== null) {
        return yellow(`already in the warehouse as submission ${earlier.submission_id} (${earlier.file_name}, received ${day(earlier.received_at)}), an older version: submission ${
          inForce.submission_id} (${inForce.file_name}, received ${day(inForce.received_at)}) stays in force; ingest would record nothing; ${olderVersionAdvice(earlier, inForce)}`);
      }
      // the same bytes under another name (a copy saved as "SRB_2025 (1).csv"): name the file that holds them
      const other = earlier.file_name === displayFileName(file) ? '' : `, ${earlier.file_name}`;
      const outcome = earlier.outcome === 'superseded' && earlier.superseded_by !== null ? `superseded by submission ${earlier.superseded_by}` : earlier.outcome;
      return dim(`already in the warehouse (submission ${earlier.submission_id}${other}, same bytes, received ${day(earlier.received_at)}, ${outcome}): ingest would do nothing`);
    }
  }
}

/**
 * Returns what to do about an older version offered again, which stays out of force: one received at the same moment
 * lost a tie on its file name, which the state's word settles by correcting its receipt; any other needs a new version.
 */
export function olderVersionAdvice(earlier: Pick<SubmissionRecord, 'ref_area' | 'received_at'>, inForce: Pick<SubmissionRecord, 'received_at'>): string {
  const state = earlier.ref_area ?? 'the state';
  return String(inForce.received_at) === String(earlier.received_at)
    ? `received at the same moment, it lost the tie on the file name; if ${state} says it sent this version last, correct its receipt: crimetrends ingest FILE --received-at TIME --correct-receipt, TIME when it was sent`
    : `if ${state} means the older figures to count again, ask it for a new version of the return (the same bytes are never recorded twice)`;
}
