import type { CsvRead } from '../io/csv-read.js';
import { RETURN_COLUMNS, type ReturnColumnName } from '../schema/return-format.js';
import { quoteIdent, quoteLiteral, type Store } from '../store/index.js';
import { namedWidth, type HeaderMap } from './map-header.js';
import { isProgramMissingSql } from './missing-marks.js';
import { isSpreadsheetErrorSql } from './spreadsheet-errors.js';
import { sqlList } from './rule-context.js';
import type { CODED_COLUMNS, ResolvedColumn } from './resolve-codes.js';

/**
 * Plain decimal notation of OBS_VALUE: with a decimal point only (comma-delimited files), or a point or a comma. Spaces
 * around it do not count, a no-break space (U+00A0, U+202F) as little as any: pasted from a web page or a document,
 * it shows as nothing in the cell, and DuckDB's trim(), which the message's value went through, drops it too.
 */
const SPACE = '[ \\t\\n\\r\\f\\v\\x{00A0}\\x{202F}]*';
const PLAIN_NUMBER_POINT = `${SPACE}-?[0-9]+([.][0-9]+)?${SPACE}`;
const PLAIN_NUMBER = `${SPACE}-?[0-9]+([.,][0-9]+)?${SPACE}`;
/** 2^53: the largest integer a DOUBLE (the warehouse's obs_value) holds exactly, with all integers below it. */
export const MAX_EXACT_INTEGER = '9007199254740992';

/** Beyond this many values that do not read as themselves, a column is resolved by a join instead of a CASE. */
const MAX_CASE_BRANCHES = 200;

/**
 * Returns the select items computed from the cells `c0…` as read_csv reads the file (see ReadCsvOptions.computed), for
 * the rows view to name (see buildRows): TIME_PERIOD as a year (`ct_time_period`, null when none) and OBS_VALUE as a
 * number (`ct_obs_value`, null when none; see numberSql). Computed there once: as expressions of the view, every pass
 * over a million rows (the prefilter, the series groups, the repeated series, the year-on-year check, the load)
 * computed them again, 0.04 s each for the year and as much for the value. The value's column holds 13 MB more for a
 * million rows, within what validate may use (400 MB).
 *
 * @example readCsv(store, path, { …, computed: (cells, delimiter) => typedCells(mapHeader(cells, '', 1), delimiter) })
 */
export function typedCells(header: HeaderMap, delimiter: string): string[] {
  const time = header.index.TIME_PERIOD === undefined ? 'null::varchar' : `c${header.index.TIME_PERIOD}`;
  const value = header.index.OBS_VALUE === undefined ? 'null::varchar' : `c${header.index.OBS_VALUE}`;
  // a year is four digits: "2025.0" or "25" read as no year (TIME_PERIOD_INVALID), never as 2025. A year written
  // canonically is recognised by casting it and printing it back (cheaper than the regular expression on every row)
  return [
    `case when try_cast(${time} as integer)::varchar = ${time} then try_cast(${time} as integer)
       when regexp_full_match(${time}, '${SPACE}[0-9]{4}${SPACE}') then try_cast(trim(${time}) as integer) end as ct_time_period`,
    `${numberSql(value, delimiter)} as ct_obs_value`,
  ];
}

/**
 * Returns SQL for the cell `value` of OBS_VALUE as a number, null when it is none. OBS_VALUE is plain decimal
 * notation: digits, at most one decimal separator (a point; in files delimited by ';' or tab also a comma, "12,5"), an
 * optional leading minus. Exponents, underscores, a leading '+', "inf" are not numbers; an integer part beyond 2^53
 * cannot be stored exactly in a DOUBLE, so it is not read either. The regular expression decides; a whole number
 * written canonically ("120", most of a return) is recognised first by casting it and printing it back, about a third
 * of the regular expression's cost.
 */
function numberSql(value: string, delimiter: string): string {
  const integerDigits = `regexp_extract(${value}, '^${SPACE}-?0*([0-9]*)', 1)`;
  const isTooLarge = `(length(${value}) >= 16 and (length(${integerDigits}) > 16 or (length(${integerDigits}) = 16 and ${integerDigits} > '${MAX_EXACT_INTEGER}')))`;
  // trimmed: the cast reads spaces around a number but not a no-break space (reached only by numbers not written canonically)
  const castable = delimiter === ',' ? `trim(${value})` : `replace(trim(${value}), ',', '.')`;
  const integer = `try_cast(${value} as bigint)`;
  return `case when ${integer}::varchar = ${value} and abs(${integer}) <= ${MAX_EXACT_INTEGER} then ${integer}::double
      when ${isPlainNumberSql(value, delimiter)} and not ${isTooLarge} then cast(${castable} as double) end`;
}

