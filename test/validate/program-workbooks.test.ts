import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import type { Store } from '../../src/store/index.js';
import { dropValidation, validateFile, type ValidationSession } from '../../src/validate/index.js';
import { inlineCell, inlineRow, writeWorkbook } from '../helpers/xlsx.js';
import { tempDir } from '../helpers/warehouse.js';
import { HEADER, openSession, validatePath } from './validate-helper.js';

// One small return of ROU 2025 as workbooks written by programs other than Excel: openpyxl, XlsxWriter, pandas'
// to_excel (either engine, with and without its index) and Gnumeric's ssconvert (test/fixtures/programs/README.txt says
// how each file was made, by make.py). Every value written reads back as written, and each file gets exactly the issues
// of its way of writing.

let store: Store;
let session: ValidationSession;
beforeAll(async () => ({ store, session } = await openSession()));
afterAll(() => store.close());

const fixture = (name: string): string => join(PROJECT_ROOT, 'test/fixtures/programs', name);
const check = async (name: string) => {
  const result = await validatePath(session, fixture(name), { displayName: name, state: 'ROU', year: 2025 });
  return { rows: result.rows, errors: result.errors, issues: result.issues.map(({ code, line, column, value, message, hint }) => ({ code, line, column, value, message, hint })) };
};

/** The rows as validation types them for ingest, in line order. */
async function readRows(name: string): Promise<unknown[][]> {
  const validation = await validateFile(session, fixture(name), { displayName: name, now: new Date('2026-03-01T00:00:00Z'), changeWarning: { percent: 50, units: 20 } });
  try {
    const rows = await session.store.all<Record<string, unknown>>(
      `select line, ref_area, time_period, indicator, counterpart_area, breakdown, obs_value, obs_status, comment from ${validation.rowsTable} order by line`,
    );
    return rows.map((r) => [r.line, r.ref_area, r.time_period, r.indicator, r.counterpart_area, r.breakdown, r.obs_value, r.obs_status, r.comment]);
  } finally {
    await dropValidation(session, validation);
  }
}

const COMMENT = 'Estimare: datele poliției și ale parchetului (ș ț Ș Ț)';
/** What make.py writes (INDICATOR, COUNTERPART_AREA, BREAKDOWN, OBS_VALUE, OBS_STATUS, COMMENT), read back: status A where none is written. */
const WRITTEN: [string, string, string, number | null, string, string | null][] = [
  ['TIP_OFF', '_T', '_T', 100, 'E', COMMENT],
  ['TIP_OFF', '_T', 'SEX_EXPL', 60, 'A', 'Prima linie\nA doua linie'],
  ['TIP_OFF', '_T', 'FORCED_LAB', 25, 'A', null],
  ['TIP_OFF', '_T', 'ORGAN', 10, 'A', null],
  ['TIP_OFF', '_T', 'OTHER', 5, 'A', null],
  ['DRG_SEIZ_KG', '_T', '_T', 125.75, 'A', null],
  ['DRG_SEIZ_KG', '_T', 'CANNABIS', 40.5, 'A', null],
  ['DRG_SEIZ_KG', '_T', 'COCAINE', 12.25, 'A', null],
  ['DRG_SEIZ_KG', '_T', 'HEROIN', 3.125, 'A', null],
  ['DRG_SEIZ_KG', '_T', 'ATS', 60, 'A', null],
  ['DRG_SEIZ_KG', '_T', 'OTHER', 9.875, 'A', null],
  ['FA_OFF', '_T', '_T', 0, 'A', null],
  ['COR_OFF', '_T', '_T', null, 'M', null],
  ['TIP_VIC', '_T', '_T', 12, 'A', null],
  ['TIP_VIC', 'UKR', '_T', 7, 'A', null],
  ['POP', '_T', '_T', 19036000, 'A', null],
];
/** The rows expected, each at its line: row 3's comment over two lines moves the rows below it one line down. */
const EXPECTED = WRITTEN.map(([indicator, counterpart, breakdown, value, status, comment], i) =>
  [i < 2 ? i + 2 : i + 3, 'ROU', 2025, indicator, counterpart, breakdown, value, status, comment]);

