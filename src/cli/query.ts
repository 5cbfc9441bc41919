import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import type { Context } from '../context.js';
import { ConfigError } from '../errors.js';
import { describeFileError, PERMISSION_HINT } from '../io/describe-unreadable.js';
import { formatCsvRow } from '../io/write-csv.js';
import type { Config } from '../schema/config.js';
import { MARTS } from '../schema/marts.js';
import type { UnknownCode } from '../analyst/index.js';
import type { Columns, Store } from '../store/index.js';
import { openOutput, openOutputFile, temporaryPathOf, type Output } from './open-output.js';
import { toJson } from './output.js';
import { printSchema } from './print-schema.js';
import { createResultTable, type ResultTable } from './render-result-table.js';
import type { CommonOptions } from './program.js';
import { displayPath, resolveSetup } from './setup.js';
import { toOutputError } from './to-output-error.js';

export interface QueryOptions extends CommonOptions {
  file?: string;
  /** Not given: the --out file's extension (.csv, .json, .parquet), else table. */
  format?: QueryFormat;
  out?: string;
  schema?: boolean;
}

type QueryFormat = 'table' | 'csv' | 'json' | 'parquet';

/** The formats an --out file's extension names (any case), taken when --format is not given. */
const FORMAT_OF_EXTENSION: Record<string, QueryFormat> = { '.csv': 'csv', '.json': 'json', '.parquet': 'parquet' };

/**
 * Returns the format to write: --format as given, else the one the --out file's extension names (`q.parquet` is
 * Parquet, not a text table under that name), else a table.
 */
function chooseFormat(options: Pick<QueryOptions, 'format' | 'out'>): QueryFormat {
  return options.format ?? (options.out === undefined ? undefined : FORMAT_OF_EXTENSION[extname(options.out).toLowerCase()]) ?? 'table';
}

/** What each format writes, as a warning over a misnamed --out says it ("--out q.json holds CSV"). */
const WRITTEN: Record<ResultFormat | 'parquet', string> = { table: 'a text table', csv: 'CSV', json: 'JSON', document: 'JSON', parquet: 'Parquet' };

/** Cells longer than this are cut with … when the table goes to a terminal (never in a file or a pipe). */
const TTY_CELL_WIDTH = 40;

/** Rows of a table shown on a terminal: the rest are counted, and stderr says how to get them all (a file, a pager). */
const TTY_ROWS = 1000;

/** Lines of a table handed to the output at a time: a long table is written in pieces, never as one string. */
const TABLE_LINES_PER_WRITE = 1000;

/**
 * `crimetrends query "SQL" | --file Q.sql [--format table|csv|json|parquet] [--out FILE]`: runs one SELECT on the
 * warehouse opened read-only and locked down (see openLockedWarehouse and checkReadOnlySql); `--schema` lists the
 * documented views, marts and tables instead. Returns 0; a refused or failing query throws (exit 2 or 1).
 */
