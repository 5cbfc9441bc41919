import { quoteLiteral } from '../store/index.js';
import type { DimensionLists } from './create-session.js';
import type { IssueCodeName } from './issue-codes.js';
import { MAX_EXACT_INTEGER } from './build-rows.js';
import { namedWidth } from './map-header.js';
import { isProgramMissingSql, MISSING_MARKS, trimMarkSql } from './missing-marks.js';
import { CODED_COLUMNS } from './resolve-codes.js';
import { RETURN_COLUMN_NAMES } from '../schema/return-format.js';

/** What the SQL rules need to know about the file and the checks asked for. */
export interface RuleContext {
  /** The rows table (see buildRows), read as `p`. */
  rows: string;
  /** The code resolution table (see resolveCodes). */
  map: string;
  /** Header cells, in order (for naming the first missing cell). */
  header: string[];
  delimiter: string;
  state: string | undefined;
  year: number | undefined;
  /** True when several states in one file are expected (an SDMX-CSV export). */
  isMultiState: boolean;
  /** The catalogue's dimension lists (see createSession). */
  dimensions: DimensionLists;
  /** Coded columns holding values that raise an issue (names, unknown codes): see resolveCodes. */
  columnsWithIssues: string[];
  /** Of those, the columns where a value with an issue still reads as a code (so its rows are not flagged). */
  columnsWithResolvedIssues: string[];
  /** The raw table, its line expression and join (for the cell count of short rows). */
  raw: string;
  line: string;
  lineJoin: string;
  /** Latest plausible TIME_PERIOD (the current year). */
  maxYear: number;
  /** Relation holding earlier values (`observation_current` or an attached warehouse's), or undefined. */
  previous: string | undefined;
  /** The states the REF_AREA cells read as (see resolveCodes). */
  states: readonly string[];
  changeWarning: { percent: number; units: number };
}

/** A rule: its code and a query over `p` returning (line, column, value, message, hint). */
export interface Rule {
  code: IssueCodeName;
  sql: (ctx: RuleContext) => string;
  /** True when the query returns a sixth column `code` (one rule reporting several codes). */
  hasCodeColumn?: boolean;
  /**
   * Gates: cheap SQL (no regular expression, no message) that holds whenever the rule can report anything. They are
   * evaluated for all the rules in one statement, and a rule whose gate fails is not planned at all: planning, not
   * reading, is what the rules cost on a small file (about 0.1 s a file for all of them). `gate` is a scalar
   * condition; `rowGate` a condition on a row of `p`, which some row must meet.
   */
  gate?: (ctx: RuleContext) => string;
  rowGate?: (ctx: RuleContext) => string;
}

/** Cells that, all holding a column name, make a row a repeated header. */
const HEADER_NAMES = ['ref_area', 'time_period', 'indicator'] as const;

/**
 * Words for "total" in the region's languages and English, as a spreadsheet's total row writes them in its first
 * cell (lower case; a trailing colon allowed).
 */
const TOTAL_WORDS = [
  'total', 'totals', 'grand total', 'subtotal', 'sub-total', 'total general', 'sum', 'all', 'suma', 'ukupno', 'skupaj', 'totali', 'gjithsej',
  'toplam', 'genel toplam', 'cəmi', 'σύνολο', 'итого', 'всего', 'общо', 'укупно', 'вкупно', 'усього', 'разом', 'ընդամենը', 'სულ',
];
const isTotal = (cell: string): string => `coalesce(rtrim(lower(trim(${cell})), ':') in (${TOTAL_WORDS.map(quoteLiteral).join(', ')}), false)`;

/** Codes that replace every other issue of their row: the row is no observation, its cells are not checked one by one. */
export const NOT_OBSERVATION_CODES = ['HEADER_REPEATED', 'TOTAL_ROW', 'DESCRIPTION_ROW', 'NOTE_ROW'] as const;

/** SQL condition: the row holds the header's column names again. */
const IS_HEADER_REPEATED = [...HEADER_NAMES]
  // a byte-order mark before the first cell is the second file's, when two CSV UTF-8 files were joined
  .map((field) => `upper(trim(p.${field}_in, ' \uFEFF')) in (${RETURN_COLUMN_NAMES.map(quoteLiteral).join(', ')})`)
  .join(' and ');

/**
 * SQL condition: a row of descriptions (a template's or a spreadsheet's row under the header: "Reference area, Year,
 * Indicator, …", or the same in another language). Neither REF_AREA nor INDICATOR reads as a code or a name of one,
 * TIME_PERIOD and OBS_VALUE hold no year and no number, none of these four cells holds a digit, and at least three of
 * them hold words: a data row needs four bad cells to look like this, so a row with one or two is checked cell by
 * cell. A repeated header or a total row also looks like this: their own codes win (see NOT_OBSERVATION_CODES).
 * Written with few function calls: DuckDB plans the rules as one statement per file, and every call costs planning.
 */
const DESCRIPTION_CELLS = ['ref_area_in', 'time_period_in', 'indicator_in', 'obs_value_in'].map((field) => `p.${field}`);
const IS_DESCRIPTION = `p.ref_area is null and p.indicator is null and p.time_period is null and p.obs_value is null
  and not regexp_matches(concat_ws(' ', ${DESCRIPTION_CELLS.join(', ')}), '[0-9]')
  and len(list_filter([${DESCRIPTION_CELLS.join(', ')}], lambda cell: regexp_matches(cell, '\\pL'))) >= 3`;

/** Units of the indicators that count (whole numbers only). */
const COUNT_UNITS = "('NR', 'ROUNDS')";
/** SQL condition: the row's indicator counts (kilograms of drugs seized do not). */
const IS_COUNT = `p.indicator in (select code from vref_indicator where unit in ${COUNT_UNITS})`;
/** SQL condition: OBS_VALUE is one to three digits, a separator and three zeros ("1.000"): a thousands separator, or decimals? */
const GROUPED_ZEROS = "regexp_full_match(p.obs_value_in, '[1-9][0-9]{0,2}[.,]000')";
/**
 * The characters that group digits by thousands besides the point and the comma (a regular expression's class, quoted
 * for SQL): a space, a no-break space (U+00A0, U+202F), a thin space (U+2009, from a typeset document or a PDF) and an
 * apostrophe.
 */