describe('a return written by a program, read back', () => {
  for (const name of ['openpyxl.xlsx', 'pandas.xlsx', 'pandas-xlsxwriter.xlsx', 'gnumeric.xlsx']) {
    it(`${name}: valid, no issue, every value as written (integers, kilograms' decimals, the empty value with M, ș ț, the line break, UKR)`, async () => {
      expect(await check(name)).toEqual({ rows: 16, errors: 0, issues: [] });
      expect(await readRows(name)).toEqual(EXPECTED);
    });
  }

  it('xlsxwriter.xlsx (and the same with OBS_VALUE written as text, write_string): its notes sheet passed over, said so; every value as written', async () => {
    for (const name of ['xlsxwriter.xlsx', 'xlsxwriter-text-numbers.xlsx']) {
      const result = await check(name);
      expect(result).toMatchObject({ rows: 16, errors: 0 });
      expect(result.issues.map(({ code, line, column, value, message }) => ({ code, line, column, value, message }))).toEqual([
        { code: 'XLSX_SHEET_SKIPPED', line: null, column: null, value: 'Notes', message: 'sheet "Notes" has no header row in its first 50 rows: not read' },
      ]);
      expect(await readRows(name)).toEqual(EXPECTED);
    }
  });

  it('pandas-index.xlsx (to_excel with its index, column A): the index ignored with to_excel\'s option (was df.to_csv("return.csv", index=False)); every value as written', async () => {
    expect(await check('pandas-index.xlsx')).toEqual({
      rows: 16, errors: 0,
      issues: [{
        code: 'UNKNOWN_COLUMN', line: 1, column: 'column 1', value: '0',
        message: 'expected no values under a column without a name, found 16 (first at line 2); they are ignored',
        hint: 'the column numbers the rows 0 to 15, as pandas writes a data frame\'s index: delete it, or write the workbook with df.to_excel("pandas-index.xlsx", index=False)',
      }],
    });
    expect(await readRows('pandas-index.xlsx')).toEqual(EXPECTED);
  });
});

describe('a workbook XlsxWriter writes with formulas (write_formula, no value): their results are none', () => {
  it('each OBS_VALUE formula reads as empty, with one warning saying why and what to write (was: valid, every value 0)', async () => {
    const result = await check('xlsxwriter-formulas.xlsx');
    expect(result).toMatchObject({ rows: 16, errors: 15 });
    // XLSX_SHEET_SKIPPED's hint is another change's
    expect(result.issues.filter((i) => i.code !== 'VALUE_MISSING').map((i) => (i.code === 'XLSX_SHEET_SKIPPED' ? { ...i, hint: null } : i))).toEqual([
      { code: 'XLSX_SHEET_SKIPPED', line: null, column: null, value: 'Notes', message: 'sheet "Notes" has no header row in its first 50 rows: not read', hint: null },
      {
        code: 'XLSX_FORMULA_NO_RESULT', line: 2, column: 'OBS_VALUE', value: '=100+0',
        message: 'expected a formula with its result stored, found =100+0 with none computed (the workbook leaves its formulas to be computed on opening, as XlsxWriter and openpyxl write them) (and 14 more such cells in the sheet): read as empty',
        hint: 'write each value as a number, not as a formula (XlsxWriter: worksheet.write_number; openpyxl: cell.value = 125), or open the workbook in Excel or LibreOffice Calc and save it, so that the results of its formulas are stored (crimetrends reads stored results and does not compute formulas)',
      },
    ]);
    const missing = result.issues.filter((i) => i.code === 'VALUE_MISSING');
    // at every sheet row (issues name rows, not the CSV text's lines) but COR_OFF's, row 14 (written empty, status M):
    // XlsxWriter stored 0 for each formula, none is read as 0
    expect(missing.map((i) => [i.line, i.column, i.message])).toEqual(
      WRITTEN.flatMap((row, i) => (row[0] === 'COR_OFF' ? [] : [[i + 2, 'OBS_VALUE', 'expected a number, found an empty cell']])),
    );
    expect((await readRows('xlsxwriter-formulas.xlsx')).map((row) => row[6])).toEqual(WRITTEN.map(() => null));
  });
});

describe('Gnumeric\'s ssconvert to .xls (Gnumeric_Excel:excel_biff8)', () => {
  it('refused as an old-style workbook, no row read, with how to save it: as .xlsx or CSV, from the program that wrote it', async () => {
    expect(await check('gnumeric.xls')).toEqual({
      rows: 0, errors: 1,
      issues: [{
        code: 'ENCODING_UNDECODABLE', line: null, column: null, value: null,
        message: 'expected a return as CSV or .xlsx, found an old-style Excel workbook (.xls)',
        // was: open it in Excel and save it as CSV UTF-8 (File > Save As > CSV UTF-8), then offer the .csv
        hint: 'open it in the program that wrote it (Excel, LibreOffice Calc, Gnumeric) and save it as an .xlsx workbook (Excel 2007 or later) or as CSV UTF-8 (File > Save As), then offer that file',
      }],
    });
  });
});

