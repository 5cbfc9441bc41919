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
 * users expect). Anything else before the name (an unknown option, a value-less `--config`) is left where it is, for
 * the parser to report.
 *
 * @example moveLeadingOptions(['--warehouse', 'w.duckdb', 'status', '--year', '2025'], new Set(['status']))
 *   // ['status', '--warehouse', 'w.duckdb', '--year', '2025']
 */
export function moveLeadingOptions(args: readonly string[], commands: ReadonlySet<string>): string[] {
  const leading: string[] = [];
  let i = 0;
  while (i < args.length && args[i]!.startsWith('-')) {
    const [name, inline] = args[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const takesValue = SHARED_OPTIONS.get(name);
    if (takesValue === undefined) return [...args];
    if (takesValue && inline === undefined) {
      if (i + 1 >= args.length) return [...args];
      leading.push(args[i]!, args[i + 1]!);
      i += 2;
    } else {
      leading.push(args[i]!);
      i += 1;
    }
  }
  if (leading.length === 0 || i >= args.length || !commands.has(args[i]!)) return [...args];
  return [args[i]!, ...leading, ...args.slice(i + 1)];
}
