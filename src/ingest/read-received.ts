import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { WORKBOOK } from '../io/list-files.js';
import { readCsv } from '../io/read-csv.js';
import { ConfigError } from '../errors.js';
import { quoteIdent, type Store } from '../store/index.js';
import { readArchiveReceipts, type ArchiveReceipt } from './archive-receipts.js';
import { FUTURE_RECEIPT_HINT, futureReceiptTime, impossibleReceiptTime, parseReceiptTime } from './submission.js';

/** The name of the receipt log a folder of returns may hold: `file,received_at` per line. */
export const RECEIVED_MANIFEST = '_received.csv';

/** A folder's receipt times by file name, and which of them a file takes from the zip it was extracted from. */
export interface ReceiptLog {
  /** The receipt time of each name (ISO, UTC), a name extracted from a logged zip included. */
  times: Map<string, string>;
  /** The names the log has no line for that take the time of a logged zip holding the same bytes. */
  viaArchive: Map<string, ArchiveReceipt>;
}

/**
 * Returns when each file in `dir` was received, the returns extracted from a logged zip archive taking its time (see
 * {@link readReceiptLog}).
 */
export async function readReceived(store: Store, dir: string, now: Date): Promise<Map<string, string>> {
  return (await readReceiptLog(store, dir, now)).times;
}

/**
 * Returns when each file in `dir` was received, from the folder's `_received.csv` (the coordinator's log of e-mail
 * receipts: columns `file`, `received_at` as an ISO date or date-time, read as {@link parseReceiptTime} reads
 * `--received-at`: an offset such as `+02:00` is honoured, a time without one is UTC, a date alone is that day), or an empty map when there is
 * none. The times are returned in UTC (`2026-01-20T08:00:00Z`). The delimiter is read from the header, as a return's
 * is (Excel saves `;` where the decimal separator is a comma). A name logged twice (a corrected file saved over the
 * first, its receipt logged on a new line) takes the latest of its times, whatever the order of the lines: the file
 * in the folder is the last one saved under that name. A file the log has no line for that a logged `.zip` of the folder
 * holds with the same bytes takes the zip's time (`viaArchive`; see readArchiveReceipts); so does a file of a folder
 * without a log, extracted from a zip of the folder's name that the log of the folder above dates.
 *
 * @throws ConfigError `MANIFEST_INVALID` naming the line of an unreadable date, or of a time after `now` or a date
 * after today everywhere (see {@link futureReceiptTime}; a mistyped year would put that file in force over every later correction).
 */
export async function readReceiptLog(store: Store, dir: string, now: Date): Promise<ReceiptLog> {
  if (!existsSync(join(dir, RECEIVED_MANIFEST))) return readExtractedFolder(store, dir, now);
  const entries = await readdir(dir);
  const times = await readLogTimes(store, dir, now, entries);
  // a zip logged as the attachment, its returns extracted beside it: they were received with it
  const viaArchive = await readArchiveReceipts(dir, times, entries);
  for (const [name, { receivedAt }] of viaArchive) times.set(name, receivedAt);
  return { times, viaArchive };
}

/**
 * Returns the receipts of a folder without a log that a zip beside it, of the folder's name, holds with the same bytes,
 * when the log of the folder above dates that zip: Windows' "Extract All" and macOS extract `returns_MDA_MKD.zip` into
 * a new folder `returns_MDA_MKD/`, whose returns were recorded as received now.
 */
async function readExtractedFolder(store: Store, dir: string, now: Date): Promise<ReceiptLog> {
  const above = dirname(dir);
  const none: ReceiptLog = { times: new Map(), viaArchive: new Map() };
  if (above === dir || !existsSync(join(above, RECEIVED_MANIFEST))) return none;
  try {
    const aboveEntries = await readdir(above);
    const zip = aboveEntries.find((name) => nameKey(name) === nameKey(`${basename(dir)}.zip`));
    if (zip === undefined) return none;
    const at = (await readLogTimes(store, above, now, aboveEntries)).get(zip);
    if (at === undefined) return none;
    const viaArchive = await readArchiveReceipts(above, new Map([[zip, at]]), aboveEntries, { dir, entries: await readdir(dir) });
    return { times: new Map([...viaArchive].map(([name, { receivedAt }]) => [name, receivedAt])), viaArchive };
  } catch {
    // the folder above is not the one offered: a log there that cannot be read leaves these files as they were, received now
    return none;
  }
}

