import { z } from 'zod';
import { contract, rel, type MartContract } from './define-mart.js';

/**
 * Row contracts of the marts that `crimetrends build` writes (pipeline/marts/*.sql), one PascalCase schema and type
 * per mart, and {@link MARTS}: the registry the runner checks each mart against right after building it, and that
 * `query --schema`, the tests and the report read (name, grain, columns, not-null columns, accepted values).
 *
 * Every mart here feeds published output: CONF_STATUS C and N values and OBS_STATUS Q values never reach one, except
 * inside a regional sum that is then suppressed (or, with `confidentialInTotals: "flag"`, a regional total holding
 * confidential values of three or more states, of which no combination of the published totals leaves fewer than
 * three alone, is published and flagged).
 * Small counts: publish `value_display` (it reads "<5" when `is_small_count`), never `obs_value` itself.
 * Rows reach JS as plain values: integers and doubles as numbers, lists as string arrays, dates as 'YYYY-MM-DD'.
 */

const iso3 = /^[A-Z]{3}$/;
const refArea = z.string().regex(iso3).describe('reporting state, ISO 3166-1 alpha-3 (Kosovo XKX)');
const timePeriod = z.number().int().describe('calendar year the figure refers to');
const indicator = z.string().regex(/^[A-Z][A-Z0-9_]*$/).describe('indicator code of the catalogue (ref_indicator.code)');
const area = z.string().regex(/^[A-Z][A-Z0-9_]*$/).describe('crime area of the indicator (ref_area.area)');
const groupCode = z.string().regex(/^[A-Z0-9_]+$/).describe('group of states (BSEC, SEECP, WB6)');
const unit = z.enum(['NR', 'KG', 'ROUNDS']).describe('unit of obs_value: NR count, KG kilograms, ROUNDS of ammunition');
const count = z.number().nonnegative();
const share = z.number().min(0).max(1);
const obsStatus = z.enum(['A', 'P', 'E', 'B']).describe('SDMX status: A normal, P provisional, E estimated, B break in series');
const isSmallCount = z.boolean().describe('a count (unit NR) above 0 and below the configured smallCountThreshold');
const valueDisplay = z.string().describe('the value as published: "<5" for a small count, else the number as text');
const valueSource = z.enum(['RETURN', 'UNODC', 'EUROSTAT']);
/** A trend is rising or falling only when its Theil-Sen slope is at least this % of the window mean per year … */
export const STABLE_SLOPE_PCT = 5;
/** … and its two-sided Mann-Kendall p-value is at most this; otherwise it is stable (no clear trend). */
export const TREND_ALPHA = 0.1;
/** Fewer years with a value than this in the window give no direction (insufficient_data). */
export const TREND_MIN_POINTS = 4;
const direction = z
  .enum(['rising', 'falling', 'stable', 'insufficient_data'])
  .describe(`rising/falling: |slope| >= ${STABLE_SLOPE_PCT} % of the window mean per year and Mann-Kendall p <= ${TREND_ALPHA.toFixed(2)}; insufficient_data: < ${TREND_MIN_POINTS} points`);
const states = z.array(z.string().regex(iso3));
const trendStatistics = {
  n_points: z.number().int().nonnegative().describe('years with a value in the window (after a break cut)'),
  mean_value: count.nullable().describe('mean of the values in the window; null below 4 points (and in series_trend when withheld)'),
  slope: z.number().nullable().describe('Theil-Sen slope: median of pairwise slopes, units per year; null below 4 points (and in series_trend when withheld)'),
  slope_pct_per_year: z.number().nullable().describe('slope as a percentage of the window mean, per year'),
  mk_s: z.number().int().nullable().describe('Mann-Kendall S: concordant minus discordant pairs'),
  mk_p_value: share.nullable().describe('two-sided Mann-Kendall p-value (see mk_method)'),
  mk_method: z.enum(['exact', 'normal']).nullable().describe('exact: n <= 10 without ties; normal: approximation with tie variance and continuity correction'),
  direction,
};

/** `series_total`: one row per state × year × indicator with a published total. */
export const SeriesTotal = z.object({
  ref_area: refArea,
  time_period: timePeriod,
  indicator,
  area,
  unit,
  obs_value: count.describe('the total (all dimensions _T), reported or derived'),
  obs_status: obsStatus,
  is_derived: z.boolean().describe('true when summed from a complete breakdown because no total was reported'),
  derived_from: z.enum(['SEX', 'AGE', 'BREAKDOWN']).nullable().describe('the dimension whose complete breakdown was summed'),
  is_small_count: isSmallCount,
  value_display: valueDisplay,
  source: valueSource.describe('where the value comes from (returns outrank imports)'),
  comment: z.string().nullable().describe("the reporting state's COMMENT on the total (free text: escape it)"),
});
export type SeriesTotal = z.infer<typeof SeriesTotal>;

