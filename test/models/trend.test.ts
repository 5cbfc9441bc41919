import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegionalTrend, SeriesTrend } from '../../src/schema/marts.js';
import { PROJECT_ROOT } from '../../src/context.js';
import { createModelMacros } from '../../src/models/model-macros.js';
import type { Store } from '../../src/store/index.js';
import { buildAll, configWith, insertObservations, openFixtureWarehouse, rowsOf, series } from './helpers.js';

let store: Store;

const withBreak = (rows: ReturnType<typeof series>, year: number) => rows.map((r) => (r.time_period === year ? { ...r, obs_status: 'B' } : r));

beforeAll(async () => {
  store = await openFixtureWarehouse(async (s) => {
    await insertObservations(s, [
      ...series('ALB', 'TIP_VIC', 2020, [10, 12, 15, 19, 25]),
      ...series('GRC', 'TIP_VIC', 2020, [25, 19, 15, 12, 10]),
      ...withBreak(series('SRB', 'TIP_VIC', 2020, [50, 52, 20, 22, 25, 27]), 2022),
      ...series('MKD', 'TIP_VIC', 2020, [5, 5, 7, 7, 9]),
      ...series('BGR', 'TIP_VIC', 2020, [100, 102, 99, 101, 100]),
      ...series('MNE', 'TIP_VIC', 2023, [3, 4]),
      // every year of the window, but 2022 is a small count ("<5")
      ...series('XKX', 'TIP_VIC', 2020, [6, 7, 3, 8, 9]),
      ...series('BIH', 'TIP_VIC', 2020, [10, 11, 12, 13, 14]).map((r) => (r.time_period === 2022 ? { ...r, obs_status: 'B', conf_status: 'C' } : r)),
      // a "<5" in the last year, the others published (the sample's Georgian convictions 2019–2023)
      ...series('GEO', 'TIP_VIC', 2020, [9, 8, 5, 7, 4]),
      // two "<5" adding up to 7, at least the threshold (the sample's Armenian prosecutions 2021–2025)
      ...series('ARM', 'TIP_VIC', 2020, [3, 4, 6, 8, 6]),
    ]);
  });
  await buildAll(store);
});
afterAll(() => store.close());

const trend = async (where: string): Promise<SeriesTrend> => {
  const rows = await rowsOf<SeriesTrend>(store, 'series_trend', where);
  expect(rows).toHaveLength(1);
  return rows[0]!;
};

