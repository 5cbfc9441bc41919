import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import { DataError } from '../errors.js';
import type { Issue } from '../schema/issue.js';
import { ENCRYPTED_WORKBOOK_HINT, isEncryptedWorkbook } from './is-encrypted-workbook.js';
import { readMagic } from './read-magic.js';
import { toWorkbookError } from './read-xlsx.js';
import { formatCsvRow } from './write-csv.js';
import { formulaNoResult, formulasWithoutResult, hasHeaderRow, isTemplateOwnSheet, rowCells, sheetSkipped } from './xlsx-cells.js';
import { xlsxWorksheets } from './xlsx-worksheets.js';

/** Rows of a sheet searched for the header, as a CSV's first 50 lines are (see findHeader). */
const HEADER_SEARCH_ROWS = 50;

/** The sheet of a workbook that holds a return, written as CSV text for the reader every return goes through. */
export interface WorkbookReturn {
  /** A temporary CSV file: a line per sheet row (row 12 is line 12), cells by position, comma-delimited, UTF-8. */
  csvPath: string;
  /** The sheet read. */
  sheet: string;
  /**
   * The sheet row of each line of the CSV (index: line), when a cell holds a line break, which the CSV writes as a
   * quoted cell over several lines and so moves the lines below it; undefined when every line is its row.
   */
  lineRows: number[] | undefined;
  /** Sheets passed over and formulas without a stored result (warnings). */
  issues: Issue[];
  /** Removes the temporary CSV. */
  remove: () => Promise<void>;
}

/**
 * Returns the return held by the `.xlsx` workbook at `path` as CSV text, so that it is validated exactly as a CSV is.
 *
 * The sheet read is the one visible sheet with the return's header (`isHeader`) in its first 50 rows; the other sheets
 * (notes, code lists, hidden ones) are passed over, each with `XLSX_SHEET_SKIPPED`, as `import` passes them over (the
 * template's own "Codes" and "Read me" silently: see isTemplateOwnSheet). When
 * no visible sheet has the header, the one hidden sheet that has it is read; when no sheet has it, a workbook of one
 * visible sheet is read all the same, so that validation says what its header lacks, as it says it of a CSV.
 *
 * Each cell is written as its value, never as its display: a number as JavaScript's shortest round-trip text, without
 * an exponent (1192 formatted `#,##0` is `1192`; 0.0000001, stored as `1E-7`, is `0.0000001`, as typed), a text as its text (so `1,192` typed as text is still a number with a thousands
 * separator), a formula as its stored result (none stored: empty, with `XLSX_FORMULA_NO_RESULT`), an error as Excel
 * shows it (`#N/A`), a date as `YYYY-MM-DD` (validation says what a year formatted as a date shows), rich text as its
 * plain text, a boolean as `TRUE` or `FALSE` (as Excel's CSV writes them).
 *
 * @throws DataError `XLSX_UNREADABLE` for a file that is no `.xlsx` (an `.xls` renamed, a damaged archive, a
 *   workbook saved with a password), `XLSX_NO_HEADER` when no sheet of several holds the header, `XLSX_SHEETS_AMBIGUOUS`
 *   when two do.
 */
export async function readWorkbookReturn(path: string, options: { displayName: string; isHeader: (cells: string[]) => boolean }): Promise<WorkbookReturn> {
  const { displayName, isHeader } = options;
  const magic = await readMagic(path);
  if (magic[0] === 0xd0 && magic[1] === 0xcf) {
    const isEncrypted = await isEncryptedWorkbook(path);
    throw new DataError('XLSX_UNREADABLE', isEncrypted
      ? 'expected an .xlsx workbook, found a password-protected (encrypted) workbook, which cannot be read'
      : 'expected an .xlsx workbook, found an Excel 97-2003 workbook (.xls) under an .xlsx name, which is not read', [], {
      location: { file: displayName },
      hint: isEncrypted ? ENCRYPTED_WORKBOOK_HINT : 'open it in Excel and save it as Excel Workbook (.xlsx) or CSV UTF-8 (File > Save As)',
    });
  }
  const dir = await mkdtemp(join(tmpdir(), 'crimetrends-'));
  const remove = (): Promise<void> => rm(dir, { recursive: true, force: true });
  try {
    const sheets: { name: string; isHidden: boolean; hasHeader: boolean; isEmpty: boolean }[] = [];
    for await (const { name, rows, isHidden } of xlsxWorksheets(path)) {
      let isEmpty = true;
      const hasHeader = await hasHeaderRow(withRows(rows, () => (isEmpty = false)), isHeader, HEADER_SEARCH_ROWS);
      sheets.push({ name, isHidden, hasHeader, isEmpty });
    }
    const chosen = chooseSheet(sheets, displayName);
    const issues: Issue[] = sheets.filter((sheet) => sheet !== chosen && !isTemplateOwnSheet(sheet)).map((sheet) => sheetSkipped(displayName, sheet.name,
      sheet.isHidden && sheet.hasHeader ? 'is hidden and has the header, but a visible sheet holds the return'
        : sheet.isHidden ? `is hidden and has no header row in its first ${HEADER_SEARCH_ROWS} rows`
          : `has no header row in its first ${HEADER_SEARCH_ROWS} rows`,
      sheet.isHidden && sheet.hasHeader ? 'a return is one sheet: if its rows belong to the return, move them into that sheet'
        // no header: if this was the return after all, the sheet read instead is the one to remove
        : `a return is one sheet: if this sheet holds it, write the template's column names in its first row${sheet.isHidden ? ', unhide it (right-click a sheet tab > Unhide)' : ''} and delete the sheet "${chosen.name}", then save the workbook`));
    const csvPath = join(dir, 'return.csv');
    let written: { lineRows: number[] | undefined; issues: Issue[] } = { lineRows: undefined, issues: [] };
    for await (const { name, rows, isRecalculated } of xlsxWorksheets(path)) {
      if (name === chosen.name) {
        written = await writeSheetCsv(rows, csvPath, { displayName, sheet: name, isHeader, isRecalculated });
        break;
      }
    }
    return { csvPath, sheet: chosen.name, lineRows: written.lineRows, issues: [...issues, ...written.issues], remove };
  } catch (error) {
    await remove();
    throw toWorkbookError(error, displayName);
  }
}

