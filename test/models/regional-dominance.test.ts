import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegionalTotal } from '../../src/schema/marts.js';
import type { Store } from '../../src/store/index.js';
import { buildAll, configWith, insertObservations, openFixtureWarehouse, rowsOf } from './helpers.js';

// confidentialInTotals "flag": the minimum number of states (confidentialMinStates) and the p % dominance rule
// (confidentialDominanceP). Every case is one indicator of 2023; ARM's 100 is published beside the confidential values.
const YEAR = 2023;
const CASES: Record<string, Record<string, [number, string]>> = {
  // two states' confidential values (GEO C 30, TUR N 20)
  COR_OFF: { ARM: [100, 'F'], GEO: [30, 'C'], TUR: [20, 'N'] },
  // three (AZE C 15 too): 30, 20, 15, the rest 15 >= 10 % of 30
  COR_SUS: { ARM: [100, 'F'], GEO: [30, 'C'], TUR: [20, 'N'], AZE: [15, 'C'] },
  // four (RUS C 25 too)
  COR_PRS: { ARM: [100, 'F'], GEO: [30, 'C'], TUR: [20, 'N'], AZE: [15, 'C'], RUS: [25, 'C'] },
  // 1000, 40, 30: the rest 30 < 10 % of 1000 = 100
  DRG_OFF: { ARM: [100, 'F'], GEO: [1000, 'C'], AZE: [40, 'C'], RUS: [30, 'C'] },
  // 500, 300, 250: the rest 250 >= 10 % of 500 = 50
  DRG_SUS: { ARM: [100, 'F'], GEO: [500, 'C'], AZE: [300, 'C'], RUS: [250, 'C'] },
  // WB6 = ALB 50 + MKD 40 + SRB 30 (the rest 30 >= 5); SEECP and BSEC add GRC 1000, BGR 20, ROU 15: 1000, 50, 40, 30,
  // 20, 15, the rest 105 >= 100. But SEECP - WB6 (and BSEC - WB6) = GRC 1000 + BGR 20 + ROU 15: the rest 15 < 100
  FA_OFF: { ALB: [50, 'C'], MKD: [40, 'C'], SRB: [30, 'C'], GRC: [1000, 'C'], BGR: [20, 'C'], ROU: [15, 'C'] },
  // WB6 = ALB 1000 + MKD 40 + SRB 30, dominated; SEECP and BSEC add GRC 500 and BGR 300: 1000, 500, 300, 40, 30, the
  // rest 370 >= 100
  FA_SUS: { ALB: [1000, 'C'], MKD: [40, 'C'], SRB: [30, 'C'], GRC: [500, 'C'], BGR: [300, 'C'] },
  // WB6 as in FA_SUS, GRC's 500 published: SEECP and BSEC less GRC's 500 are WB6's confidential part again
  FA_PRS: { ALB: [1000, 'C'], MKD: [40, 'C'], SRB: [30, 'C'], GRC: [500, 'F'] },
};

let store: Store;
beforeAll(async () => {
  store = await openFixtureWarehouse(async (s) => {
    await insertObservations(s, Object.entries(CASES).flatMap(([indicator, values]) =>
      Object.entries(values).map(([ref_area, [obs_value, conf_status]]) => ({ ref_area, time_period: YEAR, indicator, obs_value, conf_status }))));
  });
});
afterAll(() => store.close());

const totalsOf = (indicator: string): Promise<RegionalTotal[]> =>
  rowsOf<RegionalTotal>(store, 'regional_total', `time_period = ${YEAR} and indicator = '${indicator}'`);
const bsec = async (indicator: string) => {
  const t = (await totalsOf(indicator)).find((r) => r.group_code === 'BSEC')!;
  return [t.obs_value, t.confidential_states, t.suppression_reason];
};
const outcome = async (indicator: string) =>
  Object.fromEntries((await totalsOf(indicator)).map((t) => [t.group_code, t.suppression_reason ?? t.value_display]));

