import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PipelineError } from '../errors.js';
import { readPdf } from './read-pdf.js';

/** Where Debian's Chromium lives; playwright-core drives it (no browser download). */
export const CHROMIUM = '/usr/bin/chromium';

/** The flags every headless run uses: no sandbox (containers), no GPU, and no network chatter of its own. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * The most prints that `printPdf` makes to number the contents: the first, with a placeholder in each page number's
 * slot, gives the pages; the second, with the numbers written, is kept when its pages are the same (they are: a slot
 * keeps its width); a third, were a page moved (a number wider than its slot, the contents grown by a page), is kept
 * when its pages are the second's, else printing fails (an internal error).
 */
const PASSES = 3;

/**
 * Returns the review printed to PDF (A4, the print stylesheet, server-rendered charts) by headless Chromium, followed
 * by every state profile that Table 8.1 lists, in its order, each from a new page (see `bindProfiles`); its contents
 * giving each entry's page, and listing the profiles (see `extendContents`); with the dates and document id Chromium
 * stamps into every PDF replaced by fixed values, so the same review gives the same PDF.
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
    // the profiles' own pages, as written: a reference to one ("see Table ALB.1", Table 8.1) pointed nowhere on paper
    const listed = await page.evaluate(listProfiles);
    const profiles = listed.map(({ href }) => ({ href, html: readFileSync(join(dirname(indexHtml), href), 'utf8') }));
    await page.evaluate(bindProfiles, profiles);
    await page.evaluate(keepNotesWithTables);
    const targets = await page.evaluate(extendContents, listed.map(({ href, name }) => ({ id: `state-${href.replace(/^.*\//, '').replace(/\.html$/, '')}`, name })));
    await page.emulateMedia({ media: 'print' });
    // Chromium has no target-counter(): print, read the page each entry's destination lands on, write the numbers in,
    // and print again, until a print's pages are the numbers it shows (see PASSES)
    let numbers: number[] = [];
    for (let pass = 1; pass <= PASSES; pass++) {
      const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, tagged: true, outline: true });
      const { destinations } = readPdf(pdf);
      const landed = targets.map((id) => destinations.get(id) ?? 0);
      const lost = targets.find((_id, i) => !landed[i]);
      if (lost !== undefined) throw new Error(`the printed contents' entry #${lost} is on no page of the PDF (no destination ${lost})`);
      if (pass > 1 && landed.every((n, i) => n === numbers[i])) return normalizePdf(pdf, year);
      numbers = landed;
      await page.evaluate(writePageNumbers, numbers);
    }
    throw new Error(`the printed contents' page numbers moved the pages they give in each of ${PASSES} prints`);
  } finally {
    await browser.close();
  }
}

/**
 * Returns, in the page (scripts off: Playwright's evaluation still runs), the links of Table 8.1 (the review's one
 * table that links to the state profiles) in its order, each with the state's name as the table gives it.
 */
