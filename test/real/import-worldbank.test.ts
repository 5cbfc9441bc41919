import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../src/ingest/import/index.js';
import type { Store } from '../../src/store/index.js';
import { accountedRows, importForTest } from '../helpers/import.js';
import { openTestWarehouse } from '../helpers/warehouse.js';

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
    expect(report).toMatchObject({ rows: 17195, loaded: 14010, skipped: { aggregate: 3185 }, unmapped: 0, unreadable: 0 });
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
});
