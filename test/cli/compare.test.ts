import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareSources } from '../../src/analyst/index.js';
import { openStore, rebuildCurrent } from '../../src/store/index.js';
import { runCli } from '../helpers/cli.js';
import { insertObservations, openTestWarehouse, tempDir } from '../helpers/warehouse.js';

let warehouse: string;

beforeAll(async () => {
  warehouse = join(tempDir('compare-'), 'warehouse.duckdb');
  const store = await openTestWarehouse(warehouse);
  const unodc = (received_at: string) => ({ source: 'UNODC', received_at });
  // An older UNODC download, superseded by the newer one below: its values must not count.
  const old = await insertObservations(store, [{ ref_area: 'ROU', time_period: 2020, indicator: 'TIP_VIC', obs_value: 1, source: 'UNODC' }], unodc('2025-01-01 00:00:00'));
  const current = await insertObservations(
    store,
    [
      { ref_area: 'ROU', time_period: 2020, indicator: 'TIP_VIC', obs_value: 596, source: 'UNODC' },
      { ref_area: 'ROU', time_period: 2020, indicator: 'FA_SEIZED', obs_value: 200, source: 'UNODC' },
      { ref_area: 'ROU', time_period: 2021, indicator: 'TIP_VIC', obs_value: 500, source: 'UNODC' },
      { ref_area: 'SRB', time_period: 2020, indicator: 'TIP_VIC', obs_value: 0, source: 'UNODC' },
      { ref_area: 'SRB', time_period: 2020, indicator: 'FA_SEIZED', obs_value: 1258, source: 'UNODC' },
      { ref_area: 'SRB', time_period: 2020, indicator: 'TIP_VIC', sex: 'F', obs_value: 30, source: 'UNODC' },
      { ref_area: 'SRB', time_period: 2020, indicator: 'COR_OFF', obs_value: null, obs_status: 'Q', source: 'UNODC' },
      { ref_area: 'BGR', time_period: 2020, indicator: 'TIP_VIC', obs_value: 40, source: 'UNODC' },
    ],
    unodc('2026-01-01 00:00:00'),
  );
  await store.run(`update submission set outcome = 'superseded', superseded_by = ${current} where submission_id = ${old}`);
  await insertObservations(store, [
    { ref_area: 'ROU', time_period: 2020, indicator: 'TIP_VIC', obs_value: 596 }, // the same
    { ref_area: 'ROU', time_period: 2020, indicator: 'FA_SEIZED', obs_value: 280 }, // +40 %
    { ref_area: 'ROU', time_period: 2021, indicator: 'TIP_VIC', obs_value: 490, conf_status: 'C' }, // −10 units (−2 %)
  ]);
  // A later ROU return revises 2021 back to UNODC's figure: the revision wins.
  await insertObservations(store, [{ ref_area: 'ROU', time_period: 2021, indicator: 'TIP_VIC', obs_value: 500 }], { received_at: '2026-02-01 00:00:00', reporting_year: 2022 });
  await insertObservations(store, [
    { ref_area: 'SRB', time_period: 2020, indicator: 'TIP_VIC', obs_value: 3 }, // UNODC says 0
    { ref_area: 'SRB', time_period: 2020, indicator: 'FA_SEIZED', obs_value: 1248, obs_status: 'P' }, // −10 units
    { ref_area: 'SRB', time_period: 2020, indicator: 'TIP_VIC', sex: 'F', obs_value: 36, conf_status: 'C' }, // +20 %, confidential
    { ref_area: 'SRB', time_period: 2020, indicator: 'COR_OFF', obs_value: 12 }, // UNODC has no value: not compared
    { ref_area: 'SRB', time_period: 2019, indicator: 'TIP_VIC', obs_value: 10 }, // only in the return
  ]);
  // A rejected BGR return never counts.
  const rejected = await insertObservations(store, [{ ref_area: 'BGR', time_period: 2020, indicator: 'TIP_VIC', obs_value: 4000 }]);
  await store.run(`update submission set outcome = 'rejected' where submission_id = ${rejected}`);
  await rebuildCurrent(store); // outcomes were changed by hand, not through ingest
  store.close();
});

