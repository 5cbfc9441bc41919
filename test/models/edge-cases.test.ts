import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataQuality, RegionalTotal, SeriesBreakdown, SeriesTotal, SeriesTrend } from '../../src/schema/marts.js';
import type { Store } from '../../src/store/index.js';
import { buildAll, insertObservations, openFixtureWarehouse, rowsOf, series } from './helpers.js';

// Edge cases a real year brings, each checked by hand: a return's breakdown against an import's total, a total or a
// part the state withheld (Q, no value, as validate tells states to write it), and constant series in the trend.

let store: Store;

beforeAll(async () => {
  store = await openFixtureWarehouse(async (s) => {
    await insertObservations(s, [
      // ALB's return: victims by sex only (7 + 5 = 12, no _U); UNODC has a total of 30 for the same year
      { ref_area: 'ALB', time_period: 2023, indicator: 'TIP_VIC', sex: 'F', obs_value: 7 },
      { ref_area: 'ALB', time_period: 2023, indicator: 'TIP_VIC', sex: 'M', obs_value: 5 },
      // MKD's return gives women only (6); UNODC gives men (3) and a total (10): the import's total is one source,
      // the derivation 6 + 3 would mix two, so the total stays UNODC's 10
      { ref_area: 'MKD', time_period: 2023, indicator: 'TIP_VIC', sex: 'F', obs_value: 6 },
      // MNE: public total 13 and women 7, men withheld: publishing 7 beside 13 would give the men away (13 − 7 = 6)
      { ref_area: 'MNE', time_period: 2023, indicator: 'TIP_VIC', obs_value: 13 },
      { ref_area: 'MNE', time_period: 2023, indicator: 'TIP_VIC', sex: 'F', obs_value: 7 },
      { ref_area: 'MNE', time_period: 2023, indicator: 'TIP_VIC', sex: 'M', obs_value: null, obs_status: 'Q' },
      // trends: a constant series (2019–2023); SRB's all-zero one is in its own return below
      ...series('ALB', 'SOM_OFF', 2019, [7, 7, 7, 7, 7]),
    ], { ref_area: 'ALB', reporting_year: 2023 });
    // SRB's own return (data_quality counts a year's series from the state's own return): it withheld its total
    // (Q, no value) but sent public parts 7 + 6, which must not come back as a total of 13
    await insertObservations(s, [
      { ref_area: 'SRB', time_period: 2023, indicator: 'TIP_VIC', obs_value: null, obs_status: 'Q' },
      { ref_area: 'SRB', time_period: 2023, indicator: 'TIP_VIC', sex: 'F', obs_value: 7 },
      { ref_area: 'SRB', time_period: 2023, indicator: 'TIP_VIC', sex: 'M', obs_value: 6 },
      ...series('SRB', 'SOM_OFF', 2019, [0, 0, 0, 0, 0]),
    ], { ref_area: 'SRB', reporting_year: 2023 });
    await insertObservations(s, [
      { ref_area: 'ALB', time_period: 2023, indicator: 'TIP_VIC', obs_value: 30, source: 'UNODC' },
      { ref_area: 'MKD', time_period: 2023, indicator: 'TIP_VIC', obs_value: 10, source: 'UNODC' },
      { ref_area: 'MKD', time_period: 2023, indicator: 'TIP_VIC', sex: 'M', obs_value: 3, source: 'UNODC' },
    ], { ref_area: null, reporting_year: null, source: 'UNODC' });
    await insertObservations(s, [
      // HRV: women 20 and men 11 with the unknown withheld (Q, no value), and by age 8 + 30 = 38, unknown included
      { ref_area: 'HRV', time_period: 2023, indicator: 'TIP_VIC', sex: 'F', obs_value: 20 },
      { ref_area: 'HRV', time_period: 2023, indicator: 'TIP_VIC', sex: 'M', obs_value: 11 },
      { ref_area: 'HRV', time_period: 2023, indicator: 'TIP_VIC', sex: '_U', obs_value: null, obs_status: 'Q' },
      { ref_area: 'HRV', time_period: 2023, indicator: 'TIP_VIC', age: 'Y_LT18', obs_value: 8 },
      { ref_area: 'HRV', time_period: 2023, indicator: 'TIP_VIC', age: 'Y_GE18', obs_value: 30 },
      // BIH: women 20 and men 11 with the unknown withheld, and no other breakdown
      { ref_area: 'BIH', time_period: 2023, indicator: 'TIP_VIC', sex: 'F', obs_value: 20 },
      { ref_area: 'BIH', time_period: 2023, indicator: 'TIP_VIC', sex: 'M', obs_value: 11 },
      { ref_area: 'BIH', time_period: 2023, indicator: 'TIP_VIC', sex: '_U', obs_value: null, obs_status: 'Q' },
    ], { ref_area: 'HRV', reporting_year: 2023 });
  });
  await buildAll(store);
});
afterAll(() => store.close());

