import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../src/ingest/import/index.js';
import type { Store } from '../../src/store/index.js';
import { accountedRows, importForTest } from '../helpers/import.js';
import { openTestWarehouse, tempDir } from '../helpers/warehouse.js';

// Downloads of the same kind as the real ones in ../shared/real, of editions and datasets never imported before, as a
// new analyst gets them. The dataUNODC files keep the real downloads' layout (publisher line, date, the 13 columns;
// "Rate per 100,000 population" quoted as in the CTS download); Eurostat's SDMX-CSV 2.0 has SDMX-CSV 2.0's ACTION column
// (sdmx-twg/sdmx-csv field guide); the World Bank's topic download (API_8_DS2_…: every indicator of a topic) has the
// API download's preamble and one column per year with a trailing comma. Each either loads the right numbers or loads
// nothing and says why: none of another dataset's figures is taken for a catalogue indicator.
const UNODC_HEADER = 'Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,VALUE,Source';
const ROU = 'ROU,Romania,Europe,Eastern Europe';
const dataUnodc = (date: string, header: string, rows: string[]): string =>
  [`UNODC,unodc_ddds@un.org,,,,,,,,,,,`, `${date},,,,,,,,,,,,`, header, ...rows].join('\n') + '\n';

let store: Store;
beforeAll(async () => {
  store = await openTestWarehouse();
});
afterAll(() => store.close());

async function importText(source: 'unodc' | 'eurostat' | 'worldbank', name: string, text: string): Promise<ImportReport> {
  const path = join(tempDir(), name);
  writeFileSync(path, text);
  const report = await importForTest(store, source, path);
  expect(accountedRows(report)).toBe(report.rows);
  return report;
}

const observations = (id: number) =>
  store.all<{ line: number; ref_area: string; time_period: number; indicator: string; sex: string; age: string; breakdown: string; obs_value: number | null; obs_status: string }>(
    `select line, ref_area, time_period, indicator, sex, age, breakdown, obs_value, obs_status from observation where submission_id = $id order by line, time_period`,
    { id },
  );
const reasons = (report: ImportReport) => report.reasons.map((r) => [r.code, r.reason, r.count, r.firstLine]);

