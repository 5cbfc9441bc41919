import { EXIT, PipelineError, formatLocation, type IssueLike } from '../errors.js';

/** ANSI styling that disappears when colour is off. */
export function paint(useColour: boolean) {
  const wrap = (code: string) => (text: string) => (useColour ? `\u001b[${code}m${text}\u001b[0m` : text);
  return { red: wrap('31'), yellow: wrap('33'), green: wrap('32'), bold: wrap('1'), dim: wrap('2') };
}

/** The one JSON document a `--json` command prints. */
export interface JsonResult {
  ok: boolean;
  command: string;
  outputs?: string[];
  issues?: IssueLike[];
  [key: string]: unknown;
}

/** Returns `value` as pretty JSON followed by a newline. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? Number(v) : v), 2)}\n`;
}

interface FailureOptions {
  command: string;
  isJson: boolean;
  isDebug: boolean;
  useColour: boolean;
  out: (text: string) => void;
}

/** Returns the `error` object of a failed command's JSON document: code, message, file, line, column and hint. */
export function toErrorJson(error: unknown): Record<string, unknown> {
  const isKnown = error instanceof PipelineError;
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: isKnown ? error.code : 'INTERNAL',
    message: isKnown ? message.replace(` [${error.code}]`, '') : message,
    file: isKnown ? (error.location?.file ?? null) : null,
    line: isKnown ? (error.location?.line ?? null) : null,
    column: isKnown ? (error.location?.column ?? null) : null,
    hint: isKnown ? (error.hint ?? null) : null,
  };
}

/**
 * Prints a failure and returns its exit code: a PipelineError as one located line with its hint (exit 1 or 2),
 * anything else as an internal error (exit 3) with the stack only under `--debug`.
 */
export function printFailure(error: unknown, options: FailureOptions): number {
  const { red, dim } = paint(options.useColour);
  const isKnown = error instanceof PipelineError;
  const exitCode = isKnown ? error.exitCode : EXIT.internal;
  const message = error instanceof Error ? error.message : String(error);
  if (options.isJson) {
    const issues = isKnown && 'issues' in error ? (error as { issues: IssueLike[] }).issues : [];
    options.out(
      toJson({
        ok: false,
        command: options.command,
        error: toErrorJson(error),
        issues,
      }),
    );
  }
  if (isKnown) {
    // a location without a file (a query's DuckDB line) is already in the message
    const where = error.location?.file !== undefined && !message.includes(error.location.file) ? formatLocation(error.location) : '';
    const code = message.includes(`[${error.code}]`) ? '' : ` [${error.code}]`;
    process.stderr.write(`${red('error')}: ${where ? `${where}: ` : ''}${message}${code}\n`);
    if (error.hint) process.stderr.write(`${dim('hint')}: ${error.hint}\n`);
  } else {
    process.stderr.write(`${red('internal error')}: ${message.split('\n')[0]}\n`);
    if (!options.isDebug) process.stderr.write('run again with --debug to see the stack trace\n');
  }
  if (options.isDebug) {
    let cause: unknown = error;
    while (cause instanceof Error) {
      process.stderr.write(`${cause.stack ?? cause.message}\n`);
      cause = cause.cause;
      if (cause !== undefined) process.stderr.write('caused by: ');
    }
  }
  return exitCode;
}
