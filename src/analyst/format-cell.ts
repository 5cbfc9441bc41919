import type { Cell } from '../store/index.js';

const NUMERIC_TYPE = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL(\(\d+,\s*\d+\))?|BIGNUM|VARINT)$/;

/** Returns true when a DuckDB type name is a number (right-aligned in tables, never touched in CSV). */
export function isNumericType(type: string): boolean {
  return NUMERIC_TYPE.test(type.trim().toUpperCase());
}

/**
 * Returns a cell as text the way DuckDB prints it: integers and DECIMAL exactly, a DOUBLE in its shortest
 * round-trip form (`0.1`, `29142357199.994972`), `inf`/`-inf`/`nan`, lists as `[a, b]`, structs as `{'k': v}`;
 * `null` for NULL, so that each format chooses how to show it.
 *
 * @example formatCell(9007199254740993n) // '9007199254740993'
 */
export function formatCell(cell: Cell): string | null {
  if (cell === null) return null;
  if (typeof cell === 'number') return formatNumber(cell);
  if (typeof cell === 'bigint' || typeof cell === 'boolean') return String(cell);
  if (typeof cell === 'string') return cell;
  if (Array.isArray(cell)) return `[${cell.map((item) => formatCell(item) ?? 'NULL').join(', ')}]`;
  return `{${Object.entries(cell).map(([key, item]) => `'${key}': ${formatCell(item) ?? 'NULL'}`).join(', ')}}`;
}

function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  // String(-0) is "0": a negative zero (-1.0 * 0.0) prints as DuckDB prints it
  return Object.is(value, -0) ? '-0' : String(value);
}
