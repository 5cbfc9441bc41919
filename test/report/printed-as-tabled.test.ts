import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCell } from '../../src/report/figures/format-cell.js';
import type { Figure } from '../../src/report/figures/figure.js';
import { formatAmount } from '../../src/report/format-number.js';
import { buildBreakdownFigures } from '../../src/report/pages/area/breakdown-figures.js';
import { buildRatesFigure } from '../../src/report/pages/area/rates-figure.js';
import { buildTrendFigure } from '../../src/report/pages/area/trend-figure.js';
import { buildOverviewChapter } from '../../src/report/pages/build-overview-chapter.js';
import { describeArea } from '../../src/report/pages/describe-area.js';
import { buildStatePage } from '../../src/report/pages/build-state-page.js';
import { indexReview, type AreaChapter, type ReviewIndex } from '../../src/report/pages/review-index.js';
import type { Store } from '../../src/store/index.js';
import { renderDataTable } from '../../src/report/figures/render-data-table.js';
import { loadTestReference } from '../helpers/warehouse.js';
import { buildSampleModel } from './helpers/sample-model.js';
import { loadSampleReview } from './helpers/sample-review.js';

// A number the text quotes prints as its table prints it, and a column of kilograms keeps its decimal in every cell.
// The sample's Figure 4.1 text said victims' index stood at "(86)" beside a data table reading 85.8, Figure 5.1 called
// convictions and prosecutions "both 89" where the table reads 89.4 and 89.2, Figure 7.1 put three corruption series
// "all 3 at 96" where the table reads 96.0, 95.7 and 95.7; Azerbaijan's page gave its drug seizures as 5,934.3 kg in
// 2023 and "5,936" in 2024, and Figure 4.7's table Armenia's heroin as "16" beside Greece's "1,109.9".

let store: Store;
let ix: ReviewIndex;
const slot = { id: 'fig-9-1', number: '9.1' };
const chapterOf = (area: string): AreaChapter => ix.chapters.find((c) => c.areas.some((a) => a.area === area))!;
const text = (m: unknown) => String(m).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
/** The data table's cells as the page prints them, one line per row. */
const printedRows = (figure: Figure) => figure.rows.map((r) => figure.columns.map((c) => formatCell(r[c.field] ?? null, c.format)).join(' | ').replace(/( \| )+$/, ''));

beforeAll(async () => {
  ({ store, ix } = await loadSampleReview());
}, 120_000);

afterAll(() => store?.close());

describe('the trend figures\u2019 text quotes each index as its data table prints it', () => {
  it('Figure 4.1: victims detected at 85.8, as the table prints it, not 86', () => {
    const figure = buildTrendFigure(ix, chapterOf('TIP'), slot)!;
    expect(figure.description).toBe('Small multiples of like-for-like indices for 14 indicators, first year = 100. By 2025 the index stood highest for persons prosecuted for drug trafficking and persons suspected of drug trafficking (both 125) and lowest for victims of trafficking in persons detected (85.8).');
    expect(printedRows(figure)).toContain('Trafficking in persons: victims detected | 2025 | 85.8 | 11');
  });

  it('Figure 5.1: only convictions are highest (89.4, prosecutions 89.2), where the text had them both at 89', () => {
    const figure = buildTrendFigure(ix, chapterOf('FA'), slot)!;
    expect(figure.description).toBe('Small multiples of like-for-like indices for 10 indicators, first year = 100. By 2025 the index stood highest for persons convicted of firearms trafficking (89.4) and lowest for firearms found (82.3).');
    expect(printedRows(figure)).toEqual(expect.arrayContaining([
      'Firearms trafficking: persons convicted | 2025 | 89.4 | 11',
      'Firearms trafficking: persons prosecuted | 2025 | 89.2 | 11',
      'Firearms found | 2025 | 82.3 | 11',
    ]));
  });

  it('Figure 7.1: two corruption series at 95.7 are the lowest, not three "at 96"', () => {
    const figure = buildTrendFigure(ix, chapterOf('COR'), slot)!;
    expect(figure.description).toBe('Small multiples of like-for-like indices for 8 indicators, first year = 100. By 2025 the index stood highest for integrity tests of law-enforcement officials and persons convicted of money laundering (both 126) and lowest for persons prosecuted for corruption and offences recorded for corruption (both 95.7).');
    expect(printedRows(figure)).toEqual(expect.arrayContaining([
      'Corruption: persons convicted | 2025 | 96.0 | 11',
      'Corruption: persons prosecuted | 2025 | 95.7 | 11',
      'Corruption: offences recorded | 2025 | 95.7 | 11',
    ]));
  });
});

