import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { openStore, openWarehouse } from '../../src/store/index.js';
import { runCli } from '../helpers/cli.js';
import { exited } from '../helpers/spawn-cli.js';
import { insertObservations, openTestWarehouse, tempDir } from '../helpers/warehouse.js';

/** Returns a real warehouse file holding a few observations, checkpointed and closed. */
async function realWarehouse(): Promise<string> {
  const path = join(tempDir(), 'warehouse.duckdb');
  const store = await openTestWarehouse(path);
  await insertObservations(store, Array.from({ length: 50 }, (_, i) => ({ ref_area: 'ROU', time_period: 2000 + (i % 25), indicator: i < 25 ? 'TIP_OFF' : 'SOM_OFF', obs_value: i })));
  await store.run('checkpoint');
  store.close();
  return path;
}

describe('opening the warehouse: what went wrong, and what to do', () => {
  it('a warehouse that does not exist stops every command that reads or builds from one (WAREHOUSE_MISSING, exit 1), creating nothing', async () => {
    const dir = join(tempDir(), 'x');
    const typo = join(dir, 'typo.duckdb');
    const commands = [
      ['build'], ['report', '--year', '2025', '--out', join(dir, 'review')], ['query', 'select 1'], ['export', '--format', 'csv', '--out', join(dir, 'e.csv')],
      ['compare', '--source', 'unodc'], ['status'], ['status', '--year', '2025'],
    ];
    for (const command of commands) {
      const result = await runCli([...command, '--warehouse', typo]);
      expect({ command, code: result.code, stderr: result.stderr }).toEqual({
        command, code: 1,
        stderr: `error: warehouse ${typo} does not exist [WAREHOUSE_MISSING]\nhint: run "crimetrends ingest" or "crimetrends run" first, or pass --warehouse PATH\n`,
      });
    }
    expect(existsSync(dir)).toBe(false);
  }, 60_000);

  it('a damaged file is reported as damaged (WAREHOUSE_UNREADABLE), never as locked', async () => {
    const path = await realWarehouse();
    const copy = join(tempDir(), 'damaged.duckdb');
    copyFileSync(path, copy);
    // garbage over the first data block (after the file header and the two database headers, at 12288)
    const fd = openSync(copy, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, 12288);
    closeSync(fd);
    expect(statSync(copy).size).toBe(statSync(path).size);
    for (const isReadOnly of [true, false]) {
      const error = await openWarehouse(copy, { isReadOnly }).then(() => undefined, (e: unknown) => e);
      expect(error).toMatchObject({ code: 'WAREHOUSE_UNREADABLE', exitCode: 1 });
      expect((error as Error).message).toBe(`warehouse ${copy} is damaged: a block at byte 12288 does not match its checksum`);
      expect(String((error as Error).cause)).toMatch(/Corrupt database file: computed checksum \d+ does not match stored checksum/);
      expect((error as { hint: string }).hint).toMatch(/^the file is damaged .*restore it from a backup/);
    }
    // the CLI: one line with the code, a hint, exit 1
    const status = await runCli(['status', '--year', '2025', '--warehouse', copy]);
    expect(status.code).toBe(1);
    expect(status.stderr).toMatch(/^error: warehouse .*damaged\.duckdb is damaged: a block at byte 12288 does not match its checksum \[WAREHOUSE_UNREADABLE\]\nhint: the file is damaged/);
    expect(status.stderr).not.toMatch(/LOCKED|locked/);
  }, 60_000);

  it('a truncated file is damaged, a folder is a folder, another file is not a DuckDB database: no DuckDB text without --debug', async () => {
    const path = await realWarehouse();
    const dir = tempDir();
    const truncated = join(dir, 'trunc.duckdb');
    writeFileSync(truncated, readFileSync(path).subarray(0, 100_000)); // head -c 100000
    const folder = join(dir, 'folder.duckdb');
    mkdirSync(folder);
    const text = join(dir, 'notes.duckdb');
    writeFileSync(text, 'hello\n');
    const returnFile = join(PROJECT_ROOT, 'data/sample/returns/ALB_2025.csv');
    const cases: Array<[warehouse: string, commands: string[][], stderr: RegExp]> = [
      [truncated, [['status'], ['ingest', returnFile], ['validate', returnFile]], new RegExp(
        `^error: warehouse ${truncated} is damaged: the file is truncated \\(it ends at byte 100000, DuckDB needs bytes up to \\d+\\) \\[WAREHOUSE_UNREADABLE\\]\\n`
        + 'hint: the file is damaged \\(a disk fault, or a copy cut short or altered\\): restore it from a backup, or rebuild it by ingesting and importing the archived files into a new warehouse\\n$',
      )],
      [folder, [['status'], ['ingest', returnFile]], new RegExp(
        `^error: warehouse ${folder} is a folder, not a DuckDB database file \\[WAREHOUSE_UNREADABLE\\]\\n`
        + 'hint: pass --warehouse the warehouse file itself \\(such as data/warehouse\\.duckdb\\), or a new file name to start a new warehouse\\n$',
      )],
      [text, [['status'], ['ingest', returnFile]], new RegExp(
        `^error: warehouse ${text} is not a DuckDB database \\[WAREHOUSE_UNREADABLE\\]\\n`
        + 'hint: check the path: --warehouse names the \\.duckdb file crimetrends writes \\(data/warehouse\\.duckdb by default\\); a file of another kind cannot be used as the warehouse\\n$',
      )],
    ];
    for (const [warehouse, commands, stderr] of cases) {
      for (const args of commands) {
        const result = await runCli([...args, '--warehouse', warehouse]);
        expect(result.code, `${args[0]} ${warehouse}`).toBe(1);
        expect(result.stderr).toMatch(stderr);
      }
    }
    // --debug keeps DuckDB's own words, as the cause
    expect((await runCli(['status', '--debug', '--warehouse', truncated])).stderr).toMatch(/caused by: Error: IO Error: Could not read enough bytes from file/);
    expect(existsSync(join(dir, 'archive'))).toBe(false);
  }, 120_000);

  it.runIf(process.getuid?.() === 0)('a warehouse the user may not write to gets a permission hint', async () => {
    const path = await realWarehouse();
    // the user nobody may read the folders down to the file, and the file, but write none of them
    for (const dir of [dirname(path), process.env.CRIMETRENDS_TEST_TMP]) if (dir !== undefined) chmodSync(dir, 0o755);
    chmodSync(path, 0o644);
    const scratch = tempDir(); // for tsx's cache
    chmodSync(scratch, 0o777);
    // run as nobody: root may write anywhere
    const child = spawn(process.execPath, ['--import', join(PROJECT_ROOT, 'node_modules/tsx/dist/loader.mjs'), join(PROJECT_ROOT, 'src/cli/main.ts'),
      'ingest', join(PROJECT_ROOT, 'data/sample/returns/ALB_2025.csv'), '--warehouse', path], {
      cwd: PROJECT_ROOT, uid: 65534, gid: 65534, env: { ...process.env, NO_COLOR: '1', HOME: scratch, TMPDIR: scratch }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const { code } = await exited(child);
    expect(code).toBe(1);
    expect(stderr).toBe(`error: cannot open warehouse ${path} to write: permission denied [WAREHOUSE_UNREADABLE]\n`
      + 'hint: you may not write to this file or its folder (DuckDB also writes a .wal file beside it): check the owner and permissions (ls -l), or pass --warehouse a file you own\n');
  }, 60_000);

  it('a warehouse on a read-only file system says so, and that reading it still works (needs a read-only bind mount)', async () => {
    const path = await realWarehouse();
    const mount = tempDir('ro-mount-');
    const mounted = spawnSync('mount', ['--bind', dirname(path), mount]).status === 0
      && spawnSync('mount', ['-o', 'remount,bind,ro', mount]).status === 0;
    if (!mounted) {
      spawnSync('umount', [mount]);
      return; // not root, or no mount in this sandbox: nothing to check here
    }
    try {
      const onMount = join(mount, 'warehouse.duckdb');
      const ingest = await runCli(['ingest', join(PROJECT_ROOT, 'data/sample/returns/ALB_2025.csv'), '--warehouse', onMount]);
      expect(ingest.code).toBe(1);
      expect(ingest.stderr).toBe(`error: cannot open warehouse ${onMount} to write: it is on a read-only file system [WAREHOUSE_UNREADABLE]\n`
        + 'hint: ingest, import, build and run write to the warehouse (and a .wal file beside it): copy it to a writable folder and pass --warehouse the copy, or remount the folder writable; status, query and report only read it\n');
      expect((await runCli(['status', '--year', '2025', '--warehouse', onMount])).code).toBe(0);
    } finally {
      spawnSync('umount', [mount]);
    }
  }, 60_000);

  it('status while another process writes says an ingest is writing: wait or retry', async () => {
    const path = await realWarehouse();
    const holder = await openStore(path); // this process holds the file for writing, as an ingest does
    try {
      const status = await runCli(['status', '--year', '2025', '--warehouse', path]);
      expect(status.code).toBe(1);
      expect(status.stderr).toBe(
        `error: warehouse ${path} is being written by process ${process.pid} (${process.execPath}); wait for it to finish, then run again [WAREHOUSE_LOCKED]\n`
        + 'hint: an ingest, import, build or run is writing to it, and DuckDB cannot read a file another process holds for writing: wait or retry\n',
      );
      // validate --compare reads it too, and says the same (was: 'is in use by process …', no hint)
      const validate = await runCli(['validate', '--compare', join(PROJECT_ROOT, 'data/sample/returns/ROU_2025.csv'), '--warehouse', path]);
      expect({ code: validate.code, stderr: validate.stderr }).toEqual({ code: 1, stderr: status.stderr });
    } finally {
      holder.close();
    }
  }, 60_000);
});
