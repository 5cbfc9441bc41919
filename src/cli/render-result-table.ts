import { formatCell, isNumericType } from '../analyst/format-cell.js';
import type { Table } from '../store/index.js';
import { formatTable } from './format-table.js';

/**
 * Returns a query result as an aligned table: NULL shown as `NULL`, numbers right-aligned and exact, control
 * characters made visible (formatTable), and — for a terminal — any cell or title longer than `width` characters cut
 * with `…` so that one long comment cannot push every other column off the screen.
 *
 * @example renderResultTable({ names: ['n'], types: ['BIGINT'], rows: [[1n]] }) // 'n\n-\n1'
 */
export function renderResultTable(table: Table, width = Infinity): string {
  const cut = (text: string): string => {
    const chars = [...text];
    return chars.length > width ? `${chars.slice(0, Math.max(1, width - 1)).join('')}…` : text;
  };
  const columns = table.names.map((name, i) => ({ title: cut(name), isNumeric: isNumericType(table.types[i] ?? '') }));
  return formatTable(columns, table.rows.map((row) => row.map((cell) => cut(formatCell(cell) ?? 'NULL'))));
}
