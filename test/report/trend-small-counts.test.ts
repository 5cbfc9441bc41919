import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAnnex } from '../../src/report/pages/build-annex.js';
import { buildStatePage } from '../../src/report/pages/build-state-page.js';
import type { ReviewIndex } from '../../src/report/pages/review-index.js';
import type { Store } from '../../src/store/index.js';
import { insertObservations, loadTestReference, openTestWarehouse, tempDir, type ObservationFixture } from '../helpers/warehouse.js';
import { buildAndLoadReview, plainText } from './helpers/review-warehouse.js';

// A state's trend over 2021–2025 whose direction the counts below 5 would decide (series_trend's
// small_count_direction): Moldova's 1, 2, 3, 4, 10 published as four "<5" and 10, whose "rising" (S = 10) said the
// four rose year on year, and Türkiye's 42, "<5", 46, 47, 49, whose "stable" said the "<5" was 4 (1 to 3 give
// rising). The state page printed the direction from the true values; it now says "not given (<5)", never "too few
// years" beside five years of figures. Georgia's 9, 8, 5, 7, "<5" is falling whatever the "<5" is: it stays.

const series = (ref_area: string, values: number[]): ObservationFixture[] =>
  values.map((obs_value, i) => ({ ref_area, time_period: 2021 + i, indicator: 'TIP_VIC', obs_value }));

let store: Store;
let ix: ReviewIndex;
beforeAll(async () => {
  const reference = await loadTestReference();
  store = await openTestWarehouse(join(tempDir(), 'warehouse.duckdb'));
  await insertObservations(store, series('MDA', [1, 2, 3, 4, 10]));
  await insertObservations(store, series('TUR', [42, 4, 46, 47, 49]));
  await insertObservations(store, series('GEO', [9, 8, 5, 7, 4]));
  ({ ix } = await buildAndLoadReview(store, reference));
}, 120_000);
afterAll(() => store.close());

const trendCell = (iso3: string): string => {
  const body = String(buildStatePage(ix, ix.states.find((s) => s.iso3 === iso3)!).body);
  // the text as a reader sees it: "&lt;" is "<"
  return plainText(/<tr id="ind-TIP_VIC">[\s\S]*?<td class="trend">([\s\S]*?)<\/td>/.exec(body)?.[1]).replaceAll('&lt;', '<');
};

describe('a state trend whose direction the counts below 5 would decide', () => {
  it('reads "not given (<5)" on the state page, where it gave the direction of the true values', () => {
    expect(trendCell('MDA')).toBe('not given (<5)');
    expect(trendCell('TUR')).toBe('not given (<5)');
  });

  it('keeps a direction that holds whatever the "<5" is: Georgia falling', () => {
    expect(trendCell('GEO')).toBe('falling');
  });
});

describe('the methods annex', () => {
  it('says which trends the small-count rule withholds, where it stated the trend rule alone', () => {
    const methods = plainText(/<section class="section" id="annex-methods">([\s\S]*?)<\/section>/.exec(String(buildAnnex(ix, 'A').body))?.[1]).replaceAll('&lt;', '<');
    expect(methods).toContain('is not given a direction. Where the window holds two or more counts shown as \u201c<5\u201d, the Mann\u2013Kendall statistic, its p-value and the direction are not given: they tell how those counts are ordered, which can give them back. Beside one \u201c<5\u201d, the direction is given only where every value the count may be (1 to 4) gives the same. The state profiles print such a trend \u201cnot given (<5)\u201d. A break in series');
  });
});
