import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Returns nothing once the folder `path` exists, creating it and every missing parent as `mkdir -p` does, one
 * folder at a time. Node's own `mkdirSync(path, { recursive: true })` never returns for a path under a folder that
 * refuses new entries with ENOENT (`/proc/x/y`): it took 100 % of a core until killed (`query --out /proc/x/y.csv`,
 * `ingest --warehouse /proc/self/x/w.duckdb`). Here each folder is made once and the first refusal is thrown.
 *
 * @throws the file-system error (`ENOENT`, `ENOTDIR`, `EACCES`, `EROFS`, `EEXIST` for a file in the way) of the
 *   first folder that cannot be made
 * @example makeFolders('/tmp/a/b/c') // creates /tmp/a, /tmp/a/b and /tmp/a/b/c as needed
 */
export function makeFolders(path: string): void {
  const missing: string[] = [];
  for (let current = resolve(path); !exists(current); current = dirname(current)) {
    missing.push(current);
    if (dirname(current) === current) break;
  }
  for (const folder of missing.reverse()) {
    try {
      mkdirSync(folder);
    } catch (error) {
      // made meanwhile by another process: as good as made here
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && statSync(folder).isDirectory()) continue;
      throw error;
    }
  }
}

/** Returns whether `path` exists; an error other than "no such file" (ENOTDIR: a file on the way) is thrown. */
function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
