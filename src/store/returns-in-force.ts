import type { Store } from './open-store.js';
import { currentRowsSql } from './refresh-current.js';
import { quoteLiteral } from './quote.js';

/** A file offered as a state's return, as its submission would be recorded. */
export interface OfferedReturn {
  state: string;
  year: number;
  /** ISO timestamp, UTC. */
  receivedAt: string;
  /** The base name (see displayFileName). */
  fileName: string;
  /** The file's SHA-256; empty when unknown (standard input), which only a tie on receipt time and name reads. */
  sha256: string;
}

/** An accepted return of the offered file's state and reporting year, and how it stands against the file. */
export interface ReturnInForce {
  submission_id: number;
  received_at: string;
  file_name: string;
  /** True when it was received after the offered file (equal times: the greater file name, then sha256). */
  is_later: boolean;
  is_same_time: boolean;
}

/** What offering a return does to the accepted returns of its state and reporting year. */
export interface Supersession {
  /** The latest accepted return received after the offered file, which stays in force: the file is superseded on arrival. */
  later: ReturnInForce | undefined;
  /** The accepted returns the file supersedes (none when `later` is set). */
  replaced: number[];
}

/** The order of a state's returns for a reporting year, the one in force first: the latest received; equal times, the greater file name, then sha256. */
export const RECEIPT_ORDER = 'received_at desc, file_name desc, sha256 desc';

/**
 * Returns what accepting `offered` does among the accepted returns of its state and reporting year (the latest received
 * is in force, whatever the order of ingestion): received after every one of them, it supersedes them all; received
 * before one, it is superseded on arrival and supersedes none. Ties on the receipt time go to the greater file name,
 * then the greater sha256. `schema` prefixes the warehouse's tables (`wh.` for a warehouse attached read-only).
 * Ingest records what it says; the year-on-year check reads it to compare with the values in force once the file is in.
 */
export async function planSupersession(store: Store, offered: OfferedReturn, schema = ''): Promise<Supersession> {
  const inForce = await store.all<ReturnInForce>(
    `select submission_id, received_at, file_name, received_at = $at::timestamp as is_same_time,
       received_at > $at::timestamp or (received_at = $at::timestamp and (file_name > $name or (file_name = $name and sha256 > $sha))) as is_later
     from ${schema}submission
     where source = 'RETURN' and outcome = 'accepted' and ref_area = $state and reporting_year = $year
     order by ${RECEIPT_ORDER}`,
    { at: offered.receivedAt, name: offered.fileName, sha: offered.sha256, state: offered.state, year: offered.year },
  );
  const later = inForce.find((r) => r.is_later);
  return { later, replaced: later === undefined ? inForce.map((r) => r.submission_id) : [] };
}

/**
 * Returns the relation of the values that will be in force for `states` once `offered` is accepted, without its own
 * rows (the year-on-year check puts the file's own rows first): `observation_current`, unless the file supersedes
 * returns holding rows for those states, whose rows then no longer count (a revision of an earlier year only the
 * superseded return held falls back to that year's own return, or an import). The states' observations are then
 * ranked again without those returns (see currentRowsSql) into the temporary table `table`. Bytes the warehouse
 * holds already (loaded, as a return or an import) change nothing: ingest takes them as a duplicate.
 */
export async function valuesInForceAfter(
  store: Store,
  offered: OfferedReturn | null,
  states: readonly string[],
  table: string,
  schema = '',
): Promise<string> {
  const current = `${schema}observation_current`;
  if (offered === null || states.length === 0) return current;
  if (offered.sha256 !== '') {
    const [held] = await store.all<{ n: number }>(
      `select count(*)::integer as n from ${schema}submission where sha256 = $sha and outcome <> 'rejected'`,
      { sha: offered.sha256 },
    );
    if (held!.n > 0) return current;
  }
  const { replaced } = await planSupersession(store, offered, schema);
  if (replaced.length === 0) return current;
  const areas = states.map(quoteLiteral).join(', ');
  const ids = replaced.map((id) => String(Math.trunc(id))).join(', ');
  const [touched] = await store.all<{ n: number }>(
    `select count(*)::integer as n from (select 1 from ${schema}observation where submission_id in (${ids}) and ref_area in (${areas}) limit 1)`,
  );
  if (touched!.n === 0) return current;
  await store.run(
    `create or replace temp table ${table} as
     select o.ref_area, o.time_period, o.indicator, o.sex, o.age, o.counterpart_area, o.breakdown, o.obs_value
     from ${schema}observation as o
     where o.rowid in (select rid from (${currentRowsSql(`o.ref_area in (${areas}) and o.submission_id not in (${ids})`, schema)}))`,
  );
  return table;
}
