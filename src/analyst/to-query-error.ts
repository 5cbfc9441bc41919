import { PipelineError } from '../errors.js';

/**
 * Returns DuckDB's failure of a user's query as a `QUERY_FAILED` error that prints as DuckDB wrote it — the message,
 * then `LINE n:` with the statement and a caret under the position — with the code on the first line, and DuckDB's
 * line as the location (in `file` for a query read from one). Anything already a PipelineError passes through.
 *
 * @example toQueryError(new Error('Binder Error: … \n\nLINE 1: select x\n               ^'), 'q.sql')
 */
export function toQueryError(error: unknown, file?: string): PipelineError {
  if (error instanceof PipelineError) return error;
  const raw = error instanceof Error ? error.message : String(error);
  const message = raw.replace(/^Failed to extract statements: /, '').trimEnd();
  const [first = '', ...rest] = message.split('\n');
  const line = /^LINE (\d+):/m.exec(message)?.[1];
  // read_csv, read_parquet and the like are refused underneath (external access is off): say what to do instead
  const isFileRead = /^Permission Error: .*(file system operations are disabled|disabled by configuration)/.test(first);
  // an unknown table: DuckDB's "did you mean" may offer a system catalogue (pg_enum) for a name nothing is close to
  const isUnknownRelation = /^Catalog Error: Table with name .* does not exist/.test(first);
  const hint = isFileRead
    ? 'query reads the warehouse only, never another file; read an export with DuckDB itself (duckdb -c "select … from read_parquet(…)")'
    : isUnknownRelation
      ? 'crimetrends query --schema lists every view, table and mart with its columns'
      : undefined;
  return new PipelineError('QUERY_FAILED', [`${first} [QUERY_FAILED]`, ...rest].join('\n'), {
    cause: error,
    location: { file, line: line === undefined ? undefined : Number(line) },
    ...(hint === undefined ? {} : { hint }),
  });
}
