import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { splitHeader } from '../../src/io/split-header.js';
import type { Store } from '../../src/store/index.js';
import { accountedRows, importForTest } from '../helpers/import.js';
import { openTestWarehouse, tempDir } from '../helpers/warehouse.js';

// Downloads as users re-save or re-download them, built at test time from the real files in ../shared/real (read in
// place; the variants are written to a temporary folder, never into the project).
const REAL = new URL('../../../shared/real/', import.meta.url).pathname;
const IAFQ = `${REAL}unodc/data_iafq_firearms_trafficking_2022-06-17.csv`;

let store: Store;
beforeEach(async () => {
  expect(existsSync(IAFQ), IAFQ).toBe(true);
  store = await openTestWarehouse();
});
afterEach(() => store.close());

/** Returns the rows of a plain CSV (quoted cells, no line breaks inside them), each line split as a header is. */
function readCsvRows(path: string): string[][] {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  return text.split(/\r?\n/).filter((line) => line !== '').map((line) => splitHeader(line, ','));
}

describe('import unodc: a workbook whose sheets order their columns differently', () => {
  it('reads each sheet by its own header: the IAFQ download split over two sheets, the second with its columns reversed, loads exactly as the CSV', async () => {
    const rows = readCsvRows(IAFQ);
    const header = rows[2]!;
    const data = rows.slice(3);
    const order = header.map((_, i) => header.length - 1 - i);
    const workbook = new ExcelJS.Workbook();
    const notes = workbook.addWorksheet('Notes');
    notes.addRow(['About this dataset: UNODC Illicit Arms Flows Questionnaire']);
    const first = workbook.addWorksheet('part1');
    first.addRow(['UNODC']);
    first.addRow(['17/06/2022']);
    first.addRow(header);
    for (const row of data.slice(0, 5000)) first.addRow(row);
    const second = workbook.addWorksheet('part2');
    second.addRow(order.map((i) => header[i]));
    for (const row of data.slice(5000)) second.addRow(order.map((i) => row[i]));
    const path = join(tempDir(), 'iafq_two_sheets.xlsx');
    await workbook.xlsx.writeFile(path);

    const report = await importForTest(store, 'unodc', path);
    // the same counts as the published CSV (README: 11,032 rows, 4,914 loaded, 6,118 unmapped)
    expect(report).toMatchObject({ status: 'imported', dataset: 'IAFQ', rows: 11032, loaded: 4914, unmapped: 6118, unreadable: 0, skipped: {} });
    expect(accountedRows(report)).toBe(11032);
    expect(report.issues.filter((issue) => issue.code === 'XLSX_SHEET_SKIPPED').map((issue) => issue.value)).toEqual(['Notes']);
    // Romania's 201 arms seized in 2020 is CSV line 9125, data row 9122: row 4123 of the reversed sheet
    expect(
      await store.all(
        `select ref_area, obs_value, line from observation where indicator = 'FA_SEIZED' and breakdown = '_T' and time_period = 2020 and ref_area in ('ROU', 'SRB') order by ref_area`,
      ),
    ).toEqual([
      { ref_area: 'ROU', obs_value: 201, line: 4123 },
      { ref_area: 'SRB', obs_value: 1571, line: 4882 },
    ]);
    const [{ total }] = (await store.all<{ total: number }>('select sum(obs_value)::bigint as total from observation')) as [{ total: number }];
    expect(Number(total)).toBe(22701234);
  });

  it('refuses a workbook whose later sheet lacks a column, naming the sheet', async () => {
    const rows = readCsvRows(IAFQ);
    const header = rows[2]!;
    const workbook = new ExcelJS.Workbook();
    const first = workbook.addWorksheet('data');
    first.addRow(header);
    first.addRow(rows[3]);
    const second = workbook.addWorksheet('more');
    const without = header.map((_, i) => i).filter((i) => header[i] !== 'Sex');
    second.addRow([...without.slice(1).map((i) => header[i]), header[without[0]!]]);
    second.addRow([...without.slice(1).map((i) => rows[4]![i]), rows[4]![without[0]!]]);
    const path = join(tempDir(), 'iafq_no_sex.xlsx');
    await workbook.xlsx.writeFile(path);
    const report = await importForTest(store, 'unodc', path);
    expect(report.status).toBe('rejected');
    expect(report.error).toMatchObject({ code: 'IMPORT_COLUMN_MISSING', column: 'Sex', message: 'expected a column "Sex" in sheet "more" as in the first sheet, found no such column' });
    expect(await store.all('select count(*)::integer as n from observation')).toEqual([{ n: 0 }]);
  });
});