const GROUP_SPACE_CLASS = "[ \\x{00A0}\\x{202F}\\x{2009}'']";
/** SQL pattern: one of {@link GROUP_SPACE_CLASS}. */
const GROUP_SPACE = `'${GROUP_SPACE_CLASS}'`;
/** SQL pattern: a number grouped by one of {@link GROUP_SPACE_CLASS}, its decimal separator a point or a comma. */
const SPACE_GROUPED = `'[1-9][0-9]{0,2}(${GROUP_SPACE_CLASS}[0-9]{3})+([.,][0-9]+)?'`;

/** Rows that hold a full record: not blank, not short of cells. */
const CHECKED = 'not p.is_blank and not p.is_short';
const MISSING = "('M', 'L', 'O', 'Q')";
/** The value's shape is checked unless OBS_STATUS says it is missing (an unknown status, read as null, does not). */
const NOT_MISSING_STATUS = `coalesce(p.obs_status, '') not in ${MISSING}`;
/** SDMX-CSV actions a return may carry (an empty ACTION is I). */
const ACTIONS = "('I', 'R', 'M')";

const required = (column: string, field: string): string =>
  `select p.line, '${column}' as "column", null as value, 'expected a value, found an empty cell' as message,
     '${column} is required on every row' as hint
   from p where ${CHECKED} and coalesce(trim(p.${field}_in), '') = ''`;

