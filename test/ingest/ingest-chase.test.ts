import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { nameMismatch, regionNames } from '../../src/ingest/name-mismatch.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/warehouse.js';

const SAMPLE = join(PROJECT_ROOT, 'data/sample/returns');

/** Georgia's 2025 sample return with OBS_VALUE -1 on data lines 2..8: seven VALUE_NEGATIVE errors. */
function georgiaWithSevenErrors(path: string): void {
  const lines = readFileSync(join(SAMPLE, 'GEO_2025.csv'), 'utf8').split('\n');
  for (let i = 1; i <= 7; i += 1) {
    const cells = lines[i]!.split(',');
    cells[7] = '-1';
    lines[i] = cells.join(',');
  }
  writeFileSync(path, lines.join('\n'));
}

describe('the coordinator chases: what status and ingest say about rejected and misnamed returns', () => {
  it('status lists a rejected return\'s first errors to send back, how to get the rest, and an empty file no state could be taken from', async () => {
    const returns = tempDir('returns-');
    georgiaWithSevenErrors(join(returns, 'GEO_2025.csv'));
    writeFileSync(join(returns, 'RUS_2025.csv'), '');
    copyFileSync(join(SAMPLE, 'ALB_2025.csv'), join(returns, 'ALB_2025.csv'));
    const warehouse = join(tempDir(), 'w.duckdb');
    expect((await runCli(['ingest', '.', '--warehouse', warehouse, '--received-at', '2026-01-20'], { cwd: returns })).code).toBe(1);

    const human = await runCli(['status', '--year', '2025', '--warehouse', warehouse], { cwd: returns });
    expect(human.code).toBe(0);
    const section = human.stdout.slice(human.stdout.indexOf('\nRejected returns'));
    expect(section.split('\n').filter((l) => !l.includes('hint:'))).toEqual([
      '',
      'Rejected returns: the first errors, to send back to the state',
      'GEO GEO_2025.csv (submission 2, received 2026-01-20): 7 errors',
      // seven lines alike are one entry naming the whole range, none left to count (it was lines 2–6, "… and 2 more errors")
      '  error   GEO_2025.csv:2\u20138 column OBS_VALUE: expected a non-negative number, found "-1" [VALUE_NEGATIVE] (7 lines alike)',
      '? RUS_2025.csv (submission 3, received 2026-01-20): 1 error; its rows name no one state, so it counts for none; the name says RUS: send these errors back to RUS',
      '  error   RUS_2025.csv: expected a header line and data rows, found an empty file [EMPTY_FILE]',
      '',
    ]);
    // the command the line gives runs and lists all seven
    const rest = await runCli(['query', "select line from validation_issue where submission_id = 2 and severity = 'error' order by line", '--warehouse', warehouse, '--format', 'csv']);
    expect(rest.stdout).toBe('line\n2\n3\n4\n5\n6\n7\n8\n');

    const json = JSON.parse((await runCli(['status', '--year', '2025', '--warehouse', warehouse, '--json'])).stdout);
    const geo = json.states.find((s: { ref_area: string }) => s.ref_area === 'GEO');
    expect(geo).toMatchObject({ status: 'rejected', errors: 7 });
    expect(geo.first_errors.map((e: { line: number; code: string }) => `${e.line}:${e.code}`)).toEqual(['2:VALUE_NEGATIVE', '3:VALUE_NEGATIVE', '4:VALUE_NEGATIVE', '5:VALUE_NEGATIVE', '6:VALUE_NEGATIVE']);
    expect(geo.first_entries).toEqual([expect.objectContaining({ code: 'VALUE_NEGATIVE', line: 2, through: 8, alike: 7 })]);
    expect(json.states.find((s: { ref_area: string }) => s.ref_area === 'ALB').first_errors).toEqual([]);
    expect(json.unattributed).toEqual([{
      submission_id: 3, file_name: 'RUS_2025.csv', received_at: '2026-01-20T00:00:00Z', reporting_year: null, errors: 1, named: ['RUS'], outside_region: [], replaced_by: null,
      first_errors: [expect.objectContaining({ code: 'EMPTY_FILE', line: null })],
      first_entries: [expect.objectContaining({ code: 'EMPTY_FILE', line: null, through: null, alike: 1 })],
    }]);
    // the file names 2025: it is not listed for another year
    expect(JSON.parse((await runCli(['status', '--year', '2024', '--warehouse', warehouse, '--json'])).stdout).unattributed).toEqual([]);

    // without --year: one line per reporting year
    const every = await runCli(['status', '--warehouse', warehouse]);
    expect(every.code).toBe(0);
    expect(every.stdout).toBe([
      'Returns per reporting year — BSEC (13 members)',
      'year  deadline    returned  accepted  rejected only  missing  late  rejected, no state',
      '----  ----------  --------  --------  -------------  -------  ----  ------------------',
      '2025  2026-01-31   2 of 13         1              1       11     0                   1',
      '(rejected, no state: files whose rows name no one state, such as an empty RUS_2025.csv; each counts for none of the members)',
      '(crimetrends status --year YYYY lists the states of a year and the errors of its rejected files)',
      '',
    ].join('\n'));
    expect(JSON.parse((await runCli(['status', '--warehouse', warehouse, '--json'])).stdout).years).toEqual([
      { year: 2025, deadline: '2026-01-31', members: 13, returned: 2, accepted: 1, rejected: 1, missing: 11, late: 0, unattributed: 1, missing_named: [] },
    ]);
    const history = await runCli(['status', '--warehouse', warehouse, '--history']);
    expect(history.code).toBe(2);
    expect(history.stderr.split('\n')[0]).toBe('error: --history lists the versions of one year: give --year too [USAGE_ERROR]');
  }, 120_000);

  it('an empty file named for a state whose return came with it or before is nothing to chase; one sent after it is (was: "send these errors back" either way)', async () => {
    const returns = tempDir('returns-');
    // two attachments of one e-mail: Ukraine's return under its own name, and an empty file (a failed save)
    copyFileSync(join(SAMPLE, 'UKR_2025.csv'), join(returns, 'Україна 2025 (остаточний).csv'));
    writeFileSync(join(returns, 'UKR_2025.csv'), '');
    writeFileSync(join(returns, 'RUS_2025.csv'), 'REF_AREA;TIME_PERIOD\n');
    const warehouse = join(tempDir(), 'w.duckdb');
    expect((await runCli(['ingest', '.', '--warehouse', warehouse, '--received-at', '2026-01-20'], { cwd: returns })).code).toBe(1);
    // Ukraine sends a header without rows five days after its return: that one is still owed an answer
    const later = tempDir('later-');
    writeFileSync(join(later, 'UKR_2025_v2.csv'), 'REF_AREA,TIME_PERIOD,INDICATOR,SEX,AGE,COUNTERPART_AREA,BREAKDOWN,OBS_VALUE,OBS_STATUS,CONF_STATUS,COMMENT\n');
    expect((await runCli(['ingest', join(later, 'UKR_2025_v2.csv'), '--warehouse', warehouse, '--received-at', '2026-01-25'])).code).toBe(1);

    const human = await runCli(['status', '--year', '2025', '--warehouse', warehouse]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/\nUKR +Ukraine +accepted +2026-01-20 +on time +250 /);
    expect(human.stdout.split('\n').filter((l) => l.startsWith('? '))).toEqual([
      '? RUS_2025.csv (submission 1, received 2026-01-20): 3 errors; its rows name no one state, so it counts for none; the name says RUS: send these errors back to RUS',
      '? UKR_2025.csv (submission 2, received 2026-01-20): 1 error; its rows name no one state, so it counts for none; the name says UKR, whose return Україна 2025 (остаточний).csv (submission 3, received 2026-01-20 at the same moment) is in: nothing to chase',
      '? UKR_2025_v2.csv (submission 4, received 2026-01-25): 1 error; its rows name no one state, so it counts for none; the name says UKR: send these errors back to UKR',
    ]);
    const json = JSON.parse((await runCli(['status', '--year', '2025', '--warehouse', warehouse, '--json'])).stdout);
    expect(json.unattributed.map((u: { file_name: string; replaced_by: unknown }) => [u.file_name, u.replaced_by])).toEqual([
      ['RUS_2025.csv', null],
      ['UKR_2025.csv', { submission_id: 3, file_name: 'Україна 2025 (остаточний).csv', ref_area: 'UKR', received_at: '2026-01-20', is_same_time: true }],
      ['UKR_2025_v2.csv', null],
    ]);
  }, 120_000);

  it('status without --year shows the years of rejected files no state could be taken from, when they are all the warehouse holds', async () => {
    const returns = tempDir('returns-');
    writeFileSync(join(returns, 'RUS_2025.csv'), '');
    writeFileSync(join(returns, 'AZE_2025.csv'), `${readFileSync(join(SAMPLE, 'AZE_2024.csv'), 'utf8').split('\n')[0]}\n`);
    writeFileSync(join(returns, 'blank.csv'), '\n'); // no year in its name: the year before its receipt (other bytes than RUS's)
    const warehouse = join(tempDir(), 'w.duckdb');
    expect((await runCli(['ingest', '.', '--warehouse', warehouse, '--received-at', '2026-01-20'], { cwd: returns })).code).toBe(1);
    const every = await runCli(['status', '--warehouse', warehouse]);
    expect(every.code).toBe(0);
    expect(every.stdout.split('\n').slice(0, 4)).toEqual([
      'Returns per reporting year — BSEC (13 members)',
      'year  deadline    returned  accepted  rejected only  missing  late  rejected, no state',
      '----  ----------  --------  --------  -------------  -------  ----  ------------------',
      '2025  2026-01-31   0 of 13         0              0       13     0                   3',
    ]);
    expect(every.stdout).not.toMatch(/no return in the warehouse yet/);
    expect(JSON.parse((await runCli(['status', '--warehouse', warehouse, '--json'])).stdout).years).toEqual([
      { year: 2025, deadline: '2026-01-31', members: 13, returned: 0, accepted: 0, rejected: 0, missing: 13, late: 0, unattributed: 3, missing_named: [] },
    ]);
    // the same three files status --year lists
    const year = JSON.parse((await runCli(['status', '--year', '2025', '--warehouse', warehouse, '--json'])).stdout);
    expect(year.unattributed.map((u: { file_name: string }) => u.file_name)).toEqual(['AZE_2025.csv', 'RUS_2025.csv', 'blank.csv']);
  }, 60_000);

  it('status on a warehouse with no return yet says so (every member missing for a year), exit 0', async () => {
    const warehouse = join(tempDir(), 'w.duckdb');
    expect((await runCli(['import', 'worldbank', join(PROJECT_ROOT, 'test/fixtures/import-worldbank/population.csv'), '--warehouse', warehouse])).code).toBe(0);
    const every = await runCli(['status', '--warehouse', warehouse]);
    expect(every.code).toBe(0);
    expect(every.stdout).toMatch(/^Returns per reporting year — BSEC \(13 members\)\nno return in the warehouse yet: run "crimetrends ingest" on the returns received\n\nImports: /);
    // the import is listed, with no publication date (the file carries none), in use for its 4 countries
    expect(every.stdout).toMatch(/^WORLDBANK +SP\.POP\.TOTL +1 +population\.csv +no date +\d{4}-\d\d-\d\d +yes, 4 states$/m);
    const year = JSON.parse((await runCli(['status', '--year', '2025', '--warehouse', warehouse, '--json'])).stdout);
    expect(year).toMatchObject({ ok: true, members: 13, returned: 0, late: 0, unattributed: [], years_with_returns: [] });
    expect(year.states.every((s: { status: string }) => s.status === 'missing')).toBe(true);
    const human = await runCli(['status', '--year', '2025', '--warehouse', warehouse]);
    expect(human.stdout.split('\n').slice(1, 3)).toEqual([
      '0 returned (0 accepted, 0 rejected only), 13 missing, 0 late',
      'no return in the warehouse reports 2025; it holds no return at all yet',
    ]);
    // a year no file reports (a mistyped --year) names the years the warehouse holds; a year with returns says nothing of it
    expect((await runCli(['ingest', join(SAMPLE, 'ALB_2024.csv'), join(SAMPLE, 'ALB_2025.csv'), '--warehouse', warehouse, '--received-at', '2026-01-20'])).code).toBe(0);
    expect((await runCli(['status', '--year', '2015', '--warehouse', warehouse])).stdout.split('\n')[2]).toBe('no return in the warehouse reports 2015; it holds returns for 2024–2025');
    // a year with returns says nothing of it; its deadline past, it says who has no return in force (was: nothing, "0 late")
    expect((await runCli(['status', '--year', '2025', '--warehouse', warehouse])).stdout.split('\n')[2]).toBe('the deadline (2026-01-31) has passed: 12 missing states have no 2025 return in force');
    expect(JSON.parse((await runCli(['status', '--year', '2015', '--warehouse', warehouse, '--json'])).stdout).years_with_returns).toEqual([2024, 2025]);
  }, 90_000);

  it('ingest says when a file\'s name names another state or year than its rows', async () => {
    const returns = tempDir('returns-');
    copyFileSync(join(SAMPLE, 'GRC_2025.csv'), join(returns, 'SRB_2025.csv'));
    copyFileSync(join(SAMPLE, 'TUR_2024.csv'), join(returns, 'TUR_2025.csv'));
    copyFileSync(join(SAMPLE, 'ALB_2025.csv'), join(returns, 'ALB_2025.csv'));
    const warehouse = join(tempDir(), 'w.duckdb');
    const result = await runCli(['ingest', '.', '--warehouse', warehouse, '--received-at', '2026-01-20'], { cwd: returns });
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').filter((l) => l !== '' && !l.startsWith(' '))).toEqual([
      'ALB_2025.csv: 248 rows, 0 errors, 0 warnings — accepted as submission 1 (ALB, 2025)',
      'SRB_2025.csv: 259 rows, 0 errors, 0 warnings — accepted as submission 2 (GRC, 2025); the name says SRB, the rows GRC: check that this is the file the state meant to send',
      'TUR_2025.csv: 244 rows, 0 errors, 0 warnings — accepted as submission 3 (TUR, 2024); the name says 2025, the rows 2024: check that this is the file the state meant to send',
    ]);
    const json = JSON.parse((await runCli(['ingest', join(returns, 'SRB_2025.csv'), '--warehouse', join(tempDir(), 'w.duckdb'), '--json'])).stdout);
    expect(json.files[0].name_mismatch).toBe('the name says SRB, the rows GRC');
  }, 120_000);

  it('ingest says when last year\'s return, already in, is sent again under this year\'s name (same bytes, nothing recorded)', async () => {
    const returns = tempDir('returns-');
    copyFileSync(join(SAMPLE, 'ROU_2024.csv'), join(returns, 'ROU_2024.csv'));
    const warehouse = join(tempDir(), 'w.duckdb');
    expect((await runCli(['ingest', 'ROU_2024.csv', '--warehouse', warehouse, '--received-at', '2025-01-20'], { cwd: returns })).code).toBe(0);
    copyFileSync(join(SAMPLE, 'ROU_2024.csv'), join(returns, 'ROU_2025.csv'));
    const again = await runCli(['ingest', 'ROU_2025.csv', '--warehouse', warehouse, '--received-at', '2026-01-20'], { cwd: returns });
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('ROU_2025.csv: already in the warehouse (submission 1, ROU_2024.csv, same bytes): nothing loaded; the name says 2025, the rows 2024: check that this is the file the state meant to send; kept as a re-offer: crimetrends status --year 2025 lists it under ROU while its 2025 return is missing\n');
    const json = JSON.parse((await runCli(['ingest', 'ROU_2025.csv', '--warehouse', warehouse, '--json'], { cwd: returns })).stdout);
    expect(json.files[0]).toMatchObject({ outcome: 'duplicate', name_mismatch: 'the name says 2025, the rows 2024', re_offer: { recorded: 'earlier', states: ['ROU'], years: [2025] } });
    // the same file under its own name again (a second run over the folder): nothing new to say
    const rerun = await runCli(['ingest', 'ROU_2024.csv', '--warehouse', warehouse], { cwd: returns });
    expect(rerun.stdout).toBe('ROU_2024.csv: already in the warehouse (submission 1, same bytes): nothing to do\n');
    expect(JSON.parse((await runCli(['ingest', 'ROU_2024.csv', '--warehouse', warehouse, '--json'], { cwd: returns })).stdout).files[0].re_offer).toBeNull();
  }, 90_000);

  it('a corrected file saved over the first under the same name, the receipt log unchanged, is in force: recorded as received now, not at the first one\'s logged time', async () => {
    const returns = tempDir('returns-');
    const original = readFileSync(join(SAMPLE, 'ROU_2025.csv'), 'utf8');
    writeFileSync(join(returns, 'ROU_2025.csv'), original);
    writeFileSync(join(returns, '_received.csv'), 'file,received_at\nROU_2025.csv,2026-01-20T10:00:00Z\n');
    const warehouse = join(tempDir(), 'w.duckdb');
    expect((await runCli(['ingest', '.', '--warehouse', warehouse], { cwd: returns })).code).toBe(0);
    // the correction's bytes hash below the original's: with the logged time, the tie on time and name kept the original in force
    const corrected = original.replace('ROU,2025,TIP_OFF,_T,_T,_T,_T,344,A,F,', 'ROU,2025,TIP_OFF,_T,_T,_T,_T,345,A,F,');
    expect(corrected).not.toBe(original);
    writeFileSync(join(returns, 'ROU_2025.csv'), corrected);
    const again = await runCli(['ingest', '.', '--warehouse', warehouse], { cwd: returns });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^ROU_2025\.csv: 243 rows, 0 errors, 0 warnings — accepted as submission 2 \(ROU, 2025\); _received\.csv's time for this name, 2026-01-20T10:00:00Z, is the receipt of submission 1 \(other bytes\): recorded as received now, \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ; supersedes submission 1\n$/);
    const value = await runCli(['query', "select obs_value from observation_current where ref_area = 'ROU' and indicator = 'TIP_OFF' and time_period = 2025 and breakdown = '_T' and sex = '_T'", '--warehouse', warehouse, '--format', 'csv']);
    expect(value.stdout).toBe('obs_value\n345\n');
    // the same name and time given explicitly: the line says the sha256 decided, and how to say which is newer
    const explicit = join(tempDir(), 'w.duckdb');
    const first = join(tempDir('a-'), 'ROU_2025.csv');
    const second = join(tempDir('b-'), 'ROU_2025.csv');
    writeFileSync(first, original);
    writeFileSync(second, corrected);
    expect((await runCli(['ingest', first, '--warehouse', explicit, '--received-at', '2026-01-20'])).code).toBe(0);
    const tie = await runCli(['ingest', second, '--warehouse', explicit, '--received-at', '2026-01-20']);
    expect(tie.stdout).toMatch(/; superseded on arrival: received the same day and time as submission 1 \(ROU_2025\.csv\), which stays in force \(the same name too: the greater sha256 decides, which says nothing of which is newer; give --received-at\)\n$/);
  }, 120_000);

  it('says when the folder\'s receipt log has no line for a file: recorded as received now, which outranks the correction the log dates', async () => {
    const returns = tempDir('returns-');
    copyFileSync(join(SAMPLE, 'ROU_2025.csv'), join(returns, 'ROU_2025.csv'));
    const corrected = readFileSync(join(SAMPLE, 'ROU_2025.csv'), 'utf8').replace('ROU,2025,TIP_OFF,_T,_T,_T,_T,344,A,F,', 'ROU,2025,TIP_OFF,_T,_T,_T,_T,345,A,F,');
    writeFileSync(join(returns, 'ROU_2025_v2.csv'), corrected);
    // the correction logged, the first version's line forgotten
    writeFileSync(join(returns, '_received.csv'), 'file,received_at\nROU_2025_v2.csv,2026-02-03T10:00:00Z\n');
    const result = JSON.parse((await runCli(['ingest', '.', '--warehouse', join(tempDir(), 'w.duckdb'), '--json'], { cwd: returns })).stdout);
    // was: the first version silently received now, in force over the correction, its line saying only that it was late
    expect(result.files.map((f: Record<string, unknown>) => [f.file, f.missing_from_log, f.superseded_by])).toEqual([['ROU_2025.csv', true, null], ['ROU_2025_v2.csv', false, 1]]);
    expect(result.files[0].message).toMatch(/; not in _received\.csv: recorded as received now, \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ, later than every time the log gives \(add its line before ingesting, or give --received-at\)/);
  }, 60_000);

  it('status lists a correction rejected after the version in force, with its first errors: the state believes it corrected its figures', async () => {
    const returns = tempDir('returns-');
    const warehouse = join(tempDir(), 'w.duckdb');
    copyFileSync(join(SAMPLE, 'ROU_2025.csv'), join(returns, 'ROU_2025.csv'));
    const broken = readFileSync(join(SAMPLE, 'ROU_2025.csv'), 'utf8').replace('ROU,2025,TIP_OFF,_T,_T,_T,_T,344,A,F,', 'ROU,2025,TIP_OFF,_T,_T,_T,_T,35x,A,F,');
    writeFileSync(join(returns, 'ROU_2025_v2.csv'), broken);
    expect((await runCli(['ingest', 'ROU_2025.csv', '--warehouse', warehouse, '--received-at', '2026-01-20'], { cwd: returns })).code).toBe(0);
    expect((await runCli(['ingest', 'ROU_2025_v2.csv', '--warehouse', warehouse, '--received-at', '2026-02-03'], { cwd: returns })).code).toBe(1);
    const human = await runCli(['status', '--year', '2025', '--warehouse', warehouse]);
    // was: ROU 'accepted', nothing below the table: the rejected correction showed only under --history
    expect(human.stdout).toContain(
      'Rejected corrections: the version before stays in force; the first errors, to send back to the state\n' +
        'ROU ROU_2025_v2.csv (submission 2, received 2026-02-03): 1 error; submission 1 (ROU_2025.csv) stays in force\n' +
        '  error   ROU_2025_v2.csv:2 column OBS_VALUE: expected a number, found "35x" [VALUE_NOT_NUMBER]\n',
    );
    const json = JSON.parse((await runCli(['status', '--year', '2025', '--warehouse', warehouse, '--json'])).stdout);
    const rou = json.states.find((s: { ref_area: string }) => s.ref_area === 'ROU');
    expect(rou).toMatchObject({ status: 'accepted', submission_id: 1, rejected_resend: { submission_id: 2, file_name: 'ROU_2025_v2.csv', errors: 1 } });
    expect(rou.rejected_resend.first_errors.map((e: { line: number; code: string }) => `${e.line}:${e.code}`)).toEqual(['2:VALUE_NOT_NUMBER']);
    expect(json.states.find((s: { ref_area: string }) => s.ref_area === 'ALB').rejected_resend).toBeNull();
  }, 90_000);

  it('reads a name for the region\'s codes, names and years only', () => {
    const state = (iso3: string, name_en: string, aliases: string[] = []) => ({ iso3, name_en, names_native: [], aliases });
    const codes = regionNames([state('GRC', 'Greece', ['EL', 'Hellas']), state('SRB', 'Serbia'), state('ROU', 'Romania'), state('ARM', 'Armenia'),
      state('MKD', 'North Macedonia', ['Macedonia']), state('MDA', 'Moldova', ['Republic of Moldova']), state('TUR', 'Türkiye', ['Turkey'])]);
    expect(nameMismatch('returns/srb-2025.csv', 'GRC', 2025, codes)).toBe('the name says SRB, the rows GRC');
    expect(nameMismatch('ROU_2024_2025_revised.csv', 'ROU', 2025, codes)).toBeNull();
    expect(nameMismatch('return_final_2025.csv', 'GRC', 2024, codes)).toBe('the name says 2025, the rows 2024');
    expect(nameMismatch('GRC.csv', 'GRC', 2025, codes)).toBeNull();
    expect(nameMismatch('armed_forces.csv', 'GRC', 2025, codes)).toBeNull(); // "armed" is no code
    expect(nameMismatch('SRB_2025.csv', null, null, codes)).toBeNull();
    // as ministries name their files: by the state's name, in any case, with any separator, or glued to the year
    expect(nameMismatch('Romania 2025.csv', 'GRC', 2025, codes)).toBe('the name says ROU, the rows GRC');
    expect(nameMismatch('Return_Moldova_2025 (final) v2.csv', 'MDA', 2025, codes)).toBeNull();
    expect(nameMismatch('return-north-macedonia2024.CSV', 'MKD', 2025, codes)).toBe('the name says 2024, the rows 2025');
    expect(nameMismatch('TURKIYE_2025.csv', 'GRC', 2025, codes)).toBe('the name says TUR, the rows GRC');
    expect(nameMismatch('Statistics_Turkey_2025.csv', 'TUR', 2025, codes)).toBeNull();
    // a short alias is no name here ("el" is a word), nor part of a word
    expect(nameMismatch('el_informe_2025.csv', 'SRB', 2025, codes)).toBeNull();
    expect(nameMismatch('Greeceland_2025.csv', 'SRB', 2025, codes)).toBeNull();
  });
});

