import { inflateSync } from 'node:zlib';
import { expect } from 'vitest';
import { readPdf } from '../../../src/report/read-pdf.js';

/**
 * A PDF as Chromium writes it, read for its pages and named destinations by src/report/read-pdf.ts (as `printPdf`
 * reads its own prints), and here for its links and the text a page shows.
 */
export class PrintedPdf {
  private readonly pdf: ReturnType<typeof readPdf>;

  constructor(bytes: Buffer) {
    this.pdf = readPdf(bytes);
  }

  get text(): string {
    return this.pdf.text;
  }

  /** The page objects' numbers in page order (the page tree's leaves, left to right). */
  get pages(): readonly number[] {
    return this.pdf.pages;
  }

  /** Returns the number (from 1) of the page a named destination (an element id) is on. */
  pageOf(name: string): number {
    const page = this.pdf.destinations.get(name);
    expect(page, `destination ${name}`).toBeGreaterThan(0);
    return page!;
  }

  /** The destinations of the link annotations, in the order written. */
  get linkDests(): string[] {
    return [...this.text.matchAll(/\/Subtype \/Link\n[^>]*?\/Dest \/([^\s/>]+)/g)].map((m) => m[1]!);
  }

  /**
   * Returns the text that page `n` (from 1) shows, one string per text object (`BT` … `ET`: Chromium writes one for
   * each run of text, a line of one element) in the order drawn, its glyphs read through its fonts' ToUnicode maps.
   */
  textOn(n: number): string[] {
    const page = this.pdf.object(this.pages[n - 1]!);
    const fonts = new Map([.../\/Font <<([^>]*)>>/.exec(page)![1]!.matchAll(/\/(\S+) (\d+) 0 R/g)].map(([, name, ref]) => {
      const unicode = new Map<number, string>();
      const cmap = this.stream(Number(/\/ToUnicode (\d+) 0 R/.exec(this.pdf.object(Number(ref)))![1]));
      const utf16 = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((u) => parseInt(u, 16)));
      for (const [, from, to] of cmap.matchAll(/^<([0-9A-F]+)> <([0-9A-F]+)>$/gim)) unicode.set(parseInt(from!, 16), utf16(to!));
      for (const [, from, last, to] of cmap.matchAll(/^<([0-9A-F]+)> <([0-9A-F]+)> <([0-9A-F]+)>$/gim)) {
        for (let g = parseInt(from!, 16); g <= parseInt(last!, 16); g++) unicode.set(g, String.fromCharCode(parseInt(to!, 16) + g - parseInt(from!, 16)));
      }
      return [name!, unicode];
    }));
    const runs: string[] = [];
    let font = new Map<number, string>();
    for (const [token, name, hex] of this.stream(Number(/\/Contents (\d+) 0 R/.exec(page)![1])).matchAll(/\/(\S+) [\d.]+ Tf|<([0-9A-F]*)> Tj|\bBT\b/g)) {
      if (token === 'BT') runs.push('');
      else if (name !== undefined) font = fonts.get(name)!;
      else runs[runs.length - 1] += (hex!.match(/.{4}/g) ?? []).map((g) => font.get(parseInt(g, 16)) ?? '?').join('');
    }
    return runs;
  }

  /** Returns the inflated stream of object `n`. */
  private stream(n: number): string {
    const object = this.pdf.object(n);
    const start = object.indexOf('stream\n') + 'stream\n'.length;
    const length = Number(/\/Length (\d+)/.exec(object)![1]);
    return inflateSync(Buffer.from(object.slice(start, start + length), 'latin1')).toString('latin1');
  }
}
