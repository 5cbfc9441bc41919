import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/warehouse.js';
import { writeZip } from '../helpers/xlsx.js';

const SAMPLE = join(PROJECT_ROOT, 'data/sample/returns');

describe('a coordinator\'s inbox: files named as ministries name them', () => {
  it('reads a state\'s name in a file name as its code: Greece\'s rows in "Romania 2025.csv" are flagged, and Romania is listed as a state that did send a file', async () => {
    const inbox = tempDir('inbox-');
    copyFileSync(join(SAMPLE, 'GRC_2025.csv'), join(inbox, 'Romania 2025.csv'));
    copyFileSync(join(SAMPLE, 'MDA_2025.csv'), join(inbox, 'Return_Moldova_2025 (final) v2.csv'));
    copyFileSync(join(SAMPLE, 'UKR_2025.csv'), join(inbox, 'ukr_2025.csv.csv'));
    const warehouse = join(tempDir(), 'w.duckdb');
    const ingest = await runCli(['ingest', '.', '--warehouse', warehouse, '--received-at', '2026-01-20'], { cwd: inbox });
    expect(ingest.code).toBe(0);
    expect(ingest.stdout.split('\n').filter((l) => l !== '')).toEqual([
      'Return_Moldova_2025 (final) v2.csv: 246 rows, 0 errors, 0 warnings — accepted as submission 1 (MDA, 2025)',
      'Romania 2025.csv: 259 rows, 0 errors, 0 warnings — accepted as submission 2 (GRC, 2025); the name says ROU, the rows GRC: check that this is the file the state meant to send',
      'ukr_2025.csv.csv: 250 rows, 0 errors, 0 warnings — accepted as submission 3 (UKR, 2025)',
    ]);

    const status = await runCli(['status', '--year', '2025', '--warehouse', warehouse]);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^ROU +Romania +missing /m);
    expect(status.stdout.slice(status.stdout.indexOf('\nMissing, though')).split('\n')).toEqual([
      '',
      'Missing, though a file named for them arrived: its rows were another state\'s or year\'s',
      'ROU Romania 2025.csv (submission 2, received 2026-01-20) was taken as GRC, 2025 (accepted): ask ROU for its own 2025 return',
      '',
    ]);
    const json = JSON.parse((await runCli(['status', '--year', '2025', '--warehouse', warehouse, '--json'])).stdout);
    const rou = json.states.find((s: { ref_area: string }) => s.ref_area === 'ROU');
    expect(rou).toMatchObject({ status: 'missing', named_files: [{ submission_id: 2, file_name: 'Romania 2025.csv', ref_area: 'GRC', reporting_year: 2025 }] });
  }, 120_000);
});

describe('the receipt log as a coordinator types it', () => {
  it('finds a file the log names in another case (TUR-2025-revised.csv logged, .CSV saved): its logged time, not "received now"', async () => {
    const inbox = tempDir('inbox-');
    copyFileSync(join(SAMPLE, 'TUR_2025.csv'), join(inbox, 'TUR-2025-revised.CSV'));
    copyFileSync(join(SAMPLE, 'UKR_2025.csv'), join(inbox, 'ukr_2025.csv'));
    writeFileSync(join(inbox, '_received.csv'), 'file,received_at\nTUR-2025-revised.csv,2026-01-20T10:00:00Z\nukr_2025.csv,2026-01-25\nUKR_2025.csv,2026-01-28\n');
    const warehouse = join(tempDir(), 'w.duckdb');
    const result = await runCli(['ingest', '.', '--warehouse', warehouse, '--json'], { cwd: inbox });
    expect(result.code).toBe(0);
    // was: TUR "not in _received.csv: recorded as received now", 297 days late; a name the folder bears exactly keeps its own line
    expect(JSON.parse(result.stdout).files.map((f: { file: string; received_at: string; missing_from_log: boolean }) => [f.file, f.received_at, f.missing_from_log])).toEqual([
      ['TUR-2025-revised.CSV', '2026-01-20T10:00:00Z', false],
      ['ukr_2025.csv', '2026-01-25T00:00:00Z', false],
    ]);
  }, 120_000);
});

