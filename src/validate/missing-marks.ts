/**
 * What spreadsheets, statistical yearbooks and programs write for a figure or a value that is not there (lower case,
 * trimmed): "N/A", "n.a.", "..", "-", "x", "н/д" (Russian and Bulgarian "no data"), "?", "NaN" (what a program writes
 * for no number), pandas' "nan" and Python's "None" (an empty cell once converted with astype(str)), a database's
 * "NULL". One pattern for DuckDB's regular expressions (the OBS_VALUE rules) and JavaScript's (the coded columns,
 * see isMissingMark): the dashes are written as themselves, which both read.
 */
export const MISSING_MARKS = '(n/?a|nan|n\\.a\\.?|n\\.?d\\.?|n/d|н/д|н\\.д\\.?|нд|x+|-+|[\u2013\u2014]|\\.{1,3}|\\?+|\\*+|null|none|nil|missing|unknown|/)';

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
    case 'None':
      return '; Python writes an empty value (None) as "None" once it is converted to text (str(), astype(str)): write an empty string instead';
    case 'NULL':
      return '; a database export writes an empty value as "NULL": export it as an empty cell';
    default:
      return '';
  }
}
