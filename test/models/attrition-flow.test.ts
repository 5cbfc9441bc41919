import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CjAttrition, Flow, FlowCorridor, FlowShare } from '../../src/schema/marts.js';
import type { Store } from '../../src/store/index.js';
import { buildAll, configWith, insertObservations, openFixtureWarehouse, rowsOf } from './helpers.js';

let store: Store;
/** [reporting state, counterpart, victims]: 19 flows of 100 down to 82, then five of 5 (order scrambled). */
const PARTNERS = ['AFG', 'BGD', 'CHN', 'COL', 'EGY', 'ETH', 'IND', 'IRN', 'IRQ', 'MAR', 'NGA', 'NPL', 'PAK', 'PHL', 'SYR', 'THA', 'TUN', 'VNM', 'YEM'];
const CORRIDORS_2023: Array<[string, string, number]> = [
  ['SRB', 'UKR', 5], ['ALB', 'UKR', 5], ['ALB', 'MDA', 5], ['SRB', 'BRA', 5], ['SRB', 'MDA', 5],
  ...PARTNERS.map((p, i): [string, string, number] => [i % 2 === 0 ? 'ALB' : 'SRB', p, 100 - i]),
];
const obs = (ref_area: string, indicator: string, obs_value: number, extra = {}) => ({ ref_area, time_period: 2022, indicator, obs_value, ...extra });

beforeAll(async () => {
  store = await openFixtureWarehouse(async (s) => {
    await insertObservations(s, [
      // corruption chains (BSEC members ALB, SRB, MKD; BIH is in SEECP only)
      obs('ALB', 'COR_OFF', 200), obs('ALB', 'COR_SUS', 100), obs('ALB', 'COR_PRS', 50), obs('ALB', 'COR_CNV', 10),
      obs('ALB', 'ML_OFF', 7), obs('ALB', 'ML_CNV', 3),
      obs('SRB', 'COR_OFF', 100), obs('SRB', 'COR_SUS', 80), obs('SRB', 'COR_PRS', 0), obs('SRB', 'COR_CNV', 0),
      obs('MKD', 'COR_OFF', 50), obs('MKD', 'COR_SUS', 10),
      obs('BIH', 'COR_OFF', 10), obs('BIH', 'COR_SUS', 10),
      obs('GRC', 'COR_OFF', 30, { conf_status: 'C' }), obs('GRC', 'COR_SUS', 30),
      // Georgia's trafficking chain of the 2025 sample: 4 prosecuted and 3 convicted are small counts ("<5")
      obs('GEO', 'TIP_OFF', 15), obs('GEO', 'TIP_SUS', 11), obs('GEO', 'TIP_PRS', 4), obs('GEO', 'TIP_CNV', 3),
      obs('ARM', 'TIP_OFF', 20), obs('ARM', 'TIP_SUS', 10), obs('ARM', 'TIP_PRS', 8), obs('ARM', 'TIP_CNV', 6),
      // victims by citizenship
      obs('ALB', 'TIP_VIC', 45),
      obs('ALB', 'TIP_VIC', 20, { counterpart_area: 'ALB' }), obs('ALB', 'TIP_VIC', 3, { counterpart_area: 'MDA' }),
      obs('ALB', 'TIP_VIC', 10, { counterpart_area: 'UKR' }), obs('ALB', 'TIP_VIC', 7, { counterpart_area: '_U' }),
      obs('SRB', 'TIP_VIC', 12, { counterpart_area: 'ALB' }), obs('SRB', 'TIP_VIC', 30, { counterpart_area: 'NGA' }),
      obs('SRB', 'TIP_VIC', 1, { counterpart_area: '_Z' }),
      // 2021: Serbia's breakdown holds a confidential row, Armenia's total is confidential: neither is published, since
      // a total less the rows shown gave the confidential row back (50 − 12 − 30 = 8), and a complete breakdown adds
      // up to the confidential total (25 + 15 = 40)
      ...[obs('SRB', 'TIP_VIC', 50), obs('SRB', 'TIP_VIC', 12, { counterpart_area: 'ALB' }), obs('SRB', 'TIP_VIC', 30, { counterpart_area: 'NGA' }),
        obs('SRB', 'TIP_VIC', 8, { counterpart_area: 'MDA', conf_status: 'C' }),
        obs('ARM', 'TIP_VIC', 40, { conf_status: 'C' }), obs('ARM', 'TIP_VIC', 25, { counterpart_area: 'ARM' }), obs('ARM', 'TIP_VIC', 15, { counterpart_area: 'UZB' })]
        .map((o) => ({ ...o, time_period: 2021 })),
      // a counterpart crossed with sex is a deeper breakdown: not a flow
      obs('SRB', 'TIP_VIC', 9, { counterpart_area: 'NGA', sex: 'F' }),
      // 2021: Georgia's 3 victims, all nationals: the total is a small count, as the national sum is
      { ...obs('GEO', 'TIP_VIC', 3), time_period: 2021 }, { ...obs('GEO', 'TIP_VIC', 3, { counterpart_area: 'GEO' }), time_period: 2021 },
      // 2023: 24 foreign corridors, five of them tied at 5 across the 20th place
      ...CORRIDORS_2023.map(([ref_area, counterpart_area, value]) => ({ ...obs(ref_area, 'TIP_VIC', value, { counterpart_area }), time_period: 2023 })),
    ]);
  });
  await buildAll(store);
});
afterAll(() => store.close());

