import type { Issue } from '../schema/issue.js';
import type { Store } from '../store/index.js';
import { ConfigError } from '../errors.js';

/** Where a submission's rows come from. */
export type SubmissionSource = 'RETURN' | 'UNODC' | 'EUROSTAT' | 'WORLDBANK';
/** What became of an offered file. */
export type SubmissionOutcome = 'accepted' | 'rejected' | 'superseded';

/** Returns a receipt time as recorded in `submission.received_at`: ISO, UTC, to the second (`2026-01-20T10:00:00Z`). */
export function toReceiptTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The hint for a receipt time after now, refused in `--received-at` and `_received.csv` alike. */
export const FUTURE_RECEIPT_HINT =
  'a file is received before it is ingested: check the year; the latest received version is in force, so a time to come would outrank every later correction';

const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * Returns a receipt time written as an ISO date (`2026-01-20`, midnight UTC: that calendar day) or date-time (`2026-01-20T10:00:00Z`,
 * with an offset, or without a zone: UTC, as `_received.csv` reads it) in the form {@link toReceiptTime} records;
 * null for anything else, and for a day or time the calendar does not have (`2026-02-30`, `2026-04-31`, `T24:00`),
 * which `Date` would roll over into the next month.
 *
 * @example parseReceiptTime('2026-01-20') // '2026-01-20T00:00:00Z'
 * @example parseReceiptTime('2026-02-30') // null
 */
