import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCsv } from '../../src/io/write-csv.js';
import { RETURN_COLUMNS } from '../../src/schema/return-format.js';
import type { Store } from '../../src/store/index.js';
import { buildTemplate } from '../../src/validate/build-template.js';
import type { ValidationSession } from '../../src/validate/index.js';
import { loadTestReference, tempDir } from '../helpers/warehouse.js';
import { openSession, validatePath } from './validate-helper.js';

let store: Store;
let session: ValidationSession;
beforeAll(async () => ({ store, session } = await openSession()));
afterAll(() => store.close());

describe('template', () => {
  it('lists every indicator total and the parts of each breakdown it takes', async () => {
    const reference = await loadTestReference();
    const rows = buildTemplate(reference, 'ROU', 2025);
    const series = rows.map((r) => r.slice(2, 7).join('/'));
    for (const indicator of reference.indicators) expect(series).toContain(`${indicator.code}/_T/_T/_T/_T`);
    expect(series).toContain('TIP_VIC/F/_T/_T/_T');
    expect(series).toContain('TIP_VIC/_T/Y_LT18/_T/_T');
    expect(series).toContain('TIP_VIC/_T/_T/_T/SEX_EXPL');
    expect(series).toContain('FA_SEIZED/_T/_T/_T/SMG');
    expect(series).not.toContain('FA_SEIZED/F/_T/_T/_T');
    expect(new Set(series).size).toBe(series.length);
    expect(rows.every((r) => r[0] === 'ROU' && r[1] === '2025' && r[7] === '')).toBe(true);
  });

  it('filled in consistently, validates without an error or a warning', async () => {
    const reference = await loadTestReference();
    // 120 splits evenly into 2, 3, 4, 5, 6 and 8 parts: every breakdown then adds up to its total
    const partsOf = new Map<string, number>();
    const rows = buildTemplate(reference, 'ROU', 2025);
    for (const r of rows) {
      const dim = r[3] !== '_T' ? 'SEX' : r[4] !== '_T' ? 'AGE' : r[6] !== '_T' ? 'BREAKDOWN' : 'TOTAL';
      const key = `${r[2]}/${dim}`;
      partsOf.set(key, (partsOf.get(key) ?? 0) + 1);
    }
    const filled = rows.map((r) => {
      const dim = r[3] !== '_T' ? 'SEX' : r[4] !== '_T' ? 'AGE' : r[6] !== '_T' ? 'BREAKDOWN' : 'TOTAL';
      const value = dim === 'TOTAL' ? 120 : 120 / partsOf.get(`${r[2]}/${dim}`)!;
      return [...r.slice(0, 7), String(value), ...r.slice(8)];
    });
    const path = join(tempDir(), 'ROU_2025.csv');
    writeFileSync(path, formatCsv(RETURN_COLUMNS.map((c) => c.name), filled));
    const result = await validatePath(session, path, { state: 'ROU', year: 2025 });
    expect(result.issues).toEqual([]);
    expect(result.accepted).toBe(rows.length);
  });
});
