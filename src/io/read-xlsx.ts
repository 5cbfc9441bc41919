import type ExcelJS from 'exceljs';
import { DataError } from '../errors.js';
import type { Issue } from '../schema/issue.js';
import { quoteIdent, type SqlValue, type Store } from '../store/index.js';
import { NotWorkbookError, xlsxWorksheets } from './xlsx-worksheets.js';

/** The data rows of a workbook loaded into a temporary DuckDB table, each tied to its sheet and row. */
export interface XlsxRead {
  /**
   * Temporary table with `sheet`, `line` (the sheet row, 1-based) and VARCHAR columns `c0…`: each sheet's cells by
   * position, as many as the first sheet's header has (a sheet naming its columns in another order keeps its order:
   * read it by `sheetHeaders`).
   */
  table: string;
  /** Header cells of the first data sheet, as text. */
  header: string[];
  /** Sheet row of the header in the first data sheet. */
  headerLine: number;
  /** Names of the sheets whose rows were loaded. */
  sheets: string[];
  /** Each of those sheets' own header cells, in the order of `sheets`. */
  sheetHeaders: string[][];
  /** Data rows loaded (rows after the header; rows with no cell at all do not exist in a workbook). */
  rowCount: number;
  /** Sheets without the header, skipped, and sheets with formulas whose results are not stored (as warnings). */
  issues: Issue[];
}

export interface ReadXlsxOptions {
  /** Name of the temporary table to create (replaced if it exists). */
  table: string;
  /** How the file is named in issues. */
  displayName: string;
  /** Returns true for the header row (the rows above it are a preamble and are ignored). */
  isHeader: (cells: string[]) => boolean;
  /** How many rows of a sheet to search for the header. */
  headerSearchRows?: number;
  /** Rows appended to DuckDB per batch. */
  batchSize?: number;
}

/**
 * Returns the rows of every worksheet of the `.xlsx` file at `path` that has a header row, loaded as text into a
 * temporary table. Hidden sheets (`state="hidden"` or `"veryHidden"`) are passed over, each with an
 * `XLSX_SHEET_SKIPPED` warning, unless no visible sheet has the header: then the hidden ones that have it are read. The workbook is streamed (exceljs's worksheet reader, see `xlsxWorksheets`), so only one batch of rows is held in memory;
 * formulas give their cached result, rich text and hyperlinks their text, numbers their shortest decimal form, dates
 * (cells with a date format) an ISO date, strings their text with SpreadsheetML's escapes decoded (`_x000D_`). A formula whose result is not stored (as openpyxl and other libraries write
 * them: `<f>1+1</f>` with no `<v>`) cannot be computed here: it reads as empty, and its sheet gets one warning
 * `XLSX_FORMULA_NO_RESULT` at the first such cell.
 *
 * @throws DataError `XLSX_UNREADABLE` when the file is not a workbook, `XLSX_NO_HEADER` when no sheet has the header.
 */
