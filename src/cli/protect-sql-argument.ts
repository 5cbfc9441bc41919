/**
 * Returns the arguments of `crimetrends query …` with a query that starts with `-` but holds a space or a line break
 * (`-- coverage⏎select …`, `-1 as x`) moved behind `--`, where the parser reads it as the query: no option has white
 * space in it, so it can only be the SQL. Option values (`--out "-x y.csv"`), `--name=value` forms of the command's
 * options and everything after an existing `--` stay as they are. Any other command's arguments are returned as given.
 *
 * @param valueOptions the options of `query` that take a value (`--out`, `--format`, …)
 * @example protectSqlArgument(['query', '-- n\nselect 1', '--format', 'csv'], new Set(['--format']))
 *   // ['query', '--format', 'csv', '--', '-- n\nselect 1']
 */
export function protectSqlArgument(args: readonly string[], valueOptions: ReadonlySet<string>): string[] {
  if (args[0] !== 'query') return [...args];
  const kept: string[] = [];
  const sql: string[] = [];
  let i = 1;
  for (; i < args.length && args[i] !== '--'; i++) {
    const arg = args[i]!;
    if (valueOptions.has(arg)) {
      kept.push(arg, ...args.slice(i + 1, i + 2));
      i += 1;
    } else if (isDashedSql(arg, valueOptions)) {
      sql.push(arg);
    } else {
      kept.push(arg);
    }
  }
  if (sql.length === 0) return [...args];
  return ['query', ...kept, '--', ...sql, ...args.slice(i + 1)];
}

function isDashedSql(arg: string, valueOptions: ReadonlySet<string>): boolean {
  if (!arg.startsWith('-') || !/\s/.test(arg)) return false;
  const name = /^(--?[A-Za-z][\w-]*)=/.exec(arg)?.[1];
  return name === undefined || !valueOptions.has(name);
}
