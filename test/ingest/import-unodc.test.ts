import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { splitHeader } from '../../src/io/split-header.js';
import type { Store } from '../../src/store/index.js';
import { accountedRows, importFixture, importForTest } from '../helpers/import.js';
import { openTestWarehouse, tempDir } from '../helpers/warehouse.js';

interface ObservationRow {
  line: number;
  ref_area: string;
  time_period: number;
  indicator: string;
  sex: string;
  age: string;
  counterpart_area: string;
  breakdown: string;
  obs_value: number | null;
  obs_status: string;
  conf_status: string;
  source: string;
  published_text: string | null;
}

let store: Store;
beforeEach(async () => {
  store = await openTestWarehouse();
});
afterEach(() => store.close());

const observations = (submissionId: number) =>
  store.all<ObservationRow>('select * exclude (submission_id, comment, is_current) from observation where submission_id = $id order by line', { id: submissionId });
const issues = (submissionId: number) =>
  store.all<{ code: string; line: number | null; column: string | null; value: string | null; message: string }>(
    'select code, line, "column", value, message from validation_issue where submission_id = $id order by line',
    { id: submissionId },
  );

describe('import unodc: IAFQ csv (BOM, two preamble lines, CRLF, VALUE)', () => {
  it('finds the header after the preamble and keeps physical lines', async () => {
    const report = await importForTest(store, 'unodc', importFixture('unodc-iafq', 'data_iafq_firearms_trafficking.csv'));
    expect(report).toMatchObject({ status: 'imported', source: 'UNODC', dataset: 'IAFQ', rows: 11, loaded: 10, unmapped: 1, unreadable: 0, skipped: {} });
    expect(accountedRows(report)).toBe(report.rows);
    const rows = await observations(report.submissionId);
    expect(rows[0]).toEqual({
      line: 4, ref_area: 'ROU', time_period: 2020, indicator: 'FA_SEIZED', sex: '_T', age: '_T', counterpart_area: '_T', breakdown: '_T',
      obs_value: 201, obs_status: 'A', conf_status: 'F', source: 'UNODC', published_text: null,
    });
    expect(rows.find((r) => r.line === 5)).toMatchObject({ indicator: 'FA_SEIZED', breakdown: 'PISTOL', obs_value: 57 });
    expect(rows.find((r) => r.line === 6)).toMatchObject({ breakdown: 'RIFLE', obs_value: 12 }); // "Inlcuding", as published
    expect(rows.find((r) => r.line === 8)).toMatchObject({ indicator: 'FA_AMMO', obs_value: 1011 }); // "1,011"
    expect(rows.find((r) => r.line === 9)).toMatchObject({ indicator: 'FA_SUS', sex: 'F', obs_value: 3 });
    expect(rows.find((r) => r.line === 11)).toMatchObject({ ref_area: 'XKX', time_period: 2019, obs_value: 388 });
    expect(rows.find((r) => r.line === 12)).toMatchObject({ ref_area: 'SRB', obs_value: 1520 });
    expect(rows.find((r) => r.line === 14)).toMatchObject({ indicator: 'FA_FOUND', breakdown: 'REVOLVER', obs_value: 0 });
    expect(await issues(report.submissionId)).toEqual([
      expect.objectContaining({ code: 'IMPORT_UNMAPPED', line: 7, column: 'Category', value: 'land borders', message: expect.stringMatching(/by type only, not by location/) }),
    ]);
  });
});

