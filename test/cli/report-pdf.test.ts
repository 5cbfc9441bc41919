import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/warehouse.js';
import { PrintedPdf } from '../report/helpers/printed-pdf.js';
import { buildReviewWarehouse } from '../report/helpers/review-warehouse.js';

// Debian's Chromium at /usr/bin/chromium, as test/report/browser.test.ts: CRIMETRENDS_SKIP_BROWSER=1 skips this file.
const isSkipped = process.env.CRIMETRENDS_SKIP_BROWSER === '1';

/** Table 8.1's profiles in the sample review (five members return, the other eight are listed all the same). */
const PROFILES = ['ALB', 'ARM', 'AZE', 'BGR', 'GEO', 'GRC', 'MDA', 'MKD', 'ROU', 'RUS', 'SRB', 'TUR', 'UKR'];

let warehouse: string;
let outs: string[];
let pdfs: Buffer[];

beforeAll(async () => {
  if (isSkipped) return;
  warehouse = await buildReviewWarehouse();
  // two folders at different depths, with different names: the PDF is to be the same bytes from either
  outs = [join(tempDir(), 'reports', '2025'), join(tempDir('crimetrends-elsewhere-'), 'a', 'much', 'longer', 'path', 'review')];
  pdfs = [];
  for (const out of outs) {
    const result = await runCli(['report', '--year', '2025', '--warehouse', warehouse, '--out', out, '--pdf', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, statePages: PROFILES.length, pdf: join(out, 'review.pdf') });
    pdfs.push(readFileSync(join(out, 'review.pdf')));
  }
}, 300_000);

