/**
 * A reference implementation of the published arithmetic of the marts series_total, series_rate, series_change,
 * series_trend, regional_total and regional_change, in plain TypeScript and written from README.md ("Models and
 * marts") and DESIGN.md ("Pipeline models"), not from the SQL: the differential property test in this folder builds
 * the marts from random observations and compares every row with what this file computes from the same input.
 *
 * It covers what the property test generates: one return per state (so the current value of a series is the
 * return's, else the import's), imports from UNODC only, World Bank population from one download.
 */
import type { Reference } from '../../../src/schema/reference.js';
import type { ObservationFixture } from '../../helpers/warehouse.js';

/** An observation as the scenario inserts it (insertObservations): every dimension given, a return or a UNODC import. */
export type OracleObservation = Required<ObservationFixture> & { source: 'RETURN' | 'UNODC' };

export interface OraclePopulation {
  ref_area: string;
  time_period: number;
  persons: number;
}

export interface OracleConfig {
  trendYears: number;
  populationSource: 'WORLDBANK' | 'RETURN';
  smallCountThreshold: number;
  confidentialInTotals: 'suppress' | 'flag';
  /** "flag": the fewest states' confidential values a published total holds (3 when not given). */
  confidentialMinStates?: number;
  /** "flag": the p of the p % dominance rule (10 when not given). */
  confidentialDominanceP?: number;
  group: string;
  stableSlopePct: number;
  trendAlpha: number;
}

export interface OracleInput {
  observations: readonly OracleObservation[];
  population: readonly OraclePopulation[];
  config: OracleConfig;
  reference: Reference;
}

/** A state × year × indicator total as resolved (public or not). */
export interface ResolvedTotal {
  ref_area: string;
  time_period: number;
  indicator: string;
  obs_value: number | null;
  obs_status: string;
  is_public: boolean;
  is_derived: boolean;
  derived_from: 'SEX' | 'AGE' | 'BREAKDOWN' | null;
  source: string;
  comment: string | null;
}

export interface OracleMarts {
  series_total: Array<Record<string, unknown>>;
  series_rate: Array<Record<string, unknown>>;
  series_change: Array<Record<string, unknown>>;
  series_trend: Array<Record<string, unknown>>;
  regional_total: Array<Record<string, unknown>>;
  regional_change: Array<Record<string, unknown>>;
}

const DERIVABLE = ['SEX', 'AGE', 'BREAKDOWN'] as const;
type Derivable = (typeof DERIVABLE)[number];

const key = (...parts: Array<string | number>): string => parts.join('|');
const sum = (values: readonly number[]): number => values.reduce((a, v) => a + v, 0);
const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

/** The median of `values` (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** P(|S| >= |s|) for n points without ties, every ordering equally likely, by counting permutations. */
export function exactMannKendallP(n: number, s: number): number {
  // counts[k]: permutations of the items placed so far with k inversions; S = n(n-1)/2 - 2k
  let counts = [1];
  for (let m = 2; m <= n; m++) {
    const next = new Array<number>(counts.length + m - 1).fill(0);
    counts.forEach((c, k) => {
      for (let j = 0; j < m; j++) next[k + j]! += c;
    });
    counts = next;
  }
  const total = sum(counts);
  const maxS = (n * (n - 1)) / 2;
  const atLeast = sum(counts.filter((_, k) => Math.abs(maxS - 2 * k) >= Math.abs(s)));
  return Math.min(1, atLeast / total);
}

/** The upper tail of the standard normal, P(Z > z), from erfc by its continued fraction (|error| far below 1e-9). */
export function normalUpperTail(z: number): number {
  const x = z / Math.SQRT2;
  if (x < 0) return 1 - normalUpperTail(-z);
  if (x < 2) {
    // erf by its Maclaurin series, accurate near 0
    let term = x;
    let total = x;
    for (let k = 1; k < 100; k++) {
      term *= (-x * x) / k;
      total += term / (2 * k + 1);
    }
    return (1 - (2 / Math.sqrt(Math.PI)) * total) / 2;
  }
  // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...)))), evaluated from the tail
  let fraction = x;
  for (let k = 60; k >= 1; k--) fraction = x + k / 2 / fraction;
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / fraction / 2;
}

