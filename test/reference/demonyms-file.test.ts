import { appendFileSync, cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { readReference } from '../../src/io/read-reference.js';
import { openStore, type Store } from '../../src/store/index.js';
import { tempDir } from '../helpers/warehouse.js';

let store: Store;
beforeAll(async () => (store = await openStore(':memory:')));
afterAll(() => store.close());

describe('data/reference/demonyms.csv', () => {
  it('is read with the other reference files, one row per country and language', async () => {
    const reference = await readReference(store, join(PROJECT_ROOT, 'data/reference'));
    expect(reference.demonyms.find((d) => d.iso3 === 'ARG')).toMatchObject({ language: 'spa', masculine: 'argentino', feminine: 'argentina' });
  });

  it('a row of a language the resolver does not read, or a code that is no alpha-3, is REFERENCE_INVALID at its line and column', async () => {
    const dir = join(tempDir(), 'reference');
    cpSync(join(PROJECT_ROOT, 'data/reference'), dir, { recursive: true });
    const line = readFileSync(join(dir, 'demonyms.csv'), 'utf8').trimEnd().split('\n').length + 1;
    appendFileSync(join(dir, 'demonyms.csv'), 'ARG,deu,argentinisch,argentinisch,\n');
    await expect(readReference(store, dir, dir)).rejects.toMatchObject({
      code: 'REFERENCE_INVALID',
      exitCode: 2,
      location: { file: 'demonyms.csv', line, column: 'language' },
    });
  });
});
