/**
 * What spreadsheets, statistical yearbooks and programs write for a figure or a value that is not there (lower case,
 * trimmed): "N/A", "n.a.", "..", "-", "x", "н/д" (Russian and Bulgarian "no data"), "?", "NaN" (what a program writes
 * for no number), pandas' "nan" and "<NA>" (a nullable Int64 or string column's) and Python's "None" (an empty cell
 * once converted with astype(str)), a database's "NULL". One pattern for DuckDB's regular expressions (the OBS_VALUE rules) and JavaScript's (the coded columns,
 * see isMissingMark): the dashes are written as themselves, which both read.
 */
export const MISSING_MARKS = '(n/?a|nan|n\\.a\\.?|n\\.?d\\.?|n/d|н/д|н\\.д\\.?|нд|x+|-+|[\u2013\u2014]|\\.{1,3}|\\?+|\\*+|<na>|null|none|nil|missing|unknown|/)';

const MISSING_MARK = new RegExp(`^${MISSING_MARKS}$`, 'u');

/**
 * Returns true when `value` (spaces around it aside, in any case) is one of {@link MISSING_MARKS}, at most seven
 * characters long ("missing", "unknown"): a mark for nothing. A longer run of x, dashes or stars is a placeholder typed
 * in, not a mark.
 *
 * @example isMissingMark(' nan ') // true
 */
export function isMissingMark(value: string): boolean {
  const mark = value.trim().toLowerCase();
  return mark.length <= 7 && MISSING_MARK.test(mark);
}

/**
 * Returns the program that writes the mark `value` for an empty cell, and how to have it write the empty cell instead
 * ("; pandas writes …"), or '' when the mark is no program's own (a yearbook's "-", "n/a").
 */
export function describeMarkSource(value: string): string {
  switch (value.trim()) {
    case 'nan':
      return '; pandas writes an empty cell as "nan" once the column is converted with astype(str): fill the empty cells first (df.fillna("")), or leave the column as read';
    case '<NA>':
      return '; pandas writes an empty cell of a nullable column (Int64, string) as "<NA>" once it is converted with astype(str): fill the empty cells first (df.astype(object).fillna("")), or leave the column as read';
    case 'None':
      return '; Python writes an empty value (None) as "None" once it is converted to text (str(), astype(str)): write an empty string instead';
    case 'NULL':
      return '; a database export writes an empty value as "NULL": export it as an empty cell';
    default:
      return '';
  }
}

/** A program's own mark for an empty cell: the mark, what the message calls it, and the program's fix. */
export interface ProgramMissing {
  mark: string;
  /** What the message says the mark is: `found "nan", <found>`. */
  found: string;
  /** How to have the program write the empty cell, with the file's own name. */
  hint: (file: string) => string;
  /** The hint for the mark in a workbook's cell (see readReturn), where the program's CSV writer is no part of it. */
  workbookHint: string;
}

/**
 * The marks programs write for an empty cell, exactly so (case and all): R's `NA` (write.csv, readr's write_csv),
 * pandas' `nan` (a float column's NaN once the data frame is converted with astype(str)) and `<NA>` (a nullable Int64
 * or string column's, so converted), Python's `None` (an object column's None, so converted), and `NaN`, "not a
 * number", as R writes the result of 0/0 and JavaScript, Java and .NET a number that is not there (no code, no word:
 * nothing else can be meant). Where the template leaves
 * a cell empty (OBS_STATUS, CONF_STATUS, COMMENT; OBS_VALUE beside a missing status) such a mark reads as that empty
 * cell, with one NA_AS_EMPTY warning per column and mark (see checkProgramMissing). Only these spellings: "none" or "NAN" is
 * no program's, and stays as typed. `None` is read alike although a person may type it: in a status column it can only
 * mean no flag (A) or no restriction (F), and a comment "None" says what an empty one does.
 */
