import { chmodSync, closeSync, mkdirSync, openSync, readdirSync, readSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { ConfigError } from '../errors.js';
import { describeWriteError } from '../io/describe-write-error.js';
import { isProcessRunning } from '../io/is-process-running.js';
import { makeFolders } from '../io/make-folders.js';
import type { ReviewFile } from './read-assets.js';

/** Folders (and files) inside a report folder that this module owns and replaces on every write. */
const OWNED = ['index.html', 'states', 'data', 'specs', 'assets', 'review.pdf'];

/** Where a review is written before it is swapped into place, and whether that is beside the folder or inside it. */
interface Staging {
  dir: string;
  isBeside: boolean;
}

/**
 * Returns the absolute paths written: the review's files under `outDir`, replacing what an earlier run of the same
 * review left there (stale state pages or CSVs would otherwise linger). The only module that writes to reports/.
 * Every path must stay inside `outDir`.
 *
 * The review appears whole or not at all. It is written into a hidden folder beside `outDir` (`.2025.writing-<pid>`,
 * same parent, so same file system), then swapped in by rename: the folder there renamed aside, the new one renamed
 * in, the old one removed. A folder holding entries of its own (a user's notes beside the review, in `--out`) keeps
 * them: there the review's entries (index.html, states/, …) are swapped one by one instead. A write that fails
 * (a full disk, a file size limit) or a swap that fails puts back what was there and removes the hidden folder; one
 * a killed process left is removed by the next write, never published.
 *
 * @throws ConfigError `OUT_UNWRITABLE` (exit 2) naming the folder and why, the folder as it was
 */
export function writeReview(outDir: string, files: readonly ReviewFile[]): string[] {
  const root = resolve(outDir);
  checkReviewFolder(root);
  const written = files.map((file) => {
    const target = resolve(root, file.path);
    if (!target.startsWith(root + sep)) throw new Error(`refusing to write outside the report folder: ${file.path}`);
    return target;
  });
  // a link to a folder is written through: the folder it names is swapped, the link stays
  const place = realFolderOf(root);
  const existed = place !== undefined;
  const folder = place ?? root;
  sweepLeftovers(folder);
  let staging: Staging | undefined;
  try {
    if (!existed) makeFolders(dirname(folder));
    staging = createStaging(folder, existed);
    for (const file of files) {
      const target = join(staging.dir, file.path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, file.content);
    }
    swapIntoPlace(folder, staging);
  } catch (error) {
    if (staging !== undefined) removeQuietly(staging.dir);
    throw toWriteError(root, existed, error);
  }
  return written;
}

/** Returns the folder `root` names (a link followed), or undefined when nothing is there yet. */
function realFolderOf(root: string): string | undefined {
  try {
    return realpathSync(root);
  } catch {
    return undefined;
  }
}

/** The name of this process's hidden folder for `folder`: `.<name>.writing-<pid>` (staging), `.<name>.replaced-<pid>` (the old review). */
function hiddenName(folder: string, kind: 'writing' | 'replaced'): string {
  return `.${basename(folder)}.${kind}-${process.pid}`;
}

/** Removes a hidden folder once the review is in place; one that will not go is swept by the next write. */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { recursive: true, force: true });
  } catch {
    // the review is in place: what is left is a hidden folder of a process that will have ended
  }
}

/**
 * Removes the hidden folders a killed write left beside `folder` and inside it: those of processes no longer running
 * (a running one may be writing the same review), so that a half-written review is never published or kept.
 */
function sweepLeftovers(folder: string): void {
  const pattern = new RegExp(`^\\.${basename(folder).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(?:writing|replaced)-(\\d+)$`);
  for (const dir of [dirname(folder), folder]) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue; // not there yet
    }
    for (const name of names) {
      const pid = Number(pattern.exec(name)?.[1] ?? NaN);
      if (Number.isSafeInteger(pid) && (pid === process.pid || !isProcessRunning(pid))) rmSync(join(dir, name), { recursive: true, force: true });
    }
  }
}

/**
 * Returns an empty staging folder for a review of `folder`: beside it, or inside it where the folder is on another
 * file system than its parent (a mount point), or the parent refuses new entries while the folder takes them.
 */
function createStaging(folder: string, existed: boolean): Staging {
  const beside = join(dirname(folder), hiddenName(folder, 'writing'));
  if (!existed || statSync(folder).dev === statSync(dirname(folder)).dev) {
    try {
      mkdirSync(beside);
      return { dir: beside, isBeside: true };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (!existed || (code !== 'EACCES' && code !== 'EPERM' && code !== 'EROFS')) throw error;
    }
  }
  const inside = join(folder, hiddenName(folder, 'writing'));
  mkdirSync(inside);
  return { dir: inside, isBeside: false };
}

/**
 * Puts the review in `staging` in place of `folder`'s: the whole folder by two renames when it holds nothing but an
 * earlier review, else the review's entries one by one (the user's own files stay where they are). On a failure,
 * what was moved is moved back before the error is thrown.
 */
