import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Figure } from '../../src/report/figures/figure.js';
import { buildAttritionFigure } from '../../src/report/pages/area/attrition-figure.js';
import { buildBreakdownFigures } from '../../src/report/pages/area/breakdown-figures.js';
import { buildFlowsSection, countWithUnit } from '../../src/report/pages/area/flows-section.js';
import { buildRatesFigure } from '../../src/report/pages/area/rates-figure.js';
import { buildTrendFigure } from '../../src/report/pages/area/trend-figure.js';
import { buildAnnex } from '../../src/report/pages/build-annex.js';
import { fitRegionMap } from '../../src/report/maps/fit-region-map.js';
import { loadWorldAtlas } from '../../src/report/maps/load-world-atlas.js';
import { attritionText, buildAreaChapter } from '../../src/report/pages/build-area-chapter.js';
import { buildKeyFindings } from '../../src/report/pages/build-key-findings.js';
import { buildOverviewChapter } from '../../src/report/pages/build-overview-chapter.js';
import { describeArea } from '../../src/report/pages/describe-area.js';
import { indexReview, type AreaChapter, type ReviewIndex } from '../../src/report/pages/review-index.js';
import type { FlowTotal, ReviewModel } from '../../src/report/review-model.js';
import { STABLE_SLOPE_PCT, TREND_ALPHA } from '../../src/schema/marts.js';
import type { Store } from '../../src/store/index.js';
import { insertObservations, loadTestReference, openTestWarehouse, tempDir, type ObservationFixture } from '../helpers/warehouse.js';
import { buildAndLoadReview } from './helpers/review-warehouse.js';
import { memberNouns } from '../../src/report/pages/prose-name.js';

// what the sentences call BSEC's members: 'states'
const STATES = memberNouns({ code: 'BSEC' });

// The review's text and tables on a warehouse built for the defects a reviewer found: small counts recoverable from
// ratios, shares over the wrong denominator, requests described in the wrong direction, a like-for-like table that
// could not be read, a population source claimed but not used, warnings of an earlier return in force left out.

