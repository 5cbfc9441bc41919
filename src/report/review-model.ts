/**
 * The review's view model: everything the pages and charts show, already read from the marts, joined with the
 * reference data and cleared for publication (no confidential or internal value can be in here, since the marts
 * that feed it never hold one). Pages and chart builders are pure functions of this model.
 */

/** A member state of the group the review covers. */
export interface StateInfo {
  iso3: string;
  name: string;
  /** ISO 3166-1 numeric code as world-atlas uses it; empty for Kosovo. */
  numeric: string;
}

/** A crime area and how the review presents it. */
export interface AreaInfo {
  area: string;
  name: string;
  chapter: string;
  colour: string;
  sortOrder: number;
}

/** One indicator of the catalogue. */
export interface IndicatorInfo {
  code: string;
  area: string;
  name: string;
  definition: string;
  iccs: string;
  unit: 'NR' | 'KG' | 'ROUNDS';
  stage: string;
  stageName: string;
  /** Rank in the criminal-justice chain (offences 1 … convicted 4); null for other stages. */
  cjOrder: number | null;
  breakdownList: string;
  counterpartMeaning: string;
  isHeadline: boolean;
}

/** One code of a code list (labels for breakdowns, sex, age, flags). */
export interface CodeInfo {
  codelist: string;
  code: string;
  label: string;
  description: string;
}

/** A member state's return for the reference year, or its absence. */
export interface ReturnInfo {
  iso3: string;
  isReceived: boolean;
  fileName: string | null;
  /** Day the first version arrived, `YYYY-MM-DD`. */
  firstReceived: string | null;
  /** Day the version in force arrived, `YYYY-MM-DD`. */
  lastReceived: string | null;
  /** Days after the deadline the first version arrived (0 or less: on time). */
  daysLate: number | null;
  outcome: string | null;
  versions: number;
  /**
   * True when a version of the return is in force (accepted, the latest or an earlier one); false when every version
   * received was rejected, so that none of its figures for the year is in the review.
   */
  isInForce: boolean;
  /** Rows accepted from the version in force (0 when none is). */
  rowsAccepted: number;
  errors: number;
  warnings: number;
  /** Share of the catalogue's series reported for the reference year (0–1). */
  completeness: number | null;
}

/** A state's total for one indicator and year (every dimension `_T`), with its rate per 100,000 population. */
export interface TotalPoint {
  iso3: string;
  year: number;
  indicator: string;
  value: number | null;
  /** SDMX observation status (A, P, E, B, Q …). */
  status: string;
  /** True when summed from a complete breakdown rather than reported as a total. */
  isDerived: boolean;
  /**
   * The dimension whose complete breakdown was summed (SEX, AGE, BREAKDOWN) where the return gave no total; absent
   * for a total as reported (left out rather than null, so that a review without one hashes as before).
   */
  derivedFrom?: string;
  rate: number | null;
  /** Relative change from the previous year where the two values are comparable (no break in series). */
  change: number | null;
  /** Shown instead of the value when it is a small count (e.g. "<5"). */
  display: string | null;
  /** Where the value comes from: the state's return, or an import (UNODC, EUROSTAT) where the return has none. */
  source: string;
  /** The population the rate is taken of: WORLDBANK, or the POP figure of a return or import; null without a rate. */
  populationSource: string | null;
}

/** The regional total of one indicator and year over the reporting members. */
export interface RegionalPoint {
  indicator: string;
  year: number;
  total: number | null;
  reporting: number;
  members: number;
  /**
   * The members the total adds up (ISO3, sorted), `reporting` of them: a line of totals whose states change from year
   * to year moves with them, and the overview names where they do.
   */
  reportingStates: string[];
  /** Like-for-like change from the previous year over the states that reported both years (0.1 = +10%). */
  changeLfl: number | null;
  /** Number of states in the like-for-like comparison. */
  lflStates: number;
  /** The states in the like-for-like comparison (ISO3). */
  lflStateCodes: string[];
  /** The like-for-like sums the change is taken of: the previous year and this year over the same states. */
  lflPrevious: number | null;
  lflCurrent: number | null;
  /** True when the total is withheld (see `suppressionReason`). */
  isSuppressed: boolean;
  /**
   * Why the total is withheld: a member's figure is confidential, or the small counts ("<5") in it add up to less
   * than the threshold, so that the total less the published figures would give them away, or (`small_count_linked`)
   * it would do so together with other groups' totals, which share members with this one; with confidentialInTotals
   * "flag", `confidential_few` where its confidential figures are those of fewer than three states (the total less
   * the other states' published figures would give back one state's figure, or the sum of two, from which each learns
   * the other's), `confidential_dominant` where one state's confidential figure dwarfs the others' (the p % rule:
   * those besides the two largest come to less than p % of the largest) and `confidential_linked` where, with other
   * groups' totals, it would give back the confidential figures of fewer than three states, or a dominant one; null
   * when published. (Three and p: `RulesInfo.confidentialMinStates`, `confidentialDominanceP`.)
   */
  suppressionReason: 'confidential' | 'confidential_few' | 'confidential_dominant' | 'confidential_linked' | 'small_count' | 'small_count_linked' | null;
  /**
   * With confidentialInTotals "flag", on a published total only: how many states' confidential figures it includes
   * (three or more), which the review marks; absent otherwise (so the default review's model, and its hash, are as before).
   */
  flaggedConfidentialStates?: number;
  /** Median rate per 100,000 over the reporting members. */
  medianRate: number | null;
}

