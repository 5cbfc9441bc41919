import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderFigure } from '../../src/report/figures/render-figure.js';
import { buildBreakdownFigures } from '../../src/report/pages/area/breakdown-figures.js';
import { buildFlowsSection } from '../../src/report/pages/area/flows-section.js';
import type { AreaChapter, ReviewIndex } from '../../src/report/pages/review-index.js';
import type { Store } from '../../src/store/index.js';
import { insertObservations, loadTestReference, openTestWarehouse, tempDir, type ObservationFixture } from '../helpers/warehouse.js';
import { buildAndLoadReview } from './helpers/review-warehouse.js';

// Breakdown and flow figures on a warehouse file where UNODC filled what Georgia's return left out (victims by sex
// and age, one citizenship): their source lines name the import and their data tables mark each imported cell, as
// the trend, rates and map figures do.

let store: Store;
let ix: ReviewIndex;
const slot = (n: number) => ({ id: `fig-9-${n}`, number: `9.${n}` });
const chapterOf = (area: string): AreaChapter => ix.chapters.find((c) => c.areas.some((a) => a.area === area))!;
const o = (ref_area: string, indicator: string, obs_value: number, extra: Partial<ObservationFixture> = {}): ObservationFixture =>
  ({ ref_area, time_period: 2025, indicator, obs_value, ...extra });

beforeAll(async () => {
  const reference = await loadTestReference();
  store = await openTestWarehouse(join(tempDir(), 'warehouse.duckdb'));
  // Georgia's return: victims by form of exploitation and by citizenship (GEO, ARM), no sex × age breakdown
  await insertObservations(store, [
    o('GEO', 'TIP_VIC', 230),
    o('GEO', 'TIP_VIC', 120, { breakdown: 'SEX_EXPL' }), o('GEO', 'TIP_VIC', 110, { breakdown: 'FORCED_LAB' }),
    o('GEO', 'TIP_VIC', 0, { breakdown: 'ORGAN' }), o('GEO', 'TIP_VIC', 0, { breakdown: 'OTHER' }),
    o('GEO', 'TIP_VIC', 100, { counterpart_area: 'GEO' }), o('GEO', 'TIP_VIC', 30, { counterpart_area: 'ARM' }),
  ]);
  // Türkiye's return has every breakdown itself
  await insertObservations(store, [
    o('TUR', 'TIP_VIC', 400),
    o('TUR', 'TIP_VIC', 300, { breakdown: 'SEX_EXPL' }), o('TUR', 'TIP_VIC', 100, { breakdown: 'FORCED_LAB' }),
    o('TUR', 'TIP_VIC', 0, { breakdown: 'ORGAN' }), o('TUR', 'TIP_VIC', 0, { breakdown: 'OTHER' }),
    o('TUR', 'TIP_VIC', 200, { sex: 'F', age: 'Y_GE18' }), o('TUR', 'TIP_VIC', 100, { sex: 'F', age: 'Y_LT18' }),
    o('TUR', 'TIP_VIC', 60, { sex: 'M', age: 'Y_GE18' }), o('TUR', 'TIP_VIC', 40, { sex: 'M', age: 'Y_LT18' }),
    o('TUR', 'TIP_VIC', 175, { counterpart_area: 'UZB' }), o('TUR', 'TIP_VIC', 100, { counterpart_area: 'TUR' }),
  ]);
  // UNODC GLOTIP: Georgia's victims by sex and age, and by citizenship (GEO, which the return's 100 outranks, and UZB)
  await insertObservations(store, [
    o('GEO', 'TIP_VIC', 100, { sex: 'F', age: 'Y_GE18' }), o('GEO', 'TIP_VIC', 50, { sex: 'F', age: 'Y_LT18' }),
    o('GEO', 'TIP_VIC', 60, { sex: 'M', age: 'Y_GE18' }), o('GEO', 'TIP_VIC', 20, { sex: 'M', age: 'Y_LT18' }),
    o('GEO', 'TIP_VIC', 95, { counterpart_area: 'GEO' }), o('GEO', 'TIP_VIC', 50, { counterpart_area: 'UZB' }),
  ].map((r) => ({ ...r, source: 'UNODC' as const })), { ref_area: null, reporting_year: null, source: 'UNODC' });
  ({ ix } = await buildAndLoadReview(store, reference));
}, 120_000);
afterAll(() => store.close());

describe('imported values in breakdown figures', () => {
  it('names UNODC in the source line and marks each imported cell, the region sum of one included', () => {
    const figures = buildBreakdownFigures(ix, chapterOf('TIP'), () => slot(5)).map((b) => b.figure);
    const bySexAge = figures.find((f) => f.title === 'Trafficking in persons: victims detected by sex and age group, 2025')!;
    expect(bySexAge.source).toBe('Member-state returns; UNODC data where a state sent no figure (breakdowns as reported; states that gave none are not shown).');
    expect(bySexAge.columns.at(-1)).toEqual({ field: 'source', title: 'Imported from', format: 'text', omitWhenEmpty: true });
    const women = bySexAge.rows.filter((r) => r.part === 'Women').map((r) => [r.state, r.value, r.source]);
    expect(women).toEqual([
      ['Region (2 states shown)', 300, 'UNODC'],
      ['Georgia', 100, 'UNODC'],
      ['Türkiye', 200, ''],
    ]);
    expect(String(renderFigure(bySexAge, ''))).toContain('<span class="figure-meta">Source:</span> Member-state returns; UNODC data where a state sent no figure (breakdowns');
  });

  it('says "Member-state returns" alone and marks nothing where every part came from a return', () => {
    const figures = buildBreakdownFigures(ix, chapterOf('TIP'), () => slot(5)).map((b) => b.figure);
    const byForm = figures.find((f) => f.title.includes('by form of exploitation'))!;
    expect(byForm.source).toBe('Member-state returns (breakdowns as reported; states that gave none are not shown).');
    expect(byForm.rows.every((r) => r.source === '')).toBe(true);
  });
});

describe('imported values in flow figures', () => {
  it('names UNODC in the heatmap source line and marks the imported cell and corridor', () => {
    const flows = buildFlowsSection(ix, chapterOf('TIP'), slot(6))!;
    expect(flows.figure.source).toBe('Member-state returns; UNODC data where a state sent no figure (TIP_VIC by COUNTERPART_AREA: citizenship of the victim).');
    expect(flows.figure.rows.map((r) => [r.origin, r.destination, r.value, r.source])).toEqual([
      ['Uzbekistan', 'Georgia', 50, 'UNODC'],
      ['Uzbekistan', 'Türkiye', 175, ''],
      ['Georgia', 'Georgia', 100, ''], // the return's 100, not UNODC's 95
      ['Türkiye', 'Türkiye', 100, ''],
      ['Armenia', 'Georgia', 30, ''],
    ]);
    expect(flows.corridors.map((c) => [c.originName, c.iso3, c.value, flows.imported(c)])).toEqual([
      ['Uzbekistan', 'TUR', 175, ''],
      ['Uzbekistan', 'GEO', 50, 'UNODC'],
      ['Armenia', 'GEO', 30, ''],
    ]);
    const markup = String(renderFigure(flows.figure, ''));
    expect(markup).toContain('<tr><th scope="row" class="">Uzbekistan</th><td class="">Georgia</td><td class="num">50</td><td class="">UNODC</td></tr>');
  });
});