/** Returns the times `dir`'s log gives each name (see readReceiptLog), `entries` being the folder's names. */
async function readLogTimes(store: Store, dir: string, now: Date, entries: readonly string[]): Promise<Map<string, string>> {
  const path = join(dir, RECEIVED_MANIFEST);
  const read = await readCsv(store, path, { table: 'received_manifest', displayName: path });
  // in any case, Turkish capitals too: a Turkish keyboard's Caps Lock writes FİLE, RECEİVED_AT (İ is I's dotted capital)
  const names = read.header.map((h) => h.trim().replace(/\u0130/g, 'I').toLowerCase());
  const file = names.indexOf('file');
  const received = names.indexOf('received_at');
  if (file < 0 || received < 0) {
    throw new ConfigError('MANIFEST_INVALID', `${path}: expected columns file and received_at, found ${read.header.length === 0 ? 'an empty file' : read.header.join(', ')}`, {
      location: { file: path, line: 1 },
      hint: 'the first line names the columns: file,received_at',
    });
  }
  const rows = await store.all<{ line: number; file: string; received: string | null }>(
    `select ${read.line.expression} as line, trim(r.c${file}) as file, trim(r.c${received}) as received
     from ${quoteIdent(read.table)} as r ${read.line.join} order by line`,
  );
  await store.run(`drop table ${quoteIdent(read.table)}`);
  const out = new Map<string, string>();
  for (const row of rows) {
    // a row of empty cells (`;;;`, as Excel saves the rows below a table it once held) is a blank line
    if (!row.file && !row.received) continue;
    const at = parseReceiptTime(row.received ?? '');
    if (at === null) {
      const impossible = impossibleReceiptTime(row.received ?? '');
      throw new ConfigError('MANIFEST_INVALID', `${path}:${row.line} column received_at: expected an ISO date like 2026-01-20 or a date-time like 2026-01-20T10:00:00+02:00, found ${JSON.stringify(row.received ?? '')}${impossible === undefined ? '' : `: ${impossible}`}`, {
        location: { file: path, line: row.line, column: 'received_at' },
        hint: !row.received
          ? `give the time ${row.file} was received, or remove the line`
          : impossible !== undefined
            ? `correct the day or time ${row.file} was received (the calendar has no ${(row.received ?? '').trim()})`
            : 'write the year first (2026-01-31T10:15): a spreadsheet saves a date as it shows it (31/01/2026 10:15), which is read neither day-first nor month-first, since 01/02 is either; format the column as yyyy-mm-dd hh:mm before saving',
      });
    }
    if (!row.file) {
      throw new ConfigError('MANIFEST_INVALID', `${path}:${row.line} column file: expected the name of a file in the folder, found ""`, {
        location: { file: path, line: row.line, column: 'file' },
        hint: 'name the file received at that time (ROU_2025.csv), or remove the line',
      });
    }
    const future = futureReceiptTime(row.received ?? '', at, now);
    if (future !== undefined) {
      throw new ConfigError('MANIFEST_INVALID', `${path}:${row.line} column received_at: ${future}, found ${JSON.stringify(row.received ?? '')}`, {
        location: { file: path, line: row.line, column: 'received_at' },
        hint: FUTURE_RECEIPT_HINT,
      });
    }
    const logged = out.get(row.file);
    if (logged === undefined || at > logged) out.set(row.file, at);
  }
  return withFolderCase(out, entries);
}