describe('ingest says when a return arrived against its year: late, or for a year not over', () => {
  it('names the days after the deadline, and a TIME_PERIOD of the current year as a likely typo, in the line and the JSON', async () => {
    const dir = tempDir('timing-');
    copyFileSync(join(SAMPLE, 'ALB_2025.csv'), join(dir, 'ALB_2025.csv'));
    // Moldova's 2025 return with TIME_PERIOD 2026 on every row, received in January 2026
    writeFileSync(join(dir, 'MDA_2026.csv'), readFileSync(join(SAMPLE, 'MDA_2025.csv'), 'utf8').replace(/^MDA,2025,/gm, 'MDA,2026,'));
    copyFileSync(join(SAMPLE, 'ARM_2025.csv'), join(dir, 'ARM_2025.csv'));
    const warehouse = join(dir, 'w.duckdb');

    const late = await runCli(['ingest', 'ALB_2025.csv', '--warehouse', warehouse, '--received-at', '2026-02-10T09:00:00Z'], { cwd: dir });
    expect(late.code).toBe(0);
    expect(late.stdout).toBe('ALB_2025.csv: 248 rows, 0 errors, 0 warnings — accepted as submission 1 (ALB, 2025); received 2026-02-10, 10 days after the deadline 2026-01-31: a review written before it does not hold it; crimetrends run --year 2025 again to publish it\n');

    const early = JSON.parse((await runCli(['ingest', 'MDA_2026.csv', '--warehouse', warehouse, '--received-at', '2026-01-20', '--json'], { cwd: dir })).stdout);
    expect(early.files[0]).toMatchObject({ state: 'MDA', year: 2026, deadline: '2027-01-31', days_after_deadline: null, year_not_over: true });
    expect(early.files[0].message).toMatch(/; the rows report 2026, a year not over when the file was received \(2026-01-20\): check that the state did not mean 2025 \(TIME_PERIOD\)$/);

    const onTime = JSON.parse((await runCli(['ingest', 'ARM_2025.csv', '--warehouse', warehouse, '--received-at', '2026-01-31T23:00:00Z', '--json'], { cwd: dir })).stdout);
    expect(onTime.files[0]).toMatchObject({ deadline: '2026-01-31', days_after_deadline: null, year_not_over: false });
    expect(onTime.files[0].message).toBe('246 rows, 0 errors, 0 warnings — accepted as submission 3 (ARM, 2025)');

    // a year not begun at receipt: the receipt time is wrong, not the state's year (was: 'did not mean 1989')
    const before = JSON.parse((await runCli(['ingest', 'ALB_2025.csv', '--warehouse', join(dir, 'other.duckdb'), '--received-at', '1990-01-01', '--json'], { cwd: dir })).stdout);
    expect(before.files[0]).toMatchObject({ year: 2025, year_not_over: true });
    expect(before.files[0].message).toMatch(/; the rows report 2025, a year not begun when the file was received \(1990-01-01\): check the receipt time \(--received-at, _received\.csv\)$/);
  });

  it('refuses a --received-at the calendar does not have (usage error, exit 2), never rolling it into the next month', async () => {
    const dir = tempDir('timing-');
    copyFileSync(join(SAMPLE, 'ALB_2025.csv'), join(dir, 'ALB_2025.csv'));
    const warehouse = join(dir, 'w.duckdb');
    // the message says what the calendar lacks
    const why: Record<string, string> = {
      '2026-02-30': ': 2026-02-30 is not a day: February 2026 has 28 days',
      '2026-04-31': ': 2026-04-31 is not a day: April 2026 has 30 days',
      '2026-02-29': ': 2026-02-29 is not a day: February 2026 has 28 days',
      '2026-01-20T24:00:00Z': ': 24:00:00 is not a time of day: 00:00:00 to 23:59:59',
      '2026-13-01': ': 2026-13-01 is not a day: a month is 01 to 12, found 13',
      'Jan 20 2026': '',
    };
    for (const [day, reason] of Object.entries(why)) {
      const result = await runCli(['ingest', 'ALB_2025.csv', '--warehouse', warehouse, '--received-at', day], { cwd: dir });
      const hint = reason === '' ? 'write the year first, then month and day: 2026-01-20' : 'correct the day or time the file was received';
      expect({ day, code: result.code, stdout: result.stdout, stderr: result.stderr }).toEqual({
        day, code: 2, stdout: '',
        stderr: `error: --received-at: expected an ISO date like 2026-01-20 or 2026-01-20T10:00:00Z, found "${day}"${reason} [USAGE_ERROR]\nhint: ${hint}\n`,
      });
    }
    // a date written year first in another form: the hint gives it in the form read (was: "write the year first"),
    // and it is still refused, never guessed; a day-first date keeps the general hint
    const forms: Record<string, string> = {
      '20260128': 'write it 2026-01-28: four-digit year, two-digit month and day, separated by -',
      '2026-1-5': 'write it 2026-01-05: four-digit year, two-digit month and day, separated by -',
      '2026/01/28': 'write it 2026-01-28: four-digit year, two-digit month and day, separated by -',
      '2026.01.28': 'write it 2026-01-28: four-digit year, two-digit month and day, separated by -',
      '28/01/2026': 'write the year first, then month and day: 2026-01-20',
    };
    for (const [day, hint] of Object.entries(forms)) {
      const result = await runCli(['ingest', 'ALB_2025.csv', '--warehouse', warehouse, '--received-at', day], { cwd: dir });
      expect({ day, code: result.code, stdout: result.stdout, stderr: result.stderr }).toEqual({
        day, code: 2, stdout: '',
        stderr: `error: --received-at: expected an ISO date like 2026-01-20 or 2026-01-20T10:00:00Z, found "${day}" [USAGE_ERROR]\nhint: ${hint}\n`,
      });
    }
    // a time after now is refused too: a mistyped year would put the file in force over every later correction
    const future = await runCli(['ingest', 'ALB_2025.csv', '--warehouse', warehouse, '--received-at', '2126-01-20'], { cwd: dir });
    expect({ code: future.code, stdout: future.stdout }).toEqual({ code: 2, stdout: '' });
    expect(future.stderr).toMatch(/^error: --received-at: expected a date not after today \(\d{4}-\d\d-\d\d in the time zone furthest ahead, UTC\+14\), found "2126-01-20" \[USAGE_ERROR\]\nhint: a file is received before it is ingested: check the year/);
    const futureMoment = await runCli(['ingest', 'ALB_2025.csv', '--warehouse', warehouse, '--received-at', '2126-01-20T10:00:00Z'], { cwd: dir });
    expect(futureMoment.stderr).toMatch(/^error: --received-at: expected a time not after now \(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\), found "2126-01-20T10:00:00Z" \[USAGE_ERROR\]\n/);
    // a leap day is a day, and an offset is read as such
    const leap = JSON.parse((await runCli(['ingest', 'ALB_2025.csv', '--warehouse', warehouse, '--received-at', '2024-02-29T10:00:00+02:00', '--json'], { cwd: dir })).stdout);
    expect(leap.files[0]).toMatchObject({ outcome: 'accepted', submission_id: 1, received_at: '2024-02-29T08:00:00Z' });
  });
});

