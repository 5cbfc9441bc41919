import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { closest, distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import { ConfigError } from '../errors.js';
import { Config, ConfigInput, DEFAULT_CONFIG } from '../schema/config.js';

/**
 * Returns the normalized configuration: defaults, overlaid by the file at `path` when it exists (or when it was
 * asked for explicitly, in which case a missing file is an error).
 *
 * @throws ConfigError `CONFIG_INVALID` naming the file and the key.
 */
export async function readConfig(path: string, isExplicit = false): Promise<Config> {
  if (!existsSync(path)) {
    if (isExplicit) throw new ConfigError('CONFIG_MISSING', `config file ${path} does not exist`, { location: { file: path } });
    return DEFAULT_CONFIG;
  }
  // a BOM (Notepad's "UTF-8") is not JSON's business: it is dropped
  const text = (await readConfigText(path)).replace(/^\uFEFF/, '');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const { line, column, problem } = locateJsonError(text, (error as Error).message);
    throw new ConfigError('CONFIG_INVALID', `${path}:${line}: ${problem} at column ${column}`, {
      location: { file: path, line },
      hint: 'keys and strings in double quotes, no comma after the last key, no comments; see the README section "Configuration"',
      cause: error,
    });
  }
  const result = ConfigInput.safeParse(raw);
  if (!result.success) {
    const problem = result.error.issues[0]!;
    const { key, message } = describeProblem(problem, raw);
    throw new ConfigError('CONFIG_INVALID', `${path} key ${key}: ${message} [CONFIG_INVALID]`, {
      location: { file: path, column: key },
      hint: 'see the README section "Configuration" for every key and its default',
    });
  }
  // a group is a code as --group is: "bsec" is BSEC
  const group = result.data.group?.toUpperCase();
  return Config.parse({ ...DEFAULT_CONFIG, ...result.data, ...(group === undefined ? {} : { group }), changeWarning: { ...DEFAULT_CONFIG.changeWarning, ...result.data.changeWarning } });
}

/** Returns the file's text; a folder or a file the user may not read is CONFIG_INVALID, not an internal error (EISDIR). */
async function readConfigText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EISDIR' ? 'is a folder, not a config file' : code === 'EACCES' || code === 'EPERM' ? 'cannot be read: permission denied' : undefined;
    if (why === undefined) throw error;
    throw new ConfigError('CONFIG_INVALID', `config file ${path} ${why}`, {
      location: { file: path },
      hint: code === 'EISDIR' ? 'pass --config the JSON file itself (data/crimetrends.config.json by default)' : 'check the file\'s owner and permissions (ls -l)',
      cause: error,
    });
  }
}

/** Returns where JSON.parse stopped (line and column, from 1) and why, without its "in JSON at position N". */
function locateJsonError(text: string, message: string): { line: number; column: number; problem: string } {
  const position = /at position (\d+)/.exec(message);
  const at = position === null ? text.length : Number(position[1]);
  const before = text.slice(0, at).split(/\r\n|\r|\n/);
  const reason = message.replace(/\s*(in JSON )?at position \d+.*$/, '').replace(/^Unexpected end of JSON input$/, 'the end of the file before the JSON closes');
  // the parser's "Expected double-quoted property name" says what it expected: the character it met is what it found
  // (a comma after the last key meets the "}"), where the message read "expected JSON, found expected double-quoted …"
  const expected = /^Expected (.+)$/.exec(reason);
  const met = text[at];
  const found = met === undefined ? 'the end of the file' : met === '\n' || met === '\r' ? 'the end of the line' : `'${met}'`;
  const problem = expected === null ? `expected JSON, found ${reason.charAt(0).toLowerCase()}${reason.slice(1)}` : `expected ${expected[1]}, found ${found}`;
  return { line: before.length, column: before.at(-1)!.length + 1, problem };
}

/** How a message names the types zod names otherwise (zod's `int`: `.int()` of a number with a fraction). */
const TYPE_NAMES: Record<string, string> = { int: 'a whole number', array: 'an array', object: 'an object' };

/** Returns the key a config problem is about (dotted: changeWarning.percent) and a message naming the value found. */
function describeProblem(problem: z.core.$ZodIssue, raw: unknown): { key: string; message: string } {
  const path = problem.path.map(String);
  if (problem.code === 'unrecognized_keys') {
    const known = path.length === 0 ? Object.keys(ConfigInput.shape) : ['percent', 'units'];
    const unknown = problem.keys[0]!;
    const guess = closest(unknown, known);
    const isNear = guess !== undefined && (guess.toLowerCase() === unknown.toLowerCase() || distance(guess.toLowerCase(), unknown.toLowerCase()) <= 2);
    return {
      key: [...path, unknown].join('.'),
      message: `expected one of the keys ${known.join(', ')}, found an unknown key${isNear ? `; did you mean ${[...path, guess].join('.')}?` : ''}`,
    };
  }
  const value = path.reduce<unknown>((node, part) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), raw);
  const found = value === undefined ? 'nothing' : Array.isArray(value) ? `an array ${JSON.stringify(value).slice(0, 60)}` : JSON.stringify(value).slice(0, 60);
  if (path.length === 0) return { key: '(the whole file)', message: `expected an object of settings like {"deadline": "01-31"}, found ${found}` };
  const expected = problem.code === 'invalid_type' ? TYPE_NAMES[problem.expected] ?? `a ${problem.expected}` : problem.code === 'invalid_value' ? `one of ${problem.values.map((v) => JSON.stringify(v)).join(', ')}` : null;
  const message = expected !== null ? `expected ${expected}, found ${found}` : `${problem.message}, found ${found}`;
  return { key: path.join('.'), message };
}