describe('import unodc: CTS csv (Windows-1252, no preamble, KOS, sub-national areas, rates)', () => {
  it('converts the encoding, maps KOS to XKX, lists GBR_S as unmapped and skips rates', async () => {
    const report = await importForTest(store, 'unodc', importFixture('unodc-cts', 'data_cts_corruption.csv'));
    expect(report).toMatchObject({ dataset: 'CTS', rows: 10, loaded: 6, unmapped: 2, unreadable: 0, skipped: { rate: 2 } });
    expect(accountedRows(report)).toBe(report.rows);
    const rows = await observations(report.submissionId);
    expect(rows.map((r) => [r.line, r.ref_area, r.time_period, r.indicator, r.breakdown, r.obs_value])).toEqual([
      [2, 'ROU', 2015, 'COR_OFF', '_T', 2192],
      [3, 'ROU', 2015, 'COR_OFF', 'BRIBERY', 1873],
      [6, 'XKX', 2018, 'ML_OFF', '_T', 38],
      [7, 'XKX', 2018, 'SOM_OFF', '_T', 61],
      [10, 'TUR', 2019, 'CYB_OFF', 'FRAUD_CY', 12044],
      [11, 'CIV', 2019, 'CYB_OFF', 'ACCESS', 77],
    ]);
    const found = await issues(report.submissionId);
    // bytes FC (ü of Türkiye), F4 and 92 (ô and ’ of Côte d’Ivoire): 92 is a quote in windows-1252 only, not in latin1
    expect(found.filter((i) => i.line === null)).toEqual([{
      code: 'ENCODING_CONVERTED', line: null, column: null, value: 'windows-1252',
      message: 'expected UTF-8, found windows-1252 (detected with 75% confidence); the file was converted',
    }]);
    expect(found.filter((i) => i.line !== null).map((i) => [i.code, i.line, i.column, i.value])).toEqual([
      ['IMPORT_SKIPPED_RATE', 4, 'Unit of measurement', 'Rate per 100,000 population'],
      ['IMPORT_UNMAPPED', 5, 'Category', 'Theft'],
      ['IMPORT_UNMAPPED', 8, 'Iso3_code', 'GBR_S'],
      ['IMPORT_SKIPPED_RATE', 9, 'Unit of measurement', 'Rate per 100,000 population'],
    ]);
  });
});

describe('import unodc: GLOTIP xlsx (preamble rows, HYPERLINK, txtVALUE, "<5", citizenship)', () => {
  it('maps every row or lists it with its sheet row and reason', async () => {
    const report = await importForTest(store, 'unodc', importFixture('unodc-glotip', 'data_glotip.xlsx'));
    expect(report).toMatchObject({ dataset: 'GLOTIP', rows: 18, loaded: 10, unmapped: 8, unreadable: 0, skipped: {} });
    expect(accountedRows(report)).toBe(report.rows);
    const rows = await observations(report.submissionId);
    const at = (line: number) => rows.find((r) => r.line === line);
    expect(at(4)).toMatchObject({ ref_area: 'ROU', indicator: 'TIP_VIC', sex: '_T', age: '_T', obs_value: 1011, obs_status: 'A' });
    // "<5": no value, and the text UNODC published kept as written, for compare to hold a return against
    expect(at(5)).toMatchObject({ sex: 'F', age: 'Y_LT18', obs_value: null, obs_status: 'Q', published_text: '<5' });
    expect(at(6)).toMatchObject({ breakdown: 'SEX_EXPL', obs_value: 642, published_text: null });
    expect(at(7)).toMatchObject({ ref_area: 'ROU', counterpart_area: 'ROU', obs_value: 958 }); // "Nationals"
    expect(at(8)).toMatchObject({ ref_area: 'ITA', counterpart_area: 'ALB', obs_value: 14 }); // demonym "Albanian"
    expect(at(9)).toMatchObject({ ref_area: 'DEU', counterpart_area: 'TUR', obs_status: 'Q' }); // mojibake "TÃ¼rkiye"
    expect(at(14)).toMatchObject({ indicator: 'TIP_SUS', sex: 'M', age: '_T', obs_value: 310 }); // persons brought into formal contact
    expect(at(16)).toMatchObject({ indicator: 'TIP_CNV', sex: '_U', age: '_T', obs_status: 'Q' });
    expect(at(19)).toMatchObject({ ref_area: 'SLB', counterpart_area: 'SLB', obs_status: 'Q' });
    expect(at(21)).toMatchObject({ ref_area: 'XKX', indicator: 'TIP_OFF', time_period: 2021, obs_value: 27 });

    const listed = (await issues(report.submissionId)).map((i) => [i.code, i.line, i.column, i.value]);
    expect(listed).toEqual([
      ['IMPORT_UNMAPPED', 10, 'Category', 'Abroad'],
      ['IMPORT_UNMAPPED', 11, 'Country', 'Sark'], // no Iso3_code, and Sark is no ISO 3166 country
      ['IMPORT_UNMAPPED', 12, 'Iso3_code', 'Aruba/Curacao'],
      ['IMPORT_UNMAPPED', 13, 'Sex', 'Other'],
      ['IMPORT_UNMAPPED', 15, 'Category', 'Total'],
      ['IMPORT_DUPLICATE_KEY', 17, null, '62'],
      ['IMPORT_DUPLICATE_KEY', 18, null, '43'],
      ['IMPORT_DUPLICATE_KEY', 20, null, 'no value (Q)'],
    ]);
    const messages = (await issues(report.submissionId)).map((i) => i.message);
    expect(messages[4]).toMatch(/AGE is not a dimension of TIP_SUS/);
    expect(messages[5]).toMatch(/found 62 on line 17, 43 on line 18 for the series BOL 2017 TIP_VIC F _T _T _T: none imported/);
    expect(messages[7]).toMatch(/already on line 19: only that row is imported/);
  });
});

