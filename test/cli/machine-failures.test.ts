import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { generateReturn, loadBenchReference } from '../bench/generate-return.js';
import { BIN, runCli, type CliResult } from '../helpers/cli.js';
import { openTestWarehouse, tempDir } from '../helpers/warehouse.js';

const SAMPLE = join(PROJECT_ROOT, 'data/sample/returns');
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;
const canRunAsNobody = isRoot && spawnSync(process.execPath, ['-e', ''], { uid: NOBODY, gid: NOBODY }).status === 0;

/**
 * Runs the real CLI with a file size limit of `blocks` × 512 bytes (`ulimit -f`, which root cannot lift either): a
 * write past it fails with EFBIG, as a write to a full disk fails with ENOSPC, at the same places.
 */
function runCliLimited(blocks: number, args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', `ulimit -f ${blocks} && exec "$0" "$@"`, process.execPath, BIN, ...args], {
      cwd: PROJECT_ROOT, env: { ...process.env, NO_COLOR: '1', TZ: 'UTC' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the machine, not the data, goes wrong: one line naming the path, a documented exit code, nothing half-written', () => {
  it('query --out on a full disk (here the file size limit) says so, exit 2, and leaves the earlier file and no temporary one (it never returned: exit 13, no message, x.csv.<pid>.tmp left)', async () => {
    const dir = tempDir();
    const warehouse = join(dir, 'warehouse.duckdb');
    (await openTestWarehouse(warehouse)).close();
    const out = join(dir, 'q.csv');
    writeFileSync(out, 'the earlier result\n');
    // 100,000 lines of CSV: about 1 MB, past a limit of 100 kB
    const result = await runCliLimited(200, ['query', 'select range as n, \'filler text\' as pad from range(100000)', '--format', 'csv', '--out', out, '--warehouse', warehouse]);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: --out ${out}: cannot write the file: the file is larger than this process may write (the file size limit, ulimit -f) [OUT_UNWRITABLE]\n`
        + 'hint: nothing was written there: make room (or raise the limit), or give --out a place on a disk with room\n',
    });
    expect(readFileSync(out, 'utf8')).toBe('the earlier result\n');
    expect(readdirSync(dir).sort()).toEqual(['q.csv', 'warehouse.duckdb']);
  }, 60_000);

  it('ingest whose warehouse cannot grow (a full disk; here the file size limit) is WAREHOUSE_UNWRITABLE, exit 1, and the warehouse holds what it held (it was an internal error, exit 3)', async () => {
    const dir = tempDir();
    const warehouse = join(dir, 'warehouse.duckdb');
    expect((await runCli(['ingest', join(SAMPLE, 'GEO_2025.csv'), '--warehouse', warehouse])).code).toBe(0);
    const large = join(tempDir(), 'ROU_2025.csv');
    await generateReturn(large, await loadBenchReference(), { rows: 200_000, isClean: true });
    // already in the archive (a warehouse rebuilt beside the archive of the one before): only the warehouse is written
    const sha256 = createHash('sha256').update(readFileSync(large)).digest('hex');
    copyFileSync(large, join(dir, 'archive', sha256));
    const result = await runCliLimited(Math.ceil(statSync(warehouse).size / 512), ['ingest', large, '--warehouse', warehouse]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`error: cannot write to warehouse ${warehouse}: a file is larger than this process may write (the file size limit, ulimit -f); `
      + 'the change in progress was rolled back, the warehouse holds what it held before it [WAREHOUSE_UNWRITABLE]\n'
      + 'hint: raise the file size limit (ulimit -f unlimited) or ask the administrator to, then run the same command again\n');
    const after = await runCli(['query', 'select ref_area, rows_accepted from submission order by submission_id', '--format', 'csv', '--warehouse', warehouse]);
    expect(after).toMatchObject({ code: 0, stdout: 'ref_area,rows_accepted\nGEO,243\n' });
  }, 120_000);

  it('a warehouse that cannot grow when it is closed (a full disk; here the file size limit) says its changes are in the .wal file, exit 0, and the next open applies them (the .wal was left without a word)', async () => {
    const dir = tempDir();
    const warehouse = join(dir, 'warehouse.duckdb');
    expect((await runCli(['ingest', join(SAMPLE, 'GEO_2025.csv'), '--warehouse', warehouse])).code).toBe(0);
    // a return of 246 rows commits into the .wal (29 kB); the checkpoint at close grows the file past the limit
    const result = await runCliLimited(Math.ceil(statSync(warehouse).size / 512), ['ingest', join(SAMPLE, 'ARM_2025.csv'), '--warehouse', warehouse]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('ARM_2025.csv: 246 rows, 0 errors, 0 warnings — accepted as submission 2 (ARM, 2025)');
    expect(result.stderr).toBe(`warning: cannot write to warehouse ${warehouse} on closing it: a file is larger than this process may write (the file size limit, ulimit -f); `
      + `the warehouse's changes are in ${warehouse}.wal and will be applied the next time it is opened; raise the file size limit (ulimit -f unlimited)\n`);
    expect(readdirSync(dir).sort()).toEqual(['archive', 'warehouse.duckdb', 'warehouse.duckdb.wal']);
    const submissions = ['query', 'select ref_area, rows_accepted, (select count(*) from observation o where o.submission_id = s.submission_id) as observations from submission s order by submission_id', '--format', 'csv', '--warehouse', warehouse];
    // a read applies the .wal as it opens the file
    expect(await runCli(submissions)).toMatchObject({ code: 0, stdout: 'ref_area,rows_accepted,observations\nGEO,243,243\nARM,246,246\n', stderr: '' });
    // the next command that writes, with room, writes the changes into the file and removes the .wal
    expect(await runCli(['build', '--warehouse', warehouse])).toMatchObject({ code: 0, stderr: expect.not.stringContaining('warning') });
    expect(readdirSync(dir).sort()).toEqual(['archive', 'warehouse.duckdb']);
    expect(await runCli(submissions)).toMatchObject({ code: 0, stdout: 'ref_area,rows_accepted,observations\nGEO,243,243\nARM,246,246\n' });
  }, 120_000);

  it.runIf(canRunAsNobody)('a warehouse file the user may write in a folder they may not: ingest and build say so before any work, exit 1 (both were an internal error at the commit, exit 3: the .wal file)', async () => {
    const dir = join(tempDir(), 'shared');
    mkdirSync(dir);
    const warehouse = join(dir, 'warehouse.duckdb');
    expect((await runCli(['ingest', join(SAMPLE, 'GEO_2025.csv'), '--warehouse', warehouse])).code).toBe(0);
    const scratch = tempDir(); // HOME and TMPDIR of the user nobody
    for (const folder of [dir, join(dir, '..'), process.env.CRIMETRENDS_TEST_TMP]) if (folder !== undefined) chmodSync(folder, 0o755);
    chmodSync(scratch, 0o777);
    chmodSync(warehouse, 0o666);
    const before = createHash('sha256').update(readFileSync(warehouse)).digest('hex');
    const expected = `error: cannot open warehouse ${warehouse} to write: permission denied [WAREHOUSE_UNREADABLE]\n`
      + 'hint: you may not write to this file or its folder (DuckDB also writes a .wal file beside it): check the owner and permissions (ls -l), or pass --warehouse a file you own\n';
    for (const args of [['ingest', join(SAMPLE, 'ARM_2025.csv')], ['build']]) {
      const result = await runCli([...args, '--warehouse', warehouse], { uid: NOBODY, env: { HOME: scratch, TMPDIR: scratch } });
      expect({ args, code: result.code, stderr: result.stderr }).toEqual({ args, code: 1, stderr: expected });
    }
    expect(createHash('sha256').update(readFileSync(warehouse)).digest('hex')).toBe(before);
    // reading needs no write: status still answers
    const status = await runCli(['status', '--year', '2025', '--warehouse', warehouse], { uid: NOBODY, env: { HOME: scratch, TMPDIR: scratch } });
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('1 returned (1 accepted, 0 rejected only), 12 missing');
  }, 120_000);
  it('an archive copy whose bytes no longer hash to its name (a damaged archive) is replaced by the offered file\'s, and said so (it was kept as the file\'s archive without a word)', async () => {
    const dir = tempDir();
    const offered = join(SAMPLE, 'GEO_2025.csv');
    const sha256 = createHash('sha256').update(readFileSync(offered)).digest('hex');
    const copy = join(dir, 'archive', sha256);
    mkdirSync(join(dir, 'archive'));
    writeFileSync(copy, 'REF_AREA,TIME_PERIOD\nGEO,20');
    const result = await runCli(['ingest', offered, '--warehouse', join(dir, 'warehouse.duckdb')]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`warning: archive ${copy} held other bytes than its name's sha256 (a damaged copy): replaced by the offered file's bytes; `
      + 'check the disk, and the other files of the archive\n');
    expect(readFileSync(copy)).toEqual(readFileSync(offered));
    // an intact copy is taken as it is, without a word
    const again = await runCli(['ingest', offered, '--warehouse', join(dir, 'second.duckdb')]);
    expect({ code: again.code, stderr: again.stderr }).toEqual({ code: 0, stderr: '' });
    expect(readdirSync(join(dir, 'archive'))).toEqual([sha256]);
  }, 60_000);
  it('a warehouse cut short that still opens (its catalogue at the start): build and report say it is damaged, exit 1, where the first read past its end was an internal error (exit 3)', async () => {
    const dir = tempDir();
    const whole = join(dir, 'warehouse.duckdb');
    const files = ['GEO_2025.csv', 'ARM_2025.csv', 'ALB_2025.csv'].map((name) => join(SAMPLE, name));
    expect((await runCli(['ingest', ...files, '--warehouse', whole])).code).toBe(0);
    expect((await runCli(['build', '--warehouse', whole])).code).toBe(0);
    // a copy that stopped at 60 % (a full disk, a network drive gone): the marts' blocks are past its end
    const cut = join(dir, 'copy.duckdb');
    const bytes = readFileSync(whole);
    const size = Math.floor(bytes.length * 0.6);
    writeFileSync(cut, bytes.subarray(0, size));
    const damaged = new RegExp(`^error: warehouse ${cut.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is damaged: the file is truncated \\(it ends at byte ${size}, DuckDB needs bytes up to \\d+\\) \\[WAREHOUSE_UNREADABLE\\]\n`
      + 'hint: the file is damaged \\(a disk fault, or a copy cut short or altered\\): restore it from a backup, or rebuild it by ingesting and importing the archived files into a new warehouse\n$');
    for (const args of [['build'], ['report', '--year', '2025', '--out', join(dir, 'review')]]) {
      const result = await runCli([...args, '--warehouse', cut]);
      expect({ args, code: result.code }).toEqual({ args, code: 1 });
      expect(result.stderr).toMatch(damaged);
    }
  }, 120_000);
  it('validate --compare on a warehouse that cannot be read (cut short, a block failing its checksum, empty, not a DuckDB database) still lists the file\'s own issues, then says which, exit 1 (a copy cut short was an internal error, exit 3, and no issue listed)', async () => {
    const dir = tempDir();
    const whole = join(dir, 'warehouse.duckdb');
    expect((await runCli(['ingest', join(SAMPLE, 'GEO_2024.csv'), join(SAMPLE, 'ARM_2024.csv'), '--warehouse', whole])).code).toBe(0);
    // the return checked: GEO's 2025 return with its first value negative
    const offered = join(dir, 'GEO_2025.csv');
    writeFileSync(offered, readFileSync(join(SAMPLE, 'GEO_2025.csv'), 'utf8').replace('\nGEO,2025,TIP_OFF,_T,_T,_T,_T,15,A,F,\n', '\nGEO,2025,TIP_OFF,_T,_T,_T,_T,-15,A,F,\n'));
    const validate = (warehouse: string) => runCli(['validate', offered, '--warehouse', warehouse], { cwd: dir });
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const damagedHint = 'hint: the file is damaged (a disk fault, or a copy cut short or altered): restore it from a backup, or rebuild it by ingesting and importing the archived files into a new warehouse\n';
    const checked = (result: CliResult) => {
      expect(result.code).toBe(1);
      expect(result.stdout.split('\n')[0]).toBe('GEO_2025.csv: 243 rows, 1 error, 0 warnings — has errors: not accepted; not compared with the warehouse, which cannot be read (see the error below)');
      expect(result.stdout).toContain('  error   GEO_2025.csv:2 column OBS_VALUE: expected a non-negative number, found "-15" [VALUE_NEGATIVE]\n');
    };
    // a copy that stopped at 60 %: its catalogue opens, the 2024 values the comparison reads are past its end
    const cut = join(dir, 'cut.duckdb');
    const bytes = readFileSync(whole);
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const truncated = await validate(cut);
    checked(truncated);
    expect(truncated.stderr).toMatch(new RegExp(`^error: warehouse ${escape(cut)} is damaged: the file is truncated \\(it ends at byte ${Math.floor(bytes.length * 0.6)}, DuckDB needs bytes up to (\\d+)\\) \\[WAREHOUSE_UNREADABLE\\]\n${escape(damagedHint)}$`));
    // the whole file with that block altered: its checksum fails where the comparison reads it
    const needed = Number(/needs bytes up to (\d+)/.exec(truncated.stderr)![1]);
    const altered = join(dir, 'altered.duckdb');
    const copy = Buffer.from(bytes);
    for (let i = needed - 1000; i < needed - 900; i++) copy[i] = copy[i]! ^ 0xff;
    writeFileSync(altered, copy);
    const checksum = await validate(altered);
    checked(checksum);
    expect(checksum.stderr).toMatch(new RegExp(`^error: warehouse ${escape(altered)} is damaged: a block at byte \\d+ does not match its checksum \\[WAREHOUSE_UNREADABLE\\]\n${escape(damagedHint)}$`));
    // found as it is attached: an empty file, and a file of another kind
    const empty = join(dir, 'empty.duckdb');
    writeFileSync(empty, '');
    const notDuckDb = join(dir, 'notes.duckdb');
    writeFileSync(notDuckDb, 'the warehouse is on the share\n');
    const zero = await validate(empty);
    checked(zero);
    expect(zero.stderr).toBe(`error: warehouse ${empty} is empty (0 bytes), not a DuckDB database [WAREHOUSE_UNREADABLE]\n`
      + 'hint: restore the warehouse from a backup, or delete the empty file and run "crimetrends ingest" or "crimetrends run" to start a new one\n');
    const other = await validate(notDuckDb);
    checked(other);
    expect(other.stderr).toBe(`error: warehouse ${notDuckDb} is not a DuckDB database [WAREHOUSE_UNREADABLE]\n`
      + 'hint: check the path: --warehouse names the .duckdb file crimetrends writes (data/warehouse.duckdb by default); a file of another kind cannot be used as the warehouse\n');
    // --json: the one document holds the file's issues and the warehouse's error
    const json = await runCli(['validate', offered, '--warehouse', cut, '--json'], { cwd: dir });
    const document = JSON.parse(json.stdout);
    expect({ code: json.code, ok: document.ok, compared: document.files[0].compared, codes: document.files[0].issues.map((i: { code: string }) => i.code), error: document.error.code })
      .toEqual({ code: 1, ok: false, compared: false, codes: ['VALUE_NEGATIVE'], error: 'WAREHOUSE_UNREADABLE' });
    // the whole warehouse compares, as before
    const compared = await validate(whole);
    expect(compared.code).toBe(1);
    expect(compared.stdout.split('\n')[0]).toBe('GEO_2025.csv: 243 rows, 1 error, 23 warnings — has errors: not accepted');
    expect(compared.stderr).toBe('');
  }, 120_000);
  it('a warehouse cut short or with a block altered, wherever the damage lies: build, ingest and import say it is damaged (exit 1), or, found as it closes, warn so; never DuckDB\'s text (a reference table past the end was "internal error: Failed to append: Current transaction is aborted", exit 3; a model over an altered block MODEL_FAILED, "fix the SQL")', async () => {
    const dir = tempDir();
    const whole = join(dir, 'warehouse.duckdb');
    const returns = readdirSync(SAMPLE).filter((name) => /_(2024|2025)\.csv$/.test(name)).map((name) => join(SAMPLE, name));
    expect((await runCli(['ingest', ...returns, '--warehouse', whole])).code).toBe(0);
    expect((await runCli(['import', 'unodc', join(PROJECT_ROOT, 'test/fixtures/import-unodc-cts/data_cts_corruption.csv'), '--warehouse', whole])).code).toBe(0);
    expect((await runCli(['build', '--warehouse', whole])).code).toBe(0);
    // a correction of GEO's return (other bytes): ingest writes it, superseding the one in the warehouse
    const correction = join(dir, 'GEO_2025.csv');
    writeFileSync(correction, readFileSync(join(SAMPLE, 'GEO_2025.csv'), 'utf8').replace('\nGEO,2025,TIP_OFF,_T,_T,_T,_T,15,A,F,\n', '\nGEO,2025,TIP_OFF,_T,_T,_T,_T,15,A,F,corrected\n'));
    const bytes = readFileSync(whole);
    const damaged: Array<[name: string, bytes: Buffer]> = [20, 40, 60, 80].map((p) => [`cut ${p} %`, bytes.subarray(0, Math.floor(bytes.length * p / 100))]);
    for (let p = 5; p < 100; p += 10) {
      // 100 bytes altered inside the block of 256 kB at p % of the file
      const copy = Buffer.from(bytes);
      const at = Math.floor(bytes.length * p / 100 / 262144) * 262144 + 5000;
      for (let i = at; i < at + 100; i++) copy[i] = copy[i]! ^ 0xff;
      damaged.push([`block at ${p} % altered`, copy]);
    }
    const commands = [['build'], ['ingest', correction], ['import', 'eurostat', join(PROJECT_ROOT, 'test/fixtures/import-eurostat/crim_off_cat.tsv')]];
    const outcomes: string[] = [];
    const wrong: unknown[] = [];
    for (const [name, content] of damaged) {
      for (const args of commands) {
        const copy = join(tempDir(), 'copy.duckdb');
        writeFileSync(copy, content);
        const result = await runCli([...args, '--warehouse', copy]);
        const said = escapeRegExp(`warehouse ${copy} is damaged: `);
        const hint = escapeRegExp('the file is damaged (a disk fault, or a copy cut short or altered): restore it from a backup, or rebuild it by ingesting and importing the archived files into a new warehouse');
        const isError = new RegExp(`^error: ${said}(the file is truncated \\(it ends at byte \\d+, DuckDB needs bytes up to \\d+\\)|a block at byte \\d+ does not match its checksum) \\[WAREHOUSE_UNREADABLE\\]\nhint: ${hint}\n$`).test(result.stderr);
        // a success (build's lines are on stderr) warns at most that the damage was found as the warehouse closed
        const warning = new RegExp(`^warning: ${said}a block at byte \\d+ does not match its checksum \\(found as it was closed\\); the warehouse's changes are in ${escapeRegExp(copy)}\\.wal and will be applied the next time it is opened; ${hint}$`);
        const isFine = result.stderr.split('\n').every((line) => warning.test(line) || !/^(warning|error|internal error|hint)\b|Error:|\bat /.test(line));
        outcomes.push(result.code === 1 ? 'error' : result.stderr.includes('warning: ') ? 'warning' : 'fine');
        if (!(result.code === 1 && isError) && !(result.code === 0 && isFine)) wrong.push({ name, command: args[0], code: result.code, stderr: result.stderr });
      }
    }
    expect(wrong).toEqual([]);
    // the damage was met: a good part of the copies stop the commands (21 of 42 here)
    expect(outcomes.filter((o) => o === 'error').length).toBeGreaterThanOrEqual(outcomes.length / 3);
  }, 300_000);

  it('an empty file (0 bytes) where the warehouse should be says so, and how to start again, for reading and writing commands (it said "not a DuckDB database", hint "check the path")', async () => {
    const dir = tempDir();
    const warehouse = join(dir, 'warehouse.duckdb');
    writeFileSync(warehouse, '');
    for (const args of [['status', '--year', '2025'], ['ingest', join(SAMPLE, 'GEO_2025.csv')]]) {
      const result = await runCli([...args, '--warehouse', warehouse]);
      expect({ args, code: result.code, stderr: result.stderr }).toEqual({
        args, code: 1,
        stderr: `error: warehouse ${warehouse} is empty (0 bytes), not a DuckDB database [WAREHOUSE_UNREADABLE]\n`
          + 'hint: restore the warehouse from a backup, or delete the empty file and run "crimetrends ingest" or "crimetrends run" to start a new one\n',
      });
    }
    expect(statSync(warehouse).size).toBe(0);
    expect(readdirSync(dir)).toEqual(['warehouse.duckdb']);
  }, 60_000);
  it('a new warehouse on a full disk (here the file size limit) cannot be created, says so, and leaves no temporary file (it was an internal error, exit 3, leaving .warehouse.duckdb.creating-<pid> and its .wal)', async () => {
    const dir = tempDir();
    const warehouse = join(dir, 'warehouse.duckdb');
    const result = await runCliLimited(200, ['ingest', join(SAMPLE, 'GEO_2025.csv'), '--warehouse', warehouse]);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: cannot create warehouse ${warehouse}: a file is larger than this process may write (the file size limit, ulimit -f) [WAREHOUSE_UNREADABLE]\n`
        + 'hint: nothing was left there: make room (or raise the file size limit), or pass --warehouse a place on a disk with room\n',
    });
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);
});
