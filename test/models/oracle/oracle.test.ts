import { fc, test } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STABLE_SLOPE_PCT, TREND_ALPHA } from '../../../src/schema/marts.js';
import type { Reference } from '../../../src/schema/reference.js';
import type { Store } from '../../../src/store/index.js';
import { loadTestReference } from '../../helpers/warehouse.js';
import { clearWarehouse, configWith, insertObservations, insertPopulation, openFixtureWarehouse, rebuild, rowsOf } from '../helpers.js';
import { computeMarts, exactMannKendallP, mannKendall, normalUpperTail, type OracleMarts } from './oracle.js';
import { PLANTED_MIN, scenarioArbitrary, type Scenario } from './scenario.js';

// Each run inserts a scenario and rebuilds the six marts (0.45-0.7 s): 50 runs take 25-35 s, and a failure shrinks
// 40 steps at most. A failure prints fast-check's seed and path: rerun it alone with ORACLE_SEED=<seed>
// ORACLE_PATH=<path> (ORACLE_RUNS sets the number of runs, ORACLE_DEBUG=1 logs each run's size and time).
const RUNS = { numRuns: Number(process.env.ORACLE_RUNS ?? 50), ...(process.env.ORACLE_SEED ? { seed: Number(process.env.ORACLE_SEED), path: process.env.ORACLE_PATH, endOnFailure: true } : {}) };
const MARTS = ['series_total', 'series_rate', 'series_change', 'series_trend', 'regional_total', 'regional_change'] as const;
type Mart = (typeof MARTS)[number];
const KEYS: Record<Mart, string[]> = {
  series_total: ['ref_area', 'time_period', 'indicator'],
  series_rate: ['ref_area', 'time_period', 'indicator'],
  series_change: ['ref_area', 'time_period', 'indicator'],
  series_trend: ['ref_area', 'indicator', 'end_year'],
  regional_total: ['group_code', 'time_period', 'indicator'],
  regional_change: ['group_code', 'time_period', 'indicator'],
};
/** Columns that carry a figure of a return, alone or summed (percentages and the population are left out). */
const FIGURES = new Set(['obs_value', 'previous_value', 'value_display', 'change_abs', 'mean_value', 'slope', 'rate_per_100k']);

let store: Store;
let reference: Reference;
beforeAll(async () => {
  store = await openFixtureWarehouse(async () => undefined);
  reference = await loadTestReference();
});
afterAll(() => store.close());

/** Loads `scenario` into the warehouse (one return per state, one UNODC import, one World Bank download) and builds the marts. */
async function build(scenario: Scenario): Promise<OracleMarts> {
  await clearWarehouse(store);
  const returns = new Map<string, Scenario['observations']>();
  for (const o of scenario.observations) {
    const k = o.source === 'RETURN' ? o.ref_area : 'UNODC';
    returns.set(k, [...(returns.get(k) ?? []), o]);
  }
  for (const [k, rows] of [...returns].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const fixtures = rows.map((o) => ({ ...o }));
    if (k === 'UNODC') await insertObservations(store, fixtures, { ref_area: null, reporting_year: null, source: 'UNODC' });
    else await insertObservations(store, fixtures);
  }
  if (scenario.population.length > 0) await insertPopulation(store, scenario.population.map((p) => [p.ref_area, p.time_period, p.persons]));
  await rebuild(store, MARTS, configWith(scenario.config));
  const built = {} as OracleMarts;
  for (const mart of MARTS) built[mart] = await rowsOf(store, mart);
  return built;
}

const close = (a: number, b: number, tolerance: number) => Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));

/** Returns the differences between the built rows and the oracle's, one line each (empty when they agree). */
function differences(mart: Mart, built: ReadonlyArray<Record<string, unknown>>, expected: ReadonlyArray<Record<string, unknown>>, config: Scenario['config']): string[] {
  const keyOf = (row: Record<string, unknown>) => KEYS[mart].map((k) => String(row[k])).join('|');
  const builtByKey = new Map(built.map((r) => [keyOf(r), r]));
  const expectedByKey = new Map(expected.map((r) => [keyOf(r), r]));
  const out: string[] = [];
  if (builtByKey.size !== built.length) out.push(`${mart}: the grain ${KEYS[mart].join(' × ')} is not unique`);
  for (const k of expectedByKey.keys()) if (!builtByKey.has(k)) out.push(`${mart} ${k}: missing (oracle ${JSON.stringify(expectedByKey.get(k))})`);
  for (const k of builtByKey.keys()) if (!expectedByKey.has(k)) out.push(`${mart} ${k}: not expected (built ${JSON.stringify(builtByKey.get(k))})`);
  for (const [k, want] of expectedByKey) {
    const got = builtByKey.get(k);
    if (!got) continue;
    // a p-value or slope share at the direction's threshold may fall either side between two correct computations
    const nearThreshold = mart === 'series_trend'
      && ((typeof want.mk_p_value === 'number' && Math.abs(want.mk_p_value - TREND_ALPHA) < 1e-6)
        || (typeof want.slope_pct_per_year === 'number' && Math.abs(Math.abs(want.slope_pct_per_year) - STABLE_SLOPE_PCT) < 1e-9));
    for (const [column, value] of Object.entries(want)) {
      const actual = got[column];
      if (column === 'direction' && nearThreshold) continue;
      const same = typeof value === 'number' && typeof actual === 'number'
        ? close(value, actual, column === 'mk_p_value' ? 1e-6 : 1e-9)
        : JSON.stringify(value) === JSON.stringify(actual);
      if (!same) out.push(`${mart} ${k}: ${column} built ${JSON.stringify(actual)}, oracle ${JSON.stringify(value)}`);
    }
  }
  void config;
  return out;
}