describe('import unodc: unreadable rows and files', () => {
  it('lists unreadable cells and lines, and conserves the count', async () => {
    const report = await importForTest(store, 'unodc', importFixture('unodc-broken', 'bad-rows.csv'));
    expect(report).toMatchObject({ rows: 7, loaded: 1, unreadable: 3, unmapped: 1, skipped: { missing: 1, unit: 1 } });
    expect(accountedRows(report)).toBe(report.rows);
    const listed = (await issues(report.submissionId)).map((i) => [i.code, i.line, i.column]);
    expect(listed).toEqual([
      ['IMPORT_UNREADABLE', 3, 'Year'],
      ['IMPORT_UNREADABLE', 4, 'VALUE'],
      ['TOO_MANY_CELLS', 5, 'column 14'],
      ['IMPORT_SKIPPED_MISSING', 6, 'VALUE'],
      ['IMPORT_UNMAPPED', 7, 'Category'],
      ['IMPORT_SKIPPED_UNIT', 8, 'Unit of measurement'],
    ]);
  });

  it('never reads a decimal comma as a thousands separator: "0,032" is unreadable, not 32 (no grouping starts with 0)', async () => {
    const dir = tempDir();
    const fixture = readFileSync(importFixture('unodc-iafq', 'data_iafq_firearms_trafficking.csv'), 'utf8').split(/\r?\n/);
    const path = join(dir, 'data_iafq_firearms_trafficking.csv');
    writeFileSync(path, [...fixture.slice(0, 3), fixture[3]!.replace(',201,', ',"0,032",'), fixture[4]!.replace(',57,', ',"1,011",')].join('\r\n'));
    const report = await importForTest(store, 'unodc', path);
    expect(report).toMatchObject({ rows: 2, loaded: 1, unreadable: 1 });
    expect((await issues(report.submissionId)).map((i) => [i.code, i.line, i.column, i.value])).toEqual([['IMPORT_UNREADABLE', 4, 'VALUE', '0,032']]);
    expect((await observations(report.submissionId)).map((r) => [r.line, r.obs_value])).toEqual([[5, 1011]]);
  });

  it('reads what tables print for no figure ("..", "-", "N/A", "…") as no value, and a negative count as unreadable', async () => {
    const report = await importForTest(store, 'unodc', importFixture('unodc-broken', 'missing-marks.csv'));
    expect(report).toMatchObject({ rows: 6, loaded: 1, unreadable: 1, skipped: { missing: 4 } });
    const listed = (await issues(report.submissionId)).map((i) => [i.code, i.line, i.column, i.value]);
    expect(listed).toEqual([
      ['IMPORT_SKIPPED_MISSING', 3, 'VALUE', '..'],
      ['IMPORT_SKIPPED_MISSING', 4, 'VALUE', '-'],
      ['IMPORT_SKIPPED_MISSING', 5, 'VALUE', 'N/A'],
      ['IMPORT_SKIPPED_MISSING', 6, 'VALUE', '…'],
      ['IMPORT_UNREADABLE', 7, 'VALUE', '-5'],
    ]);
  });

  it.each([
    ['not-unodc.csv', 'IMPORT_NOT_UNODC', { line: 1 }, /expected a dataUNODC download with a header naming Iso3_code, Indicator, Year, VALUE … in its first 50 lines, found none/],
    ['missing-column.csv', 'IMPORT_COLUMN_MISSING', { line: 1, column: 'Category' }, /expected a column "Category"/],
    ['not-a-workbook.xlsx', 'XLSX_UNREADABLE', {}, /expected an \.xlsx workbook/],
  ])('rejects %s with %s: recorded as a rejected submission with the error, no rows', async (file, code, location, message) => {
    const report = await importForTest(store, 'unodc', importFixture('unodc-broken', file));
    expect(report).toMatchObject({ status: 'rejected', isRecorded: true, loaded: 0, error: { code, message: expect.stringMatching(message), file, ...location } });
    expect(await store.all('select submission_id, outcome, rows_total, errors from submission')).toEqual([
      { submission_id: report.submissionId, outcome: 'rejected', rows_total: 0, errors: 1 },
    ]);
    expect(await store.all('select code, severity from validation_issue')).toEqual([{ code, severity: 'error' }]);
    expect(await store.all('select count(*)::integer as n from observation')).toEqual([{ n: 0 }]);
  });

  it('refuses a download whose Iso3_code column was left out naming that column (was: IMPORT_NOT_UNODC, "is this a Eurostat or World Bank file?")', async () => {
    const path = join(tempDir(), 'data_iafq_no_codes.csv');
    writeFileSync(path, 'Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,VALUE,Source\nRomania,Europe,Eastern Europe,Arms seized,Total,Total,na,na,2020,Counts,7,IAFQ\n');
    const report = await importForTest(store, 'unodc', path);
    expect(report).toMatchObject({
      status: 'rejected',
      error: {
        code: 'IMPORT_COLUMN_MISSING', line: 1, column: 'Iso3_code',
        message: 'expected a column "Iso3_code" as in every dataUNODC download, found "Country", "Region", "Subregion", "Indicator", "Dimension", "Category", "Sex", "Age", "Year", "Unit of measurement", "VALUE", "Source"',
      },
    });
  });
});

