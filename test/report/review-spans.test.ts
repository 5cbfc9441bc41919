import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBreakdownFigures } from '../../src/report/pages/area/breakdown-figures.js';
import { buildTrendFigure } from '../../src/report/pages/area/trend-figure.js';
import { buildAnnex } from '../../src/report/pages/build-annex.js';
import { buildKeyFindings } from '../../src/report/pages/build-key-findings.js';
import { buildOverviewChapter } from '../../src/report/pages/build-overview-chapter.js';
import { buildProfilesChapter } from '../../src/report/pages/build-profiles-chapter.js';
import { buildReturnsChapter } from '../../src/report/pages/build-returns-chapter.js';
import { buildStatePage } from '../../src/report/pages/build-state-page.js';
import { describeArea } from '../../src/report/pages/describe-area.js';
import { renderIndexBody } from '../../src/report/pages/render-index-page.js';
import type { AreaChapter, ReviewIndex } from '../../src/report/pages/review-index.js';
import { formatCell } from '../../src/report/figures/format-cell.js';
import { spanOfYears, yearRange } from '../../src/report/format-number.js';
import type { Store } from '../../src/store/index.js';
import { insertObservations, loadTestReference, openTestWarehouse, tempDir, type ObservationFixture } from '../helpers/warehouse.js';
import { buildAndLoadReview } from './helpers/review-warehouse.js';

// Every span of years the review prints names the first and last year the figure, table or page holds data for, not
// the review's ten years: on a warehouse with gaps (headline indicators from 2021 only, a chapter whose figures stop
// in 2020, a state that stopped reporting, one that started late) and on one with no figure since 2022.

