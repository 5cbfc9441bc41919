import { displayFileName } from '../ingest/archive-file.js';
import { nameMismatch, type RegionNames } from '../ingest/name-mismatch.js';
import { isReOffer, isReOfferKept } from '../ingest/record-re-offer.js';
import { classifyDuplicate, describeSubmission, findAcceptedReturn, findInForce, findSubmissionBySha, type InForceRecord, type SubmissionRecord } from '../ingest/submission.js';
import type { Store } from '../store/index.js';
import { describeReOffer, reOfferListing, type ReOfferListing } from './describe-re-offer.js';
import type { paint } from './output.js';

/** The submission of a file's bytes a warehouse already holds, and the version in force when it is an older one. */
export interface OfferedBefore {
  earlier: SubmissionRecord;
  inForce: InForceRecord | null;
  /**
   * What the file's name says that the rows of the bytes contradict (`the name says 2025, the rows 2024`), as ingest
   * says it of the same bytes under another name (see offeredNameMismatch); null otherwise.
   */
  named: string | null;
  /** Where status would list the file, when ingest would keep it as a re-offer (see recordReOffer); null otherwise. */
  reOffer: ReOfferListing | null;
}

/**
 * Returns what the warehouse attached as `schema` already holds of the bytes `sha256` as `ingest` would find it (see
 * findSubmissionBySha: a return loaded before, or rejected before, or the bytes loaded as an import), or null for bytes
 * it has never seen or a file read from standard input (no sha256). `offer.file` is the file's path or name, and
 * `offer.reOffered` the names and bytes (`name\nsha256`) an earlier file of the command would have kept as a re-offer:
 * one kept is added, as ingest of the files in turn records the first and keeps it for the next. `schema` is where the
 * warehouse reads as the files of the command before this one leave it (`offered.`, see holdOfferedReturn), else `wh.`.
 */
export async function findOfferedBefore(
  store: Store,
  sha256: string,
  offer: { file: string; region: RegionNames; reOffered: Set<string> },
  schema = 'wh.',
): Promise<OfferedBefore | null> {
  if (sha256 === '') return null;
  const found = await findSubmissionBySha(store, sha256, 'RETURN', 'wh.');
  if (found === undefined) return null;
  if (classifyDuplicate(found, 'RETURN') !== 'same') return { earlier: found, inForce: null, named: null, reOffer: null };
  // as the files of the command before it leave the warehouse (see holdOfferedReturn): a new version among them
  // supersedes the return in force, which ingest of the files in turn then finds an older version
  const earlier = schema === 'wh.' ? found : await asHeld(store, found, schema);
  const fileName = displayFileName(offer.file);
  const named = earlier.file_name === fileName ? null : nameMismatch(fileName, earlier.ref_area, earlier.reporting_year, offer.region);
  let reOffer: ReOfferListing | null = null;
  if (isReOffer(fileName, earlier, offer.region)) {
    const key = `${fileName}\n${sha256}`;
    const isKept = offer.reOffered.has(key) || (await isReOfferKept(store, fileName, sha256, schema));
    offer.reOffered.add(key);
    reOffer = reOfferListing({ file: fileName, reOffer: isKept ? 'kept' : 'recorded', year: earlier.reporting_year }, offer.region);
  }
  return { earlier, inForce: await findInForce(store, earlier, schema), named, reOffer };
}

/** Returns a return the warehouse holds as it stands once the files held in `schema` are in: superseded by one of them, or as it was. */
async function asHeld(store: Store, earlier: SubmissionRecord, schema: string): Promise<SubmissionRecord> {
  const [held] = await store.all<{ outcome: string }>(`select outcome from ${schema}submission where submission_id = $id`, { id: earlier.submission_id });
  if (earlier.outcome !== 'accepted' || held?.outcome !== 'superseded' || earlier.ref_area === null || earlier.reporting_year === null) return earlier;
  const inForce = await findAcceptedReturn(store, earlier.ref_area, earlier.reporting_year, schema);
  return { ...earlier, outcome: 'superseded', superseded_by: inForce?.submission_id ?? null };
}

/**
 * Returns what `validate --warehouse` says after a file's verdict when its bytes were offered before, in ingest's
 * words (which submission, when received, with what outcome) and what ingest of the file would do now; `errors` is
 * the file's error count, which decides that for bytes rejected before (ingest checks them again). Under a name that
 * says another state or year than the rows it says so, and that ingest would keep the file as a re-offer, in ingest's
 * words (see describeDuplicate): `…: ingest would load nothing; the name says 2025, the rows 2024: check that this is
 * the file the state meant to send; ingest would keep it as a re-offer: crimetrends status --year 2025 lists it under
 * MDA while its 2025 return is missing`.
 *
 * @example describeOfferedBefore(offered, 'ROU_2025.csv', 0, paint(false))
 *   // 'already in the warehouse (submission 2, same bytes, received 2026-01-20, accepted): ingest would do nothing'
 */
export function describeOfferedBefore(offered: OfferedBefore, file: string, errors: number, colours: ReturnType<typeof paint>): string {
  const { dim, red, yellow } = colours;
  const { earlier, inForce, named, reOffer } = offered;
  const kept = reOffer === null ? '' : yellow(`; ${describeReOffer(reOffer, 'would')}`);
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
          inForce.submission_id} (${inForce.file_name}, received ${day(inForce.received_at)}) stays in force; ingest would record nothing; ${olderVersionAdvice(earlier, inForce)}`) + kept;
      }
      // the same bytes under another name (a copy saved as "SRB_2025 (1).csv"): name the file that holds them
      const other = earlier.file_name === displayFileName(file) ? '' : `, ${earlier.file_name}`;
      const outcome = earlier.outcome === 'superseded' && earlier.superseded_by !== null ? `superseded by submission ${earlier.superseded_by}` : earlier.outcome;
      // last year's return sent again as this year's: nothing loaded, but ingest keeps the offer, which status lists
      const verdict = reOffer === null ? 'ingest would do nothing' : 'ingest would load nothing';
      return dim(`already in the warehouse (submission ${earlier.submission_id}${other}, same bytes, received ${day(earlier.received_at)}, ${outcome}): ${verdict}`)
        + (named === null ? '' : yellow(`; ${named}: check that this is the file the state meant to send`)) + kept;
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
