import type { CsvRead } from '../io/csv-read.js';
import { quoteIdent } from '../store/index.js';
import type { ValidationSession } from './create-session.js';
import type { HeaderMap } from './map-header.js';

/**
 * Returns the positions of the header's named columns that are no column of the return format (UNKNOWN_COLUMN: their
 * values are ignored), when CONF_STATUS is missing and not already said to stand under a name near its own.
 */
export function unreadColumnsWithoutConfStatus(read: CsvRead, header: HeaderMap): number[] {
  if (header.index.CONF_STATUS !== undefined || header.issues.some((i) => i.code === 'MISSING_COLUMN' && i.column === 'CONF_STATUS')) return [];
  const isRead = new Set([...Object.values(header.index), ...header.unnamed]);
  const named = header.issues.filter((i) => i.code === 'UNKNOWN_COLUMN').map((i) => i.column);
  return read.header.flatMap((cell, position) => (!isRead.has(position) && named.includes(cell.trim()) ? [position] : []));
}

/**
 * Inserts into `issuesTable` a MISSING_COLUMN error for each column not of the return format (see
 * unreadColumnsWithoutConfStatus) whose cells hold CONF_STATUS's codes alone, C or N among them ("CONFIDENTIALITY", "CONF"):
 * ignored, a confidential figure was read as F, free to publish, with an UNKNOWN_COLUMN warning only. Reads the rows of
 * such a file (CONF_STATUS missing, a column unknown: few returns) once per column.
 */
export async function checkConfStatusColumns(session: ValidationSession, read: CsvRead, positions: readonly number[], issuesTable: string, file: string): Promise<void> {
  for (const position of positions) {
    const cell = `upper(trim(r.c${position}))`;
    await session.store.run(
      `insert into ${quoteIdent(issuesTable)}
       select 'MISSING_COLUMN', 'error', $file, $headerLine, 'CONF_STATUS', null,
         format('expected a column CONF_STATUS in the header, found {}, whose cells hold its codes ({} at line {}): its values would be ignored, every row read as CONF_STATUS F (free: may be published)',
           ct_q($name), arg_min(c.code, c.line) filter (where c.code in ('C', 'N')), min(c.line) filter (where c.code in ('C', 'N'))),
         format('rename the column "{}" to CONF_STATUS', $name)
       from (select ${read.line.expression} as line, ${cell} as code from ${quoteIdent(read.table)} as r ${read.line.join}
             where nullif(trim(r.c${position}), '') is not null) as c
       having count(*) filter (where c.code in ('C', 'N')) > 0 and count(*) filter (where c.code not in ('C', 'F', 'N')) = 0`,
      { file, headerLine: read.headerLine, name: read.header[position]!.trim() },
    );
  }
}
