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
  const cells = rows.map(cleanTableRow);
  const widths = columns.map((c) => c.title.length);
  for (const row of cells) widenColumns(widths, row);
  return [...tableHead(columns, widths), ...cells.map((row) => tableLine(columns, widths, row))].join('\n');
}

/** Returns a row's cells with control characters made visible (a line break as ↵, any other as ·). */
export function cleanTableRow(row: readonly string[]): string[] {
  return row.map((text) => text.replace(/[\u0000-\u001f\u007f]/g, (c) => (c === '\n' ? '↵' : '·')));
}

/**
 * Widens `widths` in place to fit `row` (characters, not UTF-16 units). One row at a time, so that a table of
 * millions of rows is measured without spreading them into one call (which overflows the stack).
 */
export function widenColumns(widths: number[], row: readonly string[]): void {
  for (let i = 0; i < widths.length; i++) {
    const length = [...(row[i] ?? '')].length;
    if (length > widths[i]!) widths[i] = length;
  }
}

/** Returns the header line and the rule under it. */
export function tableHead(columns: readonly TableColumn[], widths: readonly number[]): [string, string] {
  return [tableLine(columns, widths, columns.map((c) => c.title)), widths.map((w) => '-'.repeat(w)).join('  ')];
}

/** Returns one line of the table: each cell padded to its column's width, numbers on the right. */
export function tableLine(columns: readonly TableColumn[], widths: readonly number[], row: readonly string[]): string {
  return row
    .map((cell, i) => {
      const gap = ' '.repeat(Math.max(0, widths[i]! - [...cell].length));
      return columns[i]!.isNumeric ? gap + cell : cell + gap;
    })
    .join('  ')
    .trimEnd();
}