function listProfiles(): { href: string; name: string }[] {
  // no named helper (here or in the functions below): tsx, which runs the sources, names one with a `__name` undefined in the page
  const links = [...document.querySelectorAll('table.data')]
    .map((table) => [...table.querySelectorAll('a[href]')]
      .map((a) => ({ href: a.getAttribute('href') ?? '', name: (a.textContent ?? '').replace(/\s+/g, ' ').trim() }))
      .filter(({ href }) => /^states\/[^/?#]+\.html$/.test(href)))
    .find((found) => found.length > 0) ?? [];
  return links.filter(({ href }, i) => links.findIndex((link) => link.href === href) === i);
}

/**
 * Returns, in the page, the id each entry of the printed contents points to, in order, having added an entry named
 * as chapter 8 is, with the states it spans ("State profiles: Albania to Ukraine") last, with each state's name beneath (its link to the profile's `state-ALB`), and to every entry a slot
 * for its page number after a dot leader (`<span class="title">…</span><span class="leader"></span><span
 * class="page">`), right-aligned, in print only: the HTML page's contents are as they are on screen.
 *
 * A slot has a fixed width and holds a placeholder digit until {@link writePageNumbers} writes the page, so that
 * writing the numbers moves nothing.
 */
function extendContents(states: { id: string; name: string }[]): string[] {
  const list = document.querySelector('nav.contents > ol');
  if (list === null) return [];
  if (states.length > 0) {
    const entry = document.createElement('li');
    entry.className = 'profiles';
    const heading = document.createElement('a');
    heading.setAttribute('href', `#${states[0]!.id}`);
    const number = document.createElement('span');
    number.className = 'n';
    // chapter 8's own title ("State profiles", "Economy profiles"), with the states it spans: the entry is not chapter 8's twin
    const table = document.querySelector(`table a[href="#${states[0]!.id}"]`)?.closest('section[id]');
    const chapter = table ? [...document.querySelectorAll(`nav.contents a[href="#${table.id}"]`)][0] : undefined;
    const title = chapter ? [...chapter.childNodes].filter((node) => !(node instanceof Element && node.classList.contains('n'))).map((node) => node.textContent ?? '').join('').trim() : 'Profiles';
    heading.append(number, states.length > 1 ? `${title}: ${states[0]!.name} to ${states[states.length - 1]!.name}` : `${title}: ${states[0]!.name}`);
    const beneath = document.createElement('ol');
    for (const state of states) {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.setAttribute('href', `#${state.id}`);
      link.textContent = state.name;
      item.append(link);
      beneath.append(item);
    }
    entry.append(heading, beneath);
    list.append(entry);
  }
  const links = [...list.querySelectorAll('a[href^="#"]')];
  for (const link of links) {
    const title = document.createElement('span');
    title.className = 'title';
    title.append(...[...link.childNodes].filter((node) => !(node instanceof Element && node.classList.contains('n'))));
    const leader = document.createElement('span');
    leader.className = 'leader';
    leader.setAttribute('aria-hidden', 'true');
    const slot = document.createElement('span');
    slot.className = 'page';
    slot.textContent = '0';
    link.append(title, leader, slot);
  }
  const style = document.createElement('style');
  // the leader's dots are set from its right, so they line up down a column; a title wraps beside its chapter's number
  // (level with its first line) and its page number (level with its last)
  style.textContent = `@media print {
  nav.contents ol li > a { display: flex; align-items: last baseline; padding-left: 0; text-indent: 0; }
  nav.contents a .n { flex: none; align-self: flex-start; }
  nav.contents a .title { flex: 0 1 auto; }
  nav.contents a .leader { flex: 1 1 0; min-width: 1.5em; margin: 0 0.25em; overflow: clip; white-space: nowrap; direction: rtl; color: #777; }
  nav.contents a .leader::before { content: "${'. '.repeat(100).trim()}"; }
  nav.contents a .page { flex: none; min-width: 1.8em; text-align: right; font-variant-numeric: tabular-nums; }
}`;
  document.head.append(style);
  return links.map((link) => decodeURIComponent((link.getAttribute('href') ?? '').slice(1)));
}

/** Writes, in the page, each entry's page number into its slot in the printed contents, in the entries' order. */
function writePageNumbers(numbers: number[]): void {
  for (const [i, slot] of [...document.querySelectorAll('nav.contents span.page')].entries()) slot.textContent = String(numbers[i] ?? '');
}

/**
 * Appends, in the page, each state profile's content to the review's, as `<section class="state-profile"
 * id="state-ALB">` starting a new page in print, and makes every link between the pages a link within the one
 * document, which Chromium prints as a link to a page of the PDF (was: a `file:///…/states/ALB.html` address, which
 * also made the PDF's bytes depend on the folder the review was in).
 *
 * The profiles share ids (`content`, `quality`, `indicators`…), so each id in a profile is prefixed with its page's
 * name (`ALB-ind-TIP_VIC`), and so is every reference to one (a link's fragment, `aria-labelledby`, `url(#…)`).
 * A link to a file the PDF does not hold (a figure's CSV or spec, hidden in print anyway) loses its address, which
 * Chromium would print as this machine's `file:///…` path; an image's source is made relative to the review again.
 * A profile's scripts (its charts' specs) are left out: the print has no scripts.
 */
function bindProfiles(profiles: { href: string; html: string }[]): void {
  const indexUrl = document.baseURI.replace(/#.*$/, '');
  const folder = indexUrl.replace(/[^/]*$/, '');
  const names = new Map<string, string>([[indexUrl, '']]);
  for (const profile of profiles) names.set(new URL(profile.href, indexUrl).href, profile.href.replace(/^.*\//, '').replace(/\.html$/, ''));
  const sections = profiles.map((profile) => {
    const from = new URL(profile.href, indexUrl).href;
    const name = names.get(from) ?? '';
    const source = new DOMParser().parseFromString(profile.html, 'text/html').querySelector('main');
    const section = document.createElement('section');
    section.className = 'state-profile';
    section.id = `state-${name}`;
    section.append(...[...(source?.childNodes ?? [])].map((node) => document.importNode(node, true)));
    for (const script of section.querySelectorAll('script')) script.remove();
    const referring = ['aria-labelledby', 'aria-describedby', 'aria-controls', 'aria-details', 'aria-owns', 'headers', 'for'];
    for (const element of section.querySelectorAll('*')) {
      for (const attribute of [...element.attributes]) {
        if (attribute.name === 'id') attribute.value = `${name}-${attribute.value}`;
        else if (referring.includes(attribute.name)) attribute.value = attribute.value.split(/\s+/).filter(Boolean).map((id) => `${name}-${id}`).join(' ');
        else if (attribute.value.includes('url(#')) attribute.value = attribute.value.replace(/url\(#/g, `url(#${name}-`);
      }
    }
    return { section, from };
  });
  for (const { section: root, from } of [{ section: document.body, from: indexUrl }, ...sections]) {
    for (const element of root.querySelectorAll('[href], [*|href]')) {
      for (const attribute of ['href', 'xlink:href']) {
        const href = element.getAttribute(attribute);
        if (href === null) continue;
        const url = new URL(href, from);
        const fragment = decodeURIComponent(url.hash.slice(1));
        const name = names.get(url.href.replace(/#.*$/, ''));
        if (name === '') element.setAttribute(attribute, `#${fragment || 'content'}`);
        else if (name !== undefined) element.setAttribute(attribute, `#${fragment ? `${name}-${fragment}` : `state-${name}`}`);
        else if (url.protocol === 'file:') element.removeAttribute(attribute);
      }
    }
    if (root === document.body) continue;
    for (const element of root.querySelectorAll('[src]')) {
      const url = new URL(element.getAttribute('src') ?? '', from);
      if (url.href.startsWith(folder)) element.setAttribute('src', url.href.slice(folder.length));
    }
  }
  // each profile is a named page whose running head names it at the right ("Albania: state profile 2025", its title
  // as the profile gives it), beside the series' title: the pages of a profile said nothing of whose they were
  const heads = sections.map(({ section }) => {
    const title = (section.querySelector('h1')?.textContent ?? '').replace(/\s+/g, ' ').trim().replace(/[\\"]/g, '\\$&');
    const name = CSS.escape(section.id);
    return `section#${name} { page: ${name}; }\n@page ${name} { @top-right { content: "${title}"; font: 8pt Helvetica, Arial, "Liberation Sans", sans-serif; color: #555; vertical-align: bottom; padding-bottom: 4mm; text-align: right; } }`;
  });
  // the colophon after the last profile stays on its last page (a page of another name would start a page of its own)
  const last = sections[sections.length - 1]?.section.id;
  if (last !== undefined) heads.push(`.site-footer { page: ${CSS.escape(last)}; }`);
  const style = document.createElement('style');
  style.textContent = `@media print { section.state-profile { break-before: page; } }\n${heads.join('\n')}`;
  document.head.append(style);
  document.querySelector('main')?.append(...sections.map((s) => s.section));
}

/**
 * Keeps, in the page, each table's note under the table's last row: the row and the note (moved into a row of its own
 * across the table, in a row group that does not break) go over to the next page together, where Chromium, asked to
 * avoid a break before the note, still opened a page with Azerbaijan's and Ukraine's notes alone when the table had
 * run onto that page's top (it breaks early inside a table only now and then). A table inside a figure is left alone:
 * the figure never breaks.
 */
function keepNotesWithTables(): void {
  for (const note of document.querySelectorAll('.table-wrap + p.table-note')) {
    const table = note.previousElementSibling?.querySelector<HTMLTableElement>(':scope > table.data');
    const rows = table?.tBodies[table.tBodies.length - 1]?.rows;
    const last = rows?.[rows.length - 1];
    if (!table || !last || table.closest('figure') !== null) continue;
    const end = document.createElement('tbody');
    end.className = 'table-end';
    const row = document.createElement('tr');
    row.className = 'table-note-row';
    const cell = document.createElement('td');
    cell.colSpan = [...last.cells].reduce((n, c) => n + c.colSpan, 0);
    cell.append(note);
    row.append(cell);
    end.append(last, row);
    table.append(end);
  }
  const style = document.createElement('style');
  // the table's closing rule stays under its last row, above the note, as it was
  style.textContent = `@media print {
  table.data tbody.table-end { break-inside: avoid; }
  table.data:has(tbody.table-end) { border-bottom: 0; }
  table.data tbody.table-end > tr:first-child > * { border-bottom: 2px solid var(--ink); }
  table.data tr.table-note-row > td { border-top: 0; padding: 0; }
  table.data tr.table-note-row .table-note { font-variant-numeric: oldstyle-nums proportional-nums; }
}`;
  document.head.append(style);
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
