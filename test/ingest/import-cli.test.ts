import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { importFixture } from '../helpers/import.js';
import { tempDir } from '../helpers/warehouse.js';

let dir: string;
let common: string[];
beforeAll(() => {
  dir = tempDir();
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ archive: join(dir, 'archive') }));
  common = ['--warehouse', join(dir, 'warehouse.duckdb'), '--config', join(dir, 'config.json')];
});

describe('crimetrends import (CLI)', () => {
  it('prints one JSON document with the counts per file; the same file again is a duplicate', async () => {
    const file = importFixture('eurostat', 'crim_off_cat.tsv');
    const first = await runCli(['import', 'eurostat', file, '--json', ...common]);
    expect(first.code).toBe(0);
    const doc = JSON.parse(first.stdout) as { ok: boolean; command: string; files: Array<Record<string, unknown>> };
    expect(doc).toMatchObject({ ok: true, command: 'import', source: 'eurostat' });
    expect(doc.files).toEqual([
      expect.objectContaining({
        file: 'crim_off_cat.tsv', source: 'EUROSTAT', dataset: 'crim_off_cat', status: 'imported', rows: 42, loaded: 17,
        skipped: { missing: 5, aggregate: 3, rate: 3 }, unmapped: 9, unreadable: 5, issueCount: 25,
      }),
    ]);
    const again = await runCli(['import', 'eurostat', file, ...common]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/crim_off_cat\.tsv: duplicate of submission 1 \(EUROSTAT crim_off_cat, received .+\): nothing to do/);
  });

  it('imports the good files, refuses the bad one with a located one-line error, and exits 1', async () => {
    const result = await runCli([
      'import', 'worldbank', importFixture('worldbank', 'population.csv'), importFixture('worldbank', 'wide.csv'), ...common,
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/population\.csv: imported as submission \d+ \(WORLDBANK SP\.POP\.TOTL\)/);
    expect(result.stdout).toMatch(/9 rows: 5 loaded, 3 skipped, 0 unmapped, 1 unreadable/);
    expect(result.stdout).toMatch(/1 imported, 0 duplicates, 1 failed/);
    expect(result.stderr).toMatch(/^error: wide\.csv:1 column Year: expected a column "Year" .*\[IMPORT_COLUMN_MISSING\]\nhint: this is the wide World Bank download/m);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 for a file that does not exist, before writing anything', async () => {
    const result = await runCli(['import', 'unodc', join(dir, 'nope.csv'), ...common]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/nope\.csv: no such file \[SOURCE_MISSING\]/);
  });
});
