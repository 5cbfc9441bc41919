import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAttritionFigure } from '../../src/report/pages/area/attrition-figure.js';
import { buildRatesFigure } from '../../src/report/pages/area/rates-figure.js';
import { buildTrendFigure } from '../../src/report/pages/area/trend-figure.js';
import { areaShown } from '../../src/report/pages/prose-name.js';
import type { AreaChapter, ReviewIndex } from '../../src/report/pages/review-index.js';
import type { Store } from '../../src/store/index.js';
import { loadSampleReview } from './helpers/sample-review.js';

// The corruption chapter of the sample review as a careful reader found it: Figures 7.2 and 7.4 titled
// "Corruption and money laundering" though they show corruption's figures alone (the attrition chain is
// corruption's; money laundering has none of its own).

let store: Store;
let ix: ReviewIndex;
const slot = { id: 'fig-9-1', number: '9.1' };
const chapterOf = (area: string): AreaChapter => ix.chapters.find((c) => c.areas.some((a) => a.area === area))!;

beforeAll(async () => {
  ({ store, ix } = await loadSampleReview());
}, 120_000);

afterAll(() => store?.close());

describe('a figure of part of an area', () => {
  it('is titled by its indicators\u2019 own subject, and one of the whole area by the area', () => {
    const chapter = chapterOf('COR');
    // Figure 7.1 draws money laundering's offences and convictions too: the area's name is what it shows
    expect(buildTrendFigure(ix, chapter, slot)?.title).toBe('Corruption and money laundering: like-for-like trends, 2016–2025 (index, first year = 100)');
    expect(buildRatesFigure(ix, chapter, slot)?.title).toBe('Corruption: rates per 100,000 population by state, 2025');
    const attrition = buildAttritionFigure(ix, chapter, slot)!;
    expect(attrition.title).toBe('Corruption: criminal-justice attrition by state, 2025');
    expect(new Set(attrition.rows.map((r) => r.row))).toEqual(new Set(['Corruption']));
    // chapter 4's areas are named by their indicators alike, so their titles stay
    expect(buildAttritionFigure(ix, chapterOf('TIP'), slot)?.title).toBe('Trafficking in persons, smuggling of migrants and drug trafficking: criminal-justice attrition by state, 2025');
    expect(buildRatesFigure(ix, chapterOf('FA'), slot)?.title).toBe('Firearms trafficking: rates per 100,000 population by state, 2025');
  });

  it('takes the area\u2019s name where the indicators share no subject', () => {
    expect(areaShown('Corruption and money laundering', [{ name: 'Corruption: offences recorded' }, { name: 'Corruption: persons convicted' }])).toBe('Corruption');
    expect(areaShown('Corruption and money laundering', [{ name: 'Corruption: offences recorded' }, { name: 'Money laundering: persons convicted' }])).toBe('Corruption and money laundering');
    expect(areaShown('Corruption and money laundering', [{ name: 'Corruption: offences recorded' }, { name: 'Integrity tests of law-enforcement officials' }])).toBe('Corruption and money laundering');
    expect(areaShown('Firearms trafficking', [{ name: 'Firearms seized' }])).toBe('Firearms trafficking');
  });
});
