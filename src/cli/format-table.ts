/** A column of a printed table: its title and whether figures align right. */
export interface TableColumn {
  title: string;
  isNumeric?: boolean;
}

/**
 * Returns rows as an aligned plain-text table (two spaces between columns, numbers right-aligned, a rule under the
 * header). Cells are shown as given; control characters are made visible so one cell cannot break the layout.
 */
export function formatTable(columns: readonly TableColumn[], rows: readonly (readonly string[])[]): string {
  const clean = (text: string): string => text.replace(/[\u0000-\u001f\u007f]/g, (c) => (c === '\n' ? '↵' : '·'));
  const cells = rows.map((row) => row.map(clean));
  const widths = columns.map((c, i) => Math.max(c.title.length, ...cells.map((row) => [...(row[i] ?? '')].length)));
  const pad = (text: string, i: number): string => {
    const gap = ' '.repeat(Math.max(0, widths[i]! - [...text].length));
    return columns[i]!.isNumeric ? gap + text : text + gap;
  };
  const line = (row: readonly string[]): string => row.map((cell, i) => pad(cell, i)).join('  ').trimEnd();
  return [line(columns.map((c) => c.title)), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}
