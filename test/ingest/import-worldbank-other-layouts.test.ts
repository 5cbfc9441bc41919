import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { tempDir } from '../helpers/warehouse.js';

// World Bank downloads of layouts `import worldbank` does not read, as a new analyst gets them: DataBank's extract with
// the years as rows (Layout: Time in rows) and the countries as columns, headed "Romania [ROU]" as DataBank heads a
// column by name and code ("2015 [YR2015]", "Population, total [SP.POP.TOTL]"), or with the country chosen in the
// page and no country column; and Data360's download (WB_WDI_SP_POP_TOTL.csv: REF_AREA, INDICATOR, TIME_PERIOD,
// OBS_VALUE, SDMX-like). Each was refused as a file with no header at all ("found none", hint "import … as downloaded").
const NOTES = ['', '', 'Data from database: World Development Indicators', 'Last Updated: 07/01/2025', ''];

async function importFile(name: string, write: (path: string) => Promise<void> | void): Promise<CliResult> {
  const dir = tempDir();
  const file = join(dir, name);
  await write(file);
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ archive: join(dir, 'archive') }));
  const result = await runCli(['import', 'worldbank', file, '--warehouse', join(dir, 'warehouse.duckdb'), '--config', join(dir, 'config.json')]);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.code).toBe(1);
  expect(result.stdout).toContain(`${name}: not imported (IMPORT_COLUMN_MISSING); recorded as rejected submission 1, file archived`);
  return result;
}

const DATABANK_HINT = "hint: in DataBank's Layout put Country in rows and Time in columns (or Time and Country in rows, the series as a column) and download the CSV again, or download SP.POP.TOTL from data.worldbank.org/indicator/SP.POP.TOTL\n";

describe('import worldbank: layouts it does not read are named, not refused as files without a header', () => {
  it("DataBank's extract with the years as rows and the countries as columns", async () => {
    const result = await importFile('Data_Extract_From_World_Development_Indicators.csv', (path) => writeFileSync(path, [
      'Series Name,Series Code,Time,Time Code,Romania [ROU],Bulgaria [BGR],Serbia [SRB]',
      '"Population, total",SP.POP.TOTL,2015,YR2015,19815481,7177991,7095383',
      '"Population, total",SP.POP.TOTL,2016,YR2016,19702332,7127822,7058322',
      ...NOTES,
    ].join('\n')));
    expect(result.stderr).toBe(
      'error: Data_Extract_From_World_Development_Indicators.csv:1 column Country Code: expected a header with "Country Code" and "Year", "Value" (one row per country and year) or one column per year (1960, 1961, …), '
      + 'found DataBank\'s extract with the years as rows and the countries as columns ("Romania [ROU]", "Bulgaria [BGR]", "Serbia [SRB]"), a layout this import does not read [IMPORT_COLUMN_MISSING]\n'
      + DATABANK_HINT,
    );
  });

  it("DataBank's extract with the years as rows and the country chosen in the page, not in the file", async () => {
    const result = await importFile('Data_Extract_From_World_Development_Indicators.csv', (path) => writeFileSync(path, [
      'Time,Time Code,"Population, total [SP.POP.TOTL]"',
      '2015,YR2015,19815481',
      '2016,YR2016,19702332',
      ...NOTES,
    ].join('\n')));
    expect(result.stderr).toContain(
      'found DataBank\'s extract with the years as rows and no country column ("Time", "Time Code", "Population, total [SP.POP.TOTL]"): the country was chosen in the page, and the file does not name it [IMPORT_COLUMN_MISSING]\n'
      + DATABANK_HINT,
    );
  });

  it("DataBank's Excel export of that layout, at the header's sheet row", async () => {
    const result = await importFile('Data_Extract_From_World_Development_Indicators.xlsx', async (path) => {
      const workbook = new ExcelJS.Workbook();
      const data = workbook.addWorksheet('Data');
      data.addRow(['Series Name', 'Series Code', 'Time', 'Time Code', 'Romania [ROU]', 'Bulgaria [BGR]']);
      data.addRow(['Population, total', 'SP.POP.TOTL', 2015, 'YR2015', 19815481, 7177991]);
      workbook.addWorksheet('Series - Metadata').addRow(['Code', 'License Type', 'Indicator Name']);
      await workbook.xlsx.writeFile(path);
    });
    expect(result.stderr).toContain(
      'error: Data_Extract_From_World_Development_Indicators.xlsx:1 column Country Code: expected a header with "Country Code" and "Year", "Value" (one row per country and year) or one column per year (1960, 1961, …), '
      + 'found DataBank\'s extract with the years as rows and the countries as columns ("Romania [ROU]", "Bulgaria [BGR]"), a layout this import does not read',
    );
  });

  it("Data360's download, one row per observation with REF_AREA and OBS_VALUE", async () => {
    const result = await importFile('WB_WDI_SP_POP_TOTL.csv', (path) => writeFileSync(path, [
      'STRUCTURE,STRUCTURE_ID,ACTION,FREQ,FREQ_LABEL,REF_AREA,REF_AREA_LABEL,INDICATOR,INDICATOR_LABEL,SEX,SEX_LABEL,UNIT_MEASURE,UNIT_MEASURE_LABEL,UNIT_MULT,TIME_PERIOD,OBS_VALUE,OBS_STATUS',
      'datastructure,WB.DATA360:DS_DATA360(1.0),I,A,Annual,ROU,Romania,WB_WDI_SP_POP_TOTL,"Population, total",_T,Total,PS,Persons,0,2020,19265250,A',
      '',
    ].join('\n')));
    expect(result.stderr).toBe(
      'error: WB_WDI_SP_POP_TOTL.csv:1 column Country Code: expected a header with "Country Code" and "Year", "Value" (one row per country and year) or one column per year (1960, 1961, …), '
      + 'found the World Bank Data360 layout (REF_AREA, INDICATOR, TIME_PERIOD, OBS_VALUE, …), which this import does not read [IMPORT_COLUMN_MISSING]\n'
      + 'hint: download SP.POP.TOTL from data.worldbank.org/indicator/SP.POP.TOTL (the CSV, API_SP.POP.TOTL_DS2_en_csv_v2….csv) or from DataBank with Country in rows and Time in columns\n',
    );
  });

  it('still reads the extract with the years and the country as rows and the series as a column', async () => {
    const dir = tempDir();
    const file = join(dir, 'Data_Extract_From_World_Development_Indicators.csv');
    writeFileSync(file, ['Time,Time Code,Country Name,Country Code,"Population, total [SP.POP.TOTL]"', '2020,YR2020,Romania,ROU,19265250', ...NOTES].join('\n'));
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ archive: join(dir, 'archive') }));
    const common = ['--warehouse', join(dir, 'warehouse.duckdb'), '--config', join(dir, 'config.json')];
    const result = await runCli(['import', 'worldbank', file, ...common]);
    expect(result.code).toBe(0);
    const query = await runCli(['query', 'select ref_area, year, persons from population', '--json', ...common]);
    expect(JSON.parse(query.stdout)).toMatchObject({ rows: [{ ref_area: 'ROU', year: 2020, persons: 19265250 }] });
  });
});