describe('the oracle itself', () => {
  it('gives the exact Mann-Kendall p-values of the tables (n = 4: S = 6 is 1/24 one-sided; n = 5: S = 8 is 5/120)', () => {
    expect(exactMannKendallP(4, 6)).toBeCloseTo(2 / 24, 12);
    expect(exactMannKendallP(5, 8)).toBeCloseTo((2 * 5) / 120, 12);
    expect(exactMannKendallP(5, 0)).toBe(1);
  });
  it('gives the normal tail to 1e-9 (z = 1.96: 0.0249979; z = 3: 0.0013499)', () => {
    expect(normalUpperTail(1.959963984540054)).toBeCloseTo(0.025, 9);
    expect(normalUpperTail(3)).toBeCloseTo(0.0013498980316301, 9);
    expect(normalUpperTail(0.5)).toBeCloseTo(0.3085375387259869, 9);
  });
  it("withholds linked regional totals as README's example: SEECP less WB6 gives BGR's 3 away, WB6 (the smaller) goes", () => {
    const total = (ref_area: string, obs_value: number) => ({
      ref_area, time_period: 2024, indicator: 'TIP_CNV', sex: '_T', age: '_T', counterpart_area: '_T', breakdown: '_T',
      obs_value, obs_status: 'A', conf_status: 'F', comment: null, source: 'RETURN' as const,
    });
    const config = { trendYears: 5, populationSource: 'WORLDBANK' as const, smallCountThreshold: 5, confidentialInTotals: 'suppress' as const, group: 'BSEC', stableSlopePct: STABLE_SLOPE_PCT, trendAlpha: TREND_ALPHA };
    const marts = computeMarts({ observations: [total('ALB', 4), total('SRB', 2), total('BGR', 3)], population: [], config, reference });
    expect(marts.regional_total.map((t) => [t.group_code, t.obs_value, t.suppression_reason])).toEqual([
      ['BSEC', 9, null],
      ['SEECP', 9, null],
      ['WB6', null, 'small_count_residual_linked'],
    ]);
  });
  it('withholds, under "flag", a total of fewer than three states\' confidential values and one whose combination with another isolates one or two', () => {
    const total = (ref_area: string, obs_value: number, conf_status = 'F') => ({
      ref_area, time_period: 2024, indicator: 'COR_OFF', sex: '_T', age: '_T', counterpart_area: '_T', breakdown: '_T',
      obs_value, obs_status: 'A', conf_status, comment: null, source: 'RETURN' as const,
    });
    const config = { trendYears: 5, populationSource: 'WORLDBANK' as const, smallCountThreshold: 5, confidentialInTotals: 'flag' as const, group: 'BSEC', stableSlopePct: STABLE_SLOPE_PCT, trendAlpha: TREND_ALPHA };
    // BSEC = ALB 40 + ROU 60 + GEO 11 + GRC 13 + MKD 17 = 141 (GEO, GRC, MKD confidential), SEECP = 40 + 60 + 13 + 17 +
    // XKX 19 = 149 (GRC, MKD, XKX), WB6 = 40 + 17 + 19 = 76 (MKD, XKX): WB6 less ALB's 40 is 36 = MKD 17 + XKX 19,
    // two states' values, so withheld; BSEC - SEECP = 141 - 149 = -8, less ROU and ALB (in both), is GEO 11 - XKX 19,
    // which gives Georgia Kosovo's value and back: SEECP goes (BSEC is the review group's)
    const flagged = computeMarts({ observations: [total('ALB', 40), total('ROU', 60), total('GEO', 11, 'C'), total('GRC', 13, 'C'), total('MKD', 17, 'N'), total('XKX', 19, 'C')], population: [], config, reference });
    expect(flagged.regional_total.map((t) => [t.group_code, t.obs_value, t.confidential_states, t.suppression_reason])).toEqual([
      ['BSEC', 141, 3, null], ['SEECP', null, 3, 'confidential_linked'], ['WB6', null, 2, 'confidential_few_states'],
    ]);
    // GEO's 11 alone beside ALB's 40: BSEC 51 - 40 = 11, withheld; SEECP and WB6 hold no confidential value
    const single = computeMarts({ observations: [total('ALB', 40), total('GEO', 11, 'C')], population: [], config, reference });
    expect(single.regional_total.map((t) => [t.group_code, t.obs_value, t.suppression_reason])).toEqual([
      ['BSEC', null, 'confidential_few_states'], ['SEECP', 40, null], ['WB6', 40, null],
    ]);
    // GEO C 11 + ARM C 12 beside ALB's 40: BSEC 63 - 40 = 23 = 11 + 12, and Georgia, knowing its 11, learns Armenia's
    // 12: withheld; with AZE C 14 too, BSEC 77 - 40 = 37 = 11 + 12 + 14 leaves each state two unknowns: flagged
    const two = computeMarts({ observations: [total('ALB', 40), total('GEO', 11, 'C'), total('ARM', 12, 'C')], population: [], config, reference });
    expect(two.regional_total.map((t) => [t.group_code, t.obs_value, t.confidential_states, t.suppression_reason])).toEqual([
      ['BSEC', null, 2, 'confidential_few_states'], ['SEECP', 40, 0, null], ['WB6', 40, 0, null],
    ]);
    const three = computeMarts({ observations: [total('ALB', 40), total('GEO', 11, 'C'), total('ARM', 12, 'C'), total('AZE', 14, 'C')], population: [], config, reference });
    expect(three.regional_total.map((t) => [t.group_code, t.obs_value, t.confidential_states, t.suppression_reason])).toEqual([
      ['BSEC', 40 + 11 + 12 + 14, 3, null], ['SEECP', 40, 0, null], ['WB6', 40, 0, null],
    ]);
  });
  it('uses the normal approximation with tie correction for ties', () => {
    // 1, 2, 2, 3: S = 5, var = (4·3·13 − 2·1·9) / 18 = 138 / 18, z = 4 / sqrt(7.667)
    const mk = mannKendall([1, 2, 2, 3]);
    expect(mk).toMatchObject({ s: 5, method: 'normal' });
    expect(mk.p).toBeCloseTo(2 * normalUpperTail(4 / Math.sqrt(138 / 18)), 12);
  });
});