describe('returns sent zipped, the zip logged as the attachment', () => {
  it('gives a return extracted beside the zip the zip\'s logged time, where it was recorded as received now and late; other bytes under an entry\'s name are not the zip\'s', async () => {
    const inbox = tempDir('inbox-');
    const mda = readFileSync(join(SAMPLE, 'MDA_2025.csv'));
    const mkd = readFileSync(join(SAMPLE, 'MKD_2025.csv'));
    writeZip(join(inbox, 'returns_MDA_MKD.zip'), [['returns/MDA_2025.csv', mda], ['MKD_2025.csv', mkd]]);
    writeFileSync(join(inbox, '_received.csv'), 'file,received_at\nreturns_MDA_MKD.zip,2026-01-27T14:10:00Z\n');
    const warehouse = join(tempDir(), 'w.duckdb');
    // extracted as told; Macedonia's file edited after it came is no longer the zip's
    writeFileSync(join(inbox, 'MDA_2025.csv'), mda);
    writeFileSync(join(inbox, 'MKD_2025.csv'), Buffer.concat([mkd, Buffer.from('\n')]));
    const ingest = await runCli(['ingest', '.', '--warehouse', warehouse], { cwd: inbox });
    expect(ingest.code).toBe(0);
    expect(ingest.stderr).toBe('warning: returns_MDA_MKD.zip: skipped, an archive: not read; extract it here and offer the folder again, or into the folder of its name and offer that one (a return extracted from a .zip takes the time _received.csv gives the .zip) [FILE_SKIPPED]\n');
    const lines = ingest.stdout.split('\n').filter((l) => l !== '');
    // was: "not in _received.csv: recorded as received now, …, 297 days after the deadline 2026-01-31"
    expect(lines[0]).toBe('MDA_2025.csv: 246 rows, 0 errors, 0 warnings — accepted as submission 1 (MDA, 2025); not in _received.csv by name: received in returns_MDA_MKD.zip, which holds the same bytes, so it takes the archive\'s logged time, 2026-01-27T14:10:00Z');
    expect(lines[1]).toMatch(/^MKD_2025\.csv: 251 rows, 0 errors, 1 warning — accepted as submission 2 \(MKD, 2025\); not in _received\.csv: recorded as received now, /);

    const status = await runCli(['status', '--year', '2025', '--warehouse', warehouse]);
    expect(status.stdout).toMatch(/^MDA +Moldova +accepted +2026-01-27 +on time +246 /m);
    const json = JSON.parse((await runCli(['ingest', join(inbox, 'MDA_2025.csv'), '--warehouse', join(tempDir(), 'w2.duckdb'), '--json'])).stdout);
    expect(json.files[0]).toMatchObject({ received_at: '2026-01-27T14:10:00Z', received_with_archive: 'returns_MDA_MKD.zip', missing_from_log: false });
  }, 180_000);

  it('gives the zip\'s logged time to the returns extracted into the folder of its name, as Windows\' "Extract All" and macOS do, where they were recorded as received now', async () => {
    const inbox = tempDir('inbox-');
    const mda = readFileSync(join(SAMPLE, 'MDA_2025.csv'));
    writeZip(join(inbox, 'returns_MDA_MKD.zip'), [['MDA_2025.csv', mda]]);
    writeFileSync(join(inbox, '_received.csv'), 'file,received_at\nreturns_MDA_MKD.zip,2026-01-27T14:10:00Z\n');
    mkdirSync(join(inbox, 'returns_MDA_MKD'));
    writeFileSync(join(inbox, 'returns_MDA_MKD', 'MDA_2025.csv'), mda);
    const ingest = await runCli(['ingest', 'returns_MDA_MKD', '--warehouse', join(tempDir(), 'w.duckdb')], { cwd: inbox });
    expect(ingest.code).toBe(0);
    expect(ingest.stdout.split('\n')[0]).toBe(`returns_MDA_MKD${sep}MDA_2025.csv: 246 rows, 0 errors, 0 warnings — accepted as submission 1 (MDA, 2025); not in _received.csv by name: received in returns_MDA_MKD.zip, which holds the same bytes, so it takes the archive's logged time, 2026-01-27T14:10:00Z`);
  }, 120_000);
});

