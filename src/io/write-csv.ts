/**
 * Returns one CSV line (RFC 4180): a cell is quoted when it holds the delimiter, a quote or a line break, or starts
 * or ends with a space; quotes inside are doubled. `null` and `undefined` become empty cells.
 *
 * @example formatCsvRow(['ROU', 'Police data, "registered"', 12]) // 'ROU,"Police data, ""registered""",12'
 */
export function formatCsvRow(cells: readonly unknown[], delimiter = ','): string {
  return cells
    .map((cell) => {
      if (cell === null || cell === undefined) return '';
      const text = String(cell);
      return text.includes(delimiter) || /["\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
    })
    .join(delimiter);
}

/** Returns a whole CSV document: the header, then each row, each line ending with LF. */
export function formatCsv(header: readonly string[], rows: readonly (readonly unknown[])[], delimiter = ','): string {
  return [header, ...rows].map((row) => `${formatCsvRow(row, delimiter)}\n`).join('');
}
