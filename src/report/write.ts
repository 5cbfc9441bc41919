import { closeSync, mkdirSync, openSync, readdirSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { ConfigError } from '../errors.js';
import type { ReviewFile } from './read-assets.js';

/** Folders (and files) inside a report folder that this module owns and replaces on every write. */
const OWNED = ['index.html', 'states', 'data', 'specs', 'assets', 'review.pdf'];

/**
 * Returns the absolute paths written: the review's files under `outDir`, replacing what an earlier run of the same
 * review left there (stale state pages or CSVs would otherwise linger). The only module that writes to reports/.
 * Every path must stay inside `outDir`.
 */
export function writeReview(outDir: string, files: readonly ReviewFile[]): string[] {
  const root = resolve(outDir);
  checkReviewFolder(root);
  mkdirSync(root, { recursive: true });
  const present = new Set(readdirSync(root));
  for (const name of OWNED) if (present.has(name)) rmSync(join(root, name), { recursive: true, force: true });
  const written: string[] = [];
  for (const file of files) {
    const target = resolve(root, file.path);
    if (!target.startsWith(root + sep)) throw new Error(`refusing to write outside the report folder: ${file.path}`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.content);
    written.push(target);
  }
  return written;
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

/** Returns the absolute path written: one more file (the PDF) into a review written by {@link writeReview}. */
export function writeReviewFile(outDir: string, path: string, content: string | Uint8Array): string {
  const root = resolve(outDir);
  const target = resolve(root, path);
  if (!target.startsWith(root + sep)) throw new Error(`refusing to write outside the report folder: ${path}`);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, content);
  return target;
}