describe('confidentialMinStates', () => {
  it('by default (3), withholds a total of two states\' confidential values and flags one of three', async () => {
    await buildAll(store, configWith({ confidentialInTotals: 'flag' }));
    expect(await bsec('COR_OFF')).toEqual([null, 2, 'confidential_few_states']);
    expect(await bsec('COR_SUS')).toEqual([100 + 30 + 20 + 15, 3, null]);
    expect(await bsec('COR_PRS')).toEqual([100 + 30 + 20 + 15 + 25, 4, null]);
  });

  it('with 4, withholds a total of three states\' confidential values with the reason two states\' get by default', async () => {
    await buildAll(store, configWith({ confidentialInTotals: 'flag', confidentialMinStates: 4 }));
    expect(await bsec('COR_OFF')).toEqual([null, 2, 'confidential_few_states']);
    expect(await bsec('COR_SUS')).toEqual([null, 3, 'confidential_few_states']);
    expect(await bsec('COR_PRS')).toEqual([190, 4, null]);
  });

  it('with 2, flags a total of two states\' confidential values unless one dwarfs the other (the p % rule: the rest is 0)', async () => {
    await buildAll(store, configWith({ confidentialInTotals: 'flag', confidentialMinStates: 2 }));
    // 30 and 20: nothing besides the two largest, 0 < 10 % of 30: each of the two would learn the other's
    expect(await bsec('COR_OFF')).toEqual([null, 2, 'confidential_dominant']);
    // SEECP holds TUR's 20 alone: one state stays too few whatever the setting
    expect((await totalsOf('COR_OFF')).find((t) => t.group_code === 'SEECP')).toMatchObject({ obs_value: null, confidential_states: 1, suppression_reason: 'confidential_few_states' });
  });

  it('is ignored under "suppress": every total with a confidential value is withheld as confidential', async () => {
    await buildAll(store, configWith({ confidentialMinStates: 4, confidentialDominanceP: 50 }));
    expect(await bsec('COR_PRS')).toEqual([null, 4, 'confidential']);
    expect(await bsec('DRG_SUS')).toEqual([null, 3, 'confidential']);
  });
});

describe('confidentialDominanceP: the p % rule', () => {
  it('withholds a total whose largest confidential value dwarfs the others (1000, 40, 30: 30 < 10 % × 1000 = 100)', async () => {
    await buildAll(store, configWith({ confidentialInTotals: 'flag' }));
    // BSEC = ARM 100 + GEO 1000 + AZE 40 + RUS 30 = 1170; less ARM's 100 it is 1070, and Azerbaijan, knowing its 40,
    // puts Georgia's at 1030, 3 % off
    expect(await bsec('DRG_OFF')).toEqual([null, 3, 'confidential_dominant']);
    expect((await totalsOf('DRG_OFF')).find((t) => t.group_code === 'BSEC')).toMatchObject({
      has_confidential: true, is_suppressed: true, value_display: null, states_reporting: 4,
    });
    // 500, 300, 250: 250 >= 10 % × 500 = 50, flagged
    expect(await bsec('DRG_SUS')).toEqual([100 + 500 + 300 + 250, 3, null]);
  });

  it('takes p from the config: 500, 300, 250 is withheld with 60 (250 < 300) and flagged with 50 (250 = 250 is not less)', async () => {
    await buildAll(store, configWith({ confidentialInTotals: 'flag', confidentialDominanceP: 60 }));
    expect(await bsec('DRG_SUS')).toEqual([null, 3, 'confidential_dominant']);
    await buildAll(store, configWith({ confidentialInTotals: 'flag', confidentialDominanceP: 50 }));
    expect(await bsec('DRG_SUS')).toEqual([1150, 3, null]);
    // with 2, 1000, 40, 30 passes too (30 >= 20)
    await buildAll(store, configWith({ confidentialInTotals: 'flag', confidentialDominanceP: 2 }));
    expect(await bsec('DRG_OFF')).toEqual([1170, 3, null]);
  });

  it('withholds a total whose combination with another group\'s leaves a dominant value (SEECP - WB6 = GRC 1000 + BGR 20 + ROU 15)', async () => {
    await buildAll(store, configWith({ confidentialInTotals: 'flag' }));
    // each total passes alone, and SEECP - WB6 leaves three states' values, which the minimum-frequency rule let
    // through: 1155 - 120 = 1035, and Bulgaria, knowing its 20, puts Greece's at 1015, 1.5 % off. Withholding WB6
    // (fewer members than SEECP; BSEC is the review group's) breaks SEECP - WB6 and BSEC - WB6
    expect(await outcome('FA_OFF')).toEqual({ BSEC: '1155', SEECP: '1155', WB6: 'confidential_linked' });
    // with p 1, 15 >= 10: nothing is withheld
    await buildAll(store, configWith({ confidentialInTotals: 'flag', confidentialDominanceP: 1 }));
    expect(await outcome('FA_OFF')).toEqual({ BSEC: '1155', SEECP: '1155', WB6: '120' });
  });

  it('leaves a dominance-withheld total out of every combination, as a total of too few states is', async () => {
    await buildAll(store, configWith({ confidentialInTotals: 'flag' }));
    // WB6 (1000, 40, 30) is withheld; SEECP and BSEC (1000, 500, 300, 40, 30: the rest 370 >= 100) are published, and
    // with WB6 withheld, SEECP - WB6 (GRC 500 + BGR 300, two states) cannot be formed: nothing else is withheld
    expect(await outcome('FA_SUS')).toEqual({ BSEC: '1870', SEECP: '1870', WB6: 'confidential_dominant' });
    // with GRC's 500 published, SEECP and BSEC less it are WB6's confidential part, 1000, 40, 30: withheld as WB6 is
    expect(await outcome('FA_PRS')).toEqual({ BSEC: 'confidential_dominant', SEECP: 'confidential_dominant', WB6: 'confidential_dominant' });
  });
});
