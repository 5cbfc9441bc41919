import { TREND_MIN_POINTS } from '../schema/marts.js';
import type { Store } from '../store/index.js';

/**
 * SQL creating the macros the marts share, so that a rule every published value follows is written once:
 *
 * - `ct_is_small_count(unit, value, threshold)`: a count (unit NR) above zero and below the configured small-count
 *   threshold (0 turns the rule off); null when the value is null.
 * - `ct_reveals_small_counts(small_count_sum, threshold)`: a sum holding small counts that add up to this (above zero,
 *   below the threshold) would give them back less the figures shown, so it is withheld; complementary suppression's
 *   rule, "the withheld values of a total must together reach the threshold" (0 turns it off).
 * - `ct_is_dominated(confidential_values, p)`: the p % rule of dominance: with x1 ≥ x2 ≥ … the confidential values
 *   summed in a total (or left by a combination of totals), the values other than the two largest come to less than
 *   p % of the largest, so that the second-largest contributor, knowing its own value, could estimate the largest
 *   within p % from the total less the figures shown (1000, 40, 30: 30 < 10 % × 1000); false for no values.
 * - `ct_value_display(value, is_small_count, threshold)`: the value as a publication prints it: "<5" for a small
 *   count, an integer without decimals, any other number to three decimals; null for no value.
 * - `ct_trend_direction(n_points, slope, slope_pct_per_year, mk_p_value, stable_slope_pct, trend_alpha)`: a trend's
 *   direction: insufficient_data below TREND_MIN_POINTS (4) points; rising or falling when the slope is at least stable_slope_pct % of
 *   the window's mean a year and Mann–Kendall's p at most trend_alpha; stable otherwise (int_trend_statistics reads
 *   it, and series_trend for each value a small count may be).
 *
 * Temporary macros: they live in the building connection only, like the intermediate tables.
 */
export const MODEL_MACROS_SQL = `
  create or replace temp macro ct_is_small_count(unit, value, threshold) as
    threshold > 0 and unit = 'NR' and value > 0 and value < threshold;
  create or replace temp macro ct_reveals_small_counts(small_count_sum, threshold) as
    small_count_sum > 0 and small_count_sum < threshold;
  create or replace temp macro ct_is_dominated(confidential_values, p) as
    coalesce(len(confidential_values), 0) > 0
      and 100 * (list_sum(confidential_values) - list_sort(confidential_values, 'DESC')[1] - coalesce(list_sort(confidential_values, 'DESC')[2], 0))
        < p * list_sort(confidential_values, 'DESC')[1];
  create or replace temp macro ct_value_display(value, is_small_count, threshold) as
    case
      when value is null then null
      when is_small_count then '<' || threshold
      when value = round(value) then cast(value::bigint as varchar)
      else cast(round(value, 3) as varchar)
    end;
  create or replace temp macro ct_trend_direction(n_points, slope, slope_pct_per_year, mk_p_value, stable_slope_pct, trend_alpha) as
    case
      when n_points < ${TREND_MIN_POINTS} then 'insufficient_data'
      when abs(coalesce(slope_pct_per_year, 0)) >= stable_slope_pct and mk_p_value <= trend_alpha
        then case when slope > 0 then 'rising' else 'falling' end
      else 'stable'
    end;`;

/** Creates the macros the marts call (see MODEL_MACROS_SQL) on the store's connection. */
export async function createModelMacros(store: Store): Promise<void> {
  await store.run(MODEL_MACROS_SQL);
}