describe('status names a missing state that did send a file, whose rows were another state\'s', () => {
  it('lists GEO_2025.csv holding Türkiye\'s rows under Georgia, human and JSON; a well-named return is not listed', async () => {
    const dir = tempDir('named-');
    copyFileSync(join(SAMPLE, 'TUR_2025.csv'), join(dir, 'GEO_2025.csv'));
    copyFileSync(join(SAMPLE, 'ALB_2025.csv'), join(dir, 'ALB_2025.csv'));
    // last year's Moldovan return sent under this year's name: taken as MDA 2024, Moldova missing for 2025
    copyFileSync(join(SAMPLE, 'MDA_2024.csv'), join(dir, 'MDA_2025.csv'));
    const warehouse = join(dir, 'w.duckdb');
    expect((await runCli(['ingest', '.', '--warehouse', warehouse, '--received-at', '2026-01-20'], { cwd: dir })).code).toBe(0);

    const human = await runCli(['status', '--year', '2025', '--warehouse', warehouse]);
    expect(human.code).toBe(0);
    expect(human.stdout.slice(human.stdout.indexOf('\nMissing, though')).split('\n')).toEqual([
      '',
      'Missing, though a file named for them arrived: its rows were another state\'s or year\'s',
      'GEO GEO_2025.csv (submission 2, received 2026-01-20) was taken as TUR, 2025 (accepted): ask GEO for its own 2025 return',
      'MDA MDA_2025.csv (submission 3, received 2026-01-20) was taken as MDA, 2024 (accepted): ask MDA for its own 2025 return',
      '',
    ]);
    const json = JSON.parse((await runCli(['status', '--year', '2025', '--warehouse', warehouse, '--json'])).stdout);
    const of = (code: string) => json.states.find((s: { ref_area: string }) => s.ref_area === code);
    expect(of('GEO')).toMatchObject({ status: 'missing', named_files: [{ submission_id: 2, file_name: 'GEO_2025.csv', received_at: '2026-01-20T00:00:00Z', outcome: 'accepted', ref_area: 'TUR', reporting_year: 2025 }] });
    expect(of('TUR')).toMatchObject({ status: 'accepted', named_files: [] });
    expect(of('RUS')).toMatchObject({ status: 'missing', named_files: [] });
    // for 2024 the Moldovan file is Moldova's own return: nothing to report
    expect(JSON.parse((await runCli(['status', '--year', '2024', '--warehouse', warehouse, '--json'])).stdout).states.every((s: { named_files: unknown[] }) => s.named_files.length === 0)).toBe(true);
  });
});

