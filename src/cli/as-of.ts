import { ConfigError } from '../errors.js';
import { futureReceiptTime, impossibleReceiptTime, parseReceiptTime, yearFirstDate } from '../ingest/submission.js';

/** The cut-off of `status --as-of`: the status as it stood at the end of a day (UTC), or at a moment. */
export interface AsOf {
  /** As receipt times are recorded (ISO, UTC, to the second): the day's last second, or the time given. */
  at: string;
  /** As the header says it: `2026-01-31 (end of day, UTC)`, or the time in UTC, `2026-01-31T17:00:00Z`. */
  label: string;
}

/**
 * Returns `--as-of` as a cut-off, read as `ingest --received-at` reads a receipt time (a day, or a time with an offset
 * or in UTC); a day is to its end, as the deadline is. Anything else, an impossible day (2026-02-30) and a day or time
 * still to come, is a usage error (exit 2).
 *
 * @example parseAsOf('2026-01-31', now) // { at: '2026-01-31T23:59:59Z', label: '2026-01-31 (end of day, UTC)' }
 */
export function parseAsOf(value: string, now: Date): AsOf {
  const at = parseReceiptTime(value);
  if (at === null) {
    const impossible = impossibleReceiptTime(value);
    throw new ConfigError('USAGE_ERROR', `--as-of: expected a day YYYY-MM-DD or a time 2026-01-31T17:00:00Z, found "${value}"${impossible === undefined ? '' : `: ${impossible}`}`, {
      // a day written year first in another form (20260131, 2026/01/31): the form read, as --received-at says it
      hint: impossible !== undefined ? 'correct the day or time'
        : yearFirstDate(value) ?? 'write the year first, then month and day: 2026-01-31 (to the end of that day, UTC), or a time: 2026-01-31T17:00:00Z',
    });
  }
  const future = futureReceiptTime(value, at, now);
  if (future !== undefined) {
    throw new ConfigError('USAGE_ERROR', `--as-of: ${future}, found "${value}"`, {
      hint: 'status --as-of shows the returns as they stood on a day gone by; without it, as they stand now',
    });
  }
  const day = value.trim();
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? { at: `${day}T23:59:59Z`, label: `${day} (end of day, UTC)` } : { at, label: at };
}
