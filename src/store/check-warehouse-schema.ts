import { PipelineError } from '../errors.js';
import { latestSchemaVersion } from './migrate.js';
import type { Store } from './open-store.js';

export interface CheckSchemaOptions {
  /** Opened to read: the file must already be at this tool's schema version. */
  isReadOnly: boolean;
  /** The attached database to look at (validate --compare's alias); default the store's own. */
  database?: string;
}

/**
 * Returns the schema version of the crimetrends warehouse open in `store` (0 for an empty DuckDB database, which a
 * writing command makes a warehouse), once it is one this tool may use.
 *
 * Before, a DuckDB file of another program given as --warehouse had crimetrends' tables written into it beside its
 * own by `ingest` (and read-only commands stopped with an internal error), and a warehouse a newer crimetrends had
 * migrated was read and written as if it were this version's.
 *
 * @throws PipelineError `WAREHOUSE_UNREADABLE` (a database of another program: tables but no `schema_migration`),
 *   `WAREHOUSE_TOO_NEW` (migrated by a newer crimetrends), `WAREHOUSE_OUTDATED` (read-only and older than this tool)
 */
export async function checkWarehouseSchema(store: Store, path: string, options: CheckSchemaOptions): Promise<number> {
  const database = options.database ?? (await store.all<{ name: string }>('select current_database() as name'))[0]!.name;
  const relations = await store.all<{ name: string }>(
    `select table_name as name from duckdb_tables() where database_name = $database
     union select view_name from duckdb_views() where database_name = $database and not internal
     order by name`,
    { database },
  );
  const names = relations.map((r) => r.name);
  const location = { file: path };
  if (!names.includes('schema_migration')) {
    if (names.length > 0) {
      const shown = names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
      throw new PipelineError('WAREHOUSE_UNREADABLE', `warehouse ${path} is a DuckDB database of another program, not a crimetrends warehouse: it holds ${shown}, and no schema_migration`, {
        location,
        hint: 'check the path: crimetrends neither reads nor writes a database it did not create; pass --warehouse the crimetrends warehouse (data/warehouse.duckdb by default), or a new file name to start one',
      });
    }
    return checkVersion(0, path, options.isReadOnly);
  }
  const qualified = `"${database.replaceAll('"', '""')}".main.schema_migration`;
  const [row] = await store.all<{ version: number | null }>(`select max(version) as version from ${qualified}`);
  return checkVersion(row?.version ?? 0, path, options.isReadOnly);
}

function checkVersion(version: number, path: string, isReadOnly: boolean): number {
  const latest = latestSchemaVersion();
  if (version > latest) {
    throw new PipelineError('WAREHOUSE_TOO_NEW', `warehouse ${path} is at schema version ${version}, written by a newer crimetrends; this one knows versions up to ${latest}`, {
      location: { file: path },
      hint: 'update crimetrends (git pull, then npm ci) and run again; this version neither reads nor writes the file, so nothing in it changes',
    });
  }
  if (isReadOnly && version < latest) {
    throw new PipelineError('WAREHOUSE_OUTDATED', `warehouse ${path} is at schema version ${version}, this tool needs ${latest}`, {
      location: { file: path },
      hint: 'run any writing command (ingest, import, build) once to upgrade it in place',
    });
  }
  return version;
}
