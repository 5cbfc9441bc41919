import { open } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { markedEncoding, utf16WithoutBom } from './sniff-file-type.js';
import { splitHeader } from './split-header.js';
import { withoutBoms } from './without-boms.js';

/** How far into a download the header is looked for: publishers put a few lines of preamble before it. */
export const HEADER_SEARCH_LINES = 50;
export const DELIMITERS = [',', ';', '\t', '|'] as const;

/** A column an import reads: its key, the name it is documented under, and the names it is known by. */
export interface ColumnSpec {
  key: string;
  display: string;
  /** Accepted header names, compared through {@link columnKey}. */
  aliases: readonly string[];
}

/**
 * Returns the comparison key of a header cell: no BOM or quotes, lower case, no spaces, underscores, dots or dashes,
 * so that `Iso3_code`, `ISO3 Code` and `iso3code ` are one name.
 *
 * @example columnKey('Unit of Measurement ') // 'unitofmeasurement'
 */
export function columnKey(cell: string): string {
  return cell.replace(/^\uFEFF/, '').replace(/"/g, '').toLowerCase().replace(/[\s_.\-]+/g, '');
}

/** Returns the index of each spec's column in `cells` (first match of any alias), or -1 when absent. */
export function locateColumns(cells: readonly string[], specs: readonly ColumnSpec[]): Record<string, number> {
  const keys = cells.map(columnKey);
  const found: Record<string, number> = {};
  for (const spec of specs) found[spec.key] = keys.findIndex((key) => spec.aliases.some((alias) => columnKey(alias) === key));
  return found;
}

/** Where a delimited download's header is: the physical lines before it, its delimiter and its cells. */
export interface FoundHeader {
  skipLines: number;
  delimiter: string;
  cells: string[];
  /** The lines before the header, as latin1 text. */
  above: string[];
}

/**
 * Returns the header of a delimited file found by its content: the first of its first {@link HEADER_SEARCH_LINES}
 * lines that, split on one of `,` `;` tab `|` (quotes respected), `isHeader` accepts (read as UTF-16 after UTF-16's
 * byte-order mark, as Excel's "Unicode text" is written, else as latin1). Lines before it (a publisher's
 * preamble, an Excel `sep=,` line) are skipped by the reader. Undefined when no line qualifies.
 */
export async function findHeader(path: string, isHeader: (cells: string[]) => boolean): Promise<FoundHeader | undefined> {
  const lines = await readHeadLines(path);
  for (const [index, line] of lines.entries()) {
    if (/^\s*sep=.\s*$/i.test(line)) continue;
    for (const delimiter of DELIMITERS) {
      if (!line.includes(delimiter)) continue;
      const cells = splitHeader(line, delimiter);
      if (isHeader(cells)) return { skipLines: index, delimiter, cells, above: lines.slice(0, index) };
    }
  }
  return undefined;
}

/**
 * Returns the first {@link HEADER_SEARCH_LINES} lines of a file (its first 256 KiB at most) as text for finding a
 * header: header names are ASCII, so latin1 reads them whatever the file's 8-bit encoding (a UTF-8 BOM is dropped, and one
 * converted to UTF-8 twice, `ï»¿`);
 * UTF-16 or UTF-32 after its byte-order mark (Excel's "Unicode Text" is UTF-16) is decoded, where latin1 would put a NUL between its
 * letters. With `isUtf16Guessed`, so is UTF-16 without the mark, told by its NULs.
 */
export async function readHeadLines(path: string, options: { isUtf16Guessed?: boolean } = {}): Promise<string[]> {
  const handle = await open(path, 'r');
  let head: Buffer;
  try {
    const buffer = Buffer.alloc(256 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const unicode = markedEncoding(head) ?? (options.isUtf16Guessed === true ? utf16WithoutBom(head) : undefined);
  const text = unicode !== undefined ? iconv.decode(head, unicode) : withoutBoms(head.toString('latin1'));
  return text.split(/\r\n|\n|\r/).slice(0, HEADER_SEARCH_LINES);
}
