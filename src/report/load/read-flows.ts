import { z } from 'zod';
import { Flow, FlowShare } from '../../schema/marts.js';
import type { Store } from '../../store/index.js';
import type { FlowPoint, FlowTotal } from '../review-model.js';
import { countryName } from './country-names.js';
import { FLOW_TYPES, givenFlowSums, type FlowType, type HiddenByState } from './flow-disclosure.js';
import { MEMBERS } from './member-filter.js';
import { readRows } from './read-rows.js';

const StateHiddenRow = z.object({ indicator: z.string(), ref_area: z.string(), flow_type: z.enum(['national', 'foreign', 'unknown']), hidden_value: z.number(), is_withheld: z.boolean() });

const TotalRow = z.object({
  indicator: z.string(), national_value: z.number(), foreign_value: z.number(), reported_value: z.number(),
  hidden_national: z.number(), hidden_foreign: z.number(), hidden_all: z.number(),
  hidden_national_value: z.number(), hidden_foreign_value: z.number(), hidden_all_value: z.number(),
});

const FlowRow = Flow.extend({ is_withheld: z.boolean() });

const ConfidentialRow = FlowShare.pick({ indicator: true, ref_area: true });

/**
 * Returns the members' cross-border flows for `year` from `flow` (small counts left out: a heatmap cell or corridor
 * would show them), each counterpart named and each value with its source (a return, or an import), and per
 * indicator the sums the shares are taken of: every published cell, small counts included (a hidden cell stays in
 * the total), with the number of cells hidden and what they add up to. Over a group that holds every reporting state these are the
 * denominators of the marts' shares (flow_share, flow_corridor).
 *
 * A state whose hidden cells add up to less than `threshold` has none of its cells shown (`withheldStates`): its
 * total, published in the rates map and its profile, less its cells shown would give them away (Albania's 20 victims
 * less the 16 nationals shown was its "<5" of unknown citizenship, 4). Its cells count as hidden in the sums. Which of
 * the region's national, foreign and unknown sums may be given through a share is `givenSums` (flow-disclosure.ts).
 *
 * A member whose breakdown for `year` is not published (a row of it, or its total, marked confidential: flow_share's
 * `is_confidential` rows) is named per indicator (`confidentialStates`), so that the review says so rather than read
 * as if the state sent nothing (the sample's Türkiye, for firearms seized).
 */
export async function readFlows(store: Store, group: string, year: number, names: ReadonlyMap<string, string>, threshold: number): Promise<{ flows: FlowPoint[]; totals: FlowTotal[] }> {
  const params = { group, year, threshold };
  const members = `with members as (select * from flow where ref_area in (${MEMBERS}) and time_period = $year),
    state_hidden as (
      select indicator, ref_area, coalesce(sum(obs_value::decimal(38, 6)) filter (where is_small_count), 0)::double as hidden_value
      from members group by indicator, ref_area
    ),
    marked as (
      select members.*, (not members.is_small_count and state_hidden.hidden_value > 0 and state_hidden.hidden_value < $threshold) as is_withheld
      from members join state_hidden using (indicator, ref_area)
    )`;
  const rows = await readRows(store, 'flow', `${members} select * from marked order by indicator, ref_area, counterpart_area`, params, FlowRow);
  const sum = (filter: string) => `coalesce(sum(obs_value::decimal(38, 6)) filter (where ${filter}), 0)::double`;
  const totals = await readRows(store, 'flow', `${members} select indicator,
      ${sum("flow_type = 'national'")} as national_value, ${sum("flow_type = 'foreign'")} as foreign_value, ${sum('true')} as reported_value,
      (count(*) filter (where is_small_count and flow_type = 'national'))::integer as hidden_national,
      (count(*) filter (where is_small_count and flow_type = 'foreign'))::integer as hidden_foreign,
      (count(*) filter (where is_small_count))::integer as hidden_all,
      ${sum("(is_small_count or is_withheld) and flow_type = 'national'")} as hidden_national_value,
      ${sum("(is_small_count or is_withheld) and flow_type = 'foreign'")} as hidden_foreign_value,
      ${sum('is_small_count or is_withheld')} as hidden_all_value
    from marked group by indicator order by indicator`, params, TotalRow);
  const byState = await readRows(store, 'flow', `${members} select indicator, ref_area, flow_type,
      ${sum('is_small_count or is_withheld')} as hidden_value, bool_or(is_withheld) as is_withheld
    from marked group by indicator, ref_area, flow_type order by indicator, ref_area, flow_type`, params, StateHiddenRow);
  const confidential = await readRows(store, 'flow_share', `select indicator, ref_area from flow_share
    where is_confidential and time_period = $year and ref_area in (${MEMBERS}) order by indicator, ref_area`, { group, year }, ConfidentialRow);
  return {
    flows: rows
      .filter((r) => !r.is_small_count && !r.is_withheld)
      .map((r) => ({ indicator: r.indicator, year: r.time_period, origin: r.counterpart_area, originName: countryName(r.counterpart_area, names), iso3: r.ref_area, value: r.obs_value, source: r.source })),
    totals: totals.map((t) => {
      const mine = byState.filter((b) => b.indicator === t.indicator);
      const states = [...new Set(mine.map((b) => b.ref_area))].map((iso3): HiddenByState => ({
        iso3,
        hidden: Object.fromEntries(FLOW_TYPES.map((type) => [type, mine.find((b) => b.ref_area === iso3 && b.flow_type === type)?.hidden_value ?? 0])) as Record<FlowType, number>,
      }));
      return {
        indicator: t.indicator, nationalValue: t.national_value, foreignValue: t.foreign_value, reportedValue: t.reported_value,
        hiddenNational: t.hidden_national, hiddenForeign: t.hidden_foreign, hiddenAll: t.hidden_all,
        hiddenNationalValue: t.hidden_national_value, hiddenForeignValue: t.hidden_foreign_value, hiddenAllValue: t.hidden_all_value,
        withheldStates: [...new Set(mine.filter((b) => b.is_withheld).map((b) => b.ref_area))],
        confidentialStates: confidential.filter((c) => c.indicator === t.indicator).map((c) => c.ref_area),
        givenSums: givenFlowSums(states, threshold),
      };
    }).concat(
      // an indicator whose every member breakdown for the year is confidential has no flow row, yet its states are
      // named: the chapter says its breakdowns are marked confidential, not that no state records a counterpart
      [...new Set(confidential.map((c) => c.indicator))].filter((indicator) => !totals.some((t) => t.indicator === indicator)).map((indicator) => ({
        indicator, nationalValue: 0, foreignValue: 0, reportedValue: 0, hiddenNational: 0, hiddenForeign: 0, hiddenAll: 0,
        hiddenNationalValue: 0, hiddenForeignValue: 0, hiddenAllValue: 0, withheldStates: [],
        confidentialStates: confidential.filter((c) => c.indicator === indicator).map((c) => c.ref_area),
        givenSums: [],
      })),
    ),
  };
}
