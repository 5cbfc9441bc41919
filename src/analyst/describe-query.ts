import { quoteLiteral, type Columns, type Store } from '../store/index.js';

/**
 * Returns the column names and DuckDB types of `sql` (one checked SELECT) without reading its rows: what the
 * `--json` document of a query written to a file (`--format parquet`) reports, as it does for the other formats.
 */
export async function describeQuery(store: Store, sql: string): Promise<Columns> {
  return store.stream(`from query(${quoteLiteral(sql)}) limit 0`, () => undefined);
}
