import { PipelineError } from '../errors.js';

/**
 * Returns DuckDB's failure of a user's query as a `QUERY_FAILED` error that prints as DuckDB wrote it — the message,
 * then `LINE n:` with the statement and a caret under the position — with the code on the first line, and DuckDB's
 * line and the caret's column as the location (in `file` for a query read from one: `q.sql:3 column 6`). Anything
 * already a PipelineError passes through.
 *
 * @example toQueryError(new Error('Binder Error: … \n\nLINE 1: select x\n               ^'), 'q.sql', 'select x')
 */
export function toQueryError(error: unknown, file?: string, sql?: string): PipelineError {
  if (error instanceof PipelineError) return error;
  const raw = error instanceof Error ? error.message : String(error);
  const message = raw.replace(/^Failed to extract statements: /, '').trimEnd();
  const [first = '', ...rest] = message.split('\n');
  const line = /^LINE (\d+):/m.exec(message)?.[1];
  const column = caretColumn(message, sql);
  // read_csv, read_parquet and the like are refused underneath (external access is off): say what to do instead
  const isFileRead = /^Permission Error: .*(file system operations are disabled|disabled by configuration)/.test(first);
  // an unknown table: DuckDB's "did you mean" may offer a system catalogue (pg_enum) for a name nothing is close to
  const isUnknownRelation = /^Catalog Error: Table with name .* does not exist/.test(first);
  // a mistyped column: DuckDB lists the candidates of the relations in FROM, not what the others hold
  const isUnknownColumn = /^Binder Error: Referenced column .* not found/.test(first);
  const hint = isFileRead
    ? 'query reads the warehouse only, never another file; read an export with DuckDB itself (duckdb -c "select … from read_parquet(…)")'
    : isUnknownRelation || isUnknownColumn
      ? 'crimetrends query --schema lists every view, table and mart with its columns'
      : undefined;
  return new PipelineError('QUERY_FAILED', [`${first} [QUERY_FAILED]`, ...rest].join('\n'), {
    cause: error,
    location: { file, line: line === undefined ? undefined : Number(line), column },
    ...(hint === undefined ? {} : { hint }),
  });
}

/**
 * Returns the column (from 1) of the caret DuckDB draws under `LINE n: …`, in the query's line n: DuckDB shows a long
 * line as a window of it between "...", found again in the query's own line; undefined when there is no caret, or the
 * window is not found.
 *
 * @example caretColumn('Parser Error: …\n\nLINE 3: from from x\n             ^', 'select 1,\n  2\nfrom from x') // 6
 */
function caretColumn(message: string, sql: string | undefined): number | undefined {
  const found = /^(LINE (\d+): )(.*)\n( *)\^/m.exec(message);
  if (found === null) return undefined;
  const [, prefix = '', lineNumber = '', shown = '', spaces = ''] = found;
  const isCutBefore = shown.startsWith('...');
  const offset = spaces.length - prefix.length - (isCutBefore ? 3 : 0);
  const window = shown.slice(isCutBefore ? 3 : 0).replace(/\.\.\.$/, '');
  if (offset < 0) return undefined;
  const text = sql?.split('\n')[Number(lineNumber) - 1]?.replace(/\r$/, '');
  if (text === undefined) return isCutBefore ? undefined : offset + 1;
  const at = text.indexOf(window);
  return at < 0 ? undefined : at + offset + 1;
}
