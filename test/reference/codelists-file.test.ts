import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { readReference } from '../../src/io/read-reference.js';
import { openStore, type Store } from '../../src/store/index.js';
import { runCli } from '../helpers/cli.js';

let store: Store;
beforeAll(async () => (store = await openStore(':memory:')));
afterAll(() => store.close());

describe('data/reference/codelists.csv', () => {
  it('gives every code of every code list a label and a description: none is shown bare in the dictionary', async () => {
    const reference = await readReference(store, join(PROJECT_ROOT, 'data/reference'));
    expect(reference.codes.length).toBeGreaterThan(0);
    // 24 codes had no description, _Z among them
    expect(reference.codes.filter((c) => c.label.trim() === '' || c.description.trim() === '').map((c) => `${c.codelist} ${c.code}`)).toEqual([]);
  });

  it("gives _Z its SDMX meaning, not applicable, in the dictionary's COUNTERPART code list", async () => {
    const result = await runCli(['dictionary', '--format', 'md']);
    expect(result.code).toBe(0);
    // was "| _Z | Not applicable |  |"
    expect(result.stdout.split('\n').filter((line) => line.startsWith('| _Z '))).toEqual([
      "| _Z | Not applicable | The indicator has no other country: the dimension does not apply (SDMX's _Z); no total, which is _T |",
    ]);
  });
});
