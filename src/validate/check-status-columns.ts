import type { CsvRead } from '../io/csv-read.js';
import { quoteValue } from '../errors.js';
import { quoteIdent } from '../store/index.js';
import type { ValidationSession } from './create-session.js';
import type { HeaderMap } from './map-header.js';
import { YES_OR_NO } from './suggest-code.js';

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
    if (await checkYesNoColumn(session, read, position, issuesTable, file)) continue;
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

/**
 * Words that name a column "confidential?" (upper case, no accents: "CONFIDENTIALITY", "CONF", "Confidential (Y/N)",
 * "Poverljivo", "Gizli", "Confidențial", "Εμπιστευτικό", "Конфиденциално").
 */
const CONFIDENTIAL_NAME = /CONF|SECRET|KONFID|POVERLJ|POVJERLJ|GIZLI|ΕΜΠΙΣΤ|КОНФИД|ПОВЕРЉ|ПОВЕРЛ|ТАЄМН|СЕКРЕТ/;

/**
 * Inserts into `issuesTable` a MISSING_COLUMN error for a column not of the return format whose name says
 * confidentiality (CONFIDENTIAL_NAME) and whose cells hold a yes or no ("Yes"/"No", "Y"/"N", "true"/"false", "1"/"0",
 * "Да"/"Не", "Evet"/"Hayır", "Da"/"Nu", "Po"/"Jo", "Ναι"/"Όχι") and nothing else but CONF_STATUS's codes: ignored, a
 * confidential figure was read as F, free to publish, with an UNKNOWN_COLUMN warning only. Never mapped to the codes:
 * a column asking "may be published?" is answered with the same words the other way round. Returns true when it did.
 */
async function checkYesNoColumn(session: ValidationSession, read: CsvRead, position: number, issuesTable: string, file: string): Promise<boolean> {
  const name = read.header[position]!.trim();
  if (!CONFIDENTIAL_NAME.test(name.normalize('NFKD').replace(/\p{M}/gu, '').toUpperCase())) return false;
  const values = await session.store.all<{ value: string; line: number }>(
    `select trim(r.c${position}) as value, min(${read.line.expression})::integer as line from ${quoteIdent(read.table)} as r ${read.line.join}
     where nullif(trim(r.c${position}), '') is not null group by 1 order by 2 limit 50`,
  );
  const isYesNo = (value: string): boolean => YES_OR_NO.test(value);
  const first = values.find((v) => isYesNo(v.value));
  if (first === undefined || !values.every((v) => isYesNo(v.value) || ['C', 'F', 'N'].includes(v.value.toUpperCase()))) return false;
  const words = values.filter((v) => isYesNo(v.value)).map((v) => quoteValue(v.value));
  await session.store.append(issuesTable, [[
    'MISSING_COLUMN', 'error', file, read.headerLine, 'CONF_STATUS', name,
    `expected a column CONF_STATUS in the header, found ${quoteValue(name)}, whose cells hold a yes or no (${words.slice(0, 4).join(', ')}${words.length > 4 ? ', …' : ''}; ${quoteValue(first.value)} at line ${first.line}): its values would be ignored, every row read as CONF_STATUS F (free: may be published)`,
    `rename the column "${name}" to CONF_STATUS and write a code in place of each yes or no: C for a confidential figure (never published), N for internal use only, F or an empty cell for free (may be published); a yes or no is not read, since "may be published?" is answered with the same words the other way round`,
  ]]);
  return true;
}
