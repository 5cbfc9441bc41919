const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * Returns an ISO date (`YYYY-MM-DD`) in words.
 *
 * @example dateText('2026-01-22') // '22 January 2026'
 */
export function dateText(iso: string): string {
  const [year = '', month = '01', day = '01'] = iso.split('-');
  return `${Number(day)} ${MONTHS[Number(month) - 1] ?? ''} ${year}`;
}

/**
 * Returns the deadline for returns on reference year `year` in words: `MM-DD` of the following year.
 *
 * @example deadlineText(2025, '01-31') // '31 January 2026'
 */
export function deadlineText(year: number, deadline: string): string {
  const [month = '01', day = '31'] = deadline.split('-');
  return `${Number(day)} ${MONTHS[Number(month) - 1] ?? 'January'} ${year + 1}`;
}
