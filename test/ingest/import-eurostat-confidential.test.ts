import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/warehouse.js';

// SDMX 3.0's CONF_STATUS code list: F is free; C, D, N, S and the primary-confidentiality codes A (small counts),
// O, T, G (dominance), M are not for publication. A value beside any of them must never load as a published number.
const SDMX_CSV_2 = [
  'STRUCTURE,STRUCTURE_ID,freq,iccs,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG,CONF_STATUS',
  'dataflow,ESTAT:CRIM_OFF_CAT(1.0),A,ICCS0703,NR,EL,2014,245,,A',
  'dataflow,ESTAT:CRIM_OFF_CAT(1.0),A,ICCS0703,NR,EL,2015,312,,S',
  'dataflow,ESTAT:CRIM_OFF_CAT(1.0),A,ICCS0703,NR,EL,2016,11,,O',
  'dataflow,ESTAT:CRIM_OFF_CAT(1.0),A,ICCS0703,NR,EL,2017,12,p,M',
  'dataflow,ESTAT:CRIM_OFF_CAT(1.0),A,ICCS0703,NR,EL,2018,13,,C',
  'dataflow,ESTAT:CRIM_OFF_CAT(1.0),A,ICCS0703,NR,EL,2019,14,,F',
  'dataflow,ESTAT:CRIM_OFF_CAT(1.0),A,ICCS0703,NR,EL,2020,15,p,',
  'dataflow,ESTAT:CRIM_OFF_CAT(1.0),A,ICCS0703,NR,EL,2021,16,,A:Primary confidentiality due to small counts',
  '',
].join('\n');

describe('import eurostat: SDMX-CSV 2.0 CONF_STATUS', () => {
  it('withholds every value whose CONF_STATUS is not F (A, S, O, M were loaded as published numbers)', async () => {
    const dir = tempDir();
    const file = join(dir, 'crim_off_cat_conf.csv');
    writeFileSync(file, SDMX_CSV_2);
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ archive: join(dir, 'archive') }));
    const common = ['--warehouse', join(dir, 'warehouse.duckdb'), '--config', join(dir, 'config.json')];
    const imported = await runCli(['import', 'eurostat', file, ...common]);
    expect(imported.stderr).not.toMatch(/\n\s+at /);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/8 rows: 8 loaded, 0 skipped, 0 unmapped, 0 unreadable/);
    const rows = await runCli(['query', '--format', 'csv',
      "select time_period, obs_value, obs_status from observation where ref_area = 'GRC' order by time_period", ...common]);
    expect(rows.code).toBe(0);
    expect(rows.stdout.trim().split('\n')).toEqual([
      'time_period,obs_value,obs_status',
      '2014,,Q', '2015,,Q', '2016,,Q', '2017,,Q', '2018,,Q',
      '2019,14,A', '2020,15,P',
      '2021,,Q',
    ]);
  });
});
