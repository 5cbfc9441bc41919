import { html, Markup } from '../html.js';
import type { FigureColumn, FigureValue } from './figure.js';
import { formatCell, isNumericFormat } from './format-cell.js';

/** A table row: figure values, or markup for a cell that carries a footnote reference or a link. */
export type TableRow = Record<string, FigureValue | Markup>;

const cell = (value: FigureValue | Markup | undefined, column: FigureColumn): Markup | string =>
  value instanceof Markup ? value : formatCell(value ?? null, column.format);

/**
 * Returns a data table: a header row of column titles, numeric columns right-aligned with thousands separators.
 * Every cell is text, escaped by the template.
 */
export function renderDataTable(columns: readonly FigureColumn[], rows: readonly TableRow[], caption?: Markup | string): Markup {
  const cls = (c: FigureColumn) => (isNumericFormat(c.format) ? 'num' : null);
  return html`<table class="data">${caption ? html`<caption>${caption}</caption>` : ''}
<thead><tr>${columns.map((c) => html`<th scope="col" class="${cls(c)}">${c.title}</th>`)}</tr></thead>
<tbody>
${rows.map((row) => html`<tr>${columns.map((c, i) =>
    i === 0 ? html`<th scope="row" class="${cls(c)}">${cell(row[c.field], c)}</th>` : html`<td class="${cls(c)}">${cell(row[c.field], c)}</td>`,
  )}</tr>\n`)}</tbody>
</table>`;
}