/**
 * Returns how a file name compares with the log's: in one Unicode form (NFC) and lower case. A folder copied from a
 * Mac holds `Türkiye 2025.csv` with `ü` as `u` and a combining diaeresis (NFD, as macOS and many zip tools store
 * names), a log typed elsewhere the single letter: the same name to the eye, other bytes.
 */
const nameKey = (name: string): string => name.normalize('NFC').toLowerCase();

/**
 * Returns the log with each name that no entry of the folder bears exactly but one bears in another case or Unicode
 * form (`TUR-2025-revised.csv` logged, `TUR-2025-revised.CSV` saved: one file to Windows and macOS, where the log is
 * kept; `Türkiye 2025.csv` in NFD, see {@link nameKey}) given under the folder's spelling too; a name the folder bears
 * exactly, or in several spellings, is left as it is.
 */
function withFolderCase(logged: Map<string, string>, entries: readonly string[]): Map<string, string> {
  const present = new Set(entries);
  const out = new Map(logged);
  for (const [name, at] of logged) {
    if (present.has(name)) continue;
    const spelled = entries.filter((e) => nameKey(e) === nameKey(name));
    if (spelled.length === 1 && !logged.has(spelled[0]!)) out.set(spelled[0]!, at);
  }
  return out;
}

/**
 * Returns the workbook the log dates under the name of `file` but for the extension (`ALB_2025.xlsx` for
 * `ALB_2025.csv`), with its time: a state that sent a workbook, which ingest skips with the advice to save it as CSV,
 * has its receipt logged for the workbook, and the CSV saved from it has no line of its own. A workbook read as a
 * return itself (an `.xlsx` among the files `read`, which takes its logged time) is none: the CSV beside it is another
 * return, and no time of the log is its own.
 *
 * @example findLoggedWorkbook(new Map([['ALB_2025.xls', '2026-01-19T11:00:00Z']]), 'ALB_2025.csv', []) // { file: 'ALB_2025.xls', receivedAt: '2026-01-19T11:00:00Z' }
 */
export function findLoggedWorkbook(times: ReadonlyMap<string, string>, file: string, read: readonly string[]): { file: string; receivedAt: string } | undefined {
  const stem = (name: string): string => nameKey(name).replace(/\.[^.]*$/, '');
  const isRead = new Set(read.map(nameKey));
  const found = [...times].filter(([name]) => WORKBOOK.test(name) && !isRead.has(nameKey(name)) && stem(name) === stem(file)).sort(([, a], [, b]) => (a < b ? 1 : a > b ? -1 : 0))[0];
  return found === undefined ? undefined : { file: found[0], receivedAt: found[1] };
}

/** A line of a folder's receipt log naming no file of the folder (see {@link readUnmatchedLog}). */
export interface UnmatchedLogLine {
  /** The name as logged. */
  file: string;
  received_at: string;
}

/**
 * Returns the names `dir`'s `_received.csv` logs that no file of the folder bears, in any case or Unicode form, sorted: a return
 * logged as received whose file was never saved to the folder (saved elsewhere, or under another name), which would
 * otherwise leave its state "missing" without a word. Empty when the folder has no log.
 */
export async function readUnmatchedLog(store: Store, dir: string, now: Date): Promise<UnmatchedLogLine[]> {
  const logged = await readReceived(store, dir, now);
  if (logged.size === 0) return [];
  const entries = new Set((await readdir(dir)).map(nameKey));
  return [...logged].filter(([name]) => !entries.has(nameKey(name))).map(([file, at]) => ({ file, received_at: at }))
    .sort((a, b) => a.file.localeCompare(b.file, 'en'));
}

/** Returns the warning for a logged name no file of the folder bears, `logPath` as the user sees it. */
export function describeUnmatchedLog(logPath: string, line: UnmatchedLogLine): string {
  return `${logPath}: ${line.file} is logged as received ${line.received_at}, but no file of the folder bears that name: its state stays missing until it is ingested; save the file there under that name (or correct the line) and ingest the folder again [MANIFEST_UNMATCHED]`;
}
