import { statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Returns why a file or folder could not be written, in a user's words, from the file-system error (its `code`, and
 * its `path` for the place on the way that refused): `/srv/x is a file, not a folder`, `the folder /proc takes no new
 * file`, `permission denied in /srv`, `the disk is full`, … (the system's code for the rare others).
 *
 * @example describeWriteError(Object.assign(new Error('…'), { code: 'ENOSPC' })) // 'the disk is full'
 */
export function describeWriteError(error: unknown): string {
  const { code = '', path } = (error ?? {}) as NodeJS.ErrnoException;
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
      return 'the file system is read-only';
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
      return code === '' ? 'the system refused it' : `the system refused it (${code})`;
  }
}

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
