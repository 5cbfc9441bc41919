import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PipelineError } from '../errors.js';
import { latestSchemaVersion, migrate } from './migrate.js';
import { openStore, type Store } from './open-store.js';

export interface OpenWarehouseOptions {
  isReadOnly?: boolean;
  settings?: Record<string, string>;
}

/**
 * Returns the warehouse at `path`, created and migrated to the current schema when opened for writing. Opened
 * read-only, it must exist and already be at the current schema version.
 *
 * @throws PipelineError `WAREHOUSE_MISSING` or `WAREHOUSE_OUTDATED` for a read-only open; LockError when held.
 */
export async function openWarehouse(path: string, options: OpenWarehouseOptions = {}): Promise<Store> {
  const isReadOnly = options.isReadOnly ?? false;
  if (isReadOnly && !existsSync(path)) {
    throw new PipelineError('WAREHOUSE_MISSING', `warehouse ${path} does not exist`, {
      location: { file: path },
      hint: 'run "crimetrends ingest" or "crimetrends run" first, or pass --warehouse PATH',
    });
  }
  if (!isReadOnly) mkdirSync(dirname(path), { recursive: true });
  const store = await openStore(path, { isReadOnly, settings: options.settings });
  try {
    if (isReadOnly) {
      const rows = await store.all<{ version: number | null }>(
        "select (select max(version) from schema_migration) as version where exists (select 1 from duckdb_tables() where table_name = 'schema_migration')",
      );
      const version = rows[0]?.version ?? 0;
      if (version < latestSchemaVersion()) {
        throw new PipelineError('WAREHOUSE_OUTDATED', `warehouse ${path} is at schema version ${version}, this tool needs ${latestSchemaVersion()}`, {
          location: { file: path },
          hint: 'run any writing command (ingest, import, build) once to upgrade it in place',
        });
      }
    } else {
      await migrate(store);
    }
    return store;
  } catch (error) {
    store.close();
    throw error;
  }
}