describe('status names a missing state that re-sent last year\'s return under this year\'s name (the same bytes: nothing loaded)', () => {
  it('lists MDA_2025.csv holding the bytes of MDA_2024.csv under Moldova, human and JSON, at its receipt; a resend of a state\'s own return is not listed', async () => {
    const dir = tempDir('re-offer-');
    copyFileSync(join(SAMPLE, 'MDA_2024.csv'), join(dir, 'MDA_2024.csv'));
    copyFileSync(join(SAMPLE, 'ALB_2025.csv'), join(dir, 'ALB_2025.csv'));
    copyFileSync(join(SAMPLE, 'TUR_2025.csv'), join(dir, 'TUR_2025.csv'));
    const warehouse = join(dir, 'w.duckdb');
    expect((await runCli(['ingest', 'MDA_2024.csv', 'ALB_2025.csv', 'TUR_2025.csv', '--warehouse', warehouse, '--received-at', '2025-01-20'], { cwd: dir })).code).toBe(0);
    // a year on: last year's bytes as this year's return, and Albania's own return sent again under another name
    copyFileSync(join(SAMPLE, 'MDA_2024.csv'), join(dir, 'MDA_2025.csv'));
    copyFileSync(join(SAMPLE, 'ALB_2025.csv'), join(dir, 'ALB_2025 (1).csv'));
    // and Türkiye's return, in already, sent under Georgia's name
    copyFileSync(join(SAMPLE, 'TUR_2025.csv'), join(dir, 'GEO_2025.csv'));
    const again = await runCli(['ingest', 'MDA_2025.csv', 'ALB_2025 (1).csv', 'GEO_2025.csv', '--warehouse', warehouse, '--received-at', '2026-01-28'], { cwd: dir });
    expect(again.code).toBe(0);
    // the line says the offer was kept and where status lists it; the state's own resend under another name was not kept
    expect(again.stdout).toContain('MDA_2025.csv: already in the warehouse (submission 1, MDA_2024.csv, same bytes): nothing loaded; the name says 2025, the rows 2024: check that this is the file the state meant to send; kept as a re-offer: crimetrends status --year 2025 lists it under MDA while its 2025 return is missing\n');
    expect(again.stdout).toContain('GEO_2025.csv: already in the warehouse (submission 3, TUR_2025.csv, same bytes): nothing loaded; the name says GEO, the rows TUR: check that this is the file the state meant to send; kept as a re-offer: crimetrends status --year 2025 lists it under GEO while its 2025 return is missing\n');
    expect(again.stdout).toContain('ALB_2025 (1).csv: already in the warehouse (submission 2, ALB_2025.csv, same bytes): nothing to do\n');
    // offered once more later (a second run over the folder): the first receipt stays, one row, and the line says it was kept before
    const twice = await runCli(['ingest', 'MDA_2025.csv', '--warehouse', warehouse, '--received-at', '2026-02-10', '--json'], { cwd: dir });
    expect(twice.code).toBe(0);
    expect(JSON.parse(twice.stdout).files[0]).toMatchObject({
      outcome: 'duplicate', submission_id: 1, re_offer: { recorded: 'earlier', states: ['MDA'], years: [2025] },
      message: 'already in the warehouse (submission 1, MDA_2024.csv, same bytes): nothing loaded; the name says 2025, the rows 2024: check that this is the file the state meant to send; kept as a re-offer already (its first receipt stays): crimetrends status --year 2025 lists it under MDA while its 2025 return is missing',
    });
    // nothing in submission: the offer alone, in re_offer (the same-year resend is not kept)
    expect((await runCli(['query', 'select file_name, received_at, submission_id from re_offer order by file_name', '--warehouse', warehouse, '--format', 'csv'])).stdout)
      .toBe('file_name,received_at,submission_id\nGEO_2025.csv,2026-01-28 00:00:00,3\nMDA_2025.csv,2026-01-28 00:00:00,1\n');
    expect((await runCli(['query', 'select count(*) as n from submission', '--warehouse', warehouse, '--format', 'csv'])).stdout).toBe('n\n3\n');

    const human = await runCli(['status', '--year', '2025', '--warehouse', warehouse]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^MDA +Moldova +missing /m);
    expect(human.stdout.slice(human.stdout.indexOf('\nMissing, though')).split('\n')).toEqual([
      '',
      'Missing, though a file named for them arrived: its rows were another state\'s or year\'s',
      'GEO GEO_2025.csv (received 2026-01-28) held the same bytes as TUR_2025.csv, TUR\'s 2025 return (submission 3): ask GEO for its 2025 return',
      'MDA MDA_2025.csv (received 2026-01-28) held the same bytes as MDA_2024.csv, its 2024 return (submission 1): ask MDA for its 2025 return',
      '',
    ]);
    const json = JSON.parse((await runCli(['status', '--year', '2025', '--warehouse', warehouse, '--json'])).stdout);
    const of = (code: string) => json.states.find((s: { ref_area: string }) => s.ref_area === code);
    expect(of('MDA')).toMatchObject({ status: 'missing', named_files: [], re_offers: [{
      file_name: 'MDA_2025.csv', received_at: '2026-01-28T00:00:00Z', same_bytes_as: { submission_id: 1, file_name: 'MDA_2024.csv', ref_area: 'MDA', reporting_year: 2024 },
    }] });
    // Albania's resend is its own 2025 return again: not news, nowhere
    expect(of('ALB')).toMatchObject({ status: 'accepted', re_offers: [] });
    expect(human.stdout).not.toContain('ALB_2025 (1).csv');
    // every year's overview names the missing states a file named for the year came from, and where they are listed
    const every = await runCli(['status', '--warehouse', warehouse]);
    expect(every.stdout).toContain('\n(2025: of the 11 missing states, GEO and MDA sent files named for 2025 whose rows were another state\'s or year\'s: crimetrends status --year 2025 lists them)\n');
    expect(JSON.parse((await runCli(['status', '--warehouse', warehouse, '--json'])).stdout).years.map((y: { year: number; missing_named: string[] }) => [y.year, y.missing_named]))
      .toEqual([[2025, ['GEO', 'MDA']], [2024, []]]);
    // for 2024 the bytes are Moldova's own return: nothing to report
    expect(JSON.parse((await runCli(['status', '--year', '2024', '--warehouse', warehouse, '--json'])).stdout).states.every((s: { re_offers: unknown[] }) => s.re_offers.length === 0)).toBe(true);

    // as of a day before the re-offer's receipt, Moldova was plain missing; as of its day, it shows
    const before = await runCli(['status', '--year', '2025', '--warehouse', warehouse, '--as-of', '2026-01-27']);
    expect(before.stdout).not.toContain('MDA_2025.csv');
    // the two re-offers (GEO_2025.csv, MDA_2025.csv), received after the cut-off, are said to be left out
    expect(before.stdout.split('\n')[1]).toBe('2 files received after it are not counted');
    expect(JSON.parse((await runCli(['status', '--year', '2025', '--warehouse', warehouse, '--as-of', '2026-01-27', '--json'])).stdout).states.find((s: { ref_area: string }) => s.ref_area === 'MDA').re_offers).toEqual([]);
    expect((await runCli(['status', '--year', '2025', '--warehouse', warehouse, '--as-of', '2026-01-28'])).stdout)
      .toContain('\nMDA MDA_2025.csv (received 2026-01-28) held the same bytes as MDA_2024.csv, its 2024 return (submission 1): ask MDA for its 2025 return\n');
  });
});

