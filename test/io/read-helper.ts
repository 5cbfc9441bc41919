import type { CsvRead } from '../../src/io/csv-read.js';
import { readCsv } from '../../src/io/read-csv.js';
import { quoteIdent, type Store } from '../../src/store/index.js';

/** Reads a file with readCsv and returns the read plus its rows as [line, cells…] in line order. */
export async function readRows(store: Store, path: string, table = 'spec'): Promise<{ read: CsvRead; rows: Array<{ line: number; cells: Array<string | null> }> }> {
  const read = await readCsv(store, path, { table, displayName: path });
  if (read.rowCount === 0) return { read, rows: [] };
  const cells = read.header.map((_, i) => `r.c${i}`).join(', ');
  const rows = await store.all<{ line: number; cells: Array<string | null> }>(
    `select ${read.line.expression} as line, [${cells}] as cells from ${quoteIdent(read.table)} as r ${read.line.join} order by line`,
  );
  return { read, rows };
}