describe('a return sent as a workbook, the workbook logged', () => {
  it('says, for the CSV saved from it, the time the log gives the workbook and the command that gives it that time, where it only said "recorded as received now"', async () => {
    // an Excel 97-2003 workbook, not read (an .xlsx is read itself and takes its logged time: see ingest-workbook.test.ts)
    const inbox = tempDir('inbox-');
    writeFileSync(join(inbox, 'ALB_2025.xls'), '\xd0\xcf\x11\xe0');
    copyFileSync(join(SAMPLE, 'ALB_2025.csv'), join(inbox, 'ALB_2025.csv'));
    writeFileSync(join(inbox, '_received.csv'), 'file,received_at\nALB_2025.xls,2026-01-19T11:00:00Z\n');
    const warehouse = join(tempDir(), 'w.duckdb');
    const ingest = await runCli(['ingest', '.', '--warehouse', warehouse], { cwd: inbox });
    expect(ingest.code).toBe(0);
    expect(ingest.stderr).toBe('warning: ALB_2025.xls: skipped, a workbook in a format not read: only .xlsx workbooks are; open it and save it as Excel Workbook (.xlsx) or CSV UTF-8 (File > Save As) under the same name, and offer that file [FILE_SKIPPED]\n');
    expect(ingest.stdout).toMatch(/^ALB_2025\.csv: 248 rows, 0 errors, 0 warnings — accepted as submission 1 \(ALB, 2025\); not in _received\.csv: recorded as received now, \S+, later than every time the log gives \(add its line before ingesting, or give --received-at\); the log dates ALB_2025\.xls 2026-01-19T11:00:00Z: if this is that workbook saved as CSV, give it that time: crimetrends ingest ALB_2025\.csv --received-at 2026-01-19T11:00:00Z --correct-receipt; received \S+, \d+ days after the deadline 2026-01-31/);
    const json = JSON.parse((await runCli(['ingest', '.', '--warehouse', join(tempDir(), 'w.duckdb'), '--json'], { cwd: inbox })).stdout);
    expect(json.files[0]).toMatchObject({ file: 'ALB_2025.csv', missing_from_log: true, logged_workbook: { file: 'ALB_2025.xls', received_at: '2026-01-19T11:00:00Z' } });

    // the command the line gives puts Albania on time
    const corrected = await runCli(['ingest', 'ALB_2025.csv', '--received-at', '2026-01-19T11:00:00Z', '--correct-receipt', '--warehouse', warehouse], { cwd: inbox });
    expect(corrected.code).toBe(0);
    expect((await runCli(['status', '--year', '2025', '--warehouse', warehouse])).stdout).toMatch(/^ALB +Albania +accepted +2026-01-19 +on time +248 /m);
  }, 180_000);
});

describe('a receipt logged for a file the folder lacks', () => {
  it('is told by ingest of the folder (human and JSON) and by run, not passed over while the state stays missing', async () => {
    const inbox = tempDir('inbox-');
    copyFileSync(join(SAMPLE, 'TUR_2025.csv'), join(inbox, 'TUR_2025.csv'));
    // Moldova's e-mail was logged, its attachment saved elsewhere
    writeFileSync(join(inbox, '_received.csv'), 'file,received_at\nTUR_2025.csv,2026-01-20\nMDA_2025.csv,2026-01-21T09:15:00Z\n');
    const warehouse = join(tempDir(), 'w.duckdb');
    const ingest = await runCli(['ingest', '.', '--warehouse', warehouse], { cwd: inbox });
    expect(ingest.code).toBe(0);
    expect(ingest.stderr).toBe('warning: _received.csv: MDA_2025.csv is logged as received 2026-01-21T09:15:00Z, but no file of the folder bears that name: its state stays missing until it is ingested; save the file there under that name (or correct the line) and ingest the folder again [MANIFEST_UNMATCHED]\n');
    const json = JSON.parse((await runCli(['ingest', '.', '--warehouse', warehouse, '--json'], { cwd: inbox })).stdout);
    expect(json.unmatched_log).toEqual([{ code: 'MANIFEST_UNMATCHED', log: '_received.csv', file: 'MDA_2025.csv', received_at: '2026-01-21T09:15:00Z' }]);
    // a file named on its own is not the folder: the other lines of its log are none of its business
    expect((await runCli(['ingest', 'TUR_2025.csv', '--warehouse', warehouse], { cwd: inbox })).stderr).toBe('');

    const run = await runCli(['run', '--year', '2025', '--returns', inbox, '--warehouse', warehouse, '--out', join(tempDir(), 'review')]);
    expect(run.stderr).toContain(`warning: ${join(inbox, '_received.csv')}: MDA_2025.csv is logged as received 2026-01-21T09:15:00Z, but no file of the folder bears that name`);
  }, 180_000);
});

