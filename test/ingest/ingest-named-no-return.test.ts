import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { openStore } from '../../src/store/index.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/warehouse.js';
import { writeZip } from '../helpers/xlsx.js';

const SAMPLE = join(PROJECT_ROOT, 'data/sample/returns');
const COLUMNS = ['REF_AREA', 'TIME_PERIOD', 'INDICATOR', 'SEX', 'AGE', 'COUNTERPART_AREA', 'BREAKDOWN', 'OBS_VALUE', 'OBS_STATUS', 'CONF_STATUS', 'COMMENT'];

/** An inbox as a wildcard finds it while TUR_2025.xlsx is open in Excel: the workbook, its lock file, macOS's .DS_Store. */
async function writeInbox(): Promise<string> {
  const inbox = tempDir('inbox-');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Return');
  sheet.addRow(COLUMNS);
  sheet.addRow(['TUR', 2025, 'TIP_VIC', '_T', '_T', '_T', '_T', 310, 'A', 'F', null]);
  await workbook.xlsx.writeFile(join(inbox, 'TUR_2025.xlsx'));
  // Excel's lock file: the user's name, its length first, padded to 165 bytes
  writeFileSync(join(inbox, '~$TUR_2025.xlsx'), Buffer.concat([Buffer.from('\x0bcoordinator', 'latin1'), Buffer.alloc(153, 0x20)]));
  writeFileSync(join(inbox, '.DS_Store'), Buffer.concat([Buffer.from([0, 0, 0, 1]), Buffer.from('Bud1'), Buffer.alloc(40)]));
  copyFileSync(join(SAMPLE, 'ARM_2025.csv'), join(inbox, 'ARM_2025.csv'));
  return inbox;
}

const LOCK = 'warning: ~$TUR_2025.xlsx: skipped, an Office lock file for TUR_2025.xlsx, written while it is open in Excel or Word, not a return; save and close TUR_2025.xlsx in Excel, then offer it again; the lock file goes when the file is closed [FILE_SKIPPED]';
const DS_STORE = "warning: .DS_Store: skipped, macOS's folder settings, a file the system writes in any folder it shows, not a return: not read; leave it out of the files named [FILE_SKIPPED]";

