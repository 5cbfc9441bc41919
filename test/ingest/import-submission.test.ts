import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { importFixture, importForTest } from '../helpers/import.js';
import { openTestWarehouse, tempDir } from '../helpers/warehouse.js';

let store: Store;
let archiveDir: string;
beforeEach(async () => {
  store = await openTestWarehouse();
  archiveDir = join(tempDir(), 'archive');
});
afterEach(() => store.close());

const older = importFixture('supersede', 'data_iafq_2022-06-17.csv');
const newer = importFixture('supersede', 'data_iafq_2023-03-01.csv');

describe('import: submissions, archive, duplicates and supersession', () => {
  it('records the file as one accepted submission and archives its bytes', async () => {
    const report = await importForTest(store, 'unodc', older, { archiveDir, receivedAt: '2026-02-01T09:00:00.000Z' });
    expect(await store.all('select * exclude (sha256) from submission')).toEqual([
      {
        submission_id: report.submissionId, source: 'UNODC', dataset: 'IAFQ', ref_area: null, reporting_year: null, file_name: 'data_iafq_2022-06-17.csv',
        size_bytes: readFileSync(older).length, received_at: '2026-02-01T09:00:00Z', outcome: 'accepted', superseded_by: null,
        rows_total: 2, rows_accepted: 2, errors: 0, warnings: 0, tool_version: 'test',
      },
    ]);
    expect(readFileSync(join(archiveDir, report.sha256))).toEqual(readFileSync(older));
  });

  it('treats the same bytes offered again, under any name, as a no-op duplicate', async () => {
    const first = await importForTest(store, 'unodc', older, { archiveDir });
    const renamed = join(tempDir(), 'renamed.csv');
    copyFileSync(older, renamed);
    const again = await importForTest(store, 'unodc', renamed, { archiveDir, receivedAt: '2026-03-01T09:00:00.000Z' });
    expect(again).toMatchObject({ status: 'duplicate', submissionId: first.submissionId, receivedAt: '2026-02-01T09:00:00Z', loaded: 0 });
    expect(await store.all('select count(*)::integer as n from submission')).toEqual([{ n: 1 }]);
    expect(await store.all('select count(*)::integer as n from observation')).toEqual([{ n: 2 }]);
  });

  it('supersedes the earlier download of the same dataset: observation_current uses the newer one', async () => {
    const first = await importForTest(store, 'unodc', older, { archiveDir, receivedAt: '2026-02-01T09:00:00.000Z' });
    const second = await importForTest(store, 'unodc', newer, { archiveDir, receivedAt: '2026-03-01T09:00:00.000Z' });
    expect(second.supersedes).toEqual([first.submissionId]);
    expect(await store.all('select submission_id, outcome, superseded_by from submission order by submission_id')).toEqual([
      { submission_id: first.submissionId, outcome: 'superseded', superseded_by: second.submissionId },
      { submission_id: second.submissionId, outcome: 'accepted', superseded_by: null },
    ]);
    expect(
      await store.all(`select time_period, breakdown, obs_value, submission_id from observation_current where ref_area = 'ROU' order by time_period, breakdown`),
    ).toEqual([
      { time_period: 2020, breakdown: '_T', obs_value: 210, submission_id: second.submissionId },
      { time_period: 2021, breakdown: '_T', obs_value: 188, submission_id: second.submissionId },
    ]);
    // the superseded download is kept, not deleted
    expect(await store.all('select count(*)::integer as n from observation where submission_id = $id', { id: first.submissionId })).toEqual([{ n: 2 }]);
  });

  it('does not supersede another dataset or source', async () => {
    const iafq = await importForTest(store, 'unodc', older, { archiveDir });
    await importForTest(store, 'unodc', importFixture('unodc-cts', 'data_cts_corruption.csv'), { archiveDir });
    await importForTest(store, 'worldbank', importFixture('worldbank', 'population.csv'), { archiveDir });
    expect(await store.all(`select outcome from submission where submission_id = $id`, { id: iafq.submissionId })).toEqual([{ outcome: 'accepted' }]);
  });

  it('writes nothing and archives nothing for a file it refuses', async () => {
    await expect(importForTest(store, 'unodc', importFixture('unodc-broken', 'missing-column.csv'), { archiveDir })).rejects.toMatchObject({
      code: 'IMPORT_COLUMN_MISSING',
    });
    expect(await store.all('select count(*)::integer as n from submission')).toEqual([{ n: 0 }]);
    expect(existsSync(archiveDir)).toBe(false);
  });

  it('rolls the whole file back when a write fails mid-way', async () => {
    // a failing observation insert (a NOT NULL column) must leave neither the submission nor any issue behind
    await store.run('alter table observation alter column comment set not null');
    const error = await importForTest(store, 'unodc', importFixture('unodc-iafq', 'data_iafq_firearms_trafficking.csv'), { archiveDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(await store.all('select count(*)::integer as n from submission')).toEqual([{ n: 0 }]);
    expect(await store.all('select count(*)::integer as n from validation_issue')).toEqual([{ n: 0 }]);
  });
});