describe('status says which version of a corrected return is in force, and whose an empty file is', () => {
  it('names the file in force over the one it supersedes (a correction sent a day later), human and JSON, without --history', async () => {
    const inbox = tempDir('inbox-');
    copyFileSync(join(SAMPLE, 'GEO_2025.csv'), join(inbox, 'GEO_2025.csv'));
    copyFileSync(join(SAMPLE, 'GEO_2025_v2.csv'), join(inbox, 'GEO 2025 corrected.csv'));
    copyFileSync(join(SAMPLE, 'ALB_2025.csv'), join(inbox, 'ALB_2025.csv'));
    writeFileSync(join(inbox, '_received.csv'), 'file,received_at\nGEO_2025.csv,2026-01-20T09:00:00Z\nGEO 2025 corrected.csv,2026-01-21T16:30:00Z\nALB_2025.csv,2026-01-22\n');
    const warehouse = join(tempDir(), 'w.duckdb');
    expect((await runCli(['ingest', '.', '--warehouse', warehouse], { cwd: inbox })).code).toBe(0);

    const status = await runCli(['status', '--year', '2025', '--warehouse', warehouse]);
    expect(status.code).toBe(0);
    expect(status.stdout.slice(status.stdout.indexOf('\nCorrected returns')).split('\n')).toEqual([
      '',
      'Corrected returns: the version received last is in force',
      'GEO GEO 2025 corrected.csv (submission 2, received 2026-01-21) is in force; it supersedes GEO_2025.csv (submission 3, received 2026-01-20)',
      '',
    ]);
    const json = JSON.parse((await runCli(['status', '--year', '2025', '--warehouse', warehouse, '--json'])).stdout);
    const of = (code: string) => json.states.find((s: { ref_area: string }) => s.ref_area === code);
    expect(of('GEO')).toMatchObject({ status: 'accepted', submission_id: 2, file_name: 'GEO 2025 corrected.csv', versions: 2,
      superseded: [{ submission_id: 3, file_name: 'GEO_2025.csv', received_at: '2026-01-20T09:00:00Z', is_same_time: false }] });
    expect(of('ALB')).toMatchObject({ status: 'accepted', versions: 1, superseded: [] });
  }, 120_000);

  it('says when two versions received at the same moment were ranked by their names, not by which is newer: ingest line, JSON and status', async () => {
    const inbox = tempDir('inbox-');
    // the correction's name sorts before the first version's (" " before "."): the first version wins the tie
    copyFileSync(join(SAMPLE, 'GEO_2025.csv'), join(inbox, 'GEO_2025.csv'));
    copyFileSync(join(SAMPLE, 'GEO_2025_v2.csv'), join(inbox, 'GEO_2025 (corrected).csv'));
    const warehouse = join(tempDir(), 'w.duckdb');
    const ingest = await runCli(['ingest', '.', '--warehouse', warehouse, '--received-at', '2026-01-20'], { cwd: inbox });
    expect(ingest.code).toBe(0);
    expect(ingest.stdout.split('\n').filter((l) => l !== '')).toEqual([
      'GEO_2025 (corrected).csv: 243 rows, 0 errors, 0 warnings — accepted as submission 1 (GEO, 2025)',
      'GEO_2025.csv: 243 rows, 0 errors, 0 warnings — accepted as submission 2 (GEO, 2025); supersedes submission 1, received at the same moment as GEO_2025 (corrected).csv: a tie goes to the greater file name, which says nothing of which is newer; check with GEO which version it sent last (give each version its receipt time in _received.csv before ingesting versions together; to put another in force, correct its receipt: crimetrends ingest FILE --received-at TIME --correct-receipt)',
    ]);
    const json = JSON.parse((await runCli(['ingest', 'GEO_2025 (corrected).csv', 'GEO_2025.csv', '--warehouse', join(tempDir(), 'w.duckdb'), '--received-at', '2026-01-20', '--json'], { cwd: inbox })).stdout);
    expect(json.files.map((f: { superseded: number[]; superseded_same_time: number[] }) => [f.superseded, f.superseded_same_time])).toEqual([[[], []], [[1], [1]]]);

    const status = await runCli(['status', '--year', '2025', '--warehouse', warehouse]);
    expect(status.stdout.split('\n').filter((l) => l.startsWith('GEO GEO_'))).toEqual([
      'GEO GEO_2025.csv (submission 2, received 2026-01-20) is in force; it supersedes GEO_2025 (corrected).csv (submission 1, received 2026-01-20); received at the same moment as GEO_2025 (corrected).csv: in force by the greater file name, which says nothing of which is newer: check with GEO which version it sent last; to put another in force, correct its receipt: crimetrends ingest FILE --received-at TIME --correct-receipt',
    ]);
    const geo = JSON.parse((await runCli(['status', '--year', '2025', '--warehouse', warehouse, '--json'])).stdout).states.find((s: { ref_area: string }) => s.ref_area === 'GEO');
    expect(geo).toMatchObject({ submission_id: 2, file_name: 'GEO_2025.csv', superseded: [{ submission_id: 1, file_name: 'GEO_2025 (corrected).csv', is_same_time: true }] });
  }, 120_000);

  it('says whom to send an empty or header-only file\'s errors back to when its name names a state', async () => {
    const inbox = tempDir('inbox-');
    writeFileSync(join(inbox, 'RUS_2025.csv'), '');
    const header = readFileSync(join(SAMPLE, 'AZE_2024.csv'), 'utf8').split('\n')[0]!;
    writeFileSync(join(inbox, 'Azerbaijan 2025.csv'), `${header}\n`);
    // a header only, as Excel saves it (other bytes than Azerbaijan's): a name that names no state
    writeFileSync(join(inbox, 'return.csv'), `${header}\r\n`);
    const warehouse = join(tempDir(), 'w.duckdb');
    expect((await runCli(['ingest', '.', '--warehouse', warehouse, '--received-at', '2026-01-20', '--year', '2025'], { cwd: inbox })).code).toBe(1);

    const status = await runCli(['status', '--year', '2025', '--warehouse', warehouse]);
    expect(status.stdout.split('\n').filter((l) => l.startsWith('? '))).toEqual([
      '? Azerbaijan 2025.csv (submission 1, received 2026-01-20): 1 error; its rows name no one state, so it counts for none; the name says AZE: send these errors back to AZE',
      '? RUS_2025.csv (submission 2, received 2026-01-20): 1 error; its rows name no one state, so it counts for none; the name says RUS: send these errors back to RUS',
      '? return.csv (submission 3, received 2026-01-20): 1 error; its rows name no one state, so it counts for none',
    ]);
    const json = JSON.parse((await runCli(['status', '--year', '2025', '--warehouse', warehouse, '--json'])).stdout);
    expect(json.unattributed.map((u: { file_name: string; named: string[] }) => [u.file_name, u.named])).toEqual([
      ['Azerbaijan 2025.csv', ['AZE']], ['RUS_2025.csv', ['RUS']], ['return.csv', []],
    ]);
  }, 120_000);
});

