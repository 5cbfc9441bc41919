/**
 * Errors and the message catalogue.
 *
 * One base class, {@link PipelineError}, carries a stable string `code`, an exit code, an optional location and a
 * hint. Subclasses exist only where a caller branches on the type. Every message has the shape
 * `file:line column NAME: expected …, found "…" [CODE]` so that a focal point can go straight to the cell.
 */

/** Where in a file something went wrong; `line` is the physical line (header = 1). */
export interface Location {
  file?: string | undefined;
  line?: number | undefined;
  column?: string | number | undefined;
}

/** Exit codes, as documented in the README. */
export const EXIT = { ok: 0, data: 1, usage: 2, internal: 3 } as const;

export interface PipelineErrorOptions {
  location?: Location | undefined;
  hint?: string | undefined;
  cause?: unknown;
}

/** The base class of every error the CLI reports without a stack trace. */
export class PipelineError extends Error {
  readonly code: string;
  readonly exitCode: number = EXIT.data;
  readonly location: Location | undefined;
  readonly hint: string | undefined;

  constructor(code: string, message: string, options: PipelineErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.location = options.location;
    this.hint = options.hint;
  }
}

/** A usage or configuration problem: exit 2. */
export class ConfigError extends PipelineError {
  override readonly exitCode: number = EXIT.usage;
}

/** Input data that cannot be accepted: exit 1, with the collected issues. */
export class DataError extends PipelineError {
  readonly issues: readonly IssueLike[];
  constructor(code: string, message: string, issues: readonly IssueLike[] = [], options: PipelineErrorOptions = {}) {
    super(code, message, options);
    this.issues = issues;
  }
}

/** A pipeline model (`pipeline/**.sql`) failed: exit 1, names the file. */
export class ModelError extends PipelineError {
  readonly modelFile: string;
  constructor(modelFile: string, message: string, options: PipelineErrorOptions = {}) {
    super('MODEL_FAILED', message, { ...options, location: { file: modelFile } });
    this.modelFile = modelFile;
  }
}

/** The warehouse file is held by another process: exit 1. */
export class LockError extends PipelineError {}

/** The minimal shape of an issue that errors carry (the full type lives in `schema/issue.ts`). */
export interface IssueLike {
  code: string;
  severity: 'error' | 'warning';
  file?: string | undefined;
  line?: number | null | undefined;
  column?: string | null | undefined;
  value?: string | null | undefined;
  message: string;
  hint?: string | null | undefined;
}

/**
 * Returns `file:line column NAME` (the parts that are known), the prefix of every located message.
 *
 * @example formatLocation({ file: 'returns/ROU_2025.csv', line: 17, column: 'OBS_VALUE' })
 *   // 'returns/ROU_2025.csv:17 column OBS_VALUE'
 */
export function formatLocation(location: Location): string {
  let out = location.file ?? '';
  if (location.line !== undefined && location.line !== null) out += `${out ? ':' : 'line '}${location.line}`;
  if (location.column) out += `${out ? ' ' : ''}column ${location.column}`;
  return out;
}

/**
 * Returns the one-line message for an issue: location, message, `[CODE]`.
 *
 * @example formatIssue({ code: 'VALUE_NOT_INTEGER', severity: 'error', file: 'ROU.csv', line: 17,
 *   column: 'OBS_VALUE', message: 'expected a non-negative integer, found "12,5"' })
 *   // 'ROU.csv:17 column OBS_VALUE: expected a non-negative integer, found "12,5" [VALUE_NOT_INTEGER]'
 */
export function formatIssue(issue: IssueLike): string {
  const where = formatLocation({
    file: issue.file ?? undefined,
    line: issue.line ?? undefined,
    column: issue.column ?? undefined,
  });
  return `${where ? `${where}: ` : ''}${issue.message} [${issue.code}]`;
}

/**
 * Code points a message shows escaped (`\u200b`): control characters, and the invisible ones (zero-width spaces and
 * joiners, direction marks, word joiner, byte-order mark), so that "SRB" and "SRB\u200b" differ. quoteValue and the
 * SQL rules' ct_visible (see createSession) both show these.
 */
export const ESCAPED_CODE_POINTS: ReadonlyArray<readonly [first: number, last: number]> = [[0x0, 0x1f], [0x7f, 0x9f], [0x200b, 0x200f], [0x2060, 0x2060], [0xfeff, 0xfeff]];
const ESCAPED = new RegExp(`[${ESCAPED_CODE_POINTS.map((range) => range.map((c) => `\\u${c.toString(16).padStart(4, '0')}`).join('-')).join('')}]`, 'g');

/** Returns a printable rendering of a cell value for messages: quoted, control and invisible characters made visible, cut at 60. */
export function quoteValue(value: string | null | undefined): string {
  if (value === null || value === undefined) return 'nothing';
  const visible = value.replace(ESCAPED, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  const cut = visible.length > 60 ? `${visible.slice(0, 57)}…` : visible;
  return `"${cut}"`;
}

/** Wraps anything thrown by a third party into a PipelineError, keeping it as `cause`. */
export function wrapError(code: string, error: unknown, location?: Location): PipelineError {
  if (error instanceof PipelineError) return error;
  const message = error instanceof Error ? error.message.split('\n')[0] ?? String(error) : String(error);
  return new PipelineError(code, message, { cause: error, location });
}
