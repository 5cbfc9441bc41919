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

// A review of 2025 from a warehouse whose files all came in long before 2025 began (returns for 2022 and 2023, the
// latest received on 20 January 2024): it said "received by 20 January 2024, before 2025 was over", true but odd.
describe('a review resting on files all received before the year began', () => {
  let before: Store;
  let earlier: ReviewIndex;
  beforeAll(async () => {
    const reference = await loadTestReference();
    before = await openTestWarehouse(join(tempDir(), 'warehouse.duckdb'));
    await insertObservations(before, [{ ref_area: 'ARM', time_period: 2022, indicator: 'TIP_VIC', obs_value: 18 }], { received_at: '2023-01-25 10:00:00' });
    await insertObservations(before, [{ ref_area: 'ARM', time_period: 2023, indicator: 'TIP_VIC', obs_value: 19 }], { received_at: '2024-01-20 10:00:00' });
    ({ ix: earlier } = await buildAndLoadReview(before, reference));
  }, 120_000);
  afterAll(() => before.close());

  it('says the files came in before the year began and when its returns are due, in the returns chapter', () => {
    const chapter = text(buildReturnsChapter(earlier, '2').body);
    expect(chapter).toContain('Every file this review rests on was received by 20 January 2024, before 2025 began; returns for 2025 are due by 31 January 2026. No return has been received yet from any member state (Albania, Armenia,');
    expect(chapter).not.toContain('was over');
    expect(chapter).not.toContain('by then, none');
  });

  it('says no member has returned data for the year in the key findings, and nothing of the year being over', () => {
    const finding = text(buildKeyFindings(earlier, {}, 'annex')[0]);
    expect(finding).toBe('None of the 13 member states has returned data for 2025: this review has no figure for 2025, and its chapters show 2022–2023 only.');
  });
});

// The same, with a return for 2025 among the files (its receipt dated in 2024, as a test's clock may date it).
describe('a review resting on files all received before the year began, one of them a return for it', () => {
  let store2: Store;
  let ix2: ReviewIndex;
  beforeAll(async () => {
    const reference = await loadTestReference();
    store2 = await openTestWarehouse(join(tempDir(), 'warehouse.duckdb'));
    await insertObservations(store2, [{ ref_area: 'ARM', time_period: 2024, indicator: 'TIP_VIC', obs_value: 19 }], { received_at: '2024-06-20 10:00:00' });
    await insertObservations(store2, [{ ref_area: 'ARM', time_period: 2025, indicator: 'TIP_VIC', obs_value: 20 }], { received_at: '2024-12-20 10:00:00' });
    ({ ix: ix2 } = await buildAndLoadReview(store2, reference));
  }, 120_000);
  afterAll(() => store2.close());

  it('says who had returned by then, in the returns chapter and the key findings, never "before 2025 was over"', () => {
    expect(text(buildReturnsChapter(ix2, '2').body)).toContain('Every file this review rests on was received by 20 December 2024, before 2025 began, with returns for it due by 31 January 2026: by then, 1 of the 13 member states had returned their data for 2025.');
    expect(text(buildKeyFindings(ix2, {}, 'annex')[0])).toMatch(/^1 of the 13 member states returned data for 2025 by 20 December 2024, before the year began \(the deadline is 31 January 2026\); no return has been received yet from Albania, /);
  });
});