describe("import worldbank: DataBank's extract with the series before the country", () => {
  it('loads its populations and skips its closing notes as notes (they were "an empty row", with no text)', async () => {
    const dir = tempDir();
    const file = join(dir, 'Data_Extract_From_World_Development_Indicators.csv');
    writeFileSync(file, ['Series Name,Series Code,Country Name,Country Code,2019 [YR2019],2020 [YR2020]', '"Population, total",SP.POP.TOTL,Romania,ROU,19371648,19265250', ...NOTES].join('\n'));
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ archive: join(dir, 'archive') }));
    const common = ['--warehouse', join(dir, 'warehouse.duckdb'), '--config', join(dir, 'config.json')];
    const result = await runCli(['import', 'worldbank', file, ...common]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('6 rows: 2 loaded, 4 skipped, 0 unmapped, 0 unreadable');
    expect(result.stdout).toContain('4  skipped    IMPORT_SKIPPED_MISSING   a note of the download, not a country (first: line 5)');
    const population = await runCli(['query', 'select year, persons from population order by year', '--json', ...common]);
    expect(JSON.parse(population.stdout)).toMatchObject({ rows: [{ year: 2019, persons: 19371648 }, { year: 2020, persons: 19265250 }] });
    const notes = await runCli(['query', `select distinct line, "column", value from validation_issue where code = 'IMPORT_SKIPPED_MISSING' order by line`, '--json', ...common]);
    expect(JSON.parse(notes.stdout)).toMatchObject({
      rows: [
        { line: 5, column: 'Series Name', value: 'Data from database: World Development Indicators' },
        { line: 6, column: 'Series Name', value: 'Last Updated: 07/01/2025' },
      ],
    });
  });
});

describe('import worldbank: another source\'s download is named, with the import to use (it was "found none")', () => {
  it("a GLOTIP download, whose txtVALUE is no Value, and Eurostat's SDMX-TSV and SDMX-CSV", async () => {
    const glotip = await importFile('data_glotip.csv', (path) => writeFileSync(path, [
      'UNODC,unodc_ddds@un.org,,,,,,,,,,,',
      '30/05/2023,,,,,,,,,,,,',
      'Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,txtVALUE,Source',
      'ROU,Romania,Europe,Eastern Europe,Detected trafficking victims,Total,Total,Total,Total,2020,Counts,596,GLOTIP',
      '',
    ].join('\n')));
    expect(glotip.stderr).toBe(
      'error: data_glotip.csv:3 column Country Code: expected a header with "Country Code" and "Year", "Value" (one row per country and year) or one column per year (1960, 1961, …), '
      + 'found a dataUNODC download\'s header (Iso3_code, Country, Region, Subregion, Indicator, …) [IMPORT_COLUMN_MISSING]\n'
      + 'hint: this is a dataUNODC download: import it with "crimetrends import unodc FILE"\n',
    );
    const tsv = await importFile('estat_crim_off_cat.tsv', (path) => writeFileSync(path, 'freq,iccs,unit,geo\\TIME_PERIOD\t2020 \t2021 \nA,ICCS0703,NR,RO\t2500 \t2731 p\n'));
    expect(tsv.stderr).toBe(
      'error: estat_crim_off_cat.tsv:1 column Country Code: expected a header with "Country Code" and "Year", "Value" (one row per country and year) or one column per year (1960, 1961, …), '
      + 'found a Eurostat download\'s header ("freq,iccs,unit,geo\\TIME_PERIOD", "2020", "2021") [IMPORT_COLUMN_MISSING]\n'
      + 'hint: this is a Eurostat download: import it with "crimetrends import eurostat FILE"\n',
    );
    const csv = await importFile('crim_off_cat.csv', (path) => writeFileSync(path, 'DATAFLOW,LAST UPDATE,freq,iccs,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG\nESTAT:CRIM_OFF_CAT(1.0),21/03/24 23:00:00,A,ICCS0703,NR,RO,2021,2731,\n'));
    expect(csv.stderr).toContain('found a Eurostat download\'s header ("DATAFLOW", "LAST UPDATE", "freq", …) [IMPORT_COLUMN_MISSING]\nhint: this is a Eurostat download: import it with "crimetrends import eurostat FILE"\n');
  });
});
