import ExcelJS from 'exceljs';
import { columnLetters, TEMPLATE_SHEETS } from '../io/xlsx-cells.js';
import type { Reference } from '../schema/reference.js';
import { RETURN_COLUMNS, type ReturnColumnName } from '../schema/return-format.js';
import type { CountryResolver } from '../schema/resolve-country.js';
import { FILLING_IN } from './build-dictionary.js';
import { countryName } from './load/country-names.js';

/** A code list of the sheet "Codes": the return column it serves, its heading, its codes with their labels. */
interface CodeList {
  column: ReturnColumnName;
  /** The list's name: the column's, or a BREAKDOWN list's (TIP_FORM). */
  name: string;
  codes: { code: string; label: string }[];
}

/** The data validation of a cell (exceljs's type) as a sheet's `dataValidations.add` takes it for a range (not typed). */
type RangeValidations = { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } };

/**
 * The bold font of the headers and titles, named as the workbook's default font is: a font given only as bold names no
 * typeface, and LibreOffice Calc shows it in the theme's headings font (Cambria) and saves it so.
 */
const BOLD: Partial<ExcelJS.Font> = { bold: true, name: 'Calibri', family: 2, size: 11 };

/** Columns of the sheet "Codes" each list takes: its codes, its labels, and an empty one before the next list. */
const LIST_WIDTH = 3;

/**
 * Returns the template of `state` for `year` as an Excel workbook (`.xlsx` bytes): the sheet "Return" holds the
 * template's header and `rows` (see buildTemplate) in their order, the header bold and frozen, TIME_PERIOD a number,
 * OBS_VALUE formatted General (a thousands grouping would be saved as text in a CSV) and taking a number of 0 or more;
 * each coded column offers its codes in a drop-down, a list on the sheet "Codes" (an inline list holds 255 characters
 * at most), and refuses another code with a message naming the column; BREAKDOWN offers the indicator's own list, and
 * COUNTERPART_AREA, whose list is every country, warns and lets the user keep a code not listed. The sheet "Read me"
 * says what the template is and how to fill it in (the data dictionary's "Filling in the template").
 *
 * The bytes are the same at every call: the workbook's and the zip entries' dates are the 1st of January of `year`.
 */