describe('kilograms keep their decimal in every cell', () => {
  it('formatAmount gives kilograms one decimal, a whole figure too, and counts none', () => {
    expect([formatAmount(5936, 'KG'), formatAmount(5934.25, 'KG'), formatAmount(null, 'KG'), formatAmount(1368, 'NR'), formatAmount(6304, 'ROUNDS')])
      .toEqual(['5,936.0', '5,934.3', '\u2013', '1,368', '6,304']);
  });

  it('Azerbaijan\u2019s page gives its drug seizures as 5,934.3 and 5,936.0 kg, not 5,936', () => {
    const page = String(buildStatePage(ix, ix.states.find((s) => s.iso3 === 'AZE')!).body);
    const row = text(/<tr id="ind-DRG_SEIZ_KG">[\s\S]*?<\/tr>/.exec(page)?.[0]).replace(/^.*?(?=\d)/, '');
    expect(row).toBe('5,934.3 5,936.0 0.0% \u2013 \u2013 no clear trend (4 of 5 years)');
  });

  it('Figure 4.7\u2019s table prints Armenia\u2019s 16 kg of heroin as 16.0 in its Kilograms column', () => {
    const drugs = buildBreakdownFigures(ix, chapterOf('TIP'), () => slot)
      .map((b) => b.figure).find((f) => f.columns.some((c) => c.title === 'Kilograms'))!;
    expect(drugs.columns.find((c) => c.field === 'value')?.format).toBe('kg');
    expect(printedRows(drugs)).toEqual(expect.arrayContaining(['Armenia | Heroin | 16.0 | 3.6%', 'Moldova | Cocaine | 26.0 | 5.0%']));
  });

  it('Figure 3.1 and Table 3.1 give whole regional totals of kilograms with their decimal, in text and table alike', async () => {
    // the fixed sample model's drug seizures add up to whole kilograms: 20,175 in 2016, where other years have tenths
    const fixed = indexReview(buildSampleModel(await loadTestReference()));
    const overview = buildOverviewChapter(fixed, '3');
    const [figure] = overview.figures;
    expect(figure?.description).toContain('Drug seizures (kilograms): 20,175.0 in 2016 (13 states), 23,461.0 in 2025 (12 states);');
    const table = text(renderDataTable(figure!.columns, figure!.rows));
    expect(table).toContain('Drug seizures (kilograms) 2016 20,175.0 13 13');
    expect(table).toContain('Firearms seized 2016 3,335 13 13');
    expect(text(overview.body)).toMatch(/Drug seizures \(kilograms\) kilograms \d+ [\d,]+\.\d [\d,]+\.\d [+\u2212][\d.]+% [\d,]+\.\d /);
  });
});

describe('a figure in kilograms names its unit once', () => {
  it('chapter 4 gives the drug seizures\u2019 total in kilograms after the number, not also in the name', () => {
    expect(text(describeArea(ix, ix.area('DRG')))).toBe('Drug trafficking. Drug seizures: the 11 states that reported (of 13) recorded 189,908.5 kilograms in 2025. Like-for-like, over the 11 states that reported both years, the figure rose by 19.8% on 2024. Over 2021\u20132025 the total of the 10 states that reported every year shows no clear trend.');
  });

  it('the breakdown\u2019s sentence says its shares are by weight, where it read \u201cOf the drug seizures (kilograms) in\u201d', () => {
    const sentences = buildBreakdownFigures(ix, chapterOf('TIP'), () => slot).map((b) => b.sentence);
    expect(sentences).toContain('Of the drug seizures in the 11 states with a breakdown, cannabis accounted for the largest share by weight (75.6%), followed by amphetamine-type stimulants (15.6%).');
  });
});

describe('the rates figure\u2019s text names the few states without a figure, as the map\u2019s does', () => {
  it('Figure 5.2: Azerbaijan and the Russian Federation, where it said "2 states gave no figure"', () => {
    expect(buildRatesFigure(ix, chapterOf('FA'), slot)?.description).toBe('Bar chart of rates per 100,000 population in 2025 by state. Firearms seized: highest in Albania (40.3), lowest in Romania (3.5), regional median 14.2. Azerbaijan and the Russian Federation gave no figure.');
  });
});

