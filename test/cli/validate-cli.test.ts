import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { exited, spawnCli } from '../helpers/spawn-cli.js';
import { PROJECT_ROOT } from '../../src/context.js';
import { openStore } from '../../src/store/index.js';
import { tempDir } from '../helpers/warehouse.js';
import { fixture } from '../validate/validate-helper.js';

const HEADER = 'REF_AREA,TIME_PERIOD,INDICATOR,SEX,AGE,COUNTERPART_AREA,BREAKDOWN,OBS_VALUE,OBS_STATUS,CONF_STATUS,COMMENT';

/** Each file of a `--json` document with its CHANGE_WITHOUT_COMMENT issues: [base name, [[line, message], …]]. */
const changesByFile = (stdout: string): Array<[string, Array<[number, string]>]> => JSON.parse(stdout).files.map(
  (f: { file: string; issues: Array<{ code: string; line: number; message: string }> }) => [f.file.replace(/^.*\//, ''),
    f.issues.filter((i) => i.code === 'CHANGE_WITHOUT_COMMENT').map((i) => [i.line, i.message])]);

/**
 * A warehouse holding ROU's 2024 return (TIP_OFF 340, received 2025-01-20) and its bytes (`before`), and a folder `in/`
 * of two 2025 versions: ROU_2025_a.csv revising 2024 to 200, ROU_2025_b.csv not; its `_received.csv` logs b on
 * 2026-01-15 and a on 2026-01-20.
 */
async function loggedVersions(): Promise<{ dir: string; wh: string; before: Buffer }> {
  const dir = tempDir();
  const wh = join(dir, 'w.duckdb');
  mkdirSync(join(dir, 'in'));
  writeFileSync(join(dir, 'ROU_2024.csv'), `${HEADER}\nROU,2024,TIP_OFF,_T,_T,_T,_T,340,A,F,\n`);
  expect((await runCli(['ingest', '--warehouse', wh, '--received-at', '2025-01-20', join(dir, 'ROU_2024.csv')])).code).toBe(0);
  writeFileSync(join(dir, 'in', 'ROU_2025_a.csv'), `${HEADER}\nROU,2024,TIP_OFF,_T,_T,_T,_T,200,A,F,revised\nROU,2025,TIP_OFF,_T,_T,_T,_T,346,A,F,\n`);
  writeFileSync(join(dir, 'in', 'ROU_2025_b.csv'), `${HEADER}\nROU,2025,TIP_OFF,_T,_T,_T,_T,346,A,F,\n`);
  writeFileSync(join(dir, 'in', '_received.csv'), 'file,received_at\nROU_2025_b.csv,2026-01-15\nROU_2025_a.csv,2026-01-20\n');
  return { dir, wh, before: readFileSync(wh) };
}

describe('crimetrends validate (the CLI, as a focal point runs it)', () => {
  it('counts the data rows read, not a row of empty cells nor an empty line (",,,," made "3 rows" of 2), in validate, --json, ingest and the submission', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ROU_2025.csv'), `${HEADER}\nROU,2025,TIP_OFF,_T,_T,_T,_T,344,A,F,\n,,,,\n\nROU,2025,TIP_VIC,_T,_T,_T,_T,120,A,F,\n`);
    const validate = await runCli(['validate', 'ROU_2025.csv'], { cwd: dir });
    expect(validate.stdout.split('\n')[0]).toBe('ROU_2025.csv: 2 rows, 0 errors, 2 warnings — valid, with warnings (ROU, 2025)');
    expect(JSON.parse((await runCli(['validate', '--json', 'ROU_2025.csv'], { cwd: dir })).stdout).files[0]).toMatchObject({ rows: 2, accepted: 2, warnings: 2 });
    const warehouse = join(dir, 'w.duckdb');
    const ingest = await runCli(['ingest', '--warehouse', warehouse, '--received-at', '2026-01-20', 'ROU_2025.csv'], { cwd: dir });
    expect(ingest.stdout.split('\n')[0]).toBe('ROU_2025.csv: 2 rows, 0 errors, 2 warnings — accepted as submission 1 (ROU, 2025)');
    const store = await openStore(warehouse);
    try {
      expect(await store.all('select rows_total, rows_accepted from submission')).toEqual([{ rows_total: 2, rows_accepted: 2 }]);
    } finally {
      store.close();
    }
  });

  it('exits 0 for a valid return and says so', async () => {
    const result = await runCli(['validate', fixture('validate-valid'), '--state', 'ROU', '--year', '2025']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/ROU_2025\.csv: 7 rows, 0 errors, 0 warnings — valid \(ROU, 2025\)\n/);
  });

  it('names the state and year the rows make a valid file, whatever its name says', async () => {
    const misnamed = join(tempDir(), 'BGR_2025.csv');
    writeFileSync(misnamed, `${HEADER}\nGRC,2025,TIP_VIC,_T,_T,_T,_T,12,A,F,\nGRC,2024,TIP_VIC,_T,_T,_T,_T,10,A,F,\n`);
    const result = await runCli(['validate', misnamed]);
    expect(result.code).toBe(0);
    // and says what its name says otherwise, as ingest of it does
    expect(result.stdout).toMatch(/BGR_2025\.csv: 2 rows, 0 errors, 0 warnings — valid \(GRC, 2025\); the name says BGR, the rows GRC: ingest would take it as GRC's return for 2025, which replaces the whole of any GRC return for 2025 received before it; check that this is the file meant to be sent\n$/);
  });

  it('says that a file of revisions alone, named for this year, is the return of the year its rows make it (was "valid (ROU, 2024)" alone, and ingest replaced the 2024 return with it)', async () => {
    const revisions = join(tempDir(), 'ROU_2025.csv');
    writeFileSync(revisions, `${HEADER}\nROU,2024,TIP_VIC,_T,_T,_T,_T,120,A,F,revised\nROU,2023,TIP_VIC,_T,_T,_T,_T,110,A,F,revised\n`);
    const note = 'the name says 2025, the rows 2024: ingest would take it as ROU\'s return for 2024, which replaces the whole of any ROU return for 2024 received before it '
      + '(rows of earlier years alone make no 2025 return: send revisions with the 2025 figures); check that this is the file meant to be sent';
    const result = await runCli(['validate', revisions]);
    expect(result.code).toBe(0);
    expect(result.stdout.endsWith(`ROU_2025.csv: 2 rows, 0 errors, 0 warnings — valid (ROU, 2024); ${note}\n`)).toBe(true);
    const json = await runCli(['validate', '--json', revisions]);
    expect(JSON.parse(json.stdout).files[0].name_mismatch).toBe(note);
    // a name that agrees says nothing
    const named = join(tempDir(), 'ROU_2024.csv');
    writeFileSync(named, readFileSync(revisions));
    expect(JSON.parse((await runCli(['validate', '--json', named])).stdout).files[0].name_mismatch).toBeNull();
  });

  it('exits 1 with a located error, no colour, no stack trace', async () => {
    const result = await runCli(['validate', fixture('validate-value-not-integer')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/ROU_2025\.csv:3 column OBS_VALUE: expected a whole number for TIP_OFF \(a count, unit NR\), found "12\.5" \[VALUE_NOT_INTEGER\]/);
    expect(result.stdout + result.stderr).not.toMatch(/\u001b\[/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints exactly one JSON document with --json', async () => {
    const result = await runCli(['validate', '--json', fixture('validate-valid'), fixture('validate-duplicate-conflict')]);
    expect(result.code).toBe(1);
    const document = JSON.parse(result.stdout);
    expect(Object.keys(document)).toEqual(['ok', 'command', 'files', 'skipped']);
    expect(document.skipped).toEqual([]);
    expect(document.ok).toBe(false);
    expect(document.files[0]).toMatchObject({ state: 'ROU', year: 2025, rows: 7, errors: 0, warnings: 0, issues: [] });
    expect(document.files[1].issues).toEqual([
      {
        code: 'DUPLICATE_CONFLICT',
        severity: 'error',
        line: 4,
        column: 'OBS_VALUE',
        value: '13',
        message: 'expected each series once, found it again with a different value: "13" here, "12" at line 3',
        hint: 'keep the row with the right value and delete the other',
      },
    ]);
  });

  it('shows the first 20 issues of a rule and counts the rest', async () => {
    const rows = Array.from({ length: 26 }, (_, i) => `ROU,${1995 + i},TIP_OFF,_T,_T,_T,_T,-${i + 1},A,F,`);
    const path = join(tempDir(), 'ROU_2025.csv');
    writeFileSync(path, `${HEADER}\n${rows.join('\n')}\n`);
    const result = await runCli(['validate', path]);
    expect(result.stdout.match(/\[VALUE_NEGATIVE\]/g)).toHaveLength(20);
    expect(result.stdout).toMatch(/… and 6 more VALUE_NEGATIVE/);
  });

  it('shows a run of lines alike past the 20th line of its rule whole, as one entry, and counts only what is not shown', async () => {
    // the same "-1" on lines 2 to 25, then "-5" on line 26: the 24 are one entry (they were cut at line 21 by the cap,
    // "2–21 … (20 lines alike)" and "… and 5 more"), line 26 the next; --json still lists each of the 25
    const rows = Array.from({ length: 24 }, (_, i) => `ROU,${1995 + i},TIP_OFF,_T,_T,_T,_T,-1,A,F,`);
    const path = join(tempDir(), 'ROU_2025.csv');
    writeFileSync(path, `${HEADER}\n${rows.join('\n')}\nROU,2019,TIP_OFF,_T,_T,_T,_T,-5,A,F,\n`);
    const result = await runCli(['validate', path]);
    const entries = result.stdout.split('\n').filter((l) => l.includes('[VALUE_NEGATIVE]')).map((l) => l.replace(/^.*ROU_2025\.csv:/, ''));
    expect(entries).toEqual([
      '2\u201325 column OBS_VALUE: expected a non-negative number, found "-1" [VALUE_NEGATIVE] (24 lines alike)',
      '26 column OBS_VALUE: expected a non-negative number, found "-5" [VALUE_NEGATIVE]',
    ]);
    expect(result.stdout).not.toMatch(/more VALUE_NEGATIVE/);
    const json = JSON.parse((await runCli(['validate', '--json', path])).stdout);
    expect(json.files[0].issues.filter((i: { code: string }) => i.code === 'VALUE_NEGATIVE').map((i: { line: number }) => i.line))
      .toEqual(Array.from({ length: 25 }, (_, i) => i + 2));
    // as ingest --json does (it listed the first 20 of each rule)
    const ingested = JSON.parse((await runCli(['ingest', '--warehouse', join(tempDir(), 'w.duckdb'), '--json', path])).stdout);
    expect(ingested.files[0].issues.filter((i: { code: string }) => i.code === 'VALUE_NEGATIVE')).toHaveLength(25);
  });

  it('exits 2 for usage errors: a missing file, no file, an unknown option', async () => {
    const missing = await runCli(['validate', 'no/such/file.csv']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no\/such\/file\.csv: no such file or folder \[SOURCE_MISSING\]/);
    expect((await runCli(['validate'])).code).toBe(2);
    expect((await runCli(['validate', '--bogus', fixture('validate-valid')])).code).toBe(2);
    expect((await runCli(['validate', '--year', '25', fixture('validate-valid')])).code).toBe(2);
  });

  it('shows help with examples and exits 0', async () => {
    const result = await runCli(['validate', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Examples:\n\s+\$ crimetrends validate ROU_2025\.csv/);
  });

  it('writes a template that names the state and year', async () => {
    const out = join(tempDir(), 'template.csv');
    const result = await runCli(['template', '--state', 'ALB', '--year', '2025', '--out', out]);
    expect(result.code).toBe(0);
    const text = (await import('node:fs')).readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).toBe(HEADER);
    expect(text).toMatch(/^ALB,2025,TIP_VIC,_T,_T,_T,_T,,,,$/m);
  });

  it('documents every indicator and rule in the dictionary, escaped in HTML', async () => {
    const md = await runCli(['dictionary']);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/\| DRG_OFF \| Drug trafficking \|.*\| 06012 \|/);
    expect(md.stdout).toMatch(/\| THOUSANDS_SEPARATOR \| error \|/);
    const page = await runCli(['dictionary', '--format', 'html']);
    expect(page.stdout).toMatch(/<th scope="row"><code>TIP_VIC<\/code><\/th>/);
    expect(page.stdout).toContain('victim&#39;s or offender&#39;s citizenship');
  });

  it('stops quietly, exit code kept, when its reader closes the pipe early (| head)', async () => {
    // 4,000 unknown indicators: about 1.5 MB of JSON, far more than a pipe holds
    const path = join(tempDir(), 'ROU_2025.csv');
    writeFileSync(path, `${HEADER}\n${Array.from({ length: 4000 }, (_, i) => `ROU,2025,XX_${i},_T,_T,_T,_T,1,A,F,`).join('\n')}\n`);
    const child = spawnCli(['validate', '--json', path]);
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let first = '';
    child.stdout!.once('data', (chunk: Buffer) => {
      first = chunk.toString();
      child.stdout!.destroy();
    });
    const { code } = await exited(child);
    expect(first.split('\n')[0]).toBe('{');
    expect(stderr).toBe('');
    expect(code).toBe(1);
  });

  it('validate --compare reads the warehouse of the config (read-only) and warns of large changes; a missing one is WAREHOUSE_MISSING, exit 1', async () => {
    const dir = tempDir();
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ warehouse: join(dir, 'w.duckdb'), archive: join(dir, 'archive') }));
    writeFileSync(join(dir, 'ROU_2024.csv'), `${HEADER}\nROU,2024,TIP_OFF,_T,_T,_T,_T,100,A,F,\nROU,2024,TIP_VIC,_T,_T,_T,_T,50,A,F,\n`);
    writeFileSync(join(dir, 'ROU_2025.csv'), `${HEADER}\nROU,2025,TIP_OFF,_T,_T,_T,_T,344,A,F,\nROU,2025,TIP_VIC,_T,_T,_T,_T,10,A,F,\n`);
    const missing = await runCli(['validate', '--compare', '--config', config, join(dir, 'ROU_2025.csv')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`error: warehouse ${join(dir, 'w.duckdb')} does not exist: --compare needs last year's figures from it [WAREHOUSE_MISSING]`);
    expect(existsSync(join(dir, 'w.duckdb'))).toBe(false);
    expect((await runCli(['ingest', '--config', config, join(dir, 'ROU_2024.csv')])).code).toBe(0);
    const plain = await runCli(['validate', '--config', config, join(dir, 'ROU_2025.csv')]);
    expect(plain.stdout).not.toContain('CHANGE_WITHOUT_COMMENT');
    const compared = await runCli(['validate', '--compare', '--config', config, '--json', join(dir, 'ROU_2025.csv')]);
    expect(compared.code).toBe(0);
    expect(JSON.parse(compared.stdout).files[0].issues.map((i: { line: number; message: string }) => [i.line, i.message])).toEqual([
      [2, 'expected a COMMENT explaining a change of +244 % from 100 in 2024 to 344, found none'],
      [3, 'expected a COMMENT explaining a change of -80 % from 50 in 2024 to 10, found none'],
    ]);
  });

  it('a missing warehouse named by --warehouse or implied by --received-at says which option asked for the comparison, and the hint leaves out those (it said "leave out --compare", which was not given)', async () => {
    const dir = tempDir();
    const wh = join(dir, 'w.duckdb');
    writeFileSync(join(dir, 'ROU_2025.csv'), `${HEADER}\nROU,2025,TIP_OFF,_T,_T,_T,_T,344,A,F,\n`);
    const both = await runCli(['validate', '--warehouse', wh, '--received-at', '2026-01-20', join(dir, 'ROU_2025.csv')]);
    expect(both.code).toBe(1);
    expect(both.stderr).toBe(`error: warehouse ${wh} does not exist: --warehouse and --received-at imply --compare, which needs last year's figures from it [WAREHOUSE_MISSING]\n`
      + 'hint: ingest earlier returns first, point --warehouse (or "warehouse" in the config) at the warehouse, or leave out --warehouse and --received-at\n');
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ warehouse: wh }));
    const receivedAt = await runCli(['validate', '--config', config, '--received-at', '2026-01-20', join(dir, 'ROU_2025.csv')]);
    expect(receivedAt.code).toBe(1);
    expect(receivedAt.stderr).toContain(`does not exist: --received-at implies --compare, which needs last year's figures from it [WAREHOUSE_MISSING]\nhint: ingest earlier returns first, point --warehouse (or "warehouse" in the config) at the warehouse, or leave out --received-at\n`);
    expect(existsSync(wh)).toBe(false);
  });

  it("validate --warehouse compares a resend as ingest will: never with a revision only the return it supersedes held", async () => {
    const dir = tempDir();
    const wh = join(dir, 'w.duckdb');
    const file = (name: string, rows: string[]): string => {
      writeFileSync(join(dir, name), `${HEADER}\n${rows.join('\n')}\n`);
      return join(dir, name);
    };
    const changes = (stdout: string): Array<[number, string]> => JSON.parse(stdout).files[0].issues
      .filter((i: { code: string }) => i.code === 'CHANGE_WITHOUT_COMMENT').map((i: { line: number; message: string }) => [i.line, i.message]);
    expect((await runCli(['ingest', '--warehouse', wh, '--received-at', '2025-01-20', file('ROU_2024.csv', ['ROU,2024,TIP_OFF,_T,_T,_T,_T,340,A,F,'])])).code).toBe(0);
    // the 2025 return revises 2024 to 20 (a typo)
    expect((await runCli(['ingest', '--warehouse', wh, '--received-at', '2026-01-20', file('ROU_2025.csv', ['ROU,2024,TIP_OFF,_T,_T,_T,_T,20,A,F,', 'ROU,2025,TIP_OFF,_T,_T,_T,_T,346,A,F,'])])).code).toBe(0);
    // the resend without the revision: once it is in, 2024 is 340 (+2 %); was: 'a change of +1630 % from 20 in 2024 to 346'
    const resend = file('ROU_2025_v2.csv', ['ROU,2025,TIP_OFF,_T,_T,_T,_T,346,A,F,']);
    const checked = await runCli(['validate', '--warehouse', wh, '--json', resend]);
    expect(checked.code).toBe(0);
    expect(changes(checked.stdout)).toEqual([]);
    // from standard input too (no sha256 to read)
    expect(changes((await runCli(['validate', '--warehouse', wh, '--json', '-'], { input: readFileSync(resend, 'utf8') })).stdout)).toEqual([]);
    // a genuine jump warns, compared with the 340 in force once it is in
    const jump = await runCli(['validate', '--warehouse', wh, '--json', file('ROU_2025_v3.csv', ['ROU,2025,TIP_OFF,_T,_T,_T,_T,700,A,F,'])]);
    expect(changes(jump.stdout)).toEqual([[2, 'expected a COMMENT explaining a change of +106 % from 340 in 2024 to 700, found none']]);
    // the bytes in force, checked again, change nothing: compared with their own 2024 row
    expect(changes((await runCli(['validate', '--warehouse', wh, '--json', join(dir, 'ROU_2025.csv')])).stdout))
      .toEqual([[3, 'expected a COMMENT explaining a change of +1630 % from 20 in 2024 to 346, found none']]);
    // and ingest says what validate said
    const ingested = await runCli(['ingest', '--warehouse', wh, '--received-at', '2026-02-03', '--json', resend]);
    expect(JSON.parse(ingested.stdout).files[0]).toMatchObject({ outcome: 'accepted', warnings: 0 });
  });

  it('validate --warehouse of several files compares each as ingest of the same files in the same order does', async () => {
    const dir = tempDir();
    const wh = join(dir, 'w.duckdb');
    const file = (name: string, rows: string[]): string => {
      writeFileSync(join(dir, 'in', name), `${HEADER}\n${rows.join('\n')}\n`);
      return join(dir, 'in', name);
    };
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'ROU_2024.csv'), `${HEADER}\nROU,2024,TIP_OFF,_T,_T,_T,_T,340,A,F,\n`);
    expect((await runCli(['ingest', '--warehouse', wh, '--received-at', '2025-01-20', join(dir, 'ROU_2024.csv')])).code).toBe(0);
    const before = readFileSync(wh);
    const resend2024 = file('ROU_2024_v2.csv', ['ROU,2024,TIP_OFF,_T,_T,_T,_T,100,A,F,corrected']);
    const first = file('ROU_2025.csv', ['ROU,2025,TIP_OFF,_T,_T,_T,_T,346,A,F,']);
    const second = file('ROU_2025_v2.csv', ['ROU,2024,TIP_OFF,_T,_T,_T,_T,200,A,F,revised', 'ROU,2025,TIP_OFF,_T,_T,_T,_T,346,A,F,']);
    const broken = join(dir, 'ROU_2024_v3.csv');
    writeFileSync(broken, `${HEADER}\nROU,2024,TIP_OFF,_T,_T,_T,_T,100,A,F,corrected\nROU,2024,TIP_VIC,_T,_T,_T,_T,12.5,A,F,\n`);
    const changes = changesByFile;
    // ingest of the same files, in the same order, into a copy of the warehouse as it was
    let copies = 0;
    const ingested = async (paths: string[]): Promise<Array<[string, Array<[number, string]>]>> => {
      const copy = join(dir, `copy-${++copies}.duckdb`);
      writeFileSync(copy, before);
      return changes((await runCli(['ingest', '--warehouse', copy, '--json', ...paths])).stdout);
    };
    const validated = async (paths: string[]): Promise<Array<[string, Array<[number, string]>]>> =>
      changes((await runCli(['validate', '--warehouse', wh, '--json', ...paths])).stdout);

    // the correction first, then the first version: received at the same moment, the greater name (the correction)
    // stays in force, and the first version is compared with its revised 2024 (was: each with the warehouse alone, the
    // first version with the 340 of 2024 and no warning, where ingest warned)
    const correctionFirst: Array<[string, Array<[number, string]>]> = [
      ['ROU_2025_v2.csv', [[3, 'expected a COMMENT explaining a change of +73 % from 200 in 2024 to 346, found none']]],
      ['ROU_2025.csv', [[2, 'expected a COMMENT explaining a change of +73 % from 200 in 2024 to 346, found none']]],
    ];
    expect(await validated([second, first])).toEqual(correctionFirst);
    expect(await ingested([second, first])).toEqual(correctionFirst);
    // a folder, in the order of its names: the 2024 resend is in force when the 2025 return is checked (was: the 340 of
    // the 2024 return it supersedes, and no warning); the 2025 correction replaces the first version and its own row for
    // 2024 is the year before
    const folder: Array<[string, Array<[number, string]>]> = [
      ['ROU_2024_v2.csv', []],
      ['ROU_2025.csv', [[2, 'expected a COMMENT explaining a change of +246 % from 100 in 2024 to 346, found none']]],
      ['ROU_2025_v2.csv', [[3, 'expected a COMMENT explaining a change of +73 % from 200 in 2024 to 346, found none']]],
    ];
    expect(await validated([join(dir, 'in')])).toEqual(folder);
    expect(await ingested([join(dir, 'in')])).toEqual(folder);
    expect(await validated([resend2024, first])).toEqual(folder.slice(0, 2));
    // a resend with errors is rejected by ingest: the return after it is compared without it, with the 340 in force
    const afterRejected: Array<[string, Array<[number, string]>]> = [['ROU_2024_v3.csv', []], ['ROU_2025.csv', []]];
    expect(await validated([broken, first])).toEqual(afterRejected);
    expect(await ingested([broken, first])).toEqual(afterRejected);
    // the warehouse validate read is as it was, byte for byte
    expect(readFileSync(wh).equals(before)).toBe(true);
  });

  it('validate --warehouse of several files: a correction that drops the rows of another state leaves that state as ingest leaves it', async () => {
    const dir = tempDir();
    const wh = join(dir, 'w.duckdb');
    // ROU's return holds one row of BGR for 2024 (REF_AREA_MIXED), BGR's only figure for that year
    writeFileSync(join(dir, 'ROU_2025.csv'), `${HEADER}\nROU,2025,TIP_OFF,_T,_T,_T,_T,340,A,F,\n${
      Array.from({ length: 9 }, (_, i) => `ROU,${2016 + i},TIP_OFF,_T,_T,_T,_T,340,A,F,`).join('\n')}\nBGR,2024,TIP_OFF,_T,_T,_T,_T,40,A,F,\n`);
    expect((await runCli(['ingest', '--warehouse', wh, '--received-at', '2026-01-10', join(dir, 'ROU_2025.csv')])).code).toBe(0);
    const before = readFileSync(wh);
    const correction = join(dir, 'ROU_2025_v2.csv');
    writeFileSync(correction, `${HEADER}\nROU,2025,TIP_OFF,_T,_T,_T,_T,345,A,F,\n`);
    const bgr = join(dir, 'BGR_2025.csv');
    writeFileSync(bgr, `${HEADER}\nBGR,2025,TIP_OFF,_T,_T,_T,_T,100,A,F,\n`);
    const changes = (stdout: string): Array<[number, string]> => JSON.parse(stdout).files.flatMap(
      (f: { issues: Array<{ code: string; line: number; message: string }> }) => f.issues.filter((i) => i.code === 'CHANGE_WITHOUT_COMMENT').map((i) => [i.line, i.message]));
    // alone, BGR's 2025 is compared with the 40 ROU's return gives
    expect(changes((await runCli(['validate', '--warehouse', wh, '--json', bgr])).stdout))
      .toEqual([[2, 'expected a COMMENT explaining a change of +150 % from 40 in 2024 to 100, found none']]);
    // after ROU's correction, which no longer holds that row, BGR has no 2024 figure: no warning, as ingest says
    expect(changes((await runCli(['validate', '--warehouse', wh, '--json', correction, bgr])).stdout)).toEqual([]);
    expect(readFileSync(wh).equals(before)).toBe(true);
    const ingested = await runCli(['ingest', '--warehouse', wh, '--json', correction, bgr]);
    expect(JSON.parse(ingested.stdout).files.map((f: { outcome: string; warnings: number }) => [f.outcome, f.warnings])).toEqual([['accepted', 0], ['accepted', 0]]);
    expect(changes(ingested.stdout)).toEqual([]);
  });

  it("validate --warehouse takes a folder's receipt times from its _received.csv, as ingest of the folder does", async () => {
    // the log says ROU_2025_b.csv came first: ROU_2025_a.csv, received later, is in force though its name is the lesser
    const { dir, wh, before } = await loggedVersions();
    const changes = changesByFile;
    // ROU_2025_b.csv is superseded on arrival, compared with the 200 of 2024 that ROU_2025_a.csv puts in force (was: both
    // taken as received now, ROU_2025_b.csv in force by its greater name and compared with the 340, no warning)
    const expected: Array<[string, Array<[number, string]>]> = [
      ['ROU_2025_a.csv', [[3, 'expected a COMMENT explaining a change of +73 % from 200 in 2024 to 346, found none']]],
      ['ROU_2025_b.csv', [[2, 'expected a COMMENT explaining a change of +73 % from 200 in 2024 to 346, found none']]],
    ];
    expect(changes((await runCli(['validate', '--warehouse', wh, '--json', join(dir, 'in')])).stdout)).toEqual(expected);
    const ingested = await runCli(['ingest', '--warehouse', wh, '--json', join(dir, 'in')]);
    expect(changes(ingested.stdout)).toEqual(expected);
    expect(JSON.parse(ingested.stdout).files[1]).toMatchObject({ outcome: 'accepted', superseded_by: 2 });
    // a log ingest would refuse stops validate as it stops ingest, naming its line
    writeFileSync(join(dir, 'in', '_received.csv'), 'file,received_at\nROU_2025_b.csv,31/01/2026\n');
    writeFileSync(wh, before);
    const refused = await runCli(['validate', '--warehouse', wh, join(dir, 'in')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${join(dir, 'in', '_received.csv')}:2 column received_at: expected an ISO date like 2026-01-20`);
    expect(refused.stderr).toContain('[MANIFEST_INVALID]');
  });

  it('validate --received-at compares as ingest --received-at receives the files, the log aside', async () => {
    const { dir, wh, before } = await loggedVersions();
    const changes = changesByFile;
    // one receipt time for both, as given: the greater name, ROU_2025_b.csv, supersedes ROU_2025_a.csv, whose revised
    // 2024 then no longer counts, so b is compared with the 340 of the 2024 return (the log would have put a in force)
    const expected: Array<[string, Array<[number, string]>]> = [
      ['ROU_2025_a.csv', [[3, 'expected a COMMENT explaining a change of +73 % from 200 in 2024 to 346, found none']]],
      ['ROU_2025_b.csv', []],
    ];
    expect(changes((await runCli(['validate', '--warehouse', wh, '--received-at', '2026-01-20', '--json', join(dir, 'in')])).stdout)).toEqual(expected);
    expect(readFileSync(wh).equals(before)).toBe(true);
    const ingested = await runCli(['ingest', '--warehouse', wh, '--received-at', '2026-01-20', '--json', join(dir, 'in')]);
    expect(changes(ingested.stdout)).toEqual(expected);
    expect(JSON.parse(ingested.stdout).files.map((f: { outcome: string; superseded: number[] }) => [f.outcome, f.superseded])).toEqual([['accepted', []], ['accepted', [2]]]);
    // a time after now is refused as ingest refuses it
    writeFileSync(wh, before);
    const refused = await runCli(['validate', '--warehouse', wh, '--received-at', '2099-01-01', join(dir, 'in', 'ROU_2025_b.csv')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--received-at: expected a date not after today (');
  });

  it('validate --warehouse of bytes already in says so as ingest does (submission, receipt, outcome), and still lists the file\'s issues', async () => {
    const dir = tempDir();
    const wh = join(dir, 'w.duckdb');
    const file = (name: string, rows: string[]): string => {
      writeFileSync(join(dir, name), `${HEADER}\n${rows.join('\n')}\n`);
      return join(dir, name);
    };
    const ingest = async (at: string, path: string): Promise<void> => expect((await runCli(['ingest', '--warehouse', wh, '--received-at', at, path])).code).toBeLessThan(2);
    await ingest('2025-01-20', file('ROU_2024.csv', ['ROU,2024,TIP_OFF,_T,_T,_T,_T,340,A,F,']));
    const first = file('ROU_2025.csv', ['ROU,2025,TIP_OFF,_T,_T,_T,_T,700,A,F,']);
    await ingest('2026-01-20', first); // submission 2, superseded by 3
    await ingest('2026-02-03', file('ROU_2025_v2.csv', ['ROU,2025,TIP_OFF,_T,_T,_T,_T,346,A,F,'])); // submission 3, in force
    const bad = file('BGR_2025.csv', ['BGR,2025,TIP_OFF,_T,_T,_T,_T,-4,A,F,']);
    await ingest('2026-02-04', bad); // submission 4, rejected
    writeFileSync(join(dir, 'ROU_2025 (1).csv'), readFileSync(join(dir, 'ROU_2025_v2.csv')));
    const fresh = file('GRC_2025.csv', ['GRC,2025,TIP_OFF,_T,_T,_T,_T,12,A,F,']);
    const before = readFileSync(wh);

    const text = await runCli(['validate', '--warehouse', wh, join(dir, 'ROU_2025_v2.csv'), join(dir, 'ROU_2025 (1).csv'), first, bad, fresh, fresh]);
    expect(text.code).toBe(1); // BGR_2025.csv still has its error
    const lines = text.stdout.split('\n').filter((line) => !line.startsWith(' '));
    expect(lines).toEqual([
      `${join(dir, 'ROU_2025_v2.csv')}: 1 row, 0 errors, 0 warnings — valid (ROU, 2025); already in the warehouse (submission 3, same bytes, received 2026-02-03, accepted): ingest would do nothing`,
      `${join(dir, 'ROU_2025 (1).csv')}: 1 row, 0 errors, 0 warnings — valid (ROU, 2025); already in the warehouse (submission 3, ROU_2025_v2.csv, same bytes, received 2026-02-03, accepted): ingest would do nothing`,
      // an older version resent: its own issue (the change from 2024) is still listed below its line
      `${first}: 1 row, 0 errors, 1 warning — valid, with warnings (ROU, 2025); already in the warehouse as submission 2 (ROU_2025.csv, received 2026-01-20), an older version: `
        + 'submission 3 (ROU_2025_v2.csv, received 2026-02-03) stays in force; ingest would record nothing; if ROU means the older figures to count again, ask it for a new version of the return (the same bytes are never recorded twice)',
      `${bad}: 1 row, 1 error, 0 warnings — has errors: not accepted; already offered and rejected (submission 4, received 2026-02-04); it still has errors: ingest would record nothing`,
      `${fresh}: 1 row, 0 errors, 0 warnings — valid (GRC, 2025)`,
      `${fresh}: 1 row, 0 errors, 0 warnings — valid (GRC, 2025); the same bytes as ${fresh}, given before it: ingest would record nothing for this one`,
      '',
    ]);
    expect(text.stdout).toContain(`  warning ${first}:2 column OBS_VALUE: expected a COMMENT explaining a change of +106 % from 340 in 2024 to 700, found none [CHANGE_WITHOUT_COMMENT]`);
    expect(text.stdout).toContain(`  error   ${bad}:2 column OBS_VALUE:`);

    const json = await runCli(['validate', '--warehouse', wh, '--json', join(dir, 'ROU_2025_v2.csv'), first, fresh]);
    const files = JSON.parse(json.stdout).files as Array<Record<string, unknown>>;
    expect(files.map(({ earlier, same_bytes_as, offered_before, warnings }) => ({ earlier, same_bytes_as, offered_before, warnings }))).toEqual([
      {
        earlier: { submission_id: 3, file_name: 'ROU_2025_v2.csv', source: 'RETURN', dataset: null, outcome: 'accepted', received_at: '2026-02-03T00:00:00Z', superseded_by: null, in_force: null },
        same_bytes_as: null, warnings: 0,
        offered_before: 'already in the warehouse (submission 3, same bytes, received 2026-02-03, accepted): ingest would do nothing',
      },
      {
        earlier: {
          submission_id: 2, file_name: 'ROU_2025.csv', source: 'RETURN', dataset: null, outcome: 'superseded', received_at: '2026-01-20T00:00:00Z', superseded_by: 3,
          in_force: { submission_id: 3, file_name: 'ROU_2025_v2.csv', received_at: '2026-02-03T00:00:00Z' },
        },
        same_bytes_as: null, warnings: 1,
        offered_before: expect.stringMatching(/^already in the warehouse as submission 2 \(ROU_2025\.csv, received 2026-01-20\), an older version: submission 3 /),
      },
      { earlier: null, same_bytes_as: null, offered_before: null, warnings: 0 },
    ]);
    // and ingest says the same of them; validate wrote nothing
    expect(readFileSync(wh).equals(before)).toBe(true);
    const ingested = await runCli(['ingest', '--warehouse', wh, join(dir, 'ROU_2025_v2.csv')]);
    expect(ingested.stdout).toBe(`${join(dir, 'ROU_2025_v2.csv')}: already in the warehouse (submission 3, same bytes): nothing to do\n`);
  });

  it('validate --warehouse of last year\'s bytes under this year\'s name says ingest would keep it as a re-offer, in ingest\'s words (was "ingest would do nothing")', async () => {
    const dir = tempDir();
    const wh = join(dir, 'w.duckdb');
    writeFileSync(join(dir, 'MDA_2024.csv'), `${HEADER}\nMDA,2024,TIP_OFF,_T,_T,_T,_T,340,A,F,\n`);
    expect((await runCli(['ingest', '--warehouse', wh, '--received-at', '2025-01-20', join(dir, 'MDA_2024.csv')])).code).toBe(0); // submission 1
    const again = join(dir, 'MDA_2025.csv');
    copyFileSync(join(dir, 'MDA_2024.csv'), again);
    const already = `${again}: 1 row, 0 errors, 0 warnings — valid (MDA, 2024); already in the warehouse (submission 1, MDA_2024.csv, same bytes, received 2025-01-20, accepted): `
      + 'ingest would load nothing; the name says 2025, the rows 2024: check that this is the file the state meant to send; ';
    const listed = ': crimetrends status --year 2025 lists it under MDA while its 2025 return is missing';

    // given twice in one command: ingest of the two keeps the first and finds it kept for the second
    const text = await runCli(['validate', '--warehouse', wh, again, again]);
    expect(text.code).toBe(0);
    expect(text.stdout).toBe(`${already}ingest would keep it as a re-offer${listed}\n${already}kept as a re-offer already (its first receipt stays)${listed}\n`);
    const json = JSON.parse((await runCli(['validate', '--warehouse', wh, '--json', again])).stdout).files[0];
    expect([json.name_mismatch, json.re_offer]).toEqual(['the name says 2025, the rows 2024: check that this is the file the state meant to send', { recorded: 'now', states: ['MDA'], years: [2025] }]);

    // ingest does what validate said, and validate then says it is kept already
    const ingested = await runCli(['ingest', '--warehouse', wh, '--received-at', '2026-01-28', again]);
    expect(ingested.stdout).toBe(`${again}: already in the warehouse (submission 1, MDA_2024.csv, same bytes): nothing loaded; the name says 2025, the rows 2024: `
      + `check that this is the file the state meant to send; kept as a re-offer${listed}\n`);
    expect((await runCli(['validate', '--warehouse', wh, again])).stdout).toBe(`${already}kept as a re-offer already (its first receipt stays)${listed}\n`);
  });

  it('validate --warehouse of a new version, then the bytes in force, says of the second what ingest of the two says: an older version (was "accepted: ingest would do nothing")', async () => {
    const dir = tempDir();
    const wh = join(dir, 'w.duckdb');
    const first = join(dir, 'ROU_2025.csv');
    const resend = join(dir, 'ROU_2025_v2.csv');
    writeFileSync(first, `${HEADER}\nROU,2025,TIP_OFF,_T,_T,_T,_T,12,A,F,\n`);
    writeFileSync(resend, `${HEADER}\nROU,2025,TIP_OFF,_T,_T,_T,_T,13,A,F,\n`);
    expect((await runCli(['ingest', '--warehouse', wh, '--received-at', '2026-01-20', first])).code).toBe(0); // submission 1
    const older = 'already in the warehouse as submission 1 (ROU_2025.csv, received 2026-01-20), an older version: submission 2 (ROU_2025_v2.csv, received 2026-01-25) stays in force; '
      + 'ingest would record nothing; if ROU means the older figures to count again, ask it for a new version of the return (the same bytes are never recorded twice)';
    const text = await runCli(['validate', '--warehouse', wh, '--received-at', '2026-01-25', resend, first]);
    expect(text.stdout).toBe(`${resend}: 1 row, 0 errors, 0 warnings — valid (ROU, 2025)\n${first}: 1 row, 0 errors, 0 warnings — valid (ROU, 2025); ${older}\n`);
    // received before the version in force, the new one is superseded on arrival: the first stays in force, as ingest leaves it
    const before = await runCli(['validate', '--warehouse', wh, '--received-at', '2026-01-10', resend, first]);
    expect(before.stdout.split('\n')[1]).toBe(`${first}: 1 row, 0 errors, 0 warnings — valid (ROU, 2025); already in the warehouse (submission 1, same bytes, received 2026-01-20, accepted): ingest would do nothing`);
    // and ingest of the two says the same
    const ingested = await runCli(['ingest', '--warehouse', wh, '--received-at', '2026-01-25', resend, first]);
    expect(ingested.stdout.split('\n')[1]).toBe(`${first}: ${older.replace('ingest would record nothing', 'nothing recorded')}`);
  });

  it('validate --warehouse of bytes loaded as an import says ingest would refuse them, in ingest\'s words, text and --json', async () => {
    const dir = tempDir();
    const wh = join(dir, 'w.duckdb');
    const population = join(dir, 'population.csv');
    copyFileSync(join(PROJECT_ROOT, 'test/fixtures/import-worldbank/population.csv'), population);
    expect((await runCli(['import', 'worldbank', '--warehouse', wh, population])).code).toBe(0); // submission 1

    const text = await runCli(['validate', '--warehouse', wh, population]);
    expect(text.code).toBe(1); // not a return: its own MISSING_COLUMN errors, still listed
    expect(text.stdout.split('\n')[0]).toBe(`${population}: 9 rows, 4 errors, 4 warnings — has errors: not accepted; `
      + 'this file was loaded as a WORLDBANK import of SP.POP.TOTL (submission 1), not as a return: ingest would refuse it');
    expect(text.stdout).toContain(`  error   ${population}:1 column REF_AREA: expected a column REF_AREA in the header, found none [MISSING_COLUMN]`);

    const json = await runCli(['validate', '--warehouse', wh, '--json', population]);
    expect(json.code).toBe(1);
    const [file] = JSON.parse(json.stdout).files as Array<Record<string, unknown>>;
    expect({ earlier: file!.earlier, same_bytes_as: file!.same_bytes_as, offered_before: file!.offered_before, errors: file!.errors }).toEqual({
      earlier: {
        submission_id: 1, file_name: 'population.csv', source: 'WORLDBANK', dataset: 'SP.POP.TOTL', outcome: 'accepted',
        received_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/), superseded_by: null, in_force: null,
      },
      same_bytes_as: null, errors: 4,
      offered_before: 'this file was loaded as a WORLDBANK import of SP.POP.TOTL (submission 1), not as a return: ingest would refuse it',
    });
    // and ingest does refuse them, in the same words
    const ingested = await runCli(['ingest', '--warehouse', wh, population]);
    expect(ingested.code).toBe(1);
    expect(ingested.stdout).toBe(`${population}: this file was loaded as a WORLDBANK import of SP.POP.TOTL (submission 1), not as a return\n`);
  });

  it('validate --warehouse of bytes rejected before that pass now says ingest would take them in, and ingest does', async () => {
    const dir = tempDir();
    const wh = join(dir, 'w.duckdb');
    const file = join(dir, 'ROU_2025.csv');
    writeFileSync(file, `${HEADER}\nROU,2025,TIP_OFF,_T,_T,_T,_T,12,A,F,\n`);
    // a coordinator's slip: ROU's return ingested as BGR's, rejected (REF_AREA_NOT_DECLARED) as submission 1
    const slip = await runCli(['ingest', '--warehouse', wh, '--state', 'BGR', '--received-at', '2026-01-20', file]);
    expect(slip.code).toBe(1);
    expect(slip.stdout).toContain('[REF_AREA_NOT_DECLARED]');

    const text = await runCli(['validate', '--warehouse', wh, file]);
    expect(text.code).toBe(0);
    expect(text.stdout).toBe(`${file}: 1 row, 0 errors, 0 warnings — valid (ROU, 2025); `
      + 'offered before as submission 1 (received 2026-01-20) and rejected then; it has no error now: ingest would take it in\n');
    const json = await runCli(['validate', '--warehouse', wh, '--json', file]);
    expect(json.code).toBe(0);
    const [result] = JSON.parse(json.stdout).files as Array<Record<string, unknown>>;
    expect({ earlier: result!.earlier, same_bytes_as: result!.same_bytes_as, offered_before: result!.offered_before, errors: result!.errors }).toEqual({
      earlier: {
        submission_id: 1, file_name: 'ROU_2025.csv', source: 'RETURN', dataset: null, outcome: 'rejected',
        received_at: '2026-01-20T00:00:00Z', superseded_by: null, in_force: null,
      },
      same_bytes_as: null, errors: 0,
      offered_before: 'offered before as submission 1 (received 2026-01-20) and rejected then; it has no error now: ingest would take it in',
    });
    // under the wrong state again it still has its error: ingest would record nothing
    const still = await runCli(['validate', '--warehouse', wh, '--state', 'BGR', file]);
    expect(still.stdout.split('\n')[0]).toBe(`${file}: 1 row, 1 error, 0 warnings — has errors: not accepted; `
      + 'already offered and rejected (submission 1, received 2026-01-20); it still has errors: ingest would record nothing');
    // and ingest takes it in, as validate said
    const ingested = await runCli(['ingest', '--warehouse', wh, '--received-at', '2026-01-21', file]);
    expect(ingested.code).toBe(0);
    expect(ingested.stdout.split('\n')[0]).toBe(`${file}: 1 row, 0 errors, 0 warnings — accepted as submission 2 (ROU, 2025) (offered before as submission 1 and rejected then)`);
  });

  it('template and dictionary --out never overwrite a file without --force, and a bad path is a usage error naming it', async () => {
    const dir = tempDir();
    const out = join(dir, 'ROU_2025.csv');
    writeFileSync(out, 'filled in\n');
    for (const command of [['template', '--state', 'ROU', '--year', '2025'], ['dictionary']]) {
      const refused = await runCli([...command, '--out', out]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`error: --out ${out}: the file exists; it is not overwritten [OUT_EXISTS]\nhint: choose another file name, or add --force to replace it`);
      expect(readFileSync(out, 'utf8')).toBe('filled in\n');
      const noFolder = await runCli([...command, '--out', join(dir, 'no-such-folder', 'x.csv')]);
      expect(noFolder.code).toBe(2);
      expect(noFolder.stderr).toContain(`error: --out ${join(dir, 'no-such-folder', 'x.csv')}: the folder ${join(dir, 'no-such-folder')} does not exist [OUT_UNWRITABLE]`);
      expect(existsSync(join(dir, 'no-such-folder'))).toBe(false);
      mkdirSync(join(dir, 'a-folder'), { recursive: true });
      const folder = await runCli([...command, '--out', join(dir, 'a-folder')]);
      expect(folder.code).toBe(2);
      expect(folder.stderr).toContain(`error: --out ${join(dir, 'a-folder')}: is a folder; expected a file name [OUT_UNWRITABLE]`);
      // the hint names the file to give: the return's usual name, the dictionary's (was out.csv for both)
      const example = command[0] === 'template' ? 'ROU_2025.csv' : 'dictionary.md';
      expect(folder.stderr).toContain(`\nhint: give a file name inside it, e.g. --out ${join(dir, 'a-folder', example)}\n`);
    }
    const inFolder = await runCli(['dictionary', '--format', 'html', '--out', join(dir, 'a-folder')]);
    expect(inFolder.stderr).toContain(`\nhint: give a file name inside it, e.g. --out ${join(dir, 'a-folder', 'dictionary.html')}\n`);
    const forced = await runCli(['template', '--state', 'ROU', '--year', '2025', '--out', out, '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(out, 'utf8').split('\n')[0]).toBe(HEADER);
    // dictionary --out says what it wrote, as template --out does (it said nothing)
    const page = join(dir, 'dictionary.html');
    const written = await runCli(['dictionary', '--format', 'html', '--out', page]);
    expect({ code: written.code, stdout: written.stdout }).toEqual({ code: 0, stdout: '' });
    expect(written.stderr).toBe(`wrote the data dictionary (HTML) to ${page}\n`);
    expect(readFileSync(page, 'utf8')).toMatch(/^<!doctype html>/i);
  });

  it('dictionary --out dictionary.html writes the HTML page, as its name says; a --format the name contradicts is refused', async () => {
    // was: Markdown written under dictionary.html (the browser showed "# crimetrends data dictionary" as plain text)
    const dir = tempDir();
    const page = await runCli(['dictionary', '--out', join(dir, 'dictionary.html')]);
    expect({ code: page.code, stderr: page.stderr }).toEqual({ code: 0, stderr: `wrote the data dictionary (HTML) to ${join(dir, 'dictionary.html')}\n` });
    expect(readFileSync(join(dir, 'dictionary.html'), 'utf8')).toMatch(/^<!doctype html>\n/);
    const markdown = await runCli(['dictionary', '--out', join(dir, 'dictionary.MD')]);
    expect(markdown.stderr).toBe(`wrote the data dictionary (Markdown) to ${join(dir, 'dictionary.MD')}\n`);
    expect(readFileSync(join(dir, 'dictionary.MD'), 'utf8')).toMatch(/^# crimetrends data dictionary/);
    const clash = await runCli(['dictionary', '--format', 'html', '--out', join(dir, 'dictionary.md')]);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toBe(`error: --out ${join(dir, 'dictionary.md')}: a Markdown file's name, but --format html writes HTML [USAGE_ERROR]\n`
      + `hint: name it ${join(dir, 'dictionary.html')}, or leave out --format: the file's extension chooses it\n`);
    expect(existsSync(join(dir, 'dictionary.md'))).toBe(false);
    // any other name keeps --format, or Markdown without it
    expect((await runCli(['dictionary', '--format', 'html', '--out', join(dir, 'dictionary.txt')])).code).toBe(0);
    expect(readFileSync(join(dir, 'dictionary.txt'), 'utf8')).toMatch(/^<!doctype html>\n/);
  });

  it('--state takes a name as data rows do; a state outside the region is UNKNOWN_STATE, exit 2, for validate, template and ingest', async () => {
    const byName = await runCli(['validate', '--state', 'Romania', fixture('validate-valid')]);
    expect(byName.code).toBe(0);
    expect(byName.stdout).toMatch(/7 rows, 0 errors, 0 warnings — valid/);
    const ingest = ['ingest', '--warehouse', join(tempDir(), 'w.duckdb'), fixture('validate-valid')];
    for (const command of [['validate', fixture('validate-valid')], ['template', '--year', '2025'], ingest]) {
      const outside = await runCli([...command, '--state', 'FRA']);
      expect(outside.code).toBe(2);
      expect(outside.stderr).toMatch(/^error: --state FRA: expected a state of the region \(ALB, .*\), found "FRA", which is not one \[UNKNOWN_STATE\]$/m);
      expect(outside.stdout).toBe('');
    }
    const template = await runCli(['template', '--state', 'romania', '--year', '2025']);
    expect(template.stdout.split('\n')[1]).toMatch(/^ROU,2025,/);
  });

  it('--state UNK is UNKNOWN_STATE, exit 2, with XKX in the hint, for validate, template and ingest (was: read as Kosovo)', async () => {
    const wh = join(tempDir(), 'w.duckdb');
    for (const command of [['validate', fixture('validate-valid')], ['template', '--year', '2025'], ['ingest', '--warehouse', wh, fixture('validate-valid')]]) {
      const result = await runCli([...command, '--state', 'UNK']);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^error: --state UNK: expected a state of the region \(ALB, .*\), found "UNK": Kosovo's code in some lists, or short for unknown; not guessed \[UNKNOWN_STATE\]\nhint: write --state XKX for Kosovo \(its ISO 3166-1 alpha-3 code here\)$/m);
      expect(result.stdout).toBe('');
    }
    expect(existsSync(wh)).toBe(false);
  });

  it('--year outside 1990 to next year is a usage error for validate and template', async () => {
    const next = new Date().getUTCFullYear() + 1;
    for (const command of [['validate', fixture('validate-valid')], ['template', '--state', 'ROU']]) {
      for (const year of ['1989', String(next + 1)]) {
        const result = await runCli([...command, '--year', year]);
        expect(result.code).toBe(2);
        expect(result.stderr).toContain(`expected a year from 1990 to ${next}, found "${year}"`);
      }
    }
  });

  it('--json prints one JSON document for option and argument errors too', async () => {
    const badYear = await runCli(['validate', '--json', '--year', 'abc', fixture('validate-valid')]);
    expect(badYear.code).toBe(2);
    expect(JSON.parse(badYear.stdout)).toEqual({
      ok: false,
      command: 'validate',
      error: { code: 'USAGE_ERROR', message: `option '--year <yyyy>' argument 'abc' is invalid. expected a year like 2025, found "abc"`, file: null, line: null, column: null, hint: 'run with --help for usage' },
      issues: [],
    });
    const noFile = await runCli(['validate', '--json']);
    expect(noFile.code).toBe(2);
    expect(JSON.parse(noFile.stdout)).toMatchObject({ ok: false, command: 'validate', error: { code: 'USAGE_ERROR', message: "missing required argument 'files'" } });
    const unknownState = await runCli(['template', '--json', '--state', 'FRA', '--year', '2025']);
    expect(JSON.parse(unknownState.stdout)).toMatchObject({ ok: false, command: 'template', error: { code: 'UNKNOWN_STATE' } });
  });

  it('names an unnamed column once ("column 7") and formats every count alike', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'trailing.csv'), 'REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,OBS_STATUS,COMMENT,\nROU,2025,SOM_OFF,10,A,ok,oops\n');
    const trailing = await runCli(['validate', join(dir, 'trailing.csv')]);
    expect(trailing.stdout).toContain('trailing.csv:1 column 7: expected no values under a column without a name, found 1 (first at line 2); they are ignored [UNKNOWN_COLUMN]');
    const rows = Array.from({ length: 1025 }, (_, i) => `ROU,2025,TIP_OFF,_T,_T,_T,B${i},-1,A,F,`);
    writeFileSync(join(dir, 'many.csv'), `${HEADER}\n${rows.join('\n')}\n`);
    const many = await runCli(['validate', join(dir, 'many.csv')]);
    expect(many.stdout).toMatch(/many\.csv: 1,025 rows, 2,050 errors, 0 warnings/);
    expect(many.stdout).toContain('… and 1,005 more UNKNOWN_CODE');
    // the same -1 on every line is one entry, between the lines of UNKNOWN_CODE (it was cut at 20 lines, "… and 1,005 more")
    expect(many.stdout).toContain('many.csv:2\u20131026 column OBS_VALUE: expected a non-negative number, found "-1" [VALUE_NEGATIVE] (1,025 lines alike)');
    expect(many.stdout).not.toContain('more VALUE_NEGATIVE');
  });

  it('ingest stores exactly the OBS_VALUE validate accepted; a value not in plain notation rejects the return', async () => {
    const dir = tempDir();
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ warehouse: join(dir, 'w.duckdb'), archive: join(dir, 'archive') }));
    writeFileSync(join(dir, 'ROU_2025.csv'), `${HEADER}\nROU,2025,TIP_OFF,_T,_T,_T,_T,9007199254740992,A,F,\nROU,2025,DRG_SEIZ_KG,_T,_T,_T,_T,0012.50,A,F,\n`);
    writeFileSync(join(dir, 'BGR_2025.csv'), `${HEADER}\nBGR,2025,TIP_OFF,_T,_T,_T,_T,1e3,A,F,\n`);
    const result = await runCli(['ingest', '--config', config, '--json', join(dir, 'ROU_2025.csv'), join(dir, 'BGR_2025.csv')]);
    expect(JSON.parse(result.stdout).files.map((f: { outcome: string }) => f.outcome)).toEqual(['accepted', 'rejected']);
    const store = await openStore(join(dir, 'w.duckdb'));
    try {
      const stored = await store.all<{ ref_area: string; indicator: string; value: string }>(
        'select ref_area, indicator, obs_value::decimal(38, 2)::varchar as value from observation order by ref_area, indicator',
      );
      expect(stored).toEqual([
        { ref_area: 'ROU', indicator: 'DRG_SEIZ_KG', value: '12.50' },
        { ref_area: 'ROU', indicator: 'TIP_OFF', value: '9007199254740992.00' },
      ]);
    } finally {
      store.close();
    }
  });

  it('shows a file name holding a line break escaped, in the summary and in every issue', async () => {
    const path = join(tempDir(), 'ROU\n2025.csv');
    writeFileSync(path, `${HEADER}\nROU,2025,XX_UNKNOWN,_T,_T,_T,_T,1,A,F,\n`);
    const result = await runCli(['validate', path]);
    expect(result.code).toBe(1);
    const escaped = path.replace('\n', '\\n');
    expect(result.stdout.split('\n')[0]).toBe(`${escaped}: 1 row, 1 error, 0 warnings — has errors: not accepted`);
    expect(result.stdout).toContain(`${escaped}:2 column INDICATOR`);
  });

  it('--json lists a folder\'s entries it did not read in "skipped" (as ingest does), with nothing on stderr', async () => {
    const dir = join(tempDir(), 'returns');
    mkdirSync(join(dir, 'old'), { recursive: true });
    writeFileSync(join(dir, 'ROU_2025.csv'), `${HEADER}\nROU,2025,TIP_VIC,_T,_T,_T,_T,12,,,\n`);
    writeFileSync(join(dir, 'notes.md'), 'notes\n');
    const result = await runCli(['validate', '--json', dir]);
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout);
    expect(document.files.map((f: { file: string }) => f.file.split('/').at(-1))).toEqual(['ROU_2025.csv']);
    expect(document.skipped.map((s: { code: string; file: string; reason: string }) => [s.code, s.file.split('/').slice(-2).join('/'), s.reason])).toEqual([
      ['FILE_SKIPPED', 'returns/notes.md', 'not a .csv, .tsv, .txt or .xlsx file'],
      ['FILE_SKIPPED', 'returns/old', 'a folder: not searched'],
    ]);
    expect(result.stderr).toBe('');
  });
});
