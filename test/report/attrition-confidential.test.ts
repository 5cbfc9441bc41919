import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAttritionFigure } from '../../src/report/pages/area/attrition-figure.js';
import type { ReviewIndex } from '../../src/report/pages/review-index.js';
import type { Store } from '../../src/store/index.js';
import { insertObservations, loadTestReference, openTestWarehouse, tempDir, type ObservationFixture } from '../helpers/warehouse.js';
import { buildAndLoadReview } from './helpers/review-warehouse.js';

// Georgia gave its persons suspected of trafficking in persons marked confidential (C), and Armenia every count of the
// chain: the attrition figure printed "no data" at their ratios and its data table "not reported", as if they had sent
// nothing, where the rates figure beside it says "confidential" of such a state.

const o = (ref_area: string, indicator: string, obs_value: number, extra: Partial<ObservationFixture> = {}): ObservationFixture =>
  ({ ref_area, time_period: 2025, indicator, obs_value, ...extra });
const chain = (iso3: string, values: number[], confidential: string[] = []) =>
  ['TIP_OFF', 'TIP_SUS', 'TIP_PRS', 'TIP_CNV'].map((code, i) => o(iso3, code, values[i] ?? 0, confidential.includes(code) ? { conf_status: 'C' } : {}));

let store: Store;
let ix: ReviewIndex;
beforeAll(async () => {
  const reference = await loadTestReference();
  store = await openTestWarehouse(join(tempDir(), 'warehouse.duckdb'));
  await insertObservations(store, chain('GRC', [100, 80, 50, 30]));
  await insertObservations(store, chain('ROU', [200, 150, 90, 60]));
  await insertObservations(store, chain('GEO', [60, 45, 30, 20], ['TIP_SUS']));
  await insertObservations(store, chain('ARM', [40, 30, 20, 10], ['TIP_OFF', 'TIP_SUS', 'TIP_PRS', 'TIP_CNV']));
  ({ ix } = await buildAndLoadReview(store, reference));
}, 120_000);
afterAll(() => store.close());

describe('a criminal-justice ratio resting on a count marked confidential', () => {
  it('reads "confidential" in the chart and the data table, never "no data" or "not reported"', () => {
    const chapter = ix.chapters.find((c) => c.areas.some((a) => a.area === 'TIP'))!;
    const figure = buildAttritionFigure(ix, chapter, { id: 'fig-9-4', number: '9.4' })!;
    const values = (figure.spec as { data: { values: { state: string; stage: string; note: string | null }[] } }).data.values;
    const at = (state: string, stage: string) => values.find((v) => v.state === state && v.stage === stage)?.note;
    expect(at('Georgia', 'Persons suspected per offence')).toBe('confidential');
    expect(at('Georgia', 'Prosecuted per person suspected')).toBe('confidential');
    expect(at('Georgia', 'Convicted per person prosecuted')).toBeNull(); // 20 of 30, both published: 0.67
    expect(at('Armenia', 'Convicted per person prosecuted')).toBe('confidential');
    expect(at('Albania', 'Persons suspected per offence')).toBe('no data');
    const row = (state: string, stage: string) => figure.rows.find((r) => r.state === state && r.stage === stage);
    expect(row('Georgia', 'Persons suspected per offence')).toMatchObject({ ratio: null, note: 'not published: a count marked confidential' });
    expect(row('Georgia', 'Convicted per person prosecuted')).toMatchObject({ ratio: 20 / 30, note: '' });
    expect(row('Albania', 'Persons suspected per offence')).toMatchObject({ ratio: null, note: 'not reported' });
  });

  it('names the states and ratios in a note and the text alternative, never the value', () => {
    const chapter = ix.chapters.find((c) => c.areas.some((a) => a.area === 'TIP'))!;
    const figure = buildAttritionFigure(ix, chapter, { id: 'fig-9-4', number: '9.4' })!;
    const sentence = '5 ratios are not shown because counts they divide are marked confidential, not published: Armenia (persons suspected per offence, prosecuted per person suspected and convicted per person prosecuted) and Georgia (persons suspected per offence and prosecuted per person suspected).';
    expect(figure.notes).toContain(sentence);
    expect(figure.description).toContain(sentence);
    expect(JSON.stringify(figure)).not.toMatch(/\b45\b/);
  });
});
