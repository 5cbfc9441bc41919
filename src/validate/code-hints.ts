import type { CodedColumn } from './resolve-codes.js';

// The hints of coded columns' values that speak of how a CSV was saved, each with its sentence for a return sent as a
// workbook (whose cells are Excel's, never saved as text). resolveValue gives the CSV's; resolveCodes, which knows
// what it reads, picks the workbook's with forWorkbook.

/** UNKNOWN_CODE's hint for a number in OBS_STATUS: in a CSV, a decimal comma splits OBS_VALUE into two cells. */
export const SHIFTED_CELLS_HINT = 'a decimal comma in OBS_VALUE ("12,5") splits the value into two cells in a comma-delimited file: write a decimal point ("12.5"), or quote the value';
const SHIFTED_CELLS_WORKBOOK_HINT = 'OBS_STATUS takes a code, not a number: if a cell was inserted or deleted in the row, move its cells back under their columns; else write the status code';

/** A formula saved as its text, not its value (`=A2`, `=SUM(H3:H4)`; not `="0703"`, a text kept so, said otherwise). */
export const FORMULA_TEXT = /^\s*=(?!\s*")\s*\S/;
/** The hint for a formula's text: LibreOffice's Text CSV with "Save cell formulas instead of calculated values" writes it. */
export const FORMULA_TEXT_HINT = 'the cell holds a formula, not its value: LibreOffice Calc saves formulas so when "Save cell formulas instead of calculated values" is checked in the Text CSV options; save the file again with it unchecked, or paste the values over the formulas (Copy, then Paste Special > Values Only)';
const FORMULA_TEXT_WORKBOOK_HINT = 'the cell holds the text of a formula (typed after an apostrophe, or into a cell formatted as Text), not its value: type the value into the cell';

/** The hint for a code whose letters were lost to question marks (a name saved in a code page that lacks them). */
export function lostLettersHint(column: CodedColumn, isWorkbook = false): string {
  const code = column === 'REF_AREA' || column === 'COUNTERPART_AREA' ? "country's ISO 3166-1 alpha-3 code" : 'code';
  return isWorkbook
    ? `write the ${code}; if the cell held a name in Georgian, Armenian, Cyrillic or Greek letters, they were lost before it came into the workbook (pasted from a file saved in a code page that lacks them): type the code into the cell`
    : `write the ${code}; if the cell held a name in Georgian, Armenian, Cyrillic or Greek letters, the file was saved in a code page that lacks them (Excel's "CSV (Comma delimited)"): save it as "CSV UTF-8 (Comma delimited)"`;
}

/**
 * Returns the hint a workbook's cell gets for a value of `column` whose CSV hint is `hint`: the workbook's sentence
 * where the CSV's speaks of saving (see above), else `hint` itself.
 *
 * @example forWorkbook('OBS_STATUS', SHIFTED_CELLS_HINT) // 'OBS_STATUS takes a code, not a number: …'
 */
export function forWorkbook(column: CodedColumn, hint: string | null): string | null {
  if (hint === SHIFTED_CELLS_HINT) return SHIFTED_CELLS_WORKBOOK_HINT;
  if (hint === lostLettersHint(column)) return lostLettersHint(column, true);
  if (hint === FORMULA_TEXT_HINT) return FORMULA_TEXT_WORKBOOK_HINT;
  return hint;
}