describe('import unodc: rows whose Iso3_code is empty are placed by their Country name', () => {
  it('the CTS download (Windows-1252) with every Iso3_code blanked loads the same 2,955 series at the same lines; the sub-national names are listed with the name', async () => {
    const CTS = `${REAL}unodc/data_cts_corruption_and_economic_crime_2023-06.csv`;
    // latin1 keeps the Windows-1252 bytes as they are: only the code before the first comma goes
    const lines = readFileSync(CTS, 'latin1').split('\r\n');
    const blanked = lines.map((line, i) => (i === 0 || line === '' ? line : line.replace(/^[^,]*,/, ',')));
    expect(blanked[3404]).toMatch(/^,United Kingdom \(Scotland\),/);
    const path = join(tempDir(), 'cts_no_codes.csv');
    writeFileSync(path, blanked.join('\r\n'), 'latin1');

    const published = await importForTest(store, 'unodc', CTS);
    const report = await importForTest(store, 'unodc', path, { receivedAt: '2026-03-01T09:00:00.000Z' });
    // the published file's figures (README): 17,826 rows, 2,955 loaded, 8,746 rates, 6,125 unmapped
    expect(report).toMatchObject({ status: 'imported', dataset: 'CTS', rows: 17826, loaded: 2955, skipped: { rate: 8746 }, unmapped: 6125, unreadable: 0 });
    expect(accountedRows(report)).toBe(17826);
    const series = (id: number) =>
      store.all(`select * exclude (submission_id, is_current) from observation where submission_id = $id order by line`, { id });
    expect(await series(report.submissionId)).toEqual(await series(published.submissionId));
    // Kosovo's name as UNODC writes it ("Kosovo under UNSCR 1244") is XKX; Türkiye's, read in Windows-1252, TUR
    expect(await store.all(`select obs_value, line from observation where submission_id = $id and ref_area = 'XKX' and time_period = 2013 and indicator = 'COR_OFF' and breakdown in ('_T', 'BRIBERY') order by line`, { id: report.submissionId }))
      .toEqual([{ obs_value: 273, line: 5039 }, { obs_value: 67, line: 5040 }]);
    expect(await store.all(`select count(*)::integer as n from observation where submission_id = $id and ref_area = 'TUR'`, { id: report.submissionId }))
      .toEqual(await store.all(`select count(*)::integer as n from observation where submission_id = $id and ref_area = 'TUR'`, { id: published.submissionId }));
    expect(
      await store.all(`select code, "column", value, message, hint from validation_issue where submission_id = $id and line = 3405`, { id: report.submissionId }),
    ).toEqual([{
      code: 'IMPORT_UNMAPPED', column: 'Country', value: 'United Kingdom (Scotland)',
      message: `expected an ISO 3166 country code in Iso3_code or a country's name in Country, found no code and the name "United Kingdom (Scotland)", which names no one country: not imported`,
      hint: 'fill in the ISO 3166 alpha-3 code (Iso3_code), or, if the name names a country, add it to data/reference/country_aliases.csv',
    }]);
  });
});

describe('import unodc: a download whose lines end with CR LF and, for some, LF alone', () => {
  it('the CTS download (Windows-1252, CR LF) with its last 826 lines re-typed with LF line breaks loads as published (was: IMPORT_UNREADABLE_FILE, "The CSV Parser state machine reached an invalid state")', async () => {
    const CTS = `${REAL}unodc/data_cts_corruption_and_economic_crime_2023-06.csv`;
    const lines = readFileSync(CTS, 'latin1').split('\r\n');
    const path = join(tempDir(), 'cts_mixed_breaks.csv');
    writeFileSync(path, `${lines.slice(0, 17001).join('\r\n')}\r\n${lines.slice(17001).join('\n')}`, 'latin1');
    const report = await importForTest(store, 'unodc', path);
    expect(report).toMatchObject({ status: 'imported', dataset: 'CTS', rows: 17826, loaded: 2955, skipped: { rate: 8746 }, unmapped: 6125, unreadable: 0 });
    expect(await store.all(`select obs_value, line from observation where ref_area = 'XKX' and time_period = 2013 and indicator = 'COR_OFF' and breakdown = 'BRIBERY'`))
      .toEqual([{ obs_value: 67, line: 5040 }]);
  });
});

