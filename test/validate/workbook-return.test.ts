import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCsvRow } from '../../src/io/write-csv.js';
import type { Store } from '../../src/store/index.js';
import type { ValidationSession } from '../../src/validate/index.js';
import { columnLetters } from '../../src/io/xlsx-cells.js';
import { tempDir } from '../helpers/warehouse.js';
import { HEADER, openSession, storedRows, validatePath } from './validate-helper.js';

// A return sent as an .xlsx workbook is validated as the CSV text of its sheet, a line per row: the same issues as the
// same rows saved as CSV, each located at the sheet's row and cell.

let store: Store;
let session: ValidationSession;
beforeAll(async () => ({ store, session } = await openSession()));
afterAll(() => store.close());

type Cell = ExcelJS.CellValue;
interface SheetSpec { name: string; rows: Cell[][]; state?: 'visible' | 'hidden'; formats?: Record<string, string> }

/** Writes an .xlsx workbook with exceljs (as Excel lays it out: a row only where a cell is filled) and returns its path. */
async function writeWorkbook(sheets: SheetSpec[], name = 'ROU_2025.xlsx'): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name, { state: spec.state ?? 'visible' });
    spec.rows.forEach((cells, i) => {
      if (cells.length > 0) sheet.getRow(i + 1).values = cells;
    });
    for (const [address, format] of Object.entries(spec.formats ?? {})) sheet.getCell(address).numFmt = format;
  }
  const path = join(tempDir(), name);
  await workbook.xlsx.writeFile(path);
  return path;
}

const COLUMNS = HEADER.split(',');
/** A row as a ministry types it in Excel: a plain number becomes a number cell, everything else stays text. */
const typed = (cells: string[]): Cell[] => cells.map((cell) => (cell === '' ? null : /^-?\d+(\.\d+)?$/.test(cell) && String(Number(cell)) === cell ? Number(cell) : cell));
const row = (line: string): string[] => line.split(',');

describe('a return sent as a workbook is validated as the same rows saved as CSV', () => {
  const cases: Array<[string, string[][]]> = [
    ['a valid return', [COLUMNS, row('ROU,2025,TIP_VIC,_T,_T,_T,_T,120,A,F,'), row('ROU,2025,TIP_VIC,F,_T,_T,_T,80,A,F,'), row('ROU,2025,TIP_VIC,M,_T,_T,_T,40,A,F,'),
      ['ROU', '2025', 'FA_SEIZED', '_T', '_T', '_T', '_T', '310', 'P', 'F', 'Provisional, police data'], row('ROU,2025,DRG_SEIZ_KG,_T,_T,_T,COCAINE,12.5,A,F,'), row('ROU,2025,COR_OFF,_T,_T,_T,_T,,M,F,')]],
    ['rows with errors', [COLUMNS, row('ROU,2025,TIP_VICTIM,_T,_T,_T,_T,12,A,F,'), row('rou,2025,TIP_OFF,_T,_T,_T,_T,-5,A,F,'), row('ROU,25,TIP_PRS,_T,_T,_T,_T,7,A,F,'),
      row('ROU,2025,TIP_CNV,_T,_T,_T,_T,12.5,A,F,'), row(',2025,FA_SEIZED,_T,_T,_T,_T,3,A,F,'), row('ROU,2025,FA_SEIZED,_T,_T,_T,_T,4,A,F,')]],
    ['a title above the header, and a header missing a column and naming an unknown one', [['Ministry of Internal Affairs, 2025'], [],
      ['REF_AREA', 'TIME_PERIOD', 'INDICATOR', 'SEX', 'AGE', 'COUNTERPART_AREA', 'BREAKDOWN', 'OBS_VALUE', 'OBS_STATUS', 'NOTE'],
      row('ROU,2025,TIP_VIC,_T,_T,_T,_T,120,A,x'), row('ROU,2025,TIP_OFF,_T,_T,_T,_T,1 200,A,')]],
  ];
  it.each(cases)('%s: the same issues (codes, lines, columns, values, messages), each with its sheet and cell', async (_, lines) => {
    const csv = join(tempDir(), 'ROU_2025.csv');
    writeFileSync(csv, lines.map((cells) => `${formatCsvRow(cells)}\n`).join(''));
    const xlsx = await writeWorkbook([{ name: 'Return', rows: lines.map(typed) }]);
    const fromCsv = await validatePath(session, csv, { displayName: 'ROU_2025' });
    const fromXlsx = await validatePath(session, xlsx, { displayName: 'ROU_2025' });
    // THOUSANDS_SEPARATOR's hint speaks of the cell in a workbook, of saving in a CSV (see 'hints that speak of saving a CSV');
    // HEADER_NOT_FIRST speaks of rows in a workbook, of lines in a CSV (test/validate/program-workbooks.test.ts)
    const strip = (issues: typeof fromCsv.issues) => issues.map(({ code, severity, line, column, value, message, hint }) => ({
      code, severity, line, column, value, message: code === 'HEADER_NOT_FIRST' ? message.replaceAll('in row', 'on line') : message,
      hint: code === 'THOUSANDS_SEPARATOR' || code === 'HEADER_NOT_FIRST' ? null : hint,
    }));
    expect(strip(fromXlsx.issues)).toEqual(strip(fromCsv.issues));
    expect([fromXlsx.rows, fromXlsx.accepted, fromXlsx.errors, fromXlsx.warnings, fromXlsx.state, fromXlsx.year])
      .toEqual([fromCsv.rows, fromCsv.accepted, fromCsv.errors, fromCsv.warnings, fromCsv.state, fromCsv.year]);
    // the comparison is over issues that are there: the valid return has none, the others several
    expect(fromCsv.errors === 0).toBe(_ === 'a valid return');
    // every issue at a row names the sheet; at a named column, the cell as Excel names it
    for (const issue of fromXlsx.issues.filter((i) => i.line !== null)) {
      const position = lines[issue.line! - 1]!.length > 0 ? lines.find((cells) => cells.includes('REF_AREA'))!.indexOf(issue.column ?? '') : -1;
      expect(issue).toMatchObject({ sheet: 'Return', ...(position >= 0 ? { cell: `${columnLetters(position)}${issue.line}` } : {}) });
    }
    expect(fromCsv.issues.every((i) => i.sheet === undefined && i.cell === undefined)).toBe(true);
  });
});

