import { z } from 'zod';
import { ConfigError, PipelineError } from '../../errors.js';
import { STABLE_SLOPE_PCT, TREND_ALPHA, TREND_MIN_POINTS } from '../../schema/marts.js';
import type { Reference } from '../../schema/reference.js';
import type { Store } from '../../store/index.js';
import type { ReviewModel, RulesInfo, SourceInfo } from '../review-model.js';
import { hashModel } from './hash-model.js';
import { MEMBERS } from './member-filter.js';
import { readAttrition } from './read-attrition.js';
import { readBreakdowns } from './read-breakdowns.js';
import { readCatalogue } from './read-catalogue.js';
import { readFlows } from './read-flows.js';
import { readRegional } from './read-regional.js';
import { readReturns } from './read-returns.js';
import { hasRelation, readRows } from './read-rows.js';
import { readSeries } from './read-series.js';
import { designatedName } from '../designation.js';
import { memberNouns } from '../pages/prose-name.js';

export interface LoadOptions {
  year: number;
  group: string;
  toolVersion: string;
  /** The reference files (names the warehouse does not hold: the group's name, stage names, code descriptions). */
  reference: Reference;
  /** Rules to state when the warehouse predates `build_setting` (the trend rule then is this version's). */
  fallbackRules: Omit<RulesInfo, 'stableSlopePct' | 'trendAlpha' | 'trendMinPoints'>;
}

/** The dataset name of the sources rows that count the rates computed with each population source. */
export const POPULATION_DATASET = 'population (rates per 100,000 computed with it)';

/** Years a review looks back over, the reference year included. */
export const REVIEW_YEARS = 10;

const SettingRow = z.object({
  trend_years: z.number(), population_source: z.string(), small_count_threshold: z.number(), confidential_in_totals: z.enum(['suppress', 'flag']),
  // absent from a warehouse built before they were settings: the rules were then 3 states and no dominance rule
  confidential_min_states: z.number().optional(), confidential_dominance_p: z.number().optional(),
  deadline_month: z.number(), deadline_day: z.number(),
  stable_slope_pct: z.number().optional(), trend_alpha: z.number().optional(),
});
const YearCoverage = z.object({ year: z.number(), states: z.number() });

/**
 * Returns the review model for `year` and `group`, read from the marts (and `submission_latest`, the reference
 * tables and accepted validation warnings) of an open, read-only warehouse, with the snapshot hash of everything
 * read. Covers the last ten years up to `year` (fewer when the data start later).
 *
 * 1. Check the marts exist; read the group's members and the catalogue.
 * 2. Read series (totals, rates, changes, trends, comments), regional totals and trends, returns and quality,
 *    criminal-justice ratios, flows and breakdowns, each filtered to the members and the window.
 * 3. Hash the model.
 *
 * @throws ConfigError `GROUP_UNKNOWN` when the group has no members; PipelineError `MARTS_MISSING` before a build.
 */
