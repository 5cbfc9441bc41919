import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sweepStaleCopies } from '../../src/ingest/archive-file.js';
import { ingestReturn } from '../../src/ingest/ingest-return.js';
import { readStatus } from '../../src/ingest/read-status.js';
import { readReference } from '../../src/io/read-reference.js';
import { PROJECT_ROOT } from '../../src/context.js';
import { openWarehouse, writeReference, type Store } from '../../src/store/index.js';
import { createSession, type ValidationSession } from '../../src/validate/index.js';
import { importForTest } from '../helpers/import.js';
import { insertObservations, loadTestReference, tempDir } from '../helpers/warehouse.js';
import { fixture } from '../validate/validate-helper.js';

const HEADER = 'REF_AREA,TIME_PERIOD,INDICATOR,SEX,AGE,COUNTERPART_AREA,BREAKDOWN,OBS_VALUE,OBS_STATUS,CONF_STATUS,COMMENT';
let dir: string;
let store: Store;
let session: ValidationSession;

beforeEach(async () => {
  dir = tempDir();
  store = await openWarehouse(join(dir, 'warehouse.duckdb'));
  const reference = await readReference(store, join(PROJECT_ROOT, 'data/reference'));
  await writeReference(store, reference);
  session = await createSession(store, reference);
});
afterEach(() => store.close());

const offer = async (path: string, receivedAt = '2026-01-20T10:00:00Z', extra: { state?: string; year?: number } = {}) => {
  const result = await ingestReturn(session, path, {
    displayName: path.split('/').pop()!, receivedAt, archiveDir: join(dir, 'archive'), toolVersion: '9.9.9',
    now: new Date('2026-03-01T00:00:00Z'), changeWarning: { percent: 50, units: 20 }, ...extra,
  });
  await result.release();
  return result;
};
const write = (name: string, rows: string[]): string => {
  const path = join(dir, name);
  writeFileSync(path, `${HEADER}\n${rows.join('\n')}\n`);
  return path;
};
const current = (indicator: string, year: number) =>
  store.all<{ obs_value: number; source: string }>(
    "select obs_value, source from observation_current where ref_area = 'ROU' and indicator = $indicator and time_period = $year and sex = '_T' and breakdown = '_T'",
    { indicator, year },
  );

