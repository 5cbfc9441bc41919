import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/warehouse.js';
import { PrintedPdf } from './helpers/printed-pdf.js';

// Debian's Chromium at /usr/bin/chromium, as test/report/browser.test.ts: CRIMETRENDS_SKIP_BROWSER=1 skips this file.
const isSkipped = process.env.CRIMETRENDS_SKIP_BROWSER === '1';

/** A run that is the running head or foot of a page: the series' title, a profile's title, the page number. */
const isRunning = (run: string) => run === 'Annual Assessment of Transnational Crime Trends' || run.endsWith(': state profile 2025') || /^\d+$/.test(run);

let pdf: PrintedPdf;
let out: string;

beforeAll(async () => {
  if (isSkipped) return;
  // the bundled sample, as the README's Quick start runs it, then printed: the paper edition a ministry circulates
  const warehouse = join(tempDir(), 'warehouse.duckdb');
  out = join(tempDir(), 'reports', '2025');
  const run = await runCli(['run', '--year', '2025', '--warehouse', warehouse, '--returns', join(PROJECT_ROOT, 'data/sample/returns'), '--out', out]);
  expect(run.code).toBe(0);
  const report = await runCli(['report', '--year', '2025', '--warehouse', warehouse, '--out', out, '--pdf', '--json']);
  expect(report.stderr).toBe('');
  expect(report.code).toBe(0);
  pdf = new PrintedPdf(readFileSync(join(out, 'review.pdf')));
}, 300_000);

describe.skipIf(isSkipped)('the sample review printed, page by page, as a reader of the paper edition sees it', () => {
  it('opens no page with a figure\'s or table\'s source or note, parted from it on the page before', () => {
    // the first text under the running head of every page after the title page: Figure 4.4 (its chart 200 mm tall)
    // left its second note, "3 ratios are not shown…", alone at the head of page 14
    const opening = pdf.pages.slice(1).map((_page, i) => [i + 2, pdf.textOn(i + 2).map((run) => run.trim()).find((run) => run !== '' && !isRunning(run))] as const);
    expect(opening.filter(([, run]) => run === undefined || /^(Note|Source|Sources)\b/.test(run))).toEqual([]);
    const pageOf = (start: string) => pdf.pages.findIndex((_page, i) => pdf.textOn(i + 1).some((run) => run.trim().startsWith(start))) + 1;
    expect([pageOf('FIGURE 4.4'), pageOf('3 ratios are not shown')]).toEqual([13, 13]);
    expect(pdf.pages.length).toBe(89);
  });

  it('prints each profile\'s table note under its table\'s last row, on the same page', () => {
    // Azerbaijan's note opened page 54 alone and Ukraine's page 89, their tables ending on the page before: the text
    // run just above each note on its page is now the last row's last cell, not the running head
    const above = (start: string) => {
      const page = pdf.pages.findIndex((_page, i) => pdf.textOn(i + 1).some((run) => run.trim().startsWith(start))) + 1;
      const runs = pdf.textOn(page).map((run) => run.trim()).filter((run) => run !== '');
      return [page, runs[runs.findIndex((run) => run.startsWith(start)) - 1]];
    };
    expect([above('Azerbaijan has no figure for 2025'), above('Trend: the direction over 2021–2025, the review’s last 5 years. A trend'), above('The Russian Federation has no figure for 2023–2025')])
      .toEqual([[54, '(4 of 5 years)'], [89, '(4 of 5 years)'], [77, 'no figure since 2022']]);
    // and no page of the 89 opens with any table's note
    const notes = new Set(readdirSync(join(out, 'states')).map((file) => /<p class="table-note">([^<]{0,30})/.exec(readFileSync(join(out, 'states', file), 'utf8'))?.[1] ?? '').filter((n) => n.length === 30));
    const opening = pdf.pages.slice(1).map((_page, i) => pdf.textOn(i + 2).map((run) => run.trim()).find((run) => run !== '' && !isRunning(run)) ?? '');
    expect(notes.size).toBeGreaterThan(3);
    expect(opening.filter((run) => [...notes].some((n) => run.startsWith(n)))).toEqual([]);
  });

  it('prints none of the screen\'s disclosures, download links or scroll hints', () => {
    const text = pdf.pages.map((_page, i) => pdf.textOn(i + 1).join('\n')).join('\n');
    for (const screenOnly of ['Description and data', 'Data (CSV)', 'Chart specification (Vega-Lite)', 'Scroll sideways', 'file://']) expect(text).not.toContain(screenOnly);
    // and the text is read at all: the figure the test above finds
    expect(text).toContain('FIGURE 4.4');
  });
});
