import type { Store } from '../../store/index.js';

/** One import in the warehouse (not rejected), as `status` lists it. */
export interface ImportListing {
  submission_id: number;
  source: string;
  dataset: string | null;
  file_name: string;
  /** The publication date (YYYY-MM-DD) read from the download or given with --published; null when undated. */
  published_on: string | null;
  /** `file` or `option`; null when undated. */
  published_how: string | null;
  received_at: string;
  /** accepted or superseded. */
  outcome: string;
  superseded_by: number | null;
  /** States it has rows for. */
  states: number;
  /** States whose values it gives now (it is the newest publication of its dataset that has them). */
  states_in_use: number;
}

/**
 * Returns every import that was not rejected, per source and dataset, the newest publication first (undated ones
 * after the dated, the latest received first), with the states it has rows for and those it gives the values of:
 * the rule of statesInForce, for observations and population alike.
 */
export async function listImports(store: Store): Promise<ImportListing[]> {
  return store.all<ImportListing>(
    `with held as (
       select distinct submission_id, ref_area from observation where source <> 'RETURN'
       union select distinct submission_id, ref_area from population
     ),
     ranked as (
       select h.submission_id,
         row_number() over (
           partition by s.source, s.dataset, h.ref_area
           order by s.published_on desc nulls last, s.received_at desc, s.file_name desc, s.sha256 desc, s.submission_id desc
         ) as rank
       from held as h inner join submission as s using (submission_id)
       where s.outcome = 'accepted'
     )
     select s.submission_id, s.source, s.dataset, s.file_name, strftime(s.published_on, '%Y-%m-%d') as published_on, s.published_how,
       strftime(s.received_at, '%Y-%m-%dT%H:%M:%SZ') as received_at, s.outcome, s.superseded_by,
       (select count(*) from held where held.submission_id = s.submission_id)::integer as states,
       (select count(*) from ranked where ranked.submission_id = s.submission_id and rank = 1)::integer as states_in_use
     from submission as s
     where s.source <> 'RETURN' and s.outcome <> 'rejected'
     order by s.source, s.dataset, s.published_on desc nulls last, s.received_at desc, s.submission_id desc`,
  );
}
