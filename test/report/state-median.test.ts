import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitRegionMap } from '../../src/report/maps/fit-region-map.js';
import { loadWorldAtlas } from '../../src/report/maps/load-world-atlas.js';
import { buildMapFigure, classesText } from '../../src/report/pages/area/map-figure.js';
import { buildStatePage } from '../../src/report/pages/build-state-page.js';
import type { ReviewIndex } from '../../src/report/pages/review-index.js';
import type { Store } from '../../src/store/index.js';
import { insertObservations, loadTestReference, openTestWarehouse, tempDir, type ObservationFixture } from '../helpers/warehouse.js';
import { buildAndLoadReview, plainText as text } from './helpers/review-warehouse.js';
import { memberNouns } from '../../src/report/pages/prose-name.js';

// what the charts and sentences call BSEC's members: 'State', 'states'
const STATES = memberNouns({ code: 'BSEC' });

// Three states, so that the middle one's rate is the regional median: Romania's victims of trafficking in persons,
// 2.0 per 100,000 between Greece's 1.0 and Bulgaria's 3.0. Its page said "above the median for none of them" of a
// state at the median in every indicator, which reads as below it.

const o = (ref_area: string, indicator: string, obs_value: number): ObservationFixture => ({ ref_area, time_period: 2025, indicator, obs_value });

let store: Store;
let ix: ReviewIndex;
beforeAll(async () => {
  const reference = await loadTestReference();
  store = await openTestWarehouse(join(tempDir(), 'warehouse.duckdb'));
  await insertObservations(store, [o('GRC', 'TIP_VIC', 100), o('GRC', 'SOM_OFF', 100), o('GRC', 'POP', 10_000_000)]);
  await insertObservations(store, [o('ROU', 'TIP_VIC', 400), o('ROU', 'SOM_OFF', 1000), o('ROU', 'POP', 20_000_000)]);
  await insertObservations(store, [o('BGR', 'TIP_VIC', 180), o('BGR', 'POP', 6_000_000)]);
  // and a fourth and fifth state with cybercrime alone, Armenia's 2.0 per 100,000 the median of 1.0, 2.0 and 3.0
  await insertObservations(store, [o('ARM', 'CYB_OFF', 56), o('ARM', 'POP', 2_800_000), o('GEO', 'CYB_OFF', 37), o('GEO', 'POP', 3_700_000)]);
  await insertObservations(store, [o('MDA', 'CYB_OFF', 75), o('MDA', 'POP', 2_500_000)]);
  ({ ix } = await buildAndLoadReview(store, reference));
}, 120_000);
afterAll(() => store.close());

const standing = (iso3: string) => /In 2025 [^.]*\./.exec(text(buildStatePage(ix, ix.states.find((s) => s.iso3 === iso3)!).body))?.[0];

describe('a state whose rate is the regional median', () => {
  it('says plainly that its rate was the median, beside those above it', () => {
    expect(standing('ROU')).toBe('In 2025 Romania was above the median for 1 of them (smuggling of migrants: offences recorded); its rate was the median for 1 indicator (trafficking in persons: victims detected).');
    expect(standing('BGR')).toBe('In 2025 Bulgaria was above the median for 1 of them (trafficking in persons: victims detected).');
    expect(standing('GRC')).toBe('In 2025 Greece was above the median for none of them.');
    expect(standing('ARM')).toBe('In 2025 Armenia was above the median for none of them; its rate was the median for that one.');
    // was: 'its rate being the median itself for 1 indicator'
    expect(standing('ROU')).not.toContain('itself');
  });
});

describe('the median of a year with no median beside it (a review of one year)', () => {
  it('is drawn as a short grey dash, which the note names, where its line of one point drew nothing', () => {
    const figure = buildStatePage(ix, ix.states.find((s) => s.iso3 === 'ROU')!).figures[0]!;
    const spec = figure.spec as { data: { values: { series: string; panel: string; rate: number | null; alone?: boolean }[] }; spec: { layer: { mark: { type: string; orient?: string } }[] } };
    expect(spec.spec.layer.map((l) => l.mark.type)).toEqual(['line', 'line', 'point', 'point']); // the dash before the state's points, which it never covers
    expect(spec.data.values.filter((v) => v.series === 'Regional median' && v.alone === true).map((v) => [v.panel, v.rate])).toEqual([
      ['Trafficking in persons: victims detected', 2],
      ['Smuggling of migrants: offences recorded', 3],
    ]);
    expect(figure.notes[0]).toBe('The dashed grey line is the median rate of the member states reporting each year (a short grey dash where a year has no median beside it to join).');
  });
});

describe('the map of three states with a rate', () => {
  it('says it is shaded in three classes, one state each, as its legend shows, never "five classes"', () => {
    const chapter = ix.chapters.find((c) => c.areas.some((a) => a.area === 'TIP'))!;
    const map = buildMapFigure(ix, chapter, fitRegionMap(loadWorldAtlas(), ix.states), { id: 'fig-4-3', number: '4.3' })!;
    expect(map.notes[0]).toMatch(/^States are shaded in 3 classes, one state each \(quantiles, fewer than five for 3 states\), the legend giving each class’s lowest and highest rate; /);
    const spec = JSON.stringify(map.spec);
    expect(spec).toContain('"domain":["1.0","2.0","3.0"]');
  });
});

describe('the classes a map note counts', () => {
  it('counts the classes the states fill', () => {
    expect(classesText([1, 2, 3, 4, 5, 6, 7], STATES)).toBe('States are shaded in five classes holding about the same number of states each (quantiles)');
    expect(classesText([2.8, 2.8, 0.81], STATES)).toBe('States are shaded in 2 quantile classes (fewer than five, as states with the same rate share one)');
    expect(classesText([3.4], STATES)).toBe('States are shaded in one class, of the one state with a rate');
  });
});
