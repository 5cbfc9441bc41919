import { extname } from 'node:path';
import { DataError } from '../../errors.js';
import { readXlsx } from '../../io/read-xlsx.js';
import type { Issue } from '../../schema/issue.js';
import { quoteIdent, quoteLiteral, type Store } from '../../store/index.js';
import { columnKey, DELIMITERS, findHeader, HEADER_SEARCH_LINES, locateColumns, readHeadLines, type ColumnSpec } from '../../io/find-header.js';
import { splitHeader } from '../../io/split-header.js';
import type { CountryResolver } from '../../schema/resolve-country.js';
import { isRenamedHeader, isUnodcRow, renamedHeaderError } from './renamed-unodc-header.js';
import { CELL_FITS, stageCsv, type RowShape } from './stage-csv.js';
import { stageCsvByNames } from './stage-csv-by-names.js';
import type { StagedFile } from './types.js';

/** The columns of a dataUNODC download the import reads, with the names they are found under (see columnKey). */
const COLUMNS: readonly ColumnSpec[] = [
  { key: 'iso3', display: 'Iso3_code', aliases: ['Iso3_code', 'ISO3', 'ISO code', 'ISO3 country code'] },
  { key: 'indicator', display: 'Indicator', aliases: ['Indicator'] },
  { key: 'dimension', display: 'Dimension', aliases: ['Dimension'] },
  { key: 'category', display: 'Category', aliases: ['Category'] },
  { key: 'sex', display: 'Sex', aliases: ['Sex'] },
  { key: 'age', display: 'Age', aliases: ['Age'] },
  { key: 'year', display: 'Year', aliases: ['Year', 'Time period'] },
  { key: 'unit', display: 'Unit of measurement', aliases: ['Unit of measurement', 'Unit', 'Unit measure'] },
  { key: 'value', display: 'VALUE', aliases: ['VALUE', 'txtVALUE', 'OBS_VALUE'] },
];
/**
 * Columns read when present (null where a file or sheet lacks them): the country's name, which places a row whose
 * Iso3_code is empty (unless it is the row's own Region or Subregion: `Micronesia` is a subregion as well as FSM's
 * name), and the Source, which names the dataset.
 */
const OPTIONAL_COLUMNS: readonly ColumnSpec[] = [
  { key: 'country', display: 'Country', aliases: ['Country', 'Country name'] },
  { key: 'region', display: 'Region', aliases: ['Region'] },
  { key: 'subregion', display: 'Subregion', aliases: ['Subregion', 'Sub-region'] },
  { key: 'source', display: 'Source', aliases: ['Source'] },
];
/**
 * A header row names the country code column and at least three more of the columns above; or, without the code
 * column, the Country and at least five more (Indicator, Year, Unit, VALUE, a breakdown), so that a download whose
 * Iso3_code was left out is refused naming that column, not as a file that is no dataUNODC download at all.
 */
const isHeaderRow = (cells: string[]): boolean => {
  const found = locateColumns(cells, COLUMNS);
  const named = Object.values(found).filter((index) => index >= 0).length;
  if (found.iso3! >= 0) return named >= 4;
  return named >= 5 && locateColumns(cells, OPTIONAL_COLUMNS).country! >= 0;
};

/**
 * Returns a dataUNODC download (GLOTIP, IAFQ, CTS; `.xlsx` or `.csv`) staged into `import_raw` (columns sheet, line,
 * iso3, indicator, dimension, category, sex, age, year, unit, value, source), all as published text. The header is
 * found by its content — the first of the first 50 lines that names `Iso3_code` and three more of the columns
 * (names compared ignoring case, spaces and underscores, with known aliases such as `ISO3 Code`, `Unit`,
 * `txtVALUE`), in any order, split on `,` `;` tab or `|` — so a preamble (publisher, date, an Excel `sep=,` line)
 * is skipped; the dataset is the Source column's most frequent token ("IAFQ/SOF" counts for IAFQ).
 *
 * A workbook is told by its bytes (`isWorkbook`, from the caller) or its `.xlsx` extension (a damaged one is
 * `XLSX_UNREADABLE`).
 *
 * With `resolver`, a CSV that is not UTF-8 is read in the code page under which its country names resolve (see
 * stageCsvByNames).
 *
 * @throws DataError `IMPORT_NOT_UNODC` without the header, `IMPORT_COLUMN_MISSING` when a column is missing.
 */