export async function queryAction(ctx: Context, sqlArgument: string | undefined, options: QueryOptions): Promise<number> {
  const asked = chooseFormat(options);
  if (options.schema) {
    if (sqlArgument !== undefined || options.file !== undefined) throw new ConfigError('QUERY_TWICE', 'give either a query or --schema, not both');
    if (options.format === 'csv' || options.format === 'parquet') {
      throw new ConfigError('USAGE_ERROR', `--schema lists the relations as a table or as JSON, not as ${options.format}`, { hint: 'crimetrends query --schema --format json' });
    }
  }
  if (options.schema) {
    const schemaOut = options.out === undefined ? undefined : resolve(ctx.cwd, options.out);
    const isJson = options.json === true || asked === 'json';
    const { checkOutName } = await import('../analyst/check-out-name.js');
    const misnamed = checkOutName('query', options.out, isJson ? 'JSON' : 'a text table', isJson ? '.json' : '.txt');
    if (misnamed !== undefined) ctx.logger.warn(misnamed);
    await printSchema(ctx, isJson, schemaOut);
    // --json: one document on stdout, also when the listing went to --out
    if (options.json && schemaOut !== undefined) ctx.out(toJson({ ok: true, command: 'query', outputs: [schemaOut], issues: [] }));
    else if (schemaOut !== undefined) ctx.logger.info(`wrote the list of relations to ${displayPath(ctx, schemaOut)}`);
    return 0;
  }
  if (options.json && options.out === undefined && (asked === 'csv' || asked === 'parquet')) {
    throw new ConfigError('OUT_REQUIRED', `--json prints one JSON document on stdout, so --format ${asked} needs --out FILE`);
  }
  // --json on stdout: the rows inside the document every command prints ({ ok, command, … }); --format json: a bare array
  const format = options.json && options.out === undefined ? 'document' : options.json && asked === 'table' ? 'json' : asked;
  if (sqlArgument !== undefined && options.file !== undefined) throw new ConfigError('QUERY_TWICE', 'give the query either as an argument or with --file, not both');
  if (sqlArgument === undefined && options.file === undefined) {
    throw new ConfigError('QUERY_MISSING', 'expected a query: crimetrends query "select …" or --file q.sql', { hint: 'crimetrends query --schema lists what can be queried' });
  }
  const filePath = options.file === undefined ? undefined : resolve(ctx.cwd, options.file);
  const fileName = filePath === undefined ? undefined : displayPath(ctx, filePath);
  const sql = filePath === undefined ? sqlArgument! : readQueryFile(filePath, fileName!);
  if (format === 'parquet' && options.out === undefined) throw new ConfigError('OUT_REQUIRED', '--format parquet writes a file: add --out FILE.parquet');
  const outPath = options.out === undefined ? undefined : resolve(ctx.cwd, options.out);
  const { checkOutName } = await import('../analyst/check-out-name.js');
  const misnamed = checkOutName('query', options.out, WRITTEN[format], format === 'json' || format === 'parquet' ? `.${format}` : '.csv');
  if (misnamed !== undefined) ctx.logger.warn(misnamed);

  const setup = await resolveSetup(ctx, options);
  const [{ openLockedWarehouse }, analyst] = await Promise.all([import('../store/index.js'), import('../analyst/index.js')]);
  // the one file a query may write is the Parquet file's temporary name, which COPY fills before it is moved into place
  const writablePaths = format === 'parquet' ? [temporaryPathOf(outPath!)] : [];
  const store = await openLockedWarehouse(setup.warehouse, { writablePaths });
  let result: QueryResult;
  try {
    await analyst.checkReadOnlySql(store, sql).catch((error: unknown) => Promise.reject(analyst.toQueryError(error, fileName, sql)));
    await warnOfOutdatedMarts(ctx, store, sql, setup.config);
    result = format === 'parquet'
      ? await writeParquet(store, sql, outPath!, fileName)
      : await writeOutput(ctx, store, sql, format as ResultFormat, outPath, fileName);
    // a state's name where its code is wanted finds no row and reads as "none": say so beside the result
    for (const unknown of await analyst.findUnknownCodes(store, sql).catch(() => [])) ctx.logger.warn(describeUnknownCode(unknown, fileName));
  } finally {
    store.close();
  }
  if (outPath !== undefined) {
    const { columns, rowCount } = result;
    const described = columns.names.map((name, i) => ({ name, type: columns.types[i] }));
    if (options.json) ctx.out(toJson({ ok: true, command: 'query', columns: described, row_count: rowCount, outputs: [outPath], issues: [] }));
    else ctx.logger.info(`wrote ${rowCount} ${rowCount === 1 ? 'row' : 'rows'} to ${displayPath(ctx, outPath)}`);
  } else if (format === 'table' && process.stdout.isTTY) {
    const { rowCount, shown = rowCount } = result;
    ctx.logger.info(shown < rowCount
      ? `(${rowCount} rows, the first ${shown} shown: --out q.csv writes them all, as does a pipe: crimetrends query … | less -S)`
      : `(${rowCount} ${rowCount === 1 ? 'row' : 'rows'})`);
  }
  return 0;
}

