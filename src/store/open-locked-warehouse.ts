import { openWarehouse } from './open-warehouse.js';
import type { Store } from './open-store.js';
import { quoteLiteral } from './quote.js';

export interface OpenLockedWarehouseOptions {
  /** Files the session may write (the tool's own output, e.g. a Parquet file); nothing else on disk is reachable. */
  writablePaths?: readonly string[];
}

/**
 * Returns the warehouse opened for untrusted SQL (`crimetrends query`): read-only and locked down, so that no
 * statement can change the warehouse or anything else on disk.
 *
 * DuckDB's read-only mode alone still lets a statement write elsewhere: `COPY … TO` a file, `EXPORT DATABASE`,
 * `ATTACH` another file (and write into it), `INSTALL`/`LOAD` an extension, and `SET` settings back. So besides
 * `access_mode = READ_ONLY` the session:
 *  - never installs or loads extensions on its own (a `read_parquet('https://…')` would otherwise install httpfs);
 *  - turns off external access (`enable_external_access = false`): no file other than the warehouse (and
 *    `writablePaths`) can be read, written, attached or exported — checked by DuckDB when a statement is bound, so
 *    a refused `EXPORT DATABASE` does not even create its folder;
 *  - locks the configuration (`lock_configuration = true`), so no later `SET`/`RESET` can undo any of this.
 * The caller additionally accepts only a single SELECT statement (see `Store.statementTypes`), which gives the user a
 * clear message; the settings above are the guarantee should a statement type ever slip through.
 *
 * @throws PipelineError `WAREHOUSE_MISSING`, `WAREHOUSE_OUTDATED`; LockError when a writer holds the file.
 */
export async function openLockedWarehouse(path: string, options: OpenLockedWarehouseOptions = {}): Promise<Store> {
  const store = await openWarehouse(path, {
    isReadOnly: true,
    settings: { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false', allow_community_extensions: 'false' },
  });
  try {
    const writable = options.writablePaths ?? [];
    if (writable.length > 0) await store.run(`set allowed_paths = [${writable.map(quoteLiteral).join(', ')}]`);
    await store.run('set enable_external_access = false');
    await store.run('set lock_configuration = true');
    return store;
  } catch (error) {
    store.close();
    throw error;
  }
}
