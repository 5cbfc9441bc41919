import { formatCsvCell, neutraliseFormula } from '../../io/write-csv.js';
import type { FigureColumn, FigureRow, FigureValue } from './figure.js';

/**
 * Returns the rows as RFC 4180 CSV with a header of field names, CRLF line ends and numbers as plain decimals
 * (no thousands separators, at most six decimals), so the download opens in any spreadsheet and diff tool.
 *
 * @example toCsv([{ field: 'state', title: 'State', format: 'text' }], [{ state: 'A, "B"' }]) // 'state\r\n"A, ""B"""\r\n'
 */
export function toCsv(columns: readonly FigureColumn[], rows: readonly FigureRow[]): string {
  const lines = [columns.map((c) => quote(c.field)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => cell(row[c.field] ?? null)).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function cell(value: FigureValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(Math.round(value * 1e6) / 1e6) : '';
  return quote(value);
}

function quote(text: string): string {
  return formatCsvCell(neutraliseFormula(text));
}
