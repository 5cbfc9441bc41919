import { posix } from 'node:path';
import { PassThrough, pipeline, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import unzipper, { type CentralDirectory } from 'unzipper';
import { normalizeCells } from './normalize-cells.js';
import { numberCells } from './number-cells.js';
import { readMagic } from './read-magic.js';
import { rewriteElements } from './rewrite-elements.js';
import { stripMarkupWhitespace } from './strip-markup-whitespace.js';
import { unprefixSpreadsheetMl } from './unprefix-spreadsheetml.js';

type WorksheetReader = ExcelJS.stream.xlsx.WorksheetReader;

/** The parts of exceljs's streaming `WorkbookReader` that it calls for each zip entry (exceljs 4.4, not typed). */
interface WorkbookParts {
  workbookRels?: { Id: string; Type?: string; Target: string }[];
  model?: { sheets?: { id?: number; name: string; rId: string; state?: string }[] };
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(rows: Readable, sheetNo: string): Generator<{ eventType: string; value: WorksheetReader }>;
}

/** A file that is not an `.xlsx` workbook, with what the user can do about it. */
export class NotWorkbookError extends Error {
  constructor(
    message: string,
    readonly hint: string,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
  }
}

/** `<calcPr fullCalcOnLoad="1">`: the formulas are to be computed on opening, their stored results are no results. */
const FULL_CALC_ON_LOAD = /\sfullCalcOnLoad\s*=\s*(["'])(1|true)\1/;

/** A formula cell's stored result, `<v>…</v>` after its `<f>`. */
const FORMULA_RESULT = /(<f[\s>/][\s\S]*?)<v(?:\s[^>]*)?>[\s\S]*?<\/v>|(<f[\s>/][\s\S]*?)<v\s*\/>/;

/** The 1904 date system named by `true`, as valid as `1` (an XML boolean); exceljs takes `1` only. */
const DATE1904_TRUE = /\sdate1904\s*=\s*(["'])true\1/;

const RESAVE_HINT = 'save the download again as .xlsx (Excel 2007 or later) or as CSV';

/**
 * Yields the worksheets of the `.xlsx` file at `path` in the workbook's tab order, each with its name, its rows as a
 * stream (read them, or stop, before asking for the next sheet) and whether it is hidden (`state="hidden"` or
 * `"veryHidden"` in `xl/workbook.xml`: a tab Excel does not show), and whether the workbook is marked to compute its formulas on opening
 * (`<calcPr fullCalcOnLoad="1">`, as XlsxWriter, openpyxl and pandas write every workbook): a formula's stored result is
 * then no result (XlsxWriter stores 0 for each formula not given its value), and is dropped, so the cell reads as a
 * formula without one.
 *
 * exceljs's own `WorkbookReader.parse` walks the zip in stored order through an `unzipper.Parse` stream that it pauses
 * at every entry; under load the entries after a worksheet are dropped (exceljs#3064), and when `xl/workbook.xml` is
 * stored last, as exceljs and other writers store it, the read fails now and then with "Cannot read properties of
 * undefined (reading 'sheets')". Here the archive is opened by its central directory, so the relationships, the
 * workbook, the shared strings and the styles are parsed first wherever they are stored, and only then each
 * worksheet, with exceljs's own parsers.
 *
 * A sheet's part is the one its relationship targets, as OPC resolves it: relative to `xl/` (`worksheets/data.xml`,
 * `../xl/worksheets/sheet1.xml`) or absolute (`/xl/worksheets/sheet1.xml`), by any name and compared ignoring case,
 * as writers other than Excel store them; a chart sheet (no cells) is passed over, and a worksheet whose part is
 * missing is an error naming the sheet, never a sheet silently not read.
 */
export async function* xlsxWorksheets(path: string): AsyncGenerator<{ name: string; rows: WorksheetReader; isHidden: boolean; isRecalculated: boolean }> {
  const files = (await openArchive(path)).files.filter((file) => file.type === 'File');
  // part names are compared ignoring case (OPC), and stored with or without a leading slash
  const parts = new Map(files.map((file) => [file.path.replace(/^\//, '').toLowerCase(), file]));
  // every part as exceljs's parsers read it, without the namespace prefix some writers give SpreadsheetML's elements
  const part = (name: string): Readable | undefined => {
    const stream = parts.get(name.toLowerCase())?.stream();
    return stream === undefined ? undefined : pipeline(stream, unprefixSpreadsheetMl(), () => {});
  };
  // the shared strings, without the indentation some writers store (see stripMarkupWhitespace) and without phonetic
  // readings (`<rPh>`, a guide printed above East Asian text: exceljs read a string as its last `<t>`, the reading's)
  const textPart = (name: string): Readable | undefined => {
    const stream = part(name);
    return stream === undefined ? undefined : pipeline(stream, stripMarkupWhitespace(), rewriteElements('rPh', () => ''), () => {});
  };
  // a worksheet's rows and cells, each with its place `r` (see numberCells), written as exceljs reads them right (see
  // normalizeCells)
  // in a workbook marked to compute its formulas on opening, a formula's stored result is none (see isRecalculated)
  let isRecalculated = false;
  const sheetPart = (name: string): Readable | undefined => {
    const stream = part(name);
    if (stream === undefined) return undefined;
    const results = isRecalculated ? rewriteElements('c', (cell) => cell.replace(FORMULA_RESULT, '$1$2'), /<f[\s>/]/) : new PassThrough();
    return pipeline(stream, stripMarkupWhitespace(), results, numberCells(), normalizeCells(), () => {});
  };
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'ignore',
  }) as unknown as WorkbookParts;

  const rels = part('xl/_rels/workbook.xml.rels');
  const workbook = part('xl/workbook.xml');
  if (rels === undefined || workbook === undefined) throw notWorkbook(files.map((file) => file.path));
  await reader._parseRels(rels);
  const calculation = rewriteElements('calcPr', (element) => ((isRecalculated = FULL_CALC_ON_LOAD.test(element)), element));
  await reader._parseWorkbook(pipeline(workbook, rewriteElements('workbookPr', (element) => element.replace(DATE1904_TRUE, ' date1904="1"')), calculation, () => {}));
  const strings = textPart('xl/sharedStrings.xml');
  if (strings !== undefined) for await (const _ of reader._parseSharedStrings(strings));
  const styles = part('xl/styles.xml');
  if (styles !== undefined) await reader._parseStyles(pipeline(styles, rewriteElements('numFmt', withoutLiterals), () => {}));

  for (const [index, sheet] of (reader.model?.sheets ?? []).entries()) {
    const rel = reader.workbookRels?.find((candidate) => candidate.Id === sheet.rId);
    if (rel !== undefined && !/\/worksheet$/.test(rel.Type ?? '/worksheet')) continue; // a chart sheet: no cells
    const target = rel === undefined ? undefined : partName(rel.Target);
    const rows = target === undefined ? undefined : sheetPart(target);
    if (rows === undefined) throw new Error(`sheet "${sheet.name}" has no part ${target ?? `(no relationship ${sheet.rId})`} in the archive: the workbook is damaged`);
    try {
      const isHidden = sheet.state === 'hidden' || sheet.state === 'veryHidden';
      for (const { value } of reader._parseWorksheet(rows, String(sheet.id ?? index + 1))) yield { name: sheet.name, rows: value, isHidden, isRecalculated };
    } finally {
      rows.destroy();
    }
  }
}

/** Returns the zip archive's directory; a file that is no zip, or a damaged or truncated one, is a NotWorkbookError. */
async function openArchive(path: string): Promise<CentralDirectory> {
  try {
    return await unzipper.Open.file(path);
  } catch (error) {
    // the zip reader's own words (FILE_ENDED, invalid signature) tell a user nothing: they stay the error's cause
    if ((await readMagic(path)).toString('latin1') !== 'PK') throw new NotWorkbookError('a file that is not a zip archive, as every .xlsx is', RESAVE_HINT, error);
    throw new NotWorkbookError('a damaged or truncated zip archive: its directory cannot be read', 'download the file again (an interrupted download ends early)', error);
  }
}

/** Returns why a zip archive holding the files `names` and no `xl/workbook.xml` is not read, as an error to throw. */
function notWorkbook(names: string[]): NotWorkbookError {
  if (names.includes('mimetype') && names.includes('content.xml')) {
    return new NotWorkbookError('an OpenDocument spreadsheet (.ods)', 'open it in LibreOffice Calc or Excel and save it as .xlsx (Excel 2007-365) or CSV UTF-8');
  }
  const texts = names.filter((name) => /\.(csv|tsv)$/i.test(name));
  if (texts.length > 0) {
    // the World Bank's zip holds the data (API_…csv) beside two Metadata_…csv files
    const data = texts.find((name) => !/^metadata/i.test(posix.basename(name))) ?? texts[0]!;
    return new NotWorkbookError(`a zip archive holding ${texts.join(', ')}`, `unzip it and import the ${texts.length === 1 ? 'file' : 'data file'} inside (${posix.basename(data)})`);
  }
  const listed = names.slice(0, 3).join(', ') + (names.length > 3 ? ', …' : '');
  return new NotWorkbookError(`a zip archive with no xl/workbook.xml (${names.length === 0 ? 'empty' : `holding ${listed}`})`, RESAVE_HINT);
}

/** The entities an attribute's text may hold, and the characters they stand for. */
const ENTITIES: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" };

/**
 * Returns a `<numFmt>` element with its format's literal characters left out: one after a backslash (`\d`), an
 * underscore (a space as wide as it) or an asterisk (repeated to fill the cell); quoted text is kept, as exceljs passes
 * it over. exceljs takes a format for a date's when it holds a date letter (d, m, y, h, s, b) outside quotes and
 * brackets, so `0\ \d\a\n\a` ("12 dana") or `#,##0\ \s\l\u\č\a\j\e\v\a` made a figure a date (1900-01-11 for 12).
 * The formats are read for that alone: a cell's value is never its display.
 *
 * @example withoutLiterals('<numFmt numFmtId="164" formatCode="0\ \d\a\n\a"/>') // '<numFmt numFmtId="164" formatCode="0"/>'
 */
export function withoutLiterals(element: string): string {
  return element.replace(/(\sformatCode\s*=\s*)(["'])([\s\S]*?)\2/, (_, name: string, quote: string, code: string) => {
    const format = code.replace(/&(quot|amp|lt|gt|apos);/g, (entity: string, which: string) => ENTITIES[which] ?? entity);
    const kept = format.replace(/"[^"]*"|[\\_*][\s\S]/g, (part) => (part.startsWith('"') ? part : ''));
    return `${name}${quote}${kept.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}${quote}`;
  });
}

/** Returns the part name a relationship of `xl/workbook.xml` targets: `xl/worksheets/data.xml` for `worksheets/data.xml`. */
function partName(target: string): string {
  const decoded = decodeURI(target);
  return decoded.startsWith('/') ? posix.normalize(decoded).slice(1) : posix.join('xl', decoded);
}
