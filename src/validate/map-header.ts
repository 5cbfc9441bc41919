import { basename } from 'node:path';
import { closest, distance } from 'fastest-levenshtein';
import { quoteValue } from '../errors.js';
import type { Issue } from '../schema/issue.js';
import { RETURN_COLUMNS, RETURN_COLUMN_NAMES, type ReturnColumnName } from '../schema/return-format.js';

/** Where each return column sits in a file's header, and what the header got wrong. */
export interface HeaderMap {
  /** Column position (0-based) of each return column found. */
  index: Partial<Record<ReturnColumnName, number>>;
  /** Positions of columns without a name: their cells must be empty (Excel's trailing columns). */
  unnamed: number[];
  issues: Issue[];
  /** False when a required column is missing: rows cannot be checked. */
  isUsable: boolean;
  /** True for an SDMX-CSV file (a STRUCTURE column): an export, which may hold several states. */
  isSdmx: boolean;
  /** True for an SDMX-CSV export with labels ("REF_AREA: Reference area"; cells "ROU: Romania"). */
  hasLabels: boolean;
}

/** SDMX-CSV 2.0 columns that say which dataflow a row belongs to; accepted and ignored. */
const SDMX_COLUMNS = ['STRUCTURE', 'STRUCTURE_ID', 'STRUCTURE_NAME', 'ACTION', 'DATAFLOW'];
/** The columns that mark an SDMX-CSV file: STRUCTURE (version 2.0) or DATAFLOW (version 1.0). */
const SDMX_MARKERS = ['STRUCTURE', 'DATAFLOW'];

/**
 * Returns `text` in capitals, Turkish's dotted capital İ read as I: a name upper-cased in Turkish (Excel's UPPER, a
 * Turkish keyboard's Caps Lock) writes `İNDİCATOR`, which JavaScript's locale-free toUpperCase keeps as it is, while
 * the dotless ı of a name lower-cased in Turkish (`ındıcator`) already becomes I.
 */
const upperName = (text: string): string => text.replace(/\u0130/g, 'I').toUpperCase();

/**
 * Returns a header cell's column name: trimmed, upper case (in Turkish too: `İNDİCATOR` is INDICATOR), without the label an SDMX-CSV export with labels adds
 * ("REF_AREA: Reference area" is REF_AREA) when what stands before the colon is a column of the return or of SDMX-CSV.
 */
function columnName(cell: string): { name: string; hasLabel: boolean } {
  const name = upperName(cell.replace(/^\uFEFF/, '').trim());
  const labelled = /^([A-Z_]+): .*$/s.exec(name);
  if (labelled !== null && ([...RETURN_COLUMN_NAMES, ...SDMX_COLUMNS] as string[]).includes(labelled[1]!)) return { name: labelled[1]!, hasLabel: true };
  return { name, hasLabel: false };
}

/** Power BI's name for a field a visual summarizes: "Sum of OBS_VALUE", "Count of TIME_PERIOD". */
const SUMMARIZED = /^(Sum|Count|Count \(Distinct\)|Average|Median|Min|Max|Minimum|Maximum|First|Last) of (.+)$/s;

/**
 * Returns the hint for a header cell named as a program names a column it made, or undefined: pandas' "Unnamed: 0" (a
 * column without a name it read, as the index an earlier to_csv wrote), Power BI's "Sum of OBS_VALUE" (a field a visual
 * summed, which adds up the rows alike in every other column it shows); or holding the names of several columns
 * separated by spaces (R's write.table, whose separator is a space).
 */
