import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { buildReview } from '../../src/report/build-review.js';
import type { Figure } from '../../src/report/figures/figure.js';
import { fitRegionMap } from '../../src/report/maps/fit-region-map.js';
import { loadWorldAtlas } from '../../src/report/maps/load-world-atlas.js';
import { buildAreaChapter } from '../../src/report/pages/build-area-chapter.js';
import { buildKeyFindings } from '../../src/report/pages/build-key-findings.js';
import { buildOverviewChapter } from '../../src/report/pages/build-overview-chapter.js';
import { buildReturnsChapter } from '../../src/report/pages/build-returns-chapter.js';
import type { ReviewIndex } from '../../src/report/pages/review-index.js';
import type { ReviewModel } from '../../src/report/review-model.js';
import type { Store } from '../../src/store/index.js';
import { loadTestReference } from '../helpers/warehouse.js';
import { buildAndLoadReview, openWesternBalkansWarehouse, plainText as text } from './helpers/review-warehouse.js';

let store: Store;
const ix: Record<string, ReviewIndex> = {};
const models: Record<string, ReviewModel> = {};
beforeAll(async () => {
  const reference = await loadTestReference();
  store = await openWesternBalkansWarehouse();
  for (const group of ['WB6', 'SEECP', 'BSEC']) ({ ix: ix[group]!, model: models[group]! } = await buildAndLoadReview(store, reference, group));
}, 120_000);
afterAll(() => store.close());

const chapterOf = (from: ReviewIndex, area: string) => buildAreaChapter(from, from.chapters.find((c) => c.areas.some((a) => a.area === area))!, '4', fitRegionMap(loadWorldAtlas(), from.states));
const tooltipTitles = (figure: Figure) => [...JSON.stringify(figure.spec).matchAll(/"tooltip":\[(.*?)\]/g)].map((m) => m[1]).join(' | ');

// The analytic wording said "state" of every grouping's members while the findings called them "economies": the WB6
// review read "across the 4 states reporting both years", "Rates by state", a chart tooltip "State", a data table's
// column "State" and a source line "Member-state returns". Now every word for the members comes from memberNouns.

const findings = (from: ReviewIndex) => buildKeyFindings(from, {}, 'annex').map((f) => text(f));
const figure = (figures: readonly Figure[], number: string) => figures.find((f) => f.number === number)!;