export async function buildTemplateWorkbook(reference: Reference, countries: CountryResolver, state: string, year: number, rows: string[][]): Promise<Buffer> {
  const date = new Date(Date.UTC(year, 0, 1));
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'crimetrends';
  workbook.lastModifiedBy = 'crimetrends';
  workbook.created = date;
  workbook.modified = date;
  const lists = codeLists(reference, countries);
  const listColumn = new Map(lists.map((list, i) => [list.name, columnLetters(i * LIST_WIDTH)]));
  const range = (list: CodeList): string => {
    const letter = listColumn.get(list.name)!;
    return `${TEMPLATE_SHEETS.codes}!$${letter}$2:$${letter}$${list.codes.length + 1}`;
  };

  const sheet = workbook.addWorksheet(TEMPLATE_SHEETS.return, { views: [{ state: 'frozen', ySplit: 1 }] });
  const names = RETURN_COLUMNS.map((c) => c.name);
  sheet.addRow(names).font = BOLD;
  const at = (name: ReturnColumnName): number => names.indexOf(name);
  for (const row of rows) {
    sheet.addRow(row.map((cell, i) => (cell === '' ? null : i === at('TIME_PERIOD') ? Number(cell) : cell)));
  }
  const last = rows.length + 1;
  const validations = (sheet as unknown as RangeValidations).dataValidations;
  const cells = (name: ReturnColumnName, from = 2, to = last): string => `${columnLetters(at(name))}${from}:${columnLetters(at(name))}${to}`;
  for (const list of lists.filter((l) => l.column !== 'BREAKDOWN')) {
    const isOpen = list.column === 'COUNTERPART_AREA';
    validations.add(cells(list.column), {
      type: 'list', allowBlank: true, formulae: [range(list)], showErrorMessage: true, errorTitle: list.column, errorStyle: isOpen ? 'warning' : 'stop',
      error: isOpen
        ? `${list.column}: expected an ISO 3166-1 alpha-3 code (XKX for Kosovo), _T total, _U unknown or _Z not applicable, as listed in the sheet "${TEMPLATE_SHEETS.codes}" (column ${listColumn.get(list.name)}): keep it only if it is right`
        : `${list.column}: expected a code of the list in the sheet "${TEMPLATE_SHEETS.codes}" (column ${listColumn.get(list.name)}): choose one from the drop-down`,
    });
  }
  // BREAKDOWN offers the indicator's own list, row by row (an indicator's rows follow each other)
  const breakdownList = new Map(reference.indicators.map((i) => [i.code, i.breakdown_list]));
  for (let start = 0; start < rows.length;) {
    const name = breakdownList.get(rows[start]![at('INDICATOR')]!) ?? '';
    let end = start;
    while (end + 1 < rows.length && (breakdownList.get(rows[end + 1]![at('INDICATOR')]!) ?? '') === name) end++;
    const list = lists.find((l) => l.column === 'BREAKDOWN' && l.name === name);
    validations.add(cells('BREAKDOWN', start + 2, end + 2), {
      type: 'list', allowBlank: true, formulae: [list === undefined ? '"_T"' : range(list)], showErrorMessage: true, errorTitle: 'BREAKDOWN',
      error: list === undefined
        ? 'BREAKDOWN: expected _T, as the indicator takes no breakdown'
        : `BREAKDOWN: expected a code of ${name}, the indicator's list, in the sheet "${TEMPLATE_SHEETS.codes}" (column ${listColumn.get(name)}): choose one from the drop-down`,
    });
    start = end + 1;
  }
  // OBS_VALUE keeps Excel's number format General, the default (no style): a number is shown, and saved in a CSV, as typed
  validations.add(cells('OBS_VALUE'), {
    type: 'decimal', operator: 'greaterThanOrEqual', allowBlank: true, formulae: [0], showErrorMessage: true, errorTitle: 'OBS_VALUE',
    error: 'OBS_VALUE: expected a number, 0 or more; for a figure not available leave it empty and write OBS_STATUS M, L, O or Q',
  });
  fitColumns(sheet, { OBS_VALUE: 12, COMMENT: 40 });

  const codes = workbook.addWorksheet(TEMPLATE_SHEETS.codes, { views: [{ state: 'frozen', ySplit: 1 }] });
  // headings never two column names (SEX, AGE): that row would read as a return's header
  const headings = lists.flatMap((list) => [list.column === 'BREAKDOWN' ? `BREAKDOWN code (${list.name})` : `${list.name} code`, `${list.name} label`, '']);
  codes.addRow(headings).font = BOLD;
  const height = Math.max(...lists.map((list) => list.codes.length));
  for (let i = 0; i < height; i++) codes.addRow(lists.flatMap((list) => [list.codes[i]?.code ?? null, list.codes[i]?.label ?? null, null]));
  fitColumns(codes, {});

  addReadMe(workbook, reference, state, year);
  const zip = Buffer.from(await workbook.xlsx.writeBuffer());
  return setEntryDates(zip, date);
}

/** Returns the code lists of the coded columns, from the reference data, in the order of the return's columns. */
function codeLists(reference: Reference, countries: CountryResolver): CodeList[] {
  const fromCodes = (column: ReturnColumnName, list = column as string): CodeList => ({
    column, name: list, codes: reference.codes.filter((c) => c.codelist === list).map(({ code, label }) => ({ code, label })),
  });
  const stateNames = new Map(reference.states.map((s) => [s.iso3, s.name_en]));
  const counterpart = fromCodes('COUNTERPART_AREA', 'COUNTERPART');
  const breakdowns = [...new Set(reference.codes.map((c) => c.codelist))].filter((list) => reference.indicators.some((i) => i.breakdown_list === list));
  return [
    { column: 'REF_AREA', name: 'REF_AREA', codes: reference.states.map((s) => ({ code: s.iso3, label: s.name_en })) },
    { column: 'INDICATOR', name: 'INDICATOR', codes: reference.indicators.map((i) => ({ code: i.code, label: i.name })) },
    fromCodes('SEX'),
    fromCodes('AGE'),
    {
      column: 'COUNTERPART_AREA',
      name: 'COUNTERPART_AREA',
      codes: [...counterpart.codes, ...countries.codes().map((code) => ({ code, label: countryName(code, stateNames) }))],
    },
    ...breakdowns.map((list) => fromCodes('BREAKDOWN', list)),
    fromCodes('OBS_STATUS'),
    fromCodes('CONF_STATUS'),
  ];
}

