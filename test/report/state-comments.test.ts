import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStatePage } from '../../src/report/pages/build-state-page.js';
import type { ReviewIndex } from '../../src/report/pages/review-index.js';
import type { Store } from '../../src/store/index.js';
import { insertObservations, loadTestReference, openTestWarehouse, tempDir } from '../helpers/warehouse.js';
import { buildAndLoadReview, plainText as text } from './helpers/review-warehouse.js';

// Romania's returns for 2022, 2023 and 2025 say the same of its victims of trafficking in persons, and its 2024 return
// something else. A state page listed the same comment once a year, as on Türkiye's page of a review of UNODC's
// figures, where one note of UNODC's stood nine times, 2021 down to 2012.


let store: Store;
let ix: ReviewIndex;
beforeAll(async () => {
  const reference = await loadTestReference();
  store = await openTestWarehouse(join(tempDir(), 'warehouse.duckdb'));
  for (const year of [2022, 2023, 2024, 2025]) {
    await insertObservations(store, [
      { ref_area: 'ROU', time_period: year, indicator: 'TIP_VIC', obs_value: 300 + year - 2022, comment: year === 2024 ? 'Includes victims identified by NGOs' : 'Police data only' },
    ], { ref_area: 'ROU', reporting_year: year, received_at: `${year + 1}-01-15 00:00:00` });
  }
  // Türkiye's 2025 return says the same of its convictions in three areas, and of its cybercrime offences
  const provisional = 'Provisional: court statistics for 2025 are not final yet';
  await insertObservations(store, [
    { ref_area: 'TUR', time_period: 2025, indicator: 'TIP_CNV', obs_value: 40, comment: provisional },
    { ref_area: 'TUR', time_period: 2025, indicator: 'COR_CNV', obs_value: 90, comment: provisional },
    { ref_area: 'TUR', time_period: 2025, indicator: 'ML_CNV', obs_value: 12, comment: provisional },
    { ref_area: 'TUR', time_period: 2025, indicator: 'CYB_OFF', obs_value: 5000, comment: provisional },
  ], { ref_area: 'TUR', reporting_year: 2025, received_at: '2026-01-15 00:00:00' });
  ({ ix } = await buildAndLoadReview(store, reference));
}, 120_000);
afterAll(() => store.close());

describe('the comments on a state page', () => {
  it('list a comment repeated over the years once, with its years', () => {
    const page = String(buildStatePage(ix, ix.states.find((s) => s.iso3 === 'ROU')!).body);
    const items = [...page.matchAll(/<li><span class="comment-on">([\s\S]*?)<\/li>/g)].map((m) => text(m[1]));
    expect(items).toEqual([
      'Trafficking in persons: victims detected, 2022–2023 and 2025: Police data only',
      'Trafficking in persons: victims detected, 2024: Includes victims identified by NGOs',
    ]);
  });

  it('list a comment given on several indicators in a year once, naming the indicators, those of one measure together', () => {
    const page = String(buildStatePage(ix, ix.states.find((s) => s.iso3 === 'TUR')!).body);
    const items = [...page.matchAll(/<li><span class="comment-on">([\s\S]*?)<\/li>/g)].map((m) => text(m[1]));
    expect(items).toEqual([
      'Persons convicted (corruption, money laundering and trafficking in persons); Cybercrime: offences recorded, 2025: Provisional: court statistics for 2025 are not final yet',
    ]);
  });
});
