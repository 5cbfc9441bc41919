import type { State } from '../schema/reference.js';
import type { Store } from '../store/index.js';
import { displayFileName } from './archive-file.js';
import { nameMismatch, regionNames, type RegionNames } from './name-mismatch.js';
import type { SubmissionRecord } from './submission.js';

/** A file offered under a name that says another state or year than the submission holding its bytes. */
export interface ReOffer {
  /** The path or name it was offered under (its base name is recorded). */
  file: string;
  sha256: string;
  /** Its receipt time (ISO, UTC). */
  receivedAt: string;
  /** The submission that holds the same bytes. */
  earlier: SubmissionRecord;
}

/** What became of a re-offer (see recordReOffer): recorded now, kept from an earlier run, or not one. */
export type ReOfferOutcome = 'recorded' | 'kept' | null;

/**
 * Records in `re_offer` (one transaction) a file whose bytes a return already in the warehouse holds, offered again
 * under another name that says another state or year than those rows: last year's return sent again as this year's
 * (`MDA_2025.csv` holding the bytes of `MDA_2024.csv`). Nothing is loaded and no submission is recorded; this keeps
 * that the state sent something, so that `status` does not show it plain missing. Returns `recorded` when it was
 * recorded now, `kept` for a name and bytes recorded before (the first receipt stays), null for a name that agrees with
 * the rows (a copy of this year's own return resent is no news).
 */
export async function recordReOffer(store: Store, offer: ReOffer, states: ReadonlyArray<Pick<State, 'iso3' | 'name_en' | 'names_native' | 'aliases'>>, at: { now: string; toolVersion: string }): Promise<ReOfferOutcome> {
  const { earlier } = offer;
  const fileName = displayFileName(offer.file);
  if (!isReOffer(fileName, earlier, regionNames(states))) return null;
  const recorded = await store.transaction(() =>
    store.all<{ n: number }>(
      `insert into re_offer (file_name, sha256, received_at, submission_id, recorded_at, tool_version)
       values ($file, $sha256, $receivedAt::timestamp, $id, $now::timestamp, $toolVersion)
       on conflict do nothing returning 1 as n`,
      { file: fileName, sha256: offer.sha256, receivedAt: offer.receivedAt, id: earlier.submission_id, now: at.now, toolVersion: at.toolVersion },
    ));
  return recorded.length > 0 ? 'recorded' : 'kept';
}

/**
 * Returns whether bytes `earlier` holds, offered under `fileName` (a base name), are a re-offer ingest keeps (see
 * recordReOffer): a return's bytes under another name that says another state or year than its rows. `validate
 * --warehouse` asks it too, to say what ingest would do.
 */
export function isReOffer(fileName: string, earlier: Pick<SubmissionRecord, 'source' | 'file_name' | 'ref_area' | 'reporting_year'>, region: RegionNames): boolean {
  if (earlier.source !== 'RETURN' || earlier.file_name === fileName) return false;
  return nameMismatch(fileName, earlier.ref_area, earlier.reporting_year, region) !== null;
}

/** Returns whether `re_offer` of the warehouse attached as `schema` (`wh.`, or '' for the open one) holds the name and bytes already. */
export async function isReOfferKept(store: Store, fileName: string, sha256: string, schema = ''): Promise<boolean> {
  const rows = await store.all<{ n: number }>(`select 1 as n from ${schema}re_offer where file_name = $file and sha256 = $sha256`, { file: fileName, sha256 });
  return rows.length > 0;
}
