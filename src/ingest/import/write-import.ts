import type { Issue } from '../../schema/issue.js';
import { refreshCurrent, SERIES_KEY_SQL as SERIES, type Store } from '../../store/index.js';
import { insertIssues, insertSubmission, nextSubmissionId, type SubmissionRecord, type SubmissionSource } from '../submission.js';
import { settleImports, statesInForce, type Settled } from './settle-imports.js';
import type { RowStatus, StagedFile } from './types.js';

/** What {@link writeImport} wrote. */
export interface WrittenImport extends Settled {
  submissionId: number;
  loaded: number;
  counts: Array<{ status: RowStatus; code: string; reason: string; count: number; firstLine: number | null }>;
  issueCount: number;
  /** The first issues in file order: reader issues, then rows not loaded. */
  issues: Issue[];
}

export interface WriteImportOptions {
  source: Exclude<SubmissionSource, 'RETURN'>;
  staged: StagedFile;
  file: { displayName: string; sha256: string; sizeBytes: number };
  receivedAt: string;
  toolVersion: string;
  /** How many issues to return (all are written). */
  issueLimit: number;
  /** The publication the download is (read from it, or given with --published); undefined when undated. */
  publication?: { date: string; how: 'file' | 'option' };
}


/**
 * Returns what was written after storing `import_result` as one submission, in one transaction: the submission row,
 * the loaded rows (`observation`, or `population` for the World Bank), one `validation_issue` per row not loaded,
 * and the replacement of earlier accepted imports of the same source and dataset **for the states this one gives
 * values for** (a per-country extract replaces that country only). The values of a state come from the import of
 * the newest publication of the source and dataset that loaded rows for it (see statesInForce and settleImports); an
 * earlier import left with no state is marked superseded, one that keeps some states stays accepted for them, and
 * an import of an older publication than the one in force is kept, superseded on arrival.
 *
 * Before writing, rows that map to a series another row of the file also gives are turned into
 * `IMPORT_DUPLICATE_KEY` issues (see {@link markDuplicates}), so the mapping never loads two values for one series
 * silently.
 */
export async function writeImport(store: Store, options: WriteImportOptions): Promise<WrittenImport> {
  const { staged, file, source } = options;
  await markDuplicates(store);
  const counts = await store.all<{ status: RowStatus; code: string; reason: string; count: number; firstLine: number | null }>(
    `select status, issue_code as code, reason, count(*)::integer as count, min(line) as "firstLine" from import_result where status <> 'loaded'
     group by status, issue_code, reason order by count desc, code, reason`,
  );
  const [{ loaded }] = (await store.all<{ loaded: number }>(`select count(*)::integer as loaded from import_result where status = 'loaded'`)) as [{ loaded: number }];
  const notLoaded = counts.reduce((sum, c) => sum + c.count, 0);
  const issueCount = staged.readIssues.length + notLoaded;
  const fileExpression = staged.sheets.length > 1 ? `$file || ' [' || sheet || ']'` : '$file';

  return store.transaction(async () => {
    const submissionId = await nextSubmissionId(store);
    const record: SubmissionRecord = {
      submission_id: submissionId,
      source,
      dataset: staged.dataset,
      ref_area: null,
      reporting_year: null,
      file_name: file.displayName,
      sha256: file.sha256,
      size_bytes: file.sizeBytes,
      received_at: options.receivedAt,
      outcome: 'accepted',
      superseded_by: null,
      rows_total: staged.rows,
      rows_accepted: loaded,
      errors: 0,
      warnings: issueCount,
      tool_version: options.toolVersion,
    };
    const table = source === 'WORLDBANK' ? 'population' : 'observation';
    const before = await statesInForce(store, table, source, staged.dataset);
    await insertSubmission(store, record);
    if (source === 'WORLDBANK') {
      await store.run(
        `insert into population (submission_id, ref_area, year, persons, source)
         select $id, ref_area, time_period, obs_value, 'WORLDBANK' from import_result where status = 'loaded' order by sheet, line`,
        { id: submissionId },
      );
    } else {
      await store.run(
        `insert into observation (submission_id, line, ${SERIES}, obs_value, obs_status, conf_status, comment, source, published_text)
         select $id, line, ${SERIES}, obs_value, obs_status, 'F', comment, $source, ${source === 'UNODC' ? 'published_text' : 'null'}
         from import_result where status = 'loaded' order by sheet, line`,
        { id: submissionId, source },
      );
    }
    await store.run('update submission set published_on = $on::date, published_how = $how where submission_id = $id', {
      on: options.publication?.date ?? null, how: options.publication?.how ?? null, id: submissionId,
    });
    const settled = await settleImports(store, { table, source, dataset: staged.dataset, id: submissionId, before });
    if (source !== 'WORLDBANK') await refreshCurrent(store, [submissionId]);
    await insertIssues(store, submissionId, staged.readIssues);
    await store.run(
      `insert into validation_issue (submission_id, code, severity, file, line, "column", value, message, hint)
       select $id, issue_code, 'warning', ${fileExpression}, line, column_name, nullif(value, ''), message, hint
       from import_result where status <> 'loaded' order by sheet, line, column_name`,
      { id: submissionId, file: file.displayName },
    );
    const rows = await store.all<Issue>(
      `select issue_code as code, 'warning' as severity, ${fileExpression} as file, line, column_name as "column", nullif(value, '') as value, message, hint
       from import_result where status <> 'loaded' order by sheet, line, column_name limit $limit`,
      { file: file.displayName, limit: options.issueLimit },
    );
    const issues = [...staged.readIssues, ...rows].slice(0, options.issueLimit);
    return { submissionId, ...settled, loaded, counts, issueCount, issues };
  });
}

