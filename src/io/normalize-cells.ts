import type { Transform } from 'node:stream';
import { elementPattern, rewriteElements } from './rewrite-elements.js';

/** The text of each `<t>` of a string (`<t/>` has none). */
const TEXT = elementPattern('t', 'g');
/** A phonetic reading of a string (`<rPh>`, East Asian text): a guide printed above it, not its text. */
const PHONETIC = elementPattern('rPh', 'g');
const INLINE_STRING = elementPattern('is');
const FORMULA = elementPattern('f');
const VALUE = /<v(?=[\s>/])/;
/** What a cell that normalizeCell rewrites holds: a formula, an inline string or the type `d`. */
const NEEDS_NORMALIZING = /<(?:f|is)(?=[\s>/])|\st=["']d["']/;
/** A cell of type `d` (an ISO 8601 date, as some writers store dates) and its value. */
const DATE_CELL = /^(<c(?=[\s>/])[^>]*?\st=)(["'])d\2([^>]*>[\s\S]*?<v>)(\d{4}-\d{2}-\d{2})[^<]*(<\/v>)/;

/**
 * Returns a stream that passes a worksheet's XML through with each cell `<c>` written as exceljs's sheet parser reads
 * it right: an inline string of several runs (`<is><r><t>1,0</t></r><r><t>11</t></r></is>`, rich text) is given as
 * one `<t>` holding its runs' text in order, without phonetic readings (exceljs kept the last `<t>` only: "11" for
 * "1,011"); a formula with its result stored (`<v>`) is given as that result alone, so it reads as a cell of the
 * result's type does: an error as its text (`#N/A`), a boolean as true or false (exceljs took every result but a
 * string for a number: NaN for `#N/A`, 1 for TRUE). A formula without a stored result is kept, for the reader to
 * warn of it. A date cell (`t="d"`, `2013-05-30T00:00:00`) is given as the text of its ISO date, `2013-05-30`, as a
 * number with a date format reads (exceljs took it for a number: 2013).
 *
 * @example createReadStream('sheet1.xml').pipe(normalizeCells())
 */
export function normalizeCells(): Transform {
  return rewriteElements('c', normalizeCell, NEEDS_NORMALIZING);
}

/** Returns the cell `<c …>…</c>` as exceljs reads it right (see normalizeCells). */
function normalizeCell(cell: string): string {
  const resolved = (VALUE.test(cell) ? cell.replace(FORMULA, '') : cell).replace(DATE_CELL, '$1$2str$2$3$4$5');
  return resolved.replace(INLINE_STRING, (inline) => {
    if (!/<(r|rPh)(?=[\s>/])/.test(inline)) return inline;
    const text = [...inline.replace(PHONETIC, '').matchAll(TEXT)].map((match) => match[1] ?? '').join('');
    return `<is><t>${text}</t></is>`;
  });
}
