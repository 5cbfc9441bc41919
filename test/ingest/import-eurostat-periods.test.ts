import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { accountedRows, importForTest } from '../helpers/import.js';
import { openTestWarehouse, tempDir } from '../helpers/warehouse.js';

let store: Store;
beforeAll(async () => {
  store = await openTestWarehouse();
});
afterAll(() => store.close());

const issues = (id: number) =>
  store.all<{ line: number; code: string; column: string; value: string; message: string }>(
    `select line, code, "column", value, message from validation_issue where submission_id = $id order by line`, { id },
  );

describe('import eurostat: an SDMX-CSV row of another period than a year', () => {
  // an SDMX-CSV download of all frequencies holds quarterly (2022-Q1) and monthly (2022-01) rows beside the annual ones:
  // they were unreadable, "expected key values separated by commas, found "Q,ICCS0703,NR,BG"", the key being fine
  it('is skipped for its frequency (freq Q or M), the annual rows loaded', async () => {
    const path = join(tempDir(), 'crim_off_cat_all_freq.csv');
    writeFileSync(path, [
      'DATAFLOW,LAST UPDATE,freq,iccs,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG',
      'ESTAT:CRIM_OFF_CAT(1.0),21/03/24 23:00:00,A,ICCS0703,NR,BG,2022,145,',
      'ESTAT:CRIM_OFF_CAT(1.0),21/03/24 23:00:00,Q,ICCS0703,NR,BG,2022-Q1,30,',
      'ESTAT:CRIM_OFF_CAT(1.0),21/03/24 23:00:00,M,ICCS0703,NR,BG,2022-01,10,',
      'ESTAT:CRIM_OFF_CAT(1.0),21/03/24 23:00:00,A,ICCS0703,NR,RO,2022 ,99,',
    ].join('\n') + '\n');
    const report = await importForTest(store, 'eurostat', path);
    expect(report).toMatchObject({ status: 'imported', rows: 4, loaded: 2, skipped: { frequency: 2 }, unreadable: 0 });
    expect(accountedRows(report)).toBe(4);
    expect(await issues(report.submissionId!)).toEqual([
      { line: 3, code: 'IMPORT_SKIPPED_FREQUENCY', column: 'freq', value: 'Q', message: 'expected annual data (freq A), found "Q": not imported' },
      { line: 4, code: 'IMPORT_SKIPPED_FREQUENCY', column: 'freq', value: 'M', message: 'expected annual data (freq A), found "M": not imported' },
    ]);
    expect(await store.all(`select ref_area, time_period, obs_value from observation where submission_id = $id order by ref_area`, { id: report.submissionId! }))
      .toEqual([{ ref_area: 'BGR', time_period: 2022, obs_value: 145 }, { ref_area: 'ROU', time_period: 2022, obs_value: 99 }]);
  });

  it('an annual row whose TIME_PERIOD is no year is unreadable at TIME_PERIOD, with the text found', async () => {
    const path = join(tempDir(), 'crim_off_cat_typo.csv');
    writeFileSync(path, [
      'DATAFLOW,LAST UPDATE,freq,iccs,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG',
      'ESTAT:CRIM_OFF_CAT(1.0),21/03/24 23:00:00,A,ICCS0703,NR,BG,2O22,145,',
      'ESTAT:CRIM_OFF_CAT(1.0),21/03/24 23:00:00,A,ICCS0703,NR,BG,2030,150,',
      'ESTAT:CRIM_OFF_CAT(1.0),21/03/24 23:00:00,A,ICCS0703,NR,BG,2021,140,',
    ].join('\n') + '\n');
    const report = await importForTest(store, 'eurostat', path);
    expect(report).toMatchObject({ status: 'imported', rows: 3, loaded: 1, unreadable: 2 });
    // it was 'key: expected key values separated by commas, found "A,ICCS0703,NR,BG"', and the column of 2030 was "2030"
    expect(await issues(report.submissionId!)).toEqual([
      { line: 2, code: 'IMPORT_UNREADABLE', column: 'TIME_PERIOD', value: '2O22', message: 'expected a year from 1900 to 2026, found "2O22": not imported' },
      { line: 3, code: 'IMPORT_UNREADABLE', column: 'TIME_PERIOD', value: '2030', message: 'expected a year from 1900 to 2026, found "2030": not imported' },
    ]);
  });
});
