import type { Issue, IssueEntry } from '../schema/issue.js';
import type { Reference } from '../schema/reference.js';
import type { Store } from '../store/index.js';
import { quoteLiteral } from '../store/quote.js';
import { readIssueEntries } from '../validate/read-shown-issues.js';
import { nameMismatch, namedIn, regionNames } from './name-mismatch.js';
import { readReOffers, type ReOfferedFile } from './read-re-offers.js';

/** One member state's return for a reporting year, as the coordinator chases it. */
export interface ReturnStatus {
  ref_area: string;
  name: string;
  /** missing: nothing received; rejected: only versions with errors; accepted: a version is in force. */
  status: 'missing' | 'rejected' | 'accepted';
  first_received_at: string | null;
  latest_received_at: string | null;
  /**
   * Judged on the first receipt against the deadline, once a version is in force; null when nothing arrived, and when
   * every version was rejected (nothing of the return is in: neither on time nor late, as data_quality's timeliness
   * `rejected`; it was "on time" for a rejected file sent early).
   */
  is_on_time: boolean | null;
  /** Days after the deadline the first version arrived (0 when on time), a rejected one's too. */
  days_late: number | null;
  submission_id: number | null;
  file_name: string | null;
  rows: number | null;
  errors: number | null;
  warnings: number | null;
  versions: number;
  /**
   * For a rejected return (no version in force): the first errors of its latest version, in line order — what the
   * coordinator sends back to the state. Every issue is in validation_issue. Empty otherwise.
   */
  first_errors: Issue[];
  /**
   * For a rejected return: the first 5 entries of its latest version's errors, as `status` shows them: a run of three
   * or more consecutive lines reported alike is one entry (its first issue, `through` its last line, `alike` the
   * issues it stands for), shown whole; the errors not shown are `errors` less the entries' `alike`. Empty otherwise.
   */
  first_entries: IssueEntry[];
  /**
   * For an accepted return: the latest version, when it was received after the one in force and rejected (a
   * correction with errors), with its first errors: the state believes it sent a correction, the figures are still
   * those of the version in force. Null otherwise.
   */
  rejected_resend: { submission_id: number; file_name: string; received_at: string; errors: number; first_errors: Issue[]; first_entries: IssueEntry[] } | null;
  /** Every version; `receipt_corrections`: its receipt times corrected with ingest --correct-receipt, earliest first. */
  history: Array<{
    submission_id: number; file_name: string; received_at: string; outcome: string; rows: number; errors: number; warnings: number;
    receipt_corrections: ReceiptCorrectionRecord[];
  }>;
  /**
   * For a missing state: the files whose name names it (and this year, or no year) but whose rows were another
   * state's or year's, so the state is "missing" although it sent something (GEO_2025.csv holding Türkiye's rows).
   */
  named_files: NamedFile[];
  /**
   * For a missing state: the files whose name names it and this year that held the bytes of a return already in,
   * another state's or year's (last year's return sent again as this year's), which recorded no submission.
   */
  re_offers: ReOfferedFile[];
}

/** A receipt time corrected (receipt_correction): the time before, the time after, when (ISO, UTC). */
export interface ReceiptCorrectionRecord {
  from: string;
  to: string;
  corrected_at: string;
}

/** A file whose name names a state its rows are not (see ReturnStatus.named_files). */
export interface NamedFile {
  submission_id: number;
  file_name: string;
  received_at: string;
  outcome: string;
  /** What the rows made of it. */
  ref_area: string;
  reporting_year: number;
}

/** Errors (`--json`'s `first_errors`) and entries (a run of lines alike one, as shown) listed per rejected return by `status`. */
export const FIRST_ERRORS = 5;

/** A rejected file whose rows name no one state (an empty file, a header only, a file of several states). */
export interface UnattributedReturn {
  submission_id: number;
  file_name: string;
  received_at: string;
  reporting_year: number | null;
  errors: number;
  first_errors: Issue[];
  /** The first entries of its errors, a run of lines alike one (see ReturnStatus.first_entries). */
  first_entries: IssueEntry[];
  /** The REF_AREA values its rows give that are no state of the region (CYP in a Cypriot file), sorted; empty otherwise. */
  outside_region: string[];
}

/**
 * The cut-off of `status --as-of` as SQL on `received_at` (of `submission`): received at or before `$asOf` (ISO, UTC),
 * or at any time when `$asOf` is null (today's view). A corrected receipt counts at its corrected time.
 */
