import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/warehouse.js';

const COLUMNS = ['REF_AREA', 'TIME_PERIOD', 'INDICATOR', 'SEX', 'AGE', 'COUNTERPART_AREA', 'BREAKDOWN', 'OBS_VALUE', 'OBS_STATUS', 'CONF_STATUS', 'COMMENT'];

/** Writes ROU_2025.xlsx in `dir`: a notes sheet, then the return's sheet with 10 good rows and "twelve" in H12. */
async function writeReturnWorkbook(dir: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Notes').addRow(['Filled in by the Ministry of Internal Affairs']);
  const sheet = workbook.addWorksheet('Return');
  sheet.addRow(COLUMNS);
  for (let i = 0; i < 10; i++) sheet.addRow(['ROU', 2025 - i, 'TIP_VIC', '_T', '_T', '_T', '_T', 100 + i, 'A', 'F', null]);
  sheet.addRow(['ROU', 2025, 'TIP_OFF', '_T', '_T', '_T', '_T', 'twelve', 'A', 'F', null]);
  const path = join(dir, 'ROU_2025.xlsx');
  await workbook.xlsx.writeFile(path);
  return path;
}

describe('validate ROU_2025.xlsx', () => {
  it('reads the workbook\'s return and names each issue\'s sheet, row, column and cell, where the workbook was skipped', async () => {
    const dir = join(tempDir(), 'in');
    mkdirSync(dir);
    await writeReturnWorkbook(dir);
    const named = await runCli(['validate', 'in/ROU_2025.xlsx'], { cwd: dirname(dir) });
    expect(named.code).toBe(1);
    expect(named.stdout.split('\n').slice(0, 6)).toEqual([
      'in/ROU_2025.xlsx: 11 rows, 1 error, 1 warning — has errors: not accepted',
      '  warning in/ROU_2025.xlsx: sheet "Notes" has no header row in its first 50 rows: not read [XLSX_SHEET_SKIPPED]',
      '          hint: a return is one sheet: if this sheet holds it, write the template\'s column names in its first row and delete the sheet "Return", then save the workbook',
      '  error   in/ROU_2025.xlsx, sheet "Return", row 12, column OBS_VALUE (cell H12): expected a number, found "twelve" [VALUE_NOT_NUMBER]',
      expect.stringMatching(/^ {10}hint: /),
      '',
    ]);
    expect(named.stderr).toBe('');

    // a folder holding it: read, not skipped (it was "skipped, a spreadsheet workbook: not read; save it as CSV UTF-8 …")
    const folder = await runCli(['validate', '--json', 'in'], { cwd: dirname(dir) });
    const document = JSON.parse(folder.stdout);
    expect(document.skipped).toEqual([]);
    expect(document.files).toHaveLength(1);
    expect(document.files[0]).toMatchObject({ file: 'in/ROU_2025.xlsx', sheet: 'Return', rows: 11, accepted: 10, errors: 1, warnings: 1 });
    expect(document.files[0].issues[0]).toMatchObject({ code: 'XLSX_SHEET_SKIPPED', value: 'Notes',
      hint: 'a return is one sheet: if this sheet holds it, write the template\'s column names in its first row and delete the sheet "Return", then save the workbook' });
    expect(document.files[0].issues[1]).toEqual({
      code: 'VALUE_NOT_NUMBER', severity: 'error', line: 12, column: 'OBS_VALUE', value: 'twelve', message: 'expected a number, found "twelve"',
      hint: expect.any(String), sheet: 'Return', cell: 'H12',
    });
    expect(folder.stderr).toBe('');
  });
  it('an .xlsx renamed ROU_2025.csv is read as the workbook it is, with a warning saying so; an .ods renamed .csv stays refused', async () => {
    const dir = join(tempDir(), 'in');
    mkdirSync(dir);
    renameSync(await writeReturnWorkbook(dir), join(dir, 'ROU_2025.csv'));
    const renamed = await runCli(['validate', 'in/ROU_2025.csv'], { cwd: dirname(dir) });
    // it was: error ENCODING_UNDECODABLE "expected a CSV file (a return is one), found an Excel workbook (.xlsx)", hint to save it as CSV UTF-8
    expect(renamed.code).toBe(1);
    expect(renamed.stdout.split('\n').slice(0, 8)).toEqual([
      'in/ROU_2025.csv: 11 rows, 1 error, 2 warnings — has errors: not accepted',
      '  warning in/ROU_2025.csv: sheet "Notes" has no header row in its first 50 rows: not read [XLSX_SHEET_SKIPPED]',
      '          hint: a return is one sheet: if this sheet holds it, write the template\'s column names in its first row and delete the sheet "Return", then save the workbook',
      '  warning in/ROU_2025.csv: the file is an Excel workbook under a .csv name: read as a workbook [XLSX_UNDER_OTHER_NAME]',
      '          hint: rename it ROU_2025.xlsx, so that it opens in Excel; or, to send CSV, open it in Excel and save it as CSV UTF-8 (File > Save As > CSV UTF-8)',
      '  error   in/ROU_2025.csv, sheet "Return", row 12, column OBS_VALUE (cell H12): expected a number, found "twelve" [VALUE_NOT_NUMBER]',
      // was "use a point as the decimal separator and no thousands separator": no separator is in a word
      '          hint: write the figure in digits: OBS_VALUE holds a number, not words; for a figure that is not available, leave OBS_VALUE empty and set OBS_STATUS to M (missing), L, O or Q (suppressed)',
      '',
    ]);
    expect(renamed.stderr).toBe('');

    // an OpenDocument spreadsheet renamed .csv is still refused, with how to save it as CSV
    const ods = Buffer.alloc(30);
    ods.writeUInt32LE(0x04034b50, 0);
    ods.writeUInt32LE(46, 18);
    ods.writeUInt32LE(46, 22);
    ods.writeUInt16LE(8, 26);
    writeFileSync(join(dir, 'BGR_2025.csv'), Buffer.concat([ods, Buffer.from('mimetypeapplication/vnd.oasis.opendocument.spreadsheet', 'latin1')]));
    const refused = await runCli(['validate', 'in/BGR_2025.csv'], { cwd: dirname(dir) });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('  error   in/BGR_2025.csv: expected a return as CSV or .xlsx, found an OpenDocument spreadsheet (.ods) [ENCODING_UNDECODABLE]\n'
      + '          hint: open it in LibreOffice Calc and save it as Excel 2007-365 (.xlsx), or as Text CSV with the character set Unicode (UTF-8) (File > Save As), and offer that file\n');
  });
});

describe('validate a workbook XlsxWriter wrote with formulas and no values (test/fixtures/programs/README.txt)', () => {
  it('exit 1: each OBS_VALUE formula\'s stored 0 is no value, said once at cell H2 (it was valid, every figure read as 0)', async () => {
    const result = await runCli(['validate', '--json', 'test/fixtures/programs/xlsxwriter-formulas.xlsx', '--state', 'ROU', '--year', '2025']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    const file = (JSON.parse(result.stdout) as { files: { rows: number; accepted: number; errors: number; issues: { code: string; line: number; cell?: string; value: string }[] }[] }).files[0]!;
    expect([file.rows, file.accepted, file.errors]).toEqual([16, 1, 15]);
    expect(file.issues.filter((i) => i.code === 'XLSX_FORMULA_NO_RESULT').map(({ line, cell, value }) => [line, cell, value])).toEqual([[2, 'H2', '=100+0']]);
    expect(file.issues.filter((i) => i.code === 'VALUE_MISSING').map((i) => i.cell)).toEqual(['H2', 'H3', 'H4', 'H5', 'H6', 'H7', 'H8', 'H9', 'H10', 'H11', 'H12', 'H13', 'H15', 'H16', 'H17']);
  });
});