describe('import unodc: a quote that swallows rows refuses the file whole', () => {
  const HEADER = 'Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,VALUE,Source';
  const ROU = 'ROU,Romania,Europe,Eastern Europe,Arms seized';
  const extract = (lines: string[]): string => {
    const path = join(tempDir(), 'data_iafq_ROU.csv');
    writeFileSync(path, [HEADER, ...lines, ''].join('\r\n'));
    return path;
  };
  const current = (ref_area: string) =>
    store.all('select * from observation_current where ref_area = $ref_area order by indicator, breakdown, time_period', { ref_area });

  it.each([
    [
      'a stray quote before a VALUE, closed by the next quoted cell (QUOTE_SWALLOWED_LINES)',
      `${ROU},by location,"Uniquely identifiable - tracing attempted, no point of diversion identified",na,na,2021,Counts,6,IAFQ`,
      'expected a quoted cell to end on its line, found it running to line 5 and swallowing lines 3–5, 3 of which look like rows (QUOTE_SWALLOWED_LINES)',
    ],
    [
      'a quote never closed (QUOTE_UNTERMINATED)',
      `${ROU},by location,land borders,na,na,2021,Counts,6,IAFQ`,
      'expected a closing quote, found none: the quote opened here runs to the end of the file and swallows lines 3–6, 4 of which look like rows (QUOTE_UNTERMINATED)',
    ],
  ])('%s: rejected at the line and column of the quote, and Romania keeps its values', async (_, fifth, message) => {
    const full = await importForTest(store, 'unodc', importFixture('supersede', 'data_iafq_full_2023-03-01.csv'));
    expect(full).toMatchObject({ status: 'imported', states: ['ALB', 'ROU', 'SRB'] });
    const before = await current('ROU');
    expect(before).toHaveLength(2);

    const damaged = extract([
      `${ROU},Total,Total,na,na,2021,Counts,"230,IAFQ`,
      `${ROU},by type,pistol,na,na,2021,Counts,61,IAFQ`,
      `${ROU},by type,revolver,na,na,2021,Counts,4,IAFQ`,
      fifth,
      `${ROU},by type,rifle,na,na,2021,Counts,12,IAFQ`,
    ]);
    const report = await importForTest(store, 'unodc', damaged, { receivedAt: '2026-03-01T09:00:00.000Z' });
    expect(report).toMatchObject({
      status: 'rejected', isRecorded: true, rows: 0, loaded: 0, replaces: [], states: [],
      error: {
        code: 'IMPORT_UNREADABLE_FILE', file: 'data_iafq_ROU.csv', line: 2, column: 'VALUE', message,
        hint: 'download the file again, or delete the stray quote at line 2, column VALUE (a quote inside a cell is doubled: ""); nothing of this file was imported, so every state keeps its values',
      },
    });
    expect(await store.all('select submission_id, outcome, rows_total, errors from submission order by submission_id')).toEqual([
      { submission_id: full.submissionId, outcome: 'accepted', rows_total: 4, errors: 0 },
      { submission_id: report.submissionId, outcome: 'rejected', rows_total: 0, errors: 1 },
    ]);
    expect(await store.all('select code, line, "column" from validation_issue where submission_id = $id', { id: report.submissionId })).toEqual([
      { code: 'IMPORT_UNREADABLE_FILE', line: 2, column: 'VALUE' },
    ]);
    expect(await current('ROU')).toEqual(before);
  });

  it('a quoted cell over two lines that takes in no row is one row, and the lines after it keep their numbers', async () => {
    const report = await importForTest(store, 'unodc', extract([
      'ROU,Romania,Europe,"Eastern\r\nEurope",Arms seized,Total,Total,na,na,2021,Counts,230,IAFQ',
      `${ROU},by type,pistol,na,na,2021,Counts,61,IAFQ`,
    ]));
    expect(report).toMatchObject({ status: 'imported', rows: 2, loaded: 2, unreadable: 0 });
    expect(accountedRows(report)).toBe(report.rows);
    expect((await observations(report.submissionId)).map((r) => [r.line, r.breakdown, r.obs_value])).toEqual([
      [2, '_T', 230],
      [4, 'PISTOL', 61],
    ]);
  });

  it('a quoted Source over two lines whose second holds as many commas as the header is one row: its quote closes at the cell’s end and the record has the header’s width', async () => {
    const note = 'Note: seized by the police, border police, customs, gendarmerie, prosecution, courts, the army, the SRI, the SIE, the ANAF, the ANP, the ITM, and the ANR';
    expect(note.split(',')).toHaveLength(13); // 12 commas, as the header has
    const report = await importForTest(store, 'unodc', extract([
      `${ROU},Total,Total,na,na,2021,Counts,230,"IAFQ`,
      `${note}"`,
      `${ROU},by type,pistol,na,na,2021,Counts,61,IAFQ`,
    ]));
    // was: refused, 'found it running to line 3 and swallowing lines 3–3, 1 of which look like rows (QUOTE_SWALLOWED_LINES)'
    expect(report).toMatchObject({ status: 'imported', dataset: 'IAFQ', rows: 2, loaded: 2, unreadable: 0 });
    expect(accountedRows(report)).toBe(report.rows);
    expect((await observations(report.submissionId)).map((r) => [r.line, r.breakdown, r.obs_value])).toEqual([
      [2, '_T', 230],
      [4, 'PISTOL', 61],
    ]);
  });

  it('a stray quote whose record takes in one row is still refused, naming that line', async () => {
    const report = await importForTest(store, 'unodc', extract([
      `${ROU},Total,Total,na,na,2021,Counts,"230,IAFQ`,
      `${ROU},by type,pistol,na,na,2021,Counts,61,"IAFQ"`,
    ]));
    expect(report).toMatchObject({
      status: 'rejected',
      error: {
        code: 'IMPORT_UNREADABLE_FILE', line: 2, column: 'VALUE',
        message: 'expected a quoted cell to end on its line, found it running to line 3 and swallowing line 3, which looks like a row (QUOTE_SWALLOWED_LINES)',
      },
    });
  });
});

