import { open } from 'node:fs/promises';

/**
 * Returns why the regular file at `path` cannot be opened for reading (`permission denied`, …), or undefined when it
 * can. Only opening it tells: `access()` answers for the real user, and root reads a file whatever its mode. Never
 * call it on a named pipe, whose opening waits for a writer.
 *
 * @example await describeUnreadable('returns/ROU_2025.csv') // undefined, or 'permission denied' for mode 000
 */
export async function describeUnreadable(path: string): Promise<string | undefined> {
  try {
    const handle = await open(path, 'r');
    await handle.close();
    return undefined;
  } catch (error) {
    return describeFileError(error);
  }
}

/**
 * Returns a file-system error in a user's words: `permission denied`, `no such file`, … (the system's code for the
 * rare others, such as `EIO`).
 *
 * @example describeFileError(Object.assign(new Error('…'), { code: 'EACCES' })) // 'permission denied'
 */
export function describeFileError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'no such file';
  if (code === 'EISDIR') return 'a folder, not a file';
  if (code === 'ELOOP') return 'a link that leads back to itself';
  if (code === 'EIO') return 'an input/output error (a disk or network fault)';
  return code === '' ? 'the system refused it' : `the system refused it (${code})`;
}

/** What to do about a file or folder the user may not read. */
export const PERMISSION_HINT = 'you may not read it: check its owner and permissions (ls -l), or ask for a copy you can read';
