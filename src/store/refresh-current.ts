import type { Store } from './open-store.js';

/**
 * The ranking that decides the current value of every series (grain: ref_area × time_period × indicator × sex × age ×
 * counterpart_area × breakdown): only accepted submissions count; a member state's return outranks an import of the
 * same series (UNODC before Eurostat); among equals the latest received submission wins, so a later return revises
 * earlier years. `$filter` narrows the observations ranked (a list of states, or `true`).
 */
export function rankCurrentSql(filter: string): string {
  return `with ranked as (
    select o.ref_area, o.time_period, o.indicator, o.sex, o.age, o.counterpart_area, o.breakdown,
      o.obs_value, o.obs_status, o.conf_status, o.comment, o.source, o.submission_id,
      row_number() over (
        partition by o.ref_area, o.time_period, o.indicator, o.sex, o.age, o.counterpart_area, o.breakdown
        order by case o.source when 'RETURN' then 0 when 'UNODC' then 1 else 2 end, s.received_at desc, s.submission_id desc
      ) as series_rank
    from observation as o
    inner join submission as s on s.submission_id = o.submission_id
    where s.outcome = 'accepted' and ${filter}
  )
  select ref_area, time_period, indicator, sex, age, counterpart_area, breakdown,
    obs_value, obs_status, conf_status, comment, source, submission_id
  from ranked where series_rank = 1`;
}

/**
 * Recomputes the stored current values (`current_observation`, read through the view `observation_current`) of
 * the states that the given submissions hold rows for. Call it inside the transaction that accepted, superseded or
 * loaded those submissions, so that readers never see the ranking out of step with the submissions.
 */
export async function refreshCurrent(store: Store, submissionIds: readonly number[]): Promise<void> {
  if (submissionIds.length === 0) return;
  const ids = submissionIds.map((id) => String(Math.trunc(id))).join(', ');
  await store.run(`
    create or replace temp table refresh_states as select distinct ref_area from observation where submission_id in (${ids});
    delete from current_observation where ref_area in (select ref_area from refresh_states);
    insert into current_observation ${rankCurrentSql('o.ref_area in (select ref_area from refresh_states)')};
    drop table refresh_states;`);
}

/** Recomputes every stored current value (after bulk loads that bypass the submission path, such as benchmarks). */
export async function rebuildCurrent(store: Store): Promise<void> {
  await store.run(`delete from current_observation; insert into current_observation ${rankCurrentSql('true')};`);
}
