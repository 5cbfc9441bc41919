import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { BIN, type CliResult } from '../helpers/cli.js';
import { openTestWarehouse, tempDir } from '../helpers/warehouse.js';

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
});
