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
 * Returns `value` as a single-quoted SQL string literal. A NUL byte cannot stand inside a literal (the SQL text ends
 * there), so a value holding one (a damaged file's cell) becomes a concatenation with `chr(0)`: any text is quoted.
 *
 * @example quoteLiteral("O'Brien") // "'O''Brien'"
 * @example quoteLiteral('FA\u0000OFF') // "('FA' || chr(0) || 'OFF')"
 */
export function quoteLiteral(value: string): string {
  const quoted = (part: string): string => `'${part.replaceAll("'", "''")}'`;
  if (!value.includes('\u0000')) return quoted(value);
  return `(${value.split('\u0000').map(quoted).join(' || chr(0) || ')})`;
}