/** Returns SQL that is true when the cell `value` is a number in plain decimal notation (see numberSql). */
function isPlainNumberSql(value: string, delimiter: string): string {
  return `regexp_full_match(${value}, '${delimiter === ',' ? PLAIN_NUMBER_POINT : PLAIN_NUMBER}')`;
}

/**
 * Creates the temporary view `<rowsView>` over the raw table: one row per record read, with its physical `line`,
 * the raw cells (`<column>_in`) and the typed, resolved values (`ref_area`, `time_period`, `obs_value`, …; null when
 * unreadable). A view, not a copy, for a large file: validation rules and ingest read the file's cells once each, and a
 * coded column whose values are already valid codes costs nothing to resolve; a small file's view reads a copy (see
 * MAX_TYPED_COPY_ROWS).
 *
 * Columns: rid (the raw table's rowid), line, is_blank, is_short, ref_area_in, ref_area, time_period_in, time_period, indicator_in, indicator,
 * sex_in, sex, age_in, age, counterpart_area_in, counterpart_area, breakdown_in, breakdown, obs_value_in, obs_value,
 * is_plain_number, has_decimal_separator (OBS_VALUE holds a point or a decimal comma), obs_status_in, obs_status, conf_status_in, conf_status, comment, action_in (SDMX-CSV's ACTION, upper case).
 */
