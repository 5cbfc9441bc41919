import { existsSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../src/ingest/import/index.js';
import type { Store } from '../../src/store/index.js';
import { accountedRows, importForTest } from '../helpers/import.js';
import { openTestWarehouse, tempDir } from '../helpers/warehouse.js';

// World Bank SP.POP.TOTL as published, read in place.
const POPULATION = new URL('../../../shared/real/worldbank/population.csv', import.meta.url).pathname;

let store: Store;
let report: ImportReport;
beforeAll(async () => {
  expect(existsSync(POPULATION), POPULATION).toBe(true);
  store = await openTestWarehouse();
  report = await importForTest(store, 'worldbank', POPULATION);
});
afterAll(() => store?.close());

const persons = (ref_area: string, year: number) =>
  store.all<{ persons: number }>('select persons from population where ref_area = $ref_area and year = $year', { ref_area, year });

describe('real World Bank population', () => {
  it('loads every country-year and skips the aggregates: every row is accounted for', () => {
    expect(report).toMatchObject({ rows: 17195, loaded: 14010, skipped: { aggregate: 3120, territory: 65 }, unmapped: 0, unreadable: 0 });
    expect(accountedRows(report)).toBe(report.rows);
  });

  it("Romania's population in 2020 is 19,265,250; Kosovo (XKX) 1,790,151", async () => {
    expect(await persons('ROU', 2020)).toEqual([{ persons: 19265250 }]);
    expect(await persons('XKX', 2020)).toEqual([{ persons: 1790151 }]);
  });

  it('lists the world and EU aggregates as skipped, with their lines', async () => {
    const aggregates = await store.all<{ value: string; n: number }>(
      `select value, count(*)::integer as n from validation_issue where code = 'IMPORT_SKIPPED_AGGREGATE' and value in ('WLD', 'EUU') group by value order by value`,
    );
    expect(aggregates).toEqual([{ value: 'EUU', n: 65 }, { value: 'WLD', n: 65 }]);
    expect(await store.all(`select count(*)::integer as n from population where ref_area in ('WLD', 'EUU')`)).toEqual([{ n: 0 }]);
  });

  it('lists the Channel Islands (CHI) as a territory that is no country, not as an aggregate (was: "an aggregate or region")', async () => {
    expect(await store.all(
      `select code, count(*)::integer as n, min(line)::integer as first, any_value(message) as message from validation_issue where value = 'CHI' group by code`,
    )).toEqual([{
      code: 'IMPORT_SKIPPED_TERRITORY', n: 65, first: expect.any(Number),
      message: 'expected a country code, found "CHI" (the Channel Islands, Jersey and Guernsey together, a territory that is not a country of the catalogue): not imported',
    }]);
  });
});

describe('real World Bank population saved as a workbook', () => {
  it('imports the same 14,010 country-years with the same populations as the CSV', async () => {
    const rows = await store.all<{ name: string; code: string; year: string; value: string }>(
      `select "Country Name" as name, "Country Code" as code, "Year"::varchar as year, "Value"::varchar as value
       from read_csv($path, all_varchar = true) order by code, year`,
      { path: POPULATION },
    );
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Data');
    sheet.addRow(['Country Name', 'Country Code', 'Year', 'Value']);
    for (const row of rows) sheet.addRow([row.name, row.code, Number(row.year), row.value === null ? null : Number(row.value)]);
    const path = join(tempDir(), 'population.xlsx');
    await workbook.xlsx.writeFile(path);
    const fromWorkbook = await openTestWarehouse();
    try {
      const imported = await importForTest(fromWorkbook, 'worldbank', path);
      expect(imported).toMatchObject({ rows: 17195, loaded: 14010, skipped: { aggregate: 3120, territory: 65 }, unmapped: 0, unreadable: 0 });
      const populations = (warehouse: Store) => warehouse.all('select ref_area, year, persons from population order by ref_area, year');
      expect(await populations(fromWorkbook)).toEqual(await populations(store));
      expect(await fromWorkbook.all(`select persons from population where ref_area = 'ROU' and year = 2020`)).toEqual([{ persons: 19265250 }]);
    } finally {
      fromWorkbook.close();
    }
  });
});

describe('the real GLOTIP download offered to import worldbank', () => {
  it('is refused naming it a dataUNODC download, with import unodc as the hint (it was "found none", hint: the World Bank series)', async () => {
    const glotip = new URL('../../../shared/real/unodc/data_glotip_2023-05-30.xlsx', import.meta.url).pathname;
    const own = await openTestWarehouse();
    try {
      expect(await importForTest(own, 'worldbank', glotip)).toMatchObject({
        status: 'rejected', loaded: 0,
        error: {
          code: 'IMPORT_COLUMN_MISSING', file: 'data_glotip_2023-05-30.xlsx', line: 3, column: 'Country Code',
          message: 'expected a header with "Country Code" and "Year", "Value" (one row per country and year) or one column per year (1960, 1961, …), found a dataUNODC download\'s header (Iso3_code, Country, Region, Subregion, Indicator, …)',
          hint: 'this is a dataUNODC download: import it with "crimetrends import unodc FILE"',
        },
      });
      expect(await own.all('select count(*)::integer as n from population')).toEqual([{ n: 0 }]);
    } finally {
      own.close();
    }
  });
});
