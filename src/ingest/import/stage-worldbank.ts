import { DataError } from '../../errors.js';
import { quoteIdent, type Store } from '../../store/index.js';
import { stageCsv } from './stage-csv.js';
import type { StagedFile } from './types.js';

const COLUMNS = [
  ['name', 'country name'],
  ['code', 'country code'],
  ['year', 'year'],
  ['value', 'value'],
] as const;

/**
 * Returns a World Bank population CSV (`Country Name, Country Code, Year, Value`, as in the public SP.POP.TOTL
 * series) staged into `import_raw` (sheet, line, name, code, year, value), all as published text.
 *
 * @throws DataError `IMPORT_COLUMN_MISSING` naming the first missing column (the wide download with one column per
 *   year is refused with a hint).
 */
export async function stageWorldbank(store: Store, path: string, displayName: string): Promise<StagedFile> {
  const staged = await stageCsv(store, path, { table: 'import_sheet', displayName, delimiter: ',' });
  const { header, headerLine, line } = staged.read;
  const names = header.map((name) => name.replace(/^\uFEFF/, '').trim().toLowerCase());
  const columns: Record<string, string> = {};
  const select: string[] = [];
  for (const [key, name] of COLUMNS) {
    const index = names.indexOf(name);
    if (index < 0) {
      const isWide = names.some((n) => /^\d{4}$/.test(n));
      throw new DataError('IMPORT_COLUMN_MISSING', `expected a column "${titleCase(name)}" (Country Name, Country Code, Year, Value), found ${header.slice(0, 6).map((h) => `"${h}"`).join(', ')}${header.length > 6 ? ', …' : ''}`, [], {
        location: { file: displayName, line: headerLine, column: titleCase(name) },
        hint: isWide
          ? 'this is the wide World Bank download (one column per year): use the long CSV with one row per country and year'
          : 'import the World Bank population series as CSV with the columns Country Name, Country Code, Year, Value',
      });
    }
    columns[key] = header[index]!.trim();
    select.push(`r.${quoteIdent(`c${index}`)} as ${key}`);
  }
  await store.run(
    `create or replace temp table import_raw as select null::varchar as sheet, ${line.expression} as line, ${select.join(', ')} from import_sheet as r ${line.join}`,
  );
  await store.run('drop table if exists import_sheet');
  const [{ rows }] = (await store.all<{ rows: number }>('select count(*)::integer as rows from import_raw')) as [{ rows: number }];
  return { dataset: 'SP.POP.TOTL', rows: rows + staged.rejectedRows, rejectedRows: staged.rejectedRows, readIssues: staged.issues, columns, sheets: [] };
}

function titleCase(name: string): string {
  return name.replace(/\b[a-z]/g, (c) => c.toUpperCase());
}
