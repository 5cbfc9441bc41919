import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { formatSkipped, listFiles, printablePath, type SkippedEntry } from '../../src/io/list-files.js';
import { namesReturnColumns } from '../../src/validate/index.js';
import { tempDir } from '../helpers/warehouse.js';

const SAMPLE = join(PROJECT_ROOT, 'data/sample/returns');

/** Returns the files listed and the entries skipped, both relative to `dir`. */
async function list(dir: string, paths: string[] = [dir]): Promise<{ files: string[]; skipped: Array<Omit<SkippedEntry, 'path'> & { name: string }> }> {
  const skipped: Array<Omit<SkippedEntry, 'path'> & { name: string }> = [];
  const files = await listFiles(paths, dir, { onSkip: ({ path, ...rest }) => skipped.push({ name: path.slice(dir.length + 1), ...rest }) });
  return { files: files.map((f) => f.slice(dir.length + 1)), skipped };
}

describe('listFiles', () => {
  it('accounts for every entry of a folder: data files listed, everything else reported with why and what to do', async () => {
    const dir = tempDir();
    copyFileSync(join(SAMPLE, 'ROU_2025.csv'), join(dir, 'ROU_2025.csv'));
    for (const name of ['MDA_2025.CSV', 'MKD_2025.csv.txt', 'TUR_2025.tsv', 'GRC_2025.xlsx', 'BGR_2025.xls', 'cover letter.pdf', 'NOEXT', '_notes.csv', '_received.csv', '.DS_Store', 'warehouse.duckdb', 'warehouse.duckdb.wal',
      '~$MDA_2025.csv', 'returns.zip', 'Thumbs.db', 'desktop.ini']) {
      writeFileSync(join(dir, name), 'x\n');
    }
    mkdirSync(join(dir, 'late'));
    writeFileSync(join(dir, 'late', 'BGR_2025.csv'), 'x\n');
    mkdirSync(join(dir, 'x.csv')); // a folder named like a file: once an EISDIR crash that stopped the batch
    symlinkSync(join(dir, 'gone.csv'), join(dir, 'broken.csv'));

    const { files, skipped } = await list(dir);
    // an .xlsx is a return (validation reads its sheet); an .xls, Excel 97-2003's format, is not read
    expect(files).toEqual(['GRC_2025.xlsx', 'MDA_2025.CSV', 'MKD_2025.csv.txt', 'ROU_2025.csv', 'TUR_2025.tsv']);
    expect(skipped).toEqual([
      { name: 'BGR_2025.xls', reason: 'a workbook in a format not read: only .xlsx workbooks are', hint: 'open it and save it as Excel Workbook (.xlsx) or CSV UTF-8 (File > Save As) under the same name, and offer that file' },
      { name: 'NOEXT', reason: 'not a .csv, .tsv, .txt or .xlsx file', hint: 'a return is a CSV file or an Excel workbook: if this is one, give it the .csv or .xlsx extension' },
      { name: '_notes.csv', reason: 'names starting with _ are left out (reserved for logs such as _received.csv)', hint: 'rename it without the leading _ to read it' },
      { name: 'broken.csv', reason: 'cannot be read (a broken link, or no permission)', hint: 'check the entry, or offer the file itself' },
      { name: 'cover letter.pdf', reason: 'a document or image, not a return: not read', hint: 'a return is a CSV file (crimetrends template gives its layout): ask the state for it if only this came' },
      { name: 'late', reason: 'a folder: not searched', hint: 'name the folder on the command line to read its files' },
      { name: 'returns.zip', reason: 'an archive: not read', hint: 'extract it here and offer the folder again, or into the folder of its name and offer that one (a return extracted from a .zip takes the time _received.csv gives the .zip)' },
      { name: 'warehouse.duckdb', reason: 'a DuckDB warehouse file: not read', hint: 'keep the warehouse outside the returns folder' },
      { name: 'warehouse.duckdb.wal', reason: 'a DuckDB warehouse file: not read', hint: 'keep the warehouse outside the returns folder' },
      { name: 'x.csv', reason: 'a folder: not searched', hint: 'name the folder on the command line to read its files' },
      { name: '~$MDA_2025.csv', reason: 'an Office lock file for MDA_2025.CSV, written while it is open in Excel or Word, not a return',
        hint: 'save and close MDA_2025.CSV in Excel, then offer it again; the lock file goes when the file is closed' },
    ]);
    // a subfolder named on the command line is read
    expect((await list(dir, [join(dir, 'late')])).files).toEqual(['late/BGR_2025.csv']);
  });

  it('a folder without a data file is a usage error naming the folder and what it holds', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'empty'));
    await expect(listFiles(['empty'], dir)).rejects.toMatchObject({
      code: 'SOURCE_EMPTY', exitCode: 2, location: { file: 'empty' },
      message: 'empty: expected return files (.csv, .tsv, .txt or .xlsx) in the folder, found none',
    });
    mkdirSync(join(dir, 'excel'));
    writeFileSync(join(dir, 'excel', 'GRC_2025.ods'), 'x');
    mkdirSync(join(dir, 'excel', 'old'));
    writeFileSync(join(dir, 'excel', '_received.csv'), 'file,received_at\n');
    await expect(listFiles(['excel'], dir)).rejects.toMatchObject({
      code: 'SOURCE_EMPTY', exitCode: 2,
      message: 'excel: expected return files (.csv, .tsv, .txt or .xlsx) in the folder, found none; it holds only GRC_2025.ods (a workbook in a format not read: only .xlsx workbooks are), old (a folder: not searched)',
      hint: 'save each workbook as Excel Workbook (.xlsx) or CSV UTF-8 (File > Save As) and offer those files',
    });
    await expect(listFiles(['nowhere'], dir)).rejects.toMatchObject({ code: 'SOURCE_MISSING', exitCode: 2 });
  });

  it('a file named that is never a return (Windows\' and macOS\' own files, a lock file left behind) is skipped, not listed', async () => {
    const dir = tempDir();
    for (const name of ['Thumbs.db', 'desktop.ini', '._ROU_2025.csv', '~$GEO_2025.xlsx', '.hidden.csv']) writeFileSync(join(dir, name), 'x\n');
    copyFileSync(join(SAMPLE, 'ROU_2025.csv'), join(dir, 'ROU_2025.csv'));
    const { files, skipped } = await list(dir, ['Thumbs.db', 'ROU_2025.csv', 'desktop.ini', '._ROU_2025.csv', '~$GEO_2025.xlsx', '.hidden.csv']);
    // a hidden name other than macOS' own is read when named: only a folder passes it over
    expect(files).toEqual(['ROU_2025.csv', '.hidden.csv']);
    expect(skipped.map((s) => `${s.name}: ${s.reason}`)).toEqual([
      "Thumbs.db: Windows' thumbnail cache, a file the system writes in any folder it shows, not a return: not read",
      "desktop.ini: Windows' folder settings, a file the system writes in any folder it shows, not a return: not read",
      "._ROU_2025.csv: macOS's companion of ROU_2025.csv, a file the system writes in any folder it shows, not a return: not read",
      '~$GEO_2025.xlsx: an Office lock file left behind (no file of the folder is the one it stands for): not read',
    ]);
  });

  it('a file named on the command line is taken whatever its extension', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'return.dat'), 'x\n');
    expect((await list(dir, ['return.dat'])).files).toEqual(['return.dat']);
  });

  it('with a header test, a .txt file of a folder is read only when it holds a table: a note or README beside the returns is skipped', async () => {
    const dir = tempDir();
    const rou = readFileSync(join(SAMPLE, 'ROU_2025.csv'), 'utf8');
    const tabbed = rou.split('\n').map((line) => line.split(',').join('\t')).join('\r\n');
    // Excel's "Unicode Text": UTF-16LE with a byte-order mark, tab-separated; and the same without its header
    writeFileSync(join(dir, 'GRC_2025.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tabbed, 'utf16le')]));
    writeFileSync(join(dir, 'BGR_2025.txt'), tabbed.split('\r\n').slice(1).join('\r\n'));
    // a damaged header still names two columns: the file is read, and validation says what is wrong with it
    writeFileSync(join(dir, 'MDA_2025.txt'), 'Ref_Area;TIME_PERIOD;Indikator;Wert\nMDA;2025;TIP_VIC;12\n');
    writeFileSync(join(dir, 'README.txt'), 'Return of Romania, 2025, sent by the Ministry of Internal Affairs, Bucharest, on 19 January.\nContact: statistics unit.\n');
    writeFileSync(join(dir, 'notes.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Figures for 2024 revised; see COMMENT.\r\n', 'utf16le')]));
    copyFileSync(join(SAMPLE, 'ROU_2025.csv'), join(dir, 'ROU_2025.csv'));
    const skipped: string[] = [];
    const files = await listFiles([dir], dir, { isHeader: namesReturnColumns, onSkip: (entry) => skipped.push(formatSkipped(entry, entry.path.slice(dir.length + 1))) });
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual(['BGR_2025.txt', 'GRC_2025.txt', 'MDA_2025.txt', 'ROU_2025.csv']);
    const why = 'skipped, a text file holding no table in its first lines (a note or a README, not a return): not read; a return saved as text is a table whose first line names the columns (crimetrends template); offer the file by name to check it anyway [FILE_SKIPPED]';
    expect(skipped).toEqual([`README.txt: ${why}`, `notes.txt: ${why}`]);
    // named on the command line, a note is offered all the same (validation then reports it)
    expect(await listFiles(['README.txt'], dir, { isHeader: namesReturnColumns })).toEqual([join(dir, 'README.txt')]);
    // a folder holding only a note has no return to offer
    const only = tempDir();
    copyFileSync(join(dir, 'README.txt'), join(only, 'README.txt'));
    await expect(listFiles([only], only, { isHeader: namesReturnColumns })).rejects.toMatchObject({ code: 'SOURCE_EMPTY', message: expect.stringContaining('it holds only README.txt (a text file holding no table') });
  });

  it('writes a line break or other control character in a name as an escape, so each message stays one line', () => {
    expect(printablePath('in/ROU\n2025\t(final)\r.csv\u0007')).toBe('in/ROU\\n2025\\t(final)\\r.csv\\u0007');
    expect(formatSkipped({ path: '/r/a.xlsx', reason: 'a spreadsheet workbook: not read', hint: 'save it as CSV UTF-8' }, 'r/a.xlsx'))
      .toBe('r/a.xlsx: skipped, a spreadsheet workbook: not read; save it as CSV UTF-8 [FILE_SKIPPED]');
  });
});