export async function stageUnodc(store: Store, path: string, displayName: string, resolver?: CountryResolver, isWorkbook = false): Promise<StagedFile> {
  const isXlsx = isWorkbook || extname(path).toLowerCase() === '.xlsx';
  let header: string[];
  let headerLine: number;
  let from: string;
  let rejectedRows = 0;
  let readIssues: Issue[];
  let sheets: string[] = [];
  // each sheet's own header: the reader lays every sheet's cells out by position, so a sheet with its columns in
  // another order is read by its own header's positions (see sheetColumn)
  let sheetHeaders: string[][] = [];
  if (isXlsx) {
    const read = await readXlsx(store, path, { table: 'import_sheet', displayName, isHeader: isHeaderRow, headerSearchRows: HEADER_SEARCH_LINES }).catch(
      async (error: unknown) => {
        if (!(error instanceof DataError && error.code === 'XLSX_NO_HEADER')) throw error;
        // read again for a drug seizures table's header only when no sheet is a crime download's, as a CSV is
        const drugs = await readXlsx(store, path, { table: 'import_sheet', displayName, isHeader: isDrugHeader, headerSearchRows: HEADER_SEARCH_LINES }).catch(() => undefined);
        await store.run('drop table if exists import_sheet');
        if (drugs !== undefined) throw drugTable(displayName, drugs.headerLine, drugs.header);
        throw (await renamedSheetHeader(store, path, displayName)) ?? notUnodc(displayName);
      },
    );
    ({ header, headerLine, sheets, sheetHeaders } = read);
    readIssues = read.issues;
    from = `select r.sheet, r.line::integer as line, {columns} from import_sheet as r`;
  } else {
    const found = await findHeader(path, isHeaderRow);
    if (found === undefined) {
      const drugs = await findHeader(path, isDrugHeader);
      if (drugs !== undefined) throw drugTable(displayName, drugs.skipLines + 1, drugs.cells);
      throw (await renamedHeader(path, displayName)) ?? notUnodc(displayName);
    }
    const csvOptions = { table: 'import_sheet', displayName, delimiter: found.delimiter, skipLines: found.skipLines, shape: rowShape };
    const staged = resolver === undefined ? await stageCsv(store, path, csvOptions) : await stageCsvByNames(store, path, csvOptions, resolver);
    ({ header, headerLine } = staged.read);
    ({ rejectedRows, issues: readIssues } = staged);
    from = `select null::varchar as sheet, ${staged.read.line.expression} as line, {columns} from import_sheet as r ${staged.read.line.join}`;
  }
  const found = locateColumns(header, COLUMNS);
  if (found.indicator! < 0 && isDrugHeader(header)) throw drugTable(displayName, headerLine, header);
  const columns: Record<string, string> = {};
  const select: string[] = [];
  for (const { key, display } of COLUMNS) {
    const index = found[key]!;
    if (index < 0) {
      const expected = key === 'value' ? '"VALUE" or "txtVALUE"' : `"${display}"`;
      throw new DataError('IMPORT_COLUMN_MISSING', `expected a column ${expected} as in every dataUNODC download, found ${header.map((h) => `"${h}"`).join(', ')}`, [], {
        location: { file: displayName, line: headerLine, column: display },
        hint: 'import the download as published by dataUNODC (columns Iso3_code … Year, Unit of measurement, VALUE)',
      });
    }
    columns[key] = header[index]!.replace(/^\uFEFF/, '').trim();
    select.push(`${sheetColumn(sheets, sheetHeaders, header, key, displayName)} as ${key}`);
  }
  const optional = locateColumns(header, OPTIONAL_COLUMNS);
  for (const { key } of OPTIONAL_COLUMNS) {
    if (optional[key]! >= 0) columns[key] = header[optional[key]!]!.replace(/^\uFEFF/, '').trim();
    select.push(`${sheetColumn(sheets, sheetHeaders, header, key, displayName)} as ${key}`);
  }
  await store.run(`create or replace temp table import_raw as ${from.replace('{columns}', select.join(', '))}`);
  await store.run('drop table if exists import_sheet');
  const [{ rows }] = (await store.all<{ rows: number }>('select count(*)::integer as rows from import_raw')) as [{ rows: number }];
  return { dataset: await findDataset(store, displayName), rows: rows + rejectedRows, headerLine, rejectedRows, readIssues, columns, sheets };
}

