import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { tempDir } from '../helpers/warehouse.js';

const SAMPLE = join(PROJECT_ROOT, 'data/sample/returns');
const HEADER = 'REF_AREA,TIME_PERIOD,INDICATOR,SEX,AGE,COUNTERPART_AREA,BREAKDOWN,OBS_VALUE,OBS_STATUS,CONF_STATUS,COMMENT';

/** A folder with the sample's two versions of Georgia's 2025 return and the receipt log (v1 20 Jan, v2 3 Feb). */
function georgia(): string {
  const dir = tempDir('returns-');
  for (const name of ['GEO_2025.csv', 'GEO_2025_v2.csv', '_received.csv']) copyFileSync(join(SAMPLE, name), join(dir, name));
  return dir;
}

/** The user nobody: root reads a file whatever its mode, so a permission test run as root runs the CLI as nobody. */
const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;
/** False only as root where the sandbox allows no change of user (then the test is skipped, and says so). */
const canRunUnprivileged = !isRoot || spawnSync(process.execPath, ['-e', ''], { uid: NOBODY, gid: NOBODY }).status === 0;

/**
 * Runs the real CLI as a user without root's privilege: as nobody when the tests run as root (CI), else as the
 * current user. The folders the test uses must be open to nobody (`scratch` takes tsx's cache and HOME).
 */
function runCliUnprivileged(args: string[], scratch: string): Promise<CliResult> {
  return isRoot ? runCli(args, { uid: NOBODY, env: { HOME: scratch, TMPDIR: scratch } }) : runCli(args);
}

