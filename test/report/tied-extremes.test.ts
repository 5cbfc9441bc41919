import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBreakdownFigures } from '../../src/report/pages/area/breakdown-figures.js';
import { buildFlowsSection } from '../../src/report/pages/area/flows-section.js';
import { buildAreaChapter } from '../../src/report/pages/build-area-chapter.js';
import { buildKeyFindings } from '../../src/report/pages/build-key-findings.js';
import { fitRegionMap } from '../../src/report/maps/fit-region-map.js';
import { loadWorldAtlas } from '../../src/report/maps/load-world-atlas.js';
import { buildMapFigure } from '../../src/report/pages/area/map-figure.js';
import { buildRatesFigure } from '../../src/report/pages/area/rates-figure.js';
import { buildTrendFigure } from '../../src/report/pages/area/trend-figure.js';
import { indexReview, type AreaChapter, type ReviewIndex } from '../../src/report/pages/review-index.js';
import { leadingTies, tiedValue } from '../../src/report/pages/tied-extremes.js';
import type { ReviewModel } from '../../src/report/review-model.js';
import type { Store } from '../../src/store/index.js';
import { loadTestReference } from '../helpers/warehouse.js';
import { loadSampleReview } from './helpers/sample-review.js';
import { buildSampleModel } from './helpers/sample-model.js';

// A superlative chosen by a sort names every item whose value prints alike: the sample's Figure 4.1 called drug
// prosecutions "highest" at 125 beside drug suspects at 125 (125.2 and 124.6), and Figure 6.1 cybercrime suspects
// at 460 beside offences at 460 (460.2 and 459.7).

let store: Store;
let sample: ReviewIndex;
let model: ReviewModel;
const slot = { id: 'fig-9-1', number: '9.1' };
const chapterOf = (from: ReviewIndex, area: string): AreaChapter => from.chapters.find((c) => c.areas.some((a) => a.area === area))!;

beforeAll(async () => {
  ({ store, ix: sample } = await loadSampleReview());
  model = buildSampleModel(await loadTestReference());
}, 120_000);

afterAll(() => store?.close());

describe('leadingTies', () => {
  it('takes the first item and every one after it that prints alike, and no more', () => {
    const print = (v: number) => v.toFixed(0);
    expect(leadingTies([125.17, 124.62, 124.24], print)).toEqual([125.17, 124.62]);
    expect(leadingTies([125.6, 124.62], print)).toEqual([125.6]);
    expect(leadingTies([], print)).toEqual([]);
    expect([1, 2, 3].map((n) => tiedValue(n, '125'))).toEqual(['125', 'both 125', 'all 3 at 125']);
  });
});

describe('the trend figure\u2019s text alternative on the sample', () => {
  it('names both indicators at the highest index (Figures 4.1 and 6.1)', () => {
    expect(buildTrendFigure(sample, chapterOf(sample, 'TIP'), slot)?.description).toBe(
      'Small multiples of like-for-like indices for 14 indicators, first year = 100. By 2025 the index stood highest for persons prosecuted for drug trafficking and persons suspected of drug trafficking (both 125) and lowest for victims of trafficking in persons detected (85.8).',
    );
    expect(buildTrendFigure(sample, chapterOf(sample, 'CYB'), slot)?.description).toBe(
      'Small multiples of like-for-like indices for 6 indicators, first year = 100. By 2025 the index stood highest for persons suspected of cybercrime and offences recorded for cybercrime (both 460) and lowest for cross-border requests sent for cybercrime (192).',
    );
  });
});

