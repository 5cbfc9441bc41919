import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import { describeFileError, describeUnreadable, PERMISSION_HINT } from './describe-unreadable.js';
import { DELIMITERS, readHeadLines } from './find-header.js';
import { splitHeader } from './split-header.js';

const DATA_FILE = /\.(csv|tsv|txt|xlsx|xlsm)$/i;
/** The names of spreadsheet workbooks (Excel, LibreOffice, Numbers): never written as CSV; read as a return only when an `.xlsx` or `.xlsm` (see RETURN_WORKBOOK). */
export const WORKBOOK = /\.(xlsx|xlsm|xlsb|xls|ods|numbers)$/i;
/** The names of the workbooks read as a return (Excel 2007 and later; `.xlsm` is the same format with macros): see readWorkbookReturn. */
export const RETURN_WORKBOOK = /\.(xlsx|xlsm)$/i;
/** Documents that come with a return (a cover letter, a scan): never a return themselves. */
const DOCUMENT = /\.(pdf|docx?|odt|rtf|jpe?g|png|tiff?)$/i;
/** An e-mail saved as a file (Outlook's `.msg`, any other client's `.eml`): the return is attached inside it. */
const EMAIL = /\.(eml|msg)$/i;
/** A DuckDB warehouse and its companions, when the warehouse is kept beside the returns. */
const WAREHOUSE = /\.(duckdb|duckdb\.wal|wal|lock)$/i;
/** An archive of returns: extracted, its files can be offered. */
const ARCHIVE = /\.(zip|7z|rar|tar|tgz|gz|bz2|xz)$/i;
/** The receipt log a folder of returns may hold (read by ingest, see read-received.ts). */
const MANIFEST = '_received.csv';
/** What Windows leaves in any folder it shows (thumbnail cache, folder settings): passed over like hidden names. */
const SYSTEM_FILES = new Set(['thumbs.db', 'ehthumbs.db', 'desktop.ini']);

/** An entry of an offered folder that is not read: what it is, why it is left, and what to do. */
export interface SkippedEntry {
  /** Absolute path of the entry. */
  path: string;
  /** Why it is not read ("an Excel workbook is not read"). */
  reason: string;
  /** What to do to have it read. */
  hint: string;
}

export interface ListFilesOptions {
  /** Called for every entry of an offered folder that is not read (the receipt log and hidden files excepted). */
  onSkip?: (entry: SkippedEntry) => void;
  /** Lets `-` stand for standard input (returned as `-`; readCsv copies it to a temporary file). */
  allowStdin?: boolean;
  /**
   * Whether a line's cells are a header of the files sought. When given, a `.txt` file of an offered folder is read
   * only when it holds a table (see {@link isTextOfTable}): a cover note or a README beside the returns is skipped.
   */
  isHeader?: (cells: string[]) => boolean;
}

/**
 * Returns the files named on the command line, with each folder replaced by the data files in it (`.csv`, `.tsv`,
 * `.txt`, `.xlsx`, `.xlsm`, any case, sorted by name). Every other entry of a folder is accounted for through `onSkip`: a
 * file of another kind (an `.xls` or `.ods` workbook: save it as .xlsx or CSV), a subfolder (not searched: name it to read it), a name starting with `_`
 * (reserved for logs), an Office lock file (`~$…`), an archive (extract it). Only the receipt log `_received.csv`,
 * hidden names (starting with `.`) and Windows' `Thumbs.db` and `desktop.ini` pass silently.
 *
 * A data file the user may not read (permission denied) is skipped like the others when it is in a folder; named on the
 * command line, it stops the command, as a missing one does. A file named that is never a return (an Office lock file,
 * `.DS_Store`, `Thumbs.db`: see describeNoReturn) is skipped through `onSkip`, and so is a folder holding no data file
 * when another path gives one. `onSkip` is called once the whole list is known.
 *
 * @throws ConfigError `SOURCE_MISSING` for a path that does not exist; `SOURCE_UNREADABLE` for a file or folder named
 *   that cannot be read; `SOURCE_EMPTY` when no path gives a data file: the first folder holding none, else the files
 *   named that are no returns (exit 2).
 */
