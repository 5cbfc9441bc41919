import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/warehouse.js';

// Eurostat's flags (b break, c confidential, d definition differs, e estimated, f forecast, n not significant,
// p provisional, r revised, s Eurostat estimate, u low reliability, z not applicable) and their combinations: the
// strongest gives OBS_STATUS (c over all, then z, b, e/s/f, p), every one is named in COMMENT.
const TSV = [
  'freq,iccs,unit,geo\\TIME_PERIOD\t2015 \t2016 \t2017 \t2018 \t2019 \t2020 \t2021 \t2022 ',
  'A,ICCS0703,NR,AL\t45 bep\t12 ep\t: bc\t7 zp\t0 z\t: z\t12 x\t13 fp',
  'A,ICCS0703,NR,BG\t: u\t9 n\t10 dur\t11 s\t: p\t12 c\t20 f\t: cz',
  '',
].join('\n');

const SDMX_CSV = [
  'STRUCTURE,STRUCTURE_ID,freq,iccs,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG',
  'dataflow,ESTAT:CRIM_OFF_CAT(1.0),A,ICCS0703,NR,RO,2018,45,"b, e p"',
  'dataflow,ESTAT:CRIM_OFF_CAT(1.0),A,ICCS0703,NR,RO,2019,12,"e,p"',
  'dataflow,ESTAT:CRIM_OFF_CAT(1.0),A,ICCS0703,NR,RO,2020,,z',
  'dataflow,ESTAT:CRIM_OFF_CAT(1.0),A,ICCS0703,NR,RO,2021,0,z',
  'dataflow,ESTAT:CRIM_OFF_CAT(1.0),A,ICCS0703,NR,RO,2022,7,"z, p"',
  'dataflow,ESTAT:CRIM_OFF_CAT(1.0),A,ICCS0703,NR,RO,2023,8,r d',
  '',
].join('\n');

const B = 'b (break in time series)';
const C = 'c (confidential: the value is withheld)';
const Z = 'z (not applicable)';

/** Imports `content` as `name` into a warehouse of its own; returns the CLI's result and the warehouse's rows. */
async function importOwn(name: string, content: string) {
  const dir = tempDir();
  const file = join(dir, name);
  writeFileSync(file, content);
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ archive: join(dir, 'archive') }));
  const common = ['--warehouse', join(dir, 'warehouse.duckdb'), '--config', join(dir, 'config.json')];
  const imported = await runCli(['import', 'eurostat', file, ...common]);
  const query = async (sql: string) => (await runCli(['query', '--format', 'csv', sql, ...common])).stdout.trim().split('\n');
  return {
    imported,
    observations: await query('select ref_area, time_period, obs_value, obs_status, comment from observation order by ref_area, time_period'),
    issues: await query('select line, "column", code, value, message, hint from validation_issue order by line, "column"'),
  };
}

describe('import eurostat: every flag and combination', () => {
  it('gives the TSV\'s cells the strongest flag\'s status, names every flag in COMMENT, and loads ": z" as not applicable (M) with no value', async () => {
    const { imported, observations, issues } = await importOwn('crim_off_cat.tsv', TSV);
    expect(imported.stderr).not.toMatch(/\n\s+at /);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('16 rows: 12 loaded, 2 skipped, 0 unmapped, 2 unreadable\n  skipped: missing 2\n');
    expect(imported.stdout).toContain([
      '         2  skipped    IMPORT_SKIPPED_MISSING   no value (:) (first: line 3)',
      '         1  unreadable IMPORT_UNREADABLE        a figure flagged not applicable (first: line 2)',
      '         1  unreadable IMPORT_UNREADABLE        unknown flag (first: line 2)',
    ].join('\n'));
    expect(observations).toEqual([
      'ref_area,time_period,obs_value,obs_status,comment',
      `ALB,2015,45,B,"Eurostat flags: ${B}, e (estimated), p (provisional)"`,
      'ALB,2016,12,E,"Eurostat flags: e (estimated), p (provisional)"',
      `ALB,2017,,Q,"Eurostat flags: ${C}, ${B}"`,
      // 0 beside z is not applicable, not a count of 0: the 0 is said in COMMENT
      `ALB,2019,,M,"Eurostat flag: ${Z}; the download gives 0 beside it, not loaded as a value"`,
      `ALB,2020,,M,Eurostat flag: ${Z}`,
      // a forecast is estimated (E) over provisional: it loaded as P
      'ALB,2022,13,E,"Eurostat flags: f (forecast), p (provisional)"',
      'BGR,2016,9,A,Eurostat flag: n (not significant)',
      'BGR,2017,10,A,"Eurostat flags: r (revised), d (definition differs), u (low reliability)"',
      'BGR,2018,11,E,Eurostat flag: s (Eurostat estimate)',
      `BGR,2020,,Q,Eurostat flag: ${C}`,
      'BGR,2021,20,E,Eurostat flag: f (forecast)',
      `BGR,2022,,Q,"Eurostat flags: ${C}, ${Z}"`,
    ]);
    expect(issues).toEqual([
      'line,column,code,value,message,hint',
      // a figure beside z loaded as a count of 7, provisional
      '2,2018,IMPORT_UNREADABLE,7 zp,"expected no figure beside the flag z (not applicable), as "": z"" writes it, found ""7 zp"": a figure said not to apply is neither a count nor ""not applicable""; not imported",'
        + '"Eurostat writes a value that does not apply as "": z"": check the figure in Eurostat\'s data browser, and download the table again"',
      '2,2021,IMPORT_UNREADABLE,12 x,"expected Eurostat flags (b, c, d, e, f, n, p, r, s, u, z), found ""x"" in ""12 x""",'
        + '"Eurostat writes no other flag: the file was edited, or Eurostat added the flag to its list since (then add it to data/reference/eurostat_flags.csv)"',
      '3,2015,IMPORT_SKIPPED_MISSING,: u,"expected a value, found "": u"" (not available): not imported",',
      '3,2019,IMPORT_SKIPPED_MISSING,: p,"expected a value, found "": p"" (not available): not imported",',
    ]);
  });

  it('reads SDMX-CSV\'s OBS_FLAG with its flags apart ("b, e p", "e,p", "r d") as the TSV\'s run together', async () => {
    const { imported, observations, issues } = await importOwn('crim_off_cat.csv', SDMX_CSV);
    expect(imported.stderr).not.toMatch(/\n\s+at /);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('6 rows: 5 loaded, 0 skipped, 0 unmapped, 1 unreadable\n');
    expect(observations).toEqual([
      'ref_area,time_period,obs_value,obs_status,comment',
      // "b, e p" and "e,p" were unreadable ("expected a number or "":"" optionally followed by flags")
      `ROU,2018,45,B,"Eurostat flags: ${B}, e (estimated), p (provisional)"`,
      'ROU,2019,12,E,"Eurostat flags: e (estimated), p (provisional)"',
      `ROU,2020,,M,Eurostat flag: ${Z}`,
      `ROU,2021,,M,"Eurostat flag: ${Z}; the download gives 0 beside it, not loaded as a value"`,
      'ROU,2023,8,A,"Eurostat flags: r (revised), d (definition differs)"',
    ]);
    expect(issues).toEqual([
      'line,column,code,value,message,hint',
      '6,OBS_VALUE,IMPORT_UNREADABLE,7 zp,"expected no figure beside the flag z (not applicable), as "": z"" writes it, found ""7 zp"": a figure said not to apply is neither a count nor ""not applicable""; not imported",'
        + '"Eurostat writes a value that does not apply as "": z"": check the figure in Eurostat\'s data browser, and download the table again"',
    ]);
  });
});