/** A trend over the window for a state (or the group when `iso3` is null). */
export interface TrendInfo {
  iso3: string | null;
  indicator: string;
  /** withheld: a state's window of small counts ("<5") whose direction would differ with their values (series_trend's small_count_direction). */
  direction: 'rising' | 'falling' | 'stable' | 'insufficient' | 'withheld';
  /** Theil–Sen slope as a share of the window mean per year (0.05 = +5% a year). */
  slopePct: number | null;
  pValue: number | null;
  points: number;
  /** The first year of the window the trend is fitted to (a state's: after a break's cut); it ends in the reference year. */
  firstYear: number;
  /**
   * The group's trend: the members its total sums in every year of the window (a fixed panel, so that a state joining
   * or leaving is not read as a trend), fewer than the members where some lack a comparable figure; a state's: empty.
   */
  panel: string[];
}

/** Criminal-justice attrition in one area, state and year. */
export interface AttritionPoint {
  area: string;
  iso3: string;
  year: number;
  stage: 'suspected_per_offence' | 'prosecuted_per_suspected' | 'convicted_per_prosecuted';
  ratio: number | null;
  /** Why the ratio is missing: a side not published, a side is a small count ("<5"), or a zero denominator. */
  reason: 'no_count' | 'small_count' | 'zero_denominator' | null;
  regionalMedian: number | null;
}

/** One cell of a breakdown: a state's figure for one code of one dimension. */
export interface BreakdownPoint {
  iso3: string;
  year: number;
  indicator: string;
  /** BREAKDOWN, SEX, AGE or SEX_AGE (then `code` is `F.Y_LT18` and the like). */
  dimension: string;
  code: string;
  value: number;
  /** Where the part comes from: the state's return, or an import (UNODC, EUROSTAT) where the return has none. */
  source: string;
}

/** A cross-border flow: the figure a reporting state gave for one counterpart country. */
export interface FlowPoint {
  indicator: string;
  year: number;
  /** The counterpart (citizenship, country of origin, partner state), ISO3 or `_U`. */
  origin: string;
  originName: string;
  iso3: string;
  value: number;
  /** Where the value comes from: the state's return, or an import (UNODC, EUROSTAT) where the return has none. */
  source: string;
}

/**
 * The sums behind an indicator's flow shares over the members for the reference year: every published counterpart
 * cell counts, small counts included (they are hidden in charts and tables, not taken out of the totals).
 */
export interface FlowTotal {
  indicator: string;
  nationalValue: number;
  foreignValue: number;
  reportedValue: number;
  /** Cells not shown because they are small counts: national, foreign, all (with unknown). */
  hiddenNational: number;
  hiddenForeign: number;
  hiddenAll: number;
  /** What those hidden cells add up to: a share over a sum whose hidden cells come to less than the threshold would give them away. */
  hiddenNationalValue: number;
  hiddenForeignValue: number;
  hiddenAllValue: number;
  /**
   * States none of whose cells is shown: their hidden cells add up to less than the threshold, so their total less
   * the cells shown would give them away (ISO3, their cells counted in the hidden values above).
   */
  withheldStates: string[];
  /**
   * Members that sent a breakdown by counterpart for the year which is not published, a row of it or its total being
   * marked confidential (ISO3; none of it is in the cells or sums above): the review names them.
   */
  confidentialStates: string[];
  /**
   * The region's sums that may be given through a share (national: the domestic share; foreign: the corridors'
   * shares; all three: the foreign and unknown shares too): with every state's total and the cells shown they give
   * no hidden count away (flow-disclosure.ts).
   */
  givenSums: ('national' | 'foreign' | 'unknown')[];
}