export async function readXlsx(store: Store, path: string, options: ReadXlsxOptions): Promise<XlsxRead> {
  const { displayName, isHeader } = options;
  const searchRows = options.headerSearchRows ?? 20;
  const batchSize = options.batchSize ?? 5000;
  const table = quoteIdent(options.table);
  const issues: Issue[] = [];
  const sheets: string[] = [];
  const sheetHeaders: string[][] = [];
  let header: string[] | undefined;
  let headerLine = 0;
  let rowCount = 0;
  let batch: SqlValue[][] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    await store.append(options.table, batch);
    batch = [];
  };

  /** Reads one sheet's rows after its header into the table; returns the sheet's warnings. */
  const readSheet = async (sheet: string, worksheet: ExcelJS.stream.xlsx.WorksheetReader): Promise<Issue[]> => {
    const sheetIssues: Issue[] = [];
    let width = 0;
    let sheetHeaderLine = 0;
    let sheetHeader: string[] = [];
    let noResult: { line: number; column: number; address: string; formula: string } | undefined;
    let noResultCount = 0;
    for await (const row of worksheet) {
      const cells = rowCells(row.values);
      if (sheetHeaderLine === 0) {
        if (row.number > searchRows) break;
        if (!isHeader(cells)) continue;
        sheetHeaderLine = row.number;
        if (header === undefined) {
          header = cells;
          headerLine = row.number;
          const columns = header.map((_, i) => `${quoteIdent(`c${i}`)} varchar`).join(', ');
          await store.run(`create or replace temp table ${table} (sheet varchar, line bigint, ${columns})`);
        }
        width = header.length;
        sheets.push(sheet);
        sheetHeaders.push(cells);
        sheetHeader = cells;
        continue;
      }
      for (const { column, formula } of formulasWithoutResult(row.values, width)) {
        noResult ??= { line: row.number, column, address: row.getCell(column + 1).address, formula };
        noResultCount++;
      }
      const values: SqlValue[] = [sheet, BigInt(row.number)];
      for (let i = 0; i < width; i++) values.push(cells[i] === undefined || cells[i] === '' ? null : cells[i]!);
      batch.push(values);
      rowCount++;
      if (batch.length >= batchSize) await flush();
    }
    if (sheetHeaderLine === 0) sheetIssues.push(sheetSkipped(displayName, sheet, `has no header row in its first ${searchRows} rows`));
    if (noResult !== undefined) {
      const others = noResultCount - 1;
      sheetIssues.push({
        code: 'XLSX_FORMULA_NO_RESULT',
        severity: 'warning',
        file: displayName,
        line: noResult.line,
        column: sheetHeader[noResult.column] ?? null,
        value: noResult.formula === '' ? null : `=${noResult.formula}`,
        message:
          `sheet "${sheet}" cell ${noResult.address}: expected a formula with its result stored, found ${noResult.formula === '' ? 'a formula' : `=${noResult.formula}`} ` +
          `with none${others > 0 ? ` (and ${others} more such cell${others === 1 ? '' : 's'} in the sheet)` : ''}: read as empty`,
        hint: 'open the workbook in Excel or LibreOffice Calc and save it, so that the results of its formulas are stored (crimetrends reads stored results and does not compute formulas)',
      });
    }
    return sheetIssues;
  };

  try {
    // a hidden sheet (a copy kept by the publisher or the user, a look-up list) is passed over while a visible one
    // holds the data: its rows would be read twice, or as data they are not; each sheet's warnings in tab order
    const bySheet: Issue[][] = [];
    const hidden: { sheet: string; position: number; hasHeader: boolean }[] = [];
    for await (const { name: sheet, rows: worksheet, isHidden } of xlsxWorksheets(path)) {
      if (isHidden) {
        hidden.push({ sheet, position: bySheet.length, hasHeader: await hasHeaderRow(worksheet, isHeader, searchRows) });
        bySheet.push([]);
      } else bySheet.push(await readSheet(sheet, worksheet));
    }
    for (const { sheet, position, hasHeader } of hidden) {
      if (!hasHeader) bySheet[position] = [sheetSkipped(displayName, sheet, `is hidden and has no header row in its first ${searchRows} rows`)];
    }
    if (header === undefined && hidden.some((entry) => entry.hasHeader)) {
      // only hidden sheets hold the data (a workbook whose data tab was hidden behind a cover sheet): those are read
      const wanted = new Map(hidden.filter((entry) => entry.hasHeader).map((entry) => [entry.sheet, entry.position]));
      for await (const { name: sheet, rows: worksheet } of xlsxWorksheets(path)) {
        const position = wanted.get(sheet);
        if (position !== undefined) bySheet[position] = await readSheet(sheet, worksheet);
      }
    } else {
      for (const { sheet, position } of hidden.filter((entry) => entry.hasHeader)) {
        bySheet[position] = [
          sheetSkipped(displayName, sheet, 'is hidden and has the header, but visible sheets hold the data', 'if its rows are data to import too, unhide the sheet (right-click a sheet tab > Unhide) and save the workbook'),
        ];
      }
    }
    issues.push(...bySheet.flat());
    await flush();
  } catch (error) {
    if (error instanceof DataError) throw error;
    if (error instanceof NotWorkbookError) {
      throw new DataError('XLSX_UNREADABLE', `expected an .xlsx workbook, found ${error.message}`, [], { cause: error, location: { file: displayName }, hint: error.hint });
    }
    throw new DataError('XLSX_UNREADABLE', `expected an .xlsx workbook, found a file that cannot be read as one (${firstLine(error)})`, [], {
      cause: error,
      location: { file: displayName },
      hint: 'save the download again as .xlsx (Excel 2007 or later) or as CSV',
    });
  }
  if (header === undefined) {
    throw new DataError('XLSX_NO_HEADER', `expected a header row in the first ${searchRows} rows of a sheet, found none`, issues, {
      location: { file: displayName },
      hint: 'check that this is the download as published (the header starts with its first column name)',
    });
  }
  return { table: options.table, header, headerLine, sheets, sheetHeaders, rowCount, issues };
}

/** Returns true when one of the first `searchRows` rows of the sheet is a header row (the rest is not read). */
async function hasHeaderRow(worksheet: ExcelJS.stream.xlsx.WorksheetReader, isHeader: (cells: string[]) => boolean, searchRows: number): Promise<boolean> {
  for await (const row of worksheet) {
    if (row.number > searchRows) return false;
    if (isHeader(rowCells(row.values))) return true;
  }
  return false;
}

/** Returns the warning XLSX_SHEET_SKIPPED for a sheet not read, saying why (`is hidden …`, `has no header row …`). */
function sheetSkipped(displayName: string, sheet: string, why: string, hint: string | null = null): Issue {
  return { code: 'XLSX_SHEET_SKIPPED', severity: 'warning', file: displayName, line: null, column: null, value: sheet, message: `sheet "${sheet}" ${why}: not read`, hint };
}

/** Returns the row's cells as text, 0-based, '' for an empty cell (exceljs gives a sparse, 1-based array). */
function rowCells(values: ExcelJS.CellValue[] | { [key: string]: ExcelJS.CellValue }): string[] {
  const list = Array.isArray(values) ? values : Object.values(values);
  const out: string[] = [];
  for (let i = 1; i < list.length; i++) out.push(cellText(list[i]) ?? '');
  return out;
}

/**
 * Returns the cells, of the first `width` (0-based columns), that are a formula with no stored result, each with its
 * formula ('' if none is written: a shared formula's later cells).
 */
function formulasWithoutResult(values: ExcelJS.CellValue[] | { [key: string]: ExcelJS.CellValue }, width: number): { column: number; formula: string }[] {
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

/** Returns a cell's value as text (a date as YYYY-MM-DD, a formula's stored result), or undefined for an empty cell. */
export function cellText(value: ExcelJS.CellValue | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  // one pass, so `_x005F_x000D_` (an escaped `_`) gives the text `_x000D_`
  if (typeof value === 'string') return value.replace(ESCAPED_CHARACTER, (_, code: string) => String.fromCharCode(Number.parseInt(code, 16)));
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
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

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
}