describe('the analytic text, tables and charts call the members as the group does', () => {
  it('says "economies" throughout the Western Balkans Six\u2019s review', () => {
    const wb6 = ix.WB6!;
    expect(findings(wb6)).toContain('Victims of trafficking in persons detected rose by 3.9% on 2024 across the 4 economies reporting both years.');
    expect(findings(wb6).some((f) => f.startsWith('Among economies, the largest rise in a headline indicator was in '))).toBe(true);
    const chapter = chapterOf(wb6, 'TIP');
    expect(chapter.sections.map((s) => s.title)).toContain('4.2 Rates by economy');
    expect(text(chapter.body)).toContain('Victims of trafficking in persons detected: the 4 economies that reported (of 6) recorded 530 in 2025. Like-for-like, over the 4 economies that reported both years, the figure rose by 3.9% on 2024.');
    const rates = figure(chapter.figures, '4.2');
    expect(rates.title).toBe('Trafficking in persons and smuggling of migrants: rates per 100,000 population by economy, 2025');
    expect(rates.source).toBe('Economies\u2019 returns; population: the population reported in the returns (indicator POP).');
    expect(rates.columns.map((c) => c.title)).toEqual(['Indicator', 'Economy', 'Rate per 100,000', 'Regional median', 'Note', 'Imported from']);
    expect(tooltipTitles(rates)).toContain('{"field":"state","title":"Economy"}');
    expect(rates.description).toMatch(/^Bar chart of rates per 100,000 population in 2025 by economy, 2 indicators side by side\. /);
    expect(rates.notes[0]).toMatch(/^The dashed line is the regional median of the economies with a figure\. /);
    const trend = figure(chapter.figures, '4.1');
    expect(trend.source).toBe('Economies\u2019 returns; like-for-like changes over the economies reporting both years, chain-linked.');
    expect(trend.columns.map((c) => c.title)).toContain('Economies compared');
    expect(tooltipTitles(trend)).toContain('{"field":"compared","type":"nominal","title":"Economies compared"}');
    expect(tooltipTitles(figure(chapter.figures, '4.3'))).toContain('{"field":"name","type":"nominal","title":"Economy"}');
    const overview = buildOverviewChapter(wb6, '3');
    const multiples = overview.figures[0]!;
    expect(multiples.columns.map((c) => c.title)).toEqual(['Indicator', 'Year', 'Regional total', 'Economies reporting', 'Members', 'Members not reporting', 'Economies added or dropped since the year before']);
    expect(tooltipTitles(multiples)).toContain('{"field":"statesChange","type":"nominal","title":"Economies since the year before"}');
    expect(JSON.stringify(multiples.spec)).toContain('"reportedBy":"4 of 6 economies"');
    expect(text(overview.body)).toContain('Table 3.1 compares 2025 with 2024 like-for-like: only economies that reported both years enter the change.');
  });

  it('says "participants" in the SEECP\u2019s', () => {
    const seecp = ix.SEECP!;
    expect(findings(seecp)).toContain('Victims of trafficking in persons detected rose by 3.9% on 2024 across the 4 participants reporting both years.');
    const chapter = chapterOf(seecp, 'TIP');
    expect(chapter.sections.map((s) => s.title)).toContain('4.2 Rates by participant');
    const rates = figure(chapter.figures, '4.2');
    expect(rates.title).toBe('Trafficking in persons and smuggling of migrants: rates per 100,000 population by participant, 2025');
    expect(rates.source).toBe('Participants\u2019 returns; population: the population reported in the returns (indicator POP).');
    expect(rates.columns.map((c) => c.title)).toContain('Participant');
    expect(tooltipTitles(rates)).toContain('{"field":"state","title":"Participant"}');
    expect(rates.description).toContain('10 participants gave no figure.');
  });

  it('keeps BSEC\u2019s "states", "State" and "Member-state returns" as they were', () => {
    const bsec = ix.BSEC!;
    expect(findings(bsec)).toContain('Victims of trafficking in persons detected rose by 3.3% on 2024 across the 3 states reporting both years.');
    expect(findings(bsec)).toContain('Among states, the largest rise in a headline indicator was in Albania, where victims of trafficking in persons detected went up by 5.0% to 105. (see Table ALB.1)');
    const chapter = chapterOf(bsec, 'TIP');
    expect(chapter.sections.map((s) => s.title)).toContain('4.2 Rates by state');
    const rates = figure(chapter.figures, '4.2');
    expect(rates.title).toBe('Trafficking in persons and smuggling of migrants: rates per 100,000 population by state, 2025');
    expect(rates.source).toBe('Member-state returns; population: the population reported in the returns (indicator POP).');
    expect(rates.columns.map((c) => c.title)).toEqual(['Indicator', 'State', 'Rate per 100,000', 'Regional median', 'Note', 'Imported from']);
    expect(tooltipTitles(rates)).toContain('{"field":"state","title":"State"}');
    const multiples = buildOverviewChapter(bsec, '3').figures[0]!;
    expect(multiples.columns.map((c) => c.title)).toContain('States added or dropped since the year before');
    expect(JSON.stringify(multiples.spec)).toContain('"reportedBy":"3 of 13 states"');
    // the data downloads keep their machine header whatever the group: a column of members is "state"
    expect(rates.columns.map((c) => c.field)).toEqual(figure(chapterOf(ix.WB6!, 'TIP').figures, '4.2').columns.map((c) => c.field));
  });
});

// Kosovo was "Kosovo" in every table, chart and list, and its designation a note in the returns chapter, on its own
// page and under each of the four maps (five times on one page): the regional organisations print "Kosovo*" wherever
// the name stands, and the footnote once per page.

const FOOTNOTE = '*This designation is without prejudice to positions on status, and is in line with UNSCR 1244/1999 and the ICJ Opinion on the Kosovo declaration of independence.';
const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

