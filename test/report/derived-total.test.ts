import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitRegionMap } from '../../src/report/maps/fit-region-map.js';
import { loadWorldAtlas } from '../../src/report/maps/load-world-atlas.js';
import { buildMapFigure } from '../../src/report/pages/area/map-figure.js';
import { buildRatesFigure } from '../../src/report/pages/area/rates-figure.js';
import { buildAnnex } from '../../src/report/pages/build-annex.js';
import { buildStatePage } from '../../src/report/pages/build-state-page.js';
import type { ReviewIndex } from '../../src/report/pages/review-index.js';
import type { Store } from '../../src/store/index.js';
import { insertObservations, loadTestReference, openTestWarehouse, tempDir, type ObservationFixture } from '../helpers/warehouse.js';
import { buildAndLoadReview, bsecMembers, plainText as text } from './helpers/review-warehouse.js';

// North Macedonia's 2025 return gives victims by sex only, no total: the review publishes 150 (100 women + 50 men) as
// its total, in the regional total too, and must say the state did not report it.

const o = (time_period: number, obs_value: number, extra: Partial<ObservationFixture> = {}): ObservationFixture =>
  ({ ref_area: 'MKD', time_period, indicator: 'TIP_VIC', obs_value, ...extra });

let store: Store;
let ix: ReviewIndex;
let members: { iso3: string; numeric: string; name: string }[];
beforeAll(async () => {
  const reference = await loadTestReference();
  store = await openTestWarehouse(join(tempDir(), 'warehouse.duckdb'));
  await insertObservations(store, [o(2024, 140), o(2024, 90, { sex: 'F' }), o(2024, 50, { sex: 'M' })]);
  await insertObservations(store, [o(2025, 100, { sex: 'F' }), o(2025, 50, { sex: 'M' })]);
  await insertObservations(store, [{ ref_area: 'GRC', time_period: 2025, indicator: 'TIP_VIC', obs_value: 153 }, { ref_area: 'GRC', time_period: 2025, indicator: 'POP', obs_value: 10_200_000 }]);
  ({ ix } = await buildAndLoadReview(store, reference));
  members = bsecMembers(reference);
}, 120_000);
afterAll(() => store.close());

describe('a total the return did not give, summed from its breakdown', () => {
  it('is the sum of the parts, in the regional total too', () => {
    expect(ix.total('MKD', 'TIP_VIC', 2025)?.value).toBe(150);
    expect(ix.model.regional.find((r) => r.indicator === 'TIP_VIC' && r.year === 2025)?.total).toBe(303);
  });

  it('is marked Σ in the state profile, the table note saying what it is', () => {
    const page = String(buildStatePage(ix, ix.states.find((s) => s.iso3 === 'MKD')!).body);
    expect(page).toContain('150<sup class="flag" title="the sum of the return\u2019s breakdown by sex: it gave no total">\u03a3</sup>');
    expect(page).not.toContain('140<sup');
    expect(text(page)).toContain('\u03a3: the return gave no total for 1 value of these columns; each is the sum of its complete breakdown by sex (see the annex).');
    expect(String(buildStatePage(ix, ix.states.find((s) => s.iso3 === 'GRC')!).body)).not.toContain('\u03a3');
  });

  it('is named in the methods annex', () => {
    expect(text(buildAnnex(ix, 'A').body)).toContain('Totals not reported: where a return gave a complete breakdown of an indicator (by sex, by age or by category) but no total, the total used is the sum of the breakdown, marked \u03a3 in the state profile: 1 total of North Macedonia (2025).');
  });
});

describe('a figure without a population to relate it to', () => {
  // North Macedonia gave its 150 victims (summed from its parts) but no population: its rate is missing, its figure
  // is not; the map and the rates figure said "No figure: … North Macedonia" beside a data table giving 150
  it('is said to have no rate, not no figure, in the rates figure and the map', () => {
    const chapter = ix.chapters.find((c) => c.areas.some((a) => a.area === 'TIP'))!;
    const rates = buildRatesFigure(ix, chapter, { id: 'fig-9-2', number: '9.2' })!;
    expect(rates.description).toContain('Victims of trafficking in persons detected: only Greece has a figure (1.5), so the regional median is its rate. 11 states gave no figure. North Macedonia gave a figure but no population to relate it to: no rate.');
    const map = buildMapFigure(ix, chapter, fitRegionMap(loadWorldAtlas(), members), { id: 'fig-9-3', number: '9.3' })!;
    expect(map.description).toMatch(/ No figure: Albania, .*, Türkiye and Ukraine\. No rate, the figure given without a population to relate it to: North Macedonia\.$/);
    expect(map.description).not.toMatch(/No figure: [^.]*North Macedonia/);
  });
});
