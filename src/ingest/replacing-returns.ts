import type { Store } from '../store/index.js';
import { quoteLiteral } from '../store/quote.js';

/** An accepted return that replaced a rejected file: nothing is left to chase for that file. */
export interface ReplacingReturn {
  submissionId: number;
  fileName: string;
  /** The state it is the return of. */
  state: string;
  /** ISO date of receipt. */
  receivedAt: string;
  /** Received at the same moment as the rejected file (one folder ingested at one time), not after it. */
  isSameTime: boolean;
}

/**
 * A rejected submission to look for a replacement of. A file whose rows name no one state (an empty `UKR_2025.csv`)
 * gives `named`: the one state and year its name names (see namedIn), whose return replaces it.
 */
export interface RejectedFile {
  submissionId: number;
  named?: { state: string; year: number } | null;
}

/**
 * Returns, per rejected submission among `files`, the latest accepted return (in force or superseded since) of its
 * state and reporting year received after it: a rejected file the state has since replaced with a good one, which a
 * folder of returns keeps, is no longer anything to chase. A file whose rows name no one state is matched on the state
 * and year its name names, and is replaced by that state's return received after it or at the same moment: an empty
 * or headless `UKR_2025.csv` saved beside Ukraine's accepted return (two attachments of one e-mail) is no return the
 * state still owes. `asOf` (ISO, UTC): the returns received by then alone.
 */
export async function findReplacingReturns(store: Store, files: readonly RejectedFile[], asOf: string | null = null): Promise<Map<number, ReplacingReturn>> {
  if (files.length === 0) return new Map();
  const wanted = files.map((f) => `(${Math.trunc(f.submissionId)}, ${f.named ? quoteLiteral(f.named.state) : 'null'}, ${f.named ? Math.trunc(f.named.year) : 'null'})`);
  const rows = await store.all<{ rejected_id: number; submission_id: number; file_name: string; ref_area: string; received_at: string; is_same_time: boolean }>(
    `with wanted(id, state, year) as (values ${wanted.join(', ')})
     select w.id as rejected_id, arg_max(a.submission_id, (a.received_at, a.submission_id)) as submission_id,
       arg_max(a.file_name, (a.received_at, a.submission_id)) as file_name, any_value(a.ref_area) as ref_area,
       strftime(max(a.received_at), '%Y-%m-%d') as received_at, max(a.received_at) = any_value(r.received_at) as is_same_time
     from wanted as w
     inner join submission as r on r.submission_id = w.id
     inner join submission as a
       on a.source = 'RETURN' and a.outcome in ('accepted', 'superseded')
       and a.ref_area = coalesce(r.ref_area, w.state::varchar) and a.reporting_year = coalesce(r.reporting_year, w.year::integer)
       and (a.received_at > r.received_at or (r.ref_area is null and a.received_at = r.received_at))
       and ($asOf::timestamp is null or a.received_at <= $asOf::timestamp)
     group by w.id`,
    { asOf },
  );
  return new Map(rows.map((row) => [row.rejected_id, {
    submissionId: row.submission_id, fileName: row.file_name, state: row.ref_area, receivedAt: row.received_at, isSameTime: row.is_same_time,
  }]));
}
