import { DataError } from '../../errors.js';
import type { LineSql } from '../../io/csv-read.js';
import { quoteIdent, type Store } from '../../store/index.js';
import { findHeader, locateColumns, readHeadLines, type ColumnSpec, type FoundHeader } from '../../io/find-header.js';
import { checkEurostatDataflow, checkEurostatFileName, identifyEurostatDataset } from './identify-eurostat-dataset.js';
import { CELL_FITS, stageCsv, type RowShape } from './stage-csv.js';
import type { StagedFile } from './types.js';

/**
 * Returns a Eurostat SDMX-TSV table (such as `crim_off_cat`) staged into `import_raw`, one row per cell: sheet (null),
 * line, key (the first column as published), is_key_ok, freq, citizen, leg_stat, sex (the persons tables'; else null), iccs, unit, geo, year, cell (the cell text with its
 * flags). The header's first cell names the key dimensions (`freq,iccs,unit,geo\TIME_PERIOD`); each further column
 * is one year. The source rows counted are the cells (lines × years): each is one observation. The dataset is the one
 * whose key the header names (see identifyEurostatDataset), never the file name, which browsers and users change.
 *
 * @throws DataError `IMPORT_NOT_EUROSTAT` for another header, `IMPORT_COLUMN_UNSUPPORTED` for a dimension or
 *   period this import does not handle (a key that names no dataset it reads).
 */
export async function stageEurostat(store: Store, path: string, displayName: string): Promise<StagedFile> {
  const sdmxCsv = await findHeader(path, isSdmxCsvHeader);
  if (sdmxCsv !== undefined) return stageSdmxCsv(store, path, displayName, sdmxCsv);
  // the TSV opened and saved in a spreadsheet is comma- or semicolon-delimited, its keys quoted ("A,NR,ICCS0703,BG")
  const tsv = await findHeader(path, (cells) => cells.length > 1 && (cells[0] ?? '').includes('\\'));
  const staged = await stageCsv(store, path, { table: 'import_sheet', displayName, delimiter: tsv?.delimiter ?? '\t', skipLines: tsv?.skipLines });
  const { header, headerLine, line } = staged.read;
  const first = (header[0] ?? '').replace(/^\uFEFF/, '').trim();
  const at = (column: string) => ({ file: displayName, line: headerLine, column });
  if (!first.includes('\\')) {
    await refuseBrowserLayout(path, displayName);
    throw new DataError('IMPORT_NOT_EUROSTAT', `expected an SDMX-TSV header like "freq,iccs,unit,geo\\TIME_PERIOD" then one column per year, found ${JSON.stringify(first.slice(0, 60))}`, [], {
      location: at(first.slice(0, 40)),
      hint: 'download the table from Eurostat as TSV (the "SDMX-TSV" bulk format) or SDMX-CSV; for UNODC or World Bank files use "crimetrends import unodc|worldbank FILE"',
    });
  }
  const keyNames = first.split('\\')[0]!.split(',').map((name) => name.trim().toLowerCase());
  const dataset = checkEurostatFileName(displayName, identifyEurostatDataset(keyNames, first, { file: displayName, line: headerLine }), first, { file: displayName, line: headerLine });
  if (header.length < 2) {
    // a key and no period: nothing to read (and no column to unpivot)
    throw new DataError('IMPORT_COLUMN_MISSING', `expected one column per year after the key ${JSON.stringify(first.slice(0, 60))}, found none`, [], {
      location: at(first.slice(0, 40)),
      hint: 'download the table from Eurostat again as TSV, or as SDMX-CSV',
    });
  }
  // a column with no heading at the end (each line ending in a delimiter, as a spreadsheet may save the table) is no
  // period, when it holds nothing
  let periods = header.slice(1);
  while (periods.length > 0 && periods[periods.length - 1]!.trim() === '') periods = periods.slice(0, -1);
  await refuseFilledBlankColumns(store, displayName, periods.length + 1, header.length, line);
  const years: number[] = [];
  for (const cell of periods) {
    if (!/^\d{4}$/.test(cell.trim())) {
      throw new DataError('IMPORT_COLUMN_UNSUPPORTED', `expected annual periods such as 2021 as column headers, found "${cell.trim()}"`, [], {
        location: at(cell.trim()),
        hint: 'download the annual table (freq A)',
      });
    }
    years.push(Number(cell.trim()));
  }
  const part = (name: string): string => {
    const index = keyNames.indexOf(name);
    return index < 0 ? 'null::varchar' : `case when is_key_ok then trim(parts[${index + 1}]) end`;
  };
  await store.run(
    `create or replace temp table import_raw as
     select null::varchar as sheet, line, key, is_key_ok, ${KEY_PARTS.map((n) => `${part(n)} as ${n}`).join(', ')}, year, year::varchar as period, cell
     from (
       select ${line.expression} as line, r.c0 as key, string_split(coalesce(r.c0, ''), ',') as parts,
         len(string_split(coalesce(r.c0, ''), ',')) = ${keyNames.length} as is_key_ok,
         unnest([${years.join(', ')}]) as year, unnest([${years.map((_, i) => `r.${quoteIdent(`c${i + 1}`)}`).join(', ')}]) as cell
       from import_sheet as r ${line.join}
     )`,
  );
  await store.run('drop table if exists import_sheet');
  const [{ rows }] = (await store.all<{ rows: number }>('select count(*)::integer as rows from import_raw')) as [{ rows: number }];
  const rejectedRows = staged.rejectedRows * years.length;
  return {
    dataset,
    rows: rows + rejectedRows,
    headerLine,
    rejectedRows,
    readIssues: staged.issues,
    columns: { key: first },
    sheets: [],
  };
}