describe('import unodc: a workbook with a hidden sheet holding the header', () => {
  it('reads the visible data sheet only: a hidden older copy is passed over with a warning naming it, not read as conflicting rows', async () => {
    const text = readFileSync(importFixture('unodc-iafq', 'data_iafq_firearms_trafficking.csv'), 'utf8');
    const rows = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((line) => line !== '').map((line) => splitHeader(line, ','));
    const book = new ExcelJS.Workbook();
    const backup = book.addWorksheet('Backup 2021', { state: 'hidden' });
    const data = book.addWorksheet('Data');
    for (const row of rows) data.addRow(row);
    for (const row of rows) backup.addRow(row.map((cell, i) => (i === 11 && /^\d+$/.test(cell) ? String(Number(cell) - 1) : cell))); // last year's figures
    const path = join(tempDir(), 'iafq_hidden_backup.xlsx');
    await book.xlsx.writeFile(path);

    const report = await importForTest(store, 'unodc', path);
    // as the CSV (11 rows, 10 loaded); read with its hidden copy it was 22 rows, 3 loaded and 14 conflicting, none imported
    expect(report).toMatchObject({ status: 'imported', dataset: 'IAFQ', rows: 11, loaded: 10, unmapped: 1, unreadable: 0 });
    expect(accountedRows(report)).toBe(11);
    expect(await store.all(`select ref_area, obs_value, line from observation where indicator = 'FA_SEIZED' and breakdown = '_T' and ref_area = 'ROU'`)).toEqual([
      { ref_area: 'ROU', obs_value: 201, line: 4 },
    ]);
    expect(report.issues.filter((issue) => issue.code === 'XLSX_SHEET_SKIPPED')).toEqual([
      expect.objectContaining({ value: 'Backup 2021', message: 'sheet "Backup 2021" is hidden and has the header, but visible sheets hold the data: not read' }),
    ]);
  });
});