describe.skipIf(isSkipped)('crimetrends report --pdf: the printed review carries the state profiles it refers to', () => {
  it('prints every profile after the review, in Table 8.1\'s order, each from a new page', () => {
    const index = readFileSync(join(outs[0]!, 'index.html'), 'utf8');
    expect([...index.matchAll(/<a href="states\/([A-Z]{3})\.html">/g)].map((m) => m[1])).toEqual(PROFILES);
    const pdf = new PrintedPdf(pdfs[0]!);
    // the annex is the review's last chapter: every profile starts on a page of its own after it, one after the other
    const annex = pdf.pageOf('annex');
    const starts = PROFILES.map((iso3) => pdf.pageOf(`state-${iso3}`));
    expect(starts[0]).toBeGreaterThan(annex);
    for (const [i, page] of starts.entries()) if (i > 0) expect(page, PROFILES[i]).toBeGreaterThan(starts[i - 1]!);
    expect(pdf.pages.length).toBeGreaterThanOrEqual(annex + PROFILES.length);
  });

  it('holds a profile\'s heading as its page states it, in the PDF\'s outline, pointing to the profile\'s first page', () => {
    const heading = /<h1 class="state-title">([^<]+)<\/h1>/.exec(readFileSync(join(outs[0]!, 'states', 'ALB.html'), 'utf8'))?.[1];
    expect(heading).toBe('Albania: state profile 2025');
    const pdf = new PrintedPdf(pdfs[0]!);
    const entry = new RegExp(`/Title \\(${heading}\\)\\n/Dest \\[(\\d+) 0 R`).exec(pdf.text);
    expect(entry).not.toBeNull();
    expect(pdf.pages.indexOf(Number(entry![1])) + 1).toBe(pdf.pageOf('state-ALB'));
  });

  it('makes "(see Table ALB.1)" and Table 8.1\'s state names links to the profile\'s pages in the PDF, not to a file', () => {
    const index = readFileSync(join(outs[0]!, 'index.html'), 'utf8');
    // the key finding that refers to Albania's table, as the review writes it
    expect(index).toContain('<a class="see" href="states/ALB.html#ind-TIP_VIC">(see Table ALB.1)</a>');
    const pdf = new PrintedPdf(pdfs[0]!);
    expect(pdf.linkDests).toContain('ALB-ind-TIP_VIC');
    for (const iso3 of PROFILES) expect(pdf.linkDests).toContain(`state-${iso3}`);
    // the row of Trafficking in persons, victims, is on one of Albania's pages (before Armenia's)
    const row = pdf.pageOf('ALB-ind-TIP_VIC');
    expect(row).toBeGreaterThanOrEqual(pdf.pageOf('state-ALB'));
    expect(row).toBeLessThan(pdf.pageOf('state-ARM'));
    // every link stays within the document: none is a URI (was: file:///…/states/ALB.html#ind-TIP_VIC)
    expect(pdf.text).not.toMatch(/\/URI\b/);
    expect(pdf.text).not.toContain('file:');
  });

  it('gives in its printed contents the page each chapter, section and state profile starts on, with the profiles listed last', () => {
    const pdf = new PrintedPdf(pdfs[0]!);
    // the contents page, as drawn: an entry's title, its dot leader, then its page number, each a run of text
    const contents = `|${pdf.textOn(2).join('|')}|`;
    expect(contents).toContain('|Contents|');
    const printed = (title: string) => Number(new RegExp(`\\|${title}\\|[. ]+\\|(\\d+)\\|`).exec(contents)?.[1]);
    // "2 Returns and coverage . . . 4", "7 Corruption and money laundering . . . 25", "Albania . . . 36": where the
    // PDF's destinations for those headings are (Chromium has no target-counter(): the numbers are read and written in)
    expect([printed('Returns and coverage'), printed('Corruption and money laundering'), printed('Albania')]).toEqual([4, 25, 36]);
    expect(printed('Returns and coverage')).toBe(pdf.pageOf('ch-2'));
    expect(printed('Corruption and money laundering')).toBe(pdf.pageOf('ch-7'));
    expect(printed('Albania')).toBe(pdf.pageOf('state-ALB'));
    // a section too, and the last state, whose profile is the PDF's last page
    expect(printed('7\\.4 Breakdowns')).toBe(pdf.pageOf('ch-7-breakdowns'));
    expect(printed('Ukraine')).toBe(pdf.pages.length);
    // after the annex, "State profiles: Albania to Ukraine" (chapter 8's title and the states it spans) at Albania's page, then every state beneath in Table 8.1's order
    const names = ['Albania', 'Armenia', 'Azerbaijan', 'Bulgaria', 'Georgia', 'Greece', 'Moldova', 'North Macedonia', 'Romania', 'Russian Federation', 'Serbia', 'Türkiye', 'Ukraine'];
    const part = /\|A\|Methodology, flags and sources\|.*\|State profiles: Albania to Ukraine\|[. ]+\|(\d+)\|(.*)$/.exec(contents);
    expect(Number(part?.[1])).toBe(pdf.pageOf('state-ALB'));
    expect([...part![2]!.matchAll(/([^|.]+)\|[. ]+\|(\d+)\|/g)].map((m) => [m[1], Number(m[2])])).toEqual(
      names.map((name, i) => [name, pdf.pageOf(`state-${PROFILES[i]}`)]),
    );
  });

  it('heads every page of a profile with the profile\'s title beside the series\' title, and no page of the review itself', () => {
    const pdf = new PrintedPdf(pdfs[0]!);
    const names = ['Albania', 'Armenia', 'Azerbaijan', 'Bulgaria', 'Georgia', 'Greece', 'Moldova', 'North Macedonia', 'Romania', 'Russian Federation', 'Serbia', 'Türkiye', 'Ukraine'];
    const starts = PROFILES.map((code) => pdf.pageOf(`state-${code}`));
    const heads = (n: number) => pdf.textOn(n).filter((run) => run.endsWith(': state profile 2025'));
    // a profile's pages, its first to the one before the next profile's (Ukraine's to the PDF's last): its title runs
    // at the head of each (the first also has it as its heading), where they all said the series' title alone
    for (const [i, start] of starts.entries()) {
      const end = (starts[i + 1] ?? pdf.pages.length + 1) - 1;
      for (let n = start; n <= end; n++) {
        expect(pdf.textOn(n), `page ${n}`).toContain('Annual Assessment of Transnational Crime Trends');
        expect(new Set(heads(n)), `page ${n}`).toEqual(new Set([`${names[i]}: state profile 2025`]));
      }
    }
    // the colophon stays on Ukraine's last page (no page of its own), and the review's pages name no state
    expect(pdf.textOn(pdf.pages.length).some((run) => run.startsWith('Produced with crimetrends'))).toBe(true);
    for (let n = 2; n < starts[0]!; n++) expect(heads(n), `page ${n}`).toEqual([]);
  });

  it('keeps the HTML page\'s contents as they are on screen: no page numbers, no profiles listed', () => {
    const index = readFileSync(join(outs[0]!, 'index.html'), 'utf8');
    const nav = /<nav class="contents"[\s\S]*?<\/nav>/.exec(index)![0];
    expect(nav).toContain('<li><a href="#ch-2"><span class="n">2</span>Returns and coverage</a></li>');
    expect(nav).not.toContain('class="page"');
    expect(nav).not.toContain('Albania');
  });

  it('is the same bytes printed from two different folders', () => {
    expect(pdfs[1]!.length).toBe(pdfs[0]!.length);
    expect(pdfs[1]!.equals(pdfs[0]!)).toBe(true);
  });
});
