import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReview, indicator, text, writeReturn, year } from './helpers/thin-returns.js';

// A coordinator's own, thin data instead of the bundled sample, through the real CLI (ingest, build, report):
// the review must read as a publication when there is one year, an empty chapter, a state with no figure at all,
// or a break in a headline series, never "2025–2025", "could not be compared" four times, an empty table or an
// empty panel without a word.

let first: string; // the first year of the assessment: three states, 2025 only, no firearms figure at all
let broken: string; // two years, a revision of 2023, a break in Romania's victims of trafficking in 2025
let none: string; // no return at all for 2025, two states' returns for 2024

beforeAll(async () => {
  [first, broken, none] = await Promise.all([
    buildReview((dir) => ['ROU', 'BGR', 'GRC'].map((s) => writeReturn(dir, s, 2025, (l) => year(l) === '2025' && !indicator(l).startsWith('FA_'))), { received: { 'GRC_2025.csv': '2026-02-01T10:00:00Z' } }),
    buildReview((dir) => [
      writeReturn(dir, 'BGR', 2024, () => true), // its 2024 return revises cybercrime offences of 2023
      writeReturn(dir, 'BGR', 2025, (l) => year(l) === '2025'),
      writeReturn(dir, 'ROU', 2024, (l) => year(l) === '2024'),
      writeReturn(dir, 'ROU', 2025, (l) => year(l) === '2025', (l) => l.replace(/^(ROU,2025,TIP_VIC,_T,_T,_T,_T,\d+),A,F,/, '$1,B,F,').replace(/^(ROU,2025,CYB_OFF,_T,_T,_T,_T,\d+),A,F,/, '$1,A,C,')),
    ]),
    buildReview((dir) => ['ROU', 'BGR'].map((s) => writeReturn(dir, s, 2024, (l) => year(l) === '2024'))),
  ]);
}, 240_000);

describe('the first year of the assessment (one year of figures, a chapter with none)', () => {
  it('gives a span of one year as the year, never "2025–2025"', () => {
    const files = [join(first, 'index.html'), ...readdirSync(join(first, 'states')).map((f) => join(first, 'states', f))];
    for (const file of files) expect(readFileSync(file, 'utf8'), file).not.toContain('2025\u20132025');
    const index = text(readFileSync(join(first, 'index.html'), 'utf8'));
    expect(index).toContain('cybercrime and corruption in the 13 member states of BSEC, 2025 ');
    expect(index).toContain('Headline indicators: regional totals, 2025 ');
    expect(index).toContain('across the region in 2025, the first year with figures.');
  });

  it('says once in the key findings that there is no year to compare with', () => {
    const index = text(readFileSync(join(first, 'index.html'), 'utf8'));
    expect(index).toContain('No member state has figures for 2024 in the warehouse, so no change on the year before can be given: the chapters show the 2025 levels. (see Figure 3.1)');
    expect(index).not.toContain('could not be compared');
    // and the coverage finding before it says what the totals cover, never that 'changes are compared like-for-like'
    expect(index).toContain('Serbia, Türkiye and Ukraine, so regional totals for 2025 cover only the states that returned. (see Figure 2.1)');
    expect(index).not.toContain('changes are compared like-for-like. (see Figure 2.1)');
    expect(index).toContain('No state reported comparable figures for both 2024 and 2025, so the like-for-like columns and the change are “–”.');
    expect(index).toContain('No like-for-like trend can be drawn: no indicator of this chapter has figures from the same state for two consecutive years up to 2025.');
    expect(index).toContain('which therefore cover only the states that returned.');
  });

  it('says a chapter no state reported is empty, once, and explains the empty panel', () => {
    const html = readFileSync(join(first, 'index.html'), 'utf8');
    expect(text(html)).toContain('No member state reported any figure on firearms trafficking for 2025, so this chapter has no figures.');
    expect(html).not.toContain('id="ch-5-trend"');
    expect(text(html)).toContain('The panel for firearms seized is empty: no member state reported it for 2025 (missing, not zero).');
  });

  it('gives a state with no figure at all no empty table and no "earlier returns"', () => {
    const page = readFileSync(join(first, 'states', 'AZE.html'), 'utf8');
    expect(text(/<p class="lede">([\s\S]*?)<\/p>/.exec(page)?.[1] ?? '')).toBe('No return for 2025 was received from Azerbaijan: it has no figure in this review.');
    expect(page).not.toContain('class="data indicators"');
    expect(text(page)).toContain('No indicator: Azerbaijan has no figure for 2025.');
    expect(text(page)).toContain('No rate to set against the median: Azerbaijan has no figure for 2025.');
    expect(text(page)).toContain('No return for 2025, and so no comments.');
    expect(text(page)).not.toContain('The return carried no comments');
  });

  it('writes one day late in the singular', () => {
    const html = readFileSync(join(first, 'index.html'), 'utf8');
    expect(html).toMatch(/<th scope="row"[^>]*>Greece<\/th><td[^>]*>1 February 2026<\/td><td[^>]*>1 day late<\/td>/);
    expect(html).not.toContain('1 days');
  });

  it('names the one state a breakdown rests on', () => {
    const index = text(readFileSync(join(first, 'index.html'), 'utf8'));
    expect(index).not.toMatch(/the 1 state/);
    // the other two sent one too, left out for a count below 5 in a part: not "the one state with a breakdown"
    expect(index).toMatch(/victims of trafficking in persons detected in the one state \((Bulgaria|Greece|Romania)\) whose breakdown can be shown \(2 more sent one: see the note to Figure 4\.\d\), /);
    expect(index).toMatch(/The region bar is the one state shown \((Bulgaria|Greece|Romania)\), so it repeats that state’s bar\./);
  });
});

