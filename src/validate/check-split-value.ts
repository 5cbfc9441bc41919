import type { CsvRead } from '../io/csv-read.js';
import { quoteIdent } from '../store/index.js';
import type { ValidationSession } from './create-session.js';
import type { HeaderMap } from './map-header.js';

/** Units of the indicators that count (whole numbers only). */
const COUNT_UNITS = "('NR', 'ROUNDS')";

/**
 * Returns true when the file can split a number into OBS_VALUE and COMMENT unseen: comma-delimited, its COMMENT
 * column right after OBS_VALUE (a file of the required columns and COMMENT; the template puts OBS_STATUS between them,
 * where the second half of a split number is an unknown code). Never a workbook (`isWorkbook`): its cells are Excel's,
 * which no comma splits, so 12 beside the comment 500 is what was typed.
 */
export function canSplitValue(read: CsvRead, header: HeaderMap, isWorkbook = false): boolean {
  const value = header.index.OBS_VALUE;
  return !isWorkbook && read.delimiter === ',' && value !== undefined && header.index.COMMENT === value + 1;
}

/**
 * Inserts into `issuesTable` an error for each row whose OBS_VALUE is a whole number of one to three digits and whose
 * COMMENT (the next cell, see canSplitValue) holds one to three digits alone: a number written with a comma, unquoted,
 * in a comma-delimited file ("12,500", "12,5"), which the comma split into 12 and the comment "500". It read as 12, with
 * no issue. Three digits after the comma are a thousands separator (`THOUSANDS_SEPARATOR`; for a quantity, 12.5 with a
 * decimal comma as much), fewer a decimal comma (`VALUE_NOT_NUMBER`). A comment of four digits or more (a year) is left.
 * Reads every row of such a file (a layout few returns have) once.
 */
export async function checkSplitValue(session: ValidationSession, read: CsvRead, header: HeaderMap, issuesTable: string, file: string): Promise<void> {
  const value = `trim(r.c${header.index.OBS_VALUE!})`;
  const comment = `trim(r.c${header.index.COMMENT!})`;
  const indicator = header.index.INDICATOR === undefined ? 'null' : `upper(trim(r.c${header.index.INDICATOR}))`;
  await session.store.run(
    `insert into ${quoteIdent(issuesTable)}
     select if(s.is_grouped, 'THOUSANDS_SEPARATOR', 'VALUE_NOT_NUMBER'), 'error', $file, s.line, 'OBS_VALUE', s.written,
       format('expected a number{}, found {} unquoted, which the comma splits into two cells: {} in OBS_VALUE and "{}" in COMMENT',
         if(s.is_grouped, ' without thousands separators', ''), ct_q(s.written), s.value, s.comment),
       case when not s.is_grouped
         then format('write {}: a comma-delimited file takes a decimal point, and ends a cell at each comma outside quotes', s.value || '.' || s.comment)
         when i.unit is not null and i.unit not in ${COUNT_UNITS}
         then format('write {} if the comma separates thousands, or {} if it is a decimal comma ({} is a quantity, unit {}, which may have decimals); a separator is never guessed: a comma-delimited file ends a cell at each comma outside quotes',
           s.value || s.comment, ct_n(cast(s.value || '.' || s.comment as double)), i.code, i.unit)
         else format('write {} (no separator): a comma-delimited file ends a cell at each comma outside quotes', s.value || s.comment) end
     from (select ${read.line.expression} as line, ${value} as value, ${comment} as comment, ${value} || ',' || ${comment} as written,
             length(${comment}) = 3 and not starts_with(${value}, '0') as is_grouped, ${indicator} as indicator
           from ${quoteIdent(read.table)} as r ${read.line.join}
           where regexp_full_match(${comment}, '[0-9]{1,3}') and regexp_full_match(${value}, '[0-9]{1,3}')) as s
       left join vref_indicator as i on i.code = s.indicator`,
    { file },
  );
}