describe('import unodc: other editions and other CTS datasets', () => {
  it('GLOTIP of another edition: its counts load; age groups it names otherwise ("Children") and a Percentage are listed, not loaded', async () => {
    const report = await importText('unodc', 'data_glotip_2024.csv', dataUnodc('08/12/2024', UNODC_HEADER.replace('VALUE', 'txtVALUE'), [
      `${ROU},Detected trafficking victims,Total,Total,Total,Total,2022,Counts,505,GLOTIP`,
      `${ROU},Detected trafficking victims,Total,Total,Female,Total,2022,Counts,"<5",GLOTIP`,
      `${ROU},Detected trafficking victims,Total,Total,Female,Children,2022,Counts,120,GLOTIP`,
      `${ROU},Detected trafficking victims,by form of exploitation,Sexual exploitation,Total,Total,2022,Counts,"1,011",GLOTIP`,
      `${ROU},Detected trafficking victims,by form of exploitation,Trafficking for forced criminal activity,Total,Total,2022,Counts,14,GLOTIP`,
      `${ROU},Persons convicted,Total,Total,Total,Total,2022,Counts,150,GLOTIP`,
      `${ROU},Detected trafficking victims,Total,Total,Total,Total,2022,Percentage,40,GLOTIP`,
    ]));
    expect(report).toMatchObject({ status: 'imported', dataset: 'GLOTIP', rows: 7, loaded: 4, unmapped: 2, skipped: { unit: 1 }, published: '2024-12-08' });
    expect(await observations(report.submissionId!)).toEqual([
      { line: 4, ref_area: 'ROU', time_period: 2022, indicator: 'TIP_VIC', sex: '_T', age: '_T', breakdown: '_T', obs_value: 505, obs_status: 'A' },
      { line: 5, ref_area: 'ROU', time_period: 2022, indicator: 'TIP_VIC', sex: 'F', age: '_T', breakdown: '_T', obs_value: null, obs_status: 'Q' },
      { line: 7, ref_area: 'ROU', time_period: 2022, indicator: 'TIP_VIC', sex: '_T', age: '_T', breakdown: 'SEX_EXPL', obs_value: 1011, obs_status: 'A' },
      { line: 9, ref_area: 'ROU', time_period: 2022, indicator: 'TIP_CNV', sex: '_T', age: '_T', breakdown: '_T', obs_value: 150, obs_status: 'A' },
    ]);
    expect(reasons(report)).toEqual(expect.arrayContaining([
      ['IMPORT_UNMAPPED', 'Age Children: no label in unodc_labels.csv', 1, 6],
      ['IMPORT_UNMAPPED', 'no mapping for Detected trafficking victims / by form of exploitation / Trafficking for forced criminal activity', 1, 8],
      ['IMPORT_SKIPPED_UNIT', 'unit Percentage is not imported', 1, 10],
    ]));
  });

  it('IAFQ of another edition as a workbook: its counts load at their sheet rows', async () => {
    const path = join(tempDir(), 'data_iafq_firearms_trafficking_2023.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('data_iafq');
    for (const row of [['UNODC', 'unodc_ddds@un.org'], ['01/03/2023'], UNODC_HEADER.split(','),
      ['ROU', 'Romania', 'Europe', 'Eastern Europe', 'Arms seized', 'Total', 'Total', 'na', 'na', 2021, 'Counts', 376, 'IAFQ'],
      ['ROU', 'Romania', 'Europe', 'Eastern Europe', 'Arms seized', 'by type', 'pistol', 'na', 'na', 2021, 'Counts', 120, 'IAFQ']]) sheet.addRow(row);
    await workbook.xlsx.writeFile(path);
    const report = await importForTest(store, 'unodc', path);
    expect(report).toMatchObject({ status: 'imported', dataset: 'IAFQ', rows: 2, loaded: 2, published: '2023-03-01', publishedFrom: 'row 2' });
    expect((await observations(report.submissionId!)).map((o) => [o.line, o.indicator, o.breakdown, o.obs_value])).toEqual([[4, 'FA_SEIZED', '_T', 376], [5, 'FA_SEIZED', 'PISTOL', 120]]);
  });

  it('CTS prisons and criminal-justice datasets: persons held or prosecuted for corruption are not loaded as corruption offences', async () => {
    const report = await importText('unodc', 'data_cts_prisons_and_justice.csv', dataUnodc('20/02/2024', UNODC_HEADER, [
      `${ROU},Persons held,by type of offence,Corruption,Total,Total,2021,Counts,410,CTS`,
      `${ROU},Persons held,by type of offence,Money laundering,Total,Total,2021,Counts,33,CTS`,
      `${ROU},Persons prosecuted,by type of offence,Corruption,Total,Total,2021,Counts,900,CTS`,
      `${ROU},Persons held unsentenced,Total,Total,Total,Total,2021,"Rate per 100,000 population",20.1,CTS`,
    ]));
    expect(report).toMatchObject({ status: 'imported', dataset: 'CTS', rows: 4, loaded: 0, unmapped: 3, skipped: { rate: 1 } });
    expect(await observations(report.submissionId!)).toEqual([]);
    expect(reasons(report)).toEqual(expect.arrayContaining([
      ['IMPORT_UNMAPPED', 'no mapping for Persons held / by type of offence / Corruption', 1, 4],
      ['IMPORT_UNMAPPED', 'no mapping for Persons prosecuted / by type of offence / Corruption', 1, 6],
    ]));
  });

  it('CTS intentional homicide, its sources mixed (CTS, NSO, UNSDC/NSO/SDG/CTS): nothing loaded, every row listed', async () => {
    const report = await importText('unodc', 'data_cts_intentional_homicide.csv', dataUnodc('12/07/2024', UNODC_HEADER, [
      `${ROU},Victims of intentional homicide,Total,Total,Total,Total,2020,Counts,261,CTS`,
      `${ROU},Victims of intentional homicide,Total,Total,Total,Total,2020,"Rate per 100,000 population",1.35,CTS`,
      `${ROU},Victims of intentional homicide,by relationship to perpetrator,Intimate partner or family member,Female,Total,2020,Counts,48,CTS`,
      'BGR,Bulgaria,Europe,Eastern Europe,Victims of intentional homicide,by mechanisms,Firearms or explosives - firearms,Total,Total,2020,Counts,12,NSO',
      'MDA,Republic of Moldova,Europe,Eastern Europe,Victims of intentional homicide,Total,Total,Total,Total,2020,Counts,102,UNSDC/NSO/SDG/CTS',
    ]));
    expect(report).toMatchObject({ status: 'imported', dataset: 'CTS', rows: 5, loaded: 0, unmapped: 4, skipped: { rate: 1 }, unreadable: 0 });
    expect(reasons(report)).toContainEqual(['IMPORT_UNMAPPED', 'no mapping for Victims of intentional homicide / Total / Total', 2, 4]);
  });
});

describe('import eurostat and worldbank: other shapes of their downloads', () => {
  it("Eurostat's SDMX-CSV 2.0 with its ACTION column: crim_off_cat loads", async () => {
    const report = await importText('eurostat', 'crim_off_cat_sdmx2.csv', [
      'STRUCTURE,STRUCTURE_ID,ACTION,freq,iccs,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG,CONF_STATUS',
      'dataflow,ESTAT:CRIM_OFF_CAT(1.0),I,A,ICCS0703,NR,RO,2021,2731,p,F',
      'dataflow,ESTAT:CRIM_OFF_CAT(1.0),I,A,ICCS07031,NR,RO,2021,1600,,F',
    ].join('\n') + '\n');
    expect(report).toMatchObject({ status: 'imported', dataset: 'crim_off_cat', rows: 2, loaded: 2 });
    expect((await observations(report.submissionId!)).map((o) => [o.indicator, o.breakdown, o.obs_value, o.obs_status])).toEqual([['COR_OFF', '_T', 2731, 'P'], ['COR_OFF', 'BRIBERY', 1600, 'A']]);
  });

  it('crim_hom_vrel (homicide victims by relationship) as SDMX-CSV 2.0: refused at STRUCTURE_ID, naming what it counts', async () => {
    const report = await importText('eurostat', 'crim_hom_vrel.csv', [
      'STRUCTURE,STRUCTURE_ID,ACTION,freq,pers_cat,sex,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG,CONF_STATUS',
      'dataflow,ESTAT:CRIM_HOM_VREL(1.0),I,A,IPTN,F,NR,RO,2020,30,,F',
    ].join('\n') + '\n');
    expect(report).toMatchObject({
      status: 'rejected', loaded: 0,
      error: {
        code: 'IMPORT_COLUMN_UNSUPPORTED', line: 2, column: 'STRUCTURE_ID',
        message: expect.stringContaining('found "ESTAT:CRIM_HOM_VREL(1.0)", which counts victims and persons involved in intentional homicide and sexual offences: not one of these, so its values are not imported'),
      },
    });
  });

  it("the World Bank's topic download (every indicator of a topic): SP.POP.TOTL loads, GDP and growth rates are listed, the file is not refused", async () => {
    const years = [2019, 2020];
    const row = (name: string, code: string, values: string[]) => `"Romania","ROU","${name}","${code}",${values.map((v) => `"${v}"`).join(',')},`;
    const report = await importText('worldbank', 'API_8_DS2_en_csv_v2_1234.csv', '\uFEFF' + [
      '"Data Source","World Development Indicators",', '', '"Last Updated Date","2025-07-01",', '',
      `"Country Name","Country Code","Indicator Name","Indicator Code",${years.map((y) => `"${y}"`).join(',')},`,
      row('GDP (current US$)', 'NY.GDP.MKTP.CD', ['250077444017', '251362530541']),
      row('Population, total', 'SP.POP.TOTL', ['19371648', '19265250']),
      row('Population growth (annual %)', 'SP.POP.GROW', ['-0.6', '-0.5']),
    ].join('\n') + '\n');
    expect(report).toMatchObject({ status: 'imported', rows: 6, loaded: 2, unmapped: 4, published: '2025-07-01' });
    expect(await store.all('select year, persons from population where submission_id = $id order by year', { id: report.submissionId! })).toEqual([
      { year: 2019, persons: 19371648 }, { year: 2020, persons: 19265250 },
    ]);
  });
});