function swapIntoPlace(folder: string, staging: Staging): void {
  let present: string[];
  try {
    present = readdirSync(folder).filter((name) => name !== basename(staging.dir));
  } catch {
    renameSync(staging.dir, folder); // no folder there yet
    return;
  }
  const owned = present.filter((name) => OWNED.includes(name));
  if (staging.isBeside && owned.length === present.length) {
    const aside = join(dirname(folder), hiddenName(folder, 'replaced'));
    chmodSync(staging.dir, statSync(folder).mode & 0o7777); // the folder's permissions, as the user set them
    renameSync(folder, aside);
    try {
      renameSync(staging.dir, folder);
    } catch (error) {
      renameSync(aside, folder);
      throw error;
    }
    removeQuietly(aside);
    return;
  }
  const aside = join(folder, hiddenName(folder, 'replaced'));
  mkdirSync(aside);
  const moved: string[] = [];
  const placed: string[] = [];
  try {
    for (const name of owned) {
      renameSync(join(folder, name), join(aside, name));
      moved.push(name);
    }
    for (const name of readdirSync(staging.dir)) {
      renameSync(join(staging.dir, name), join(folder, name));
      placed.push(name);
    }
  } catch (error) {
    for (const name of placed.reverse()) renameSync(join(folder, name), join(staging.dir, name));
    for (const name of moved.reverse()) renameSync(join(aside, name), join(folder, name));
    rmSync(aside, { recursive: true, force: true });
    throw error;
  }
  removeQuietly(aside);
  removeQuietly(staging.dir);
}

/** Returns a file-system failure to write the review as `OUT_UNWRITABLE`, naming the folder; any other error as it is. */
function toWriteError(root: string, existed: boolean, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return error;
  const kept = existed ? 'the folder is as it was' : 'nothing was written';
  return new ConfigError('OUT_UNWRITABLE', `--out ${root}: cannot write the review: ${describeWriteError(error)}; ${kept}`, {
    cause: error,
    hint: 'check the path, that the folder is writable and that the disk has room',
  });
}

/**
 * Returns nothing once `outDir` may take a review: it does not exist, holds none of the entries a review replaces
 * (index.html, states/, data/, specs/, assets/, review.pdf), or holds an earlier review (an index.html crimetrends
 * wrote, as its generator line says). Otherwise writing would delete what is there: `--out .` in a project folder
 * would take its data/ (the warehouse, the reference data) with it. Other files in the folder are never touched.
 *
 * @param shown the folder as the user gave it, for the message (default `outDir`)
 * @throws ConfigError `OUT_UNWRITABLE` (a file, not a folder), `OUT_EXISTS` (entries of another kind): exit 2.
 * @example checkReviewFolder('/home/me/project') // throws when it holds data/ and no earlier review
 */
export function checkReviewFolder(outDir: string, shown = outDir): void {
  const root = resolve(outDir);
  let isFolder: boolean;
  try {
    isFolder = statSync(root).isDirectory();
  } catch {
    return; // not there yet: created when the review is written
  }
  if (!isFolder) throw new ConfigError('OUT_UNWRITABLE', `--out ${shown}: is a file; a review is a folder of pages`, { hint: 'give a folder name, e.g. --out reports/2025' });
  const present = new Set(readdirSync(root));
  const owned = OWNED.filter((name) => present.has(name));
  if (owned.length === 0 || isEarlierReview(join(root, 'index.html'))) return;
  throw new ConfigError(
    'OUT_EXISTS',
    `--out ${shown}: the folder holds ${owned.join(', ')}, which writing a review would replace, and no earlier review (no index.html written by crimetrends): nothing written`,
    { hint: 'choose a new or empty folder (e.g. --out reports/2025), or move those entries away first' },
  );
}

/** Whether `path` is the index.html of a review crimetrends wrote: its head names crimetrends as the generator. */
function isEarlierReview(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return false;
  }
  try {
    const head = Buffer.alloc(4096);
    const read = readSync(fd, head, 0, head.length, 0);
    return head.subarray(0, read).toString('utf8').includes('<meta name="generator" content="crimetrends ');
  } finally {
    closeSync(fd);
  }
}

/**
 * Returns the absolute path written: one more file (the PDF) into a review written by {@link writeReview}, whole or
 * not at all (written beside it as `review.pdf.<pid>.tmp`, then renamed).
 *
 * @throws ConfigError `OUT_UNWRITABLE` (exit 2) naming the folder and why
 */
export function writeReviewFile(outDir: string, path: string, content: string | Uint8Array): string {
  const root = resolve(outDir);
  const target = resolve(root, path);
  if (!target.startsWith(root + sep)) throw new Error(`refusing to write outside the report folder: ${path}`);
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(temporary, content);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw toWriteError(root, true, error);
  }
  return target;
}