describe('an old version resent after its correction', () => {
  it('names the version in force and records nothing, human and JSON', async () => {
    const dir = tempDir('stale-');
    copyFileSync(join(SAMPLE, 'ROU_2025.csv'), join(dir, 'ROU_2025.csv'));
    writeFileSync(join(dir, 'ROU_2025_v2.csv'), readFileSync(join(SAMPLE, 'ROU_2025.csv'), 'utf8').replace(/^(ROU,2025,TIP_OFF,_T,_T,_T,_T,)(\d+)/m, (_m, head: string, n: string) => `${head}${Number(n) + 1}`));
    const warehouse = join(dir, 'w.duckdb');
    expect((await runCli(['ingest', 'ROU_2025.csv', '--warehouse', warehouse, '--received-at', '2026-01-15'], { cwd: dir })).code).toBe(0);
    expect((await runCli(['ingest', 'ROU_2025_v2.csv', '--warehouse', warehouse, '--received-at', '2026-01-20'], { cwd: dir })).code).toBe(0);
    copyFileSync(join(dir, 'ROU_2025.csv'), join(dir, 'ROU_2025_resent.csv'));

    const stale = await runCli(['ingest', 'ROU_2025_resent.csv', '--warehouse', warehouse, '--received-at', '2026-01-25'], { cwd: dir });
    expect(stale.code).toBe(0);
    expect(stale.stdout).toBe('ROU_2025_resent.csv: already in the warehouse as submission 1 (ROU_2025.csv, received 2026-01-15), an older version: submission 2 (ROU_2025_v2.csv, received 2026-01-20) stays in force; nothing recorded; if ROU means the older figures to count again, ask it for a new version of the return (the same bytes are never recorded twice)\n');
    const json = JSON.parse((await runCli(['ingest', 'ROU_2025.csv', '--warehouse', warehouse, '--json'], { cwd: dir })).stdout);
    expect(json.files[0]).toMatchObject({ outcome: 'duplicate', submission_id: 1, in_force: { submission_id: 2, file_name: 'ROU_2025_v2.csv', received_at: '2026-01-20T00:00:00Z' } });
    const versions = await runCli(['query', 'select submission_id, outcome from submission order by 1', '--warehouse', warehouse, '--format', 'csv']);
    expect(versions.stdout).toBe('submission_id,outcome\n1,superseded\n2,accepted\n');
  });
});