/** Rules that look at one row at a time. */
export const ROW_RULES: readonly Rule[] = [
  {
    code: 'TOO_FEW_CELLS',
    rowGate: () => 'not p.is_blank and p.is_short',
    sql: (ctx) => `select p.line, [${ctx.header.map((h) => quoteLiteral(h.trim())).join(', ')}][c.cells + 1] as "column", null as value,
        format('expected {} as in the header, found {}', '${namedWidth(ctx.header)} cell${namedWidth(ctx.header) === 1 ? '' : 's'}', c.cells) as message,
        'a delimiter is missing, or the row was cut short' as hint
      from p inner join (select ${ctx.line} as line, ${ctx.header.map((_, i) => `(r.c${i} is not null)::integer`).join(' + ')} as cells
                         from ${ctx.raw} as r ${ctx.lineJoin}) as c on c.line = p.line
      where not p.is_blank and p.is_short`,
  },
  { code: 'BLANK_ROW', rowGate: () => 'p.is_blank', sql: () => `select p.line, null as "column", null as value, 'a row of empty cells; skipped' as message, 'remove empty rows' as hint from p where p.is_blank` },
  {
    // a row that is no observation gets one issue, not one per cell (see NOT_OBSERVATION_CODES)
    code: 'HEADER_REPEATED',
    // a column name never reads as a year
    rowGate: () => `${CHECKED} and p.time_period is null`,
    sql: () => `select p.line, null as "column", p.ref_area_in as value,
        'expected data, found the header line again' as message,
        'delete the line: a return has one header, on its first line (were two files pasted together?)' as hint
      from p where ${CHECKED} and ${IS_HEADER_REPEATED}`,
  },
  {
    code: 'DESCRIPTION_ROW',
    rowGate: () => 'not p.is_blank and p.ref_area is null and p.indicator is null and p.time_period is null and p.obs_value is null',
    sql: (ctx) => `select p.line, null as "column", concat_ws(${quoteLiteral(ctx.delimiter)}, ${ctx.header.slice(0, 3).map((_, i) => `r.c${i}`).join(', ')}) as value,
        format('expected data, found a row of descriptions ({})', ct_q(concat_ws(${quoteLiteral(ctx.delimiter)}, ${ctx.header.slice(0, 3).map((_, i) => `r.c${i}`).join(', ')}))) as message,
        'delete the row of descriptions under the header; the return holds observations only' as hint
      from p inner join ${ctx.raw} as r on r.rowid = p.rid where not p.is_blank and ${IS_DESCRIPTION}`,
  },
  {
    code: 'TOTAL_ROW',
    rowGate: () => 'not p.is_blank and (p.ref_area is null or p.indicator is null)',
    sql: () => `select p.line, if(${isTotal('p.ref_area_in')}, 'REF_AREA', 'INDICATOR') as "column",
        if(${isTotal('p.ref_area_in')}, p.ref_area_in, p.indicator_in) as value,
        format('expected one observation per row, found a row of totals ({})', ct_q(if(${isTotal('p.ref_area_in')}, p.ref_area_in, p.indicator_in))) as message,
        'delete the row: totals over states or indicators are not sent (the review adds them up); the total of a breakdown is its row with _T' as hint
      from p where not p.is_blank and ((p.ref_area is null and ${isTotal('p.ref_area_in')}) or (p.indicator is null and ${isTotal('p.indicator_in')}))`,
  },
  {
    // a spreadsheet's note or source under the table ("Note: provisional data", "Izvor: MUP"), alone in its row: one
    // issue, not an unknown state, two empty required cells and an empty value
    code: 'NOTE_ROW',
    rowGate: () => 'not p.is_blank and p.ref_area is null and p.time_period is null and p.indicator is null and p.obs_value is null',
    sql: (ctx) => {
      const cells = `[${ctx.header.map((_, i) => `r.c${i}`).join(', ')}]`;
      const names = `[${ctx.header.map((h, i) => quoteLiteral(h.trim() || `column ${i + 1}`)).join(', ')}]`;
      return `select n.line, ${names}[list_position(n.cells, n.filled[1])] as "column", n.filled[1] as value,
          format('expected one observation per row, found a note ({})', ct_q(n.filled[1])) as message,
          'delete the line: a return holds observations only; what the note says of the figures goes in the COMMENT of the rows it concerns' as hint
        from (select p.line, ${cells} as cells, list_filter(${cells}, lambda cell: trim(cell) <> '') as filled
              from p inner join ${ctx.raw} as r on r.rowid = p.rid
              where not p.is_blank and p.ref_area is null and p.time_period is null and p.indicator is null and p.obs_value is null) as n
        where len(n.filled) = 1 and regexp_matches(n.filled[1], '\\pL{2,}[^\\pL]+\\pL{2,}')`;
    },
  },
  {
    code: 'REQUIRED_VALUE_MISSING',
    // an empty or blank cell reads as no code and no year
    rowGate: () => `${CHECKED} and (p.ref_area is null or p.time_period is null or p.indicator is null)`,
    sql: () => [required('REF_AREA', 'ref_area'), required('TIME_PERIOD', 'time_period'), required('INDICATOR', 'indicator')].join(' union all '),
  },
  {
    // unknown codes and names instead of codes, one query per coded column, driven by the resolution table
    code: 'UNKNOWN_CODE',
    hasCodeColumn: true,
    // an unknown code reads as null, which the prefilter keeps: such a column is looked at in the flagged rows only;
    // a column where a name or label reads as a code leaves nothing for the prefilter to catch, so all its rows are read
    sql: (ctx) =>
      [
        'select null::integer as line, null as "column", null as value, null as message, null as hint, null as code where false',
        ...CODED_COLUMNS.filter((column) => ctx.columnsWithIssues.includes(column)).map(
          (column) => `select p.line, '${column}' as "column", p.${column.toLowerCase()}_in as value, m.message, m.hint, m.issue_code as code
            from ${ctx.columnsWithResolvedIssues.includes(column) ? ctx.rows : 'p'} as p inner join ${ctx.map} as m on m.col = '${column}' and m.raw = p.${column.toLowerCase()}_in
            where not p.is_short and m.issue_code is not null`,
        ),
      ].join(' union all '),
  },
  {
    code: 'REF_AREA_NOT_DECLARED',
    rowGate: (ctx) => (ctx.state === undefined ? 'false' : `${CHECKED} and p.ref_area <> ${quoteLiteral(ctx.state)}`),
    sql: (ctx) =>
      ctx.state === undefined
        ? 'select null as line, null as "column", null as value, null as message, null as hint where false'
        : `select p.line, 'REF_AREA' as "column", p.ref_area_in as value,
             format('expected the declared state {}, found {}', ${quoteLiteral(ctx.state)}, ct_q(p.ref_area_in)) as message,
             'a return holds the figures of one state; check --state or the file' as hint
           from p where ${CHECKED} and p.ref_area is not null and p.ref_area <> ${quoteLiteral(ctx.state)}`,
  },
  {
    code: 'TIME_PERIOD_INVALID',
    rowGate: (ctx) => `${CHECKED} and (p.time_period is null or p.time_period not between 1990 and ${ctx.maxYear})`,
    sql: (ctx) => `select p.line, 'TIME_PERIOD' as "column", p.time_period_in as value,
        if(p.time_period is null, format('expected a year as four digits (1990 to {}), found {}', ${ctx.maxYear}, ct_q(p.time_period_in)),
          format('expected a year between 1990 and {}, found {}', ${ctx.maxYear}, ct_q(p.time_period_in))) as message,
        ${timePeriodHint('p.time_period_in', ctx.maxYear)} as hint
      from p where ${CHECKED} and coalesce(trim(p.time_period_in), '') <> ''
        and (p.time_period is null or p.time_period < 1990 or p.time_period > ${ctx.maxYear})`,
  },
  {
    code: 'TIME_PERIOD_AFTER_YEAR',
    rowGate: (ctx) => (ctx.year === undefined ? 'false' : `${CHECKED} and p.time_period > ${ctx.year}`),
    sql: (ctx) =>
      ctx.year === undefined
        ? 'select null as line, null as "column", null as value, null as message, null as hint where false'
        : `select p.line, 'TIME_PERIOD' as "column", p.time_period_in as value,
             format('expected {} or an earlier year (a revision), found {}', ${ctx.year}, p.time_period) as message,
             'a return cannot hold figures for years after its reporting year' as hint
           from p where ${CHECKED} and p.time_period > ${ctx.year} and p.time_period <= ${ctx.maxYear}`,
  },
  {
    code: 'VALUE_MISSING',
    rowGate: () => `${CHECKED} and p.obs_value_in is null`,
    sql: () => `select p.line, 'OBS_VALUE' as "column", null as value, 'expected a number, found an empty cell' as message,
        'give the value, or set OBS_STATUS to M (missing), L, O or Q (suppressed)' as hint
      from p where ${CHECKED} and p.obs_value_in is null and p.obs_status not in ${MISSING}`,
  },
  {
    code: 'VALUE_WITH_MISSING_STATUS',
    // a program's missing value (R's NA, pandas' nan, Python's None) beside a missing status is the empty cell the
    // program read (NA_AS_EMPTY warns), whatever the tabs or other spaces around it
    rowGate: () => `${CHECKED} and p.obs_status in ${MISSING} and p.obs_value_in is not null and not ${isProgramMissingSql('p.obs_value_in')}`,
    sql: () => `select p.line, 'OBS_VALUE' as "column", p.obs_value_in as value,
        format('expected an empty cell with OBS_STATUS {}, found {}', p.obs_status, ct_q(p.obs_value_in)) as message,
        -- a yearbook's mark for no figure ("-", "..", "n/a") beside a missing status: the cell is to be emptied; changing
        -- the status to A would make the mark an error of its own
        case when regexp_full_match(lower(${trimMarkSql('p.obs_value_in')}), ${quoteLiteral(MISSING_MARKS)})
          then format('{} marks a figure that is not available: leave OBS_VALUE empty, as OBS_STATUS {} already says it is {}',
            ct_q(p.obs_value_in), p.obs_status, if(p.obs_status = 'Q', 'withheld', 'missing'))
          else 'remove the value, or change OBS_STATUS to A, P or E' end as hint
      from p where ${CHECKED} and p.obs_status in ${MISSING} and p.obs_value_in is not null and not ${isProgramMissingSql('p.obs_value_in')}`,
  },
  {
    code: 'THOUSANDS_SEPARATOR',
    // a number grouped by commas, spaces or apostrophes never reads as one; grouped by points ("1.000", in a file
    // delimited by ';' or tab) it does, with a point
    rowGate: (ctx) => `${CHECKED} and p.obs_value_in is not null and (p.obs_value is null${ctx.delimiter === ',' ? '' : " or contains(p.obs_value_in, '.')"})`,
    sql: (ctx) => `select p.line, 'OBS_VALUE' as "column", p.obs_value_in as value,
        format('expected a number without thousands separators, found {}', ct_q(p.obs_value_in)) as message,
        -- one separator groups the digits: grouped by spaces or apostrophes, a point or comma is the decimal one ("5 102.7"),
        -- written as a point in a comma-delimited file, which reads no decimal comma ("1 234,5": 1234.5)
        -- a quantity (kilograms) grouped once, "12,500": 12500, or 12.5 with three decimals and a decimal comma (a point in
        -- a ';' file, "12.500"); a count has no decimals, so only the grouping reads
        if(i.unit is not null and i.unit not in ${COUNT_UNITS} and regexp_full_match(p.obs_value_in, '[1-9][0-9]{0,2}[${ctx.delimiter === ',' ? ',' : '.'}][0-9]{3}'),
          format('write {} if the {} separates thousands, or {} if it is a decimal {} ({} is a quantity, unit {}, which may have decimals, here three); a separator is never guessed${
            ctx.delimiter === ',' ? ': a comma-delimited file takes a decimal point and no thousands separator' : ''}',
            replace(p.obs_value_in, '${ctx.delimiter === ',' ? ',' : '.'}', ''), '${ctx.delimiter === ',' ? 'comma' : 'point'}',
            ct_n(cast(replace(p.obs_value_in, ',', '.') as double)), '${ctx.delimiter === ',' ? 'comma' : 'point'}', p.indicator, i.unit),
        format('write {} (no separator); a separator is never guessed: if a number format groups the thousands, format the column without them before saving (in LibreOffice, or untick "Save cell content as shown")', ${ctx.delimiter === ',' ? "replace(" : ''}regexp_replace(p.obs_value_in,
          if(regexp_full_match(p.obs_value_in, ${SPACE_GROUPED}), ${GROUP_SPACE}, '${ctx.delimiter === ',' ? ',' : '[.]'}'), '', 'g')${ctx.delimiter === ',' ? ", ',', '.')" : ''})) as hint
      from p left join vref_indicator as i on i.code = p.indicator
      where ${CHECKED} and ${NOT_MISSING_STATUS} and ${thousands(ctx.delimiter)}`,
  },
  {
    code: 'VALUE_NOT_NUMBER',
    rowGate: () => `${CHECKED} and p.obs_value_in is not null and not p.is_plain_number`,
    sql: (ctx) => `select p.line, 'OBS_VALUE' as "column", p.obs_value_in as value,
        format('expected a number, found {}', ct_q(p.obs_value_in)) as message,
        ${notNumberHint(ctx.delimiter)} as hint
      from p where ${CHECKED} and p.obs_value_in is not null and not p.is_plain_number and ${NOT_MISSING_STATUS}
        and not (${thousands(ctx.delimiter)})`,
  },
  {
    code: 'VALUE_TOO_LARGE',
    rowGate: () => `${CHECKED} and p.is_plain_number and p.obs_value is null`,
    sql: () => `select p.line, 'OBS_VALUE' as "column", p.obs_value_in as value,
        format('expected a number up to ${Number(MAX_EXACT_INTEGER).toLocaleString('en-GB')}, found {}: too large to store exactly', ct_q(p.obs_value_in)) as message,
        'no count or quantity is this large: check the value for extra digits' as hint
      from p where ${CHECKED} and p.is_plain_number and p.obs_value is null and ${NOT_MISSING_STATUS}`,
  },
  {
    code: 'VALUE_NEGATIVE',
    rowGate: () => `${CHECKED} and p.obs_value is not null and starts_with(p.obs_value_in, '-')`,
    sql: () => `select p.line, 'OBS_VALUE' as "column", p.obs_value_in as value,
        format('expected a non-negative number, found {}', ct_q(p.obs_value_in)) as message,
        'counts and quantities cannot be negative; a decrease is shown by a smaller value' as hint
      from p where ${CHECKED} and p.obs_value is not null and starts_with(p.obs_value_in, '-')`,
  },
  {
    // "1.000" is 1 with decimal zeros or 1000 with a thousands separator: for a count, not guessed either way
    code: 'VALUE_NOT_INTEGER',
    rowGate: () => `${CHECKED} and ${IS_COUNT} and p.obs_value >= 0 and (p.obs_value <> floor(p.obs_value) or p.has_decimal_separator)`,
    sql: (ctx) => `select p.line, 'OBS_VALUE' as "column", p.obs_value_in as value,
        format('expected a whole number for {} (a count, unit {}), found {}', p.indicator, i.unit, ct_q(p.obs_value_in))
          || if(${GROUPED_ZEROS}, format(': {} with a decimal separator, or {} with a thousands separator; not guessed', ct_n(p.obs_value), ct_n(p.obs_value * 1000)), '') as message,
        if(${GROUPED_ZEROS}, format('write {} or {}, without a separator', ct_n(p.obs_value), ct_n(p.obs_value * 1000)),
          'counts have no decimals; if the separator is a thousands separator, remove it') as hint
      from p inner join vref_indicator as i on i.code = p.indicator
      where ${CHECKED} and i.unit in ${COUNT_UNITS} and p.obs_value >= 0 and (p.obs_value <> floor(p.obs_value) or ${GROUPED_ZEROS})
        and not (${thousands(ctx.delimiter)})`,
  },
  {
    // a spreadsheet's number format with decimals writes a count as "12.0" or "12,00": read as 12, with a warning,
    // since a format with decimals may also have rounded a computed figure (11.96 shown as "12.0")
    code: 'VALUE_DECIMAL_ZEROS',
    rowGate: () => `${CHECKED} and ${IS_COUNT} and p.obs_value >= 0 and p.has_decimal_separator`,
    sql: (ctx) => `select p.line, 'OBS_VALUE' as "column", p.obs_value_in as value,
        format('expected a whole number for {} (a count, unit {}), found {}; read as {}', p.indicator, i.unit, ct_q(p.obs_value_in), ct_n(p.obs_value)) as message,
        format('write {}: counts have no decimals (check that the cell is a count, not a computed figure rounded by the number format)', ct_n(p.obs_value))
          -- pandas writes every number of a float column with a decimal part, and a column holding one empty cell (NaN)
          -- is a float column: the template's blank values make OBS_VALUE one, so a count comes back as "12.0"
          || if(regexp_full_match(trim(p.obs_value_in), '[0-9]+\\.0'), ${quoteLiteral(PANDAS_FLOAT_HINT)}, '') as hint
      from p inner join vref_indicator as i on i.code = p.indicator
      where ${CHECKED} and i.unit in ${COUNT_UNITS} and p.obs_value >= 0 and p.obs_value = floor(p.obs_value) and p.has_decimal_separator
        and not ${GROUPED_ZEROS} and not starts_with(p.obs_value_in, '-') and not (${thousands(ctx.delimiter)})`,
  },
  {
    code: 'DIMENSION_NOT_APPLICABLE',
    rowGate: (ctx) => { const d = dimensionConditions(ctx); return `${CHECKED} and (${d.sex} or ${d.age} or ${d.counterpart} or ${d.breakdown})`; },
    sql: () =>
      [
        ['SEX', 'sex', 'has_sex', "('_T')"],
        ['AGE', 'age', 'has_age', "('_T')"],
        // _Z (not applicable) too: the review reads an indicator's total from its _T row only, so a total written
        // _Z would be accepted and then missing from every mart (the state counted as not reporting it)
        ['COUNTERPART_AREA', 'counterpart_area', 'has_counterpart', "('_T')"],
        ['BREAKDOWN', 'breakdown', 'has_breakdown', "('_T')"],
      ]
        .map(
          ([column, field, flag, totals]) => `select p.line, '${column}' as "column", p.${field}_in as value,
            format('expected _T: {} has no {} breakdown, found {}', p.indicator, '${column}', ct_q(p.${field}_in)) as message,
            if(p.${field} = '_Z', format('write _T: {} takes no COUNTERPART_AREA, so its total is the row with _T; a row with _Z is no total, and the review would not show it', p.indicator),
              'report this breakdown under an indicator that takes it, or use _T') as hint
          from p inner join vref_indicator as i on i.code = p.indicator
          where ${CHECKED} and not i.${flag} and p.${field} not in ${totals}`,
        )
        .join(' union all '),
  },
  {
    code: 'BREAKDOWN_NOT_FOR_INDICATOR',
    rowGate: (ctx) => `${CHECKED} and ${dimensionConditions(ctx).breakdown}`,
    sql: () => `select p.line, 'BREAKDOWN' as "column", p.breakdown_in as value,
        format('expected a code of the {} list for {}, found {}', i.breakdown_list, p.indicator, ct_q(p.breakdown_in)) as message,
        format('valid codes: {}', i.breakdown_codes) as hint
      from p inner join vref_indicator as i on i.code = p.indicator
      left join vref_code as c on c.codelist = i.breakdown_list and c.code = p.breakdown
      where ${CHECKED} and i.has_breakdown and p.breakdown <> '_T' and c.code is null`,
  },
  {
    // SDMX-CSV's ACTION: I (information), R (replace) and M (merge) add or revise observations, as a return does;
    // D (delete) and anything else cannot be honoured by loading the row
    code: 'ACTION_NOT_SUPPORTED',
    rowGate: () => `not p.is_blank and upper(p.action_in) not in ${ACTIONS}`,
    sql: () => `select p.line, 'ACTION' as "column", p.action_in as value,
        if(upper(p.action_in) = 'D', 'expected ACTION I, R or M, found "D" (delete)', format('expected ACTION I, R or M (or an empty cell), found {}', ct_q(p.action_in))) as message,
        if(upper(p.action_in) = 'D', 'deleting observations through a return is not supported: send a corrected return without these rows',
          'ACTION is I (information), R (replace) or M (merge), or empty') as hint
      from p where not p.is_blank and upper(p.action_in) not in ${ACTIONS}`,
  },
  {
    code: 'BREAK_WITHOUT_COMMENT',
    rowGate: () => `${CHECKED} and p.obs_status = 'B' and p.comment is null`,
    sql: () => `select p.line, 'COMMENT' as "column", null as value,
        'expected a COMMENT explaining the break in series (OBS_STATUS B), found none' as message,
        'say what changed (definition, recording practice, law) so readers can interpret the series' as hint
      from p where ${CHECKED} and p.obs_status = 'B' and p.comment is null`,
  },
];

