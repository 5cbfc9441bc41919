import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitRegionMap } from '../../src/report/maps/fit-region-map.js';
import { loadWorldAtlas } from '../../src/report/maps/load-world-atlas.js';
import { buildAreaChapter } from '../../src/report/pages/build-area-chapter.js';
import type { ReviewIndex } from '../../src/report/pages/review-index.js';
import type { Store } from '../../src/store/index.js';
import { insertObservations, loadTestReference, openTestWarehouse, tempDir, type ObservationFixture } from '../helpers/warehouse.js';
import { buildAndLoadReview, plainText as text } from './helpers/review-warehouse.js';

// Greece and Romania gave their victims of trafficking in persons for 2025, and no population (a warehouse of UNODC's
// published figures, no World Bank population imported). The chapter said "No member state reported figures that
// can be related to population for 2025" of two states that had reported figures.

/** The text of a chapter's section "Rates by state", its heading left out. */
const ratesSection = (body: unknown, number: string) =>
  text(new RegExp(`<section class="section" id="ch-${number}-rates">[\\s\\S]*?</h3>([\\s\\S]*?)</section>`).exec(String(body))?.[1]);
const o = (ref_area: string, indicator: string, obs_value: number): ObservationFixture => ({ ref_area, time_period: 2025, indicator, obs_value });

let store: Store;
let ix: ReviewIndex;
beforeAll(async () => {
  const reference = await loadTestReference();
  store = await openTestWarehouse(join(tempDir(), 'warehouse.duckdb'));
  await insertObservations(store, [o('GRC', 'TIP_VIC', 153), o('GRC', 'SOM_OFF', 120), o('GRC', 'CYB_SUS', 40)]);
  await insertObservations(store, [o('ROU', 'TIP_VIC', 344)]);
  ({ ix } = await buildAndLoadReview(store, reference));
}, 120_000);
afterAll(() => store.close());

describe('a chapter whose states gave figures but no population', () => {
  it('names them and says why there is no rate, never that no state reported', () => {
    const chapter = ix.chapters.find((c) => c.areas.some((a) => a.area === 'TIP'))!;
    const body = ratesSection(buildAreaChapter(ix, chapter, '4', fitRegionMap(loadWorldAtlas(), ix.states)).body, '4');
    expect(body).toBe('No rate per 100,000 can be given for 2025: no population for 2025 was reported or imported for Greece and Romania, so their figures have nothing to be related to (chapter 8 gives them as counts).');
  });

  it('keeps the old sentence where no state has a figure to relate (Greece gave persons suspected of cybercrime alone)', () => {
    const chapter = ix.chapters.find((c) => c.areas.some((a) => a.area === 'CYB'))!;
    const body = ratesSection(buildAreaChapter(ix, chapter, '6', fitRegionMap(loadWorldAtlas(), ix.states)).body, '6');
    expect(body).toBe('No member state reported figures that can be related to population for 2025.');
  });
});
