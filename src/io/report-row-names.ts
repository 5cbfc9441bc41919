import { readFile } from 'node:fs/promises';
import type { RowsContext } from './report-damaged-rows.js';
import { rowNamesIssue } from './reject-issue.js';
import { splitHeader } from './split-header.js';

/**
 * Reports every row that R's `write.table(x, file, sep = ",")` numbered (its first cell a whole number in quotes, with
 * no name for it in the header) and whose last cell is empty, and returns their rowids (removed by the caller). Such a
 * row has one cell more than the header, like the rows DuckDB rejects (see rejectIssue), but its surplus cell is empty,
 * which the reader takes for a trailing delimiter and drops: every cell then stood under the name of the column before
 * it, with an error at each (REF_AREA "1", TIME_PERIOD "SRB", …) and no word of the row names. `path` is the file read.
 */
export async function reportRowNameRows(ctx: RowsContext, path: string): Promise<number[]> {
  if (ctx.header.length < 2 || ctx.header[0]!.trim() === '') return [];
  const rows = await ctx.store.all<{ rid: number; line: number; first: string }>(
    `select r.rowid::bigint as rid, ${ctx.line.expression} as line, r.c0 as first from ${ctx.table} as r ${ctx.line.join}
     where regexp_full_match(r.c0, '[0-9]+') order by line`,
  );
  if (rows.length === 0) return [];
  const lines = (await readFile(path, 'utf8')).split(/\r\n|\r|\n/);
  const numbered = rows.filter((row) => {
    const text = lines[row.line - 1] ?? '';
    const cells = splitHeader(text, ctx.delimiter);
    return text.startsWith('"') && cells.length === ctx.header.length + 1 && cells[0] === row.first && cells.at(-1)!.trim() === '';
  });
  for (const row of numbered) {
    ctx.issues.push({ ...rowNamesIssue(ctx.file, ctx.header.length, row.first), severity: 'error', file: ctx.file, line: row.line });
  }
  return numbered.map((row) => Number(row.rid));
}
