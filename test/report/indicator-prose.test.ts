import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitRegionMap } from '../../src/report/maps/fit-region-map.js';
import { loadWorldAtlas } from '../../src/report/maps/load-world-atlas.js';
import { buildBreakdownFigures } from '../../src/report/pages/area/breakdown-figures.js';
import { buildFlowsSection } from '../../src/report/pages/area/flows-section.js';
import { buildMapFigure } from '../../src/report/pages/area/map-figure.js';
import type { AreaChapter, ReviewIndex } from '../../src/report/pages/review-index.js';
import type { Store } from '../../src/store/index.js';
import { loadSampleReview } from './helpers/sample-review.js';

// The sample review's text alternatives named an indicator as a title does, mid-sentence: "Map of the region shaded
// by trafficking in persons: victims detected per 100,000 population", "Stacked bars of the shares of trafficking in
// persons: victims detected by form of exploitation", "Heatmap of trafficking in persons: victims detected in 2025".

let store: Store;
let ix: ReviewIndex;
const slot = { id: 'fig-9-1', number: '9.1' };
const chapterOf = (area: string): AreaChapter => ix.chapters.find((c) => c.areas.some((a) => a.area === area))!;

beforeAll(async () => {
  ({ store, ix } = await loadSampleReview());
}, 120_000);
afterAll(() => store?.close());

describe('a figure\u2019s text alternative names its indicator as a sentence does', () => {
  it('in the map, the breakdowns and the heatmap of victims of trafficking in persons', () => {
    const members = ix.states.map((s) => ({ iso3: s.iso3, numeric: s.numeric, name: s.name }));
    const map = buildMapFigure(ix, chapterOf('TIP'), fitRegionMap(loadWorldAtlas(), members), slot)!;
    expect(map.description).toMatch(/^Map of the region shaded by victims of trafficking in persons detected per 100,000 population in 2025\. Highest: Bulgaria \(3\.4\)/);
    const forms = buildBreakdownFigures(ix, chapterOf('TIP'), () => slot)[0]!.figure;
    expect(forms.description).toMatch(/^Stacked bars of the shares of victims of trafficking in persons detected by form of exploitation for 3 states and the region in 2025\. /);
    expect(buildFlowsSection(ix, chapterOf('TIP'), slot)!.figure.description).toMatch(/^Heatmap of victims of trafficking in persons detected in 2025 by citizenship of the victim \(rows, 13 shown\) and reporting state \(columns, 6\)\. /);
  });
});
