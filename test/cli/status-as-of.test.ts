import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/warehouse.js';

const SAMPLE = join(PROJECT_ROOT, 'data/sample/returns');

// After the deadline the working group asks who had sent what by deadline day; status showed only today's view.
// The 2025 returns, against the deadline 2026-01-31 (to the end of the day, UTC):
//   GEO_2025.csv         2026-01-20           accepted; its correction GEO_2025_v2.csv came 2026-02-10
//   BGR_2025.csv         2026-01-25           rejected (a negative count); BGR_2025_fixed.csv came 2026-02-05
//   ARM_2025.csv         2026-02-20, its receipt corrected to 2026-01-30 (--correct-receipt): counts at 30 January
//   MDA_2025.csv         2026-01-31T17:00:00Z on deadline day
//   ALB_2025.csv         2026-02-03           3 days late
describe('status --as-of: the returns as they stood at the end of a day (UTC), or at a moment', () => {
  let warehouse: string;
  const status = (args: string[]) => runCli(['status', '--warehouse', warehouse, ...args]);

  beforeAll(async () => {
    const inbox = tempDir('as-of-');
    for (const code of ['GEO', 'MDA', 'ALB', 'ARM']) copyFileSync(join(SAMPLE, `${code}_2025.csv`), join(inbox, `${code}_2025.csv`));
    copyFileSync(join(SAMPLE, 'GEO_2025_v2.csv'), join(inbox, 'GEO_2025_v2.csv'));
    copyFileSync(join(SAMPLE, 'BGR_2025.csv'), join(inbox, 'BGR_2025_fixed.csv'));
    writeFileSync(join(inbox, 'BGR_2025.csv'), readFileSync(join(SAMPLE, 'BGR_2025.csv'), 'utf8').replace(/^(BGR,2025,TIP_OFF,_T,_T,_T,_T,)\d+/m, '$1-1'));
    warehouse = join(tempDir(), 'w.duckdb');
    const ingest = async (file: string, at: string, ...more: string[]): Promise<number | null> => (await runCli(['ingest', file, '--warehouse', warehouse, '--received-at', at, ...more], { cwd: inbox })).code;
    expect(await ingest('GEO_2025.csv', '2026-01-20')).toBe(0);
    expect(await ingest('BGR_2025.csv', '2026-01-25')).toBe(1);
    expect(await ingest('ARM_2025.csv', '2026-02-20')).toBe(0);
    expect(await ingest('ARM_2025.csv', '2026-01-30', '--correct-receipt')).toBe(0);
    expect(await ingest('MDA_2025.csv', '2026-01-31T17:00:00Z')).toBe(0);
    expect(await ingest('ALB_2025.csv', '2026-02-03')).toBe(0);
    expect(await ingest('BGR_2025_fixed.csv', '2026-02-05')).toBe(0);
    expect(await ingest('GEO_2025_v2.csv', '2026-02-10')).toBe(0);
  }, 180_000);

  // lines of the table, columns joined by " | ", for the states named
  const rowsOf = (stdout: string, codes: string[]): string[] => stdout.split('\n').filter((l) => codes.some((c) => l.startsWith(`${c}  `))).map((l) => l.split(/ {2,}/).join(' | '));

  it('before the deadline: the files received by then alone, the deadline still to come, nothing late', async () => {
    const before = await status(['--year', '2025', '--as-of', '2026-01-26']);
    expect(before.code).toBe(0);
    expect(before.stdout.split('\n').slice(0, 4)).toEqual([
      'Returns for 2025 — BSEC (13 members), deadline 2026-01-31, as of 2026-01-26 (end of day, UTC)',
      // ARM (at its corrected time, 30 January), MDA, ALB, BGR_2025_fixed.csv and GEO_2025_v2.csv
      '5 files received after it are not counted',
      '2 returned (1 accepted, 1 rejected only), 11 missing, 0 late',
      'the deadline (2026-01-31) was still to come: the 11 missing states are not late yet',
    ]);
    expect(rowsOf(before.stdout, ['ARM', 'BGR', 'GEO', 'MDA'])).toEqual([
      'ARM | Armenia | missing | — | — | — | — | — | 0',
      'MDA | Moldova | missing | — | — | — | — | — | 0',
      'BGR | Bulgaria | rejected | 2026-01-25 | sent on time | 252 | 1 | 0 | 1',
      'GEO | Georgia | accepted | 2026-01-20 | on time | 243 | 0 | 0 | 1',
    ]);
    // Bulgaria's errors are to send back: its fixed file had not come yet
    expect(before.stdout).toContain('\nRejected returns: the first errors, to send back to the state\nBGR BGR_2025.csv (submission 2, received 2026-01-25): 1 error\n');
    const json = JSON.parse((await status(['--year', '2025', '--as-of', '2026-01-26', '--json'])).stdout);
    expect(json).toMatchObject({ as_of: '2026-01-26T23:59:59Z', files_not_counted: 5, days_after_deadline: 0, returned: 2, late: 0 });
  }, 60_000);

  it('on deadline day: returns received to its end count (a receipt corrected into it too), the missing are not late yet', async () => {
    const day = await status(['--year', '2025', '--as-of', '2026-01-31', '--history']);
    expect(day.code).toBe(0);
    expect(day.stdout.split('\n').slice(0, 4)).toEqual([
      'Returns for 2025 — BSEC (13 members), deadline 2026-01-31, as of 2026-01-31 (end of day, UTC)',
      '3 files received after it are not counted',
      '4 returned (3 accepted, 1 rejected only), 9 missing, 0 late',
      'the deadline (2026-01-31) was that day, to the end of the day (UTC): the 9 missing states are not late yet',
    ]);
    expect(rowsOf(day.stdout, ['ALB', 'ARM', 'BGR', 'GEO', 'MDA'])).toEqual([
      'ALB | Albania | missing | — | — | — | — | — | 0',
      'BGR | Bulgaria | rejected | 2026-01-25 | sent on time | 252 | 1 | 0 | 1',
      'ARM | Armenia | accepted | 2026-01-30 | on time | 246 | 0 | 0 | 1',
      'GEO | Georgia | accepted | 2026-01-20 | on time | 243 | 0 | 0 | 1',
      'MDA | Moldova | accepted | 2026-01-31 | on time | 246 | 0 | 0 | 1',
    ]);
    // Georgia's first version was in force then: its correction, received later, is in no version list
    const lines = day.stdout.split('\n');
    const geo = lines.indexOf('GEO versions:');
    expect(lines.slice(geo + 3, geo + 5).map((l) => l.trim().split(/ {2,}/).join(' | '))).toEqual(['1 | GEO_2025.csv | 2026-01-20 00:00:00 | accepted | 243 | 0 | 0', '']);
    expect(day.stdout).not.toContain('GEO_2025_v2.csv');
    expect(day.stdout).not.toContain('Corrected returns');
    // Armenia's receipt was corrected after the cut-off (by this test's ingest): its version counts at the corrected
    // time, but the correction, not yet made then, is not listed (it was); today's history lists it
    const arm = lines.indexOf('ARM versions:');
    expect(lines.slice(arm + 3, arm + 5).map((l) => l.trim().split(/ {2,}/).join(' | '))).toEqual(['3 | ARM_2025.csv | 2026-01-30 00:00:00 | accepted | 246 | 0 | 0', '']);
    expect(day.stdout).not.toContain('receipt corrected');
    expect((await status(['--year', '2025', '--history'])).stdout).toMatch(/\n {2}submission 3: receipt corrected from 2026-02-20 00:00:00 to 2026-01-30 00:00:00 on \d{4}-\d\d-\d\d\n/);

    const json = JSON.parse((await status(['--year', '2025', '--as-of', '2026-01-31', '--json'])).stdout);
    expect(json).toMatchObject({ deadline: '2026-01-31', as_of: '2026-01-31T23:59:59Z', files_not_counted: 3, days_after_deadline: 0, members: 13, returned: 4, late: 0 });
    expect(json.states.find((s: { ref_area: string }) => s.ref_area === 'GEO')).toMatchObject({ status: 'accepted', submission_id: 1, file_name: 'GEO_2025.csv', versions: 1, superseded: [] });

    // at a moment: Moldova's return, received at 17:00, counts from that second on
    const at = (time: string) => status(['--year', '2025', '--as-of', time]);
    expect((await at('2026-01-31T17:00:00Z')).stdout.split('\n').slice(0, 3)).toEqual([
      'Returns for 2025 — BSEC (13 members), deadline 2026-01-31, as of 2026-01-31T17:00:00Z', '3 files received after it are not counted', '4 returned (3 accepted, 1 rejected only), 9 missing, 0 late',
    ]);
    // 18:59:59 in Chisinau (UTC+2) is 16:59:59 UTC, a second before it
    expect((await at('2026-01-31T18:59:59+02:00')).stdout.split('\n').slice(0, 3)).toEqual([
      'Returns for 2025 — BSEC (13 members), deadline 2026-01-31, as of 2026-01-31T16:59:59Z', '4 files received after it are not counted', '3 returned (2 accepted, 1 rejected only), 10 missing, 0 late',
    ]);
  }, 60_000);

  it('a week after the deadline: the missing are late by the days to then, a return fixed by then is in force, a later correction is not', async () => {
    const week = await status(['--year', '2025', '--as-of', '2026-02-07']);
    expect(week.code).toBe(0);
    expect(week.stdout.split('\n').slice(0, 4)).toEqual([
      'Returns for 2025 — BSEC (13 members), deadline 2026-01-31, as of 2026-02-07 (end of day, UTC)',
      '1 file received after it is not counted',
      '5 returned (5 accepted, 0 rejected only), 8 missing, 1 late',
      'the deadline (2026-01-31) had passed 7 days before: 8 missing states had no 2025 return in force',
    ]);
    expect(rowsOf(week.stdout, ['ALB', 'BGR', 'GEO'])).toEqual([
      'ALB | Albania | accepted | 2026-02-03 | late (3 d) | 248 | 0 | 0 | 1',
      'BGR | Bulgaria | accepted | 2026-01-25 | on time | 252 | 0 | 0 | 2',
      'GEO | Georgia | accepted | 2026-01-20 | on time | 243 | 0 | 0 | 1',
    ]);
    expect(week.stdout).not.toContain('Rejected returns');
    const json = JSON.parse((await status(['--year', '2025', '--as-of', '2026-02-07', '--json', '--history'])).stdout);
    expect(json).toMatchObject({ as_of: '2026-02-07T23:59:59Z', files_not_counted: 1, days_after_deadline: 7, returned: 5, late: 1 });
    expect(json.states.find((s: { ref_area: string }) => s.ref_area === 'BGR').history.map((h: { file_name: string; outcome: string }) => `${h.file_name} ${h.outcome}`))
      .toEqual(['BGR_2025.csv rejected', 'BGR_2025_fixed.csv accepted']);

    // every year, as of then: the same counts, the imports left out
    const every = await status(['--as-of', '2026-02-07']);
    expect(every.stdout).toBe([
      'Returns per reporting year — BSEC (13 members), as of 2026-02-07 (end of day, UTC)',
      '1 file received after it is not counted; imports are left out (crimetrends status lists them as they are now)',
      'year  deadline    returned  accepted  rejected only  missing  late  rejected, no state',
      '----  ----------  --------  --------  -------------  -------  ----  ------------------',
      '2025  2026-01-31   5 of 13         5              0        8     1                   0',
      '(crimetrends status --year YYYY lists the states of a year)',
      '',
    ].join('\n'));
    expect(JSON.parse((await status(['--as-of', '2026-01-31', '--json'])).stdout)).toMatchObject({
      as_of: '2026-01-31T23:59:59Z', files_not_counted: 3, years: [{ year: 2025, returned: 4, accepted: 3, rejected: 1, missing: 9, late: 0 }],
    });
  }, 60_000);

  it('after the last receipt: no line of files not counted (it said "0 files received after it are not counted")', async () => {
    const after = await status(['--year', '2025', '--as-of', '2026-02-11']);
    expect(after.code).toBe(0);
    expect(after.stdout.split('\n').slice(0, 2)).toEqual([
      'Returns for 2025 — BSEC (13 members), deadline 2026-01-31, as of 2026-02-11 (end of day, UTC)',
      '5 returned (5 accepted, 0 rejected only), 8 missing, 1 late',
    ]);
    expect(JSON.parse((await status(['--year', '2025', '--as-of', '2026-02-11', '--json'])).stdout)).toMatchObject({ files_not_counted: 0 });
    expect((await status(['--as-of', '2026-02-11'])).stdout.split('\n').slice(0, 2)).toEqual([
      'Returns per reporting year — BSEC (13 members), as of 2026-02-11 (end of day, UTC)',
      'imports are left out (crimetrends status lists them as they are now)',
    ]);
  }, 60_000);

  it('before the first receipt: every state missing; today, without --as-of, the output is as before', async () => {
    const early = await status(['--year', '2025', '--as-of', '2025-06-01']);
    expect(early.code).toBe(0);
    expect(early.stdout.split('\n').slice(0, 4)).toEqual([
      'Returns for 2025 — BSEC (13 members), deadline 2026-01-31, as of 2025-06-01 (end of day, UTC)',
      '7 files received after it are not counted',
      '0 returned (0 accepted, 0 rejected only), 13 missing, 0 late',
      'no return received by then reports 2025, whose deadline (2026-01-31) was still to come; by then it held no return at all yet',
    ]);
    expect((await status(['--as-of', '2025-06-01'])).stdout).toBe('Returns per reporting year — BSEC (13 members), as of 2025-06-01 (end of day, UTC)\n'
      + '7 files received after it are not counted; imports are left out (crimetrends status lists them as they are now)\nno return received by then\n');

    // today's view, byte for byte as status printed it before --as-of
    expect((await status(['--year', '2025'])).stdout).toBe(YEAR_TODAY);
    expect((await status([])).stdout).toBe(EVERY_TODAY);
    expect(JSON.parse((await status(['--year', '2025', '--json'])).stdout)).not.toHaveProperty('as_of');
  }, 60_000);

  it('a file named for a missing state, taken as another, shows the outcome it had then (was its outcome today)', async () => {
    const dir = tempDir('as-of-named-');
    const wh = join(dir, 'w.duckdb');
    const header = 'REF_AREA,TIME_PERIOD,INDICATOR,SEX,AGE,COUNTERPART_AREA,BREAKDOWN,OBS_VALUE,OBS_STATUS,CONF_STATUS,COMMENT';
    writeFileSync(join(dir, 'GEO_2025.csv'), `${header}\nTUR,2025,TIP_OFF,_T,_T,_T,_T,40,A,F,\n`); // Turkey's rows under Georgia's name
    writeFileSync(join(dir, 'TUR_2025.csv'), `${header}\nTUR,2025,TIP_OFF,_T,_T,_T,_T,41,A,F,\n`);
    expect((await runCli(['ingest', '--warehouse', wh, '--received-at', '2026-01-22', join(dir, 'GEO_2025.csv')])).code).toBe(0); // submission 1
    expect((await runCli(['ingest', '--warehouse', wh, '--received-at', '2026-02-05', join(dir, 'TUR_2025.csv')])).code).toBe(0); // supersedes it
    const named = async (...args: string[]): Promise<string | undefined> => (await runCli(['status', '--warehouse', wh, '--year', '2025', ...args])).stdout.split('\n').find((l) => l.startsWith('GEO GEO_2025.csv'));
    const line = (outcome: string): string => `GEO GEO_2025.csv (submission 1, received 2026-01-22) was taken as TUR, 2025 (${outcome}): ask GEO for its own 2025 return`;
    expect(await named('--as-of', '2026-01-31')).toBe(line('accepted'));
    expect(await named()).toBe(line('superseded'));
    const json = JSON.parse((await runCli(['status', '--warehouse', wh, '--year', '2025', '--as-of', '2026-01-31', '--json'])).stdout);
    expect(json.states.find((s: { ref_area: string }) => s.ref_area === 'GEO').named_files.map((f: { outcome: string }) => f.outcome)).toEqual(['accepted']);
  }, 60_000);

  it('refuses a day it cannot read, naming the value and the forms, exit 2', async () => {
    const bad = await status(['--year', '2025', '--as-of', '31/01/2026']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe('error: --as-of: expected a day YYYY-MM-DD or a time 2026-01-31T17:00:00Z, found "31/01/2026" [USAGE_ERROR]\n'
      + 'hint: write the year first, then month and day: 2026-01-31 (to the end of that day, UTC), or a time: 2026-01-31T17:00:00Z\n');
    // a day written year first in another form gets the form read, as --received-at gives it (was the general hint)
    for (const value of ['20260131', '2026/01/31']) {
      const other = await status(['--year', '2025', '--as-of', value]);
      expect([other.code, other.stderr]).toEqual([2, `error: --as-of: expected a day YYYY-MM-DD or a time 2026-01-31T17:00:00Z, found "${value}" [USAGE_ERROR]\n`
        + 'hint: write it 2026-01-31: four-digit year, two-digit month and day, separated by -\n']);
    }
    const impossible = await status(['--as-of', '2026-02-30']);
    expect([impossible.code, impossible.stderr.split('\n')[0]]).toEqual([2, 'error: --as-of: expected a day YYYY-MM-DD or a time 2026-01-31T17:00:00Z, found "2026-02-30": 2026-02-30 is not a day: February 2026 has 28 days [USAGE_ERROR]']);
    const future = await status(['--year', '2025', '--as-of', '2999-01-01', '--json']);
    expect(future.code).toBe(2);
    expect(JSON.parse(future.stdout).error).toMatchObject({ code: 'USAGE_ERROR', message: expect.stringMatching(/^--as-of: expected a date not after today \(\d{4}-\d\d-\d\d in the time zone furthest ahead, UTC\+14\), found "2999-01-01"$/) });
  }, 60_000);
});

// status --year 2025 and status of this warehouse as printed before --as-of existed
const YEAR_TODAY = [
  'Returns for 2025 — BSEC (13 members), deadline 2026-01-31',
  '5 returned (5 accepted, 0 rejected only), 8 missing, 1 late',
  'the deadline (2026-01-31) has passed: 8 missing states have no 2025 return in force',
  '',
  'state  name                status    received    timeliness  rows  errors  warnings  versions',
  '-----  ------------------  --------  ----------  ----------  ----  ------  --------  --------',
  'AZE    Azerbaijan          missing   —           —              —       —         —         0',
  'GRC    Greece              missing   —           —              —       —         —         0',
  'MKD    North Macedonia     missing   —           —              —       —         —         0',
  'ROU    Romania             missing   —           —              —       —         —         0',
  'RUS    Russian Federation  missing   —           —              —       —         —         0',
  'SRB    Serbia              missing   —           —              —       —         —         0',
  'TUR    Türkiye             missing   —           —              —       —         —         0',
  'UKR    Ukraine             missing   —           —              —       —         —         0',
  'ALB    Albania             accepted  2026-02-03  late (3 d)   248       0         0         1',
  'ARM    Armenia             accepted  2026-01-30  on time      246       0         0         1',
  'BGR    Bulgaria            accepted  2026-01-25  on time      252       0         0         2',
  'GEO    Georgia             accepted  2026-01-20  on time      243       0         0         2',
  'MDA    Moldova             accepted  2026-01-31  on time      246       0         0         1',
  '',
  'Corrected returns: the version received last is in force',
  'GEO GEO_2025_v2.csv (submission 7, received 2026-02-10) is in force; it supersedes GEO_2025.csv (submission 1, received 2026-01-20)',
  '',
].join('\n');
const EVERY_TODAY = [
  'Returns per reporting year — BSEC (13 members)',
  'year  deadline    returned  accepted  rejected only  missing  late  rejected, no state',
  '----  ----------  --------  --------  -------------  -------  ----  ------------------',
  '2025  2026-01-31   5 of 13         5              0        8     1                   0',
  '(crimetrends status --year YYYY lists the states of a year)',
  '',
].join('\n');
