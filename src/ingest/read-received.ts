import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv } from '../io/read-csv.js';
import { ConfigError } from '../errors.js';
import { quoteIdent, type Store } from '../store/index.js';
import { parseReceiptTime } from './submission.js';

/** The name of the receipt log a folder of returns may hold: `file,received_at` per line. */
export const RECEIVED_MANIFEST = '_received.csv';

/**
 * Returns when each file in `dir` was received, from the folder's `_received.csv` (the coordinator's log of e-mail
 * receipts: columns `file`, `received_at` as an ISO date or date-time, read as {@link parseReceiptTime} reads
 * `--received-at`: an offset such as `+02:00` is honoured, a time without one is UTC), or an empty map when there is
 * none. The times are returned in UTC (`2026-01-20T08:00:00Z`).
 *
 * @throws ConfigError `MANIFEST_INVALID` naming the line of an unreadable date.
 */
export async function readReceived(store: Store, dir: string): Promise<Map<string, string>> {
  const path = join(dir, RECEIVED_MANIFEST);
  if (!existsSync(path)) return new Map();
  const read = await readCsv(store, path, { table: 'received_manifest', displayName: path, delimiter: ',' });
  const names = read.header.map((h) => h.trim().toLowerCase());
  const file = names.indexOf('file');
  const received = names.indexOf('received_at');
  if (file < 0 || received < 0) {
    throw new ConfigError('MANIFEST_INVALID', `${path}: expected columns file and received_at, found ${read.header.join(', ')}`, { location: { file: path, line: 1 } });
  }
  const rows = await store.all<{ line: number; file: string; received: string | null }>(
    `select ${read.line.expression} as line, trim(r.c${file}) as file, trim(r.c${received}) as received
     from ${quoteIdent(read.table)} as r ${read.line.join} order by line`,
  );
  await store.run(`drop table ${quoteIdent(read.table)}`);
  const out = new Map<string, string>();
  for (const row of rows) {
    const at = parseReceiptTime(row.received ?? '');
    if (at === null) {
      throw new ConfigError('MANIFEST_INVALID', `${path}:${row.line} column received_at: expected an ISO date like 2026-01-20 or a date-time like 2026-01-20T10:00:00+02:00, found ${JSON.stringify(row.received ?? '')}`, {
        location: { file: path, line: row.line, column: 'received_at' },
      });
    }
    out.set(row.file, at);
  }
  return out;
}
