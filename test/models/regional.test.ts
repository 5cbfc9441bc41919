import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegionalChange, RegionalTotal } from '../../src/schema/marts.js';
import type { Store } from '../../src/store/index.js';
import { buildAll, configWith, insertObservations, openFixtureWarehouse, rowsOf } from './helpers.js';

let store: Store;
const BSEC = ['ALB', 'ARM', 'AZE', 'BGR', 'GEO', 'GRC', 'MDA', 'MKD', 'ROU', 'RUS', 'SRB', 'TUR', 'UKR'];
const obs = (ref_area: string, time_period: number, indicator: string, obs_value: number, extra = {}) => ({ ref_area, time_period, indicator, obs_value, ...extra });

beforeAll(async () => {
  store = await openFixtureWarehouse(async (s) => {
    await insertObservations(s, [
      obs('ALB', 2020, 'TIP_OFF', 5),
      // 2022: 7 BSEC members report
      ...[['ALB', 10], ['ARM', 20], ['AZE', 30], ['BGR', 40], ['GEO', 50], ['ROU', 60], ['SRB', 70]].map(([a, v]) => obs(a as string, 2022, 'TIP_OFF', v as number)),
      // 2023: 9 of 13 (MDA through a complete breakdown 2 + 1 + 1 + 1 = 5; ROU marks a break), plus non-member HRV
      ...[['ALB', 11], ['ARM', 22], ['AZE', 33], ['BGR', 44], ['GEO', 55], ['SRB', 77], ['TUR', 9], ['HRV', 1000]].map(([a, v]) => obs(a as string, 2023, 'TIP_OFF', v as number)),
      obs('ROU', 2023, 'TIP_OFF', 66, { obs_status: 'B' }),
      ...[['SEX_EXPL', 2], ['FORCED_LAB', 1], ['ORGAN', 1], ['OTHER', 1]].map(([b, v]) => obs('MDA', 2023, 'TIP_OFF', v as number, { breakdown: b as string })),
      // confidential: GRC's smuggling offences
      obs('ALB', 2022, 'SOM_OFF', 80), obs('GRC', 2022, 'SOM_OFF', 40, { conf_status: 'N' }),
      obs('ALB', 2023, 'SOM_OFF', 100), obs('GRC', 2023, 'SOM_OFF', 50, { conf_status: 'C' }),
      // confidential values of two BSEC states (GEO C 30, TUR N 20) beside ARM's public 100; SEECP holds TUR's alone
      obs('ARM', 2023, 'COR_OFF', 100), obs('GEO', 2023, 'COR_OFF', 30, { conf_status: 'C' }), obs('TUR', 2023, 'COR_OFF', 20, { conf_status: 'N' }),
      // and of three (AZE C 15 too)
      obs('ARM', 2023, 'COR_SUS', 100), obs('GEO', 2023, 'COR_SUS', 30, { conf_status: 'C' }), obs('TUR', 2023, 'COR_SUS', 20, { conf_status: 'N' }),
      obs('AZE', 2023, 'COR_SUS', 15, { conf_status: 'C' }),
      // convictions: ALB's 2023 figure is a small count ("<5"), ARM's are not
      obs('ALB', 2022, 'TIP_CNV', 20), obs('ALB', 2023, 'TIP_CNV', 3), obs('ARM', 2022, 'TIP_CNV', 10), obs('ARM', 2023, 'TIP_CNV', 12),
      // a regional small count
      obs('XKX', 2023, 'FA_OFF', 2),
      // complementary suppression: two small counts that together reach the threshold (ALB 3 + ARM 4 = 7) ...
      obs('ALB', 2023, 'CYB_CNV', 3), obs('ARM', 2023, 'CYB_CNV', 4), obs('BGR', 2023, 'CYB_CNV', 40),
      // ... and one small count among several large ones (GEO 1 beside 100, 200, 300)
      obs('ALB', 2023, 'DRG_CNV', 100), obs('ARM', 2023, 'DRG_CNV', 200), obs('BGR', 2023, 'DRG_CNV', 300), obs('GEO', 2023, 'DRG_CNV', 1),
    ]);
  });
  await buildAll(store);
});
afterAll(() => store.close());

const total = async (group: string, year: number, indicator: string): Promise<RegionalTotal> => {
  const rows = await rowsOf<RegionalTotal>(store, 'regional_total', `group_code = '${group}' and time_period = ${year} and indicator = '${indicator}'`);
  expect(rows).toHaveLength(1);
  return rows[0]!;
};

