import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildKeyFindings } from '../../src/report/pages/build-key-findings.js';
import type { ReviewIndex } from '../../src/report/pages/review-index.js';
import type { Store } from '../../src/store/index.js';
import { insertObservations, loadTestReference, openTestWarehouse, tempDir, type ObservationFixture } from '../helpers/warehouse.js';
import { buildAndLoadReview, plainText as text } from './helpers/review-warehouse.js';

// Armenia sent every headline figure for 2025 marked confidential (C), so no regional total of a headline indicator
// can be published for 2025 (as WB6's, where North Macedonia's whole return was C). The key findings said only that
// "regional totals for 2025 cover fewer states", and nothing of the overview's missing 2025 points.

const HEADLINES = ['TIP_VIC', 'SOM_OFF', 'DRG_SEIZ_KG', 'FA_SEIZED', 'CYB_OFF', 'COR_OFF'];
const all = (ref_area: string, time_period: number, base: number, extra: Partial<ObservationFixture> = {}): ObservationFixture[] =>
  HEADLINES.map((indicator, i) => ({ ref_area, time_period, indicator, obs_value: base + 10 * i, ...extra }));

let store: Store;
let ix: ReviewIndex;
beforeAll(async () => {
  const reference = await loadTestReference();
  store = await openTestWarehouse(join(tempDir(), 'warehouse.duckdb'));
  for (const [iso3, base] of [['GRC', 100], ['ROU', 200]] as const) {
    await insertObservations(store, all(iso3, 2024, base), { received_at: '2025-01-15 00:00:00' });
    await insertObservations(store, all(iso3, 2025, base + 5), { received_at: '2026-01-15 00:00:00' });
  }
  await insertObservations(store, all('ARM', 2025, 50, { conf_status: 'C' }), { received_at: '2026-01-15 00:00:00' });
  ({ ix } = await buildAndLoadReview(store, reference));
}, 120_000);
afterAll(() => store.close());

describe('a year whose every headline total is withheld for a state\u2019s confidential figures', () => {
  it('says so once in the key findings, naming the state, never its figures', () => {
    const findings = buildKeyFindings(ix, {}, 'annex').map(text);
    expect(findings[1]).toBe('No regional total of a headline indicator can be published for 2025: each would include figures marked confidential by Armenia, so the changes below are like-for-like over the states whose figures are published.');
    expect(findings.join(' ')).not.toMatch(/\b(50|60|70|80|90|100)\b/);
  });
});
