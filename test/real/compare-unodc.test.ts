import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { formatCsv } from '../../src/io/write-csv.js';
import { runCli } from '../helpers/cli.js';
import { importForTest } from '../helpers/import.js';
import { openTestWarehouse, tempDir } from '../helpers/warehouse.js';

/**
 * `crimetrends compare --source unodc` on UNODC's real firearms download (IAFQ, read in place from ../shared/real):
 * returns for three states are written from the imported values themselves, with deliberate changes — one value
 * +40 % (ALB), one −10 units (SRB), the others unchanged (ALB, SRB, BGR) — and compare must list exactly the two
 * changed series, with the right differences, the larger relative one first.
 */
const IAFQ = join(PROJECT_ROOT, '../shared/real/unodc/data_iafq_firearms_trafficking_2022-06-17.csv');
const HEADER = ['REF_AREA', 'TIME_PERIOD', 'INDICATOR', 'SEX', 'AGE', 'COUNTERPART_AREA', 'BREAKDOWN', 'OBS_VALUE', 'OBS_STATUS', 'CONF_STATUS', 'COMMENT'];

interface Series {
  ref_area: string;
  time_period: number;
  indicator: string;
  obs_value: number;
}

let warehouse: string;
let config: string;
let raised: Series;
let lowered: Series;
const unchanged: Series[] = [];

beforeAll(async () => {
  expect(existsSync(IAFQ), IAFQ).toBe(true);
  const dir = tempDir('compare-unodc-');
  warehouse = join(dir, 'warehouse.duckdb');
  config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ archive: join(dir, 'archive') }));
  const store = await openTestWarehouse(warehouse);
  let totals: Series[];
  try {
    const report = await importForTest(store, 'unodc', IAFQ, { archiveDir: join(dir, 'archive') });
    expect(report.loaded).toBeGreaterThan(4000);
    totals = await store.all<Series>(
      `select ref_area, time_period, indicator, obs_value from observation
       where source = 'UNODC' and ref_area in ('ALB', 'SRB', 'BGR') and obs_value is not null
         and sex = '_T' and age = '_T' and counterpart_area = '_T' and breakdown = '_T'
       order by ref_area, time_period, indicator`,
    );
  } finally {
    store.close();
  }
  const pick = (test: (s: Series) => boolean): Series => {
    const found = totals.find((s) => test(s) && ![raised, lowered, ...unchanged].includes(s));
    expect(found, 'a suitable series in the download').toBeDefined();
    return found!;
  };
  raised = pick((s) => s.ref_area === 'ALB' && s.obs_value >= 20 && s.obs_value % 5 === 0); // +40 % stays a whole number
  lowered = pick((s) => s.ref_area === 'SRB' && s.obs_value >= 200); // −10 units is then at most 5 %
  unchanged.push(pick((s) => s.ref_area === 'ALB'), pick((s) => s.ref_area === 'SRB'), pick((s) => s.ref_area === 'BGR'));

  const returns = join(dir, 'returns');
  mkdirSync(returns);
  const value = (s: Series): number => (s === raised ? (s.obs_value * 14) / 10 : s === lowered ? s.obs_value - 10 : s.obs_value);
  for (const state of ['ALB', 'SRB', 'BGR']) {
    const rows = [raised, lowered, ...unchanged].filter((s) => s.ref_area === state);
    const year = Math.max(...rows.map((s) => s.time_period));
    writeFileSync(
      join(returns, `${state}_${year}.csv`),
      formatCsv(HEADER, rows.map((s) => [s.ref_area, s.time_period, s.indicator, '_T', '_T', '_T', '_T', value(s), 'A', 'F', 'checked against the register'])),
    );
  }
  const ingest = await runCli(['ingest', returns, '--warehouse', warehouse, '--config', config, '--received-at', '2026-02-01T09:00:00Z']);
  expect(ingest.code, ingest.stdout + ingest.stderr).toBe(0);
});

describe('crimetrends compare --source unodc on the real IAFQ download', () => {
  it('lists exactly the two changed series, +40 % before −10 units, with their differences', async () => {
    const result = await runCli(['compare', '--source', 'unodc', '--warehouse', warehouse, '--json']);
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout);
    expect(document).toMatchObject({ ok: true, source: 'UNODC', compared: 5, differing: 2 });
    const key = (s: Series) => ({ ref_area: s.ref_area, time_period: s.time_period, indicator: s.indicator, sex: '_T', age: '_T', counterpart_area: '_T', breakdown: '_T' });
    expect(document.series).toEqual([
      expect.objectContaining({ ...key(raised), return_value: (raised.obs_value * 14) / 10, source_value: raised.obs_value, diff_abs: (raised.obs_value * 4) / 10, diff_pct: expect.closeTo(40, 9), dataset: 'IAFQ' }),
      expect.objectContaining({ ...key(lowered), return_value: lowered.obs_value - 10, source_value: lowered.obs_value, diff_abs: -10, diff_pct: expect.closeTo((-10 / lowered.obs_value) * 100, 9), dataset: 'IAFQ' }),
    ]);
    expect(document.states.map((s: { ref_area: string; differing: number }) => [s.ref_area, s.differing])).toEqual([['ALB', 1], ['SRB', 1], ['BGR', 0]]);
  });

  it('shows the same as a table, and nothing for a year without a change', async () => {
    const table = await runCli(['compare', '--source', 'unodc', '--warehouse', warehouse]);
    expect(table.stdout).toMatch(/5 series are in both; 2 differ, largest relative difference first/);
    // what to cite: the download, with the publication date read from it
    expect(table.stdout).toMatch(/\nUNODC's figures from IAFQ data_iafq_firearms_trafficking_2022-06-17\.csv \(submission \d+, published 2022-06-17; 5 series\)\.\n/);
    expect(table.stdout).toMatch(new RegExp(`\\nALB\\s+${raised.time_period}\\s+${raised.indicator}\\s+total\\s+${(raised.obs_value * 14) / 10}\\s+${raised.obs_value}\\s+\\+${(raised.obs_value * 4) / 10}\\s+\\+40 %`));
    expect(table.stdout).toMatch(new RegExp(`\\nSRB\\s+${lowered.time_period}\\s+${lowered.indicator}\\s+total\\s+${lowered.obs_value - 10}\\s+${lowered.obs_value}\\s+-10\\s+-`));
    const quiet = unchanged.find((s) => s.time_period !== raised.time_period && s.time_period !== lowered.time_period);
    if (quiet !== undefined) {
      const year = JSON.parse((await runCli(['compare', '--warehouse', warehouse, '--json', '--year', String(quiet.time_period)])).stdout);
      expect(year.differing).toBe(0);
      expect(year.compared).toBeGreaterThan(0);
    }
  });
});
