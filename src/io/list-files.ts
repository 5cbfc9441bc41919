import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ConfigError } from '../errors.js';

const DATA_FILE = /\.(csv|tsv|txt)$/i;

/**
 * Returns the files named on the command line, with each folder replaced by the data files in it (`.csv`, `.tsv`,
 * `.txt`, sorted by name; names starting with `_` or `.` — manifests, hidden files — are left out).
 *
 * @throws ConfigError `SOURCE_MISSING` for a path that does not exist (exit 2).
 */
export async function listFiles(paths: readonly string[], cwd: string): Promise<string[]> {
  const out: string[] = [];
  for (const given of paths) {
    const path = resolve(cwd, given);
    let info;
    try {
      info = await stat(path);
    } catch {
      throw new ConfigError('SOURCE_MISSING', `${given}: no such file or folder`, { location: { file: given }, hint: 'check the path' });
    }
    if (info.isDirectory()) {
      const names = (await readdir(path)).filter((n) => DATA_FILE.test(n) && !/^[_.]/.test(n)).sort();
      out.push(...names.map((n) => join(path, n)));
    } else {
      out.push(path);
    }
  }
  return out;
}