describe("import worldbank: DataBank's Data_Extract CSV", () => {
  const POPULATION = `${REAL}worldbank/population.csv`;

  it('reads "2020 [YR2020]" year columns, skips ".." as no value and the note lines after the data', async () => {
    const persons = new Map<string, Map<string, string>>();
    const names = new Map<string, string>();
    for (const [name, code, year, value] of readCsvRows(POPULATION).slice(1)) {
      names.set(code!, name!);
      if (!persons.has(code!)) persons.set(code!, new Map());
      persons.get(code!)!.set(year!, value!);
    }
    const years = ['2020', '2021', '2022', '2023', '2024'];
    const line = (cells: string[]): string => cells.map((cell) => `"${cell}"`).join(',');
    const rows = [
      line(['Country Name', 'Country Code', 'Series Name', 'Series Code', ...years.map((y) => `${y} [YR${y}]`)]),
      ...['ROU', 'XKX', 'WLD'].map((code) => line([names.get(code)!, code, 'Population, total', 'SP.POP.TOTL', ...years.map((y) => persons.get(code)!.get(y)!)])),
      line(['Moldova', 'MDA', 'Population, total', 'SP.POP.TOTL', ...years.map((y) => (y === '2024' ? '..' : persons.get('MDA')!.get(y)!))]),
      '',
      '',
      'Data from database: World Development Indicators',
      'Last Updated: 07/01/2025',
    ];
    const path = join(tempDir(), 'P_Data_Extract_From_World_Development_Indicators.csv');
    await import('node:fs/promises').then((fs) => fs.writeFile(path, `\uFEFF${rows.join('\r\n')}\r\n`));

    const report = await importForTest(store, 'worldbank', path);
    // 4 countries × 5 years + 2 note lines × 5 year cells
    expect(report).toMatchObject({ status: 'imported', rows: 30, loaded: 14, skipped: { aggregate: 5, missing: 11 }, unmapped: 0, unreadable: 0 });
    expect(accountedRows(report)).toBe(30);
    expect(
      await store.all(`select ref_area, year, persons from population where year in (2020, 2024) order by ref_area, year`),
    ).toEqual([
      { ref_area: 'MDA', year: 2020, persons: Number(persons.get('MDA')!.get('2020')) },
      { ref_area: 'ROU', year: 2020, persons: 19265250 },
      { ref_area: 'ROU', year: 2024, persons: Number(persons.get('ROU')!.get('2024')) },
      { ref_area: 'XKX', year: 2020, persons: 1790151 },
      { ref_area: 'XKX', year: 2024, persons: Number(persons.get('XKX')!.get('2024')) },
    ]);
    expect(await store.all(`select line, "column", value, message from validation_issue where code = 'IMPORT_SKIPPED_MISSING' order by line, "column" limit 2`)).toEqual([
      { line: 5, column: '2024', value: '..', message: 'expected a population, found ".." (no value): not imported' },
      { line: 8, column: 'Country Name', value: 'Data from database: World Development Indicators', message: 'expected a country, found the note "Data from database: World Development Indicators" (no code, no value): not imported' },
    ]);
  });
});

describe('import: a download damaged by a stray quote is refused whole, and no state loses its values', () => {
  it("UNODC: Romania's 376 IAFQ rows with a quote before the VALUE on line 4 (it swallows lines 5–323); Romania keeps its 122 series", async () => {
    const lines = readFileSync(IAFQ, 'utf8').replace(/^\uFEFF/, '').split('\r\n');
    const romania = [lines[2]!, ...lines.filter((line) => line.startsWith('ROU,'))];
    expect(romania).toHaveLength(377);
    romania[3] = romania[3]!.replace(/,Counts,(\d+),/, ',Counts,"$1,');
    expect(romania[3]).toBe('ROU,Romania,Europe,Eastern Europe,Arms seized,Total,Total,na,na,2016,Counts,"28,IAFQ/SOF');
    const damaged = join(tempDir(), 'iafq_ROU_strayquote.csv');
    writeFileSync(damaged, `${romania.join('\n')}\n`);

    await importForTest(store, 'unodc', IAFQ);
    const current = () => store.all('select * from observation_current where ref_area = $ref_area order by all', { ref_area: 'ROU' });
    const before = await current();
    expect(before).toHaveLength(122);
    const report = await importForTest(store, 'unodc', damaged, { receivedAt: '2026-03-01T09:00:00.000Z' });
    expect(report).toMatchObject({
      status: 'rejected', loaded: 0, replaces: [],
      error: {
        code: 'IMPORT_UNREADABLE_FILE', line: 4, column: 'VALUE',
        message: 'expected a quoted cell to end on its line, found it running to line 323 and swallowing lines 5–323, 319 of which look like rows (QUOTE_SWALLOWED_LINES)',
      },
    });
    expect(await current()).toEqual(before);
  });

  it('World Bank: population.csv with line 6 written `Aruba,ABW,"1964,57619` (it swallows lines 7–1497); all 216 countries keep their populations', async () => {
    const POPULATION = `${REAL}worldbank/population.csv`;
    const lines = readFileSync(POPULATION, 'utf8').split('\r\n');
    expect(lines[5]).toBe('Aruba,ABW,1964,57619');
    lines[5] = 'Aruba,ABW,"1964,57619';
    const damaged = join(tempDir(), 'population_strayquote.csv');
    writeFileSync(damaged, lines.join('\r\n'));

    await importForTest(store, 'worldbank', POPULATION);
    const current = () => store.all<{ rows: number; states: number }>('select count(*)::integer as rows, count(distinct ref_area)::integer as states from population_current');
    expect(await current()).toEqual([{ rows: 14010, states: 216 }]);
    const report = await importForTest(store, 'worldbank', damaged, { receivedAt: '2026-03-01T09:00:00.000Z' });
    expect(report).toMatchObject({
      status: 'rejected', loaded: 0, replaces: [],
      error: {
        code: 'IMPORT_UNREADABLE_FILE', line: 6, column: 'Year',
        message: 'expected a quoted cell to end on its line, found it running to line 1497 and swallowing lines 7–1497, 1491 of which look like rows (QUOTE_SWALLOWED_LINES)',
      },
    });
    expect(await current()).toEqual([{ rows: 14010, states: 216 }]);
    expect(await store.all(`select ref_area, persons from population_current where ref_area = 'ROU' and year = 2020`)).toEqual([{ ref_area: 'ROU', persons: 19265250 }]);
  });
});
