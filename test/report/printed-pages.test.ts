import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../../src/report/print-pdf.js';
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
    expect([pageOf('FIGURE 4.4'), pageOf('3 ratios are not shown')]).toEqual([12, 12]);
    expect(pdf.pages.length).toBe(84);
  });

  it('leaves no page holding the last lines of a section alone before a figure too tall to go under them', () => {
    // page 12 held the last three lines of section 4.3 alone, before Figure 4.4 on page 13: Figure 4.3 (four notes at
    // 9.6pt) left too little of page 11 for the section's text; at the tables' 8.5pt the whole text is on page 11
    const pages = (start: string) => pdf.pages.flatMap((_page, i) => (pdf.textOn(i + 1).some((run) => run.trim().startsWith(start)) ? [i + 1] : []));
    expect([pages('FIGURE 4.3'), pages('Taking the median of the states’ published ratios'), pages('per 100 prosecuted (each the median of 11 states). For drug'), pages('per 100 prosecuted (each the median of 11 states).'), pages('FIGURE 4.4')])
      .toEqual([[11], [11], [11], [11], [12]]);
  });

  it('prints each profile\'s table note under its table\'s last row, on the same page', () => {
    // Azerbaijan's note opened page 54 alone and Ukraine's page 89, their tables ending on the page before: the text
    // run just above each note on its page is now the last row's last cell, not the running head
    const above = (start: string) => {
      const page = pdf.pages.findIndex((_page, i) => pdf.textOn(i + 1).some((run) => run.trim().startsWith(start))) + 1;
      const runs = pdf.textOn(page).map((run) => run.trim()).filter((run) => run !== '');
      return [page, runs[runs.findIndex((run) => run.startsWith(start)) - 1]];
    };
    expect(above('Azerbaijan has no figure for 2025')).toEqual([49, '(4 of 5 years)']);
    expect(above('Trend: the direction over 2021–2025, the review’s last 5 years. A trend')).toEqual([84, '(4 of 5 years)']);
    expect(above('The Russian Federation has no figure for 2023–2025')).toEqual([73, 'no figure since 2022']);
    // and no page of the 84 opens with any table's note
    const notes = new Set(readdirSync(join(out, 'states')).map((file) => /<p class="table-note">([^<]{0,30})/.exec(readFileSync(join(out, 'states', file), 'utf8'))?.[1] ?? '').filter((n) => n.length === 30));
    const opening = pdf.pages.slice(1).map((_page, i) => pdf.textOn(i + 2).map((run) => run.trim()).find((run) => run !== '' && !isRunning(run)) ?? '');
    expect(notes.size).toBeGreaterThan(3);
    expect(opening.filter((run) => [...notes].some((n) => run.startsWith(n)))).toEqual([]);
  });

  it('sets every profile\'s table of indicators on A4 portrait with no heading or cell over two lines', async () => {
    // A4's column in print (210 mm less 2 × 18 mm margins): "Regional median, 2024" on one line squeezed Azerbaijan's and
    // the Russian Federation's indicator names to a word a line ("Money / laundering: / offences / recorded")
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ javaScriptEnabled: false, viewport: { width: Math.round((174 / 25.4) * 96), height: 1000 } });
      await page.emulateMedia({ media: 'print' });
      const most: Record<string, { width: number; sizes: string[]; heading: number[]; cells: number[] }> = {};
      for (const file of readdirSync(join(out, 'states')).sort()) {
        await page.goto(pathToFileURL(join(out, 'states', file)).href, { waitUntil: 'load' });
        most[file.slice(0, 3)] = await page.evaluate(() => {
          // the lines a cell's text takes: its text's boxes, one line where they overlap down the page
          const lines = (cell: Element) => {
            const boxes: DOMRect[] = [];
            const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              if ((node.textContent ?? '').trim() === '') continue;
              const range = document.createRange();
              range.selectNodeContents(node);
              boxes.push(...[...range.getClientRects()].filter((box) => box.width > 0));
            }
            boxes.sort((a, b) => a.top - b.top);
            let count = 0;
            let bottom = -Infinity;
            for (const box of boxes) {
              if (box.top >= bottom - 2) count++;
              bottom = Math.max(bottom, box.bottom);
            }
            return count;
          };
          const table = document.querySelector('table.indicators')!;
          const note = document.querySelector('.table-note');
          const heads = [...table.querySelectorAll('thead th')];
          const rows = [...table.querySelectorAll('tbody tr:not(.group)')];
          return {
            width: Math.round(table.getBoundingClientRect().width),
            // a note's type against its table's: 8.5pt both (the note was at 9.6pt)
            sizes: [getComputedStyle(note!).fontSize, getComputedStyle(table).fontSize],
            heading: heads.map(lines),
            cells: heads.map((_head, i) => Math.max(...rows.map((row) => (row.children[i] ? lines(row.children[i]!) : 0)))),
          };
        });
      }
      expect(Object.keys(most)).toHaveLength(13);
      for (const [state, { width, sizes, heading, cells }] of Object.entries(most)) {
        expect(width, state).toBeLessThanOrEqual(658);
        expect(sizes, state).toEqual(['11.3333px', '11.3333px']);
        expect(Math.max(...heading), `${state}: ${heading.join(' ')}`).toBeLessThanOrEqual(2);
        expect(Math.max(...cells), `${state}: ${cells.join(' ')}`).toBeLessThanOrEqual(2);
      }
      // the indicator names of the two whose median is of an earlier year: 4 lines before
      expect([most.AZE!.cells[0], most.RUS!.cells[0]]).toEqual([2, 2]);
      // "Regional median, 2024" over two lines, where it held one line and 134 px
      expect(most.AZE!.heading[6]).toBe(2);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('prints none of the screen\'s disclosures, download links or scroll hints', () => {
    const text = pdf.pages.map((_page, i) => pdf.textOn(i + 1).join('\n')).join('\n');
    for (const screenOnly of ['Description and data', 'Data (CSV)', 'Chart specification (Vega-Lite)', 'Scroll sideways', 'file://']) expect(text).not.toContain(screenOnly);
    // and the text is read at all: the figure the test above finds
    expect(text).toContain('FIGURE 4.4');
  });
});
