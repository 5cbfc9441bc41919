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

  it('refuses the wide download with a hint', async () => {
    const error = await importForTest(store, 'worldbank', importFixture('worldbank', 'wide.csv')).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'IMPORT_COLUMN_MISSING',
      location: { file: 'wide.csv', line: 1, column: 'Year' },
      hint: expect.stringMatching(/wide World Bank download/),
    });
  });
});