function programColumnHint(cell: string, file: string, isWorkbook: boolean): string | undefined {
  const name = /\.(csv|txt)$/i.test(basename(file)) ? basename(file) : 'return.csv';
  // the whole header in one cell, its names separated by spaces: R's write.table without sep = "," writes it so
  const words = cell.replace(/"/g, '').split(/[ \t]+/);
  if (words.filter((word) => (RETURN_COLUMN_NAMES as readonly string[]).includes(upperName(word))).length >= 2) {
    // in a workbook the names stand in one cell: Excel splits it
    if (isWorkbook) return 'the header\'s names stand in one cell, separated by spaces: put each in a cell of its own (select the column, then Data > Text to Columns, Delimited, Space)';
    return 'the header\'s names are separated by spaces, which separate no cells in a CSV file: save the file with commas between the cells '
      + `(in R, write.csv(x, "${name}", row.names = FALSE, na = ""), where write.table separates them by spaces unless given sep = ",")`;
  }
  if (/^Unnamed: \d+$/.test(cell)) {
    return `"${cell}" is the name pandas gives a column without a name when it reads a file, as the index an earlier to_csv wrote: `
      + `delete it (df = df.drop(columns="${cell}")), and write the ${isWorkbook ? 'workbook with df.to_excel(..., index=False)' : `file with df.to_csv("${name}", index=False)`}`;
  }
  const summarized = SUMMARIZED.exec(cell);
  const field = summarized === null ? undefined : upperName(summarized[2]!.trim());
  if (summarized !== null && (RETURN_COLUMN_NAMES as readonly string[]).includes(field!)) {
    return `"${cell}" is the name Power BI gives ${field} summarized (${summarized[1]}) in a visual, which adds up or counts the rows `
      + `alike in the other columns: set ${field} to "Don't summarize" in the visual's fields and export the data again`;
  }
  return undefined;
}

/**
 * Returns the header of a return matched to the return format: names compare case-insensitively and ignore
 * surrounding spaces; a duplicate or missing required column is an error, an unknown column a warning. `isWorkbook`:
 * the header is a workbook's row (see readReturn), whose hints speak of its cells, not of saving a CSV.
 */
export function mapHeader(header: readonly string[], file: string, headerLine: number, isWorkbook = false): HeaderMap {
  const index: Partial<Record<ReturnColumnName, number>> = {};
  const unnamed: number[] = [];
  const issues: Issue[] = [];
  const unknown: string[] = [];
  const at = (code: Issue['code'], severity: Issue['severity'], column: string | null, value: string | null, message: string, hint: string | null): void => {
    issues.push({ code, severity, file, line: headerLine, column, value, message, hint });
  };
  if (isDataLine(header)) {
    at('HEADER_MISSING', 'error', null, header.join(', ').slice(0, 200),
      `expected the column names (REF_AREA, TIME_PERIOD, INDICATOR, …) on the first line, found data: the header row is missing`,
      'add the header line of the template above the data (see "crimetrends template")');
    return { index, unnamed, issues, isUsable: false, isSdmx: false, hasLabels: false };
  }
  let hasLabels = false;
  header.forEach((cell, position) => {
    const { name, hasLabel } = columnName(cell);
    hasLabels ||= hasLabel;
    if (name === '') {
      unnamed.push(position);
      return;
    }
    if (SDMX_COLUMNS.includes(name)) return;
    if (!(RETURN_COLUMN_NAMES as readonly string[]).includes(name)) {
      unknown.push(cell.replace(/^\uFEFF/, '').trim());
      const guess = closest(name, [...RETURN_COLUMN_NAMES]);
      const isClose = distance(name, guess) <= Math.max(2, Math.floor(guess.length / 3));
      at('UNKNOWN_COLUMN', 'warning', cell.trim(), cell, `expected a column of the return format, found ${quoteValue(cell.trim())}; its values are ignored`,
        programColumnHint(cell.replace(/^\uFEFF/, '').trim(), file, isWorkbook)
          ?? (isClose ? `did you mean ${guess}?` : 'remove the column, or see "crimetrends dictionary" for the columns'));
      return;
    }
    const column = name as ReturnColumnName;
    if (index[column] !== undefined) {
      at('DUPLICATE_COLUMN', 'error', column, cell, `expected ${column} once, found it again in column ${position + 1}`, 'delete one of the two columns');
      return;
    }
    index[column] = position;
  });
  // columns named by years ("2021", "2022", …): a wide table, as a yearbook or a pivot table lays the figures out
  const years = unknown.filter((cell) => /^(?:19|20)\d{2}$/.test(cell));
  for (const column of RETURN_COLUMNS.filter((c) => c.isRequired && index[c.name] === undefined)) {
    // compared in upper case, quoted in the hint as the file writes it ("Time period", not "TIME PERIOD")
    const near = unknown.find((cell) => {
      const u = upperName(cell);
      return u.includes(column.name) || column.name.includes(u) || distance(u, column.name) <= Math.max(2, Math.floor(column.name.length / 3));
    });
    const isYearColumn = column.name === 'TIME_PERIOD' || column.name === 'OBS_VALUE';
    at('MISSING_COLUMN', 'error', column.name, null, `expected a column ${column.name} in the header, found none`,
      near ? programColumnHint(near, file, isWorkbook) ?? `rename the column "${near}" to ${column.name}`
      : isYearColumn && years.length >= 2
        ? `the file has a column per year (${years.join(', ')}), a wide table: a return has one row per figure, its year in TIME_PERIOD and the figure in OBS_VALUE (see "crimetrends template")`
      : column.name === 'OBS_VALUE' && years.length === 1
        ? `rename the column "${years[0]}" to OBS_VALUE, and write ${years[0]} in TIME_PERIOD on each row`
      : `add the column ${column.name}: ${column.description}`);
  }
  // an optional column under a name near its own ("CONF STATUS", "Obs. status", "COMMENTS") was ignored with a warning,
  // its default read on every row: a confidential figure (C) became free to publish. Refused too, and the rows checked
  for (const column of RETURN_COLUMNS.filter((c) => !c.isRequired && index[c.name] === undefined)) {
    // spaces, points or hyphens for the underscores, and a letter or two off (one for AGE and SEX, which "NAME",
    // "DATE" and "KEY" are two from)
    const near = unknown.find((cell) => distance(upperName(cell).replace(/[\s.\-]+/g, '_').replace(/_$/, ''), column.name) <= (column.name.length <= 4 ? 1 : 2));
    if (near === undefined) continue;
    at('MISSING_COLUMN', 'error', column.name, null,
      `expected a column ${column.name} in the header, found ${quoteValue(near)}, which is not one: its values would be ignored, every row read ${column.default === null ? `without a ${column.name.toLowerCase()}` : `as ${column.name} ${column.default}`}`,
      `rename the column "${near}" to ${column.name}`);
  }
  const isSdmx = header.some((cell) => SDMX_MARKERS.includes(columnName(cell).name));
  const isUsable = RETURN_COLUMNS.every((c) => !c.isRequired || index[c.name] !== undefined);
  return { index, unnamed, issues, isUsable, isSdmx, hasLabels: isSdmx && hasLabels };
}

/**
 * Returns true when a header line holds data instead of column names: no cell names a column of the return format
 * (or an SDMX one), and some cell is a number or a year, which no column name is.
 *
 * @example isDataLine(['ROU', '2025', 'SOM_OFF', '10']) // true
 */
export function isDataLine(header: readonly string[]): boolean {
  const names = header.map((cell) => columnName(cell).name);
  if (names.some((name) => (RETURN_COLUMN_NAMES as readonly string[]).includes(name) || SDMX_COLUMNS.includes(name))) return false;
  return names.some((name) => /^-?\d+([.,]\d+)?$/.test(name));
}

/**
 * Returns true when a line names at least two columns of the return format: a header, however damaged otherwise. It
 * tells a `.txt` return in a folder of returns from a note sent beside them (see listFiles).
 *
 * @example namesReturnColumns(['Ref_Area', 'TIME_PERIOD', 'Indikator']) // true
 */
export function namesReturnColumns(cells: readonly string[]): boolean {
  return cells.filter((cell) => (RETURN_COLUMN_NAMES as readonly string[]).includes(columnName(cell).name)).length >= 2;
}

/**
 * Returns how many cells a row needs: up to the header's last named column. Excel's trailing columns without a name
 * (`…,COMMENT,,,`) may be missing from a row without the row being short.
 *
 * @example namedWidth(['REF_AREA', 'COMMENT', '', ' ']) // 2
 */
export function namedWidth(header: readonly string[]): number {
  let width = header.length;
  while (width > 1 && header[width - 1]!.trim() === '') width--;
  return width;
}
