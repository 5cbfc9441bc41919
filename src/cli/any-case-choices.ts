import { InvalidArgumentError, type Command } from 'commander';

/**
 * Returns `program` with every option and argument that takes fixed choices (`.choices([...])`) taking them in any
 * case, as the choice is written (`dictionary --format HTML`, `query --format CSV`, `import UNODC`): commander
 * compares exactly, and refused a value the user sees as a choice. A Turkish keyboard's dotted capital İ is read as I.
 * Anything else is refused as commander refuses it, a usage error (exit 2) listing the choices. Called before
 * {@link refuseRepeatedOptions}, which keeps each option's parsing.
 *
 * @example anyCaseChoices(program) // `dictionary --format HTML` is `--format html`; `--format XML`: "Allowed choices are md, html."
 */
export function anyCaseChoices(program: Command): Command {
  for (const command of [program, ...program.commands]) {
    for (const target of [...command.options, ...command.registeredArguments]) {
      const choices = target.argChoices;
      if (choices === undefined) continue;
      target.argParser((value: string): string => {
        const key = value.replace(/\u0130/g, 'I').toLowerCase();
        const choice = choices.find((c) => c.toLowerCase() === key);
        if (choice === undefined) throw new InvalidArgumentError(`Allowed choices are ${choices.join(', ')}.`);
        return choice;
      });
    }
  }
  return program;
}
