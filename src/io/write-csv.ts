/**
 * Returns one CSV line (RFC 4180): a cell is quoted when it holds the delimiter, a quote or a line break, or starts
 * or ends with a space; quotes inside are doubled. `null` and `undefined` become empty cells; with `keepsNull`, an
 * empty text is written `""`, so that a reader can tell it from a null (as DuckDB's and PostgreSQL's CSV do).
 *
 * @example formatCsvRow(['ROU', 'Police data, "registered"', 12]) // 'ROU,"Police data, ""registered""",12'
 * @example formatCsvRow(['', null], ',', { keepsNull: true }) // '"",'
 */
export function formatCsvRow(cells: readonly unknown[], delimiter = ',', { keepsNull = false } = {}): string {
  return cells
    .map((cell) => {
      if (cell === null || cell === undefined) return '';
      const text = String(cell);
      return keepsNull && text === '' ? '""' : formatCsvCell(text, delimiter);
    })
    .join(delimiter);
}

/**
 * Returns one CSV cell, quoted only when it must be: it holds the delimiter, a quote or a line break, or starts or
 * ends with a space. This is the project's one rule for writing a CSV cell.
 *
 * @example formatCsvCell('Police data, "registered"') // the cell in quotes, its quotes doubled
 */
export function formatCsvCell(text: string, delimiter = ','): string {
  return text.includes(delimiter) || /["\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Returns a whole CSV document: the header, then each row, each line ending with LF. */
export function formatCsv(header: readonly string[], rows: readonly (readonly unknown[])[], delimiter = ','): string {
  return [header, ...rows].map((row) => `${formatCsvRow(row, delimiter)}\n`).join('');
}

/**
 * Returns a text cell made safe to open in a spreadsheet: a cell that starts with `=`, `+`, `-`, `@`, a tab or a
 * carriage return would be read as a formula (CSV injection), so it gets a leading apostrophe, which spreadsheets
 * show as text. Only text columns go through here; numbers are never touched.
 *
 * @example neutraliseFormula('=SUM(A1)') // "'=SUM(A1)"
 * @example neutraliseFormula('police data') // 'police data'
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