export async function listFiles(paths: readonly string[], cwd: string, options: ListFilesOptions = {}): Promise<string[]> {
  const out: string[] = [];
  // told once the whole list is known: when it holds no return, the command stops with the first empty folder instead
  const skippedAll: SkippedEntry[] = [];
  const emptyFolders: ConfigError[] = [];
  for (const given of paths) {
    if (given === '-' && options.allowStdin === true) {
      out.push('-'); // standard input (see readCsv)
      continue;
    }
    const path = resolve(cwd, given);
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      const why = describeFileError(error);
      if (why === 'no such file') throw new ConfigError('SOURCE_MISSING', `${printablePath(given)}: no such file or folder`, { location: { file: given }, hint: 'check the path' });
      throw toUnreadableError(given, why);
    }
    if (!info.isDirectory()) {
      // a lock file or .DS_Store a wildcard picked up (inbox/*.xlsx while a workbook is open) is no return: recorded,
      // it stood as a rejected return of no state, or of the state whose file it locks
      const name = basename(path);
      const junk = info.isFile() ? describeNoReturn(name, name.startsWith('~$') ? await readdir(dirname(path)).catch(() => []) : []) : undefined;
      if (junk !== undefined) {
        skippedAll.push({ path, reason: junk.reason, hint: junk.hint });
        continue;
      }
      // a named pipe or /dev/stdin is read as it comes (see readCsv): opening it here would wait for a writer
      const why = info.isFile() ? await describeUnreadable(path) : undefined;
      if (why !== undefined) throw toUnreadableError(given, why);
      out.push(path);
      continue;
    }
    const found: string[] = [];
    const skipped: SkippedEntry[] = [];
    let names: string[];
    try {
      names = await readdir(path);
    } catch (error) {
      throw toUnreadableError(given, describeFileError(error), 'the folder');
    }
    for (const name of names.sort()) {
      if (name.startsWith('.') || name === MANIFEST || describeNoReturn(name, names)?.isQuietInFolder === true) continue;
      const entry = join(path, name);
      const skip = await whySkipped(entry, name, options.isHeader, names);
      if (skip === undefined) found.push(entry);
      else skipped.push({ path: entry, ...skip });
    }
    if (found.length === 0) {
      // one folder among several holding no return is told, and the others read: it stopped them all (exit 2)
      const error = toEmptyFolderError(given, path, skipped);
      emptyFolders.push(error);
      skippedAll.push({ path, reason: `a folder holding no return${describeHeld(path, skipped)}`, hint: error.hint ?? 'check the folder' });
      continue;
    }
    skippedAll.push(...skipped);
    out.push(...found);
  }
  if (out.length === 0) {
    if (emptyFolders[0] !== undefined) throw emptyFolders[0];
    if (skippedAll[0] !== undefined) {
      const named = skippedAll.map((s) => `${printablePath(basename(s.path))} (${s.reason})`).join(', ');
      throw new ConfigError('SOURCE_EMPTY', `expected a return among the files named, found none: ${named}`, { location: { file: paths[0]! }, hint: skippedAll[0].hint });
    }
  }
  for (const entry of skippedAll) options.onSkip?.(entry);
  return out;
}

/** Returns the usage error for a folder offered that holds no return: what it holds, and what to do. */
function toEmptyFolderError(given: string, path: string, skipped: readonly SkippedEntry[]): ConfigError {
  const only = describeHeld(path, skipped);
  const archives = skipped.filter((s) => ARCHIVE.test(s.path) && !s.reason.startsWith('a folder')).map((s) => printablePath(basename(s.path)));
  return new ConfigError('SOURCE_EMPTY', `${printablePath(given)}: expected return files (.csv, .tsv, .txt or .xlsx) in the folder, found none${only}`, {
    location: { file: given },
    hint: skipped.some((s) => WORKBOOK.test(s.path))
      ? 'save each workbook as Excel Workbook (.xlsx) or CSV UTF-8 (File > Save As) and offer those files'
      : archives.length > 0
        ? `${archives.length === 1 ? `${archives[0]} is an archive: extract it` : `${archives.join(', ')} are archives: extract them`} and offer the folder it makes (or extract into this folder and offer it again)`
        : 'check the folder; a subfolder is read only when named on the command line',
  });
}

