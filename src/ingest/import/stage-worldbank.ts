import { DataError } from '../../errors.js';
import { readXlsx } from '../../io/read-xlsx.js';
import type { Issue } from '../../schema/issue.js';
import { quoteIdent, quoteLiteral, type Store } from '../../store/index.js';
import { columnKey, findHeader, HEADER_SEARCH_LINES, locateColumns, type ColumnSpec } from '../../io/find-header.js';
import { CELL_FITS, stageCsv, type RowShape } from './stage-csv.js';
import type { StagedFile } from './types.js';

const COLUMNS: readonly ColumnSpec[] = [
  { key: 'name', display: 'Country Name', aliases: ['Country Name', 'Country'] },
  { key: 'code', display: 'Country Code', aliases: ['Country Code', 'ISO3', 'Iso3_code'] },
  { key: 'year', display: 'Year', aliases: ['Year', 'Time'] },
  { key: 'value', display: 'Value', aliases: ['Value'] },
  { key: 'indicator', display: 'Indicator Code', aliases: ['Indicator Code', 'Series Code'] },
  // DataBank with codes not shown ("Country Name, Country Code, Series Name, 2019 [YR2019]") names the series only
  // so: without it, "Population, female" was loaded as the population
  { key: 'series', display: 'Series Name', aliases: ['Series Name', 'Indicator Name', 'Series'] },
];
/**
 * The columns that make a header a dataUNODC download's (Iso3_code, Indicator, Dimension, Category, …, Year, Unit of
 * measurement, VALUE): it names a country code, a year and a value as a long World Bank file does, but its values are
 * crime counts, never populations.
 */
const UNODC_COLUMNS: readonly ColumnSpec[] = [
  { key: 'indicator', display: 'Indicator', aliases: ['Indicator'] },
  { key: 'dimension', display: 'Dimension', aliases: ['Dimension'] },
  { key: 'category', display: 'Category', aliases: ['Category'] },
  { key: 'unit', display: 'Unit of measurement', aliases: ['Unit of measurement'] },
];
/**
 * Returns where the columns are: {@link COLUMNS}, and DataBank's extract with the series as columns (`Time, Time Code,
 * Country Name, Country Code, Population, total [SP.POP.TOTL]`), whose column named by the series code is the Value.
 */
const locate = (cells: readonly string[]): Record<string, number> =>
  locateColumns(cells.map((cell) => (/\[\s*SP\.POP\.TOTL\s*\]\s*$/i.test(cell) ? 'Value' : cell)), COLUMNS);
/** Returns the year a wide layout's column is for: `2020` (the API download) or `2020 [YR2020]` (DataBank's extract). */
const yearOf = (cell: string): string | undefined => /^(\d{4})(\[yr\1\])?$/.exec(columnKey(cell))?.[1];
const isYear = (cell: string): boolean => yearOf(cell) !== undefined;
/** A header names the country code and either Year and Value (long) or year columns such as 1960 (wide). */
const isHeaderRow = (cells: string[]): boolean => {
  const found = locate(cells);
  return found.code! >= 0 && ((found.year! >= 0 && found.value! >= 0) || cells.some(isYear));
};