/** Adds the sheet "Read me": what the template is, how to fill it in and send it, case by case (the dictionary's words). */
function addReadMe(workbook: ExcelJS.Workbook, reference: Reference, state: string, year: number): void {
  const sheet = workbook.addWorksheet(TEMPLATE_SHEETS.readMe);
  // set before the rows, which take it: a paragraph wraps in its column
  sheet.getColumn(1).width = 36;
  sheet.getColumn(2).width = 110;
  for (const column of [1, 2]) sheet.getColumn(column).alignment = { wrapText: true, vertical: 'top' };
  const name = reference.states.find((s) => s.iso3 === state)?.name_en ?? state;
  const file = `${state}_${year}.xlsx`;
  const title = (text: string): void => {
    // the title runs over into the column beside it: never wrapped
    Object.assign(sheet.addRow([text]).getCell(1), { font: { ...BOLD, size: 13 }, alignment: { vertical: 'top' } });
  };
  title(`The annual return of ${name} (${state}) for ${year}: the template`);
  sheet.addRow([]);
  sheet.addRow(['What it is', `The template of the annual return, drawn up by "crimetrends template --state ${state} --year ${year} --out ${file}": `
    + `for every indicator of the catalogue, its total and the parts of each breakdown it takes (SEX, AGE, the indicator's BREAKDOWN code list), `
    + 'values blank. COUNTERPART_AREA parts are open (any country), so only their total is listed.']);
  sheet.addRow(['How to fill it in', `Fill in OBS_VALUE in the sheet "${TEMPLATE_SHEETS.return}" and keep the codes as they are: each coded column offers `
    + `its codes in a drop-down (their labels are in the sheet "${TEMPLATE_SHEETS.codes}"). Save the workbook as it is (${file}), or as CSV UTF-8, `
    + `and check it with "crimetrends validate ${file}" before sending it.`]);
  sheet.addRow([]);
  title(FILLING_IN.title);
  sheet.addRow(FILLING_IN.header).font = BOLD;
  for (const row of FILLING_IN.rows) sheet.addRow(row);
}

/** Sets each column's width to its longest cell's text, plus a margin; `least` gives some columns more room to write in. */
function fitColumns(sheet: ExcelJS.Worksheet, least: Record<string, number>): void {
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1);
  for (let i = 1; i <= sheet.columnCount; i++) {
    const column = sheet.getColumn(i);
    let widest = 0;
    column.eachCell({ includeEmpty: false }, (cell) => (widest = Math.max(widest, String(cell.value).length)));
    column.width = Math.max(widest + 2, least[String(header[i - 1] ?? '')] ?? 0, 6);
  }
}

/**
 * Returns the zip archive `zip` with the modification date of every entry set to `date` (DOS date and time, in its
 * local headers and its central directory): exceljs's zip writer stamps each entry with the time of writing, and
 * takes no date.
 */
function setEntryDates(zip: Buffer, date: Date): Buffer {
  const time = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1);
  const day = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  const end = zip.lastIndexOf(Buffer.from('PK\x05\x06', 'latin1'));
  let at = zip.readUInt32LE(end + 16);
  for (let entry = zip.readUInt16LE(end + 10); entry > 0; entry--) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`the workbook's zip directory has no entry header at ${at}`);
    const local = zip.readUInt32LE(at + 42);
    zip.writeUInt16LE(time, at + 12);
    zip.writeUInt16LE(day, at + 14);
    zip.writeUInt16LE(time, local + 10);
    zip.writeUInt16LE(day, local + 12);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return zip;
}