const RECEIVED_BY = '($asOf::timestamp is null or received_at <= $asOf::timestamp)';

/**
 * Returns how many files `status --as-of` leaves out, received after `asOf` (ISO, UTC): returns of `members` or of no
 * one state, for `year` ({@link readUnattributed}'s for it among those giving no year), or for any year when null.
 */
export async function countReceivedAfter(store: Store, year: number | null, members: readonly string[], asOf: string): Promise<number> {
  const [row] = await store.all<{ n: number }>(
    `select count(*)::integer as n from submission
     where source = 'RETURN' and received_at > $asOf::timestamp and ($year::integer is null or reporting_year = $year)
       and (ref_area is null or list_contains([${members.map(quoteLiteral).join(', ')}]::varchar[], ref_area))`,
    { asOf, year },
  );
  const undated = year === null ? [] : (await readUnattributed(store, year)).filter((u) => u.reporting_year === null && u.received_at > asOf);
  return row!.n + undated.length;
}

/** Returns the reporting years the warehouse holds returns for (any outcome), received by `asOf` (null: ever), earliest first. */
export async function readReturnYears(store: Store, asOf: string | null = null): Promise<number[]> {
  const rows = await store.all<{ year: number }>(
    `select distinct reporting_year as year from submission where source = 'RETURN' and reporting_year is not null and ${RECEIVED_BY} order by year`,
    { asOf },
  );
  return rows.map((r) => r.year);
}

/** An accepted return whose rows report several states: no one state's return (status lists it apart). */
export interface SeveralStatesReturn {
  submission_id: number;
  file_name: string;
  received_at: string;
  /** In the order of their first row, as REF_AREA_MIXED names them. */
  states: string[];
  /** Those of `states` with a return of their own in force for the year, which outranks these rows: not to chase. */
  with_own_return: string[];
}

/**
 * Returns the accepted returns of `year` whose rows report several states (a mistyped REF_AREA in a state's return, an
 * export of several states). Such a file is no one state's return, so the states it holds may show as missing; its
 * rows count where no state's own return gives the series (see currentRowsSql). Listed so that it never passes
 * unseen, with the states that have since sent their own return, which are not to be chased for it.
 */
export async function readSeveralStates(store: Store, year: number, asOf: string | null = null): Promise<SeveralStatesReturn[]> {
  return store.all<SeveralStatesReturn>(
    `with several as (
       select submission_id, file_name, received_at from submission
       where source = 'RETURN' and outcome = 'accepted' and ref_area is null and reporting_year = $year and ${RECEIVED_BY}
     ),
     first_rows as (
       select submission_id, ref_area, min(line) as first_line from observation
       where submission_id in (select submission_id from several) group by all
     )
     select s.submission_id, s.file_name, s.received_at, list(f.ref_area order by f.first_line, f.ref_area) as states,
       coalesce(list(f.ref_area order by f.first_line, f.ref_area) filter (where f.ref_area in (
         -- a return in force by the cut-off: an accepted version received by then (superseded since, perhaps)
         select ref_area from submission
         where source = 'RETURN' and outcome <> 'rejected' and reporting_year = $year and ref_area is not null and ${RECEIVED_BY}
       )), []::varchar[]) as with_own_return
     from several as s inner join first_rows as f using (submission_id)
     group by s.submission_id, s.file_name, s.received_at
     having count(*) > 1
     order by s.received_at, s.file_name, s.submission_id`,
    { year, asOf },
  );
}

/**
 * Returns the first {@link FIRST_ERRORS} errors of each submission, in line order (issues of the whole file, without
 * a line, first), and its first as many entries, as `status` shows them (see ReturnStatus.first_entries).
 */
