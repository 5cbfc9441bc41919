import { quoteLiteral } from '../store/index.js';
import { MAX_EXACT_INTEGER } from './build-rows.js';
import { namedWidth } from './map-header.js';
import { isProgramMissingSql, MISSING_MARKS, trimMarkSql } from './missing-marks.js';
import { CODED_COLUMNS } from './resolve-codes.js';
import { ACTIONS, CHECKED, MISSING, NOT_MISSING_STATUS, type Rule, type RuleContext } from './rule-context.js';
import { IS_DESCRIPTION, IS_HEADER_REPEATED, isTotal, upperCell, upperHeaderName } from './not-observation-rows.js';
import { dimensionConditions } from './row-prefilter.js';
import { timePeriodHint } from './time-period-hints.js';
import { COMMA_GROUPED, GROUP_SPACE, GROUPED_ZEROS, hasDecimalConvention, NO_DECIMAL_POINT_SHOWN, notNumberHint, PANDAS_FLOAT_HINT, POINT_GROUPED_ONCE, SPACE_GROUPED, thousands, WORKBOOK_TEXT_NUMBER } from './value-hints.js';

/** Units of the indicators that count (whole numbers only). */
const COUNT_UNITS = "('NR', 'ROUNDS')";
/** SQL condition: the row's indicator counts (kilograms of drugs seized do not). */
const IS_COUNT = `p.indicator in (select code from vref_indicator where unit in ${COUNT_UNITS})`;
/**
 * SQL condition on `p` joined to its indicator `i`: a quantity (kilograms) written as one to three digits, a point and
 * three digits ("12.500"), which a comma-delimited file may hold as 12.5 or as 12500 grouped (see POINT_GROUPED_ONCE).
 */
/** SQL condition: every key cell of the row is empty (see TOTAL_ROW's row of a figure alone). */
const UNLABELLED_KEYS = ['ref_area_in', 'time_period_in', 'indicator_in', 'sex_in', 'age_in', 'counterpart_area_in', 'breakdown_in']
  .map((cell) => `coalesce(trim(p.${cell}), '') = ''`)
  .join(' and ');
const QUANTITY_POINT_GROUPED_ONCE = `(i.unit is not null and i.unit not in ${COUNT_UNITS} and regexp_full_match(p.obs_value_in, ${POINT_GROUPED_ONCE}))`;
/**
 * True when "12.500" in the file may be a spreadsheet's grouping (see QUANTITY_POINT_GROUPED_ONCE): a comma-delimited
 * file that is no program's export (SDMX-CSV, or crimetrends' own CSV export with its SOURCE column, which write a number
 * with a decimal point: 12.345 kg as "12.345").
 */
const mayGroupByPoint = (ctx: RuleContext): boolean =>
  ctx.delimiter === ',' && !ctx.isMultiState && !ctx.header.some((cell) => cell.trim().toUpperCase() === 'SOURCE');

const required = (column: string, field: string): string =>
  `select p.line, '${column}' as "column", null as value, 'expected a value, found an empty cell' as message,
     '${column} is required on every row; a spreadsheet saves a cell merged over several rows, or a value typed once above a group of rows, on the first of them only: unmerge the cells and fill ${column} on each row' as hint
   from p where ${CHECKED} and coalesce(trim(p.${field}_in), '') = ''`;

/** Returns the name of the header's last named column (see namedWidth). */
const lastColumn = (header: readonly string[]): string => header[namedWidth(header) - 1]!.trim();