describe('cj_attrition', () => {
  it('computes each stage ratio and leaves it null where a side is missing or the denominator is 0', async () => {
    const rows = await rowsOf<CjAttrition>(store, 'cj_attrition', "area = 'COR'");
    expect(rows.map((r) => [r.ref_area, r.offences, r.suspected, r.prosecuted, r.convicted, r.suspected_per_offence, r.prosecuted_per_suspected, r.convicted_per_prosecuted])).toEqual([
      ['ALB', 200, 100, 50, 10, 100 / 200, 50 / 100, 10 / 50], // ML_OFF / ML_CNV are not COR's chain
      ['BIH', 10, 10, null, null, 1, null, null],
      ['GRC', null, 30, null, null, null, null, null], // the confidential offences stay out
      ['MKD', 50, 10, null, null, 10 / 50, null, null],
      ['SRB', 100, 80, 0, 0, 80 / 100, 0 / 80, null], // 0 prosecuted: no conviction ratio
    ]);
  });

  it('withholds a ratio with a small count on either side, names the reason and the small counts, and leaves it out of the median', async () => {
    const rows = await rowsOf<CjAttrition>(store, 'cj_attrition', "area = 'TIP'");
    expect(rows.map((r) => [
      r.ref_area, r.small_count_stages, r.suspected_per_offence, r.prosecuted_per_suspected, r.convicted_per_prosecuted,
      r.suspected_per_offence_reason, r.prosecuted_per_suspected_reason, r.convicted_per_prosecuted_reason,
      r.median_prosecuted_per_suspected, r.median_convicted_per_prosecuted,
    ])).toEqual([
      ['ARM', [], 10 / 20, 8 / 10, 6 / 8, null, null, null, 0.8, 0.75],
      // 4 / 11 = 0.3636… and 3 / 4 = 0.75 would give away the "<5" prosecuted (4) and convicted (3)
      ['GEO', ['prosecuted', 'convicted'], 11 / 15, null, null, null, 'small_count', 'small_count', 0.8, 0.75],
    ]);
  });

  it('names why a ratio is missing: a side not published, or a zero denominator', async () => {
    const rows = await rowsOf<CjAttrition>(store, 'cj_attrition', "area = 'COR' and ref_area in ('SRB', 'MKD')");
    expect(rows.map((r) => [r.ref_area, r.suspected_per_offence_reason, r.prosecuted_per_suspected_reason, r.convicted_per_prosecuted_reason])).toEqual([
      ['MKD', null, 'no_count', 'no_count'],
      ['SRB', null, null, 'zero_denominator'],
    ]);
  });

  it('adds the median of the configured group (BSEC) to every row', async () => {
    const rows = await rowsOf<CjAttrition>(store, 'cj_attrition', "area = 'COR'");
    // every state with a corruption chain in the fixture, BIH (SEECP only) and GRC (its offences confidential) too
    expect(rows.map((r) => r.ref_area)).toEqual(['ALB', 'BIH', 'GRC', 'MKD', 'SRB']);
    for (const row of rows) {
      expect(row).toMatchObject({
        median_group: 'BSEC',
        median_suspected_per_offence: 0.5, // median of ALB 0.5, MKD 0.2, SRB 0.8 (BIH is no BSEC member)
        median_prosecuted_per_suspected: (0.5 + 0) / 2, // ALB 0.5, SRB 0
        median_convicted_per_prosecuted: 0.2, // ALB only
      });
    }
  });
});

