// What a date-formatted cell leaves in a return: the day it shows, and the spreadsheet's day number behind it (shared
// by TIME_PERIOD's hints, a year shown as a date, and OBS_VALUE's, a figure shown as one).

/** SQL pattern: a date as a date-formatted cell writes it: 2025-01-01, 01/01/2025, 31.12.2025, with a time or not. */
export const DATE = `'\\s*((?:19|20)[0-9]{2}[-/.][0-9]{1,2}[-/.][0-9]{1,2}|[0-9]{1,2}[-/.][0-9]{1,2}[-/.](?:19|20)[0-9]{2})([ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?)?\\s*'`;
/** Day 0 of a spreadsheet's calendar (Excel's and LibreOffice's, for dates after February 1900). */
export const SERIAL_EPOCH = '1899-12-30';
/** A spreadsheet's day numbers (days since {@link SERIAL_EPOCH}) of 1 January 1990 and of 1 January 2100. */
export const SERIAL_1990 = 32874;
export const SERIAL_2100 = 73051;

/**
 * SQL: the day numbers from `from` to `to` that the date in `cell` is in a spreadsheet's calendar, sorted; empty for any
 * other date. A number in a column formatted as dates shows as its day: the year 2025 as 17.07.1905 (or 7/17/1905, read
 * either way round when both are days in the range), the count 120 as 29.04.1900 (a workbook's cell: 1900-04-29).
 */
export function dayNumbers(cell: string, from: number, to: number): string {
  const yearFirst = `'^\\s*((?:19|20)[0-9]{2})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})'`;
  const yearLast = `'^\\s*([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]((?:19|20)[0-9]{2})'`;
  const part = (pattern: string, group: number): string => `try_cast(nullif(regexp_extract(${cell}, ${pattern}, ${group}), '') as integer)`;
  const day = (y: string, m: string, d: string): string => `try(make_date(${y}, ${m}, ${d}) - date '${SERIAL_EPOCH}')`;
  const days = [
    day(part(yearFirst, 1), part(yearFirst, 2), part(yearFirst, 3)),
    day(part(yearLast, 3), part(yearLast, 2), part(yearLast, 1)),
    day(part(yearLast, 3), part(yearLast, 1), part(yearLast, 2)),
  ];
  return `list_sort(list_distinct(list_filter([${days.join(', ')}], d -> d between ${from} and ${to})))`;
}
