import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildKeyFindings } from '../../src/report/pages/build-key-findings.js';
import { buildReturnsChapter } from '../../src/report/pages/build-returns-chapter.js';
import { buildStatePage } from '../../src/report/pages/build-state-page.js';
import type { ReviewIndex } from '../../src/report/pages/review-index.js';
import type { Store } from '../../src/store/index.js';
import { insertObservations, loadTestReference, openTestWarehouse, tempDir, type ObservationFixture } from '../helpers/warehouse.js';
import { buildAndLoadReview, plainText as text } from './helpers/review-warehouse.js';

// A state that sent no return for the year but whose figures UNODC published: the regional totals add its imported
// figures up, so the returns chapter and the key findings must not say its figures are missing from them (or, with
// no return at all, that the review has no figure for the year).

const o = (ref_area: string, time_period: number, indicator: string, obs_value: number): ObservationFixture => ({ ref_area, time_period, indicator, obs_value });
const unodc = (rows: ObservationFixture[]) => rows.map((r) => ({ ...r, source: 'UNODC' as const }));

describe('a state with no return but UNODC figures for the year', () => {
  let store: Store;
  let ix: ReviewIndex;
  beforeAll(async () => {
    const reference = await loadTestReference();
    store = await openTestWarehouse(join(tempDir(), 'warehouse.duckdb'));
    for (const year of [2024, 2025]) await insertObservations(store, [o('GRC', year, 'TIP_VIC', 140 + year - 2024), o('GRC', year, 'FA_SEIZED', 900)]);
    await insertObservations(store, unodc([o('ROU', 2025, 'TIP_VIC', 1011), o('ROU', 2025, 'FA_SEIZED', 201)]), { ref_area: null, reporting_year: null, source: 'UNODC' });
    ({ ix } = await buildAndLoadReview(store, reference));
  }, 120_000);
  afterAll(() => store.close());

  it('counts Romania in the 2025 total of victims, 140 + 1,011', () => {
    const total = ix.model.regional.find((r) => r.indicator === 'TIP_VIC' && r.year === 2025)!;
    expect([total.total, total.reporting]).toEqual([1152, 2]);
  });

  it('says in the returns chapter that the totals include the figures UNODC published for Romania', () => {
    expect(text(buildReturnsChapter(ix, '2').body)).toContain('The 2025 totals do include the figures UNODC published for Romania (2 indicators), where no return gave them; the data tables mark them.');
  });

  it('says on Romania\u2019s page where its figures come from', () => {
    const lede = text(buildStatePage(ix, ix.states.find((st) => st.iso3 === 'ROU')!).body).split(' Data quality')[0];
    expect(lede).toBe('No return for 2025 was received from Romania. Its 2025 figures are the figures UNODC published for Romania (2 indicators), marked in its table.');
  });
});

describe('a year no return reports, with UNODC figures for it', () => {
  let store: Store;
  let ix: ReviewIndex;
  beforeAll(async () => {
    const reference = await loadTestReference();
    store = await openTestWarehouse(join(tempDir(), 'warehouse.duckdb'));
    await insertObservations(store, unodc([o('ROU', 2024, 'TIP_VIC', 990), o('ROU', 2025, 'TIP_VIC', 1011), o('SRB', 2025, 'FA_SEIZED', 1520)]), { ref_area: null, reporting_year: null, source: 'UNODC' });
    ({ ix } = await buildAndLoadReview(store, reference));
  }, 120_000);
  afterAll(() => store.close());

  it('names the imported figures instead of "this review has no figure for 2025"', () => {
    const chapter = text(buildReturnsChapter(ix, '2').body);
    expect(chapter).toContain('no return gives this review a figure for 2025, which shows 2024–2025 only; its only 2025 figures are the figures UNODC published for Romania (1 indicator) and Serbia (1 indicator), marked in the data tables.');
    expect(chapter).not.toContain('this review has no figure for 2025');
    // Romania never returned: its 2024 figures are UNODC's, which the page read as "its earlier returns"
    expect(text(buildStatePage(ix, ix.states.find((st) => st.iso3 === 'ROU')!).body)).toContain('No return for 2025 was received from Romania. Its 2025 figures are the figures UNODC published for Romania (1 indicator), marked in its table. Figures shown for earlier years come from UNODC\u2019s published data. Data quality');
    const serbia = text(buildStatePage(ix, ix.states.find((st) => st.iso3 === 'SRB')!).body);
    expect(serbia).not.toContain('earlier returns');
    expect(serbia).toContain('Comments No return for 2025, nor for an earlier year of this review: its figures are imported, with no comments.');
    expect(text(buildKeyFindings(ix, {}, 'annex')[0])).toBe('None of the 13 member states has returned data for 2025: this review\u2019s chapters show 2024–2025 only, and its only 2025 figures are the figures UNODC published for Romania (1 indicator) and Serbia (1 indicator).');
  });

  it('gives the changes the imported figures show in the key findings, where they stopped at that sentence', () => {
    const findings = buildKeyFindings(ix, {}, 'annex').map(text);
    expect(findings).toContain('Victims of trafficking in persons detected rose by 2.1% on 2024 in Romania, the one state with comparable figures for both years.');
    // the chapters without a 2025 figure are not listed one by one ("No member state reported …")
    expect(findings.filter((f) => f.startsWith('No member state reported'))).toEqual([]);
  });
});