/**
 * Returns the warning for a literal no row can hold, located as DuckDB's errors are: `line 1 column 50: no row has
 * ref_area 'Romania': ref_area holds ISO 3166-1 alpha-3 codes …; did you mean 'ROU'?`.
 */
function describeUnknownCode(unknown: UnknownCode, fileName: string | undefined): string {
  const { line, column, name, value, holds, meant } = unknown;
  const at = line === undefined ? '' : `${fileName === undefined ? 'line ' : `${fileName}:`}${line} column ${column}: `;
  const quoted = `'${value.replaceAll("'", "''")}'`;
  return `${at}no row has ${name} ${quoted}: ${name} holds ${holds}${meant === undefined ? '' : `; did you mean '${meant}'?`}`;
}

/** Marts a query names (as words, any case): the relations `build` writes, which a later ingest leaves behind. */
const MART_NAMES = new RegExp(`\\b(${MARTS.map((mart) => mart.name).join('|')})\\b`, 'i');

/**
 * Warns on stderr when the query names a mart and the marts are out of date (a submission came in after the last
 * build, or the config sets otherwise what the build applied): the answer is then the last build's. The query runs.
 */
async function warnOfOutdatedMarts(ctx: Context, store: Store, sql: string, config: Config): Promise<void> {
  if (!MART_NAMES.test(sql)) return;
  const { describeOutdatedMarts } = await import('../models/describe-outdated-marts.js');
  const outdated = await describeOutdatedMarts(store, config);
  if (outdated !== null) ctx.logger.warn(`${outdated}; run "crimetrends build" for current figures [MARTS_OUTDATED]`);
}

/** What a query wrote: its columns and how many rows. */
interface QueryResult {
  columns: Columns;
  rowCount: number;
  /** Rows of a table shown on a terminal, where it is cut at TTY_ROWS; rowCount elsewhere. */
  shown?: number;
}

/**
 * Writes the result to stdout or to the file `outPath` (checked, its folder created, moved into place whole) and
 * returns it; a failure of the query is `QUERY_FAILED`, of the file `OUT_UNWRITABLE`.
 */
async function writeOutput(ctx: Context, store: Store, sql: string, format: ResultFormat, outPath: string | undefined, fileName: string | undefined): Promise<QueryResult> {
  const { toQueryError } = await import('../analyst/index.js');
  const output = openOutput(ctx, outPath);
  try {
    const result = await writeResult(store, sql, format, output, process.stdout.isTTY === true && output.path === null).catch((error: unknown) =>
      Promise.reject(toQueryError(error, fileName, sql)),
    );
    await output.commit();
    return result;
  } catch (error) {
    output.abort();
    throw error;
  }
}

/**
 * Writes the result to the Parquet file `outPath` through DuckDB's COPY, by way of the same checks and temporary file
 * as every other --out, and returns it. DuckDB failing to write the temporary file is `OUT_UNWRITABLE` naming
 * `outPath`; the query failing is `QUERY_FAILED`.
 */
async function writeParquet(store: Store, sql: string, outPath: string, fileName: string | undefined): Promise<QueryResult> {
  const { copyQueryToParquet, describeQuery, toQueryError } = await import('../analyst/index.js');
  const file = openOutputFile(outPath, { exampleName: 'out.parquet' });
  try {
    const columns = await describeQuery(store, sql);
    const rowCount = await copyQueryToParquet(store, sql, file.temporary).catch((error: unknown) =>
      Promise.reject(error instanceof Error && error.message.includes(file.temporary) ? toOutputError(outPath, error) : toQueryError(withoutCopyLine(error), fileName, sql)),
    );
    file.commit();
    return { columns, rowCount };
  } catch (error) {
    file.abort();
    throw error;
  }
}