/** Returns what a folder holding no return holds (`; it holds only batch.zip (an archive: not read)`), or '' when nothing. */
function describeHeld(path: string, skipped: readonly SkippedEntry[]): string {
  if (skipped.length === 0) return '';
  return `; it holds only ${skipped.slice(0, 5).map((s) => `${printablePath(s.path.slice(path.length + 1))} (${s.reason})`).join(', ')}${skipped.length > 5 ? `, and ${skipped.length - 5} more` : ''}`;
}

/**
 * Returns what a name is when it is never a return, whatever it holds: an Office lock file (`~$…`, there while the
 * file it stands for is open; `siblings`, the names of its folder, tell whether that file is there), macOS's
 * `.DS_Store` and `._` companions, Windows' `Thumbs.db` and `desktop.ini`. A folder passes the system files silently
 * (`isQuietInFolder`) and reports a lock file; named on the command line, each is reported and not read.
 */
export function describeNoReturn(name: string, siblings: readonly string[]): { reason: string; hint: string; isQuietInFolder: boolean } | undefined {
  // Office writes "~$" plus the file's name (its first two letters dropped when the name is long) while the file is
  // open: a lock of a few bytes, never a return, and a sign that the return beside it may be mid-edit
  if (name.startsWith('~$')) {
    const locked = siblings.find((sibling) => isLockedBy(name, sibling));
    // one whose file is not in the folder was left behind (Excel closed abnormally, or the folder copied while the file
    // was open): "save and close the file" named a file the coordinator could not find
    if (locked === undefined) {
      return { reason: 'an Office lock file left behind (no file of the folder is the one it stands for): not read', hint: 'delete it: Excel or Word leaves one when it closes abnormally, or when a folder is copied while a file in it is open', isQuietInFolder: false };
    }
    return { reason: `an Office lock file for ${printablePath(locked)}, written while it is open in Excel or Word, not a return`, hint: `save and close ${printablePath(locked)} in Excel, then offer it again; the lock file goes when the file is closed`, isQuietInFolder: false };
  }
  const system = 'a file the system writes in any folder it shows, not a return: not read';
  if (name === '.DS_Store' || name.startsWith('._')) return { reason: `macOS's ${name === '.DS_Store' ? 'folder settings' : `companion of ${printablePath(name.slice(2))}`}, ${system}`, hint: 'leave it out of the files named', isQuietInFolder: true };
  if (SYSTEM_FILES.has(name.toLowerCase())) return { reason: `Windows' ${name.toLowerCase() === 'desktop.ini' ? 'folder settings' : 'thumbnail cache'}, ${system}`, hint: 'leave it out of the files named', isQuietInFolder: true };
  return undefined;
}

/** Returns why a folder entry is not read, or undefined for a data file; `siblings` are the folder's names. */
async function whySkipped(path: string, name: string, isHeader: ((cells: string[]) => boolean) | undefined, siblings: readonly string[]): Promise<{ reason: string; hint: string } | undefined> {
  let info;
  try {
    info = await stat(path);
  } catch {
    return { reason: 'cannot be read (a broken link, or no permission)', hint: 'check the entry, or offer the file itself' };
  }
  if (info.isDirectory()) return { reason: 'a folder: not searched', hint: 'name the folder on the command line to read its files' };
  if (!info.isFile()) return { reason: 'not a regular file', hint: 'offer a return file' };
  const junk = describeNoReturn(name, siblings);
  if (junk !== undefined) return { reason: junk.reason, hint: junk.hint };
  if (name.startsWith('_')) return { reason: 'names starting with _ are left out (reserved for logs such as _received.csv)', hint: 'rename it without the leading _ to read it' };
  if (WORKBOOK.test(name) && !RETURN_WORKBOOK.test(name)) {
    return { reason: 'a workbook in a format not read: only .xlsx workbooks are', hint: 'open it and save it as Excel Workbook (.xlsx) or CSV UTF-8 (File > Save As) under the same name, and offer that file' };
  }
  if (EMAIL.test(name)) return { reason: 'an e-mail message: not read', hint: 'a return sent with it is attached inside: open the message, save its attachment into this folder and offer the folder again' };
  if (DOCUMENT.test(name)) return { reason: 'a document or image, not a return: not read', hint: 'a return is a CSV file (crimetrends template gives its layout): ask the state for it if only this came' };
  if (ARCHIVE.test(name)) return { reason: 'an archive: not read', hint: 'extract it here and offer the folder again, or into the folder of its name and offer that one (a return extracted from a .zip takes the time _received.csv gives the .zip)' };
  if (WAREHOUSE.test(name)) return { reason: 'a DuckDB warehouse file: not read', hint: 'keep the warehouse outside the returns folder' };
  if (!DATA_FILE.test(name)) return { reason: 'not a .csv, .tsv, .txt or .xlsx file', hint: 'a return is a CSV file or an Excel workbook: if this is one, give it the .csv or .xlsx extension' };
  const why = await describeUnreadable(path);
  if (why !== undefined) return { reason: `cannot be read: ${why}`, hint: why === 'permission denied' ? PERMISSION_HINT : 'check the file, or offer a copy of it' };
  if (isHeader !== undefined && /\.txt$/i.test(name) && !(await isTextOfTable(path, isHeader))) {
    return {
      reason: 'a text file holding no table in its first lines (a note or a README, not a return): not read',
      hint: 'a return saved as text is a table whose first line names the columns (crimetrends template); offer the file by name to check it anyway',
    };
  }
  return undefined;
}

