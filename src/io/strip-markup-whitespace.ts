import type { Transform } from 'node:stream';
import { xmlChunks } from './rewrite-elements.js';

/**
 * White space after an end tag (`</t>`, `<v/>`) up to the next tag, or to the end of a run (which ends before a `<`):
 * indentation, never text of an element.
 */
const INDENT_AFTER_END_TAG = /(<\/[^>]*>|\/>)\s+(?=<|$)/g;

/**
 * Returns a stream that passes XML through without the white space that follows an end tag (`</t>\n  </is>` →
 * `</t></is>`). exceljs's sheet and shared-strings parsers add every text after a cell's `<v>`, `<t>` or `<is>` to
 * its value, so an indented part (valid XML, as some writers store it) gave `"ROU\n    "`. Text inside an element,
 * spaces of `<t xml:space="preserve"> </t>` included, follows a start tag and is kept.
 *
 * @example createReadStream('sheet1.xml').pipe(stripMarkupWhitespace())
 */
export function stripMarkupWhitespace(): Transform {
  return xmlChunks((text) => text.replace(INDENT_AFTER_END_TAG, '$1'));
}