export const PROGRAM_MISSING: readonly ProgramMissing[] = [
  {
    mark: 'NA',
    found: 'the missing value R writes',
    hint: (file) => 'a cell left empty in R is written NA by write.csv and readr\'s write_csv: write the file with na = "" '
      + `(write.csv(x, "${file}", row.names = FALSE, na = ""), or readr::write_csv(x, "${file}", na = "")), which leaves it empty`,
    workbookHint: 'a cell left empty in R is written NA by openxlsx\'s write.xlsx with keepNA = TRUE: write the workbook without it (or with writexl::write_xlsx), which leaves the cell empty, or delete the NA',
  },
  {
    mark: 'nan',
    found: 'the missing value pandas writes once a column is converted with astype(str)',
    hint: (file) => 'a cell left empty in pandas is written nan once the data frame is converted with astype(str): write it without '
      + `astype(str) (df.to_csv("${file}", index=False) leaves it empty), or fill the empty cells first (df.fillna("").astype(str))`,
    workbookHint: 'a cell left empty in pandas is written nan once the data frame is converted with astype(str): write it without astype(str) (df.to_excel(..., index=False) leaves it empty), or fill the empty cells first (df.fillna("").astype(str)), or delete the nan',
  },
  {
    mark: '<NA>',
    found: 'the missing value pandas writes for a nullable column (Int64, string) once converted with astype(str)',
    hint: (file) => 'a cell left empty in pandas is written <NA> in a nullable column (Int64, string) once the data frame is converted with '
      + `astype(str): write it without astype(str) (df.to_csv("${file}", index=False) leaves it empty), or fill the empty cells first `
      + '(df.astype(object).fillna("").astype(str): fillna("") alone refuses an Int64 column)',
    workbookHint: 'a cell left empty in pandas is written <NA> in a nullable column (Int64, string) once converted with astype(str): write it without astype(str) (df.to_excel(..., index=False) leaves it empty), or delete the <NA>',
  },
  {
    mark: 'NaN',
    found: 'the value "not a number" that R, JavaScript and other programs write for a missing number',
    hint: (file) => 'a program wrote NaN ("not a number": R for 0/0, JavaScript, Java or .NET for a number that is not there) where the cell '
      + `is empty: write an empty cell instead (in R, x[is.na(x)] <- NA turns NaN into NA, then write.csv(x, "${file}", row.names = FALSE, na = "") leaves it empty)`,
    workbookHint: 'a program wrote NaN ("not a number": R for 0/0, JavaScript, Java or .NET for a number that is not there) where the cell is empty: delete it, leaving the cell empty',
  },
  {
    mark: '.',
    found: 'the missing value Stata and SAS write for a number',
    hint: (file) => 'Stata and SAS write a missing number as "." (in a column they read in as numbers, as they read a column the template '
      + `leaves empty): write the file with an empty cell instead (in SAS, PROC EXPORT DBMS=CSV leaves it empty, or options missing=' '; before `
      + `the DATA step that writes "${file}"; in Stata, export delimited leaves it empty, where outfile writes ".")`,
    workbookHint: 'Stata and SAS write a missing number as "." (in a column they read in as numbers, as they read a column the template leaves empty): delete the ".", leaving the cell empty (Stata\'s export excel leaves it empty)',
  },
  {
    mark: 'None',
    found: 'the missing value Python writes (None) once converted to text',
    hint: (file) => 'a value left empty (None) in Python is written None once converted to text with astype(str) or str(): write it without '
      + `astype(str) (df.to_csv("${file}", index=False) leaves it empty), or fill the empty cells first (df.fillna("").astype(str))`,
    workbookHint: 'a value left empty (None) in Python is written None once converted to text with astype(str) or str(): write it without astype(str) (df.to_excel(..., index=False) leaves it empty), or delete the None',
  },
];

