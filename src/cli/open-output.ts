import { createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { dirname } from 'node:path';
import type { Context } from '../context.js';

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
 */
export function openOutput(ctx: Context, path: string | undefined): Output {
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
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  const stream = createWriteStream(temporary);
  let failure: Error | undefined;
  stream.on('error', (error) => (failure = error));
  return {
    path,
    async write(text) {
      if (failure) throw failure;
      if (!stream.write(text)) await new Promise<void>((resolve) => stream.once('drain', resolve));
    },
    async commit() {
      await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
      if (failure) throw failure;
      renameSync(temporary, path);
    },
    abort() {
      stream.destroy();
      rmSync(temporary, { force: true });
    },
  };
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