describe('a workbook return: cells read as their values, located at their cells', () => {
  const header: Cell[] = COLUMNS;
  const filler = (n: number): Cell[][] => Array.from({ length: n }, (_, i) => ['ROU', 2025, 'TIP_VIC', i % 2 === 0 ? 'F' : 'M', `Y${15 + i}T${15 + i}`, '_T', '_T', 1, 'A', 'F', null]);

  it('an error at a known cell is reported at its row, column and cell (H12), as Excel names them', async () => {
    const rows = [header, ...filler(10), ['ROU', 2025, 'TIP_OFF', '_T', '_T', '_T', '_T', 'twelve', 'A', 'F', null]];
    const result = await validatePath(session, await writeWorkbook([{ name: 'Return', rows }]), { displayName: 'ROU_2025.xlsx' });
    const issue = result.issues.find((i) => i.code === 'VALUE_NOT_NUMBER');
    expect(issue).toMatchObject({ line: 12, column: 'OBS_VALUE', value: 'twelve', sheet: 'Return', cell: 'H12' });
  });

  it('a number is its value, whatever its format ("#,##0" 1192 is 1192); a text "1,192" still has a thousands separator', async () => {
    const rows = [header,
      ['ROU', 2025, 'TIP_VIC', '_T', '_T', '_T', '_T', 1192, 'A', 'F', null],
      ['ROU', 2025, 'DRG_SEIZ_KG', '_T', '_T', '_T', 'COCAINE', 12.5, 'A', 'F', null],
      ['ROU', 2025, 'TIP_OFF', '_T', '_T', '_T', '_T', '1,192', 'A', 'F', null]];
    const path = await writeWorkbook([{ name: 'Return', rows, formats: { H2: '#,##0', H3: '0' } }]);
    const result = await validatePath(session, path);
    expect(result.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.line, i.column, i.value, i.cell])).toEqual([['THOUSANDS_SEPARATOR', 4, 'OBS_VALUE', '1,192', 'H4']]);
    expect((await storedRows(session, path, 'line < 4')).map((r) => r.obs_value)).toEqual([1192, 12.5]);
  });

  it('a tiny number is shown as typed (0.0000001, stored 1E-7), with the rule that refuses it (was "1e-7", "write the number in full, without an exponent")', async () => {
    const rows = [header,
      ['ROU', 2025, 'TIP_VIC', '_T', '_T', '_T', '_T', 0.0000001, 'A', 'F', null],
      ['ROU', 2025, 'DRG_SEIZ_KG', '_T', '_T', '_T', 'COCAINE', 0.0000125, 'A', 'F', null],
      // a difference computed in floating point, whose stored result is a rounding rest
      ['ROU', 2025, 'TIP_OFF', '_T', '_T', '_T', '_T', { formula: '0.1+0.2-0.3', result: 0.1 + 0.2 - 0.3 }, 'A', 'F', null]];
    const path = await writeWorkbook([{ name: 'Return', rows }]);
    const result = await validatePath(session, path, { displayName: 'ROU_2025.xlsx' });
    expect(result.issues.map((i) => [i.code, i.line, i.column, i.value, i.message, i.hint, i.cell])).toEqual([
      ['VALUE_NOT_INTEGER', 2, 'OBS_VALUE', '0.0000001', 'expected a whole number for TIP_VIC (a count, unit NR), found "0.0000001"',
        'counts have no decimals, and "0.0000001" is less than one: write the whole number counted (a rate, a share or a figure a formula computed is no count)', 'H2'],
      ['VALUE_NOT_INTEGER', 4, 'OBS_VALUE', '0.00000000000000005551115123125783', 'expected a whole number for TIP_OFF (a count, unit NR), found "0.00000000000000005551115123125783"',
        'write 0: "0.00000000000000005551115123125783" is 0 computed in floating point by a formula or a program, with a rounding rest; round the figure before saving (a spreadsheet\'s ROUND(…, 0); pandas: .round().astype("Int64"))', 'H4'],
    ]);
    // a quantity below one is a number, read exactly
    expect((await storedRows(session, path, 'line = 3')).map((r) => r.obs_value)).toEqual([0.0000125]);
  });

  it('a formula is its stored result; one without a result is empty, with XLSX_FORMULA_NO_RESULT at its cell', async () => {
    const rows = [header,
      ['ROU', 2025, 'TIP_VIC', 'F', '_T', '_T', '_T', 80, 'A', 'F', null],
      ['ROU', 2025, 'TIP_VIC', 'M', '_T', '_T', '_T', 40, 'A', 'F', null],
      ['ROU', 2025, 'TIP_VIC', '_T', '_T', '_T', '_T', { formula: 'SUM(H2:H3)', result: 120 }, 'A', 'F', null],
      ['ROU', 2025, 'TIP_OFF', '_T', '_T', '_T', '_T', { formula: 'H4/10' }, 'A', 'F', null]];
    const path = await writeWorkbook([{ name: 'Return', rows }]);
    const result = await validatePath(session, path);
    expect(result.issues.find((i) => i.code === 'XLSX_FORMULA_NO_RESULT')).toMatchObject({
      severity: 'warning', line: 5, column: 'OBS_VALUE', value: '=H4/10', cell: 'H5',
      // the sheet and cell locate it (sheet "Return", row 5, … (cell H5)): the message no longer names them a second time
      message: 'expected a formula with its result stored, found =H4/10 with none: read as empty',
    });
    expect((await storedRows(session, path, 'line = 4')).map((r) => r.obs_value)).toEqual([120]);
  });

  it('an error cell (#N/A, #DIV/0!) is a value that is no number, named; a date in TIME_PERIOD is an error with a hint, never a year guessed', async () => {
    const rows: Cell[][] = [header,
      ['ROU', 2025, 'TIP_VIC', '_T', '_T', '_T', '_T', { error: '#N/A' }, 'A', 'F', null],
      ['ROU', 2025, 'TIP_OFF', '_T', '_T', '_T', '_T', { formula: '1/0', result: { error: '#DIV/0!' } } as Cell, 'A', 'F', null],
      // 2025 typed in a cell formatted as a date: Excel shows 17.07.1905
      ['ROU', 2025, 'TIP_PRS', '_T', '_T', '_T', '_T', 3, 'A', 'F', null]];
    const path = await writeWorkbook([{ name: 'Return', rows, formats: { B4: 'dd.mm.yyyy' } }]);
    const result = await validatePath(session, path);
    expect(result.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.cell, i.value, i.message])).toEqual([
      ['VALUE_NOT_NUMBER', 'H2', '#N/A', 'expected a number, found "#N/A"'],
      ['VALUE_NOT_NUMBER', 'H3', '#DIV/0!', 'expected a number, found "#DIV/0!"'],
      ['TIME_PERIOD_INVALID', 'B4', '1905-07-17', 'expected a year as four digits (1990 to 2026), found "1905-07-17"'],
    ]);
    expect(result.issues.find((i) => i.code === 'TIME_PERIOD_INVALID')!.hint).toMatch(/^write 2025: the year was formatted as a date, which shows the number 2025 as the day 1905-07-17 \(format the column as Text/);
    expect(result.issues.find((i) => i.cell === 'H2')!.hint).toMatch(/^the cell shows a spreadsheet error \(#N\/A\)/);
  });

  it('a figure in a cell formatted as a date names the number it shows (120 as 1900-04-29), a recent date what was typed (was "use a point as the decimal separator")', async () => {
    const rows: Cell[][] = [header,
      ['ROU', 2025, 'TIP_VIC', '_T', '_T', '_T', '_T', 120, 'A', 'F', null],
      // 12.5 typed into a cell by LibreOffice or Excel set to Serbian or German: the 12th of May
      ['ROU', 2025, 'DRG_SEIZ_KG', '_T', '_T', '_T', 'COCAINE', new Date(Date.UTC(2025, 4, 12)), 'A', 'F', null]];
    const path = await writeWorkbook([{ name: 'Return', rows, formats: { H2: 'dd.mm.yyyy', H3: 'dd.mm.yyyy' } }]);
    const result = await validatePath(session, path);
    expect(result.issues.map((i) => [i.code, i.cell, i.value, i.hint])).toEqual([
      ['VALUE_NOT_NUMBER', 'H2', '1900-04-29', 'write 120 if that is the figure: the column is formatted as a date, which shows the number 120 as the day 1900-04-29 '
        + '(format the column as a number, General, and check the figures: one with decimals shows as the day of its whole part)'],
      ['VALUE_NOT_NUMBER', 'H3', '2025-05-12', 'OBS_VALUE holds a count or quantity, not a date: the cell holds the date 2025-05-12, which a spreadsheet makes of '
        + '12.5 or 5/12 typed into a cell in a language writing dates so; format the column as a number (General) and type the figure again'],
    ]);
    // the same as a CSV saves them, as the cell shows them
    const csv = join(tempDir(), 'ROU_2025.csv');
    writeFileSync(csv, `${HEADER}\nROU,2025,TIP_VIC,_T,_T,_T,_T,29.04.1900,A,F,\nROU,2025,DRG_SEIZ_KG,_T,_T,_T,COCAINE,12.05.2025,A,F,\n`);
    expect((await validatePath(session, csv)).issues.map((i) => [i.code, i.line, i.hint])).toEqual([
      ['VALUE_NOT_NUMBER', 2, 'write 120 if that is the figure: the column is formatted as a date, which shows the number 120 as the day 29.04.1900 '
        + '(format the column as a number, General, and check the figures: one with decimals shows as the day of its whole part)'],
      ['VALUE_NOT_NUMBER', 3, 'OBS_VALUE holds a count or quantity, not a date: format the column as a number (General) and type the figure again '
        + '(a spreadsheet takes a figure typed with a point or a slash for a day and month in a language writing dates so)'],
    ]);
  });

  it('a number format naming a unit in escaped letters ("#,##0\\ \\s\\l\\u\\č\\a\\j\\e\\v\\a", 1192 shown "1.192 slučajeva") is no date format: the figure is read (was "1903-04-06", VALUE_NOT_NUMBER)', async () => {
    const rows: Cell[][] = [header,
      ['ROU', 2025, 'TIP_VIC', '_T', '_T', '_T', '_T', 1192, 'A', 'F', null],
      ['ROU', 2025, 'TIP_OFF', '_T', '_T', '_T', '_T', 12, 'A', 'F', null],
      // a date format with escaped separators is still one: 2025 shows as 17.07.1905
      ['ROU', 2025, 'TIP_PRS', '_T', '_T', '_T', '_T', 3, 'A', 'F', null]];
    const formats = { H2: '#,##0\\ \\s\\l\\u\\č\\a\\j\\e\\v\\a', H3: '_-* #,##0\\ \\d\\a\\y\\s_-', B4: 'dd\\.mm\\.yyyy' };
    const path = await writeWorkbook([{ name: 'Return', rows, formats }]);
    const result = await validatePath(session, path);
    expect(result.issues.map((i) => [i.code, i.cell, i.value])).toEqual([['TIME_PERIOD_INVALID', 'B4', '1905-07-17']]);
    expect((await storedRows(session, path, 'line < 4')).map((r) => r.obs_value)).toEqual([1192, 12]);
  });

  it('rich text is its plain text, a boolean TRUE or FALSE; a cell over two lines keeps the rows below it at their row numbers', async () => {
    const rows = [header,
      ['ROU', 2025, 'TIP_VIC', '_T', '_T', '_T', '_T', 12, 'A', 'F', { richText: [{ text: 'Police ' }, { font: { bold: true }, text: 'data' }] }],
      ['ROU', 2025, 'TIP_OFF', '_T', '_T', '_T', '_T', 5, 'A', 'F', true],
      ['ROU', 2025, 'TIP_PRS', '_T', '_T', '_T', '_T', 3, 'A', 'F', 'first line\nsecond line'],
      ['ROU', 2025, 'TIP_CNV', '_T', '_T', '_T', '_T', 'x', 'A', 'F', null]];
    const path = await writeWorkbook([{ name: 'Return', rows }]);
    expect((await storedRows(session, path, 'line < 5')).map((r) => r.comment)).toEqual(['Police data', 'TRUE', 'first line\nsecond line']);
    const result = await validatePath(session, path);
    expect(result.issues.map((i) => [i.code, i.line, i.cell])).toEqual([['VALUE_NOT_NUMBER', 5, 'H5']]);
  });
});

