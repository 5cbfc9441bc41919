import { ALIKE_RUN, type IssueEntry } from '../schema/issue.js';
import { quoteIdent } from '../store/index.js';
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
  if (limitPerCode <= 0) return [];
  const table = quoteIdent(validation.issuesTable);
  const alike = 'hash(severity, code, file, "column", message, hint)';
  // runs are found on (code, key, line) alone: windows over every issue's text took twice the time and memory of the
  // validation of a million lower-case codes. A run is the lines of one key whose line less their rank is the same
  // (lines 2, 3, 4 ranked 1, 2, 3); two issues alike on one line share a rank, so stay in their run.
  const entries = await session.store.all<IssueEntry>(
    `with runs as (
       select code, key, min(line) as first_line, max(line) as last_line, count(*)::integer as issues
       from (select code, line, key, line - dense_rank() over (partition by key order by line) as run
             from (select code, line, ${alike} as key from ${table} where line is not null))
       group by code, key, run),
     -- every run gives one entry or more, none before its first line: the code's entries shown start on or before the
     -- line that starts its limit-th run (with fewer runs, its last line), so only the issues up to that line are ranked
     last_shown as (
       select code, case when count(*) >= ${limitPerCode} then list_max(min(first_line, ${limitPerCode})) else max(last_line) end as line
       from (select code, first_line, last_line from runs union all select code, 0, 0 from ${table} where line is null) group by code),
     candidates as (
       select i.code, i.severity, i.file, i.line, i."column", i.value, i.message, i.hint,
         r.last_line - r.first_line + 1 >= ${ALIKE_RUN} as is_run, r.first_line, r.last_line, r.issues, r.key
       from ${table} as i
       inner join last_shown as s on s.code = i.code and coalesce(i.line, 0) <= s.line
       left join runs as r on r.key = ${alike.replace(/(severity|code|file|"column"|message|hint)/g, 'i.$1')} and i.line between r.first_line and r.last_line),
     entries as (
       select code, severity, file, line, "column", value, message, hint,
         case when is_run then last_line else line end as through, case when is_run then issues else 1 end::integer as alike
       from candidates
       where is_run is not true or line = first_line
       qualify not coalesce(is_run, false) or row_number() over (partition by key, first_line order by value) = 1)
     select * from entries
     qualify row_number() over (partition by code order by ${ISSUE_ORDER}) <= ${limitPerCode}
     order by ${ISSUE_ORDER}`,
  );
  return locateInSheet(entries, validation.workbook);
}