describe('regional_total', () => {
  it('sums the reporting members only and says "reported by 9 of 13"', async () => {
    const t = await total('BSEC', 2023, 'TIP_OFF');
    expect(t).toMatchObject({
      members: 13,
      states_reporting: 9,
      reporting_states: ['ALB', 'ARM', 'AZE', 'BGR', 'GEO', 'MDA', 'ROU', 'SRB', 'TUR'],
      missing_states: ['GRC', 'MKD', 'RUS', 'UKR'],
      obs_value: 11 + 22 + 33 + 44 + 55 + 5 + 66 + 77 + 9, // 322: HRV (not a member) is not in it
      has_break: true,
      has_confidential: false,
      is_suppressed: false,
      value_display: '322',
    });
    expect(t.coverage).toBeCloseTo(9 / 13, 12);
    expect((await total('SEECP', 2023, 'TIP_OFF')).reporting_states).toContain('HRV');
  });

  it('never turns a year nobody reported into a zero', async () => {
    const t = await total('BSEC', 2021, 'TIP_OFF');
    expect(t).toMatchObject({ states_reporting: 0, coverage: 0, reporting_states: [], obs_value: null, value_display: null, is_small_count: false });
    expect(t.missing_states).toEqual(BSEC);
  });

  it('starts an indicator in the first year some member reported it, not in the first year of the data', async () => {
    const years = async (indicator: string) =>
      (await rowsOf<RegionalTotal>(store, 'regional_total', `group_code = 'BSEC' and indicator = '${indicator}'`)).map((t) => t.time_period);
    expect(await years('TIP_OFF')).toEqual([2020, 2021, 2022, 2023]);
    expect(await years('SOM_OFF')).toEqual([2022, 2023]);
    expect(await years('CYB_CNV')).toEqual([2023]);
  });

  it('suppresses a total that includes a confidential value, by default', async () => {
    expect(await total('BSEC', 2023, 'SOM_OFF')).toMatchObject({ states_reporting: 2, has_confidential: true, is_suppressed: true, obs_value: null, value_display: null });
    // WB6 does not include GRC: published
    expect(await total('WB6', 2023, 'SOM_OFF')).toMatchObject({ obs_value: 100, has_confidential: false });
  });

  it('shows a small regional total as "<5"', async () => {
    // XKX's 2 is the whole total: "<5" gives nothing away that XKX's own "<5" does not
    expect(await total('WB6', 2023, 'FA_OFF')).toMatchObject({ obs_value: 2, is_small_count: true, value_display: '<5', coverage: 1 / 6, is_suppressed: false, suppression_reason: null });
  });

  it('withholds a total whose small counts add up to less than the threshold (it would give them away by subtraction)', async () => {
    // BSEC = ALB 3 ("<5") + ARM 12 = 15, and 15 − 12 = 3: withheld, coverage kept
    expect(await total('BSEC', 2023, 'TIP_CNV')).toMatchObject({
      states_reporting: 2, reporting_states: ['ALB', 'ARM'], members: 13, obs_value: null, value_display: null, is_small_count: false,
      has_confidential: false, is_suppressed: true, suppression_reason: 'small_count_residual',
    });
    // 2022 has no small count (ALB 20 + ARM 10 = 30): published
    expect(await total('BSEC', 2022, 'TIP_CNV')).toMatchObject({ obs_value: 30, is_suppressed: false, suppression_reason: null });
    // one small count among several large ones: 100 + 200 + 300 + GEO 1 = 601, and 601 − 600 = 1: withheld
    expect(await total('BSEC', 2023, 'DRG_CNV')).toMatchObject({ states_reporting: 4, obs_value: null, is_suppressed: true, suppression_reason: 'small_count_residual' });
  });

  it('publishes a total whose small counts together reach the threshold', async () => {
    // ALB 3 + ARM 4 = 7 ≥ 5: 3 + 4 + 40 = 47, and 47 − 40 = 7 says neither 3 nor 4
    expect(await total('BSEC', 2023, 'CYB_CNV')).toMatchObject({ obs_value: 47, value_display: '47', is_suppressed: false, suppression_reason: null });
  });

  it('publishes every total with threshold 0 (the small-count rule off)', async () => {
    await buildAll(store, configWith({ smallCountThreshold: 0 }));
    expect(await total('BSEC', 2023, 'TIP_CNV')).toMatchObject({ obs_value: 3 + 12, value_display: '15', is_suppressed: false, suppression_reason: null });
    expect(await total('BSEC', 2023, 'DRG_CNV')).toMatchObject({ obs_value: 100 + 200 + 300 + 1, is_suppressed: false });
    await buildAll(store);
  });

  it('gives confidentiality as the reason when a total includes a confidential value', async () => {
    expect(await total('BSEC', 2023, 'SOM_OFF')).toMatchObject({ is_suppressed: true, suppression_reason: 'confidential' });
  });

  it('with confidentialInTotals "flag", publishes flagged only a total holding confidential values of three or more states', async () => {
    await buildAll(store, configWith({ confidentialInTotals: 'flag' }));
    try {
      // BSEC smuggling 2023 = ALB 100 + GRC C 50 = 150 was published flagged, and 150 - 100 (ALB's, published) = 50,
      // GRC's confidential value: a total whose confidential part is one state's is withheld, coverage kept
      expect(await total('BSEC', 2023, 'SOM_OFF')).toMatchObject({
        states_reporting: 2, obs_value: null, value_display: null, has_confidential: true, confidential_states: 1,
        is_suppressed: true, suppression_reason: 'confidential_few_states',
      });
      // ARM 100 + GEO C 30 + TUR N 20 = 150 was published flagged: less ARM's 100 it gives 50 = 30 + 20, from which
      // Georgia, knowing its 30, learns Türkiye's 20 (and Türkiye Georgia's): fewer than three states, withheld
      expect(await total('BSEC', 2023, 'COR_OFF')).toMatchObject({
        states_reporting: 3, obs_value: null, value_display: null, has_confidential: true, confidential_states: 2,
        is_suppressed: true, suppression_reason: 'confidential_few_states',
      });
      // with AZE C 15 too: 100 + 30 + 20 + 15 = 165, less ARM's 100 it gives 65 = 30 + 20 + 15, and each of the three
      // states knowing its own is left the sum of two others: flagged
      expect(await total('BSEC', 2023, 'COR_SUS')).toMatchObject({
        obs_value: 100 + 30 + 20 + 15, value_display: '165', has_confidential: true, confidential_states: 3, is_suppressed: false, suppression_reason: null,
      });
      expect(await total('SEECP', 2023, 'COR_SUS')).toMatchObject({ obs_value: null, confidential_states: 1, suppression_reason: 'confidential_few_states' });
      // SEECP holds TUR's 20 alone (GEO and ARM are not members): withheld
      expect(await total('SEECP', 2023, 'COR_OFF')).toMatchObject({ obs_value: null, confidential_states: 1, suppression_reason: 'confidential_few_states' });
      // flagging confidential values does not publish a small count's residual: 3 + 12 stays withheld
      expect(await total('BSEC', 2023, 'TIP_CNV')).toMatchObject({ obs_value: null, suppression_reason: 'small_count_residual' });
    } finally {
      await buildAll(store);
    }
  });
});

