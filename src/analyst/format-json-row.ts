import { CellMap, type Cell } from '../store/index.js';
import { formatCell } from './format-cell.js';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Returns one result row as a compact JSON object. Numbers stay numbers where a JSON reader gets the same value
 * back: integers within ±(2^53 − 1) and DECIMALs whose digits survive a double (`0.30` → `0.3`); a BIGINT or DECIMAL
 * beyond that, and `inf`/`nan`, become strings so that no digit is lost. Repeated column names get `_2`, `_3`. A MAP
 * is an object, as DuckDB's `to_json` writes it: each key as its text (`{"1":[1,2]}`, a struct key `{"{'x': 1}":2}`),
 * each value in JSON, the entries in the map's order.
 *
 * @example formatJsonRow(['n', 'd'], ['BIGINT', 'DECIMAL(4,2)'], [2n ** 60n, '0.30']) // '{"n":"1152921504606846976","d":0.3}'
 */
export function formatJsonRow(names: readonly string[], types: readonly string[], row: readonly Cell[]): string {
  const keys = uniqueKeys(names);
  const fields = row.map((cell, i) => `${JSON.stringify(keys[i])}:${jsonValue(cell, /^DECIMAL/i.test(types[i] ?? ''))}`);
  return `{${fields.join(',')}}`;
}

/** Returns column names made unique for use as object keys (`a`, `a_2`, `a_3`). */
export function uniqueKeys(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name}_${n}`;
  });
}

function jsonValue(cell: Cell, isDecimal: boolean): string {
  if (cell === null) return 'null';
  if (typeof cell === 'boolean') return String(cell);
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : JSON.stringify(Number.isNaN(cell) ? 'nan' : cell > 0 ? 'inf' : '-inf');
  if (typeof cell === 'bigint') return cell <= MAX_SAFE && cell >= -MAX_SAFE ? String(cell) : JSON.stringify(String(cell));
  if (typeof cell === 'string') return isDecimal ? decimalJson(cell) : JSON.stringify(cell);
  if (Array.isArray(cell)) return `[${cell.map((item) => jsonValue(item, false)).join(',')}]`;
  if (cell instanceof CellMap) return `{${cell.entries.map(({ key, value }) => `${JSON.stringify(formatCell(key) ?? 'NULL')}:${jsonValue(value, false)}`).join(',')}}`;
  return `{${Object.entries(cell).map(([key, item]) => `${JSON.stringify(key)}:${jsonValue(item, false)}`).join(',')}}`;
}

/**
 * Returns DECIMAL text as a JSON number when a double holds all its digits (at most 15 significant), trailing zeros
 * dropped (`0.30` → `0.3`), else as a JSON string.
 */
function decimalJson(value: string): string {
  const canonical = value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
  const digits = canonical.replace(/^-/, '').replace('.', '').replace(/^0+/, '');
  if (!/^-?\d+(\.\d+)?$/.test(canonical) || digits.length > 15) return JSON.stringify(value);
  return canonical === '-0' ? '0' : canonical;
}
