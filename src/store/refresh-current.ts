import type { Store } from './open-store.js';
import { quoteLiteral } from './quote.js';
import { SERIES_KEY, SERIES_KEY_SQL } from './series-key.js';

/**
 * Returns SQL selecting the rowid of every observation that holds the current value of its series (grain:
 * ref_area × time_period × indicator × sex × age × counterpart_area × breakdown), among the observations `filter`
 * keeps: only accepted submissions count; a member state's return outranks an import of the same series (UNODC
 * before Eurostat); a state's own return (a file taken for that state) outranks the rows for it in a file taken for
 * another state or for several (a mistyped REF_AREA in a neighbour's return, an export of several states), so such a
 * row never replaces the state's own figure, and is the value only where the state gave none; among equals the latest
 * received submission wins, so a later return revises earlier years. Ties on
 * the receipt time go to the greater file name, then the greater sha256 (as supersession does, see ingestReturn), so
 * that the order in which files were ingested never decides; a series a file repeats (DUPLICATE_SERIES, equal values
 * but perhaps another COMMENT) takes its first row, the one the warning names. An import gives a state's values only from the accepted import
 * of its source and dataset of the newest publication (`published_on`; imports without one rank after those with
 * one, among themselves by receipt) that has rows for that state: a newer download replaces an older one state by
 * state, an older publication imported later replaces nothing, so a per-country extract replaces that country only (see writeImport). `schema` prefixes the tables
 * (`wh.` for a warehouse attached read-only). `isByPublication` false gives the rule before migration 6 (no
 * `published_on` yet), which migrations 2 and 5 apply.
 */
export function currentRowsSql(filter: string, schema = '', isByPublication = true): string {
  const published = (s: string): string => (isByPublication ? `${s}published_on desc nulls last, ` : '');
  const latest = (s: string): string => `${published(s)}${s}received_at desc, ${s}file_name desc, ${s}sha256 desc, ${s}submission_id desc`;
  return `select rid from (
    select rid,
      row_number() over (
        partition by ${SERIES_KEY_SQL}
        order by case source when 'RETURN' then 0 when 'UNODC' then 1 else 2 end, is_other_file, ${latest('')}, line nulls last
      ) as series_rank
    from (
      select o.rowid as rid, o.line, o.ref_area, o.time_period, o.indicator, o.sex, o.age, o.counterpart_area, o.breakdown, o.source,
        ${isByPublication ? 's.published_on, ' : ''}s.received_at, s.file_name, s.sha256, s.submission_id,
        o.source = 'RETURN' and s.ref_area is distinct from o.ref_area as is_other_file,
        o.source = 'RETURN' or o.submission_id = first_value(o.submission_id) over (partition by o.source, s.dataset, o.ref_area order by ${latest('s.')}) as is_in_force
      from ${schema}observation as o
      inner join ${schema}submission as s on s.submission_id = o.submission_id
      where s.outcome = 'accepted' and ${filter}
    ) where is_in_force
  ) where series_rank = 1`;
}

/**
 * Returns true when some observation of one of `states` is current (the states already have data in force); given
 * `rows` (a relation of a file's rows: the series key columns and `is_blank`), only one of those rows' series counts.
 */
export async function hasCurrentValues(store: Store, states: readonly string[], rows?: string): Promise<boolean> {
  if (states.length === 0) return false;
  const ask = async (series: string): Promise<boolean> => {
    const found = await store.all<{ n: number }>(
      `select count(*)::integer as n from (
         select 1 from observation as o ${series} where o.is_current and o.ref_area in (${states.map(quoteLiteral).join(', ')}) limit 1)`,
    );
    return found[0]!.n > 0;
  };
  // the states' own question first: with nothing of theirs in force (a first return, a new warehouse) the file's
  // distinct series, 0.2 s for a million rows, are never computed
  if (!(await ask(''))) return false;
  return rows === undefined
    || ask(`inner join (select distinct ${SERIES_KEY_SQL} from ${rows} where not is_blank) as r on ${SERIES_KEY.map((c) => `o.${c} is not distinct from r.${c}`).join(' and ')}`);
}

/**
 * Re-ranks the observations of the states that the given submissions hold rows for, setting `is_current` on the
 * winners (read through the view `observation_current`). Call it inside the transaction that accepted, superseded
 * or loaded those submissions, so that readers never see the flags out of step with the submissions. The cost
 * follows the rows of those states, not of the warehouse.
 */
export async function refreshCurrent(store: Store, submissionIds: readonly number[]): Promise<void> {
  if (submissionIds.length === 0) return;
  const ids = submissionIds.map((id) => String(Math.trunc(id))).join(', ');
  await store.run(`
    create or replace temp table refresh_states as select distinct ref_area from observation where submission_id in (${ids});
    update observation set is_current = false where is_current and ref_area in (select ref_area from refresh_states);
    update observation set is_current = true
      from (${currentRowsSql('o.ref_area in (select ref_area from refresh_states)')}) as winners
      where observation.rowid = winners.rid;
    drop table refresh_states;`);
}

/** Re-ranks every observation (after bulk loads that bypass the submission path, such as benchmarks). */
export async function rebuildCurrent(store: Store): Promise<void> {
  await store.run(`
    update observation set is_current = false where is_current;
    update observation set is_current = true from (${currentRowsSql('true')}) as winners where observation.rowid = winners.rid;`);
}
