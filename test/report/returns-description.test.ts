import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReturnsChapter } from '../../src/report/pages/build-returns-chapter.js';
import { buildStatePage } from '../../src/report/pages/build-state-page.js';
import type { ReviewIndex } from '../../src/report/pages/review-index.js';
import type { Store } from '../../src/store/index.js';
import { insertObservations, loadTestReference, openTestWarehouse, tempDir, type ObservationFixture } from '../helpers/warehouse.js';
import { buildAndLoadReview } from './helpers/review-warehouse.js';

// Figure 2.1's text alternative of a year no member returned (a review of 2025 on a warehouse whose last returns
// are for 2024) read "0 of 13 states returned data, 0 by the deadline." and, with no most complete return to name,
// two spaces before "No return from …".

const o = (ref_area: string, indicator: string, obs_value: number): ObservationFixture => ({ ref_area, time_period: 2024, indicator, obs_value });

let store: Store;
let ix: ReviewIndex;
let onTime: Store; // and Greece's and Romania's returns for 2025, both received by the deadline
let ixOnTime: ReviewIndex;
beforeAll(async () => {
  const reference = await loadTestReference();
  store = await openTestWarehouse(join(tempDir(), 'warehouse.duckdb'));
  await insertObservations(store, [o('GRC', 'TIP_VIC', 153), o('ROU', 'TIP_VIC', 344)], { received_at: '2025-01-15 00:00:00' });
  ({ ix } = await buildAndLoadReview(store, reference));
  onTime = await openTestWarehouse(join(tempDir(), 'warehouse.duckdb'));
  for (const iso3 of ['GRC', 'ROU']) await insertObservations(onTime, [{ ...o(iso3, 'TIP_VIC', 150), time_period: 2025 }], { received_at: '2026-01-15 00:00:00' });
  ({ ix: ixOnTime } = await buildAndLoadReview(onTime, reference));
}, 120_000);
afterAll(() => { store.close(); onTime.close(); });

describe('the returns figure of a year no member returned', () => {
  it('says none returned, never "0 of 13 … 0 by the deadline"', () => {
    const figure = buildReturnsChapter(ix, '2').figures[0]!;
    expect(figure.description).toBe('Bar chart of the share of catalogue series each member state reported for 2025. None of the 13 states returned data. No return from Albania, Armenia, Azerbaijan, Bulgaria, Georgia, Greece, Moldova, North Macedonia, Romania, the Russian Federation, Serbia, Türkiye and Ukraine.');
  });

  it('says "all 2 by the deadline" where every return came in time', () => {
    const figure = buildReturnsChapter(ixOnTime, '2').figures[0]!;
    expect(figure.description).toMatch(/^Bar chart of the share of catalogue series each member state reported for 2025\. 2 of 13 states returned data, all 2 by the deadline\. The most complete returns \([\d.]+%\) came from Greece and Romania\. No return from Albania, /);
  });
});

describe('the table of a state whose latest figure is a year with none before it', () => {
  it('says it has no figure for the year before, never "its latest two years, 2023 and 2024"', () => {
    const page = String(buildStatePage(ix, ix.states.find((st) => st.iso3 === 'GRC')!).body).replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
    expect(page).toContain('Greece has no figure for 2025: the columns give 2023 and 2024, its latest year with a figure (none for 2023, and so no change), its rate per 100,000 and the regional median of 2024.');
    expect(page).not.toContain('its latest two years');
  });
});
