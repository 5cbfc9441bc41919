import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { DataError } from '../errors.js';
import type { CsvRead, ReadCsvOptions } from '../io/csv-read.js';
import { isXlsxWorkbook } from '../io/is-xlsx-workbook.js';
import { emptyRead } from '../io/load-table.js';
import { readCsv } from '../io/read-csv.js';
import { RETURN_WORKBOOK } from '../io/list-files.js';
import { scanCsv } from '../io/scan-csv.js';
import { columnLetters } from '../io/xlsx-cells.js';
import type { Issue } from '../schema/issue.js';
import { quoteIdent, quoteLiteral, type Store } from '../store/index.js';
import { mapHeader } from './map-header.js';

/** Where a return sent as a workbook was read: its sheet, and the sheet row of each line when they differ. */
export interface WorkbookPlace {
  sheet: string;
  /** The sheet row of each CSV line (index: line), when a cell's line break moved the lines; else a line is its row. */
  lineRows: number[] | undefined;
}

/**
 * Returns the return at `path` loaded by readCsv: a CSV (or TSV, or text) as it is, a workbook (`.xlsx`, `.xlsm`) as
 * the CSV text of its return's sheet (see readWorkbookReturn), so that both go through one reader and one validation.
 * An `.xlsx` under another name (renamed `.csv`) is read as the workbook it is, with the warning `XLSX_UNDER_OTHER_NAME`;
 * an `.xls` or `.ods` so renamed is read as a CSV, which refuses it (`ENCODING_UNDECODABLE`, with how to save it as CSV).
 * A workbook that cannot be read is an empty read whose one error says why (`XLSX_UNREADABLE`, `XLSX_NO_HEADER`,
 * `XLSX_SHEETS_AMBIGUOUS`), as a CSV in no readable encoding is; its size is the workbook's.
 */
export async function readReturn(store: Parameters<typeof readCsv>[0], path: string, options: ReadCsvOptions): Promise<{ read: CsvRead; workbook: WorkbookPlace | undefined }> {
  if (path === '-' || !(await stat(path)).isFile()) return { read: await readCsv(store, path, options), workbook: undefined };
  const file = options.displayName;
  // an .xlsx renamed .csv (or .txt) is read as the workbook it is, and said to be one (it was ENCODING_UNDECODABLE)
  const isNamed = RETURN_WORKBOOK.test(path);
  if (!isNamed && !(await isXlsxWorkbook(path))) return { read: await readCsv(store, path, options), workbook: undefined };
  const renamed: Issue[] = isNamed ? [] : [renamedWorkbook(file)];
  let workbook;
  try {
    // loaded when a workbook comes (exceljs is large): a CSV's validation never pays for it
    const { readWorkbookReturn } = await import('../io/read-workbook-return.js');
    workbook = await readWorkbookReturn(path, { displayName: file, isHeader: options.recognise?.isHeader ?? (() => false) });
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    const refusal: Issue = { code: error.code, severity: 'error', file, line: null, column: null, value: null, message: error.message, hint: error.hint ?? null };
    const read = emptyRead(options, await scanCsv(path, ','), [...renamed, refusal]);
    return { read, workbook: undefined };
  }
  try {
    const read = await readCsv(store, workbook.csvPath, { ...options, delimiter: ',', isWorkbook: true });
    const scan = { ...read.scan, sizeBytes: (await stat(path)).size };
    return { read: { ...read, scan, issues: [...renamed, ...workbook.issues, ...read.issues] }, workbook: { sheet: workbook.sheet, lineRows: workbook.lineRows } };
  } finally {
    await workbook.remove();
  }
}

/**
 * Returns the warning for an Excel workbook under another name (`ROU_2025.csv`), read as a workbook.
 *
 * @example renamedWorkbook('ROU_2025.csv').message // 'the file is an Excel workbook under a .csv name: read as a workbook'
 */
function renamedWorkbook(file: string): Issue {
  const extension = /\.([^./\\]+)$/.exec(file)?.[1];
  const stem = extension === undefined ? file : file.slice(0, -extension.length - 1);
  return {
    code: 'XLSX_UNDER_OTHER_NAME', severity: 'warning', file, line: null, column: null, value: null,
    message: `the file is an Excel workbook under ${extension === undefined ? 'a name without an extension' : `a .${extension} name`}: read as a workbook`,
    hint: `rename it ${basename(stem)}.xlsx, so that it opens in Excel; or, to send CSV, open it in Excel and save it as CSV UTF-8 (File > Save As > CSV UTF-8)`,
  };
}

