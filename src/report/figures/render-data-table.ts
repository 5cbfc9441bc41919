import { html, type Markup } from '../html.js';
import type { FigureColumn, FigureRow } from './figure.js';
import { formatCell, isNumericFormat } from './format-cell.js';

/**
 * Returns a data table: a header row of column titles, numeric columns right-aligned with thousands separators.
 * Every cell is text, escaped by the template.
 */
export function renderDataTable(columns: readonly FigureColumn[], rows: readonly FigureRow[], caption?: Markup | string): Markup {
  const cls = (c: FigureColumn) => (isNumericFormat(c.format) ? 'num' : null);
  return html`<table class="data">${caption ? html`<caption>${caption}</caption>` : ''}
<thead><tr>${columns.map((c) => html`<th scope="col" class="${cls(c)}">${c.title}</th>`)}</tr></thead>
<tbody>
${rows.map((row) => html`<tr>${columns.map((c, i) =>
    i === 0 ? html`<th scope="row" class="${cls(c)}">${formatCell(row[c.field] ?? null, c.format)}</th>` : html`<td class="${cls(c)}">${formatCell(row[c.field] ?? null, c.format)}</td>`,
  )}</tr>\n`)}</tbody>
</table>`;
}
