import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAttritionFigure } from '../../src/report/pages/area/attrition-figure.js';
import { buildRatesFigure } from '../../src/report/pages/area/rates-figure.js';
import { buildTrendFigure } from '../../src/report/pages/area/trend-figure.js';
import { attritionText } from '../../src/report/pages/build-area-chapter.js';
import type { Figure } from '../../src/report/figures/figure.js';
import { areaShown, memberNouns } from '../../src/report/pages/prose-name.js';
import type { AreaChapter, ReviewIndex } from '../../src/report/pages/review-index.js';
import type { Store } from '../../src/store/index.js';
import { loadSampleReview } from './helpers/sample-review.js';

// what the sentences call BSEC's members: 'states'
const STATES = memberNouns({ code: 'BSEC' });

// The corruption chapter of the sample review as a careful reader found it: Figures 7.2 and 7.4 titled
// "Corruption and money laundering" though they show corruption's figures alone (the attrition chain is
// corruption's; money laundering has none of its own), and an attrition text that gave two of the figure's three
// ratios (never persons suspected per offence) and nothing for an area with one of its two medians.

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

describe('the attrition text on the sample', () => {
  it('gives each of the figure\u2019s three ratios with the states its median is of, as the cj_attrition mart has them', async () => {
    expect(attritionText(buildAttritionFigure(ix, chapterOf('TIP'), slot)!, ix.nouns)).toBe(
      'Taking the median of the states\u2019 published ratios, for every 100 offences of trafficking in persons recorded, 79 persons were suspected in the same year (the median of 11 states); for every 100 persons suspected, 61 were prosecuted (the median of 10 states); and for every 100 prosecuted, 66 were convicted (the median of 9 states).'
      + ' For smuggling of migrants, the medians were 91 persons suspected per 100 offences, 67 prosecuted per 100 persons suspected and 64 convicted per 100 prosecuted (each the median of 11 states).'
      + ' For drug trafficking, the medians were 77 persons suspected per 100 offences, 63 prosecuted per 100 persons suspected and 64 convicted per 100 prosecuted (each the median of 11 states).',
    );
    expect(attritionText(buildAttritionFigure(ix, chapterOf('COR'), slot)!, ix.nouns)).toBe(
      'Taking the median of the 11 states\u2019 published ratios, for every 100 offences of corruption recorded, 79 persons were suspected in the same year; for every 100 persons suspected, 63 were prosecuted; and for every 100 prosecuted, 63 were convicted.',
    );
    // what `crimetrends query` gives on the mart: each median (per 100) and the number of states it is of
    const mart = await store.all<{ area: string; s: number; p: number; c: number; n_s: bigint | number; n_p: bigint | number; n_c: bigint | number }>(
      `select area, any_value(median_suspected_per_offence) as s, any_value(median_prosecuted_per_suspected) as p, any_value(median_convicted_per_prosecuted) as c,
         count(suspected_per_offence) as n_s, count(prosecuted_per_suspected) as n_p, count(convicted_per_prosecuted) as n_c
       from cj_attrition where time_period = 2025 and area in ('TIP', 'SOM', 'DRG', 'COR') group by area order by area`,
    );
    expect(mart.map((r) => [r.area, ...[r.s, r.p, r.c].map((v) => Math.round(v * 100)), ...[r.n_s, r.n_p, r.n_c].map(Number)])).toEqual([
      ['COR', 79, 63, 63, 11, 11, 11],
      ['DRG', 77, 63, 64, 11, 11, 11],
      ['SOM', 91, 67, 64, 11, 11, 11],
      ['TIP', 79, 61, 66, 11, 10, 9],
    ]);
  });

  it('gives an area with one median its sentence (was: none)', () => {
    const row = (area: string, state: string, stage: string, ratio: number | null, median: number | null) => ({ row: area, state, stage, ratio, median });
    const rows = [
      // trafficking in persons: convictions per prosecution alone
      row('Trafficking in persons', 'Albania', 'Persons suspected per offence', null, null), row('Trafficking in persons', 'Albania', 'Prosecuted per person suspected', null, null),
      row('Trafficking in persons', 'Albania', 'Convicted per person prosecuted', 0.7, 0.66), row('Trafficking in persons', 'Greece', 'Convicted per person prosecuted', 0.62, 0.66),
      // smuggling of migrants: prosecutions per suspect alone, Greece's withheld
      row('Smuggling of migrants', 'Albania', 'Prosecuted per person suspected', 0.6, 0.67), row('Smuggling of migrants', 'Serbia', 'Prosecuted per person suspected', 0.74, 0.67),
      row('Smuggling of migrants', 'Greece', 'Prosecuted per person suspected', null, 0.67),
    ];
    const figure = { ...slot, title: '', spec: {}, columns: [], description: '', source: '', notes: [], rows } as unknown as Figure;
    expect(attritionText(figure, STATES)).toBe(
      'Taking the median of the 2 states\u2019 published ratios, for every 100 persons prosecuted for trafficking in persons offences, 66 were convicted in the same year.'
      + ' For smuggling of migrants, the median was 67 prosecuted per 100 persons suspected (the median of 2 states).',
    );
  });
});
