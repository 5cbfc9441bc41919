import { html, Markup } from '../html.js';
import type { FigureColumn, FigureValue } from './figure.js';
import { formatCell, isNumericFormat } from './format-cell.js';

/** A table row: figure values, or markup for a cell that carries a footnote reference or a link. */
export type TableRow = Record<string, FigureValue | Markup>;

const cell = (value: FigureValue | Markup | undefined, column: FigureColumn): Markup | string =>
  value instanceof Markup ? value : formatCell(value ?? null, column.format);

/** An ISO date (2026-01-29): kept on one line, since a browser may break it after a hyphen. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Returns a data table in its scrolling wrapper (a table wider than the screen scrolls within its own box, not the
 * page): a header row of column titles, numeric columns right-aligned with thousands separators, ISO dates kept on
 * one line. Every cell is text, escaped by the template.
 */
export function renderDataTable(columns: readonly FigureColumn[], rows: readonly TableRow[], caption?: Markup | string): Markup {
  const cls = (c: FigureColumn, value?: FigureValue | Markup) =>
    isNumericFormat(c.format) ? 'num' : typeof value === 'string' && ISO_DATE.test(value) ? 'date' : null;
  return html`<div class="table-wrap"><table class="data">${caption ? html`<caption>${caption}</caption>` : ''}
<thead><tr>${columns.map((c) => html`<th scope="col" class="${cls(c)}">${c.title}</th>`)}</tr></thead>
<tbody>
${rows.map((row) => html`<tr>${columns.map((c, i) =>
    i === 0 ? html`<th scope="row" class="${cls(c, row[c.field])}">${cell(row[c.field], c)}</th>` : html`<td class="${cls(c, row[c.field])}">${cell(row[c.field], c)}</td>`,
  )}</tr>\n`)}</tbody>
</table></div>`;
}