export function parseReceiptTime(value: string): string | null {
  const match = ISO_TIME.exec(value.trim());
  if (match === null) return null;
  if (impossibleReceiptTime(value) !== undefined) return null;
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '', zone = 'Z'] = match as unknown as string[];
  const offset = zone.toUpperCase() === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
  const date = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}${fraction}${offset}`);
  return Number.isNaN(date.getTime()) ? null : toReceiptTime(date);
}

/**
 * Returns what is wrong with a receipt time written in the ISO form whose calendar has no such day or time
 * (`2026-02-30`: `2026-02-30 is not a day: February 2026 has 28 days`); undefined for a good one or one in another form.
 *
 * @example impossibleReceiptTime('2026-04-31') // '2026-04-31 is not a day: April 2026 has 30 days'
 */
export function impossibleReceiptTime(value: string): string | undefined {
  const match = ISO_TIME.exec(value.trim());
  if (match === null) return undefined;
  const [, year, month, day, hour = '00', minute = '00', second = '00'] = match as unknown as string[];
  const date = `${year}-${month}-${day}`;
  const m = Number(month);
  if (m < 1 || m > 12) return `${date} is not a day: a month is 01 to 12, found ${month}`;
  const daysInMonth = new Date(Date.UTC(Number(year), m, 0)).getUTCDate();
  if (Number(day) < 1 || Number(day) > daysInMonth) {
    const monthName = new Date(Date.UTC(2000, m - 1, 1)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
    return `${date} is not a day: ${monthName} ${year} has ${daysInMonth} days`;
  }
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return `${hour}:${minute}:${second} is not a time of day: 00:00:00 to 23:59:59`;
  return undefined;
}

/** How far the time zone furthest ahead of UTC (Kiribati's Line Islands, UTC+14) is ahead of it. */
const LATEST_OFFSET_MS = 14 * 3_600_000;

/**
 * Returns today's date (YYYY-MM-DD) where the day is furthest ahead, UTC+14: the latest day that has begun anywhere
 * on Earth at `now`, so a date the user's calendar shows today, in any time zone, is never after it.
 *
 * @example todayFurthestAhead(new Date('2026-11-24T18:00:00Z')) // '2026-11-25'
 */
export function todayFurthestAhead(now: Date): string {
  return new Date(now.getTime() + LATEST_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * Returns why a receipt time, as written (`value`) and as read (`at`, see {@link parseReceiptTime}), is after `now`,
 * or undefined when it is not. A date alone (`2026-11-25`, the day an e-mail came) is that calendar day, recorded as
 * its midnight UTC: it is after now only when that day has begun nowhere on Earth (after {@link todayFurthestAhead}),
 * so a coordinator east of UTC types today's date before UTC's day has begun; a date-time is after now when it is.
 */
export function futureReceiptTime(value: string, at: string, now: Date): string | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value.trim())) {
    const today = todayFurthestAhead(now);
    return value.trim() > today ? `expected a date not after today (${today} in the time zone furthest ahead, UTC+14)` : undefined;
  }
  const latest = toReceiptTime(now);
  return at > latest ? `expected a time not after now (${latest})` : undefined;
}

/**
 * Returns `--received-at` as recorded; an impossible day (2026-02-30) is refused, never rolled into the next month, and
 * so is a time after `now` (a mistyped year would put the file in force over every later correction; a date alone,
 * after today everywhere: see {@link futureReceiptTime}).
 */
export function parseReceivedAt(value: string, now: Date): string {
  const at = parseReceiptTime(value);
  if (at === null) {
    const impossible = impossibleReceiptTime(value);
    throw new ConfigError('USAGE_ERROR', `--received-at: expected an ISO date like 2026-01-20 or 2026-01-20T10:00:00Z, found "${value}"${impossible === undefined ? '' : `: ${impossible}`}`, {
      hint: impossible !== undefined ? 'correct the day or time the file was received'
        : yearFirstDate(value) ?? 'write the year first, then month and day: 2026-01-20',
    });
  }
  const future = futureReceiptTime(value, at, now);
  if (future !== undefined) {
    throw new ConfigError('USAGE_ERROR', `--received-at: ${future}, found "${value}"`, {
      hint: FUTURE_RECEIPT_HINT,
    });
  }
  return at;
}

/**
 * Returns a hint giving a date written year first in another form (`20260128`, `2026-1-28`, `2026/01/28`,
 * `2026.01.28`) in the form read, or undefined for any other value: only the year first is unambiguous (`01/02/2026`
 * is either month), so nothing else is rewritten, and the date is never taken without being typed so. `--received-at`
 * and `status --as-of` both give it.
 *
 * @example yearFirstDate('20260128') // 'write it 2026-01-28: four-digit year, two-digit month and day, separated by -'
 */
export function yearFirstDate(value: string): string | undefined {
  const match = /^(\d{4})(?:(\d{2})(\d{2})|[-/.](\d{1,2})[-/.](\d{1,2}))$/.exec(value.trim());
  if (match === null) return undefined;
  const [, year, month = match[4]!, day = match[5]!] = match as unknown as string[];
  const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return parseReceiptTime(date) === null ? undefined : `write it ${date}: four-digit year, two-digit month and day, separated by -`;
}

/** One row of the `submission` table: an offered file. */
export interface SubmissionRecord {
  submission_id: number;
  source: SubmissionSource;
  /** For imports: which download (GLOTIP, IAFQ, CTS, crim_off_cat, SP.POP.TOTL). */
  dataset: string | null;
  ref_area: string | null;
  reporting_year: number | null;
  /** The base name as offered; display only. */
  file_name: string;
  sha256: string;
  size_bytes: number;
  /** ISO timestamp, UTC. */
  received_at: string;
  outcome: SubmissionOutcome;
  superseded_by: number | null;
  rows_total: number;
  rows_accepted: number;
  errors: number;
  warnings: number;
  tool_version: string;
}

/**
 * Returns the earlier submission of the same bytes that bears on offering them again as `source`, if any: one that
 * was loaded (not rejected) first, of `source` before another kind, then the latest. A rejection as another kind is
 * left out: nothing was loaded then (a return given to `import` by mistake is still a return to ingest, and the other
 * way round). Without `source`, any submission of the bytes, loaded ones first. See {@link classifyDuplicate} for
 * what offering the bytes again means.
 *
 * @param schema where `submission` is read: '' for the warehouse, or a prefix such as `wh.` (validate's read-only attachment)
 */
export async function findSubmissionBySha(store: Store, sha256: string, source?: SubmissionSource, schema = ''): Promise<SubmissionRecord | undefined> {
  const rows = await store.all<SubmissionRecord>(
    `select * from ${schema}submission where sha256 = $sha256 and ($source is null or source = $source or outcome <> 'rejected')
     order by outcome <> 'rejected' desc, source = $source desc, submission_id desc limit 1`,
    { sha256, source: source ?? null },
  );
  return rows[0];
}

/** A version in force, as the line of a stale resend (an old version offered again) names it. */
export interface InForceRecord {
  submission_id: number;
  file_name: string;
  received_at: string;
}

/**
 * Returns, for an earlier submission of the same bytes since superseded (an old file resent after its correction), the
 * version of its state and year in force now; null otherwise (not superseded, or no state and year).
 *
 * @param schema where `submission` is read: '' for the warehouse, or a prefix such as `wh.`
 */
export async function findInForce(store: Store, earlier: SubmissionRecord | null, schema = ''): Promise<InForceRecord | null> {
  if (earlier === null || earlier.outcome !== 'superseded' || earlier.ref_area === null || earlier.reporting_year === null) return null;
  return findAcceptedReturn(store, earlier.ref_area, earlier.reporting_year, schema);
}

/** Returns the accepted return of a state and reporting year (the version in force), if any. */
export async function findAcceptedReturn(store: Store, state: string, year: number, schema = ''): Promise<InForceRecord | null> {
  const [row] = await store.all<InForceRecord>(
    `select submission_id, file_name, received_at from ${schema}submission
     where source = 'RETURN' and outcome = 'accepted' and ref_area = $state and reporting_year = $year order by submission_id limit 1`,
    { state, year },
  );
  return row ?? null;
}

/**
 * Returns what an earlier submission of the same bytes means for a new offer of them as `source`:
 * - `same`: already loaded as this kind of file (accepted, or superseded since): nothing to do;
 * - `rejected`: offered as this kind before and rejected: check it again (reference data or options may have changed),
 *   and record nothing new while it still has errors;
 * - `other-source`: loaded as another kind (an import offered as a return, a UNODC download offered as Eurostat): a
 *   mistake to report (exit 1), never a silent no-op. Bytes only rejected as another kind were never loaded:
 *   {@link findSubmissionBySha} does not return such a submission, and the bytes are checked as new.
 */
export function classifyDuplicate(earlier: SubmissionRecord, source: SubmissionSource): 'same' | 'rejected' | 'other-source' {
  if (earlier.source !== source) return 'other-source';
  return earlier.outcome === 'rejected' ? 'rejected' : 'same';
}

/**
 * Returns how a submission is named in messages: its kind as stored, its dataset and its id.
 *
 * @example describeSubmission({ source: 'WORLDBANK', dataset: 'SP.POP.TOTL', submission_id: 130, … })
 *   // 'a WORLDBANK import of SP.POP.TOTL (submission 130)'
 */
export function describeSubmission(record: Pick<SubmissionRecord, 'source' | 'dataset' | 'submission_id'>): string {
  if (record.source === 'RETURN') return `a return (submission ${record.submission_id})`;
  return `a ${record.source} import${record.dataset ? ` of ${record.dataset}` : ''} (submission ${record.submission_id})`;
}

/** Returns how a file offered as `source` is named: "a return", "a UNODC import". */
export function describeSource(source: SubmissionSource): string {
  return source === 'RETURN' ? 'a return' : `a ${source} import`;
}

/**
 * Returns the return received under `fileName` at `receivedAt` with other bytes than `sha256`, if any: a receipt log
 * (`_received.csv`) has one time per name, and when that time is already another version's receipt (a correction saved
 * over the first file, the log left as it was), it is that version's, not this file's (see IngestReturnOptions.isLoggedTime).
 *
 * @param schema where `submission` is read: '' for the warehouse, or a prefix such as `wh.` or `offered.`
 */
export async function findReceiptClash(
  store: Store,
  offered: { fileName: string; receivedAt: string; sha256: string },
  schema = '',
): Promise<number | undefined> {
  const [clash] = await store.all<{ submission_id: number }>(
    `select submission_id from ${schema}submission
     where source = 'RETURN' and file_name = $name and received_at = $at::timestamp and sha256 <> $sha order by submission_id limit 1`,
    { name: offered.fileName, at: offered.receivedAt, sha: offered.sha256 },
  );
  return clash?.submission_id;
}

/** Returns the id the next submission gets. */
export async function nextSubmissionId(store: Store): Promise<number> {
  const rows = await store.all<{ id: number }>('select coalesce(max(submission_id), 0)::integer + 1 as id from submission');
  return rows[0]!.id;
}

/** Inserts a submission row (call inside the submission's transaction). */
export async function insertSubmission(store: Store, record: SubmissionRecord): Promise<void> {
  await store.run(
    `insert into submission (submission_id, source, dataset, ref_area, reporting_year, file_name, sha256, size_bytes, received_at,
       outcome, superseded_by, rows_total, rows_accepted, errors, warnings, tool_version)
     values ($submission_id, $source, $dataset, $ref_area, $reporting_year, $file_name, $sha256, $size_bytes, $received_at::timestamp,
       $outcome, $superseded_by, $rows_total, $rows_accepted, $errors, $warnings, $tool_version)`,
    { ...record },
  );
}

/** Appends issues to `validation_issue` for a submission (call inside the submission's transaction). */
export async function insertIssues(store: Store, submissionId: number, issues: readonly Issue[]): Promise<void> {
  if (issues.length === 0) return;
  await store.append(
    'validation_issue',
    issues.map((i) => [submissionId, i.code, i.severity, i.file, i.line, i.column, i.value, i.message, i.hint, i.sheet ?? null, i.cell ?? null]),
  );
}
