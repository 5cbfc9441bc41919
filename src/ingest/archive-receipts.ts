import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import unzipper, { type File } from 'unzipper';
import { hashFile } from '../io/hash-file.js';

/** A return that takes the logged time of the zip archive it was extracted from. */
export interface ArchiveReceipt {
  /** The receipt time logged for the archive (ISO, UTC). */
  receivedAt: string;
  /** The archive's name in the folder (`returns_MDA_MKD.zip`). */
  archive: string;
}

/**
 * Returns, for each file of the folder `dir` that the receipt log `logged` has no line for but a logged `.zip` of the
 * folder holds with the same bytes (under the same name, in any subfolder of the archive), the archive's logged time:
 * a state that sent two returns zipped in one e-mail has its receipt logged once, for the attachment, and the returns
 * extracted beside it were recorded as received now, months late. A file held by several logged archives takes the
 * latest of their times, as a name logged twice does. `entries` are the folder's names; `extracted`, the folder the
 * returns were extracted to and its names, when not `dir` itself (a folder named after the zip).
 */
export async function readArchiveReceipts(
  dir: string,
  logged: ReadonlyMap<string, string>,
  entries: readonly string[],
  extracted: { dir: string; entries: readonly string[] } = { dir, entries },
): Promise<Map<string, ArchiveReceipt>> {
  const present = new Set(entries);
  const files = new Set(extracted.entries);
  const out = new Map<string, ArchiveReceipt>();
  for (const [archive, receivedAt] of [...logged].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!/\.zip$/i.test(archive) || !present.has(archive)) continue;
    for (const file of await listZipFiles(join(dir, archive))) {
      const name = posix.basename(file.path.replace(/\\/g, '/'));
      if (!files.has(name) || (extracted.dir === dir && logged.has(name))) continue;
      const known = out.get(name);
      if (known !== undefined && known.receivedAt >= receivedAt) continue;
      if (await holdsSameBytes(file, join(extracted.dir, name))) out.set(name, { receivedAt, archive });
    }
  }
  return out;
}

/** Returns the files of a zip archive, or none when it cannot be opened (damaged, or not a zip under that name). */
async function listZipFiles(path: string): Promise<File[]> {
  try {
    // macOS's resource forks (`__MACOSX/._MDA_2025.csv`) are never a return
    return (await unzipper.Open.file(path)).files.filter((file) => file.type === 'File' && !file.path.startsWith('__MACOSX/'));
  } catch {
    return [];
  }
}

/** Returns true when the archive's entry holds exactly the bytes of the file at `path` (size first, then SHA-256). */
async function holdsSameBytes(entry: File, path: string): Promise<boolean> {
  try {
    const info = await stat(path);
    if (!info.isFile() || (entry.uncompressedSize !== undefined && entry.uncompressedSize !== info.size)) return false;
    const hash = createHash('sha256');
    for await (const chunk of entry.stream()) hash.update(chunk as Buffer);
    return hash.digest('hex') === (await hashFile(path)).sha256;
  } catch {
    return false;
  }
}
