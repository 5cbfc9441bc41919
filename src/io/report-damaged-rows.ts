import type { Store } from '../store/index.js';
import { quoteLiteral } from '../store/index.js';
import type { Issue } from '../schema/issue.js';
import { undoDoubleUtf8 } from './undo-double-utf8.js';
import type { LineSql } from './csv-read.js';

/** What the functions that report damaged rows need. */
export interface RowsContext {
  store: Store;
  /** The loaded table, quoted. */
  table: string;
  header: string[];
  line: LineSql;
  file: string;
  delimiter: string;
  issues: Issue[];
}

/** Control characters a spreadsheet never writes (C0 but tab, LF and CR; DEL; C1), as a JS and an RE2 pattern. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const CONTROL_RE2 = '[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x{7f}-\\x{9f}]';
const CONTROL_NAMES: Record<number, string> = {
  0: 'a NUL byte', 0x0b: 'a vertical tab', 0x0c: 'a form feed', 0x1a: 'a Ctrl-Z', 0x1b: 'an escape character', 0x7f: 'a delete character',
  0x85: 'a next-line character',
};

/**
 * Returns `text` with every control character a spreadsheet never writes shown as its Unicode control picture
 * (NUL as ␀, U+2400; DEL as ␡) or, for a C1 control, which has none, as `\u0085`: such a value can be printed,
 * stored and quoted like any text.
 *
 * @example visible('FA\u0000OFF') // 'FA␀OFF'
 */
