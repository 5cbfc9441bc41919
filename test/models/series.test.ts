import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeriesBreakdown, SeriesChange, SeriesRate, SeriesTotal } from '../../src/schema/marts.js';
import type { Store } from '../../src/store/index.js';
import { buildAll, configWith, insertObservations, insertPopulation, openFixtureWarehouse, rowsOf, series } from './helpers.js';

let store: Store;

beforeAll(async () => {
  store = await openFixtureWarehouse(async (s) => {
    await insertObservations(s, [
      // a reported total, with its comment
      { ref_area: 'ALB', time_period: 2022, indicator: 'TIP_VIC', obs_value: 10, comment: 'new referral mechanism' },
      // no total; SEX complete (F, M) → derived 7 + 2 = 9, status P from the provisional part; BREAKDOWN incomplete
      { ref_area: 'SRB', time_period: 2022, indicator: 'TIP_VIC', sex: 'F', obs_value: 7, obs_status: 'P' },
      { ref_area: 'SRB', time_period: 2022, indicator: 'TIP_VIC', sex: 'M', obs_value: 2 },
      { ref_area: 'SRB', time_period: 2022, indicator: 'TIP_VIC', breakdown: 'SEX_EXPL', obs_value: 5 },
      { ref_area: 'SRB', time_period: 2022, indicator: 'TIP_VIC', breakdown: 'FORCED_LAB', obs_value: 4 },
      // SEX incomplete (no M); AGE complete with an unknown part → 1 + 4 + 2 = 7 from AGE
      { ref_area: 'MKD', time_period: 2022, indicator: 'TIP_VIC', sex: 'F', obs_value: 3 },
      { ref_area: 'MKD', time_period: 2022, indicator: 'TIP_VIC', age: 'Y_LT18', obs_value: 1 },
      { ref_area: 'MKD', time_period: 2022, indicator: 'TIP_VIC', age: 'Y_GE18', obs_value: 4 },
      { ref_area: 'MKD', time_period: 2022, indicator: 'TIP_VIC', age: '_U', obs_value: 2 },
      // every form of exploitation → 1 + 2 + 0 + 0 = 3, a small count
      { ref_area: 'MNE', time_period: 2022, indicator: 'TIP_VIC', breakdown: 'SEX_EXPL', obs_value: 1 },
      { ref_area: 'MNE', time_period: 2022, indicator: 'TIP_VIC', breakdown: 'FORCED_LAB', obs_value: 2 },
      { ref_area: 'MNE', time_period: 2022, indicator: 'TIP_VIC', breakdown: 'ORGAN', obs_value: 0 },
      { ref_area: 'MNE', time_period: 2022, indicator: 'TIP_VIC', breakdown: 'OTHER', obs_value: 0 },
      // a confidential total is left out, and its public parts never stand in for it
      { ref_area: 'GRC', time_period: 2022, indicator: 'TIP_VIC', obs_value: 40, conf_status: 'C' },
      { ref_area: 'GRC', time_period: 2022, indicator: 'TIP_VIC', sex: 'F', obs_value: 20 },
      { ref_area: 'GRC', time_period: 2022, indicator: 'TIP_VIC', sex: 'M', obs_value: 20 },
      // missing (M, no value) and withheld (Q) totals have no row: never a zero
      { ref_area: 'TUR', time_period: 2022, indicator: 'TIP_VIC', obs_value: null, obs_status: 'M' },
      { ref_area: 'BIH', time_period: 2022, indicator: 'TIP_VIC', obs_value: 6, obs_status: 'Q' },
      // small counts: 4 shows as "<5", 0 stays "0"; kilograms are never small counts
      { ref_area: 'ROU', time_period: 2022, indicator: 'TIP_VIC', obs_value: 4 },
      { ref_area: 'BGR', time_period: 2022, indicator: 'TIP_VIC', obs_value: 0 },
      { ref_area: 'ROU', time_period: 2022, indicator: 'DRG_SEIZ_KG', obs_value: 2.5 },
      { ref_area: 'BGR', time_period: 2022, indicator: 'DRG_SEIZ_KG', obs_value: 12.3456 },
      // ALB's parts: victims by sex × age (published), forms with a confidential part (not published, none of them)
      { ref_area: 'ALB', time_period: 2022, indicator: 'TIP_VIC', sex: 'F', age: 'Y_LT18', obs_value: 2 },
      { ref_area: 'ALB', time_period: 2022, indicator: 'TIP_VIC', sex: 'F', age: 'Y_GE18', obs_value: 5 },
      { ref_area: 'ALB', time_period: 2022, indicator: 'TIP_VIC', sex: 'M', age: 'Y_LT18', obs_value: 1 },
      { ref_area: 'ALB', time_period: 2022, indicator: 'TIP_VIC', sex: 'M', age: 'Y_GE18', obs_value: 2 },
      { ref_area: 'ALB', time_period: 2022, indicator: 'TIP_VIC', breakdown: 'SEX_EXPL', obs_value: 6 },
      { ref_area: 'ALB', time_period: 2022, indicator: 'TIP_VIC', breakdown: 'FORCED_LAB', obs_value: 4, conf_status: 'N' },
      // empty statuses are the return format's defaults (A, F)
      { ref_area: 'AZE', time_period: 2022, indicator: 'TIP_VIC', obs_value: 11, obs_status: '', conf_status: '' },
      // population reported in returns
      { ref_area: 'ALB', time_period: 2022, indicator: 'POP', obs_value: 2_900_000 },
      { ref_area: 'SRB', time_period: 2022, indicator: 'POP', obs_value: 6_800_000 },
      // year-on-year: 0 → 8 → 10 → 15 (B) → 12, then a gap and 20
      ...series('ARM', 'SOM_OFF', 2019, [0, 8, 10, 15, 12, null, 20]).map((r) => (r.time_period === 2022 ? { ...r, obs_status: 'B' } : r)),
    ]);
    await insertPopulation(s, [['ALB', 2022, 2_800_000], ['ROU', 2022, 19_000_000]]);
  });
  await buildAll(store);
});
afterAll(() => store.close());