/**
 * Returns the SQL condition that keeps every row a row rule could report (and few others), evaluated in one pass over
 * the file: the rules then read only the rows it kept. Whether an indicator takes a breakdown is checked against
 * constant lists from the catalogue (hash look-ups, no join).
 */
export function prefilter(ctx: RuleContext): string {
  const dimension = dimensionConditions(ctx);
  return [
    'p.is_short',
    'p.ref_area is null',
    'p.time_period is null',
    // the earlier of the two bounds: a --year of next year (a template drawn up ahead) must not let its years pass
    `p.time_period not between 1990 and ${Math.min(ctx.year ?? ctx.maxYear, ctx.maxYear)}`,
    'p.indicator is null',
    'p.sex is null',
    'p.age is null',
    'p.counterpart_area is null',
    'p.breakdown is null',
    'p.obs_status is null',
    'p.conf_status is null',
    'p.obs_value is null',
    "starts_with(p.obs_value_in, '-')",
    `upper(p.action_in) not in ${ACTIONS}`,
    // every value with decimals (12.5, and 12.0 for VALUE_DECIMAL_ZEROS) holds a decimal separator
    'p.has_decimal_separator',
    `p.obs_status in ${MISSING}`,
    "(p.obs_status = 'B' and p.comment is null)",
    ...(ctx.state === undefined ? [] : [`p.ref_area <> ${quoteLiteral(ctx.state)}`]),
    dimension.sex,
    dimension.age,
    dimension.counterpart,
    dimension.breakdown,
  ].join('\n    or ');
}