/** Rules that look at one row at a time. */
export const ROW_RULES: readonly Rule[] = [
  {
    code: 'TOO_FEW_CELLS',
    rowGate: () => 'not p.is_blank and p.is_short',
    sql: (ctx) => `select p.line, [${ctx.header.map((h) => quoteLiteral(h.trim())).join(', ')}][c.cells + 1] as "column", null as value,
        format('expected {} as in the header, found {}', '${namedWidth(ctx.header)} cell${namedWidth(ctx.header) === 1 ? '' : 's'}', c.cells)
          || if(c.cells = ${namedWidth(ctx.header) - 1}, ${quoteLiteral(`: the row ends before its last column, ${lastColumn(ctx.header)}`)}, '') as message,
        -- short of its last cell alone: a program that leaves out a last empty cell, or a cell missing before it
        if(c.cells = ${namedWidth(ctx.header) - 1}, ${quoteLiteral(`if ${lastColumn(ctx.header)} is empty on this row, end the line with a delimiter for its cell (a program that leaves out a last empty cell writes the row so); if not, a cell is missing before it and the cells after that stand under the wrong columns: give the row its missing cell`)},
          'a delimiter is missing, or the row was cut short') as hint
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
    // a second header in another column order (two sheets pasted together): the rows below it are read under the first
    // header's names, which the message says at the first column that differs
    sql: (ctx) => {
      const cells = ctx.header.slice(0, namedWidth(ctx.header)).map((name, i) => `{'n': ${i + 1}, 'here': ${upperCell(`coalesce(r.c${i}, '')`)}, 'first': ${quoteLiteral(upperHeaderName(name))}}`);
      const moved = `list_filter([${cells.join(', ')}], lambda x: x.here <> x.first)[1]`;
      return `select p.line, null as "column", p.ref_area_in as value,
        'expected data, found the header line again' || coalesce(format(', its columns in another order (column {} is {}, {} in the first header): the rows below it are read under the first header''s names',
          ${moved}.n, ${moved}.here, ${moved}.first), '') as message,
        -- repeated in the same order more than once: the titles a sheet prints on every page, or a paged export's
        if(${moved} is null, if(sum(if(${moved} is null, 1, 0)) over () > 1,
            format('delete the line: a return has one header, on its first line; here it is repeated {} times, as a sheet printed with its title rows on every page, or exported page by page, writes it', sum(if(${moved} is null, 1, 0)) over ()),
            'delete the line: a return has one header, on its first line (were two files pasted together?)'),
          'delete the line, and put the rows below it in the first header''s column order (or send each part as a file of its own)') as hint
      from p inner join ${ctx.raw} as r on r.rowid = p.rid where ${CHECKED} and ${IS_HEADER_REPEATED}`;
    },
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
      from p where not p.is_blank and ((p.ref_area is null and ${isTotal('p.ref_area_in')}) or (p.indicator is null and ${isTotal('p.indicator_in')}))
      union all
      -- a figure alone, every key cell empty: a spreadsheet's SUM row with no label (",,,,,,,10,,,"), one issue, not
      -- three empty required cells (a row whose SEX or BREAKDOWN is filled is a merged cell's block: REQUIRED_VALUE_MISSING)
      select p.line, 'OBS_VALUE' as "column", p.obs_value_in as value,
        format('expected one observation per row, found a figure ({}) with no state, year, indicator or breakdown: a row of totals?', ct_q(p.obs_value_in)) as message,
        'delete the row if it is a spreadsheet''s total (the review adds totals up itself); if it is an observation, fill in its REF_AREA, TIME_PERIOD and INDICATOR' as hint
      from p where not p.is_blank and p.ref_area is null and p.indicator is null and p.obs_value is not null
        and ${UNLABELLED_KEYS}`,
  },
  {
    // a spreadsheet's note or source under the table ("Note: provisional data", "Izvor: MUP"), or a footnote of one word
    // after its mark ("* provisional", "(1) estimate", "¹ preliminary"), alone in its row: one issue, not an unknown
    // state, two empty required cells and an empty value (or, alone on its line, "expected 11 cells, found 1")
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
        where len(n.filled) = 1 and regexp_matches(n.filled[1], '\\pL{2,}[^\\pL]+\\pL{2,}|^\\s*(\\*+\\)?|\\(?[0-9]{1,2}\\)|[¹²³])\\s*\\pL{2,}')`;
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
    // delimited by ';' or tab) it does, with a point, and grouped by a comma in a tab or '|' file ("12,500") it does
    // too, as a decimal comma; a quantity grouped once by a point in a comma-delimited file ("12.500" kg, as LibreOffice
    // or Google Sheets in a language writing a decimal comma save 12500 there) is 12.5 as much as 12500, unless another
    // value of the file is written with a decimal point (the rows with a point are few, and all kept by the prefilter);
    // so is "3.125" in a ';', tab or '|' file that shows decimal points and no comma (see thousands)
    rowGate: (ctx) => `${CHECKED} and p.obs_value_in is not null and (p.obs_value is null${ctx.delimiter === ',' ? (mayGroupByPoint(ctx) ? ' or p.has_decimal_separator' : '')
      : hasDecimalConvention(ctx.delimiter) ? " or contains(p.obs_value_in, '.')" : " or contains(p.obs_value_in, '.') or contains(p.obs_value_in, ',')"})`,
    sql: (ctx) => {
      // the separator that may group a quantity's thousands once ("12,500"): the comma in a comma-delimited file, the
      // point in a ';' file, either in a tab or '|' file (which says neither: see hasDecimalConvention)
      const separator = ctx.delimiter === ',' ? ',' : ctx.delimiter === ';' ? '.' : '.,';
      const separatorName = ctx.delimiter === ',' ? "'comma'" : ctx.delimiter === ';' ? "'point'" : "if(contains(p.obs_value_in, ','), 'comma', 'point')";
      const removed = separator.length === 1 ? `replace(p.obs_value_in, '${separator}', '')` : `regexp_replace(p.obs_value_in, '[${separator}]', '', 'g')`;
      // the grouping removed by the general hint: spaces or apostrophes, else the comma in a comma-delimited file, the
      // point in a ';' file, and in a tab or '|' file whichever groups ("1,234.5": the comma; "1.234,5": the point)
      const grouping = ctx.delimiter === ',' ? "','" : ctx.delimiter === ';' ? "'[.]'" : `if(regexp_full_match(p.obs_value_in, ${COMMA_GROUPED}), ',', '[.]')`;
      return `select p.line, 'OBS_VALUE' as "column", p.obs_value_in as value,
        format('expected a number without thousands separators, found {}', ct_q(p.obs_value_in)) as message,
        -- one separator groups the digits: grouped by spaces or apostrophes, a point or comma is the decimal one ("5 102.7"),
        -- written as a point in a comma-delimited file, which reads no decimal comma ("1 234,5": 1234.5)
        -- a quantity (kilograms) grouped once, "12,500": 12500, or 12.5 with three decimals and a decimal comma (a point in
        -- a ';' file, "12.500"; either in a tab or '|' file); a count has no decimals, so only the grouping reads
        case when ${mayGroupByPoint(ctx) ? QUANTITY_POINT_GROUPED_ONCE : 'false'}
          then format('write {} if the point separates thousands, or {} if it is the decimal point ({} is a quantity, unit {}, which may have decimals, here three); a separator is never guessed: ${ctx.isWorkbook
            ? "the cell holds the text {}, not a number: type the number into it (a workbook''s number cell says which it is)"
            : 'a spreadsheet set to a language that writes a decimal comma (LibreOffice, Google Sheets) saves {} so in a comma-delimited file, its thousands grouped as shown, and no other value of the file is written with a decimal point that would say which it is'}',
            replace(p.obs_value_in, '.', ''), ct_n(cast(p.obs_value_in as double)), p.indicator, i.unit, ${ctx.isWorkbook ? 'ct_q(p.obs_value_in)' : "replace(p.obs_value_in, '.', '')"})
        else if(i.unit is not null and i.unit not in ${COUNT_UNITS} and regexp_full_match(p.obs_value_in, '[1-9][0-9]{0,2}[${separator}][0-9]{3}'),
          format('write {} if the {} separates thousands, or {} if it is a decimal {} ({} is a quantity, unit {}, which may have decimals, here three); a separator is never guessed${
            ctx.isWorkbook ? `: ${WORKBOOK_TEXT_NUMBER}` : ctx.delimiter === ',' ? ': a comma-delimited file takes a decimal point and no thousands separator'
            : hasDecimalConvention(ctx.delimiter) ? '' : `: a file delimited by ${ctx.delimiter === '\t' ? 'tabs' : `"${ctx.delimiter}"`} does not say which is the decimal separator (a spreadsheet saves each number as its format shows it: 12500 as "12,500" in English, as "12.500" in Serbian)`}',
            ${removed}, ${separatorName},
            ct_n(cast(replace(p.obs_value_in, ',', '.') as double)), ${separatorName}, p.indicator, i.unit),
        format('write {} (no separator); a separator is never guessed: ${ctx.isWorkbook ? WORKBOOK_TEXT_NUMBER
          : 'if a number format groups the thousands, format the column without them before saving, or, in LibreOffice, untick "Save cell content as shown" in its Export Text File dialog'}', ${ctx.delimiter === ',' ? "replace(" : ''}regexp_replace(p.obs_value_in,
          if(regexp_full_match(p.obs_value_in, ${SPACE_GROUPED}), ${GROUP_SPACE}, ${grouping}), '', 'g')${ctx.delimiter === ',' ? ", ',', '.')" : ''})) end as hint
      from p left join vref_indicator as i on i.code = p.indicator
      where ${CHECKED} and ${NOT_MISSING_STATUS} and (${thousands(ctx.delimiter)}${mayGroupByPoint(ctx) ? ` or (${QUANTITY_POINT_GROUPED_ONCE} and ${NO_DECIMAL_POINT_SHOWN})` : ''})`;
    },
  },
  {
    code: 'VALUE_NOT_NUMBER',
    rowGate: () => `${CHECKED} and p.obs_value_in is not null and not p.is_plain_number`,
    sql: (ctx) => `select p.line, 'OBS_VALUE' as "column", p.obs_value_in as value,
        format('expected a number, found {}', ct_q(p.obs_value_in)) as message,
        ${notNumberHint(ctx.delimiter, ctx.isWorkbook)} as hint
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
        case when ${GROUPED_ZEROS} then format('write {} or {}, without a separator', ct_n(p.obs_value), ct_n(p.obs_value * 1000))
          -- a whole number computed in floating point by a formula or a program (11.999999999999998)
          when regexp_full_match(p.obs_value_in, '[0-9]+[.][0-9]{10,}') and abs(p.obs_value - round(p.obs_value)) < 1e-6
            then format('write {}: {} is {} computed in floating point by a formula or a program, with a rounding rest; round the figure before saving (a spreadsheet''s ROUND(…, 0); pandas: .round().astype("Int64"))',
              ct_n(round(p.obs_value)), ct_q(p.obs_value_in), ct_n(round(p.obs_value)))
          -- a figure below one ("0.0000001", a workbook's 1E-7 cell as typed) has no thousands separator to remove
          when p.obs_value > 0 and p.obs_value < 1
            then format('counts have no decimals, and {} is less than one: write the whole number counted (a rate, a share or a figure a formula computed is no count)', ct_q(p.obs_value_in))
          else 'counts have no decimals; if the separator is a thousands separator, remove it' end as hint
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
