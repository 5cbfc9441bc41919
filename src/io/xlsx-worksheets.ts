import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import unzipper from 'unzipper';

type WorksheetReader = ExcelJS.stream.xlsx.WorksheetReader;

/** The parts of exceljs's streaming `WorkbookReader` that it calls for each zip entry (exceljs 4.4, not typed). */
interface WorkbookParts {
  workbookRels?: { Id: string; Target: string }[];
  model?: { sheets?: { name: string; rId: string }[] };
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(rows: Readable, sheetNo: string): Generator<{ eventType: string; value: WorksheetReader }>;
}

/**
 * Yields the worksheets of the `.xlsx` file at `path` in the workbook's tab order, each with its name and its rows as a
 * stream (read them, or stop, before asking for the next sheet).
 *
 * exceljs's own `WorkbookReader.parse` walks the zip in stored order through an `unzipper.Parse` stream that it pauses
 * at every entry; under load the entries after a worksheet are dropped (exceljs#3064), and when `xl/workbook.xml` is
 * stored last, as exceljs and other writers store it, the read fails now and then with "Cannot read properties of
 * undefined (reading 'sheets')". Here the archive is opened by its central directory, so the relationships, the
 * workbook, the shared strings and the styles are parsed first wherever they are stored, and only then each
 * worksheet, with exceljs's own parsers.
 */
export async function* xlsxWorksheets(path: string): AsyncGenerator<{ name: string; rows: WorksheetReader }> {
  const directory = await unzipper.Open.file(path);
  const parts = new Map(directory.files.filter((file) => file.type === 'File').map((file) => [file.path.replace(/^\//, ''), file]));
  const part = (name: string): Readable | undefined => parts.get(name)?.stream();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'ignore',
  }) as unknown as WorkbookParts;

  const rels = part('xl/_rels/workbook.xml.rels');
  const workbook = part('xl/workbook.xml');
  if (rels === undefined || workbook === undefined) throw new Error('the archive has no xl/workbook.xml and its relationships: not a spreadsheet');
  await reader._parseRels(rels);
  await reader._parseWorkbook(workbook);
  const strings = part('xl/sharedStrings.xml');
  if (strings !== undefined) for await (const _ of reader._parseSharedStrings(strings));
  const styles = part('xl/styles.xml');
  if (styles !== undefined) await reader._parseStyles(styles);

  for (const sheet of reader.model?.sheets ?? []) {
    const target = reader.workbookRels?.find((rel) => rel.Id === sheet.rId)?.Target;
    const path = target === undefined ? undefined : target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    const sheetNo = path === undefined ? undefined : /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(path)?.[1];
    const rows = path === undefined ? undefined : part(path);
    if (sheetNo === undefined || rows === undefined) continue; // a chart sheet, or a relationship to nothing
    try {
      for (const { value } of reader._parseWorksheet(rows, sheetNo)) yield { name: sheet.name, rows: value };
    } finally {
      rows.destroy();
    }
  }
}