describe('series_trend', () => {
  it('fits Theil-Sen and an exact Mann-Kendall test to a rising 5-year series', async () => {
    const t = await trend("ref_area = 'ALB' and end_year = 2024");
    // pairwise slopes of 10, 12, 15, 19, 25: 2, 2.5, 3, 3.75, 3, 3.5, 4.33, 4, 5, 6 → sorted middle pair 3.5, 3.75
    expect(t.slope).toBeCloseTo((3.5 + 3.75) / 2, 10);
    expect(t.mean_value).toBeCloseTo(81 / 5, 10);
    expect(t.slope_pct_per_year).toBeCloseTo((100 * 3.625) / 16.2, 8);
    // all 10 pairs concordant: S = 10; exact P(S >= 10) = 1/120 for n = 5, two-sided 2/120
    expect(t).toMatchObject({ n_points: 5, mk_s: 10, mk_method: 'exact', direction: 'rising', window_start: 2020, break_year: null, window_years: 5 });
    expect(t.mk_p_value).toBeCloseTo(2 / 120, 12);
  });

  it('withholds the mean, the slope and the slope as a share of the mean of a window that holds a small count', async () => {
    // XKX 6, 7, 3, 8, 9: the mean 33 / 5 = 6.6 and 6.6 × 5 − (6 + 7 + 8 + 9) = 3, the "<5" of 2022; S, p, direction stay
    // (8 of the 10 pairs rising, 2 falling: S 6)
    const t = await trend("ref_area = 'XKX' and end_year = 2024");
    expect(t).toMatchObject({ n_points: 5, mean_value: null, slope: null, slope_pct_per_year: null, suppression_reason: 'small_count', mk_s: 6 });
    // ALB's window holds no small count: published
    expect(await trend("ref_area = 'ALB' and end_year = 2024")).toMatchObject({ suppression_reason: null });
    // with the small-count rule off (threshold 0) nothing is withheld: mean 6.6; pairwise slopes 1, -1.5, 0.67, 0.75,
    // -4, 0.5, 0.67, 5, 3, 1 → sorted middle pair 0.67, 0.75
    await buildAll(store, configWith({ smallCountThreshold: 0 }));
    const open = await trend("ref_area = 'XKX' and end_year = 2024");
    expect(open.suppression_reason).toBeNull();
    expect(open.mean_value).toBeCloseTo(6.6, 10);
    expect(open.slope).toBeCloseTo((2 / 3 + 0.75) / 2, 10);
    await buildAll(store);
  });

  it('withholds the slope that only one value of a "<5" reproduces, though the mean was withheld', async () => {
    // GEO 9, 8, 5, 7, "<5" (4). Pairwise slopes with x in 2024: -1, -2, -0.67, (x - 9) / 4, -3, -0.5, (x - 8) / 3, 2,
    // (x - 5) / 2, x - 7. x = 4: sorted -3, -3, -2, -1.33, -1.25, -1, -0.67, -0.5, -0.5, 2 → (-1.25 + -1) / 2 = -1.125;
    // x = 3: -1.25, x = 2: -1.625, x = 1: -2. A slope of -1.125 beside 9, 8, 5, 7 said 4: now null
    await buildAll(store, configWith({ smallCountThreshold: 0 }));
    expect((await trend("ref_area = 'GEO' and end_year = 2024")).slope).toBeCloseTo(-1.125, 10);
    await buildAll(store);
    expect(await trend("ref_area = 'GEO' and end_year = 2024")).toMatchObject({
      n_points: 5, mean_value: null, slope: null, slope_pct_per_year: null, suppression_reason: 'small_count', direction: 'falling',
    });
  });

  it('withholds them too where the small counts add up to the threshold or more, and S, p and the direction beside two "<5"', async () => {
    // ARM "<5", "<5", 6, 8, 6 (3, 4): the mean 27 / 5 = 5.4 says the two add up to 27 − 20 = 7 (3 + 4 or 4 + 3, no
    // more, as 7 ≥ 5 is no residual); the slope tells the two apart: 3, 4 → slopes 1, 1.5, 1.67, 0.75, 2, 2, 0.67, 2,
    // 0, -2 → (1 + 1.5) / 2 = 1.25, and 4, 3 → 1. Mean 5.4 and slope 1.25 (23 % a year) were published: all null now.
    // S was too, 7: 8 pairs rising, 8 > 6 falling, 6 = 6 tied, and the first pair 3 < 4 rising; 4, 3 would give 5 and
    // 3, 3 give 6, so S 7 said the first "<5" was below the second: withheld, and p and the direction with it
    await buildAll(store, configWith({ smallCountThreshold: 0 }));
    const open = await trend("ref_area = 'ARM' and end_year = 2024");
    expect(open.mean_value).toBeCloseTo(5.4, 10);
    expect(open.slope).toBeCloseTo(1.25, 10);
    await buildAll(store);
    expect(open.mk_s).toBe(7);
    expect(await trend("ref_area = 'ARM' and end_year = 2024")).toMatchObject({
      mean_value: null, slope: null, slope_pct_per_year: null, mk_s: null, mk_p_value: null, mk_method: null,
      direction: 'insufficient_data', suppression_reason: 'small_count_direction',
    });
  });

  it('gives the falling mirror image for the reversed series', async () => {
    const t = await trend("ref_area = 'GRC' and end_year = 2024");
    expect(t.slope).toBeCloseTo(-3.625, 10);
    expect(t).toMatchObject({ mk_s: -10, direction: 'falling' });
    expect(t.mk_p_value).toBeCloseTo(2 / 120, 12);
  });

  it('cuts the window at a break in series', async () => {
    // 2024: nominal 2020–2024, B in 2022 → 2022, 2023, 2024 only: 3 points, insufficient
    expect(await trend("ref_area = 'SRB' and end_year = 2024")).toMatchObject({
      window_start: 2022, break_year: 2022, n_points: 3, slope: null, mk_s: null, mk_p_value: null, direction: 'insufficient_data',
    });
    // 2025: nominal 2021–2025, cut at 2022 → 20, 22, 25, 27; slopes 2, 2.5, 2.33, 3, 2.5, 2 → median (2.33 + 2.5) / 2
    const t = await trend("ref_area = 'SRB' and end_year = 2025");
    expect(t).toMatchObject({ window_start: 2022, break_year: 2022, n_points: 4, mk_s: 6, mk_method: 'exact', direction: 'rising' });
    expect(t.slope).toBeCloseTo((7 / 3 + 2.5) / 2, 10);
    expect(t.mk_p_value).toBeCloseTo(2 / 24, 12); // S = 6 is the maximum for n = 4: 1 permutation of 24, two-sided
    expect(t.mean_value).toBeCloseTo((20 + 22 + 25 + 27) / 4, 10);
  });

  it('lets a confidential break year cut the window too, without showing it', async () => {
    expect(await trend("ref_area = 'BIH' and end_year = 2024")).toMatchObject({ break_year: 2022, window_start: 2022, n_points: 2, direction: 'insufficient_data' });
  });

  it('uses the normal approximation with the tie correction when values tie', async () => {
    const t = await trend("ref_area = 'MKD' and end_year = 2024");
    // 5, 5, 7, 7, 9: S = 8 (two tied pairs contribute 0); var = (5·4·15 − 2·(2·1·9)) / 18 = 264 / 18
    // z = (8 − 1) / sqrt(264 / 18) = 1.82782; p = erfc(z / √2) = 0.0675773 (scipy)
    expect(t).toMatchObject({ mk_s: 8, mk_method: 'normal', slope: 1, direction: 'rising' });
    expect(t.mk_p_value).toBeCloseTo(0.0675773, 6);
    expect(t.slope_pct_per_year).toBeCloseTo(100 / 6.6, 8);
  });

  it('calls a flat series stable and one with fewer than 4 points insufficient_data', async () => {
    const flat = await trend("ref_area = 'BGR' and end_year = 2024");
    expect(flat.direction).toBe('stable');
    expect(Math.abs(flat.slope_pct_per_year!)).toBeLessThan(5);
    expect(await trend("ref_area = 'MNE' and end_year = 2024")).toMatchObject({ n_points: 2, direction: 'insufficient_data', slope: null });
  });

  it('has one row per end year from the first year in the data to the last, while the window holds a value', async () => {
    const years = (await rowsOf<SeriesTrend>(store, 'series_trend', "ref_area = 'ALB'")).map((r) => [r.end_year, r.n_points]);
    expect(years).toEqual([[2020, 1], [2021, 2], [2022, 3], [2023, 4], [2024, 5], [2025, 4]]);
  });

  it('follows the configured window length', async () => {
    await buildAll(store, configWith({ trendYears: 4 }));
    // 2021–2024: 12, 15, 19, 25; pairwise slopes 3, 3.5, 4.33, 4, 5, 6 → median (4 + 4.33) / 2; S = 6, exact p = 2/24
    const t = await trend("ref_area = 'ALB' and end_year = 2024");
    expect(t).toMatchObject({ window_years: 4, window_start: 2021, n_points: 4, mk_s: 6, mk_method: 'exact', direction: 'rising' });
    expect(t.slope).toBeCloseTo((4 + 13 / 3) / 2, 10);
    expect(t.mean_value).toBeCloseTo(71 / 4, 10);
    expect(t.mk_p_value).toBeCloseTo(2 / 24, 12);
    // and back: the rebuild with the default replaces every row (5-year window again)
    await buildAll(store);
    expect(await trend("ref_area = 'ALB' and end_year = 2024")).toMatchObject({ window_years: 5, window_start: 2020, n_points: 5, mk_s: 10 });
  });
});