export async function buildRows(
  store: Store,
  read: CsvRead,
  header: HeaderMap,
  resolved: ReadonlyMap<(typeof CODED_COLUMNS)[number], ResolvedColumn>,
  commentLostLetters: readonly string[],
  mapTable: string,
  rowsView: string,
): Promise<void> {
  const width = read.header.length;
  const cell = (name: ReturnColumnName): string | undefined => (header.index[name] === undefined ? undefined : `r.c${header.index[name]}`);
  const raw = (name: ReturnColumnName): string => cell(name) ?? 'null::varchar';
  const joins: string[] = [];
  const coded = (name: (typeof CODED_COLUMNS)[number]): string => {
    const column = RETURN_COLUMNS.find((c) => c.name === name)!;
    const fallback = column.default === null ? 'null::varchar' : quoteLiteral(column.default);
    const source = cell(name);
    if (source === undefined) return fallback;
    const { exceptions } = resolved.get(name)!;
    if (exceptions.size === 0) return `coalesce(${source}, ${fallback})`;
    if (exceptions.size <= MAX_CASE_BRANCHES) {
      const branches = [...exceptions].map(([value, code]) => `when ${quoteLiteral(value)} then ${code === '' ? fallback : code === null ? 'null' : quoteLiteral(code)}`);
      return `case when ${source} is null then ${fallback} else (case ${source} ${branches.join(' ')} else ${source} end) end`;
    }
    const alias = `m_${name.toLowerCase()}`;
    joins.push(`left join ${quoteIdent(mapTable)} as ${alias} on ${alias}.col = '${name}' and ${alias}.raw = ${source}`);
    return `case when ${source} is null then ${fallback} when ${alias}.code = '' then ${fallback} else ${alias}.code end`;
  };
  // a row is blank when every cell is empty or spaces; the first cell decides for almost every row, and a CASE
  // looks at the others only for the rows where it is empty (an AND of every cell cost 0.4 s per million rows)
  const isEmpty = (i: number): string => `coalesce(trim(r.c${i}), '') = ''`;
  const blank = width <= 1 ? (width === 0 ? 'true' : isEmpty(0))
    : `case when ${isEmpty(0)} then ${Array.from({ length: width - 1 }, (_, i) => isEmpty(i + 1)).join(' and ')} else false end`;
  const refArea = coded('REF_AREA');
  const counterpart = coded('COUNTERPART_AREA');
  const value = raw('OBS_VALUE');
  const plain = isPlainNumberSql(value, read.delimiter);
  const action = actionPosition(read.header);
  const selectList = [
    'r.rowid as rid',
    `${read.line.expression} as line`,
    // short: a cell missing before the last named column (Excel's nameless trailing columns may be missing)
    `(r.c${namedWidth(read.header) - 1} is null) as is_short`,
    `(${blank}) as is_blank`,
    `${raw('REF_AREA')} as ref_area_in`,
    `${refArea} as ref_area`,
    `${raw('TIME_PERIOD')} as time_period_in`,
    // computed as the file was read (see typedCells)
    'r.ct_time_period as time_period',
    `${raw('INDICATOR')} as indicator_in`,
    `${coded('INDICATOR')} as indicator`,
    `${raw('SEX')} as sex_in`,
    `${coded('SEX')} as sex`,
    `${raw('AGE')} as age_in`,
    `${coded('AGE')} as age`,
    `${raw('COUNTERPART_AREA')} as counterpart_area_in`,
    `${resolved.get('COUNTERPART_AREA')?.exceptions.size ? `if((${counterpart}) = '=REF_AREA', ${refArea}, ${counterpart})` : counterpart} as counterpart_area`,
    `${raw('BREAKDOWN')} as breakdown_in`,
    `${coded('BREAKDOWN')} as breakdown`,
    `nullif(trim(${value}), '') as obs_value_in`,
    // computed as the file was read (see typedCells)
    'r.ct_obs_value as obs_value',
    `${plain} as is_plain_number`,
    // on the raw cell (a second trim of every value cost 0.15 s per million rows in the prefilter); in a
    // comma-delimited file a comma is never a plain number's, so only the point is looked for
    `coalesce(${read.delimiter === ',' ? `contains(${value}, '.')` : `(contains(${value}, '.') or contains(${value}, ','))`}, false) as has_decimal_separator`,
    `${raw('OBS_STATUS')} as obs_status_in`,
    `${coded('OBS_STATUS')} as obs_status`,
    `${raw('CONF_STATUS')} as conf_status_in`,
    `${coded('CONF_STATUS')} as conf_status`,
    // a program's missing value (R's NA, pandas' nan, Python's None) in a COMMENT the template left empty is no
    // comment (NA_AS_EMPTY warns), whatever the spaces, tabs or line breaks around it; nor is a spreadsheet's error
    // value, a formula's that failed (#N/A: COMMENT_FORMULA_ERROR warns). The empty cell, most rows' comment, is
    // answered first: the marks' tests on it cost 0.04 s per million rows in each pass that reads COMMENT.
    // nor is text whose letters a code page lost to question marks ("??? ??????????": COMMENT_LETTERS_LOST warns), the
    // distinct cells resolveCodes found
    `case when ${raw('COMMENT')} = '' then null
       when ${isProgramMissingSql(raw('COMMENT'))} or ${isSpreadsheetErrorSql(raw('COMMENT'))}${
         commentLostLetters.length === 0 ? '' : ` or list_contains(${sqlList(commentLostLetters)}, ${raw('COMMENT')})`} then null
       else nullif(trim(${raw('COMMENT')}), '') end as comment`,
    `${action === undefined ? 'null::varchar' : `nullif(upper(trim(r.c${action})), '')`} as action_in`,
  ];
  const select = `select ${selectList.join(',\n       ')}
     from ${quoteIdent(read.table)} as r ${read.line.join}
     ${joins.join('\n     ')}`;
  if (read.rowCount > MAX_TYPED_COPY_ROWS) {
    await store.run(`create or replace temp view ${quoteIdent(rowsView)} as\n     ${select}`);
    return;
  }
  await store.run(
    `create or replace temp table ${quoteIdent(typedCopy(rowsView))} as\n     ${select};
     create or replace temp view ${quoteIdent(rowsView)} as select * from ${quoteIdent(typedCopy(rowsView))}`,
  );
}

/**
 * Up to this many records, the typed rows are computed once into a temporary table (see {@link typedCopy}) and the
 * view reads that. A small return's statements are mostly DuckDB planning, and each that reads the view plans its
 * whole select list again (the prefilter, the gates, the series groups, the count of accepted rows, the load): the 126
 * sample returns validate with about a tenth less CPU. A large file keeps the bare view: a copy of a million rows costs
 * 0.6 s to write, more than it spares the passes that read it.
 */
export const MAX_TYPED_COPY_ROWS = 10_000;

/** The temporary table behind a small file's rows view (see MAX_TYPED_COPY_ROWS); dropped with the file's tables. */
export function typedCopy(rowsView: string): string {
  return `${rowsView}_typed`;
}

/** Returns the position of an SDMX-CSV `ACTION` column in the header, or undefined. */
function actionPosition(header: readonly string[]): number | undefined {
  const position = header.findIndex((cell) => /^ACTION(: .*)?$/s.test(cell.replace(/^\uFEFF/, '').trim().toUpperCase()));
  return position < 0 ? undefined : position;
}
