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
import { applyLinkedSuppression, isDominated } from './linked-suppression.js';
import { mannKendall, median } from './statistics.js';

export { exactMannKendallP, mannKendall, median, normalUpperTail, type MannKendall } from './statistics.js';

/** An observation as the scenario inserts it (insertObservations): every dimension given, a return or a UNODC import. */
export type OracleObservation = Required<Omit<ObservationFixture, 'published_text'>> & { source: 'RETURN' | 'UNODC' };

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
          const directionOf = (tried: readonly number[]): string => {
            const pairSlopes: number[] = [];
            for (let i = 0; i < n; i++) {
              for (let j = i + 1; j < n; j++) pairSlopes.push((tried[j]! - tried[i]!) / (points[j]!.time_period - points[i]!.time_period));
            }
            const triedSlope = median(pairSlopes);
            const triedMean = sum(tried) / n;
            const triedPct = triedMean > 0 ? (100 * triedSlope) / triedMean : null;
            const isTrending = Math.abs(triedPct ?? 0) >= config.stableSlopePct && mannKendall(tried).p <= config.trendAlpha;
            return isTrending ? (triedSlope > 0 ? 'rising' : 'falling') : 'stable';
          };
          // a window holding a small count: its mean and slope would give it back
          const smalls = values.filter((v) => isSmall(unit, v)).length;
          const reveals = smalls > 0;
          // beside one small count, S and p are the same whatever it is, and the direction is published when every value
          // from 1 to the threshold less 1 in its place gives the same; beside two or more, S would give their order
          const candidates = smalls === 1
            ? range(1, config.smallCountThreshold - 1).map((v) => directionOf(values.map((x) => (isSmall(unit, x) ? v : x))))
            : [];
          const isOrderKnown = smalls <= 1;
          const isDirectionKnown = smalls === 0 || (smalls === 1 && new Set(candidates).size === 1);
          Object.assign(row, {
            mean_value: reveals ? null : mean, slope: reveals ? null : slope, slope_pct_per_year: reveals ? null : slopePct,
            mk_s: isOrderKnown ? mk.s : null, mk_p_value: isOrderKnown ? mk.p : null, mk_method: isOrderKnown ? mk.method : null,
            direction: isDirectionKnown ? directionOf(values) : 'insufficient_data',
            suppression_reason: !reveals ? null : isDirectionKnown ? 'small_count' : 'small_count_direction',
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
