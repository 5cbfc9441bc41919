import { closeSync, createWriteStream, existsSync, openSync, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import type { Context } from '../context.js';
import { onInterrupt } from './on-interrupt.js';
import { prepareOutputPath, type OutputOptions } from './prepare-output-path.js';
import { toOutputError } from './to-output-error.js';

export type { OutputOptions } from './prepare-output-path.js';

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
  const file = openOutputFile(path, options);
  const stream = createWriteStream(file.temporary);
  let failure: unknown;
  stream.on('error', (error) => (failure = toOutputError(path, error)));
  return {
    path,
    async write(text) {
      if (failure) throw failure;
      // a write that fails while the stream waits for room (a full disk) rejects here: waiting for 'drain' alone
      // never returned, and the command ended with Node's exit code 13 and no message
      if (!stream.write(text)) await once(stream, 'drain').catch((error: unknown) => Promise.reject(failure ?? toOutputError(path, error)));
    },
    async commit() {
      await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(toOutputError(path, error)) : resolve())));
      if (failure) throw failure;
      file.commit();
    },
    abort() {
      stream.destroy();
      file.abort();
    },
  };
}

/** A file filled under a temporary name beside it (by a stream, or by DuckDB's COPY) and moved into place whole. */
export interface OutputFile {
  /** The user's --out, absolute. */
  readonly path: string;
  /** Where the content is written until `commit`: `<path>.<pid>.tmp`, never shown to the user. */
  readonly temporary: string;
  /** Moves the temporary file into place. */
  commit(): void;
  /** Removes the temporary file; any earlier file at `path` is left as it was. */
  abort(): void;
}

/** Returns the temporary name beside `path` that its content is written under (the same for every output). */
export function temporaryPathOf(path: string): string {
  return `${path}.${process.pid}.tmp`;
}

/**
 * Returns the output file `path` with its temporary file created empty, once the path has passed
 * {@link prepareOutputPath}: a path that cannot be written fails here, naming `path`, before any query runs.
 *
 * @throws ConfigError `OUT_EXISTS`, `OUT_UNWRITABLE`: exit 2.
 */
export function openOutputFile(path: string, options: OutputOptions = {}): OutputFile {
  prepareOutputPath(path, options);
  const temporary = temporaryPathOf(path);
  try {
    closeSync(openSync(temporary, 'w'));
  } catch (error) {
    throw toOutputError(path, error);
  }
  const isReplacing = existsSync(path);
  // Ctrl-C while the file is written: the temporary file goes (it stayed beside the user's file, as x.csv.123.tmp)
  const release = onInterrupt(
    () => `nothing written to ${path}${isReplacing ? ' (the file there is as it was)' : ''}`,
    () => rmSync(temporary, { force: true }),
  );
  return {
    path,
    temporary,
    commit() {
      release();
      try {
        renameSync(temporary, path);
      } catch (error) {
        rmSync(temporary, { force: true });
        throw toOutputError(path, error);
      }
    },
    abort: () => {
      release();
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