/**
 * SQL conditions on a row `p`: it has a SEX, AGE or COUNTERPART_AREA part where its indicator takes none, or a
 * BREAKDOWN code outside its indicator's list. Whether an indicator takes a breakdown is checked against constant
 * lists from the catalogue (no join).
 */
function dimensionConditions(ctx: RuleContext): Record<'sex' | 'age' | 'counterpart' | 'breakdown', string> {
  const list = (codes: readonly string[]): string => `(${codes.length === 0 ? "''" : codes.map(quoteLiteral).join(', ')})`;
  // an IN list is compared value by value on every row it reaches: name the shorter side (one indicator takes AGE,
  // 38 do not: the long list cost 0.15 s per million rows). A null indicator is kept by its own condition.
  const lacks = (taking: readonly string[], notTaking: readonly string[]): string =>
    taking.length < notTaking.length ? `p.indicator not in ${list(taking)}` : `p.indicator in ${list(notTaking)}`;
  return {
    sex: `(p.sex <> '_T' and ${lacks(ctx.dimensions.withSex, ctx.dimensions.withoutSex)})`,
    age: `(p.age <> '_T' and ${lacks(ctx.dimensions.withAge, ctx.dimensions.withoutAge)})`,
    counterpart: `(p.counterpart_area <> '_T' and ${lacks(ctx.dimensions.withCounterpart, ctx.dimensions.withoutCounterpart)})`,
    // one CASE branch per code list: a list of every `INDICATOR|BREAKDOWN` pair cost a string built and looked up on
    // every row (0.28 s per million rows, against 0.06 s)
    breakdown: `(p.breakdown <> '_T' and not (case ${ctx.dimensions.breakdownLists
      .map(({ indicators, codes }) => `when p.indicator in ${list(indicators)} then p.breakdown in ${list(codes)}`).join(' ')} else false end))`,
  };
}

