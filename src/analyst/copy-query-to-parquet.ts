import { quoteLiteral, type Store } from '../store/index.js';

/**
 * Returns the number of rows of `sql` (one checked SELECT) written to the Parquet file `path` by DuckDB's COPY — the
 * only write a `query` makes, to the file the user named, by the tool rather than the user's SQL. The store must
 * allow writing exactly `path` (see `openLockedWarehouse`); `query()` runs the text as the single SELECT it is, so a
 * trailing semicolon or comment needs no editing.
 */
export async function copyQueryToParquet(store: Store, sql: string, path: string): Promise<number> {
  const result = await store.table(`copy (from query(${quoteLiteral(sql)})) to ${quoteLiteral(path)} (format parquet, use_tmp_file false)`);
  return Number(result.rows[0]?.[0] ?? 0);
}