describe('what else such programs write (extra.py)', () => {
  it('pandas-startrow.xlsx (to_excel(startrow=2) below a title, a notes sheet): the title said in rows, how pandas leaves it out; every value as written', async () => {
    const result = await check('pandas-startrow.xlsx');
    expect(result).toMatchObject({ rows: 16, errors: 0 });
    // XLSX_SHEET_SKIPPED's hint is another change's
    expect(result.issues.map((i) => (i.code === 'XLSX_SHEET_SKIPPED' ? { ...i, hint: null } : i))).toEqual([
      { code: 'XLSX_SHEET_SKIPPED', line: null, column: null, value: 'Notes', message: 'sheet "Notes" has no header row in its first 50 rows: not read', hint: null },
      {
        code: 'HEADER_NOT_FIRST', line: 1, column: null, value: 'Romania, 2025: crime statistics return',
        // was: expected the header on line 1, found it on line 3 …, hint "delete the title line: the first line must be the header …"
        message: 'expected the header in row 1, found it in row 3; the text above it ("Romania, 2025: crime statistics return") is a title, skipped',
        hint: 'delete the rows above the header: the first row of the sheet must be the header (the header row of the template; pandas\' to_excel writes it there unless given startrow)',
      },
    ]);
    expect(await readRows('pandas-startrow.xlsx')).toEqual(EXPECTED.map(([line, ...rest]) => [(line as number) + 2, ...rest]));
  });

  it('openpyxl-odd.xlsx and xlsxwriter-date.xlsx: a date in COMMENT reads as its ISO date, a boolean in CONF_STATUS is TRUE or FALSE, refused as no code', async () => {
    for (const [name, flag] of [['openpyxl-odd.xlsx', 'TRUE'], ['xlsxwriter-date.xlsx', 'FALSE']] as const) {
      const result = await check(name);
      expect(result).toEqual({
        rows: 16, errors: 1,
        issues: [{
          code: 'UNKNOWN_CODE', line: 5, column: 'CONF_STATUS', value: flag, message: `expected a CONF_STATUS code, found "${flag}"`,
          hint: 'CONF_STATUS takes a code, not a yes or no: write C if the figure is confidential (never published), N if for internal use only, else leave the cell empty, which reads as F (free: may be published)',
        }],
      });
      const rows = await readRows(name);
      expect(rows[2]).toEqual([5, 'ROU', 2025, 'TIP_OFF', '_T', 'FORCED_LAB', 25, 'A', '2026-03-15']);
      // openpyxl wrote the 40,000-character comment as Excel's longest cell, 32,767 characters: read whole
      expect(rows[4]![8]).toBe(name === 'openpyxl-odd.xlsx' ? 'x'.repeat(32767) : null);
    }
  });
});

describe('R\'s row names in a workbook (write.xlsx of the xlsx package writes them by default, as text; no R here: written by hand)', () => {
  it('column A numbering the rows 1 to 3 below an empty A1: ignored, hint in write.xlsx\'s terms (was write.csv(x, "return.csv", row.names = FALSE))', async () => {
    // a minimal workbook as such writers store one: inline strings, no styles part, no shared strings
    const path = join(tempDir(), 'ROU_2025.xlsx');
    // the return's cells one column to the right (B, C, …), the row's name, text, in A (A1 left out)
    const shifted = (line: number, values: (string | number)[]): string[] =>
      inlineRow(line, values).map((cell) => cell.replace(/r="([A-Z])/, (_, letter: string) => `r="${String.fromCharCode(letter.charCodeAt(0) + 1)}`));
    const cells = (line: number, values: (string | number)[]): string[] => [inlineCell(`A${line}`, String(line - 1)), ...shifted(line, values)];
    writeWorkbook(path, [{ name: 'Sheet1', rows: [
      shifted(1, HEADER.split(',')),
      cells(2, ['ROU', 2025, 'TIP_OFF', '_T', '_T', '_T', '_T', 100]),
      cells(3, ['ROU', 2025, 'FA_OFF', '_T', '_T', '_T', '_T', 0]),
      cells(4, ['ROU', 2025, 'POP', '_T', '_T', '_T', '_T', 19036000]),
    ] }]);
    const result = await validatePath(session, path, { displayName: 'ROU_2025.xlsx', state: 'ROU', year: 2025 });
    expect(result.issues.map(({ code, line, column, value, message, hint }) => ({ code, line, column, value, message, hint }))).toEqual([{
      code: 'UNKNOWN_COLUMN', line: 1, column: 'column 1', value: '1',
      message: 'expected no values under a column without a name, found 3 (first at line 2); they are ignored',
      hint: 'the column numbers the rows 1 to 3, as R writes a data frame\'s row names to a workbook: delete it, or write the workbook with write.xlsx(x, "ROU_2025.xlsx", row.names = FALSE) (package xlsx; openxlsx: rowNames = FALSE)',
    }]);
    expect(result).toMatchObject({ rows: 3, errors: 0 });
  });
});
