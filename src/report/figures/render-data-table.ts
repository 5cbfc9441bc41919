import { html, Markup } from '../html.js';
import type { FigureColumn, FigureValue } from './figure.js';
import { formatCell, isNumericFormat } from './format-cell.js';

/** A table column: a figure's column, optionally under a spanning head it shares with the columns next to it. */
export interface TableColumn extends FigureColumn {
  /** The spanning head over this column and its neighbours with the same group (e.g. "Like-for-like"). */
  group?: string;
}

/** A table row: figure values, or markup for a cell that carries a footnote reference or a link. */
export type TableRow = Record<string, FigureValue | Markup>;

const cell = (row: TableRow, column: FigureColumn): Markup | string => {
  const value = row[column.field];
  return value instanceof Markup ? value : formatCell(value ?? null, column.formatOf?.(row) ?? column.format);
};

/**
 * A date, ISO (2026-01-29) or in words as the text gives it (29 January 2026, Table 2.1's): kept on one line, since a
 * browser may break it after a hyphen or a space.
 */
const ISO_DATE = /^(\d{4}-\d{2}-\d{2}|\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4})$/;

/**
 * Returns a data table in its scrolling wrapper (a table wider than the screen scrolls within its own box, not the
 * page): a header row of column titles, under a row of spanning heads where columns have a `group`, numeric columns
 * right-aligned with thousands separators, ISO dates kept on one line, a column marked `omitWhenEmpty` left out when
 * no row has a value in it. Every cell is text, escaped by the template. `labelledBy`, the id of an element naming the
 * table (a figure's caption), gives a table without a caption of its own its accessible name.
 */
export function renderDataTable(allColumns: readonly TableColumn[], rows: readonly TableRow[], caption?: Markup | string, labelledBy?: string): Markup {
  const columns = allColumns.filter((c) => !c.omitWhenEmpty || rows.some((row) => row[c.field] !== null && row[c.field] !== undefined && row[c.field] !== ''));
  const cls = (c: FigureColumn, value?: FigureValue | Markup) =>
    isNumericFormat(c.format) ? 'num' : typeof value === 'string' && ISO_DATE.test(value) ? 'date' : null;
  return html`<div class="table-wrap"><table class="data"${labelledBy ? html` aria-labelledby="${labelledBy}"` : ''}>${caption ? html`<caption>${caption}</caption>` : ''}
<thead>${renderHead(columns, cls)}</thead>
<tbody>
${rows.map((row) => html`<tr>${columns.map((c, i) =>
    i === 0 ? html`<th scope="row" class="${cls(c, row[c.field])}">${cell(row, c)}</th>` : html`<td class="${cls(c, row[c.field])}">${cell(row, c)}</td>`,
  )}</tr>\n`)}</tbody>
</table></div>`;
}

/**
 * Returns the header rows: the column titles alone, or where columns have a `group`, a first row with each group's
 * spanning head over its columns and every other column's title spanning both rows.
 */
function renderHead(columns: readonly TableColumn[], cls: (c: FigureColumn) => string | null): Markup {
  if (columns.every((c) => c.group === undefined)) return html`<tr>${columns.map((c) => html`<th scope="col" class="${cls(c)}">${c.title}</th>`)}</tr>`;
  const runs: { group?: string; columns: TableColumn[] }[] = [];
  for (const column of columns) {
    const last = runs[runs.length - 1];
    if (last && column.group !== undefined && last.group === column.group) last.columns.push(column);
    else runs.push({ group: column.group, columns: [column] });
  }
  return html`<tr>${runs.map((run) => run.group === undefined
    ? html`<th scope="col" rowspan="2" class="${cls(run.columns[0]!)}">${run.columns[0]!.title}</th>`
    : html`<th scope="colgroup" colspan="${run.columns.length}" class="span">${run.group}</th>`)}</tr>
<tr>${columns.filter((c) => c.group !== undefined).map((c) => html`<th scope="col" class="${cls(c)}">${c.title}</th>`)}</tr>`;
}
