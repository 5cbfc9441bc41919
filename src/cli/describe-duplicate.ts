import { displayFileName } from '../ingest/archive-file.js';
import type { ReceiptCorrection } from '../ingest/correct-receipt.js';
import type { IngestReturnResult } from '../ingest/ingest-return.js';
import { classifyDuplicate, describeSubmission, type InForceRecord } from '../ingest/submission.js';
import { olderVersionAdvice } from './describe-offered-before.js';
import { describeReOffer, type ReOfferListing } from './describe-re-offer.js';
import { paint } from './output.js';

/**
 * Returns what correcting a receipt did (see correctReceipt).
 *
 * @example 'already in the warehouse (submission 1, same bytes); receipt corrected from 2026-01-20T10:00:00Z to
 *   2026-01-20T12:00:00Z (the time before is kept in receipt_correction): submission 1 (ROU_2025_a.csv) is now in force,
 *   where submission 2 (ROU_2025_b.csv) was'
 */
function describeCorrection(c: ReceiptCorrection, other: string): string {
  const name = (v: { submission_id: number; file_name: string }): string => `submission ${v.submission_id} (${v.file_name})`;
  const { inForceBefore: before, inForceAfter: after } = c;
  const verdict = after === null
    ? 'its values in force were ranked again'
    : before !== null && before.submission_id !== after.submission_id
      ? `${name(after)} is now in force, where ${name(before)} was`
      : `${name(after)} stays in force`;
  return `already in the warehouse (submission ${c.submissionId}${other}, same bytes); receipt corrected from ${c.from} to ${c.to} (the time before is kept in receipt_correction): ${verdict}`;
}

/**
 * Returns ingest's line, after the file's name, for the same bytes offered again (`result.earlier` set): loaded as an
 * import, a receipt corrected, an older version resent, or a no-op; `named` is what the name says that the rows
 * contradict (already worded), `reOffer` the re-offer kept, if any.
 */
export function describeDuplicate(result: IngestReturnResult, useColour: boolean, named: string, inForce: InForceRecord | null, reOffer: ReOfferListing | null): string {
  const { bold, red, dim, yellow } = paint(useColour);
  const earlier = result.earlier!;
  const day = (at: string): string => at.slice(0, 10);
  if (classifyDuplicate(earlier, 'RETURN') === 'other-source') {
    return `${bold(result.file)}: ${red(`this file was loaded as ${describeSubmission(earlier)}, not as a return`)}`;
  }
  // the same bytes under another name (a copy saved as "SRB_2025 (1).csv"): name the file that holds them
  const other = earlier.file_name === displayFileName(result.file) ? '' : `, ${earlier.file_name}`;
  const kept = reOffer === null ? '' : yellow(`; ${describeReOffer(reOffer)}`);
  if (result.receiptCorrection !== null) return `${bold(result.file)}: ${yellow(describeCorrection(result.receiptCorrection, other))}${named}`;
  if (inForce !== null) {
    // an old version sent again after its correction: nothing changes, but the coordinator should know which counts;
    // one received at the same moment lost a tie on its name, which the state's word can now settle
    const advice = olderVersionAdvice(earlier, inForce);
    return `${bold(result.file)}: ${yellow(`already in the warehouse as submission ${earlier.submission_id} (${earlier.file_name}, received ${day(earlier.received_at)}), an older version: submission ${inForce.submission_id} (${inForce.file_name}, received ${day(inForce.received_at)}) stays in force; nothing recorded; ${advice}`)}${kept}`;
  }
  const since = earlier.outcome === 'superseded' && earlier.superseded_by !== null ? `, superseded by submission ${earlier.superseded_by}` : '';
  // last year's return sent again as this year's: nothing loaded, but the offer is kept, which status lists
  const verdict = reOffer === null ? 'nothing to do' : 'nothing loaded';
  return `${bold(result.file)}: ${dim(`already in the warehouse (submission ${earlier.submission_id}${other}, same bytes${since}): ${verdict}`)}${named}${kept}`;
}
