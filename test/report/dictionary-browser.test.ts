import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDictionaryHtml } from '../../src/report/build-dictionary.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../../src/report/print-pdf.js';
import { loadTestReference, tempDir } from '../helpers/warehouse.js';

// The data dictionary's HTML page as a focal point opens it from disk, in Chromium (as test/report/browser.test.ts;
// CRIMETRENDS_SKIP_BROWSER=1 skips it on a machine without the browser).
const isSkipped = process.env.CRIMETRENDS_SKIP_BROWSER === '1';

let browser: Browser;
let file: string;
beforeAll(async () => {
  if (isSkipped) return;
  file = join(tempDir(), 'dictionary.html');
  writeFileSync(file, buildDictionaryHtml(await loadTestReference()));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
});

/** The page at `width` px: its sideways scroll, the tables wider than their box, the indicators' column widths. */
async function layoutAt(width: number): Promise<{ pageWidth: number; wide: string[]; unwrapped: number; columns: Record<string, number>; requests: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const requests: string[] = [];
  page.on('request', (request) => {
    if (request.url() !== pathToFileURL(file).href) requests.push(request.url());
  });
  await page.goto(pathToFileURL(file).href);
  const layout = await page.evaluate(() => ({
    pageWidth: document.documentElement.scrollWidth,
    wide: [...document.querySelectorAll<HTMLElement>('.table-wrap')].filter((b) => b.scrollWidth > b.clientWidth + 1).map((b) => b.closest('section')?.id ?? ''),
    unwrapped: [...document.querySelectorAll('table')].filter((t) => !t.parentElement?.classList.contains('table-wrap')).length,
    columns: Object.fromEntries([...document.querySelectorAll('#indicators thead th')].map((th) => [th.textContent, Math.round(th.getBoundingClientRect().width)])),
  }));
  await page.close();
  return { ...layout, requests };
}

describe.skipIf(isSkipped)('the data dictionary in a real browser (Chromium, file://)', () => {
  it('on a 1280 px screen every table fits, the indicators\' definitions in a column of 224 px or more (it was 137 px)', async () => {
    const layout = await layoutAt(1280);
    expect(layout.pageWidth).toBe(1280);
    expect(layout.wide).toEqual([]);
    expect(layout.columns.Definition).toBeGreaterThanOrEqual(224);
    expect(layout.requests).toEqual([]);
  });

  it('on a phone (390 px) the page never scrolls sideways: a wider table scrolls in its own box', async () => {
    const layout = await layoutAt(390);
    expect(layout.pageWidth).toBe(390);
    expect(layout.unwrapped).toBe(0);
    expect(layout.wide).toContain('indicators');
  });
});