async function firstErrors(store: Store, ids: number[]): Promise<Map<number, { errors: Issue[]; entries: IssueEntry[] }>> {
  const out = new Map(ids.map((id) => [id, { errors: [] as Issue[], entries: [] as IssueEntry[] }]));
  if (ids.length === 0) return out;
  const errors = `(select * from validation_issue where severity = 'error' and submission_id in (${ids.map(Number).join(', ')}))`;
  type Stored<T> = Omit<T, 'sheet' | 'cell'> & { submission_id: number; sheet: string | null; cell: string | null };
  const rows = await store.all<Stored<Issue>>(
    `select submission_id, code, severity, file, line, "column", value, message, hint, sheet, cell from (
       select *, row_number() over (partition by submission_id order by line nulls first, "column", code, message) as n
       from ${errors}
     ) where n <= $limit order by submission_id, n`,
    { limit: FIRST_ERRORS },
  );
  // the runs of lines alike as validate and ingest find them, in SQL: a run of a million lines is one row
  const entries = await readIssueEntries<Stored<IssueEntry>>(store, { source: errors, per: 'submission_id', limit: FIRST_ERRORS, columns: ['sheet', 'cell'] });
  // a workbook's issue keeps its sheet and cell (which human output locates it by, as validate does); a CSV's has neither
  const located = <T extends { submission_id: number; sheet: string | null; cell: string | null }>({ submission_id: _id, sheet, cell, ...issue }: T) => ({ ...issue, ...(sheet === null ? {} : { sheet }), ...(cell === null ? {} : { cell }) });
  for (const row of rows) out.get(row.submission_id)!.errors.push(located(row));
  for (const row of entries) out.get(row.submission_id)!.entries.push(located(row));
  return out;
}

/**
 * Returns the rejected returns of `year` that no state could be taken from, so that the coordinator sees that
 * something arrived (an empty RUS_2025.csv would otherwise leave Russia "missing" with no trace). A file whose rows
 * give no year either is listed when its name holds the year, or, when its name holds no year at all, when it was
 * received in the year after `year` (the intake season).
 */
export async function readUnattributed(store: Store, year: number, asOf: string | null = null): Promise<UnattributedReturn[]> {
  const rows = await store.all<Omit<UnattributedReturn, 'first_errors' | 'outside_region'>>(
    `select submission_id, file_name, received_at, reporting_year, errors
     from submission
     where source = 'RETURN' and outcome = 'rejected' and ref_area is null and ${RECEIVED_BY}
       and (reporting_year = $year
         or (reporting_year is null and (regexp_matches(file_name, '(^|[^0-9])' || cast($year as varchar) || '([^0-9]|$)')
           or (not regexp_matches(file_name, '(^|[^0-9])(19|20)[0-9][0-9]([^0-9]|$)') and year(received_at) = $year + 1))))
     order by received_at, file_name, submission_id`,
    { year, asOf },
  );
  const errors = await firstErrors(store, rows.map((r) => r.submission_id));
  const outside = rows.length === 0 ? [] : await store.all<{ submission_id: number; codes: string[] }>(
    `select submission_id, list(distinct value order by value) as codes from validation_issue
     where code = 'UNKNOWN_REF_AREA' and value is not null and submission_id in (${rows.map((r) => Number(r.submission_id)).join(', ')})
     group by submission_id`,
  );
  return rows.map((r) => ({ ...r, first_errors: errors.get(r.submission_id)!.errors, first_entries: errors.get(r.submission_id)!.entries, outside_region: outside.find((o) => o.submission_id === r.submission_id)?.codes ?? [] }));
}

/**
 * Returns, per reporting year (latest first), how many files {@link readUnattributed} lists for it: a file counts for
 * the year its rows give, else each four-digit 19xx or 20xx in its name, else the year before its receipt. A warehouse
 * holding only such files (an empty RUS_2025.csv, a header-only AZE_2025.csv) has years to show although no return
 * names a state.
 */
export async function countUnattributed(store: Store, asOf: string | null = null): Promise<Map<number, number>> {
  const candidates = await store.all<{ year: number }>(
    `select distinct unnest(case
         when reporting_year is not null then [reporting_year]
         when len(list_filter(regexp_split_to_array(file_name, '[^0-9]+'), (x) -> regexp_matches(x, '^(19|20)[0-9][0-9]$'))) > 0
           then list_transform(list_filter(regexp_split_to_array(file_name, '[^0-9]+'), (x) -> regexp_matches(x, '^(19|20)[0-9][0-9]$')), (x) -> cast(x as integer))
         else [year(received_at)::integer - 1] end) as year
     from submission where source = 'RETURN' and outcome = 'rejected' and ref_area is null and ${RECEIVED_BY}
     order by year desc`,
    { asOf },
  );
  const counts = new Map<number, number>();
  // counted by readUnattributed itself, so that the overview and status --year never disagree
  for (const { year } of candidates) {
    const files = (await readUnattributed(store, year, asOf)).length;
    if (files > 0) counts.set(year, files);
  }
  return counts;
}

