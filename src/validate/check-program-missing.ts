import { basename } from 'node:path';
import type { CsvRead } from '../io/csv-read.js';
import { quoteIdent, quoteLiteral } from '../store/index.js';
import type { ValidationSession } from './create-session.js';
import type { HeaderMap } from './map-header.js';
import { isProgramMissingSql, PROGRAM_MISSING, trimMarkSql } from './missing-marks.js';
import { MISSING } from './rule-context.js';

/** Where a cell holding a program's missing value (R's NA, pandas' nan, Python's None) reads as empty, and what it then reads as. */
const COLUMNS = [
  { name: 'OBS_VALUE', expected: 'an empty cell beside a missing OBS_STATUS', readAs: 'empty (the figure is missing, as OBS_STATUS says)' },
  { name: 'OBS_STATUS', expected: 'an OBS_STATUS code or an empty cell', readAs: 'empty (OBS_STATUS A, normal)' },
  { name: 'CONF_STATUS', expected: 'a CONF_STATUS code or an empty cell', readAs: 'empty (CONF_STATUS F, free)' },
] as const;

/**
 * Returns the cell (as SQL) and the condition that selects the rows where `column` holds a program's missing value:
 * OBS_VALUE's cell without the spaces, tabs or line breaks around it, as the OBS_VALUE rules read it; a status column's cells that resolveCodes
 * read as a mark (`marks`, spaces and all), so that every cell read as empty so is counted, whatever the spaces around it.
 */
function where(column: (typeof COLUMNS)[number]['name'], marks: ReadonlyArray<readonly [string, string, string]>): { cell: string; condition: string } | undefined {
  if (column === 'OBS_VALUE') return { cell: trimMarkSql('p.obs_value_in'), condition: `p.obs_status in ${MISSING} and ${isProgramMissingSql('p.obs_value_in')}` };
  const own = marks.filter(([name]) => name === column);
  if (own.length === 0) return undefined;
  const input = `p.${column.toLowerCase()}_in`;
  return {
    cell: `case ${input} ${own.map(([, raw, mark]) => `when ${quoteLiteral(raw)} then ${quoteLiteral(mark)}`).join(' ')} end`,
    condition: `${input} in (${own.map(([, raw]) => quoteLiteral(raw)).join(', ')})`,
  };
}

/**
 * Inserts into `issuesTable` one NA_AS_EMPTY warning per column and mark where a program's missing value stands for an
 * empty cell (R's NA, pandas' nan, Python's None: see PROGRAM_MISSING): OBS_STATUS, CONF_STATUS and COMMENT, which the
 * template leaves empty and the program reads as missing, and OBS_VALUE beside a missing status (M, L, O, Q). Each
 * warning is at the column's first such line and counts the cells: such a return holds the mark on almost every row,
 * which a warning per cell would bury the other issues under. Its message and hint name the program that writes the mark.
 * `statusMarks`: the OBS_STATUS and CONF_STATUS cells resolveCodes read as a mark, as [column, cell, mark].
 */
export async function checkProgramMissing(
  session: ValidationSession,
  read: CsvRead,
  header: HeaderMap,
  statusMarks: ReadonlyArray<readonly [string, string, string]>,
  rowsView: string,
  issuesTable: string,
  file: string,
  isWorkbook = false,
): Promise<void> {
  const queries = COLUMNS.filter((c) => header.index[c.name] !== undefined).flatMap((c) => {
    const cells = where(c.name, statusMarks);
    return cells === undefined ? [] : [`select ${quoteLiteral(c.name)} as "column", ${cells.cell} as mark, ${quoteLiteral(c.expected)} as expected, ${quoteLiteral(c.readAs)} as read_as, p.line
     from ${quoteIdent(rowsView)} as p where not p.is_blank and ${cells.condition}`];
  });
  const comment = header.index.COMMENT;
  if (comment !== undefined) {
    queries.push(`select 'COMMENT' as "column", ${trimMarkSql(`r.c${comment}`)} as mark, 'a comment or an empty cell' as expected, 'no comment' as read_as, ${read.line.expression} as line
      from ${quoteIdent(read.table)} as r ${read.line.join} where ${isProgramMissingSql(`r.c${comment}`)}`);
  }
  if (queries.length === 0) return;
  const name = /\.(csv|txt)$/i.test(basename(file)) ? basename(file) : 'return.csv';
  const programs = PROGRAM_MISSING.map((m) => `(${quoteLiteral(m.mark)}, ${quoteLiteral(m.found)}, ${quoteLiteral(isWorkbook ? m.workbookHint : m.hint(name))})`).join(', ');
  await session.store.run(
    `insert into ${quoteIdent(issuesTable)}
     select 'NA_AS_EMPTY', 'warning', $file, min(c.line), c."column", c.mark,
       format('expected {}, found "{}", {}, in {} cell{} (first at line {}); read as {}',
         any_value(c.expected), c.mark, any_value(w.found), count(*), if(count(*) = 1, '', 's'), min(c.line), any_value(c.read_as)),
       any_value(w.hint)
     from (${queries.join('\n     union all ')}) as c
     inner join (values ${programs}) as w(mark, found, hint) on w.mark = c.mark
     group by c."column", c.mark`,
    { file },
  );
}
