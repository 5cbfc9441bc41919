import type { Store } from './open-store.js';
import { quoteIdent } from './quote.js';
import { currentRowsSql } from './refresh-current.js';
import { planSupersession, type OfferedReturn } from './returns-in-force.js';
import { SERIES_KEY_SQL as KEY } from './series-key.js';

/** The in-memory schema holding the returns a `validate` command has checked so far (never the warehouse file). */
const SCHEMA = 'offered';

/**
 * Returns the schema prefix (`offered.`) under which the warehouse attached as `warehouse` (`wh.`) reads as it will once
 * `ingest` has taken the returns held so far, this one included: `submission`, `observation` and
 * `observation_current`, for planSupersession and valuesInForceAfter to read instead of the warehouse's own. The
 * return is taken as ingest takes it (call it only for a file without errors, which ingest would reject): bytes held
 * already (in the warehouse or earlier in the command) change nothing; received before the version in force, it is
 * superseded on arrival and its rows never count; otherwise it supersedes the returns of its state and reporting year
 * and the values of its states are ranked again (see currentRowsSql). The warehouse stays attached read-only: the
 * schema lives in the session's in-memory database, and values of states no held return touches are read from the
 * warehouse's `observation_current` as they are.
 *
 * @param offered The file as ingest would record it; `state` or `year` null when its rows make it no one state's or
 *   year's return (loaded, superseding nothing).
 * @param rows The file's rows (see buildRows: the series key, `obs_value`, `line`, `is_blank`).
 */
export async function holdOfferedReturn(
  store: Store,
  offered: Omit<OfferedReturn, 'state' | 'year'> & { state: string | null; year: number | null },
  rows: string,
  warehouse = 'wh.',
): Promise<string> {
  const schema = `${SCHEMA}.`;
  await createSchema(store, warehouse);
  if (offered.sha256 !== '') {
    const [held] = await store.all<{ n: number }>(
      `select count(*)::integer as n from ${schema}submission where sha256 = $sha and outcome <> 'rejected'`,
      { sha: offered.sha256 },
    );
    if (held!.n > 0) return schema;
  }
  const { state, year } = offered;
  const { later, replaced } = state !== null && year !== null
    ? await planSupersession(store, { ...offered, state, year }, schema)
    : { later: undefined, replaced: [] };
  const [next] = await store.all<{ id: number; rid: number }>(
    `select (select coalesce(max(submission_id), 0) + 1 from ${schema}submission)::integer as id,
       (select coalesce(min(rid), 0) from ${schema}added_observation)::bigint as rid`,
  );
  const id = next!.id;
  const ids = [id, ...replaced].map((n) => String(Math.trunc(n))).join(', ');
  if (replaced.length > 0) await store.run(`update ${schema}submission set outcome = 'superseded' where submission_id in (${replaced.map((n) => String(Math.trunc(n))).join(', ')})`);
  await store.run(
    `insert into ${schema}submission (submission_id, source, dataset, ref_area, reporting_year, file_name, sha256, received_at, outcome)
     values ($id, 'RETURN', null, $state, $year, $name, $sha, $at::timestamp, $outcome)`,
    { id, state, year, name: offered.fileName, sha: offered.sha256, at: offered.receivedAt, outcome: later === undefined ? 'accepted' : 'superseded' },
  );
  // negative rowids: never those of the warehouse's rows, which the view lists beside them
  await store.run(
    `insert into ${schema}added_observation
     select $rid - row_number() over (order by line), $id, line, ${KEY}, obs_value, 'RETURN'
     from ${quoteIdent(rows)} where not is_blank`,
    { rid: next!.rid, id },
  );
  // a return superseded on arrival is never current: it changes no value in force. Otherwise its states are ranked
  // again once, as refreshCurrent does in ingest, and the files after it read the values as a table
  if (later === undefined) {
    await store.run(
      `create or replace temp table offered_refresh as select distinct ref_area from ${schema}observation where submission_id in (${ids});
       insert into ${schema}touched_state select ref_area from offered_refresh except select ref_area from ${schema}touched_state;
       delete from ${schema}current_value where ref_area in (select ref_area from offered_refresh);
       insert into ${schema}current_value select ${KEY}, obs_value from ${schema}observation as o
       where o.rowid in (select rid from (${currentRowsSql('o.ref_area in (select ref_area from offered_refresh)', schema)}));
       drop table offered_refresh;`,
    );
  }
  return schema;
}

/**
 * Creates the schema on the first file held: a copy of the warehouse's submissions (small), the rows of the files
 * held, the values in force of the states they touch (`current_value`, kept by holdOfferedReturn), and views that
 * read the warehouse's rows and values beside them.
 */
async function createSchema(store: Store, warehouse: string): Promise<void> {
  const [exists] = await store.all<{ n: number }>(
    `select count(*)::integer as n from duckdb_schemas() where schema_name = '${SCHEMA}' and database_name = current_database()`,
  );
  if (exists!.n > 0) return;
  const schema = `${SCHEMA}.`;
  await store.run(
    `create schema ${SCHEMA};
     create table ${schema}submission as
       select submission_id, source, dataset, ref_area, reporting_year, file_name, sha256, received_at, outcome, published_on from ${warehouse}submission;
     create table ${schema}added_observation (rid bigint, submission_id integer, line integer, ref_area varchar, time_period integer,
       indicator varchar, sex varchar, age varchar, counterpart_area varchar, breakdown varchar, obs_value double, source varchar);
     create table ${schema}touched_state (ref_area varchar);
     create table ${schema}current_value (ref_area varchar, time_period integer, indicator varchar, sex varchar, age varchar,
       counterpart_area varchar, breakdown varchar, obs_value double);
     create view ${schema}observation as
       select rowid as rowid, submission_id, line, ${KEY}, obs_value, source from ${warehouse}observation
       union all select rid as rowid, submission_id, line, ${KEY}, obs_value, source from ${schema}added_observation;
     create view ${schema}observation_current as
       select ${KEY}, obs_value from ${warehouse}observation_current where ref_area not in (select ref_area from ${schema}touched_state)
       union all select ${KEY}, obs_value from ${schema}current_value;`,
  );
}