describe('flows', () => {
  it('lists each counterpart row with its type and share of the reported rows', async () => {
    const rows = await rowsOf<Flow>(store, 'flow', "ref_area = 'ALB' and time_period = 2022");
    // reported: 20 + 3 + 10 + 7 = 40, holding one small count (MDA 3): any share gives 40 back (20 / 0.5), and
    // 40 − 20 − 10 − 7 = 3, so no share is given (complementary suppression); with threshold 0 every share is
    expect(rows.map((r) => [r.counterpart_area, r.flow_type, r.obs_value, r.share_of_reported, r.value_display])).toEqual([
      ['ALB', 'national', 20, null, '20'],
      ['MDA', 'foreign', 3, null, '<5'],
      ['UKR', 'foreign', 10, null, '10'],
      ['_U', 'unknown', 7, null, '7'],
    ]);
    expect(rows[0]!.counterpart_meaning).toBe('citizenship of the victim');
    const srb = await rowsOf<Flow>(store, 'flow', "ref_area = 'SRB' and time_period = 2022");
    // _Z and the sex × citizenship row are not flows
    expect(srb.map((r) => [r.counterpart_area, r.is_counterpart_member, r.share_of_reported])).toEqual([['ALB', true, 12 / 42], ['NGA', false, 30 / 42]]);
  });

  it('publishes no row of a breakdown holding a confidential row, or of one whose total is confidential', async () => {
    // was: Serbia's ALB 12 and NGA 30 beside its published total 50 gave its confidential MDA 8 back
    expect(await rowsOf<Flow>(store, 'flow', "ref_area in ('SRB', 'ARM') and time_period = 2021")).toEqual([]);
    // flow_share names each (is_confidential) with nothing of it, where the state had read as one that sent none
    const nothing = {
      national_value: null, foreign_value: null, unknown_value: null, reported_value: null, total_value: null,
      national_share: null, foreign_share: null, unknown_share: null, foreign_countries: null, is_confidential: true,
    };
    expect(await rowsOf<FlowShare>(store, 'flow_share', "ref_area in ('SRB', 'ARM') and time_period = 2021")).toEqual([
      { indicator: 'TIP_VIC', area: 'TIP', ref_area: 'ARM', time_period: 2021, ...nothing },
      { indicator: 'TIP_VIC', area: 'TIP', ref_area: 'SRB', time_period: 2021, ...nothing },
    ]);
  });

  it('splits national, foreign and unknown shares and sets them beside the published total', async () => {
    const rows = await rowsOf<FlowShare>(store, 'flow_share', 'time_period = 2022');
    expect(rows).toEqual([
      {
        // foreign 10 + MDA 3 = 13 and reported 40 hold a small count of 3 (13 − 10 = 3): withheld, and so every share
        indicator: 'TIP_VIC', area: 'TIP', ref_area: 'ALB', time_period: 2022, national_value: 20, foreign_value: null, unknown_value: 7,
        reported_value: null, total_value: 45, national_share: null, foreign_share: null, unknown_share: null, foreign_countries: 2,
        is_confidential: false,
      },
      {
        indicator: 'TIP_VIC', area: 'TIP', ref_area: 'SRB', time_period: 2022, national_value: 0, foreign_value: 42, unknown_value: 0,
        reported_value: 42, total_value: null, national_share: 0, foreign_share: 1, unknown_share: 0, foreign_countries: 2,
        is_confidential: false,
      },
    ]);
  });

  it('withholds a published total that is a small count, as it withholds a small sum', async () => {
    // national 3 is withheld (its small count adds up to 3 < 5); a total_value of 3 beside it gave it back
    expect(await rowsOf<FlowShare>(store, 'flow_share', 'time_period = 2021 and not is_confidential')).toMatchObject([
      { ref_area: 'GEO', national_value: null, reported_value: null, total_value: null, national_share: null },
    ]);
    await buildAll(store, configWith({ smallCountThreshold: 0 }));
    expect(await rowsOf<FlowShare>(store, 'flow_share', 'time_period = 2021 and not is_confidential')).toMatchObject([{ national_value: 3, reported_value: 3, total_value: 3, national_share: 3 / 3 }]);
    await buildAll(store);
  });

  it('ranks the foreign corridors of the region per indicator and year', async () => {
    const rows = await rowsOf<FlowCorridor>(store, 'flow_corridor', 'time_period = 2022');
    // foreign flows: 30 + 12 + 10 + 3 = 55, with one small count (MDA 3): 30 / share gives 55, and 55 − 52 = 3, so
    // no share is given
    expect(rows.map((r) => [r.corridor_rank, r.counterpart_area, r.ref_area, r.obs_value, r.share_of_foreign])).toEqual([
      [1, 'NGA', 'SRB', 30, null],
      [2, 'ALB', 'SRB', 12, null],
      [3, 'UKR', 'ALB', 10, null],
      [4, 'MDA', 'ALB', 3, null],
    ]);
  });

  it('gives every share with threshold 0 (the small-count rule off)', async () => {
    await buildAll(store, configWith({ smallCountThreshold: 0 }));
    const flows = await rowsOf<Flow>(store, 'flow', "ref_area = 'ALB' and time_period = 2022");
    expect(flows.map((r) => r.share_of_reported)).toEqual([20 / 40, 3 / 40, 10 / 40, 7 / 40]);
    expect(await rowsOf<FlowShare>(store, 'flow_share', "ref_area = 'ALB' and time_period = 2022")).toMatchObject([{ foreign_value: 13, reported_value: 40, national_share: 0.5 }]);
    const corridors = await rowsOf<FlowCorridor>(store, 'flow_corridor', 'time_period = 2022');
    expect(corridors.map((r) => r.share_of_foreign)).toEqual([30 / 55, 12 / 55, 10 / 55, 3 / 55]);
    await buildAll(store);
  });

  it('keeps 20 corridors where flows tie across the 20th place, ties ranked by counterpart then reporting state', async () => {
    const rows = await rowsOf<FlowCorridor>(store, 'flow_corridor', 'time_period = 2023');
    // foreign total: 100 + 99 + ... + 82 (19 flows: 19 × 91 = 1729) + 5 × 5 = 1754; of the five 5s, BRA→SRB is first
    expect(rows).toHaveLength(20);
    expect(rows.slice(0, 2).map((r) => [r.corridor_rank, r.counterpart_area, r.ref_area, r.obs_value, r.share_of_foreign])).toEqual([
      [1, 'AFG', 'ALB', 100, 100 / 1754],
      [2, 'BGD', 'SRB', 99, 99 / 1754],
    ]);
    expect(rows.slice(18).map((r) => [r.corridor_rank, r.counterpart_area, r.ref_area, r.obs_value, r.share_of_foreign])).toEqual([
      [19, 'YEM', 'ALB', 82, 82 / 1754],
      [20, 'BRA', 'SRB', 5, 5 / 1754],
    ]);
  });
});
