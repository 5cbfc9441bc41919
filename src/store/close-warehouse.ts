import { existsSync } from 'node:fs';
import { PipelineError } from '../errors.js';
import { describeWriteError } from '../io/describe-write-error.js';
import type { Store } from './open-store.js';

/**
 * Closes the warehouse `store` after writing its committed changes into the file (a checkpoint), and passes `warn` a
 * line when that write failed and they stay in the `.wal` file beside it (a full disk, the file size limit): the
 * changes are safe, DuckDB applies them when the warehouse is next opened, but the user should make room. DuckDB's own
 * checkpoint at close failed without a word (exit 0, the .wal left). A damaged block the checkpoint read is said as
 * damage (`warehouse PATH is damaged: …`, with its hint). Nothing more is said after a write the command
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
      failure = error;
    });
  }
  store.close();
  if (failure === undefined || !existsSync(`${store.path}.wal`)) return;
  const kept = `the warehouse's changes are in ${store.path}.wal and will be applied the next time it is opened`;
  if (failure instanceof PipelineError && failure.code === 'WAREHOUSE_UNREADABLE') {
    // a block the checkpoint read is damaged: every later command that reads it stops on it, so the user hears it now
    warn(`${failure.message.replace(' [WAREHOUSE_UNREADABLE]', '')} (found as it was closed); ${kept}; ${failure.hint ?? ''}`);
    return;
  }
  if (failure instanceof PipelineError && failure.cause !== undefined) failure = failure.cause;
  const why = describeWriteError(failure, { at: store.path });
  const todo = /size limit/.test(why) ? 'raise the file size limit (ulimit -f unlimited)' : /permission/.test(why) ? 'check the permissions of the file (ls -l)' : 'make room on the disk';
  warn(`cannot write to warehouse ${store.path} on closing it: ${why}; ${kept}; ${todo}`);
}