/** Returns the sheet holding the return (see readWorkbookReturn), or throws saying why none is. */
function chooseSheet<T extends { name: string; isHidden: boolean; hasHeader: boolean; isEmpty: boolean }>(sheets: T[], displayName: string): T {
  const visible = sheets.filter((sheet) => !sheet.isHidden);
  const withHeader = visible.some((sheet) => sheet.hasHeader) ? visible.filter((sheet) => sheet.hasHeader) : sheets.filter((sheet) => sheet.hasHeader);
  const names = (list: T[]): string => list.map((sheet) => `"${sheet.name}"`).join(', ');
  if (withHeader.length > 1) {
    throw new DataError('XLSX_SHEETS_AMBIGUOUS', `expected one sheet holding the return, found ${withHeader.length} with its header: ${names(withHeader)}`, [], {
      location: { file: displayName },
      hint: 'a return is one sheet: move the rows into one of them and delete the others (or hide them: hidden sheets are passed over), then save the workbook',
    });
  }
  if (withHeader.length === 1) return withHeader[0]!;
  const filled = visible.filter((sheet) => !sheet.isEmpty && !isTemplateOwnSheet(sheet));
  if (filled.length === 1) return filled[0]!;
  throw new DataError('XLSX_NO_HEADER', `expected a sheet whose first rows hold the return's header (REF_AREA, TIME_PERIOD, INDICATOR, …), found ${
    sheets.length === 0 ? 'no sheet' : `none among ${names(sheets)}`}`, [], {
    location: { file: displayName },
    hint: 'fill in the template (crimetrends template) in one sheet, its column names in the first row, and save the workbook',
  });
}

/** Passes the sheet's rows on, calling `onRow` at each (the reader yields only rows with something in them). */
async function* withRows(rows: AsyncIterable<ExcelJS.Row>, onRow: () => void): AsyncGenerator<ExcelJS.Row> {
  for await (const row of rows) {
    onRow();
    yield row;
  }
}

/**
 * Writes the sheet's rows to `csvPath`, a line per row: a row the sheet leaves out (nothing in it), or holds without a
 * value (formatted cells), is a line of empty cells, as Excel's CSV writes it, and only above a row with a value: rows
 * of formatted cells below the data are no rows of the return; from the header down, every line has at least the
 * header's cells. Returns the
 * warning for formulas without a stored result and the rows of the lines when a cell's line break moves them.
 */
async function writeSheetCsv(
  rows: AsyncIterable<ExcelJS.Row>,
  csvPath: string,
  options: { displayName: string; sheet: string; isHeader: (cells: string[]) => boolean; isRecalculated: boolean },
): Promise<{ lineRows: number[] | undefined; issues: Issue[] }> {
  const out = createWriteStream(csvPath);
  const lineRows: number[] = [0];
  let isMoved = false;
  let header: string[] | undefined;
  let lastRow = 0;
  let noResult: { line: number; column: number; address: string; formula: string } | undefined;
  let noResultCount = 0;
  const write = async (cells: readonly string[], row: number): Promise<void> => {
    const line = `${formatCsvRow(cells)}\n`;
    const breaks = line.split('\n').length - 1;
    for (let i = 0; i < breaks; i++) lineRows.push(row);
    if (breaks > 1) isMoved = true;
    if (!out.write(line)) await once(out, 'drain');
  };
  try {
    for await (const row of rows) {
      const cells = returnCells(row.values);
      const width = header?.length ?? 0;
      const formulas = header === undefined ? [] : formulasWithoutResult(row.values, width);
      // a row of the data holding no value (cells only formatted, as LibreOffice and Excel store rows given a border or
      // a format below the data) is written only when a row with a value follows it: unseen, it is no blank row
      if (header !== undefined && formulas.length === 0 && cells.every((cell) => cell === '')) continue;
      for (let gap = lastRow + 1; gap < row.number; gap++) await write(new Array<string>(width).fill(''), gap);
      lastRow = row.number;
      if (header === undefined && row.number <= HEADER_SEARCH_ROWS && options.isHeader(cells)) header = cells;
      for (const { column, formula } of formulas) {
        noResult ??= { line: row.number, column, address: row.getCell(column + 1).address, formula };
        noResultCount++;
      }
      while (cells.length < width) cells.push('');
      await write(cells, row.number);
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  const issues = noResult === undefined ? [] : [formulaNoResult(options.displayName, options.sheet, noResult, noResultCount - 1, header?.[noResult.column] ?? null, true, options.isRecalculated)];
  return { lineRows: isMoved ? lineRows : undefined, issues };
}

/** Returns a row's cells as a return's CSV holds them (see readWorkbookReturn): rowCells, with booleans as Excel writes them. */
function returnCells(values: ExcelJS.CellValue[] | { [key: string]: ExcelJS.CellValue }): string[] {
  const list = Array.isArray(values) ? values : Object.values(values);
  const cells = rowCells(values);
  for (let i = 1; i < list.length; i++) {
    const value = list[i] as unknown;
    const result = typeof value === 'object' && value !== null && 'result' in value ? (value as { result: unknown }).result : value;
    if (typeof result === 'boolean') cells[i - 1] = result ? 'TRUE' : 'FALSE';
  }
  return cells;
}
