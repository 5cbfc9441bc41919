import { readMagic } from './read-magic.js';

/**
 * Returns true when the file at `path` is an Excel workbook (`.xlsx`, `.xlsm`) whatever its name: a zip archive whose
 * entries include `xl/workbook.xml`, as a workbook renamed `.csv` is. An `.xls` (an Office compound file), an `.ods`
 * (a zip without that entry), another zip and a damaged archive are not.
 */
export async function isXlsxWorkbook(path: string): Promise<boolean> {
  const magic = await readMagic(path);
  if (magic[0] !== 0x50 || magic[1] !== 0x4b) return false;
  // loaded for a zip only: a CSV's validation never pays for it
  const { default: unzipper } = await import('unzipper');
  try {
    return (await unzipper.Open.file(path)).files.some((entry) => entry.path === 'xl/workbook.xml');
  } catch {
    return false; // no readable archive: the CSV reader says what the file is
  }
}
