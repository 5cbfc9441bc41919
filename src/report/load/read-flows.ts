import { z } from 'zod';
import { Flow } from '../../schema/marts.js';
import type { Store } from '../../store/index.js';
import type { FlowPoint, FlowTotal } from '../review-model.js';
import { countryName } from './country-names.js';
import { MEMBERS } from './member-filter.js';
import { readRows } from './read-rows.js';

const TotalRow = z.object({
  indicator: z.string(), national_value: z.number(), foreign_value: z.number(), reported_value: z.number(),
  hidden_national: z.number(), hidden_foreign: z.number(), hidden_all: z.number(),
  hidden_national_value: z.number(), hidden_foreign_value: z.number(), hidden_all_value: z.number(),
});

/**
 * Returns the members' cross-border flows for `year` from `flow` (small counts left out: a heatmap cell or corridor
 * would show them), each counterpart named and each value with its source (a return, or an import), and per
 * indicator the sums the shares are taken of: every published cell, small counts included (a hidden cell stays in
 * the total), with the number of cells hidden and what they add up to. Over a group that holds every reporting state these are the
 * denominators of the marts' shares (flow_share, flow_corridor).
 */
export async function readFlows(store: Store, group: string, year: number, names: ReadonlyMap<string, string>): Promise<{ flows: FlowPoint[]; totals: FlowTotal[] }> {
  const params = { group, year };
  const rows = await readRows(store, 'flow', `select * from flow where ref_area in (${MEMBERS}) and time_period = $year
    order by indicator, ref_area, counterpart_area`, params, Flow);
  const sum = (filter: string) => `coalesce(sum(obs_value::decimal(38, 6)) filter (where ${filter}), 0)::double`;
  const totals = await readRows(store, 'flow', `select indicator,
      ${sum("flow_type = 'national'")} as national_value, ${sum("flow_type = 'foreign'")} as foreign_value, ${sum('true')} as reported_value,
      (count(*) filter (where is_small_count and flow_type = 'national'))::integer as hidden_national,
      (count(*) filter (where is_small_count and flow_type = 'foreign'))::integer as hidden_foreign,
      (count(*) filter (where is_small_count))::integer as hidden_all,
      ${sum("is_small_count and flow_type = 'national'")} as hidden_national_value,
      ${sum("is_small_count and flow_type = 'foreign'")} as hidden_foreign_value,
      ${sum('is_small_count')} as hidden_all_value
    from flow where ref_area in (${MEMBERS}) and time_period = $year group by indicator order by indicator`, params, TotalRow);
  return {
    flows: rows
      .filter((r) => !r.is_small_count)
      .map((r) => ({ indicator: r.indicator, year: r.time_period, origin: r.counterpart_area, originName: countryName(r.counterpart_area, names), iso3: r.ref_area, value: r.obs_value, source: r.source })),
    totals: totals.map((t) => ({
      indicator: t.indicator, nationalValue: t.national_value, foreignValue: t.foreign_value, reportedValue: t.reported_value,
      hiddenNational: t.hidden_national, hiddenForeign: t.hidden_foreign, hiddenAll: t.hidden_all,
      hiddenNationalValue: t.hidden_national_value, hiddenForeignValue: t.hidden_foreign_value, hiddenAllValue: t.hidden_all_value,
    })),
  };
}