/**
 * Returns the SQL expression reading column `key` of `import_sheet`: `r.cN` at its position in the header, or, when
 * the workbook's sheets name their columns in different orders, a CASE on the sheet giving each sheet's own position.
 * The optional columns (Country, Source) are null where a sheet lacks them; any other column missing from a later
 * sheet, or placed beyond the first sheet's width (the reader keeps that many cells), is an error naming the sheet.
 */
function sheetColumn(sheets: readonly string[], sheetHeaders: readonly string[][], header: readonly string[], key: string, displayName: string): string {
  const isOptional = OPTIONAL_COLUMNS.some((spec) => spec.key === key);
  const positionIn = (cells: readonly string[]): number => locateColumns(cells, isOptional ? OPTIONAL_COLUMNS : COLUMNS)[key]!;
  const first = positionIn(header);
  const cell = (index: number): string => (index < 0 ? 'null::varchar' : `r.${quoteIdent(`c${index}`)}`);
  if (sheetHeaders.length <= 1 || sheetHeaders.every((cells) => positionIn(cells) === first)) return cell(first);
  const display = COLUMNS.find((spec) => spec.key === key)?.display ?? key;
  const branches = sheets.map((sheet, i) => {
    const index = positionIn(sheetHeaders[i] ?? header);
    if (!isOptional && (index < 0 || index >= header.length)) {
      const found = index < 0 ? 'no such column' : `it in column ${index + 1}, beyond the first sheet's ${header.length} columns`;
      throw new DataError('IMPORT_COLUMN_MISSING', `expected a column "${display}" in sheet "${sheet}" as in the first sheet, found ${found}`, [], {
        location: { file: displayName, column: display },
        hint: 'give every sheet of the workbook the same columns (or import each download as its own file)',
      });
    }
    return `when ${quoteLiteral(sheet)} then ${cell(index < header.length ? index : -1)}`;
  });
  return `case r.sheet ${branches.join(' ')} end`;
}

/**
 * Returns what the mapper reads of a row: every column but the Source (which names the dataset, read from the rows
 * that have it), and the columns a cell left out before them would show: a unit under Year, the Source under VALUE.
 */
function rowShape(header: readonly string[]): RowShape {
  const at = { ...locateColumns(header, COLUMNS), ...locateColumns(header, OPTIONAL_COLUMNS) };
  const read = Object.entries(at).filter(([key, index]) => key !== 'source' && index >= 0).map(([, index]) => index);
  const fits = new Map<number, (cell: string) => string>();
  const checks: [string, (cell: string) => string][] = [['iso3', CELL_FITS.code], ['sex', CELL_FITS.words], ['year', CELL_FITS.year], ['unit', CELL_FITS.words], ['value', CELL_FITS.figure]];
  for (const [key, fit] of checks) if (at[key]! >= 0) fits.set(at[key]!, fit);
  return { read, fits };
}

/** The columns that name a drug seizures table (the World Drug Report's, or dataUNODC's drug seizures download). */
const DRUG_COLUMNS = new Set(['drug', 'drugname', 'druggroup', 'drugsubgroup', 'kilograms', 'msr']);
const isDrugHeader = (cells: string[]): boolean => cells.filter((cell) => DRUG_COLUMNS.has(columnKey(cell))).length >= 2;

/**
 * Returns the refusal of a drug seizures table: quantities seized (kilograms, units) by drug, which no catalogue
 * indicator counts, were refused as a file without a header or lacking "Indicator", with the hint to try eurostat.
 */
function drugTable(displayName: string, line: number, header: readonly string[]): DataError {
  const names = header.map((cell) => cell.replace(/^\uFEFF/, '').trim()).filter((cell) => cell !== '');
  return new DataError(
    'IMPORT_NOT_UNODC',
    `expected a dataUNODC crime download (GLOTIP, IAFQ, CTS: Iso3_code, Indicator, …, VALUE), found a drug seizures table (${names.slice(0, 8).join(', ')}${names.length > 8 ? ', …' : ''}): quantities of drugs seized map to no catalogue indicator, not imported`,
    [],
    {
      location: { file: displayName, line },
      hint: 'drug trafficking offences (DRG_OFF) come from the returns, or from Eurostat\'s crim_off_cat (ICCS06012): "crimetrends import eurostat FILE"',
    },
  );
}

