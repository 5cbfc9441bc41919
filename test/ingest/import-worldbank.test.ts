import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { accountedRows, importFixture, importForTest } from '../helpers/import.js';
import { openTestWarehouse, tempDir } from '../helpers/warehouse.js';
import { writeCompoundFile, writeZip } from '../helpers/xlsx.js';

let store: Store;
beforeEach(async () => {
  store = await openTestWarehouse();
});
afterEach(() => store.close());

/** What the wide download fixture loads (as CSV, and saved as a workbook). */
const WIDE_POPULATIONS = [
  { ref_area: 'ROU', year: 2019, persons: 19371648 },
  { ref_area: 'ROU', year: 2020, persons: 19265250 },
  { ref_area: 'ROU', year: 2021, persons: 19119880 },
  { ref_area: 'XKX', year: 2019, persons: 1788878 },
  { ref_area: 'XKX', year: 2020, persons: 1790152 },
  { ref_area: 'XKX', year: 2022, persons: 1761985 },
];

describe('import worldbank: population CSV', () => {
  it('loads countries into population and lists aggregates, gaps and bad years', async () => {
    const report = await importForTest(store, 'worldbank', importFixture('worldbank', 'population.csv'));
    expect(report).toMatchObject({ source: 'WORLDBANK', dataset: 'SP.POP.TOTL', rows: 9, loaded: 5, unreadable: 1, unmapped: 0, skipped: { aggregate: 2, missing: 1 } });
    expect(accountedRows(report)).toBe(report.rows);
    expect(await store.all('select ref_area, year, persons, source from population order by ref_area, year')).toEqual([
      { ref_area: 'GRC', year: 2020, persons: 10698599, source: 'WORLDBANK' },
      { ref_area: 'KOR', year: 2020, persons: 51836239, source: 'WORLDBANK' },
      { ref_area: 'ROU', year: 2019, persons: 19371648, source: 'WORLDBANK' },
      { ref_area: 'ROU', year: 2020, persons: 19265250, source: 'WORLDBANK' },
      { ref_area: 'XKX', year: 2020, persons: 1790152, source: 'WORLDBANK' },
    ]);
    expect(await store.all('select count(*)::integer as n from observation')).toEqual([{ n: 0 }]);
    expect(await store.all(`select code, line, "column", value from validation_issue order by line`)).toEqual([
      { code: 'IMPORT_SKIPPED_AGGREGATE', line: 5, column: 'Country Code', value: 'WLD' },
      { code: 'IMPORT_SKIPPED_AGGREGATE', line: 6, column: 'Country Code', value: 'EUU' },
      { code: 'IMPORT_SKIPPED_MISSING', line: 8, column: 'Value', value: null },
      { code: 'IMPORT_UNREADABLE', line: 9, column: 'Year', value: '20x0' },
    ]);
  });

  it('unpivots the official wide download (preamble, one column per year): one source row per cell', async () => {
    const report = await importForTest(store, 'worldbank', importFixture('worldbank', 'API_SP.POP.TOTL_DS2_en_csv_v2.csv'));
    // 4 data lines × 4 year columns = 16 cells: 6 loaded, 4 aggregate (WLD), 1 empty, 4 another series, 1 with decimals
    expect(report).toMatchObject({ status: 'imported', rows: 16, loaded: 6, skipped: { aggregate: 4, missing: 1 }, unmapped: 4, unreadable: 1 });
    expect(accountedRows(report)).toBe(report.rows);
    expect(await store.all('select ref_area, year, persons from population order by ref_area, year')).toEqual(WIDE_POPULATIONS);
    expect(await store.all(`select code, line, "column", value, message from validation_issue where code in ('IMPORT_UNREADABLE', 'IMPORT_SKIPPED_MISSING') order by line`)).toEqual([
      { code: 'IMPORT_SKIPPED_MISSING', line: 6, column: '2022', value: null, message: 'expected a population, found nothing: not imported' },
      { code: 'IMPORT_UNREADABLE', line: 7, column: '2021', value: '1786038.5', message: 'expected a whole number of persons, found "1786038.5": not imported' },
    ]);
    expect(await store.all(`select distinct line, "column", message from validation_issue where code = 'IMPORT_UNMAPPED'`)).toEqual([
      { line: 9, column: 'Indicator Code', message: 'expected the series SP.POP.TOTL (total population), found "SP.POP.TOTL.FE.IN": not imported' },
    ]);
  });

  it('matches a row with no country code by its name, and lists one whose name is no country', async () => {
    const report = await importForTest(store, 'worldbank', importFixture('worldbank', 'no-code.csv'));
    expect(report).toMatchObject({ rows: 4, loaded: 3, unmapped: 1 });
    expect(await store.all('select ref_area, year, persons from population order by ref_area, year')).toEqual([
      { ref_area: 'CIV', year: 2020, persons: 26811790 },
      { ref_area: 'ROU', year: 2022, persons: 19047009 },
      { ref_area: 'TUR', year: 2021, persons: 84775404 },
    ]);
    expect(await store.all(`select code, line, "column", value, message from validation_issue`)).toEqual([
      {
        code: 'IMPORT_UNMAPPED', line: 3, column: 'Country Code', value: 'Atlantis',
        message: 'expected a country code, found nothing, and the name "Atlantis" names no country: not imported',
      },
    ]);
  });

  it('rejects a file with no population header, naming what it looked for', async () => {
    const report = await importForTest(store, 'worldbank', importFixture('worldbank', 'not-population.csv'));
    expect(report).toMatchObject({
      status: 'rejected',
      error: {
        code: 'IMPORT_COLUMN_MISSING', file: 'not-population.csv', line: 1, column: 'Country Code',
        message: 'expected a header with "Country Code" and "Year", "Value" (one row per country and year) or one column per year (1960, 1961, …) in the first 50 lines, found none',
      },
    });
  });

  it('rejects a dataUNODC download offered by mistake, and every country keeps its population (was: its counts loaded as populations)', async () => {
    await importForTest(store, 'worldbank', importFixture('worldbank', 'API_SP.POP.TOTL_DS2_en_csv_v2.csv'));
    const current = () => store.all('select ref_area, year, persons from population_current order by ref_area, year');
    expect(await current()).toEqual(WIDE_POPULATIONS);
    // Iso3_code, Year and VALUE passed for Country Code, Year and Value: Kosovo's 388 firearms seized in 2019 became
    // its whole population series (the real IAFQ download replaced 23 states' populations, exit 0)
    const report = await importForTest(store, 'worldbank', importFixture('unodc-iafq', 'data_iafq_firearms_trafficking.csv'), { receivedAt: '2026-03-01T09:00:00.000Z' });
    expect(report).toMatchObject({
      status: 'rejected', loaded: 0, replaces: [],
      error: {
        code: 'IMPORT_COLUMN_MISSING', line: 3, column: 'Country Code',
        message: `expected a World Bank population header ("Country Code" with "Year", "Value" or one column per year), found a dataUNODC download's header (Iso3_code, Country, Region, Subregion, Indicator, …)`,
        hint: 'this is a dataUNODC download: import it with "crimetrends import unodc FILE"',
      },
    });
    expect(await current()).toEqual(WIDE_POPULATIONS);
  });
});

