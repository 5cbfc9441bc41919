import { mkdirSync, rmdirSync, statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError } from '../errors.js';
import { makeFolders } from '../io/make-folders.js';
import { toOutputError, type OutputKind } from './to-output-error.js';

/** How an output may be created. */
export interface OutputOptions {
  /** False: an existing file is refused (`OUT_EXISTS`) unless the user said `--force`. Default true. */
  mayReplace?: boolean;
  /** False: the folder must exist (a typo in it is an error, not a new folder). Default true. */
  createFolder?: boolean;
  /** A file (the default) or a folder (`export --format parquet`, whose own checks judge an existing target). */
  kind?: OutputKind;
  /** The file name a hint suggests inside a folder given for a file. Default `out.csv`. */
  exampleName?: string;
}

/**
 * Returns `path` (absolute, the user's --out) once it can be written: a file target that is a folder, or exists when
 * it may not be replaced, is refused; the folder it goes in is created (as `mkdir -p` would) unless
 * `createFolder` is false. A folder output is only checked: its writer makes it. Every --out of every command goes
 * through here, so each names the user's path alike.
 *
 * @throws ConfigError `OUT_EXISTS`, `OUT_UNWRITABLE` (a folder given for a file, a file where a folder is needed on the
 *   way, a missing folder, no permission): exit 2.
 * @example prepareOutputPath('/tmp/a.csv/x.parquet') // throws '--out /tmp/a.csv/x.parquet: /tmp/a.csv is not a folder'
 */
export function prepareOutputPath(path: string, options: OutputOptions = {}): string {
  const target = statOrNull(path);
  if (options.kind !== 'folder') checkFileTarget(path, target, options);
  const folder = dirname(path);
  const existing = nearestExisting(folder);
  if (!existing.stats.isDirectory()) throw new ConfigError('OUT_UNWRITABLE', `--out ${path}: ${existing.path} is not a folder`, { hint: 'check the path' });
  if (existing.path !== folder && options.createFolder === false) throw new ConfigError('OUT_UNWRITABLE', `--out ${path}: the folder ${folder} does not exist`, { hint: 'create the folder first, or check the path' });
  try {
    // a folder output (a review, a Parquet export) is made by its writer once there is something to write (a missing
    // warehouse leaves nothing behind): here its first missing folder is made and removed again, so that a place
    // taking none (/proc/x) is this one line, where the writer's own mkdir -p never returned
    if (options.kind === 'folder') {
      if (target === null) probeFolder(firstMissing(path, existing.path));
    } else if (existing.path !== folder) {
      makeFolders(folder);
    }
  } catch (error) {
    throw toOutputError(path, error, options.kind);
  }
  return path;
}

function checkFileTarget(path: string, target: Stats | null, options: OutputOptions): void {
  if (target?.isDirectory()) {
    throw new ConfigError('OUT_UNWRITABLE', `--out ${path}: is a folder; expected a file name`, { hint: `give a file name inside it, e.g. --out ${path.replace(/\/+$/, '')}/${options.exampleName ?? 'out.csv'}` });
  }
  if (target !== null && options.mayReplace === false) {
    throw new ConfigError('OUT_EXISTS', `--out ${path}: the file exists; it is not overwritten`, { hint: 'choose another file name, or add --force to replace it' });
  }
}

/** Returns once the folder `path`, which does not exist, could be created (it is removed again: the writer makes it). */
function probeFolder(path: string): void {
  mkdirSync(path);
  rmdirSync(path);
}

/** Returns the folder below `existing` on the way to `path`: the first that a mkdir -p of `path` would make. */
function firstMissing(path: string, existing: string): string {
  let current = path;
  while (dirname(current) !== existing && dirname(current) !== current) current = dirname(current);
  return current;
}

/** Returns the deepest of `path` and its parents that exists (the root always does). */
function nearestExisting(path: string): { path: string; stats: Stats } {
  for (let current = path; ; current = dirname(current)) {
    const stats = statOrNull(current);
    if (stats !== null || dirname(current) === current) return { path: current, stats: stats ?? statSync(current) };
  }
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