function notUnodc(displayName: string): DataError {
  return new DataError('IMPORT_NOT_UNODC', `expected a dataUNODC download with a header naming Iso3_code, Indicator, Year, VALUE … in its first ${HEADER_SEARCH_LINES} lines, found none`, [], {
    location: { file: displayName, line: 1 },
    hint: 'is this a Eurostat or World Bank file? use "crimetrends import eurostat|worldbank FILE"',
  });
}

/**
 * Returns the refusal of a CSV whose header names none of dataUNODC's columns but stands above rows laid out as
 * dataUNODC's (see renamed-unodc-header.ts), undefined otherwise.
 */
async function renamedHeader(path: string, displayName: string): Promise<DataError | undefined> {
  const lines = await readHeadLines(path);
  for (let index = 0; index + 1 < lines.length; index++) {
    for (const delimiter of DELIMITERS) {
      if (!lines[index]!.includes(delimiter)) continue;
      const cells = splitHeader(lines[index]!, delimiter);
      const next = splitHeader(lines[index + 1]!, delimiter);
      if (!isRenamedHeader(cells) || next.length !== cells.length || !isUnodcRow(next)) continue;
      // header names are read as latin1 to be found; shown as UTF-8 when they are that
      const utf8 = Buffer.from(lines[index]!, 'latin1').toString('utf8');
      const shown = utf8.includes('\uFFFD') ? cells : splitHeader(utf8, delimiter);
      return renamedHeaderError(displayName, index + 1, 'line', shown, missingColumns(shown));
    }
  }
  return undefined;
}

/** Returns the refusal of a workbook whose data sheet's header was translated or renamed, undefined otherwise. */
async function renamedSheetHeader(store: Store, path: string, displayName: string): Promise<DataError | undefined> {
  const read = await readXlsx(store, path, { table: 'import_sheet', displayName, isHeader: isRenamedHeader, headerSearchRows: HEADER_SEARCH_LINES }).catch(() => undefined);
  if (read === undefined) return undefined;
  const first = await store.all<Record<string, string | null>>(
    `select * exclude (sheet, line) from import_sheet where sheet is not distinct from $sheet order by line limit 1`, { sheet: read.sheets[0] ?? null },
  );
  await store.run('drop table if exists import_sheet');
  const cells = Object.values(first[0] ?? {}).map((cell) => cell ?? '');
  return isUnodcRow(cells) ? renamedHeaderError(displayName, read.headerLine, 'row', read.header, missingColumns(read.header)) : undefined;
}

/** Returns the display names of the columns the import needs that `cells` does not name. */
const missingColumns = (cells: readonly string[]): string[] => {
  const found = locateColumns(cells, COLUMNS);
  return COLUMNS.filter(({ key }) => found[key]! < 0).map(({ display }) => display);
};

/**
 * Returns the dataset named most often in the Source column ("IAFQ/SOF" counts for IAFQ and SOF; a token with no
 * letter, such as the "011" of an unquoted "1,011" spilling into it, names none), else one named by the file name,
 * else "UNODC". Never guessed from the indicators: "Persons convicted" and "Persons prosecuted" are GLOTIP's
 * trafficking indicators and CTS's criminal-justice totals alike, so a justice download without its Source column
 * would load its convictions for every offence as trafficking convictions (TIP_CNV).
 */
async function findDataset(store: Store, displayName: string): Promise<string> {
  const rows = await store.all<{ token: string }>(
    `select token from (select trim(unnest(string_split(source, '/'))) as token from import_raw) where regexp_matches(token, '[A-Za-z]')
     group by token order by count(*) desc, token limit 1`,
  );
  const token = rows[0]?.token;
  if (token !== undefined) return token.toUpperCase();
  const guess = /glotip|iafq|cts/i.exec(displayName)?.[0];
  return guess === undefined ? 'UNODC' : guess.toUpperCase();
}
