import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import unzipper from 'unzipper';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/warehouse.js';

const COLUMNS = ['REF_AREA', 'TIME_PERIOD', 'INDICATOR', 'SEX', 'AGE', 'COUNTERPART_AREA', 'BREAKDOWN', 'OBS_VALUE', 'OBS_STATUS', 'CONF_STATUS', 'COMMENT'];

/** Returns the cell values of a sheet's rows, 0-based, an empty cell as null. */
const rowsOf = (sheet: ExcelJS.Worksheet): unknown[][] => {
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push(Array.from({ length: sheet.columnCount }, (_, i) => row.getCell(i + 1).value ?? null)));
  return rows;
};

/** Returns the workbook at `path`, read by exceljs as Excel would open it. */
const open = async (path: string): Promise<ExcelJS.Workbook> => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
};

describe('template --out ROU_2025.xlsx: the template as an Excel workbook', () => {
  let dir: string;
  let path: string;
  let written: Awaited<ReturnType<typeof runCli>>;
  let csv: string[][];
  beforeAll(async () => {
    dir = tempDir();
    path = join(dir, 'ROU_2025.xlsx');
    written = await runCli(['template', '--state', 'ROU', '--year', '2025', '--out', path]);
    const text = await runCli(['template', '--state', 'ROU', '--year', '2025']);
    csv = text.stdout.trimEnd().split('\n').map((line) => line.split(','));
  });

  it('writes the CSV template\'s header and rows in the sheet "Return", the header bold and frozen, TIME_PERIOD a number', async () => {
    // was: USAGE_ERROR "template writes a CSV file, which Excel does not open under a workbook's name", exit 2
    expect({ code: written.code, stdout: written.stdout, stderr: written.stderr }).toEqual({ code: 0, stdout: '', stderr: `wrote 206 series for ROU 2025 to ${path}\n` });
    const workbook = await open(path);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Return', 'Codes', 'Read me']);
    const sheet = workbook.getWorksheet('Return')!;
    const rows = rowsOf(sheet);
    expect(rows[0]).toEqual(COLUMNS);
    expect(csv[0]).toEqual(COLUMNS);
    expect(rows).toHaveLength(csv.length);
    expect(rows.length - 1).toBe(206);
    // the same rows in the same order, the year a number, the blank cells empty
    expect(rows.slice(1)).toEqual(csv.slice(1).map((row) => row.map((cell, i) => (cell === '' ? null : i === 1 ? Number(cell) : cell))));
    expect(rows[1]).toEqual(['ROU', 2025, 'TIP_OFF', '_T', '_T', '_T', '_T', null, null, null, null]);
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // OBS_VALUE's format is General (never a thousands grouping, which a CSV saved from it would hold as text)
    expect(sheet.getCell('H2').numFmt ?? 'General').toBe('General');
    expect(sheet.getCell('H207').dataValidation).toMatchObject({ type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0], allowBlank: true, errorTitle: 'OBS_VALUE' });
    expect(sheet.getColumn(6).width).toBe('COUNTERPART_AREA'.length + 2);
  });

  it('offers each coded column\'s codes from the sheet "Codes" in a drop-down, refusing another with a message naming the column', async () => {
    const workbook = await open(path);
    const sheet = workbook.getWorksheet('Return')!;
    const codes = workbook.getWorksheet('Codes')!;
    const headings = rowsOf(codes)[0]!;
    const sexAt = headings.indexOf('SEX code');
    expect(headings[sexAt + 1]).toBe('SEX label');
    const sex = rowsOf(codes).slice(1).map((row) => [row[sexAt], row[sexAt + 1]]).filter(([code]) => code !== null);
    expect(sex).toEqual([['_T', 'Total'], ['F', 'Female'], ['M', 'Male'], ['_U', 'Unknown']]);
    // row 8: TIP_SUS of females (SEX column D)
    expect(sheet.getCell('C8').value).toBe('TIP_SUS');
    expect(sheet.getCell('D8').value).toBe('F');
    expect(sheet.getCell('D8').dataValidation).toEqual({
      type: 'list', allowBlank: true, formulae: ['Codes!$G$2:$G$5'], showErrorMessage: true, errorStyle: 'stop', errorTitle: 'SEX',
      error: 'SEX: expected a code of the list in the sheet "Codes" (column G): choose one from the drop-down',
    });
    expect(codes.getCell('G1').value).toBe('SEX code');
    // BREAKDOWN offers the indicator's own list: a firearm's types for FA_SEIZED
    const firearm = rowsOf(sheet).findIndex((row) => row[2] === 'FA_SEIZED' && row[6] === 'SMG') + 1;
    const breakdown = sheet.getCell(`G${firearm}`).dataValidation;
    const firearmAt = headings.indexOf('BREAKDOWN code (FIREARM)');
    const letter = String.fromCharCode(65 + firearmAt);
    expect(breakdown.formulae).toEqual([`Codes!$${letter}$2:$${letter}$10`]);
    expect(breakdown.error).toBe(`BREAKDOWN: expected a code of FIREARM, the indicator's list, in the sheet "Codes" (column ${letter}): choose one from the drop-down`);
    expect(rowsOf(codes).slice(1, 10).map((row) => row[firearmAt])).toEqual(['_T', 'PISTOL', 'REVOLVER', 'RIFLE', 'SHOTGUN', 'SMG', 'MG', 'OTHER', 'UNKNOWN']);
    // COUNTERPART_AREA: every country, so a warning the user may override
    const partner = sheet.getCell('F2').dataValidation;
    expect(partner).toMatchObject({ type: 'list', errorStyle: 'warning', errorTitle: 'COUNTERPART_AREA' });
    const partnerAt = headings.indexOf('COUNTERPART_AREA code');
    const partners = rowsOf(codes).slice(1).map((row) => row[partnerAt]).filter((code) => code !== null);
    expect(partners.slice(0, 3)).toEqual(['_T', '_U', '_Z']);
    expect(partners).toContain('XKX');
    expect(partners).toContain('NGA');
    for (const column of ['A', 'C', 'E', 'I', 'J']) expect(sheet.getCell(`${column}207`).dataValidation).toMatchObject({ type: 'list', errorStyle: 'stop' });
    // no heading row of the codes reads as a return's header (two column names)
    expect(headings.filter((cell) => COLUMNS.includes(String(cell)))).toEqual([]);
  });

  it('says in the sheet "Read me" what the template is and how to fill it in, in the data dictionary\'s words', async () => {
    const readMe = rowsOf((await open(path)).getWorksheet('Read me')!);
    expect(readMe[0]![0]).toBe('The annual return of Romania (ROU) for 2025: the template');
    const texts = readMe.flat().filter((cell) => cell !== null).map(String);
    expect(texts).toContain('Filling in the template');
    expect(texts.find((text) => text.startsWith('The template lists only the total (_T). Add one row per country'))).toBeDefined();
    expect(texts.find((text) => text.includes('check it with "crimetrends validate ROU_2025.xlsx" before sending it'))).toBeDefined();
  });

  it('writes the same bytes every time: the workbook\'s and its zip entries\' dates are the year\'s 1st of January', async () => {
    const again = join(dir, 'again.xlsx');
    expect((await runCli(['template', '--state', 'ROU', '--year', '2025', '--out', again])).code).toBe(0);
    expect(readFileSync(again).equals(readFileSync(path))).toBe(true);
    const archive = await unzipper.Open.file(path);
    // MS-DOS date: years from 1980, month, day; time 00:00:00
    expect(new Set(archive.files.map((file) => `${file.lastModifiedDate}/${file.lastModifiedTime}`))).toEqual(new Set([`${((2025 - 1980) << 9) | (1 << 5) | 1}/0`]));
    const workbook = await open(path);
    expect([workbook.created, workbook.modified].map((date) => date.toISOString())).toEqual(['2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z']);
  });

  it('filled in consistently in Excel, validates with no issue: the sheets "Codes" and "Read me" pass silently', async () => {
    const workbook = await open(path);
    const sheet = workbook.getWorksheet('Return')!;
    // 120 splits evenly into 2, 3, 4, 5, 6 and 8 parts: every breakdown then adds up to its total
    const rows = rowsOf(sheet).slice(1) as string[][];
    const part = (row: string[]): string => `${row[2]}/${row[3] !== '_T' ? 'SEX' : row[4] !== '_T' ? 'AGE' : row[6] !== '_T' ? 'BREAKDOWN' : 'TOTAL'}`;
    const partsOf = new Map<string, number>();
    for (const row of rows) partsOf.set(part(row), (partsOf.get(part(row)) ?? 0) + 1);
    rows.forEach((row, i) => (sheet.getCell(`H${i + 2}`).value = part(row).endsWith('/TOTAL') ? 120 : 120 / partsOf.get(part(row))!));
    const filled = join(dir, 'filled', 'ROU_2025.xlsx');
    mkdirSync(join(dir, 'filled'));
    await workbook.xlsx.writeFile(filled);
    const result = await runCli(['validate', '--state', 'ROU', '--year', '2025', 'ROU_2025.xlsx'], { cwd: join(dir, 'filled') });
    expect({ code: result.code, stdout: result.stdout, stderr: result.stderr }).toEqual({ code: 0, stdout: 'ROU_2025.xlsx: 206 rows, 0 errors, 0 warnings — valid (ROU, 2025)\n', stderr: '' });

    // a sheet the user adds is still named as passed over: only the template's own pass silently
    workbook.addWorksheet('Notes').addRow(['sent by the Ministry of Internal Affairs']);
    await workbook.xlsx.writeFile(filled);
    const noted = await runCli(['validate', '--json', 'ROU_2025.xlsx'], { cwd: join(dir, 'filled') });
    expect(JSON.parse(noted.stdout).files[0].issues.map((issue: { code: string; message: string }) => [issue.code, issue.message]))
      .toEqual([['XLSX_SHEET_SKIPPED', 'sheet "Notes" has no header row in its first 50 rows: not read']]);
  });

  it('under another workbook\'s name (.xls, .xlsm) is a usage error naming the .xlsx to give, and writes nothing', async () => {
    for (const name of ['ROU_2025.xls', 'ROU_2025.xlsm']) {
      const out = join(dir, name);
      const result = await runCli(['template', '--state', 'ROU', '--year', '2025', '--out', out]);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(`error: --out ${out}: template writes an Excel workbook (.xlsx) or a CSV file, which Excel does not open under this workbook's name [USAGE_ERROR]\n`
        + `hint: name it .xlsx, e.g. --out ${join(dir, 'ROU_2025.xlsx')}, or .csv\n`);
      expect(existsSync(out)).toBe(false);
    }
  });
});