describe('ingest lines for what arrives in a season besides returns of members', () => {
  it('names the copy that holds the same bytes, a state outside the group, and a template sent back unfilled', async () => {
    const dir = tempDir('season-');
    copyFileSync(join(SAMPLE, 'SRB_2025.csv'), join(dir, 'SRB_2025.csv'));
    copyFileSync(join(SAMPLE, 'SRB_2025.csv'), join(dir, 'SRB_2025 (1).csv'));
    // Kosovo is of the region (SEECP, WB6) but not of BSEC, the default group
    writeFileSync(join(dir, 'XKX_2025.csv'), readFileSync(join(SAMPLE, 'ALB_2025.csv'), 'utf8').replace(/^ALB,/gm, 'XKX,'));
    const warehouse = join(dir, 'w.duckdb');
    expect((await runCli(['template', '--state', 'GEO', '--year', '2025', '--out', join(dir, 'GEO_2025.csv')])).code).toBe(0);

    const result = await runCli(['ingest', '.', '--warehouse', warehouse, '--received-at', '2026-01-20'], { cwd: dir });
    expect(result.code).toBe(1);
    const lines = result.stdout.split('\n').filter((l) => !l.startsWith(' '));
    expect(lines[0]).toMatch(/^GEO_2025\.csv: (\d+) rows, \1 errors, 0 warnings — rejected \(submission 1 records why\); no row has a value: the template came back unfilled, ask the state for its figures$/);
    // the sample's SRB_2025.csv: 259 lines, the header and 258 rows; ALB_2025.csv, whose rows are XKX's here, 248
    expect(lines[1]).toBe('SRB_2025 (1).csv: 258 rows, 0 errors, 0 warnings — accepted as submission 2 (SRB, 2025)');
    expect(lines[2]).toBe('SRB_2025.csv: already in the warehouse (submission 2, SRB_2025 (1).csv, same bytes): nothing to do');
    expect(lines[3]).toBe('XKX_2025.csv: 248 rows, 0 errors, 0 warnings — accepted as submission 3 (XKX, 2025); XKX is not a member of BSEC, the group chased and reviewed (config group): kept, it counts for SEECP, WB6');

    const json = JSON.parse((await runCli(['ingest', 'XKX_2025.csv', 'GEO_2025.csv', '--warehouse', warehouse, '--json'], { cwd: dir })).stdout);
    expect(json.files[0]).toMatchObject({ outcome: 'duplicate', outside_group: null });
    expect(json.files[1]).toMatchObject({ outcome: 'rejected', unfilled: true });
  });
});