/**
 * Returns a World Bank population CSV staged into `import_raw` (sheet, line, name, code, indicator, series (the
 * series' name), year, value, all as published text), in either layout of the SP.POP.TOTL series:
 *
 * - long: `Country Name, Country Code, Year, Value`, one row per country and year;
 * - wide: the official download (`API_SP.POP.TOTL_DS2_en_csv_v2.csv`): `Country Name, Country Code, Indicator Name,
 *   Indicator Code, 1960, …, 2024`, one column per year, unpivoted here so that each cell is one source row; or
 *   DataBank's extract (`…Data_Extract_From_World_Development_Indicators.csv`): `Country Name, Country Code, Series
 *   Name, Series Code, 2015 [YR2015], …`, `..` for no value, and note lines after the data ("Data from database: …",
 *   "Last Updated: …").
 *
 * The header is found by its content in the first 50 lines (the official download has a 4-line preamble, "Data
 * Source","World Development Indicators", …), with its delimiter; names are compared ignoring case and spaces.
 *
 * A workbook (`isWorkbook`: the same layouts saved as `.xlsx`, or DataBank's Excel export) is read sheet by sheet:
 * the sheets with such a header hold the data (each row is its sheet row), the others (DataBank's "Definition and
 * Source", the API download's "Metadata - Countries") are skipped with a warning naming them.
 *
 * @throws DataError `IMPORT_COLUMN_MISSING` when no line names the country code with Year and Value or year columns,
 * when the header is a dataUNODC download's (Iso3_code, Indicator, Dimension, …, Year, VALUE, offered to the wrong
 * import), or when a workbook's data sheets do not share one header.
 */
export async function stageWorldbank(store: Store, path: string, displayName: string, isWorkbook = false): Promise<StagedFile> {
  const sheet = isWorkbook ? await readWorkbook(store, path, displayName) : await readText(store, path, displayName);
  const { header } = sheet;
  if (Object.values(locateColumns(header, UNODC_COLUMNS)).filter((index) => index >= 0).length >= 3) {
    // offered to the wrong import, its counts would replace the populations of every state it names
    throw new DataError(
      'IMPORT_COLUMN_MISSING',
      `expected a World Bank population header ("Country Code" with "Year", "Value" or one column per year), found a dataUNODC download's header (${header.slice(0, 5).map((cell) => cell.replace(/^\uFEFF/, '').trim()).join(', ')}, …)`,
      [],
      { location: { file: displayName, line: sheet.headerLine, column: 'Country Code' }, hint: 'this is a dataUNODC download: import it with "crimetrends import unodc FILE"' },
    );
  }
  const at = locate(header);
  const cell = (key: string): string => (at[key]! < 0 ? 'null::varchar' : `r.${quoteIdent(`c${at[key]}`)}`);
  const columns: Record<string, string> = {};
  for (const spec of COLUMNS) columns[spec.key] = at[spec.key]! < 0 ? spec.display : header[at[spec.key]!]!.replace(/^\uFEFF/, '').trim();
  const common = `${sheet.sheetExpression} as sheet, ${sheet.lineExpression} as line, ${cell('name')} as name, ${cell('code')} as code, ${cell('indicator')} as indicator, ${cell('series')} as series`;
  const isLong = at.year! >= 0 && at.value! >= 0;
  let yearColumns = 1;
  if (isLong) {
    await store.run(
      `create or replace temp table import_raw as select ${common}, ${cell('year')} as year, ${cell('value')} as value from import_sheet as r ${sheet.join}`,
    );
  } else {
    const years = header.flatMap((name, index) => (isYear(name) ? [{ year: yearOf(name)!, index }] : []));
    yearColumns = years.length;
    await store.run(
      `create or replace temp table import_raw as
       select ${common}, unnest([${years.map((y) => quoteLiteral(y.year)).join(', ')}]) as year,
         unnest([${years.map((y) => `r.${quoteIdent(`c${y.index}`)}`).join(', ')}]) as value
       from import_sheet as r ${sheet.join}`,
    );
  }
  await store.run('drop table if exists import_sheet');
  const [{ rows }] = (await store.all<{ rows: number }>('select count(*)::integer as rows from import_raw')) as [{ rows: number }];
  const rejectedRows = sheet.rejectedRows * yearColumns;
  return { dataset: 'SP.POP.TOTL', rows: rows + rejectedRows, headerLine: sheet.headerLine, rejectedRows, readIssues: sheet.issues, columns, sheets: sheet.sheets, isWide: !isLong };
}

