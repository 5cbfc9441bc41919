import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openStore } from '../../src/store/index.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/warehouse.js';

// Which import of a dataset is in use is the newest publication (the date under UNODC's publisher line), not the
// last imported: an analyst re-importing last year's download to check something replaced this year's series with
// it, and re-importing this year's file afterwards was taken as a duplicate and did nothing.
const HEADER = 'Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,VALUE,Source';
const iafq = (date: string | null, rou2020: number): string => [
  '\uFEFFUNODC,unodc_ddds@un.org,,,,,,,,,,,', ...(date === null ? [] : [`${date},,,,,,,,,,,,`]), HEADER,
  `ROU,Romania,Europe,Eastern Europe,Arms seized,Total,Total,na,na,2020,Counts,${rou2020},IAFQ`,
  'ROU,Romania,Europe,Eastern Europe,Arms seized,Total,Total,na,na,2021,Counts,188,IAFQ', '',
].join('\r\n');

/** A folder with its config (archive inside it), a warehouse path, and the two publications of IAFQ as files. */
function setUp(): { dir: string; cli: (args: string[]) => ReturnType<typeof runCli>; newer: string; older: string } {
  const dir = tempDir('publication-');
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ archive: join(dir, 'archive') }));
  const newer = join(dir, 'data_iafq_2023.csv');
  const older = join(dir, 'data_iafq_2022.csv');
  writeFileSync(newer, iafq('01/03/2023', 210));
  writeFileSync(older, iafq('17/06/2022', 201));
  const cli = (args: string[]) => runCli([...args, '--warehouse', join(dir, 'warehouse.duckdb'), '--config', join(dir, 'config.json')]);
  return { dir, cli, newer, older };
}

/** Returns Romania's 2020 arms seized as the marts give it after a build. */
async function martValue(cli: (args: string[]) => ReturnType<typeof runCli>): Promise<string> {
  expect((await cli(['build'])).code).toBe(0);
  const result = await cli(['query', '--format', 'csv', "select obs_value from series_total where ref_area = 'ROU' and indicator = 'FA_SEIZED' and time_period = 2020"]);
  expect(result.code).toBe(0);
  return result.stdout;
}

const OLDER_WARNING = 'warning: data_iafq_2022.csv (published 2022-06-17): a newer UNODC IAFQ publication stays in use: '
  + 'data_iafq_2023.csv (published 2023-03-01, submission 1); this one is kept in the warehouse as submission 2, superseded: none of its values is used\n'
  + 'hint: the newest publication is the one in use, whatever the order of import; to look at this one: crimetrends query "select * from observation where submission_id = 2"\n';

