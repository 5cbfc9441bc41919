import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitRegionMap } from '../../src/report/maps/fit-region-map.js';
import { loadWorldAtlas } from '../../src/report/maps/load-world-atlas.js';
import { buildMapFigure } from '../../src/report/pages/area/map-figure.js';
import { buildKeyFindings } from '../../src/report/pages/build-key-findings.js';
import { buildAreaChapter } from '../../src/report/pages/build-area-chapter.js';
import { buildBreakdownFigures } from '../../src/report/pages/area/breakdown-figures.js';
import { buildAnnex } from '../../src/report/pages/build-annex.js';
import { buildOverviewChapter } from '../../src/report/pages/build-overview-chapter.js';
import { buildReturnsChapter } from '../../src/report/pages/build-returns-chapter.js';
import { buildStatePage } from '../../src/report/pages/build-state-page.js';
import { indexReview, type ReviewIndex } from '../../src/report/pages/review-index.js';
import type { Store } from '../../src/store/index.js';
import { loadSampleReview } from './helpers/sample-review.js';

// The sample review read as its editor reads it, page by page: what a reader catches first. The state profiles'
// data-quality facts printed "0.0% of series reported" under Provisional and Estimated on ten pages, Greece's
// "2.7%" and Ukraine's "2.6%" pointed at no flag in their tables (the series flagged is the population, which the
// table does not show), and Türkiye's "35 of 39" never said which 4 series its return left out.

let store: Store;
let ix: ReviewIndex;
const body = (iso3: string) => String(buildStatePage(ix, ix.states.find((s) => s.iso3 === iso3)!).body);
const facts = (iso3: string) => Object.fromEntries([...body(iso3).matchAll(/<div><dt>([^<]*)<\/dt><dd>([^<]*)<\/dd><\/div>/g)].map((m) => [m[1], m[2]]));
const factsNote = (iso3: string) => /<p class="facts-note">([\s\S]*?)<\/p>/.exec(body(iso3))?.[1] ?? null;

beforeAll(async () => {
  ({ store, ix } = await loadSampleReview());
}, 120_000);

afterAll(() => store?.close());

describe('a state profile’s data quality, as published from the sample', () => {
  it('counts the series flagged, "none" where there is none (was "0.0% of series reported")', () => {
    expect(facts('ALB')).toEqual({
      'Series reported': '39 of 39 (100.0%)', 'Provisional (P)': 'none', 'Estimated (E)': 'none', 'Breaks in series': 'none', 'Warnings accepted': 'none',
    });
    expect(factsNote('ALB')).toBeNull();
    // Türkiye flagged its 7 convictions of 2025 provisional, of the 35 series it reported (was "20.0% of series reported")
    expect(facts('TUR')['Provisional (P)']).toBe('7 of 35 series');
  });

  it('names the series a flag is on where the table does not show it: the population (was "2.7%" beside a table with no P)', () => {
    expect(facts('GRC')['Provisional (P)']).toBe('1 of 37 series');
    expect(factsNote('GRC')).toBe('Not reported for 2025: firearms surrendered and integrity tests of law-enforcement officials. Provisional (P): population (mid-year).');
    expect(facts('UKR')['Estimated (E)']).toBe('1 of 39 series');
    expect(factsNote('UKR')).toBe('Estimated (E): population (mid-year).');
  });

  it('names the series the return left out (was "35 of 39 (89.7%)" alone)', () => {
    expect(facts('TUR')['Series reported']).toBe('35 of 39 (89.7%)');
    expect(factsNote('TUR')).toBe('Not reported for 2025: firearms surrendered, firearm parts and components seized, law-enforcement officials investigated and integrity tests of law-enforcement officials.');
  });
});

describe('a state profile’s table note, as published from the sample', () => {
  const note = (iso3: string) => (/<p class="table-note">([\s\S]*?)<\/p>/.exec(body(iso3))?.[1] ?? '').replace(/<[^>]+>/g, '');
  const DASH = '“–”: no figure, or a change or rate that cannot be given (the two years are not comparable, or the unit has no rate per 100,000).';

  it('explains only the marks its table prints (was: P, E, B, UNODC and Eurostat on every page, in a review with no import)', () => {
    // Albania's note goes on only to the mark of a change from a handful of cases (below)
    expect(note('ALB').startsWith(`${DASH} †: a change from a count below 20`)).toBe(true);
    expect(note('ALB')).not.toMatch(/superscript|UNODC|Eurostat|&lt;5/);
    expect(note('TUR')).toBe(`A superscript P flags a value as provisional (see the annex). ${DASH}`);
    expect(note('GEO')).toBe(`${DASH} †: a change from a count below 20 the year before, where a few cases make a large percentage (persons convicted of money laundering: 15 to 7 is −53.3%). “&lt;5”: a count below 5, not published (see the annex); its change and rate are not given either.`);
  });

  it('says under the table that its rates rest on a population the return flags, as the figure above it does (was: silent)', () => {
    expect(note('GRC')).toBe(`${DASH} Per 100,000: the rates rest on Greece’s population for 2025, which its return flags as provisional (P).`);
    expect(note('UKR')).toMatch(/ Per 100,000: the rates rest on Ukraine’s population for 2025, which its return flags as estimated \(E\)\.$/);
  });
});

