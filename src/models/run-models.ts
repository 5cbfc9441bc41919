import { ModelError, PipelineError } from '../errors.js';
import { findMart } from '../schema/marts.js';
import { quoteIdent, quoteLiteral, type Store } from '../store/index.js';
import { checkMart, contractError } from './check-mart.js';
import { createModelMacros } from './model-macros.js';
import type { Layer, Model, ModelKind } from './discover-models.js';

/** What building one model did. */
export interface ModelResult {
  name: string;
  layer: Layer;
  file: string;
  kind: ModelKind;
  /** Rows in the table (null for a view: counting it would run it). */
  rows: number | null;
  ms: number;
}

/**
 * Returns one result per model, after creating the macros the marts share (see model-macros.ts) and each (in the given order) as `create or replace view|table <name>
 * as (<select>)` and checking every mart against its contract right after it is built. Run it inside a transaction:
 * the first failure throws and leaves the caller to roll back.
 *
 * @throws ModelError naming the file (and DuckDB's line) when DuckDB refuses a model; PipelineError
 *   `CONTRACT_VIOLATION` when a mart has no contract or breaks it, `WAREHOUSE_UNREADABLE` or `WAREHOUSE_UNWRITABLE`
 *   when the warehouse fails under a model (a damaged block, a full disk).
 */
export async function runModels(store: Store, models: readonly Model[], onModel?: (result: ModelResult) => void): Promise<ModelResult[]> {
  await dropPersistedIntermediates(store, models);
  await createModelMacros(store);
  const results: ModelResult[] = [];
  for (const model of models) {
    const started = performance.now();
    const contract = model.layer === 'marts' ? findMart(model.name) : undefined;
    if (model.layer === 'marts' && !contract) {
      throw contractError(model.file, model.name, ['no row contract in src/schema/marts.ts']);
    }
    let created: number | null;
    try {
      created = await createModel(store, model);
    } catch (error) {
      throw toModelError(model, error);
    }
    let rows: number | null = created;
    if (contract) {
      const checked = await checkMart(store, contract);
      if (checked.problems.length > 0) throw contractError(model.file, model.name, checked.problems);
      rows = checked.rows;
    }
    const result = { name: model.name, layer: model.layer, file: model.file, kind: model.kind, rows, ms: Math.round(performance.now() - started) };
    results.push(result);
    onModel?.(result);
  }
  return results;
}

/**
 * Returns the rows of the table `model` creates (DuckDB's count of the rows written; null for a view). The select
 * starts on the statement's first line, so DuckDB's "LINE n" is the file's line n.
 *
 * An intermediate (a temporary table) is written from its select materialised first: written straight from a scan
 * that keeps a few rows of many (int_observations_narrowed: 77,400 of the 10,000,000 observations), DuckDB's
 * order-keeping insert spent both threads on many small batches (67 ms, 125 ms of CPU, where the select alone takes
 * 35 ms); materialised first, 45 ms and 79 ms of CPU. A mart is written as its select orders it, the rows the same.
 */
async function createModel(store: Store, model: Model): Promise<number | null> {
  const select = model.kind === 'temp table' ? `with ct_materialized as materialized (${model.sql}\n) select * from ct_materialized` : `${model.sql}\n`;
  const [written] = await store.all<{ Count?: number }>(`create or replace ${model.kind} ${quoteIdent(model.name)} as (${select})`);
  return model.kind === 'view' ? null : Number(written?.Count ?? 0);
}

/** Drops tables an older build persisted under an intermediate model's name, which would otherwise linger. */
async function dropPersistedIntermediates(store: Store, models: readonly Model[]): Promise<void> {
  const names = models.filter((m) => m.kind === 'temp table').map((m) => m.name);
  if (names.length === 0) return;
  const stale = await store.all<{ database_name: string; schema_name: string; table_name: string }>(
    `select database_name, schema_name, table_name from duckdb_tables() where not temporary and table_name in (${names.map(quoteLiteral).join(', ')})`,
  );
  for (const t of stale) await store.run(`drop table ${[t.database_name, t.schema_name, t.table_name].map(quoteIdent).join('.')}`);
}

function toModelError(model: Model, error: unknown): PipelineError {
  // the warehouse failed under the model (a damaged block it read, a full disk), not its SQL: said as the store says
  // it (WAREHOUSE_UNREADABLE, WAREHOUSE_UNWRITABLE), where "model … failed" told the user to fix the SQL
  if (error instanceof PipelineError && error.code.startsWith('WAREHOUSE_')) return error;
  const message = error instanceof Error ? error.message : String(error);
  const line = /\bLINE (\d+):/.exec(message)?.[1];
  const first = message.split('\n').find((part) => part.trim() !== '') ?? message;
  return new ModelError(model.file, `${model.file}${line ? `:${line}` : ''}: model ${model.name} failed: ${first.trim()}`, {
    cause: error,
    hint: 'fix the SQL in the model file; the previous marts are left as they were',
  });
}