/** How to have pandas write a count without ".0" (its form of a whole number in a float column). */
const PANDAS_FLOAT_HINT = '; pandas writes a count so when its column also holds an empty cell (NaN makes it a float column): before to_csv, '
  + 'convert it with df["OBS_VALUE"] = df["OBS_VALUE"].astype("Int64") (a column that also holds kilograms with decimals: df.to_csv(..., float_format="%.15g"))';
const MISSING_HINT = 'for a figure that is not available, leave OBS_VALUE empty and set OBS_STATUS to M (missing), L (exists but not collected), O (not available) or Q (suppressed); write 0 only for a true zero';

/** SQL pattern: a number followed by one letter, bare or in parentheses ("12 p", "12e", "12 (b)"): a Eurostat flag? */
const FLAGGED = "'\\s*[0-9]+([.,][0-9]+)?\\s*(\\(\\s*[a-zA-Z]\\s*\\)|[a-zA-Z])\\s*'";
/** SQL: the letter of a {@link FLAGGED} value, in lower case. */
const flagOf = (value: string): string => `lower(regexp_extract(${value}, '([a-zA-Z])\\s*\\)?\\s*$', 1))`;

/** A date as a date-formatted cell writes it: 2025-01-01, 01/01/2025, 31.12.2025, with a time or not. */
const DATE = `'\\s*((?:19|20)[0-9]{2}[-/.][0-9]{1,2}[-/.][0-9]{1,2}|[0-9]{1,2}[-/.][0-9]{1,2}[-/.](?:19|20)[0-9]{2})([ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?)?\\s*'`;
/** Day 0 of a spreadsheet's calendar (Excel's and LibreOffice's, for dates after February 1900). */
const SERIAL_EPOCH = '1899-12-30';
/** A spreadsheet's day numbers (days since {@link SERIAL_EPOCH}) of 1 January 1990 and of 1 January 2100. */
const SERIAL_1990 = 32874;
const SERIAL_2100 = 73051;
/** translate() arguments turning full-width digits into 0-9. */
const FULL_WIDTH = "'０１２３４５６７８９', '0123456789'";

/**
 * SQL: the hint for a TIME_PERIOD that is not four digits, naming the year where the cell holds one ("2025.0",
 * "FY2024", "2024.") and both years of a span ("2024/25"), which a return cannot hold.
 */