describe('a constructed tie', () => {
  it('names every indicator tied at the highest and at the lowest index, and says where all stand alike', () => {
    // cybercrime's changes set so that two indices end at 110 (as printed), two at 80 and the rest at 100
    const endAt: Record<string, number> = { CYB_SUS: 0.1, CYB_OFF: 0.104, CYB_REQ_SENT: -0.2, CYB_REQ_RECV: -0.2 };
    const flat = (change: (code: string, year: number) => number) => indexReview({
      ...model,
      regional: model.regional.map((r) => (r.indicator.startsWith('CYB_') && r.changeLfl !== null ? { ...r, changeLfl: change(r.indicator, r.year) } : r)),
    });
    const tied = flat((code, year) => (year === model.year ? endAt[code] ?? 0 : 0));
    const figure = buildTrendFigure(tied, chapterOf(tied, 'CYB'), slot);
    expect(figure?.description).toMatch(/ By 2025 the index stood highest for offences recorded for cybercrime and persons suspected of cybercrime \(both 110\) and lowest for cross-border requests received for cybercrime and cross-border requests sent for cybercrime \(both 80.0\)\.$/);
    const even = flat(() => 0);
    expect(buildTrendFigure(even, chapterOf(even, 'CYB'), slot)?.description).toMatch(/ By 2025 the index stood at 100 for all 6\.$/);
  });

  it('takes into the map\u2019s highest and lowest the states just past them whose rate prints alike', () => {
    // the third highest, Romania 10.04, and the fourth, Bulgaria 9.96, both print 10.0; the second lowest, Türkiye
    // 1.2, and the third, Ukraine 1.24, both print 1.2: each list takes both, where it named three and two
    const rateOf: Record<string, number> = { ALB: 12, GRC: 11, ROU: 10.04, BGR: 9.96, UKR: 1.24, TUR: 1.2, MDA: 0.9 };
    const tied = indexReview({
      ...model,
      totals: model.totals.map((t) => (t.indicator === 'CYB_OFF' && t.year === model.year && t.rate !== null ? { ...t, rate: rateOf[t.iso3] ?? 5 } : t)),
    });
    const map = buildMapFigure(tied, chapterOf(tied, 'CYB'), fitRegionMap(loadWorldAtlas(), tied.states), slot);
    expect(map?.description).toBe('Map of the region shaded by offences recorded for cybercrime per 100,000 population in 2025. Highest: Albania (12.0), Greece (11.0), Romania (10.0), Bulgaria (10.0). Lowest: Moldova (0.90), T\u00fcrkiye (1.2), Ukraine (1.2). No figure: Georgia and Serbia.');
  });

  it('names every state tied at the highest rate', () => {
    const rateOf: Record<string, number> = { ALB: 99.04, GRC: 98.96, ROU: 1.2, BGR: 1.24 };
    const tied = indexReview({
      ...model,
      totals: model.totals.map((t) => (t.indicator === 'CYB_OFF' && t.year === model.year && t.rate !== null ? { ...t, rate: rateOf[t.iso3] ?? 50 } : t)),
    });
    expect(buildRatesFigure(tied, chapterOf(tied, 'CYB'), slot)?.description).toMatch(/^Bar chart of rates per 100,000 population in 2025 by state\. Offences recorded for cybercrime: highest in Albania and Greece \(both 99\.0\), lowest in Bulgaria and Romania \(both 1\.2\), regional median /);
    // and the chapter's sentence on the range, in the figure's order
    const chapter = buildAreaChapter(tied, chapterOf(tied, 'CYB'), '6', fitRegionMap(loadWorldAtlas(), tied.states));
    const range = /<section class="section" id="ch-6-rates">[\s\S]*?<p>([\s\S]*?) Differences/.exec(String(chapter.body))?.[1];
    expect(range).toBe('Relative to population, offences recorded for cybercrime ranged from 1.2 per 100,000 in Bulgaria and Romania to 99.0 in Albania and Greece. The range is of the 11 states with a rate for 2025; Georgia and Serbia have none.');
  });

  it('names every part tied at the largest share of a breakdown', () => {
    const states = [...new Set(model.breakdowns.filter((b) => b.indicator === 'FA_SEIZED' && b.year === model.year && b.dimension === 'BREAKDOWN').map((b) => b.iso3))];
    // every part of the code list (a state is shown only with a complete breakdown): 40 pistols, 40 rifles, 20 shotguns
    const list = model.indicators.find((i) => i.code === 'FA_SEIZED')?.breakdownList;
    const given: Record<string, number> = { PISTOL: 40, RIFLE: 40, SHOTGUN: 20 };
    const parts = model.codes.filter((c) => c.codelist === list && c.code !== '_T').map((c): [string, number] => [c.code, given[c.code] ?? 0]);
    const tied = indexReview({
      ...model,
      breakdowns: [
        ...model.breakdowns.filter((b) => !(b.indicator === 'FA_SEIZED' && b.year === model.year && b.dimension === 'BREAKDOWN')),
        ...states.flatMap((iso3) => parts.map(([code, value]) => ({ iso3, year: model.year, indicator: 'FA_SEIZED', dimension: 'BREAKDOWN', code, value, source: 'RETURN' }))),
      ],
    });
    const sentences = buildBreakdownFigures(tied, chapterOf(tied, 'FA'), () => slot).map((b) => b.sentence);
    expect(sentences).toContainEqual(expect.stringMatching(/^Of the firearms seized in the 12 states with a breakdown, the largest shares were those of pistols \(40\.0%\) and rifles and carbines \(40\.0%\), followed by shotguns \(20\.0%\)\.$/));
  });

  it('names every corridor tied at the largest number', () => {
    const flows = buildFlowsSection(indexReview(model), chapterOf(indexReview(model), 'FA'), slot)!;
    const [first, second] = flows.corridors;
    // the second corridor given the first's number
    const tied = indexReview({
      ...model,
      flows: model.flows.map((f) => (f.indicator === flows.indicator.code && f.year === model.year && f.origin === second!.origin && f.iso3 === second!.iso3 ? { ...f, value: first!.value } : f)),
    });
    expect([first?.value, second?.value]).toEqual([59, 58]);
    expect(buildFlowsSection(tied, chapterOf(tied, 'FA'), slot)!.text).toMatch(/ The largest cross-border corridors ran from Bulgaria to Greece and from Ukraine to Bulgaria \(each 59 firearms, 2\.6% of all cross-border flows reported\)\.$/);
  });

  it('names every state tied at the largest rise and fall of a headline indicator', () => {
    const findings = (from: ReviewIndex) => buildKeyFindings(from, {}, 'annex').map((f) => String(f).replace(/<[^>]+>/g, '').replace(/\s+/g, ' '));
    const largest = (from: ReviewIndex) => findings(from).filter((f) => /largest/.test(f));
    expect(largest(indexReview(model))).toEqual([
      'Among states, the largest rise in a headline indicator was in the Russian Federation, where firearms seized went up by 26.7% to 1,390. (see Table RUS.1)',
      'The largest fall in a headline indicator was in Georgia, where victims of trafficking in persons detected went down by 21.0% to 128. (see Table GEO.1)',
    ]);
    // Albania's firearms seized given Russia's rise, Greece's victims Georgia's fall
    const like = (indicator: string, as: string) => model.totals.find((t) => t.iso3 === as && t.indicator === indicator && t.year === model.year)!;
    const tied = indexReview({
      ...model,
      totals: model.totals.map((t) => (t.year !== model.year ? t
        : t.iso3 === 'ALB' && t.indicator === 'FA_SEIZED' ? { ...t, value: 1000, change: like('FA_SEIZED', 'RUS').change }
          : t.iso3 === 'GRC' && t.indicator === 'TIP_VIC' ? { ...t, value: 128, change: like('TIP_VIC', 'GEO').change } : t)),
    });
    expect(largest(tied)).toEqual([
      'Among states, the largest rises in a headline indicator, both 26.7%, were in Albania, where firearms seized went up to 1,000 (see Table ALB.1), and in the Russian Federation, where firearms seized went up to 1,390 (see Table RUS.1).',
      'The largest falls in a headline indicator, both 21.0%, were in Georgia, where victims of trafficking in persons detected went down to 128 (see Table GEO.1), and in Greece, where victims of trafficking in persons detected went down to 128 (see Table GRC.1).',
    ]);
  });
});