/**
 * Returns DuckDB's error without its `LINE 1: copy (from query(…)) to '…'` part: that line quotes the statement the
 * tool wrapped the query in (and the temporary file's name), not anything the user wrote.
 */
function withoutCopyLine(error: unknown): unknown {
  if (!(error instanceof Error) || !/\nLINE \d+: copy \(from query\(/.test(error.message)) return error;
  return new Error(error.message.replace(/\s*\nLINE \d+: copy \(from query\([\s\S]*$/, ''), { cause: error });
}

function readQueryFile(path: string, name: string): string {
  try {
    return readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    const why = describeFileError(error);
    // a folder too (--file queries/, was no hint): the file holding the query is to be named
    const hint = why === 'permission denied' ? PERMISSION_HINT : why === 'no such file' || why === 'a folder, not a file' ? 'check the path; --file names a file holding the query' : undefined;
    throw new ConfigError('QUERY_FILE_UNREADABLE', `cannot read ${name}: ${why}`, { cause: error, location: { file: name }, ...(hint === undefined ? {} : { hint }) });
  }
}

type ResultFormat = 'table' | 'csv' | 'json' | 'document';

/**
 * Writes the result in `format` and returns its columns and row count: csv, json (an array of objects) and document (`--json`:
 * `{ "ok", "command", "columns", "rows": [...], "row_count" }`) are streamed chunk by chunk.
 */
async function writeResult(store: Store, sql: string, format: ResultFormat, output: Output, isTty: boolean): Promise<QueryResult> {
  const { formatCell, formatJsonRow } = await import('../analyst/index.js');
  if (format === 'table') {
    // The widths need every row, so the rows are kept (as formatted text) and written once all have come
    const width = isTty ? TTY_CELL_WIDTH : Infinity;
    let table: ResultTable | undefined;
    // on a terminal the first TTY_ROWS rows only (2 million lines scrolled past, each kept for the widths); the rest counted
    const limit = isTty ? TTY_ROWS : Infinity;
    let rowCount = 0;
    const columns = await store.stream(sql, async (chunk, cols) => {
      table ??= createResultTable(cols, width);
      const room = limit - table.rowCount;
      if (room > 0) table.add(room >= chunk.length ? chunk : chunk.slice(0, room));
      rowCount += chunk.length;
    });
    table ??= createResultTable(columns, width);
    let batch: string[] = [];
    for (const line of table.lines()) {
      batch.push(line);
      if (batch.length === TABLE_LINES_PER_WRITE) {
        await output.write(`${batch.join('\n')}\n`);
        batch = [];
      }
    }
    if (batch.length > 0) await output.write(`${batch.join('\n')}\n`);
    return { columns, rowCount, shown: table.rowCount };
  }
  let rows = 0;
  let isFirst = true;
  const begin = async (columns: Columns): Promise<void> => {
    if (!isFirst) return;
    isFirst = false;
    if (format === 'csv') await output.write(`${formatCsvRow(columns.names)}\n`);
    else if (format === 'json') await output.write('[');
    else {
      const described = columns.names.map((name, i) => ({ name, type: columns.types[i] }));
      await output.write(`{\n  "ok": true,\n  "command": "query",\n  "columns": ${JSON.stringify(described)},\n  "rows": [`);
    }
  };
  const columns = await store.stream(sql, async (chunk, cols) => {
    await begin(cols);
    const lines = chunk.map((row, i) =>
      format === 'csv'
        ? `${formatCsvRow(row.map(formatCell), ',', { keepsNull: true })}\n`
        : `${rows + i === 0 ? '\n' : ',\n'}${format === 'document' ? '    ' : ''}${formatJsonRow(cols.names, cols.types, row)}`,
    );
    rows += chunk.length;
    await output.write(lines.join(''));
  });
  await begin(columns);
  if (format === 'json') await output.write(rows === 0 ? ']\n' : '\n]\n');
  if (format === 'document') await output.write(`${rows === 0 ? ']' : '\n  ]'},\n  "row_count": ${rows}\n}\n`);
  return { columns, rowCount: rows };
}