function timePeriodHint(cell: string, maxYear: number): string {
  const v = `trim(${cell})`;
  const span = `'((?:19|20)[0-9]{2})\\s*[-/\\x{2013}]\\s*((?:19|20)?[0-9]{2})'`;
  const second = `regexp_extract(${v}, ${span}, 2)`;
  return `case
      when regexp_full_match(${v}, '[0-9]{4}[.,]0+') then format('write {}', left(${v}, 4))
      when regexp_full_match(${v}, ${span})
        then format('TIME_PERIOD is one calendar year: write {} or {}, the year the figure refers to, and say in COMMENT which period it covers',
          regexp_extract(${v}, ${span}, 1), if(length(${second}) = 2, left(regexp_extract(${v}, ${span}, 1), 2) || ${second}, ${second}))
      when regexp_full_match(${v}, '[^0-9]*(19|20)[0-9]{2}[^0-9]*') and not regexp_full_match(${v}, '[0-9]{4}') then format('write {} (four digits only)', regexp_extract(${v}, '(19|20)[0-9]{2}'))
      -- a year in a column formatted as dates: a spreadsheet shows the number 2025 as its 2025th day, 17.07.1905
      when regexp_full_match(${v}, ${DATE}) and len(${yearsAsDates(v, maxYear)}) > 0
        then format('write {}: the year was formatted as a date, which shows the number {} as the day {} (format the column as Text or as a number without decimals, and type the year)',
          array_to_string(${yearsAsDates(v, maxYear)}, ' or '), array_to_string(${yearsAsDates(v, maxYear)}, ' or '), trim(${v}))
      when regexp_full_match(${v}, ${DATE})
        then format('write {}, the year alone: the cell holds a date (format the column as Text or as a number without decimals, and type the year)',
          regexp_extract(${v}, '(?:19|20)[0-9]{2}'))
      when regexp_matches(${v}, '[０-９]') then format('write {} in the digits 0-9 (these are full-width digits, from an East Asian input mode)', translate(${v}, ${FULL_WIDTH}))
      -- a number format grouping thousands, applied to the whole sheet: "2.025", "2,025", "2 025"
      when regexp_full_match(${v}, '(1(?:[.,]|${GROUP_SPACE_CLASS})9|2(?:[.,]|${GROUP_SPACE_CLASS})0)[0-9]{2}')
        then format('write {} (four digits, no thousands separator: format the column as Text or as a number without separators, and type the year)', regexp_replace(${v}, '[^0-9]', '', 'g'))
      -- a date-formatted cell saved as General: the spreadsheet's count of days since 1899-12-30 (32874 is 1990-01-01)
      when try_cast(${v} as integer) between ${SERIAL_1990} and ${SERIAL_2100 - 1} and regexp_full_match(${v}, '[0-9]{5}')
        then format('write {}, the year alone: the cell holds a date as a spreadsheet counts it in days ({} is {}); format the column as Text or as a number without decimals, and type the year',
          year(date '${SERIAL_EPOCH}' + try_cast(${v} as integer)), ${v}, strftime(date '${SERIAL_EPOCH}' + try_cast(${v} as integer), '%Y-%m-%d'))
      else 'write the calendar year the figure refers to, as four digits' end`;
}

/**
 * SQL: the plausible years (1990 to `maxYear`) a date in `cell` is the day number of, sorted; empty for any other date. A year
 * in a column formatted as dates shows as its day in a spreadsheet's calendar: 2025 as 17.07.1905 (or 7/17/1905, read
 * either way round when both are days of such a year).
 */
function yearsAsDates(cell: string, maxYear: number): string {
  const yearFirst = `'^\\s*((?:19|20)[0-9]{2})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})'`;
  const yearLast = `'^\\s*([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]((?:19|20)[0-9]{2})'`;
  const part = (pattern: string, group: number): string => `try_cast(nullif(regexp_extract(${cell}, ${pattern}, ${group}), '') as integer)`;
  const day = (y: string, m: string, d: string): string => `try(make_date(${y}, ${m}, ${d}) - date '${SERIAL_EPOCH}')`;
  const days = [
    day(part(yearFirst, 1), part(yearFirst, 2), part(yearFirst, 3)),
    day(part(yearLast, 3), part(yearLast, 2), part(yearLast, 1)),
    day(part(yearLast, 3), part(yearLast, 1), part(yearLast, 2)),
  ];
  return `list_sort(list_distinct(list_filter([${days.join(', ')}], d -> d between 1990 and ${maxYear})))`;
}

/** SQL condition: the value carries a thousands separator (never guessed away). */
function thousands(delimiter: string): string {
  // a grouping's first group never starts with 0: "0.032" (32 grams, in a ';' or tab file) is a decimal point
  const grouped = delimiter === ',' ? "'[1-9][0-9]{0,2}(,[0-9]{3})+([.][0-9]+)?'" : "'[1-9][0-9]{0,2}([.][0-9]{3})+(,[0-9]+)?'";
  return `p.obs_value_in is not null and (regexp_full_match(p.obs_value_in, ${grouped})
    or regexp_full_match(p.obs_value_in, ${SPACE_GROUPED}))`;
}

/**
 * SQL: the hint for an OBS_VALUE that is not plain decimal notation, naming the plain form where there is one
 * ("1e3" → 1000, "1_000" → 1000, "+5" → 5).
 */
