import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { findLoggedWorkbook } from '../../src/ingest/read-received.js';
import { openStore } from '../../src/store/index.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/warehouse.js';

const COLUMNS = ['REF_AREA', 'TIME_PERIOD', 'INDICATOR', 'SEX', 'AGE', 'COUNTERPART_AREA', 'BREAKDOWN', 'OBS_VALUE', 'OBS_STATUS', 'CONF_STATUS', 'COMMENT'];

describe('ingest of a return sent as a workbook', () => {
  it('records the .xlsx as received (its name, its sha256, its logged time), archives its bytes, and loads its rows at their sheet rows', async () => {
    const inbox = tempDir('inbox-');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Notes').addRow(['Contact: statistics@mai.gov.ro']);
    const sheet = workbook.addWorksheet('Return');
    sheet.addRow(COLUMNS);
    sheet.addRow(['ROU', 2025, 'TIP_VIC', '_T', '_T', '_T', '_T', 1192, 'A', 'F', 'Police data,\nprovisional']);
    sheet.addRow(['ROU', 2025, 'TIP_VIC', 'F', '_T', '_T', '_T', 700, 'A', 'F', null]);
    sheet.addRow(['ROU', 2025, 'TIP_VIC', 'M', '_T', '_T', '_T', { formula: 'H2-H3', result: 492 }, 'A', 'F', null]);
    sheet.addRow(['ROU', 2025, 'DRG_SEIZ_KG', '_T', '_T', '_T', 'COCAINE', 12.5, 'A', 'F', null]);
    sheet.getCell('H2').numFmt = '#,##0';
    sheet.getCell('H5').numFmt = '0';
    const path = join(inbox, 'ROU_2025.xlsx');
    await workbook.xlsx.writeFile(path);
    writeFileSync(join(inbox, '_received.csv'), 'file,received_at\nROU_2025.xlsx,2026-01-19T11:00:00Z\n');
    const warehouse = join(tempDir(), 'w.duckdb');

    const ingest = await runCli(['ingest', '.', '--warehouse', warehouse], { cwd: inbox });
    expect(ingest.stderr).toBe('');
    expect(ingest.code).toBe(0);
    expect(ingest.stdout.split('\n')[0]).toBe('ROU_2025.xlsx: 4 rows, 0 errors, 1 warning — accepted as submission 1 (ROU, 2025)');
    expect(ingest.stdout).toContain('  warning ROU_2025.xlsx: sheet "Notes" has no header row in its first 50 rows: not read [XLSX_SHEET_SKIPPED]\n'
      + '          hint: a return is one sheet: if this sheet holds it, write the template\'s column names in its first row and delete the sheet "Return", then save the workbook\n');

    const bytes = readFileSync(path);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(readdirSync(join(dirname(warehouse), 'archive'))).toEqual([sha256]);
    expect(readFileSync(join(dirname(warehouse), 'archive', sha256)).equals(bytes)).toBe(true);
    const store = await openStore(warehouse, { isReadOnly: true });
    try {
      expect(await store.all('select file_name, sha256, size_bytes::integer as size_bytes, received_at::varchar as received_at, outcome, rows_total, rows_accepted, warnings from submission')).toEqual([{
        file_name: 'ROU_2025.xlsx', sha256, size_bytes: statSync(path).size, received_at: '2026-01-19 11:00:00', outcome: 'accepted', rows_total: 4, rows_accepted: 4, warnings: 1,
      }]);
      // the multi-line comment in row 2 leaves the rows below at their row numbers
      expect(await store.all('select line, indicator, sex, obs_value, comment from observation order by line')).toEqual([
        { line: 2, indicator: 'TIP_VIC', sex: '_T', obs_value: 1192, comment: 'Police data,\nprovisional' },
        { line: 3, indicator: 'TIP_VIC', sex: 'F', obs_value: 700, comment: null },
        { line: 4, indicator: 'TIP_VIC', sex: 'M', obs_value: 492, comment: null },
        { line: 5, indicator: 'DRG_SEIZ_KG', sex: '_T', obs_value: 12.5, comment: null },
      ]);
      expect(await store.all('select code, line, value from validation_issue')).toEqual([{ code: 'XLSX_SHEET_SKIPPED', line: null, value: 'Notes' }]);
    } finally {
      store.close();
    }

    // the same bytes again: nothing to do
    const again = await runCli(['ingest', 'ROU_2025.xlsx', '--warehouse', warehouse], { cwd: inbox });
    expect(again.stdout).toBe('ROU_2025.xlsx: already in the warehouse (submission 1, same bytes): nothing to do\n');
  });

  it('a workbook with an error is rejected, its issues recorded at their sheet rows and columns', async () => {
    const inbox = tempDir('inbox-');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Return');
    sheet.addRow(COLUMNS);
    sheet.addRow(['ROU', 2025, 'TIP_VIC', '_T', '_T', '_T', '_T', 12, 'A', 'F', null]);
    sheet.addRow(['ROU', 2025, 'TIP_OFF', '_T', '_T', '_T', '_T', '1,192', 'A', 'F', null]);
    await workbook.xlsx.writeFile(join(inbox, 'ROU_2025.xlsx'));
    const warehouse = join(tempDir(), 'w.duckdb');
    const ingest = await runCli(['ingest', 'ROU_2025.xlsx', '--warehouse', warehouse, '--received-at', '2026-01-20'], { cwd: inbox });
    expect(ingest.code).toBe(1);
    expect(ingest.stdout).toContain('  error   ROU_2025.xlsx, sheet "Return", row 3, column OBS_VALUE (cell H3): expected a number without thousands separators, found "1,192" [THOUSANDS_SEPARATOR]');
    const store = await openStore(warehouse, { isReadOnly: true });
    try {
      expect(await store.all('select s.file_name, s.outcome, i.code, i.line, i."column", i.value, i.sheet, i.cell from submission as s join validation_issue as i using (submission_id)')).toEqual([
        { file_name: 'ROU_2025.xlsx', outcome: 'rejected', code: 'THOUSANDS_SEPARATOR', line: 3, column: 'OBS_VALUE', value: '1,192', sheet: 'Return', cell: 'H3' },
      ]);
    } finally {
      store.close();
    }

    // status locates the error as ingest and validate do (it showed "ROU_2025.xlsx:3 column OBS_VALUE")
    const status = await runCli(['status', '--year', '2025', '--warehouse', warehouse], { cwd: inbox });
    expect(status.stderr).toBe('');
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('\n  error   ROU_2025.xlsx, sheet "Return", row 3, column OBS_VALUE (cell H3): expected a number without thousands separators, found "1,192" [THOUSANDS_SEPARATOR]\n');
    expect(status.stdout).not.toContain('ROU_2025.xlsx:3');
    const json = JSON.parse((await runCli(['status', '--year', '2025', '--warehouse', warehouse, '--json'], { cwd: inbox })).stdout);
    expect(json.states.find((s: { ref_area: string }) => s.ref_area === 'ROU').first_errors).toEqual([
      expect.objectContaining({ code: 'THOUSANDS_SEPARATOR', file: 'ROU_2025.xlsx', line: 3, column: 'OBS_VALUE', sheet: 'Return', cell: 'H3' }),
    ]);
  });

  it("a CSV's issues and a workbook's own (a sheet passed over) are stored without sheet or cell, and status shows them as before", async () => {
    const inbox = tempDir('inbox-');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Notes').addRow(['Contact: statistics@mai.gov.ro']);
    const sheet = workbook.addWorksheet('Return');
    sheet.addRow(COLUMNS);
    sheet.addRow(['ROU', 2025, 'TIP_VIC', '_T', '_T', '_T', '_T', -4, 'A', 'F', null]);
    await workbook.xlsx.writeFile(join(inbox, 'ROU_2025.xlsx'));
    writeFileSync(join(inbox, 'BGR_2025.csv'), `${COLUMNS.join(',')}\nBGR,2025,TIP_VIC,_T,_T,_T,_T,-1,A,F,\n`);
    const warehouse = join(tempDir(), 'w.duckdb');
    expect((await runCli(['ingest', '.', '--warehouse', warehouse, '--received-at', '2026-01-20'], { cwd: inbox })).code).toBe(1);
    const store = await openStore(warehouse, { isReadOnly: true });
    try {
      expect(await store.all('select file, code, line, "column", sheet, cell from validation_issue order by file, line nulls first')).toEqual([
        { file: 'BGR_2025.csv', code: 'VALUE_NEGATIVE', line: 2, column: 'OBS_VALUE', sheet: null, cell: null },
        { file: 'ROU_2025.xlsx', code: 'XLSX_SHEET_SKIPPED', line: null, column: null, sheet: null, cell: null },
        { file: 'ROU_2025.xlsx', code: 'VALUE_NEGATIVE', line: 2, column: 'OBS_VALUE', sheet: 'Return', cell: 'H2' },
      ]);
    } finally {
      store.close();
    }
    const status = await runCli(['status', '--year', '2025', '--warehouse', warehouse], { cwd: inbox });
    expect(status.stdout).toContain('\n  error   BGR_2025.csv:2 column OBS_VALUE: expected a non-negative number, found "-1" [VALUE_NEGATIVE]\n');
    expect(status.stdout).toContain('\n  error   ROU_2025.xlsx, sheet "Return", row 2, column OBS_VALUE (cell H2): expected a non-negative number, found "-4" [VALUE_NEGATIVE]\n');
  });

  it('an .xlsx renamed ROU_2025.csv is ingested as the workbook it is, with the warning XLSX_UNDER_OTHER_NAME (it was rejected ENCODING_UNDECODABLE)', async () => {
    const inbox = tempDir('inbox-');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Return');
    sheet.addRow(COLUMNS);
    sheet.addRow(['ROU', 2025, 'TIP_VIC', '_T', '_T', '_T', '_T', 1192, 'A', 'F', null]);
    await workbook.xlsx.writeFile(join(inbox, 'ROU_2025.csv'));
    const warehouse = join(tempDir(), 'w.duckdb');
    const ingest = await runCli(['ingest', 'ROU_2025.csv', '--warehouse', warehouse, '--received-at', '2026-01-20'], { cwd: inbox });
    expect(ingest.stderr).toBe('');
    expect(ingest.code).toBe(0);
    expect(ingest.stdout.split('\n').slice(0, 3)).toEqual([
      'ROU_2025.csv: 1 row, 0 errors, 1 warning — accepted as submission 1 (ROU, 2025)',
      '  warning ROU_2025.csv: the file is an Excel workbook under a .csv name: read as a workbook [XLSX_UNDER_OTHER_NAME]',
      '          hint: rename it ROU_2025.xlsx, so that it opens in Excel; or, to send CSV, open it in Excel and save it as CSV UTF-8 (File > Save As > CSV UTF-8)',
    ]);
    const store = await openStore(warehouse, { isReadOnly: true });
    try {
      expect(await store.all('select line, obs_value from observation')).toEqual([{ line: 2, obs_value: 1192 }]);
      expect(await store.all('select code, severity, line, sheet from validation_issue')).toEqual([{ code: 'XLSX_UNDER_OTHER_NAME', severity: 'warning', line: null, sheet: null }]);
    } finally {
      store.close();
    }
  });

  it('a CSV beside a logged .xlsx the folder holds gets no "if this is that workbook saved as CSV" advice: the workbook is read and takes that time itself', () => {
    const times = new Map([['ALB_2025.xlsx', '2026-01-19T11:00:00Z'], ['BGR_2025.xls', '2026-01-20T09:00:00Z']]);
    expect(findLoggedWorkbook(times, 'ALB_2025.csv', ['ALB_2025.csv', 'ALB_2025.xlsx'])).toBeUndefined();
    // the workbook no longer in the folder, or one not read (.xls): the advice stands
    expect(findLoggedWorkbook(times, 'ALB_2025.csv', ['ALB_2025.csv'])).toEqual({ file: 'ALB_2025.xlsx', receivedAt: '2026-01-19T11:00:00Z' });
    expect(findLoggedWorkbook(times, 'BGR_2025.csv', ['BGR_2025.csv'])).toEqual({ file: 'BGR_2025.xls', receivedAt: '2026-01-20T09:00:00Z' });
  });
});
