import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { BIN, runCli } from '../helpers/cli.js';
import { exited, spawnCli } from '../helpers/spawn-cli.js';
import { tempDir } from '../helpers/warehouse.js';
import { buildReviewWarehouse } from '../report/helpers/review-warehouse.js';

let warehouse: string;

beforeAll(async () => {
  warehouse = await buildReviewWarehouse();
}, 180_000);

/** Returns the sha256 of every file under `dir` (hidden ones included), by path. */
function tree(dir: string): Record<string, string> {
  const files: Array<[string, string]> = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile()) files.push([path.slice(dir.length + 1), createHash('sha256').update(readFileSync(path)).digest('hex')]);
  }
  return Object.fromEntries(files.sort(([a], [b]) => a.localeCompare(b)));
}

/** Returns the hidden entries of `dirs`: a staging or set-aside folder left behind. */
const hidden = (...dirs: string[]): string[] => dirs.flatMap((dir) => (existsSync(dir) ? readdirSync(dir).filter((name) => name.startsWith('.')) : []));

/** Resolves once the child has written `pattern` to stderr, and returns all it writes there. */
function stderrOf(child: ChildProcess, pattern: RegExp): { text: string; seen: Promise<void> } {
  const out = { text: '', seen: Promise.resolve() };
  out.seen = new Promise((resolve) => {
    child.stderr!.on('data', (d: Buffer) => {
      out.text += d.toString();
      if (pattern.test(out.text)) resolve();
    });
  });
  return out;
}

describe('report: the review folder holds the earlier review or the new one, whole, never a mix', () => {
  it('a write failing partway (a file larger than the size limit, which root cannot lift) leaves the earlier review whole; the next run writes it byte for byte', async () => {
    const parent = tempDir();
    const out = join(parent, 'review');
    // the earlier review: another group's, so that it cannot be mistaken for the one that failed
    expect((await runCli(['report', '--year', '2025', '--group', 'WB6', '--warehouse', warehouse, '--out', out])).code).toBe(0);
    const before = tree(out);
    expect(Object.keys(before).length).toBeGreaterThan(50);

    // ulimit -f 1000: no file over 512 kB (index.html and the Vega bundle are larger); the smaller ones are written first
    const child = spawn('/bin/sh', ['-c', 'ulimit -f 1000 && exec "$0" "$@"', process.execPath, BIN, 'report', '--year', '2025', '--warehouse', warehouse, '--out', out], {
      cwd: PROJECT_ROOT, env: { ...process.env, NO_COLOR: '1', TZ: 'UTC' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stderr = stderrOf(child, /$^/);
    expect((await exited(child)).code).toBe(2);
    // before: internal error (exit 3), the old review's files deleted and the new one's written up to the large file
    expect(stderr.text).toBe(`error: --out ${out}: cannot write the review: a file is larger than this process may write (the file size limit, ulimit -f); the folder is as it was [OUT_UNWRITABLE]\n`
      + 'hint: check the path, that the folder is writable and that the disk has room\n');
    expect(tree(out)).toEqual(before);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('Western Balkans Six');
    expect(hidden(parent, out)).toEqual([]);

    // the same command without the limit, in the folder that now also holds a file of the user's: that stays, and the
    // review is the one a new folder gets, byte for byte
    writeFileSync(join(out, 'notes.txt'), 'sent to the focal points on 3 February\n');
    expect((await runCli(['report', '--year', '2025', '--warehouse', warehouse, '--out', out])).code).toBe(0);
    const fresh = join(parent, 'fresh');
    expect((await runCli(['report', '--year', '2025', '--warehouse', warehouse, '--out', fresh])).code).toBe(0);
    const { 'notes.txt': notes, ...written } = tree(out);
    expect(written).toEqual(tree(fresh));
    expect(written).not.toEqual(before);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('sent to the focal points on 3 February\n');
    expect(notes).toBeDefined();
    expect(readdirSync(parent).sort()).toEqual(['fresh', 'review']);
  }, 180_000);

  it('Ctrl-C before the review is in place: exit 130, one line, the earlier review as it was (report exited silently)', async () => {
    const parent = tempDir();
    const out = join(parent, 'review');
    expect((await runCli(['report', '--year', '2025', '--group', 'WB6', '--warehouse', warehouse, '--out', out])).code).toBe(0);
    const before = tree(out);
    const child = spawnCli(['report', '--year', '2025', '--debug', '--warehouse', warehouse, '--out', out]);
    // the model is read; the charts are being drawn, and nothing is written yet
    const stderr = stderrOf(child, /debug: report: model read/);
    await stderr.seen;
    child.kill('SIGINT');
    expect((await exited(child)).code).toBe(130);
    expect(stderr.text).toMatch(new RegExp(`\\ninterrupted: nothing written to ${out} \\(the folder is as it was\\); run the same command again\\n$`));
    expect(tree(out)).toEqual(before);
    expect(hidden(parent, out)).toEqual([]);
  }, 180_000);
});
