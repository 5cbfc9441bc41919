import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { latestSchemaVersion, openStore } from '../../src/store/index.js';
import { runCli } from '../helpers/cli.js';
import { openTestWarehouse, tempDir } from '../helpers/warehouse.js';

const RETURN = join(PROJECT_ROOT, 'data/sample/returns/ALB_2025.csv');

/** Returns the names of the tables and views of the DuckDB file at `path`. */
async function relationsOf(path: string): Promise<string[]> {
  const store = await openStore(path, { isReadOnly: true });
  try {
    const rows = await store.all<{ name: string }>('select table_name as name from duckdb_tables() union select view_name from duckdb_views() where not internal order by name');
    return rows.map((r) => r.name);
  } finally {
    store.close();
  }
}

describe('--warehouse naming something that is not this version\'s warehouse: one line, exit 1, nothing written', () => {
  it("another program's DuckDB file is refused by every command; ingest wrote crimetrends' tables into it before", async () => {
    const dir = tempDir();
    const other = join(dir, 'crm.duckdb');
    const store = await openStore(other);
    await store.run("create table customers (id integer, name varchar); insert into customers values (1, 'Ana')");
    store.close();
    const expected = `error: warehouse ${other} is a DuckDB database of another program, not a crimetrends warehouse: it holds customers, and no schema_migration [WAREHOUSE_UNREADABLE]\n`
      + 'hint: check the path: crimetrends neither reads nor writes a database it did not create; pass --warehouse the crimetrends warehouse (data/warehouse.duckdb by default), or a new file name to start one\n';
    // status, query and validate --compare stopped with "internal error: Catalog Error: Table with name schema_migration does not exist!" (exit 3)
    for (const args of [['ingest', RETURN], ['build'], ['status'], ['query', 'select 1'], ['validate', '--compare', RETURN]]) {
      const result = await runCli([...args, '--warehouse', other]);
      // validate still checks the file, without the comparison, before the warehouse's error
      const stdout = args[0] === 'validate' ? 'data/sample/returns/ALB_2025.csv: 248 rows, 0 errors, 0 warnings — valid (ALB, 2025); not compared with the warehouse, which cannot be read (see the error below)\n' : '';
      expect({ args, code: result.code, stderr: result.stderr, stdout: result.stdout }).toEqual({ args, code: 1, stderr: expected, stdout });
    }
    expect(await relationsOf(other)).toEqual(['customers']);
    expect(existsSync(join(dir, 'archive'))).toBe(false);
  }, 90_000);

  it('a warehouse a newer crimetrends migrated is neither read nor written (WAREHOUSE_TOO_NEW)', async () => {
    const path = join(tempDir(), 'warehouse.duckdb');
    const store = await openTestWarehouse(path);
    const future = latestSchemaVersion() + 1;
    await store.run(`insert into schema_migration values (${future}, 'a later version''s table'); create table later_table (x integer)`);
    store.close();
    const expected = `error: warehouse ${path} is at schema version ${future}, written by a newer crimetrends; this one knows versions up to ${latestSchemaVersion()} [WAREHOUSE_TOO_NEW]\n`
      + 'hint: update crimetrends (git pull, then npm ci) and run again; this version neither reads nor writes the file, so nothing in it changes\n';
    for (const args of [['ingest', RETURN], ['build'], ['status'], ['query', 'select 1']]) {
      const result = await runCli([...args, '--warehouse', path]);
      expect({ args, code: result.code, stderr: result.stderr }).toEqual({ args, code: 1, stderr: expected });
    }
    const json = await runCli(['ingest', RETURN, '--warehouse', path, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { code: 'WAREHOUSE_TOO_NEW' } });
    const after = await openStore(path, { isReadOnly: true });
    try {
      expect(await after.all('select count(*)::integer as n from submission')).toEqual([{ n: 0 }]);
    } finally {
      after.close();
    }
  }, 90_000);

  it('a SQLite database or a Parquet file is not a DuckDB database, said before DuckDB opens it (it went to download its SQLite extension)', async () => {
    const dir = tempDir();
    const sqlite = join(dir, 'app.sqlite');
    writeFileSync(sqlite, Buffer.concat([Buffer.from('SQLite format 3\u0000', 'latin1'), Buffer.alloc(4080)]));
    const parquet = join(dir, 'obs.parquet');
    const scratch = await openStore(':memory:');
    await scratch.run(`copy (select 1 as x) to '${parquet}' (format parquet)`);
    scratch.close();
    const hint = 'hint: check the path: --warehouse names the .duckdb file crimetrends writes (data/warehouse.duckdb by default); a file of another kind cannot be used as the warehouse\n';
    for (const [path, kind] of [[sqlite, 'a SQLite database'], [parquet, 'a Parquet file']] as const) {
      const before = readFileSync(path);
      for (const args of [['ingest', RETURN], ['status'], ['validate', '--compare', RETURN]]) {
        const result = await runCli([...args, '--warehouse', path]);
        expect({ args, code: result.code, stderr: result.stderr }).toEqual({ args, code: 1, stderr: `error: warehouse ${path} is not a DuckDB database: it is ${kind} [WAREHOUSE_UNREADABLE]\n${hint}` });
      }
      expect(readFileSync(path)).toEqual(before);
    }
    expect(readdirSync(dir).sort()).toEqual(['app.sqlite', 'obs.parquet']);
  }, 90_000);

  it('an empty DuckDB file becomes the warehouse when written to', async () => {
    const path = join(tempDir(), 'empty.duckdb');
    (await openStore(path)).close();
    const ingest = await runCli(['ingest', RETURN, '--warehouse', path]);
    expect(ingest.code).toBe(0);
    // ALB_2025.csv: 249 lines, the header and 248 rows, none quoted over two lines
    expect(ingest.stdout).toBe('data/sample/returns/ALB_2025.csv: 248 rows, 0 errors, 0 warnings — accepted as submission 1 (ALB, 2025)\n');
    expect(await relationsOf(path)).toEqual(expect.arrayContaining(['observation', 'observation_current', 'schema_migration', 'submission', 'validation_issue']));
    const store = await openStore(path, { isReadOnly: true });
    try {
      expect(await store.all('select submission_id, ref_area, reporting_year, outcome, rows_total, rows_accepted, errors from submission')).toEqual([
        { submission_id: 1, ref_area: 'ALB', reporting_year: 2025, outcome: 'accepted', rows_total: 248, rows_accepted: 248, errors: 0 },
      ]);
      expect(await store.all('select count(*)::integer as n from observation where submission_id = 1')).toEqual([{ n: 248 }]);
    } finally {
      store.close();
    }
  }, 60_000);

  it('a new warehouse where no file can be made names the path and why, at once (a path under /proc never returned)', async () => {
    const dir = tempDir();
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'hello\n');
    const hint = 'hint: check the path: ingest, import and run create a new warehouse (and the folders on its way) only where the user may write files; pass --warehouse such a place\n';
    const cases: Array<[string, string]> = [
      [join(text, 'a', 'w.duckdb'), `${text} is a file, not a folder`],
      // was: "warehouse /proc/.x.duckdb.creating-123 does not exist [WAREHOUSE_MISSING]"
      ['/proc/x.duckdb', 'the folder /proc takes no new file'],
      // was: Node's mkdir -p looping at 100 % of a core until killed
      ['/proc/self/x/w.duckdb', 'the folder /proc/self takes no new file'],
    ];
    for (const [warehouse, why] of cases) {
      if (warehouse.startsWith('/proc') && !existsSync('/proc/self')) continue;
      const result = await runCli(['ingest', RETURN, '--warehouse', warehouse]);
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 1, stderr: `error: cannot create warehouse ${warehouse}: ${why} [WAREHOUSE_UNREADABLE]\n${hint}` });
    }
    expect(readdirSync(dir)).toEqual(['notes.txt']);
    // a missing folder on the way is made, as mkdir -p would
    const nested = join(dir, 'new', 'folder', 'w.duckdb');
    expect((await runCli(['ingest', RETURN, '--warehouse', nested])).code).toBe(0);
    expect(existsSync(nested)).toBe(true);
  }, 90_000);

  it.runIf(existsSync('/proc/self'))('an --out under a folder that takes none is OUT_UNWRITABLE at once (query, report, run): Node\'s mkdir -p never returned', async () => {
    const path = join(tempDir(), 'w.duckdb');
    (await openTestWarehouse(path)).close();
    const query = await runCli(['query', 'select 1', '--warehouse', path, '--out', '/proc/x/y.csv']);
    expect({ code: query.code, stderr: query.stderr }).toEqual({
      code: 2, stderr: 'error: --out /proc/x/y.csv: cannot write the file: the folder does not exist [OUT_UNWRITABLE]\nhint: check the path and that the folder is writable\n',
    });
    // report's writer never returned there either
    const report = await runCli(['report', '--year', '2025', '--warehouse', path, '--out', '/proc/x']);
    expect({ code: report.code, stderr: report.stderr }).toEqual({
      code: 2, stderr: 'error: --out /proc/x: cannot write the folder: the folder /proc does not accept new files [OUT_UNWRITABLE]\nhint: check the path and that the folder is writable\n',
    });
    const returns = tempDir();
    mkdirSync(join(returns, 'empty'));
    const run = await runCli(['run', '--year', '2025', '--returns', returns, '--warehouse', path, '--out', '/proc/x']);
    expect({ code: run.code, stderr: run.stderr }).toEqual({
      code: 2, stderr: 'error: --out /proc/x: cannot write the folder: the folder /proc does not accept new files [OUT_UNWRITABLE]\nhint: check the path and that the folder is writable\n',
    });
  }, 60_000);
});
