import type { Transform } from 'node:stream';
import { xmlChunks } from './rewrite-elements.js';

/** The namespace of SpreadsheetML's elements (worksheet, workbook, shared strings, styles). */
const SPREADSHEETML = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
/** A part's root start tag, after the XML declaration and any comment: its name and attributes. */
const ROOT = /<(?![?!])([^\s>/]+)([^>]*)>/;

/**
 * Returns a stream that passes a SpreadsheetML part through with its elements' namespace prefix dropped: a part whose
 * root binds the SpreadsheetML namespace to a prefix and uses it (`<x:worksheet xmlns:x="…/spreadsheetml/2006/main">
 * <x:sheetData><x:row>`, as code built on the Open XML SDK writes) is given as `<worksheet …><sheetData><row>`, the
 * form exceljs's parsers know (they read a prefixed part as empty). A part without such a prefix passes unchanged.
 *
 * @example createReadStream('sheet1.xml').pipe(unprefixSpreadsheetMl())
 */
export function unprefixSpreadsheetMl(): Transform {
  let prefixed: RegExp | null | undefined; // undefined until the root tag is read; null: no prefix to drop
  const decide = (text: string): void => {
    const root = ROOT.exec(text);
    if (root === null) return;
    const prefix = /^([^:]+):/.exec(root[1]!)?.[1];
    const binds = prefix !== undefined && new RegExp(`\\sxmlns:${prefix}\\s*=\\s*["']${SPREADSHEETML}["']`).test(root[2]!);
    prefixed = binds ? new RegExp(`<(/?)${prefix}:`, 'g') : null;
  };
  return xmlChunks(
    (text) => {
      if (prefixed === undefined) decide(text);
      return prefixed ? text.replace(prefixed, '<$1') : text;
    },
    (text) => {
      if (prefixed === undefined) decide(text);
      return prefixed === undefined ? 0 : -1; // held whole until the root tag is read
    },
  );
}
