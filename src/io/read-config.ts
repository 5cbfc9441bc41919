import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
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
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new ConfigError('CONFIG_INVALID', `${path}: expected JSON, found ${(error as Error).message}`, { location: { file: path }, cause: error });
  }
  const result = ConfigInput.safeParse(raw);
  if (!result.success) {
    const problem = result.error.issues[0]!;
    const key = problem.path.join('.') || (problem.code === 'unrecognized_keys' ? problem.keys.join(', ') : '');
    throw new ConfigError('CONFIG_INVALID', `${path} key ${key}: ${problem.message} [CONFIG_INVALID]`, {
      location: { file: path, column: key },
      hint: 'see the README section "Configuration" for every key and its default',
    });
  }
  return Config.parse({ ...DEFAULT_CONFIG, ...result.data, changeWarning: { ...DEFAULT_CONFIG.changeWarning, ...result.data.changeWarning } });
}