describe("import worldbank: DataBank's extract with the series as columns", () => {
  it('reads "Population, total [SP.POP.TOTL]" as the Value, and skips Excel\'s empty rows and the notes under Time as missing (was: refused, no header found)', async () => {
    const path = join(tempDir(), 'P_Data_Extract_From_World_Development_Indicators.csv');
    writeFileSync(path, [
      '\uFEFFTime,Time Code,Country Name,Country Code,"Population, total [SP.POP.TOTL]"',
      '2020,YR2020,Romania,ROU,19265250',
      '2020,YR2020,World,WLD,7856138892',
      '2021,YR2021,Romania,ROU,19119880',
      ',,,,',
      ',,,,',
      'Data from database: World Development Indicators,,,,',
      'Last Updated: 07/01/2025,,,,',
      '',
    ].join('\r\n'));
    const report = await importForTest(store, 'worldbank', path);
    expect(report).toMatchObject({ status: 'imported', rows: 7, loaded: 2, skipped: { aggregate: 1, missing: 4 }, unmapped: 0, unreadable: 0 });
    expect(accountedRows(report)).toBe(7);
    expect(await store.all('select ref_area, year, persons from population order by year')).toEqual([
      { ref_area: 'ROU', year: 2020, persons: 19265250 },
      { ref_area: 'ROU', year: 2021, persons: 19119880 },
    ]);
    expect(await store.all(`select line, "column", value, message from validation_issue where code = 'IMPORT_SKIPPED_MISSING' order by line`)).toEqual([
      { line: 5, column: 'Country Code', value: null, message: 'expected a country, found an empty row: not imported' },
      { line: 6, column: 'Country Code', value: null, message: 'expected a country, found an empty row: not imported' },
      { line: 7, column: 'Time', value: 'Data from database: World Development Indicators', message: 'expected a country, found the note "Data from database: World Development Indicators" (no code, no value): not imported' },
      { line: 8, column: 'Time', value: 'Last Updated: 07/01/2025', message: 'expected a country, found the note "Last Updated: 07/01/2025" (no code, no value): not imported' },
    ]);
  });
});