describe('import unodc: a drug seizures table is refused as such', () => {
  const HINT = 'drug trafficking offences (DRG_OFF) come from the returns, or from Eurostat\'s crim_off_cat (ICCS06012): "crimetrends import eurostat FILE"';
  it('the World Drug Report’s seizures (no Iso3_code): named, with where drug offences come from (was: "is this a Eurostat or World Bank file?")', async () => {
    const path = join(tempDir(), 'wdr_drug_seizures.csv');
    writeFileSync(path, 'World Drug Report 2024\nRegion,SubRegion,Country,DrugGroup,DrugSubGroup,DrugName,Year,Kilograms\nEurope,Eastern Europe,Romania,Cannabis-type,Cannabis herb,Cannabis herb (marijuana),2020,1234.5\n');
    expect(await importForTest(store, 'unodc', path)).toMatchObject({
      status: 'rejected', loaded: 0,
      error: {
        code: 'IMPORT_NOT_UNODC', file: 'wdr_drug_seizures.csv', line: 2, hint: HINT,
        message: 'expected a dataUNODC crime download (GLOTIP, IAFQ, CTS: Iso3_code, Indicator, …, VALUE), found a drug seizures table (Region, SubRegion, Country, DrugGroup, DrugSubGroup, DrugName, Year, Kilograms): quantities of drugs seized map to no catalogue indicator, not imported',
      },
    });
  });

  it('dataUNODC’s drug seizures (Iso3_code, Drug, no Indicator): named, not "expected a column Indicator"', async () => {
    const path = join(tempDir(), 'data_drug_seizures.csv');
    writeFileSync(path, 'Iso3_code,Country,Region,Subregion,Drug group,Drug,Year,Unit of measurement,VALUE,Source\nROU,Romania,Europe,Eastern Europe,Cannabis,Cannabis herb,2020,Kilograms,1234.5,ARQ\n');
    expect(await importForTest(store, 'unodc', path)).toMatchObject({
      status: 'rejected',
      error: { code: 'IMPORT_NOT_UNODC', line: 1, hint: HINT, message: expect.stringContaining('found a drug seizures table (Iso3_code, Country, Region, Subregion, Drug group, Drug, Year, Unit of measurement, …)') },
    });
  });

  it('either table saved as .xlsx is named the same (was: the World Drug Report’s "not a dataUNODC download")', async () => {
    const write = async (name: string, rows: (string | number)[][]): Promise<string> => {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('Seizures');
      for (const row of rows) sheet.addRow(row);
      const path = join(tempDir(), name);
      await book.xlsx.writeFile(path);
      return path;
    };
    const wdr = await write('wdr_drug_seizures.xlsx', [
      ['World Drug Report 2024'],
      ['Region', 'SubRegion', 'Country', 'DrugGroup', 'DrugSubGroup', 'DrugName', 'Year', 'Kilograms'],
      ['Europe', 'Eastern Europe', 'Romania', 'Cannabis-type', 'Cannabis herb', 'Cannabis herb (marijuana)', 2020, 1234.5],
    ]);
    expect(await importForTest(store, 'unodc', wdr)).toMatchObject({
      status: 'rejected', loaded: 0,
      error: {
        code: 'IMPORT_NOT_UNODC', file: 'wdr_drug_seizures.xlsx', line: 2, hint: HINT,
        message: 'expected a dataUNODC crime download (GLOTIP, IAFQ, CTS: Iso3_code, Indicator, …, VALUE), found a drug seizures table (Region, SubRegion, Country, DrugGroup, DrugSubGroup, DrugName, Year, Kilograms): quantities of drugs seized map to no catalogue indicator, not imported',
      },
    });
    const data = await write('data_drug_seizures.xlsx', [
      ['Iso3_code', 'Country', 'Region', 'Subregion', 'Drug group', 'Drug', 'Year', 'Unit of measurement', 'VALUE', 'Source'],
      ['ROU', 'Romania', 'Europe', 'Eastern Europe', 'Cannabis', 'Cannabis herb', 2020, 'Kilograms', 1234.5, 'ARQ'],
    ]);
    expect(await importForTest(store, 'unodc', data)).toMatchObject({
      status: 'rejected',
      error: { code: 'IMPORT_NOT_UNODC', file: 'data_drug_seizures.xlsx', line: 1, hint: HINT, message: expect.stringContaining('found a drug seizures table (Iso3_code, Country, Region, Subregion, Drug group, Drug, Year, Unit of measurement, …)') },
    });
  });
});

