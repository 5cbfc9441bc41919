import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { accountedRows, importFixture, importForTest } from '../helpers/import.js';
import { openTestWarehouse } from '../helpers/warehouse.js';

let store: Store;
beforeEach(async () => {
  store = await openTestWarehouse();
});
afterEach(() => store.close());

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
    expect(await store.all('select ref_area, year, persons from population order by ref_area, year')).toEqual([
      { ref_area: 'ROU', year: 2019, persons: 19371648 },
      { ref_area: 'ROU', year: 2020, persons: 19265250 },
      { ref_area: 'ROU', year: 2021, persons: 19119880 },
      { ref_area: 'XKX', year: 2019, persons: 1788878 },
      { ref_area: 'XKX', year: 2020, persons: 1790152 },
      { ref_area: 'XKX', year: 2022, persons: 1761985 },
    ]);
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
});
