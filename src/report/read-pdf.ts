/** What {@link readPdf} finds in a PDF as Chromium (Skia) writes it. */
export interface PrintedPdf {
  /** The PDF's bytes as Latin-1 text: Chromium writes its dictionaries uncompressed (its streams are not read here). */
  readonly text: string;
  /** The page objects' numbers in page order (the page tree's leaves, left to right). */
  readonly pages: readonly number[];
  /** Each named destination (the id of an element some link points to) and the number, from 1, of its page. */
  readonly destinations: ReadonlyMap<string, number>;
  /** Returns the dictionary of object `n` (from its `n 0 obj` to its `endobj`, its stream included). */
  object(n: number): string;
}

/**
 * Returns the page tree and named destinations of a PDF that Chromium printed: objects found through the
 * cross-reference table, pages by walking the tree from the catalog, destinations from the catalog's `/Dests`
 * dictionary (a name's `#xx` escapes decoded as UTF-8).
 *
 * Only what Chromium writes is read: a PDF 1.4 file with one cross-reference table and no object streams, whose
 * dictionaries are plain text. Anything else is a bug of ours or a changed Chromium, and throws.
 *
 * @example readPdf(await page.pdf()).destinations.get('ch-2') // 4: chapter 2 starts on the PDF's fourth page
 */
export function readPdf(pdf: Uint8Array): PrintedPdf {
  const text = Buffer.from(pdf).toString('latin1');
  const offsets = readXref(text);
  const object = (n: number): string => {
    const start = offsets.get(n);
    if (start === undefined || !text.startsWith(`${n} 0 obj`, start)) throw new Error(`the printed PDF has no object ${n}`);
    const end = text.indexOf('\nendobj', start);
    return text.slice(start, end < 0 ? undefined : end);
  };
  const root = Number(/\/Root (\d+) 0 R/.exec(text.slice(text.lastIndexOf('trailer')))?.[1]);
  const catalog = object(root);
  const pages: number[] = [];
  const walk = (n: number): void => {
    const kids = /\/Kids \[([^\]]*)\]/.exec(object(n));
    if (kids === null) pages.push(n);
    else for (const kid of kids[1]!.matchAll(/(\d+) 0 R/g)) walk(Number(kid[1]));
  };
  const tree = /\/Pages (\d+) 0 R/.exec(catalog);
  if (tree === null) throw new Error('the printed PDF has no page tree');
  walk(Number(tree[1]));
  const destinations = new Map<string, number>();
  const dests = /\/Dests (\d+) 0 R/.exec(catalog);
  if (dests !== null) {
    for (const [, name, page] of object(Number(dests[1])).matchAll(/\/([^\s/[\]<>()]+) \[(\d+) 0 R/g)) {
      const decoded = Buffer.from(name!.replace(/#([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
      destinations.set(decoded, pages.indexOf(Number(page)) + 1);
    }
  }
  return { text, pages, destinations, object };
}

/** Returns each object's byte offset, from the cross-reference table that `startxref` points to. */
function readXref(text: string): Map<number, number> {
  const start = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
  if (!text.startsWith('xref', start)) throw new Error('the printed PDF has no cross-reference table where startxref says');
  const offsets = new Map<number, number>();
  const table = /xref\r?\n([\s\S]*?)trailer/.exec(text.slice(start))?.[1] ?? '';
  let n = 0;
  for (const line of table.split(/\r?\n/)) {
    const subsection = /^(\d+) \d+\s*$/.exec(line);
    const entry = /^(\d{10}) \d{5} ([nf])/.exec(line);
    if (entry) {
      if (entry[2] === 'n') offsets.set(n, Number(entry[1]));
      n += 1;
    } else if (subsection) {
      n = Number(subsection[1]);
    }
  }
  return offsets;
}