/** The download's rows in `import_sheet` (cells `c0…` by position under `header`), and how to read each row's place. */
interface SheetRead {
  header: string[];
  /** The header's line (the sheet row for a workbook). */
  headerLine: number;
  sheetExpression: string;
  lineExpression: string;
  join: string;
  rejectedRows: number;
  issues: Issue[];
  sheets: string[];
}

function noHeader(displayName: string, where: string): DataError {
  return new DataError(
    'IMPORT_COLUMN_MISSING',
    `expected a header with "Country Code" and "Year", "Value" (one row per country and year) or one column per year (1960, 1961, …) in the first ${HEADER_SEARCH_LINES} ${where}, found none`,
    [],
    {
      location: { file: displayName, line: 1, column: 'Country Code' },
      hint: 'import the World Bank population series SP.POP.TOTL as downloaded (CSV or xlsx, long or wide)',
    },
  );
}

/**
 * Returns true for a heading of names then consecutive years (`Nom du pays, Code du pays, …, 1960, 1961, …`), not a
 * data line whose figures pass for years or a Eurostat key (`freq,iccs,unit,geo\\TIME_PERIOD`).
 */
function isYearsHeading(cells: string[]): boolean {
  const years = cells.flatMap((cell) => (isYear(cell) ? [Number(yearOf(cell))] : []));
  const names = cells.filter((cell) => !isYear(cell) && cell.trim() !== '');
  return years.length >= 2 && years.every((year, i) => i === 0 || year === years[i - 1]! + 1)
    && names.length > 0 && names.every((cell) => /\p{L}/u.test(cell) && !/[\\\d]/.test(cell));
}

/** What a World Bank header of a layout this import does not read is, and what to download instead. */
interface OtherLayout {
  found: string;
  hint: string;
}

const DATABANK_HINT = 'in DataBank\'s Layout put Country in rows and Time in columns (or Time and Country in rows, the series as a column) and download the CSV again, or download SP.POP.TOTL from data.worldbank.org/indicator/SP.POP.TOTL';
const quoted = (cells: readonly string[]): string => `${cells.slice(0, 3).map((cell) => `"${cell}"`).join(', ')}${cells.length > 3 ? ', …' : ''}`;

/**
 * Returns what a header says it is when it is a World Bank download of a layout this import does not read: Data360's
 * (`WB_WDI_SP_POP_TOTL.csv`: `REF_AREA, …, INDICATOR, …, TIME_PERIOD, OBS_VALUE`), or DataBank's extract with the
 * years as rows (`Time, Time Code, …`) and the countries as columns (`Romania [ROU]`), or with no country column (the
 * country chosen in the page: `Time, Time Code, Population, total [SP.POP.TOTL]`); undefined otherwise. A DataBank
 * extract with the years as rows and the country as a column is read (see {@link locate}). So is another source's
 * download offered to this import: a dataUNODC header (GLOTIP's, with txtVALUE), a Eurostat SDMX-TSV key or SDMX-CSV.
 */
