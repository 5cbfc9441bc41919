import type { Reference } from '../schema/reference.js';
import type { Store } from '../store/index.js';

/** One member state's return for a reporting year, as the coordinator chases it. */
export interface ReturnStatus {
  ref_area: string;
  name: string;
  /** missing: nothing received; rejected: only versions with errors; accepted: a version is in force. */
  status: 'missing' | 'rejected' | 'accepted';
  first_received_at: string | null;
  latest_received_at: string | null;
  /** Judged on the first receipt against the deadline; null when nothing arrived. */
  is_on_time: boolean | null;
  /** Days after the deadline the first version arrived (0 when on time). */
  days_late: number | null;
  submission_id: number | null;
  file_name: string | null;
  rows: number | null;
  errors: number | null;
  warnings: number | null;
  versions: number;
  history: Array<{ submission_id: number; file_name: string; received_at: string; outcome: string; rows: number; errors: number; warnings: number }>;
}

/**
 * Returns the status of every member of `group` for `year`, missing states first, then by code. The version in
 * force is the accepted one (see ingestReturn: the latest received); versions are listed by receipt time, then file
 * name and sha256 as supersession breaks ties, so the history reads the same whatever the order of ingestion.
 * `deadline` is month-day in the year after the reference year (UTC, end of day).
 */
export async function readStatus(store: Store, reference: Reference, year: number, group: string, deadline: string): Promise<ReturnStatus[]> {
  const members = reference.states.filter((s) => s.groups.includes(group));
  const deadlineAt = `${year + 1}-${deadline}T23:59:59`;
  const versions = await store.all<{
    ref_area: string; submission_id: number; file_name: string; received_at: string; outcome: string; rows_total: number;
    rows_accepted: number; errors: number; warnings: number;
  }>(
    `select ref_area, submission_id, file_name, received_at, outcome, rows_total, rows_accepted, errors, warnings
     from submission where source = 'RETURN' and reporting_year = $year order by ref_area, received_at, file_name, sha256, submission_id`,
    { year },
  );
  const out = members.map((state): ReturnStatus => {
    const mine = versions.filter((v) => v.ref_area === state.iso3);
    const inForce = mine.filter((v) => v.outcome === 'accepted').at(-1);
    const shown = inForce ?? mine.at(-1);
    const first = mine[0];
    const lateMs = first === undefined ? null : Date.parse(`${first.received_at.replace(' ', 'T').replace(/Z?$/, 'Z')}`) - Date.parse(`${deadlineAt}Z`);
    return {
      ref_area: state.iso3,
      name: state.name_en,
      status: inForce ? 'accepted' : mine.length > 0 ? 'rejected' : 'missing',
      first_received_at: first?.received_at ?? null,
      latest_received_at: mine.at(-1)?.received_at ?? null,
      is_on_time: lateMs === null ? null : lateMs <= 0,
      days_late: lateMs === null ? null : Math.max(0, Math.ceil(lateMs / 86_400_000)),
      submission_id: shown?.submission_id ?? null,
      file_name: shown?.file_name ?? null,
      rows: shown === undefined ? null : shown.outcome === 'accepted' || shown.outcome === 'superseded' ? shown.rows_accepted : shown.rows_total,
      errors: shown?.errors ?? null,
      warnings: shown?.warnings ?? null,
      versions: mine.length,
      history: mine.map((v) => ({
        submission_id: v.submission_id, file_name: v.file_name, received_at: v.received_at, outcome: v.outcome,
        rows: v.rows_total, errors: v.errors, warnings: v.warnings,
      })),
    };
  });
  const rank = { missing: 0, rejected: 1, accepted: 2 };
  return out.sort((a, b) => rank[a.status] - rank[b.status] || a.ref_area.localeCompare(b.ref_area));
}
