import { existsSync } from 'node:fs';
import { PipelineError } from '../errors.js';
import { checkDuckDbFile } from './check-duckdb-file.js';
import { checkWarehouseSchema } from './check-warehouse-schema.js';
import type { Store } from './open-store.js';
import { quoteIdent, quoteLiteral } from './quote.js';
import { toOpenError } from './to-open-error.js';

/**
 * Attaches the warehouse file at `path` read-only to `store` under `alias` (so an in-memory scratch database can read
 * `alias.observation_current` without ever writing to the warehouse).
 *
 * @throws PipelineError `WAREHOUSE_MISSING`, `WAREHOUSE_UNREADABLE` saying why (see toOpenError), or what
 *   checkWarehouseSchema throws (`WAREHOUSE_OUTDATED`, `WAREHOUSE_TOO_NEW`); LockError when another process is writing to it.
 */
export async function attachReadOnly(store: Store, path: string, alias: string): Promise<void> {
  if (!existsSync(path)) {
    throw new PipelineError('WAREHOUSE_MISSING', `warehouse ${path} does not exist`, {
      location: { file: path },
      hint: 'run "crimetrends ingest" first, or leave out --warehouse',
    });
  }
  checkDuckDbFile(path);
  try {
    await store.run(`attach ${quoteLiteral(path)} as ${quoteIdent(alias)} (read_only)`);
  } catch (error) {
    // a writer holding the file: the reader's message and hint, as status and query give them
    throw toOpenError(path, error, true);
  }
  try {
    // another program's DuckDB file, or a warehouse of another version: what a read-only open says (was an internal error)
    await checkWarehouseSchema(store, path, { isReadOnly: true, database: alias });
  } catch (error) {
    await store.run(`detach ${quoteIdent(alias)}`);
    throw error;
  }
}