describe('compareSources', () => {
  it('lists only the series that differ, largest relative difference first, a difference from 0 ahead of all', async () => {
    const store = await openStore(warehouse, { isReadOnly: true });
    const comparison = await compareSources(store, { source: 'UNODC' }).finally(() => store.close());
    expect(comparison.compared).toBe(6);
    expect(comparison.series.map((s) => [s.ref_area, s.indicator, s.sex, s.return_value, s.source_value, s.diff_abs, s.diff_pct])).toEqual([
      ['SRB', 'TIP_VIC', '_T', 3, 0, 3, null],
      ['ROU', 'FA_SEIZED', '_T', 280, 200, 80, 40],
      ['SRB', 'TIP_VIC', 'F', 36, 30, 6, 20],
      ['SRB', 'FA_SEIZED', '_T', 1248, 1258, -10, expect.closeTo(-0.7949, 4)],
    ]);
    expect(comparison.series[3]).toMatchObject({ return_status: 'P', source_status: 'A', conf_status: 'F' });
    expect(comparison.states).toEqual([
      { ref_area: 'SRB', compared: 3, differing: 3, has_difference_from_zero: true, max_abs_pct: 20 },
      { ref_area: 'ROU', compared: 3, differing: 1, has_difference_from_zero: false, max_abs_pct: 40 },
    ]);
  });

  it('limits the comparison to --year and to the source asked for', async () => {
    const store = await openStore(warehouse, { isReadOnly: true });
    try {
      const year2021 = await compareSources(store, { source: 'UNODC', year: 2021 });
      expect(year2021).toMatchObject({ compared: 1, series: [], year: 2021 });
      const eurostat = await compareSources(store, { source: 'EUROSTAT' });
      expect(eurostat).toMatchObject({ compared: 0, series: [], states: [] });
    } finally {
      store.close();
    }
  });
});

describe('compareSources and a newer download that covers a state', () => {
  it('compares a state\'s series with the download in force for the state only: a series the newer one dropped is not compared', async () => {
    const store = await openTestWarehouse(join(tempDir('compare-in-force-'), 'warehouse.duckdb'));
    try {
      const unodc = (received_at: string) => ({ source: 'UNODC', received_at });
      await insertObservations(
        store,
        [
          { ref_area: 'ALB', time_period: 2020, indicator: 'TIP_VIC', obs_value: 10, source: 'UNODC' },
          { ref_area: 'ALB', time_period: 2020, indicator: 'TIP_OFF', obs_value: 5, source: 'UNODC' },
          { ref_area: 'MKD', time_period: 2020, indicator: 'TIP_VIC', obs_value: 8, source: 'UNODC' },
        ],
        unodc('2025-01-01 00:00:00'),
      );
      // A per-country extract for ALB: it replaces all of ALB's series (TIP_OFF 5 is no longer in force); MKD stays.
      await insertObservations(store, [{ ref_area: 'ALB', time_period: 2019, indicator: 'TIP_VIC', obs_value: 12, source: 'UNODC' }], unodc('2026-01-01 00:00:00'));
      await insertObservations(store, [
        { ref_area: 'ALB', time_period: 2020, indicator: 'TIP_VIC', obs_value: 11 },
        { ref_area: 'ALB', time_period: 2020, indicator: 'TIP_OFF', obs_value: 7 },
        { ref_area: 'ALB', time_period: 2019, indicator: 'TIP_VIC', obs_value: 12 },
      ]);
      await insertObservations(store, [{ ref_area: 'MKD', time_period: 2020, indicator: 'TIP_VIC', obs_value: 9 }]);
      const inForce = await store.all<{ ref_area: string; indicator: string; time_period: number }>(
        "select ref_area, indicator, time_period from observation where is_current and source = 'UNODC' order by all",
      );
      expect(inForce).toEqual([]); // every series has a return: observation_current shows none of UNODC's
      const all = await compareSources(store, { source: 'UNODC' });
      expect(all.compared).toBe(2); // ALB 2019 TIP_VIC (12 = 12) and MKD 2020 TIP_VIC; not ALB 2020 (superseded for ALB)
      expect(all.series.map((d) => [d.ref_area, d.time_period, d.indicator, d.return_value, d.source_value, d.diff_pct])).toEqual([['MKD', 2020, 'TIP_VIC', 9, 8, 12.5]]);
      // --year filters after the ranking: for 2020 ALB still has no download in force, so only MKD is compared
      const year2020 = await compareSources(store, { source: 'UNODC', year: 2020 });
      expect(year2020.compared).toBe(1);
      expect(year2020.series.map((d) => d.ref_area)).toEqual(['MKD']);
    } finally {
      store.close();
    }
  });
});