describe('ingest', () => {
  it('says when a resend holds the same rows in other bytes (line endings, a BOM): no figure changed', async () => {
    const text = readFileSync(fixture('validate-valid'), 'utf8');
    const first = join(dir, 'ROU_2025.csv');
    writeFileSync(first, text);
    const resaved = join(dir, 'ROU_2025_v2.csv');
    writeFileSync(resaved, `\ufeff${text.replace(/\r?\n/g, '\r\n')}`);
    expect((await offer(first)).sameRowsAs).toBeNull();
    // was: 'accepted as submission 2; supersedes submission 1', read as a correction
    expect(await offer(resaved, '2026-02-03T10:00:00Z')).toMatchObject({ outcome: 'accepted', submissionId: 2, superseded: [1], sameRowsAs: 1 });
    // one value changed: a correction
    const corrected = write('ROU_2025_v3.csv', text.trim().split(/\r?\n/).slice(1).map((line, i) => (i === 0 ? line.replace(/,(\d+),A,/, (_m, v: string) => `,${Number(v) + 1},A,`) : line)));
    expect(await offer(corrected, '2026-02-05T10:00:00Z')).toMatchObject({ outcome: 'accepted', submissionId: 3, superseded: [2], sameRowsAs: null });
  });

  it('loads an accepted return: submission row, every row with its line, archived bytes', async () => {
    const result = await offer(fixture('validate-valid'));
    expect(result).toMatchObject({ outcome: 'accepted', submissionId: 1, state: 'ROU', year: 2025, rows: 7, accepted: 7, errors: 0 });
    const [submission] = await store.all('select * from submission');
    expect(submission).toMatchObject({
      source: 'RETURN', ref_area: 'ROU', reporting_year: 2025, file_name: 'ROU_2025.csv', outcome: 'accepted',
      rows_total: 7, rows_accepted: 7, errors: 0, warnings: 0, tool_version: '9.9.9', received_at: '2026-01-20T10:00:00Z',
      size_bytes: readFileSync(fixture('validate-valid')).length,
    });
    const rows = await store.all<{ line: number; indicator: string; obs_value: number | null; obs_status: string; comment: string | null }>(
      'select line, indicator, obs_value, obs_status, comment from observation order by line',
    );
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(rows[3]).toEqual({ line: 5, indicator: 'FA_SEIZED', obs_value: 310, obs_status: 'P', comment: 'Provisional, police data' });
    expect(rows[6]).toMatchObject({ indicator: 'COR_OFF', obs_value: null, obs_status: 'M' });
    expect(readFileSync(join(dir, 'archive', result.sha256))).toEqual(readFileSync(fixture('validate-valid')));
  });

  it('removes the partial archive copies of killed processes (<sha256>.<pid>.tmp), never those of a running one', async () => {
    const archive = join(dir, 'archive');
    mkdirSync(archive);
    const sha = (c: string) => c.repeat(64);
    const dead = spawnSync(process.execPath, ['-e', '']).pid!; // a process that has ended: its pid is no one's
    const planted = {
      stale: `${sha('a')}.${dead}.tmp`, // what a kill -9 during the copy leaves
      running: `${sha('b')}.1.tmp`, // pid 1 always runs: another ingest's copy in progress
      mine: `${sha('c')}.${process.pid}.tmp`, // this process's own
      other: 'notes.tmp',
    };
    for (const name of Object.values(planted)) writeFileSync(join(archive, name), 'partial');
    const result = await offer(fixture('validate-valid'));
    expect(readdirSync(archive).sort()).toEqual([planted.other, result.sha256, planted.running, planted.mine].sort());
    expect(await sweepStaleCopies(archive)).toEqual([]);
  });

  it('offering the same bytes again is a no-op reported as a duplicate', async () => {
    await offer(fixture('validate-valid'));
    const again = await offer(fixture('validate-valid'), '2026-02-01T00:00:00Z');
    expect(again).toMatchObject({ outcome: 'duplicate', submissionId: 1 });
    expect(await store.all('select count(*)::integer as n from submission')).toEqual([{ n: 1 }]);
    expect(await store.all('select count(*)::integer as n from observation')).toEqual([{ n: 7 }]);
  });

  it('rejects a file with errors whole, but records it, its issues and its bytes', async () => {
    const result = await offer(fixture('validate-duplicate-conflict'));
    expect(result).toMatchObject({ outcome: 'rejected', errors: 1 });
    expect(await store.all('select outcome, rows_total, rows_accepted, errors from submission')).toEqual([{ outcome: 'rejected', rows_total: 3, rows_accepted: 0, errors: 1 }]);
    expect(await store.all('select count(*)::integer as n from observation')).toEqual([{ n: 0 }]);
    expect(await store.all('select code, line, "column" from validation_issue')).toEqual([{ code: 'DUPLICATE_CONFLICT', line: 4, column: 'OBS_VALUE' }]);
    expect(existsSync(join(dir, 'archive', result.sha256))).toBe(true);
  });

  it('a newer accepted return supersedes the earlier one, which is kept', async () => {
    const v1 = write('ROU_2025.csv', ['ROU,2025,TIP_OFF,_T,_T,_T,_T,10,A,F,', 'ROU,2025,SOM_OFF,_T,_T,_T,_T,4,A,F,']);
    const first = await offer(v1);
    const v2 = write('ROU_2025_v2.csv', ['ROU,2025,TIP_OFF,_T,_T,_T,_T,11,A,F,Corrected']);
    const second = await offer(v2, '2026-02-03T09:00:00Z');
    expect(second.superseded).toEqual([first.submissionId]);
    expect(await store.all('select submission_id, outcome, superseded_by from submission order by 1')).toEqual([
      { submission_id: 1, outcome: 'superseded', superseded_by: 2 },
      { submission_id: 2, outcome: 'accepted', superseded_by: null },
    ]);
    expect(await current('TIP_OFF', 2025)).toEqual([{ obs_value: 11, source: 'RETURN' }]);
    // the superseded version's rows stay in the warehouse but no longer count
    expect(await current('SOM_OFF', 2025)).toEqual([]);
    expect(await store.all('select count(*)::integer as n from observation where submission_id = 1')).toEqual([{ n: 2 }]);
  });

  it('rows for earlier years revise those series; returns outrank imports', async () => {
    await offer(write('ROU_2024.csv', ['ROU,2024,TIP_OFF,_T,_T,_T,_T,30,A,F,']), '2025-01-20T00:00:00Z');
    await insertObservations(store, [{ ref_area: 'ROU', time_period: 2024, indicator: 'TIP_OFF', obs_value: 99, source: 'UNODC' }], {
      source: 'UNODC', received_at: '2026-06-01 00:00:00',
    });
    expect(await current('TIP_OFF', 2024)).toEqual([{ obs_value: 30, source: 'RETURN' }]);
    await offer(write('ROU_2025.csv', ['ROU,2024,TIP_OFF,_T,_T,_T,_T,32,A,F,Revised', 'ROU,2025,TIP_OFF,_T,_T,_T,_T,35,A,F,']), '2026-01-20T00:00:00Z');
    expect(await current('TIP_OFF', 2024)).toEqual([{ obs_value: 32, source: 'RETURN' }]);
    expect(await store.all("select count(*)::integer as n from submission where outcome = 'superseded'")).toEqual([{ n: 0 }]);
  });

  it('warns about a large change from the previous year in the warehouse without a comment', async () => {
    await offer(write('ROU_2024.csv', ['ROU,2024,TIP_OFF,_T,_T,_T,_T,40,A,F,']), '2025-01-20T00:00:00Z');
    const result = await offer(write('ROU_2025.csv', ['ROU,2025,TIP_OFF,_T,_T,_T,_T,100,A,F,', 'ROU,2025,SOM_OFF,_T,_T,_T,_T,7,A,F,']));
    expect(result).toMatchObject({ outcome: 'accepted', warnings: 1 });
    expect(await store.all("select line, \"column\", message from validation_issue where code = 'CHANGE_WITHOUT_COMMENT'")).toEqual([
      { line: 2, column: 'OBS_VALUE', message: 'expected a COMMENT explaining a change of +150 % from 40 in 2024 to 100, found none' },
    ]);
  });

  it('words a change from zero without a percentage', async () => {
    await offer(write('ROU_2024.csv', ['ROU,2024,TIP_OFF,_T,_T,_T,_T,0,A,F,']), '2025-01-20T00:00:00Z');
    await offer(write('ROU_2025.csv', ['ROU,2025,TIP_OFF,_T,_T,_T,_T,40,A,F,']));
    // was: 'a change of from zero from 0 in 2024 to 40'
    expect(await store.all("select message from validation_issue where code = 'CHANGE_WITHOUT_COMMENT'")).toEqual([
      { message: 'expected a COMMENT explaining a change from 0 in 2024 to 40, found none' },
    ]);
  });

  it('compares a row with the same series a year before in the file, never with another series, and skips rows of empty cells', async () => {
    const result = await offer(write('ROU_2025.csv', [
      'ROU,2024,TIP_OFF,_T,_T,_T,_T,40,A,F,',
      'ROU,2024,TIP_VIC,F,_T,_T,_T,10,A,F,',
      ',,,,,,,,,,',
      'ROU,2025,TIP_OFF,_T,_T,_T,_T,100,A,F,',
      'ROU,2025,TIP_VIC,M,_T,_T,_T,100,A,F,',
      'ROU,2025,TIP_VIC,F,_T,_T,_T,12,A,F,',
    ]));
    // the row of empty cells is no row (it said 6, where an empty line was not counted)
    expect(result).toMatchObject({ outcome: 'accepted', rows: 5, accepted: 5, warnings: 2 });
    expect(await store.all('select code, line from validation_issue order by line')).toEqual([
      { code: 'BLANK_ROW', line: 4 },
      { code: 'CHANGE_WITHOUT_COMMENT', line: 5 },
    ]);
    expect((await store.all<{ line: number }>('select line from observation order by line')).map((r) => r.line)).toEqual([2, 3, 5, 6, 7]);
  });

  it('stores the defaults for empty optional cells (A, F, _T), never an empty code', async () => {
    await offer(write('ROU_2025.csv', ['ROU,2025,TIP_OFF,,,,,12,,,', 'ROU,2025,SOM_OFF, , , , ,3, , ,']));
    expect(await store.all('select sex, age, counterpart_area, breakdown, obs_status, conf_status, comment from observation order by line')).toEqual([
      { sex: '_T', age: '_T', counterpart_area: '_T', breakdown: '_T', obs_status: 'A', conf_status: 'F', comment: null },
      { sex: '_T', age: '_T', counterpart_area: '_T', breakdown: '_T', obs_status: 'A', conf_status: 'F', comment: null },
    ]);
  });

  it('reads codes right in a column with more odd values than a CASE holds (over 200: resolved through a join)', async () => {
    // 210 distinct spellings of 10 partner codes: lower case, padded with 0–20 spaces
    const codes = ['deu', 'fra', 'ita', 'esp', 'pol', 'aut', 'che', 'nld', 'bel', 'swe'];
    const rows = codes.flatMap((code, i) => Array.from({ length: 21 }, (_, pad) => `ROU,${2005 + pad},TIP_SUS,_T,_T,${' '.repeat(pad)}${code},_T,${i + 1},A,F,`));
    const result = await offer(write('ROU_2025.csv', rows));
    expect(result).toMatchObject({ outcome: 'accepted', rows: 210, accepted: 210, errors: 0 });
    expect(await store.all('select counterpart_area, count(*)::integer as n, sum(obs_value) as total from observation group by 1 order by 1')).toEqual(
      codes.map((code, i) => ({ counterpart_area: code.toUpperCase(), n: 21, total: 21 * (i + 1) })).sort((a, b) => a.counterpart_area.localeCompare(b.counterpart_area)),
    );
  });

  it('never turns an offered file name into a path', async () => {
    const nested = join(dir, 'a', 'b');
    mkdirSync(nested, { recursive: true });
    copyFileSync(fixture('validate-valid'), join(nested, 'x.csv'));
    const result = await offer(join(nested, '..', '..', 'a', 'b', 'x.csv'));
    expect(await store.all('select file_name from submission')).toEqual([{ file_name: 'x.csv' }]);
    expect(existsSync(join(dir, 'archive', result.sha256))).toBe(true);
  });
});