describe('series_trend: S, p and the direction of a window with a "<5"', () => {
  let small: Store;
  beforeAll(async () => {
    small = await openFixtureWarehouse(async (s) => {
      await insertObservations(s, [
        // four "<5" and a 10: the true values 1, 2, 3, 4, 10
        ...series('MDA', 'TIP_VIC', 2020, [1, 2, 3, 4, 10]),
        // one "<5" (the true value 4) whose value decides between rising and stable
        ...series('TUR', 'TIP_VIC', 2020, [42, 4, 46, 47, 49]),
      ]);
    });
    await buildAll(small);
  });
  afterAll(() => small.close());
  const trendOf = async (where: string): Promise<SeriesTrend> => {
    const rows = await rowsOf<SeriesTrend>(small, 'series_trend', where);
    expect(rows).toHaveLength(1);
    return rows[0]!;
  };

  it('withholds S, p and the direction where the window holds two or more "<5", whose order S would give', async () => {
    // MDA 1, 2, 3, 4, 10 published as "<5", "<5", "<5", "<5", 10. With nothing withheld: all 10 pairs rising, S = 10;
    // exact P(S >= 10) = 1/120 for n = 5, two-sided p = 2/120 = 0.0167; pairwise slopes 1, 1, 1, 9/4 = 2.25, 1, 1,
    // 8/3 = 2.67, 1, 7/2 = 3.5, 6 → sorted middle pair 1, 1 → slope 1, mean 20 / 5 = 4, 25 % a year: rising. S = 10
    // beside four "<5" says each rose on the one before (1 < 2 < 3 < 4), all that is left being 1, 2, 3, 4: the four
    // values given back. The order among the "<5" could be any (4, 3, 2, 1 gives S = -6 + 4 = -2), so S, p and the
    // direction resting on them are withheld
    await buildAll(small, configWith({ smallCountThreshold: 0 }));
    const open = await trendOf("ref_area = 'MDA' and end_year = 2024");
    expect(open).toMatchObject({ mk_s: 10, direction: 'rising', mk_method: 'exact' });
    expect(open.mk_p_value).toBeCloseTo(2 / 120, 12);
    await buildAll(small);
    expect(await trendOf("ref_area = 'MDA' and end_year = 2024")).toMatchObject({
      n_points: 5, mean_value: null, slope: null, slope_pct_per_year: null, mk_s: null, mk_p_value: null, mk_method: null,
      direction: 'insufficient_data', suppression_reason: 'small_count_direction',
    });
  });

  it('keeps S and p beside one "<5" (its order is known), and the direction only where every value 1 to 4 gives the same', async () => {
    // TUR 42, "<5", 46, 47, 49 (4). Whatever x from 1 to 4 is in 2021, it is below every other year: S counts 42 > x
    // falling, then 3 + 3 + 3 rising pairs (42, x and 46 each below the later years, 46 < 47 < 49): S = 9 - 1 = 8, p = 2 ×
    // P(S >= 8) = 2 × (1 + 4) / 120 = 10/120 = 0.0833 <= 0.10, the same for each x. Pairwise slopes x - 42, 4/2 = 2,
    // 5/3 = 1.67, 7/4 = 1.75, 46 - x, (47 - x) / 2, (49 - x) / 3, 1, 3/2 = 1.5, 2 → sorted middle pair 1.75, 2 → slope
    // 1.875 for each x; the mean is (184 + x) / 5: x = 1 → 37, 1.875 / 37 = 5.07 % a year, rising; x = 3 → 37.4,
    // 5.01 %, rising; x = 4 → 37.6, 4.99 % < 5 %, stable. Published, "stable" said the "<5" was 4: now withheld
    await buildAll(small, configWith({ smallCountThreshold: 0 }));
    const open = await trendOf("ref_area = 'TUR' and end_year = 2024");
    expect(open).toMatchObject({ mk_s: 8, direction: 'stable' });
    expect(open.slope).toBeCloseTo(1.875, 12);
    expect(open.mean_value).toBeCloseTo(37.6, 12);
    await buildAll(small);
    const t = await trendOf("ref_area = 'TUR' and end_year = 2024");
    expect(t).toMatchObject({ mk_s: 8, mk_method: 'exact', direction: 'insufficient_data', suppression_reason: 'small_count_direction', slope: null, mean_value: null });
    expect(t.mk_p_value).toBeCloseTo(10 / 120, 12);
  });
});

