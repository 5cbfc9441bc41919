import type { Store } from '../store/index.js';

/**
 * SQL creating the macros the marts share, so that a rule every published value follows is written once:
 *
 * - `ct_is_small_count(unit, value, threshold)`: a count (unit NR) above zero and below the configured small-count
 *   threshold (0 turns the rule off); null when the value is null.
 * - `ct_reveals_small_counts(small_count_sum, threshold)`: a sum holding small counts that add up to this (above zero,
 *   below the threshold) would give them back less the figures shown, so it is withheld; complementary suppression's
 *   rule, "the withheld values of a total must together reach the threshold" (0 turns it off).
 * - `ct_value_display(value, is_small_count, threshold)`: the value as a publication prints it: "<5" for a small
 *   count, an integer without decimals, any other number to three decimals; null for no value.
 *
 * Temporary macros: they live in the building connection only, like the intermediate tables.
 */
export const MODEL_MACROS_SQL = `
  create or replace temp macro ct_is_small_count(unit, value, threshold) as
    threshold > 0 and unit = 'NR' and value > 0 and value < threshold;
  create or replace temp macro ct_reveals_small_counts(small_count_sum, threshold) as
    small_count_sum > 0 and small_count_sum < threshold;
  create or replace temp macro ct_value_display(value, is_small_count, threshold) as
    case
      when value is null then null
      when is_small_count then '<' || threshold
      when value = round(value) then cast(value::bigint as varchar)
      else cast(round(value, 3) as varchar)
    end;`;

/** Creates the macros the marts call (see MODEL_MACROS_SQL) on the store's connection. */
export async function createModelMacros(store: Store): Promise<void> {
  await store.run(MODEL_MACROS_SQL);
}
