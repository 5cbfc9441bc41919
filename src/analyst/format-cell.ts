import { CellMap, type Cell } from '../store/index.js';

const NUMERIC_TYPE = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL(\(\d+,\s*\d+\))?|BIGNUM|VARINT)$/;

/** Returns true when a DuckDB type name is a number (right-aligned in tables, never touched in CSV). */
export function isNumericType(type: string): boolean {
  return NUMERIC_TYPE.test(type.trim().toUpperCase());
}

/**
 * Returns a cell as text the way DuckDB prints it: integers and DECIMAL exactly, a DOUBLE in its shortest
 * round-trip form (`0.1`, `29142357199.994972`), `inf`/`-inf`/`nan`, lists as `[a, b]`, structs as `{'k': v}`, maps
 * as `{k=v, k2=v2}` (as `map(…)::varchar` prints them); `null` for NULL, so that each format chooses how to show it.
 * Inside a list, struct or map, a value whose text would read as something else (empty, `NULL`, holding a comma,
 * bracket, quote, colon or `=`, a space at either end) is quoted as DuckDB quotes it:
 * `['a,b', '', 'NULL', NULL, '2025-01-31 12:34:56']`, `{'a,b'=x y, ''='k=v'}`.
 *
 * @example formatCell(9007199254740993n) // '9007199254740993'
 * @example formatCell(['a,b', 'c', null]) // "['a,b', c, NULL]"
 */
export function formatCell(cell: Cell): string | null {
  if (cell === null) return null;
  if (typeof cell === 'number') return formatNumber(cell);
  if (typeof cell === 'bigint' || typeof cell === 'boolean') return String(cell);
  if (typeof cell === 'string') return cell;
  if (Array.isArray(cell)) return `[${cell.map(formatNested).join(', ')}]`;
  if (cell instanceof CellMap) return `{${cell.entries.map(({ key, value }) => `${formatNested(key)}=${formatNested(value)}`).join(', ')}}`;
  return `{${Object.entries(cell).map(([key, item]) => `${quoteNested(key)}: ${formatNested(item)}`).join(', ')}}`;
}

/** Returns an item of a list, struct or map as DuckDB prints it there: NULL, a text quoted where it must be, else as at the top. */
function formatNested(item: Cell): string {
  if (item === null) return 'NULL';
  if (typeof item === 'string') return needsQuotes(item) ? quoteNested(item) : item;
  return formatCell(item) ?? 'NULL';
}

/** DuckDB 1.5 quotes a nested value's text when it holds one of these, or a space at either end. */
const SPECIAL_IN_NESTED = /["'(),:=[\]{}]|^[\t\n\v\f\r ]|[\t\n\v\f\r ]$/;

function needsQuotes(text: string): boolean {
  return text === '' || text.toUpperCase() === 'NULL' || SPECIAL_IN_NESTED.test(text);
}

/** Returns `text` in single quotes, a quote or a backslash escaped by a backslash, as DuckDB writes a nested text or a struct's key. */
function quoteNested(text: string): string {
  return `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  // String(-0) is "0": a negative zero (-1.0 * 0.0) prints as DuckDB prints it
  return Object.is(value, -0) ? '-0' : String(value);
}
