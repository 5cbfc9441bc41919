import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import type { ImportSource } from '../../src/ingest/import/index.js';
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
        rows_total: 2, rows_accepted: 2, errors: 0, warnings: 0, tool_version: 'test', published_on: '2022-06-17T00:00:00Z', published_how: 'file',
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

  it('replaces an earlier download only for the states a newer one covers (a per-country extract)', async () => {
    const full = await importForTest(store, 'unodc', importFixture('supersede', 'data_iafq_full_2023-03-01.csv'), { archiveDir, receivedAt: '2026-02-01T09:00:00.000Z' });
    expect(full.states).toEqual(['ALB', 'ROU', 'SRB']);
    const rou = await importForTest(store, 'unodc', importFixture('supersede', 'data_iafq_ROU_2023-06-01.csv'), { archiveDir, receivedAt: '2026-03-01T09:00:00.000Z' });
    expect(rou).toMatchObject({ states: ['ROU'], replaces: [{ submissionId: full.submissionId, states: ['ROU'], statesKept: 2 }], supersedes: [] });
    // the full download stays in force for Albania and Serbia; all of Romania's values come from the extract,
    // including the 2020 pistols series the extract does not have
    expect(await store.all('select submission_id, outcome from submission order by submission_id')).toEqual([
      { submission_id: full.submissionId, outcome: 'accepted' },
      { submission_id: rou.submissionId, outcome: 'accepted' },
    ]);
    expect(await store.all('select ref_area, time_period, breakdown, obs_value, submission_id from observation_current order by ref_area, time_period, breakdown')).toEqual([
      { ref_area: 'ALB', time_period: 2020, breakdown: '_T', obs_value: 150, submission_id: full.submissionId },
      { ref_area: 'ROU', time_period: 2020, breakdown: '_T', obs_value: 215, submission_id: rou.submissionId },
      { ref_area: 'ROU', time_period: 2021, breakdown: '_T', obs_value: 190, submission_id: rou.submissionId },
      { ref_area: 'SRB', time_period: 2020, breakdown: '_T', obs_value: 1258, submission_id: full.submissionId },
    ]);
    // a newer full download (published after the extract's 01/06/2023) replaces both: the extract is superseded
    // whole, the full one for its remaining states
    const later = join(tempDir(), 'data_iafq_2023-09-01.csv');
    writeFileSync(later, readFileSync(importFixture('supersede', 'data_iafq_2023-03-01.csv'), 'utf8').replace('01/03/2023', '01/09/2023'));
    const newer = await importForTest(store, 'unodc', later, { archiveDir, receivedAt: '2026-04-01T09:00:00.000Z' });
    expect(newer).toMatchObject({ states: ['ROU'], replaces: [{ submissionId: rou.submissionId, states: ['ROU'], statesKept: 0 }], supersedes: [rou.submissionId] });
    expect(await store.all('select submission_id, outcome, superseded_by from submission order by submission_id')).toEqual([
      { submission_id: full.submissionId, outcome: 'accepted', superseded_by: null },
      { submission_id: rou.submissionId, outcome: 'superseded', superseded_by: newer.submissionId },
      { submission_id: newer.submissionId, outcome: 'accepted', superseded_by: null },
    ]);
  });

  it('replaces World Bank population only for the countries a newer file covers', async () => {
    await importForTest(store, 'worldbank', importFixture('worldbank', 'population.csv'), { archiveDir, receivedAt: '2026-02-01T09:00:00.000Z' });
    const extract = await importForTest(store, 'worldbank', importFixture('worldbank', 'no-code.csv'), { archiveDir, receivedAt: '2026-03-01T09:00:00.000Z' });
    expect(extract.replaces).toEqual([{ submissionId: 1, states: ['ROU'], statesKept: 3 }]);
    expect(await store.all('select ref_area, year, persons, submission_id from population_current order by ref_area, year')).toEqual([
      { ref_area: 'CIV', year: 2020, persons: 26811790, submission_id: extract.submissionId },
      { ref_area: 'GRC', year: 2020, persons: 10698599, submission_id: 1 },
      { ref_area: 'KOR', year: 2020, persons: 51836239, submission_id: 1 },
      { ref_area: 'ROU', year: 2022, persons: 19047009, submission_id: extract.submissionId },
      { ref_area: 'TUR', year: 2021, persons: 84775404, submission_id: extract.submissionId },
      { ref_area: 'XKX', year: 2020, persons: 1790152, submission_id: 1 },
    ]);
  });

  it('does not supersede another dataset or source', async () => {
    const iafq = await importForTest(store, 'unodc', older, { archiveDir });
    await importForTest(store, 'unodc', importFixture('unodc-cts', 'data_cts_corruption.csv'), { archiveDir });
    await importForTest(store, 'worldbank', importFixture('worldbank', 'population.csv'), { archiveDir });
    expect(await store.all(`select outcome from submission where submission_id = $id`, { id: iafq.submissionId })).toEqual([{ outcome: 'accepted' }]);
  });

  it('records a file it cannot import as a rejected submission with its error, and archives its bytes', async () => {
    const file = importFixture('unodc-broken', 'missing-column.csv');
    const report = await importForTest(store, 'unodc', file, { archiveDir });
    expect(report).toMatchObject({ status: 'rejected', isRecorded: true, error: { code: 'IMPORT_COLUMN_MISSING', line: 1, column: 'Category' } });
    expect(await store.all('select submission_id, source, dataset, file_name, outcome, rows_total, rows_accepted, errors, warnings from submission')).toEqual([
      {
        submission_id: report.submissionId, source: 'UNODC', dataset: null, file_name: 'missing-column.csv', outcome: 'rejected',
        rows_total: 0, rows_accepted: 0, errors: 1, warnings: 0,
      },
    ]);
    expect(await store.all('select code, severity, file, line, "column", message from validation_issue')).toEqual([
      {
        code: 'IMPORT_COLUMN_MISSING', severity: 'error', file: 'missing-column.csv', line: 1, column: 'Category',
        message: expect.stringMatching(/^expected a column "Category" as in every dataUNODC download/),
      },
    ]);
    expect(readFileSync(join(archiveDir, report.sha256))).toEqual(readFileSync(file));
    // the same bytes again are checked again, and while they still fail nothing new is recorded
    const again = await importForTest(store, 'unodc', file, { archiveDir });
    expect(again).toMatchObject({ status: 'rejected', isRecorded: false, submissionId: report.submissionId, error: { code: 'IMPORT_COLUMN_MISSING' } });
    expect(await store.all('select count(*)::integer as n from submission')).toEqual([{ n: 1 }]);
  });

  it('refuses bytes imported before as another source, recording nothing', async () => {
    const unodc = await importForTest(store, 'unodc', older, { archiveDir });
    const asEurostat = await importForTest(store, 'eurostat', older, { archiveDir });
    expect(asEurostat).toMatchObject({
      status: 'rejected', isRecorded: false, submissionId: unodc.submissionId,
      error: { code: 'IMPORT_OTHER_SOURCE', message: `expected a EUROSTAT download, found the same bytes as a UNODC import of IAFQ (submission ${unodc.submissionId}): not imported again` },
    });
    expect(await store.all('select count(*)::integer as n from submission')).toEqual([{ n: 1 }]);
  });

  it('names the source the bytes were loaded as, even after a rejection as the source now asked for', async () => {
    const asEurostat = await importForTest(store, 'eurostat', older, { archiveDir });
    expect(asEurostat).toMatchObject({ status: 'rejected', isRecorded: true });
    // rejected as Eurostat: nothing was loaded, so the bytes are imported as UNODC
    const unodc = await importForTest(store, 'unodc', older, { archiveDir });
    expect(unodc).toMatchObject({ status: 'imported', loaded: 2 });
    const again = await importForTest(store, 'eurostat', older, { archiveDir });
    expect(again).toMatchObject({ status: 'rejected', isRecorded: false, submissionId: unodc.submissionId, error: { code: 'IMPORT_OTHER_SOURCE' } });
    expect(await store.all('select source, outcome from submission order by submission_id')).toEqual([
      { source: 'EUROSTAT', outcome: 'rejected' },
      { source: 'UNODC', outcome: 'accepted' },
    ]);
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

describe('import: an empty file', () => {
  it.each<[ImportSource, string]>([
    ['unodc', 'data_glotip.xlsx'],
    ['unodc', 'data_iafq.csv'],
    ['eurostat', 'estat_crim_off_cat.tsv'],
    ['worldbank', 'API_SP.POP.TOTL_DS2_en_csv_v2.csv'],
  ])('%s %s of 0 bytes is rejected as empty (not as another source, a missing column or a damaged zip) and recorded', async (source, file) => {
    const path = join(tempDir(), file);
    writeFileSync(path, '');
    const report = await importForTest(store, source, path);
    expect(report).toMatchObject({
      status: 'rejected',
      isRecorded: true,
      error: {
        code: 'IMPORT_UNREADABLE_FILE', file, line: null, column: null,
        message: 'expected a CSV, TSV or .xlsx download, found an empty file (0 bytes)',
        hint: 'download the file again: an interrupted download or a failed save leaves it empty',
      },
    });
    expect(await store.all('select outcome, code from submission join validation_issue using (submission_id)')).toEqual([{ outcome: 'rejected', code: 'IMPORT_UNREADABLE_FILE' }]);
  });
});
