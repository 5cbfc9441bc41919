import { basename } from 'node:path';
import type { CsvRead } from '../io/csv-read.js';
import { quoteIdent } from '../store/index.js';
import type { ValidationSession } from './create-session.js';
import type { HeaderMap } from './map-header.js';

/**
 * Inserts into `issuesTable` one UNKNOWN_COLUMN warning per header cell without a name whose cells hold values: they must
 * be empty (Excel's trailing columns), and are ignored. A first such column numbering the rows is named for the program
 * that writes it (R's row names, a pandas index: in a workbook, write.xlsx's and to_excel's), with the option that leaves it out.
 */
export async function checkUnnamedColumns(session: ValidationSession, read: CsvRead, header: HeaderMap, issuesTable: string, file: string, isWorkbook = false): Promise<void> {
  const name = /\.(csv|txt)$/i.test(basename(file)) ? basename(file) : 'return.csv';
  // a workbook's index column is to_excel's (pandas writes it unless told not to, with either engine)
  const book = /\.xlsx$/i.test(basename(file)) ? basename(file) : 'return.xlsx';
  const pandasCall = isWorkbook ? `df.to_excel("${book}", index=False)` : `df.to_csv("${name}", index=False)`;
  // in a workbook, R's row names are the xlsx package's write.xlsx's (by default) or openxlsx's (rowNames = TRUE)
  const rHint = isWorkbook
    ? `as R writes a data frame's row names to a workbook: delete it, or write the workbook with write.xlsx(x, "${book}", row.names = FALSE) (package xlsx; openxlsx: rowNames = FALSE)`
    : `as R's write.csv writes its row names: delete it, or write the file with write.csv(x, "${name}", row.names = FALSE)`;
  for (const position of header.unnamed) {
    // a first column numbering the rows 1, 2, 3, … is R's write.csv's row names; 0, 1, 2, … is pandas' to_csv's index:
    // the hint says how that program writes the file without it
    const number = `try_cast(trim(c${position}) as bigint)`;
    const isNumbering = position === 0 ? `count(${number}) = count(*) and count(distinct ${number}) = count(*) and max(${number}) - min(${number}) + 1 = count(*)` : 'false';
    await session.store.run(
      `insert into ${quoteIdent(issuesTable)}
       select 'UNKNOWN_COLUMN', 'warning', $file, $headerLine, $column, min(c${position}),
         format('expected no values under a column without a name, found {} (first at line {}); they are ignored', count(*), min(line)),
         case when ${isNumbering} and min(${number}) = 1
             then format('the column numbers the rows 1 to {}, {}', max(${number}), $rHint)
           when ${isNumbering} and min(${number}) = 0
             then format('the column numbers the rows 0 to {}, as pandas writes a data frame''s index: delete it, or write the ${isWorkbook ? 'workbook' : 'file'} with {}', max(${number}), $pandasCall)
           else 'give the column a name of the return format, or delete it' end
       from (select ${read.line.expression} as line, r.c${position} from ${quoteIdent(read.table)} as r ${read.line.join}
             where nullif(trim(r.c${position}), '') is not null)
       having count(*) > 0`,
      { file, headerLine: read.headerLine, column: `column ${position + 1}`, rHint, pandasCall },
    );
  }
}