export interface MannKendall {
  s: number;
  p: number;
  method: 'exact' | 'normal';
}

/** Mann-Kendall S and its two-sided p-value: exact for up to 10 points without ties, else normal with tie correction. */
export function mannKendall(values: readonly number[]): MannKendall {
  const n = values.length;
  let s = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) s += Math.sign(values[j]! - values[i]!);
  const ties = new Map<number, number>();
  for (const v of values) ties.set(v, (ties.get(v) ?? 0) + 1);
  const tieTerm = sum([...ties.values()].filter((t) => t > 1).map((t) => t * (t - 1) * (2 * t + 5)));
  if (n <= 10 && tieTerm === 0) return { s, p: exactMannKendallP(n, s), method: 'exact' };
  const variance = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  const z = variance > 0 ? Math.abs(s - Math.sign(s)) / Math.sqrt(variance) : 0;
  return { s, p: z === 0 ? 1 : Math.min(1, 2 * normalUpperTail(z)), method: 'normal' };
}

/** Computes the six marts from `input`. */
export function computeMarts(input: OracleInput): OracleMarts {
  const { config, reference } = input;
  const indicators = new Map(reference.indicators.map((i) => [i.code, i]));
  const isSmall = (unit: string, value: number | null): boolean =>
    config.smallCountThreshold > 0 && unit === 'NR' && value !== null && value > 0 && value < config.smallCountThreshold;
  const display = (value: number | null, small: boolean): string | null => {
    if (value === null) return null;
    if (small) return `<${config.smallCountThreshold}`;
    return Number.isInteger(value) ? String(value) : String(Math.round(value * 1000) / 1000);
  };

  // the current value of every series: a state's return outranks an import (one submission per source here)
  const current = new Map<string, OracleObservation>();
  for (const o of input.observations) {
    const k = key(o.ref_area, o.time_period, o.indicator, o.sex, o.age, o.counterpart_area, o.breakdown);
    const held = current.get(k);
    if (!held || (held.source !== 'RETURN' && o.source === 'RETURN')) current.set(k, o);
  }
  const isMissingStatus = (status: string) => ['M', 'L', 'O'].includes(status);
  const hasValue = (o: OracleObservation) => o.obs_value !== null && !isMissingStatus(o.obs_status);
  const isPublic = (o: OracleObservation) => o.conf_status === 'F' && o.obs_status !== 'Q';
  const isWithheld = (o: OracleObservation) => o.obs_status === 'Q';

  // totals and one-dimension parts, counterpart _T (a list of countries is never summed)
  const byCell = new Map<string, OracleObservation[]>();
  for (const o of current.values()) {
    if (o.counterpart_area !== '_T') continue;
    if (!hasValue(o) && !isWithheld(o)) continue;
    const k = key(o.ref_area, o.time_period, o.indicator);
    byCell.set(k, [...(byCell.get(k) ?? []), o]);
  }

  const codesOf = (indicator: string, dimension: Derivable): string[] => {
    const list = dimension === 'BREAKDOWN' ? indicators.get(indicator)!.breakdown_list : dimension;
    return reference.codes.filter((c) => c.codelist === list && c.code !== '_T').map((c) => c.code);
  };
  const partCode = (o: OracleObservation, dimension: Derivable): string | null => {
    const codes = { SEX: o.sex, AGE: o.age, BREAKDOWN: o.breakdown };
    const others = DERIVABLE.filter((d) => d !== dimension);
    return codes[dimension] !== '_T' && others.every((d) => codes[d] === '_T') ? codes[dimension] : null;
  };

  const resolved: ResolvedTotal[] = [];
  for (const rows of byCell.values()) {
    const { ref_area, time_period, indicator } = rows[0]!;
    const candidates: Array<ResolvedTotal & { priority: number }> = [];
    for (const o of rows.filter((r) => r.sex === '_T' && r.age === '_T' && r.breakdown === '_T')) {
      candidates.push({
        ref_area, time_period, indicator, obs_value: hasValue(o) ? o.obs_value : null, obs_status: o.obs_status,
        is_public: isPublic(o), is_derived: false, derived_from: null, source: o.source, comment: o.comment, priority: o.source === 'RETURN' ? 0 : 4,
      });
    }
    const dimensions = indicators.get(indicator)!.dimensions;
    DERIVABLE.forEach((dimension, d) => {
      if (!dimensions.includes(dimension)) return;
      const codes = codesOf(indicator, dimension);
      const parts = rows.filter((r) => { const c = partCode(r, dimension); return c !== null && codes.includes(c); });
      // README: a part withheld as Q without a value counts as withheld: no total is derived from the others
      if (parts.some((p) => isWithheld(p) && !hasValue(p))) return;
      const valued = parts.filter(hasValue);
      const required = codes.filter((c) => c !== '_U');
      if (!required.every((c) => valued.some((p) => partCode(p, dimension) === c))) return;
      const statuses = valued.map((p) => p.obs_status);
      const returnOnly = valued.every((p) => p.source === 'RETURN');
      candidates.push({
        ref_area, time_period, indicator,
        obs_value: sum(valued.map((p) => p.obs_value!)),
        obs_status: ['B', 'E', 'P'].find((s) => statuses.includes(s)) ?? 'A',
        is_public: valued.every(isPublic),
        is_derived: true,
        derived_from: dimension,
        source: valued.some((p) => p.source === 'RETURN') ? 'RETURN' : 'UNODC',
        comment: null, // a derived total has no comment of its own
        priority: d + 1 + (returnOnly ? 0 : 4),
      });
    });
    if (candidates.length === 0) continue;
    const { priority: _, ...chosen } = candidates.sort((a, b) => a.priority - b.priority)[0]!;
    resolved.push(chosen);
  }

  // series_total: the public totals
  const published = resolved.filter((r) => r.is_public);
  const series_total = published.map((r) => {
    const unit = indicators.get(r.indicator)!.unit;
    const small = isSmall(unit, r.obs_value);
    return {
      ref_area: r.ref_area, time_period: r.time_period, indicator: r.indicator, area: indicators.get(r.indicator)!.area, unit,
      obs_value: r.obs_value, obs_status: r.obs_status, is_derived: r.is_derived, derived_from: r.derived_from,
      is_small_count: small, value_display: display(r.obs_value, small), source: r.source, comment: r.comment,
    };
  });
  const publishedAt = new Map(series_total.map((r) => [key(r.ref_area, r.time_period, r.indicator), r]));

  // series_rate: per 100,000 of the configured population source where it has the year, else the other one
  const populationOf = (ref_area: string, year: number): { persons: number; source: string } | undefined => {
    const worldBank = input.population.find((p) => p.ref_area === ref_area && p.time_period === year && p.persons > 0);
    const pop = publishedAt.get(key(ref_area, year, 'POP'));
    const returned = pop && pop.obs_value! > 0 ? { persons: pop.obs_value!, source: pop.source } : undefined;
    const banked = worldBank ? { persons: worldBank.persons, source: 'WORLDBANK' } : undefined;
    return config.populationSource === 'WORLDBANK' ? (banked ?? returned) : (returned ?? banked);
  };
  const series_rate = series_total.flatMap((t) => {
    const indicator = indicators.get(t.indicator)!;
    if (indicator.unit !== 'NR' || indicator.stage === 'CONTEXT') return [];
    const population = populationOf(t.ref_area, t.time_period);
    if (!population) return [];
    return [{
      ref_area: t.ref_area, time_period: t.time_period, indicator: t.indicator, area: t.area, obs_value: t.obs_value,
      obs_status: t.obs_status, is_derived: t.is_derived, population: population.persons, population_source: population.source,
      rate_per_100k: (t.obs_value! / population.persons) * 100_000, is_small_count: t.is_small_count,
    }];
  });

  // series_change: consecutive years, comparable unless the later year is a break
  const series_change = series_total.flatMap((t) => {
    const before = publishedAt.get(key(t.ref_area, t.time_period - 1, t.indicator));
    if (!before) return [];
    const comparable = t.obs_status !== 'B';
    return [{
      ref_area: t.ref_area, time_period: t.time_period, indicator: t.indicator, area: t.area,
      previous_period: t.time_period - 1, previous_value: before.obs_value, obs_value: t.obs_value,
      previous_obs_status: before.obs_status, obs_status: t.obs_status, is_comparable: comparable,
      has_small_count: t.is_small_count || before.is_small_count,
      change_abs: comparable ? t.obs_value! - before.obs_value! : null,
      change_pct: comparable && before.obs_value! > 0 ? (100 * (t.obs_value! - before.obs_value!)) / before.obs_value! : null,
    }];
  });

  // series_trend: every end year from the first to the last year with a published total
  const series_trend: Array<Record<string, unknown>> = [];
  if (published.length > 0) {
    const years = published.map((r) => r.time_period);
    const endYears = range(Math.min(...years), Math.max(...years));
    const seriesKeys = [...new Set(resolved.map((r) => key(r.ref_area, r.indicator)))];
    for (const seriesKey of seriesKeys) {
      const [ref_area, indicator] = seriesKey.split('|') as [string, string];
      const totals = resolved.filter((r) => r.ref_area === ref_area && r.indicator === indicator);
      const unit = indicators.get(indicator)!.unit;
      for (const end of endYears) {
        const nominalStart = end - config.trendYears + 1;
        const inWindow = totals.filter((r) => r.time_period >= nominalStart && r.time_period <= end);
        if (!inWindow.some((r) => r.is_public)) continue;
        // a break (published or not) after the window's first year cuts it there
        const breaks = inWindow.filter((r) => r.obs_status === 'B' && r.time_period > nominalStart).map((r) => r.time_period);
        const breakYear = breaks.length > 0 ? Math.max(...breaks) : null;
        const start = breakYear ?? nominalStart;
        const points = inWindow.filter((r) => r.is_public && r.time_period >= start).sort((a, b) => a.time_period - b.time_period);
        const n = points.length;
        const row: Record<string, unknown> = {
          ref_area, indicator, area: indicators.get(indicator)!.area, end_year: end, window_years: config.trendYears,
          window_start: start, break_year: breakYear, n_points: n, mean_value: null, slope: null, slope_pct_per_year: null,
          mk_s: null, mk_p_value: null, mk_method: null, direction: 'insufficient_data', suppression_reason: null,
        };
        if (n >= 4) {
          const values = points.map((p) => p.obs_value!);
          const mean = sum(values) / n;
          const slopes: number[] = [];
          for (let i = 0; i < n; i++) {
            for (let j = i + 1; j < n; j++) slopes.push((values[j]! - values[i]!) / (points[j]!.time_period - points[i]!.time_period));
          }
          const slope = median(slopes);
          const slopePct = mean > 0 ? (100 * slope) / mean : null;
          const mk = mannKendall(values);
          const smallSum = sum(values.filter((v) => isSmall(unit, v)));
          const reveals = smallSum > 0 && smallSum < config.smallCountThreshold;
          const trending = Math.abs(slopePct ?? 0) >= config.stableSlopePct && mk.p <= config.trendAlpha;
          Object.assign(row, {
            mean_value: reveals ? null : mean, slope, slope_pct_per_year: reveals ? null : slopePct, mk_s: mk.s, mk_p_value: mk.p,
            mk_method: mk.method, direction: trending ? (slope > 0 ? 'rising' : 'falling') : 'stable',
            suppression_reason: reveals ? 'small_count_residual' : null,
          });
        }
        series_trend.push(row);
      }
    }
  }

  // regional totals: the members with a value (public or not); a member without one is missing, never a zero
  const groupCodes = reference.groups.map((g) => g.group_code).sort();
  const membersOf = new Map(groupCodes.map((g) => [g, reference.states.filter((s) => s.groups.includes(g)).map((s) => s.iso3).sort()]));
  const contributions = resolved.filter((r) => r.obs_value !== null);
  const contributionAt = new Map(contributions.map((r) => [key(r.ref_area, r.time_period, r.indicator), r]));
  const regional_total: Array<Record<string, unknown> & { group_code: string; time_period: number; indicator: string; obs_value: number | null }> = [];
  const smallCountsOf = new Map<string, number>(); // group|year|indicator -> the members' published small counts
  if (contributions.length > 0) {
    const lastYear = Math.max(...contributions.map((c) => c.time_period));
    for (const group of groupCodes) {
      const members = membersOf.get(group)!;
      const mine = contributions.filter((c) => members.includes(c.ref_area));
      for (const indicator of [...new Set(mine.map((c) => c.indicator))]) {
        const unit = indicators.get(indicator)!.unit;
        const firstYear = Math.min(...mine.filter((c) => c.indicator === indicator).map((c) => c.time_period));
        for (const year of range(firstYear, lastYear)) {
          const reporting = mine.filter((c) => c.indicator === indicator && c.time_period === year).sort((a, b) => (a.ref_area < b.ref_area ? -1 : 1));
          const summed = reporting.length > 0 ? sum(reporting.map((c) => c.obs_value!)) : null;
          const hasConfidential = reporting.some((c) => !c.is_public);
          const confidentialStates = reporting.filter((c) => !c.is_public).length;
          const smallSum = sum(reporting.filter((c) => c.is_public && isSmall(unit, c.obs_value)).map((c) => c.obs_value!));
          smallCountsOf.set(key(group, year, indicator), smallSum);
          const confidentialSuppressed = hasConfidential && config.confidentialInTotals === 'suppress';
          // "flag": the total less the other members' published figures is one state's confidential value, or the sum
          // of two, each of which knows its own: fewer than confidentialMinStates (3) contributors
          const fewConfidential = confidentialStates >= 1 && confidentialStates < (config.confidentialMinStates ?? 3) && config.confidentialInTotals === 'flag';
          // "flag", the p % rule: the values besides the two largest come to less than p % of the largest
          const dominant = config.confidentialInTotals === 'flag' && isDominated(reporting.filter((c) => !c.is_public).map((c) => c.obs_value!), config.confidentialDominanceP ?? 10);
          const residual = smallSum > 0 && smallSum < config.smallCountThreshold && !isSmall(unit, summed);
          const reason = confidentialSuppressed ? 'confidential' : fewConfidential ? 'confidential_few_states' : dominant ? 'confidential_dominant' : residual ? 'small_count_residual' : null;
          const value = reason === null ? summed : null;
          const statuses = reporting.map((c) => c.obs_status);
          regional_total.push({
            group_code: group, time_period: year, indicator, area: indicators.get(indicator)!.area, unit, members: members.length,
            states_reporting: reporting.length, coverage: reporting.length / members.length,
            reporting_states: reporting.map((c) => c.ref_area), missing_states: members.filter((m) => !reporting.some((c) => c.ref_area === m)),
            obs_value: value, has_confidential: hasConfidential, confidential_states: confidentialStates, is_suppressed: reason !== null, suppression_reason: reason,
            has_provisional_or_estimated: statuses.includes('P') || statuses.includes('E'), has_break: statuses.includes('B'),
            is_small_count: isSmall(unit, value), value_display: display(value, isSmall(unit, value)),
          });
        }
      }
    }
  }
  applyLinkedSuppression(regional_total, groupCodes, membersOf, reference, config, published, contributions.filter((c) => !c.is_public), (i) => indicators.get(i)!.unit, isSmall, display, smallCountsOf);

  // regional change: like for like over the members with a value both years, no break in the later year and no
  // published small count in either
  const regional_change: Array<Record<string, unknown>> = [];
  for (const group of groupCodes) {
    const members = membersOf.get(group)!;
    const cells = new Map<string, Array<{ ref_area: string; now: ResolvedTotal; before: ResolvedTotal }>>();
    for (const now of contributions.filter((c) => members.includes(c.ref_area))) {
      const before = contributionAt.get(key(now.ref_area, now.time_period - 1, now.indicator));
      if (!before || now.obs_status === 'B') continue;
      const unit = indicators.get(now.indicator)!.unit;
      if ((now.is_public && isSmall(unit, now.obs_value)) || (before.is_public && isSmall(unit, before.obs_value))) continue;
      const k = key(now.time_period, now.indicator);
      cells.set(k, [...(cells.get(k) ?? []), { ref_area: now.ref_area, now, before }]);
    }
    for (const pairs of cells.values()) {
      const { time_period, indicator } = pairs[0]!.now;
      pairs.sort((a, b) => (a.ref_area < b.ref_area ? -1 : 1));
      const hasConfidential = pairs.some((p) => !p.now.is_public || !p.before.is_public);
      // withheld with either setting: beside the year's totals the like-for-like sums could give one state's value back
      const suppressed = hasConfidential;
      const previous = sum(pairs.map((p) => p.before.obs_value!));
      const value = sum(pairs.map((p) => p.now.obs_value!));
      regional_change.push({
        group_code: group, time_period, previous_period: time_period - 1, indicator, area: indicators.get(indicator)!.area,
        members: members.length, lfl_states: pairs.map((p) => p.ref_area), lfl_state_count: pairs.length,
        previous_value: suppressed ? null : previous, obs_value: suppressed ? null : value,
        change_abs: suppressed ? null : value - previous,
        change_pct: !suppressed && previous > 0 ? (100 * (value - previous)) / previous : null,
        has_confidential: hasConfidential, is_suppressed: suppressed,
      });
    }
  }

  return { series_total, series_rate, series_change, series_trend, regional_total, regional_change };
}

