import { createWriteStream, mkdirSync, renameSync, rmSync, statSync, type Stats } from 'node:fs';
import { once } from 'node:events';
import { dirname } from 'node:path';
import type { Context } from '../context.js';
import { ConfigError } from '../errors.js';

/** Where a command writes its result: stdout, or a file that appears whole or not at all. */
export interface Output {
  /** The file written, or null for stdout. */
  readonly path: string | null;
  write(text: string): Promise<void>;
  /** Finishes the output: the file is moved into place. */
  commit(): Promise<void>;
  /** Gives up: the temporary file is removed and any earlier file at `path` is left as it was. */
  abort(): void;
}

/** How an output file may be created. */
export interface OutputOptions {
  /** False: an existing file is refused (`OUT_EXISTS`) unless the user said `--force`. Default true. */
  mayReplace?: boolean;
  /** False: the folder must exist (a typo in it is an error, not a new folder). Default true. */
  createFolder?: boolean;
}

/**
 * Returns an output for `path` (absolute), or for stdout when `path` is undefined. A file is written to a temporary
 * name beside it and renamed on `commit`, so a failed run never leaves half a file behind; writes wait for the disk
 * (backpressure), so a large result streams in bounded memory.
 *
 * @throws ConfigError `OUT_EXISTS` (an existing file that may not be replaced), `OUT_UNWRITABLE` (a folder, a
 *   missing folder, no permission), naming the path: both exit 2.
 */
export function openOutput(ctx: Context, path: string | undefined, options: OutputOptions = {}): Output {
  if (path === undefined) {
    watchStdout();
    return {
      path: null,
      async write(text) {
        ctx.out(text);
        if (process.stdout.writableNeedDrain) await once(process.stdout, 'drain');
      },
      commit: async () => undefined,
      abort: () => undefined,
    };
  }
  checkTarget(path, options);
  const temporary = `${path}.${process.pid}.tmp`;
  const stream = createWriteStream(temporary);
  let failure: Error | undefined;
  stream.on('error', (error) => (failure = unwritable(path, error)));
  return {
    path,
    async write(text) {
      if (failure) throw failure;
      if (!stream.write(text)) await new Promise<void>((resolve) => stream.once('drain', resolve));
    },
    async commit() {
      await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(unwritable(path, error)) : resolve())));
      if (failure) throw failure;
      try {
        renameSync(temporary, path);
      } catch (error) {
        throw unwritable(path, error);
      }
    },
    abort() {
      stream.destroy();
      rmSync(temporary, { force: true });
    },
  };
}

/** Writes `text` whole to the file `path` (see openOutput: it appears whole or not at all) and returns the path. */
export async function writeOutputFile(ctx: Context, path: string, text: string, options: OutputOptions = {}): Promise<string> {
  const output = openOutput(ctx, path, options);
  try {
    await output.write(text);
    await output.commit();
  } catch (error) {
    output.abort();
    throw error;
  }
  return path;
}

/** Refuses a target that is a folder, sits in a missing folder, or exists when it may not be replaced. */
function checkTarget(path: string, options: OutputOptions): void {
  const target = statOrNull(path);
  if (target?.isDirectory()) {
    throw new ConfigError('OUT_UNWRITABLE', `--out ${path}: is a folder; expected a file name`, { hint: `give a file name inside it, e.g. --out ${path.replace(/\/+$/, '')}/out.csv` });
  }
  if (target !== null && options.mayReplace === false) {
    throw new ConfigError('OUT_EXISTS', `--out ${path}: the file exists; it is not overwritten`, {
      hint: 'choose another file name, or add --force to replace it',
    });
  }
  const folder = dirname(path);
  if (options.createFolder === false) {
    const parent = statOrNull(folder);
    if (parent === null) throw new ConfigError('OUT_UNWRITABLE', `--out ${path}: the folder ${folder} does not exist`, { hint: 'create the folder first, or check the path' });
    if (!parent.isDirectory()) throw new ConfigError('OUT_UNWRITABLE', `--out ${path}: ${folder} is not a folder`, { hint: 'check the path' });
    return;
  }
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw unwritable(path, error);
  }
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** Returns a file-system error on the way to `path` as a usage error naming the path (exit 2, not an internal error). */
function unwritable(path: string, error: unknown): ConfigError {
  const reason = (error as NodeJS.ErrnoException).code;
  const why = reason === 'EACCES' || reason === 'EPERM' ? 'permission denied'
    : reason === 'ENOSPC' ? 'the disk is full'
    : reason === 'EISDIR' ? 'is a folder'
    : reason === 'ENOENT' || reason === 'ENOTDIR' ? 'the folder does not exist'
    : error instanceof Error ? error.message : String(error);
  return new ConfigError('OUT_UNWRITABLE', `--out ${path}: cannot write the file: ${why}`, { cause: error, hint: 'check the path and that the folder is writable' });
}

let isWatching = false;

/** A reader that stops early (`crimetrends query … | head`) closes the pipe: that ends the command quietly, exit 0. */
function watchStdout(): void {
  if (isWatching) return;
  isWatching = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') process.stderr.write(`error: cannot write to stdout: ${error.message}\n`);
    process.exit(error.code === 'EPIPE' ? 0 : 1);
  });
}
