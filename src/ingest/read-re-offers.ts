import type { Store } from '../store/index.js';
import { nameMismatch, namedIn, type RegionNames } from './name-mismatch.js';

/**
 * A file whose bytes a return already in the warehouse held, offered under a name that names a state and year that
 * return is not (`MDA_2025.csv` holding the bytes of `MDA_2024.csv`): recorded in `re_offer`, nothing loaded.
 */
export interface ReOfferedFile {
  file_name: string;
  received_at: string;
  /** The return whose bytes it held: its submission, file name, and the state and year its rows are. */
  same_bytes_as: { submission_id: number; file_name: string; ref_area: string | null; reporting_year: number | null };
}

/**
 * Returns, per state of `states`, the re-offered files ({@link ReOfferedFile}) whose name names it and `year` (or,
 * naming no year, whose bytes are a return of `year`) while the return holding the bytes is another state's or year's,
 * which the name contradicts; received by `asOf` (ISO, UTC; null: ever), a re-offer counting at its own receipt.
 * Earliest first.
 */
export async function readReOffers(store: Store, states: readonly string[], year: number, region: RegionNames, asOf: string | null = null): Promise<Map<string, ReOfferedFile[]>> {
  const rows = await store.all<{ file_name: string; received_at: string; submission_id: number; earlier_name: string; ref_area: string | null; reporting_year: number | null }>(
    `select r.file_name, r.received_at, r.submission_id, s.file_name as earlier_name, s.ref_area, s.reporting_year
     from re_offer as r inner join submission as s using (submission_id)
     where ($asOf::timestamp is null or r.received_at <= $asOf::timestamp)
     order by r.received_at, r.file_name, r.submission_id`,
    { asOf },
  );
  const out = new Map<string, ReOfferedFile[]>();
  for (const state of states) {
    const mine = rows.filter((r) => {
      const named = namedIn(r.file_name, region);
      return named.states.includes(state) && (named.years.length === 0 ? r.reporting_year === year : named.years.includes(year))
        && (r.ref_area !== state || r.reporting_year !== year) && nameMismatch(r.file_name, r.ref_area, r.reporting_year, region) !== null;
    });
    out.set(state, mine.map((r) => ({
      file_name: r.file_name, received_at: r.received_at,
      same_bytes_as: { submission_id: r.submission_id, file_name: r.earlier_name, ref_area: r.ref_area, reporting_year: r.reporting_year },
    })));
  }
  return out;
}