const SAMPLE = join(PROJECT_ROOT, 'data/sample/returns');
/** The sample's two versions of Georgia's 2025 return, with their receipt times from its _received.csv. */
const GEO_V1 = { path: join(SAMPLE, 'GEO_2025.csv'), at: '2026-01-20T09:40:00Z' };
const GEO_V2 = { path: join(SAMPLE, 'GEO_2025_v2.csv'), at: '2026-02-03T13:15:00Z' };

describe('ingest: the latest received return is in force, whatever the order of ingestion', () => {
  /** What the warehouse says after the offers, in terms that do not depend on submission ids. */
  const outcome = async () => {
    const names = new Map((await store.all<{ submission_id: number; file_name: string }>('select submission_id, file_name from submission')).map((r) => [r.submission_id, r.file_name]));
    const current = await store.all<{ submission_id: number; n: number; total: string }>(
      'select submission_id, count(*)::integer as n, sum(obs_value::decimal(38, 3))::varchar as total from observation_current group by 1',
    );
    const status = await readStatus(store, await loadTestReference(), 2025, 'BSEC', '01-31');
    const geo = status.find((s) => s.ref_area === 'GEO')!;
    return {
      current: current.map((r) => ({ file: names.get(r.submission_id), n: r.n, total: r.total })),
      seized: (await store.all<{ obs_value: number }>(
        "select obs_value from observation_current where ref_area = 'GEO' and time_period = 2025 and indicator = 'DRG_SEIZ_KG' and breakdown = '_T' and counterpart_area = '_T'",
      )).map((r) => r.obs_value),
      inForce: names.get(geo.submission_id!),
      onTime: geo.is_on_time,
      history: geo.history.map((h) => ({ file: h.file_name, received_at: h.received_at, outcome: h.outcome })),
      supersededBy: (await store.all<{ file_name: string; by: string | null }>(
        'select s.file_name, b.file_name as by from submission as s left join submission as b on b.submission_id = s.superseded_by order by s.file_name',
      )),
    };
  };

  it('an older file ingested after the correction is superseded on arrival, and both orders end the same', async () => {
    const late = await offer(GEO_V2.path, GEO_V2.at);
    const early = await offer(GEO_V1.path, GEO_V1.at);
    expect(late).toMatchObject({ outcome: 'accepted', superseded: [], supersededBy: null });
    expect(early).toMatchObject({ outcome: 'accepted', superseded: [], supersededBy: { submissionId: late.submissionId, isSameTime: false } });
    const outOfOrder = await outcome();
    expect(outOfOrder.seized).toEqual([1042.7]); // v2 in kg, not v1's 1042700 (grams)
    expect(outOfOrder.inForce).toBe('GEO_2025_v2.csv');
    expect(outOfOrder.history).toEqual([
      { file: 'GEO_2025.csv', received_at: '2026-01-20T09:40:00Z', outcome: 'superseded' },
      { file: 'GEO_2025_v2.csv', received_at: '2026-02-03T13:15:00Z', outcome: 'accepted' },
    ]);
    expect(outOfOrder.supersededBy).toEqual([{ file_name: 'GEO_2025.csv', by: 'GEO_2025_v2.csv' }, { file_name: 'GEO_2025_v2.csv', by: null }]);

    // the same two files in the order they arrived, in a fresh warehouse
    store.close();
    store = await openWarehouse(join(tempDir(), 'in-order.duckdb'));
    await writeReference(store, await loadTestReference());
    session = await createSession(store, await loadTestReference());
    await offer(GEO_V1.path, GEO_V1.at);
    const second = await offer(GEO_V2.path, GEO_V2.at);
    expect(second).toMatchObject({ outcome: 'accepted', superseded: [1], supersededBy: null });
    expect(await outcome()).toEqual(outOfOrder);
  });

  it('a tie on the receipt time goes to the greater file name, in either order', async () => {
    const at = '2026-01-25T00:00:00Z';
    await offer(GEO_V2.path, at);
    const v1 = await offer(GEO_V1.path, at);
    expect(v1.supersededBy).toMatchObject({ submissionId: 1, fileName: 'GEO_2025_v2.csv', isSameTime: true });
    const first = await outcome();
    store.close();
    store = await openWarehouse(join(tempDir(), 'tie.duckdb'));
    await writeReference(store, await loadTestReference());
    session = await createSession(store, await loadTestReference());
    await offer(GEO_V1.path, at);
    expect((await offer(GEO_V2.path, at)).superseded).toEqual([1]);
    expect(await outcome()).toEqual(first);
    expect(first.inForce).toBe('GEO_2025_v2.csv');
  });
});

