import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Flow, FlowCorridor, SeriesBreakdown } from '../../src/schema/marts.js';
import type { Store } from '../../src/store/index.js';
import type { ObservationFixture } from '../helpers/warehouse.js';
import { buildAll, insertObservations, openFixtureWarehouse, rowsOf } from './helpers.js';

// Where a state's return has no breakdown or counterpart row, an import (UNODC GLOTIP victims by sex and age and by
// citizenship, Eurostat offences by type) fills it; the breakdown and flow marts say which values came from one.

let store: Store;
const obs = (ref_area: string, indicator: string, obs_value: number, extra: Partial<ObservationFixture> = {}): ObservationFixture =>
  ({ ref_area, time_period: 2024, indicator, obs_value, ...extra });

beforeAll(async () => {
  store = await openFixtureWarehouse(async (s) => {
    // Romania's return: victims by form of exploitation and by citizenship (ROU, MDA), no sex breakdown
    await insertObservations(s, [
      obs('ROU', 'TIP_VIC', 60),
      obs('ROU', 'TIP_VIC', 40, { breakdown: 'SEX_EXPL' }), obs('ROU', 'TIP_VIC', 20, { breakdown: 'FORCED_LAB' }),
      obs('ROU', 'TIP_VIC', 0, { breakdown: 'ORGAN' }), obs('ROU', 'TIP_VIC', 0, { breakdown: 'OTHER' }),
      obs('ROU', 'TIP_VIC', 45, { counterpart_area: 'ROU' }), obs('ROU', 'TIP_VIC', 15, { counterpart_area: 'MDA' }),
    ]);
    // UNODC GLOTIP: Romania's victims by sex (not in the return), by form and by citizenship (the return's rows win
    // where both have one), and a citizenship the return does not give (UKR)
    await insertObservations(s, [
      obs('ROU', 'TIP_VIC', 38, { sex: 'F', source: 'UNODC' }), obs('ROU', 'TIP_VIC', 22, { sex: 'M', source: 'UNODC' }),
      obs('ROU', 'TIP_VIC', 41, { breakdown: 'SEX_EXPL', source: 'UNODC' }),
      obs('ROU', 'TIP_VIC', 44, { counterpart_area: 'ROU', source: 'UNODC' }), obs('ROU', 'TIP_VIC', 9, { counterpart_area: 'UKR', source: 'UNODC' }),
    ], { ref_area: null, reporting_year: null, source: 'UNODC' });
    // Eurostat: Serbia's corruption offences by type, where Serbia sent no return at all
    await insertObservations(s, [
      obs('SRB', 'COR_OFF', 30, { source: 'EUROSTAT' }),
      obs('SRB', 'COR_OFF', 18, { breakdown: 'BRIBERY', source: 'EUROSTAT' }),
    ], { ref_area: null, reporting_year: null, source: 'EUROSTAT' });
  });
  await buildAll(store);
});
afterAll(() => store.close());

describe('source of breakdown and flow values', () => {
  it('series_breakdown: a part from an import says so, a part of the return stays RETURN', async () => {
    const rows = await rowsOf<SeriesBreakdown>(store, 'series_breakdown', "ref_area = 'ROU'");
    expect(rows.map((r) => [r.sex, r.breakdown, r.obs_value, r.source])).toEqual([
      ['F', '_T', 38, 'UNODC'],
      ['M', '_T', 22, 'UNODC'],
      ['_T', 'FORCED_LAB', 20, 'RETURN'],
      ['_T', 'ORGAN', 0, 'RETURN'],
      ['_T', 'OTHER', 0, 'RETURN'],
      ['_T', 'SEX_EXPL', 40, 'RETURN'], // the return's 40 outranks UNODC's 41
    ]);
    const serbia = await rowsOf<SeriesBreakdown>(store, 'series_breakdown', "ref_area = 'SRB'");
    expect(serbia.map((r) => [r.indicator, r.breakdown, r.obs_value, r.source])).toEqual([['COR_OFF', 'BRIBERY', 18, 'EUROSTAT']]);
  });

  it('flow: a counterpart row from an import says so, a counterpart of the return stays RETURN', async () => {
    const rows = await rowsOf<Flow>(store, 'flow', "ref_area = 'ROU'");
    expect(rows.map((r) => [r.counterpart_area, r.obs_value, r.share_of_reported, r.source])).toEqual([
      ['MDA', 15, 15 / 69, 'RETURN'],
      ['ROU', 45, 45 / 69, 'RETURN'], // the return's 45 outranks UNODC's 44
      ['UKR', 9, 9 / 69, 'UNODC'],
    ]);
  });

  it('flow_corridor: each corridor keeps the source of its flow', async () => {
    const rows = await rowsOf<FlowCorridor>(store, 'flow_corridor', "indicator = 'TIP_VIC'");
    expect(rows.map((r) => [r.corridor_rank, r.counterpart_area, r.ref_area, r.obs_value, r.source])).toEqual([
      [1, 'MDA', 'ROU', 15, 'RETURN'],
      [2, 'UKR', 'ROU', 9, 'UNODC'],
    ]);
  });
});