/** The key's dimensions staged (leg_stat and sex are crim_just_sex's, leg_stat and citizen crim_just_ctz's; else null). */
const KEY_PARTS = ['freq', 'citizen', 'leg_stat', 'sex', 'iccs', 'unit', 'geo'] as const;

/** The columns of Eurostat's SDMX-CSV (the dissemination API's `format=SDMX-CSV`) this import reads. */
const SDMX_CSV_COLUMNS: readonly ColumnSpec[] = [
  { key: 'dataflow', display: 'DATAFLOW', aliases: ['DATAFLOW', 'STRUCTURE_ID'] },
  { key: 'freq', display: 'freq', aliases: ['freq'] },
  { key: 'citizen', display: 'citizen', aliases: ['citizen'] },
  { key: 'leg_stat', display: 'leg_stat', aliases: ['leg_stat'] },
  { key: 'sex', display: 'sex', aliases: ['sex'] },
  { key: 'iccs', display: 'iccs', aliases: ['iccs'] },
  { key: 'unit', display: 'unit', aliases: ['unit'] },
  { key: 'geo', display: 'geo', aliases: ['geo'] },
  { key: 'year', display: 'TIME_PERIOD', aliases: ['TIME_PERIOD'] },
  { key: 'value', display: 'OBS_VALUE', aliases: ['OBS_VALUE'] },
  { key: 'flag', display: 'OBS_FLAG', aliases: ['OBS_FLAG'] },
  { key: 'conf', display: 'CONF_STATUS', aliases: ['CONF_STATUS'] },
];
/**
 * Returns an SDMX-CSV column's name without the label an export with labels gives it in the header (SDMX-CSV 2.0's
 * `labels=both`: `geo: Geopolitical entity (reporting)` and `geo:Geopolitical entity (reporting)` are geo).
 */
const sdmxName = (cell: string): string => cell.replace(/^(\s*\uFEFF?\s*[A-Za-z_]+)\s*:.*$/s, '$1').replace(/^\uFEFF/, '').trim();
/** Returns where the SDMX-CSV columns are, by their names without labels. */
const locateSdmxColumns = (cells: readonly string[]): Record<string, number> => locateColumns(cells.map(sdmxName), SDMX_CSV_COLUMNS);
/**
 * An SDMX-CSV header names TIME_PERIOD, OBS_VALUE and geo; one without crim_off_cat's iccs and unit (another dataset's,
 * such as migr_asyappctza's) is read as far as its dataflow and dimensions, which say what it is.
 */