describe('import worldbank: a quote that swallows rows refuses the file whole', () => {
  it('a stray quote before a Year: rejected at its line and column, and every country keeps its population', async () => {
    const published = importFixture('worldbank', 'population.csv');
    await importForTest(store, 'worldbank', published);
    const current = () => store.all('select * from population_current order by ref_area, year');
    const before = await current();
    expect(before).toHaveLength(5);

    // the quote opened on line 3 closes at the next quote, line 7's "Korea, Rep."
    const lines = readFileSync(published, 'utf8').split('\n');
    lines[2] = 'Romania,ROU,"2020,19265250';
    const damaged = join(tempDir(), 'population.csv');
    writeFileSync(damaged, lines.join('\n'));
    const report = await importForTest(store, 'worldbank', damaged, { receivedAt: '2026-03-01T09:00:00.000Z' });
    expect(report).toMatchObject({
      status: 'rejected', isRecorded: true, rows: 0, loaded: 0, replaces: [],
      error: {
        code: 'IMPORT_UNREADABLE_FILE', line: 3, column: 'Year',
        message: 'expected a quoted cell to end on its line, found it running to line 7 and swallowing lines 4–7, 4 of which look like rows (QUOTE_SWALLOWED_LINES)',
      },
    });
    expect(await store.all('select outcome from submission order by submission_id')).toEqual([{ outcome: 'accepted' }, { outcome: 'rejected' }]);
    expect(await current()).toEqual(before);
  });
});

