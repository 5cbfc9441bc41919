import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { PipelineError } from '../errors.js';

/** What a file that is not DuckDB's turns out to be, by its first bytes. */
const KINDS: ReadonlyArray<[magic: string, kind: string]> = [
  ['SQLite format 3\u0000', 'a SQLite database'],
  ['PAR1', 'a Parquet file'],
];

/**
 * Returns once the existing file at `path` (not a folder) starts as a DuckDB database does: its magic bytes `DUCK` at
 * offset 8. Checked before DuckDB opens it: DuckDB took a SQLite file for a database to attach and went to download its
 * SQLite extension (and, with a network, would have opened the file for writing), and opened a Parquet file as a
 * database of one view.
 *
 * @throws PipelineError `WAREHOUSE_UNREADABLE`: `warehouse X is not a DuckDB database` (`: it is a SQLite database`)
 */
export function checkDuckDbFile(path: string): void {
  let head: Buffer;
  try {
    if (!statSync(path).isFile()) return;
    const fd = openSync(path, 'r');
    try {
      head = Buffer.alloc(16);
      head = head.subarray(0, readSync(fd, head, 0, 16, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return; // missing, or not readable: DuckDB's own open says which (toOpenError)
  }
  if (head.length >= 12 && head.toString('latin1', 8, 12) === 'DUCK') return;
  if (head.length === 0) {
    // `touch`ed, or a copy that failed before its first byte: at the right path, so "check the path" misled
    throw new PipelineError('WAREHOUSE_UNREADABLE', `warehouse ${path} is empty (0 bytes), not a DuckDB database`, {
      location: { file: path },
      hint: 'restore the warehouse from a backup, or delete the empty file and run "crimetrends ingest" or "crimetrends run" to start a new one',
    });
  }
  const kind = KINDS.find(([magic]) => head.toString('latin1', 0, magic.length) === magic)?.[1];
  throw new PipelineError('WAREHOUSE_UNREADABLE', `warehouse ${path} is not a DuckDB database${kind === undefined ? '' : `: it is ${kind}`}`, {
    location: { file: path },
    hint: 'check the path: --warehouse names the .duckdb file crimetrends writes (data/warehouse.duckdb by default); a file of another kind cannot be used as the warehouse',
  });
}