let store: Store;
let model: ReviewModel;
let ix: ReviewIndex;
const slot = (n: number) => ({ id: `fig-9-${n}`, number: `9.${n}` });
const chapterOf = (area: string): AreaChapter => ix.chapters.find((c) => c.areas.some((a) => a.area === area))!;
const text = (markup: unknown) => String(markup).replace(/<sup[^>]*>.*?<\/sup>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

beforeAll(async () => {
  const reference = await loadTestReference();
  store = await openTestWarehouse(join(tempDir(), 'warehouse.duckdb'));
  const o = (ref_area: string, time_period: number, indicator: string, obs_value: number, extra: Partial<ObservationFixture> = {}): ObservationFixture =>
    ({ ref_area, time_period, indicator, obs_value, ...extra });
  const years = (first: number, rows: (year: number) => ObservationFixture[]) => {
    const all: ObservationFixture[] = [];
    for (let year = first; year <= 2025; year++) all.push(...rows(year));
    return all;
  };
  // Georgia, 2021–2025: the sample's trafficking chain in 2025 (4 prosecuted, 3 convicted are "<5"); victims by
  // citizenship with two hidden small cells; its own population, provisional in 2025
  await insertObservations(store, years(2021, (y) => [
    o('GEO', y, 'POP', 3_700_000, { obs_status: y === 2025 ? 'P' : 'A' }),
    o('GEO', y, 'TIP_VIC', y === 2025 ? 230 : 200),
    o('GEO', y, 'TIP_OFF', 15), o('GEO', y, 'TIP_SUS', 11), o('GEO', y, 'TIP_PRS', y === 2025 ? 4 : 8), o('GEO', y, 'TIP_CNV', y === 2025 ? 3 : 6),
    o('GEO', y, 'TIP_VIC', 100, { counterpart_area: 'GEO' }), o('GEO', y, 'TIP_VIC', 3, { counterpart_area: 'ARM' }),
    o('GEO', y, 'TIP_VIC', y === 2025 ? 120 : 90, { breakdown: 'SEX_EXPL' }), o('GEO', y, 'TIP_VIC', 110, { breakdown: 'FORCED_LAB' }),
    o('GEO', y, 'TIP_VIC', 0, { breakdown: 'ORGAN' }), o('GEO', y, 'TIP_VIC', 0, { breakdown: 'OTHER' }),
    o('GEO', y, 'TIP_VIC', 4, { counterpart_area: 'AZE' }), o('GEO', y, 'TIP_VIC', 50, { counterpart_area: 'UZB' }),
  ]), { reporting_year: 2025 });
  // Türkiye: the largest corridor (Uzbekistan → Türkiye)
  await insertObservations(store, years(2021, (y) => [
    o('TUR', y, 'POP', 85_000_000), o('TUR', y, 'TIP_VIC', 400), o('TUR', y, 'TIP_OFF', 40), o('TUR', y, 'TIP_SUS', 30), o('TUR', y, 'TIP_PRS', 20), o('TUR', y, 'TIP_CNV', 10),
    o('TUR', y, 'TIP_VIC', 175, { counterpart_area: 'UZB' }), o('TUR', y, 'TIP_VIC', 100, { counterpart_area: 'TUR' }),
  ]), { reporting_year: 2025 });
  // Ukraine's cybercrime requests sent: the partner state is where a request went, never the reporting state
  await insertObservations(store, years(2021, (y) => [
    o('UKR', y, 'POP', 37_000_000), o('UKR', y, 'TIP_VIC', 300),
    o('UKR', y, 'CYB_REQ_SENT', 187, { counterpart_area: 'USA' }), o('UKR', y, 'CYB_REQ_SENT', 60, { counterpart_area: 'POL' }),
  ]), { reporting_year: 2025 });
  // Albania: victims up to 2024 only, so 2024's raw total (4 states) is not the like-for-like base (3 states);
  // its 2023 return in force carries a STAGE_ORDER warning
  await insertObservations(store, years(2021, (y) => (y === 2025 ? [] : [o('ALB', y, 'TIP_VIC', 500), o('ALB', y, 'POP', 2_800_000)])), { reporting_year: 2024 });
  // smuggling offences (a headline): 2024 GEO 10 + TUR 40 = 50 is published; 2025 GEO 3 ("<5") + TUR 40 = 43 is
  // withheld, since 43 − 40 = 3 would give Georgia's "<5" away
  await insertObservations(store, [o('GEO', 2024, 'SOM_OFF', 10), o('TUR', 2024, 'SOM_OFF', 40), o('GEO', 2025, 'SOM_OFF', 3), o('TUR', 2025, 'SOM_OFF', 40)], { reporting_year: 2025 });
  // the chains of smuggling of migrants (Georgia, Türkiye, and Ukraine, whose 3 convicted are "<5") and of drug
  // trafficking (Türkiye alone), which Figure x.4 shows beside trafficking in persons, so its text must give them too
  await insertObservations(store, [
    o('GEO', 2025, 'SOM_SUS', 20), o('GEO', 2025, 'SOM_PRS', 10), o('GEO', 2025, 'SOM_CNV', 6),
    o('TUR', 2025, 'SOM_SUS', 50), o('TUR', 2025, 'SOM_PRS', 40), o('TUR', 2025, 'SOM_CNV', 32),
    o('UKR', 2025, 'SOM_SUS', 40), o('UKR', 2025, 'SOM_PRS', 20), o('UKR', 2025, 'SOM_CNV', 3),
    o('TUR', 2025, 'DRG_SUS', 60), o('TUR', 2025, 'DRG_PRS', 30), o('TUR', 2025, 'DRG_CNV', 24),
  ], { reporting_year: 2025 });
  // Moldova: victims in 2025 only, in the all-states total but not in the like-for-like comparison; of the forms of
  // exploitation, sexual exploitation alone (30 of 40: the other forms are not reported, so not known to be 0)
  await insertObservations(store, [o('MDA', 2025, 'TIP_VIC', 40), o('MDA', 2025, 'TIP_VIC', 30, { breakdown: 'SEX_EXPL' })], { reporting_year: 2025 });
  const albania2023 = await insertObservations(store, [o('ALB', 2023, 'TIP_OFF', 9)], { reporting_year: 2023 });
  await store.run(`insert into validation_issue (submission_id, code, severity, file, line, "column", value, message, hint) values ($id, 'STAGE_ORDER', 'warning', 'ALB_2023.csv', 7, 'OBS_VALUE', '9', 'more persons prosecuted than suspected', null)`, { id: albania2023 });
  ({ model, ix } = await buildAndLoadReview(store, reference));
}, 120_000);
afterAll(() => store.close());

describe('criminal-justice attrition (Figure x.4)', () => {
  it('shows no ratio that would give a "<5" count away, and says why it is missing', () => {
    const figure = buildAttritionFigure(ix, chapterOf('TIP'), slot(4))!;
    const georgia = figure.rows.filter((r) => r.state === 'Georgia' && r.row === 'Trafficking in persons');
    expect(georgia.map((r) => [r.stage, r.ratio, r.note])).toEqual([
      ['Persons suspected per offence', 11 / 15, ''],
      ['Prosecuted per person suspected', null, 'not published: a count below 5'],
      ['Convicted per person prosecuted', null, 'not published: a count below 5'],
    ]);
    expect(figure.notes).toContain(
      '4 ratios are not shown because one of the two counts is below 5 (published as \u201c<5\u201d) and the ratio would give it away: Georgia (trafficking in persons: prosecuted per person suspected and convicted per person prosecuted; smuggling of migrants: persons suspected per offence) and Ukraine (smuggling of migrants: convicted per person prosecuted).',
    );
    // the medians are of the published ratios only: Türkiye's 20 / 30 alone
    expect(georgia[1]?.median).toBeCloseTo(20 / 30, 12);
    // the chart says it where the dot would be
    const values = (figure.spec as { data: { values: { state: string; stage: string; note: string | null }[] } }).data.values;
    expect(values.find((v) => v.state === 'Georgia' && v.stage === 'Convicted per person prosecuted')?.note).toBe('not shown (<5)');
  });
});

describe('the attrition sentence', () => {
  it('speaks of the median of the states\' ratios, not of a "median state" (each median is over its own states, so the two need not be one state\'s)', () => {
    const row = (state: string, stage: string, ratio: number | null, median: number) => ({ row: 'Trafficking in persons', state, stage, ratio, median });
    const figure = { ...slot(4), title: '', spec: {}, columns: [], description: '', source: '', notes: [], rows: [
      row('Albania', 'Prosecuted per person suspected', 0.5, 0.6), row('Albania', 'Convicted per person prosecuted', 0.7, 0.66),
      row('Greece', 'Prosecuted per person suspected', 0.7, 0.6), row('Greece', 'Convicted per person prosecuted', 0.62, 0.66),
      row('Georgia', 'Prosecuted per person suspected', null, 0.6), row('Georgia', 'Convicted per person prosecuted', null, 0.66),
    ] } as unknown as Figure;
    expect(attritionText(figure, STATES)).toBe('Taking the median of the 2 states\u2019 published ratios, for every 100 persons suspected of trafficking in persons offences, 60 were prosecuted in the same year, and for every 100 prosecuted, 66 were convicted.');
  });

  it('says on how many states each median rests where a ratio is withheld for some (was: "the 10 states\u2019" for the sample\u2019s trafficking convictions, a median of 9)', () => {
    // as in the sample: Georgia's prosecution and conviction ratios and Armenia's conviction ratio rest on a count below 5
    const row = (state: string, stage: string, ratio: number | null, median: number) => ({ row: 'Trafficking in persons', state, stage, ratio, median });
    const pairs = (state: string, prosecuted: number | null, convicted: number | null) => [row(state, 'Prosecuted per person suspected', prosecuted, 0.6), row(state, 'Convicted per person prosecuted', convicted, 0.66)];
    const rows = [...pairs('Albania', 0.5, 0.7), ...pairs('Greece', 0.7, 0.62), ...pairs('Armenia', 0.6, null), ...pairs('Georgia', null, null)];
    const figure = { ...slot(4), title: '', spec: {}, columns: [], description: '', source: '', notes: [], rows } as unknown as Figure;
    expect(attritionText(figure, STATES)).toBe('Taking the median of the states\u2019 published ratios, for every 100 persons suspected of trafficking in persons offences, 60 were prosecuted in the same year (the median of 3 states), and for every 100 prosecuted, 66 were convicted (the median of 2 states).');
    // one state left with a conviction ratio is named, as the sentence names the one state with ratios
    const singleRows = [...pairs('Albania', 0.5, 0.7), ...pairs('Greece', 0.7, null), ...pairs('Georgia', null, null)];
    const single = { ...figure, rows: singleRows.map((r) => (r.stage === 'Convicted per person prosecuted' ? { ...r, median: 0.7 } : r)) } as unknown as Figure;
    expect(attritionText(single, STATES)).toBe('Taking the median of the states\u2019 published ratios, for every 100 persons suspected of trafficking in persons offences, 60 were prosecuted in the same year (the median of 2 states), and for every 100 prosecuted, 70 were convicted (Albania alone).');
  });
});

describe('the attrition text of a chapter of several areas', () => {
  it('gives each area the figure shows its three medians and their bases, as the cj_attrition mart has them (was: trafficking in persons alone, then no persons suspected per offence)', async () => {
    const figure = buildAttritionFigure(ix, chapterOf('TIP'), slot(4))!;
    expect(attritionText(figure, STATES)).toBe(
      'Taking the median of the states\u2019 published ratios, for every 100 offences of trafficking in persons recorded, 74 persons were suspected in the same year (the median of 2 states); for every 100 persons suspected, 67 were prosecuted (Türkiye alone); and for every 100 prosecuted, 50 were convicted (Türkiye alone).'
      + ' For smuggling of migrants, the medians were 125 persons suspected per 100 offences (Türkiye alone), 50 prosecuted per 100 persons suspected (the median of 3 states) and 70 convicted per 100 prosecuted (the median of 2 states).'
      + ' In Türkiye, the one state with published ratios for drug trafficking, the ratios were 50 prosecuted per 100 persons suspected and 80 convicted per 100 prosecuted.',
    );
    // the same medians and counts of states as an analyst's query of the mart gives
    const mart = await store.all<{ area: string; s: number | null; p: number; c: number; n_s: bigint | number; n_p: bigint | number; n_c: bigint | number }>(
      `select area, any_value(median_suspected_per_offence) as s, any_value(median_prosecuted_per_suspected) as p, any_value(median_convicted_per_prosecuted) as c,
         count(suspected_per_offence) as n_s, count(prosecuted_per_suspected) as n_p, count(convicted_per_prosecuted) as n_c
       from cj_attrition where time_period = 2025 and area in ('TIP', 'SOM', 'DRG') group by area order by area`,
    );
    expect(mart.map((r) => [r.area, r.s === null ? null : Math.round(r.s * 100), Math.round(r.p * 100), Math.round(r.c * 100), Number(r.n_s), Number(r.n_p), Number(r.n_c)])).toEqual([
      ['DRG', null, 50, 80, 0, 1, 1],
      ['SOM', 125, 50, 70, 1, 3, 2],
      ['TIP', 74, 67, 50, 2, 1, 1],
    ]);
  });

  it('says "each the median of N states" where every state with ratios has both', () => {
    const row = (area: string, state: string, stage: string, ratio: number | null, median: number) => ({ row: area, state, stage, ratio, median });
    const pairs = (area: string, state: string, p: number, c: number) => [row(area, state, 'Prosecuted per person suspected', p, 0.67), row(area, state, 'Convicted per person prosecuted', c, 0.64)];
    const rows = [...pairs('Trafficking in persons', 'Albania', 0.6, 0.7), ...pairs('Trafficking in persons', 'Greece', 0.7, 0.6),
      ...pairs('Smuggling of migrants', 'Albania', 0.6, 0.6), ...pairs('Smuggling of migrants', 'Greece', 0.74, 0.68)];
    const figure = { ...slot(4), title: '', spec: {}, columns: [], description: '', source: '', notes: [], rows } as unknown as Figure;
    expect(attritionText(figure, STATES)).toBe('Taking the median of the 2 states\u2019 published ratios, for every 100 persons suspected of trafficking in persons offences, 67 were prosecuted in the same year, and for every 100 prosecuted, 64 were convicted. For smuggling of migrants, the medians were 67 prosecuted per 100 persons suspected and 64 convicted per 100 prosecuted (each the median of 2 states).');
  });
});

describe('the rates section\u2019s text', () => {
  it('gives the range of every area the rates figure shows, as series_rate has them (was: the first area\u2019s alone, in chapter 4 of three panels)', async () => {
    const ratesText = (from: ReviewIndex) => {
      const chapter = buildAreaChapter(from, from.chapters.find((c) => c.areas.some((a) => a.area === 'TIP'))!, '4', fitRegionMap(loadWorldAtlas(), from.states));
      return text(/<section class="section" id="ch-4-rates">[\s\S]*?<p>([\s\S]*?)<\/p>/.exec(String(chapter.body))?.[1] ?? '');
    };
    const why = ' Differences between states reflect how offences are detected and recorded as well as how often they occur, and are best read together with the trend in each state (chapter 8).';
    // here only trafficking in persons has rates for two states (Georgia's 3 smuggling offences are "<5", Türkiye alone has drug figures)
    expect(ratesText(ix)).toBe(`Relative to population, victims of trafficking in persons detected ranged from 0.47 per 100,000 in Türkiye to 6.2 in Georgia. The range is of the 3 states with a rate for 2025; the other 10 have none.${why}`);
    const [mart] = await store.all<{ lo: string; lo_rate: number; hi: string; hi_rate: number }>(
      `select arg_min(ref_area, rate_per_100k) as lo, min(rate_per_100k) as lo_rate, arg_max(ref_area, rate_per_100k) as hi, max(rate_per_100k) as hi_rate
       from series_rate where time_period = 2025 and indicator = 'TIP_VIC' and rate_per_100k is not null`,
    );
    expect([mart?.lo, mart?.lo_rate.toFixed(2), mart?.hi, mart?.hi_rate.toFixed(1)]).toEqual(['TUR', '0.47', 'GEO', '6.2']);
    // as if Ukraine had reported smuggling offences and drug suspects too: every panel's range, one sentence each
    const like = (indicator: string, rate: number) => ({ ...model.totals.find((t) => t.iso3 === 'TUR' && t.indicator === indicator && t.year === 2025)!, iso3: 'UKR', rate });
    const more = indexReview({ ...model, totals: [...model.totals, like('SOM_OFF', 0.15), like('DRG_SUS', 0.5)] });
    // the states with a rate differ between the panels: each range says how many it is of
    expect(ratesText(more)).toBe('Relative to population, victims of trafficking in persons detected ranged from 0.47 per 100,000 in Türkiye to 6.2 in Georgia, across the 3 states with a rate.'
      + ' Offences recorded for smuggling of migrants ranged from 0.05 per 100,000 in Türkiye to 0.15 in Ukraine, across the 2 states with a rate.'
      + ` Persons suspected of drug trafficking ranged from 0.07 per 100,000 in Türkiye to 0.50 in Ukraine, across the 2 states with a rate.${why}`);
  });
});

describe('figure titles', () => {
  it('name the crime areas a figure shows, so that a title quoted out of its chapter says what it is of (was: "Victims detected by sex and age group, 2025" of trafficking in persons, and chapters 4 to 7 each with a "Criminal-justice attrition by state, 2025")', () => {
    const chapter = chapterOf('TIP');
    // each title names the areas its figure draws: drug trafficking has no series of two years here, so no trend
    expect(buildTrendFigure(ix, chapter, slot(1))?.title).toBe('Trafficking in persons and smuggling of migrants: like-for-like trends, 2021–2025 (index, first year = 100)');
    expect(buildRatesFigure(ix, chapter, slot(2))?.title).toBe('Trafficking in persons, smuggling of migrants and drug trafficking: rates per 100,000 population by state, 2025');
    expect(buildAttritionFigure(ix, chapter, slot(4))?.title).toBe('Trafficking in persons, smuggling of migrants and drug trafficking: criminal-justice attrition by state, 2025');
    // as if Georgia had given its victims by sex and age too
    const sexAge = ([code, value]: [string, number]) => ({ iso3: 'GEO', year: 2025, indicator: 'TIP_VIC', dimension: 'SEX_AGE', code, value, source: 'RETURN' });
    const withSexAge = indexReview({ ...model, breakdowns: [...model.breakdowns, ...([['F.Y_GE18', 100], ['F.Y_LT18', 50], ['M.Y_GE18', 60], ['M.Y_LT18', 20]] as [string, number][]).map(sexAge)] });
    expect(buildBreakdownFigures(withSexAge, withSexAge.chapters.find((c) => c.areas.some((a) => a.area === 'TIP'))!, () => slot(5)).map((b) => b.figure.title)).toEqual([
      'Trafficking in persons: victims detected by form of exploitation, 2025',
      'Trafficking in persons: victims detected by sex and age group, 2025',
    ]);
  });
});

describe('cross-border flows', () => {
  it('takes shares of every published cell, hidden small counts included, as the marts do', async () => {
    const flows = buildFlowsSection(ix, chapterOf('TIP'), slot(6))!;
    // foreign: 3 + 4 + 50 + 175 = 232 (225 shown); reported: 100 + 3 + 4 + 50 + 175 + 100 = 432
    expect(flows.corridors[0]).toMatchObject({ origin: 'UZB', iso3: 'TUR', value: 175, share: 175 / 232 });
    expect(flows.domesticShare).toBe(200 / 432);
    expect(flows.text).toBe('Of the victims of trafficking in persons detected with a breakdown by citizenship, 46.3% were nationals of the reporting state. The largest cross-border corridor ran from Uzbekistan to Türkiye (175 victims, 75.4% of all cross-border flows reported).');
    const [mart] = await store.all<{ share: number }>("select share_of_foreign as share from flow_corridor where indicator = 'TIP_VIC' and time_period = 2025 and corridor_rank = 1");
    expect(flows.corridors[0]?.share).toBe(mart?.share);
    expect(flows.figure.notes[0]).toContain('2 cells with a count below 5 are not shown, but count in the totals the shares are taken of.');
  });

  it('gives no share of a sum whose hidden cells come to less than 5 (it would reveal them), and says so', () => {
    // as if Georgia's hidden cells were 1 and 2 instead of 3 and 4: foreign 1 + 2 + 50 + 175 = 228 less the 225
    // shown is 3, so neither the corridors' shares of 228 nor the national share of the reported 428 are given
    const hidden = { ...model, flowTotals: model.flowTotals.map((t) => (t.indicator === 'TIP_VIC' ? { ...t, foreignValue: 228, reportedValue: 428, hiddenForeignValue: 1 + 2, hiddenAllValue: 1 + 2 } : t)) };
    const hiddenIx = indexReview(hidden);
    const flows = buildFlowsSection(hiddenIx, hiddenIx.chapters.find((c) => c.areas.some((a) => a.area === 'TIP'))!, slot(6))!;
    expect(flows.corridors[0]).toMatchObject({ origin: 'UZB', iso3: 'TUR', value: 175, share: null });
    expect(flows.domesticShare).toBeNull();
    expect(flows.figure.notes[0]).toContain('2 cells with a count below 5 are not shown, but count in the totals the shares are taken of; a share is withheld where it would reveal a count below 5 (the hidden cells in its total come to less than 5).');
  });

  it('says what the rest of a breakdown is where part of it has no known counterpart, since the share is of every cell, the unknown ones included', () => {
    // was: the sample's 'Of the firearms seized with a breakdown by country of origin of the firearm, 20.8% came from
    // the reporting state itself', read as 79.2% from abroad, while 36.1% had no known country of origin (43.1% abroad)
    const flow = (origin: string, originName: string, iso3: string, value: number) => ({ indicator: 'FA_SEIZED', year: 2025, origin, originName, iso3, value, source: 'RETURN' });
    const firearms = { indicator: 'FA_SEIZED', nationalValue: 200, foreignValue: 336, reportedValue: 800, hiddenNational: 0, hiddenForeign: 0, hiddenAll: 0, hiddenNationalValue: 0, hiddenForeignValue: 0, hiddenAllValue: 0, withheldStates: [], confidentialStates: [], givenSums: ['national', 'foreign', 'unknown'] as FlowTotal['givenSums'] };
    const withFirearms = (total: typeof firearms) => indexReview({ ...model, flows: [...model.flows, flow('UKR', 'Ukraine', 'UKR', 200), flow('DEU', 'Germany', 'UKR', 336), flow('_U', 'Unknown', 'UKR', 264)], flowTotals: [...model.flowTotals, total] });
    const known = withFirearms(firearms);
    expect(buildFlowsSection(known, known.chapters.find((c) => c.areas.some((a) => a.area === 'FA'))!, slot(6))!.text).toBe(
      'Of the firearms seized with a breakdown by country of origin of the firearm, 25.0% came from the reporting state itself, 42.0% from other countries, and for 33.0% the country of origin of the firearm was not known. The largest cross-border corridor ran from Germany to Ukraine (336 firearms, 100.0% of all cross-border flows reported).',
    );
    // thirds, printed 33.3% each, do not add up to 100.0%: the sentence says so, as the breakdown figures do
    const thirds = indexReview({ ...model, flows: [...model.flows, flow('UKR', 'Ukraine', 'UKR', 100), flow('DEU', 'Germany', 'UKR', 100), flow('_U', 'Unknown', 'UKR', 100)], flowTotals: [...model.flowTotals, { ...firearms, nationalValue: 100, foreignValue: 100, reportedValue: 300 }] });
    expect(buildFlowsSection(thirds, thirds.chapters.find((c) => c.areas.some((a) => a.area === 'FA'))!, slot(6))!.text).toMatch(
      /^Of the firearms seized with a breakdown by country of origin of the firearm, 33\.3% came from the reporting state itself, 33\.3% from other countries, and for 33\.3% the country of origin of the firearm was not known \(rounded, so they add up to 99\.9%\)\. /,
    );
    // victims: 68 of unknown citizenship beside the fixture's 200 nationals and 232 foreign nationals
    const victims = indexReview({ ...model, flowTotals: model.flowTotals.map((t) => (t.indicator === 'TIP_VIC' ? { ...t, reportedValue: 500 } : t)) });
    expect(buildFlowsSection(victims, victims.chapters.find((c) => c.areas.some((a) => a.area === 'TIP'))!, slot(6))!.text).toMatch(
      /^Of the victims of trafficking in persons detected with a breakdown by citizenship, 40\.0% were nationals of the reporting state, 46\.4% were foreign nationals, and for 13\.6% the citizenship was not known\. /,
    );
    // an unknown part hiding small counts of 1 + 2: its share would reveal them, so the sentence says only that it is in the base
    const hidden = indexReview({ ...model, flowTotals: model.flowTotals.map((t) => (t.indicator === 'TIP_VIC' ? { ...t, reportedValue: 500, hiddenAll: t.hiddenAll + 2, hiddenAllValue: t.hiddenAllValue + 1 + 2 } : t)) });
    expect(buildFlowsSection(hidden, hidden.chapters.find((c) => c.areas.some((a) => a.area === 'TIP'))!, slot(6))!.text).toMatch(
      /^Of the victims of trafficking in persons detected with a breakdown by citizenship, 40\.0% were nationals of the reporting state \(a share of all of them, those whose citizenship was not known included\)\. /,
    );
  });

  it('names in the heatmap every counterpart the top-corridors table ranks, and says which are gathered under "Other countries"', () => {
    // Was: the sample's Table 4.1 ranked 'Azerbaijan → Türkiye (43)' 6th while the heatmap, naming only the 12
    // counterparts with the largest totals (nationals included), put Azerbaijan under 'Other countries'
    const names: Record<string, string> = { UZB: 'Uzbekistan', SYR: 'Syria', KGZ: 'Kyrgyzstan', TKM: 'Turkmenistan', PAK: 'Pakistan', LKA: 'Sri Lanka' };
    const nameOf = (code: string) => names[code] ?? ix.stateName(code);
    const flow = (origin: string, iso3: string, value: number) => ({ indicator: 'TIP_VIC', year: 2025, origin, originName: nameOf(origin), iso3, value, source: 'RETURN' });
    const domestic = ix.states.filter((st) => st.iso3 !== 'AZE').map((st) => flow(st.iso3, st.iso3, 300));
    const abroad = [
      flow('UZB', 'TUR', 175), flow('SYR', 'TUR', 110), flow('KGZ', 'TUR', 86), flow('TKM', 'TUR', 62), flow('GEO', 'TUR', 54),
      flow('AZE', 'TUR', 43), flow('UKR', 'TUR', 41), flow('MDA', 'TUR', 27), flow('ROU', 'GRC', 23), flow('ALB', 'GRC', 22),
      flow('PAK', 'GRC', 8), flow('LKA', 'GRC', 6),
    ];
    const many = indexReview({ ...model, flows: [...model.flows.filter((f) => f.indicator !== 'TIP_VIC'), ...domestic, ...abroad] });
    const flows = buildFlowsSection(many, many.chapters.find((c) => c.areas.some((a) => a.area === 'TIP'))!, slot(6))!;
    expect(flows.corridors.map((c) => `${c.rank} ${c.origin}`)).toContain('6 AZE');
    const cells = (flows.figure.spec as unknown as { data: { values: { origin: string; destination: string; value: number }[] } }).data.values;
    expect(cells.filter((c) => c.origin === 'Azerbaijan')).toEqual([{ origin: 'Azerbaijan', destination: 'Türkiye', value: 43, printed: '43', spoken: 'Reporting state Türkiye, citizenship of the victim Azerbaijan: 43.' }]);
    expect(cells.filter((c) => c.origin === 'Other countries')).toEqual([{ origin: 'Other countries', destination: 'Greece', value: 14, printed: '14', spoken: 'Reporting state Greece, citizenship of the victim Other countries: 14.' }]);
    expect(flows.figure.notes[0]).toMatch(/^The 12 counterparts with the largest totals are shown by name, and so is every counterpart of a corridor in Table 9\.1 \(Azerbaijan, Kyrgyzstan, Syria, Turkmenistan and Uzbekistan, outside the 12\); the other 2 \(Pakistan and Sri Lanka\) are gathered under “Other countries” to keep the chart readable\. Shading/);
    // the fixture's own flows: few counterparts, none gathered (was: 'the rest are gathered under "Other countries"' of no rest)
    expect(buildFlowsSection(ix, chapterOf('TIP'), slot(6))!.figure.notes[0]).toMatch(/^Every counterpart is shown by name\. Shading/);
  });

  it('describes requests sent in their direction, from the reporting state to the partner, with no national share', () => {
    const flows = buildFlowsSection(ix, chapterOf('CYB'), slot(6))!;
    expect(flows.role).toBe('sent_to');
    expect(flows.domesticShare).toBeNull();
    expect(flows.text).toBe('The largest number of cross-border requests sent for cybercrime went from Ukraine to the United States (187 requests, 75.7% of all requests sent to another state).');
    expect([flows.fromTitle, flows.toTitle]).toEqual(['Reporting state (sender)', 'Partner state (recipient)']);
    expect(flows.ends(flows.corridors[0]!)).toEqual({ from: 'Ukraine', to: 'United States' });
    expect(flows.text).not.toContain('reporting state itself');
  });

  it('says what the largest corridor\'s number counts, never a bare number', () => {
    // the sample's review printed 'from Germany to Ukraine (334, 6.0% of all cross-border flows reported)'
    const of = (code: string) => model.indicators.find((i) => i.code === code)!;
    expect(countWithUnit(334, of('FA_SEIZED'))).toBe('334 firearms');
    expect(countWithUnit(1, of('FA_SEIZED'))).toBe('1 firearm');
    expect(countWithUnit(175, of('TIP_VIC'))).toBe('175 victims');
    expect(countWithUnit(1204, of('SOM_SUS'))).toBe('1,204 persons');
    expect(countWithUnit(187, of('CYB_REQ_SENT'))).toBe('187 requests');
    expect(countWithUnit(1204.46, of('DRG_SEIZ_KG'))).toBe('1,204.5 kg');
  });
});

describe('the regional overview (Table 3.1)', () => {
  it('puts the like-for-like base beside the change, and the all-states total apart', () => {
    const body = text(buildOverviewChapter(ix, '3').body);
    // victims 2024: ALB 500 + GEO 200 + TUR 400 + UKR 300 = 1,400 raw, beside which 2025's +3.3 % read the wrong way;
    // like-for-like (GEO, TUR, UKR): 900 → 930; all states reporting 2025: 930 + MDA 40 = 970
    expect(body).toContain('Trafficking in persons: victims detected number 3 900 930 +3.3% 970 4 of 13');
    expect(body).not.toContain('1,400 930');
    expect(body).toContain('Trafficking in persons: victims detected: Moldova reported 2025 but is not compared');
  });

  it('groups its columns under spanning heads, so the table fits the page\'s column', () => {
    // Was: one row of eight heads ('2024, states compared', '2025, all states reporting', …) too wide for the column
    // on a desktop screen, so Table 3.1 scrolled sideways and its first column wrapped to four lines.
    const body = buildOverviewChapter(ix, '3').body.value;
    const head = /<thead>([\s\S]*?)<\/thead>/.exec(body.slice(body.indexOf('<span class="table-label">Table 3.1')))?.[1] ?? '';
    const rows = head.split('</tr>').filter((r) => r.includes('<th')).map((r) =>
      [...r.matchAll(/<th([^>]*)>([^<]*)</g)].map(([, attributes, title]) => `${title}${/colspan="(\d)"/.exec(attributes ?? '')?.[1]?.replace(/^/, '/') ?? ''}`));
    expect(rows).toEqual([
      ['Headline indicator', 'Unit', 'Like-for-like/4', 'All states reporting/2'],
      ['States', '2024', '2025', 'Change', '2025', 'States'],
    ]);
  });
});

describe('a regional total that would reveal a small count', () => {
  it('is withheld in the overview figure, its data and Table 3.1, and the note says why', () => {
    const chapter = buildOverviewChapter(ix, '3');
    const [figure] = chapter.figures;
    const smuggling = figure!.rows.filter((r) => r.panel === 'Smuggling of migrants: offences recorded');
    expect(smuggling.find((r) => r.year === 2024)).toMatchObject({ total: 50, reporting: 2 });
    expect(smuggling.find((r) => r.year === 2025)).toMatchObject({ total: null, reporting: 2 }); // not 43
    expect(figure!.notes).toContain(
      'Regional totals withheld because each would reveal a count below 5: Smuggling of migrants: offences recorded (2025). The counts below 5 in each of these totals come to less than 5, so the total less the states\u2019 published figures would give them away; the line has a gap there.',
    );
    const body = text(chapter.body);
    // like-for-like leaves Georgia's "<5" out (Türkiye 40 → 40); the all-states total 3 + 40 = 43 is withheld
    expect(body).toContain('Smuggling of migrants: offences recorded number 1 40 40 0.0% withheld 2 of 13');
    expect(body).toContain('Smuggling of migrants: offences recorded: the 2025 total of all states reporting is withheld: it would reveal a count below 5');
    expect(body).not.toContain('43');
    const values = (figure!.spec as { data: { values: { panel: string; year: number; total: number | null }[] } }).data.values;
    expect(values.find((v) => v.panel.startsWith('Smuggling') && v.year === 2025)?.total).toBeNull();
  });

  it('is withheld in the chapter text, in the publication\u2019s words', () => {
    const som = ix.chapters.flatMap((c) => c.areas).find((a) => a.area === 'SOM')!;
    expect(text(describeArea(ix, som))).toContain('The regional total for 2025 is withheld: it would reveal a count below 5');
    expect(model.regional.find((r) => r.indicator === 'SOM_OFF' && r.year === 2025)).toMatchObject({ total: null, isSuppressed: true, suppressionReason: 'small_count', reporting: 2 });
  });
});

describe('methods, sources and findings', () => {
  it('states the trend rule the marts use, both conditions, from the same constants', () => {
    const annex = text(buildAnnex(ix, 'A').body);
    expect(annex).toContain(`the slope is at least ${STABLE_SLOPE_PCT}% of the window’s mean a year, and the test’s two-sided p-value is at most ${TREND_ALPHA.toFixed(2)} (significant at the ${TREND_ALPHA * 100}% level); otherwise it shows no clear trend`);
    expect(annex).not.toContain('5% level');
    // the mark Figure 3.1 gives a total whose states differ from the year before's
    expect(annex).toContain('Where the states a total adds up differ from the year before’s, the change between the two totals is partly one of coverage: the overview’s line runs dashed into that year, and its data table names the states added and dropped.');
  });

  it('names the population actually used, footnotes a provisional one, and does not call it a provisional crime figure', () => {
    const rates = buildRatesFigure(ix, chapterOf('TIP'), slot(2))!;
    expect(rates.source).toBe('Member-state returns; population: the population reported in the returns (indicator POP).');
    expect(rates.notes).toContain('Rates resting on a population figure that the return flags as estimated (E) or provisional (P): Georgia (provisional).');
    const annex = text(buildAnnex(ix, 'A').body);
    // the population the rates used, and no World Bank rule where no World Bank population was imported (was: 'where
    // both a World Bank figure and a state’s own exist, the World Bank’s is used' in a review that had none)
    expect(annex).toContain('Rates per 100,000 use the population reported in the returns (indicator POP) for every state and year with a rate (4 states). No World Bank population was imported for these states and years; where one is, it takes precedence over a state’s own. Map outlines');
    expect(annex).not.toContain('World Bank, Population');
    expect(annex).toContain('Source Used for Figures States');
    // the population row counts rates, one for each state, indicator and year with one (was: 'population (rates per
    // 100,000 computed with it)' beside that count, read as a count of population figures)
    expect(annex).toMatch(/Member-state returns rates per 100,000 \(state × indicator × year\) computed with its population [\d,]+ 4\b/);
    expect(annex).not.toContain('population (rates per 100,000 computed with it)');
    // the template's instruction to the one filling in a return is not the reader's (the code list keeps it)
    expect(annex).toContain('Definitions or recording practice changed: not comparable with earlier years Observation status');
    expect(annex).not.toContain('explain in COMMENT');
    const findings = buildKeyFindings(ix, {}, 'annex').map(text).join(' ');
    expect(findings).not.toContain('provisional values');
  });

  it('names which population served which states and years where the rates used more than one', () => {
    // as if a World Bank population had been imported for Georgia's 2021–2023 and every year of Türkiye's
    const isWorldBank = (t: { iso3: string; year: number }) => t.iso3 === 'TUR' || (t.iso3 === 'GEO' && t.year <= 2023);
    const mixed = indexReview({ ...model, totals: model.totals.map((t) => (t.populationSource !== null && isWorldBank(t) ? { ...t, populationSource: 'WORLDBANK' } : t)) });
    expect(text(buildAnnex(mixed, 'A').body)).toContain('Rates per 100,000 use the population reported in the returns (indicator POP) for Albania, Georgia (2024–2025) and Ukraine; the World Bank’s Population, total (SP.POP.TOTL) for Georgia (2021–2023) and Türkiye. Where a state has both, the World Bank’s population is preferred to its own; the other fills the years it lacks. Map outlines');
    // the World Bank's alone, preferred by the setting
    const worldBank = indexReview({ ...model, totals: model.totals.map((t) => (t.populationSource !== null ? { ...t, populationSource: 'WORLDBANK' } : t)) });
    expect(text(buildAnnex(worldBank, 'A').body)).toContain('Rates per 100,000 use the World Bank’s Population, total (SP.POP.TOTL) for every state and year with a rate (4 states). It is preferred to a state’s own population (POP) where both exist. Map outlines');
  });

  it('says the largest rise in a state is of a headline indicator, as it is chosen among them, and the annex says from what base', () => {
    // was: 'Among states, the largest rise was in Moldova, where offences recorded for cybercrime went up by 33.5%' in the
    // sample review, while Moldova's cybercrime convictions, no headline, rose by 55.0% from 109
    const larger = indexReview({ ...model, totals: model.totals.map((t) => (t.iso3 === 'GEO' && t.year === 2025 && t.indicator === 'TIP_SUS' ? { ...t, value: 38, change: 0.9 } : t)) });
    for (const from of [ix, larger]) {
      expect(buildKeyFindings(from, {}, 'annex').map((f) => text(f).trim())).toContain('Among states, the largest rise in a headline indicator was in Georgia, where victims of trafficking in persons detected went up by 15.0% to 230. (see Table GEO.1)');
    }
    expect(text(buildAnnex(ix, 'A').body)).toContain('The key findings’ largest rise and fall in a state are among the headline indicators of the regional overview, from a count of at least 20 the year before.');
  });

  it('calls a stable regional trend "no clear trend", never "flat"', () => {
    const findings = buildKeyFindings(ix, {}, 'annex').map(text).join(' ');
    expect(findings).not.toContain('flat');
    const victims = model.trends.find((t) => t.iso3 === null && t.indicator === 'TIP_VIC');
    expect(victims?.direction).toBe('stable');
    // Georgia, Türkiye and Ukraine reported every year of the window; Albania stopped in 2024, Moldova began in 2025
    expect(findings).toContain('over 2021–2025 the total of the 3 states that reported every year shows no clear trend');
  });

  it('lists the warnings of every return in force the review shows, not only this year’s', () => {
    const annex = text(buildAnnex(ix, 'A').body);
    expect(annex).toContain('State Return for Warning Number Albania 2023 STAGE_ORDER 1');
    expect(annex).not.toContain('No validation warning');
    // one warning: "The warning below was raised", not "The 1 warning below was raised"
    expect(annex).toContain('warnings do not. The warning below was raised on the returns in force for ');
  });

  it('writes counts of one in the singular', () => {
    const [byForm] = buildBreakdownFigures(ix, chapterOf('TIP'), () => slot(5));
    // one state is named, as a publication writes it ("the 1 state" before)
    // Moldova sent a breakdown too, left out for a missing part: not "the one state with a breakdown"
    expect(byForm?.sentence).toMatch(/^Of the victims of trafficking in persons detected in the one state \([A-Z][a-zü]+\) whose breakdown can be shown \(1 more sent one: see the note to Figure 9\.5\), /);
    expect(byForm?.figure.notes[0]).toMatch(/^The region bar is the one state shown \([A-Z][a-zü]+\), so it repeats that state’s bar\./);
  });

  it('shows no state whose breakdown lacks a part: a part not reported is unknown, not 0, in its bar or the region\u2019s', () => {
    const [byForm] = buildBreakdownFigures(ix, chapterOf('TIP'), () => slot(5));
    const rows = byForm!.figure.rows;
    // Moldova's bar read 100 % sexual exploitation (30 of 30), its other forms 0, and it went into the region bar
    expect(rows.filter((r) => r.state === 'Moldova')).toEqual([]);
    // the region bar is Georgia's 120 + 110 + 0 + 0 = 230 alone (with Moldova: 150 of 260 sexual exploitation)
    expect(rows.filter((r) => r.state === 'Region (1 state shown)').map((r) => [r.part, r.value, r.share])).toEqual([
      ['Sexual exploitation', 120, 120 / 230],
      ['Forced labour or services', 110, 110 / 230],
      ['Removal of organs', 0, 0],
      ['Other forms of exploitation', 0, 0],
    ]);
    expect(byForm!.figure.notes[0]).toMatch(/Not shown, as its breakdown lacks a part, which is unknown rather than 0: Moldova\.$/);
  });

  it('says "Member-state returns" alone when no imported value is used', () => {
    const trend = buildTrendFigure(ix, chapterOf('TIP'), slot(1))!;
    expect(trend.source).toBe('Member-state returns; like-for-like changes over the states reporting both years, chain-linked.');
  });
});

describe('year-on-year changes', () => {
  it('shows no change from or to a "<5" count (the mart flags it), and the others', () => {
    // Georgia's prosecuted 8 → 4 ("<5") and smuggling 10 → 3: −50 % and −70 % would give the counts back
    expect(ix.total('GEO', 'TIP_PRS', 2025)).toMatchObject({ value: null, change: null });
    expect(ix.total('GEO', 'SOM_OFF', 2025)).toMatchObject({ value: null, change: null });
    // Georgia's victims 200 → 230: +15 %; Türkiye's 400 → 400: 0
    expect(ix.total('GEO', 'TIP_VIC', 2025)?.change).toBeCloseTo(0.15, 12);
    expect(ix.total('TUR', 'TIP_VIC', 2025)?.change).toBe(0);
  });
});