describe('series_total', () => {
  it('keeps reported totals with their status, comment and source', async () => {
    const [alb] = await rowsOf<SeriesTotal>(store, 'series_total', "ref_area = 'ALB' and indicator = 'TIP_VIC'");
    expect(alb).toMatchObject({ obs_value: 10, obs_status: 'A', is_derived: false, derived_from: null, source: 'RETURN', comment: 'new referral mechanism', value_display: '10' });
  });

  it('derives a total from the first complete breakdown, flagged, with the weakest status of its parts', async () => {
    const rows = await rowsOf<SeriesTotal>(store, 'series_total', "indicator = 'TIP_VIC' and is_derived");
    expect(rows.map((r) => [r.ref_area, r.obs_value, r.derived_from, r.obs_status])).toEqual([
      ['MKD', 1 + 4 + 2, 'AGE', 'A'],
      ['MNE', 1 + 2 + 0 + 0, 'BREAKDOWN', 'A'],
      ['SRB', 7 + 2, 'SEX', 'P'],
    ]);
    expect(rows.every((r) => r.comment === null)).toBe(true);
  });

  it('leaves out confidential, withheld and missing totals (no zero, no public sum of a confidential total)', async () => {
    const states = (await rowsOf<SeriesTotal>(store, 'series_total', "indicator = 'TIP_VIC'")).map((r) => r.ref_area);
    expect(states).toEqual(['ALB', 'AZE', 'BGR', 'MKD', 'MNE', 'ROU', 'SRB']);
  });

  it('reads an empty status as its default', async () => {
    const [aze] = await rowsOf<SeriesTotal>(store, 'series_total', "ref_area = 'AZE'");
    expect(aze).toMatchObject({ obs_value: 11, obs_status: 'A' });
  });

  it('shows counts from 1 to 4 as "<5", keeps 0 and never masks kilograms', async () => {
    const rows = await rowsOf<SeriesTotal>(store, 'series_total', "ref_area in ('ROU', 'BGR', 'MNE') and time_period = 2022");
    expect(rows.map((r) => [r.ref_area, r.indicator, r.is_small_count, r.value_display])).toEqual([
      ['BGR', 'DRG_SEIZ_KG', false, '12.346'],
      ['BGR', 'TIP_VIC', false, '0'],
      ['MNE', 'TIP_VIC', true, '<5'],
      ['ROU', 'DRG_SEIZ_KG', false, '2.5'],
      ['ROU', 'TIP_VIC', true, '<5'],
    ]);
  });

  it('masks nothing when smallCountThreshold is 0', async () => {
    await buildAll(store, configWith({ smallCountThreshold: 0 }));
    const [rou] = await rowsOf<SeriesTotal>(store, 'series_total', "ref_area = 'ROU' and indicator = 'TIP_VIC'");
    expect(rou).toMatchObject({ is_small_count: false, value_display: '4' });
    await buildAll(store);
  });
});

