import { existsSync } from 'node:fs';
import { PipelineError } from '../errors.js';
import { describeWriteError } from '../io/describe-write-error.js';
import type { Store } from './open-store.js';

/**
 * Closes the warehouse `store` after writing its committed changes into the file (a checkpoint), and passes `warn` a
 * line when that write failed and they stay in the `.wal` file beside it (a full disk, the file size limit): the
 * changes are safe, DuckDB applies them when the warehouse is next opened, but the user should make room. DuckDB's own
 * checkpoint at close failed without a word (exit 0, the .wal left). Nothing more is said after a write the command
 * already stopped on (`WAREHOUSE_UNWRITABLE`, whose hint says to make room). A read-only or in-memory store is just closed.
 *
 * @example await closeWarehouse(store, ctx.logger.warn)
 *   // warning: cannot write to warehouse w.duckdb on closing it: the disk is full; the warehouse's changes are in w.duckdb.wal and will be applied the next time it is opened; make room on the disk
 */
export async function closeWarehouse(store: Store, warn: (message: string) => void): Promise<void> {
  let failure: unknown;
  // a write refused earlier in the command already stopped it with its own error, saying to make room
  if (!store.isReadOnly && !store.path.startsWith(':memory:') && !store.hasFailedWrite) {
    await store.run('checkpoint').catch((error: unknown) => {
      failure = error instanceof PipelineError && error.cause !== undefined ? error.cause : error;
    });
  }
  store.close();
  if (failure === undefined || !existsSync(`${store.path}.wal`)) return;
  const why = describeWriteError(failure, { at: store.path });
  const todo = /size limit/.test(why) ? 'raise the file size limit (ulimit -f unlimited)' : /permission/.test(why) ? 'check the permissions of the file (ls -l)' : 'make room on the disk';
  warn(`cannot write to warehouse ${store.path} on closing it: ${why}; the warehouse's changes are in ${store.path}.wal and will be applied the next time it is opened; ${todo}`);
}
