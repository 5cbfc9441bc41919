/** The options every command takes, with whether each is followed by a value. */
const SHARED_OPTIONS: ReadonlyMap<string, boolean> = new Map([
  ['--warehouse', true],
  ['--config', true],
  ['--json', false],
  ['--debug', false],
]);

/**
 * Returns the arguments with the options every command shares moved from before the command's name to just after
 * it, so that `crimetrends --config c.json status` works as `crimetrends status --config c.json` does (as `git -C`
 * users expect). A leading shared option the command does not take (`--warehouse` before `template` or `dictionary`,
 * which read no warehouse) is dropped, so that an alias such as `ct='crimetrends --warehouse W'` serves every
 * command. Anything else before the name (an unknown option, a value-less `--config`) is left where it is, for the
 * parser to report; shared options and no command at all give no arguments (the help, and the usage error of no command).
 *
 * @param commands each command's name and the long options it takes
 * @example moveLeadingOptions(['--warehouse', 'w.duckdb', 'status', '--year', '2025'], new Map([['status', new Set(['--warehouse'])]]))
 *   // ['status', '--warehouse', 'w.duckdb', '--year', '2025']
 */
export function moveLeadingOptions(args: readonly string[], commands: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const leading: string[][] = [];
  let i = 0;
  while (i < args.length && args[i]!.startsWith('-')) {
    const [name, inline] = args[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const takesValue = SHARED_OPTIONS.get(name);
    if (takesValue === undefined) return [...args];
    if (takesValue && inline === undefined) {
      if (i + 1 >= args.length) return [...args];
      leading.push([name, args[i]!, args[i + 1]!]);
      i += 2;
    } else {
      leading.push([name, args[i]!]);
      i += 1;
    }
  }
  // shared options and no command (`crimetrends --json`): no command, as with no argument, not "unknown option '--json'"
  if (i === args.length) return [];
  const takes = commands.get(args[i]!);
  if (leading.length === 0 || takes === undefined) return [...args];
  const kept = leading.filter(([name]) => takes.has(name!)).flatMap(([, ...words]) => words);
  return [args[i]!, ...kept, ...args.slice(i + 1)];
}