const isSdmxCsvHeader = (cells: string[]): boolean => {
  const at = locateSdmxColumns(cells);
  return ['geo', 'year', 'value'].every((key) => at[key]! >= 0);
};

/**
 * Returns what the mapper reads of an SDMX-CSV row: the columns of {@link SDMX_CSV_COLUMNS} (a label column after
 * them, as `labels=name` exports write, is not read), with TIME_PERIOD and OBS_VALUE showing a cell left out before them.
 */
function sdmxRowShape(header: readonly string[]): RowShape {
  const at = locateSdmxColumns(header);
  const fits = new Map<number, (cell: string) => string>();
  if (at.year! >= 0) fits.set(at.year!, CELL_FITS.year);
  if (at.value! >= 0) fits.set(at.value!, CELL_FITS.figure);
  return { read: Object.values(at).filter((index) => index >= 0), fits };
}

/**
 * Returns Eurostat's SDMX-CSV (`DATAFLOW` or `STRUCTURE, STRUCTURE_ID`, `LAST UPDATE`, `freq, iccs, unit, geo,
 * TIME_PERIOD, OBS_VALUE, OBS_FLAG`: one observation per line) staged into the same `import_raw` as the TSV, so that
 * it maps alike: the cell is OBS_VALUE (`:` when empty) followed by OBS_FLAG (its flags run together: `b p`, `b,p` are `bp`), the key the dimensions joined by commas;
 * SDMX 3.0's CONF_STATUS, which carries confidentiality apart from OBS_FLAG, withholds the value as the TSV's flag `c`
 * (`: c`) does for every code but `F` (free): `C` confidential, `D` and `S` secondary confidentiality, `N` not for
 * publication, `A`, `O`, `T`, `G`, `M` primary confidentiality (small counts, dominance), and any code not known.
 * Codes given with their labels (`labels=both`: `AL:Albania`, a flag `p:provisional`, a header `geo: Geopolitical
 * entity (reporting)`) are read by their code. The dataset is the dataflow's
 * (`ESTAT:CRIM_OFF_CAT(1.0)` → `crim_off_cat`, as the TSV's key gives), so either format replaces the other; a file
 * without a dataflow column is named by its dimensions, as the TSV is.
 */