describe('two years, a revision of an earlier year and a break in series', () => {
  it('titles a trend figure by the years its series start, not by the review’s first year', () => {
    const html = readFileSync(join(broken, 'index.html'), 'utf8');
    const figure = (id: string) => text(new RegExp(`<figure class="figure" id="${id}">([\\s\\S]*?)</figure>`).exec(html)?.[1] ?? '');
    expect(text(html)).toContain('in the 13 member states of BSEC, 2023–2025'); // Bulgaria's 2024 return revises its 2023 cybercrime offences
    expect(figure('fig-4-1')).toContain('like-for-like trends, 2024–2025 (index, first year = 100)');
    expect(figure('fig-4-1')).toContain('Each series starts at 100 in its first year with data (2024 unless stated in the data table).');
    expect(figure('fig-6-1')).toContain('Cybercrime: like-for-like trends, 2023–2025 (index, first year = 100)'); // cybercrime offences do start in 2023
  });

  it('names the one state a like-for-like change rests on, never "across the 1 state"', () => {
    const index = text(readFileSync(join(broken, 'index.html'), 'utf8'));
    expect(index).not.toMatch(/the 1 state/);
    // Romania's break leaves Bulgaria alone in the comparison of victims of trafficking
    expect(index).toMatch(/Victims of trafficking in persons detected (rose|fell) by [\d.]+% on 2024 in Bulgaria, the one state with comparable figures for both years\. \(see Table 3\.1 and Figure 4\.1\)/);
    expect(index).toMatch(/Like-for-like, the figure (rose|fell) by [\d.]+% on 2024 in Bulgaria, the one state with comparable figures for both years\./);
  });

  it('says a like-for-like change is withheld, not that no state reported both years', () => {
    // Romania's cybercrime offences of 2025 are confidential (C): the change over the states reporting both years
    // would include them
    const html = readFileSync(join(broken, 'index.html'), 'utf8');
    const index = text(html);
    expect(index).toContain('Offences recorded for cybercrime cannot be compared with 2024 in this review: the like-for-like change over the 2 states reporting both years is withheld, as it would include confidential figures.');
    expect(index).toContain('The like-for-like change over the 2 states that reported both years is withheld too: it would include confidential figures.');
    expect(index).toContain('The like-for-like figures and change are withheld (“–”) where they would give a figure away: offences recorded for cybercrime (it would include confidential figures).');
    expect(index).not.toContain('No state reported both 2024 and 2025, so no like-for-like change can be given');
  });

  it('names a break in a headline series under the regional totals it moves', () => {
    const index = text(readFileSync(join(broken, 'index.html'), 'utf8'));
    expect(index).toContain('A break in series (flag B) makes a state’s figure not comparable with its earlier years, so the regional total moves with it: victims of trafficking in persons detected in 2025 (Romania).');
  });

  it('says a state with no figure in any year shown has none, naming the years', () => {
    const page = readFileSync(join(broken, 'states', 'AZE.html'), 'utf8');
    expect(text(/<p class="lede">([\s\S]*?)<\/p>/.exec(page)?.[1] ?? '')).toBe('No return for 2025 was received from Azerbaijan, and this review holds no figure from it for 2023–2024 either: it has no figure in this review.');
  });
});

describe('a year no member has returned yet', () => {
  it('says so once, in the key findings and the returns chapter, not "0 of the 13" and "cover fewer states"', () => {
    const html = readFileSync(join(none, 'index.html'), 'utf8');
    const index = text(html);
    const findings = text(/<section class="chapter" id="ch-1">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '');
    expect(findings).not.toContain('No member state reported');
    expect(index).toContain('None of the 13 member states has returned data for 2025: this review has no figure for 2025, and its chapters show 2024 only. (see Figure 2.1)');
    expect(index).not.toContain('0 of the 13');
    // every file came in on 20 January 2025, before 2025 was over: "by the deadline" would claim what no file says
    expect(index).toContain('Every file this review rests on was received by 20 January 2025, before 2025 was over and the deadline of 31 January 2026 had come: by then, none of the 13 member states had returned their data for 2025. No return has been received yet from any member state (');
    expect(index).toContain('): this review has no figure for 2025 and shows 2024 only. Missing figures are never counted as zero.');
  });
});