let gaps: Store;
let stale: Store;
let ix: ReviewIndex;
let staleIx: ReviewIndex;
const slot = { id: 'fig-9-1', number: '9.1' };
const text = (markup: unknown) => String(markup).replace(/<sup[^>]*>.*?<\/sup>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
const chapterOf = (from: ReviewIndex, area: string): AreaChapter => from.chapters.find((c) => c.areas.some((a) => a.area === area))!;
const o = (ref_area: string, time_period: number, indicator: string, obs_value: number): ObservationFixture => ({ ref_area, time_period, indicator, obs_value });
const span = (first: number, last: number, rows: (year: number) => ObservationFixture[]) => yearRange([first, last]).flatMap(rows);

beforeAll(async () => {
  const reference = await loadTestReference();
  gaps = await openTestWarehouse(join(tempDir(), 'warehouse.duckdb'));
  // Albania, Greece and Romania: trafficking offences 2016–2025, but the headline indicators (victims, firearms
  // seized) only from 2021; corruption suspects of Albania and Greece 2017–2020 only
  for (const [i, iso3] of ['ALB', 'GRC', 'ROU'].entries()) {
    await insertObservations(gaps, span(2016, 2025, (y) => [
      o(iso3, y, 'POP', 5_000_000 + i), o(iso3, y, 'TIP_OFF', 40 + i + (y % 3)),
      ...(y >= 2021 ? [o(iso3, y, 'TIP_VIC', 60 + 2 * i + y - 2021), o(iso3, y, 'FA_SEIZED', 300 + i * 10 + (y % 4))] : []),
      ...(iso3 !== 'ROU' && y >= 2017 && y <= 2020 ? [o(iso3, y, 'COR_SUS', 30 + y - 2017)] : []),
    ]), { reporting_year: 2025 });
  }
  // cybercrime offences: Albania every year from 2021, Greece from 2024 (the trend's panel is Albania alone)
  await insertObservations(gaps, [...span(2021, 2025, (y) => [o('ALB', y, 'CYB_OFF', 10 * (y - 2020))]), o('GRC', 2024, 'CYB_OFF', 55), o('GRC', 2025, 'CYB_OFF', 60)], { reporting_year: 2025 });
  // Albania's firearms seized in 2025 by type: 100 pistols, revolvers and rifles each, none of the others (33.3% three
  // times, printed, add up to 99.9%)
  const parts: [string, number][] = [['PISTOL', 100], ['REVOLVER', 100], ['RIFLE', 100], ['SHOTGUN', 0], ['SMG', 0], ['MG', 0], ['OTHER', 0], ['UNKNOWN', 0]];
  await insertObservations(gaps, parts.map(([breakdown, value]) => ({ ...o('ALB', 2025, 'FA_SEIZED', value), breakdown })), { reporting_year: 2025 });
  // Serbia stopped after 2019 (trafficking offences only); Türkiye started in 2023
  await insertObservations(gaps, span(2016, 2019, (y) => [o('SRB', y, 'POP', 6_800_000), o('SRB', y, 'TIP_OFF', 25)]), { reporting_year: 2019 });
  await insertObservations(gaps, span(2023, 2025, (y) => [o('TUR', y, 'POP', 85_000_000), o('TUR', y, 'TIP_OFF', 90), o('TUR', y, 'TIP_VIC', 400 + y - 2023)]), { reporting_year: 2025 });
  ({ ix } = await buildAndLoadReview(gaps, reference));

  // no member's figure after 2022, and no return for 2025: the period runs 2019–2025, the data 2019–2022
  stale = await openTestWarehouse(join(tempDir(), 'warehouse.duckdb'));
  for (const iso3 of ['BGR', 'ROU']) {
    await insertObservations(stale, span(2019, 2022, (y) => [o(iso3, y, 'POP', 7_000_000), o(iso3, y, 'TIP_VIC', 50 + y - 2019)]), { reporting_year: 2022 });
  }
  ({ ix: staleIx } = await buildAndLoadReview(stale, reference));
}, 180_000);
afterAll(() => {
  gaps.close();
  stale.close();
});

describe('spans of years', () => {
  it('gives the first to the last year of a set, one year as itself', () => {
    expect(spanOfYears([2023, 2021, 2025])).toBe('2021–2025');
    expect(spanOfYears([2025])).toBe('2025');
    expect(spanOfYears([])).toBe('');
    expect(yearRange([2025, 2021, 2023])).toEqual([2021, 2022, 2023, 2024, 2025]);
  });

  it('sets the period by any crime figure, but Figure 3.1 by the headline indicators’ years', () => {
    expect(ix.model.years[0]).toBe(2016);
    expect(ix.period).toBe('2016–2025');
    const overview = buildOverviewChapter(ix, '3');
    const [figure] = overview.figures;
    expect(figure?.title).toBe('Headline indicators: regional totals, 2021–2025');
    expect(new Set(figure?.rows.map((r) => r.year))).toEqual(new Set(yearRange([2021, 2025])));
    expect(figure?.description).toBe('Small multiples of the regional total of 6 headline indicators, 2021 to 2025. Trafficking in persons: victims detected: 186 in 2021 (3 states), 600 in 2025 (4 states); Smuggling of migrants: offences recorded: no figure for 2016–2025; Drug seizures (kilograms): no figure for 2016–2025; Firearms seized: 933 in 2021 (3 states), 933 in 2025 (3 states); Cybercrime: offences recorded: 10 in 2021 (1 state), 110 in 2025 (2 states); Corruption: offences recorded: no figure for 2016–2025. The states behind the totals change over the years. Victims of trafficking in persons detected: from 2023 the total also includes Türkiye. Offences recorded for cybercrime: from 2024 the total also includes Greece. The line is dashed into each year whose total adds up different states from the year before: victims of trafficking in persons detected in 2023; offences recorded for cybercrime in 2024.');
    expect(text(overview.body)).toContain('Figure 3.1 follows the headline indicator of each crime area across the region from 2021 to 2025.');
    expect(text(overview.body)).toContain('The panels for offences recorded for smuggling of migrants, drug seizures (kilograms) and offences recorded for corruption are empty: no member state reported them for 2016–2025 (missing, not zero).');
  });

  it('titles a trend figure by the years its lines run, ending where the last one ends', () => {
    const figure = buildTrendFigure(ix, chapterOf(ix, 'COR'), slot)!;
    expect(figure.title).toBe('Corruption: like-for-like trends, 2017–2020 (index, first year = 100)');
    expect(Math.max(...figure.rows.map((r) => Number(r.year)))).toBe(2020);
    expect(figure.description).toBe('Small multiples of like-for-like indices for 1 indicator, first year = 100. By 2020 the index stood at 110 for persons suspected of corruption.');
    expect(buildTrendFigure(ix, chapterOf(ix, 'TIP'), slot)?.title).toBe('Trafficking in persons: like-for-like trends, 2016–2025 (index, first year = 100)');
  });

  it('names on a state page the years the state has figures for, not the period', () => {
    const serbia = buildStatePage(ix, ix.states.find((s) => s.iso3 === 'SRB')!);
    // its latest two years, not 2024 and 2025 (was: 'Indicator 2016–2019 2024 2025' with every cell '–')
    expect(text(serbia.body)).toContain('Indicators reported by Serbia, 2016–2019 (latest figures: 2019; none for 2020–2025) Indicator 2016–2019 2018 2019 Change Per 100,000 Regional median, 2019 Trend Trafficking in persons Offences recorded 25 25 0.0% 0.37 0.81 –');
    expect(String(serbia.body)).toContain('aria-label="2016–2019: 25, 25, 25, 25"');
    const turkiye = buildStatePage(ix, ix.states.find((s) => s.iso3 === 'TUR')!);
    expect(text(turkiye.body)).toContain('Indicators reported by Türkiye, 2023–2025');
    expect(turkiye.figures[0]?.title).toBe('Türkiye: headline rates per 100,000 against the regional median, 2023–2025');
    expect(turkiye.figures[0]?.description).toMatch(/^Small multiples of Türkiye’s rates per 100,000 for 1 headline indicator, 2023–2025, each against/);
    expect(new Set(turkiye.figures[0]?.rows.map((r) => r.year))).toEqual(new Set([2023, 2024, 2025]));
    // a state with no figure: the absence is of the whole period
    expect(text(buildStatePage(ix, ix.states.find((s) => s.iso3 === 'ARM')!).body)).toContain('No indicator: Armenia has no figure for 2016–2025.');
  });

  it('says what the profiles’ sparklines cover', () => {
    expect(text(buildProfilesChapter(ix, '8').body)).toContain('a sparkline of the series over the years the state has figures for (2016–2025 at most),');
  });
});

describe('a regional trend', () => {
  it('names its years and the states its total covers, never "the regional trend" of a panel of fewer than every member', () => {
    const paragraph = (area: string) => text(describeArea(ix, ix.chapters.flatMap((c) => c.areas).find((a) => a.area === area)!));
    // victims: Albania, Greece and Romania every year of 2021–2025, Türkiye from 2023 only
    expect(paragraph('TIP')).toMatch(/Over 2021–2025 the total of the 3 states that reported every year shows no clear trend\.$/);
    expect(paragraph('CYB')).toMatch(/Over 2021–2025 the total of Albania, the one state that reported every year, is rising \(about \+33\.3% a year\)\.$/);
    expect(paragraph('TIP')).not.toContain('Over the last 5 years');
    const findings = buildKeyFindings(ix, {}, 'annex').map(text);
    expect(findings).toContain('Offences recorded for cybercrime rose by 15.8% on 2024 across the 2 states reporting both years; over 2021–2025 the total of Albania, the one state that reported every year, is rising.');
    expect(text(buildAnnex(ix, 'A').body)).toContain('A regional trend is that of the total of the member states with a comparable figure in every year of the window, so that a state joining or leaving is not read as a trend;');
  });
});

describe('the returns chapter', () => {
  it('names every return that shares the highest completeness, not one of them as "the most complete"', () => {
    const [figure] = buildReturnsChapter(ix, '2').figures;
    // Albania and Greece reported as many of the catalogue's series for 2025 (4 each), Romania 3 and Türkiye 2
    expect(figure?.description).toContain(' The most complete returns (12.8%) came from Albania and Greece. ');
  });

  it('prints each completeness to one decimal alike in the bar labels, the tooltip, the text alternative and the data table', () => {
    const [figure] = buildReturnsChapter(ix, '2').figures;
    // Greece 5 of 39 series (12.8%), Romania 4 (10.3%): whole percent printed "13%" and "10%", while the table said 12.8%
    const values = (figure?.spec as unknown as { data: { values: { state: string; label: string; printed: string }[] } }).data.values;
    expect(values.find((v) => v.state === 'Greece')).toMatchObject({ label: '12.8%, on time', printed: '12.8%' });
    expect(values.find((v) => v.state === 'Romania')).toMatchObject({ label: '10.3%, on time', printed: '10.3%' });
    expect(JSON.stringify(figure?.spec)).toContain('{"field":"printed","title":"Completeness"}');
    expect(figure?.rows.find((r) => r.state === 'Romania')?.completeness).toBeCloseTo(4 / 39, 10);
    expect(formatCell(figure?.rows.find((r) => r.state === 'Romania')?.completeness ?? null, 'share')).toBe('10.3%');
  });
});

describe('a breakdown figure', () => {
  it('labels its bars to one decimal, as its note, text alternative and data table print the shares (was whole percent: "33%" beside the note\'s 33.3%)', () => {
    let n = 0;
    const [firearms] = buildBreakdownFigures(ix, chapterOf(ix, 'FA'), () => ({ id: `fig-9-${++n}`, number: `9.${n}` }));
    const layers = (firearms?.figure.spec as unknown as { layer: { mark: { type: string }; encoding?: { text?: { field: string; format: string } } }[] }).layer;
    expect(layers.find((l) => l.mark.type === 'text')?.encoding?.text).toEqual({ field: 'share', type: 'quantitative', format: '.1%' });
    expect(firearms?.figure.description).toContain('Pistols 33.3%');
  });

  it('says where its rounded shares do not add up to 100.0%', () => {
    let n = 0;
    const [firearms] = buildBreakdownFigures(ix, chapterOf(ix, 'FA'), () => ({ id: `fig-9-${++n}`, number: `9.${n}` }));
    expect(firearms?.figure.notes[0]).toBe('The region bar is the one state shown (Albania), so it repeats that state’s bar. Parts are as defined in the code list in the annex. Shares are of the parts each state gave, which add up to its total except for Albania (300 of 301). Shares are rounded to one decimal, so the parts of some bars do not add up to 100.0%: the region 99.9% and Albania 99.9%.');
    expect(firearms?.figure.description).toBe('Stacked bars of the shares of firearms seized by type of firearm for 1 state and the region in 2025. Region: Pistols 33.3%, Revolvers 33.3%, Rifles and carbines 33.3%, Shotguns 0.0%, Sub-machine guns 0.0%, Machine guns 0.0%, Other firearms 0.0%, Type unknown 0.0% (rounded, so they add up to 99.9%).');
    // 120 of 230 and 110 of 230 (52.2% and 47.8%) add up: no note
    expect(buildBreakdownFigures(ix, chapterOf(ix, 'TIP'), () => ({ id: 'fig-9-9', number: '9.9' })).map((b) => b.figure.notes.join(' '))).not.toContain('rounded');
  });
});

describe('a review whose figures stop before the reference year', () => {
  it('names the years with figures in the subtitle, the key findings, the returns chapter and the annex', () => {
    expect(staleIx.model.years).toEqual(yearRange([2019, 2025]));
    expect(staleIx.dataSpan).toBe('2019–2022');
    const findings = buildKeyFindings(staleIx, {}, 'annex');
    expect(text(findings[0])).toBe('None of the 13 member states has returned data for 2025: this review has no figure for 2025, and its chapters show 2019–2022 only.');
    expect(text(buildReturnsChapter(staleIx, '2').body)).toContain('this review has no figure for 2025 and shows 2019–2022 only.');
    expect(text(renderIndexBody(staleIx, findings, []))).toContain('cybercrime and corruption in the 13 member states of BSEC, 2019–2022 Reference year 2025');
    expect(text(buildAnnex(staleIx, 'A').body)).toContain('No validation warning was raised on the returns in force for 2019–2022');
    const overview = buildOverviewChapter(staleIx, '3');
    expect(overview.figures[0]?.title).toBe('Headline indicators: regional totals, 2019–2022');
    expect(text(overview.body)).toContain('Figure 3.1 follows the headline indicator of each crime area across the region from 2019 to 2022.');
    expect(overview.figures[0]?.description).toContain('Small multiples of the regional total of 6 headline indicators, 2019 to 2022. Trafficking in persons: victims detected: 100 in 2019 (2 states), 106 in 2022 (2 states);');
  });
});