describe('crimetrends compare (the CLI)', () => {
  it('prints the discrepancies and a summary per state', async () => {
    const result = await runCli(['compare', '--warehouse', warehouse, '--source', 'unodc']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('Member-state returns against UNODC');
    expect(lines[1]).toBe('6 series are in both; 4 differ, largest relative difference first');
    expect(result.stdout).toMatch(/\nSRB\s+2020\s+TIP_VIC\s+total\s+3\s+0\s+\+3\s+from 0\s*\n/);
    expect(result.stdout).toMatch(/\nROU\s+2020\s+FA_SEIZED\s+total\s+280\s+200\s+\+80\s+\+40 %\s*\n/);
    expect(result.stdout).toMatch(/\nSRB\s+2020\s+TIP_VIC\s+sex F\s+36\s+30\s+\+6\s+\+20 %\s+conf C\n/);
    expect(result.stdout).toMatch(/\nSRB\s+2020\s+FA_SEIZED\s+total\s+1248\s+1258\s+-10\s+-0\.8 %\s+return P\s*\n/);
    expect(result.stdout).toMatch(/By state\n.*\n.*\nSRB\s+3\s+3\s+from 0; 20 %\nROU\s+3\s+1\s+40 %\n/);
  });

  it('prints one JSON document with --json', async () => {
    const result = await runCli(['compare', '--warehouse', warehouse, '--json', '--year', '2020']);
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout);
    expect(document).toMatchObject({ ok: true, command: 'compare', source: 'UNODC', year: 2020, compared: 5, differing: 4 });
    expect(document.series[1]).toEqual({
      ref_area: 'ROU', time_period: 2020, indicator: 'FA_SEIZED', sex: '_T', age: '_T', counterpart_area: '_T', breakdown: '_T',
      return_value: 280, source_value: 200, diff_abs: 80, diff_pct: 40, return_status: 'A', source_status: 'A', conf_status: 'F',
      return_submission_id: expect.any(Number), dataset: null,
    });
  });

  it('says so when nothing was imported to compare with', async () => {
    const result = await runCli(['compare', '--warehouse', warehouse, '--source', 'eurostat']);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/0 series/);
    expect(result.stdout).toMatch(/\nNo series is in both: nothing of Eurostat's is imported; import its data first \(crimetrends import eurostat FILE\)\.\n$/);
  });

  it('says which years each side holds when --year is outside them (UNODC imported, nothing of that year)', async () => {
    const result = await runCli(['compare', '--warehouse', warehouse, '--source', 'unodc', '--year', '2019']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('Member-state returns against UNODC for 2019\nNo series of 2019 is in both: the returns hold 2019–2021, UNODC\'s imports 2020–2021.\n');
    const document = JSON.parse((await runCli(['compare', '--warehouse', warehouse, '--json', '--year', '2025'])).stdout);
    expect(document).toMatchObject({ compared: 0, year: 2025, return_years: [2019, 2021], source_years: [2020, 2021] });
  });
});