/** Data quality of one state's return for the reference year. */
export interface QualityInfo {
  iso3: string;
  seriesReported: number;
  seriesExpected: number;
  shareProvisional: number | null;
  shareEstimated: number | null;
  breaks: number;
  warningsAccepted: number;
}

/** A comment from a state's return (free text as submitted: escaped by the page templates). */
export interface CommentInfo {
  iso3: string;
  year: number;
  indicator: string;
  comment: string;
}

/** Accepted validation warnings, counted per code and state (values and messages are not repeated). */
export interface WarningInfo {
  iso3: string;
  /** The reporting year of the return in force that carries the warnings. */
  year: number;
  code: string;
  count: number;
}

/**
 * A state's total for the reference year that validation warned was a large change on the year before with no
 * comment (CHANGE_WITHOUT_COMMENT, accepted on the return in force): possibly a mistake (a wrong unit), not yet
 * explained.
 */
export interface UnexplainedChange {
  iso3: string;
  indicator: string;
  year: number;
  /** The value warned about (the total in force only when equal: a later revision replaces it). */
  value: number;
}

/** Where the figures came from. */
export interface SourceInfo {
  source: string;
  dataset: string | null;
  /** Figures read from the source: totals (state × indicator × year), or rates computed with its population. */
  observations: number;
  states: number;
}

/** Publication rules in force (from the config). */
export interface RulesInfo {
  smallCountThreshold: number;
  confidentialInTotals: 'suppress' | 'flag';
  /**
   * With confidentialInTotals "flag" only: the fewest states whose confidential figures a published total holds, and
   * the p of the p % dominance rule, as the build applied them; absent under "suppress" (so the default review's
   * model, and its hash, are as before) and read as 3 and 10 when absent.
   */
  confidentialMinStates?: number;
  confidentialDominanceP?: number;
  deadline: string;
  trendYears: number;
  populationSource: string;
  /** Trend direction rule the marts were built with: |slope| of at least this % of the mean per year … */
  stableSlopePct: number;
  /** … and a two-sided Mann–Kendall p-value at most this. */
  trendAlpha: number;
  /** Fewer points than this give no direction. */
  trendMinPoints: number;
}

/** Everything one edition of the review shows. */
export interface ReviewModel {
  year: number;
  group: { code: string; name: string };
  states: StateInfo[];
  areas: AreaInfo[];
  indicators: IndicatorInfo[];
  codes: CodeInfo[];
  /** Years the trend charts cover, oldest first, ending with `year`. */
  years: number[];
  /**
   * The window's years before `years` with crime figures from too few members to stand for the region (fewer than
   * half as many as in the best-covered year: one state's revision of an earlier year), left out of the period;
   * absent when none was.
   */
  leftOut?: { years: number[]; states: number; best: number };
  returns: ReturnInfo[];
  /**
   * The latest receipt the warehouse holds (`YYYY-MM-DD`, any file), only when it is before the reference year ended:
   * the review then rests on files all received before the deadline, and says so instead of "By the deadline, 1 of
   * the 13 members had returned". Absent otherwise (so that such a review hashes as before).
   */
  beforeDeadline?: string;
  totals: TotalPoint[];
  regional: RegionalPoint[];
  trends: TrendInfo[];
  attrition: AttritionPoint[];
  breakdowns: BreakdownPoint[];
  /**
   * The members' breakdowns of the year left out of `breakdowns` for a small count in a part, as
   * `ISO3|INDICATOR|DIMENSION`: the breakdown figures name those states. Absent when there is none.
   */
  breakdownsWithSmallCounts?: string[];
  /** False when the warehouse's build has no breakdown mart: the breakdown sections then say so. */
  hasBreakdowns: boolean;
  flows: FlowPoint[];
  flowTotals: FlowTotal[];
  quality: QualityInfo[];
  comments: CommentInfo[];
  warnings: WarningInfo[];
  /** The reference year's totals warned as large changes without a comment (see UnexplainedChange). */
  unexplainedChanges: UnexplainedChange[];
  sources: SourceInfo[];
  rules: RulesInfo;
  /** sha256 of the model's canonical JSON: identifies exactly what the report read. */
  snapshot: string;
  toolVersion: string;
}
