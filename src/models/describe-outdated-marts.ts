import { listInProse } from '../report/format-number.js';
import type { Config } from '../schema/config.js';
import type { Reference } from '../schema/reference.js';
import { referenceFingerprint, type Store } from '../store/index.js';

/**
 * The submissions a build reads, fingerprinted: every return (a rejected one too: data_quality and the review's
 * returns chapter tell it) and every import that was not rejected (a rejected import changes nothing). A new
 * submission, an outcome that changed (a return superseded), or an import's publication date recorded or changed
 * (which may change the import in force; no date adds nothing, so a hash from before it stays), or a receipt time
 * corrected (ingest --correct-receipt: data_quality's timeliness reads it; never corrected adds nothing) changes the hash.
 * Written into build_setting by the build, compared by describeOutdatedMarts.
 */
export const SUBMISSIONS_FINGERPRINT_SQL = `select
  coalesce(max(submission_id), 0)::integer as last_submission,
  md5(coalesce(string_agg(submission_id::varchar || ':' || outcome || coalesce(':' || published_on, '')
    || coalesce(':' || (select max(c.corrected_at) from receipt_correction as c where c.submission_id = s.submission_id), ''), ',' order by submission_id), '')) as submissions_hash
from submission as s
where source = 'RETURN' or outcome <> 'rejected'`;

/** The settings a build applies (build_setting's columns), as the config names them. */
const SETTINGS: ReadonlyArray<{ key: string; built: (row: Record<string, unknown>) => string | undefined; configured: (config: Config) => string }> = [
  { key: 'group', built: (row) => text(row.review_group)?.toUpperCase(), configured: (config) => config.group.toUpperCase() },
  { key: 'trendYears', built: (row) => text(row.trend_years), configured: (config) => String(config.trendYears) },
  { key: 'populationSource', built: (row) => text(row.population_source), configured: (config) => config.populationSource },
  { key: 'smallCountThreshold', built: (row) => text(row.small_count_threshold), configured: (config) => String(config.smallCountThreshold) },
  { key: 'confidentialInTotals', built: (row) => text(row.confidential_in_totals), configured: (config) => config.confidentialInTotals },
  { key: 'confidentialMinStates', built: (row) => text(row.confidential_min_states), configured: (config) => String(config.confidentialMinStates) },
  { key: 'confidentialDominanceP', built: (row) => text(row.confidential_dominance_p), configured: (config) => String(config.confidentialDominanceP) },
  {
    key: 'deadline',
    built: (row) => (row.deadline_month === undefined ? undefined : `${String(row.deadline_month).padStart(2, '0')}-${String(row.deadline_day).padStart(2, '0')}`),
    configured: (config) => config.deadline,
  },
];

const NAMED = 3;

/**
 * Returns why the marts no longer match the warehouse, `config` or `reference` (when given) — submissions that came
 * in after the last build (named, the first three), settings the build applied that the config now sets otherwise,
 * reference data other than the build's — as one sentence starting
 * "the marts are out of date: ", or null when they match (or when there are no marts, or the build predates the
 * record of what it read).
 *
 * @example await describeOutdatedMarts(store, config)
 * // 'the marts are out of date: submission 4 (ROU_2025.csv) came in after the last build, and their figures leave it out'
 */
export async function describeOutdatedMarts(store: Store, config: Config, reference?: Reference): Promise<string | null> {
  const [hasSetting] = await store.all<{ n: number }>(
    "select count(*)::integer as n from duckdb_tables() where database_name = current_database() and schema_name = 'main' and table_name = 'build_setting'",
  );
  if (!hasSetting || hasSetting.n === 0) return null;
  const [built] = await store.all<Record<string, unknown>>('select * from build_setting');
  if (!built) return null;
  const reasons: string[] = [];
  if (typeof built.submissions_hash === 'string') {
    const [now] = await store.all<{ last_submission: number; submissions_hash: string }>(SUBMISSIONS_FINGERPRINT_SQL);
    if (now && now.submissions_hash !== built.submissions_hash) reasons.push(await describeNewSubmissions(store, Number(built.last_submission ?? 0)));
  }
  const changed = SETTINGS.flatMap(({ key, built: builtValue, configured }) => {
    const was = builtValue(built);
    const is = configured(config);
    return was === undefined || was === is ? [] : [`${key} ${was} (the config says ${is})`];
  });
  if (changed.length > 0) reasons.push(`they were built with ${listInProse(changed)}`);
  if (reference !== undefined && typeof built.reference_hash === 'string' && built.reference_hash !== referenceFingerprint(reference)) {
    reasons.push('the reference data (states and their groups, the catalogue, code lists) changed after the last build');
  }
  return reasons.length === 0 ? null : `the marts are out of date: ${reasons.join('; ')}`;
}

/** Returns "submission 4 (ROU_2025.csv) came in after the last build, …", naming the first three submissions after `last`. */
async function describeNewSubmissions(store: Store, last: number): Promise<string> {
  const rows = await store.all<{ submission_id: number; file_name: string }>(
    `select submission_id, file_name from submission where submission_id > $last and (source = 'RETURN' or outcome <> 'rejected') order by submission_id`,
    { last },
  );
  // the same submissions with another outcome (a migration re-ranked them) or a corrected receipt: nothing new to name
  if (rows.length === 0) return 'the submissions changed after the last build (a version put in or out of force, a receipt time corrected), and their figures do not show it';
  const named = rows.slice(0, NAMED).map((row) => `${row.submission_id} (${row.file_name})`);
  const more = rows.length - named.length;
  const list = more > 0 ? `${named.join(', ')} and ${more} more` : listInProse(named);
  return rows.length === 1
    ? `submission ${list} came in after the last build, and their figures leave it out`
    : `submissions ${list} came in after the last build, and their figures leave them out`;
}

function text(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}
