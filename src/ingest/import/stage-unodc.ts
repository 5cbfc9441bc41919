import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { DataError } from '../../errors.js';
import { readXlsx } from '../../io/read-xlsx.js';
import type { Issue } from '../../schema/issue.js';
import { quoteIdent, type Store } from '../../store/index.js';
import { stageCsv } from './stage-csv.js';
import type { StagedFile } from './types.js';

/** The columns of a dataUNODC download the import reads; the value column is `VALUE` or `txtVALUE`. */
const COLUMNS = [
  ['iso3', 'Iso3_code', ['iso3_code']],
  ['indicator', 'Indicator', ['indicator']],
  ['dimension', 'Dimension', ['dimension']],
  ['category', 'Category', ['category']],
  ['sex', 'Sex', ['sex']],
  ['age', 'Age', ['age']],
  ['year', 'Year', ['year']],
  ['unit', 'Unit of measurement', ['unit of measurement']],
  ['value', 'VALUE', ['value', 'txtvalue']],
] as const;
const HEADER_SEARCH_LINES = 10;
const isHeaderCell = (cell: string | undefined): boolean => (cell ?? '').replace(/^\uFEFF/, '').replace(/"/g, '').trim().toLowerCase() === 'iso3_code';

/**
 * Returns a dataUNODC download (GLOTIP, IAFQ, CTS; `.xlsx` or `.csv`) staged into `import_raw` (columns sheet, line,
 * iso3, indicator, dimension, category, sex, age, year, unit, value, source), all as published text. The header is
 * found by its first column `Iso3_code`, so a preamble (publisher, date) of any length up to 10 lines is skipped;
 * the dataset is the Source column's most frequent token ("IAFQ/SOF" counts for IAFQ).
 *
 * @throws DataError `IMPORT_NOT_UNODC` without the header, `IMPORT_COLUMN_MISSING` when a column is missing.
 */
export async function stageUnodc(store: Store, path: string, displayName: string): Promise<StagedFile> {
  const isXlsx = extname(path).toLowerCase() === '.xlsx';
  let header: string[];
  let headerLine: number;
  let from: string;
  let rejectedRows = 0;
  let readIssues: Issue[];
  let sheets: string[] = [];
  if (isXlsx) {
    const read = await readXlsx(store, path, { table: 'import_sheet', displayName, isHeader: (cells) => isHeaderCell(cells[0]), headerSearchRows: HEADER_SEARCH_LINES }).catch(
      (error: unknown) => {
        throw error instanceof DataError && error.code === 'XLSX_NO_HEADER' ? notUnodc(displayName) : error;
      },
    );
    ({ header, headerLine, sheets } = read);
    readIssues = read.issues;
    from = `select r.sheet, r.line::integer as line, {columns} from import_sheet as r`;
  } else {
    const skipLines = await findHeaderLine(path, displayName);
    const staged = await stageCsv(store, path, { table: 'import_sheet', displayName, delimiter: ',', skipLines });
    ({ header, headerLine } = staged.read);
    ({ rejectedRows, issues: readIssues } = staged);
    from = `select null::varchar as sheet, ${staged.read.line.expression} as line, {columns} from import_sheet as r ${staged.read.line.join}`;
  }
  const names = header.map((name) => name.replace(/^\uFEFF/, '').trim().toLowerCase());
  const columns: Record<string, string> = {};
  const select: string[] = [];
  for (const [key, display, accepted] of COLUMNS) {
    const index = names.findIndex((name) => (accepted as readonly string[]).includes(name));
    if (index < 0) {
      const expected = key === 'value' ? '"VALUE" or "txtVALUE"' : `"${display}"`;
      throw new DataError('IMPORT_COLUMN_MISSING', `expected a column ${expected} as in every dataUNODC download, found ${header.map((h) => `"${h}"`).join(', ')}`, [], {
        location: { file: displayName, line: headerLine, column: display },
        hint: 'import the download as published by dataUNODC (columns Iso3_code … Year, Unit of measurement, VALUE)',
      });
    }
    columns[key] = header[index]!.replace(/^\uFEFF/, '').trim();
    select.push(`r.${quoteIdent(`c${index}`)} as ${key}`);
  }
  const sourceIndex = names.indexOf('source');
  select.push(sourceIndex < 0 ? 'null::varchar as source' : `r.${quoteIdent(`c${sourceIndex}`)} as source`);
  await store.run(`create or replace temp table import_raw as ${from.replace('{columns}', select.join(', '))}`);
  await store.run('drop table if exists import_sheet');
  const [{ rows }] = (await store.all<{ rows: number }>('select count(*)::integer as rows from import_raw')) as [{ rows: number }];
  return { dataset: await findDataset(store, displayName), rows: rows + rejectedRows, rejectedRows, readIssues, columns, sheets };
}

/** Returns how many lines precede the `Iso3_code` header (0 for the CTS download, 2 for IAFQ). */
async function findHeaderLine(path: string, displayName: string): Promise<number> {
  const handle = await open(path, 'r');
  let text: string;
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    text = buffer.subarray(0, bytesRead).toString('latin1').replace(/^\u00ef\u00bb\u00bf/, '');
  } finally {
    await handle.close();
  }
  const lines = text.split(/\r?\n/).slice(0, HEADER_SEARCH_LINES);
  const index = lines.findIndex((line) => isHeaderCell(line.split(/[,;\t]/)[0]));
  if (index < 0) throw notUnodc(displayName);
  return index;
}

function notUnodc(displayName: string): DataError {
  return new DataError('IMPORT_NOT_UNODC', `expected a dataUNODC download with a header line starting "Iso3_code" in its first ${HEADER_SEARCH_LINES} lines, found none`, [], {
    location: { file: displayName, line: 1 },
    hint: 'is this a Eurostat or World Bank file? use "crimetrends import eurostat|worldbank FILE"',
  });
}

/** Returns the dataset named most often in the Source column ("IAFQ/SOF" counts for IAFQ and SOF), else "UNODC". */
async function findDataset(store: Store, displayName: string): Promise<string> {
  const rows = await store.all<{ token: string }>(
    `select token from (select trim(unnest(string_split(source, '/'))) as token from import_raw) where token <> ''
     group by token order by count(*) desc, token limit 1`,
  );
  const token = rows[0]?.token;
  if (token !== undefined) return token.toUpperCase();
  const guess = /glotip|iafq|cts/i.exec(displayName)?.[0];
  return guess === undefined ? 'UNODC' : guess.toUpperCase();
}
