import type { z } from 'zod';
import { PipelineError } from '../../errors.js';
import type { SqlParams, Store } from '../../store/index.js';

/**
 * Returns the rows of `sql` parsed with `schema` (a mart's row contract, or a small local one for reads of
 * reference tables), so a mart that drifted from its contract stops the report with the mart named rather than
 * producing a wrong page.
 */
export async function readRows<S extends z.ZodType>(store: Store, relation: string, sql: string, params: SqlParams, schema: S): Promise<z.infer<S>[]> {
  const rows = await store.all(sql, params).catch((error: unknown) => {
    // a damaged warehouse is said as such (the store's WAREHOUSE_UNREADABLE), not as marts to rebuild
    if (error instanceof PipelineError) throw error;
    throw new PipelineError('REPORT_INVALID', `cannot read ${relation}: ${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)}`, {
      cause: error,
      hint: 'run "crimetrends build" to (re)build the marts, then run the report again',
    });
  });
  return rows.map((row, i) => {
    const parsed = schema.safeParse(row);
    if (!parsed.success) {
      throw new PipelineError('REPORT_INVALID', `${relation} row ${i + 1} does not match its contract: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`, {
        hint: 'rebuild the marts with this version of crimetrends ("crimetrends build")',
      });
    }
    return parsed.data as z.infer<S>;
  });
}

/** Returns true when `relation` exists in the warehouse (a table or a view). */
export async function hasRelation(store: Store, relation: string): Promise<boolean> {
  const rows = await store.all<{ n: number }>(
    "select (select count(*) from duckdb_tables() where table_name = $name) + (select count(*) from duckdb_views() where view_name = $name) as n",
    { name: relation },
  );
  return (rows[0]?.n ?? 0) > 0;
}