describe('regional_trend', () => {
  it('sums a fixed panel: members with a comparable value in every year of the window', async () => {
    const rows = await rowsOf<RegionalTrend>(store, 'regional_trend', "group_code = 'WB6' and end_year = 2024");
    expect(rows).toHaveLength(1);
    const t = rows[0]!;
    // SRB has a break in the window, MNE two years only, XKX a "<5" in 2022: the panel is ALB + MKD → 15, 17, 22, 26, 34
    expect(t).toMatchObject({ panel_states: ['ALB', 'MKD'], panel_size: 2, members: 6, n_points: 5, mk_s: 10, direction: 'rising', window_start: 2020 });
    // pairwise slopes: 2, 3.5, 3.67, 4.75, 5, 4.5, 5.67, 4, 6, 8 → middle pair 4.5, 4.75
    expect(t.slope).toBeCloseTo((4.5 + 4.75) / 2, 10);
    expect(t.mean_value).toBeCloseTo((15 + 17 + 22 + 26 + 34) / 5, 10);
  });

  it('leaves a member with a small count in the window out of the panel, so the mean cannot give it away', async () => {
    // with XKX the mean would be (15 + 17 + 22 + 26 + 34 + 6 + 7 + 3 + 8 + 9) / 5 = 29.4, and 29.4 × 5 − 114 − 30 = 3
    await buildAll(store, configWith({ smallCountThreshold: 0 }));
    const [off] = await rowsOf<RegionalTrend>(store, 'regional_trend', "group_code = 'WB6' and end_year = 2024");
    expect(off).toMatchObject({ panel_states: ['ALB', 'MKD', 'XKX'], panel_size: 3 });
    expect(off!.mean_value).toBeCloseTo((114 + 6 + 7 + 3 + 8 + 9) / 5, 10);
    await buildAll(store);
    const [on] = await rowsOf<RegionalTrend>(store, 'regional_trend', "group_code = 'WB6' and end_year = 2024");
    expect(on).toMatchObject({ panel_states: ['ALB', 'MKD'], panel_size: 2 });
    expect(on!.mean_value).toBeCloseTo(114 / 5, 10);
  });

  it('reads insufficient_data when no member reported every year of the window', async () => {
    const rows = await rowsOf<RegionalTrend>(store, 'regional_trend', "group_code = 'WB6' and end_year = 2025");
    // 2021–2025: ALB, MKD and SRB have no 2025 (SRB's 2025 comes after its break) → empty panel
    expect(rows[0]).toMatchObject({ panel_states: [], panel_size: 0, n_points: 0, slope: null, direction: 'insufficient_data' });
  });
});

