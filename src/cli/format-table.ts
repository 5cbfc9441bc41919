import stringWidth from 'string-width';
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
  const widths = columns.map((c) => displayWidth(c.title));
  for (const row of cells) widenColumns(widths, row);
  return [...tableHead(columns, widths), ...cells.map((row) => tableLine(columns, widths, row))].join('\n');
}

/** Returns a row's cells with control characters made visible (a line break as ↵, any other as ·). */
export function cleanTableRow(row: readonly string[]): string[] {
  return row.map((text) => text.replace(/[\u0000-\u001f\u007f]/g, (c) => (c === '\n' ? '↵' : '·')));
}

/** Text a terminal may show in other than one column per code point: combining marks, format characters, wide characters. */
const NOT_ONE_COLUMN_EACH = /[\p{M}\p{Cf}\u1100-\uffff\u{10000}-\u{10ffff}]/u;

let graphemes: Intl.Segmenter | undefined;

/** Returns the grapheme clusters of `text`: a letter with its combining marks, an emoji sequence, as one. */
function splitGraphemes(text: string): string[] {
  graphemes ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  return Array.from(graphemes.segment(text), (s) => s.segment);
}

/**
 * Returns the columns `text` takes on a terminal, as string-width measures them (Unicode's East Asian Width and
 * emoji data): one per grapheme (a "ü" written as u and a combining diaeresis is one, as is "Türkiye"'s precomposed
 * ü), two for a CJK character or an emoji, none for a zero-width space. Plain text (Latin, Cyrillic, Greek, Georgian,
 * Armenian without combining marks) is counted by code points, fast.
 *
 * @example displayWidth('Tu\u0308rkiye') // 7
 */
export function displayWidth(text: string): number {
  return NOT_ONE_COLUMN_EACH.test(text) ? stringWidth(text, { countAnsiEscapeCodes: true }) : text.length;
}

/**
 * Returns `text` cut to at most `width` columns with … at its end, never inside a grapheme; `text` when it fits.
 *
 * @example cutToWidth('Tu\u0308rkiye', 4) // 'Tu\u0308r…'
 */
export function cutToWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let kept = '';
  let used = 0;
  for (const grapheme of splitGraphemes(text)) {
    const next = displayWidth(grapheme);
    if (used + next > Math.max(1, width - 1)) break;
    kept += grapheme;
    used += next;
  }
  return `${kept}…`;
}

/**
 * Widens `widths` in place to fit `row` (columns on a terminal: see displayWidth). One row at a time, so that a table
 * of millions of rows is measured without spreading them into one call (which overflows the stack).
 */
export function widenColumns(widths: number[], row: readonly string[]): void {
  for (let i = 0; i < widths.length; i++) {
    const length = displayWidth(row[i] ?? '');
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
      const gap = ' '.repeat(Math.max(0, widths[i]! - displayWidth(cell)));
      return columns[i]!.isNumeric ? gap + cell : cell + gap;
    })
    .join('  ')
    .trimEnd();
}