/** `series_breakdown`: one row per state × year × indicator × sex × age × breakdown for a published part. */
export const SeriesBreakdown = z.object({
  ref_area: refArea,
  time_period: timePeriod,
  indicator,
  area,
  unit,
  sex: z.string().describe('_T, F, M or _U'),
  age: z.string().describe('_T, Y_LT18, Y_GE18 or _U'),
  breakdown: z.string().describe("a code of the indicator's breakdown list, or _T"),
  obs_value: count,
  obs_status: obsStatus,
  is_small_count: isSmallCount,
  value_display: valueDisplay,
  source: valueSource.describe("where the part comes from: the state's return, or an import (UNODC, EUROSTAT) where the return has no such part"),
});
export type SeriesBreakdown = z.infer<typeof SeriesBreakdown>;

/** `series_rate`: one row per state × year × count indicator with a known population. */
export const SeriesRate = z.object({
  ref_area: refArea,
  time_period: timePeriod,
  indicator,
  area,
  obs_value: count.describe('the count (series_total.obs_value)'),
  obs_status: obsStatus,
  is_derived: z.boolean(),
  population: z.number().positive().describe('persons'),
  population_source: z.enum(['WORLDBANK', 'RETURN', 'UNODC', 'EUROSTAT']).describe('population used (config populationSource wins where both exist)'),
  rate_per_100k: count.describe('obs_value / population * 100000'),
  is_small_count: isSmallCount,
});
export type SeriesRate = z.infer<typeof SeriesRate>;

/** `series_change`: one row per state × year × indicator that also has a value in the year before. */
export const SeriesChange = z.object({
  ref_area: refArea,
  time_period: timePeriod,
  indicator,
  area,
  previous_period: z.number().int().describe('time_period - 1'),
  previous_value: count,
  obs_value: count,
  previous_obs_status: obsStatus,
  obs_status: obsStatus,
  is_comparable: z.boolean().describe('false when obs_status is B: a break between the two years'),
  has_small_count: z.boolean().describe('either year is a small count (is_small_count in series_total): the change would give it back, so publish neither change_abs nor change_pct'),
  change_abs: z.number().nullable().describe('obs_value - previous_value; null when not comparable'),
  change_pct: z.number().nullable().describe('100 * change_abs / previous_value; null when not comparable or previous_value is 0'),
});
export type SeriesChange = z.infer<typeof SeriesChange>;

/** `series_trend`: one row per state × indicator × end year of a trend window. */
export const SeriesTrend = z.object({
  ref_area: refArea,
  indicator,
  area,
  end_year: z.number().int().describe('last year of the window'),
  window_years: z.number().int().positive().describe('configured window length (trendYears)'),
  window_start: z.number().int().describe('first year of the window after any break cut'),
  break_year: z.number().int().nullable().describe('latest year in the window with OBS_STATUS B: the window starts there'),
  ...trendStatistics,
  suppression_reason: z
    .enum(['small_count', 'small_count_direction'])
    .nullable()
    .describe('small_count: mean_value, slope and slope_pct_per_year withheld, the window holding a small count, which trying 1 to 4 against them would give back (n × mean less the other years is the small counts\' sum); S, p and the direction hold whatever it is. small_count_direction: the direction withheld too (insufficient_data), since it differs with the value of the one small count, or the window holds two or more, whose order S and p would give (they are withheld then); null when published'),
});
export type SeriesTrend = z.infer<typeof SeriesTrend>;

/** `regional_trend`: one row per group × indicator × end year, over a fixed panel of member states. */
export const RegionalTrend = z.object({
  group_code: groupCode,
  indicator,
  area,
  end_year: z.number().int(),
  window_years: z.number().int().positive(),
  window_start: z.number().int().describe('end_year - window_years + 1'),
  members: z.number().int().positive(),
  panel_states: states.describe('members with a comparable published value in every year of the window'),
  panel_size: z.number().int().nonnegative(),
  ...trendStatistics,
});
export type RegionalTrend = z.infer<typeof RegionalTrend>;