describe("ingest: a state's own return outranks its rows in another file", () => {
  const victims = (state: string) =>
    store.all<{ obs_value: number; file_name: string }>(
      `select o.obs_value, s.file_name from observation_current as o inner join submission as s using (submission_id)
       where o.ref_area = $state and o.time_period = 2025 and o.indicator = 'TIP_VIC' and o.sex = '_T' and o.age = '_T' and o.counterpart_area = '_T' and o.breakdown = '_T'`,
      { state },
    );

  it("a row of BGR in Romania's return (REF_AREA mistyped), received later, never replaces Bulgaria's own figure; where Bulgaria gave none, it is the value", async () => {
    const bgr = write('BGR_2025.csv', ['BGR,2025,TIP_VIC,_T,_T,_T,_T,219,A,F,', 'BGR,2025,TIP_OFF,_T,_T,_T,_T,40,A,F,']);
    const rou = write('ROU_2025.csv', ['ROU,2025,TIP_VIC,_T,_T,_T,_T,120,A,F,', 'ROU,2025,TIP_OFF,_T,_T,_T,_T,30,A,F,', 'BGR,2025,TIP_VIC,_T,_T,_T,_T,5,A,F,', 'BGR,2025,TIP_SUS,_T,_T,_T,_T,7,A,F,']);
    const orders = [[[bgr, '2026-01-10T10:00:00Z'], [rou, '2026-01-20T10:00:00Z']], [[rou, '2026-01-20T10:00:00Z'], [bgr, '2026-01-10T10:00:00Z']]] as const;
    const seen = [];
    for (const [index, order] of orders.entries()) {
      if (index > 0) {
        store.close();
        store = await openWarehouse(join(tempDir(), 'other-order.duckdb'));
        await writeReference(store, await loadTestReference());
        session = await createSession(store, await loadTestReference());
      }
      for (const [path, at] of order) expect(await offer(path, at)).toMatchObject({ outcome: 'accepted' });
      const suspected = await store.all<{ obs_value: number }>(
        "select obs_value from observation_current where ref_area = 'BGR' and time_period = 2025 and indicator = 'TIP_SUS' and sex = '_T' and breakdown = '_T'",
      );
      seen.push({ bgr: await victims('BGR'), rou: await victims('ROU'), suspected: suspected.map((r) => r.obs_value) });
    }
    expect(seen[0]).toEqual({ bgr: [{ obs_value: 219, file_name: 'BGR_2025.csv' }], rou: [{ obs_value: 120, file_name: 'ROU_2025.csv' }], suspected: [7] });
    expect(seen[1]).toEqual(seen[0]);
  });
});

