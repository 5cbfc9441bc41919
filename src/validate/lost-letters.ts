import type { CsvRead } from '../io/csv-read.js';
import { quoteIdent } from '../store/index.js';
import type { ValidationSession } from './create-session.js';

/**
 * Returns SQL that is true when the text `cell` holds a word of three or more question marks, alone or between spaces
 * and punctuation ("??? ??????????", "????? 2024"): letters a program replaced by "?" when it saved the file in a code
 * page that lacks them. Excel's "CSV (Comma delimited)" does so: Georgian and Armenian have no code page of their own
 * (every letter is lost), and Cyrillic or Greek is lost on a computer set to another language. A person's "???" after a
 * word ("why???") is not such a word. The empty cell (most comments) is answered first, then `contains`: most cells hold
 * no "???" (an AND of the two cost 0.03 s per million rows in the pass over the distinct values, the CASE 0.01 s).
 */
export function isLostLettersSql(cell: string): string {
  return `(case when ${cell} = '' then false else (contains(${cell}, '???') and regexp_matches(${cell}, '(^|[^?\\pL\\pN])[?]{3,}([^?\\pL\\pN]|$)')) end)`;
}

/**
 * Inserts into `issuesTable` one COMMENT_LETTERS_LOST warning for the COMMENT cells whose letters were replaced by
 * question marks (see isLostLettersSql), at the first of them and with their count. Such a cell is read as no comment
 * (see buildRows): "??? ??????????" is no one's comment, and stored it would be published beside the figure. A warning,
 * as COMMENT_FORMULA_ERROR is: the figures are not touched. `comment`: COMMENT's position in the raw table.
 */
export async function checkCommentLostLetters(session: ValidationSession, read: CsvRead, comment: number, issuesTable: string, file: string): Promise<void> {
  const cell = `r.c${comment}`;
  await session.store.run(
    `insert into ${quoteIdent(issuesTable)}
     select 'COMMENT_LETTERS_LOST', 'warning', $file, min(c.line), 'COMMENT', arg_min(c.text, c.line),
       format('expected a comment in letters, found {}, its letters replaced by question marks, in {} cell{} (first at line {}); read as no comment',
         ct_q(arg_min(c.text, c.line)), count(*), if(count(*) = 1, '', 's'), min(c.line)),
       'a program saving the file in a code page that lacks the letters writes "?" for each (Excel''s "CSV (Comma delimited)": Georgian and Armenian have no such code page, and Cyrillic or Greek is lost on a computer set to another language): save the file as "CSV UTF-8 (Comma delimited)", which keeps every letter, and check it again'
     from (select ${cell} as text, ${read.line.expression} as line
           from ${quoteIdent(read.table)} as r ${read.line.join} where ${isLostLettersSql(cell)}) as c
     having count(*) > 0`,
    { file },
  );
}
