import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { accountedRows, importForTest } from '../helpers/import.js';
import { openTestWarehouse, tempDir } from '../helpers/warehouse.js';

let store: Store;
beforeEach(async () => {
  store = await openTestWarehouse();
});
afterEach(() => store.close());

/** Writes `text` to a new temporary file named `name` and returns its path. */
function write(name: string, text: string): string {
  const path = join(tempDir(), name);
  writeFileSync(path, text);
  return path;
}

const issues = () =>
  store.all<{ code: string; line: number; column: string; value: string; message: string; hint: string | null }>(
    `select code, line, "column", value, message, hint from validation_issue order by line, "column"`,
  );
const loadedYears = (table = 'observation') =>
  store.all<{ ref_area: string; year: number }>(
    table === 'observation'
      ? `select ref_area, time_period as year from observation order by ref_area, year`
      : `select ref_area, year from population order by ref_area, year`,
  );

// imported on 2026-02-01 (the test clock): 2026 is the last year a row may report
const FUTURE_HINT = 'no figure exists yet for a year after the one the import is made in (2026): a projection or a mistyped year is not imported';

describe('import: a year after the year of the import is listed, never loaded (a projection or a typing error)', () => {
  it('UNODC: Year 2030 and 2027 are unreadable, 2026 and 2020 load; "2015.0" is 2015 and "2016.5" is no year (never rounded to 2017)', async () => {
    const head = 'Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,VALUE,Source\n';
    const row = (year: string, value: number) => `ROU,Romania,Europe,Eastern Europe,Arms seized,Total,Total,na,na,${year},Counts,${value},IAFQ\n`;
    const path = write('iafq_future.csv', head + row('2020', 201) + row('2030', 5) + row('2026', 7) + row('2027', 9) + row('2015.0', 12) + row('2016.5', 13));
    const report = await importForTest(store, 'unodc', path);
    expect(report).toMatchObject({ status: 'imported', rows: 6, loaded: 3, unreadable: 3 });
    expect(accountedRows(report)).toBe(6);
    expect(await loadedYears()).toEqual([{ ref_area: 'ROU', year: 2015 }, { ref_area: 'ROU', year: 2020 }, { ref_area: 'ROU', year: 2026 }]);
    expect(await issues()).toEqual([
      { code: 'IMPORT_UNREADABLE', line: 3, column: 'Year', value: '2030', message: 'expected a year from 1900 to 2026, found "2030": not imported', hint: FUTURE_HINT },
      { code: 'IMPORT_UNREADABLE', line: 5, column: 'Year', value: '2027', message: 'expected a year from 1900 to 2026, found "2027": not imported', hint: FUTURE_HINT },
      { code: 'IMPORT_UNREADABLE', line: 7, column: 'Year', value: '2016.5', message: 'expected a year from 1900 to 2026, found "2016.5": not imported', hint: null },
    ]);
  });

  it("World Bank: the projections' columns 2027 and 2050 are unreadable, never populations", async () => {
    const path = write(
      'API_SP.POP.TOTL_projections.csv',
      '\ufeff"Data Source","Population estimates and projections",\r\n\r\n"Last Updated Date","2025-07-01",\r\n\r\n' +
        '"Country Name","Country Code","Indicator Name","Indicator Code","2025","2026","2027","2050",\r\n' +
        '"Romania","ROU","Population, total","SP.POP.TOTL","18900000","18800000","18700000","15000000",\r\n',
    );
    const report = await importForTest(store, 'worldbank', path);
    expect(report).toMatchObject({ status: 'imported', rows: 4, loaded: 2, unreadable: 2 });
    expect(await loadedYears('population')).toEqual([{ ref_area: 'ROU', year: 2025 }, { ref_area: 'ROU', year: 2026 }]);
    expect(await issues()).toEqual([
      { code: 'IMPORT_UNREADABLE', line: 6, column: '2027', value: '2027', message: 'expected a year from 1900 to 2026, found "2027": not imported', hint: FUTURE_HINT },
      { code: 'IMPORT_UNREADABLE', line: 6, column: '2050', value: '2050', message: 'expected a year from 1900 to 2026, found "2050": not imported', hint: FUTURE_HINT },
    ]);
  });

  it('Eurostat: a TSV column 2027 is unreadable, cell by cell; a flagged 2026 loads', async () => {
    const path = write('crim_off_cat.tsv', 'freq,iccs,unit,geo\\TIME_PERIOD\t2026 \t2027 \nA,ICCS0703,NR,RO\t12 p\t5 \nA,ICCS0703,NR,AL\t: c\t: \n');
    const report = await importForTest(store, 'eurostat', path);
    expect(report).toMatchObject({ status: 'imported', rows: 4, loaded: 2, unreadable: 2 });
    expect(await loadedYears()).toEqual([{ ref_area: 'ALB', year: 2026 }, { ref_area: 'ROU', year: 2026 }]);
    expect(await issues()).toEqual([
      { code: 'IMPORT_UNREADABLE', line: 2, column: '2027', value: '2027', message: 'expected a year from 1900 to 2026, found "2027": not imported', hint: FUTURE_HINT },
      { code: 'IMPORT_UNREADABLE', line: 3, column: '2027', value: '2027', message: 'expected a year from 1900 to 2026, found "2027": not imported', hint: FUTURE_HINT },
    ]);
  });
});
