import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

  it('warns of a --year before every figure the warehouse holds as of a review with no figure at all, not "earlier years only"', async () => {
    // the warehouse holds 2019–2025: 2010 has no year of figures before it either
    const early = await runCli(['report', '--year', '2010', '--warehouse', warehouse, '--out', join(tempDir(), 'early')]);
    expect(early.code).toBe(0);
    expect(early.stderr).toContain('warning: no member of BSEC has figures for 2010 or the years before it: the review holds no figure at all and shows every return for 2010 as missing (check --year against crimetrends status)\n');
    expect(early.stderr).not.toContain('earlier years only');
  }, 120_000);

  it('covers another group with --group', async () => {
    const out = join(tempDir(), 'wb6');
    const result = await runCli(['report', '--year', '2025', '--group', 'WB6', '--warehouse', warehouse, '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${join(out, 'index.html')}\n`); // absolute outside the working folder, as run prints it
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

  it('refuses a folder holding a data/ or assets/ of its own (a project folder given as --out .), writing and deleting nothing', async () => {
    const project = tempDir('report-project-');
    mkdirSync(join(project, 'data'));
    writeFileSync(join(project, 'data', 'warehouse.duckdb'), 'the coordinator\'s warehouse');
    mkdirSync(join(project, 'assets'));
    writeFileSync(join(project, 'assets', 'logo.png'), 'logo');
    const result = await runCli(['report', '--year', '2025', '--warehouse', warehouse, '--out', '.'], { cwd: project });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('error: --out .: the folder holds data, assets, which writing a review would replace, and no earlier review (no index.html written by crimetrends): nothing written [OUT_EXISTS]\n'
      + 'hint: choose a new or empty folder (e.g. --out reports/2025), or move those entries away first\n');
    expect(readFileSync(join(project, 'data', 'warehouse.duckdb'), 'utf8')).toBe('the coordinator\'s warehouse');
    expect(readFileSync(join(project, 'assets', 'logo.png'), 'utf8')).toBe('logo');
    expect(existsSync(join(project, 'index.html'))).toBe(false);
    // a file given for the folder: a usage error, not an internal one
    writeFileSync(join(project, 'review.txt'), 'x');
    const file = await runCli(['report', '--year', '2025', '--warehouse', warehouse, '--out', 'review.txt'], { cwd: project });
    expect(file.code).toBe(2);
    expect(file.stderr).toMatch(/^error: --out review\.txt: is a file; a review is a folder of pages \[OUT_UNWRITABLE\]\n/);
  }, 120_000);
});
