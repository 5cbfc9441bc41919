import type { CsvRead } from '../io/csv-read.js';
import { quoteIdent, quoteLiteral } from '../store/index.js';
import type { ValidationSession } from './create-session.js';
import { trimMarkSql } from './missing-marks.js';
import { FORMULA_FAILED, FORMULA_FOUND_NOTHING, isSpreadsheetErrorSql } from './spreadsheet-errors.js';

/**
 * Inserts into `issuesTable` one COMMENT_FORMULA_ERROR warning per error value that COMMENT holds in place of a comment
 * (Excel's `#N/A` from a VLOOKUP that found no note, `#VALUE!`, LibreOffice's `Err:502`), at its first line and with the
 * count of cells. The cell is read as no comment (see buildRows): the text is no one's comment, and stored it would be
 * published beside the figure as if it were; the warning says which comment was lost. A warning, not an error: the
 * figures are not touched, and a comment a rule asks for (a break in series, a large change) is then asked for by it.
 * `comment`: COMMENT's position in the raw table.
 */
export async function checkCommentFormulaErrors(
  session: ValidationSession,
  read: CsvRead,
  comment: number,
  issuesTable: string,
  file: string,
): Promise<void> {
  const cell = `r.c${comment}`;
  await session.store.run(
    `insert into ${quoteIdent(issuesTable)}
     select 'COMMENT_FORMULA_ERROR', 'warning', $file, min(c.line), 'COMMENT', c.mark,
       format('expected a comment or an empty cell, found "{}", a spreadsheet''s error value: {}, in {} cell{} (first at line {}); read as no comment',
         c.mark, if(upper(c.mark) = '#N/A', ${quoteLiteral(FORMULA_FOUND_NOTHING)}, ${quoteLiteral(FORMULA_FAILED)}), count(*), if(count(*) = 1, '', 's'), min(c.line)),
       'correct the formula or its lookup table, or type the comment, then save the values (Copy, Paste Special > Values) so that the file holds the comments'
     from (select ${trimMarkSql(cell)} as mark, ${read.line.expression} as line
           from ${quoteIdent(read.table)} as r ${read.line.join} where ${isSpreadsheetErrorSql(cell)}) as c
     group by c.mark`,
    { file },
  );
}
