/**
 * Returns a text cell made safe to open in a spreadsheet: a cell that starts with `=`, `+`, `-`, `@`, a tab or a
 * carriage return would be read as a formula (CSV injection), so it gets a leading apostrophe, which spreadsheets
 * show as text. Only text columns go through here; numbers are never touched.
 *
 * @example neutraliseFormula('=SUM(A1)') // "'=SUM(A1)"
 * @example neutraliseFormula('police data') // 'police data'
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
