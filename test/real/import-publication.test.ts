import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { importForTest } from '../helpers/import.js';
import { openTestWarehouse, tempDir } from '../helpers/warehouse.js';

// The public dataUNODC downloads, read in place (never copied into the project); "last year's" IAFQ download is a
// copy under a temporary folder with an older date under the publisher line and Romania's totals edited.
const REAL = new URL('../../../shared/real/unodc/', import.meta.url).pathname;
const IAFQ = `${REAL}data_iafq_firearms_trafficking_2022-06-17.csv`;
const GLOTIP = `${REAL}data_glotip_2023-05-30.xlsx`;
const CTS = `${REAL}data_cts_corruption_and_economic_crime_2023-06.csv`;

function lastYears(): string {
  const path = join(tempDir(), 'data_iafq_firearms_trafficking_2021-06-17.csv');
  const text = readFileSync(IAFQ, 'latin1')
    .replace('\r\n17/06/2022,', '\r\n17/06/2021,')
    .replace(/^(ROU,Romania,Europe,Eastern Europe,Arms seized,Total,Total,na,na,\d{4},Counts,)\d+/gm, '$1999999');
  writeFileSync(path, text, 'latin1');
  return path;
}

const rou2020 = async (store: Store) =>
  store.all(`select obs_value, submission_id from observation_current where ref_area = 'ROU' and indicator = 'FA_SEIZED' and time_period = 2020
    and sex = '_T' and age = '_T' and counterpart_area = '_T' and breakdown = '_T'`);

describe('real downloads: the newest publication is in use, whatever the order of import', () => {
  it('reads the publication date each real download carries (none in the CTS download)', async () => {
    for (const path of [IAFQ, GLOTIP, CTS]) expect(existsSync(path), path).toBe(true);
    const store = await openTestWarehouse();
    try {
      expect(await importForTest(store, 'unodc', GLOTIP)).toMatchObject({ dataset: 'GLOTIP', published: '2023-05-30', publishedFrom: 'row 2' });
      expect(await importForTest(store, 'unodc', IAFQ)).toMatchObject({ dataset: 'IAFQ', published: '2022-06-17', publishedFrom: 'line 2' });
      expect(await importForTest(store, 'unodc', CTS)).toMatchObject({ dataset: 'CTS', published: null, publishedFrom: null });
    } finally {
      store.close();
    }
  });

  it("this year's IAFQ then last year's: this year's stays in use for all 107 states (Romania 2020: 201, not 999999)", async () => {
    const store = await openTestWarehouse();
    try {
      const newer = await importForTest(store, 'unodc', IAFQ, { receivedAt: '2026-02-01T09:00:00.000Z' });
      const older = await importForTest(store, 'unodc', lastYears(), { receivedAt: '2026-03-01T09:00:00.000Z' });
      expect(older).toMatchObject({ status: 'imported', published: '2021-06-17', replaces: [], statesInUse: [] });
      expect(older.states).toHaveLength(107);
      expect(older.newer).toEqual([
        { submissionId: newer.submissionId, file: 'data_iafq_firearms_trafficking_2022-06-17.csv', published: '2022-06-17', receivedAt: '2026-02-01T09:00:00Z', states: newer.states },
      ]);
      expect(await rou2020(store)).toEqual([{ obs_value: 201, submission_id: newer.submissionId }]);
      expect(await store.all('select submission_id, outcome, superseded_by from submission order by 1')).toEqual([
        { submission_id: newer.submissionId, outcome: 'accepted', superseded_by: null },
        { submission_id: older.submissionId, outcome: 'superseded', superseded_by: newer.submissionId },
      ]);
    } finally {
      store.close();
    }
  });

  it("last year's then this year's: this year's replaces it", async () => {
    const store = await openTestWarehouse();
    try {
      const older = await importForTest(store, 'unodc', lastYears(), { receivedAt: '2026-02-01T09:00:00.000Z' });
      expect(await rou2020(store)).toEqual([{ obs_value: 999999, submission_id: older.submissionId }]);
      const newer = await importForTest(store, 'unodc', IAFQ, { receivedAt: '2026-03-01T09:00:00.000Z' });
      expect(newer).toMatchObject({ supersedes: [older.submissionId], newer: [] });
      expect(newer.statesInUse).toHaveLength(107);
      expect(await rou2020(store)).toEqual([{ obs_value: 201, submission_id: newer.submissionId }]);
    } finally {
      store.close();
    }
  });
});