describe('import worldbank: a workbook', () => {
  /** The official wide download's cells as its Excel export lays them out: preamble, header, numbers as numbers. */
  const writeWideWorkbook = async (path: string, yearsAsNumbers: boolean): Promise<void> => {
    const workbook = new ExcelJS.Workbook();
    const data = workbook.addWorksheet('Data');
    data.addRow(['Data Source', 'World Development Indicators']);
    data.addRow([]);
    data.addRow(['Last Updated Date', '2025-07-01']);
    data.addRow([]);
    const years = [2019, 2020, 2021, 2022];
    data.addRow(['Country Name', 'Country Code', 'Indicator Name', 'Indicator Code', ...years.map((y) => (yearsAsNumbers ? y : String(y)))]);
    data.addRow(['Romania', 'ROU', 'Population, total', 'SP.POP.TOTL', 19371648, 19265250, 19119880, null]);
    data.addRow(['Kosovo', 'XKX', 'Population, total', 'SP.POP.TOTL', 1788878, 1790152, 1786038.5, 1761985]);
    data.addRow(['World', 'WLD', 'Population, total', 'SP.POP.TOTL', 7820982337, 7887001292, 7954448391, 8021407192]);
    data.addRow(['Romania', 'ROU', 'Population, female', 'SP.POP.TOTL.FE.IN', 9973000, 9920000, 9850000, 9800000]);
    const countries = workbook.addWorksheet('Metadata - Countries');
    countries.addRow(['Country Code', 'Region', 'IncomeGroup', 'SpecialNotes']);
    countries.addRow(['ROU', 'Europe & Central Asia', 'High income', '']);
    await workbook.xlsx.writeFile(path);
  };

  it('reads the wide download saved as .xlsx like the CSV: same populations, rows located by sheet row, metadata sheet skipped', async () => {
    const path = join(tempDir(), 'API_SP.POP.TOTL_DS2_en_excel_v2.xlsx');
    await writeWideWorkbook(path, true);
    const report = await importForTest(store, 'worldbank', path);
    expect(report).toMatchObject({ status: 'imported', rows: 16, loaded: 6, skipped: { aggregate: 4, missing: 1 }, unmapped: 4, unreadable: 1 });
    expect(accountedRows(report)).toBe(report.rows);
    expect(await store.all('select ref_area, year, persons from population order by ref_area, year')).toEqual(WIDE_POPULATIONS);
    expect(await store.all(`select code, severity, line, "column", value from validation_issue where code in ('IMPORT_UNREADABLE', 'IMPORT_SKIPPED_MISSING', 'XLSX_SHEET_SKIPPED') order by line nulls first`)).toEqual([
      { code: 'XLSX_SHEET_SKIPPED', severity: 'warning', line: null, column: null, value: 'Metadata - Countries' },
      { code: 'IMPORT_SKIPPED_MISSING', severity: 'warning', line: 6, column: '2022', value: null },
      { code: 'IMPORT_UNREADABLE', severity: 'warning', line: 7, column: '2021', value: '1786038.5' },
    ]);
  });

  it('reads year headers written as text the same way', async () => {
    const path = join(tempDir(), 'population.xlsx');
    await writeWideWorkbook(path, false);
    const report = await importForTest(store, 'worldbank', path);
    expect(report).toMatchObject({ status: 'imported', loaded: 6 });
  });

  it("reads DataBank's Excel extract: year columns as 2020 [YR2020], '..' for no value, its notes sheet skipped", async () => {
    const workbook = new ExcelJS.Workbook();
    const data = workbook.addWorksheet('Data');
    data.addRow(['Country Name', 'Country Code', 'Series Name', 'Series Code', '2020 [YR2020]', '2021 [YR2021]']);
    data.addRow(['Greece', 'GRC', 'Population, total', 'SP.POP.TOTL', 10698599, '..']);
    const notes = workbook.addWorksheet('Definition and Source');
    notes.addRow(['Code', 'License Type', 'Indicator Name']);
    notes.addRow(['SP.POP.TOTL', 'CC BY-4.0', 'Population, total']);
    const path = join(tempDir(), 'Data_Extract_From_World_Development_Indicators.xlsx');
    await workbook.xlsx.writeFile(path);
    const report = await importForTest(store, 'worldbank', path);
    expect(report).toMatchObject({ status: 'imported', rows: 2, loaded: 1, skipped: { missing: 1 } });
    expect(await store.all('select ref_area, year, persons from population')).toEqual([{ ref_area: 'GRC', year: 2020, persons: 10698599 }]);
  });

  it('refuses a workbook whose data sheets have different year columns, naming the sheet', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('2019-2020').addRows([['Country Name', 'Country Code', '2019', '2020'], ['Romania', 'ROU', 19371648, 19265250]]);
    workbook.addWorksheet('2021').addRows([['Country Name', 'Country Code', '2021'], ['Romania', 'ROU', 19119880]]);
    const path = join(tempDir(), 'split.xlsx');
    await workbook.xlsx.writeFile(path);
    const report = await importForTest(store, 'worldbank', path);
    expect(report).toMatchObject({ status: 'rejected', error: { code: 'IMPORT_COLUMN_MISSING', message: 'expected sheet "2021" to have the columns of sheet "2019-2020", found other columns' } });
    expect(await store.all('select count(*)::integer as n from population')).toEqual([{ n: 0 }]);
  });

  it('refuses an Excel 97-2003 .xls with what to do instead', async () => {
    const path = join(tempDir(), 'API_SP.POP.TOTL_DS2_en_excel_v2.xls');
    writeFileSync(path, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]));
    const report = await importForTest(store, 'worldbank', path);
    expect(report).toMatchObject({
      status: 'rejected',
      error: {
        code: 'IMPORT_UNREADABLE_FILE',
        message: 'expected a CSV, TSV or .xlsx file, found an Excel 97-2003 workbook (.xls), which is not read',
        hint: 'open it in a spreadsheet and save it as .xlsx (Excel Workbook) or CSV UTF-8, or download the CSV (API_SP.POP.TOTL_DS2_en_csv_v2.csv) instead',
      },
    });
  });

  it('refuses a password-protected workbook as such, not as an .xls (both are compound files), recorded as rejected', async () => {
    const path = join(tempDir(), 'population (protected).xlsx');
    writeCompoundFile(path, [['EncryptionInfo', Buffer.alloc(4096, 1)], ['EncryptedPackage', Buffer.alloc(5000, 2)]]);
    const report = await importForTest(store, 'worldbank', path);
    expect(report).toMatchObject({
      status: 'rejected',
      isRecorded: true,
      error: {
        code: 'IMPORT_UNREADABLE_FILE',
        file: 'population (protected).xlsx',
        message: 'expected a CSV, TSV or .xlsx file, found a password-protected (encrypted) workbook, which cannot be read',
        hint: expect.stringMatching(/clear the password .* and save it as \.xlsx or CSV UTF-8/),
      },
    });
    expect(await store.all(`select outcome from submission`)).toEqual([{ outcome: 'rejected' }]);
    const xls = join(tempDir(), 'population.xls');
    writeCompoundFile(xls, [['Workbook', Buffer.alloc(4096, 1)]]);
    expect((await importForTest(store, 'worldbank', xls)).error?.message).toMatch(/found an Excel 97-2003 workbook \(\.xls\)/);
  });
});