/**
 * Returns the lines of a workbook's CSV text that are not their sheet row (a cell's line break above them), as SQL
 * `(values (line, row), …) as m(line, row)`, or undefined when every line is its row.
 */
export function movedLines(workbook: Pick<WorkbookPlace, 'lineRows'> | null): string | undefined {
  const rows = (workbook?.lineRows ?? []).flatMap((row, line) => (line > 0 && row !== line ? [`(${line}, ${row})`] : []));
  return rows.length === 0 ? undefined : `(values ${rows.join(', ')}) as m(line, row)`;
}

/**
 * Returns the issues of a return read from a workbook that name a row with the sheet and, where they name a column,
 * the cell as Excel names it (`H12`): the column is found by its name in the header (`OBS_VALUE`, as validation
 * names it, or the header's own text) or by its number (`column 12`, a column without a name). Issues of a CSV
 * (`workbook` null or not given) are returned as they are.
 *
 * @example locateInSheet([{ …, line: 12, column: 'OBS_VALUE' }], { sheet: 'Return', header: [...HEADER] }) // [{ …, sheet: 'Return', cell: 'H12' }]
 */
export function locateInSheet<T extends Issue>(issues: T[], workbook: { sheet: string; header: readonly string[] } | null | undefined): T[] {
  if (workbook === null || workbook === undefined) return issues;
  const lettersOf = sheetColumnLetters(workbook.header);
  return issues.map((issue) => {
    const letters = lettersOf(issue.column);
    if (issue.line === null) return issue; // the workbook's own (a sheet passed over): its message names the sheet
    return { ...issue, sheet: workbook.sheet, ...(letters === undefined ? {} : { cell: `${letters}${issue.line}` }) };
  });
}

/**
 * Returns the function giving an issue's column (`OBS_VALUE`, the header's own text, or `column 12`) the letters of
 * its column in a sheet whose header is `header` (see locateInSheet), or undefined when the header has no such column.
 */
function sheetColumnLetters(header: readonly string[]): (column: string | null) => string | undefined {
  const positions = new Map<string, number>(header.map((cell, i) => [cell.trim().toUpperCase(), i] as const).reverse());
  for (const [name, i] of Object.entries(mapHeader([...header], '', 1).index)) positions.set(name, i);
  return (column) => {
    const numbered = /^column (\d+)$/.exec(column ?? '');
    const position = column === null ? undefined : numbered !== null ? Number(numbered[1]) - 1 : positions.get(column.trim().toUpperCase());
    return position === undefined ? undefined : columnLetters(position);
  };
}

/**
 * Returns the SQL that gives the issues of `issuesTable` (read as `i`) their sheet and cell as locateInSheet does, for
 * storing them: `select` (two expressions, `sheet` and `cell`) and `join` (after `from … as i`). Both are nulls for a
 * CSV (`workbook` null).
 */
export async function sheetCellsSql(store: Store, issuesTable: string, workbook: { sheet: string; header: readonly string[] } | null): Promise<{ select: string; join: string }> {
  if (workbook === null) return { select: 'null as sheet, null as cell', join: '' };
  const lettersOf = sheetColumnLetters(workbook.header);
  const columns = await store.all<{ column: string }>(`select distinct "column" from ${quoteIdent(issuesTable)} where "column" is not null and line is not null order by 1`);
  const pairs = columns.flatMap(({ column }) => {
    const letters = lettersOf(column);
    return letters === undefined ? [] : [`(${quoteLiteral(column)}, ${quoteLiteral(letters)})`];
  });
  return {
    select: `if(i.line is null, null, ${quoteLiteral(workbook.sheet)}) as sheet, ${pairs.length === 0 ? 'null' : "if(i.line is null, null, c.letters || i.line)"} as cell`,
    join: pairs.length === 0 ? '' : `left join (values ${pairs.join(', ')}) as c(col, letters) on c.col = i."column"`,
  };
}