describe('status on a file whose rows are of no state of the region', () => {
  it('names the code its rows give (a non-member\'s return, a mistyped code), not "no one state", and whom its name names', async () => {
    const inbox = tempDir('inbox-');
    const albania = readFileSync(join(SAMPLE, 'ALB_2025.csv'), 'utf8');
    // Cyprus, no state of the region, for a BSEC review; and Romania's return with ROM, Romania's old code, on every row
    writeFileSync(join(inbox, 'Cyprus_2025.csv'), albania.replace(/^ALB,/gm, 'CYP,'));
    writeFileSync(join(inbox, 'ROU_2025.csv'), readFileSync(join(SAMPLE, 'ROU_2025.csv'), 'utf8').replace(/^ROU,/gm, 'ROM,'));
    const warehouse = join(tempDir(), 'w.duckdb');
    expect((await runCli(['ingest', '.', '--warehouse', warehouse, '--received-at', '2026-01-20'], { cwd: inbox })).code).toBe(1);

    const status = await runCli(['status', '--year', '2025', '--warehouse', warehouse]);
    expect(status.stdout.split('\n').filter((l) => l.startsWith('? '))).toEqual([
      '? Cyprus_2025.csv (submission 1, received 2026-01-20): 248 errors; its rows name CYP, no state of the region (crimetrends dictionary lists them), so it counts for none',
      '? ROU_2025.csv (submission 2, received 2026-01-20): 243 errors; its rows name ROM, no state of the region (crimetrends dictionary lists them), so it counts for none; the name says ROU: send these errors back to ROU',
    ]);
    const json = JSON.parse((await runCli(['status', '--year', '2025', '--warehouse', warehouse, '--json'])).stdout);
    expect(json.unattributed.map((u: { file_name: string; outside_region: string[]; named: string[] }) => [u.file_name, u.outside_region, u.named])).toEqual([
      ['Cyprus_2025.csv', ['CYP'], []], ['ROU_2025.csv', ['ROM'], ['ROU']],
    ]);
  }, 120_000);
});

