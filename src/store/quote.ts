/**
 * Quoting for the few places where SQL text must carry a name or literal that cannot be a bound parameter
 * (table names, file paths inside `read_csv(...)`). Values are otherwise always bound as `$name` parameters.
 */

/**
 * Returns `name` as a double-quoted SQL identifier.
 *
 * @example quoteIdent('raw_rou') // '"raw_rou"'
 */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Returns `value` as a single-quoted SQL string literal; NUL bytes are refused since DuckDB cannot hold them.
 *
 * @example quoteLiteral("O'Brien") // "'O''Brien'"
 */
export function quoteLiteral(value: string): string {
  if (value.includes('\u0000')) throw new Error('a SQL literal cannot contain a NUL byte');
  return `'${value.replaceAll("'", "''")}'`;
}
