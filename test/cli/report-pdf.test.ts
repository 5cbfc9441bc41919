import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/warehouse.js';
import { buildReviewWarehouse } from '../report/helpers/review-warehouse.js';

// Debian's Chromium at /usr/bin/chromium, as test/report/browser.test.ts: CRIMETRENDS_SKIP_BROWSER=1 skips this file.
const isSkipped = process.env.CRIMETRENDS_SKIP_BROWSER === '1';

/** Table 8.1's profiles in the sample review (five members return, the other eight are listed all the same). */
const PROFILES = ['ALB', 'ARM', 'AZE', 'BGR', 'GEO', 'GRC', 'MDA', 'MKD', 'ROU', 'RUS', 'SRB', 'TUR', 'UKR'];

/** A PDF as Chromium writes it (its dictionaries uncompressed), read for its pages, named destinations and links. */
class PrintedPdf {
  readonly text: string;
  /** The page objects' numbers in page order (the page tree's leaves, left to right). */
  readonly pages: number[];

  constructor(bytes: Buffer) {
    this.text = bytes.toString('latin1');
    const catalog = /\/Type \/Catalog\n\/Pages (\d+) 0 R/.exec(this.text);
    this.pages = this.leaves(Number(catalog?.[1]));
  }

  /** Returns the dictionary of object `n`. */
  object(n: number): string {
    const start = this.text.indexOf(`\n${n} 0 obj\n`);
    expect(start, `object ${n}`).toBeGreaterThanOrEqual(0);
    return this.text.slice(start, this.text.indexOf('\nendobj', start));
  }

  private leaves(n: number): number[] {
    const node = this.object(n);
    const kids = /\/Kids \[([^\]]*)\]/.exec(node);
    return kids ? [...kids[1]!.matchAll(/(\d+) 0 R/g)].flatMap((kid) => this.leaves(Number(kid[1]))) : [n];
  }

  /** Returns the number (from 1) of the page a named destination (an element id) is on. */
  pageOf(name: string): number {
    const dests = this.object(Number(/\/Dests (\d+) 0 R/.exec(this.text)?.[1]));
    const page = new RegExp(`/${name} \\[(\\d+) 0 R`).exec(dests);
    expect(page, `destination ${name}`).not.toBeNull();
    return this.pages.indexOf(Number(page![1])) + 1;
  }

  /** The destinations of the link annotations, in the order written. */
  get linkDests(): string[] {
    return [...this.text.matchAll(/\/Subtype \/Link\n[^>]*?\/Dest \/([^\s/>]+)/g)].map((m) => m[1]!);
  }
}

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
}, 240_000);

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

  it('is the same bytes printed from two different folders', () => {
    expect(pdfs[1]!.length).toBe(pdfs[0]!.length);
    expect(pdfs[1]!.equals(pdfs[0]!)).toBe(true);
  });
});
