import type { IngestReturnResult } from '../ingest/ingest-return.js';
import { namedIn, type RegionNames } from '../ingest/name-mismatch.js';

/** A re-offered file kept in `re_offer` (see recordReOffer), and the states and years `status --year` lists it under. */
export interface ReOfferListing {
  /** `now`: recorded by this ingest; `earlier`: kept from an earlier offer of the same name and bytes. */
  recorded: 'now' | 'earlier';
  states: string[];
  years: number[];
}

/**
 * Returns where `status --year` lists a re-offered file (see readReOffers): under each state its name names, for each
 * year it names (the year of its rows when it names none), while that state's return is missing; null when the file
 * was not kept as a re-offer.
 *
 * @example reOfferListing({ file: 'MDA_2025.csv', reOffer: 'recorded', year: 2024, … }, region)
 *   // { recorded: 'now', states: ['MDA'], years: [2025] }
 */
export function reOfferListing(result: Pick<IngestReturnResult, 'file' | 'reOffer' | 'year'>, region: RegionNames): ReOfferListing | null {
  if (result.reOffer === null) return null;
  const named = namedIn(result.file, region);
  const years = named.years.length > 0 ? [...new Set(named.years)] : result.year === null ? [] : [result.year];
  return { recorded: result.reOffer === 'recorded' ? 'now' : 'earlier', states: named.states, years };
}

/**
 * Returns what a re-offer kept means for the coordinator, after the file's line (`would`: what ingest of it would do,
 * as `validate --warehouse` says it).
 *
 * @example describeReOffer({ recorded: 'now', states: ['MDA'], years: [2025] })
 *   // 'kept as a re-offer: crimetrends status --year 2025 lists it under MDA while its 2025 return is missing'
 */
export function describeReOffer(listing: ReOfferListing, mood: 'done' | 'would' = 'done'): string {
  const kept = listing.recorded === 'earlier' ? 'kept as a re-offer already (its first receipt stays)' : mood === 'would' ? 'ingest would keep it as a re-offer' : 'kept as a re-offer';
  const [year, ...more] = listing.years;
  if (year === undefined || listing.states.length === 0) return kept;
  const also = more.length === 0 ? '' : ` (and ${more.map((y) => `--year ${y}`).join(', ')})`;
  const whose = listing.states.length === 1 ? 'its' : 'their';
  return `${kept}: crimetrends status --year ${year}${also} lists it under ${listing.states.join(', ')} while ${whose} ${listing.years.join(', ')} return is missing`;
}
