import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describeWriteError } from '../io/describe-write-error.js';
import { LockError, PipelineError } from '../errors.js';

const DAMAGED_HINT =
  'the file is damaged (a disk fault, or a copy cut short or altered): restore it from a backup, or rebuild it by ingesting and importing the archived files into a new warehouse';

/**
 * Returns the PipelineError for a warehouse DuckDB could not open, in the user's terms: held by another process
 * ({@link LockError} `WAREHOUSE_LOCKED`, naming the holder), missing (`WAREHOUSE_MISSING`, for a read-only open), or
 * `WAREHOUSE_UNREADABLE` saying which of a folder, a damaged file (truncated, or a block that fails its checksum),
 * permission denied, a read-only file system, or a file that is not a DuckDB database. DuckDB's own text is never in the message: it stays the `cause`, shown by `--debug`.
 *
 * @example toOpenError('w.duckdb', new Error('IO Error: Could not read from file "w.duckdb": Is a directory'), true).message
 *   // 'warehouse w.duckdb is a folder, not a DuckDB database file'
 */
export function toOpenError(path: string, error: unknown, isReadOnly: boolean): PipelineError {
  if (error instanceof PipelineError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const lock = toLockError(path, error, message, isReadOnly);
  if (lock !== undefined) return lock;
  const unreadable = (text: string, hint: string) => new PipelineError('WAREHOUSE_UNREADABLE', text, { cause: error, location: { file: path }, hint });
  if (isMissing(path) && /does not exist|No such file/i.test(message)) {
    // opened read-only by path alone (openStore; openWarehouse checks first): there is no such file
    return new PipelineError('WAREHOUSE_MISSING', `warehouse ${path} does not exist`, {
      cause: error, location: { file: path }, hint: 'run "crimetrends ingest" or "crimetrends run" first, or pass --warehouse PATH',
    });
  }
  if (isFolder(path) || /Is a directory/i.test(message)) {
    return unreadable(`warehouse ${path} is a folder, not a DuckDB database file`, 'pass --warehouse the warehouse file itself (such as data/warehouse.duckdb), or a new file name to start a new warehouse');
  }
  const damaged = toDamagedError(path, error);
  if (damaged !== undefined) return damaged;
  if (/Permission denied|Operation not permitted/i.test(message)) {
    return unreadable(
      `cannot open warehouse ${path} to ${isReadOnly ? 'read' : 'write'}: permission denied`,
      isReadOnly
        ? 'you may not read this file: check its owner and permissions (ls -l), or ask its owner for access'
        : 'you may not write to this file or its folder (DuckDB also writes a .wal file beside it): check the owner and permissions (ls -l), or pass --warehouse a file you own',
    );
  }
  if (/Read-only file system/i.test(message)) {
    // a read-only mount (a share, a snapshot, a backup disk): the file is fine, it cannot be written where it is
    return unreadable(
      `cannot open warehouse ${path} to ${isReadOnly ? 'read' : 'write'}: it is on a read-only file system`,
      isReadOnly
        ? 'DuckDB could not open it where it is: copy the file to a writable folder and pass --warehouse the copy'
        : 'ingest, import, build and run write to the warehouse (and a .wal file beside it): copy it to a writable folder and pass --warehouse the copy, or remount the folder writable; status, query and report only read it',
    );
  }
  if (/not a valid DuckDB database file/i.test(message)) {
    return unreadable(`warehouse ${path} is not a DuckDB database`, 'check the path: --warehouse names the .duckdb file crimetrends writes (data/warehouse.duckdb by default); a file of another kind cannot be used as the warehouse');
  }
  return unreadable(`cannot open warehouse ${path}: DuckDB could not read it (run with --debug to see its message)`, 'check the path; if the file is damaged, restore it from a backup');
}

/**
 * Returns the PipelineError `WAREHOUSE_UNREADABLE` for a new warehouse that cannot be created at `path`, naming that
 * path (never the temporary name it is built under) and why: a file where a folder is needed on the way, a folder
 * that takes no new file (/proc), permission denied, a read-only file system or a full disk.
 *
 * @example toCreateError('/proc/w.duckdb', new Error('IO Error: Cannot open file "/proc/.w.duckdb.creating-1": No such file or directory')).message
 *   // 'cannot create warehouse /proc/w.duckdb: the folder /proc takes no new file'
 */
export function toCreateError(path: string, error: unknown): PipelineError {
  const why = describeWriteError(error, { at: join(dirname(path), '.new'), otherwise: 'DuckDB could not write a new file there (run with --debug to see its message)' });
  return new PipelineError('WAREHOUSE_UNREADABLE', `cannot create warehouse ${path}: ${why}`, {
    cause: error,
    location: { file: path },
    hint: /disk|quota|size limit/.test(why)
      ? 'nothing was left there: make room (or raise the file size limit), or pass --warehouse a place on a disk with room'
      : 'check the path: ingest, import and run create a new warehouse (and the folders on its way) only where the user may write files; pass --warehouse such a place',
  });
}

/**
 * Returns the `WAREHOUSE_UNREADABLE` error for a damaged warehouse, found on opening or later, when a command reads a
 * block (a copy cut short keeps the catalogue at its start: it opened, and the first read of a table past its end was
 * an internal error, exit 3): truncated, or a block failing its checksum. Undefined for any other error.
 */
function toDamagedError(path: string, error: unknown): PipelineError | undefined {
  const message = error instanceof Error ? error.message : String(error);
  const damaged = (what: string) => new PipelineError('WAREHOUSE_UNREADABLE', `warehouse ${path} is damaged: ${what}`, { cause: error, location: { file: path }, hint: DAMAGED_HINT });
  const short = /Could not read enough bytes from file .*attempted to read (\d+) bytes from location (\d+)/i.exec(message);
  if (short) {
    const size = fileSize(path);
    const ends = size === undefined ? '' : `it ends at byte ${size}, `;
    return damaged(`the file is truncated (${ends}DuckDB needs bytes up to ${Number(short[2]) + Number(short[1])})`);
  }
  if (/Corrupt database file|checksum/i.test(message)) {
    const block = /in block at location (\d+)/i.exec(message);
    return damaged(/checksum/i.test(message) ? `a block${block ? ` at byte ${block[1]}` : ''} does not match its checksum` : 'DuckDB found its contents corrupt');
  }
  return undefined;
}

/** DuckDB's words for a write the file system refused (its IO Error gives no errno). */
const WRITE_REFUSED = /No space left|Disk quota|File too large|Permission denied|Operation not permitted|Read-only file system/i;

/**
 * Returns a failure of the open warehouse at `path`: damage found reading a block as toDamagedError says it; a write
 * the file system refused (a full disk, a folder that takes no new .wal file, the file size limit) as `WAREHOUSE_UNWRITABLE`, naming the path and why; DuckDB rolled the change in progress back, so the
 * warehouse holds what it held before it. Any other error is returned as it is.
 *
 * @example toWriteError('w.duckdb', new Error('TransactionContext Error: Failed to commit: Could not write file "w.duckdb.wal": No space left on device')).message
 *   // 'cannot write to warehouse w.duckdb: the disk is full; the change in progress was rolled back, the warehouse holds what it held before it'
 */
export function toWriteError(path: string, error: unknown): unknown {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof PipelineError || !isWarehouseFileError(path, message)) return error;
  const damaged = toDamagedError(path, error);
  if (damaged !== undefined) return damaged;
  if (!WRITE_REFUSED.test(message)) return error;
  const why = describeWriteError(error, { at: path });
  return new PipelineError('WAREHOUSE_UNWRITABLE', `cannot write to warehouse ${path}: ${why}; the change in progress was rolled back, the warehouse holds what it held before it`, {
    cause: error,
    location: { file: path },
    hint: /size limit/.test(why)
      ? 'raise the file size limit (ulimit -f unlimited) or ask the administrator to, then run the same command again'
      : /disk|quota/.test(why)
        ? 'make room on the disk (or pass --warehouse a copy on a disk with room), then run the same command again'
        : 'DuckDB writes a .wal file beside the warehouse: the user must be able to write in its folder (check with ls -ld), or pass --warehouse a copy in a folder of their own',
  });
}