/** `regional_total`: one row per group × year × indicator that some member ever reported, from the first year one did. */
export const RegionalTotal = z.object({
  group_code: groupCode,
  time_period: timePeriod,
  indicator,
  area,
  unit,
  members: z.number().int().positive().describe('member states of the group'),
  states_reporting: z.number().int().nonnegative().describe('members with a total that year ("reported by 9 of 13")'),
  coverage: share.describe('states_reporting / members'),
  reporting_states: states,
  missing_states: states.describe('members without a total: missing, never counted as zero'),
  obs_value: count.nullable().describe('sum over reporting_states; null when none reported or suppressed'),
  has_confidential: z.boolean().describe('a reporting state gave the value as CONF_STATUS C/N or OBS_STATUS Q'),
  confidential_states: z.number().int().nonnegative().describe('how many reporting states gave their value as CONF_STATUS C/N or OBS_STATUS Q (0 when has_confidential is false); a published total with confidential_states > 0 (confidentialInTotals "flag", always confidentialMinStates, 3, or more) is flagged as including confidential values of that many states'),
  is_suppressed: z.boolean().describe('obs_value withheld: see suppression_reason'),
  suppression_reason: z
    .enum(['confidential', 'confidential_few_states', 'confidential_dominant', 'confidential_linked', 'small_count_residual', 'small_count_residual_linked'])
    .nullable()
    .describe('why obs_value is withheld: it includes a confidential value (has_confidential, confidentialInTotals "suppress"), or (confidentialInTotals "flag") its confidential values are those of fewer than confidentialMinStates (3) states, so that the total less the other members\' published figures would give back one state\'s value or the sum of two, from which each of the two learns the other\'s (confidential_few_states), or one of them dwarfs the others: those besides the two largest come to less than confidentialDominanceP (10) % of the largest, so that the second-largest contributor could estimate the largest within that (the p % rule; confidential_dominant), or a combination of the year\'s flagged totals of overlapping groups would leave the confidential values of too few states, or a dominant one, and withholding it breaks every such combination (confidential_linked), or the small counts in it add up to less than smallCountThreshold, so that the total less the published figures would give them away (small_count_residual), or it would do so taken together with other groups\' published totals of the year (SEECP less WB6 less the figures shown), and withholding it breaks every such combination (small_count_residual_linked); null when published'),
  has_provisional_or_estimated: z.boolean(),
  has_break: z.boolean().describe('a reporting state marked this year B'),
  is_small_count: isSmallCount,
  value_display: z.string().nullable().describe('as published; null when obs_value is null'),
});
export type RegionalTotal = z.infer<typeof RegionalTotal>;

/** `regional_change`: one row per group × year × indicator with at least one like-for-like state. */
export const RegionalChange = z.object({
  group_code: groupCode,
  time_period: timePeriod,
  previous_period: z.number().int(),
  indicator,
  area,
  members: z.number().int().positive(),
  lfl_states: states.describe('members with comparable values in both years (no B in time_period)'),
  lfl_state_count: z.number().int().positive(),
  previous_value: count.nullable().describe('sum over lfl_states in previous_period; null when suppressed'),
  obs_value: count.nullable().describe('sum over lfl_states in time_period; null when suppressed'),
  change_abs: z.number().nullable(),
  change_pct: z.number().nullable().describe('null when previous_value is 0 or suppressed'),
  has_confidential: z.boolean(),
  is_suppressed: z.boolean().describe('the sums and change withheld: they include a confidential (C, N) or withheld (Q) value, with either confidentialInTotals, since beside the regional totals of the same years they could give one state\'s value back'),
});
export type RegionalChange = z.infer<typeof RegionalChange>;

const ratio = z.number().nonnegative().nullable();
const ratioReason = z
  .enum(['no_count', 'small_count', 'zero_denominator'])
  .nullable()
  .describe('why the ratio is null: a side not published (no_count), a side is a small count and the ratio would give it away (small_count), or the denominator is 0; null when the ratio is published');
/** `cj_attrition`: one row per area × state × year with at least one criminal-justice stage reported. */
export const CjAttrition = z.object({
  area,
  ref_area: refArea,
  time_period: timePeriod,
  offences: count.nullable().describe('stage OFFENCES indicator of the area (code <AREA>_OFF)'),
  suspected: count.nullable(),
  prosecuted: count.nullable(),
  convicted: count.nullable(),
  small_count_stages: z.array(z.enum(['offences', 'suspected', 'prosecuted', 'convicted']))
    .describe('the counts that are small counts (below smallCountThreshold): publish them as "<5", never as numbers'),
  suspected_per_offence: ratio.describe('suspected / offences; null when *_reason says why'),
  prosecuted_per_suspected: ratio,
  convicted_per_prosecuted: ratio,
  suspected_per_offence_reason: ratioReason,
  prosecuted_per_suspected_reason: ratioReason,
  convicted_per_prosecuted_reason: ratioReason,
  median_group: groupCode.describe('the group the medians are taken over (config group)'),
  median_suspected_per_offence: ratio.describe('median over the group members with that ratio, same area and year'),
  median_prosecuted_per_suspected: ratio,
  median_convicted_per_prosecuted: ratio,
});
export type CjAttrition = z.infer<typeof CjAttrition>;

