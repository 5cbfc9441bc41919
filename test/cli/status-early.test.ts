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

// Armenia, a member of BSEC but not of the Western Balkans Six, returned for 2030 early: `status --group WB6` listed
// 2030 as a year with the six WB6 members all missing, a year to chase, though none of them was due for years.
describe('status of every year for a group none of whose members returned for a year not yet due', () => {
  it('leaves that year out, lists a year a member returned early with its missing not late yet, and keeps every year of a group that has returns', async () => {
    const warehouse = join(tempDir('status-group-'), 'warehouse.duckdb');
    const store = await openTestWarehouse(warehouse);
    await insertObservations(store, [{ ref_area: 'ARM', time_period: 2030, indicator: 'TIP_VIC', obs_value: 20 }], { received_at: '2026-01-15 00:00:00' });
    await insertObservations(store, [{ ref_area: 'SRB', time_period: 2029, indicator: 'TIP_VIC', obs_value: 31 }], { received_at: '2026-01-15 00:00:00' });
    await insertObservations(store, [{ ref_area: 'ALB', time_period: 2024, indicator: 'TIP_VIC', obs_value: 19 }], { received_at: '2025-01-15 00:00:00' });
    store.close();
    const wb6 = await runCli(['status', '--warehouse', warehouse, '--group', 'WB6']);
    expect(wb6.code).toBe(0);
    const years = wb6.stdout.split('\n').filter((l) => /^\s*20\d\d /.test(l)).map((l) => l.trim().slice(0, 4));
    expect(years).toEqual(['2029', '2024']);
    expect(wb6.stdout).toContain('(2029: the deadline (2030-01-31) is still to come: the 5 missing states are not late yet)\n');
    expect(wb6.stdout).not.toContain('(2024:');
    const json = JSON.parse((await runCli(['status', '--warehouse', warehouse, '--group', 'WB6', '--json'])).stdout) as { years: { year: number }[]; years_left_out: number[] };
    expect(json.years.map((y) => y.year)).toEqual([2029, 2024]);
    expect(json.years_left_out).toEqual([2030]);
    const bsec = await runCli(['status', '--warehouse', warehouse]);
    expect(bsec.stdout.split('\n').filter((l) => /^\s*20\d\d /.test(l)).map((l) => l.trim().slice(0, 4))).toEqual(['2030', '2029', '2024']);
  });

  it('says no member has returned yet when the warehouse holds only another group\'s early return', async () => {
    const warehouse = join(tempDir('status-group-'), 'warehouse.duckdb');
    const store = await openTestWarehouse(warehouse);
    await insertObservations(store, [{ ref_area: 'ARM', time_period: 2030, indicator: 'TIP_VIC', obs_value: 20 }], { received_at: '2026-01-15 00:00:00' });
    store.close();
    const wb6 = await runCli(['status', '--warehouse', warehouse, '--group', 'WB6']);
    expect(wb6.stdout).toBe('Returns per reporting year — WB6 (6 members)\nno return from a member of WB6 yet; the warehouse holds other states\' returns for 2030, not yet due\n');
  });
});
