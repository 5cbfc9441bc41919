/**
 * Every validation rule's stable code, severity and meaning. A published code never changes; the README's table of
 * codes lists them all, with their severities (test/validate/issue-codes.test.ts checks it against this list).
 */
export interface IssueCode {
  code: string;
  severity: 'error' | 'warning';
  description: string;
}

export const ISSUE_CODES = [
  { code: 'ENCODING_UNDECODABLE', severity: 'error', description: 'the bytes are neither UTF-8 nor a plausible code page' },
  { code: 'ENCODING_CONVERTED', severity: 'warning', description: 'the file is not UTF-8; it was decoded with the detected encoding' },
  { code: 'ENCODING_MIXED', severity: 'warning', description: 'a line in UTF-8 in a file in a code page; read as UTF-8' },
  { code: 'ENCODING_INVALID_BYTES', severity: 'error', description: 'a UTF-8 file holds bytes that are not UTF-8 in a cell; reported where they stand' },
  { code: 'ENCODING_DOUBLE_UTF8', severity: 'warning', description: 'a value reads as text converted to UTF-8 twice (`ÐŸÑ€ÐµÐ´` for `Пред`); kept as written, the repaired reading named (also a header cell; a BOM converted twice, `ï»¿`, is skipped)' },
  { code: 'CONTROL_CHARACTER', severity: 'error', description: 'a cell holds a NUL byte or another control character a spreadsheet never writes (C1 controls of text converted to UTF-8 twice through Latin-1 are said to be that, the repaired reading named)' },
  { code: 'XLSX_UNREADABLE', severity: 'error', description: 'a return sent as an .xlsx workbook is none (an .xls renamed, a damaged archive) or is saved with a password to open' },
  { code: 'XLSX_NO_HEADER', severity: 'error', description: 'no sheet of a workbook of several holds the return\'s header in its first 50 rows' },
  { code: 'XLSX_SHEETS_AMBIGUOUS', severity: 'error', description: 'two sheets of a workbook hold the return\'s header: which is the return is not guessed' },
  { code: 'XLSX_SHEET_SKIPPED', severity: 'warning', description: 'a sheet of a workbook other than the return\'s (notes, code lists, a hidden sheet) is passed over' },
  { code: 'XLSX_UNDER_OTHER_NAME', severity: 'warning', description: 'an .xlsx workbook under a .csv (or other) name, as a user renames one: read as the workbook it is' },
  { code: 'XLSX_FORMULA_NO_RESULT', severity: 'warning', description: 'formulas of the return\'s sheet whose results are not stored (as libraries write them); read as empty' },
  { code: 'LINE_ENDINGS_CONVERTED', severity: 'warning', description: 'lines end with a bare CR (old Mac format); read as line breaks' },
  { code: 'EMPTY_FILE', severity: 'error', description: 'no header, or a header and no data rows' },
  { code: 'HEADER_MISSING', severity: 'error', description: 'the first line holds data, not the column names' },
  { code: 'HEADER_NOT_FIRST', severity: 'warning', description: 'lines above the header (a title); skipped' },
  { code: 'MISSING_COLUMN', severity: 'error', description: 'a required column is absent from the header, or an optional one stands under a name near its own (CONF STATUS), its values ignored' },
  { code: 'DUPLICATE_COLUMN', severity: 'error', description: 'a column appears twice in the header' },
  { code: 'UNKNOWN_COLUMN', severity: 'warning', description: 'a column not in the return format; its values are ignored' },
  { code: 'IMPORTED_ROW', severity: 'error', description: 'a row a crimetrends CSV export marks as imported (SOURCE UNODC or EUROSTAT), not a figure of the state' },
  { code: 'BLANK_ROW', severity: 'warning', description: 'an empty line, or a row of empty cells; skipped' },
  { code: 'TOO_MANY_CELLS', severity: 'error', description: 'more cells than the header has columns' },
  { code: 'TOO_FEW_CELLS', severity: 'error', description: 'fewer cells than the header has columns' },
  { code: 'STRAY_QUOTE', severity: 'error', description: 'characters after the closing quote of a quoted cell' },
  { code: 'QUOTE_UNTERMINATED', severity: 'error', description: 'a quote is never closed and swallows the rest of the file' },
  { code: 'QUOTE_SWALLOWED_LINES', severity: 'error', description: 'a quoted cell runs over line breaks and takes in what look like whole rows' },
  { code: 'LINE_TOO_LONG', severity: 'error', description: 'a line longer than 2 MB' },
  { code: 'CSV_UNREADABLE', severity: 'error', description: 'a line, or the whole file, cannot be read as CSV (the message gives the reader\'s words); save the file again as CSV UTF-8' },
  { code: 'LINES_UNRECONCILED', severity: 'error', description: 'the rows read cannot be matched to the lines of the file (line endings or quotes mixed), so no line number given would be sure; save the file again as CSV UTF-8' },
  { code: 'HEADER_REPEATED', severity: 'error', description: 'the header line again below the first (two files pasted together); the line is not data' },
  { code: 'DESCRIPTION_ROW', severity: 'error', description: 'a row of descriptions ("Reference area, Year, Indicator, …") under the header: a return holds observations only' },
  { code: 'TOTAL_ROW', severity: 'error', description: 'a row of totals ("Total", "Ukupno", "Итого" as REF_AREA or INDICATOR): a return holds observations only' },
  { code: 'NOTE_ROW', severity: 'error', description: 'a note or source line ("Note: provisional data") in one cell of a row whose other cells are empty: a return holds observations only' },
  { code: 'REQUIRED_VALUE_MISSING', severity: 'error', description: 'REF_AREA, TIME_PERIOD or INDICATOR is empty' },
  { code: 'UNKNOWN_REF_AREA', severity: 'error', description: 'REF_AREA is not a state of the region' },
  { code: 'UNKNOWN_INDICATOR', severity: 'error', description: 'INDICATOR is not in the catalogue' },
  { code: 'UNKNOWN_CODE', severity: 'error', description: 'a coded column holds a code outside its code list' },
  { code: 'CODE_NOT_UPPER_CASE', severity: 'warning', description: 'a code in lower or mixed case ("rou", "tip_vic"); read as its upper-case form' },
  { code: 'INVISIBLE_CHARACTER', severity: 'warning', description: 'a code holds an invisible character (a zero-width space, a byte-order mark, a direction mark); read without it' },
  { code: 'NAME_NOT_CODE', severity: 'warning', description: 'a name or label where a code belongs; resolved to the code' },
  { code: 'CODE_OFTEN_MISTAKEN', severity: 'warning', description: 'COUNTERPART_AREA holds the code of a country outside the region often written for a state of it (MAC, Macao, China, for North Macedonia, MKD; SLV, El Salvador, for Slovenia, SVN); read as written' },
  { code: 'REF_AREA_NOT_DECLARED', severity: 'error', description: 'REF_AREA differs from the state given with --state' },
  { code: 'REF_AREA_MIXED', severity: 'warning', description: 'the file reports several states; a return normally holds one' },
  { code: 'TIME_PERIOD_INVALID', severity: 'error', description: 'TIME_PERIOD is not a plausible year as four digits ("2025.0" is not)' },
  { code: 'TIME_PERIOD_AFTER_YEAR', severity: 'error', description: 'TIME_PERIOD is after the reporting year given with --year' },
  { code: 'YEAR_NOT_REPORTED', severity: 'error', description: 'no row for the reporting year given with --year: the file is not that year\'s return' },
  { code: 'DIMENSION_NOT_APPLICABLE', severity: 'error', description: 'a breakdown the indicator does not take (SEX for FA_SEIZED, …)' },
  { code: 'BREAKDOWN_NOT_FOR_INDICATOR', severity: 'error', description: "a BREAKDOWN code from another indicator's code list" },
  { code: 'VALUE_NOT_NUMBER', severity: 'error', description: 'OBS_VALUE is not a number in plain decimal notation (no exponent, underscore or leading +)' },
  { code: 'THOUSANDS_SEPARATOR', severity: 'error', description: 'OBS_VALUE has a thousands separator ("1,192"); never guessed' },
  { code: 'VALUE_TOO_LARGE', severity: 'error', description: 'OBS_VALUE is beyond 2^53 (9,007,199,254,740,992): too large to store exactly' },
  { code: 'VALUE_NEGATIVE', severity: 'error', description: 'OBS_VALUE is negative' },
  { code: 'VALUE_NOT_INTEGER', severity: 'error', description: 'OBS_VALUE has decimals but the indicator counts ("12.5"; "1.000", 1 or 1000, is not guessed)' },
  { code: 'VALUE_DECIMAL_ZEROS', severity: 'warning', description: 'a count written with decimal zeros ("12.0", "12,00"); read as the whole number' },
  { code: 'NA_AS_EMPTY', severity: 'warning', description: 'a program\'s missing value (R\'s NA, pandas\' nan and <NA>, Python\'s None, NaN) where a cell is empty (OBS_STATUS, CONF_STATUS, COMMENT; OBS_VALUE beside a missing status); read as empty, one warning per column and mark; so is ".", the missing number Stata and SAS write' },
  { code: 'COMMENT_FORMULA_ERROR', severity: 'warning', description: 'COMMENT holds a spreadsheet\'s error value (`#N/A`, `#VALUE!`, `Err:502`): a formula that failed; read as no comment, one warning per value' },
  { code: 'COMMENT_LETTER_REPLACED', severity: 'warning', description: 'COMMENT holds a word with a letter replaced by a question mark (`Num?r provizoriu`): a letter the code page the file was saved in lacked; kept as written, one warning for the file' },
  { code: 'COMMENT_LETTERS_LOST', severity: 'warning', description: 'COMMENT holds a word of question marks (`??? ??????????`): letters a code page lacked, lost when the file was saved; read as no comment, one warning for the file' },
  { code: 'VALUE_MISSING', severity: 'error', description: 'OBS_VALUE is empty without a missing status (M, L, O, Q)' },
  { code: 'VALUE_WITH_MISSING_STATUS', severity: 'error', description: 'OBS_VALUE is given although OBS_STATUS says missing' },
  { code: 'DUPLICATE_SERIES', severity: 'warning', description: 'the same series twice with the same value' },
  { code: 'DUPLICATE_CONFLICT', severity: 'error', description: 'the same series twice with different values' },
  { code: 'BREAKDOWN_SUM', severity: 'warning', description: 'the parts of a breakdown do not add up to the total (beyond 1 %)' },
  { code: 'STAGE_ORDER', severity: 'warning', description: 'a later criminal-justice stage exceeds an earlier one (convicted > prosecuted)' },
  { code: 'ACTION_NOT_SUPPORTED', severity: 'error', description: 'an SDMX-CSV ACTION other than I, R or M (D, delete, cannot be sent in a return)' },
  { code: 'BREAK_WITHOUT_COMMENT', severity: 'warning', description: 'OBS_STATUS B (break in series) without a COMMENT' },
  { code: 'CHANGE_WITHOUT_COMMENT', severity: 'warning', description: 'a change of more than 50 % (and 20 units) from the previous year without a COMMENT' },
] as const satisfies readonly IssueCode[];

export type IssueCodeName = (typeof ISSUE_CODES)[number]['code'];

const BY_CODE = new Map<string, IssueCode>(ISSUE_CODES.map((c) => [c.code, c]));

/** Returns the severity of a validation code. */
export function severityOf(code: IssueCodeName): 'error' | 'warning' {
  return BY_CODE.get(code)!.severity;
}
