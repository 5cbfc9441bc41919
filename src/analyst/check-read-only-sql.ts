import { ConfigError } from '../errors.js';
import type { Store } from '../store/index.js';

/** What DuckDB's parser says about a piece of SQL, without binding or running anything. */
interface Parsed {
  error: boolean;
  error_type?: string;
  statements?: unknown[];
}

/**
 * Returns when `sql` is exactly one SELECT query (WITH, FROM, VALUES, DESCRIBE, SHOW and SUMMARIZE count, and
 * EXPLAIN or EXPLAIN ANALYZE of one), and
 * throws otherwise, before anything runs:
 *  1. DuckDB's parser alone (`json_serialize_sql`, which serialises SELECT statements only) tells a SELECT from any
 *     other statement without binding it — binding some statements already touches the disk (`EXPORT DATABASE`
 *     creates its folder while being bound);
 *  2. the one statement is then bound (`Store.statementTypes`) and must come out as SELECT, which catches anything
 *     the parser dressed as a query (a PRAGMA, for instance, binds to another type).
 * Parse and bind errors (an unknown column, a typo) are rethrown as DuckDB raised them, position included.
 *
 * @throws ConfigError `QUERY_EMPTY`, `QUERY_MULTIPLE_STATEMENTS`, `QUERY_NOT_READ_ONLY`
 */
export async function checkReadOnlySql(store: Store, sql: string): Promise<void> {
  // EXPLAIN [ANALYZE] of a SELECT only reads (ANALYZE runs the query to time it): the SELECT is what is checked
  const explained = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*explain(?:\s+analy[sz]e)?\s+([\s\S]*)$/i.exec(sql);
  if (explained) return checkReadOnlySql(store, explained[1]!);
  const [row] = await store.all<{ parsed: string }>('select json_serialize_sql($sql::varchar) as parsed', { sql });
  const parsed = JSON.parse(row!.parsed) as Parsed;
  if (parsed.error && parsed.error_type === 'parser') {
    await store.statementTypes(sql); // throws the parser error with its LINE and caret
  }
  if (parsed.error) throw /\bpivot(?:_wider)?\b/i.test(sql) ? pivotWithoutValues(sql) : notReadOnly(sql, null);
  const count = parsed.statements?.length ?? 0;
  if (count === 0) throw new ConfigError('QUERY_EMPTY', 'the query is empty: expected one SELECT statement', { hint: HINT });
  if (count > 1) throw new ConfigError('QUERY_MULTIPLE_STATEMENTS', `expected one SELECT statement, found ${count}`, { hint: 'run one query at a time' });
  const types = await store.statementTypes(sql);
  if (types.length !== 1 || types[0] !== 'SELECT') throw notReadOnly(sql, types.find((t) => t !== 'SELECT') ?? null);
}

const HINT = 'query reads only: write a SELECT (or WITH … SELECT, FROM …, DESCRIBE, SHOW, SUMMARIZE); use export for files';

/** Statement kinds and what they would have done, for the message. */
const EFFECTS: Array<[RegExp, string]> = [
  [/^(INSERT|UPDATE|DELETE|MERGE|MERGE_INTO|TRUNCATE|UPSERT)$/, 'change rows'],
  [/^(CREATE|CREATE_FUNC|ALTER|DROP|COMMENT)$/, 'change the schema'],
  [/^(COPY|EXPORT|COPY_DATABASE|IMPORT)$/, 'write or read files'],
  [/^ATTACH$/, 'attach another database'],
  [/^DETACH$/, 'detach a database'],
  [/^USE$/, 'switch to another database'],
  [/^(INSTALL|LOAD|FORCE|UPDATE_EXTENSIONS|EXTENSION)$/, 'install or load an extension'],
  [/^(SET|RESET|VARIABLE_SET)$/, 'change a setting'],
  [/^PRAGMA$/, 'run a pragma (for the catalogue, select from duckdb_tables() or duckdb_columns(), or DESCRIBE a relation)'],
  [/^(BEGIN|COMMIT|ROLLBACK|ABORT|START|END|TRANSACTION|CHECKPOINT|FORCE_CHECKPOINT|VACUUM|ANALYZE|CALL|EXECUTE|PREPARE|DEALLOCATE)$/, 'run a command'],
];

/**
 * A PIVOT whose ON column has no IN list is run by DuckDB as two statements, the first creating an enum type of the
 * column's values: not a read-only query, but what an analyst means is one, so the message says how to write it.
 */
function pivotWithoutValues(sql: string): ConfigError {
  return new ConfigError(
    'QUERY_NOT_READ_ONLY',
    `query is read-only: a PIVOT without an IN list on its ON column first creates a type of the column's values ("${shorten(sql)}"); list the values instead`,
    { hint: "PIVOT … ON time_period IN (2024, 2025) USING sum(obs_value), or sum(obs_value) FILTER (WHERE time_period = 2025) AS y2025 in a SELECT" },
  );
}

/** Returns the SQL on one line, cut at 60 characters. */
function shorten(sql: string): string {
  const text = sql.replace(/\s+/g, ' ').trim();
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

function notReadOnly(sql: string, boundType: string | null): ConfigError {
  const keyword = firstKeyword(sql);
  const isQueryWord = ['SELECT', 'WITH', 'FROM', 'VALUES', 'TABLE', 'DESCRIBE', 'SHOW', 'SUMMARIZE', ''].includes(keyword);
  const kind = isQueryWord ? boundType : keyword;
  const effect = kind === null ? undefined : EFFECTS.find(([pattern]) => pattern.test(kind))?.[1];
  const shown = shorten(sql);
  const what = kind === null ? 'a statement that is not a SELECT' : `${kind}${effect === undefined ? ', which is not a SELECT' : ` would ${effect}`}`;
  return new ConfigError('QUERY_NOT_READ_ONLY', `query is read-only: ${what} ("${shown}"); only a single SELECT query can run`, { hint: HINT });
}

/** Returns the first word of `sql` in capitals, after comments and opening parentheses ('' when none). */
function firstKeyword(sql: string): string {
  const rest = sql.replace(/^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/|\()*/, '');
  return /^[A-Za-z_]+/.exec(rest)?.[0]?.toUpperCase() ?? '';
}
