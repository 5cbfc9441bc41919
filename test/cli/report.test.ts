import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { openTestWarehouse, tempDir } from '../helpers/warehouse.js';
import { buildReviewWarehouse } from '../report/helpers/review-warehouse.js';

let warehouse: string;

beforeAll(async () => {
  warehouse = await buildReviewWarehouse();
}, 180_000);

describe('crimetrends report', () => {
  it('writes the review and prints one JSON document with --json', async () => {
    const out = join(tempDir(), 'review');
    const result = await runCli(['report', '--year', '2025', '--warehouse', warehouse, '--out', out, '--json']);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as { ok: boolean; command: string; outputs: string[]; snapshot: string; statePages: number; pdf: null };
    expect(doc).toMatchObject({ ok: true, command: 'report', statePages: 13, pdf: null });
    expect(doc.snapshot).toMatch(/^[0-9a-f]{64}$/);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain(doc.snapshot);
  }, 120_000);

  it('covers another group with --group', async () => {
    const out = join(tempDir(), 'wb6');
    const result = await runCli(['report', '--year', '2025', '--group', 'WB6', '--warehouse', warehouse, '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/index\.html$/);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('Western Balkans Six');
  }, 120_000);

  it('refuses an unknown group (exit 2) and a warehouse without marts (exit 1), with a hint', async () => {
    const unknown = await runCli(['report', '--year', '2025', '--group', 'NOPE', '--warehouse', warehouse, '--out', join(tempDir(), 'x')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('error: --group NOPE: expected one of BSEC, SEECP, WB6 [GROUP_UNKNOWN]\n');
    const empty = await openTestWarehouse();
    const path = empty.path;
    empty.close();
    const unbuilt = await runCli(['report', '--year', '2025', '--warehouse', path, '--out', join(tempDir(), 'y')]);
    expect(unbuilt.code).toBe(1);
    expect(unbuilt.stderr).toMatch(/no marts yet.*\[MARTS_MISSING\]/);
    expect(unbuilt.stderr).toMatch(/hint: run "crimetrends build"/);
  }, 120_000);
});