describe('ingest: the declared year', () => {
  it('a file with no row for --year is not that year\'s return: rejected (YEAR_NOT_REPORTED), recorded under the year it holds', async () => {
    const result = await offer(join(SAMPLE, 'ALB_2024.csv'), '2026-01-20T10:00:00Z', { year: 2025 });
    expect(result).toMatchObject({ outcome: 'rejected', state: 'ALB', year: 2024 });
    expect(await store.all("select code, line, \"column\", message from validation_issue where code = 'YEAR_NOT_REPORTED'")).toEqual([
      { code: 'YEAR_NOT_REPORTED', line: null, column: 'TIME_PERIOD', message: 'expected rows for the reporting year 2025 (--year), found only rows for 2024' },
    ]);
    expect(await store.all('select ref_area, reporting_year, outcome from submission')).toEqual([{ ref_area: 'ALB', reporting_year: 2024, outcome: 'rejected' }]);
    const status = await readStatus(store, await loadTestReference(), 2025, 'BSEC', '01-31');
    expect(status.find((s) => s.ref_area === 'ALB')).toMatchObject({ status: 'missing', is_on_time: null, versions: 0 });
    // offered as what it is, it loads as the 2024 return
    expect(await offer(join(SAMPLE, 'ALB_2024.csv'), '2026-01-20T10:00:00Z')).toMatchObject({ outcome: 'accepted', state: 'ALB', year: 2024, submissionId: 2 });
  });

  it('a negative value is an error, and no CHANGE_WITHOUT_COMMENT warning beside it', async () => {
    await offer(write('ROU_2024.csv', ['ROU,2024,TIP_OFF,_T,_T,_T,_T,40,A,F,']), '2025-01-20T00:00:00Z');
    const result = await offer(write('ROU_2025.csv', ['ROU,2025,TIP_OFF,_T,_T,_T,_T,-46,A,F,']));
    expect(result).toMatchObject({ outcome: 'rejected', errors: 1, warnings: 0 });
    expect(await store.all('select code from validation_issue where submission_id = 2')).toEqual([{ code: 'VALUE_NEGATIVE' }]);
  });
});