export function visible(text: string): string {
  return text.replace(new RegExp(CONTROL.source, 'g'), (c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? '\u2421' : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * Returns the issue (without its place) for a cell holding a control character or, in damaged UTF-8, a bad byte.
 * `repairs` caches, per cell holding a C1 control, what undoDoubleUtf8 makes of it.
 */
export function describeDamage(cell: string, isDamagedUtf8: boolean, repairs?: Map<string, string | undefined>): Pick<Issue, 'code' | 'severity' | 'message' | 'hint'> | undefined {
  const control = CONTROL.exec(cell);
  if (control !== null) {
    const code = control[0].charCodeAt(0);
    const name = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    const at = `at character ${control.index + 1} of the cell`;
    // text converted to UTF-8 twice through Latin-1 (not windows-1252) holds C1 controls where a letter's second byte
    // was 0x80-0x9F (`Ð\u009f` for `П`): said so, with what it reads as once repaired. It stays an error, its row
    // unread: a control character is no text to store, and the repair is a guess only the sender can confirm
    if (code >= 0x80) {
      let repaired = repairs?.get(cell);
      if (repaired === undefined && !repairs?.has(cell)) {
        repaired = undoDoubleUtf8(cell);
        repairs?.set(cell, repaired);
      }
      if (repaired !== undefined) {
        return {
          code: 'CONTROL_CHARACTER',
          severity: 'error',
          message: `expected text, found text that looks converted to UTF-8 twice, through Latin-1, which made a letter's second byte control character ${name} (${at}): it reads ${JSON.stringify(repaired)} once repaired`,
          hint: doubleUtf8Hint('Latin-1'),
        };
      }
    }
    return {
      code: 'CONTROL_CHARACTER',
      severity: 'error',
      message: `expected text, found ${CONTROL_NAMES[code] ?? 'a control character'} (control character ${name}) ${at}`,
      hint: 'the file is damaged or is not a text export: export it again from the spreadsheet as "CSV UTF-8", or delete the character',
    };
  }
  const bad = isDamagedUtf8 ? cell.indexOf('\uFFFD') : -1;
  if (bad >= 0) {
    const count = cell.split('\uFFFD').length - 1;
    return {
      code: 'ENCODING_INVALID_BYTES',
      severity: 'error',
      message: `expected UTF-8 text, found ${count === 1 ? 'a byte that is' : `${count} bytes that are`} not UTF-8 (shown as \uFFFD) at character ${bad + 1} of the cell`,
      hint: 'the rest of the file is UTF-8: retype the value (it was probably pasted from a file in another encoding), or save the file again as "CSV UTF-8"',
    };
  }
  return undefined;
}

/**
 * Reports every cell holding a control character (or, in a damaged UTF-8 file, a byte that is not UTF-8) at the
 * physical line where the cell starts, and returns the rowids of those records (removed by the caller).
 */
export async function reportDamagedRows(ctx: RowsContext, isDamagedUtf8: boolean): Promise<number[]> {
  const cells = ctx.header.map((_, i) => `r.c${i}`).join(', ');
  const all = `concat_ws('', ${cells})`;
  const rows = await ctx.store.all<{ rid: number; line: number; cells: Array<string | null> }>(
    `select r.rowid::bigint as rid, ${ctx.line.expression} as line, [${cells}] as cells from ${ctx.table} as r ${ctx.line.join}
     where regexp_matches(${all}, $controls)${isDamagedUtf8 ? ` or contains(${all}, $bad)` : ''} order by line`,
    isDamagedUtf8 ? { controls: CONTROL_RE2, bad: '\uFFFD' } : { controls: CONTROL_RE2 },
  );
  const repairs = new Map<string, string | undefined>();
  for (const row of rows) {
    let line = row.line;
    row.cells.forEach((cell, i) => {
      if (cell === null) return;
      const damage = describeDamage(cell, isDamagedUtf8, repairs);
      if (damage !== undefined) {
        ctx.issues.push({ ...damage, file: ctx.file, line, column: ctx.header[i]?.trim() || `column ${i + 1}`, value: visible(cell) });
      }
      line += cell.split('\n').length - 1;
    });
  }
  return rows.map((r) => Number(r.rid));
}

/**
 * Empties the cells of records that hold only spaces, tabs or Ctrl-Z (a tab-only line, an old end-of-file mark), so
 * that they are blank rows like a line of spaces, not rows short of cells.
 */
export async function blankWhitespaceRows(ctx: RowsContext): Promise<void> {
  const isWhite = (i: number): string => `coalesce(regexp_full_match(c${i}, '[ \\t\\x1a]*'), true)`;
  await ctx.store.run(
    `update ${ctx.table} set ${ctx.header.map((_, i) => `c${i} = if(c${i} is null, null, '')`).join(', ')}
     where ${ctx.header.map((_, i) => isWhite(i)).join(' and ')}`,
  );
}

/**
 * A character windows-1252 or Latin-1 makes of a UTF-8 lead byte (0xC2-0xF4: Â to ô) followed by one it makes of a
 * continuation byte (0x80-0xBF: the C1 controls or € ‚ ƒ … Ÿ, and NBSP to ¿), as RE2: the mark of text converted to
 * UTF-8 twice (`Ã©`, `ÐŸ`), which undoDoubleUtf8 then judges.
 */
const DOUBLE_UTF8_RE2 = '[\\x{c2}-\\x{f4}][\\x{80}-\\x{bf}\\x{152}\\x{153}\\x{160}\\x{161}\\x{178}\\x{17d}\\x{17e}\\x{192}\\x{2c6}\\x{2dc}'
  + '\\x{2013}\\x{2014}\\x{2018}-\\x{201a}\\x{201c}-\\x{201e}\\x{2020}-\\x{2022}\\x{2026}\\x{2030}\\x{2039}\\x{203a}\\x{20ac}\\x{2122}]';

/** The hint for text converted to UTF-8 twice, through `page` (windows-1252 for ENCODING_DOUBLE_UTF8, Latin-1 where C1 controls show it). */
const doubleUtf8Hint = (page: string): string =>
  `save the file as UTF-8 once, from the original: a program read the UTF-8 text as ${page} and saved it as UTF-8 again`;
/** The hint of ENCODING_DOUBLE_UTF8. */
export const DOUBLE_UTF8_HINT = doubleUtf8Hint('windows-1252');

/**
 * Reports every distinct value of a column that reads as text converted to UTF-8 twice (see undoDoubleUtf8), once, at
 * the first line holding it, with what it reads as once repaired. The value is kept as written: a repair is a guess the
 * sender confirms by saving the file again. Only the cells holding non-ASCII characters (bytes and characters differ in
 * number) are matched against the mark, and only the distinct matches are judged.
 */
export async function reportDoubleUtf8(ctx: RowsContext): Promise<void> {
  const cells = ctx.header.map(
    (_, i) => `select ${i} as col, r.c${i} as value, ${ctx.line.expression} as line from ${ctx.table} as r ${ctx.line.join}
      where strlen(r.c${i}) <> length(r.c${i}) and regexp_matches(r.c${i}, $mark)`,
  );
  const rows = await ctx.store.all<{ col: number; value: string; line: number; n: number }>(
    `select col, value, min(line)::integer as line, count(*)::integer as n from (${cells.join(' union all ')})
     group by col, value order by line, col`,
    { mark: DOUBLE_UTF8_RE2 },
  );
  for (const row of rows) {
    const repaired = undoDoubleUtf8(row.value);
    if (repaired === undefined) continue;
    const column = ctx.header[row.col]?.trim() || `column ${row.col + 1}`;
    const others = row.n - 1;
    ctx.issues.push({
      code: 'ENCODING_DOUBLE_UTF8',
      severity: 'warning',
      file: ctx.file,
      line: row.line,
      column,
      value: visible(row.value),
      message: `expected text as written, found text that looks converted to UTF-8 twice: it reads ${JSON.stringify(repaired)} once repaired; the value was kept as written${others > 0 ? ` (${others} more row${others === 1 ? '' : 's'} of ${column} below ${others === 1 ? 'holds' : 'hold'} it)` : ''}`,
      hint: DOUBLE_UTF8_HINT,
    });
  }
}

const DELIMITER_NAMES: Record<string, string> = { ',': 'commas', ';': 'semicolons', '\t': 'tabs', '|': 'vertical bars' };

/**
 * Reports every record read as one cell that holds another delimiter as many times as the header has delimiters (a
 * row pasted from a file with ";" into a file with ","), and returns their rowids (removed by the caller).
 */
export async function reportOtherDelimiterRows(ctx: RowsContext): Promise<number[]> {
  if (ctx.header.length < 2) return [];
  const others = Object.keys(DELIMITER_NAMES).filter((d) => d !== ctx.delimiter);
  const count = (d: string): string => `length(r.c0) - length(replace(r.c0, ${quoteLiteral(d)}, ''))`;
  const rows = await ctx.store.all<{ rid: number; line: number; text: string }>(
    `select r.rowid::bigint as rid, ${ctx.line.expression} as line, r.c0 as text from ${ctx.table} as r ${ctx.line.join}
     where r.c1 is null and r.c0 is not null and (${others.map((d) => `${count(d)} >= ${ctx.header.length - 1}`).join(' or ')}) order by line`,
  );
  for (const row of rows) {
    const used = others.map((d) => [d, row.text.split(d).length - 1] as const).sort((a, b) => b[1] - a[1])[0]![0];
    ctx.issues.push({
      code: 'TOO_FEW_CELLS',
      severity: 'error',
      file: ctx.file,
      line: row.line,
      column: ctx.header[1]?.trim() || 'column 2',
      value: visible(row.text),
      message: `expected ${ctx.header.length} cells separated by ${DELIMITER_NAMES[ctx.delimiter] ?? JSON.stringify(ctx.delimiter)} as in the header, found 1: this row separates its cells with ${DELIMITER_NAMES[used]}`,
      hint: `separate the cells with ${DELIMITER_NAMES[ctx.delimiter] ?? JSON.stringify(ctx.delimiter)} like the rest of the file (save the whole file again from the spreadsheet, which writes one delimiter)`,
    });
  }
  return rows.map((r) => Number(r.rid));
}
