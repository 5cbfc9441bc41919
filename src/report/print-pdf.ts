import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { PipelineError } from '../errors.js';

/** Where Debian's Chromium lives; playwright-core drives it (no browser download). */
export const CHROMIUM = '/usr/bin/chromium';

/** The flags every headless run uses: no sandbox (containers), no GPU, and no network chatter of its own. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * Returns the review printed to PDF (A4, the print stylesheet, server-rendered charts) by headless Chromium, with
 * the dates and document id Chromium stamps into every PDF replaced by fixed values, so the same review gives the
 * same PDF.
 *
 * @throws PipelineError `CHROMIUM_MISSING` when no Chromium is installed.
 */
export async function printPdf(indexHtml: string, year: number, executablePath: string = CHROMIUM): Promise<Uint8Array> {
  if (!existsSync(executablePath)) {
    throw new PipelineError('CHROMIUM_MISSING', `--pdf needs Chromium, and ${executablePath} does not exist`, {
      hint: 'install it with "apt-get install -y chromium" (Debian/Ubuntu), or leave out --pdf; the HTML review is written either way',
    });
  }
  const { chromium } = await import('playwright-core').catch((error: unknown) => {
    throw new PipelineError('CHROMIUM_MISSING', 'the playwright-core package is not installed', { cause: error, hint: 'run "npm install" in the crimetrends folder' });
  });
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    // no scripts: print shows the server-rendered charts only, and the interactive ones that vega-embed draws after
    // 'load' (hidden in print, but still being laid out) made two prints of the same review differ now and then
    const page = await browser.newPage({ javaScriptEnabled: false });
    await page.route((url) => url.protocol !== 'file:', (route) => route.abort());
    await page.goto(pathToFileURL(indexHtml).href, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, tagged: true, outline: true });
    return normalizePdf(pdf, year);
  } finally {
    await browser.close();
  }
}

/**
 * Returns `pdf` with its creation and modification dates set to 1 February of the year after `year`, any document id
 * zeroed, and the ids of the tagged structure renumbered, keeping every byte offset (the replacements have the same
 * length).
 *
 * A structure element's id is Chromium's number of its DOM node (`(node00000352)`), and a node created now and then
 * while the page loads shifts every later number by one: two prints of the same review differed in those ids alone.
 * Each id becomes its rank among the ids of the document, which keeps their order (the id tree is sorted by them).
 */
export function normalizePdf(pdf: Uint8Array, year: number): Uint8Array {
  const text = Buffer.from(pdf).toString('latin1');
  const nodes = [...new Set(text.match(/\(node\d{8}\)/g) ?? [])].sort();
  const ranks = new Map(nodes.map((node, rank) => [node, `(node${String(rank + 1).padStart(8, '0')})`]));
  const fixed = text
    .replace(/\((D:\d{14})([^)]*)\)/g, (_m, stamp: string, zone: string) => `(${`D:${year + 1}0201000000`.slice(0, stamp.length)}${zone.replace(/[0-9]/g, '0')})`)
    .replace(/\/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]/g, (m) => m.replace(/[0-9A-Fa-f](?=[0-9A-Fa-f]*>)/g, '0'))
    .replace(/\(node\d{8}\)/g, (node) => ranks.get(node) ?? node);
  return Buffer.from(fixed, 'latin1');
}
