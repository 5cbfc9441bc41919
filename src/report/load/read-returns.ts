import { z } from 'zod';
import { DataQuality } from '../../schema/marts.js';
import type { Store } from '../../store/index.js';
import type { QualityInfo, ReturnInfo, UnexplainedChange, WarningInfo } from '../review-model.js';
import { MEMBERS } from './member-filter.js';
import { readRows } from './read-rows.js';

const SubmissionRow = z.object({
  ref_area: z.string(), file_name: z.string(), received_at: z.string(), rows_accepted: z.number(), errors: z.number(), warnings: z.number(),
  accepted_submission_id: z.number().nullable(), rows_in_force: z.number().nullable(),
});
const ChangeRow = z.object({ ref_area: z.string(), time_period: z.number(), indicator: z.string(), obs_value: z.number() });
const WarningRow = z.object({ ref_area: z.string(), reporting_year: z.number(), code: z.string(), count: z.number() });

/**
 * Returns, per member, its return for `year` (timeliness and completeness from `data_quality`, file and counts from
 * `submission_latest`), its data-quality summary, and the validation warnings accepted on the versions in force of
 * its returns for `from`–`year` (the years the review shows), counted per return and code (their messages may quote values, so they are not reproduced).
 */
export async function readReturns(store: Store, group: string, from: number, year: number, memberCodes: readonly string[]): Promise<{ returns: ReturnInfo[]; quality: QualityInfo[]; warnings: WarningInfo[]; unexplainedChanges: UnexplainedChange[] }> {
  const params = { group, year };
  const quality = await readRows(store, 'data_quality', `select * from data_quality where ref_area in (${MEMBERS}) and time_period = $year order by ref_area`, params, DataQuality);
  const submissions = await readRows(store, 'submission_latest', `select ref_area, file_name, strftime(received_at, '%Y-%m-%d') as received_at, rows_accepted, errors, warnings,
    accepted_submission_id, (select a.rows_accepted from submission as a where a.submission_id = l.accepted_submission_id) as rows_in_force
    from submission_latest as l where ref_area in (${MEMBERS}) and reporting_year = $year order by ref_area`, params, SubmissionRow);
  // every return in force whose figures the review shows (the reporting years from..year), not only this year's:
  // an earlier year's return stays in force, and its warnings with it
  const warnings = await readRows(store, 'validation_issue', `select s.ref_area, s.reporting_year, v.code, count(*)::integer as count
    from validation_issue as v inner join submission_latest as s on v.submission_id = s.accepted_submission_id
    where s.ref_area in (${MEMBERS}) and s.reporting_year between $from and $year and v.severity = 'warning'
    group by s.ref_area, s.reporting_year, v.code order by s.ref_area, s.reporting_year, v.code`, { ...params, from }, WarningRow);
  // the totals of `year` a return in force was warned about as a large change without a comment: the warning's line
  // is the row's line in the same submission
  const changes = await readRows(store, 'validation_issue', `select distinct o.ref_area, o.time_period, o.indicator, o.obs_value
    from validation_issue as v inner join submission_latest as s on v.submission_id = s.accepted_submission_id
    inner join observation as o on o.submission_id = v.submission_id and o.line = v.line
    where s.ref_area in (${MEMBERS}) and s.reporting_year between $from and $year and v.code = 'CHANGE_WITHOUT_COMMENT'
      and o.time_period = $year and o.obs_value is not null and o.sex = '_T' and o.age = '_T' and o.counterpart_area = '_T' and o.breakdown = '_T'
    order by o.ref_area, o.indicator, o.obs_value`, { ...params, from }, ChangeRow);
  const byState = new Map(quality.map((q) => [q.ref_area, q]));
  const files = new Map(submissions.map((s) => [s.ref_area, s]));
  const returns = memberCodes.map((iso3): ReturnInfo => {
    const q = byState.get(iso3);
    const s = files.get(iso3);
    const isReceived = q !== undefined && q.timeliness !== 'missing' && q.versions > 0;
    return {
      iso3, isReceived,
      fileName: isReceived ? (s?.file_name ?? null) : null,
      firstReceived: isReceived ? (q.first_received_at?.slice(0, 10) ?? null) : null,
      lastReceived: isReceived ? (s?.received_at ?? null) : null,
      daysLate: isReceived ? q.days_late : null,
      outcome: isReceived ? q.return_outcome : null,
      versions: q?.versions ?? 0,
      isInForce: isReceived && q.has_accepted_return,
      // the rows of the version in force: a rejected latest file leaves an earlier accepted one in force
      rowsAccepted: isReceived && q.has_accepted_return ? (s?.rows_in_force ?? 0) : 0,
      errors: isReceived ? (s?.errors ?? 0) : 0,
      warnings: isReceived ? (s?.warnings ?? 0) : 0,
      completeness: isReceived ? q.share_reported : null,
    };
  });
  return {
    returns,
    quality: quality.filter((q) => q.versions > 0).map((q) => ({
      iso3: q.ref_area, seriesReported: q.series_reported, seriesExpected: q.series_expected, shareProvisional: q.share_provisional,
      shareEstimated: q.share_estimated, breaks: q.series_break, warningsAccepted: q.warnings_accepted ?? 0,
    })),
    warnings: warnings.map((w) => ({ iso3: w.ref_area, year: w.reporting_year, code: w.code, count: w.count })),
    unexplainedChanges: changes.map((c) => ({ iso3: c.ref_area, indicator: c.indicator, year: c.time_period, value: c.obs_value })),
  };
}