describe('ingest and status through the CLI: intake', () => {
  it('the older version ingested after the correction is superseded on arrival; status --history reads the same in both orders', async () => {
    const returns = georgia();
    const outOfOrder = join(tempDir(), 'w.duckdb');
    expect((await runCli(['ingest', join(returns, 'GEO_2025_v2.csv'), '--warehouse', outOfOrder])).code).toBe(0);
    const older = await runCli(['ingest', join(returns, 'GEO_2025.csv'), '--warehouse', outOfOrder]);
    expect(older.code).toBe(0);
    expect(older.stdout).toMatch(/GEO_2025\.csv: 243 rows, 0 errors, 0 warnings — accepted as submission 2 \(GEO, 2025\); superseded on arrival: received 2026-01-20, before submission 1 \(received 2026-02-03\), which stays in force\n$/);

    const inOrder = join(tempDir(), 'w.duckdb');
    expect((await runCli(['ingest', returns, '--warehouse', inOrder])).code).toBe(0);
    const history = async (warehouse: string) => {
      const result = await runCli(['status', '--year', '2025', '--warehouse', warehouse, '--history', '--json']);
      const geo = JSON.parse(result.stdout).states.find((s: { ref_area: string }) => s.ref_area === 'GEO');
      return {
        file: geo.file_name, rows: geo.rows, received: geo.first_received_at, onTime: geo.is_on_time,
        history: geo.history.map(({ submission_id: _id, ...h }: { submission_id: number }) => h),
      };
    };
    const expected = await history(inOrder);
    expect(expected).toMatchObject({ file: 'GEO_2025_v2.csv', received: '2026-01-20T09:40:00Z', onTime: true });
    expect(expected.history.map((h: { file_name: string; outcome: string }) => `${h.file_name}:${h.outcome}`)).toEqual(['GEO_2025.csv:superseded', 'GEO_2025_v2.csv:accepted']);
    expect(await history(outOfOrder)).toEqual(expected);
    const kg = ['query', '--warehouse', outOfOrder, "select obs_value from observation_current where ref_area = 'GEO' and indicator = 'DRG_SEIZ_KG' and time_period = 2025 and breakdown = '_T' and counterpart_area = '_T'", '--format', 'csv'];
    expect((await runCli(kg)).stdout).toBe('obs_value\n1042.7\n');
  }, 120_000);

  it('accounts for every entry of an offered folder (ingest and validate), and a folder with no return is a usage error', async () => {
    const dir = tempDir('returns-');
    copyFileSync(join(SAMPLE, 'ALB_2025.csv'), join(dir, 'ALB_2025.csv'));
    writeFileSync(join(dir, 'GRC_2025.xls'), '\xd0\xcf');
    mkdirSync(join(dir, 'x.csv'));
    mkdirSync(join(dir, 'late'));
    copyFileSync(join(SAMPLE, 'ROU_2025.csv'), join(dir, 'late', 'ROU_2025.csv'));
    const warehouse = join(tempDir(), 'w.duckdb');
    const skipped = [
      `warning: ${dir}/GRC_2025.xls: skipped, a workbook in a format not read: only .xlsx workbooks are; open it and save it as Excel Workbook (.xlsx) or CSV UTF-8 (File > Save As) under the same name, and offer that file [FILE_SKIPPED]`,
      `warning: ${dir}/late: skipped, a folder: not searched; name the folder on the command line to read its files [FILE_SKIPPED]`,
      `warning: ${dir}/x.csv: skipped, a folder: not searched; name the folder on the command line to read its files [FILE_SKIPPED]`,
    ];
    const ingest = await runCli(['ingest', dir, '--warehouse', warehouse, '--received-at', '2026-01-20']);
    expect(ingest.code).toBe(0);
    expect(ingest.stderr.trim().split('\n')).toEqual(skipped);
    expect(ingest.stdout).toMatch(/ALB_2025\.csv: 248 rows, 0 errors, 0 warnings — accepted as submission 1 \(ALB, 2025\)\n$/);
    const json = JSON.parse((await runCli(['ingest', dir, '--warehouse', warehouse, '--json'])).stdout);
    expect(json.skipped.map((s: { code: string; file: string }) => `${s.code} ${s.file.slice(dir.length + 1)}`)).toEqual(['FILE_SKIPPED GRC_2025.xls', 'FILE_SKIPPED late', 'FILE_SKIPPED x.csv']);
    const validate = await runCli(['validate', dir]);
    expect(validate.code).toBe(0);
    expect(validate.stderr.trim().split('\n')).toEqual(skipped);

    const excel = tempDir('excel-');
    writeFileSync(join(excel, 'GRC_2025.ods'), 'PK');
    for (const command of ['ingest', 'validate']) {
      const empty = await runCli([command, excel, '--warehouse', warehouse]);
      expect(empty.code).toBe(2);
      expect(empty.stderr).toBe(`error: ${excel}: expected return files (.csv, .tsv, .txt or .xlsx) in the folder, found none; it holds only GRC_2025.ods (a workbook in a format not read: only .xlsx workbooks are) [SOURCE_EMPTY]\n`
        + 'hint: save each workbook as Excel Workbook (.xlsx) or CSV UTF-8 (File > Save As) and offer those files\n');
    }
  }, 120_000);

  it.runIf(canRunUnprivileged)('a file the user may not read stops validate, ingest and import as a missing one does (exit 2, SOURCE_UNREADABLE); in a folder it is skipped', async () => {
    const dir = tempDir('returns-');
    copyFileSync(join(SAMPLE, 'ALB_2025.csv'), join(dir, 'ALB_2025.csv'));
    const noperm = join(dir, 'noperm.csv');
    copyFileSync(join(SAMPLE, 'ROU_2025.csv'), noperm);
    chmodSync(noperm, 0o000);
    const scratch = tempDir();
    for (const folder of [process.env.CRIMETRENDS_TEST_TMP, dir]) if (folder !== undefined) chmodSync(folder, 0o755);
    chmodSync(scratch, 0o777); // tsx's cache, and the warehouse nobody writes
    const warehouse = join(scratch, 'w.duckdb');
    const refused = `error: ${noperm}: cannot be read: permission denied [SOURCE_UNREADABLE]\n`
      + 'hint: you may not read it: check its owner and permissions (ls -l), or ask for a copy you can read\n';
    for (const args of [['validate', noperm], ['ingest', noperm, '--warehouse', warehouse], ['import', 'eurostat', noperm, '--warehouse', warehouse]]) {
      const result = await runCliUnprivileged(args, scratch);
      expect({ command: args[0], code: result.code, stderr: result.stderr }).toEqual({ command: args[0], code: 2, stderr: refused });
    }
    const json = await runCliUnprivileged(['validate', '--json', noperm], scratch);
    expect(JSON.parse(json.stdout).error).toEqual({
      code: 'SOURCE_UNREADABLE', message: `${noperm}: cannot be read: permission denied`, file: noperm, line: null, column: null,
      hint: 'you may not read it: check its owner and permissions (ls -l), or ask for a copy you can read',
    });
    // in a folder: one FILE_SKIPPED line, as for any entry not read; the other returns are read
    const skipped = `warning: ${noperm}: skipped, cannot be read: permission denied; you may not read it: check its owner and permissions (ls -l), or ask for a copy you can read [FILE_SKIPPED]\n`;
    const validate = await runCliUnprivileged(['validate', dir], scratch);
    expect([validate.code, validate.stderr]).toEqual([0, skipped]);
    expect(validate.stdout).toMatch(/ALB_2025\.csv: 248 rows, 0 errors, 0 warnings — valid \(ALB, 2025\)\n$/);
    const ingest = await runCliUnprivileged(['ingest', dir, '--warehouse', warehouse, '--received-at', '2026-01-20', '--json'], scratch);
    expect(ingest.code).toBe(0);
    const document = JSON.parse(ingest.stdout);
    expect(document.skipped).toEqual([{ code: 'FILE_SKIPPED', file: noperm, reason: 'cannot be read: permission denied', hint: 'you may not read it: check its owner and permissions (ls -l), or ask for a copy you can read' }]);
    expect(document.files.map((f: { file: string; outcome: string }) => [f.file, f.outcome])).toEqual([[join(dir, 'ALB_2025.csv'), 'accepted']]);
  }, 120_000);

  it('a rejected file offered again is reported as such, exit 1, ok false', async () => {
    const dir = tempDir('returns-');
    const file = join(dir, 'ROU_2025.csv');
    copyFileSync(join(PROJECT_ROOT, 'test/fixtures/validate-value-negative/ROU_2025.csv'), file);
    const warehouse = join(tempDir(), 'w.duckdb');
    expect((await runCli(['ingest', file, '--warehouse', warehouse, '--received-at', '2026-01-20'])).code).toBe(1);
    const again = await runCli(['ingest', file, '--warehouse', warehouse, '--received-at', '2026-02-01']);
    expect(again.code).toBe(1);
    expect(again.stdout.split('\n')[0]).toMatch(/ROU_2025\.csv: 2 rows, 1 error, 0 warnings — already offered and rejected \(submission 1, 2026-01-20\); it still has errors: nothing recorded$/);
    expect(again.stdout).toMatch(/ROU_2025\.csv:3 column OBS_VALUE: expected a non-negative number, found "-4" \[VALUE_NEGATIVE\]/);
    const json = JSON.parse((await runCli(['ingest', file, '--warehouse', warehouse, '--json'])).stdout);
    expect(json).toMatchObject({ ok: false, files: [{ outcome: 'rejected', submission_id: 1, errors: 1, earlier: { submission_id: 1, outcome: 'rejected', source: 'RETURN' } }] });
  }, 60_000);

  it('a file loaded as an import and offered as a return says so, exit 1', async () => {
    const warehouse = join(tempDir(), 'w.duckdb');
    const population = join(PROJECT_ROOT, 'test/fixtures/import-worldbank/population.csv');
    expect((await runCli(['import', 'worldbank', population, '--warehouse', warehouse])).code).toBe(0);
    const offered = await runCli(['ingest', population, '--warehouse', warehouse]);
    expect(offered.code).toBe(1);
    expect(offered.stdout).toBe('test/fixtures/import-worldbank/population.csv: this file was loaded as a WORLDBANK import of SP.POP.TOTL (submission 1), not as a return\n');
  }, 60_000);

  it('a return rejected by import is still ingested as a return, and an import rejected by ingest is still imported', async () => {
    const warehouse = join(tempDir(), 'w.duckdb');
    const srb = join(SAMPLE, 'SRB_2025.csv');
    const mistaken = await runCli(['import', 'worldbank', '--warehouse', warehouse, srb, '--json']);
    expect(mistaken.code).toBe(1);
    expect(JSON.parse(mistaken.stdout).files[0]).toMatchObject({ submission_id: 1, status: 'rejected', error: { code: 'IMPORT_COLUMN_MISSING' } });
    const ingested = await runCli(['ingest', '--warehouse', warehouse, '--received-at', '2026-01-10', srb, '--json']);
    expect(ingested.code).toBe(0);
    expect(JSON.parse(ingested.stdout).files[0]).toMatchObject({ outcome: 'accepted', submission_id: 2, state: 'SRB', year: 2025, earlier: null });
    const status = JSON.parse((await runCli(['status', '--warehouse', warehouse, '--year', '2025', '--json'])).stdout);
    expect(status.states.find((s: { ref_area: string }) => s.ref_area === 'SRB')).toMatchObject({ status: 'accepted', submission_id: 2, file_name: 'SRB_2025.csv' });

    // the symmetric case: a World Bank download offered to ingest is rejected as a return, then imported as what it is
    const population = join(PROJECT_ROOT, 'test/fixtures/import-worldbank/population.csv');
    expect((await runCli(['ingest', '--warehouse', warehouse, '--received-at', '2026-01-10', population])).code).toBe(1);
    const imported = await runCli(['import', 'worldbank', '--warehouse', warehouse, population, '--json']);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout).files[0]).toMatchObject({ submission_id: 4, status: 'imported' });
    const outcomes = await runCli(['query', '--warehouse', warehouse, 'select submission_id, source, outcome from submission order by 1', '--format', 'csv']);
    expect(outcomes.stdout).toBe('submission_id,source,outcome\n1,WORLDBANK,rejected\n2,RETURN,accepted\n3,RETURN,rejected\n4,WORLDBANK,accepted\n');
  }, 120_000);

  it('stores a return\'s issues under its base name, as submission.file_name, whatever path it was offered from; the output keeps the path', async () => {
    const dir = tempDir('returns-');
    copyFileSync(join(PROJECT_ROOT, 'test/fixtures/validate-value-negative/ROU_2025.csv'), join(dir, 'ROU_2025.csv'));
    const odd = join(dir, 'ALB\n2025.csv');
    writeFileSync(odd, `${HEADER}\nALB,2025,TIP_OFF,_T,_T,_T,_T,-1,A,F,\n`);
    const warehouse = join(tempDir(), 'w.duckdb');
    const ingest = await runCli(['ingest', join(dir, 'ROU_2025.csv'), odd, 'data/sample/returns/ALB_2023.csv', '--warehouse', warehouse, '--received-at', '2026-01-20']);
    expect(ingest.code).toBe(1);
    expect(ingest.stdout).toContain(`${dir}/ROU_2025.csv:3 column OBS_VALUE: expected a non-negative number, found "-4" [VALUE_NEGATIVE]`);
    const stored = await runCli(['query', '--warehouse', warehouse, '--format', 'csv',
      'select distinct s.submission_id, s.file_name, i.file from validation_issue as i join submission as s using (submission_id) order by 1']);
    expect(stored.stdout).toBe('submission_id,file_name,file\n1,ROU_2025.csv,ROU_2025.csv\n2,ALB_2025.csv,ALB_2025.csv\n3,ALB_2023.csv,ALB_2023.csv\n');
    const status = await runCli(['status', '--year', '2025', '--warehouse', warehouse]);
    expect(status.stdout).toContain('  error   ROU_2025.csv:3 column OBS_VALUE: expected a non-negative number, found "-4" [VALUE_NEGATIVE]\n');
    expect(status.stdout).not.toContain(dir);
  }, 60_000);

  it('archives beside a --warehouse given without a configured archive, and shows a name with a line break escaped', async () => {
    const dir = tempDir();
    const returns = tempDir('returns-');
    const odd = join(returns, 'ALB\n2025.csv');
    writeFileSync(odd, `${HEADER}\nALB,2025,TIP_OFF,_T,_T,_T,_T,10,A,F,\n`);
    const result = await runCli(['ingest', odd, '--warehouse', join(dir, 'w.duckdb'), '--received-at', '2026-01-20']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${returns}/ALB\\n2025.csv: 1 row, 0 errors, 0 warnings — accepted as submission 1 (ALB, 2025)\n`);
    expect(readdirSync(join(dir, 'archive'))).toHaveLength(1);
    expect(existsSync(join(PROJECT_ROOT, 'data/archive', readdirSync(join(dir, 'archive'))[0]!))).toBe(false);
  }, 60_000);
});
