import { cpSync, readdirSync, appendFileSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { readReference } from '../../src/io/read-reference.js';
import { openStore, type Store } from '../../src/store/index.js';
import { tempDir } from '../helpers/warehouse.js';

let store: Store;
beforeAll(async () => (store = await openStore(':memory:')));
afterAll(() => store.close());

const copyReference = (): string => {
  const dir = join(tempDir(), 'reference');
  cpSync(join(PROJECT_ROOT, 'data/reference'), dir, { recursive: true });
  return dir;
};

describe('readReference', () => {
  it('reads the same rows, lines and hash in one query as file by file (a trailing blank line forces the latter)', async () => {
    const fast = await readReference(store, join(PROJECT_ROOT, 'data/reference'));
    const dir = copyReference();
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.csv'))) appendFileSync(join(dir, name), '\n');
    const slow = await readReference(store, dir);
    expect(slow).toEqual(fast);
    expect((fast.states.find((s) => s.iso3 === 'MDA') as unknown as { line: number }).line).toBe(8);
  });

  it('names the file, line and column of a broken cell', async () => {
    const dir = copyReference();
    const path = join(dir, 'indicators.csv');
    writeFileSync(path, readFileSync(path, 'utf8').replace('TIP_SUS,TIP,', 'TIP_SUS,TIP,').replace(/^(TIP_PRS,TIP,[^\n]*?),NR,/m, '$1,LITRES,'));
    await expect(readReference(store, dir, dir)).rejects.toMatchObject({
      code: 'REFERENCE_INVALID',
      exitCode: 2,
      location: { file: 'indicators.csv', line: 4, column: 'unit' },
    });
  });

  it('sends the user to fix the folder it read, a reference folder of their own or data/reference/ (it named data/reference/ for both)', async () => {
    const dir = copyReference();
    const path = join(dir, 'indicators.csv');
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^TIP_SUS,TIP,/m, 'TIP_SUS,ZZZ,'));
    await expect(readReference(store, dir, join(dir, '..'))).rejects.toMatchObject({
      code: 'REFERENCE_INVALID',
      message: 'reference data is invalid:\nreference/indicators.csv:3 column area: expected an area of areas.csv, found "ZZZ" [REFERENCE_INVALID]',
      hint: 'fix the reference files in reference/ (they are CSV, one row per entry)',
    });
    const project = tempDir();
    cpSync(dir, join(project, 'data/reference'), { recursive: true });
    await expect(readReference(store, join(project, 'data/reference'), project)).rejects.toMatchObject({
      hint: 'fix the reference files in data/reference/ (they are CSV, one row per entry)',
    });
  });

  it('names the files a reference folder of the user\'s own lacks (a newer version reads more: was an internal error, exit 3)', async () => {
    const dir = copyReference();
    rmSync(join(dir, 'demonyms.csv'));
    rmSync(join(dir, 'country_aliases.csv'));
    await expect(readReference(store, dir, dir)).rejects.toMatchObject({
      code: 'REFERENCE_INVALID',
      exitCode: 2,
      message: 'reference data is incomplete: no such file (the reference folder lacks country_aliases.csv, demonyms.csv)',
      location: { file: 'country_aliases.csv' },
      hint: "a reference folder holds every file of data/reference/ (12 files): copy the missing ones from this version's data/reference/",
    });
  });
});
