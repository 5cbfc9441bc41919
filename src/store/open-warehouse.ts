import { accessSync, constants, existsSync, linkSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { PipelineError } from '../errors.js';
import { makeFolders } from '../io/make-folders.js';
import { checkDuckDbFile } from './check-duckdb-file.js';
import { checkWarehouseSchema } from './check-warehouse-schema.js';
import { migrate } from './migrate.js';
import { openStore, type Store } from './open-store.js';
import { toCreateError, toOpenError } from './to-open-error.js';

export interface OpenWarehouseOptions {
  isReadOnly?: boolean;
  /**
   * False for a command that writes into an existing warehouse but has nothing to put in a new one (`build`): a
   * missing file is then `WAREHOUSE_MISSING`, not an empty warehouse (a typo in --warehouse would otherwise build
   * nothing and report success). Always false read-only; default true for writing (ingest, import, run).
   */
  isCreated?: boolean;
  settings?: Record<string, string>;
}

/**
 * Returns the warehouse at `path`, created (unless `isCreated` is false) and migrated to the current schema when
 * opened for writing. Opened read-only, it must exist and already be at the current schema version.
 *
 * @throws PipelineError `WAREHOUSE_MISSING` (read-only, or `isCreated` false), `WAREHOUSE_OUTDATED` (read-only),
 *   `WAREHOUSE_TOO_NEW`, `WAREHOUSE_UNREADABLE` (see toOpenError and checkWarehouseSchema; a file that cannot be
 *   created); LockError when held.
 */
export async function openWarehouse(path: string, options: OpenWarehouseOptions = {}): Promise<Store> {
  const isReadOnly = options.isReadOnly ?? false;
  const isCreated = !isReadOnly && (options.isCreated ?? true);
  if (!isCreated && !existsSync(path)) {
    throw new PipelineError('WAREHOUSE_MISSING', `warehouse ${path} does not exist`, {
      location: { file: path },
      hint: 'run "crimetrends ingest" or "crimetrends run" first, or pass --warehouse PATH',
    });
  }
  // DuckDB's in-memory database (tests, scratch work) has no file to create whole: made so, it left a file named ':memory:'
  const isInMemory = path.startsWith(':memory:');
  if (isCreated && !isInMemory && !existsSync(path)) await createWhole(path, options.settings);
  if (!isInMemory) checkDuckDbFile(path);
  if (!isInMemory && !isReadOnly) checkFolderWritable(path);
  const store = await openStore(path, { isReadOnly, settings: options.settings });
  try {
    // another program's DuckDB file, or one a newer crimetrends migrated, is refused before anything is written
    await checkWarehouseSchema(store, path, { isReadOnly });
    if (!isReadOnly) await migrate(store);
    return store;
  } catch (error) {
    store.close();
    throw error;
  }
}

/**
 * Creates a new warehouse at `path` whole: built and migrated under a hidden temporary name beside it, checkpointed
 * and closed, then linked to `path` in one step. A process killed while DuckDB writes a new file's header left a file
 * that "is not a valid DuckDB database", which every later command refused; now `path` is either absent or a
 * warehouse. A warehouse another process created meanwhile is kept (the link fails, and that one is opened).
 */
async function createWhole(path: string, settings: Record<string, string> | undefined): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.creating-${process.pid}`);
  const removeTemporary = (): void => {
    rmSync(temporary, { force: true });
    rmSync(`${temporary}.wal`, { force: true });
  };
  // the user's path, never the temporary name, and DuckDB's own failure under a store's (was "warehouse
  // /proc/.x.duckdb.creating-123 does not exist [WAREHOUSE_MISSING]")
  const failure = (error: unknown): PipelineError => {
    try {
      removeTemporary();
    } catch {
      // no folder to remove it from (a file on the way, /proc): nothing was made
    }
    return toCreateError(path, error instanceof PipelineError && error.cause !== undefined ? error.cause : error);
  };
  let store: Store;
  try {
    makeFolders(dirname(path));
    removeTemporary();
    store = await openStore(temporary, { settings });
  } catch (error) {
    // the folder cannot be made or takes no file (/proc, a file on the way, no permission)
    throw failure(error);
  }
  try {
    await migrate(store);
    await store.run('checkpoint');
  } catch (error) {
    // a disk that fills up while the new file is written: was an internal error (exit 3), the temporary files left
    try {
      store.close();
    } catch {
      // DuckDB may have invalidated the database already
    }
    throw failure(error);
  }
  store.close();
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(temporary, { force: true });
    rmSync(`${temporary}.wal`, { force: true });
  }
}

/**
 * Returns once the warehouse's folder takes new files: DuckDB writes its .wal file there on the first commit, and a
 * writable file in a read-only folder opened fine, then failed at the end of the work with an internal error (exit 3).
 *
 * @throws PipelineError `WAREHOUSE_UNREADABLE`: `cannot open warehouse PATH to write: permission denied`
 */
function checkFolderWritable(path: string): void {
  try {
    accessSync(dirname(path), constants.W_OK);
  } catch (error) {
    throw toOpenError(path, error, false);
  }
}