describe('import worldbank: a file whose values no country’s population can be is refused', () => {
  // `Country Name, Country Code, Year, Value` names no series: datahub's GDP file has the very header, and its whole
  // numbers were loaded as populations (Romania's 2019 GDP as 250,077,444,017 persons), replacing every state's
  it('GDP in US$ (more than 2,000,000,000 persons): refused at its first such line, nothing loaded', async () => {
    const path = join(tempDir(), 'gdp.csv');
    writeFileSync(path, 'Country Name,Country Code,Year,Value\nRomania,ROU,2019,250077444017\nRomania,ROU,2020,251362514366.9\nWorld,WLD,2020,84906000000000\nMoldova,MDA,2020,11530000000\n');
    const report = await importForTest(store, 'worldbank', path);
    expect(report).toMatchObject({
      status: 'rejected', loaded: 0,
      error: {
        code: 'IMPORT_COLUMN_UNSUPPORTED', file: 'gdp.csv', line: 2, column: 'Value',
        message: 'expected the total population (SP.POP.TOTL), found 250,077,444,017 for ROU 2019, more than 2,000,000,000 persons, as no country has (and 1 more such values): the file holds another series, not imported',
        hint: 'download the World Bank series SP.POP.TOTL (Population, total): API_SP.POP.TOTL_DS2_en_csv_v2.csv, or a DataBank extract with Series Code SP.POP.TOTL',
      },
    });
    expect(await store.all('select count(*)::integer as n from population')).toEqual([{ n: 0 }]);
  });

  it('a rate or population in millions (fewer than 1,000 persons), wide without a series column: refused at the year column', async () => {
    const path = join(tempDir(), 'millions.csv');
    writeFileSync(path, 'Country Name,Country Code,2019,2020\nRomania,ROU,19.4,19\nBulgaria,BGR,7,6.9\n');
    expect(await importForTest(store, 'worldbank', path)).toMatchObject({
      status: 'rejected',
      error: {
        code: 'IMPORT_COLUMN_UNSUPPORTED', line: 2, column: '2020',
        message: 'expected the total population (SP.POP.TOTL), found 19 for ROU 2020, fewer than 1,000 persons, as no country has (and 1 more such values): the file holds another series, not imported',
      },
    });
  });

  it('the least population the World Bank gives (Sint Maarten 1960, 2,715) and India’s are loaded', async () => {
    const path = join(tempDir(), 'bounds.csv');
    writeFileSync(path, 'Country Name,Country Code,Year,Value\nSint Maarten (Dutch part),SXM,1960,2715\nIndia,IND,2024,1450935791\n');
    expect(await importForTest(store, 'worldbank', path)).toMatchObject({ status: 'imported', loaded: 2 });
  });
});

describe('import worldbank: DataBank with series names and no codes', () => {
  it('loads "Population, total" only; "Population, female" is listed at its line, not loaded as the population', async () => {
    const path = join(tempDir(), 'databank_names.csv');
    writeFileSync(path, [
      'Country Name,Country Code,Series Name,2019 [YR2019],2020 [YR2020]',
      'Romania,ROU,"Population, female",9960000,9910000',
      'Serbia,SRB,"Population,  total",6945235,6899126',
    ].join('\n') + '\n');
    const report = await importForTest(store, 'worldbank', path);
    expect(report).toMatchObject({ status: 'imported', rows: 4, loaded: 2, unmapped: 2 });
    expect(await store.all('select ref_area, year, persons from population order by ref_area, year')).toEqual([
      { ref_area: 'SRB', year: 2019, persons: 6945235 },
      { ref_area: 'SRB', year: 2020, persons: 6899126 },
    ]);
    expect(await store.all(`select code, line, "column", value, message from validation_issue order by line limit 1`)).toEqual([
      {
        code: 'IMPORT_UNMAPPED', line: 2, column: 'Series Name', value: 'Population, female',
        message: 'expected the series "Population, total" (SP.POP.TOTL), found "Population, female": not imported',
      },
    ]);
  });
});

