import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareSources } from '../../src/analyst/index.js';
import { migrate, openStore, rebuildCurrent } from '../../src/store/index.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
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
      { ref_area: 'ROU', time_period: 2020, indicator: 'FA_SEIZED', obs_value: 200, source: 'UNODC', comment: 'UNODC: seized by the police only' },
      { ref_area: 'ROU', time_period: 2021, indicator: 'TIP_VIC', obs_value: 500, source: 'UNODC' },
      { ref_area: 'SRB', time_period: 2020, indicator: 'TIP_VIC', obs_value: 0, source: 'UNODC' },
      { ref_area: 'SRB', time_period: 2020, indicator: 'FA_SEIZED', obs_value: 1258, source: 'UNODC' },
      { ref_area: 'SRB', time_period: 2020, indicator: 'TIP_VIC', sex: 'F', obs_value: 30, source: 'UNODC' },
      { ref_area: 'SRB', time_period: 2020, indicator: 'COR_OFF', obs_value: null, obs_status: 'Q', source: 'UNODC', published_text: '<5' },
      { ref_area: 'ROU', time_period: 2020, indicator: 'COR_OFF', obs_value: null, obs_status: 'Q', source: 'UNODC', published_text: '<5' },
      { ref_area: 'BGR', time_period: 2020, indicator: 'TIP_VIC', obs_value: 40, source: 'UNODC' },
      { ref_area: 'MKD', time_period: 2020, indicator: 'TIP_VIC', obs_value: 15, source: 'UNODC' },
      { ref_area: 'MKD', time_period: 2020, indicator: 'TIP_VIC', sex: 'F', obs_value: null, obs_status: 'Q', source: 'UNODC', published_text: '<5' },
    ],
    unodc('2026-01-01 00:00:00'),
  );
  await store.run(`update submission set outcome = 'superseded', superseded_by = ${current} where submission_id = ${old}`);
  await insertObservations(store, [
    { ref_area: 'ROU', time_period: 2020, indicator: 'TIP_VIC', obs_value: 596 }, // the same
    { ref_area: 'ROU', time_period: 2020, indicator: 'FA_SEIZED', obs_value: 280 }, // +40 %
    { ref_area: 'ROU', time_period: 2020, indicator: 'COR_OFF', obs_value: 3 }, // UNODC's "<5": agrees
    { ref_area: 'ROU', time_period: 2021, indicator: 'TIP_VIC', obs_value: 490, conf_status: 'C' }, // −10 units (−2 %)
  ]);
  // A later ROU return revises 2021 back to UNODC's figure: the revision wins.
  await insertObservations(store, [{ ref_area: 'ROU', time_period: 2021, indicator: 'TIP_VIC', obs_value: 500 }], { received_at: '2026-02-01 00:00:00', reporting_year: 2022 });
  await insertObservations(store, [
    { ref_area: 'SRB', time_period: 2020, indicator: 'TIP_VIC', obs_value: 3 }, // UNODC says 0
    { ref_area: 'SRB', time_period: 2020, indicator: 'FA_SEIZED', obs_value: 1248, obs_status: 'P' }, // −10 units
    { ref_area: 'SRB', time_period: 2020, indicator: 'TIP_VIC', sex: 'F', obs_value: 36, conf_status: 'C' }, // +20 %, confidential
    { ref_area: 'SRB', time_period: 2020, indicator: 'COR_OFF', obs_value: 12 }, // UNODC's "<5": 12 contradicts it
    { ref_area: 'SRB', time_period: 2019, indicator: 'TIP_VIC', obs_value: 10 }, // only in the return
  ]);
  // Internal use only, and equal to UNODC's: "none differs" would give the value away as surely as the value itself.
  // Its women, beside UNODC's "<5", would give it back with the men: never listed as suppressed either.
  await insertObservations(store, [
    { ref_area: 'MKD', time_period: 2020, indicator: 'TIP_VIC', obs_value: 15, conf_status: 'N' },
    { ref_area: 'MKD', time_period: 2020, indicator: 'TIP_VIC', sex: 'F', obs_value: 9 },
  ]);
  // Albania's return has no series in UNODC's imports: said under the per-state table, where it was in no table at all.
  await insertObservations(store, [{ ref_area: 'ALB', time_period: 2020, indicator: 'TIP_VIC', obs_value: 5 }]);
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
    expect(comparison.compared).toBe(5);
    expect(comparison.series.map((s) => [s.ref_area, s.indicator, s.sex, s.return_value, s.source_value, s.diff_abs, s.diff_pct])).toEqual([
      ['SRB', 'TIP_VIC', '_T', 3, 0, 3, null],
      ['ROU', 'FA_SEIZED', '_T', 280, 200, 80, 40],
      ['SRB', 'FA_SEIZED', '_T', 1248, 1258, -10, expect.closeTo(-0.7949, 4)],
    ]);
    expect(comparison.series[2]).toMatchObject({ return_status: 'P', source_status: 'A', conf_status: 'F' });
    expect(comparison.states).toEqual([
      { ref_area: 'SRB', compared: 2, differing: 2, has_difference_from_zero: true, max_abs_pct: expect.closeTo(0.7949, 4), withheld: 1, source_suppressed: 1, contradicting: 1 },
      { ref_area: 'ROU', compared: 3, differing: 1, has_difference_from_zero: false, max_abs_pct: 40, withheld: 0, source_suppressed: 1, contradicting: 0 },
      { ref_area: 'MKD', compared: 0, differing: 0, has_difference_from_zero: false, max_abs_pct: null, withheld: 1, source_suppressed: 0, contradicting: 0 },
    ]);
  });

  it('holds a return against UNODC\'s "<5": 12 contradicts it, 3 agrees with it (it said "suppressed" and compared neither)', async () => {
    const store = await openStore(warehouse, { isReadOnly: true });
    const comparison = await compareSources(store, { source: 'UNODC' }).finally(() => store.close());
    const key = { time_period: 2020, indicator: 'COR_OFF', sex: '_T', age: '_T', counterpart_area: '_T', breakdown: '_T' };
    expect(comparison.source_suppressed).toEqual([{
      ref_area: 'SRB', ...key,
      return_value: 12, source_value: null, return_status: 'A', source_status: 'Q', conf_status: 'F',
      return_submission_id: expect.any(Number), return_reporting_year: 2020, dataset: null, source_submission_id: expect.any(Number), source_comment: null,
      return_comment: null, source_text: '<5', verdict: 'contradicts',
    }, expect.objectContaining({ ref_area: 'ROU', ...key, return_value: 3, source_value: null, source_text: '<5', verdict: 'agrees' })]);
    expect(comparison.contradicting).toBe(1);
    expect(comparison.series.some((s) => s.indicator === 'COR_OFF')).toBe(false);
  });

  it('withholds a confidential (C) or internal (N) return value: its series listed with the imported value only, counted nowhere', async () => {
    const store = await openStore(warehouse, { isReadOnly: true });
    const comparison = await compareSources(store, { source: 'UNODC' }).finally(() => store.close());
    expect(comparison.confidential_included).toBe(0);
    expect(comparison.withheld.map((s) => [s.ref_area, s.indicator, s.sex, s.return_value, s.source_value, s.conf_status])).toEqual([
      ['MKD', 'TIP_VIC', '_T', null, 15, 'N'],
      ['SRB', 'TIP_VIC', 'F', null, 30, 'C'],
    ]);
    // neither 36 nor what comes of it (the difference +6, the 20 %, SRB's largest %) is anywhere in the result
    expect(JSON.stringify(comparison)).not.toContain('36');
    expect(comparison.withheld[1]).not.toHaveProperty('diff_abs');
    expect(comparison.series.some((s) => s.ref_area === 'SRB' && s.sex === 'F')).toBe(false);
    expect(comparison.states.map((s) => s.max_abs_pct)).not.toContain(20);
  });

  it('compares confidential values too with includeConfidential, and counts them', async () => {
    const store = await openStore(warehouse, { isReadOnly: true });
    const comparison = await compareSources(store, { source: 'UNODC', includeConfidential: true }).finally(() => store.close());
    expect(comparison).toMatchObject({ compared: 7, withheld: [], confidential_included: 2 });
    expect(comparison.series.map((s) => [s.ref_area, s.indicator, s.sex, s.return_value, s.source_value, s.diff_pct, s.conf_status])).toEqual([
      ['SRB', 'TIP_VIC', '_T', 3, 0, null, 'F'],
      ['ROU', 'FA_SEIZED', '_T', 280, 200, 40, 'F'],
      ['SRB', 'TIP_VIC', 'F', 36, 30, 20, 'C'],
      ['SRB', 'FA_SEIZED', '_T', 1248, 1258, expect.closeTo(-0.7949, 4), 'F'],
    ]);
    expect(comparison.states.map((s) => [s.ref_area, s.compared, s.differing, s.max_abs_pct, s.withheld])).toEqual([
      ['SRB', 3, 3, 20, 0],
      ['ROU', 3, 1, 40, 0],
      ['MKD', 1, 0, null, 0],
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

describe('crimetrends compare and a "<5" imported before migration 8', () => {
  it('upgrades the warehouse in place; the old import\'s suppressed value, its text not kept, stays "suppressed" and not compared, beside one with "<5"', async () => {
    const path = join(tempDir('compare-old-text-'), 'warehouse.duckdb');
    // the warehouse as schema 7 left it: a UNODC import whose "<5" is status Q, no value, no text
    const old = await openStore(path);
    await migrate(old, MIGRATIONS.filter((m) => m.version <= 7));
    await old.run(`insert into submission values (1, 'UNODC', 'GLOTIP', null, null, 'data_glotip.xlsx', 'sha1', 0, '2026-01-01 00:00:00', 'accepted', null, 1, 1, 0, 0, 'old', null, null)`);
    await old.run(`insert into observation (submission_id, line, ref_area, time_period, indicator, sex, age, counterpart_area, breakdown,
        obs_value, obs_status, conf_status, comment, source, is_current) values (1, 5, 'GEO', 2020, 'TIP_VIC', '_T', '_T', '_T', '_T', null, 'Q', 'F', null, 'UNODC', true)`);
    old.close();
    const store = await openTestWarehouse(path); // a writing command's open: migration 8 runs
    try {
      expect(await store.all('select version from schema_migration where version = 8')).toEqual([{ version: 8 }]);
      expect(await store.all("select obs_status, published_text from observation where source = 'UNODC'")).toEqual([{ obs_status: 'Q', published_text: null }]);
      // a later download for another state, imported with its "<5" kept
      await insertObservations(store, [{ ref_area: 'ARM', time_period: 2020, indicator: 'TIP_VIC', obs_value: null, obs_status: 'Q', source: 'UNODC', published_text: '<5' }], { source: 'UNODC' });
      await insertObservations(store, [{ ref_area: 'GEO', time_period: 2020, indicator: 'TIP_VIC', obs_value: 7 }]);
      await insertObservations(store, [{ ref_area: 'ARM', time_period: 2020, indicator: 'TIP_VIC', obs_value: 7 }]);
    } finally {
      store.close();
    }
    const result = await runCli(['compare', '--warehouse', path, '--source', 'unodc']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('No series has a figure on both sides; 2 more suppressed by UNODC (below), 1 of which contradicts UNODC\'s "<5"\n');
    expect(result.stdout).toContain('\nSuppressed by UNODC\n2 series in both have no UNODC figure: 1 has UNODC\'s "<5", a small count published as a bound: a return of 5 or more contradicts it '
      + '(one of the two is wrong, or the series differ), one below 5 agrees with it; 1 contradicts it, 0 agree; 1 has no bound either (status Q: a small count UNODC publishes as "<5", '
      + 'imported before crimetrends kept what was published; import the download into a new warehouse to compare it), so it is not compared; the return\'s value is shown, to be set against that\n');
    expect(readTables(result.stdout)[0]).toEqual([
      ['state', 'year', 'indicator', 'dimensions', 'return', 'UNODC', 'return against it', 'flags'],
      ['ARM', '2020', 'TIP_VIC', 'total', '7', '<5', 'contradicts', ''],
      ['GEO', '2020', 'TIP_VIC', 'total', '7', 'suppressed', 'not compared', ''],
    ]);
  });
});

describe('crimetrends compare (the CLI)', () => {
  it('prints the discrepancies and a summary per state', async () => {
    const result = await runCli(['compare', '--warehouse', warehouse, '--source', 'unodc']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('Member-state returns against UNODC');
    expect(lines[1]).toBe("5 series are in both; 3 differ, largest relative difference first; 2 more withheld (below), the return's value confidential; 2 more suppressed by UNODC (below), 1 of which contradicts UNODC's \"<5\"");
    // what to cite: the download UNODC's figures come from (the fixture's has no dataset nor date)
    expect(lines[2]).toMatch(/^UNODC's figures from no dataset fixture-\d+\.csv \(submission \d+, no publication date; 10 series\)\.$/);
    const [differing, withheld, suppressed, byState] = readTables(result.stdout);
    expect(differing).toEqual([
      ['state', 'year', 'indicator', 'dimensions', 'return', 'UNODC', 'difference', '%', 'flags'],
      ['SRB', '2020', 'TIP_VIC', 'total', '3', '0', '+3', 'from 0', ''],
      ['ROU', '2020', 'FA_SEIZED', 'total', '280', '200', '+80', '+40 %', 'from the 2021 return, note 1'],
      ['SRB', '2020', 'FA_SEIZED', 'total', '1248', '1258', '-10', '-0.8 %', 'return P'],
    ]);
    // the import's note, which may explain the difference, under the table (it was in no output)
    expect(result.stdout).toContain('-0.8 %  return P\n\nnote 1: UNODC: seized by the police only\n\nWithheld\n');
    expect(result.stdout).toMatch(/\nWithheld\n2 series in both withheld: the return's value is confidential \(C\), internal \(N\) or withheld \(Q\), so it is neither shown nor compared \(--include-confidential compares them, for internal use\)\n/);
    expect(withheld).toEqual([
      ['state', 'year', 'indicator', 'dimensions', 'return', 'UNODC', 'flags'],
      ['MKD', '2020', 'TIP_VIC', 'total', '', '15', 'internal use only (N)'],
      ['SRB', '2020', 'TIP_VIC', 'sex F', '', '30', 'confidential (C)'],
    ]);
    expect(result.stdout).toContain('\nSuppressed by UNODC\n2 series in both have no UNODC figure but UNODC\'s "<5", a small count published as a bound: a return of 5 or more contradicts it (one of the two is wrong, or the series differ), one below 5 agrees with it; 1 contradicts it, 1 agrees\n');
    // return 12, UNODC <5: contradicts (it read "suppressed", compared with nothing); return 3 beside it agrees
    expect(suppressed).toEqual([
      ['state', 'year', 'indicator', 'dimensions', 'return', 'UNODC', 'return against it', 'flags'],
      ['SRB', '2020', 'COR_OFF', 'total', '12', '<5', 'contradicts', ''],
      ['ROU', '2020', 'COR_OFF', 'total', '3', '<5', 'agrees', 'from the 2021 return'],
    ]);
    // SRB's largest % is no longer the confidential series' 20 %, which with UNODC's 30 gave away 36
    expect(byState).toEqual([
      ['state', 'compared', 'differ', 'largest %', 'withheld', 'suppressed', 'contradicting'],
      ['SRB', '2', '2', 'from 0; 0.8 %', '1', '1', '1'],
      ['ROU', '3', '1', '40 %', '0', '1', '0'],
      ['MKD', '0', '0', '—', '1', '0', '0'],
    ]);
    expect(result.stdout).toMatch(/\n\nNot compared: ALB, whose returns have no series \(year, indicator and dimensions\) in UNODC's imports\.\n$/);
    expect(result.stdout).not.toMatch(/36|\+6\b|20 %|CONFIDENTIAL/);
    expect(result.stderr).toBe('');
  });

  it('shows confidential values with --include-confidential, saying so in the output itself and on stderr', async () => {
    const result = await runCli(['compare', '--warehouse', warehouse, '--source', 'unodc', '--include-confidential']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('Member-state returns against UNODC — CONFIDENTIAL');
    expect(lines[1]).toBe('This comparison includes 2 confidential (C), internal (N) or withheld (Q) return values, flagged: for internal use only, never publish or forward it as it is.');
    // MKD's women (9), public but beside its N total, are shown beside UNODC's "<5" only now
    expect(lines[2]).toBe('7 series are in both; 4 differ, largest relative difference first; 3 more suppressed by UNODC (below), 2 of which contradict UNODC\'s "<5"');
    const [differing, , byState, rest] = readTables(result.stdout);
    expect(differing?.[3]).toEqual(['SRB', '2020', 'TIP_VIC', 'sex F', '36', '30', '+6', '+20 %', 'confidential (C)']);
    expect(byState).toEqual([
      ['state', 'compared', 'differ', 'largest %', 'suppressed', 'contradicting'],
      ['SRB', '3', '3', 'from 0; 20 %', '1', '1'],
      ['ROU', '3', '1', '40 %', '1', '0'],
      ['MKD', '1', '0', '—', '1', '1'],
    ]);
    expect(rest).toBeUndefined(); // no Withheld table
    expect(result.stderr).toMatch(/^warning: the comparison includes 2 confidential \(C\), internal \(N\) or withheld \(Q\) return values, flagged: for internal use only, never publish or forward it as it is\n$/);
  });

  it('prints one JSON document with --json', async () => {
    const result = await runCli(['compare', '--warehouse', warehouse, '--json', '--year', '2020']);
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout);
    expect(document).toMatchObject({ ok: true, command: 'compare', source: 'UNODC', year: 2020, compared: 4, differing: 3, confidential_included: 0 });
    expect(document.withheld[1]).toEqual({
      ref_area: 'SRB', time_period: 2020, indicator: 'TIP_VIC', sex: 'F', age: '_T', counterpart_area: '_T', breakdown: '_T',
      return_value: null, source_value: 30, return_status: 'A', source_status: 'A', conf_status: 'C',
      return_submission_id: expect.any(Number), return_reporting_year: 2020, dataset: null, source_submission_id: expect.any(Number), source_comment: null, beside_withheld: false,
    });
    expect(document.notes).toEqual([
      expect.stringMatching(/^2 series in both withheld: the return's value is confidential \(C\)/),
      expect.stringMatching(/^2 series in both have no UNODC figure but UNODC's "<5", a small count published as a bound: .*; 1 contradicts it, 1 agrees$/),
    ]);
    expect(document.returns_only_states).toEqual(['ALB']);
    expect(document.contradicting).toBe(1);
    expect(document.source_suppressed).toMatchObject([
      { ref_area: 'SRB', indicator: 'COR_OFF', return_value: 12, source_value: null, source_status: 'Q', source_text: '<5', verdict: 'contradicts' },
      { ref_area: 'ROU', indicator: 'COR_OFF', return_value: 3, source_value: null, source_status: 'Q', source_text: '<5', verdict: 'agrees' },
    ]);
    expect(result.stdout).not.toMatch(/\b36\b/);
    const included = JSON.parse((await runCli(['compare', '--warehouse', warehouse, '--json', '--year', '2020', '--include-confidential'])).stdout);
    expect(included).toMatchObject({ compared: 6, differing: 4, withheld: [], confidential_included: 2 });
    expect(included.series[2]).toMatchObject({ ref_area: 'SRB', sex: 'F', return_value: 36, source_value: 30, diff_abs: 6, diff_pct: 20, conf_status: 'C' });
    expect(included.notes).toEqual([
      expect.stringMatching(/^the comparison includes 2 confidential \(C\), internal \(N\) or withheld \(Q\) return values, flagged: for internal use only/),
      expect.stringMatching(/^3 series in both have no UNODC figure but UNODC's "<5".*; 2 contradict it, 1 agrees$/),
    ]);
    expect(document.series[1]).toEqual({
      ref_area: 'ROU', time_period: 2020, indicator: 'FA_SEIZED', sex: '_T', age: '_T', counterpart_area: '_T', breakdown: '_T',
      return_value: 280, source_value: 200, diff_abs: 80, diff_pct: 40, return_status: 'A', source_status: 'A', conf_status: 'F',
      return_submission_id: expect.any(Number), return_reporting_year: 2021, dataset: null, source_submission_id: expect.any(Number), source_comment: 'UNODC: seized by the police only',
      return_comment: null,
    });
  });

  it('says so when nothing was imported to compare with', async () => {
    const result = await runCli(['compare', '--warehouse', warehouse, '--source', 'eurostat']);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/0 series/);
    expect(result.stdout).toMatch(/\nNo series is in both: nothing of Eurostat's is imported; import its data first \(crimetrends import eurostat FILE\)\.\n$/);
  });

  it('takes the source in any case, as the JSON names it (--source UNODC was refused: allowed choices are unodc, eurostat)', async () => {
    const upper = await runCli(['compare', '--warehouse', warehouse, '--source', 'EUROSTAT']);
    expect(upper.code).toBe(0);
    expect(upper.stdout).toMatch(/^Member-state returns against Eurostat\nNo series is in both: nothing of Eurostat's is imported/);
    const other = await runCli(['compare', '--warehouse', warehouse, '--source', 'worldbank']);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/^error: option '--source <source>' argument 'worldbank' is invalid\. Allowed choices are unodc, eurostat\.\n/);
  });

  it('says which years each side holds when --year is outside them (UNODC imported, nothing of that year)', async () => {
    const result = await runCli(['compare', '--warehouse', warehouse, '--source', 'unodc', '--year', '2019']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('Member-state returns against UNODC for 2019\nNo series of 2019 is in both: the returns hold 2019–2021, UNODC\'s imports 2020–2021.\n');
    const document = JSON.parse((await runCli(['compare', '--warehouse', warehouse, '--json', '--year', '2025'])).stdout);
    expect(document).toMatchObject({ compared: 0, year: 2025, return_years: [2019, 2021], source_years: [2020, 2021] });
  });
});

describe('crimetrends compare --state and --indicator', () => {
  let filtered: string;
  beforeAll(async () => {
    filtered = join(tempDir('compare-state-'), 'warehouse.duckdb');
    const store = await openTestWarehouse(filtered);
    await insertObservations(store, [
      { ref_area: 'ROU', time_period: 2018, indicator: 'TIP_VIC', obs_value: 497, source: 'UNODC' },
      { ref_area: 'ROU', time_period: 2018, indicator: 'FA_SEIZED', obs_value: 12, source: 'UNODC' },
      { ref_area: 'BGR', time_period: 2018, indicator: 'TIP_VIC', obs_value: 30, source: 'UNODC' },
    ], { source: 'UNODC' });
    await insertObservations(store, [
      { ref_area: 'ROU', time_period: 2018, indicator: 'TIP_VIC', obs_value: 707, comment: 'Victims identified by the national anti-trafficking agency, including presumed victims' },
      { ref_area: 'ROU', time_period: 2018, indicator: 'FA_SEIZED', obs_value: 10 },
    ]);
    await insertObservations(store, [{ ref_area: 'BGR', time_period: 2018, indicator: 'TIP_VIC', obs_value: 40 }]);
    store.close();
  });

  it('lists one state\'s series of one indicator, the state by code or name, the indicator in any case, with the return\'s comment as a note (there was no such option)', async () => {
    for (const state of ['ROU', 'Romania', 'rou', 'ro']) {
      const result = await runCli(['compare', '--warehouse', filtered, '--state', state, '--indicator', 'tip_vic']);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
      const lines = result.stdout.split('\n');
      expect(lines.slice(0, 2)).toEqual(['Member-state returns against UNODC for ROU, TIP_VIC', '1 series is in both; 1 differs, largest relative difference first']);
      expect(readTables(result.stdout)[0]).toEqual([
        ['state', 'year', 'indicator', 'dimensions', 'return', 'UNODC', 'difference', '%', 'flags'],
        ['ROU', '2018', 'TIP_VIC', 'total', '707', '497', '+210', '+42.3 %', 'note 1'],
      ]);
      // the state's own comment, which may explain why the figures differ (it was in no output)
      expect(result.stdout).toContain('\nnote 1: ROU\'s return: Victims identified by the national anti-trafficking agency, including presumed victims\n');
      expect(result.stdout).not.toMatch(/BGR|FA_SEIZED/);
    }
    const document = JSON.parse((await runCli(['compare', '--warehouse', filtered, '--json', '--state', 'Romania'])).stdout);
    expect(document).toMatchObject({ state: 'ROU', indicator: null, compared: 2, differing: 2, returns_only_states: [] });
    expect(document.series.map((s: { indicator: string; return_value: number; source_value: number; return_comment: string | null }) => [s.indicator, s.return_value, s.source_value, s.return_comment]))
      .toEqual([['TIP_VIC', 707, 497, 'Victims identified by the national anti-trafficking agency, including presumed victims'], ['FA_SEIZED', 10, 12, null]]);
  });

  it('says what each side holds of the state and indicator asked for when nothing of them is in both (it said the warehouse held no return yet)', async () => {
    expect((await runCli(['compare', '--warehouse', filtered, '--state', 'BIH'])).stdout).toBe('Member-state returns against UNODC for BIH\nNo series is in both: neither the returns nor UNODC\'s imports hold a value of BIH.\n');
    expect((await runCli(['compare', '--warehouse', filtered, '--state', 'ROU', '--indicator', 'FA_SEIZED', '--year', '2019'])).stdout)
      .toBe('Member-state returns against UNODC for ROU, FA_SEIZED, 2019\nNo series of 2019 is in both: the returns of ROU FA_SEIZED hold 2018, UNODC\'s imports 2018.\n');
    // nothing of Eurostat's imported at all: that, not "Eurostat's imports hold no value of ROU", as if some were there
    expect((await runCli(['compare', '--warehouse', filtered, '--state', 'ROU', '--source', 'eurostat'])).stdout)
      .toBe('Member-state returns against Eurostat for ROU\nNo series is in both: nothing of Eurostat\'s is imported; import its data first (crimetrends import eurostat FILE).\n');
    expect((await runCli(['compare', '--warehouse', filtered, '--state', 'MKD', '--source', 'eurostat', '--json'])).stdout).toContain('"source_imported": false');
    // a Eurostat download of Bulgaria's figures alone: ROU's and MKD's absence is Eurostat's imports'
    const withEurostat = join(tempDir('compare-eurostat-'), 'warehouse.duckdb');
    const store = await openTestWarehouse(withEurostat);
    await insertObservations(store, [{ ref_area: 'BGR', time_period: 2018, indicator: 'TIP_VIC', obs_value: 31, source: 'EUROSTAT' }], { source: 'EUROSTAT' });
    await insertObservations(store, [{ ref_area: 'ROU', time_period: 2018, indicator: 'TIP_VIC', obs_value: 707 }]);
    store.close();
    expect((await runCli(['compare', '--warehouse', withEurostat, '--state', 'ROU', '--source', 'eurostat'])).stdout).toBe('Member-state returns against Eurostat for ROU\nNo series is in both: Eurostat\'s imports hold no value of ROU.\n');
    expect((await runCli(['compare', '--warehouse', withEurostat, '--state', 'MKD', '--source', 'eurostat'])).stdout)
      .toBe('Member-state returns against Eurostat for MKD\nNo series is in both: neither the returns nor Eurostat\'s imports hold a value of MKD.\n');
  });

  it('refuses a state or an indicator it does not know, exit 2, with the codes or the one meant', async () => {
    const state = await runCli(['compare', '--warehouse', filtered, '--state', 'Atlantis']);
    expect(state.code).toBe(2);
    expect(state.stderr).toMatch(/^error: --state Atlantis: expected a state of the region \(ALB, .*\), found "Atlantis" \[UNKNOWN_STATE\]\nhint: use the ISO 3166-1 alpha-3 code, e\.g\. --state ROU\n$/);
    // a code in small letters is shown as typed, not as read (it said --state UK … found "UK")
    const uk = await runCli(['compare', '--warehouse', filtered, '--state', 'uk']);
    expect(uk.code).toBe(2);
    expect(uk.stderr).toMatch(/^error: --state uk: expected a state of the region \(ALB, .*\), found "uk" \(GBR\), which is not one \[UNKNOWN_STATE\]\n/);
    expect((await runCli(['compare', '--warehouse', filtered, '--state', 'fra'])).stderr).toMatch(/^error: --state fra: expected a state of the region \(ALB, .*\), found "fra", which is not one \[UNKNOWN_STATE\]\n/);
    expect(await runCli(['compare', '--warehouse', filtered, '--indicator', 'TIP_VICS'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: --indicator TIP_VICS: not an indicator of the catalogue; did you mean TIP_VIC? [USAGE_ERROR]\nhint: crimetrends dictionary lists the indicators; crimetrends query "select code, name from ref_indicator" too\n',
    });
  });
});

describe('crimetrends compare and a revised return value', () => {
  it('flags a value a later return revised ("from the 2021 return"): UNODC may hold the figure first given', async () => {
    const path = join(tempDir('compare-revised-'), 'warehouse.duckdb');
    const store = await openTestWarehouse(path);
    const v = (obs_value: number) => ({ ref_area: 'GEO', time_period: 2020, indicator: 'TIP_VIC', obs_value });
    await insertObservations(store, [{ ...v(40), source: 'UNODC' as const }], { source: 'UNODC' });
    await insertObservations(store, [v(40)], { received_at: '2021-03-01 00:00:00' });
    await insertObservations(store, [v(46), { ...v(51), time_period: 2021 }], { received_at: '2022-03-01 00:00:00' });
    store.close();
    const result = await runCli(['compare', '--warehouse', path, '--source', 'unodc']);
    expect(readTables(result.stdout)[0]?.[1]).toEqual(['GEO', '2020', 'TIP_VIC', 'total', '46', '40', '+6', '+15 %', 'from the 2021 return']);
    const document = JSON.parse((await runCli(['compare', '--warehouse', path, '--source', 'unodc', '--json'])).stdout);
    expect(document.series[0]).toMatchObject({ return_value: 46, return_reporting_year: 2021 });
  });
});

describe('crimetrends compare and a return that gives no figure', () => {
  it('lists a series UNODC has a figure for where the return says missing (M), compared with nothing (it was in no output)', async () => {
    const path = join(tempDir('compare-missing-'), 'warehouse.duckdb');
    const store = await openTestWarehouse(path);
    const v = (indicator: string, obs_value: number | null) => ({ ref_area: 'MDA', time_period: 2021, indicator, obs_value });
    await insertObservations(store, [v('CYB_OFF', 77), v('TIP_VIC', 40), { ...v('CYB_OFF', 60), time_period: 2020 }].map((r) => ({ ...r, source: 'UNODC' as const })), { source: 'UNODC' });
    await insertObservations(store, [{ ...v('CYB_OFF', null), time_period: 2020, obs_status: 'L' }]);
    await insertObservations(store, [{ ...v('CYB_OFF', null), obs_status: 'M' }, v('TIP_VIC', 40)]);
    store.close();
    // nothing compared for 2020, and nothing withheld: no word of a return value that may not be shown
    const year2020 = await runCli(['compare', '--warehouse', path, '--source', 'unodc', '--year', '2020']);
    expect(year2020.stdout.split('\n')[1]).toBe('No series has a figure on both sides; 1 more with no figure in the return (below)');
    expect(readTables(year2020.stdout)[0]?.[1]).toEqual(['MDA', '2020', 'CYB_OFF', 'total', '', '60', 'return L']);
    const result = await runCli(['compare', '--warehouse', path, '--source', 'unodc', '--year', '2021']);
    expect(result.stdout.split('\n')[1]).toBe('1 series is in both; none differs; 1 more with no figure in the return (below)');
    expect(result.stdout).toContain('\nNo figure in the return\n1 series has a UNODC figure where the return gives none (OBS_STATUS M, L or O: missing or not collected), so it is not compared\n');
    expect(readTables(result.stdout)[0]).toEqual([
      ['state', 'year', 'indicator', 'dimensions', 'return', 'UNODC', 'flags'],
      ['MDA', '2021', 'CYB_OFF', 'total', '', '77', 'return M'],
    ]);
    const document = JSON.parse((await runCli(['compare', '--warehouse', path, '--source', 'unodc', '--json', '--year', '2021'])).stdout);
    expect(document.return_missing).toEqual([{
      ref_area: 'MDA', time_period: 2021, indicator: 'CYB_OFF', sex: '_T', age: '_T', counterpart_area: '_T', breakdown: '_T',
      return_value: null, source_value: 77, return_status: 'M', source_status: 'A', dataset: null, source_submission_id: expect.any(Number), source_comment: null,
    }]);
    expect(document.returns_only_states).toEqual([]);
  });
});

describe('crimetrends compare with a difference under 0.05 %', () => {
  it('shows it to two significant digits, never as "0 %" beside a series it lists as differing; equal values are not listed', async () => {
    const path = join(tempDir('compare-small-'), 'warehouse.duckdb');
    const store = await openTestWarehouse(path);
    const v = (indicator: string, obs_value: number) => ({ ref_area: 'TUR', time_period: 2021, indicator, obs_value });
    await insertObservations(store, [v('FA_SEIZED', 26575), v('TIP_VIC', 12.345)].map((r) => ({ ...r, source: 'UNODC' as const })), { source: 'UNODC' });
    await insertObservations(store, [v('FA_SEIZED', 26574), v('TIP_VIC', 12.345)]);
    store.close();
    const result = await runCli(['compare', '--warehouse', path, '--source', 'unodc']);
    expect(result.stdout.split('\n')[1]).toBe('2 series are in both; 1 differs, largest relative difference first');
    const [differing, byState] = readTables(result.stdout);
    expect(differing?.[1]).toEqual(['TUR', '2021', 'FA_SEIZED', 'total', '26574', '26575', '-1', '-0.0038 %', '']);
    expect(byState?.[1]).toEqual(['TUR', '2', '1', '0.0038 %']);
  });
});

describe('crimetrends compare with more than 50 series in a table', () => {
  it('lists the first 50 of each table, the differing and the withheld, and says how many more and how to see them all', async () => {
    const path = join(tempDir('compare-many-'), 'warehouse.duckdb');
    const store = await openTestWarehouse(path);
    const years = (n: number) => Array.from({ length: n }, (_, i) => 1960 + i);
    await insertObservations(store, [
      ...years(52).map((time_period) => ({ ref_area: 'ROU', time_period, indicator: 'TIP_VIC', obs_value: 100, source: 'UNODC' as const })),
      ...years(53).map((time_period) => ({ ref_area: 'SRB', time_period, indicator: 'TIP_VIC', obs_value: 100, source: 'UNODC' as const })),
    ], { source: 'UNODC' });
    await insertObservations(store, years(52).map((time_period) => ({ ref_area: 'ROU', time_period, indicator: 'TIP_VIC', obs_value: 110 })));
    await insertObservations(store, years(53).map((time_period) => ({ ref_area: 'SRB', time_period, indicator: 'TIP_VIC', obs_value: 120, conf_status: 'C' })));
    store.close();
    const result = await runCli(['compare', '--warehouse', path, '--source', 'unodc']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[1]).toBe("52 series are in both; 52 differ, largest relative difference first; 53 more withheld (below), the return's value confidential");
    // each table: head, rule, 50 rows, then the line that says it is cut
    const cut = lines.flatMap((line, at) => (line.startsWith('… and ') ? [[lines[at - 50]!.trim(), line]] : []));
    expect(cut).toEqual([
      [expect.stringMatching(/^ROU +1960 +TIP_VIC/), '… and 2 more (--json lists them all)'],
      [expect.stringMatching(/^SRB +1960 +TIP_VIC/), '… and 3 more (--json lists them all)'],
    ]);
    expect(lines.filter((line) => /^(ROU|SRB) +\d{4} +TIP_VIC/.test(line))).toHaveLength(100);
    const document = JSON.parse((await runCli(['compare', '--warehouse', path, '--source', 'unodc', '--json'])).stdout);
    expect([document.series.length, document.withheld.length]).toEqual([52, 53]);
  });
});

/** Returns the cells of every plain-text table in `text`, its head first, columns found from the rule under the head. */
function readTables(text: string): string[][][] {
  const lines = text.split('\n');
  const tables: string[][][] = [];
  lines.forEach((rule, at) => {
    if (!/^-+( +-+)*$/.test(rule)) return;
    const spans = [...rule.matchAll(/-+/g)].map((m) => [m.index, m.index + m[0].length] as const);
    // a cell may run past its rule's end only in the last column; two spaces part columns
    const cells = (line: string) => spans.map(([from], i) => line.slice(from, i + 1 < spans.length ? spans[i + 1]![0] - 2 : undefined).trim());
    const body = [];
    for (let i = at + 1; i < lines.length && lines[i] !== ''; i++) body.push(cells(lines[i]!));
    tables.push([cells(lines[at - 1]!), ...body]);
  });
  return tables;
}

describe('compareSources beside a confidential total', () => {
  // Albania's 77 victims are confidential (C), its split by sex is not; UNODC published all three. Compared, the
  // return's 52 women and 25 men gave the 77 back: they are withheld with it.
  it('withholds the public parts of a confidential total, flagged, and compares the rest', async () => {
    const path = join(tempDir('compare-linked-'), 'warehouse.duckdb');
    const store = await openTestWarehouse(path);
    const v = (obs_value: number, extra: Record<string, string> = {}) => ({ ref_area: 'ALB', time_period: 2025, indicator: 'TIP_VIC', obs_value, ...extra });
    await insertObservations(store, [v(75), v(50, { sex: 'F' }), v(25, { sex: 'M' }), { ...v(30), indicator: 'TIP_OFF' }].map((r) => ({ ...r, source: 'UNODC' })), { source: 'UNODC', received_at: '2026-01-01 00:00:00' });
    await insertObservations(store, [v(77, { conf_status: 'C' }), v(52, { sex: 'F' }), v(25, { sex: 'M' }), { ...v(33), indicator: 'TIP_OFF' }]);
    store.close();
    const reader = await openStore(path, { isReadOnly: true });
    const comparison = await compareSources(reader, { source: 'UNODC' }).finally(() => reader.close());
    expect(comparison.series.map((s) => [s.indicator, s.sex, s.return_value])).toEqual([['TIP_OFF', '_T', 33]]);
    expect(comparison.withheld.map((s) => [s.sex, s.return_value, s.source_value, s.conf_status, s.beside_withheld])).toEqual([
      ['F', null, 50, 'F', true], ['M', null, 25, 'F', true], ['_T', null, 75, 'C', false],
    ]);
    const cli = await runCli(['compare', '--warehouse', path, '--source', 'unodc', '--year', '2025']);
    expect(cli.stdout).toContain("3 series in both withheld: the return's value is confidential (C), internal (N) or withheld (Q), or (2 of them) a part or total that would give such a value of its series back by addition or subtraction, so it is neither shown nor compared");
    expect(cli.stdout).toMatch(/ALB\s+2025\s+TIP_VIC\s+sex F\s+50\s+would give a confidential value back/);
    expect(cli.stdout).not.toMatch(/\b52\b/);
  });
});
