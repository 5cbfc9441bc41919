import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RETURN_COLUMNS } from '../../src/sample/index.js';
import type { Reference } from '../../src/schema/reference.js';
import { generateReturn, loadBenchReference, writeIndicatorCodes } from '../bench/generate-return.js';
import { tempDir } from '../helpers/warehouse.js';

// The benchmark input generator lives in test/bench (never run by vitest); its determinism is checked here.
describe('benchmark return generator', () => {
  const dir = tempDir('crimetrends-bench-gen-');
  let reference: Reference;

  beforeAll(async () => {
    reference = await loadBenchReference();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the same bytes for the same seed, and the asked number of lines', async () => {
    const first = await generateReturn(join(dir, 'a.csv'), reference, { rows: 1_000 });
    const second = await generateReturn(join(dir, 'b.csv'), reference, { rows: 1_000 });
    await generateReturn(join(dir, 'c.csv'), reference, { rows: 1_000, seed: 7 });
    const bytes = readFileSync(join(dir, 'a.csv'));
    expect(bytes.equals(readFileSync(join(dir, 'b.csv')))).toBe(true);
    expect(bytes.equals(readFileSync(join(dir, 'c.csv')))).toBe(false);
    expect(second).toEqual({ ...first, path: join(dir, 'b.csv') });

    const lines = bytes.toString('utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(1 + 1_000);
    expect(lines[0]).toBe(RETURN_COLUMNS.join(','));
    expect(first.bytes).toBe(bytes.length);
    expect(first.bad.unknownIndicator + first.bad.negative + first.bad.notInteger + first.bad.notNumeric).toBe(1);
    expect(first.duplicates.differentValue + first.duplicates.sameValue).toBe(25);
  });

  it('keeps valid rows inside the catalogue and the code lists the pandas peer hard-codes', async () => {
    await generateReturn(join(dir, 'd.csv'), reference, { rows: 20_000, seed: 3 });
    writeIndicatorCodes(join(dir, 'codes.txt'), reference);
    const codes = new Set(readFileSync(join(dir, 'codes.txt'), 'utf8').trim().split('\n'));
    expect(codes).toEqual(new Set(reference.indicators.map((i) => i.code)));
    const rows = readFileSync(join(dir, 'd.csv'), 'utf8').trim().split('\n').slice(1);
    const valid = rows.filter((line) => codes.has(line.split(',')[2]!) && /^\d+,/.test(line.split(',')[7] + ','));
    expect(rows.length - valid.length).toBe(20);
    const seen = (column: number): Set<string> => new Set(valid.map((line) => line.split(',')[column]!));
    expect(Math.min(...[...seen(1)].map(Number))).toBeGreaterThanOrEqual(2006);
    expect([...seen(3)].sort()).toEqual(['F', 'M', '_T', '_U']);
    expect([...seen(4)].sort()).toEqual(['Y_GE18', 'Y_LT18', '_T']);
    expect([...seen(8)].sort()).toEqual(['A', 'E', 'P']);
    expect([...seen(9)].sort()).toEqual(['C', 'F', 'N']);
  });
});