export async function loadReviewModel(store: Store, options: LoadOptions): Promise<ReviewModel> {
  const { year, group } = options;
  if (!(await hasRelation(store, 'series_total'))) {
    throw new PipelineError('MARTS_MISSING', `the warehouse ${store.path} has no marts yet`, { hint: 'run "crimetrends build" first (or "crimetrends run")' });
  }
  const catalogue = await readCatalogue(store, group, options.reference);
  if (catalogue.states.length === 0) {
    const known = [...new Set(options.reference.states.flatMap((s) => s.groups))].sort();
    throw new ConfigError('GROUP_UNKNOWN', `group "${group}" has no member states in the warehouse`, { hint: `use one of ${known.join(', ')}` });
  }
  // members with a crime figure per year of the window (population, stage CONTEXT, is not one)
  const coverage = await readRows(store, 'series_total', `select t.time_period as year, count(distinct t.ref_area)::integer as states
    from series_total as t join ref_indicator as i on i.code = t.indicator
    where t.ref_area in (${MEMBERS}) and t.time_period between $earliest and $year and i.stage <> 'CONTEXT'
    group by t.time_period order by t.time_period`, { group, year, earliest: year - REVIEW_YEARS + 1 }, YearCoverage);
  const from = reviewFirstYear(coverage, year);
  const thin = coverage.filter((c) => c.year < from && c.states > 0);
  // every name as the review prints it, a member's or a counterpart's: "Kosovo*" (designatedName decides)
  const states = catalogue.states.map((s) => ({ ...s, name: designatedName(s.iso3, s.name) }));
  const names = new Map(states.map((s) => [s.iso3, s.name]));
  for (const s of options.reference.states) if (!names.has(s.iso3)) names.set(s.iso3, designatedName(s.iso3, s.name_en));

  const series = await readSeries(store, group, from, year);
  const regional = await readRegional(store, group, from, year, series.medianRates);
  const returns = await readReturns(store, group, from, year, catalogue.states.map((s) => s.iso3));
  const attrition = await readAttrition(store, group, year);
  const rules = await readRules(store, options.fallbackRules);
  // a review of a year not over when the warehouse's latest file came in (an early return, a mistyped --year): no
  // state was late, the deadline was yet to come, and what the review says of the missing depends on it. Receipts
  // all in January are a review on time, and say nothing: the deadline may have passed since without a file.
  const [latest] = await store.all<{ latest: string | null }>("select strftime(max(received_at), '%Y-%m-%d') as latest from submission");
  const beforeDeadline = latest?.latest && latest.latest < `${year + 1}-01-01` ? latest.latest : undefined;
  const flows = await readFlows(store, group, year, names, rules.smallCountThreshold);
  const breakdownRead = await readBreakdowns(store, group, year);
  const breakdowns = breakdownRead?.points ?? null;
  const breakdownsWithSmallCounts = breakdownRead?.withSmallCounts ?? [];
  const sources: SourceInfo[] = [
    ...series.sources.map((s) => ({ source: s.source, dataset: `totals (${memberNouns(catalogue.group).bareOne} \u00d7 indicator \u00d7 year)`, observations: s.observations, states: s.states })),
    ...series.populationSources.map((s) => ({ source: s.source, dataset: POPULATION_DATASET, observations: s.observations, states: s.states })),
  ];
  const model: ReviewModel = {
    year,
    group: catalogue.group,
    states,
    areas: catalogue.areas,
    indicators: catalogue.indicators,
    codes: catalogue.codes,
    years: Array.from({ length: year - from + 1 }, (_, i) => from + i),
    ...(thin.length ? { leftOut: { years: thin.map((c) => c.year), states: Math.max(...thin.map((c) => c.states)), best: Math.max(...coverage.map((c) => c.states)) } } : {}),
    returns: returns.returns,
    ...(beforeDeadline ? { beforeDeadline } : {}),
    totals: series.totals,
    regional: regional.regional,
    trends: [...regional.trends, ...series.trends],
    attrition,
    breakdowns: breakdowns ?? [],
    hasBreakdowns: breakdowns !== null,
    ...(breakdownsWithSmallCounts.length ? { breakdownsWithSmallCounts } : {}),
    flows: flows.flows,
    flowTotals: flows.totals,
    quality: returns.quality,
    comments: series.comments,
    warnings: returns.warnings,
    unexplainedChanges: returns.unexplainedChanges,
    sources,
    rules,
    snapshot: '',
    toolVersion: options.toolVersion,
  };
  const { snapshot: _s, toolVersion: _v, ...content } = model;
  return { ...model, snapshot: hashModel(content) };
}

/**
 * Returns the first year of the review's period: the first year of the window in which at least half as many
 * members have a crime figure as in the window's best-covered year (the reference year when none has one). A
 * year before it carries too few states to stand for the region (one state's revision of an earlier year beside
 * five states' figures), so that it would stretch the title page's span and join a one-state "regional total"
 * to the next year's; the same test as `chainBase` applies to an index's first links. Population never sets it
 * (`coverage` counts crime figures only).
 *
 * @example reviewFirstYear([{ year: 2023, states: 1 }, { year: 2024, states: 5 }, { year: 2025, states: 5 }], 2025) // 2024
 */
export function reviewFirstYear(coverage: ReadonlyArray<{ year: number; states: number }>, year: number): number {
  const window = coverage.filter((c) => c.year <= year && c.year > year - REVIEW_YEARS && c.states > 0);
  const best = Math.max(0, ...window.map((c) => c.states));
  const wide = window.filter((c) => 2 * c.states >= best).map((c) => c.year);
  return Math.min(year, ...wide);
}

async function readRules(store: Store, fallbackRules: LoadOptions['fallbackRules']): Promise<RulesInfo> {
  const fallback = { ...fallbackRules, stableSlopePct: STABLE_SLOPE_PCT, trendAlpha: TREND_ALPHA, trendMinPoints: TREND_MIN_POINTS };
  if (!(await hasRelation(store, 'build_setting'))) return fallback;
  const [row] = await readRows(store, 'build_setting', 'select * from build_setting', {}, SettingRow.passthrough());
  if (!row) return fallback;
  return {
    stableSlopePct: row.stable_slope_pct ?? STABLE_SLOPE_PCT,
    trendAlpha: row.trend_alpha ?? TREND_ALPHA,
    trendMinPoints: TREND_MIN_POINTS,
    smallCountThreshold: row.small_count_threshold,
    confidentialInTotals: row.confidential_in_totals,
    ...(row.confidential_in_totals === 'flag'
      ? { confidentialMinStates: row.confidential_min_states ?? 3, ...(row.confidential_dominance_p === undefined ? {} : { confidentialDominanceP: row.confidential_dominance_p }) }
      : {}),
    deadline: `${String(row.deadline_month).padStart(2, '0')}-${String(row.deadline_day).padStart(2, '0')}`,
    trendYears: row.trend_years,
    populationSource: row.population_source,
  };
}