describe('the marts against the oracle', () => {
  test.prop([fc.limitShrink(scenarioArbitrary, 40)], RUNS)('every row of the six marts is what the oracle computes from the same observations', async (scenario) => {
    const started = performance.now();
    const built = await build(scenario);
    if (process.env.ORACLE_DEBUG) console.log(`${scenario.observations.length} rows, ${Math.round(performance.now() - started)} ms`);
    const expected = computeMarts({ ...scenario, config: { ...scenario.config, stableSlopePct: STABLE_SLOPE_PCT, trendAlpha: TREND_ALPHA }, reference });
    const found = MARTS.flatMap((mart) => differences(mart, built[mart], expected[mart], scenario.config));
    expect(found.slice(0, 20)).toEqual([]);

    // disclosure: no confidential (C, N) or withheld (Q) value reaches a cell of these marts, alone or summed in
    // (every such value was planted at PLANTED_MIN or more, each one apart, and the public values of a cell add up to
    // less than PLANTED_MIN). With "flag" a regional total may hold the sum of three or more states' planted values, and
    // is flagged so; it used to publish one state's alone "by design", which gave it back as the total less the other
    // members' published figures, and then two states' sum, from which each learned the other's: a total with one or
    // two planted values in it lies below 3 × PLANTED_MIN, and none may be published. Three or more lie at
    // 3 × PLANTED_MIN or more, flagged with how many states they are.
    for (const mart of MARTS) {
      for (const row of built[mart]) {
        if (mart.startsWith('regional_') && row.indicator === 'POP') continue; // populations add up past the planted values
        const isFlagged = scenario.config.confidentialInTotals === 'flag' && mart === 'regional_total' && (row.confidential_states as number) >= 3;
        for (const [column, value] of Object.entries(row)) {
          if (!FIGURES.has(column)) continue;
          const figure = typeof value === 'number' ? Math.abs(value) : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : null;
          if (figure === null) continue;
          if (isFlagged) expect(figure, `${mart}.${column}: three or more planted values`).toBeGreaterThanOrEqual(3 * PLANTED_MIN);
          else expect(figure, `${mart}.${column}`).toBeLessThan(PLANTED_MIN);
        }
      }
    }
  }, 60_000 + RUNS.numRuns * 2_000);
});
