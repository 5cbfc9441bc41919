import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildKeyFindings } from '../../src/report/pages/build-key-findings.js';
import { buildReturnsChapter } from '../../src/report/pages/build-returns-chapter.js';
import type { ReviewIndex } from '../../src/report/pages/review-index.js';
import type { Store } from '../../src/store/index.js';
import { insertObservations, loadTestReference, openTestWarehouse, tempDir } from '../helpers/warehouse.js';
import { buildAndLoadReview, plainText as text } from './helpers/review-warehouse.js';

// A review of 2025 from a warehouse whose latest file came in on 20 November 2025 (Armenia's return sent early, the
// year not over): it said "By the deadline of 31 January 2026, 1 of the 13 members had returned their data" and "No
// return was received from" the twelve others, whose deadline was still months away.


let store: Store;
let ix: ReviewIndex;
beforeAll(async () => {
  const reference = await loadTestReference();
  store = await openTestWarehouse(join(tempDir(), 'warehouse.duckdb'));
  await insertObservations(store, [{ ref_area: 'ARM', time_period: 2025, indicator: 'TIP_VIC', obs_value: 20 }], { received_at: '2025-11-20 10:00:00' });
  await insertObservations(store, [{ ref_area: 'ARM', time_period: 2024, indicator: 'TIP_VIC', obs_value: 19 }], { received_at: '2025-01-20 10:00:00' });
  ({ ix } = await buildAndLoadReview(store, reference));
}, 120_000);
afterAll(() => store.close());

describe('a review resting on files all received before the year was over', () => {
  it('says when the files came in and that the deadline had not come, in the returns chapter', () => {
    const chapter = text(buildReturnsChapter(ix, '2').body);
    expect(chapter).toContain('Every file this review rests on was received by 20 November 2025, before 2025 was over and the deadline of 31 January 2026 had come: by then, 1 of the 13 member states had returned their data for 2025.');
    expect(chapter).toContain('No return has been received yet from Albania, Azerbaijan,');
    expect(chapter).not.toContain('By the deadline');
  });

  it('says so in the key findings', () => {
    expect(text(buildKeyFindings(ix, {}, 'annex')[0])).toMatch(/^1 of the 13 member states returned data for 2025 by 20 November 2025, before the year was over \(the deadline is 31 January 2026\); no return has been received yet from Albania, /);
  });
});