describe('ingest: the same bytes again', () => {
  it('a rejected file offered again is checked again and, still with errors, records nothing new', async () => {
    const first = await offer(fixture('validate-duplicate-conflict'), '2026-01-20T10:00:00Z');
    const again = await offer(fixture('validate-duplicate-conflict'), '2026-02-01T00:00:00Z');
    expect(again).toMatchObject({ outcome: 'rejected', submissionId: first.submissionId, errors: 1, earlier: { submission_id: first.submissionId, outcome: 'rejected', received_at: '2026-01-20T10:00:00Z' } });
    expect(await store.all('select count(*)::integer as n from submission')).toEqual([{ n: 1 }]);
    expect(await store.all('select count(*)::integer as n from validation_issue')).toEqual([{ n: 1 }]);
  });

  it('a file rejected for a wrong --state is recorded under the state its rows report, and loads when offered right', async () => {
    const arm = write('ARM_2025.csv', ['ARM,2025,TIP_OFF,_T,_T,_T,_T,10,A,F,', 'ARM,2025,SOM_OFF,_T,_T,_T,_T,4,A,F,']);
    const wrong = await offer(arm, '2026-01-20T10:00:00Z', { state: 'ROU' });
    expect(wrong).toMatchObject({ outcome: 'rejected', state: 'ARM', errors: 2 });
    expect(await store.all('select ref_area, outcome from submission')).toEqual([{ ref_area: 'ARM', outcome: 'rejected' }]);
    const right = await offer(arm, '2026-01-20T10:00:00Z');
    expect(right).toMatchObject({ outcome: 'accepted', submissionId: 2, state: 'ARM', earlier: { submission_id: 1, outcome: 'rejected' } });
    expect(await store.all('select submission_id, ref_area, outcome from submission order by 1')).toEqual([
      { submission_id: 1, ref_area: 'ARM', outcome: 'rejected' },
      { submission_id: 2, ref_area: 'ARM', outcome: 'accepted' },
    ]);
    // the accepted one is the duplicate found from now on
    expect(await offer(arm)).toMatchObject({ outcome: 'duplicate', submissionId: 2 });
  });

  it('bytes loaded as an import are reported as such, with the stored source and dataset, and not loaded as a return', async () => {
    const population = join(PROJECT_ROOT, 'test/fixtures/import-worldbank/population.csv');
    const imported = await importForTest(store, 'worldbank', population, { archiveDir: join(dir, 'archive') });
    const result = await offer(population);
    expect(result).toMatchObject({ outcome: 'duplicate', submissionId: imported.submissionId, earlier: { source: 'WORLDBANK', dataset: 'SP.POP.TOTL', outcome: 'accepted' } });
    expect(await store.all("select count(*)::integer as n from submission where source = 'RETURN'")).toEqual([{ n: 0 }]);
  });
});