function otherLayout(cells: readonly string[]): OtherLayout | undefined {
  const names = cells.map((cell) => cell.replace(/^\uFEFF/, '').trim()).filter((cell) => cell !== '');
  const keys = new Set(names.map(columnKey));
  // another source's download offered to this import: GLOTIP's header names txtVALUE, not a Value, so it was not
  // taken for a long file's header (as IAFQ's is, see stageWorldbank) and got the hint to import the World Bank's
  if (Object.values(locateColumns(names, UNODC_COLUMNS)).filter((index) => index >= 0).length >= 3) {
    return { found: `a dataUNODC download's header (${names.slice(0, 5).join(', ')}, …)`, hint: 'this is a dataUNODC download: import it with "crimetrends import unodc FILE"' };
  }
  if (/\\\s*(time|time_period)\s*$/i.test(names[0] ?? '') || (names.includes('geo') && keys.has('timeperiod') && keys.has('obsvalue'))) {
    return { found: `a Eurostat download's header (${quoted(names)})`, hint: 'this is a Eurostat download: import it with "crimetrends import eurostat FILE"' };
  }
  if (['refarea', 'timeperiod', 'obsvalue'].every((key) => keys.has(key))) {
    return {
      found: `the World Bank Data360 layout (${['REF_AREA', 'INDICATOR', 'TIME_PERIOD', 'OBS_VALUE'].filter((name) => keys.has(columnKey(name))).join(', ')}, …), which this import does not read`,
      hint: 'download SP.POP.TOTL from data.worldbank.org/indicator/SP.POP.TOTL (the CSV, API_SP.POP.TOTL_DS2_en_csv_v2….csv) or from DataBank with Country in rows and Time in columns',
    };
  }
  if (!keys.has('time') || locate(cells).code! >= 0) return undefined;
  const countries = names.filter((cell) => /\[\s*[A-Za-z]{3}\s*\]$/.test(cell));
  if (countries.length > 0) {
    return { found: `DataBank's extract with the years as rows and the countries as columns (${quoted(countries)}), a layout this import does not read`, hint: DATABANK_HINT };
  }
  if (names.some((cell) => /\[[^\]]+\]$/.test(cell))) {
    return { found: `DataBank's extract with the years as rows and no country column (${quoted(names)}): the country was chosen in the page, and the file does not name it`, hint: DATABANK_HINT };
  }
  return undefined;
}

function otherLayoutError(displayName: string, line: number, layout: OtherLayout): DataError {
  return new DataError(
    'IMPORT_COLUMN_MISSING',
    `expected a header with "Country Code" and "Year", "Value" (one row per country and year) or one column per year (1960, 1961, …), found ${layout.found}`,
    [],
    { location: { file: displayName, line, column: 'Country Code' }, hint: layout.hint },
  );
}

function noCodeColumn(displayName: string, line: number, cells: readonly string[]): DataError {
  const names = cells.filter((cell) => !isYear(cell)).map((cell) => cell.replace(/^\uFEFF/, '').trim()).filter((cell) => cell !== '');
  return new DataError(
    'IMPORT_COLUMN_MISSING',
    `expected a header with "Country Code" and one column per year, found one column per year without it (${names.slice(0, 4).map((name) => JSON.stringify(name)).join(', ')}${names.length > 4 ? ', …' : ''}): a download in another language, or one without the country codes`,
    [],
    {
      location: { file: displayName, line, column: 'Country Code' },
      hint: 'download SP.POP.TOTL again in English with its country codes (the CSV of data.worldbank.org/indicator/SP.POP.TOTL), whose header is "Country Name","Country Code",…',
    },
  );
}

/**
 * The headers of the two metadata files that come with the API download in its zip
 * (`Metadata_Country_API_SP.POP.TOTL_DS2_en_csv_v2.csv`, `Metadata_Indicator_…`): what each file holds.
 */
const METADATA_FILES: readonly [columns: readonly string[], holds: string][] = [
  [['Country Code', 'Region', 'IncomeGroup', 'TableName'], 'the countries\' regions and income groups'],
  [['INDICATOR_CODE', 'INDICATOR_NAME', 'SOURCE_NOTE'], 'the series\' definition and source'],
];
const metadataOf = (cells: readonly string[]): string | undefined => {
  const keys = new Set(cells.map(columnKey));
  return METADATA_FILES.find(([columns]) => columns.every((column) => keys.has(columnKey(column))))?.[1];
};

