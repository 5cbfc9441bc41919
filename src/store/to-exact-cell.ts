import {
  DuckDBArrayType,
  DuckDBArrayValue,
  DuckDBListType,
  DuckDBListValue,
  DuckDBMapType,
  DuckDBMapValue,
  DuckDBStructType,
  DuckDBStructValue,
  DuckDBTypeId,
  DuckDBUnionType,
  DuckDBUnionValue,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';

/**
 * A value as {@link Store.table} and {@link Store.stream} return it, exact: integers up to INTEGER as numbers, BIGINT
 * and wider as bigint, FLOAT and DOUBLE as numbers, DECIMAL, dates, times, intervals, UUIDs and blobs as the text
 * DuckDB prints for them, lists as arrays, structs as objects, maps as a {@link CellMap}.
 */
export type Cell = null | boolean | number | bigint | string | Cell[] | CellMap | { [key: string]: Cell };

/**
 * A DuckDB MAP: its entries in order, each key and value exact. A class, not a plain object, since a map's keys may
 * be of any type (an integer, a struct) and it must not be taken for a struct.
 */
export class CellMap {
  constructor(readonly entries: readonly { readonly key: Cell; readonly value: Cell }[]) {}
}

/**
 * Returns `value` (a raw DuckDB value of type `type`) as an exact {@link Cell}.
 *
 * DECIMAL keeps every digit as text (`0.30`, never `0.30000000000000004`); a FLOAT is widened to the double with the
 * same shortest decimal form, so 1.1::float reads 1.1 rather than 1.100000023841858.
 *
 * @example toExactCell(decimalValue(30n, 3, 2), DECIMAL(3, 2)) // '0.30'
 */
export function toExactCell(value: DuckDBValue, type: DuckDBType): Cell {
  if (value === null || typeof value === 'boolean' || typeof value === 'bigint' || typeof value === 'string') return value;
  if (typeof value === 'number') return type.typeId === DuckDBTypeId.FLOAT ? shortestFloat(value) : value;
  if (value instanceof DuckDBListValue || value instanceof DuckDBArrayValue) {
    const child = type instanceof DuckDBListType || type instanceof DuckDBArrayType ? type.valueType : type;
    return value.items.map((item) => toExactCell(item, child));
  }
  if (value instanceof DuckDBStructValue) {
    const entryType = (key: string): DuckDBType => (type instanceof DuckDBStructType ? type.typeForEntry(key) : type);
    return Object.fromEntries(Object.entries(value.entries).map(([key, item]) => [key, toExactCell(item, entryType(key))]));
  }
  if (value instanceof DuckDBUnionValue) {
    return toExactCell(value.value, type instanceof DuckDBUnionType ? type.memberTypeForTag(value.tag) : type);
  }
  if (value instanceof DuckDBMapValue) {
    const [keyType, valueType] = type instanceof DuckDBMapType ? [type.keyType, type.valueType] : [type, type];
    return new CellMap(value.entries.map((entry) => ({ key: toExactCell(entry.key, keyType), value: toExactCell(entry.value, valueType) })));
  }
  return value.toString();
}

/** Returns the double whose shortest decimal form is the shortest that still reads back as the same float32. */
function shortestFloat(value: number): number {
  if (!Number.isFinite(value)) return value;
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === value) return candidate;
  }
  return value;
}
