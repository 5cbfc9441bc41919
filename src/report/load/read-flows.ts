import { Flow } from '../../schema/marts.js';
import type { Store } from '../../store/index.js';
import type { FlowPoint } from '../review-model.js';
import { countryName } from './country-names.js';
import { MEMBERS } from './member-filter.js';
import { readRows } from './read-rows.js';

/**
 * Returns the members' cross-border flows for `year` from `flow` (small counts left out: a heatmap cell or corridor
 * would show them), each counterpart named.
 */
export async function readFlows(store: Store, group: string, year: number, names: ReadonlyMap<string, string>): Promise<FlowPoint[]> {
  const rows = await readRows(store, 'flow', `select * from flow where ref_area in (${MEMBERS}) and time_period = $year
    order by indicator, ref_area, counterpart_area`, { group, year }, Flow);
  return rows
    .filter((r) => !r.is_small_count)
    .map((r) => ({ indicator: r.indicator, year: r.time_period, origin: r.counterpart_area, originName: countryName(r.counterpart_area, names), iso3: r.ref_area, value: r.obs_value }));
}
