import type { CsvRead } from '../io/csv-read.js';
import { RETURN_COLUMN_NAMES } from '../schema/return-format.js';
import { quoteIdent, quoteLiteral } from '../store/index.js';
import type { ValidationSession } from './create-session.js';

/**
 * Returns the first line below the first whose first three cells name columns of the return format (the header a sort
 * took in among the data: sorted without "My data has headers", it stands where its names sort), and how many lines of
 * data stand above it; undefined when no line does. Asked only of a file whose first line holds data (HEADER_MISSING).
 */
export async function locateHeaderBelow(session: ValidationSession, read: CsvRead): Promise<{ line: number; above: number } | undefined> {
  if (read.header.length < 3) return undefined;
  const names = RETURN_COLUMN_NAMES.map(quoteLiteral).join(', ');
  const [found] = await session.store.all<{ line: number | null; above: number }>(
    `select min(h.line)::integer as line, (select count(*)::integer from ${quoteIdent(read.table)} as r ${read.line.join}
         where ${read.line.expression} < min(h.line)) + 1 as above
     from (select ${read.line.expression} as line from ${quoteIdent(read.table)} as r ${read.line.join}
           where ${[0, 1, 2].map((i) => `upper(trim(r.c${i}, ' \uFEFF')) in (${names})`).join(' and ')}) as h`,
  );
  return found?.line === null || found === undefined ? undefined : { line: found.line, above: found.above };
}