describe('import unodc: a row with a cell left out is listed at its line, not read shifted', () => {
  it('a row missing its Subregion is TOO_FEW_CELLS (was: "unit 700 is not imported"); a footnote of one cell stays a note', async () => {
    const path = join(tempDir(), 'data_cts_short.csv');
    writeFileSync(path, [
      'Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,VALUE,Source',
      'ROU,Romania,Europe,Eastern Europe,Offences,by type of offence,Corruption,Total,Total,2020,Counts,2500,CTS',
      'BGR,Bulgaria,Europe,Offences,by type of offence,Corruption,Total,Total,2020,Counts,700,CTS',
      'Source: UNODC Crime Trends Survey (CTS)',
    ].join('\n') + '\n');
    const report = await importForTest(store, 'unodc', path);
    expect(report).toMatchObject({ status: 'imported', rows: 3, loaded: 1, unreadable: 1, skipped: { missing: 1 } });
    expect(accountedRows(report)).toBe(report.rows);
    expect(await store.all(`select code, severity, line, "column", value, message, hint from validation_issue where code = 'TOO_FEW_CELLS'`)).toEqual([
      {
        code: 'TOO_FEW_CELLS', severity: 'warning', line: 3, column: 'Source',
        value: 'BGR,Bulgaria,Europe,Offences,by type of offence,Corruption,Total,Total,2020,Counts,700,CTS',
        message: 'expected 13 cells as in the header, found 12: a cell is missing, so the cells after it stand under the wrong columns; not imported',
        hint: 'download the file again, or give the row its missing cell (an empty one between two ",")',
      },
    ]);
    expect(await store.all(`select ref_area, obs_value from observation order by ref_area`)).toEqual([{ ref_area: 'ROU', obs_value: 2500 }]);
  });
});

