import { Transform, type TransformCallback } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/** A `<row …>` or `<c …>` start tag of a worksheet, with its attributes. */
const ROW_OR_CELL = /<(row|c)(?=[\s>/])([^>]*)>/g;

/**
 * Returns a stream that passes a worksheet's XML through with every `<row>` and `<c>` given its place: a row without
 * `r` is the one after the row before it, a cell without `r` the column after the cell before it (`r` is optional in
 * SpreadsheetML, and some writers leave it out; exceljs needs it and failed with "Cannot read properties of
 * undefined"). Rows and cells that name their place keep it.
 *
 * @example createReadStream('sheet1.xml').pipe(numberCells())
 */
export function numberCells(): Transform {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let row = 0;
  let column = 0;
  const place = (text: string): string =>
    text.replace(ROW_OR_CELL, (tag: string, name: string, attributes: string) => {
      const r = /\sr=["']([^"']*)["']/.exec(attributes)?.[1];
      if (name === 'row') {
        row = r === undefined ? row + 1 : Number.parseInt(r, 10);
        column = 0;
        return r === undefined ? `<row r="${row}"${attributes}>` : tag;
      }
      column = r === undefined ? column + 1 : columnNumber(r);
      return r === undefined ? `<c r="${columnLetters(column)}${row}"${attributes}>` : tag;
    });
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      // everything before the last '<' is complete: a tag starting there may be cut
      const text = pending + decoder.write(chunk);
      const last = text.lastIndexOf('<');
      pending = last < 0 ? text : text.slice(last);
      done(null, last < 0 ? '' : place(text.slice(0, last)));
    },
    flush(done: TransformCallback) {
      done(null, place(pending + decoder.end()));
    },
  });
}

/** Returns the 1-based column of a cell reference: 28 for `AB7`. */
function columnNumber(reference: string): number {
  let n = 0;
  for (const letter of /^[A-Z]+/i.exec(reference)?.[0].toUpperCase() ?? '') n = n * 26 + letter.charCodeAt(0) - 64;
  return n;
}

/** Returns a column's letters: `AB` for 28. */
function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