describe('files named on the command line that are no returns', () => {
  it('passes over a named Office lock file and .DS_Store with a warning: not recorded, not in status, exit 0 for the returns that went in', async () => {
    const inbox = await writeInbox();
    const warehouse = join(tempDir(), 'w.duckdb');
    const named = ['TUR_2025.xlsx', '~$TUR_2025.xlsx', '.DS_Store', 'ARM_2025.csv'];
    const ingest = await runCli(['ingest', ...named, '--warehouse', warehouse, '--received-at', '2026-01-20'], { cwd: inbox });
    // were: "~$TUR_2025.xlsx: … rejected (submission 2 records why)" and "? .DS_Store … 5 errors", exit 1
    expect(ingest.stderr.split('\n').filter((l) => l !== '')).toEqual([LOCK, DS_STORE]);
    expect(ingest.stdout.split('\n').filter((l) => l !== '')).toEqual([
      'TUR_2025.xlsx: 1 row, 0 errors, 0 warnings — accepted as submission 1 (TUR, 2025)',
      'ARM_2025.csv: 246 rows, 0 errors, 0 warnings — accepted as submission 2 (ARM, 2025)',
    ]);
    expect(ingest.code).toBe(0);
    const store = await openStore(warehouse, { isReadOnly: true });
    try {
      expect(await store.all('select submission_id, file_name, outcome from submission order by submission_id')).toEqual([
        { submission_id: 1, file_name: 'TUR_2025.xlsx', outcome: 'accepted' },
        { submission_id: 2, file_name: 'ARM_2025.csv', outcome: 'accepted' },
      ]);
    } finally {
      store.close();
    }
    const status = await runCli(['status', '--year', '2025', '--warehouse', warehouse]);
    expect(status.stdout).toMatch(/^TUR +Türkiye +accepted +2026-01-20 +on time +1 +0 +0 +1$/m);
    expect(status.stdout).not.toContain('~$');
    expect(status.stdout).not.toContain('DS_Store');
    expect(status.stdout).not.toContain('send these errors back');

    // --json lists them in `skipped`, as a folder's entries
    const json = JSON.parse((await runCli(['ingest', ...named, '--warehouse', join(tempDir(), 'w.duckdb'), '--received-at', '2026-01-20', '--json'], { cwd: inbox })).stdout);
    expect(json.skipped.map((s: { file: string; code: string }) => `${s.code} ${s.file}`)).toEqual(['FILE_SKIPPED ~$TUR_2025.xlsx', 'FILE_SKIPPED .DS_Store']);
    expect(json.files.map((f: { file: string }) => f.file)).toEqual(['TUR_2025.xlsx', 'ARM_2025.csv']);
  }, 120_000);

  it('validate warns of them the same way (not an error: exit 0), and only them named is a usage error (exit 2)', async () => {
    const inbox = await writeInbox();
    const validate = await runCli(['validate', 'TUR_2025.xlsx', '~$TUR_2025.xlsx', '.DS_Store'], { cwd: inbox });
    expect(validate.stderr.split('\n').filter((l) => l !== '')).toEqual([LOCK, DS_STORE]);
    expect(validate.stdout).not.toContain('~$');
    expect(validate.code).toBe(0);

    const only = await runCli(['ingest', '~$TUR_2025.xlsx', '--warehouse', join(tempDir(), 'w.duckdb')], { cwd: inbox });
    expect(only.code).toBe(2);
    expect(only.stderr).toBe('error: expected a return among the files named, found none: ~$TUR_2025.xlsx (an Office lock file for TUR_2025.xlsx, written while it is open in Excel or Word, not a return) [SOURCE_EMPTY]\n'
      + 'hint: save and close TUR_2025.xlsx in Excel, then offer it again; the lock file goes when the file is closed\n');
  }, 120_000);
});

describe('a folder holding only an archive', () => {
  it('says to extract it; among other folders it is told and the others ingested', async () => {
    const root = tempDir('returns-');
    mkdirSync(join(root, 'zipped'));
    writeZip(join(root, 'zipped', 'batch.zip'), [['GEO_2025.csv', 'x\n']]);
    mkdirSync(join(root, 'inbox'));
    copyFileSync(join(SAMPLE, 'ARM_2025.csv'), join(root, 'inbox', 'ARM_2025.csv'));

    const alone = await runCli(['ingest', 'zipped', '--warehouse', join(tempDir(), 'w.duckdb')], { cwd: root });
    expect(alone.code).toBe(2);
    // was: "hint: check the folder; a subfolder is read only when named on the command line"
    expect(alone.stderr).toBe('error: zipped: expected return files (.csv, .tsv, .txt or .xlsx) in the folder, found none; it holds only batch.zip (an archive: not read) [SOURCE_EMPTY]\n'
      + 'hint: batch.zip is an archive: extract it and offer the folder it makes (or extract into this folder and offer it again)\n');

    // was: the same error, exit 2, ARM's return not ingested
    const warehouse = join(tempDir(), 'w.duckdb');
    const both = await runCli(['ingest', 'zipped', 'inbox', '--warehouse', warehouse, '--received-at', '2026-01-20'], { cwd: root });
    expect(both.stderr.split('\n').filter((l) => l !== '')).toEqual([
      'warning: zipped: skipped, a folder holding no return; it holds only batch.zip (an archive: not read); batch.zip is an archive: extract it and offer the folder it makes (or extract into this folder and offer it again) [FILE_SKIPPED]',
    ]);
    expect(both.stdout).toBe('inbox/ARM_2025.csv: 246 rows, 0 errors, 0 warnings — accepted as submission 1 (ARM, 2025)\n');
    expect(both.code).toBe(0);
  }, 120_000);
});
