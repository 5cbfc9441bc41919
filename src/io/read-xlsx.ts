import type ExcelJS from 'exceljs';
import { DataError } from '../errors.js';
import type { Issue } from '../schema/issue.js';
import { quoteIdent, type SqlValue, type Store } from '../store/index.js';
import { formulaNoResult, formulasWithoutResult, hasHeaderRow, rowCells, sheetSkipped } from './xlsx-cells.js';
import { NotWorkbookError, xlsxWorksheets } from './xlsx-worksheets.js';

export { cellText } from './xlsx-cells.js';

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
 * them: `<f>1+1</f>` with no `<v>`, or any formula of a workbook marked to compute them on opening, see xlsxWorksheets)
 * cannot be computed here: it reads as empty, and its sheet gets one warning `XLSX_FORMULA_NO_RESULT` at the first such
 * cell.
 *
 * @throws DataError `XLSX_UNREADABLE` when the file is not a workbook, `XLSX_NO_HEADER` when no sheet has the header.
 */
export async function readXlsx(store: Store, path: string, options: ReadXlsxOptions): Promise<XlsxRead> {
  const { displayName, isHeader } = options;
  const searchRows = options.headerSearchRows ?? 20;
  // a notes or metadata sheet is passed over as it should be; if the data was in it, its header was not found
  const noHeaderHint = `if this sheet holds data to import, check that it is the download as published (its header row, starting with its first column name, within its first ${searchRows} rows)`;
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
  const readSheet = async (sheet: string, worksheet: ExcelJS.stream.xlsx.WorksheetReader, isRecalculated: boolean): Promise<Issue[]> => {
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
    if (sheetHeaderLine === 0) sheetIssues.push(sheetSkipped(displayName, sheet, `has no header row in its first ${searchRows} rows`, noHeaderHint));
    if (noResult !== undefined) {
      sheetIssues.push(formulaNoResult(displayName, sheet, noResult, noResultCount - 1, sheetHeader[noResult.column] ?? null, false, isRecalculated));
    }
    return sheetIssues;
  };

  try {
    // a hidden sheet (a copy kept by the publisher or the user, a look-up list) is passed over while a visible one
    // holds the data: its rows would be read twice, or as data they are not; each sheet's warnings in tab order
    const bySheet: Issue[][] = [];
    const hidden: { sheet: string; position: number; hasHeader: boolean }[] = [];
    for await (const { name: sheet, rows: worksheet, isHidden, isRecalculated } of xlsxWorksheets(path)) {
      if (isHidden) {
        hidden.push({ sheet, position: bySheet.length, hasHeader: await hasHeaderRow(worksheet, isHeader, searchRows) });
        bySheet.push([]);
      } else bySheet.push(await readSheet(sheet, worksheet, isRecalculated));
    }
    for (const { sheet, position, hasHeader } of hidden) {
      if (!hasHeader) bySheet[position] = [sheetSkipped(displayName, sheet, `is hidden and has no header row in its first ${searchRows} rows`, noHeaderHint)];
    }
    if (header === undefined && hidden.some((entry) => entry.hasHeader)) {
      // only hidden sheets hold the data (a workbook whose data tab was hidden behind a cover sheet): those are read
      const wanted = new Map(hidden.filter((entry) => entry.hasHeader).map((entry) => [entry.sheet, entry.position]));
      for await (const { name: sheet, rows: worksheet, isRecalculated } of xlsxWorksheets(path)) {
        const position = wanted.get(sheet);
        if (position !== undefined) bySheet[position] = await readSheet(sheet, worksheet, isRecalculated);
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
    throw toWorkbookError(error, displayName);
  }
  if (header === undefined) {
    throw new DataError('XLSX_NO_HEADER', `expected a header row in the first ${searchRows} rows of a sheet, found none`, issues, {
      location: { file: displayName },
      hint: 'check that this is the download as published (the header starts with its first column name)',
    });
  }
  return { table: options.table, header, headerLine, sheets, sheetHeaders, rowCount, issues };
}

/**
 * Returns what went wrong reading a workbook as the error to throw: a DataError as it is, else `XLSX_UNREADABLE` saying
 * what the file is (see NotWorkbookError) or that it cannot be read as a workbook, with the reader's words.
 */
export function toWorkbookError(error: unknown, displayName: string): DataError {
  if (error instanceof DataError) return error;
  if (error instanceof NotWorkbookError) {
    return new DataError('XLSX_UNREADABLE', `expected an .xlsx workbook, found ${error.message}`, [], { cause: error, location: { file: displayName }, hint: error.hint });
  }
  return new DataError('XLSX_UNREADABLE', `expected an .xlsx workbook, found a file that cannot be read as one (${firstLine(error)})`, [], {
    cause: error,
    location: { file: displayName },
    hint: 'save the download again as .xlsx (Excel 2007 or later) or as CSV',
  });
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
}