describe('import: the newest publication is in use, not the last imported', () => {
  it('newer then older: the newer stays in use, the older is kept, superseded, with a warning naming both dates (exit 0)', async () => {
    const { cli, newer, older } = setUp();
    const first = await cli(['import', 'unodc', newer]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('\n  published 2023-03-01 (read from line 2 of the file)\n');
    const second = await cli(['import', 'unodc', older]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^data_iafq_2022\.csv: imported as submission 2 \(UNODC IAFQ\), values for 1 state\n {2}2 rows: 2 loaded.*\n {2}published 2022-06-17 \(read from line 2 of the file\)\n/);
    expect(second.stdout).not.toContain('replaces');
    expect(second.stderr).toBe(OLDER_WARNING);
    const outcomes = await cli(['query', '--format', 'csv', 'select submission_id, outcome, superseded_by, published_on from submission order by 1']);
    expect(outcomes.stdout).toBe('submission_id,outcome,superseded_by,published_on\n1,accepted,,2023-03-01\n2,superseded,1,2022-06-17\n');
    // nothing is lost: the older publication's rows stay in the warehouse
    expect((await cli(['query', '--format', 'csv', 'select obs_value from observation where submission_id = 2 and time_period = 2020'])).stdout).toBe('obs_value\n201\n');
    expect(await martValue(cli)).toBe('obs_value\n210\n');
    // status lists each import with its publication date and whether it is in use
    const status = await cli(['status']);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^UNODC +IAFQ +1 +data_iafq_2023\.csv +2023-03-01 +\d{4}-\d\d-\d\d +yes, 1 state$/m);
    expect(status.stdout).toMatch(/^UNODC +IAFQ +2 +data_iafq_2022\.csv +2022-06-17 +\d{4}-\d\d-\d\d +no: superseded by 1$/m);
    expect(JSON.parse((await cli(['status', '--json'])).stdout).imports.map((i: Record<string, unknown>) => [i.submission_id, i.published_on, i.states_in_use, i.outcome]))
      .toEqual([[1, '2023-03-01', 1, 'accepted'], [2, '2022-06-17', 0, 'superseded']]);

    // the older file again: not in use, the same warning; the newer again: a true no-op, as before
    const olderAgain = await cli(['import', 'unodc', older]);
    expect(olderAgain.code).toBe(0);
    expect(olderAgain.stdout).toMatch(/^data_iafq_2022\.csv: already in the warehouse as submission 2 \(UNODC IAFQ, received [^)]+\), not in use: a newer publication is \(see the warning\)\n0 imported, 1 duplicate, 0 rejected\n$/);
    expect(olderAgain.stderr).toBe(OLDER_WARNING);
    const newerAgain = await cli(['import', 'unodc', newer]);
    expect(newerAgain.stdout).toMatch(/^data_iafq_2023\.csv: duplicate of submission 1 \(UNODC IAFQ, received [^)]+\): nothing to do\n/);
    expect(newerAgain.stderr).toBe('');
    expect(await martValue(cli)).toBe('obs_value\n210\n');
  });

  it('older then newer: the newer replaces the older', async () => {
    const { cli, newer, older } = setUp();
    expect((await cli(['import', 'unodc', older])).code).toBe(0);
    const second = await cli(['import', 'unodc', newer]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('\n  replaces UNODC IAFQ values for 1 state (ROU) from submission 1; it is superseded\n');
    expect(second.stderr).toBe('');
    expect(await martValue(cli)).toBe('obs_value\n210\n');
  });

  it('--json gives each file its publication date, where it was read, and the newer import that stays in use', async () => {
    const { cli, newer, older } = setUp();
    await cli(['import', 'unodc', newer]);
    const result = await cli(['import', 'unodc', older, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).files[0]).toMatchObject({
      status: 'imported', submission_id: 2, published: '2022-06-17', published_from: 'line 2', states: ['ROU'], states_in_use: [],
      newer: [{ submission_id: 1, file: 'data_iafq_2023.csv', published: '2023-03-01', states: ['ROU'] }],
    });
  });

  it('--published dates a download that carries no date; an undated one imported after a dated one stays out of use', async () => {
    const { dir, cli } = setUp();
    const dated = join(dir, 'cts_dated.csv');
    const undated = join(dir, 'cts_undated.csv');
    writeFileSync(dated, iafq(null, 300));
    writeFileSync(undated, iafq(null, 400));
    const first = await cli(['import', 'unodc', '--published', '2023-06-01', dated]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('\n  published 2023-06-01 (given with --published)\n');
    const second = await cli(['import', 'unodc', undated]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('\n  no publication date in the file: among undated imports of the dataset the last imported is in use, and a dated one outranks them (--published YYYY-MM-DD gives one)\n');
    expect(second.stderr).toBe(
      'warning: cts_undated.csv (no publication date): a newer UNODC IAFQ publication stays in use: cts_dated.csv (published 2023-06-01, submission 1); '
        + 'this one is kept in the warehouse as submission 2, superseded: none of its values is used\n'
        + 'hint: this file carries no publication date, so it ranks after every dated import of the dataset: give its date with --published YYYY-MM-DD\n',
    );
    expect(await martValue(cli)).toBe('obs_value\n300\n');
    // dated now with a later publication: the same bytes are put back in use, nothing loaded again
    const dating = await cli(['import', 'unodc', '--published', '2024-06-01', undated]);
    expect(dating.code).toBe(0);
    expect(dating.stdout).toMatch(/^cts_undated\.csv: already in the warehouse as submission 2 \(UNODC IAFQ, received [^)]+\), in use again: the newest publication, values for 1 state\n {2}published 2024-06-01 \(given with --published\)\n {2}replaces UNODC IAFQ values for 1 state \(ROU\) from submission 1; it is superseded\n0 imported, 1 back in use, 0 duplicates, 0 rejected\n$/);
    expect(await martValue(cli)).toBe('obs_value\n400\n');
  });

  it('refuses a --published that is no day of the calendar, or a day to come, before anything is written (exit 2)', async () => {
    const { cli, newer } = setUp();
    const impossible = await cli(['import', 'unodc', '--published', '2023-02-30', newer]);
    expect(impossible.code).toBe(2);
    expect(impossible.stderr).toMatch(/^error: --published: expected a date like 2023-06-01, found "2023-02-30": 2023-02-30 is not a day: February 2023 has 28 days \[USAGE_ERROR\]\nhint: /);
    const future = await cli(['import', 'unodc', '--published', '2999-01-01', newer]);
    expect(future.code).toBe(2);
    expect(future.stderr).toMatch(/^error: --published: expected a date not after today \(\d{4}-\d\d-\d\d in the time zone furthest ahead, UTC\+14\), found "2999-01-01" \[USAGE_ERROR\]\n/);
  });

  it('opens a warehouse of the previous schema where the older download was imported over the newer: re-importing the newer puts it back in use', async () => {
    const { dir, cli, newer, older } = setUp();
    // the warehouse as the previous version (schema 5) left it: the older publication imported last, in force; the
    // newer superseded by it
    const old = await openStore(join(dir, 'warehouse.duckdb'));
    await migrate(old, MIGRATIONS.filter((m) => m.version <= 5));
    const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
    await old.run(`insert into submission values
      (1, 'UNODC', 'IAFQ', null, null, 'data_iafq_2023.csv', '${sha(newer)}', 0, '2026-02-01 09:00:00', 'superseded', 2, 2, 2, 0, 0, 'old'),
      (2, 'UNODC', 'IAFQ', null, null, 'data_iafq_2022.csv', '${sha(older)}', 0, '2026-03-01 09:00:00', 'accepted', null, 2, 2, 0, 0, 'old')`);
    await old.run(`insert into observation (submission_id, line, ref_area, time_period, indicator, sex, age, counterpart_area, breakdown,
        obs_value, obs_status, conf_status, comment, source, is_current) values
      (1, 4, 'ROU', 2020, 'FA_SEIZED', '_T', '_T', '_T', '_T', 210, 'A', 'F', null, 'UNODC', false),
      (1, 5, 'ROU', 2021, 'FA_SEIZED', '_T', '_T', '_T', '_T', 188, 'A', 'F', null, 'UNODC', false),
      (2, 4, 'ROU', 2020, 'FA_SEIZED', '_T', '_T', '_T', '_T', 201, 'A', 'F', null, 'UNODC', true),
      (2, 5, 'ROU', 2021, 'FA_SEIZED', '_T', '_T', '_T', '_T', 188, 'A', 'F', null, 'UNODC', true)`);
    old.close();
    expect(await martValue(cli)).toBe('obs_value\n201\n');

    // was: "duplicate of submission 1 …: nothing to do", and the marts stayed on the older publication
    const again = await cli(['import', 'unodc', newer]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^data_iafq_2023\.csv: already in the warehouse as submission 1 \(UNODC IAFQ, received 2026-02-01T09:00:00Z\), in use again: the newest publication, values for 1 state\n {2}published 2023-03-01 \(read from line 2 of the file\)\n {2}replaces UNODC IAFQ values for 1 state \(ROU\) from submission 2; it is superseded\n0 imported, 1 back in use, 0 duplicates, 0 rejected\n$/);
    expect((await cli(['query', '--format', 'csv', 'select submission_id, outcome, superseded_by, published_on from submission order by 1'])).stdout)
      .toBe('submission_id,outcome,superseded_by,published_on\n1,accepted,,2023-03-01\n2,superseded,1,\n');
    expect((await cli(['query', '--format', 'csv', 'select max(version) as v from schema_migration'])).stdout).toBe(`v\n${Math.max(...MIGRATIONS.map((m) => m.version))}\n`);
    expect(await martValue(cli)).toBe('obs_value\n210\n');

    // the older file again: its date is read and recorded now, and it stays out of use
    const older2 = await cli(['import', 'unodc', older]);
    expect(older2.code).toBe(0);
    expect(older2.stdout).toMatch(/^data_iafq_2022\.csv: already in the warehouse as submission 2 \(UNODC IAFQ, received 2026-03-01T09:00:00Z\), not in use/);
    expect(older2.stderr).toMatch(/^warning: data_iafq_2022\.csv \(published 2022-06-17\): a newer UNODC IAFQ publication stays in use: data_iafq_2023\.csv \(published 2023-03-01, submission 1\)/);
    expect((await cli(['query', '--format', 'csv', 'select published_on from submission where submission_id = 2'])).stdout).toBe('published_on\n2022-06-17\n');
  });

  it('an import from before the upgrade, in use, offered again: its publication date is recorded, and said so (not "nothing to do")', async () => {
    const { dir, cli, newer } = setUp();
    const old = await openStore(join(dir, 'warehouse.duckdb'));
    await migrate(old, MIGRATIONS.filter((m) => m.version <= 5));
    const sha = createHash('sha256').update(readFileSync(newer)).digest('hex');
    await old.run(`insert into submission values (1, 'UNODC', 'IAFQ', null, null, 'data_iafq_2023.csv', '${sha}', 0, '2026-02-01 09:00:00', 'accepted', null, 1, 1, 0, 0, 'old')`);
    await old.run(`insert into observation (submission_id, line, ref_area, time_period, indicator, sex, age, counterpart_area, breakdown,
        obs_value, obs_status, conf_status, comment, source, is_current) values (1, 4, 'ROU', 2020, 'FA_SEIZED', '_T', '_T', '_T', '_T', 210, 'A', 'F', null, 'UNODC', true)`);
    old.close();
    const again = await cli(['import', 'unodc', newer]);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('data_iafq_2023.csv: duplicate of submission 1 (UNODC IAFQ, received 2026-02-01T09:00:00Z), in use: publication date recorded\n'
      + '  published 2023-03-01 (read from line 2 of the file)\n0 imported, 1 duplicate, 0 rejected\n');
    expect(again.stderr).toBe('');
    // the next offer is the no-op it always was
    expect((await cli(['import', 'unodc', newer])).stdout).toMatch(/^data_iafq_2023\.csv: duplicate of submission 1 \(UNODC IAFQ, received 2026-02-01T09:00:00Z\): nothing to do\n/);
  });
});