describe('ingest: a series a file repeats', () => {
  it('holds the first row in force, the one DUPLICATE_SERIES names, whatever the COMMENTs and the rows between', async () => {
    const filler = ['PISTOL', 'RIFLE', 'SHOTGUN', 'OTHER'].map((type, i) => `ROU,2025,FA_SEIZED,_T,_T,_T,${type},${i + 5},A,F,`);
    for (const [name, first, second] of [['ROU_2025.csv', 'zeta', 'alpha'], ['ROU_2025_v2.csv', 'alpha', 'zeta']] as const) {
      await offer(write(name, [
        `ROU,2025,TIP_VIC,_T,_T,_T,_T,31,A,F,${first}`, ...filler, 'ROU,2025,TIP_OFF,_T,_T,_T,_T,12,A,F,',
        `ROU,2025,TIP_VIC,_T,_T,_T,_T,31,A,F,${second}`,
      ]), name.includes('v2') ? '2026-02-01T00:00:00Z' : undefined);
      const held = await store.all<{ comment: string; line: number }>(
        "select comment, line from observation where is_current and indicator = 'TIP_VIC'",
      );
      // was: either row, as the ranking's sort met a tie on every key
      expect(held).toEqual([{ comment: first, line: 2 }]);
    }
  });
});

describe('ingest: the year-on-year check compares with what is in force once the file is in', () => {
  const changes = () => store.all<{ submission_id: number; line: number; message: string }>(
    "select submission_id, line, message from validation_issue where code = 'CHANGE_WITHOUT_COMMENT' order by submission_id, line",
  );

  it("a resend is never compared with a revision only the return it supersedes held; a genuine jump still warns with the figures in force", async () => {
    await offer(write('ROU_2024.csv', ['ROU,2024,TIP_OFF,_T,_T,_T,_T,340,A,F,']), '2025-01-20T00:00:00Z');
    // the 2025 return revises 2024 to 20 (a typo) and is compared with its own 2024 row: the warning is right here
    expect(await offer(write('ROU_2025.csv', ['ROU,2024,TIP_OFF,_T,_T,_T,_T,20,A,F,', 'ROU,2025,TIP_OFF,_T,_T,_T,_T,346,A,F,']), '2026-01-20T00:00:00Z'))
      .toMatchObject({ outcome: 'accepted', submissionId: 2, warnings: 1 });
    expect(await current('TIP_OFF', 2024)).toEqual([{ obs_value: 20, source: 'RETURN' }]);
    // the resend drops the bad revision: once it is in, 2024 is 340 again (its own return), +2 %; was: 'a change of +1630 % from 20 in 2024 to 346'
    expect(await offer(write('ROU_2025_v2.csv', ['ROU,2025,TIP_OFF,_T,_T,_T,_T,346,A,F,']), '2026-02-03T00:00:00Z'))
      .toMatchObject({ outcome: 'accepted', submissionId: 3, superseded: [2], warnings: 0 });
    expect(await current('TIP_OFF', 2024)).toEqual([{ obs_value: 340, source: 'RETURN' }]);
    // a resend that holds 2024 is compared with its own 2024 row
    expect(await offer(write('ROU_2025_v3.csv', ['ROU,2024,TIP_OFF,_T,_T,_T,_T,340,A,F,', 'ROU,2025,TIP_OFF,_T,_T,_T,_T,346,A,F,']), '2026-02-04T00:00:00Z'))
      .toMatchObject({ outcome: 'accepted', submissionId: 4, superseded: [3], warnings: 0 });
    // a genuine jump in a later resend: compared with 340, whichever return holds it
    expect(await offer(write('ROU_2025_v4.csv', ['ROU,2025,TIP_OFF,_T,_T,_T,_T,700,A,F,']), '2026-02-05T00:00:00Z'))
      .toMatchObject({ outcome: 'accepted', submissionId: 5, superseded: [4], warnings: 1 });
    expect(await changes()).toEqual([
      { submission_id: 2, line: 3, message: 'expected a COMMENT explaining a change of +1630 % from 20 in 2024 to 346, found none' },
      { submission_id: 5, line: 2, message: 'expected a COMMENT explaining a change of +106 % from 340 in 2024 to 700, found none' },
    ]);
  });

  it('where only the superseded return held last year, the import in force once the resend is in is the year before', async () => {
    await insertObservations(store, [{ ref_area: 'ROU', time_period: 2024, indicator: 'TIP_OFF', obs_value: 300, source: 'UNODC' }], {
      source: 'UNODC', received_at: '2025-06-01 00:00:00',
    });
    await offer(write('ROU_2025.csv', ['ROU,2024,TIP_OFF,_T,_T,_T,_T,20,A,F,Revised', 'ROU,2025,TIP_OFF,_T,_T,_T,_T,30,A,F,']), '2026-01-20T00:00:00Z');
    expect(await current('TIP_OFF', 2024)).toEqual([{ obs_value: 20, source: 'RETURN' }]);
    expect(await offer(write('ROU_2025_v2.csv', ['ROU,2025,TIP_OFF,_T,_T,_T,_T,310,A,F,']), '2026-02-03T00:00:00Z')).toMatchObject({ warnings: 0 });
    expect(await current('TIP_OFF', 2024)).toEqual([{ obs_value: 300, source: 'UNODC' }]);
    expect(await offer(write('ROU_2025_v3.csv', ['ROU,2025,TIP_OFF,_T,_T,_T,_T,30,A,F,']), '2026-02-04T00:00:00Z')).toMatchObject({ warnings: 1 });
    expect((await changes()).map((c) => c.message)).toEqual(['expected a COMMENT explaining a change of -90 % from 300 in 2024 to 30, found none']);
  });

  it("the file's own row for the year before counts even when it gives no value (M): nothing in force to compare with", async () => {
    await offer(write('ROU_2024.csv', ['ROU,2024,TIP_OFF,_T,_T,_T,_T,20,A,F,']), '2025-01-20T00:00:00Z');
    // was: 'a change of +1630 % from 20 in 2024 to 346', against the value this file withdraws
    expect(await offer(write('ROU_2025.csv', ['ROU,2024,TIP_OFF,_T,_T,_T,_T,,M,F,Not recorded after the reform', 'ROU,2025,TIP_OFF,_T,_T,_T,_T,346,A,F,'])))
      .toMatchObject({ outcome: 'accepted', warnings: 0 });
    expect(await current('TIP_OFF', 2024)).toEqual([{ obs_value: null, source: 'RETURN' }]);
    expect(await changes()).toEqual([]);
  });

  it('a series the file repeats for the year before is compared once, with its first row', async () => {
    await offer(write('ROU_2025.csv', [
      'ROU,2024,TIP_OFF,_T,_T,_T,_T,40,A,F,', 'ROU,2024,TIP_OFF,_T,_T,_T,_T,40,A,F,',
      'ROU,2024,TIP_VIC,_T,_T,_T,_T,40,A,F,', 'ROU,2024,TIP_VIC,_T,_T,_T,_T,60,A,F,',
      'ROU,2025,TIP_OFF,_T,_T,_T,_T,100,A,F,', 'ROU,2025,TIP_VIC,_T,_T,_T,_T,100,A,F,',
    ]));
    // was: each 2025 row twice (TIP_VIC also 'of +67 % from 60')
    expect((await changes()).map((c) => [c.line, c.message])).toEqual([
      [6, 'expected a COMMENT explaining a change of +150 % from 40 in 2024 to 100, found none'],
      [7, 'expected a COMMENT explaining a change of +150 % from 40 in 2024 to 100, found none'],
    ]);
  });

  it('a file superseded on arrival is compared with the values in force, which it does not replace', async () => {
    await offer(write('ROU_2025_v2.csv', ['ROU,2024,TIP_OFF,_T,_T,_T,_T,20,A,F,Revised', 'ROU,2025,TIP_OFF,_T,_T,_T,_T,25,A,F,']), '2026-02-03T00:00:00Z');
    // received before the version in force, which stays: its 2024 of 20 is the year before
    expect(await offer(write('ROU_2025.csv', ['ROU,2025,TIP_OFF,_T,_T,_T,_T,346,A,F,']), '2026-01-20T00:00:00Z'))
      .toMatchObject({ outcome: 'accepted', supersededBy: { submissionId: 1 }, warnings: 1 });
    expect((await changes()).map((c) => c.message)).toEqual(['expected a COMMENT explaining a change of +1630 % from 20 in 2024 to 346, found none']);
  });
});