describe('rows of formatted cells below the data (a border or a number format given to more rows than were filled)', () => {
  it('are no rows of the return: no BLANK_ROW for each (2,000 such rows gave 2,000 warnings), while an empty row between data rows keeps its warning', async () => {
    const rows: Cell[][] = [COLUMNS, typed(row('ROU,2025,TIP_VIC,_T,_T,_T,_T,120,A,F,')), [], typed(row('ROU,2025,TIP_OFF,_T,_T,_T,_T,12,A,F,'))];
    // rows 3 and 6 to 205 hold cells with a format and no value, as LibreOffice and Excel store them
    const formats: Record<string, string> = { A3: '0', K3: '0' };
    for (let r = 6; r <= 205; r++) for (const column of ['A', 'H', 'K']) formats[`${column}${r}`] = '#,##0';
    const path = await writeWorkbook([{ name: 'Return', rows, formats }]);
    const result = await validatePath(session, path);
    expect(result.issues.map((i) => [i.code, i.line])).toEqual([['BLANK_ROW', 3]]);
    // the empty row between is no data row either (it counted: 3 rows)
    expect([result.rows, result.acceptedLines]).toEqual([2, [2, 4]]);
  });
});

describe('hints that speak of saving a CSV say, for a workbook, what to do in the cell', () => {
  it('a number held as text ("1,192", "12,5", "12.500" kg, quoted) gets the workbook\'s sentence; the same rows as CSV keep theirs', async () => {
    const lines = [COLUMNS, row('ROU,2025,TIP_VIC,_T,_T,_T,_T,12,A,F,'),
      ['ROU', '2025', 'TIP_OFF', '_T', '_T', '_T', '_T', '1,192', 'A', 'F', ''],
      ['ROU', '2025', 'TIP_PRS', '_T', '_T', '_T', '_T', '12,5', 'A', 'F', ''],
      ['ROU', '2025', 'DRG_SEIZ_KG', '_T', '_T', '_T', 'COCAINE', '12.500', 'A', 'F', ''],
      ['ROU', '2025', 'DRG_SEIZ_KG', '_T', '_T', '_T', 'HEROIN', '12,500', 'A', 'F', ''],
      ['ROU', '2025', 'TIP_CNV', '_T', '_T', '_T', '_T', '\u201c7\u201d', 'A', 'F', '']];
    const xlsx = await writeWorkbook([{ name: 'Return', rows: lines.map(typed) }]);
    const fromXlsx = await validatePath(session, xlsx, { displayName: 'ROU_2025.xlsx' });
    expect(fromXlsx.issues.map((i) => [i.code, i.cell, i.hint])).toEqual([
      ['THOUSANDS_SEPARATOR', 'H3', 'write 1192 (no separator); a separator is never guessed: the cell holds text, not a number: type the number into it without separators, or turn the text into a number (Data > Text to Columns, or the warning triangle\'s "Convert to Number")'],
      ['VALUE_NOT_NUMBER', 'H4', 'write 12.5 as a number: the cell holds the text "12,5", which Excel set to a language with a decimal point does not read as a number: type the number into it with a decimal point'],
      ['THOUSANDS_SEPARATOR', 'H5', 'write 12500 if the point separates thousands, or 12.5 if it is the decimal point (DRG_SEIZ_KG is a quantity, unit KG, which may have decimals, here three); a separator is never guessed: the cell holds the text "12.500", not a number: type the number into it (a workbook\'s number cell says which it is)'],
      ['THOUSANDS_SEPARATOR', 'H6', 'write 12500 if the comma separates thousands, or 12.5 if it is a decimal comma (DRG_SEIZ_KG is a quantity, unit KG, which may have decimals, here three); a separator is never guessed: the cell holds text, not a number: type the number into it without separators, or turn the text into a number (Data > Text to Columns, or the warning triangle\'s "Convert to Number")'],
      ['VALUE_NOT_NUMBER', 'H7', 'write 7 alone: the cell holds quotation marks (\u201c \u201d), which a word processor or Apple Numbers types as characters of the cell: type the number alone into it'],
    ]);
    // the same rows saved as CSV: the same issues, with the hints about saving a CSV
    const csv = join(tempDir(), 'ROU_2025.csv');
    writeFileSync(csv, lines.map((cells) => `${formatCsvRow(cells)}\n`).join(''));
    const fromCsv = await validatePath(session, csv, { displayName: 'ROU_2025.csv' });
    expect(fromCsv.issues.map((i) => [i.code, i.line, i.value])).toEqual(fromXlsx.issues.map((i) => [i.code, i.line, i.value]));
    expect(fromCsv.issues.map((i) => i.hint)).toEqual([
      expect.stringMatching(/^write 1192 \(no separator\); a separator is never guessed: if a number format groups the thousands, format the column without them before saving, or, in LibreOffice, untick "Save cell content as shown"/),
      expect.stringMatching(/^write 12\.5: a comma-delimited file takes a decimal point; /),
      expect.stringMatching(/a spreadsheet set to a language that writes a decimal comma \(LibreOffice, Google Sheets\) saves 12500 so in a comma-delimited file/),
      expect.stringMatching(/a separator is never guessed: a comma-delimited file takes a decimal point and no thousands separator$/),
      expect.stringMatching(/, not the quotes CSV puts around a cell$/),
    ]);
  });
});

