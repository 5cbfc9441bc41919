import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { runCli } from '../helpers/cli.js';
import { importFixture } from '../helpers/import.js';
import { tempDir } from '../helpers/warehouse.js';

const sample = (name: string): string => join(PROJECT_ROOT, 'data/sample/returns', name);

describe('crimetrends run (the February job, end to end)', () => {
  it('ingests a folder, accounts for every entry, builds, writes the review and says what to chase', { timeout: 180_000 }, async () => {
    const dir = tempDir('run-');
    const returns = join(dir, 'returns');
    mkdirSync(join(returns, 'late'), { recursive: true });
    for (const name of ['ALB_2024.csv', 'ALB_2025.csv', 'GEO_2025.csv']) copyFileSync(sample(name), join(returns, name));
    copyFileSync(sample('ARM_2025.csv'), join(returns, 'late', 'ARM_2025.csv'));
    // last year's return sent again under this year's name: accepted as what its rows are, and said so
    copyFileSync(sample('TUR_2024.csv'), join(returns, 'TUR_2025.csv'));
    writeFileSync(join(returns, 'ROU_2025.csv'), `${readFileSync(sample('ROU_2025.csv'), 'utf8')}ROU,2025,XX_UNKNOWN,_T,_T,_T,_T,5,A,F,\n`);
    writeFileSync(join(returns, 'notes.ods'), 'PK');
    copyFileSync(importFixture('worldbank', 'population.csv'), join(returns, 'population.csv'));
    const warehouse = join(dir, 'warehouse.duckdb');
    expect((await runCli(['import', 'worldbank', importFixture('worldbank', 'population.csv'), '--warehouse', warehouse])).code).toBe(0);

    const result = await runCli(['run', '--year', '2025', '--returns', returns, '--warehouse', warehouse, '--out', join(dir, 'review')]);
    expect(result.code).toBe(1);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('Annual Assessment 2025 — BSEC');
    expect(lines[1]).toBe('returns  6 files: 4 accepted, 2 rejected, 0 already in; 0 warnings');
    expect(lines[2]).toBe(`         rejected ${join(returns, 'ROU_2025.csv')} (1 error): crimetrends validate ${join(returns, 'ROU_2025.csv')}`);
    expect(lines[3]).toBe(`         rejected ${join(returns, 'population.csv')} (loaded earlier as a WORLDBANK import of SP.POP.TOTL (submission 1), not a return)`);
    expect(lines[4]).toBe(`         taken as TUR, 2024: ${join(returns, 'TUR_2025.csv')} (the name says 2025, the rows 2024)`);
    // the folder has no receipt log: every new file counts as received now, which decides who is late; said
    expect(lines[5]).toMatch(/^         no _received\.csv in .+: 5 new files recorded as received now \(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\), which decides who is late; to date them as they came, write the log \(file,received_at: one line per file\) before the run, or correct each: crimetrends ingest FILE --received-at TIME --correct-receipt$/);
    expect(lines[5]).toContain(` in ${returns}: `);
    // the entries not read, in the summary too (they were only among the warnings on stderr, while a zip holding a
    // return left its state "missing" below)
    expect(lines.slice(6, 9)).toEqual([
      `         not read ${join(returns, 'late')}: a folder`,
      `         not read ${join(returns, 'notes.ods')}: a workbook in a format not read`,
      '         (a return in any of them is not in the review; the warnings above say how to have each read)',
    ]);
    // a state whose only return was rejected has no figure in the review: named, not counted as returned
    expect(lines[9]).toMatch(/^coverage 2 of 13 members returned for 2025; rejected, no figures until resent: ROU; missing: ARM, AZE, BGR, GRC, MDA, MKD, RUS, SRB, TUR, UKR; late: ALB, GEO$/);
    // what to do about them: the command that lists whom to ask for what
    expect(lines[10]).toBe('chase    11 members with no 2025 figure in the review: crimetrends status --year 2025 lists whom to ask for what, with the errors of rejected files to send back');
    expect(lines[11]).toMatch(/^marts /);
    expect(result.stderr).toContain(`warning: ${join(returns, 'late')}: skipped, a folder: not searched`);
    expect(result.stderr).toContain(`warning: ${join(returns, 'notes.ods')}: skipped, a workbook in a format not read: only .xlsx workbooks are; open it and save it as Excel Workbook (.xlsx) or CSV UTF-8`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'review', 'index.html'))).toBe(true);
    expect(existsSync(join(dir, 'review', 'states', 'ALB.html'))).toBe(true);
    // --json lists them as ingest --json does
    const json = JSON.parse((await runCli(['run', '--year', '2025', '--returns', returns, '--warehouse', warehouse, '--out', join(dir, 'review'), '--json'])).stdout);
    expect(json.skipped).toEqual([
      { code: 'FILE_SKIPPED', file: join(returns, 'late'), reason: 'a folder: not searched', hint: 'name the folder on the command line to read its files' },
      { code: 'FILE_SKIPPED', file: join(returns, 'notes.ods'), reason: 'a workbook in a format not read: only .xlsx workbooks are', hint: expect.stringMatching(/^open it and save it as Excel Workbook \(\.xlsx\) or CSV UTF-8/) },
    ]);
    // the second run recorded nothing new: nothing received now to speak of
    expect(json.received_now).toBeNull();
  });

  it('says whether a second run changed the review already in the folder: a late return ingested after the first run', { timeout: 180_000 }, async () => {
    const dir = tempDir('run-again-');
    const returns = join(dir, 'returns');
    mkdirSync(returns);
    copyFileSync(sample('ALB_2025.csv'), join(returns, 'ALB_2025.csv'));
    const warehouse = join(dir, 'warehouse.duckdb');
    const args = ['run', '--year', '2025', '--returns', returns, '--warehouse', warehouse, '--out', join(dir, 'review')];
    const first = await runCli(args);
    expect(first.code).toBe(0);
    expect(first.stdout).not.toMatch(/changed|unchanged/);
    const firstSnapshot = /snapshot ([0-9a-f]{12})\)/.exec(first.stdout)![1]!;

    // Armenia's return arrives late, after the review went out
    copyFileSync(sample('ARM_2025.csv'), join(dir, 'ARM_2025.csv'));
    expect((await runCli(['ingest', join(dir, 'ARM_2025.csv'), '--warehouse', warehouse, '--received-at', '2026-02-10'])).code).toBe(0);
    const second = await runCli(args);
    expect(second.code).toBe(0);
    const secondSnapshot = /snapshot ([0-9a-f]{12})\)/.exec(second.stdout)![1]!;
    expect(secondSnapshot).not.toBe(firstSnapshot);
    expect(second.stdout).toContain(`\n         changed: it replaces the review that was there (snapshot ${firstSnapshot}); the figures differ (a late or corrected return, an import, a changed setting): send out this edition again\n`);

    const third = JSON.parse((await runCli([...args, '--json'])).stdout);
    expect(third).toMatchObject({ review_changed: false });
    expect(third.previous_snapshot).toBe(third.snapshot);
    expect(third.snapshot.startsWith(secondSnapshot)).toBe(true);
  });

  it('refuses an --out folder holding a data/ of its own before ingesting anything', { timeout: 60_000 }, async () => {
    const project = tempDir('run-project-');
    mkdirSync(join(project, 'data'));
    writeFileSync(join(project, 'data', 'crimetrends.config.json'), '{}\n');
    const result = await runCli(['run', '--year', '2025', '--returns', join(PROJECT_ROOT, 'data/sample/returns'), '--warehouse', 'w.duckdb', '--out', '.'], { cwd: project });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: --out \.: the folder holds data, which writing a review would replace, and no earlier review \(no index\.html written by crimetrends\): nothing written \[OUT_EXISTS\]\n/);
    expect(existsSync(join(project, 'w.duckdb'))).toBe(false);
    expect(readFileSync(join(project, 'data', 'crimetrends.config.json'), 'utf8')).toBe('{}\n');
  });

  it('counts one file in the singular and names last year\'s return sent again as this year\'s, already in', { timeout: 120_000 }, async () => {
    const dir = tempDir('run-');
    const returns = join(dir, 'returns');
    mkdirSync(returns);
    const warehouse = join(dir, 'warehouse.duckdb');
    expect((await runCli(['ingest', sample('ROU_2024.csv'), '--warehouse', warehouse, '--received-at', '2025-01-20'])).code).toBe(0);
    copyFileSync(sample('ROU_2024.csv'), join(returns, 'ROU_2025.csv'));
    const result = await runCli(['run', '--year', '2025', '--returns', returns, '--warehouse', warehouse, '--out', join(dir, 'review')]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[1]).toBe('returns  1 file: 0 accepted, 0 rejected, 1 already in; 0 warnings');
    expect(lines[2]).toBe(`         taken as ROU, 2024: ${join(returns, 'ROU_2025.csv')} (the name says 2025, the rows 2024)`);
    expect(lines[3]).toMatch(/^coverage 0 of 13 members returned for 2025; missing: .*ROU/);
    expect(result.stderr).toContain(`ingesting 1 file from ${join(returns)}\n`);
  });

  it('names a rejected correction, in this run or an earlier one, and the version that stays in force (was: ROU counted as returned, nothing said)', { timeout: 180_000 }, async () => {
    const dir = tempDir('run-resend-');
    const returns = join(dir, 'returns');
    mkdirSync(returns);
    const warehouse = join(dir, 'warehouse.duckdb');
    expect((await runCli(['ingest', sample('ROU_2025.csv'), '--warehouse', warehouse, '--received-at', '2026-01-20'])).code).toBe(0);
    // Romania corrects its return, and the correction has an unknown indicator
    writeFileSync(join(returns, 'ROU_2025_v2.csv'), `${readFileSync(sample('ROU_2025.csv'), 'utf8')}ROU,2025,XX_UNKNOWN,_T,_T,_T,_T,5,A,F,\n`);
    writeFileSync(join(returns, '_received.csv'), 'file,received_at\nROU_2025_v2.csv,2026-02-03T10:00:00Z\n');
    const args = ['run', '--year', '2025', '--returns', returns, '--warehouse', warehouse, '--out', join(dir, 'review')];
    const expected = '         rejected correction ROU ROU_2025_v2.csv (submission 2, received 2026-02-03): 1 error; submission 1 (ROU_2025.csv) stays in force, and in the review: crimetrends status --year 2025 lists the first errors, to send back to the state';
    const result = await runCli(args);
    expect(result.code).toBe(1);
    const lines = result.stdout.split('\n');
    expect(lines[2]).toBe(`         rejected ${join(returns, 'ROU_2025_v2.csv')} (1 error): crimetrends validate ${join(returns, 'ROU_2025_v2.csv')}`);
    expect(lines[3]).toMatch(/^coverage 1 of 13 members returned for 2025; missing: /);
    expect(lines[4]).toBe(expected);
    expect(lines[5]).toBe('chase    12 members with no 2025 figure in the review: crimetrends status --year 2025 lists whom to ask for what, with the errors of rejected files to send back');
    expect(lines[6]).toMatch(/^marts /);
    // rejected by an earlier ingest: this run accepts all it is given, and still names the correction
    const other = tempDir('run-resend-');
    const otherReturns = join(other, 'returns');
    mkdirSync(otherReturns);
    copyFileSync(sample('ALB_2025.csv'), join(otherReturns, 'ALB_2025.csv'));
    const otherWarehouse = join(other, 'warehouse.duckdb');
    expect((await runCli(['ingest', sample('ROU_2025.csv'), '--warehouse', otherWarehouse, '--received-at', '2026-01-20'])).code).toBe(0);
    expect((await runCli(['ingest', join(returns, 'ROU_2025_v2.csv'), '--warehouse', otherWarehouse, '--received-at', '2026-02-03'])).code).toBe(1);
    const earlier = await runCli(['run', '--year', '2025', '--returns', otherReturns, '--warehouse', otherWarehouse, '--out', join(other, 'review')]);
    expect(earlier.code).toBe(0);
    expect(earlier.stdout.split('\n').slice(1, 6)).toEqual([
      'returns  1 file: 1 accepted, 0 rejected, 0 already in; 0 warnings',
      expect.stringMatching(/^         no _received\.csv in .*: 1 new file recorded as received now /),
      expect.stringMatching(/^coverage 2 of 13 members returned for 2025; missing: /),
      expected,
      'chase    11 members with no 2025 figure in the review: crimetrends status --year 2025 lists whom to ask for what, with the errors of rejected files to send back',
    ]);
    const document = JSON.parse((await runCli([...args, '--json'])).stdout);
    expect(document.rejected_corrections).toEqual([
      { ref_area: 'ROU', file_name: 'ROU_2025_v2.csv', submission_id: 2, received_at: expect.stringMatching(/^2026-02-03/), errors: 1, in_force: { submission_id: 1, file_name: 'ROU_2025.csv' } },
    ]);
  });

  it('a rejected file the state has since replaced with an accepted return is named, with the return, and leaves the exit 0 (was: 1 on every run)', { timeout: 180_000 }, async () => {
    const dir = tempDir('run-replaced-');
    const returns = join(dir, 'returns');
    mkdirSync(returns);
    const good = readFileSync(sample('ROU_2025.csv'), 'utf8');
    writeFileSync(join(returns, 'ROU_2025_first.csv'), `${good}ROU,2025,XX_UNKNOWN,_T,_T,_T,_T,5,A,F,\n`);
    writeFileSync(join(returns, 'ROU_2025_v2.csv'), good);
    writeFileSync(join(returns, '_received.csv'), 'file,received_at\nROU_2025_first.csv,2026-01-10\nROU_2025_v2.csv,2026-01-20\n');
    const args = ['run', '--year', '2025', '--returns', returns, '--warehouse', join(dir, 'warehouse.duckdb'), '--out', join(dir, 'review')];
    const result = await runCli(args);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').slice(1, 4)).toEqual([
      'returns  2 files: 1 accepted, 1 rejected, 0 already in; 0 warnings',
      `         rejected ${join(returns, 'ROU_2025_first.csv')} (1 error), since replaced by ROU_2025_v2.csv (submission 2, received 2026-01-20): nothing to chase`,
      expect.stringMatching(/^coverage 1 of 13 members returned for 2025; missing: /),
    ]);
    // the next run offers the rejected file again: still named, still nothing to chase
    const again = await runCli([...args, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      ok: true,
      rejected: [{ file: join(returns, 'ROU_2025_first.csv'), errors: 1, replaced_by: { submission_id: 2, file_name: 'ROU_2025_v2.csv', received_at: '2026-01-20' } }],
    });
  });

  it('an empty file saved beside the state\'s return it is named for is replaced by it: nothing to chase, exit 0 (was: 1 on every run, and "send these errors back")', { timeout: 180_000 }, async () => {
    const dir = tempDir('run-empty-beside-');
    const returns = join(dir, 'returns');
    mkdirSync(returns);
    copyFileSync(sample('UKR_2025.csv'), join(returns, 'Україна 2025 (остаточний).csv'));
    writeFileSync(join(returns, 'UKR_2025.csv'), '');
    writeFileSync(join(returns, '_received.csv'), 'file,received_at\nUKR_2025.csv,2026-01-20\nУкраїна 2025 (остаточний).csv,2026-01-20\n');
    const args = ['run', '--year', '2025', '--returns', returns, '--warehouse', join(dir, 'warehouse.duckdb'), '--out', join(dir, 'review')];
    const result = await runCli(args);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').slice(1, 4)).toEqual([
      'returns  2 files: 1 accepted, 1 rejected, 0 already in; 0 warnings',
      `         rejected ${join(returns, 'UKR_2025.csv')} (1 error), replaced by Україна 2025 (остаточний).csv (submission 2, received 2026-01-20 at the same moment): nothing to chase`,
      expect.stringMatching(/^coverage 1 of 13 members returned for 2025; missing: /),
    ]);
    // an empty file of a state with no return of its own is still to chase
    writeFileSync(join(returns, 'RUS_2025.csv'), 'REF_AREA\n');
    writeFileSync(join(returns, '_received.csv'), 'file,received_at\nUKR_2025.csv,2026-01-20\nУкраїна 2025 (остаточний).csv,2026-01-20\nRUS_2025.csv,2026-01-21\n');
    const again = await runCli([...args, '--json']);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout)).toMatchObject({
      ok: false,
      rejected: [
        { file: join(returns, 'RUS_2025.csv'), errors: expect.any(Number) },
        { file: join(returns, 'UKR_2025.csv'), errors: 1, replaced_by: { submission_id: 2, file_name: 'Україна 2025 (остаточний).csv', received_at: '2026-01-20', is_same_time: true } },
      ],
    });
    expect(JSON.parse(again.stdout).rejected[0].replaced_by).toBeUndefined();
  });

  it('names a version put in force over another received at the same moment by its greater file name, until a receipt is corrected (was: nothing said, the older version in the review)', { timeout: 180_000 }, async () => {
    const dir = tempDir('run-same-moment-');
    const returns = join(dir, 'returns');
    mkdirSync(returns);
    // two versions of Romania's return logged at one minute: "Romania 2025.csv" outranks "ROU_2025_corrected.csv" by name
    const lines = readFileSync(sample('ROU_2025.csv'), 'utf8').split('\n');
    copyFileSync(sample('ROU_2025.csv'), join(returns, 'Romania 2025.csv'));
    const cells = lines[1]!.split(',');
    cells[7] = String(Number(cells[7]) + 7);
    cells[10] = 'corrected';
    writeFileSync(join(returns, 'ROU_2025_corrected.csv'), [lines[0], cells.join(','), ...lines.slice(2)].join('\n'));
    writeFileSync(join(returns, '_received.csv'), 'file,received_at\nRomania 2025.csv,2026-01-20T10:00:00Z\nROU_2025_corrected.csv,2026-01-20T10:00:00Z\n');
    const warehouse = join(dir, 'warehouse.duckdb');
    const args = ['run', '--year', '2025', '--returns', returns, '--warehouse', warehouse, '--out', join(dir, 'review')];
    const result = await runCli(args);
    expect(result.code).toBe(0);
    const line = '         same moment ROU Romania 2025.csv (submission 2) is in force, and in the review, over ROU_2025_corrected.csv (submission 1), received at the same moment: the greater file name decided, which says nothing of which is newer; check with ROU which version it sent last (to put another in force: crimetrends ingest FILE --received-at TIME --correct-receipt)';
    expect(result.stdout.split('\n').filter((l) => l.includes('same moment'))).toEqual([line]);
    const json = JSON.parse((await runCli([...args, '--json'])).stdout);
    expect(json.same_time_versions).toEqual([{ ref_area: 'ROU', in_force: { submission_id: 2, file_name: 'Romania 2025.csv' }, superseded: [{ submission_id: 1, file_name: 'ROU_2025_corrected.csv' }] }]);
    // ROU says the corrected file came last: its receipt corrected, it is in force and the line goes
    expect((await runCli(['ingest', join(returns, 'ROU_2025_corrected.csv'), '--warehouse', warehouse, '--received-at', '2026-01-20T10:05:00Z', '--correct-receipt'])).code).toBe(0);
    const after = await runCli(args);
    expect(after.code).toBe(0);
    expect(after.stdout).not.toContain('same moment');
    expect(after.stdout).toContain('         changed: it replaces the review that was there');
  });

  it('names a file the folder\'s _received.csv has no line for: recorded as received now', { timeout: 120_000 }, async () => {
    const dir = tempDir('run-');
    const returns = join(dir, 'returns');
    mkdirSync(returns);
    copyFileSync(sample('ALB_2025.csv'), join(returns, 'ALB_2025.csv'));
    copyFileSync(sample('ARM_2025.csv'), join(returns, 'ARM_2025.csv'));
    writeFileSync(join(returns, '_received.csv'), 'file,received_at\nARM_2025.csv,2026-01-20T10:00:00Z\n');
    const result = await runCli(['run', '--year', '2025', '--returns', returns, '--warehouse', join(dir, 'warehouse.duckdb'), '--out', join(dir, 'review'), '--json']);
    expect(result.code).toBe(0);
    // was: nothing said; Albania's return counted as received today, late
    expect(JSON.parse(result.stdout).unlogged).toEqual([{ file: join(returns, 'ALB_2025.csv'), received_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) }]);
  });

  it('a review of another group than the config\'s points status at that group, whose members are the ones to chase', { timeout: 180_000 }, async () => {
    const dir = tempDir('run-group-');
    const returns = join(dir, 'returns');
    mkdirSync(returns);
    copyFileSync(sample('ALB_2025.csv'), join(returns, 'ALB_2025.csv'));
    writeFileSync(join(returns, '_received.csv'), 'file,received_at\nALB_2025.csv,2026-01-20\n');
    const result = await runCli(['run', '--year', '2025', '--group', 'WB6', '--returns', returns, '--warehouse', join(dir, 'w.duckdb'), '--out', join(dir, 'review')]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[2]).toBe('coverage 1 of 6 members returned for 2025; missing: BIH, MKD, MNE, SRB, XKX');
    expect(lines[3]).toBe('chase    5 members with no 2025 figure in the review: crimetrends status --year 2025 --group WB6 lists whom to ask for what, with the errors of rejected files to send back');
    // the command it gives lists the same five as missing
    const status = JSON.parse((await runCli(['status', '--year', '2025', '--group', 'WB6', '--warehouse', join(dir, 'w.duckdb'), '--json'])).stdout);
    expect(status.states.filter((s: { status: string }) => s.status === 'missing').map((s: { ref_area: string }) => s.ref_area)).toEqual(['BIH', 'MKD', 'MNE', 'SRB', 'XKX']);
  });
});