describe('a return holding the rows of several states (a mistyped REF_AREA, an export of several states)', () => {
  const sampleRows = (name: string): string[] => readFileSync(join(SAMPLE, name), 'utf8').trimEnd().split('\n');

  it("a state's return with a row of another state is that state's return: validate, ingest and status say so, the row flagged at its line", async () => {
    const dir = tempDir('returns-');
    const [header, ...rows] = sampleRows('ROU_2025.csv');
    // the mistyped row comes first, so the warning must point at it, not at Romania's first row
    writeFileSync(join(dir, 'ROU_2025.csv'), `${[header, 'BGR,2025,TIP_VIC,_T,_T,_T,_T,5,A,F,', ...rows].join('\n')}\n`);
    const total = rows.length + 1; // the sample's 243 data rows and the BGR row

    const validate = await runCli(['validate', 'ROU_2025.csv'], { cwd: dir });
    expect(validate.code).toBe(0);
    expect(validate.stdout.split('\n').slice(0, 3)).toEqual([
      `ROU_2025.csv: ${total} rows, 0 errors, 1 warning — valid, with warnings (ROU, 2025; with rows of BGR)`,
      `  warning ROU_2025.csv:2 column REF_AREA: expected the rows of one state, found 2 states: BGR, ROU; taken as the return of ROU, the state of ${rows.length} of its ${total} rows [REF_AREA_MIXED]`,
      "          hint: a return holds one state: correct REF_AREA on the rows of other states, or send them in their own return (each state's own return outranks them)",
    ]);

    const warehouse = join(tempDir(), 'w.duckdb');
    const ingest = await runCli(['ingest', 'ROU_2025.csv', '--warehouse', warehouse, '--received-at', '2026-01-20', '--json'], { cwd: dir });
    expect(ingest.code).toBe(0);
    expect(JSON.parse(ingest.stdout).files[0]).toMatchObject({ outcome: 'accepted', state: 'ROU', states: ['BGR', 'ROU'], year: 2025 });
    const status = JSON.parse((await runCli(['status', '--year', '2025', '--warehouse', warehouse, '--json'], { cwd: dir })).stdout);
    expect(status.states.find((s: { ref_area: string }) => s.ref_area === 'ROU')).toMatchObject({ status: 'accepted', first_received_at: '2026-01-20T00:00:00Z' });
    expect(status.several_states).toEqual([]);
  });

  it("rows of two states, neither nearly all of them (an export), make no one state's return: ingest and status name the states instead of one 'missing' with no trace", async () => {
    const dir = tempDir('returns-');
    const [header, ...rou] = sampleRows('ROU_2025.csv');
    const [, ...bgr] = sampleRows('BGR_2025.csv');
    writeFileSync(join(dir, 'ROU_BGR_2025.csv'), `${[header, ...rou, ...bgr].join('\n')}\n`);
    const total = rou.length + bgr.length;
    const several = 'several states: ROU, BGR; 2025';

    const validate = await runCli(['validate', 'ROU_BGR_2025.csv'], { cwd: dir });
    expect(validate.code).toBe(0);
    expect(validate.stdout.split('\n').slice(0, 2)).toEqual([
      `ROU_BGR_2025.csv: ${total} rows, 0 errors, 1 warning — valid, with warnings (${several})`,
      `  warning ROU_BGR_2025.csv:${rou.length + 2} column REF_AREA: expected the rows of one state, found 2 states: ROU, BGR; none reports 90 % of its rows (${rou.length >= bgr.length ? `ROU: ${rou.length}` : `BGR: ${bgr.length}`} of ${total}), so the file is no one state's return [REF_AREA_MIXED]`,
    ]);

    const warehouse = join(tempDir(), 'w.duckdb');
    const ingest = await runCli(['ingest', 'ROU_BGR_2025.csv', '--warehouse', warehouse, '--received-at', '2026-01-20'], { cwd: dir });
    expect(ingest.code).toBe(0);
    expect(ingest.stdout.split('\n')[0]).toBe(
      `ROU_BGR_2025.csv: ${total} rows, 0 errors, 1 warning — accepted as submission 1 (${several}); no one state's return: status counts it for none, and each state's own return outranks its rows here`,
    );

    const status = await runCli(['status', '--year', '2025', '--warehouse', warehouse], { cwd: dir });
    expect(status.code).toBe(0);
    expect(status.stdout.slice(status.stdout.indexOf('\nAccepted'))).toBe([
      '',
      'Accepted files holding the rows of several states: no one state\'s return',
      '? ROU_BGR_2025.csv (submission 1, received 2026-01-20): rows of ROU, BGR; each state\'s own return outranks its rows here: ask ROU, BGR for a return of their own rows',
      '',
    ].join('\n'));
    const json = JSON.parse((await runCli(['status', '--year', '2025', '--warehouse', warehouse, '--json'], { cwd: dir })).stdout);
    expect(json.several_states).toEqual([{ submission_id: 1, file_name: 'ROU_BGR_2025.csv', received_at: '2026-01-20T00:00:00Z', states: ['ROU', 'BGR'], with_own_return: [] }]);
    expect(JSON.parse((await runCli(['status', '--year', '2024', '--warehouse', warehouse, '--json'], { cwd: dir })).stdout).several_states).toEqual([]);

    // Bulgaria sends its own return, then Romania: whom to chase shrinks (it still said "ask ROU, BGR")
    const severalLine = async (): Promise<string | undefined> => (await runCli(['status', '--year', '2025', '--warehouse', warehouse], { cwd: dir })).stdout.split('\n').find((l) => l.startsWith('? '));
    writeFileSync(join(dir, 'BGR_2025.csv'), `${[header, ...bgr].join('\n')}\n`);
    expect((await runCli(['ingest', 'BGR_2025.csv', '--warehouse', warehouse, '--received-at', '2026-01-25'], { cwd: dir })).code).toBe(0);
    expect(await severalLine()).toBe('? ROU_BGR_2025.csv (submission 1, received 2026-01-20): rows of ROU, BGR; each state\'s own return outranks its rows here: ask ROU for a return of its own rows (BGR has a return of its own in force)');
    writeFileSync(join(dir, 'ROU_2025.csv'), `${[header, ...rou].join('\n')}\n`);
    expect((await runCli(['ingest', 'ROU_2025.csv', '--warehouse', warehouse, '--received-at', '2026-01-26'], { cwd: dir })).code).toBe(0);
    expect(await severalLine()).toBe('? ROU_BGR_2025.csv (submission 1, received 2026-01-20): rows of ROU, BGR; each has a return of its own in force, which outranks its rows here: nothing to chase');
    expect(JSON.parse((await runCli(['status', '--year', '2025', '--warehouse', warehouse, '--json'], { cwd: dir })).stdout).several_states[0].with_own_return).toEqual(['ROU', 'BGR']);
  });
});
