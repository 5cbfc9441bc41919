import { ALIKE_RUN, type IssueEntry } from '../schema/issue.js';
import { quoteIdent, type Store } from '../store/index.js';
import type { ValidationSession } from './create-session.js';
import { locateInSheet } from './read-return.js';
import { ISSUE_ORDER, type FileValidation } from './validate-file.js';

/**
 * Returns the entries human output shows of a validated file's issues, in reading order: each run of {@link ALIKE_RUN}
 * or more consecutive lines reported alike (the same severity, code, file, column, message and hint) is one entry, its
 * first issue with the run's last line (`through`) and the number of issues it stands for (`alike`); every other issue
 * is an entry of its own. At most `limitPerCode` entries per code, and a run is never cut by that limit: "… and N more"
 * counts only the issues of entries not shown.
 */
export async function readShownIssues(session: ValidationSession, validation: Pick<FileValidation, 'issuesTable' | 'workbook'>, limitPerCode: number): Promise<IssueEntry[]> {
  const entries = await readIssueEntries<IssueEntry>(session.store, { source: quoteIdent(validation.issuesTable), per: 'code', limit: limitPerCode });
  return locateInSheet(entries, validation.workbook);
}

/** What {@link readIssueEntries} reads: issues, the entries they make, and how many of them. */
export interface IssueEntriesOf {
  /** A table (quoted) or a parenthesised `select` with an issue's columns (code, severity, file, line, column, value, message, hint). */
  source: string;
  /**
   * The column each value of which has its own first `limit` entries, the runs never crossing from one to another:
   * `code` (validate and ingest: 20 per rule) or `submission_id` (status: a rejected file's first 5, of validation_issue).
   */
  per: 'code' | 'submission_id';
  limit: number;
  /** More columns of `source` each entry carries (validation_issue's `sheet` and `cell`). */
  columns?: readonly string[];
}

/**
 * Returns the entries of the issues of `of.source` human output shows, as {@link readShownIssues} says, the first
 * `of.limit` of each value of `of.per`, in that order then reading order ({@link ISSUE_ORDER}); `validate`, `ingest`
 * and `status` show their runs of lines alike with it alike. Done in SQL: a file of a million issues is never read.
 */
export async function readIssueEntries<T = IssueEntry>(store: Store, of: IssueEntriesOf): Promise<T[]> {
  const { source, per, limit } = of;
  if (limit <= 0) return [];
  const carried = ['code', 'severity', 'file', 'line', 'column', 'value', 'message', 'hint', ...(per === 'code' ? [] : [per]), ...(of.columns ?? [])].map(quoteIdent).join(', ');
  const alike = 'hash(severity, code, file, "column", message, hint)';
  // runs are found on (code, key, line) alone: windows over every issue's text took twice the time and memory of the
  // validation of a million lower-case codes. A run is the lines of one key whose line less their rank is the same
  // (lines 2, 3, 4 ranked 1, 2, 3); two issues alike on one line share a rank, so stay in their run.
  return store.all<T>(
    `with runs as (
       select ${per}, key, min(line) as first_line, max(line) as last_line, count(*)::integer as issues
       from (select ${per}, line, key, line - dense_rank() over (partition by ${per}, key order by line) as run
             from (select ${per}, line, ${alike} as key from ${source} where line is not null))
       group by ${per}, key, run),
     -- every run gives one entry or more, none before its first line: the entries shown of a value of ${per} start on
     -- or before the line that starts its limit-th run (with fewer runs, its last line), so only the issues up to that
     -- line are ranked
     last_shown as (
       select ${per}, case when count(*) >= ${limit} then list_max(min(first_line, ${limit})) else max(last_line) end as line
       from (select ${per}, first_line, last_line from runs union all select ${per}, 0, 0 from ${source} where line is null) group by ${per}),
     candidates as (
       select ${carried.replace(/("[^"]+")/g, 'i.$1')},
         r.last_line - r.first_line + 1 >= ${ALIKE_RUN} as is_run, r.first_line, r.last_line, r.issues, r.key
       from ${source} as i
       inner join last_shown as s on s.${per} = i.${per} and coalesce(i.line, 0) <= s.line
       left join runs as r on r.${per} = i.${per} and r.key = ${alike.replace(/(severity|code|file|"column"|message|hint)/g, 'i.$1')}
         and i.line between r.first_line and r.last_line),
     entries as (
       select ${carried}, case when is_run then last_line else line end as through, case when is_run then issues else 1 end::integer as alike
       from candidates
       where is_run is not true or line = first_line
       qualify not coalesce(is_run, false) or row_number() over (partition by ${per}, key, first_line order by value) = 1)
     select * from entries
     qualify row_number() over (partition by ${per} order by ${ISSUE_ORDER}) <= ${limit}
     order by ${per === 'code' ? '' : `${per}, `}${ISSUE_ORDER}`,
  );
}