async function stageSdmxCsv(store: Store, path: string, displayName: string, found: FoundHeader): Promise<StagedFile> {
  const staged = await stageCsv(store, path, { table: 'import_sheet', displayName, delimiter: found.delimiter, skipLines: found.skipLines, shape: sdmxRowShape });
  const { header, line } = staged.read;
  const at = locateSdmxColumns(header);
  const raw = (key: string): string => (at[key]! < 0 ? 'null::varchar' : `trim(r.${quoteIdent(`c${at[key]}`)})`);
  const code = (key: string): string => `case when regexp_matches(${raw(key)}, '^[^:]+:') then trim(split_part(${raw(key)}, ':', 1)) else nullif(${raw(key)}, '') end`;
  const columns: Record<string, string> = { value: header[at.value!]!.trim(), year: header[at.year!]!.trim() };
  // the key's dimensions are the columns named in lower case (Eurostat's attributes, OBS_FLAG, CONF_STATUS, LAST
  // UPDATE, are upper case): a sex or leg_stat column is another dataset's, whose rows would pass for crim_off_cat's
  const dimensions = header.map(sdmxName).filter((name) => /^[a-z][a-z0-9_]*$/.test(name));
  await refuseLabelsOnly(store, displayName, header, at, line);
  if (at.dataflow! >= 0) {
    // every dataflow the file holds must be one this import reads, checked at the first line that names it
    const named = await store.all<{ flow: string; line: number }>(
      `select flow, min(line)::integer as line from (select ${raw('dataflow')} as flow, ${line.expression} as line from import_sheet as r ${line.join})
       where coalesce(flow, '') <> '' group by flow order by line`,
    );
    for (const { flow, line: firstLine } of named) checkEurostatDataflow(flow, { file: displayName, line: firstLine, column: header[at.dataflow!]!.trim() });
  }
  const identified = identifyEurostatDataset(dimensions, dimensions.join(','), { file: displayName, line: staged.read.headerLine });
  // the key's dimensions the file has, in the staged order (a crim_off_cat has no leg_stat or sex)
  const present = KEY_PARTS.filter((n) => n === 'freq' || n === 'iccs' || n === 'unit' || n === 'geo' || at[n]! >= 0);
  await store.run(
    `create or replace temp table import_raw as
     select null::varchar as sheet, line, concat_ws(',', ${present.join(', ')}) as key,
       ${present.filter((n) => n !== 'freq').map((n) => `${n} is not null`).join(' and ')} as is_key_ok, ${KEY_PARTS.join(', ')}, year, period, cell
     from (
       select ${line.expression} as line, ${KEY_PARTS.map((n) => `${code(n)} as ${n}`).join(', ')},
         -- a quarter or month (2022-Q1, 2022-01, of freq Q or M) is no year: the row is skipped for its frequency
         try_cast(${raw('year')} as integer) as year, ${raw('year')} as period,
         coalesce(nullif(${raw('value')}, ''), ':')
           -- OBS_FLAG's flags as the TSV writes them after the value: "b p", "b,p" and "b, p" are "bp"
           || coalesce(' ' || nullif(concat(regexp_replace(${code('flag')}, '[\\s,;]+', '', 'g'), case when upper(${code('conf')}) <> 'F' then 'c' end), ''), '') as cell,
         ${raw('dataflow')} as dataflow
       from import_sheet as r ${line.join}
     )`,
  );
  const flows = await store.all<{ flow: string }>(
    `select flow from (select lower(regexp_extract(${raw('dataflow')}, '([A-Za-z0-9_]+)(\\$[A-Za-z0-9_]*)?\\(', 1)) as flow from import_sheet as r)
     where flow <> '' group by flow order by count(*) desc, flow limit 1`,
  );
  await store.run('drop table if exists import_sheet');
  const [{ rows }] = (await store.all<{ rows: number }>('select count(*)::integer as rows from import_raw')) as [{ rows: number }];
  return {
    dataset: flows[0]?.flow || checkEurostatFileName(displayName, identified, dimensions.join(','), { file: displayName, line: staged.read.headerLine }),
    rows: rows + staged.rejectedRows,
    headerLine: staged.read.headerLine,
    rejectedRows: staged.rejectedRows,
    readIssues: staged.issues,
    columns,
    sheets: [],
  };
}

/**
 * Returns once the first row of an SDMX-CSV holds codes (`A`, `NR`, `EL`, or `EL:Greece` with its label) under freq,
 * unit and geo. An export with labels in place of the codes (the data browser's "labels" option: `Annual`, `Number`,
 * `Greece`, a DATAFLOW of `Recorded offences by offence category - police data`) is refused: its labels would be read
 * as codes, each row skipped as "frequency Annual is not annual" and its dataflow taken for another dataset's.
 *
 * @throws DataError `IMPORT_COLUMN_UNSUPPORTED` at the first row, naming the column and the label found.
 */
