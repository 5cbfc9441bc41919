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
    // The select starts on the statement's first line, so DuckDB's "LINE n" is the file's line n.
    try {
      await store.run(`create or replace ${model.kind} ${quoteIdent(model.name)} as (${model.sql}\n)`);
    } catch (error) {
      throw toModelError(model, error);
    }
    let rows: number | null = null;
    if (contract) {
      const checked = await checkMart(store, contract);
      if (checked.problems.length > 0) throw contractError(model.file, model.name, checked.problems);
      rows = checked.rows;
    } else if (model.kind !== 'view') {
      rows = (await store.all<{ n: number }>(`select count(*) as n from ${quoteIdent(model.name)}`))[0]?.n ?? 0;
    }
    const result = { name: model.name, layer: model.layer, file: model.file, kind: model.kind, rows, ms: Math.round(performance.now() - started) };
    results.push(result);
    onModel?.(result);
  }
  return results;
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