/**
 * Returns the whole days (begun) after the deadline of `year`'s returns at which a file received at `receivedAt`
 * (ISO or DuckDB's 'YYYY-MM-DD HH:MM:SS', UTC) arrived, 0 when on time. `deadline` is month-day in the year after
 * `year`, to the end of that day (UTC). Status and ingest judge lateness with it alike.
 */
export function daysAfterDeadline(year: number, deadline: string, receivedAt: string): number {
  const lateMs = Date.parse(receivedAt.replace(' ', 'T').replace(/Z?$/, 'Z')) - Date.parse(`${deadlineDay(year, deadline)}T23:59:59Z`);
  return Math.max(0, Math.ceil(lateMs / 86_400_000));
}

/**
 * Returns how the deadline day `deadline` (YYYY-MM-DD, to the end of that day, UTC) stands at `now`, in words, when it
 * has not passed: `is still to come`, or on the day itself `is today, to the end of the day (UTC)` (`isAsOf`, `now`
 * being `status --as-of`'s cut-off: `was still to come`, `was that day, …`); null once it has passed. On the
 * deadline day a missing state is not late yet (it was counted as past from the day's first second).
 */
export function deadlineToCome(deadline: string, now: Date, isAsOf = false): string | null {
  const today = now.toISOString().slice(0, 10);
  return deadline > today ? `${isAsOf ? 'was' : 'is'} still to come` : deadline === today ? `${isAsOf ? 'was that day' : 'is today'}, to the end of the day (UTC)` : null;
}

/** Returns the deadline day (YYYY-MM-DD) of `year`'s returns: `deadline` (month-day) in the year after it. */
export function deadlineDay(year: number, deadline: string): string {
  return `${year + 1}-${deadline}`;
}

/**
 * Returns the status of every member of `group` for `year`, missing states first, then by code. The version in
 * force is the latest received of the accepted ones (see ingestReturn; equal times: the greater file name, then
 * sha256, as supersession breaks ties); versions are listed in that order, so the history reads the same whatever the
 * order of ingestion. `deadline` is month-day in the year after the reference year (UTC, end of day). `asOf` (ISO,
 * UTC; `status --as-of`) is a cut-off: the status as it stood then, from the files received by then alone (a version
 * superseded since by a later one was in force then, and its history says `accepted`); null: as it stands now.
 */
