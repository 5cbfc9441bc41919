import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { insertObservations, openTestWarehouse, tempDir } from '../helpers/warehouse.js';

// Armenia's return for a year whose deadline is years away (2030, due 2031-01-31): status listed the twelve other
// members as "missing", red, as if the coordinator had to chase them; it now says they are not late yet.
describe('status for a year whose deadline is still to come', () => {
  it('says the missing states are not late yet, and not for a year whose deadline has passed', async () => {
    const warehouse = join(tempDir('status-early-'), 'warehouse.duckdb');
    const store = await openTestWarehouse(warehouse);
    await insertObservations(store, [{ ref_area: 'ARM', time_period: 2030, indicator: 'TIP_VIC', obs_value: 20 }], { received_at: '2026-01-15 00:00:00' });
    await insertObservations(store, [{ ref_area: 'ARM', time_period: 2024, indicator: 'TIP_VIC', obs_value: 19 }], { received_at: '2025-01-15 00:00:00' });
    store.close();
    const early = await runCli(['status', '--warehouse', warehouse, '--year', '2030']);
    expect(early.code).toBe(0);
    expect(early.stdout.split('\n').slice(0, 3)).toEqual([
      'Returns for 2030 — BSEC (13 members), deadline 2031-01-31',
      '1 returned (1 accepted, 0 rejected only), 12 missing, 0 late',
      'the deadline (2031-01-31) is still to come: the 12 missing states are not late yet',
    ]);
    const past = await runCli(['status', '--warehouse', warehouse, '--year', '2024']);
    expect(past.stdout).not.toContain('still to come');
  });
});