async function readText(store: Store, path: string, displayName: string): Promise<SheetRead> {
  const found = await findHeader(path, isHeaderRow);
  if (found === undefined) {
    const metadata = await findHeader(path, (cells) => metadataOf(cells) !== undefined);
    if (metadata === undefined) {
      // one column per year but no Country Code: the download in another language (Nom du pays, Code du pays), or
      // one saved without the codes
      const wide = await findHeader(path, isYearsHeading);
      if (wide !== undefined) throw noCodeColumn(displayName, wide.skipLines + 1, wide.cells);
      const other = await findHeader(path, (cells) => otherLayout(cells) !== undefined);
      if (other !== undefined) throw otherLayoutError(displayName, other.skipLines + 1, otherLayout(other.cells)!);
      throw noHeader(displayName, 'lines');
    }
    // the zip's metadata files sit beside the data file: `import worldbank *.csv` offers them too
    throw new DataError(
      'IMPORT_COLUMN_MISSING',
      `expected the population data (a header with "Country Code" and one column per year), found a metadata file of the download, which holds ${metadataOf(metadata.cells)!} and no population: not imported`,
      [],
      {
        location: { file: displayName, line: metadata.skipLines + 1, column: 'Country Code' },
        hint: 'import the data file of the download, API_SP.POP.TOTL_DS2_en_csv_v2.csv, not its Metadata_… files',
      },
    );
  }
  const staged = await stageCsv(store, path, { table: 'import_sheet', displayName, delimiter: found.delimiter, skipLines: found.skipLines, shape: rowShape });
  const { header, line, headerLine } = staged.read;
  return { header, headerLine, sheetExpression: 'null::varchar', lineExpression: line.expression, join: line.join, rejectedRows: staged.rejectedRows, issues: staged.issues, sheets: [] };
}

/**
 * Returns what the mapper reads of a row: the columns of {@link COLUMNS} and every year column (a Source or a note
 * column after them is not read), with the code, Year and Value showing a cell left out before them.
 */
function rowShape(header: readonly string[]): RowShape {
  const at = locate(header);
  const read = [...Object.values(at).filter((index) => index >= 0), ...header.flatMap((cell, index) => (isYear(cell) ? [index] : []))];
  const fits = new Map<number, (cell: string) => string>();
  if (at.code! >= 0) fits.set(at.code!, CELL_FITS.code);
  if (at.year! >= 0) fits.set(at.year!, CELL_FITS.year);
  if (at.value! >= 0) fits.set(at.value!, CELL_FITS.figure);
  return { read, fits };
}

async function readWorkbook(store: Store, path: string, displayName: string): Promise<SheetRead> {
  const read = await readXlsx(store, path, { table: 'import_sheet', displayName, isHeader: isHeaderRow, headerSearchRows: HEADER_SEARCH_LINES }).catch(
    async (error: unknown) => {
      if (!(error instanceof DataError && error.code === 'XLSX_NO_HEADER')) throw error;
      // DataBank's Excel export of a layout not read, or Data360's: say which, as for a CSV
      const other = await readXlsx(store, path, { table: 'import_sheet', displayName, isHeader: (cells) => otherLayout(cells) !== undefined, headerSearchRows: HEADER_SEARCH_LINES })
        .catch(() => undefined);
      throw other === undefined ? noHeader(displayName, 'rows of any sheet') : otherLayoutError(displayName, other.headerLine, otherLayout(other.header)!);
    },
  );
  // cells are laid out by the first data sheet's header: a year column elsewhere would be read as another year
  const same = (cells: string[]): boolean => cells.length === read.header.length && cells.every((cell, i) => columnKey(cell) === columnKey(read.header[i]!));
  const other = read.sheets.findIndex((_, i) => !same(read.sheetHeaders[i]!));
  if (other >= 0) {
    throw new DataError('IMPORT_COLUMN_MISSING', `expected sheet "${read.sheets[other]}" to have the columns of sheet "${read.sheets[0]}", found other columns`, read.issues, {
      location: { file: displayName },
      hint: 'give every data sheet the same columns in the same order, or import each sheet saved as its own CSV file',
    });
  }
  return { header: read.header, headerLine: read.headerLine, sheetExpression: 'r.sheet', lineExpression: 'r.line::integer', join: '', rejectedRows: 0, issues: read.issues, sheets: read.sheets };
}
