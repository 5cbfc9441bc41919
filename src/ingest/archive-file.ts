import { copyFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { PipelineError } from '../errors.js';
import { describeWriteError } from '../io/describe-write-error.js';
import { hashFile } from '../io/hash-file.js';
import { isProcessRunning } from '../io/is-process-running.js';
import { makeFolders } from '../io/make-folders.js';

/** A partial copy: `<sha256>.<pid>.tmp`, renamed to `<sha256>` once whole. */
const TEMPORARY = /^[0-9a-f]{64}\.(\d+)\.tmp$/;
/** The archive folders this process has already swept (once per process is enough: it leaves no tmp file behind). */
const swept = new Set<string>();

/**
 * Returns the archive path of the file's bytes, copying them to `<archiveDir>/<sha256>` first unless already there.
 * The copy goes through a temporary name and a rename, so a crash never leaves a partial archive file under the
 * final name; the partial copies a killed process left (`<sha256>.<pid>.tmp`) are removed on the next run (see
 * {@link sweepStaleCopies}). The archive name is the content hash only: the offered file name never becomes a path.
 * The archive folder is made as `mkdir -p` makes it (see makeFolders: Node's own never returned under /proc).
 *
 * @throws PipelineError `ARCHIVE_UNWRITABLE` (exit 1) when the folder cannot be made or the copy written there: a
 *   file on the way, a folder that takes no new file (/proc), no permission, a full disk. Nothing of the file is
 *   recorded then: it is archived before its transaction.
 */
export async function archiveFile(archiveDir: string, path: string, sha256: string, warn?: (message: string) => void): Promise<string> {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
  if (!swept.has(archiveDir)) {
    await sweepStaleCopies(archiveDir);
    swept.add(archiveDir);
  }
  const target = join(archiveDir, sha256);
  try {
    await stat(target);
    // a copy already there is the file's only when its bytes still hash to its name: a damaged one (a disk fault, an
    // edit, a copy cut short) was kept as the archive of this file without a word
    if ((await hashFile(target)).sha256 === sha256) return target;
    warn?.(`archive ${target} held other bytes than its name's sha256 (a damaged copy): replaced by the offered file's bytes; check the disk, and the other files of the archive`);
  } catch {
    // not archived yet
  }
  try {
    makeFolders(archiveDir);
  } catch (error) {
    throw toArchiveError(`cannot create archive ${archiveDir}`, error);
  }
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    await copyFile(path, temporary);
    await rename(temporary, target);
  } catch (error) {
    throw toArchiveError(`cannot write to archive ${archiveDir}`, error);
  } finally {
    await rm(temporary, { force: true });
  }
  return target;
}

/**
 * Returns the names of the partial copies removed from `archiveDir`: the `<sha256>.<pid>.tmp` files of processes no
 * longer running (a kill -9 or a power cut during ingest or import). A copy whose process is alive (another ingest
 * writing to the same archive, or this one) is left alone, and so is every other name.
 */
export async function sweepStaleCopies(archiveDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(archiveDir);
  } catch {
    return []; // no archive yet
  }
  const removed: string[] = [];
  for (const name of names.sort()) {
    const pid = Number(TEMPORARY.exec(name)?.[1] ?? NaN);
    if (!Number.isSafeInteger(pid) || pid === process.pid || isProcessRunning(pid)) continue;
    await rm(join(archiveDir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

/** Returns a file-system failure to archive as `ARCHIVE_UNWRITABLE`, saying why; any other error as it is. */
function toArchiveError(what: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return error;
  return new PipelineError('ARCHIVE_UNWRITABLE', `${what}: ${describeWriteError(error)}`, {
    cause: error,
    hint: 'every file ingest, import and run read is copied to the archive: the config key archive (by default archive/ beside the warehouse file) must name a folder the user may write, on a disk with room',
  });
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