/** The marks of {@link PROGRAM_MISSING} as a DuckDB list: `['NA', 'nan', '<NA>', 'NaN', '.', 'None']` (see isProgramMissingSql on why not an IN list). */
const PROGRAM_MISSING_LIST = `[${PROGRAM_MISSING.map((m) => `'${m.mark}'`).join(', ')}]`;

/**
 * The characters JavaScript's String.prototype.trim removes (spaces, tabs, line breaks, no-break and other Unicode
 * spaces, a byte-order mark): around a mark they are no part of it, in SQL as in {@link isProgramMissing}.
 */
const MARK_SPACE = '\t\n\u000b\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

/**
 * Returns SQL for `expression` with every space, tab, line break or other Unicode space around it removed, as
 * isProgramMissing trims (DuckDB's one-argument trim removes spaces only: "nan" and a tab stayed the comment "nan\t").
 *
 * @example `select ${trimMarkSql('r.c10')} as mark from raw as r`
 */
export function trimMarkSql(expression: string): string {
  return `trim(${expression}, '${MARK_SPACE}')`;
}

/**
 * A regular expression (RE2, as DuckDB's regexp functions read it) for a run of the characters {@link trimMarkSql}
 * removes: around a mark, `${MARK_SPACE_RUN}(?:NA|nan)${MARK_SPACE_RUN}` matches what the trim would leave as the mark.
 */
export const MARK_SPACE_RUN = `[${[...MARK_SPACE].map((ch) => `\\x{${ch.codePointAt(0)!.toString(16).padStart(4, '0')}}`).join('')}]*`;

/**
 * Returns SQL that is true when the cell `expression` is a program's mark for an empty cell (see {@link PROGRAM_MISSING}),
 * spaces, tabs, line breaks or other Unicode spaces around it aside (as {@link trimMarkSql}); false for an empty cell.
 * It runs on every row of OBS_VALUE and COMMENT: the empty cell (most comments) is answered first, then the mark as
 * written is tested, and only a cell that starts as no
 * number (a letter, '<', a space or tab, a byte above ASCII: at or above ':', or below '-'; or a point, as Stata's "."
 * and a number below 1 as Stata writes it, ".5") and holds a mark reaches
 * the regular expression. A column of numbers costs two comparisons a row, a column of comments a few substring
 * searches. No part of it is a call another column's SQL makes too (the trim is the pattern's space runs): DuckDB
 * computes a subexpression that repeats within a select once, for every row, ahead of the CASE that guards it, and
 * in a view for every query of the view, even one that never reads the column (a trim here and in
 * isSpreadsheetErrorSql put 0.4 s on each pass over a million rows). The mark as written is looked up with
 * list_contains, not `in (…)`: DuckDB turns an IN list of constants into a join with the list, which made the insert
 * of a million rows from the view 0.33 s slower and 75 MB larger.
 *
 * @example `where ${isProgramMissingSql('p.obs_value_in')} and p.obs_status in ('M', 'L', 'O', 'Q')`
 */
export function isProgramMissingSql(expression: string): string {
  const holdsMark = PROGRAM_MISSING.map((m) => `contains(${expression}, '${m.mark}')`).join(' or ');
  const marks = PROGRAM_MISSING.map((m) => m.mark.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  return `(case when ${expression} = '' then false when list_contains(${PROGRAM_MISSING_LIST}, ${expression}) then true when (${expression} >= ':' or ${expression} < '-' or starts_with(${expression}, '.')) and (${holdsMark})
    then regexp_full_match(${expression}, '${MARK_SPACE_RUN}(?:${marks})${MARK_SPACE_RUN}') else false end)`;
}

/**
 * Returns true when `value` (spaces around it aside) is a program's mark for an empty cell (see {@link PROGRAM_MISSING}).
 *
 * @example isProgramMissing(' nan') // true; isProgramMissing('NAN') // false
 */
export function isProgramMissing(value: string): boolean {
  const mark = value.trim();
  return PROGRAM_MISSING.some((m) => m.mark === mark);
}
