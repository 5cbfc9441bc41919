import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { readXlsx } from '../../src/io/read-xlsx.js';
import { openStore, type Store } from '../../src/store/index.js';
import { importFixture } from '../helpers/import.js';
import { tempDir } from '../helpers/warehouse.js';
import { inlineRow, writeWorkbook, writeZip } from '../helpers/xlsx.js';

let store: Store;
beforeEach(async () => {
  store = await openStore(':memory:');
});
afterEach(() => store.close());

const isHeader = (cells: string[]): boolean => cells[0] === 'Iso3_code';

describe('readXlsx', () => {
  it('skips the preamble rows (including a HYPERLINK formula) and reads every cell as text with its sheet row', async () => {
    const read = await readXlsx(store, importFixture('unodc-glotip', 'data_glotip.xlsx'), { table: 'sheet', displayName: 'data_glotip.xlsx', isHeader });
    expect(read).toMatchObject({ headerLine: 3, rowCount: 18, sheets: ['data_glotip_1'], issues: [] });
    expect(read.header).toEqual(['Iso3_code', 'Country', 'Region', 'Subregion', 'Indicator', 'Dimension', 'Category', 'Sex', 'Age', 'Year', 'Unit of measurement', 'txtVALUE', 'Source']);
    const rows = await store.all<Record<string, unknown>>('select line, c0, c9, c11 from sheet order by line');
    expect(rows[0]).toEqual({ line: 4, c0: 'ROU', c9: '2020', c11: '1,011' });
    expect(rows.find((r) => r.line === 11)).toEqual({ line: 11, c0: null, c9: '2020', c11: '<5' });
  });

  it('reads formulas as their result, rich text as its text, dates as ISO dates; skips sheets without the header', async () => {
    const path = join(tempDir(), 'book.xlsx');
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Notes').addRow(['Read me first']);
    const sheet = book.addWorksheet('Data');
    sheet.addRow(['Iso3_code', 'Value', 'Date']);
    sheet.addRow(['ROU', { formula: '1+1', result: 2 }, new Date(Date.UTC(2023, 4, 30))]);
    sheet.addRow([{ richText: [{ text: 'AL' }, { text: 'B' }] }, 3.5, null]);
    await book.xlsx.writeFile(path);
    const read = await readXlsx(store, path, { table: 'book', displayName: 'book.xlsx', isHeader });
    expect(read.sheets).toEqual(['Data']);
    expect(read.issues).toEqual([expect.objectContaining({ code: 'XLSX_SHEET_SKIPPED', severity: 'warning', value: 'Notes' })]);
    expect(await store.all('select sheet, line, c0, c1, c2 from book order by line')).toEqual([
      { sheet: 'Data', line: 2, c0: 'ROU', c1: '2', c2: '2023-05-30' },
      { sheet: 'Data', line: 3, c0: 'ALB', c1: '3.5', c2: null },
    ]);
  });

  it('reads the sheets in tab order, each under its own name, whatever order the archive stores them in', async () => {
    const path = join(tempDir(), 'tabs.xlsx');
    const book = new ExcelJS.Workbook();
    const stored = ['2021', '2020', '2019'].map((year) => {
      const sheet = book.addWorksheet(`Y${year}`);
      sheet.addRows([['Iso3_code', 'Year'], ['ROU', year]]);
      return sheet;
    });
    stored.forEach((sheet, i) => ((sheet as ExcelJS.Worksheet & { orderNo: number }).orderNo = 3 - i)); // exceljs's tab position (untyped): tabs Y2019, Y2020, Y2021; stored as sheet1 = Y2021
    await book.xlsx.writeFile(path);
    const read = await readXlsx(store, path, { table: 'tabs', displayName: 'tabs.xlsx', isHeader });
    expect(read.sheets).toEqual(['Y2019', 'Y2020', 'Y2021']);
    expect(await store.all('select sheet, c1 from tabs order by c1')).toEqual([
      { sheet: 'Y2019', c1: '2019' },
      { sheet: 'Y2020', c1: '2020' },
      { sheet: 'Y2021', c1: '2021' },
    ]);
  });

  it('reads a sheet stored under any part name its relationship targets (relative, ../, absolute, other case), skipping a chart sheet', async () => {
    const path = join(tempDir(), 'targets.xlsx');
    const data = (iso3: string): string[][] => [inlineRow(1, ['Iso3_code', 'Year', 'VALUE']), inlineRow(2, [iso3, 2020, 596])];
    writeWorkbook(path, [
      { name: 'Notes', rows: [inlineRow(1, ['Read me first'])], target: '/xl/worksheets/notes.xml' },
      { name: 'Chart', rows: [], target: 'chartsheets/sheet1.xml', type: 'chartsheet' },
      { name: 'Romania', rows: data('ROU'), target: 'worksheets/data.xml' },
      { name: 'Albania', rows: data('ALB'), target: '../xl/worksheets/albania.xml' },
      { name: 'Moldova', rows: data('MDA'), target: '/xl/worksheets/moldova.xml' },
      { name: 'Serbia', rows: data('SRB'), target: 'Worksheets/SERBIA.xml', part: 'xl/worksheets/serbia.xml' },
    ], (names) => names.reverse());
    const read = await readXlsx(store, path, { table: 'targets', displayName: 'targets.xlsx', isHeader });
    expect(read.sheets).toEqual(['Romania', 'Albania', 'Moldova', 'Serbia']);
    expect(read.issues).toEqual([expect.objectContaining({ code: 'XLSX_SHEET_SKIPPED', value: 'Notes' })]);
    expect(await store.all('select sheet, line, c0, c2 from targets order by sheet')).toEqual([
      { sheet: 'Albania', line: 2, c0: 'ALB', c2: '596' },
      { sheet: 'Moldova', line: 2, c0: 'MDA', c2: '596' },
      { sheet: 'Romania', line: 2, c0: 'ROU', c2: '596' },
      { sheet: 'Serbia', line: 2, c0: 'SRB', c2: '596' },
    ]);
  });

  it('passes over hidden sheets (state hidden or veryHidden) while a visible sheet has the header, saying so for each', async () => {
    const path = join(tempDir(), 'hidden.xlsx');
    const data = (rows: (string | number)[][]): string[][] => [inlineRow(1, ['Iso3_code', 'Year', 'VALUE']), ...rows.map((cells, i) => inlineRow(i + 2, cells))];
    writeWorkbook(path, [
      { name: 'Backup', rows: data([['ROU', 2020, 590], ['ALB', 2020, 12]]), state: 'hidden' }, // an older copy, hidden before the data
      { name: 'Data', rows: data([['ROU', 2020, 596]]) },
      { name: 'Lists', rows: [inlineRow(1, ['Sex']), inlineRow(2, ['Female'])], state: 'veryHidden' },
      { name: 'Pivot', rows: data([['ROU', 2020, 596]]), state: 'veryHidden' },
    ]);
    const read = await readXlsx(store, path, { table: 'hidden', displayName: 'hidden.xlsx', isHeader });
    expect(read).toMatchObject({ sheets: ['Data'], headerLine: 1, rowCount: 1 });
    expect(await store.all('select sheet, line, c0, c2 from hidden')).toEqual([{ sheet: 'Data', line: 2, c0: 'ROU', c2: '596' }]);
    expect(read.issues.map((issue) => [issue.code, issue.value, issue.message])).toEqual([
      ['XLSX_SHEET_SKIPPED', 'Backup', 'sheet "Backup" is hidden and has the header, but visible sheets hold the data: not read'],
      ['XLSX_SHEET_SKIPPED', 'Lists', 'sheet "Lists" is hidden and has no header row in its first 20 rows: not read'],
      ['XLSX_SHEET_SKIPPED', 'Pivot', 'sheet "Pivot" is hidden and has the header, but visible sheets hold the data: not read'],
    ]);
    expect(read.issues[0]!.hint).toMatch(/unhide the sheet/);
  });

  it('reads the hidden sheets that have the header when no visible sheet has it (the data tab hidden behind a cover sheet), in tab order', async () => {
    const path = join(tempDir(), 'cover.xlsx');
    const data = (iso3: string): string[][] => [inlineRow(1, ['Iso3_code', 'Year', 'VALUE']), inlineRow(2, [iso3, 2020, 7])];
    writeWorkbook(path, [
      { name: 'Cover', rows: [inlineRow(1, ['Trafficking in persons, 2023'])] },
      { name: 'Data1', rows: data('ROU'), state: 'hidden' },
      { name: 'Lists', rows: [inlineRow(1, ['Sex'])], state: 'hidden' },
      { name: 'Data2', rows: data('ALB'), state: 'veryHidden' },
    ]);
    const read = await readXlsx(store, path, { table: 'cover', displayName: 'cover.xlsx', isHeader });
    expect(read.sheets).toEqual(['Data1', 'Data2']);
    expect(await store.all('select sheet, line, c0 from cover order by sheet')).toEqual([
      { sheet: 'Data1', line: 2, c0: 'ROU' },
      { sheet: 'Data2', line: 2, c0: 'ALB' },
    ]);
    expect(read.issues.map((issue) => [issue.code, issue.value, issue.message])).toEqual([
      ['XLSX_SHEET_SKIPPED', 'Cover', 'sheet "Cover" has no header row in its first 20 rows: not read'],
      ['XLSX_SHEET_SKIPPED', 'Lists', 'sheet "Lists" is hidden and has no header row in its first 20 rows: not read'],
    ]);
    // what to do if the sheet held the data after all (it had no hint: null)
    expect(read.issues[0]!.hint).toBe('if this sheet holds data to import, check that it is the download as published (its header row, starting with its first column name, within its first 20 rows)');
  });

  it('refuses a workbook listing a worksheet whose part is missing, naming the sheet', async () => {
    const path = join(tempDir(), 'missing.xlsx');
    writeWorkbook(path, [{ name: 'Data', rows: [inlineRow(1, ['Iso3_code'])], target: 'worksheets/data.xml' }], (names) => names.filter((name) => !name.includes('data.xml')));
    await expect(readXlsx(store, path, { table: 't', displayName: 'missing.xlsx', isHeader })).rejects.toMatchObject({
      code: 'XLSX_UNREADABLE',
      message: expect.stringMatching(/sheet "Data" has no part xl\/worksheets\/data\.xml/),
    });
  });

  it('refuses a file that is not a workbook, and a workbook without the header', async () => {
    await expect(readXlsx(store, importFixture('unodc-broken', 'not-a-workbook.xlsx'), { table: 't', displayName: 'x.xlsx', isHeader })).rejects.toMatchObject({
      code: 'XLSX_UNREADABLE',
      location: { file: 'x.xlsx' },
    });
    const path = join(tempDir(), 'empty.xlsx');
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Only').addRow(['nothing here']);
    await book.xlsx.writeFile(path);
    await expect(readXlsx(store, path, { table: 't', displayName: 'empty.xlsx', isHeader })).rejects.toMatchObject({
      code: 'XLSX_NO_HEADER', location: { file: 'empty.xlsx' }, message: 'expected a header row in the first 20 rows of a sheet, found none',
      hint: 'check that this is the download as published (the header starts with its first column name)',
    });
  });

  it('reads an indented workbook (white space between its XML elements) without that white space in any value', async () => {
    const path = join(tempDir(), 'indented.xlsx');
    const strings = '<?xml version="1.0"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\n  <si>\n    <t>Iso3_code</t>\n  </si>\n  <si>\n    <t>ROU</t>\n  </si>\n</sst>\n';
    const indented = (cell: string): string => `\n      ${cell.replace(/></g, '>\n        <')}\n    `;
    writeWorkbook(path, [{
      name: 'Data',
      rows: [
        ['<c r="A1" t="s"><v>0</v></c>', '<c r="B1" t="inlineStr"><is><t>Unit</t></is></c>'].map(indented),
        ['<c r="A2" t="s"><v>1</v></c>', '<c r="B2" t="inlineStr"><is><t>Counts</t></is></c>', '<c r="C2" t="str"><f>"GLO"&amp;"TIP"</f><v>GLOTIP</v></c>'].map(indented),
      ],
    }], undefined, [['xl/sharedStrings.xml', strings]]);
    const read = await readXlsx(store, path, { table: 'indented', displayName: 'indented.xlsx', isHeader });
    expect(read.header).toEqual(['Iso3_code', 'Unit']);
    expect(await store.all('select line, c0, c1 from indented')).toEqual([{ line: 2, c0: 'ROU', c1: 'Counts' }]);
  });

  it('reads a sheet whose rows and cells do not name their place (r is optional), each cell in the column after the one before', async () => {
    const path = join(tempDir(), 'unnumbered.xlsx');
    const cells = (values: (string | number)[]): string[] =>
      values.map((value) => (typeof value === 'number' ? `<c><v>${value}</v></c>` : `<c t="inlineStr"><is><t>${value}</t></is></c>`));
    writeWorkbook(path, [{ name: 'Data', rows: [cells(['Iso3_code', 'Year', 'VALUE']), cells(['ROU', 2020, 596]), [...cells(['ALB']), '<c r="C3"><v>14</v></c>']], isUnnumbered: true }]);
    const read = await readXlsx(store, path, { table: 'unnumbered', displayName: 'unnumbered.xlsx', isHeader });
    expect(read.header).toEqual(['Iso3_code', 'Year', 'VALUE']);
    expect(await store.all('select line, c0, c1, c2 from unnumbered order by line')).toEqual([
      { line: 2, c0: 'ROU', c1: '2020', c2: '596' },
      { line: 3, c0: 'ALB', c1: null, c2: '14' },
    ]);
  });

  it('reads an inline string of several runs (rich text) as all its runs, not the last one', async () => {
    const path = join(tempDir(), 'runs.xlsx');
    writeWorkbook(path, [{
      name: 'Data',
      rows: [inlineRow(1, ['Iso3_code', 'VALUE']), ['<c r="A2" t="inlineStr"><is><t>ROU</t></is></c>', '<c r="B2" t="inlineStr"><is><r><t>1,0</t></r><r><rPr><b/></rPr><t>11</t></r></is></c>']],
    }]);
    await readXlsx(store, path, { table: 'runs', displayName: 'runs.xlsx', isHeader });
    expect(await store.all('select line, c0, c1 from runs')).toEqual([{ line: 2, c0: 'ROU', c1: '1,011' }]);
  });

  it('warns once per sheet, at its first such cell, of formulas whose result is not stored (as openpyxl writes them), read as empty', async () => {
    const path = join(tempDir(), 'formulas.xlsx');
    writeWorkbook(path, [
      {
        name: 'Data',
        rows: [
          inlineRow(1, ['Iso3_code', 'Year', 'VALUE']),
          [...inlineRow(2, ['ROU', 2020]), '<c r="C2"><f>2+3</f><v>5</v></c>'],
          [...inlineRow(3, ['ROU', 2019]), '<c r="C3"><f t="shared" ref="C3:C4" si="0">1+1</f></c>'],
          [...inlineRow(4, ['ROU', 2018]), '<c r="C4"><f t="shared" si="0"/></c>'],
        ],
      },
      { name: 'Saved', rows: [inlineRow(1, ['Iso3_code', 'Year', 'VALUE']), [...inlineRow(2, ['ALB', 2020]), '<c r="C2"><f>1+1</f><v>2</v></c>']] },
    ]);
    const read = await readXlsx(store, path, { table: 'formulas', displayName: 'formulas.xlsx', isHeader });
    expect(read.issues).toEqual([
      {
        code: 'XLSX_FORMULA_NO_RESULT',
        severity: 'warning',
        file: 'formulas.xlsx',
        line: 3,
        column: 'VALUE',
        value: '=1+1',
        message: 'sheet "Data" cell C3: expected a formula with its result stored, found =1+1 with none (and 1 more such cell in the sheet): read as empty',
        hint: expect.stringMatching(/open the workbook in Excel or LibreOffice Calc and save it, so that the results of its formulas are stored/),
      },
    ]);
    expect(await store.all('select sheet, line, c2 from formulas order by sheet, line')).toEqual([
      { sheet: 'Data', line: 2, c2: '5' },
      { sheet: 'Data', line: 3, c2: null },
      { sheet: 'Data', line: 4, c2: null },
      { sheet: 'Saved', line: 2, c2: '2' },
    ]);
  });

  it('in a workbook marked to compute its formulas on opening (XlsxWriter\'s fullCalcOnLoad), a formula\'s stored 0 is no result: read as empty, said so (was 0)', async () => {
    // test/fixtures/programs/README.txt: XlsxWriter's write_formula("=100+0") with no value stores <v>0</v>
    const path = join(PROJECT_ROOT, 'test/fixtures/programs/xlsxwriter-formulas.xlsx');
    const read = await readXlsx(store, path, { table: 'recalculated', displayName: 'xlsxwriter-formulas.xlsx', isHeader: (cells) => cells[0] === 'REF_AREA' });
    expect(read.issues.find((issue) => issue.code === 'XLSX_FORMULA_NO_RESULT')).toMatchObject({
      line: 2, column: 'OBS_VALUE', value: '=100+0',
      message: 'sheet "Sheet1" cell H2: expected a formula with its result stored, found =100+0 with none computed (the workbook leaves its formulas to be computed on opening, as XlsxWriter and openpyxl write them) (and 14 more such cells in the sheet): read as empty',
    });
    expect(await store.all('select count(*)::int as n, count(c7)::int as read from recalculated')).toEqual([{ n: 16, read: 0 }]);
  });

  it('reads a formula by its stored result as a cell holding that result reads: an error as its text, a boolean as true or false', async () => {
    const path = join(tempDir(), 'results.xlsx');
    const row = (line: number, plain: string, formula: string): string[] => [...inlineRow(line, ['ROU']), `<c r="B${line}" ${plain}`, `<c r="C${line}" ${formula}`];
    writeWorkbook(path, [{
      name: 'Data',
      rows: [
        inlineRow(1, ['Iso3_code', 'Plain', 'Formula']),
        row(2, 't="e"><v>#N/A</v></c>', 't="e"><f>NA()</f><v>#N/A</v></c>'),
        row(3, 't="b"><v>1</v></c>', 't="b"><f>TRUE()</f><v>1</v></c>'),
        row(4, 't="b"><v>0</v></c>', 't="b"><f>1&gt;2</f><v>0</v></c>'),
        row(5, 't="str"><v>GLOTIP</v></c>', 't="str"><f>"GLO"&amp;"TIP"</f><v>GLOTIP</v></c>'),
        row(6, '><v>596</v></c>', '><f>500+96</f><v>596</v></c>'),
      ],
    }]);
    const read = await readXlsx(store, path, { table: 'results', displayName: 'results.xlsx', isHeader });
    expect(read.issues).toEqual([]);
    expect(await store.all('select line, c1, c2 from results order by line')).toEqual([
      { line: 2, c1: '#N/A', c2: '#N/A' },
      { line: 3, c1: 'true', c2: 'true' },
      { line: 4, c1: 'false', c2: 'false' },
      { line: 5, c1: 'GLOTIP', c2: 'GLOTIP' },
      { line: 6, c1: '596', c2: '596' },
    ]);
  });

  it('reads a date cell (t="d", an ISO 8601 date) as its ISO date', async () => {
    const path = join(tempDir(), 'dates.xlsx');
    writeWorkbook(path, [{ name: 'Data', rows: [inlineRow(1, ['Iso3_code', 'Date']), [...inlineRow(2, ['ROU']), '<c r="B2" t="d"><v>2013-05-30T00:00:00</v></c>']] }]);
    await readXlsx(store, path, { table: 'dates', displayName: 'dates.xlsx', isHeader });
    expect(await store.all('select line, c1 from dates')).toEqual([{ line: 2, c1: '2013-05-30' }]);
  });

  it('reads dates in the 1904 date system when the workbook says so by date1904="1" or "true"', async () => {
    const dir = tempDir();
    const styles = `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`;
    const dateRead = async (properties: string): Promise<unknown> => {
      const path = join(dir, `dates${properties.length}.xlsx`);
      const workbook = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${properties}<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`;
      const rows = [inlineRow(1, ['Iso3_code', 'Date', 'Short date']), [...inlineRow(2, ['ROU']), '<c r="B2" s="1"><v>43980</v></c>', '<c r="C2" s="2"><v>43980</v></c>']];
      writeWorkbook(path, [{ name: 'Data', rows }], undefined, [['xl/workbook.xml', workbook], ['xl/styles.xml', styles]]);
      await readXlsx(store, path, { table: 'dates', displayName: 'dates.xlsx', isHeader });
      return store.all('select c1, c2 from dates');
    };
    expect(await dateRead('')).toEqual([{ c1: '2020-05-29', c2: '2020-05-29' }]);
    expect(await dateRead('<workbookPr date1904="false"/>')).toEqual([{ c1: '2020-05-29', c2: '2020-05-29' }]);
    expect(await dateRead('<workbookPr date1904="1"/>')).toEqual([{ c1: '2024-05-30', c2: '2024-05-30' }]);
    expect(await dateRead('<workbookPr defaultThemeVersion="124226" date1904="true"/>')).toEqual([{ c1: '2024-05-30', c2: '2024-05-30' }]);
  });

  it('reads a workbook whose parts give SpreadsheetML elements a namespace prefix (<x:worksheet>, as Open XML SDK code writes)', async () => {
    const path = join(tempDir(), 'prefixed.xlsx');
    const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const office = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const workbook = `<?xml version="1.0"?><x:workbook xmlns:x="${main}" xmlns:r="${office}"><x:sheets><x:sheet name="Data" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`;
    const strings = `<?xml version="1.0"?><x:sst xmlns:x="${main}"><x:si><x:t>Iso3_code</x:t></x:si><x:si><x:t>ROU</x:t></x:si></x:sst>`;
    const cells = (line: number, first: number, value: string) =>
      `<x:row r="${line}"><x:c r="A${line}" t="s"><x:v>${first}</x:v></x:c><x:c r="B${line}" t="inlineStr"><x:is><x:t>${value}</x:t></x:is></x:c></x:row>`;
    const sheet = `<?xml version="1.0"?><x:worksheet xmlns:x="${main}"><x:sheetData>${cells(1, 0, 'Value')}${cells(2, 1, '1,011')}</x:sheetData></x:worksheet>`;
    writeWorkbook(path, [{ name: 'Data', rows: [] }], undefined, [['xl/workbook.xml', workbook], ['xl/sharedStrings.xml', strings], ['xl/worksheets/sheet1.xml', sheet]]);
    const read = await readXlsx(store, path, { table: 'prefixed', displayName: 'prefixed.xlsx', isHeader });
    expect(read).toMatchObject({ sheets: ['Data'], header: ['Iso3_code', 'Value'], rowCount: 1 });
    expect(await store.all('select line, c0, c1 from prefixed')).toEqual([{ line: 2, c0: 'ROU', c1: '1,011' }]);
  });

  it('reads a string with its escaped characters decoded (_x000D_), and a shared string as its text, not its phonetic reading', async () => {
    const path = join(tempDir(), 'strings.xlsx');
    const strings = `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Iso3_code</t></si><si><t>ROU</t><rPh sb="0" eb="3"><t>X</t></rPh><phoneticPr fontId="1"/></si><si><r><t>Bos</t></r><r><t>nia_x000D_</t></r></si></sst>`;
    writeWorkbook(path, [{
      name: 'Data',
      rows: [
        ['<c r="A1" t="s"><v>0</v></c>', ...inlineRow(1, ['', 'Note', 'Literal', 'Rich']).slice(1)],
        ['<c r="A2" t="s"><v>1</v></c>', ...inlineRow(2, ['', 'line_x000D_break', '_x005F_x000D_']).slice(1), '<c r="D2" t="s"><v>2</v></c>'],
      ],
    }], undefined, [['xl/sharedStrings.xml', strings]]);
    await readXlsx(store, path, { table: 'strings', displayName: 'strings.xlsx', isHeader });
    expect(await store.all('select c0, c1, c2, c3 from strings')).toEqual([{ c0: 'ROU', c1: 'line\rbreak', c2: '_x000D_', c3: 'Bosnia\r' }]);
  });

  it('says what a file that is not an .xlsx is: an .ods, a zip of CSV files, a truncated workbook, no zip at all', async () => {
    const dir = tempDir();
    const refused = (name: string) => readXlsx(store, join(dir, name), { table: 't', displayName: name, isHeader }).then(() => undefined, (error: unknown) => error);
    writeZip(join(dir, 'data.ods'), [['mimetype', 'application/vnd.oasis.opendocument.spreadsheet'], ['content.xml', '<office:document-content/>'], ['META-INF/manifest.xml', '<manifest/>']]);
    expect(await refused('data.ods')).toMatchObject({
      code: 'XLSX_UNREADABLE', location: { file: 'data.ods' }, message: 'expected an .xlsx workbook, found an OpenDocument spreadsheet (.ods)', hint: expect.stringMatching(/save it as \.xlsx/),
    });
    writeZip(join(dir, 'API_SP.POP.TOTL_DS2_en_csv_v2.xlsx'), [
      ['Metadata_Indicator_API_SP.POP.TOTL_DS2_en_csv_v2.csv', 'x'], ['API_SP.POP.TOTL_DS2_en_csv_v2.csv', 'x'], ['Metadata_Country_API_SP.POP.TOTL_DS2_en_csv_v2.csv', 'x'],
    ]);
    expect(await refused('API_SP.POP.TOTL_DS2_en_csv_v2.xlsx')).toMatchObject({
      code: 'XLSX_UNREADABLE',
      message: expect.stringMatching(/^expected an \.xlsx workbook, found a zip archive holding Metadata_Indicator_API_SP\.POP\.TOTL_DS2_en_csv_v2\.csv, API_SP/),
      hint: 'unzip it and import the data file inside (API_SP.POP.TOTL_DS2_en_csv_v2.csv)',
    });
    writeWorkbook(join(dir, 'whole.xlsx'), [{ name: 'Data', rows: [inlineRow(1, ['Iso3_code'])] }]);
    const whole = readFileSync(join(dir, 'whole.xlsx'));
    writeFileSync(join(dir, 'cut.xlsx'), whole.subarray(0, whole.length - 40));
    expect(await refused('cut.xlsx')).toMatchObject({
      // the zip reader's words ("(FILE_ENDED)") ended the message; they are its cause now
      code: 'XLSX_UNREADABLE', message: 'expected an .xlsx workbook, found a damaged or truncated zip archive: its directory cannot be read',
      hint: 'download the file again (an interrupted download ends early)', cause: expect.objectContaining({ cause: expect.any(Error) }),
    });
    writeFileSync(join(dir, 'text.xlsx'), 'Iso3_code,Year\nROU,2020\n');
    expect(await refused('text.xlsx')).toMatchObject({ code: 'XLSX_UNREADABLE', message: 'expected an .xlsx workbook, found a file that is not a zip archive, as every .xlsx is' });
  });
});
