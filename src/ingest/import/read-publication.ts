import type ExcelJS from 'exceljs';
import { columnKey, DELIMITERS, HEADER_SEARCH_LINES, readHeadLines } from '../../io/find-header.js';
import { readMagic } from '../../io/read-magic.js';
import { cellText } from '../../io/read-xlsx.js';
import { splitHeader } from '../../io/split-header.js';
import { xlsxWorksheets } from '../../io/xlsx-worksheets.js';

/** The publication a download says it is: its date, and where in the file it was read. */
export interface Publication {
  /** YYYY-MM-DD. */
  date: string;
  /** Where it was read, for messages: `line 2`, `row 2`, `column LAST UPDATE`. */
  where: string;
}

/** A preamble cell naming the date that follows it (in the same cell after a colon, or in the next one). */
const DATE_LABEL = /^(?:date of publication|publication date|date published|published(?: on)?|last updated?(?: date)?|last update|release date|updated)\s*:?\s*(.*)$/i;
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/**
 * Returns the publication date a download carries, or undefined when it carries none that can be read:
 *
 * - dataUNODC (GLOTIP, IAFQ, CTS with a preamble): the date under the publisher's line (`17/06/2022`, day first),
 *   or a cell labelled "Date of publication" / "Last update" with its date;
 * - the World Bank's API download: the row `"Last Updated Date","2025-07-01"`; DataBank's extract: its note
 *   `Last Updated: 07/01/2025`, month first as the World Bank writes dates (`12/16/2024`), with `isMonthFirst`;
 * - Eurostat's SDMX-CSV: the column `LAST UPDATE` (`21/03/24 23:00:00`; the latest of the rows read).
 *
 * Only the first {@link HEADER_SEARCH_LINES} lines (rows of each sheet of a workbook) are read. A date after `latest`
 * (the import's day) or before 1990 is taken for a misreading and not used. A gzip or zip file is not looked into
 * (the import reads the publication of the file it unpacked; see importFile). The file's own modification time is
 * never used: a copy or a download again gives it a new one.
 */
export async function readPublication(path: string, latest: string, isMonthFirst = false): Promise<Publication | undefined> {
  const magic = await readMagic(path);
  if (magic[0] === 0x1f && magic[1] === 0x8b) return undefined;
  const isWorkbook = magic[0] === 0x50 && magic[1] === 0x4b;
  const usable = (found: Publication | undefined): Publication | undefined =>
    found !== undefined && found.date >= '1990-01-01' && found.date <= latest ? found : undefined;
  if (!isWorkbook) return usable(findPublication((await readHeadLines(path)).map(splitLine), 'line', isMonthFirst));
  // a workbook's date is above the data on whichever sheet holds it: a notes sheet put first (re-saved with the sheets
  // reordered) was the only one read, and the download was taken for one without a date
  let isFirst = true;
  for await (const { name, rows } of workbookSheetRows(path)) {
    const found = usable(findPublication(rows, 'row', isMonthFirst));
    if (found !== undefined) return isFirst ? found : { ...found, where: `${found.where} of sheet "${name}"` };
    isFirst = false;
  }
  return undefined;
}