async function refuseLabelsOnly(
  store: Store, displayName: string, header: readonly string[], at: Record<string, number>, line: LineSql,
): Promise<void> {
  const keys = ['freq', 'unit', 'geo'].filter((key) => at[key]! >= 0);
  if (keys.length === 0) return;
  const cells = keys.map((key) => `trim(r.${quoteIdent(`c${at[key]}`)}) as ${quoteIdent(key)}`).join(', ');
  const first = await store.all<Record<string, string | null> & { line: number }>(
    `select ${line.expression} as line, ${cells} from import_sheet as r ${line.join}
     where ${keys.map((key) => `coalesce(trim(r.${quoteIdent(`c${at[key]}`)}), '') <> ''`).join(' or ')} order by line limit 1`,
  );
  const row = first[0];
  if (row === undefined) return;
  // a code is upper case letters, digits and underscores (EU27_2020), or such a code before its label (EL:Greece)
  const label = keys.find((key) => row[key] != null && row[key] !== '' && !/^[A-Z0-9_]+(\s*:.*)?$/s.test(row[key]!));
  if (label === undefined) return;
  const column = header[at[label]!]!.trim();
  throw new DataError(
    'IMPORT_COLUMN_UNSUPPORTED',
    `expected codes under ${sdmxName(column)} (such as ${label === 'freq' ? 'A' : label === 'unit' ? 'NR' : 'EL'}), found ${JSON.stringify(row[label])}, a label: the download holds labels in place of codes, which are not read as codes`,
    [],
    {
      location: { file: displayName, line: Number(row.line), column },
      hint: 'download the table again from Eurostat as SDMX-CSV with codes, or codes and labels (labels=both), or as TSV',
    },
  );
}

/**
 * Returns when `path` is not a table as Eurostat's data browser lays it out for reading: its spreadsheet download (or
 * a sheet of it saved as CSV), with a `TIME` row of years and a `GEO (Labels)` or `GEO (Codes)` row under the title
 * and filters, a flag column beside each year and labels in place of codes. Such a file was refused as one without
 * an SDMX-TSV header, which says nothing of what to do.
 *
 * @throws DataError `IMPORT_NOT_EUROSTAT` at the TIME row, saying what the file is and what to download instead.
 */
async function refuseBrowserLayout(path: string, displayName: string): Promise<void> {
  const lines = await readHeadLines(path);
  const cellsOf = (text: string): string[] => text.split(/[,;\t]/).map((cell) => cell.replace(/^\uFEFF/, '').replace(/"/g, '').trim());
  const time = lines.findIndex((text) => {
    const cells = cellsOf(text);
    return cells[0] === 'TIME' && cells.slice(1).some((cell) => /^\d{4}$/.test(cell));
  });
  const geo = lines.findIndex((text) => /^GEO \((Labels|Codes)\)$/i.test(cellsOf(text)[0] ?? ''));
  if (time < 0 || geo < 0) return;
  throw new DataError(
    'IMPORT_NOT_EUROSTAT',
    `expected an SDMX-TSV header like "freq,iccs,unit,geo\\TIME_PERIOD" or an SDMX-CSV one, found a table laid out by Eurostat's data browser for reading ("TIME" on line ${time + 1}, ${JSON.stringify(cellsOf(lines[geo]!)[0])} on line ${geo + 1}, a flag column beside each year), as its spreadsheet download writes it: not read`,
    [],
    {
      location: { file: displayName, line: time + 1, column: 'TIME' },
      hint: 'download the table from Eurostat\'s data browser as TSV or SDMX-CSV (Download, then the text or SDMX-CSV format), and import that file',
    },
  );
}

/**
 * Returns when the columns `from` to `to` (exclusive) of `import_sheet`, which have no heading, hold nothing.
 *
 * @throws DataError `IMPORT_COLUMN_UNSUPPORTED` at the first value under such a column: its year is not known.
 */
async function refuseFilledBlankColumns(store: Store, displayName: string, from: number, to: number, line: LineSql): Promise<void> {
  if (from >= to) return;
  const filled = Array.from({ length: to - from }, (_, i) => `nullif(trim(r.${quoteIdent(`c${from + i}`)}), '')`);
  const found = await store.all<{ line: number; cell: string }>(
    `select ${line.expression} as line, coalesce(${filled.join(', ')}) as cell from import_sheet as r ${line.join}
     where coalesce(${filled.join(', ')}) is not null order by line limit 1`,
  );
  if (found[0] === undefined) return;
  throw new DataError('IMPORT_COLUMN_UNSUPPORTED', `expected a year heading every column with values, found ${JSON.stringify(found[0].cell)} under a column with no heading`, [], {
    location: { file: displayName, line: Number(found[0].line) },
    hint: 'download the table from Eurostat again as TSV, or as SDMX-CSV',
  });
}