const flowType = z.enum(['national', 'foreign', 'unknown']).describe('counterpart is the reporting state, another country, or _U');
/** `flow`: one row per indicator × reporting state × year × counterpart country. */
export const Flow = z.object({
  indicator,
  area,
  ref_area: refArea,
  time_period: timePeriod,
  counterpart_area: z.string().describe('citizenship / country of origin / partner state (ISO3) or _U'),
  counterpart_meaning: z.string().describe("what COUNTERPART_AREA means for the indicator (catalogue)"),
  flow_type: flowType,
  is_counterpart_member: z.boolean().describe('the counterpart is a state of the region'),
  obs_value: count,
  obs_status: obsStatus,
  share_of_reported: share.nullable().describe('obs_value / sum over the counterpart rows of the state, year and indicator; null for a small count, and for every row whose sum holds small counts adding up to less than smallCountThreshold (they could be worked back)'),
  is_small_count: isSmallCount,
  value_display: valueDisplay,
  source: valueSource.describe("where the value comes from: the state's return, or an import (UNODC, EUROSTAT) where the return has no such counterpart row"),
});
export type Flow = z.infer<typeof Flow>;

/**
 * `flow_share`: one row per indicator × reporting state × year with a counterpart breakdown; a breakdown not published
 * (a row of it, or its total, confidential or withheld) is a row with `is_confidential` and every value null.
 */
export const FlowShare = z.object({
  indicator,
  area,
  ref_area: refArea,
  time_period: timePeriod,
  national_value: count.nullable().describe('null when the small counts in it add up to less than smallCountThreshold (withheld: it would reveal them)'),
  foreign_value: count.nullable().describe('as national_value'),
  unknown_value: count.nullable().describe('as national_value'),
  reported_value: count.nullable().describe('sum over all counterpart rows; withheld as national_value'),
  total_value: count.nullable().describe('series_total.obs_value, when published and not a small count'),
  national_share: share.nullable(),
  foreign_share: share.nullable(),
  unknown_share: share.nullable(),
  foreign_countries: z.number().int().nonnegative().nullable().describe('foreign counterparts in the breakdown; null when it is confidential'),
  is_confidential: z.boolean().describe('the state sent a breakdown not published (CONF_STATUS C or N, or OBS_STATUS Q, on a row of it or on its total): every value of the row is null'),
});
export type FlowShare = z.infer<typeof FlowShare>;

/** `flow_corridor`: one row per indicator × year × counterpart × reporting state for the 20 largest foreign flows. */
export const FlowCorridor = z.object({
  indicator,
  area,
  time_period: timePeriod,
  counterpart_area: z.string().regex(iso3),
  ref_area: refArea,
  counterpart_meaning: z.string(),
  obs_value: count,
  corridor_rank: z.number().int().positive().describe('1 = largest flow of the indicator and year in the region'),
  share_of_foreign: share.nullable().describe('obs_value / all foreign flows of the indicator and year; null for a small count, and for every corridor when the foreign small counts add up to less than smallCountThreshold'),
  is_small_count: isSmallCount,
  value_display: valueDisplay,
  source: valueSource.describe('where the value comes from, as in flow'),
});
export type FlowCorridor = z.infer<typeof FlowCorridor>;

