import type { Config } from '../schema/config.js';
import { STABLE_SLOPE_PCT, TREND_ALPHA } from '../schema/marts.js';
import type { Reference } from '../schema/reference.js';
import { referenceFingerprint, type Store } from '../store/index.js';
import { SUBMISSIONS_FINGERPRINT_SQL } from './describe-outdated-marts.js';

// The trend rule lives beside the mart contracts (src/schema/marts.ts), where the review's methods annex reads it too.
export { STABLE_SLOPE_PCT, TREND_ALPHA };

/**
 * Returns nothing; (re)writes the one-row table `build_setting` that the models read (through stg_build__setting)
 * for every configurable value, bound as parameters, so that a build depends on the warehouse and the config only;
 * with the fingerprint of the submissions it reads (`last_submission`, `submissions_hash`) and of the reference data
 * (`reference_hash`), so that `report` and `query` can tell marts that a later ingest or import, or an edit of
 * `data/reference`, has made out of date (describeOutdatedMarts).
 */
export async function writeBuildSetting(store: Store, config: Config, reference?: Reference): Promise<void> {
  const [month, day] = config.deadline.split('-').map(Number);
  await store.run(
    `create or replace table build_setting as select
      $trend_years::integer as trend_years,
      $population_source::varchar as population_source,
      $small_count_threshold::integer as small_count_threshold,
      $confidential_in_totals::varchar as confidential_in_totals,
      $confidential_min_states::integer as confidential_min_states,
      $confidential_dominance_p::double as confidential_dominance_p,
      $deadline_month::integer as deadline_month,
      $deadline_day::integer as deadline_day,
      $review_group::varchar as review_group,
      $stable_slope_pct::double as stable_slope_pct,
      $trend_alpha::double as trend_alpha,
      $reference_hash::varchar as reference_hash,
      fingerprint.last_submission,
      fingerprint.submissions_hash
    from (${SUBMISSIONS_FINGERPRINT_SQL}) as fingerprint`,
    {
      trend_years: config.trendYears,
      population_source: config.populationSource,
      small_count_threshold: config.smallCountThreshold,
      confidential_in_totals: config.confidentialInTotals,
      confidential_min_states: config.confidentialMinStates,
      confidential_dominance_p: config.confidentialDominanceP,
      deadline_month: month ?? 1,
      deadline_day: day ?? 31,
      review_group: config.group,
      stable_slope_pct: STABLE_SLOPE_PCT,
      trend_alpha: TREND_ALPHA,
      reference_hash: reference === undefined ? null : referenceFingerprint(reference),
    },
  );
}