describe('import unodc: a count with three digits after a point is not guessed', () => {
  it('"2.000" is unreadable with both readings, not loaded as 2; "12.0" is 12', async () => {
    const path = join(tempDir(), 'data_cts_points.csv');
    writeFileSync(path, [
      'Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,VALUE,Source',
      'ROU,Romania,Europe,Eastern Europe,Offences,by type of offence,Corruption,Total,Total,2020,Counts,2.000,CTS',
      'ROU,Romania,Europe,Eastern Europe,Offences,by type of offence,Corruption,Total,Total,2019,Counts,12.0,CTS',
    ].join('\n') + '\n');
    expect(await importForTest(store, 'unodc', path)).toMatchObject({ status: 'imported', loaded: 1, unreadable: 1 });
    expect(await store.all(`select time_period, obs_value from observation`)).toEqual([{ time_period: 2019, obs_value: 12 }]);
    expect(await store.all(`select code, line, "column", value, message, hint from validation_issue`)).toEqual([
      {
        code: 'IMPORT_UNREADABLE', line: 2, column: 'VALUE', value: '2.000',
        message: 'expected a whole number for COR_OFF (a count), found "2.000": 2000 with a thousands separator, or 2 with decimals? not guessed: not imported',
        hint: 'write the count without separators (2000), or download the file again as published',
      },
    ]);
  });
});

describe('import unodc: a row ending before a column the import does not read is read as it stands', () => {
  it('a row without its Source is loaded (was: TOO_FEW_CELLS); rows missing Year, Unit or VALUE, their later cells shifted, stay TOO_FEW_CELLS', async () => {
    const path = join(tempDir(), 'data_cts_no_source.csv');
    writeFileSync(path, [
      'Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,VALUE,Source',
      'ROU,Romania,Europe,Eastern Europe,Offences,by type of offence,Corruption,Total,Total,2020,Counts,2500,CTS',
      'BGR,Bulgaria,Europe,Eastern Europe,Offences,by type of offence,Corruption,Total,Total,2020,Counts,700',
      'GRC,Greece,Europe,Southern Europe,Offences,by type of offence,Corruption,Total,Total,2020,Counts,',
      'ALB,Albania,Europe,Southern Europe,Offences,by type of offence,Corruption,Total,Total,Counts,310,CTS',
      'SRB,Serbia,Europe,Southern Europe,Offences,by type of offence,Corruption,Total,Total,2020,410,CTS',
      'MNE,Montenegro,Europe,Southern Europe,Offences,by type of offence,Corruption,Total,Total,2020,Counts,CTS',
    ].join('\n') + '\n');
    const report = await importForTest(store, 'unodc', path);
    expect(report).toMatchObject({ status: 'imported', dataset: 'CTS', rows: 6, loaded: 2, unreadable: 3, skipped: { missing: 1 } });
    expect(accountedRows(report)).toBe(report.rows);
    expect(await store.all(`select ref_area, obs_value, line from observation order by line`)).toEqual([
      { ref_area: 'ROU', obs_value: 2500, line: 2 },
      { ref_area: 'BGR', obs_value: 700, line: 3 },
    ]);
    expect(await store.all(`select code, line, "column", value from validation_issue where line is not null order by line`)).toEqual([
      { code: 'IMPORT_SKIPPED_MISSING', line: 4, column: 'VALUE', value: null },
      { code: 'TOO_FEW_CELLS', line: 5, column: 'Source', value: 'ALB,Albania,Europe,Southern Europe,Offences,by type of offence,Corruption,Total,Total,Counts,310,CTS' },
      { code: 'TOO_FEW_CELLS', line: 6, column: 'Source', value: 'SRB,Serbia,Europe,Southern Europe,Offences,by type of offence,Corruption,Total,Total,2020,410,CTS' },
      { code: 'TOO_FEW_CELLS', line: 7, column: 'Source', value: 'MNE,Montenegro,Europe,Southern Europe,Offences,by type of offence,Corruption,Total,Total,2020,Counts,CTS' },
    ]);
  });
});
