import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitRegionMap } from '../../src/report/maps/fit-region-map.js';
import { loadWorldAtlas } from '../../src/report/maps/load-world-atlas.js';
import { buildMapFigure } from '../../src/report/pages/area/map-figure.js';
import { buildRatesFigure } from '../../src/report/pages/area/rates-figure.js';
import { buildStatePage } from '../../src/report/pages/build-state-page.js';
import type { ReviewIndex } from '../../src/report/pages/review-index.js';
import type { Store } from '../../src/store/index.js';
import { insertObservations, loadTestReference, openTestWarehouse, tempDir, type ObservationFixture } from '../helpers/warehouse.js';
import { buildAndLoadReview, bsecMembers, plainText as text } from './helpers/review-warehouse.js';

// Greece gave 153 victims with its population; Armenia gave 3, a count below 5 published as "<5"; Georgia gave 58,
// marked confidential (C). The rates figure's text said "12 states gave no figure" and the map "No figure: Armenia,
// …, Georgia, …", hatched "no data", of two states that did give one: a withheld figure and a small count are not
// figures that were never reported.

const o = (ref_area: string, indicator: string, obs_value: number, extra: Partial<ObservationFixture> = {}): ObservationFixture =>
  ({ ref_area, time_period: 2025, indicator, obs_value, ...extra });

let store: Store;
let ix: ReviewIndex;
let members: { iso3: string; numeric: string; name: string }[];
beforeAll(async () => {
  const reference = await loadTestReference();
  store = await openTestWarehouse(join(tempDir(), 'warehouse.duckdb'));
  await insertObservations(store, [o('GRC', 'TIP_VIC', 153), o('GRC', 'POP', 10_200_000)]);
  await insertObservations(store, [o('ARM', 'TIP_VIC', 3), o('ARM', 'POP', 2_800_000)]);
  await insertObservations(store, [o('GEO', 'TIP_VIC', 58, { conf_status: 'C' }), o('GEO', 'POP', 3_700_000), o('GEO', 'TIP_OFF', 20)]);
  await insertObservations(store, [{ ...o('GEO', 'TIP_VIC', 44), time_period: 2024 }, { ...o('GEO', 'TIP_OFF', 18), time_period: 2024 }], { received_at: '2025-01-15 00:00:00' });
  // and Greece's, so that 2024 is a year of the review (one state's figures alone make a thin year, left out)
  await insertObservations(store, [{ ...o('GRC', 'TIP_VIC', 150), time_period: 2024 }], { received_at: '2025-01-15 00:00:00' });
  ({ ix } = await buildAndLoadReview(store, reference));
  members = bsecMembers(reference);
}, 120_000);
afterAll(() => store.close());

describe('a member whose figure is confidential or a count below 5', () => {
  it('is not counted among the states that gave no figure in the rates figure, and its value stays out', () => {
    const chapter = ix.chapters.find((c) => c.areas.some((a) => a.area === 'TIP'))!;
    const rates = buildRatesFigure(ix, chapter, { id: 'fig-9-2', number: '9.2' })!;
    expect(rates.description).toContain('Victims of trafficking in persons detected: only Greece has a figure (1.5), so the regional median is its rate. 10 states gave no figure. Armenia gave a count below 5 (shown as \u201c<5\u201d), whose rate is not published. Georgia gave a figure marked confidential, not published.');
    expect(rates.description).not.toContain('58');
    const row = (state: string) => rates.rows.find((r) => r.state === state && r.panel === 'Trafficking in persons: victims detected');
    expect(row('Georgia')).toMatchObject({ rate: null, note: 'confidential' });
    expect(row('Armenia')).toMatchObject({ rate: null, note: '<5' });
    expect(row('Albania')).toMatchObject({ rate: null, note: '' });
    // the chart prints the same at the state's axis, where it printed "no data"
    const values = (rates.spec as { data: { values: { state: string; panel: string; gap: string }[] } }).data.values.filter((v) => v.panel === 'Trafficking in persons: victims detected');
    expect(Object.fromEntries(values.filter((v) => ['Georgia', 'Armenia', 'Albania', 'Greece'].includes(v.state)).map((v) => [v.state, v.gap])))
      .toEqual({ Albania: 'no data', Armenia: '<5', Georgia: 'confidential', Greece: '' });
    expect(JSON.stringify(rates.spec)).not.toContain('"text":{"value":"no data"}');
  });

  it('is said to have no rate shown, and why, in the map, its table giving the small count as "<5"', () => {
    const chapter = ix.chapters.find((c) => c.areas.some((a) => a.area === 'TIP'))!;
    const map = buildMapFigure(ix, chapter, fitRegionMap(loadWorldAtlas(), members), { id: 'fig-9-3', number: '9.3' })!;
    expect(map.description).toMatch(/ No figure: Albania, Azerbaijan, Bulgaria, .*, Türkiye and Ukraine\. No rate, the count below 5 \(shown as “<5”\): Armenia\. No rate, the figure marked confidential: Georgia\.$/);
    expect(map.description).not.toMatch(/No figure: [^.]*(Armenia|Georgia)/);
    expect(map.rows.find((r) => r.iso3 === 'ARM')).toMatchObject({ value: '<5', rate: null, note: '<5' });
    expect(map.rows.find((r) => r.iso3 === 'GEO')).toMatchObject({ value: null, rate: null, note: 'confidential' });
    expect(text(map.notes[0])).toContain('members without a rate are hatched (\u201cno rate shown\u201d): no figure from Albania, ');
    expect(text(map.notes[0])).toContain(', a count below 5 from Armenia, whose rate is not published and a figure marked confidential from Georgia, not published, and countries outside the group are grey.');
    const spec = JSON.stringify(map.spec);
    expect(spec).toContain('"domain":["no rate shown"]');
    expect(spec).toContain('"iso3":"GEO","name":"Georgia","rate":null,"value":null,"printed":"\u2013","class":null,"status":"confidential"');
    expect(spec).toContain('"iso3":"ARM","name":"Armenia","rate":null,"value":null,"printed":"\u2013","class":null,"status":"<5"');
    expect(`${map.description} ${JSON.stringify(map.rows)} ${map.notes.join(' ')}`).not.toContain('58');
  });
});

describe('a state profile whose figure for a year is confidential', () => {
  // Georgia gave 44 victims for 2024 and 58, marked C, for 2025: its profile printed "–" (no figure) for 2025 and,
  // as Azerbaijan's sample profile does for its C figure of 2024, a trend of "no figure since 2024"
  it('prints "c" in that year\'s cell, says what it means under the table, and counts the year as one with a figure', () => {
    const page = String(buildStatePage(ix, ix.states.find((s) => s.iso3 === 'GEO')!).body);
    const start = page.indexOf('<tr id="ind-TIP_VIC">');
    const row = page.slice(start, page.indexOf('</tr>', start));
    expect(row).toContain('<td class="num">44</td><td class="num"><abbr class="withheld" title="confidential: a figure was given, not published">c</abbr></td>');
    expect(text(row)).not.toContain('no figure since');
    expect(text(page)).toContain('\u201cc\u201d: a figure the state gave but marked confidential (C, N or Q), not published (see the annex); its change and rate are not given either.');
    expect(text(page)).not.toContain('58');
    // a page without such a cell has no such note
    expect(text(String(buildStatePage(ix, ix.states.find((s) => s.iso3 === 'GRC')!).body))).not.toContain('\u201cc\u201d:');
  });
});
