import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatRate } from '../../src/report/format-number.js';
import { buildMapFigure } from '../../src/report/pages/area/map-figure.js';
import { buildRatesFigure } from '../../src/report/pages/area/rates-figure.js';
import { fitRegionMap } from '../../src/report/maps/fit-region-map.js';
import { loadWorldAtlas } from '../../src/report/maps/load-world-atlas.js';
import { buildTrendFigure } from '../../src/report/pages/area/trend-figure.js';
import { buildKeyFindings } from '../../src/report/pages/build-key-findings.js';
import { buildProfilesChapter } from '../../src/report/pages/build-profiles-chapter.js';
import { buildOverviewChapter } from '../../src/report/pages/build-overview-chapter.js';
import { buildReturnsChapter } from '../../src/report/pages/build-returns-chapter.js';
import { buildStatePage } from '../../src/report/pages/build-state-page.js';
import { renderFileName } from '../../src/report/pages/render-file-name.js';
import { indexReview, type ReviewIndex } from '../../src/report/pages/review-index.js';
import type { ReviewModel } from '../../src/report/review-model.js';
import type { Reference } from '../../src/schema/reference.js';
import { PROJECT_ROOT } from '../../src/context.js';
import { loadTestReference } from '../helpers/warehouse.js';
import { buildSampleModel } from './helpers/sample-model.js';
import { bsecMembers } from './helpers/review-warehouse.js';

// The state profiles and a few sentences as an editor reads them: rows that say whose figure they are, a note for
// every symbol the table uses, imported values marked in the sparkline too, a lede and a figure description that
// read as English whatever the number of versions or figures.

let reference: Reference;
let model: ReviewModel;
let ix: ReviewIndex;
const text = (markup: unknown) => String(markup).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
const page = (iso3: string, from: ReviewIndex = ix) => buildStatePage(from, from.states.find((s) => s.iso3 === iso3)!);
const plain = (markup: unknown) => String(markup).replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
const rowHeads = (body: string) => [...body.matchAll(/<th scope="row">([^<]*)<\/th>/g)].map((m) => m[1]);

beforeAll(async () => {
  reference = await loadTestReference();
  model = buildSampleModel(reference);
  ix = indexReview(model);
});