/**
 * Turns loaded rows that give a series another loaded row also gives into `IMPORT_DUPLICATE_KEY` issues. When the
 * rows agree on the value, the first in file order is kept; when they disagree, none is (either could be wrong, as
 * where GLOTIP labels an age group's count as the total), and every row of the series is listed with all values.
 */
async function markDuplicates(store: Store): Promise<void> {
  const valueText = `coalesce(regexp_replace(obs_value::varchar, '\\.0$', ''), 'no value (' || obs_status || ')')`;
  await store.run(
    `create or replace temp table import_duplicate as
     with loaded as (
       select sheet, line, ${SERIES}, ${valueText} as value_text,
         row_number() over (partition by ${SERIES} order by sheet nulls first, line) as series_rank
       from import_result where status = 'loaded'
     ),
     series as (
       select ${SERIES}, min(value_text) <> max(value_text) as is_conflict,
         min(line) filter (where series_rank = 1) as first_line,
         string_agg(value_text || ' on line ' || line, ', ' order by sheet nulls first, line) as listing
       from loaded group by ${SERIES} having count(*) > 1
     )
     select l.sheet, l.line, l.value_text, s.is_conflict, s.first_line, s.listing,
       concat_ws(' ', l.ref_area, l.time_period, l.indicator, l.sex, l.age, l.counterpart_area, l.breakdown) as series_key
     from loaded as l inner join series as s using (${SERIES})
     where s.is_conflict or l.series_rank > 1`,
  );
  await store.run(
    `update import_result as r set status = 'unmapped', issue_code = 'IMPORT_DUPLICATE_KEY',
       reason = case when d.is_conflict then 'conflicting values for one series: none imported' else 'the same series and value as an earlier row' end,
       column_name = null,
       value = d.value_text,
       message = case when d.is_conflict
         then 'expected one value per series, found ' || d.listing || ' for the series ' || d.series_key || ': none imported'
         else 'expected one row per series, found the series ' || d.series_key || ' with the same value already on line ' || d.first_line || ': only that row is imported' end,
       hint = 'two source rows map to one series: make the mapping tell them apart, or leave one unmapped'
     from import_duplicate as d
     where r.line = d.line and r.sheet is not distinct from d.sheet`,
  );
  await store.run('drop table import_duplicate');
}
