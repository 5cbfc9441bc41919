import type { Transform } from 'node:stream';
import { lastStartTag, xmlChunks } from './rewrite-elements.js';
import { columnLetters } from './xlsx-cells.js';

/** A `<row …>` or `<c …>` start tag of a worksheet, with its attributes. */
const ROW_OR_CELL = /<(row|c)(?=[\s>/])([^>]*)>/g;
/** A `<row>` or `<c>` start tag without `r`. */
const UNPLACED = /<(?:row|c)(?=[\s>/])(?![^>]*\sr=)/;
const PLACE = /\sr=["']([^"']*)["']/;

/**
 * Returns a stream that passes a worksheet's XML through with every `<row>` and `<c>` given its place: a row without
 * `r` is the one after the row before it, a cell without `r` the column after the cell before it (`r` is optional in
 * SpreadsheetML, and some writers leave it out; exceljs needs it and failed with "Cannot read properties of
 * undefined"). Rows and cells that name their place keep it.
 *
 * @example createReadStream('sheet1.xml').pipe(numberCells())
 */
export function numberCells(): Transform {
  let row = 0;
  let column = 0;
  const place = (text: string): string => {
    if (!UNPLACED.test(text)) {
      // every row and cell names its place (as most writers write them): only the last row and cell are noted
      const rowAt = lastStartTag(text, 'row');
      if (rowAt >= 0) [row, column] = [Number.parseInt(placeAt(text, rowAt) ?? '0', 10), 0];
      const cellAt = lastStartTag(text, 'c');
      if (cellAt > rowAt) column = columnNumber(placeAt(text, cellAt) ?? '');
      return text;
    }
    return text.replace(ROW_OR_CELL, (tag: string, name: string, attributes: string) => {
      const r = PLACE.exec(attributes)?.[1];
      if (name === 'row') {
        row = r === undefined ? row + 1 : Number.parseInt(r, 10);
        column = 0;
        return r === undefined ? `<row r="${row}"${attributes}>` : tag;
      }
      column = r === undefined ? column + 1 : columnNumber(r);
      return r === undefined ? `<c r="${columnLetters(column - 1)}${row}"${attributes}>` : tag;
    });
  };
  return xmlChunks(place);
}

/** Returns the `r` of the start tag at `at` in `text`. */
function placeAt(text: string, at: number): string | undefined {
  return PLACE.exec(text.slice(at, text.indexOf('>', at)))?.[1];
}

/** Returns the 1-based column of a cell reference: 28 for `AB7`. */
function columnNumber(reference: string): number {
  let n = 0;
  for (const letter of /^[A-Z]+/i.exec(reference)?.[0].toUpperCase() ?? '') n = n * 26 + letter.charCodeAt(0) - 64;
  return n;
}