/**
 * Returns true when `lock` is the Office lock file of `file`: `~$` and its name, or, as Word writes it for a long
 * name, `~$` in place of its first two letters; in any case.
 *
 * @example isLockedBy('~$ARM_2025.xlsx', 'ARM_2025.xlsx') // true
 */
function isLockedBy(lock: string, file: string): boolean {
  const rest = lock.slice(2).toLowerCase();
  const name = file.toLowerCase();
  return name !== lock.toLowerCase() && (name === rest || (name.length === rest.length + 2 && name.slice(2) === rest));
}

/**
 * Returns true when one of the first lines of a text file (UTF-16 decoded) is a header `isHeader` accepts, or when
 * its first two lines that hold anything split on the same delimiter into the same number of cells, five or more
 * (a table without its header, which validation then names): a `.txt` file may be Excel's "Unicode Text" return, or
 * a note sent with one.
 */
async function isTextOfTable(path: string, isHeader: (cells: string[]) => boolean): Promise<boolean> {
  const lines = (await readHeadLines(path, { isUtf16Guessed: true })).filter((line) => line.trim() !== '');
  const [first, second] = lines;
  return DELIMITERS.some((delimiter) =>
    lines.some((line) => line.includes(delimiter) && isHeader(splitHeader(line, delimiter)))
    || (first !== undefined && second !== undefined && splitHeader(first, delimiter).length >= 5
      && splitHeader(first, delimiter).length === splitHeader(second, delimiter).length));
}

/**
 * Returns the usage error for a path named on the command line that cannot be read (exit 2, as a missing file).
 *
 * @example toUnreadableError('ROU_2025.csv', 'permission denied').message // 'ROU_2025.csv: cannot be read: permission denied'
 */
export function toUnreadableError(given: string, why: string, what = ''): ConfigError {
  return new ConfigError('SOURCE_UNREADABLE', `${printablePath(given)}: ${what === '' ? '' : `${what} `}cannot be read: ${why}`, {
    location: { file: given },
    hint: why === 'permission denied' ? PERMISSION_HINT : 'check the path, or offer a copy of the file',
  });
}

/**
 * Returns the one-line warning for a skipped entry, shown as `file`: what it is, why it is not read, what to do.
 *
 * @example formatSkipped({ path: '/r/GRC.xlsx', reason: 'a spreadsheet workbook: not read', hint: 'save it as CSV UTF-8 …' }, 'r/GRC.xlsx')
 *   // 'r/GRC.xlsx: skipped, a spreadsheet workbook: not read; save it as CSV UTF-8 … [FILE_SKIPPED]'
 */
export function formatSkipped(entry: SkippedEntry, file: string): string {
  return `${file}: skipped, ${entry.reason}; ${entry.hint} [FILE_SKIPPED]`;
}

/**
 * Returns a path fit for a one-line message: line breaks, tabs and other control characters written as escapes.
 *
 * @example printablePath('ROU\n2025.csv') // 'ROU\\n2025.csv'
 */
export function printablePath(path: string): string {
  return path.replace(/[\u0000-\u001f\u007f]/g, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