/**
 * Returns the `WAREHOUSE_UNREADABLE` error for damage DuckDB found reading the warehouse at `path` attached to another
 * database (validate --compare's scratch database, whose store names no warehouse): truncated, or a block failing its
 * checksum, as toDamagedError says it. Undefined for any other error.
 */
export function toReadError(path: string, error: unknown): PipelineError | undefined {
  const message = error instanceof Error ? error.message : String(error);
  return error instanceof PipelineError || !isWarehouseFileError(path, message) ? undefined : toDamagedError(path, error);
}

/**
 * True for DuckDB's error about the warehouse file: a block failing its checksum is the warehouse's; a file DuckDB
 * names must be the warehouse, its .wal or its spill folder (a return read through the store that may not be read is
 * not the warehouse's failure).
 */
function isWarehouseFileError(path: string, message: string): boolean {
  // the appender's own words come before DuckDB's text without its kind: "Failed to append: Could not read enough bytes …"
  if (!/^((IO|TransactionContext|FATAL) Error|Failed to append): /.test(message)) return false;
  return message.includes(`"${path}`) || (/checksum/i.test(message) && !/"[^"]+"/.test(message));
}

/** Returns the LockError for a file another process holds, or undefined. */
function toLockError(path: string, error: unknown, message: string, isReadOnly: boolean): LockError | undefined {
  const location = { file: path };
  // DuckDB's lock failure reads "Could not set lock on file …: Conflicting lock is held in <program> (PID n)"; match
  // those words only (a bare /lock/ also matches "block" in a corruption message)
  const lock = /Conflicting lock is held in (.+?) \(PID (\d+)\)/.exec(message);
  if (lock && isReadOnly) {
    // a reader only conflicts with a writer: readers share the file
    return new LockError(
      'WAREHOUSE_LOCKED',
      `warehouse ${path} is being written by process ${lock[2]} (${lock[1]}); wait for it to finish, then run again`,
      { cause: error, location, hint: 'an ingest, import, build or run is writing to it, and DuckDB cannot read a file another process holds for writing: wait or retry' },
    );
  }
  if (lock) {
    return new LockError(
      'WAREHOUSE_LOCKED',
      `warehouse ${path} is in use by process ${lock[2]} (${lock[1]}); wait for it to finish or stop it, then run again`,
      { cause: error, location, hint: 'only one command can write to the warehouse at a time, and none while another command reads it' },
    );
  }
  if (/Could not set lock on file|Conflicting lock/i.test(message)) {
    return new LockError('WAREHOUSE_LOCKED', `warehouse ${path} is locked by another process; wait for it to finish, then run again`, { cause: error, location });
  }
  return undefined;
}

function isMissing(path: string): boolean {
  try {
    statSync(path);
    return false;
  } catch (error) {
    return ['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '');
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function fileSize(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
}
