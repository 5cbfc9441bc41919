import { RegionalChange, RegionalTotal, RegionalTrend } from '../../schema/marts.js';
import type { Store } from '../../store/index.js';
import type { RegionalPoint, TrendInfo } from '../review-model.js';
import { readRows } from './read-rows.js';

const SUPPRESSION_REASON: Record<NonNullable<RegionalTotal['suppression_reason']>, NonNullable<RegionalPoint['suppressionReason']>> = {
  confidential: 'confidential',
  confidential_few_states: 'confidential_few',
  confidential_dominant: 'confidential_dominant',
  confidential_linked: 'confidential_linked',
  small_count_residual: 'small_count',
  small_count_residual_linked: 'small_count_linked',
};

/**
 * Returns the group's totals for `from`–`year` with coverage (`regional_total`), each year's like-for-like change
 * (`regional_change`) and the regional median rate, and the group's trends ending in `year` (`regional_trend`).
 * A withheld total (confidential, or a small count's residual, alone or with other groups' totals:
 * `suppression_reason`) or a small-count total is published without its value.
 */
export async function readRegional(store: Store, group: string, from: number, year: number, medianRates: ReadonlyMap<string, number>): Promise<{ regional: RegionalPoint[]; trends: TrendInfo[] }> {
  const params = { group, from, year };
  const totals = await readRows(store, 'regional_total', `select * from regional_total where group_code = $group and time_period between $from and $year
    order by indicator, time_period`, params, RegionalTotal);
  const changes = await readRows(store, 'regional_change', `select * from regional_change where group_code = $group and time_period between $from and $year
    order by indicator, time_period`, params, RegionalChange);
  const trends = await readRows(store, 'regional_trend', 'select * from regional_trend where group_code = $group and end_year = $year order by indicator', { group, year }, RegionalTrend);
  const change = new Map(changes.map((c) => [`${c.indicator}|${c.time_period}`, c]));
  return {
    regional: totals.map((t) => {
      const c = change.get(`${t.indicator}|${t.time_period}`);
      return {
        indicator: t.indicator, year: t.time_period,
        total: t.is_suppressed || t.is_small_count ? null : t.obs_value,
        reporting: t.states_reporting, members: t.members, reportingStates: t.reporting_states,
        changeLfl: c && !c.is_suppressed && c.change_pct !== null ? c.change_pct / 100 : null,
        lflStates: c?.lfl_state_count ?? 0,
        lflStateCodes: c?.lfl_states ?? [],
        // a published value never enters a like-for-like sum as a small count (regional_change leaves such states
        // out), so these sums are 0 or at least the threshold: nothing to hide
        lflPrevious: c && !c.is_suppressed ? c.previous_value : null,
        lflCurrent: c && !c.is_suppressed ? c.obs_value : null,
        isSuppressed: t.is_suppressed,
        suppressionReason: t.suppression_reason === null ? null : SUPPRESSION_REASON[t.suppression_reason],
        medianRate: medianRates.get(`${t.indicator}|${t.time_period}`) ?? null,
        // a total published with confidential values in it ("flag") is marked; the key is absent otherwise
        ...(t.is_suppressed || t.is_small_count || t.confidential_states === 0 ? {} : { flaggedConfidentialStates: t.confidential_states }),
      };
    }),
    trends: trends.map((t) => ({
      iso3: null, indicator: t.indicator, direction: t.direction === 'insufficient_data' ? 'insufficient' : t.direction,
      slopePct: t.slope_pct_per_year === null ? null : t.slope_pct_per_year / 100, pValue: t.mk_p_value, points: t.n_points,
      firstYear: t.window_start, panel: t.panel_states,
    })),
  };
}