describe('hints of cells beyond the header, shifted cells and letters lost say what to do in the workbook', () => {
  it('TOO_MANY_CELLS, a number in OBS_STATUS, "???????" in REF_AREA and a COMMENT of question marks: the workbook\'s sentence, no delimiter or CSV saving', async () => {
    const rows: Cell[][] = [COLUMNS,
      ['ROU', 2025, 'TIP_VIC', '_T', '_T', '_T', '_T', 12, 'A', 'F', null, 'stray'],
      ['ROU', 2025, 'TIP_OFF', '_T', '_T', '_T', '_T', 12, '5', 'F', null],
      ['???????', 2025, 'TIP_PRS', '_T', '_T', '_T', '_T', 12, 'A', 'F', null],
      ['ROU', 2025, 'TIP_CNV', '_T', '_T', '_T', '_T', 12, 'A', 'F', '??????? ?????']];
    const result = await validatePath(session, await writeWorkbook([{ name: 'Return', rows }]), { displayName: 'ROU_2025.xlsx' });
    expect(result.issues.map((i) => [i.code, i.cell, i.hint])).toEqual([
      ['TOO_MANY_CELLS', 'L2', 'the header names 11 columns: delete what stands to the right of the last one, or, if it belongs to the return, move it under its column'],
      ['UNKNOWN_CODE', 'I3', 'OBS_STATUS takes a code, not a number: if a cell was inserted or deleted in the row, move its cells back under their columns; else write the status code'],
      ['UNKNOWN_REF_AREA', 'A4', "write the country's ISO 3166-1 alpha-3 code; if the cell held a name in Georgian, Armenian, Cyrillic or Greek letters, they were lost before it came into the workbook (pasted from a file saved in a code page that lacks them): type the code into the cell"],
      ['COMMENT_LETTERS_LOST', 'K5', 'the letters were lost before the text came into the workbook (pasted from a file saved in a code page that lacks them, which writes "?" for each): retype the comment, or paste it from the original'],
    ]);
    // the same rows as CSV keep the hints about the delimiter and saving
    const csv = join(tempDir(), 'ROU_2025.csv');
    writeFileSync(csv, rows.map((cells) => `${formatCsvRow(cells.map((c) => (c === null ? '' : String(c))))}\n`).join(''));
    const fromCsv = await validatePath(session, csv, { displayName: 'ROU_2025.csv' });
    expect(fromCsv.issues.map((i) => [i.code, i.line, i.hint])).toEqual([
      ['TOO_MANY_CELLS', 2, 'a value probably contains the delimiter ",": quote it, or remove the extra cells'],
      ['UNKNOWN_CODE', 3, 'a decimal comma in OBS_VALUE ("12,5") splits the value into two cells in a comma-delimited file: write a decimal point ("12.5"), or quote the value'],
      ['UNKNOWN_REF_AREA', 4, expect.stringMatching(/the file was saved in a code page that lacks them \(Excel's "CSV \(Comma delimited\)"\): save it as "CSV UTF-8 \(Comma delimited\)"$/)],
      ['COMMENT_LETTERS_LOST', 5, expect.stringMatching(/^a program saving the file in a code page that lacks the letters writes "\?" for each/)],
    ]);
  });
});

describe("a program's missing value in a workbook's cell", () => {
  it('NA beside status M and nan in COMMENT: NA_AS_EMPTY with how the program writes a workbook, not write.csv or to_csv', async () => {
    const rows: Cell[][] = [COLUMNS,
      ['ROU', 2025, 'TIP_VIC', '_T', '_T', '_T', '_T', 'NA', 'M', 'F', null],
      ['ROU', 2025, 'TIP_OFF', '_T', '_T', '_T', '_T', 3, 'A', 'F', 'nan']];
    const result = await validatePath(session, await writeWorkbook([{ name: 'Return', rows }]), { displayName: 'ROU_2025.xlsx' });
    expect(result.issues.map((i) => [i.code, i.cell, i.hint])).toEqual([
      ['NA_AS_EMPTY', 'H2', "a cell left empty in R is written NA by openxlsx's write.xlsx with keepNA = TRUE: write the workbook without it (or with writexl::write_xlsx), which leaves the cell empty, or delete the NA"],
      ['NA_AS_EMPTY', 'K3', 'a cell left empty in pandas is written nan once the data frame is converted with astype(str): write it without astype(str) (df.to_excel(..., index=False) leaves it empty), or fill the empty cells first (df.fillna("").astype(str)), or delete the nan'],
    ]);
    expect(result.errors).toBe(0);
  });
});

describe("a header's hints in a workbook", () => {
  it('the names in one cell, separated by spaces, and pandas\' "Unnamed: 0": what to do in the workbook, not how to save a CSV', async () => {
    const oneCell = await validatePath(session, await writeWorkbook([{ name: 'Return', rows: [['REF_AREA TIME_PERIOD INDICATOR SEX AGE COUNTERPART_AREA BREAKDOWN OBS_VALUE'], ['ROU 2025 TIP_VIC _T _T _T _T 12']] }]));
    expect(oneCell.issues.find((i) => i.code === 'UNKNOWN_COLUMN')).toMatchObject({ cell: 'A1',
      hint: "the header's names stand in one cell, separated by spaces: put each in a cell of its own (select the column, then Data > Text to Columns, Delimited, Space)" });
    const pandas = await validatePath(session, await writeWorkbook([{ name: 'Return', rows: [['Unnamed: 0', ...COLUMNS], [0, 'ROU', 2025, 'TIP_VIC', '_T', '_T', '_T', '_T', 12, 'A', 'F', null]] }]));
    expect(pandas.issues.map((i) => [i.code, i.cell, i.hint])).toEqual([['UNKNOWN_COLUMN', 'A1',
      '"Unnamed: 0" is the name pandas gives a column without a name when it reads a file, as the index an earlier to_csv wrote: delete it (df = df.drop(columns="Unnamed: 0")), and write the workbook with df.to_excel(..., index=False)']]);
  });
});

describe('a rule that only a CSV can need', () => {
  it('OBS_VALUE 12 beside COMMENT 500 is what was typed: no "12,500 split by its comma" (THOUSANDS_SEPARATOR) in a workbook, as in the same rows as CSV', async () => {
    const columns = ['REF_AREA', 'TIME_PERIOD', 'INDICATOR', 'SEX', 'AGE', 'COUNTERPART_AREA', 'BREAKDOWN', 'OBS_VALUE', 'COMMENT'];
    const rows: Cell[][] = [columns, ['ROU', 2025, 'TIP_VIC', '_T', '_T', '_T', '_T', 12, 500]];
    const result = await validatePath(session, await writeWorkbook([{ name: 'Return', rows }]), { displayName: 'ROU_2025.xlsx' });
    expect([result.issues, result.accepted]).toEqual([[], 1]);
    expect((await storedRows(session, await writeWorkbook([{ name: 'Return', rows }]))).map((r) => [r.obs_value, r.comment])).toEqual([[12, '500']]);
    // unquoted in a CSV, "12,500" is split by its comma: still an error there
    const csv = join(tempDir(), 'ROU_2025.csv');
    writeFileSync(csv, `${columns.join(',')}\nROU,2025,TIP_VIC,_T,_T,_T,_T,12,500\n`);
    expect((await validatePath(session, csv)).issues.map((i) => [i.code, i.line])).toEqual([['THOUSANDS_SEPARATOR', 2]]);
  });
});

describe('which sheet holds the return', () => {
  const rows: Cell[][] = [COLUMNS, ['ROU', 2025, 'TIP_VIC', '_T', '_T', '_T', '_T', 12, 'A', 'F', null]];

  it('the one visible sheet with the header; a notes sheet and a hidden list are passed over, each with a warning naming it', async () => {
    const path = await writeWorkbook([
      { name: 'Notes', rows: [['Filled in by the Ministry of Internal Affairs'], ['Contact: statistics@mai.gov.ro']] },
      { name: 'Return', rows },
      { name: 'Lists', rows: [['TIP_VIC'], ['TIP_OFF']], state: 'hidden' },
      { name: 'Copy', rows, state: 'hidden' },
    ]);
    const result = await validatePath(session, path);
    // each with what to do if it was the return after all (the sheets with no header had no hint: null in --json)
    expect(result.issues.map((i) => [i.code, i.severity, i.value, i.message, i.sheet, i.hint])).toEqual([
      ['XLSX_SHEET_SKIPPED', 'warning', 'Copy', 'sheet "Copy" is hidden and has the header, but a visible sheet holds the return: not read', undefined,
        'a return is one sheet: if its rows belong to the return, move them into that sheet'],
      ['XLSX_SHEET_SKIPPED', 'warning', 'Lists', 'sheet "Lists" is hidden and has no header row in its first 50 rows: not read', undefined,
        'a return is one sheet: if this sheet holds it, write the template\'s column names in its first row, unhide it (right-click a sheet tab > Unhide) and delete the sheet "Return", then save the workbook'],
      ['XLSX_SHEET_SKIPPED', 'warning', 'Notes', 'sheet "Notes" has no header row in its first 50 rows: not read', undefined,
        'a return is one sheet: if this sheet holds it, write the template\'s column names in its first row and delete the sheet "Return", then save the workbook'],
    ]);
    expect([result.rows, result.accepted, result.workbook?.sheet]).toEqual([1, 1, 'Return']);
  });

  it('the one hidden sheet with the header when no visible sheet has it (a data tab hidden behind a cover), as import reads it', async () => {
    const result = await validatePath(session, await writeWorkbook([{ name: 'Cover', rows: [['Annual return 2025']] }, { name: 'Data', rows, state: 'hidden' }]));
    expect(result.issues.map((i) => [i.code, i.value])).toEqual([['XLSX_SHEET_SKIPPED', 'Cover']]);
    expect([result.rows, result.accepted, result.workbook?.sheet]).toEqual([1, 1, 'Data']);
  });

  it('two sheets with the header, or none among several, is one clear error and no row read', async () => {
    const two = await validatePath(session, await writeWorkbook([{ name: 'Return', rows }, { name: 'Return (2)', rows }]));
    expect(two.issues.map((i) => [i.code, i.line, i.message, i.hint])).toEqual([['XLSX_SHEETS_AMBIGUOUS', null,
      'expected one sheet holding the return, found 2 with its header: "Return", "Return (2)"',
      'a return is one sheet: move the rows into one of them and delete the others (or hide them: hidden sheets are passed over), then save the workbook']]);
    expect([two.rows, two.errors]).toEqual([0, 1]);
    const none = await validatePath(session, await writeWorkbook([{ name: 'Cover', rows: [['Annual return']] }, { name: 'Data', rows: [['Country', 'Year', 'Victims'], ['Romania', 2025, 12]] }]));
    expect(none.issues.map((i) => [i.code, i.message])).toEqual([['XLSX_NO_HEADER',
      'expected a sheet whose first rows hold the return\'s header (REF_AREA, TIME_PERIOD, INDICATOR, …), found none among "Cover", "Data"']]);
  });

  it('a workbook of one sheet without the header is read, so that validation says what the header lacks, as of a CSV', async () => {
    const lines = [['REF_AREA', 'YEAR', 'INDICATOR', 'SEX', 'AGE', 'COUNTERPART_AREA', 'BREAKDOWN', 'OBS_VALUE', 'OBS_STATUS', 'CONF_STATUS', 'COMMENT'], row('ROU,2025,TIP_VIC,_T,_T,_T,_T,12,A,F,')];
    const csv = join(tempDir(), 'ROU_2025.csv');
    writeFileSync(csv, lines.map((cells) => `${formatCsvRow(cells)}\n`).join(''));
    const fromXlsx = await validatePath(session, await writeWorkbook([{ name: 'Sheet1', rows: lines.map(typed) }]), { displayName: 'R' });
    const fromCsv = await validatePath(session, csv, { displayName: 'R' });
    expect(fromXlsx.issues.map((i) => [i.code, i.line, i.message])).toEqual(fromCsv.issues.map((i) => [i.code, i.line, i.message]));
    expect(fromCsv.errors).toBeGreaterThan(0);
  });
});

describe('a workbook under another name (renamed .csv) is read as the workbook it is', () => {
  it('an .xlsx named ROU_2025.csv: one warning saying so, then the issues of its sheet at their cells (it was ENCODING_UNDECODABLE)', async () => {
    const rows: Cell[][] = [COLUMNS, ['ROU', 2025, 'TIP_VIC', '_T', '_T', '_T', '_T', 12, 'A', 'F', null], ['ROU', 2025, 'TIP_OFF', '_T', '_T', '_T', '_T', 'twelve', 'A', 'F', null]];
    const path = await writeWorkbook([{ name: 'Return', rows }], 'ROU_2025.csv');
    const result = await validatePath(session, path, { displayName: 'ROU_2025.csv' });
    expect(result.issues.map((i) => [i.code, i.severity, i.line, i.column, i.message, i.hint, i.sheet, i.cell])).toEqual([
      ['XLSX_UNDER_OTHER_NAME', 'warning', null, null, 'the file is an Excel workbook under a .csv name: read as a workbook',
        'rename it ROU_2025.xlsx, so that it opens in Excel; or, to send CSV, open it in Excel and save it as CSV UTF-8 (File > Save As > CSV UTF-8)', undefined, undefined],
      ['VALUE_NOT_NUMBER', 'error', 3, 'OBS_VALUE', 'expected a number, found "twelve"', expect.any(String), 'Return', 'H3'],
    ]);
    expect([result.rows, result.accepted, result.errors, result.warnings, result.workbook?.sheet]).toEqual([2, 1, 1, 1, 'Return']);
  });
});

describe('a workbook that cannot be read is refused with what it is and what to do', () => {
  const refusal = async (bytes: Buffer): Promise<string[][]> => {
    const path = join(tempDir(), 'ROU_2025.xlsx');
    writeFileSync(path, bytes);
    const result = await validatePath(session, path, { displayName: 'ROU_2025.xlsx' });
    expect([result.rows, result.errors]).toEqual([0, 1]);
    return result.issues.map((i) => [i.code, i.message, i.hint ?? '']);
  };
  // a compound file (OLE2) whose first directory entry (at byte 512) names a stream, its name's length at byte 64
  const compound = (stream: string): Buffer => {
    const entry = Buffer.alloc(128);
    entry.write(`${stream}\0`, 0, 'utf16le');
    entry.writeUInt16LE((stream.length + 1) * 2, 64);
    return Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), entry]);
  };

  it('an .xls under an .xlsx name, a workbook saved with a password, a damaged archive', async () => {
    expect(await refusal(compound('Workbook'))).toEqual([['XLSX_UNREADABLE', 'expected an .xlsx workbook, found an Excel 97-2003 workbook (.xls) under an .xlsx name, which is not read',
      'open it in Excel and save it as Excel Workbook (.xlsx) or CSV UTF-8 (File > Save As)']]);
    expect(await refusal(compound('EncryptedPackage'))).toEqual([['XLSX_UNREADABLE', 'expected an .xlsx workbook, found a password-protected (encrypted) workbook, which cannot be read',
      'open it in Excel with its password, clear the password (File > Info > Protect Workbook > Encrypt with Password) and save it as .xlsx or CSV UTF-8']]);
    const bytes = readFileSync(await writeWorkbook([{ name: 'Return', rows: [COLUMNS] }]));
    const [code, message, hint] = (await refusal(bytes.subarray(0, bytes.length - 40)))[0]!;
    expect([code, hint]).toEqual(['XLSX_UNREADABLE', 'download the file again (an interrupted download ends early)']);
    expect(message).toBe('expected an .xlsx workbook, found a damaged or truncated zip archive: its directory cannot be read');
    expect(await refusal(Buffer.from(`${HEADER}\nROU,2025,TIP_VIC,_T,_T,_T,_T,12,A,F,\n`))).toEqual([['XLSX_UNREADABLE',
      'expected an .xlsx workbook, found a file that is not a zip archive, as every .xlsx is', 'save the download again as .xlsx (Excel 2007 or later) or as CSV']]);
  });
});
