import type { Store } from '../../store/index.js';
import type { NewerInUse, ReplacedStates } from './types.js';

/** What {@link settleImports} decided for one import of a source and dataset. */
export interface Settled {
  /** Earlier imports whose values of some states this one now gives. */
  replaces: ReplacedStates[];
  /** Imports left with no state in force, marked superseded by this one. */
  supersedes: number[];
  /** States this import has rows for, sorted. */
  states: string[];
  /** States whose values it gives now (the others stay with an import of a newer publication). */
  statesInUse: string[];
  /** The imports of a newer publication that keep states this one has rows for. */
  newer: NewerInUse[];
}

/**
 * Settles which accepted import of `source` and `dataset` gives each state's values after import `id` was loaded (or
 * made accepted again): `before` is {@link statesInForce} from before. An import left with no state is marked
 * superseded by `id`; `id` itself, when every state it has stays with another import (a newer publication, or one
 * received at the same second and ranked above it), is marked superseded by the first of them: kept in the warehouse,
 * never in force. Call it inside the transaction that wrote `id`.
 */
export async function settleImports(
  store: Store,
  options: { table: 'observation' | 'population'; source: string; dataset: string; id: number; before: Map<number, string[]> },
): Promise<Settled> {
  const { table, source, dataset, id, before } = options;
  const after = await statesInForce(store, table, source, dataset);
  const replaces: ReplacedStates[] = [];
  for (const [earlier, states] of before) {
    if (earlier === id) continue;
    const kept = new Set(after.get(earlier) ?? []);
    const replaced = states.filter((state) => !kept.has(state));
    if (replaced.length > 0) replaces.push({ submissionId: earlier, states: replaced, statesKept: kept.size });
  }
  // an earlier accepted import left with no state in force gives nothing any more: superseded by this one
  const superseded = await store.all<{ id: number }>(
    `update submission set outcome = 'superseded', superseded_by = $id
     where source = $source and dataset = $dataset and outcome = 'accepted' and submission_id <> $id
       and submission_id not in (${[-1, ...after.keys()].join(', ')})
     returning submission_id as id`,
    { source, dataset, id },
  );
  const [{ states }] = (await store.all<{ states: string[] }>(
    `select coalesce(list(distinct ref_area order by ref_area), []) as states from ${table} where submission_id = $id`,
    { id },
  )) as [{ states: string[] }];
  const statesInUse = after.get(id) ?? [];
  const holders = new Map<number, string[]>();
  for (const [holder, held] of after) {
    if (holder === id) continue;
    const shared = held.filter((state) => states.includes(state));
    if (shared.length > 0) holders.set(holder, shared);
  }
  const newer = holders.size === 0 ? [] : await store.all<NewerInUse>(
    `select submission_id as "submissionId", file_name as file, strftime(published_on, '%Y-%m-%d') as published,
       strftime(received_at, '%Y-%m-%dT%H:%M:%SZ') as "receivedAt", [] as states
     from submission where submission_id in (${[...holders.keys()].join(', ')})
     order by published_on desc nulls last, received_at desc, submission_id desc`,
  );
  for (const holder of newer) holder.states = holders.get(holder.submissionId)!;
  if (states.length > 0 && statesInUse.length === 0) {
    await store.run(`update submission set outcome = 'superseded', superseded_by = $holder where submission_id = $id`, { holder: newer[0]?.submissionId ?? null, id });
  }
  return { replaces, supersedes: superseded.map((r) => r.id).sort((a, b) => a - b), states, statesInUse, newer };
}

/**
 * Returns, per accepted import of `source` and `dataset`, the states whose values it gives: for each state that some
 * of them loaded rows for, the one of the newest publication (`published_on`; those without a date after those with
 * one), then the latest received (ties: greater file name, then sha256, as for returns). The same rule ranks
 * observations in `currentRowsSql` and population in the view `population_current`.
 */
export async function statesInForce(
  store: Store,
  table: 'observation' | 'population',
  source: string,
  dataset: string,
): Promise<Map<number, string[]>> {
  const rows = await store.all<{ id: number; states: string[] }>(
    `select submission_id as id, list(ref_area order by ref_area) as states from (
       select x.submission_id, x.ref_area,
         row_number() over (partition by x.ref_area order by s.published_on desc nulls last, s.received_at desc, s.file_name desc, s.sha256 desc, s.submission_id desc) as rank
       from (select distinct submission_id, ref_area from ${table} where source = $source) as x
       inner join submission as s on s.submission_id = x.submission_id
       where s.source = $source and s.dataset = $dataset and s.outcome = 'accepted'
     ) where rank = 1 group by submission_id order by submission_id`,
    { source, dataset },
  );
  return new Map(rows.map((r) => [r.id, r.states]));
}