describe('import worldbank: the metadata files of the API download', () => {
  // unzipped, the download is three files, and `import worldbank *.csv` offers all three
  it.each([
    ['Metadata_Country_API_SP.POP.TOTL_DS2_en_csv_v2.csv', '\uFEFF"Country Code","Region","IncomeGroup","SpecialNotes","TableName",\n"ABW","Latin America & Caribbean","High income","","Aruba",\n', "the countries' regions and income groups"],
    ['Metadata_Indicator_API_SP.POP.TOTL_DS2_en_csv_v2.csv', '\uFEFF"INDICATOR_CODE","INDICATOR_NAME","SOURCE_NOTE","SOURCE_ORGANIZATION",\n"SP.POP.TOTL","Population, total","Total population is based on …","(1) United Nations Population Division",\n', "the series' definition and source"],
  ])('%s is refused as a metadata file, with the data file to import instead', async (name, text, holds) => {
    const path = join(tempDir(), name);
    writeFileSync(path, text);
    expect(await importForTest(store, 'worldbank', path)).toMatchObject({
      status: 'rejected',
      error: {
        code: 'IMPORT_COLUMN_MISSING', file: name, line: 1, column: 'Country Code',
        message: `expected the population data (a header with "Country Code" and one column per year), found a metadata file of the download, which holds ${holds} and no population: not imported`,
        hint: 'import the data file of the download, API_SP.POP.TOTL_DS2_en_csv_v2.csv, not its Metadata_… files',
      },
    });
  });
});

describe('import worldbank: the download as published, a zip of the data file and its metadata', () => {
  // data.worldbank.org's CSV link gives API_SP.POP.TOTL_DS2_en_csv_v2_<n>.zip: Metadata_Indicator_…csv, the data file
  // API_…csv (4 preamble lines, one column per year) and Metadata_Country_…csv, in that order
  const metadata = (kind: string) => [`Metadata_${kind}_API_SP.POP.TOTL_DS2_en_csv_v2_85.csv`, '\uFEFF"Country Code","Region","IncomeGroup","SpecialNotes","TableName",\r\n"ROU","Europe & Central Asia","Upper middle income","","Romania",\r\n'] as [string, string];

  it('reads the data file inside as the CSV: the same rows, populations and lines; the archive keeps the zip (was: refused, XLSX_UNREADABLE "unzip it")', async () => {
    const dir = tempDir();
    const path = join(dir, 'API_SP.POP.TOTL_DS2_en_csv_v2_85.zip');
    writeZip(path, [metadata('Indicator'), ['API_SP.POP.TOTL_DS2_en_csv_v2_85.csv', readFileSync(importFixture('worldbank', 'API_SP.POP.TOTL_DS2_en_csv_v2.csv'))], metadata('Country')]);
    const archiveDir = join(dir, 'archive');
    const report = await importForTest(store, 'worldbank', path, { archiveDir });
    expect(report).toMatchObject({ status: 'imported', file: 'API_SP.POP.TOTL_DS2_en_csv_v2_85.zip', rows: 16, loaded: 6, skipped: { aggregate: 4, missing: 1 }, unmapped: 4, unreadable: 1 });
    expect(accountedRows(report)).toBe(report.rows);
    expect(readFileSync(join(archiveDir, report.sha256))).toEqual(readFileSync(path));
    expect(await store.all('select ref_area, year, persons from population order by ref_area, year')).toEqual(WIDE_POPULATIONS);
    expect(await store.all(`select file, code, line, "column", value from validation_issue where code in ('IMPORT_UNREADABLE', 'IMPORT_SKIPPED_MISSING') order by line`)).toEqual([
      { file: 'API_SP.POP.TOTL_DS2_en_csv_v2_85.zip', code: 'IMPORT_SKIPPED_MISSING', line: 6, column: '2022', value: null },
      { file: 'API_SP.POP.TOTL_DS2_en_csv_v2_85.zip', code: 'IMPORT_UNREADABLE', line: 7, column: '2021', value: '1786038.5' },
    ]);
  });

  it('a zip of two data files is still refused, naming them (which one is meant is not guessed)', async () => {
    const path = join(tempDir(), 'two.zip');
    writeZip(path, [['a.csv', 'Country Name,Country Code,Year,Value\nRomania,ROU,2020,19265250\n'], ['b.csv', 'Country Name,Country Code,Year,Value\nRomania,ROU,2020,1\n']]);
    expect(await importForTest(store, 'worldbank', path)).toMatchObject({
      status: 'rejected', error: { code: 'XLSX_UNREADABLE', message: 'expected an .xlsx workbook, found a zip archive holding a.csv, b.csv' },
    });
  });
});