describe('the trend rule as the review states it', () => {
  it('is the rule the models apply: the annex reads STABLE_SLOPE_PCT, TREND_ALPHA and TREND_MIN_POINTS, the build the same', async () => {
    const { STABLE_SLOPE_PCT, TREND_ALPHA, TREND_MIN_POINTS } = await import('../../src/schema/marts.js');
    const [setting] = await store.all<{ stable_slope_pct: number; trend_alpha: number }>('select stable_slope_pct, trend_alpha from build_setting');
    expect(setting).toEqual({ stable_slope_pct: STABLE_SLOPE_PCT, trend_alpha: TREND_ALPHA });
    const sql = readFileSync(join(PROJECT_ROOT, 'pipeline/intermediate/int_trend_statistics.sql'), 'utf8');
    expect(sql).toContain('ct_trend_direction(');
    // the one rule, as the build's macro applies it: a slope of 10 % of the mean a year with p 0.01 rises from 4 points
    await createModelMacros(store);
    const rule = (n: number, slope: number, pct: number, p: number) => store.all<{ d: string }>(
      `select ct_trend_direction(${n}, ${slope}, ${pct}, ${p}, ${STABLE_SLOPE_PCT}, ${TREND_ALPHA}) as d`).then((r) => r[0]?.d);
    expect(await rule(TREND_MIN_POINTS - 1, 2, 10, 0.01)).toBe('insufficient_data');
    expect(await rule(TREND_MIN_POINTS, 2, 10, 0.01)).toBe('rising');
    expect(await rule(TREND_MIN_POINTS, -2, -10, 0.01)).toBe('falling');
    expect(await rule(TREND_MIN_POINTS, 2, 10, TREND_ALPHA + 0.01)).toBe('stable');
    expect(await rule(TREND_MIN_POINTS, 0.01, STABLE_SLOPE_PCT / 2, 0.01)).toBe('stable');
  });
});
