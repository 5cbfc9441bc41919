import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openLockedWarehouse } from '../../src/store/index.js';
import { insertObservations, openTestWarehouse, tempDir } from '../helpers/warehouse.js';

// The second line of defence of `crimetrends query`: even a statement that got past checkReadOnlySql cannot write.
let warehouse: string;
const hash = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

beforeAll(async () => {
  warehouse = join(tempDir('locked-'), 'warehouse.duckdb');
  const store = await openTestWarehouse(warehouse);
  await insertObservations(store, [{ ref_area: 'ROU', time_period: 2024, indicator: 'TIP_VIC', obs_value: 596 }]);
  await store.run('checkpoint');
  store.close();
});

describe('openLockedWarehouse', () => {
  it('refuses, at the engine, writes to the warehouse, other files, extensions and settings', async () => {
    const before = hash(warehouse);
    const side = tempDir('locked-side-');
    const store = await openLockedWarehouse(warehouse);
    const attempts: Array<[string, RegExp]> = [
      ['drop table observation', /read-only/],
      ['insert into observation select * from observation', /read-only/],
      [`copy (select 1) to '${join(side, 'x.csv')}'`, /Permission Error/],
      [`export database '${join(side, 'export')}'`, /Permission Error/],
      [`attach '${join(side, 'other.duckdb')}' as other`, /Permission Error/],
      ["install httpfs", /Permission Error|disabled|not allowed/i],
      ['set enable_external_access = true', /configuration has been locked/],
      ['set lock_configuration = false', /configuration has been locked/],
      ['set autoinstall_known_extensions = true', /configuration has been locked/],
    ];
    try {
      for (const [sql, error] of attempts) await expect(store.run(sql), sql).rejects.toThrow(error);
      expect(await store.all('select obs_value from observation')).toEqual([{ obs_value: 596 }]);
    } finally {
      store.close();
    }
    expect(hash(warehouse)).toBe(before);
    for (const name of ['x.csv', 'export', 'other.duckdb']) expect(existsSync(join(side, name)), name).toBe(false);
  });

  it('lets the tool write exactly the paths it names, nothing else', async () => {
    const side = tempDir('locked-out-');
    const allowed = join(side, 'out.parquet');
    const store = await openLockedWarehouse(warehouse, { writablePaths: [allowed] });
    try {
      await store.run(`copy (select 1 as x) to '${allowed}' (format parquet)`);
      await expect(store.run(`copy (select 1 as x) to '${join(side, 'other.parquet')}' (format parquet)`)).rejects.toThrow(/Permission Error/);
    } finally {
      store.close();
    }
    expect(existsSync(allowed)).toBe(true);
    expect(existsSync(join(side, 'other.parquet'))).toBe(false);
  });
});
