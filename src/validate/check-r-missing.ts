import { basename } from 'node:path';
import type { CsvRead } from '../io/read-csv.js';
import { quoteIdent, quoteLiteral } from '../store/index.js';
import type { ValidationSession } from './create-session.js';
import type { HeaderMap } from './map-header.js';
import { R_MISSING } from './resolve-codes.js';

/** OBS_STATUS values that say a figure is missing, beside which an empty OBS_VALUE is accepted. */
const MISSING_STATUSES = "('M', 'L', 'O', 'Q')";

/** Where a cell holding R's NA reads as empty, and what it then reads as. */
const COLUMNS = [
  { name: 'OBS_VALUE', condition: `p.obs_value_in = '${R_MISSING}' and p.obs_status in ${MISSING_STATUSES}`, expected: 'an empty cell beside a missing OBS_STATUS', readAs: 'empty (the figure is missing, as OBS_STATUS says)' },
  { name: 'OBS_STATUS', condition: `trim(p.obs_status_in) = '${R_MISSING}'`, expected: 'an OBS_STATUS code or an empty cell', readAs: 'empty (OBS_STATUS A, normal)' },
  { name: 'CONF_STATUS', condition: `trim(p.conf_status_in) = '${R_MISSING}'`, expected: 'a CONF_STATUS code or an empty cell', readAs: 'empty (CONF_STATUS F, free)' },
] as const;

/** Returns the hint: how to have R write an empty cell, with the file's own name. */
const hint = (name: string): string => `a cell left empty in R is written NA by write.csv and readr's write_csv: write the file with na = "" `
  + `(write.csv(x, "${name}", row.names = FALSE, na = ""), or readr::write_csv(x, "${name}", na = "")), which leaves it empty`;

/**
 * Inserts into `issuesTable` one NA_AS_EMPTY warning per column where R's missing value, NA, stands for an empty cell:
 * OBS_STATUS, CONF_STATUS and COMMENT, which the template leaves empty and R reads as missing, and OBS_VALUE beside a
 * missing status (M, L, O, Q). Each warning is at the column's first such line and counts the cells: an R return holds
 * NA on almost every row, which a warning per cell would bury the other issues under.
 */
export async function checkRMissing(session: ValidationSession, read: CsvRead, header: HeaderMap, rowsView: string, issuesTable: string, file: string): Promise<void> {
  const queries = COLUMNS.filter((c) => header.index[c.name] !== undefined).map((c) =>
    `select ${quoteLiteral(c.name)} as "column", ${quoteLiteral(c.expected)} as expected, ${quoteLiteral(c.readAs)} as read_as, p.line
     from ${quoteIdent(rowsView)} as p where not p.is_blank and ${c.condition}`);
  const comment = header.index.COMMENT;
  if (comment !== undefined) {
    queries.push(`select 'COMMENT' as "column", 'a comment or an empty cell' as expected, 'no comment' as read_as, ${read.line.expression} as line
      from ${quoteIdent(read.table)} as r ${read.line.join} where trim(r.c${comment}) = '${R_MISSING}'`);
  }
  if (queries.length === 0) return;
  await session.store.run(
    `insert into ${quoteIdent(issuesTable)}
     select 'NA_AS_EMPTY', 'warning', $file, min(line), "column", '${R_MISSING}',
       format('expected {}, found "${R_MISSING}", the missing value R writes, in {} cell{} (first at line {}); read as {}',
         any_value(expected), count(*), if(count(*) = 1, '', 's'), min(line), any_value(read_as)),
       $hint
     from (${queries.join('\n     union all ')})
     group by "column"`,
    { file, hint: hint(/\.(csv|txt)$/i.test(basename(file)) ? basename(file) : 'return.csv') },
  );
}