export async function readStatus(store: Store, reference: Reference, year: number, group: string, deadline: string, asOf: string | null = null): Promise<ReturnStatus[]> {
  const members = reference.states.filter((s) => s.groups.includes(group));
  const versions = await store.all<{
    ref_area: string; submission_id: number; file_name: string; received_at: string; outcome: string; rows_total: number;
    rows_accepted: number; errors: number; warnings: number;
  }>(
    `select ref_area, submission_id, file_name, received_at, outcome, rows_total, rows_accepted, errors, warnings
     from submission where source = 'RETURN' and reporting_year = $year and ${RECEIVED_BY}
     order by ref_area, received_at, file_name, sha256, submission_id`,
    { year, asOf },
  );
  // the audit of corrected receipts, so that the history never hides that a time was changed; as of a cut-off, those
  // made by then (a correction made since was not yet in the record, though its receipt counts at its corrected time)
  const corrections = await store.all<ReceiptCorrectionRecord & { submission_id: number }>(
    `select c.submission_id, c.received_at_before as "from", c.received_at_after as "to", c.corrected_at
     from receipt_correction as c inner join submission as s using (submission_id)
     where s.source = 'RETURN' and s.reporting_year = $year and ($asOf::timestamp is null or c.corrected_at <= $asOf::timestamp)
     order by c.corrected_at, c.submission_id`,
    { year, asOf },
  );
  const out = members.map((state): ReturnStatus => {
    const mine = versions.filter((v) => v.ref_area === state.iso3);
    // accepted on arrival, the latest of them is in force: today the one recorded `accepted`, before a cut-off perhaps
    // one a later correction has superseded since
    const inForce = mine.filter((v) => v.outcome !== 'rejected').at(-1);
    const shown = inForce ?? mine.at(-1);
    const latest = mine.at(-1);
    const resend = inForce !== undefined && latest !== undefined && latest.outcome === 'rejected' ? latest : undefined;
    const first = mine[0];
    const late = first === undefined ? null : daysAfterDeadline(year, deadline, first.received_at);
    return {
      ref_area: state.iso3,
      name: state.name_en,
      status: inForce ? 'accepted' : mine.length > 0 ? 'rejected' : 'missing',
      first_received_at: first?.received_at ?? null,
      latest_received_at: mine.at(-1)?.received_at ?? null,
      is_on_time: late === null || inForce === undefined ? null : late === 0,
      days_late: late,
      submission_id: shown?.submission_id ?? null,
      file_name: shown?.file_name ?? null,
      rows: shown === undefined ? null : shown.outcome === 'accepted' || shown.outcome === 'superseded' ? shown.rows_accepted : shown.rows_total,
      errors: shown?.errors ?? null,
      warnings: shown?.warnings ?? null,
      versions: mine.length,
      first_errors: [],
      first_entries: [],
      rejected_resend: resend === undefined ? null : {
        submission_id: resend.submission_id, file_name: resend.file_name, received_at: resend.received_at, errors: resend.errors, first_errors: [], first_entries: [],
      },
      named_files: [],
      re_offers: [],
      history: mine.map((v) => ({
        submission_id: v.submission_id, file_name: v.file_name, received_at: v.received_at, outcome: v.outcome === 'rejected' ? v.outcome : v === inForce ? 'accepted' : 'superseded',
        rows: v.rows_total, errors: v.errors, warnings: v.warnings,
        receipt_corrections: corrections.filter((c) => c.submission_id === v.submission_id).map(({ submission_id: _id, ...c }) => c),
      })),
    };
  });
  const errors = await firstErrors(store, [
    ...out.filter((s) => s.status === 'rejected').map((s) => s.submission_id!),
    ...out.flatMap((s) => (s.rejected_resend === null ? [] : [s.rejected_resend.submission_id])),
  ]);
  for (const s of out) {
    if (s.status === 'rejected') ({ errors: s.first_errors, entries: s.first_entries } = errors.get(s.submission_id!)!);
    if (s.rejected_resend !== null) ({ errors: s.rejected_resend.first_errors, entries: s.rejected_resend.first_entries } = errors.get(s.rejected_resend.submission_id)!);
  }
  const missing = out.filter((s) => s.status === 'missing');
  if (missing.length > 0) {
    const codes = regionNames(reference.states);
    // returns taken as another state or year whose name disagrees with their rows (few rows: one per offered file); as
    // of a cut-off, with the outcome they had then: in force if the latest accepted of their state and year received by
    // then (ties as in the history above), else superseded, where a return received since may have superseded it
    const others = await store.all<NamedFile>(
      `with received as (
         select * from submission where source = 'RETURN' and ref_area is not null and reporting_year is not null and ${RECEIVED_BY}
       ), ranked as (
         select submission_id, row_number() over (partition by ref_area, reporting_year order by received_at desc, file_name desc, sha256 desc, submission_id desc) as n
         from received where outcome <> 'rejected'
       )
       select r.submission_id, r.file_name, r.received_at, r.ref_area, r.reporting_year,
         case when $asOf::timestamp is null or r.outcome = 'rejected' then r.outcome when k.n = 1 then 'accepted' else 'superseded' end as outcome
       from received as r left join ranked as k using (submission_id)
       order by r.received_at, r.file_name, r.submission_id`,
      { asOf },
    );
    for (const s of missing) {
      s.named_files = others.filter((f) => {
        const named = namedIn(f.file_name, codes);
        // the name names this state and this year (or, naming no year, the rows are of this year), the rows another
        // state or year, which the name contradicts
        return named.states.includes(s.ref_area) && (named.years.length === 0 ? f.reporting_year === year : named.years.includes(year))
          && (f.ref_area !== s.ref_area || f.reporting_year !== year) && nameMismatch(f.file_name, f.ref_area, f.reporting_year, codes) !== null;
      });
    }
    // and the same bytes as such a return offered under the name (recorded in re_offer alone)
    const offers = await readReOffers(store, missing.map((s) => s.ref_area), year, codes, asOf);
    for (const s of missing) s.re_offers = offers.get(s.ref_area) ?? [];
  }
  const rank = { missing: 0, rejected: 1, accepted: 2 };
  return out.sort((a, b) => rank[a.status] - rank[b.status] || a.ref_area.localeCompare(b.ref_area, 'en'));
}