describe('series_breakdown', () => {
  it('publishes the parts of every shape, but no shape with a confidential part or total', async () => {
    const rows = await rowsOf<SeriesBreakdown>(store, 'series_breakdown', "indicator = 'TIP_VIC'");
    expect(rows.map((r) => [r.ref_area, r.sex, r.age, r.breakdown, r.obs_value, r.value_display])).toEqual([
      // ALB: sex × age published; the forms are not (FORCED_LAB is N: 6 alone would give it away from the total 10)
      ['ALB', 'F', 'Y_GE18', '_T', 5, '5'],
      ['ALB', 'F', 'Y_LT18', '_T', 2, '<5'],
      ['ALB', 'M', 'Y_GE18', '_T', 2, '<5'],
      ['ALB', 'M', 'Y_LT18', '_T', 1, '<5'],
      // GRC: the total is confidential, so its public parts 20 + 20 are not published
      ['MKD', 'F', '_T', '_T', 3, '<5'],
      ['MKD', '_T', 'Y_GE18', '_T', 4, '<5'],
      ['MKD', '_T', 'Y_LT18', '_T', 1, '<5'],
      ['MKD', '_T', '_U', '_T', 2, '<5'],
      ['MNE', '_T', '_T', 'FORCED_LAB', 2, '<5'],
      ['MNE', '_T', '_T', 'ORGAN', 0, '0'],
      ['MNE', '_T', '_T', 'OTHER', 0, '0'],
      ['MNE', '_T', '_T', 'SEX_EXPL', 1, '<5'],
      ['SRB', 'F', '_T', '_T', 7, '7'],
      ['SRB', 'M', '_T', '_T', 2, '<5'],
      ['SRB', '_T', '_T', 'FORCED_LAB', 4, '<5'],
      ['SRB', '_T', '_T', 'SEX_EXPL', 5, '5'],
    ]);
    expect(rows.find((r) => r.ref_area === 'SRB' && r.sex === 'F')!.obs_status).toBe('P');
  });
});

describe('series_rate', () => {
  it('divides by the World Bank population by default and by the return where only it has one', async () => {
    const rows = await rowsOf<SeriesRate>(store, 'series_rate', "indicator = 'TIP_VIC'");
    expect(rows.map((r) => [r.ref_area, r.population, r.population_source])).toEqual([
      ['ALB', 2_800_000, 'WORLDBANK'],
      ['ROU', 19_000_000, 'WORLDBANK'],
      ['SRB', 6_800_000, 'RETURN'],
    ]);
    expect(rows[0]!.rate_per_100k).toBeCloseTo((10 / 2_800_000) * 100_000, 10); // 0.357…
    expect(rows[1]!.rate_per_100k).toBeCloseTo((4 / 19_000_000) * 100_000, 10);
    expect(rows[1]!.is_small_count).toBe(true);
    expect(rows[2]!.rate_per_100k).toBeCloseTo((9 / 6_800_000) * 100_000, 10); // derived total 9
  });

  it('prefers the return population when configured, and rates no kilograms, no POP and no state without population', async () => {
    await buildAll(store, configWith({ populationSource: 'RETURN' }));
    const rows = await rowsOf<SeriesRate>(store, 'series_rate');
    expect(rows.map((r) => [r.ref_area, r.indicator, r.population_source])).toEqual([
      ['ALB', 'TIP_VIC', 'RETURN'],
      ['ROU', 'TIP_VIC', 'WORLDBANK'],
      ['SRB', 'TIP_VIC', 'RETURN'],
    ]);
    expect(rows[0]!.rate_per_100k).toBeCloseTo((10 / 2_900_000) * 100_000, 10);
    await buildAll(store);
  });
});

describe('series_change', () => {
  it('compares consecutive years only, and never across a break', async () => {
    const rows = await rowsOf<SeriesChange>(store, 'series_change', "ref_area = 'ARM'");
    expect(rows.map((r) => [r.time_period, r.previous_value, r.obs_value, r.is_comparable, r.change_abs, r.change_pct])).toEqual([
      [2020, 0, 8, true, 8, null], // from 0: no percentage
      [2021, 8, 10, true, 10 - 8, (100 * (10 - 8)) / 8], // +25 %
      [2022, 10, 15, false, null, null], // 2022 is B: not comparable with 2021
      [2023, 15, 12, true, 12 - 15, (100 * (12 - 15)) / 15], // −20 %: 2023 continues the new series
      // 2025 has no 2024 to compare with: no row
    ]);
    expect(rows[2]).toMatchObject({ obs_status: 'B', previous_obs_status: 'A' });
    expect(rows.every((r) => !r.has_small_count)).toBe(true); // 0, 8, 10, 15, 12: no count between 0 and 5
  });

  it('flags a change from or to a small count, which would give it back (9 − 5 = 4)', async () => {
    const small = await openFixtureWarehouse(async (s) => {
      await insertObservations(s, series('GEO', 'TIP_PRS', 2021, [12, 4, 9]));
    });
    try {
      await buildAll(small);
      const rows = await rowsOf<SeriesChange>(small, 'series_change', "ref_area = 'GEO'");
      expect(rows.map((r) => [r.time_period, r.previous_value, r.obs_value, r.change_abs, r.has_small_count])).toEqual([
        [2022, 12, 4, 4 - 12, true], // to "<5"
        [2023, 4, 9, 9 - 4, true], // from "<5"
      ]);
      await buildAll(small, configWith({ smallCountThreshold: 0 }));
      expect((await rowsOf<SeriesChange>(small, 'series_change', "ref_area = 'GEO'")).map((r) => r.has_small_count)).toEqual([false, false]);
    } finally {
      small.close();
    }
  });
});
