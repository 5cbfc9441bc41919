import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
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

/** Returns the absolute path written: one more file (the PDF) into a review written by {@link writeReview}. */
export function writeReviewFile(outDir: string, path: string, content: string | Uint8Array): string {
  const root = resolve(outDir);
  const target = resolve(root, path);
  if (!target.startsWith(root + sep)) throw new Error(`refusing to write outside the report folder: ${path}`);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, content);
  return target;
}
