import { InvalidArgumentError, type Command } from 'commander';

/**
 * Returns `program` with every option that takes one value refusing a second, different value in the same command
 * line (`status --year 2025 --year 2024`): commander kept the last one silently, so a script or an alias
 * (`ct='crimetrends --warehouse W'`, then `ct status --warehouse V`) ran on a value the user may not have meant. The
 * same value twice is taken. Each option's own parsing (a year, a choice) runs as before.
 *
 * @example refuseRepeatedOptions(program) // `status --year 2025 --year 2024`: exit 2, naming both values
 */
export function refuseRepeatedOptions(program: Command): Command {
  for (const command of [program, ...program.commands]) {
    for (const option of command.options) {
      if (!(option.required || option.optional) || option.variadic) continue;
      const parse = option.parseArg;
      let given: string | undefined;
      option.argParser((value: string, previous: unknown) => {
        if (given !== undefined && given !== value) {
          throw new InvalidArgumentError(`${option.long ?? option.short} was given twice, as "${given}" and as "${value}": give it once`);
        }
        given = value;
        return parse === undefined ? value : parse(value, previous);
      });
    }
  }
  return program;
}