describe('a state profile', () => {
  it('keeps the prefix of an indicator whose name is not its area’s, so no two rows read alike', () => {
    const heads = rowHeads(String(page('ALB').body));
    expect(heads).toEqual(expect.arrayContaining(['Corruption: offences recorded', 'Money laundering: offences recorded', 'Money laundering: persons convicted', 'Offences recorded', 'Firearms seized']));
    expect(heads.filter((h) => h === 'Offences recorded')).toHaveLength(5); // TIP, SOM, DRG, FA, CYB: each under its own area
  });

  it('explains every symbol its table uses, and none it does not: flags, imports, "<5" and "–"', () => {
    const note = text(/<p class="table-note">([\s\S]*?)<\/p>/.exec(String(page('ALB').body))?.[1]);
    // Albania's two years carry P flags only, no import and no count below 5: the note names what it prints
    expect(note).toContain('A superscript P flags a value as provisional (see the annex).');
    expect(note).toContain('“–”: no figure, or a change or rate that cannot be given (the two years are not comparable, or the unit has no rate per 100,000).');
    expect(note).not.toMatch(/E estimated|UNODC|Eurostat|&lt;5|left blank/);
    // Armenia's firearms surrendered hold UNODC's figures; a state with a count below 5 says what "<5" is
    expect(text(/<p class="table-note">([\s\S]*?)<\/p>/.exec(String(page('ARM').body))?.[1])).toContain('A value or sparkline marked UNODC holds figures imported from that source because the return had none.');
    const small = indexReview({ ...model, totals: model.totals.map((t) => (t.iso3 === 'ALB' && t.indicator === 'TIP_CNV' && t.year === 2025 ? { ...t, value: null, display: '<5', rate: null, change: null } : t)) });
    expect(text(/<p class="table-note">([\s\S]*?)<\/p>/.exec(String(page('ALB', small).body))?.[1])).toContain('“&lt;5”: a count below 5, not published (see the annex); its change and rate are not given either.');
  });

  it('marks a sparkline that holds imported values, naming the years', () => {
    // Armenia's firearms surrendered before 2020 come from UNODC; its 2024 and 2025 figures are its own
    const body = String(page('ARM').body);
    const row = /<tr id="ind-FA_SURR"><th scope="row">Firearms surrendered<\/th>([\s\S]*?)<\/tr>/.exec(body)?.[1] ?? '';
    expect(row).toMatch(/aria-label="2016–2025: [\d.]+ \(UNODC\), [\d.]+ \(UNODC\), [\d.]+ \(UNODC\), [\d.]+ \(UNODC\), [\d.]+, /);
    expect(row).toContain('<sup class="flag" title="2016, 2017, 2018, 2019 imported from UNODC: the return had no figure">UNODC</sup>');
    const own = /<tr id="ind-FA_SEIZED"><th scope="row">Firearms seized<\/th>([\s\S]*?)<\/tr>/.exec(body)?.[1] ?? '';
    expect(own).not.toContain('UNODC');
  });

  it('tells the versions of a return in a sentence that reads', () => {
    // Albania sent 2 versions and has no warnings; Armenia sent 1, with 1 warning, 20 days late
    expect(plain(/<p class="lede">([\s\S]*?)<\/p>/.exec(String(page('ALB').body))?.[1])).toBe(
      'Albania’s return for 2025 was first received on 5 January 2026, by the deadline. Of the 2 versions received, the one in force (ALB_2025.csv, received on 5 January 2026) was accepted with 300 rows and no warnings.',
    );
    expect(plain(/<p class="lede">([\s\S]*?)<\/p>/.exec(String(page('ARM').body))?.[1])).toBe(
      'Armenia’s return for 2025 (ARM_2025.csv) was received on 20 February 2026, 20 days after the deadline, and accepted with 307 rows and 1 warning.',
    );
  });

  it('lets a file name break on a phone only before its . _ or -, never inside a word nor before its extension (was: break-all, "ROU_2025_annual_ret" / "urn_v2.csv")', () => {
    expect(String(page('ARM').body)).toContain('(<span class="file">ARM<wbr>_2025.csv</span>)');
    expect(String(renderFileName('MDA_2025_annual-return_final <v2>.xlsx'))).toBe('<span class="file">MDA<wbr>_2025<wbr>_annual<wbr>-return<wbr>_final &lt;v2&gt;.xlsx</span>');
    expect(String(renderFileName(null))).toBe('<span class="file"></span>');
    const css = readFileSync(join(PROJECT_ROOT, 'src/report/assets/review.css'), 'utf8');
    expect(css).toMatch(/\.file \{ word-break: normal; overflow-wrap: anywhere; \}/);
  });

  it('says what its quality counts are of: "1 of 37 series", "none", not a bare percentage under "Provisional"', () => {
    const body = String(page('ARM').body);
    const facts = [...body.matchAll(/<div><dt>([^<]*)<\/dt><dd>([^<]*)<\/dd><\/div>/g)].map((m) => [m[1], m[2]]);
    const q = ix.model.quality.find((x) => x.iso3 === 'ARM')!;
    const n = (share: number | null) => Math.round((share ?? 0) * q.seriesReported);
    expect(facts.find(([dt]) => dt === 'Provisional (P)')?.[1]).toBe(n(q.shareProvisional) === 0 ? 'none' : `${n(q.shareProvisional)} of ${q.seriesReported} series`);
    expect(facts.find(([dt]) => dt === 'Estimated (E)')?.[1]).toMatch(/^(none|\d+ of \d+ series)$/);
  });

  it('does not claim a standing against the median for a year the state has no figure for', () => {
    // Serbia sent no return for 2025 in the sample model: its figure, title and text end in 2024, its last rate
    const serbia = page('SRB').figures[0]!;
    expect(serbia.description).toMatch(/^Small multiples of Serbia’s rates per 100,000 for 6 headline indicators, 2016–2024, each against the regional median\. Serbia has no rate for 2025: the figure ends in 2024, its latest year with a rate, when it was above the median for (none|\d) of (them|the \d indicators with a 2024 rate)( \(.+\))?\.$/);
    expect(serbia.title).toBe('Serbia: headline rates per 100,000 against the regional median, 2016–2024');
    expect(Math.max(...serbia.rows.map((r) => Number(r.year)))).toBe(2024);
    // the Russian Federation with a figure: "the" in running text
    const russia = page('RUS').figures[0]!;
    expect(russia.description).toMatch(/^Small multiples of the Russian Federation’s rates .*\. In 2025 the Russian Federation was above the median for (none|\d+) of them/);
  });

  it('says "none" rather than "0 of them" and counts only the indicators with a figure that year', () => {
    const trimmed: ReviewModel = { ...model, totals: model.totals.filter((t) => !(t.iso3 === 'GRC' && t.year === 2025 && t.indicator === 'TIP_VIC')) };
    const greece = page('GRC', indexReview(trimmed)).figures[0]!;
    expect(greece.description).toMatch(/In 2025 Greece was above the median for (none|\d+) of the 5 indicators with a 2025 rate/);
    const below: ReviewModel = { ...model, regional: model.regional.map((r) => (r.year === 2025 ? { ...r, medianRate: r.medianRate === null ? null : 1e9 } : r)) };
    expect(page('GRC', indexReview(below)).figures[0]!.description).toContain('In 2025 Greece was above the median for none of them.');
  });
});

describe('the profile of a state that stopped reporting', () => {
  // The Russian Federation's last figures are for 2022, as in the sample review: no return for 2023–2025
  const stopped = (): ReviewIndex => {
    const totals = model.totals.filter((t) => !(t.iso3 === 'RUS' && t.year > 2022)).map((t) => (t.iso3 === 'RUS' && t.year === 2022 && t.indicator === 'TIP_VIC' ? { ...t, value: 114, change: 0.253, rate: 0.0812 } : t));
    const trends = model.trends.map((t) => (t.iso3 === 'RUS' ? { ...t, direction: 'insufficient' as const, slopePct: null, pValue: null, points: 2 } : t));
    const returns = model.returns.map((r) => (r.iso3 === 'RUS' ? { ...r, isReceived: false, fileName: null, firstReceived: null, lastReceived: null, daysLate: null, outcome: null, versions: 0, isInForce: false, rowsAccepted: 0 } : r));
    return indexReview({ ...model, totals, trends, returns, quality: model.quality.filter((q) => q.iso3 !== 'RUS'), comments: model.comments.filter((c) => c.iso3 !== 'RUS') });
  };
  const indicatorsOf = (body: unknown) => String(body).slice(String(body).indexOf('<section class="section" id="indicators">'));
  const cells = (body: string, code: string) => [...new RegExp(`<tr id="ind-${code}">([\\s\\S]*?)</tr>`).exec(body)?.[1]?.matchAll(/<td class="(?:num|trend)">([\s\S]*?)<\/td>/g) ?? []].map((m) => plain(m[1]));

  it('shows its latest two years, their change and rate, and the regional median of its latest year (was: 2024 and 2025 all "–" beside the 2025 median)', () => {
    const sx = stopped();
    const body = indicatorsOf(page('RUS', sx).body);
    expect(plain(/<caption>([\s\S]*?)<\/caption>/.exec(body)?.[1])).toBe('Table RUS.1 Indicators reported by the Russian Federation, 2016–2022 (latest figures: 2022; none for 2023–2025)');
    expect([.../<thead>([\s\S]*?)<\/thead>/.exec(body)![1]!.matchAll(/<th [^>]*>([^<]*)<\/th>/g)].map((m) => m[1])).toEqual(['Indicator', '2016–2022', '2021', '2022', 'Change', 'Per 100,000', 'Regional median, 2022', 'Trend']);
    const median2022 = sx.model.regional.find((r) => r.indicator === 'TIP_VIC' && r.year === 2022)!.medianRate!;
    const v2021 = sx.total('RUS', 'TIP_VIC', 2021)!.value!;
    expect(cells(body, 'TIP_VIC')).toEqual([v2021.toLocaleString('en-GB'), '114', '+25.3%', '0.08', formatRate(median2022), 'no figure since 2022']);
    expect(median2022).not.toBe(sx.model.regional.find((r) => r.indicator === 'TIP_VIC' && r.year === 2025)!.medianRate);
  });

  it('says so in the lede and the table note, and tells its standing against the median of 2022 in the figure', () => {
    const sx = stopped();
    const result = page('RUS', sx);
    const body = String(result.body);
    expect(plain(/<p class="lede">([\s\S]*?)<\/p>/.exec(body)?.[1])).toBe('No return for 2025 was received from the Russian Federation, and this review holds no figure from it for 2023–2024 either: its latest figures, shown here, are for 2022, from its earlier returns.');
    expect(plain(/<p class="table-note">([\s\S]*?)<\/p>/.exec(body)?.[1])).toMatch(/^The Russian Federation has no figure for 2023–2025: the columns give its latest two years, 2021 and 2022, the change between them, its rate per 100,000 and the regional median of 2022\. Trend: the direction over 2021–2025, the review’s last 5 years, taken from the years in it with a figure; a series with fewer than 4 such years has none\. “–”: no figure/);
    const figure = result.figures[0]!;
    expect(figure.title).toBe('Russian Federation: headline rates per 100,000 against the regional median, 2016–2022');
    expect(figure.description).toMatch(/^Small multiples of the Russian Federation’s rates per 100,000 for 6 headline indicators, 2016–2022, each against the regional median\. The Russian Federation has no rate for 2023–2025: the figure ends in 2022, its latest year with a rate, when it was above the median for (none|\d) of them( \(.+\))?\.$/);
    // its comments came with its returns for earlier years: there is no return for 2025 they could be "from"
    expect(body).toContain('<section class="section" id="comments"><h2>Comments from its earlier returns</h2>');
    expect(String(page('ALB').body)).toContain('<section class="section" id="comments"><h2>Comments from the return</h2>');
    // the figure's data (its CSV) ends in 2022 too, and its standing is that of the rows it holds for 2022
    expect(Math.max(...figure.rows.map((r) => Number(r.year)))).toBe(2022);
    const above = [...new Set(figure.rows.map((r) => String(r.panel)))].filter((panel) => {
      const at = (series: string) => figure.rows.find((r) => r.panel === panel && r.series === series && r.year === 2022)?.rate as number | null | undefined;
      return at('Russian Federation') != null && at('Regional median') != null && at('Russian Federation')! > at('Regional median')!;
    });
    expect(figure.description).toContain(`above the median for ${above.length === 0 ? 'none' : above.length} of them`);
  });

  it('is announced as such by the profiles chapter: "the values of its latest two years", not "the last two values" of 2024 and 2025', () => {
    expect(plain(buildProfilesChapter(ix, '8').body)).toContain('a sparkline of the series over the years the state has figures for (2016–2025 at most), the values of its latest two years (2024 and 2025, or the latest two it has figures for, which its page names) and the change between them, the rate per 100,000 against the regional median of the same year, the multi-year direction');
    // its table counts the comments on each page, of every year: beside 'Not received', a bare 'Comments' read as the return's
    expect(String(buildProfilesChapter(ix, '8').body)).toMatch(/<th[^>]*>Completeness<\/th>\s*<th[^>]*>Comments, all years<\/th>/);
  });

  it('reads the same way for a state missing only the reference year (Serbia in the sample: latest figures 2024)', () => {
    const body = String(page('SRB').body);
    const table = indicatorsOf(body);
    expect(plain(/<p class="lede">([\s\S]*?)<\/p>/.exec(body)?.[1])).toBe('No return for 2025 was received from Serbia: its latest figures, shown here, are for 2024, from its earlier returns.');
    expect(plain(/<caption>([\s\S]*?)<\/caption>/.exec(table)?.[1])).toBe('Table SRB.1 Indicators reported by Serbia, 2016–2024 (latest figures: 2024; none for 2025)');
    expect([.../<thead>([\s\S]*?)<\/thead>/.exec(table)![1]!.matchAll(/<th [^>]*>([^<]*)<\/th>/g)].map((m) => m[1]).slice(2, 7)).toEqual(['2023', '2024', 'Change', 'Per 100,000', 'Regional median, 2024']);
    expect(plain(/<p class="table-note">([\s\S]*?)<\/p>/.exec(body)?.[1])).toMatch(/^Serbia has no figure for 2025: the columns give its latest two years, 2023 and 2024, /);
    // a state that reported for 2025 keeps 2024 and 2025 and the plain heading
    const albania = indicatorsOf(page('ALB').body);
    expect([.../<thead>([\s\S]*?)<\/thead>/.exec(albania)![1]!.matchAll(/<th [^>]*>([^<]*)<\/th>/g)].map((m) => m[1]).slice(2, 7)).toEqual(['2024', '2025', 'Change', 'Per 100,000', 'Regional median']);
    expect(plain(/<caption>([\s\S]*?)<\/caption>/.exec(albania)?.[1])).toBe('Table ALB.1 Indicators reported by Albania, 2016–2025');
  });
});

describe('a state trend taken from fewer years than the window', () => {
  // The sample review's Azerbaijan (no return for 2025) and Ukraine (none for 2022) have trends over 2021–2025 resting
  // on 4 of its 5 years, which read as plain 'rising' and 'no clear trend' beside states with all 5
  const withPoints = (changes: Record<string, number>): ReviewIndex => indexReview({
    ...model,
    trends: model.trends.map((t) => (t.iso3 !== null && `${t.iso3}|${t.indicator}` in changes ? { ...t, direction: 'rising' as const, points: changes[`${t.iso3}|${t.indicator}`]! } : t)),
  });
  const trendCell = (body: string, code: string) => plain(new RegExp(`<tr id="ind-${code}">[\\s\\S]*?<td class="trend">([\\s\\S]*?)</td>`).exec(body)?.[1]);
  const note = (body: string) => plain(/<p class="table-note">([\s\S]*?)<\/p>/.exec(body)?.[1]);

  it('says on how many years, "rising (4 of 5 years)", for a state without a figure for the reference year (was: "rising")', () => {
    const sx = withPoints({ 'SRB|TIP_VIC': 4, 'SRB|FA_SEIZED': 5 });
    const body = String(page('SRB', sx).body);
    expect(trendCell(body, 'TIP_VIC')).toBe('rising (4 of 5 years)');
    expect(trendCell(body, 'FA_SEIZED')).toBe('rising');
    // the mark stands on a line of its own under the direction, so the column is no wider: on one line it made the
    // sample's Table AZE.1 781 px wide in the page's 760 px column, scrolling sideways on a desktop screen
    expect(body).toContain('<td class="trend">rising <span class="trend-years">(4 of 5 years)</span></td>');
    const css = readFileSync(join(PROJECT_ROOT, 'src/report/assets/review.css'), 'utf8');
    expect(css).toMatch(/table\.data \.trend \.trend-years \{ display: block;/);
    expect(note(body)).toContain('a series with fewer than 4 such years has none. A trend followed by “(4 of 5 years)” is taken from only those years of the window: a year without a figure, or before a break in series (B), is left out. “–”');
  });

  it('marks it for a state with a gap inside the window too, and names the window in the note', () => {
    const sx = withPoints({ 'ALB|CYB_OFF': 4 });
    const body = String(page('ALB', sx).body);
    expect(trendCell(body, 'CYB_OFF')).toBe('rising (4 of 5 years)');
    expect(note(body)).toMatch(/^Trend: the direction over 2021–2025, the review’s last 5 years\. A trend followed by “\(4 of 5 years\)” is taken from only those years of the window: a year without a figure, or before a break in series \(B\), is left out\. A superscript P flags/);
    // every trend of the window's 5 years: no mark, no sentence
    const full = String(page('ALB').body);
    expect(full).not.toContain(' of 5 years)');
    expect(note(full)).toMatch(/^A superscript P flags a value as provisional/);
  });
});

describe('sentences about states', () => {
  it('names one state with provisional figures in a sentence that reads', () => {
    const one: ReviewModel = { ...model, totals: model.totals.map((t) => ({ ...t, status: t.year === 2025 && t.iso3 === 'RUS' && t.indicator === 'TIP_VIC' ? 'P' : 'A' })) };
    const findings = buildKeyFindings(indexReview(one), {}, 'annex').map(text);
    expect(findings).toContain('The Russian Federation’s 2025 figures include a provisional value, which may be revised in next year’s returns. (see Table RUS.1)');
    const two: ReviewModel = { ...model, totals: model.totals.map((t) => ({ ...t, status: t.year === 2025 && ['RUS', 'GEO'].includes(t.iso3) && t.indicator === 'TIP_VIC' ? 'P' : 'A' })) };
    const last = String(buildKeyFindings(indexReview(two), {}, 'annex').at(-1));
    expect(text(last)).toMatch(/^The 2025 figures of 2 states \(Georgia and the Russian Federation\) include provisional values, which may be revised in next year’s returns\. \(see Tables GEO\.1 and RUS\.1 ?\)$/);
    expect(last).toContain('(see Tables <a href="states/GEO.html#indicators">GEO.1</a> and <a href="states/RUS.html#indicators">RUS.1</a>)');
  });
});

describe('the like-for-like index', () => {
  it('compares no state in a series’ base year: "–", not 0', () => {
    const chapter = ix.chapters.find((c) => c.areas.some((a) => a.area === 'TIP'))!;
    const figure = buildTrendFigure(ix, chapter, { id: 'fig-4-1', number: '4.1' })!;
    const victims = figure.rows.filter((r) => r.panel === 'Trafficking in persons: victims detected');
    expect(victims[0]).toMatchObject({ year: 2016, index: 100, states: null });
    // 2017: the 13 states with victims in 2016 and 2017 (ALB ARM AZE BGR GEO GRC MDA MKD ROU RUS SRB TUR UKR), whose
    // 2016 figures add up to 2,879 (25+48+281+554+273+240+282+111+380+272+65+129+219) and 2017's to 2,946
    // (23+54+201+615+314+262+325+133+337+285+55+130+212): 100 × 2,946 / 2,879 = 102.327197
    expect(victims[1]).toMatchObject({ year: 2017, index: 102.327197, states: 13 });
  });
});

describe('the printed profile', () => {
  it('keeps an area’s heading row with its first indicator and never splits a row across pages', async () => {
    // checked by printing GEO's profile with Chromium: "Firearms trafficking" and "Corruption and money laundering"
    // ended pages 2 and 3 with their rows on the next
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { PROJECT_ROOT } = await import('../../src/context.js');
    const css = readFileSync(join(PROJECT_ROOT, 'src/report/assets/review.css'), 'utf8');
    const print = css.slice(css.indexOf('@media print'));
    expect(print).toContain('table.data tr { break-inside: avoid; }');
    expect(print).toContain('table.data tr.group { break-after: avoid; }');
  });
});

describe('the rates figure\'s text alternative', () => {
  const rates = (area: string) => buildRatesFigure(ix, ix.chapters.find((c) => c.areas.some((a) => a.area === area))!, { id: 'fig-9-1', number: '9.1' })!.description;

  it('reads out every panel of the chart, not only the first (was: "3 indicators side by side" and one described)', () => {
    expect(rates('TIP')).toBe(
      'Bar chart of rates per 100,000 population in 2025 by state, 3 indicators side by side. Victims of trafficking in persons detected: highest in Bulgaria (2.1), lowest in Azerbaijan (0.15), regional median 0.76. Serbia gave no figure. Offences recorded for smuggling of migrants: highest in Armenia (2.7), lowest in Azerbaijan (0.26), regional median 0.63. Romania and Serbia gave no figure. Drug seizures (kilograms): highest in Ukraine (9.8), lowest in Armenia (1.1), regional median 3.1. Serbia gave no figure.',
    );
  });

  it('names a state as prose does: "the Russian Federation" (was: "highest in Russian Federation")', () => {
    expect(rates('FA')).toBe('Bar chart of rates per 100,000 population in 2025 by state. Firearms seized: highest in the Russian Federation (2.3), lowest in Armenia and Bulgaria (both 0.33), regional median 0.72. Serbia gave no figure.');
  });
});

describe('Figure 2.1\'s note', () => {
  it('uses the typographic apostrophe the rest of the review uses (was a straight one, "catalogue\'s")', () => {
    const note = buildReturnsChapter(ix, '2').figures[0]!.notes[0]!;
    expect(note).toBe('Completeness is the share of the indicator catalogue\u2019s series (indicator totals) that a return reported for 2025. On time means received by 31 January 2026.');
  });
});

describe('Table 3.1\'s footnotes', () => {
  it('say once what rows share: "Not reported for 2025 by Serbia." for the 4 headlines Serbia alone did not report (was 4 footnotes alike but for the indicator\'s name)', () => {
    const body = String(buildOverviewChapter(ix, '3').body);
    const notes = [...(/<ol class="footnotes">([\s\S]*?)<\/ol>/.exec(body)?.[1] ?? '').matchAll(/<li id="(fn-ch3-\d+)">(.*?) <a /g)].map((m) => `${m[1]} ${m[2]}`);
    expect(notes).toEqual([
      'fn-ch3-1 Not reported for 2025 by Serbia.',
      'fn-ch3-2 Not reported for 2025 by Romania and Serbia.',
      'fn-ch3-3 Cybercrime: offences recorded: Moldova reported 2025 but is not compared (no comparable 2024 figure, a break in series, or a count published as “&lt;5”).',
      'fn-ch3-4 Not reported for 2025 by Georgia and Serbia.',
      'fn-ch3-5 Corruption: offences recorded: Ukraine reported 2025 but is not compared (no comparable 2024 figure, a break in series, or a count published as “&lt;5”).',
    ]);
    // each reference has an id of its own; all four of note 1's lead to it
    const refs = [...body.matchAll(/<a href="#(fn-ch3-\d+)" id="(fnref-ch3-[\d-]+)">/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(refs).toEqual(['fn-ch3-1 fnref-ch3-1', 'fn-ch3-2 fnref-ch3-2', 'fn-ch3-1 fnref-ch3-1-2', 'fn-ch3-1 fnref-ch3-1-3', 'fn-ch3-3 fnref-ch3-3', 'fn-ch3-4 fnref-ch3-4', 'fn-ch3-5 fnref-ch3-5', 'fn-ch3-1 fnref-ch3-1-4']);
    expect(new Set(refs.map((r) => r.split(' ')[1])).size).toBe(refs.length);
  });
});

describe('the map\'s text alternative', () => {
  it('names the states without a figure as prose does: "No figure: the Russian Federation and Serbia" (was "No figure: Russian Federation and Serbia")', () => {
    // Russia gave no figure at all: out of the totals and of the regional totals' reporting states alike (in them it
    // would be a member whose figure is confidential)
    const without = indexReview({ ...model, totals: model.totals.filter((t) => t.iso3 !== 'RUS'), regional: model.regional.map((r) => ({ ...r, reportingStates: r.reportingStates.filter((s) => s !== 'RUS') })) });
    const members = bsecMembers(reference);
    const chapter = without.chapters.find((c) => c.areas.some((a) => a.area === 'TIP'))!;
    const figure = buildMapFigure(without, chapter, fitRegionMap(loadWorldAtlas(), members), { id: 'fig-9-1', number: '9.1' })!;
    expect(figure.description).toMatch(/ No figure: the Russian Federation and Serbia\.$/);
  });
});
