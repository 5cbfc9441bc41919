import type ExcelJS from 'exceljs';
import type { Issue } from '../schema/issue.js';
import { formatPlainNumber } from './format-plain-number.js';

// What a worksheet's cells read as, and the warnings a sheet gets: shared by `import` (readXlsx) and by a return sent as
// a workbook (readWorkbookReturn).

/** Returns true when one of the first `searchRows` rows of the sheet is a header row (the rest is not read). */
export async function hasHeaderRow(worksheet: AsyncIterable<ExcelJS.Row>, isHeader: (cells: string[]) => boolean, searchRows: number): Promise<boolean> {
  for await (const row of worksheet) {
    if (row.number > searchRows) return false;
    if (isHeader(rowCells(row.values))) return true;
  }
  return false;
}

/** The sheets of the workbook `crimetrends template --out ROU_2025.xlsx` writes: the return, its code lists, its notes. */
export const TEMPLATE_SHEETS = { return: 'Return', codes: 'Codes', readMe: 'Read me' } as const;

/**
 * Returns true for a sheet the template writes beside the return (its code lists, its notes) that holds no header:
 * a return read from a workbook passes it over silently, as the user did not add it (XLSX_SHEET_SKIPPED on every
 * filled-in template was noise).
 */
export function isTemplateOwnSheet(sheet: { name: string; hasHeader: boolean }): boolean {
  return !sheet.hasHeader && (sheet.name === TEMPLATE_SHEETS.codes || sheet.name === TEMPLATE_SHEETS.readMe);
}

/** Returns the warning XLSX_SHEET_SKIPPED for a sheet not read, saying why (`is hidden …`, `has no header row …`). */
export function sheetSkipped(displayName: string, sheet: string, why: string, hint: string | null = null): Issue {
  return { code: 'XLSX_SHEET_SKIPPED', severity: 'warning', file: displayName, line: null, column: null, value: sheet, message: `sheet "${sheet}" ${why}: not read`, hint };
}

/**
 * Returns the letters Excel names the 0-based column `position` by.
 *
 * @example columnLetters(7) // 'H'
 * @example columnLetters(27) // 'AB'
 */
export function columnLetters(position: number): string {
  let letters = '';
  for (let n = position + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** Returns the row's cells as text, 0-based, '' for an empty cell (exceljs gives a sparse, 1-based array). */
export function rowCells(values: ExcelJS.CellValue[] | { [key: string]: ExcelJS.CellValue }): string[] {
  const list = Array.isArray(values) ? values : Object.values(values);
  const out: string[] = [];
  for (let i = 1; i < list.length; i++) out.push(cellText(list[i]) ?? '');
  return out;
}

/**
 * Returns the cells, of the first `width` (0-based columns), that are a formula with no stored result, each with its
 * formula ('' if none is written: a shared formula's later cells).
 */
export function formulasWithoutResult(values: ExcelJS.CellValue[] | { [key: string]: ExcelJS.CellValue }, width: number): { column: number; formula: string }[] {
  const list = Array.isArray(values) ? values : Object.values(values);
  const cells: { column: number; formula: string }[] = [];
  for (let i = 0; i < width; i++) {
    const value = list[i + 1] as { formula?: unknown; sharedFormula?: unknown; result?: unknown } | null | undefined;
    if (typeof value !== 'object' || value === null || !('formula' in value || 'sharedFormula' in value) || value.result !== undefined) continue;
    cells.push({ column: i, formula: String(value.formula ?? value.sharedFormula ?? '') });
  }
  return cells;
}

/** A character SpreadsheetML escapes in a string as `_x` and its UTF-16 code in hex: `_x000D_` for a carriage return. */
const ESCAPED_CHARACTER = /_x([0-9A-Fa-f]{4})_/g;

/**
 * Returns a cell's value as text (a date as YYYY-MM-DD, a formula's stored result), or undefined for an empty cell. A
 * number is written in plain decimal notation, as it was typed (0.0000001, which the file stores as 1E-7): the user
 * typed no exponent.
 */
export function cellText(value: ExcelJS.CellValue | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  // one pass, so `_x005F_x000D_` (an escaped `_`) gives the text `_x000D_`
  if (typeof value === 'string') return value.replace(ESCAPED_CHARACTER, (_, code: string) => String.fromCharCode(Number.parseInt(code, 16)));
  if (typeof value === 'number') return formatPlainNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return cellText(value.richText.map((part) => part.text).join(''));
  if ('result' in value || 'formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    return cellText(result as ExcelJS.CellValue | undefined);
  }
  if ('text' in value) return String((value as { text: unknown }).text);
  if ('error' in value) return String((value as { error: unknown }).error);
  return undefined;
}

/**
 * Returns the warning XLSX_FORMULA_NO_RESULT for a sheet's first formula with no stored result (`at`, its 0-based column
 * named `column`), counting the `others` after it: such a cell reads as empty. `isLocated`: the issue is located by its
 * sheet and cell where it is shown (a return's), so the message does not name them again. `isRecalculated`: the workbook
 * is marked to compute its formulas on opening (see xlsxWorksheets): the result it stores was not computed.
 */
export function formulaNoResult(
  displayName: string, sheet: string, at: { line: number; address: string; formula: string }, others: number, column: string | null, isLocated = false, isRecalculated = false,
): Issue {
  return {
    code: 'XLSX_FORMULA_NO_RESULT',
    severity: 'warning',
    file: displayName,
    line: at.line,
    column,
    value: at.formula === '' ? null : `=${at.formula}`,
    message:
      `${isLocated ? '' : `sheet "${sheet}" cell ${at.address}: `}expected a formula with its result stored, found ${at.formula === '' ? 'a formula' : `=${at.formula}`} ` +
      `with ${isRecalculated ? 'none computed (the workbook leaves its formulas to be computed on opening, as XlsxWriter and openpyxl write them)' : 'none'}` +
      `${others > 0 ? ` (and ${others} more such cell${others === 1 ? '' : 's'} in the sheet)` : ''}: read as empty`,
    hint: `${isRecalculated ? 'write each value as a number, not as a formula (XlsxWriter: worksheet.write_number; openpyxl: cell.value = 125), or ' : ''}`
      + 'open the workbook in Excel or LibreOffice Calc and save it, so that the results of its formulas are stored (crimetrends reads stored results and does not compute formulas)',
  };
}