describe('Kosovo* carries its asterisk wherever its name stands, and each page that shows it the footnote once', () => {
  it('marks Kosovo* in a table cell, a chart label and tooltip, and a list, and speaks it plain in the text alternative', () => {
    const wb6 = ix.WB6!;
    const returns = buildReturnsChapter(wb6, '2');
    expect(String(returns.body)).toContain('<th scope="row" class="">Kosovo*</th>');
    expect(figure(returns.figures, '2.1').rows.map((r) => r.state)).toContain('Kosovo*');
    const rates = figure(chapterOf(wb6, 'TIP').figures, '4.2');
    // the axis's labels and the tooltip are the field's values, in the order the axis gives them
    const spec = rates.spec as unknown as { spec: { layer: { encoding: { y: { sort: string[] } } }[] } };
    expect(spec.spec.layer[0]!.encoding.y.sort).toEqual(['North Macedonia', 'Kosovo*', 'Albania', 'Serbia', 'Bosnia and Herzegovina', 'Montenegro']);
    expect(findings(wb6)).toContain('Among economies, the largest rise in a headline indicator was in Kosovo*, where victims of trafficking in persons detected went up by 8.3% to 65. (see Table XKX.1)');
    // a screen reader reads "Kosovo star" of "Kosovo*": the text alternative names it plain, the page's footnote,
    // which it reads too, gives the designation
    const map = figure(chapterOf(wb6, 'TIP').figures, '4.3');
    expect(map.description).toContain('From highest to lowest: North Macedonia (8.6), Kosovo* (4.1), Albania (3.7), Serbia (3.1).');
    expect(map.notes).toContain('Kosovo* has no ISO numeric code; its outline in the map data is matched by name.');
  });

  it('gives the footnote once on every page that shows the name, none elsewhere, and the written text alternative plain', async () => {
    const built = await buildReview(models.WB6!, PROJECT_ROOT);
    const file = (path: string) => String(built.files.find((f) => f.path === path)!.content);
    const index = file('index.html');
    expect(count(index, FOOTNOTE)).toBe(1);
    expect(index).toContain(`<aside class="designation" aria-label="Designation"><p>${FOOTNOTE}</p></aside>\n</main>`);
    expect(index).not.toContain('Kosovo: This designation');
    expect(count(file('states/XKX.html'), FOOTNOTE)).toBe(1);
    expect(file('states/XKX.html')).toContain('<h1 class="state-title">Kosovo*: economy profile 2025</h1>');
    expect(file('states/ALB.html')).not.toContain('This designation');
    // the server-rendered chart labels the axis with the asterisk; its text alternative, in the page and the spec, without
    expect(index).toMatch(/<text[^>]*>Kosovo\*<\/text>/);
    const written = JSON.parse(file('specs/fig-4-3.vl.json')) as { description: string };
    expect(written.description).toContain('From highest to lowest: North Macedonia (8.6), Kosovo (4.1), Albania (3.7), Serbia (3.1).');
    expect(index).toContain('<p id="fig-4-3-desc" class="figure-description">Map of the region shaded by victims of trafficking in persons detected per 100,000 population in 2025. From highest to lowest: North Macedonia (8.6), Kosovo (4.1),');
    expect(file('data/fig-2-1.csv')).toContain('\nKosovo*,');
    // a mark's spoken label names the member, where it read the data's field, "state: Kosovo", then "Economy: Bosnia
    // and Herzegovina; label: No return"; a reporting economy's count says "economies"
    expect(index).toContain('aria-label="Bosnia and Herzegovina: no return."');
    expect(index).toMatch(/aria-label="[^"]*, reported by \d of 6 economies[^"]*"/);
    expect(index).not.toMatch(/aria-label="[^"]*\b(state|label): /);
    // spoken plain, as the text alternative is, where the mark read "Economy: Kosovo*", "Kosovo star"; a map's member is an economy
    expect(index).toContain('aria-label="Kosovo, Trafficking in persons: victims detected: 4.1 per 100,000."');
    expect(index).toMatch(/aria-label="Kosovo, number per 100,000: 4\.1\."[^>]* aria-roledescription="economy"/);
    expect(index).not.toMatch(/aria-label="[^"]*Kosovo\*[^"]*\."/);
  }, 120_000);

  it('gives no footnote in a review where Kosovo stands nowhere (BSEC)', async () => {
    const built = await buildReview(models.BSEC!, PROJECT_ROOT);
    expect(built.files.filter((f) => String(f.content).includes('This designation')).map((f) => f.path)).toEqual([]);
  }, 120_000);
});
