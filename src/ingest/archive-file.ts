import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';

/**
 * Returns the archive path of the file's bytes, copying them to `<archiveDir>/<sha256>` first unless already there.
 * The copy goes through a temporary name and a rename, so a crash never leaves a partial archive file under the
 * final name. The archive name is the content hash only: the offered file name never becomes a path.
 */
export async function archiveFile(archiveDir: string, path: string, sha256: string): Promise<string> {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
  const target = join(archiveDir, sha256);
  try {
    await stat(target);
    return target;
  } catch {
    // not archived yet
  }
  await mkdir(archiveDir, { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    await copyFile(path, temporary);
    await rename(temporary, target);
  } finally {
    await rm(temporary, { force: true });
  }
  return target;
}

/**
 * Returns a file's base name made safe to store and print: no directories, no control characters, at most 200
 * characters.
 *
 * @example displayFileName('../../x.csv') // 'x.csv'
 */
export function displayFileName(path: string): string {
  const name = basename(path.replaceAll('\\', '/')).replace(/[\u0000-\u001f\u007f]/g, '_');
  return (name === '' || name === '.' || name === '..' ? 'unnamed' : name).slice(0, 200);
}
