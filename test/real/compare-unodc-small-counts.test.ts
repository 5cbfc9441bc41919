import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { runCli } from '../helpers/cli.js';
import { importForTest } from '../helpers/import.js';
import { openTestWarehouse, tempDir } from '../helpers/warehouse.js';

/**
 * UNODC's real GLOTIP download (read in place from ../shared/real) publishes every count below 5 as "<5": the import
 * keeps that text (`observation.published_text`), and `compare --source unodc` holds the sample's returns against it
 * (a return of 5 or more contradicts it, one below 5 agrees with it), where it said "suppressed" and compared none.
 */
const GLOTIP = join(PROJECT_ROOT, '../shared/real/unodc/data_glotip_2023-05-30.xlsx');
const SAMPLE = join(PROJECT_ROOT, 'data/sample/returns');

let warehouse: string;

beforeAll(async () => {
  expect(existsSync(GLOTIP), GLOTIP).toBe(true);
  const dir = tempDir('compare-unodc-small-');
  warehouse = join(dir, 'warehouse.duckdb');
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ archive: join(dir, 'archive') }));
  const ingest = await runCli(['ingest', SAMPLE, '--warehouse', warehouse, '--config', config]);
  expect(ingest.code, ingest.stderr).toBe(0);
  const store = await openTestWarehouse(warehouse);
  try {
    await importForTest(store, 'unodc', GLOTIP, { archiveDir: join(dir, 'archive') });
  } finally {
    store.close();
  }
}, 180_000);

describe('"<5" in the real GLOTIP download, against the sample returns', () => {
  it('keeps "<5" as published for each of the 17,162 suppressed values (status Q, no value)', async () => {
    const result = await runCli(['query', '--warehouse', warehouse, '--format', 'csv',
      "select published_text, obs_status, count(*) as n from observation where source = 'UNODC' and obs_value is null group by all order by all"]);
    expect(result.stdout).toBe('published_text,obs_status,n\n<5,Q,17162\n');
  });

  it('lists the 302 series beside "<5": 213 returns contradict it (5 or more), 89 agree (0 to 4)', async () => {
    const result = await runCli(['compare', '--source', 'unodc', '--warehouse', warehouse, '--json']);
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout) as {
      contradicting: number;
      source_suppressed: { ref_area: string; time_period: number; indicator: string; sex: string; age: string; breakdown: string; return_value: number; source_text: string; verdict: string }[];
      states: { ref_area: string; source_suppressed: number; contradicting: number }[];
    };
    const listed = document.source_suppressed;
    expect(listed).toHaveLength(302);
    expect(document.contradicting).toBe(213);
    expect(listed.filter((d) => d.verdict === 'contradicts')).toHaveLength(213);
    expect(listed.filter((d) => d.verdict === 'agrees')).toHaveLength(89);
    expect(listed.every((d) => d.source_text === '<5')).toBe(true);
    expect(listed.every((d) => (d.verdict === 'contradicts') === (d.return_value >= 5))).toBe(true);
    // return 32, UNODC <5: contradicts (Albania's victims of forced labour in 2016); its boys under 18, 2, agree
    expect(listed[0]).toMatchObject({ ref_area: 'ALB', time_period: 2016, indicator: 'TIP_VIC', breakdown: 'FORCED_LAB', return_value: 32, source_text: '<5', verdict: 'contradicts' });
    expect(listed.find((d) => d.verdict === 'agrees')).toMatchObject({ ref_area: 'ALB', time_period: 2016, indicator: 'TIP_VIC', sex: 'M', age: 'Y_LT18', return_value: 2 });
    expect(document.states.find((s) => s.ref_area === 'GEO')).toMatchObject({ source_suppressed: 70, contradicting: 40 });

    const table = await runCli(['compare', '--source', 'unodc', '--warehouse', warehouse]);
    expect(table.stdout).toContain('; 302 more suppressed by UNODC (below), 213 of which contradict UNODC\'s "<5"\n');
    expect(table.stdout).toMatch(/\nALB +2016 +TIP_VIC +FORCED_LAB +32 +<5 +contradicts *\n/);
  });

  it('answers "Romania\'s detected victims, the return beside UNODC\'s, and why": compare --state Romania --indicator tip_vic', async () => {
    const result = await runCli(['compare', '--source', 'unodc', '--warehouse', warehouse, '--json', '--state', 'Romania', '--indicator', 'tip_vic']);
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout) as {
      state: string; indicator: string; compared: number; return_years: number[]; source_years: number[];
      series: { ref_area: string; time_period: number; sex: string; age: string; counterpart_area: string; breakdown: string; return_value: number; source_value: number; return_reporting_year: number; return_comment: string | null }[];
    };
    expect(document).toMatchObject({ state: 'ROU', indicator: 'TIP_VIC', compared: 72, return_years: [2016, 2025], source_years: [2005, 2021] });
    expect(document.series.every((d) => d.ref_area === 'ROU')).toBe(true);
    // the totals: ROU_2018.csv line 20 gives 707, GLOTIP's row 30128 497; 2020 as the 2021 return revised it (434 first)
    const totals = document.series.filter((d) => d.sex === '_T' && d.age === '_T' && d.counterpart_area === '_T' && d.breakdown === '_T')
      .sort((a, b) => a.time_period - b.time_period).map((d) => [d.time_period, d.return_value, d.source_value, d.return_reporting_year]);
    expect(totals).toEqual([[2016, 750, 756, 2016], [2017, 762, 662, 2017], [2018, 707, 497, 2018], [2019, 608, 698, 2019], [2020, 468, 596, 2021], [2021, 501, 505, 2021]]);
    expect(document.series.find((d) => d.time_period === 2018 && d.return_value === 707)?.return_comment).toBe('Victims identified by the national anti-trafficking agency, including presumed victims');
    const table = await runCli(['compare', '--source', 'unodc', '--warehouse', warehouse, '--state', 'Romania', '--indicator', 'tip_vic']);
    expect(table.stdout.split('\n')[0]).toBe('Member-state returns against UNODC for ROU, TIP_VIC');
    expect(table.stdout).toMatch(/\nROU +2018 +TIP_VIC +total +707 +497 +\+210 +\+42\.3 % +note 1\n/);
    expect(table.stdout).toContain('\nnote 1: ROU\'s return: Victims identified by the national anti-trafficking agency, including presumed victims\n');
  });
});