function notNumberHint(delimiter: string): string {
  const v = 'p.obs_value_in';
  const plain = `'-?[0-9]+([.,][0-9]+)?'`;
  const general = delimiter === ',' ? "'use a point as the decimal separator and no thousands separator'" : "'use digits only, with a decimal comma or point'";
  return `case
      when regexp_full_match(${v}, '[+-]?([0-9]+[.,]?[0-9]*|[.,][0-9]+)[eE][+-]?[0-9]+')
        then 'write the number in full, without an exponent' || if(isfinite(try_cast(${v} as double)) and abs(try_cast(${v} as double)) < 1e15
          and try_cast(${v} as double) = floor(try_cast(${v} as double)), format(': {}', ct_n(try_cast(${v} as double))), '')
          -- R's write.csv and data.table's fwrite write a round number so ("1e+05") unless told not to
          || if(regexp_full_match(${v}, '[0-9]+(\.[0-9]+)?e[+-][0-9]{2,}'), ' (R writes a round number so: run options(scipen = 999) before write.csv or data.table::fwrite)', '')
      when contains(${v}, '_') and regexp_full_match(replace(${v}, '_', ''), ${plain}) then format('write {} (digits only, no underscores)', replace(${v}, '_', ''))
      when starts_with(${v}, '+') and regexp_full_match(substr(${v}, 2), ${plain}) then format('write {} (no plus sign)', substr(${v}, 2))
      -- a program's hexadecimal notation ("0x10"), which the rule below would read as 0 followed by a unit
      when regexp_full_match(trim(${v}), '0[xX][0-9a-fA-F]+')
        then format('write {} in decimal digits: {} is hexadecimal notation, as a program may write a number', coalesce(try_cast(trim(${v}) as bigint)::varchar, 'the figure'), ct_q(trim(${v})))
      -- Stata writes a number below 1 without its leading zero (".5")
      when regexp_full_match(${v}, '-?[.,][0-9]+')
        then format('write {}, with a digit on both sides of the decimal separator (Stata''s export delimited writes a number below 1 so)', regexp_replace(${v}, '([.,])', '0\\1'))
      when regexp_full_match(${v}, '-?[0-9]+[.,]') then format('write {}, without the decimal separator at its end', rtrim(${v}, '.,'))
      when regexp_full_match(lower(trim(${v})), ${quoteLiteral(MISSING_MARKS)})
        then ${quoteLiteral(MISSING_HINT)}${delimiter === ',' ? `
      -- a decimal comma in a comma-delimited file, quoted: what a spreadsheet set to a language writing one saves
      -- (Google Sheets' download, LibreOffice with "," as the field delimiter); a ';' file reads it
      when regexp_full_match(trim(${v}), '-?[0-9]+,[0-9]+')
        then format('write {}: a comma-delimited file takes a decimal point; a spreadsheet set to a language that writes a decimal comma saves it so: save with ";" as the field delimiter, which reads a decimal comma, or set the spreadsheet''s locale to one with a decimal point (Google Sheets: File > Settings > Locale)', replace(trim(${v}), ',', '.'))` : ''}
      when regexp_full_match(${v}, '\\s*-?[0-9]+([.,][0-9]+)?\\s*%\\s*')
        then 'OBS_VALUE holds the count or quantity itself, not a percentage: give the number (the review computes shares and rates)'
      -- a figure as EU states write it for Eurostat, its flag after it ("12 p", "12e", "12 (b)"): eurostat_flags.csv says
      -- what the flag is and where a return gives it (z, not applicable, has no figure to write)
      when regexp_full_match(${v}, ${FLAGGED}) and exists (select 1 from vref_eurostat_flag as f where f.flag = ${flagOf(v)} and f.obs_status <> 'M')
        then (select format('write {} alone: "{}" after it is a Eurostat flag ({}), which a return gives {}', regexp_extract(${v}, '[0-9]+([.,][0-9]+)?'),
            f.flag, regexp_replace(f.label, '\\s*\\(.*\\)$', ''),
            case when f.flag = 'c' then 'as CONF_STATUS C (confidential, never published)' when f.obs_status in ('B', 'E', 'P') then format('as OBS_STATUS {}', f.obs_status)
              else 'in COMMENT' end)
          from vref_eurostat_flag as f where f.flag = ${flagOf(v)})
      -- a bound where the figure belongs: "<5" is how a small count is withheld in a published table
      when regexp_full_match(${v}, '\\s*[<>\\x{2264}\\x{2265}]\\s*=?\\s*[0-9]+([.,][0-9]+)?\\s*')
        then 'OBS_VALUE holds the figure itself, not a bound: give the exact figure, with CONF_STATUS C if it must not be published (a small count), or leave OBS_VALUE empty with OBS_STATUS Q (suppressed)'
      when regexp_full_match(${v}, '\\s*[0-9]+([.,][0-9]+)?\\s*\\*+\\s*')
        then format('write {} alone: a footnote mark (*) is no part of the figure; what the footnote says goes in COMMENT', regexp_extract(${v}, '[0-9]+([.,][0-9]+)?'))
      when regexp_full_match(${v}, '\\s*[0-9]+([.,][0-9]+)?\\s*\\pL.*')
        then format('write the number alone ("{}"), without a unit or words: each indicator has one unit (see "crimetrends dictionary")', regexp_extract(${v}, '[0-9]+([.,][0-9]+)?'))
      when regexp_full_match(${v}, '\\s*[\\x{2212}\\x{2013}\\x{2014}]\\s*[0-9]+([.,][0-9]+)?\\s*')
        then 'counts and quantities cannot be negative; a decrease is shown by a smaller value'
      -- what spreadsheets leave in a cell: a formula or text prefix kept as text, an error value, an accounting
      -- format's negative, a currency format, full-width digits, an invisible character from pasted text
      when regexp_full_match(${v}, '=\\s*"(.*)"|''(.*)')
        then format('write {} alone: the cell holds the text of a formula (="…") or of an apostrophe prefix; type the number into a cell formatted as a number',
          regexp_replace(${v}, '^=\\s*"(.*)"$|^''(.*)$', '\\1\\2'))
      when starts_with(${v}, '#')
        then format('the cell shows a spreadsheet error ({}): correct the formula, or paste the values; ', ${v}) || ${quoteLiteral(MISSING_HINT)}
      when regexp_full_match(${v}, '\\(\\s*[0-9]+([.,][0-9]+)?\\s*\\)')
        then format('write {} without parentheses: an accounting number format shows a negative number so, and counts and quantities cannot be negative (an estimate is marked with OBS_STATUS E)', regexp_extract(${v}, '[0-9]+([.,][0-9]+)?'))
      when regexp_matches(${v}, '\\p{Sc}')
        then 'write the number alone, without a currency sign: OBS_VALUE is a count or quantity (format the cell as a plain number)'
      when regexp_matches(${v}, '[０-９]') then format('write {} in the digits 0-9 (these are full-width digits, from an East Asian input mode)', translate(${v}, ${FULL_WIDTH}))
      when regexp_matches(${v}, '[\\x{200B}-\\x{200F}\\x{2060}\\x{FEFF}]')
        then 'retype the number: the cell holds an invisible character (shown as \\u…), which text pasted from a web page or a document brings along'
      else ${general} end`;
}
