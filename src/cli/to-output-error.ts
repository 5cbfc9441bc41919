import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError } from '../errors.js';

/** What an --out names: a file (query, export csv/sdmx-csv, schema) or a folder (export parquet). */
export type OutputKind = 'file' | 'folder';

/** Reasons an operating system gives, by errno code and by the words DuckDB quotes from it. */
const REASONS: Array<[code: string, words: RegExp, reason: string]> = [
  ['EACCES', /permission denied/i, 'permission denied'],
  ['EPERM', /operation not permitted/i, 'permission denied'],
  ['ENOSPC', /no space left/i, 'the disk is full'],
  ['EROFS', /read-only file system/i, 'the file system is read-only'],
  ['EDQUOT', /quota exceeded/i, 'the disk quota is used up'],
  ['EFBIG', /file too large/i, 'the file is larger than this process may write (the file size limit, ulimit -f)'],
  ['EISDIR', /is a directory/i, 'is a folder'],
  ['ENOENT', /no such file or directory/i, 'the folder does not exist'],
  ['ENOTDIR', /not a directory/i, 'the folder does not exist'],
];

/**
 * Returns a failure to write `path` (the user's --out, absolute) as a usage error that names that path and never a
 * temporary name: `OUT_UNWRITABLE`, exit 2. An error that is not about writing — neither a file-system error
 * (`EACCES`, `ENOTDIR`, …) nor a DuckDB `IO Error` — is returned as it is.
 *
 * @example toOutputError('/proc/x.csv', Object.assign(new Error('…'), { code: 'ENOENT' }))
 *   // ConfigError OUT_UNWRITABLE '--out /proc/x.csv: cannot write the file: the folder /proc does not accept new files'
 */
export function toOutputError(path: string, error: unknown, kind: OutputKind = 'file'): unknown {
  if (error instanceof ConfigError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const isSystem = typeof code === 'string' && /^E[A-Z]+$/.test(code);
  if (!isSystem && !/^IO Error: /.test(message)) return error;
  const found = REASONS.find(([errno, words]) => (isSystem ? errno === code : words.test(message)));
  const why = found === undefined ? (isSystem ? code : 'the operating system refused it') : explain(path, found[2]);
  const isFull = found !== undefined && ['ENOSPC', 'EDQUOT', 'EFBIG'].includes(found[0]);
  return new ConfigError('OUT_UNWRITABLE', `--out ${path}: cannot write the ${kind}: ${why}`, {
    cause: error,
    hint: isFull ? 'nothing was written there: make room (or raise the limit), or give --out a place on a disk with room' : 'check the path and that the folder is writable',
  });
}

/** A folder that exists but where nothing can be created (/proc, /sys) is not "missing": say so. */
function explain(path: string, reason: string): string {
  if (reason !== 'the folder does not exist') return reason;
  const folder = dirname(path);
  return isFolder(folder) ? `the folder ${folder} does not accept new files` : reason;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
