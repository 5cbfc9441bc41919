import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/context.js';
import { runCli } from '../helpers/cli.js';
import { insertObservations, openTestWarehouse, tempDir } from '../helpers/warehouse.js';
import { migrate, openStore, openWarehouse, latestSchemaVersion, type Store } from '../../src/store/index.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { hashFile } from '../../src/io/hash-file.js';

describe('warehouse', () => {
  it('migrates a new file to the latest version and records it', async () => {
    const store = await openTestWarehouse();
    try {
      const rows = await store.all<{ version: number }>('select version from schema_migration order by version');
      expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
      const states = await store.all<{ n: number }>("select count(*)::integer as n from ref_state_group where group_code = 'BSEC'");
      expect(states[0]!.n).toBe(13);
    } finally {
      store.close();
    }
  });

  it('creates a new warehouse whole, under a temporary name linked into place: a kill mid-creation leaves no broken file', async () => {
    // was: a SIGKILL while DuckDB wrote a new file's header left 'killed.duckdb … is not a valid DuckDB database file',
    // which every later command refused (the ingest kill test, once in CI)
    const dir = tempDir();
    const path = join(dir, 'w.duckdb');
    // what an earlier creation killed midway left: never the warehouse's own name, and replaced when this process creates one
    writeFileSync(join(dir, `.w.duckdb.creating-${process.pid}`), 'half a header');
    const store = await openWarehouse(path);
    try {
      const [row] = await store.all<{ version: number }>('select max(version) as version from schema_migration');
      expect(row!.version).toBe(latestSchemaVersion());
    } finally {
      store.close();
    }
    expect(readdirSync(dir).filter((name) => !name.endsWith('.wal'))).toEqual(['w.duckdb']);
  });

  it("opens DuckDB's in-memory database without writing a file: was a file named ':memory:' in the working folder", () => {
    const dir = tempDir();
    const script = `import { openWarehouse } from ${JSON.stringify(pathToFileURL(join(PROJECT_ROOT, 'src/store/index.ts')).href)};
      const store = await openWarehouse(':memory:');
      const [row] = await store.all("select count(*)::integer as n from submission");
      store.close();
      process.stdout.write(String(row.n));`;
    const result = spawnSync(process.execPath, ['--import', pathToFileURL(join(PROJECT_ROOT, 'node_modules/tsx/dist/loader.mjs')).href, '--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('0');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('upgrades an older warehouse in place, keeping its data', async () => {
    const path = join(tempDir(), 'old.duckdb');
    const old = await openStore(path);
    await migrate(old, MIGRATIONS.slice(0, 1));
    await old.run("insert into population values (1, 'ROU', 2020, 19000000, 'WORLDBANK')");
    old.close();
    const extra = { version: latestSchemaVersion() + 1, description: 'test', sql: 'create table extra_test (x integer)' };
    const store = await openStore(path);
    expect(await migrate(store, [...MIGRATIONS, extra])).toEqual([...MIGRATIONS.slice(1).map((m) => m.version), extra.version]);
    expect((await store.all<{ persons: number }>('select persons from population'))[0]!.persons).toBe(19000000);
    store.close();
  });

  it('migration 4 names the file of every stored issue of a return by its base name, leaving imports\' issues alone', async () => {
    const path = join(tempDir(), 'old.duckdb');
    const old = await openStore(path);
    await migrate(old, MIGRATIONS.filter((m) => m.version <= 3));
    const submission = (id: number, source: string, name: string): string =>
      `insert into submission values (${id}, '${source}', null, null, null, '${name}', 'sha${id}', 0, '2026-01-20 00:00:00', 'rejected', null, 0, 0, 1, 0, 'old')`;
    await old.run(submission(1, 'RETURN', 'GEO_2025.csv'));
    await old.run(submission(2, 'RETURN', 'ALB_2025.csv'));
    await old.run(submission(3, 'WORLDBANK', 'population.csv'));
    await old.run(`insert into validation_issue values
      (1, 'VALUE_NEGATIVE', 'error', 'data/sample/returns/GEO_2025.csv', 3, 'OBS_VALUE', '-1', 'expected a non-negative number, found "-1"', null),
      (1, 'LINES_UNRECONCILED', 'error', null, null, null, null, 'whole file', null),
      (2, 'EMPTY_FILE', 'error', '/tmp/probe/ALB\\n2025.csv', 1, null, null, 'expected data rows after the header, found none', null),
      (3, 'IMPORT_COLUMN_MISSING', 'error', 'population.csv', 1, 'Country Code', null, 'expected a header', null)`);
    old.close();
    const store = await openStore(path);
    try {
      expect(await migrate(store)).toEqual([4, 5, 6, 7, 8, 9, 10]);
      expect(await store.all('select submission_id, code, file from validation_issue order by submission_id, code')).toEqual([
        { submission_id: 1, code: 'LINES_UNRECONCILED', file: null },
        { submission_id: 1, code: 'VALUE_NEGATIVE', file: 'GEO_2025.csv' },
        { submission_id: 2, code: 'EMPTY_FILE', file: 'ALB_2025.csv' },
        { submission_id: 3, code: 'IMPORT_COLUMN_MISSING', file: 'population.csv' },
      ]);
    } finally {
      store.close();
    }
  });

  it("migration 5 re-ranks the current values: a state's own return outranks its row in another state's return", async () => {
    const path = join(tempDir(), 'old.duckdb');
    const old = await openStore(path);
    await migrate(old, MIGRATIONS.filter((m) => m.version <= 4));
    const submission = (id: number, state: string | null, name: string, at: string): string =>
      `insert into submission values (${id}, 'RETURN', null, ${state === null ? 'null' : `'${state}'`}, 2025, '${name}', 'sha${id}', 0, '${at}', 'accepted', null, 2, 2, 0, 1, 'old')`;
    await old.run(submission(1, 'BGR', 'BGR_2025.csv', '2026-01-10 10:00:00'));
    await old.run(submission(2, null, 'ROU_2025.csv', '2026-01-20 10:00:00'));
    // the flags as the earlier rule set them: the later file's BGR row in force
    await old.run(`insert into observation (submission_id, line, ref_area, time_period, indicator, sex, age, counterpart_area, breakdown,
        obs_value, obs_status, conf_status, comment, source, is_current) values
      (1, 2, 'BGR', 2025, 'TIP_VIC', '_T', '_T', '_T', '_T', 219, 'A', 'F', null, 'RETURN', false),
      (2, 2, 'ROU', 2025, 'TIP_VIC', '_T', '_T', '_T', '_T', 120, 'A', 'F', null, 'RETURN', true),
      (2, 3, 'BGR', 2025, 'TIP_VIC', '_T', '_T', '_T', '_T', 5, 'A', 'F', null, 'RETURN', true)`);
    old.close();
    const store = await openStore(path);
    try {
      expect(await migrate(store)).toEqual([5, 6, 7, 8, 9, 10]);
      expect(await store.all('select ref_area, obs_value, submission_id from observation_current order by ref_area')).toEqual([
        { ref_area: 'BGR', obs_value: 219, submission_id: 1 },
        { ref_area: 'ROU', obs_value: 120, submission_id: 2 },
      ]);
    } finally {
      store.close();
    }
  });

  it("migration 9 gives validation_issue a sheet and a cell, an older warehouse's issues keeping theirs null, and status reads them", async () => {
    const path = join(tempDir(), 'old.duckdb');
    const old = await openStore(path);
    await migrate(old, MIGRATIONS.filter((m) => m.version <= 8));
    await old.run("insert into submission values (1, 'RETURN', null, 'ROU', 2025, 'ROU_2025.xlsx', 'sha1', 0, '2026-01-20 00:00:00', 'rejected', null, 2, 0, 1, 0, 'old', null, null)");
    await old.run(`insert into validation_issue values
      (1, 'THOUSANDS_SEPARATOR', 'error', 'ROU_2025.xlsx', 3, 'OBS_VALUE', '1,192', 'expected a number without thousands separators, found "1,192"', null)`);
    old.close();
    const store = await openStore(path);
    try {
      expect(await migrate(store)).toEqual([9, 10]);
      expect(await store.all('select code, line, sheet, cell from validation_issue')).toEqual([{ code: 'THOUSANDS_SEPARATOR', line: 3, sheet: null, cell: null }]);
      await store.run(`insert into validation_issue (submission_id, code, severity, file, line, "column", value, message, sheet, cell)
        values (1, 'VALUE_NOT_NUMBER', 'error', 'ROU_2025.xlsx', 4, 'OBS_VALUE', 'x', 'expected a number, found "x"', 'Return', 'H4')`);
    } finally {
      store.close();
    }
    // status reads the upgraded file: the issue stored before shows as file:row, the one stored after by its cell
    const status = await runCli(['status', '--year', '2025', '--warehouse', path]);
    expect(status.stderr).toBe('');
    expect(status.stdout).toContain('\n  error   ROU_2025.xlsx:3 column OBS_VALUE: expected a number without thousands separators, found "1,192" [THOUSANDS_SEPARATOR]\n'
      + '  error   ROU_2025.xlsx, sheet "Return", row 4, column OBS_VALUE (cell H4): expected a number, found "x" [VALUE_NOT_NUMBER]\n');
  });

  it('migration 10 gives an older warehouse re_offer: last year\'s return offered again under this year\'s name is kept, and status lists it under the state', async () => {
    const dir = tempDir('re-offer-');
    copyFileSync(join(PROJECT_ROOT, 'data/sample/returns/MDA_2024.csv'), join(dir, 'MDA_2025.csv'));
    const { sha256 } = await hashFile(join(dir, 'MDA_2025.csv'));
    const path = join(dir, 'old.duckdb');
    const old = await openStore(path);
    await migrate(old, MIGRATIONS.filter((m) => m.version <= 9));
    // Moldova's 2024 return, as an older crimetrends recorded it
    await old.run(`insert into submission values (1, 'RETURN', null, 'MDA', 2024, 'MDA_2024.csv', '${sha256}', 0, '2025-01-20 00:00:00', 'accepted', null, 245, 245, 0, 0, 'old', null, null)`);
    old.close();
    const store = await openStore(path);
    try {
      expect(await migrate(store)).toEqual([10]);
      expect(await store.all('select count(*)::integer as n from re_offer')).toEqual([{ n: 0 }]);
    } finally {
      store.close();
    }
    const ingest = await runCli(['ingest', 'MDA_2025.csv', '--warehouse', path, '--received-at', '2026-01-28'], { cwd: dir });
    expect(ingest.stdout).toContain('MDA_2025.csv: already in the warehouse (submission 1, MDA_2024.csv, same bytes): nothing loaded; the name says 2025, the rows 2024: check that this is the file the state meant to send; kept as a re-offer: crimetrends status --year 2025 lists it under MDA while its 2025 return is missing\n');
    const status = await runCli(['status', '--year', '2025', '--warehouse', path]);
    expect(status.stderr).toBe('');
    expect(status.stdout).toContain('\nMDA MDA_2025.csv (received 2026-01-28) held the same bytes as MDA_2024.csv, its 2024 return (submission 1): ask MDA for its 2025 return\n');
  });

  it('writes a new file in the current storage format and still reads and extends one in the older format', async () => {
    const dir = tempDir();
    const compressions = async (store: Store): Promise<string[]> =>
      (await store.all<{ c: string }>("select distinct compression as c from pragma_storage_info('t') where segment_type = 'VARCHAR' order by c")).map((r) => r.c);
    const fill = async (store: Store): Promise<void> => {
      await store.run("create or replace table t as select ['ROU', 'BGR', 'TUR'][1 + range % 3] as ref_area, range as n from range(5000)");
      await store.run('checkpoint');
    };
    const old = await openStore(join(dir, 'old.duckdb'), { settings: { storage_compatibility_version: 'v0.10.0' } });
    await fill(old);
    expect(await compressions(old)).toEqual(['Dictionary']);
    old.close();
    const reopened = await openStore(join(dir, 'old.duckdb'));
    await reopened.run("insert into t values ('GRC', 5000); checkpoint");
    expect(await reopened.all('select count(*)::integer as n, count(distinct ref_area)::integer as states from t')).toEqual([{ n: 5001, states: 4 }]);
    reopened.close();
    const fresh = await openStore(join(dir, 'new.duckdb'));
    await fill(fresh);
    expect(await compressions(fresh)).toEqual(['DICT_FSST']);
    fresh.close();
  });

  it('observation_current prefers returns over imports and the latest received submission', async () => {
    const store = await openTestWarehouse();
    try {
      await insertObservations(store, [{ ref_area: 'ROU', time_period: 2023, indicator: 'TIP_VIC', obs_value: 10 }], { received_at: '2024-01-20 00:00:00' });
      await insertObservations(store, [{ ref_area: 'ROU', time_period: 2023, indicator: 'TIP_VIC', obs_value: 99, source: 'UNODC' }], { received_at: '2025-06-01 00:00:00' });
      await insertObservations(store, [{ ref_area: 'ROU', time_period: 2023, indicator: 'TIP_VIC', obs_value: 12 }], { received_at: '2025-01-20 00:00:00' });
      const rows = await store.all<{ obs_value: number; source: string }>('select obs_value, source from observation_current');
      expect(rows).toEqual([{ obs_value: 12, source: 'RETURN' }]);
    } finally {
      store.close();
    }
  });

  it('refuses a read-only open of a missing file with a clear code', async () => {
    const path = join(tempDir(), 'none.duckdb');
    await expect(openWarehouse(path, { isReadOnly: true })).rejects.toMatchObject({
      code: 'WAREHOUSE_MISSING', exitCode: 1, message: `warehouse ${path} does not exist`, location: { file: path },
      hint: 'run "crimetrends ingest" or "crimetrends run" first, or pass --warehouse PATH',
    });
    expect(existsSync(path)).toBe(false);
  });
});