describe("a return's breakdown against an import's total (returns outrank imports)", () => {
  it("derives the total from the return's complete breakdown rather than take the import's", async () => {
    const rows = await rowsOf<SeriesTotal>(store, 'series_total', "indicator = 'TIP_VIC' and ref_area in ('ALB', 'MKD')");
    expect(rows.map((r) => [r.ref_area, r.obs_value, r.is_derived, r.derived_from, r.source])).toEqual([
      ['ALB', 7 + 5, true, 'SEX', 'RETURN'], // 12, not UNODC's 30: the published parts 7 and 5 now add up to the total
      ['MKD', 10, false, null, 'UNODC'], // return F 6 + UNODC M 3 would mix sources: UNODC's own total stands
    ]);
  });

  it('counts the derived total as reported by the return in data_quality', async () => {
    const [alb] = await rowsOf<DataQuality>(store, 'data_quality', "ref_area = 'ALB' and time_period = 2023");
    // ALB's return: TIP_VIC (derived 12) and SOM_OFF 2023 (7) → 2 series of the 39 in the catalogue
    expect(alb).toMatchObject({ series_reported: 2 });
  });
});

describe('a total or a part the state withheld (OBS_STATUS Q, no value)', () => {
  it('publishes no total derived from the parts of a withheld total, and none of those parts', async () => {
    expect(await rowsOf<SeriesTotal>(store, 'series_total', "ref_area = 'SRB' and indicator = 'TIP_VIC'")).toEqual([]);
    expect(await rowsOf<SeriesBreakdown>(store, 'series_breakdown', "ref_area = 'SRB'")).toEqual([]);
  });

  it('publishes the total but not a breakdown with a withheld part', async () => {
    const [mne] = await rowsOf<SeriesTotal>(store, 'series_total', "ref_area = 'MNE' and indicator = 'TIP_VIC'");
    expect(mne).toMatchObject({ obs_value: 13, is_derived: false });
    expect(await rowsOf<SeriesBreakdown>(store, 'series_breakdown', "ref_area = 'MNE'")).toEqual([]);
  });

  it('derives no total from a breakdown whose unknown part (_U) was withheld: women 20 + men 11 is not the total', async () => {
    const rows = await rowsOf<SeriesTotal>(store, 'series_total', "ref_area in ('BIH', 'HRV') and indicator = 'TIP_VIC'");
    // HRV: the age breakdown 8 + 30 = 38 holds every victim; by sex 20 + 11 = 31 was published, short of the
    // withheld unknown. BIH: no other breakdown, so no total (it was 31)
    expect(rows.map((r) => [r.ref_area, r.obs_value, r.derived_from])).toEqual([['HRV', 38, 'AGE']]);
    const [seecp] = await rowsOf<RegionalTotal>(store, 'regional_total', "group_code = 'SEECP' and time_period = 2023 and indicator = 'TIP_VIC'");
    expect(seecp!.reporting_states).not.toContain('BIH');
    expect(await rowsOf<SeriesBreakdown>(store, 'series_breakdown', "ref_area = 'BIH'")).toEqual([]);
  });

  it('leaves a withheld total out of the regional sum, the state missing (never a zero), and counts it as reported and confidential', async () => {
    const [wb6] = await rowsOf<RegionalTotal>(store, 'regional_total', "group_code = 'WB6' and time_period = 2023 and indicator = 'TIP_VIC'");
    // WB6 members with a TIP_VIC total: ALB 12 (derived), MKD 10 (UNODC), MNE 13; SRB withheld → 12 + 10 + 13 = 35
    expect(wb6).toMatchObject({ states_reporting: 3, reporting_states: ['ALB', 'MKD', 'MNE'], obs_value: 35, has_confidential: false });
    expect(wb6!.missing_states).toContain('SRB');
    const [srb] = await rowsOf<DataQuality>(store, 'data_quality', "ref_area = 'SRB' and time_period = 2023");
    // SRB's return: the withheld TIP_VIC total and SOM_OFF 2023 (0) → 2 reported, 1 of them confidential
    expect(srb).toMatchObject({ series_reported: 2, series_confidential: 1 });
  });
});

describe('constant series in the trend', () => {
  const trend = async (ref_area: string): Promise<SeriesTrend> =>
    (await rowsOf<SeriesTrend>(store, 'series_trend', `ref_area = '${ref_area}' and indicator = 'SOM_OFF' and end_year = 2023`))[0]!;

  it('gives slope 0, S 0 and a p-value of exactly 1 (not the tail formula\'s 0.9999999990)', async () => {
    // 7, 7, 7, 7, 7: every pairwise slope 0 → Theil-Sen 0; S = 0; one tie group of 5: var = (5·4·15 − 5·4·15) / 18 = 0
    // → z = 0 → p = 2 · (1 − Φ(0)) = 1
    expect(await trend('ALB')).toMatchObject({ n_points: 5, mean_value: 7, slope: 0, slope_pct_per_year: 0, mk_s: 0, mk_p_value: 1, mk_method: 'normal', direction: 'stable' });
  });

  it('calls an all-zero series stable, with no slope percentage of a zero mean', async () => {
    expect(await trend('SRB')).toMatchObject({ n_points: 5, mean_value: 0, slope: 0, slope_pct_per_year: null, mk_s: 0, mk_p_value: 1, direction: 'stable' });
  });
});