describe('import worldbank: one column per year but no Country Code column', () => {
  // the download in French (data.worldbank.org with its French locale; our reconstruction: the preamble and header
  // translated, "Nom du pays","Code du pays",…), and DataBank's extract saved without the country codes
  it.each([
    ['API_SP.POP.TOTL_DS2_fr_csv_v2.csv', [
      '\uFEFF"Source des données","Indicateurs du développement dans le monde",', '', '"Dernière mise à jour","2025-07-01",', '',
      '"Nom du pays","Code du pays","Nom de l\'indicateur","Code de l\'indicateur","2019","2020",', '"Roumanie","ROU","Population, total","SP.POP.TOTL","19371648","19265250",',
    ], 5, '"Nom du pays", "Code du pays", "Nom de l\'indicateur", "Code de l\'indicateur"'],
    ['Data_Extract_From_World_Development_Indicators.csv', [
      'Country Name,Series Name,Series Code,2019 [YR2019],2020 [YR2020]', 'Romania,"Population, total",SP.POP.TOTL,19371648,19265250',
    ], 1, '"Country Name", "Series Name", "Series Code"'],
  ] as const)('%s is refused naming what it lacks (was: "found none" of any header)', async (name, lines, line, found) => {
    const path = join(tempDir(), name);
    writeFileSync(path, lines.join('\r\n') + '\r\n');
    expect(await importForTest(store, 'worldbank', path)).toMatchObject({
      status: 'rejected',
      error: {
        code: 'IMPORT_COLUMN_MISSING', line, column: 'Country Code',
        message: `expected a header with "Country Code" and one column per year, found one column per year without it (${found}): a download in another language, or one without the country codes`,
        hint: 'download SP.POP.TOTL again in English with its country codes (the CSV of data.worldbank.org/indicator/SP.POP.TOTL), whose header is "Country Name","Country Code",…',
      },
    });
  });
});

describe('import worldbank: a row ending before a column the import does not read', () => {
  it('is loaded as it stands (was: TOO_FEW_CELLS); a row missing its code or year, its later cells shifted, stays TOO_FEW_CELLS', async () => {
    const path = join(tempDir(), 'population_sourced.csv');
    writeFileSync(path, [
      'Country Name,Country Code,Year,Value,Source,Note',
      'Romania,ROU,2020,19265250,WDI,',
      'Romania,ROU,2021,19119880',
      'Bulgaria,2021,6877743,WDI,',
      'Greece,GRC,10698599,WDI,',
    ].join('\n') + '\n');
    const report = await importForTest(store, 'worldbank', path);
    expect(report).toMatchObject({ status: 'imported', rows: 4, loaded: 2, unreadable: 2 });
    expect(accountedRows(report)).toBe(report.rows);
    expect(await store.all('select ref_area, year, persons from population order by ref_area, year')).toEqual([
      { ref_area: 'ROU', year: 2020, persons: 19265250 },
      { ref_area: 'ROU', year: 2021, persons: 19119880 },
    ]);
    expect(await store.all(`select code, line, "column", value from validation_issue where line is not null order by line`)).toEqual([
      { code: 'TOO_FEW_CELLS', line: 4, column: 'Note', value: 'Bulgaria,2021,6877743,WDI,' },
      { code: 'TOO_FEW_CELLS', line: 5, column: 'Note', value: 'Greece,GRC,10698599,WDI,' },
    ]);
  });
});
