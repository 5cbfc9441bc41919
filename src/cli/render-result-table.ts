import { formatCell, isNumericType } from '../analyst/format-cell.js';
import type { Cell, Columns, Table } from '../store/index.js';
import { cleanTableRow, cutToWidth, displayWidth, tableHead, tableLine, widenColumns, type TableColumn } from './format-table.js';

/** A query result table built chunk by chunk as the rows stream in, then printed line by line. */
export interface ResultTable {
  /** Adds rows: each cell is formatted at once (the DuckDB values are not kept) and the widths grow to fit. */
  add(rows: readonly (readonly Cell[])[]): void;
  /** Yields the header, the rule and one line per row, aligned over every row added. */
  lines(): Generator<string>;
  readonly rowCount: number;
}

/**
 * Returns an empty result table for `columns`: NULL shown as `NULL`, numbers right-aligned and exact, control
 * characters made visible, and — for a terminal — any cell or title wider than `width` columns cut with `…` so
 * that one long comment cannot push every other column off the screen. It holds the formatted text of the rows
 * only, and prints them one line at a time, so a result of millions of rows neither overflows the stack nor needs
 * one string longer than V8 allows.
 *
 * @example
 * const table = createResultTable({ names: ['n'], types: ['BIGINT'] });
 * table.add([[1n]]);
 * [...table.lines()] // ['n', '-', '1']
 */
export function createResultTable(columns: Columns, width = Infinity): ResultTable {
  const cut = (text: string): string => (width === Infinity ? text : cutToWidth(text, width));
  const titles: TableColumn[] = columns.names.map((name, i) => ({ title: cut(name), isNumeric: isNumericType(columns.types[i] ?? '') }));
  const widths = titles.map((c) => displayWidth(c.title));
  const rows: string[][] = [];
  return {
    add(chunk) {
      for (const row of chunk) {
        const cells = cleanTableRow(row.map((cell) => cut(formatCell(cell) ?? 'NULL')));
        widenColumns(widths, cells);
        rows.push(cells);
      }
    },
    *lines() {
      yield* tableHead(titles, widths);
      for (const row of rows) yield tableLine(titles, widths, row);
    },
    get rowCount() {
      return rows.length;
    },
  };
}

/**
 * Returns a whole query result as an aligned table (see createResultTable).
 *
 * @example renderResultTable({ names: ['n'], types: ['BIGINT'], rows: [[1n]] }) // 'n\n-\n1'
 */
export function renderResultTable(table: Table, width = Infinity): string {
  const result = createResultTable(table, width);
  result.add(table.rows);
  return [...result.lines()].join('\n');
}