/** Returns the date a list of rows gives (a labelled or lone date above the data, else a LAST UPDATE column's latest). */
export function findPublication(rows: readonly string[][], unit: 'line' | 'row', isMonthFirst = false): Publication | undefined {
  for (const [index, cells] of rows.entries()) {
    const filled = cells.map((cell) => cell.replace(/^\uFEFF/, '').trim()).filter((cell) => cell !== '');
    if (filled.length === 0 || filled.length > 3) continue;
    const where = `${unit} ${index + 1}`;
    const labelled = DATE_LABEL.exec(filled[0]!);
    if (labelled !== null) {
      const date = parseDate(labelled[1]!, isMonthFirst) ?? (filled[1] === undefined ? undefined : parseDate(filled[1], isMonthFirst));
      if (date !== undefined) return { date, where };
    }
    // a preamble row holding a date alone (UNODC: "UNODC,unodc_ddds@un.org" then "17/06/2022")
    const lone = filled.length === 1 ? parseDate(filled[0]!, isMonthFirst) : undefined;
    if (lone !== undefined) return { date: lone, where };
  }
  for (const [index, cells] of rows.entries()) {
    const column = cells.findIndex((cell) => columnKey(cell) === 'lastupdate');
    if (column < 0) continue;
    const dates = rows.slice(index + 1).flatMap((row) => {
      const date = parseDate(row[column] ?? '');
      return date === undefined ? [] : [date];
    });
    if (dates.length > 0) return { date: dates.sort().at(-1)!, where: `column ${cells[column]!.trim()}` };
    return undefined;
  }
  return undefined;
}

/**
 * Returns a date written as a publisher writes it as YYYY-MM-DD: `2025-07-01` (a time after it is ignored),
 * `17/06/2022` or `17.06.2022` (day first, as UNODC and Eurostat write it; month first with `isMonthFirst`, as the
 * World Bank's DataBank writes `07/01/2025`, 1 July), `21/03/24` (Eurostat's two-digit year),
 * `30 May 2023`, `May 30, 2023`; undefined for anything else or a day the calendar does not have.
 *
 * @example parseDate('21/03/24 23:00:00') // '2024-03-21'
 */
export function parseDate(text: string, isMonthFirst = false): string | undefined {
  const value = text.trim();
  const parts = ((): [number, number, number] | undefined => {
    let m = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(value);
    if (m !== null) return [Number(m[1]), Number(m[2]), Number(m[3])];
    m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})(?:$|\s)/.exec(value);
    if (m !== null) {
      const [day, month] = isMonthFirst ? [m[2], m[1]] : [m[1], m[2]];
      return [m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]), Number(month), Number(day)];
    }
    m = /^(\d{1,2}) ([a-z]+),? (\d{4})$/i.exec(value);
    if (m !== null) return [Number(m[3]), monthOf(m[2]!), Number(m[1])];
    m = /^([a-z]+) (\d{1,2}),? (\d{4})$/i.exec(value);
    if (m !== null) return [Number(m[3]), monthOf(m[1]!), Number(m[2])];
    return undefined;
  })();
  if (parts === undefined) return undefined;
  const [year, month, day] = parts;
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Returns 1–12 for an English month name or its first three letters, 0 otherwise. */
function monthOf(name: string): number {
  const lower = name.toLowerCase();
  return MONTHS.findIndex((month) => month === lower || (lower.length === 3 && month.startsWith(lower))) + 1;
}

/** Returns a head line's cells, split on the first delimiter it holds (a line without one is one cell). */
function splitLine(line: string): string[] {
  const delimiter = DELIMITERS.find((d) => line.includes(d));
  return delimiter === undefined ? [line] : splitHeader(line, delimiter);
}

/**
 * Yields the first rows of every visible sheet that has any, in tab order, as text (a date cell as YYYY-MM-DD); a
 * hidden sheet (an older copy) is passed over, so its date never dates the download.
 */
async function* workbookSheetRows(path: string): AsyncGenerator<{ name: string; rows: string[][] }> {
  try {
    for await (const { name, rows, isHidden } of xlsxWorksheets(path)) {
      const read: string[][] = [];
      for await (const row of rows) {
        if (row.number > HEADER_SEARCH_LINES) break;
        const values = Array.isArray(row.values) ? row.values : Object.values(row.values);
        while (read.length < row.number - 1) read.push([]);
        read.push(values.slice(1).map((value) => cellText(value as ExcelJS.CellValue) ?? ''));
      }
      if (read.length > 0 && !isHidden) yield { name, rows: read };
    }
  } catch {
    // a workbook that cannot be read is refused by the import itself, with the reason
  }
}