/**
 * Returns whether the p % rule finds `values` (confidential contributions) sensitive: those besides the two largest
 * come to less than p % of the largest (1000, 40, 30 with p 10: 30 < 100); false for none.
 */
function isDominated(values: readonly number[], p: number): boolean {
  if (values.length === 0) return false;
  const [x1, x2 = 0] = [...values].sort((a, b) => b - a) as [number, number?];
  return 100 * (sum(values) - x1 - x2) < p * x1;
}

/**
 * Complementary suppression across the overlapping groups (README "Disclosure"): every combination of a year's
 * totals published exactly that hold small counts, each taken +1, -1 or not at all, weighs each member's small count
 * by the sum of its groups' coefficients; where the counts left all carry the same coefficient and add up to less
 * than the threshold, the combination gives them away. The set of those totals that breaks every such combination,
 * keeping the review group's total, then the fewest totals, then the fewest member states, is withheld.
 */
function applyLinkedSuppression(
  totals: Array<Record<string, unknown> & { group_code: string; time_period: number; indicator: string; obs_value: number | null }>,
  groupCodes: readonly string[],
  membersOf: ReadonlyMap<string, string[]>,
  reference: Reference,
  config: OracleConfig,
  published: readonly ResolvedTotal[],
  confidential: readonly ResolvedTotal[],
  unitOf: (indicator: string) => string,
  isSmall: (unit: string, value: number | null) => boolean,
  display: (value: number | null, small: boolean) => string | null,
  smallCountsOf: ReadonlyMap<string, number>,
): void {
  const cells = new Set(totals.map((t) => key(t.time_period, t.indicator)));
  for (const cell of cells) {
    const [yearText, indicator] = cell.split('|') as [string, string];
    const year = Number(yearText);
    const unit = unitOf(indicator);
    const linkable = totals.filter(
      (t) => t.time_period === year && t.indicator === indicator && t.obs_value !== null
        && smallCountsOf.get(key(t.group_code, year, indicator))! > 0 && !isSmall(unit, t.obs_value),
    );
    // "flag": the totals published exactly with confidential values of three or more states in them
    const flagged = totals.filter((t) => t.time_period === year && t.indicator === indicator && t.obs_value !== null && (t.confidential_states as number) > 0 && !isSmall(unit, t.obs_value));
    const confidentialStates = confidential.filter((r) => r.time_period === year && r.indicator === indicator).map((r) => r.ref_area);
    const groupsOfState = (state: string) => reference.states.find((s) => s.iso3 === state)!.groups;
    const revealing: Array<{ groups: Set<string>; isConfidential: boolean }> = [];
    if (flagged.length >= 2) {
      const flaggedGroups = flagged.map((t) => t.group_code);
      for (const vector of flaggedGroups.reduce<number[][]>((acc) => acc.flatMap((v) => [-1, 0, 1].map((c) => [...v, c])), [[]])) {
        const coefficient = new Map(flaggedGroups.map((g, i) => [g, vector[i]!]));
        const left = confidentialStates.filter((s) => sum(groupsOfState(s).map((g) => coefficient.get(g) ?? 0)) !== 0);
        // one state's value alone, or two (each of which knows its own): fewer than confidentialMinStates; or one
        // dwarfing the others left (the p % rule)
        // each value as the combination holds it: weighed by the sum of its groups' coefficients
        const weightOf = (state: string) => Math.abs(sum(groupsOfState(state).map((g) => coefficient.get(g) ?? 0)));
        const leftValues = confidential.filter((r) => r.time_period === year && r.indicator === indicator && left.includes(r.ref_area)).map((r) => r.obs_value! * weightOf(r.ref_area));
        if ((left.length >= 1 && left.length < (config.confidentialMinStates ?? 3)) || isDominated(leftValues, config.confidentialDominanceP ?? 10)) revealing.push({ groups: new Set(flaggedGroups.filter((_, i) => vector[i] !== 0)), isConfidential: true });
      }
    }
    const linkableGroups = linkable.length >= 2 ? linkable.map((t) => t.group_code) : [];
    const smallCounts = published.filter((r) => r.time_period === year && r.indicator === indicator && isSmall(unit, r.obs_value));
    // every coefficient vector over the linkable groups, but the zero one
    const vectors = linkableGroups.reduce<number[][]>((acc) => acc.flatMap((v) => [-1, 0, 1].map((c) => [...v, c])), [[]]);
    for (const vector of vectors) {
      if (vector.every((c) => c === 0)) continue;
      const coefficient = new Map(linkableGroups.map((g, i) => [g, vector[i]!]));
      const weighed = smallCounts.map((r) => ({ value: r.obs_value!, weight: sum(groupsOfState(r.ref_area).map((g) => coefficient.get(g) ?? 0)) }));
      const left = weighed.filter((w) => w.weight !== 0);
      if (left.length === 0 || !left.every((w) => w.weight === left[0]!.weight)) continue;
      const leftSum = sum(left.map((w) => w.value));
      if (leftSum > 0 && leftSum < config.smallCountThreshold) revealing.push({ groups: new Set(linkableGroups.filter((_, i) => vector[i] !== 0)), isConfidential: false });
    }
    if (revealing.length === 0) continue;
    // a set withheld takes the totals of the kinds of combination that reveal something
    const candidates = [...new Set([...(revealing.some((r) => !r.isConfidential) ? linkable : []), ...(revealing.some((r) => r.isConfidential) ? flagged : [])])];
    // the subsets of the totals either check may combine that hit every revealing combination, best first
    const subsets = candidates.map((t) => t.group_code)
      .reduce<string[][]>((acc, g) => [...acc, ...acc.map((s) => [...s, g])], [[]])
      .filter((s) => s.length > 0 && revealing.every((r) => s.some((g) => r.groups.has(g))))
      .map((s) => [...s].sort())
      .sort((a, b) =>
        Number(a.includes(config.group)) - Number(b.includes(config.group))
        || a.length - b.length
        || sum(a.map((g) => membersOf.get(g)!.length)) - sum(b.map((g) => membersOf.get(g)!.length))
        || (a.join(',') < b.join(',') ? -1 : a.join(',') > b.join(',') ? 1 : 0));
    for (const group of subsets[0]!) {
      const total = candidates.find((t) => t.group_code === group)!;
      const isConfidential = revealing.some((r) => r.isConfidential && r.groups.has(group));
      Object.assign(total, {
        obs_value: null, is_suppressed: true, suppression_reason: total.suppression_reason ?? (isConfidential ? 'confidential_linked' : 'small_count_residual_linked'),
        is_small_count: false, value_display: display(null, false),
      });
    }
  }
  void groupCodes;
}