describe('regional_change', () => {
  const change = async (group: string, year: number, indicator: string): Promise<RegionalChange> => {
    const rows = await rowsOf<RegionalChange>(store, 'regional_change', `group_code = '${group}' and time_period = ${year} and indicator = '${indicator}'`);
    expect(rows).toHaveLength(1);
    return rows[0]!;
  };

  it('compares like for like: only members with comparable values in both years, listed', async () => {
    const c = await change('BSEC', 2023, 'TIP_OFF');
    // MDA and TUR did not report 2022; ROU's 2023 is a break → ALB, ARM, AZE, BGR, GEO, SRB
    expect(c).toMatchObject({
      previous_period: 2022,
      lfl_states: ['ALB', 'ARM', 'AZE', 'BGR', 'GEO', 'SRB'],
      lfl_state_count: 6,
      previous_value: 10 + 20 + 30 + 40 + 50 + 70, // 220
      obs_value: 11 + 22 + 33 + 44 + 55 + 77, // 242
      change_abs: 242 - 220,
      members: 13,
      is_suppressed: false,
    });
    expect(c.change_pct).toBeCloseTo((100 * 22) / 220, 12); // +10 %; the raw totals (322 against 280) would say +15 %
  });

  it('has no row where no member reported both years', async () => {
    expect(await rowsOf(store, 'regional_change', "group_code = 'BSEC' and indicator = 'TIP_OFF' and time_period in (2021, 2022)")).toEqual([]);
  });

  it('leaves a state with a small count in either year out of the comparison, so the change cannot give the count away', async () => {
    // with ALB: (3 + 12) / (20 + 10) = −50 %, and ALB's "<5" would be 30 × 0.5 − 12 = 3
    expect(await change('BSEC', 2023, 'TIP_CNV')).toMatchObject({ lfl_states: ['ARM'], lfl_state_count: 1, previous_value: 10, obs_value: 12, change_pct: 20 });
  });

  it('suppresses a change over a confidential value', async () => {
    expect(await change('BSEC', 2023, 'SOM_OFF')).toMatchObject({ lfl_states: ['ALB', 'GRC'], is_suppressed: true, obs_value: null, previous_value: null, change_abs: null, change_pct: null });
    expect(await change('WB6', 2023, 'SOM_OFF')).toMatchObject({ lfl_states: ['ALB'], previous_value: 80, obs_value: 100, change_abs: 20, change_pct: 25 });
  });

  it('suppresses a change over a confidential value with confidentialInTotals "flag" too', async () => {
    // a flagged like-for-like sum runs over other states than the year's total (a state reporting one year only, a
    // break, a small count): BSEC's 2023 like-for-like smuggling would be ALB 100 + GRC C 50 = 150, and less ALB's
    // published 100 it is GRC's 50; with two states' values in it, the total less the like-for-like sum could still
    // leave one. Withheld with either setting.
    await buildAll(store, configWith({ confidentialInTotals: 'flag' }));
    try {
      expect(await change('BSEC', 2023, 'SOM_OFF')).toMatchObject({ has_confidential: true, is_suppressed: true, obs_value: null, previous_value: null, change_abs: null, change_pct: null });
      expect(await change('WB6', 2023, 'SOM_OFF')).toMatchObject({ is_suppressed: false, obs_value: 100 });
    } finally {
      await buildAll(store);
    }
  });
});
