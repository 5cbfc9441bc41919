import { MARK_SPACE_RUN } from './missing-marks.js';

/**
 * The error values a spreadsheet shows for a formula that failed, Excel's (`#N/A`, `#VALUE!`, …) and LibreOffice's
 * (`Err:502`), as one pattern for JavaScript's regular expressions (the coded columns, see readSpreadsheetError) and
 * DuckDB's (COMMENT, see {@link isSpreadsheetErrorSql}); matched in any case.
 */
export const SPREADSHEET_ERRORS = '(#N/A|#VALUE!|#REF!|#DIV/0!|#NAME\\?|#NUM!|#NULL!|#SPILL!|#CALC!|#FIELD!|#BLOCKED!|#CONNECT!|#BUSY!|#UNKNOWN!|#GETTING_DATA|Err:[0-9]{3})';

/** What `#N/A` says of the formula that gave it: a lookup found nothing. */
export const FORMULA_FOUND_NOTHING = 'the formula that fills the cell found nothing (a VLOOKUP, XLOOKUP or MATCH without a match)';

/** What any other error value says of its formula. */
export const FORMULA_FAILED = 'the formula that fills the cell failed';

/**
 * Returns SQL that is true when the cell `expression` is a spreadsheet's error value (see {@link SPREADSHEET_ERRORS}),
 * spaces, tabs or line breaks around it aside; false for an empty cell. Only a cell holding '#' or ':' reaches the
 * regular expression: a comment on every row costs two searches a row. No trim: see isProgramMissingSql on why the
 * two share no call.
 *
 * @example `select count(*) from raw where ${isSpreadsheetErrorSql('c10')}`
 */
export function isSpreadsheetErrorSql(expression: string): string {
  return `(case when ${expression} = '' then false when contains(${expression}, '#') or contains(${expression}, ':') then regexp_full_match(${expression}, '${MARK_SPACE_RUN}(?i:${SPREADSHEET_ERRORS})${MARK_SPACE_RUN}') else false end)`;
}