/** `data_quality`: one row per member state × reporting year with at least one return in the warehouse. */
export const DataQuality = z.object({
  ref_area: refArea,
  time_period: timePeriod,
  has_accepted_return: z.boolean(),
  return_outcome: z.enum(['accepted', 'rejected', 'superseded']).nullable().describe('outcome of the latest file offered'),
  versions: z.number().int().nonnegative().describe('files offered for this state and year'),
  first_received_at: z.string().nullable().describe('ISO timestamp of the first file offered'),
  deadline_date: z.string().regex(/^\d{4}-\d\d-\d\d$/).describe('config deadline in the following year'),
  days_late: z.number().int().nullable().describe('days from the deadline to the first file (negative: early)'),
  timeliness: z.enum(['on_time', 'late', 'missing', 'rejected']).describe('the first file against the deadline where a version is in force; missing: no file; rejected: every file rejected, nothing taken in'),
  series_expected: z.number().int().positive().describe('indicators in the catalogue'),
  series_reported: z.number().int().nonnegative().describe('indicators with a total in the state\'s returns for the year, where it has an accepted return of its own for the year; 0 otherwise'),
  share_reported: share,
  share_provisional: share.nullable().describe('of the reported totals, share with OBS_STATUS P'),
  share_estimated: share.nullable().describe('of the reported totals, share with OBS_STATUS E'),
  series_confidential: z.number().int().nonnegative().describe('reported totals given as C, N or Q (counted, not shown)'),
  series_break: z.number().int().nonnegative(),
  series_from_other_returns: z.number().int().nonnegative().describe('for a year without an accepted return of its own (missing or rejected): indicators with a total for it in other returns (its own for a later year revising it, rows of it in another state\'s file); 0 otherwise'),
  warnings_accepted: z.number().int().nonnegative().nullable().describe('validation warnings of the accepted return in force (an earlier file when a later one was rejected); null without one'),
});
export type DataQuality = z.infer<typeof DataQuality>;

const toState = rel(['ref_area'], 'ref_state', ['iso3']);
const toIndicator = rel(['indicator'], 'ref_indicator', ['code']);
const toGroup = rel(['group_code'], 'ref_state_group', ['group_code']);
const toTotal = rel(['ref_area', 'time_period', 'indicator'], 'series_total');

/** Every mart, in build order, with its contract. */
export const MARTS: readonly MartContract[] = [
  contract('series_total', 'Totals per state, year and indicator (reported, or derived from a complete breakdown); published values only',
    SeriesTotal, ['ref_area', 'time_period', 'indicator'], [toState, toIndicator]),
  contract('series_breakdown',
    'Parts of a total by breakdown code, sex, age or sex × age; a shape only when every part of it and the total are published',
    SeriesBreakdown, ['ref_area', 'time_period', 'indicator', 'sex', 'age', 'breakdown'], [toState, toIndicator]),
  contract('series_rate', 'Counts per 100,000 population, with the population source used', SeriesRate,
    ['ref_area', 'time_period', 'indicator'], [toTotal]),
  contract('series_change', 'Year-on-year change of a total, only between comparable values', SeriesChange,
    ['ref_area', 'time_period', 'indicator'], [toTotal]),
  contract('series_trend', 'Trend over the last N years per state and indicator: Theil-Sen slope, Mann-Kendall test, direction',
    SeriesTrend, ['ref_area', 'indicator', 'end_year'], [toState, toIndicator]),
  contract('regional_trend', 'Trend of a group total over a fixed panel of members that reported every year of the window',
    RegionalTrend, ['group_code', 'indicator', 'end_year'], [toGroup, toIndicator]),
  contract('regional_total', 'Group totals with coverage; a missing return is never a zero', RegionalTotal,
    ['group_code', 'time_period', 'indicator'], [toGroup, toIndicator]),
  contract('regional_change', 'Like-for-like change of a group total over the states that reported both years', RegionalChange,
    ['group_code', 'time_period', 'indicator'], [rel(['group_code', 'time_period', 'indicator'], 'regional_total')]),
  contract('cj_attrition', 'Criminal-justice attrition (suspected per offence, prosecuted per suspected, convicted per prosecuted) with the group median',
    CjAttrition, ['area', 'ref_area', 'time_period'], [toState, rel(['area'], 'ref_area')]),
  contract('flow', 'Cross-border flows: counterpart country × reporting state × year per indicator', Flow,
    ['indicator', 'ref_area', 'time_period', 'counterpart_area'], [toState, toIndicator]),
  contract('flow_share', 'National, foreign and unknown shares of a counterpart breakdown; one not published is named (is_confidential)', FlowShare,
    ['indicator', 'ref_area', 'time_period'], [toState, toIndicator]),
  contract('flow_corridor', 'The 20 largest foreign corridors (counterpart → reporting state) of the region per indicator and year, ranked', FlowCorridor,
    ['indicator', 'time_period', 'counterpart_area', 'ref_area'], [rel(['indicator', 'ref_area', 'time_period', 'counterpart_area'], 'flow')]),
  contract('data_quality', 'Per state and reporting year: series reported, provisional and estimated shares, warnings, timeliness',
    DataQuality, ['ref_area', 'time_period'], [toState]),
];

/** Returns the contract of mart `name`, or undefined when it is not a mart. */
export function findMart(name: string): MartContract | undefined {
  return MARTS.find((mart) => mart.name === name);
}
