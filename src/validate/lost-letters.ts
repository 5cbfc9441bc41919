import type { CsvRead } from '../io/csv-read.js';
import { quoteIdent } from '../store/index.js';
import type { ValidationSession } from './create-session.js';
import { sqlList } from './rule-context.js';

/** A word of three or more question marks, alone or between spaces and punctuation (see isLostLetters). */
const LOST_LETTERS = /(^|[^?\p{L}\p{N}])[?]{3,}([^?\p{L}\p{N}]|$)/u;

/**
 * Returns true when the text holds a word of three or more question marks, alone or between spaces and punctuation
 * ("??? ??????????", "????? 2024"): letters a program replaced by "?" when it saved the file in a code page that lacks
 * them. Excel's "CSV (Comma delimited)" does so: Georgian and Armenian have no code page of their own (every letter is
 * lost), and Cyrillic or Greek is lost on a computer set to another language. A person's "???" after a word ("why???",
 * "почему???") is not such a word. Tested here on the few distinct cells holding "???" (see resolveCodes), not in
 * SQL: DuckDB compiles a regular expression with Unicode letter classes in every statement that names it, 5 ms each,
 * 10 ms on every file.
 */
export function isLostLetters(text: string): boolean {
  return LOST_LETTERS.test(text);
}

/** A word of letters with a question mark between two of them ("Num?r", "infrac?iuni,"), punctuation around it. */
const LETTER_REPLACED = /^[\p{P}]*\p{L}+(?:\?\p{L}+)+[\p{P}]*$/u;

/**
 * Returns true when the text holds a word whose letter a program replaced by "?" (`Num?r provizoriu`: Excel's "CSV
 * (Comma delimited)" or LibreOffice's Text CSV in windows-1252 lacks ă, ş, ţ, ğ, č, ć, đ), and no word of question
 * marks alone (see isLostLetters). A question mark in a web address (`index.php?id=3`) is none.
 */
export function isLetterReplaced(text: string): boolean {
  return !isLostLetters(text) && text.split(/\s+/).some((word) => LETTER_REPLACED.test(word));
}

/**
 * Inserts into `issuesTable` one COMMENT_LETTER_REPLACED warning for the COMMENT cells holding a letter replaced by a
 * question mark inside a word (`replaced`: the distinct cells, see isLetterReplaced), at the first of them and with
 * their count. The comment is kept as written: its other words are the user's (the figures are not touched).
 */
export async function checkCommentLetterReplaced(
  session: ValidationSession, read: CsvRead, comment: number, replaced: readonly string[], issuesTable: string, file: string, isWorkbook = false,
): Promise<void> {
  const cell = `r.c${comment}`;
  await session.store.run(
    `insert into ${quoteIdent(issuesTable)}
     select 'COMMENT_LETTER_REPLACED', 'warning', $file, min(c.line), 'COMMENT', arg_min(c.text, c.line),
       format('expected a comment in letters, found {}, a letter inside a word replaced by a question mark, in {} cell{} (first at line {}); kept as written',
         ct_q(arg_min(c.text, c.line)), count(*), if(count(*) = 1, '', 's'), min(c.line)),
       ${isWorkbook
         ? `'the letters were lost before the text came into the workbook (pasted from a file saved in a code page that lacks them, which writes "?" for each): retype them, or paste the comment from the original'`
         : `'a program saving the file in a code page that lacks a letter writes "?" for it (Excel''s "CSV (Comma delimited)" and LibreOffice''s Text CSV in "Western Europe (Windows-1252)" lack ă, ş, ţ, ğ, ı, č, ć and đ, and "Central European (Windows-1250)" lacks Romanian''s ș and ț, with a comma below): save the file as "CSV UTF-8 (Comma delimited)", or in LibreOffice with the character set Unicode (UTF-8), which keeps every letter, and check it again'`}
     from (select ${cell} as text, ${read.line.expression} as line
           from ${quoteIdent(read.table)} as r ${read.line.join} where list_contains(${sqlList(replaced)}, ${cell})) as c
     having count(*) > 0`,
    { file },
  );
}

/**
 * Inserts into `issuesTable` one COMMENT_LETTERS_LOST warning for the COMMENT cells whose letters were replaced by
 * question marks (`lost`: the distinct cells, see isLostLetters), at the first of them and with their count. Such a cell is read as no comment
 * (see buildRows): "??? ??????????" is no one's comment, and stored it would be published beside the figure. A warning,
 * as COMMENT_FORMULA_ERROR is: the figures are not touched. `comment`: COMMENT's position in the raw table.
 */
export async function checkCommentLostLetters(
  session: ValidationSession, read: CsvRead, comment: number, lost: readonly string[], issuesTable: string, file: string, isWorkbook = false,
): Promise<void> {
  const cell = `r.c${comment}`;
  await session.store.run(
    `insert into ${quoteIdent(issuesTable)}
     select 'COMMENT_LETTERS_LOST', 'warning', $file, min(c.line), 'COMMENT', arg_min(c.text, c.line),
       format('expected a comment in letters, found {}, its letters replaced by question marks, in {} cell{} (first at line {}); read as no comment',
         ct_q(arg_min(c.text, c.line)), count(*), if(count(*) = 1, '', 's'), min(c.line)),
       ${isWorkbook
         // a workbook keeps every letter: the question marks came with the text pasted into it
         ? `'the letters were lost before the text came into the workbook (pasted from a file saved in a code page that lacks them, which writes "?" for each): retype the comment, or paste it from the original'`
         : `'a program saving the file in a code page that lacks the letters writes "?" for each (Excel''s "CSV (Comma delimited)": Georgian and Armenian have no such code page, and Cyrillic or Greek is lost on a computer set to another language): save the file as "CSV UTF-8 (Comma delimited)", which keeps every letter, and check it again'`}
     from (select ${cell} as text, ${read.line.expression} as line
           from ${quoteIdent(read.table)} as r ${read.line.join} where list_contains(${sqlList(lost)}, ${cell})) as c
     having count(*) > 0`,
    { file },
  );
}