describe('a folder as it arrives: every entry gets an answer, and no file is offered twice', () => {
  it('accounts for each entry of a messy inbox (a subfolder, a workbook, a zip, a README, lock and hidden files, a copy) and reads a file reached twice once', async () => {
    const inbox = tempDir('inbox-');
    copyFileSync(join(SAMPLE, 'ARM_2025.csv'), join(inbox, 'ARM_2025.csv'));
    copyFileSync(join(SAMPLE, 'ARM_2025.csv'), join(inbox, 'ARM_2025 (1).csv'));
    copyFileSync(join(SAMPLE, 'TUR_2025.csv'), join(inbox, 'TUR-2025-revised.CSV'));
    mkdirSync(join(inbox, 'older'));
    copyFileSync(join(SAMPLE, 'SRB_2025.csv'), join(inbox, 'older', 'SRB_2025.csv'));
    writeFileSync(join(inbox, 'MKD_2025.ods'), 'PK\x03\x04');
    writeFileSync(join(inbox, 'returns.zip'), 'PK\x03\x04');
    writeFileSync(join(inbox, 'README.txt'), 'Dear coordinator,\nplease find attached our return.\nRegards\n');
    writeFileSync(join(inbox, '.DS_Store'), '\0\0\0\x01Bud1');
    writeFileSync(join(inbox, '~$TUR-2025-revised.CSV'), 'x');
    const warehouse = join(tempDir(), 'w.duckdb');
    // the folder, a file in it and the folder again under another spelling: each file offered once
    const result = await runCli(['ingest', '.', 'ARM_2025.csv', `.${sep}`, '--warehouse', warehouse, '--received-at', '2026-01-20'], { cwd: inbox });
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').filter((l) => l !== '')).toEqual([
      'ARM_2025 (1).csv: 246 rows, 0 errors, 0 warnings — accepted as submission 1 (ARM, 2025)',
      'ARM_2025.csv: already in the warehouse (submission 1, ARM_2025 (1).csv, same bytes): nothing to do',
      'TUR-2025-revised.CSV: 244 rows, 0 errors, 0 warnings — accepted as submission 2 (TUR, 2025)',
    ]);
    expect(result.stderr.split('\n').filter((l) => l !== '').map((l) => l.replace(/: skipped, (.*?): .*$/, ': $1'))).toEqual([
      'warning: MKD_2025.ods: a workbook in a format not read',
      'warning: README.txt: a text file holding no table in its first lines (a note or a README, not a return)',
      'warning: older: a folder',
      'warning: returns.zip: an archive',
      'warning: ~$TUR-2025-revised.CSV: skipped, an Office lock file for TUR-2025-revised.CSV, written while it is open in Excel or Word, not a return; save and close TUR-2025-revised.CSV in Excel, then offer it again; the lock file goes when the file is closed [FILE_SKIPPED]',
    ]);
    // every file read is archived once, whatever its outcome: two distinct files
    expect(readdirSync(join(dirname(warehouse), 'archive')).sort()).toEqual([
      createHash('sha256').update(readFileSync(join(SAMPLE, 'ARM_2025.csv'))).digest('hex'),
      createHash('sha256').update(readFileSync(join(SAMPLE, 'TUR_2025.csv'))).digest('hex'),
    ].sort());

    const json = JSON.parse((await runCli(['ingest', '.', '.', '--warehouse', join(tempDir(), 'w.duckdb'), '--received-at', '2026-01-20', '--json'], { cwd: inbox })).stdout);
    expect(json.files.map((f: { file: string; outcome: string }) => `${f.file}: ${f.outcome}`)).toEqual([
      'ARM_2025 (1).csv: accepted', 'ARM_2025.csv: duplicate', 'TUR-2025-revised.CSV: accepted',
    ]);
    expect(json.skipped.map((s: { file: string }) => s.file)).toEqual(['MKD_2025.ods', 'README.txt', 'older', 'returns.zip', '~$TUR-2025-revised.CSV']);
  }, 120_000);

  it('tells an e-mail saved from the inbox to have its attachment saved, and an Office lock file whose file is not there to be deleted, not "save and close" a file the folder lacks', async () => {
    const inbox = tempDir('inbox-');
    copyFileSync(join(SAMPLE, 'ARM_2025.csv'), join(inbox, 'ARM_2025.csv'));
    writeFileSync(join(inbox, 'RE GEO return 2025.eml'), 'From: focal@mia.gov.ge\r\nSubject: GEO return 2025\r\n\r\nPlease find attached.\r\n');
    writeFileSync(join(inbox, 'FW MDA return.msg'), '\xd0\xcf\x11\xe0');
    writeFileSync(join(inbox, '~$GEO_2025.xlsx'), '\x0bcoordinator');
    writeFileSync(join(inbox, '~$ARM_2025.csv'), '\x0bcoordinator');
    const result = await runCli(['ingest', '.', '--warehouse', join(tempDir(), 'w.duckdb'), '--received-at', '2026-01-20'], { cwd: inbox });
    expect(result.code).toBe(0);
    // were: "a document or image, not a return: not read; … ask the state for it if only this came", and for the
    // lock file of a workbook the folder lacks "save and close the file in Excel"
    expect(result.stderr.split('\n').filter((l) => l !== '')).toEqual([
      'warning: FW MDA return.msg: skipped, an e-mail message: not read; a return sent with it is attached inside: open the message, save its attachment into this folder and offer the folder again [FILE_SKIPPED]',
      'warning: RE GEO return 2025.eml: skipped, an e-mail message: not read; a return sent with it is attached inside: open the message, save its attachment into this folder and offer the folder again [FILE_SKIPPED]',
      'warning: ~$ARM_2025.csv: skipped, an Office lock file for ARM_2025.csv, written while it is open in Excel or Word, not a return; save and close ARM_2025.csv in Excel, then offer it again; the lock file goes when the file is closed [FILE_SKIPPED]',
      'warning: ~$GEO_2025.xlsx: skipped, an Office lock file left behind (no file of the folder is the one it stands for): not read; delete it: Excel or Word leaves one when it closes abnormally, or when a folder is copied while a file in it is open [FILE_SKIPPED]',
    ]);
  }, 60_000);
});