describe('the returns chapter, as published from the sample', () => {
  const chapter = () => String(buildReturnsChapter(ix, '2').body);
  const table = () => /Table 2\.1<\/span>[\s\S]*?<\/table>/.exec(chapter())?.[0] ?? '';
  const rowOf = (html: string, state: string) => [...(new RegExp(`<tr><t[hd][^>]*>${state}</t[hd]>([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? '').matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);

  it('gives dates in the text’s form, "29 January 2026" as the deadline "31 January 2026" (was 2026-01-29), and capitals alike in both tables', () => {
    expect(rowOf(table(), 'Albania')).toEqual(['29 January 2026', 'On time', 'Accepted', '1', '248', '0', '100.0%']);
    expect(rowOf(table(), 'Azerbaijan')).toEqual(['Not received', '–', '–', '–', '–', '–', '–']);
    // kept on one line on a phone, as the ISO date was (test/report/browser.test.ts measures it)
    expect(table()).toContain('<td class="date">29 January 2026</td>');
  });

  it('calls the share of the catalogue reported "Completeness" in both, as Figure 2.1’s note and Table 8.1 do (was "Series reported", Table 8.1’s count)', () => {
    const heads = (html: string) => [...html.matchAll(/<th scope="col"[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]);
    expect(heads(table())).toEqual(['State', 'First received', 'Timeliness', 'Outcome', 'Versions', 'Rows accepted', 'Warnings', 'Completeness']);
    expect(buildReturnsChapter(ix, '2').figures[0]!.columns.map((c) => c.title)).toEqual(['State', 'Return', 'Completeness']);
  });
});

describe('words a reader looks up, as published from the sample', () => {
  const text = (markup: unknown) => String(markup).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

  it('spells out UNODC and SDMX where the annex first uses them (was "ICCS, UNODC 2015", "the SDMX observation status")', () => {
    const annex = text(buildAnnex(ix, 'A').body);
    expect(annex).toContain('Offences are classified by the International Classification of Crime for Statistical Purposes (ICCS) of the United Nations Office on Drugs and Crime (UNODC, 2015); persons are counted once per stage and year.');
    expect(annex).toContain('Each figure carries the observation status and confidentiality status its state gave it, coded as in SDMX (Statistical Data and Metadata eXchange, the international standard for exchanging statistical data).');
  });

  it('gives Table 3.1’s unit of drug seizures as the annex does, "kilograms" (was "kg")', () => {
    const table = /Table 3\.1<\/span>[\s\S]*?<\/table>/.exec(String(buildOverviewChapter(ix, '3').body))?.[0] ?? '';
    const row = /<tr><th scope="row"[^>]*>Drug seizures \(kilograms\)<\/th><td[^>]*>([^<]*)<\/td>/.exec(table);
    expect(row?.[1]).toBe('kilograms');
  });
});

describe('the map’s text alternative, as published from the sample', () => {
  it('lists the lowest from the lowest, as the highest from the highest (was "Lowest: Armenia (0.71), Georgia (0.62)")', () => {
    const chapter = ix.chapters.find((c) => c.areas.some((a) => a.area === 'TIP'))!;
    const map = buildMapFigure(ix, chapter, fitRegionMap(loadWorldAtlas(), ix.states), { id: 'fig-4-3', number: '4.3' });
    expect(map?.description).toBe('Map of the region shaded by victims of trafficking in persons detected per 100,000 population in 2025. Highest: Bulgaria (3.4), Albania (2.8), Moldova (2.7). Lowest: Georgia (0.62), Armenia (0.71). No figure: Azerbaijan and the Russian Federation.');
  });
});

describe('a state’s change from a handful of cases, as published from the sample', () => {
  const cells = (iso3: string, code: string) => [...(new RegExp(`<tr id="ind-${code}">([\\s\\S]*?)</tr>`).exec(body(iso3))?.[1] ?? '').matchAll(/<td class="num">([\s\S]*?)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
  const note = (iso3: string) => (/<p class="table-note">([\s\S]*?)<\/p>/.exec(body(iso3))?.[1] ?? '').replace(/<[^>]+>/g, '');

  it('marks a percentage taken of fewer than 20 and says why, where "+25.0%" of 12 to 15 stood as firm as a change of thousands', () => {
    // Albania's money-laundering convictions went from 12 to 15: +25.0%, marked; its 1,119 to 1,298 drug offences are not
    expect(cells('ALB', 'ML_CNV').slice(0, 3)).toEqual(['12', '15', '+25.0%†']);
    expect(cells('ALB', 'DRG_OFF').slice(0, 3)).toEqual(['1,119', '1,298', '+16.0%']);
    expect(note('ALB')).toContain('†: a change from a count below 20 the year before, where a few cases make a large percentage (persons convicted of money laundering: 12 to 15 is +25.0%).');
    // no change is no large percentage: Armenia's 11 offences of smuggling of migrants in both years read 0.0%, unmarked
    expect(cells('ARM', 'SOM_OFF').slice(0, 3)).toEqual(['11', '11', '0.0%']);
    // a page with no such change has no such sentence
    expect(note('TUR')).not.toContain('†');
  });
});

describe('the key findings, as published from the sample', () => {
  it('say how many values are provisional and point at the table that marks them (was "include provisional values … (see the annex)")', () => {
    const last = String(buildKeyFindings(ix, {}, 'annex').at(-1));
    expect(last.replace(/<[^>]+>/g, '')).toBe('Türkiye’s 2025 figures include 7 provisional values, which may be revised in next year’s returns. (see Table TUR.1)');
    expect(last).toContain('<a class="see" href="states/TUR.html#indicators">(see Table TUR.1)</a>');
  });
});

describe('the rates section, as published from the sample', () => {
  it('says which states the ranges leave out, where the figure is shown (was: only in the figure’s text alternative)', () => {
    const chapter = ix.chapters.find((c) => c.areas.some((a) => a.area === 'TIP'))!;
    const body = String(buildAreaChapter(ix, chapter, '4', fitRegionMap(loadWorldAtlas(), ix.states)).body);
    const para = (/<section class="section" id="ch-4-rates">[\s\S]*?<p>([\s\S]*?)<\/p>/.exec(body)?.[1] ?? '').replace(/<[^>]+>/g, '');
    expect(para).toContain('Offences recorded for drug trafficking ranged from 14.8 per 100,000 in Ukraine to 73.4 in Türkiye. The ranges are of the 11 states with a rate for 2025; Azerbaijan and the Russian Federation have none.');
  });
});

describe('a breakdown’s region bar, as published from the sample', () => {
  it('says how many states it adds up, "Region (3 states shown)", where "Region (reporting states)" read as the region’s own of 11 reporting', () => {
    const chapter = ix.chapters.find((c) => c.areas.some((a) => a.area === 'TIP'))!;
    const byForm = buildBreakdownFigures(ix, chapter, () => ({ id: 'fig-4-5', number: '4.5' })).map((b) => b.figure).find((f) => f.title.startsWith('Trafficking in persons: victims detected by form of exploitation'))!;
    expect(byForm.rows.filter((r) => r.part === 'Sexual exploitation').map((r) => [r.state, r.value])).toEqual([
      ['Region (3 states shown)', 149], ['Greece', 87], ['Moldova', 33], ['Serbia', 29],
    ]);
  });
});

describe('the profile of a member that never returned', () => {
  it('heads its comments "Comments", not "Comments from the return" above "No return for 2025, and so no comments."', () => {
    // as the SEECP review's Kosovo*: no return for the year, no figure for any year of the review
    const none = indexReview({
      ...ix.model,
      totals: ix.model.totals.filter((t) => t.iso3 !== 'AZE'),
      comments: ix.model.comments.filter((c) => c.iso3 !== 'AZE'),
      regional: ix.model.regional.map((r) => ({ ...r, reportingStates: r.reportingStates.filter((s) => s !== 'AZE') })),
    });
    const azerbaijan = String(buildStatePage(none, none.states.find((s) => s.iso3 === 'AZE')!).body);
    expect(azerbaijan).toContain('<section class="section" id="comments"><h2>Comments</h2>\n<p>No return for 2025, and so no comments.</p>');
    expect(body('ALB')).toContain('<section class="section" id="comments"><h2>Comments from the return</h2>');
  });
});
