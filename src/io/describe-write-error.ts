import { statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Returns why a file or folder could not be written, in a user's words, from the file-system error (its `code`, and
 * its `path` for the place on the way that refused; `at`, the place being written, when it has none) or DuckDB's
 * `IO Error: … No such file or directory`, which carries neither: `/srv/x is a file, not a folder`, `the folder /proc
 * takes no new file`, `permission denied in /srv`, `the disk is full`, … (`otherwise` for the rare others, else the
 * system's code).
 *
 * @example describeWriteError(Object.assign(new Error('…'), { code: 'ENOSPC' })) // 'the disk is full'
 */
export function describeWriteError(error: unknown, { at, otherwise }: { at?: string; otherwise?: string } = {}): string {
  const { code: errno, path = at } = (error ?? {}) as NodeJS.ErrnoException;
  const message = error instanceof Error ? error.message : String(error);
  const code = errno ?? TEXT_CODES.find(([, words]) => words.test(message))?.[0] ?? '';
  switch (code) {
    case 'ENOTDIR':
    case 'EEXIST': {
      const file = path === undefined ? undefined : nearestFile(path);
      return file === undefined ? 'a file is where a folder is needed' : `${file} is a file, not a folder`;
    }
    case 'EACCES':
    case 'EPERM':
      return path === undefined ? 'permission denied' : `permission denied in ${nearestExisting(dirname(path))}`;
    case 'EROFS':
      return path === undefined ? 'the file system is read-only' : `${nearestExisting(path)} is on a read-only file system`;
    case 'ENOSPC':
      return 'the disk is full';
    case 'EDQUOT':
      return 'the disk quota is used up';
    case 'EFBIG':
      return 'a file is larger than this process may write (the file size limit, ulimit -f)';
    case 'ENOENT':
      // a folder that exists and still answers "no such file" to a new entry: /proc, /sys
      return path === undefined ? 'a folder on the way does not exist' : `the folder ${nearestExisting(path)} takes no new file`;
    default:
      return otherwise ?? (code === '' ? 'the system refused it' : `the system refused it (${code})`);
  }
}

/** The system's code for each of DuckDB's texts of a file-system error (its IO Error gives no code). */
const TEXT_CODES: ReadonlyArray<readonly [code: string, words: RegExp]> = [
  ['ENOTDIR', /Not a directory/i],
  ['EACCES', /Permission denied|Operation not permitted/i],
  ['EROFS', /Read-only file system/i],
  ['ENOSPC', /No space left/i],
  ['EDQUOT', /Disk quota exceeded/i],
  ['EFBIG', /File too large/i],
  ['ENOENT', /No such file or directory/i],
];

/** Returns `path` or the nearest of its parents that exists and is not a folder, if any. */
function nearestFile(path: string): string | undefined {
  for (let current = path; ; current = dirname(current)) {
    const stats = statOrUndefined(current);
    if (stats !== undefined && !stats.isDirectory()) return current;
    if (dirname(current) === current) return undefined;
  }
}

/** Returns the deepest of `path` and its parents that exists (the root always does). */
function nearestExisting(path: string): string {
  for (let current = path; ; current = dirname(current)) {
    if (statOrUndefined(current) !== undefined || dirname(current) === current) return current;
  }
}

function statOrUndefined(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
