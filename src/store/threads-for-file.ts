import { statSync } from 'node:fs';
import type { Store } from './open-store.js';

/**
 * Files up to this size are validated and loaded with one DuckDB thread. A small return's statements (a few hundred
 * rows) are all planning and no parallel work; a second thread only waits for tasks, and on the sample's 126 returns
 * costs about a fifth more CPU, more still on a busy machine. A large file, which DuckDB reads and checks in
 * parallel, keeps every thread.
 */
export const SINGLE_THREAD_MAX_BYTES = 1_000_000;

/** Sets DuckDB's thread count for each file offered in turn; `restore` puts back the store's own setting. */
export interface FileThreads {
  forFile(path: string): Promise<void>;
  restore(): Promise<void>;
}

/** Returns a {@link FileThreads} for `store` (see SINGLE_THREAD_MAX_BYTES). The results are the same either way. */
export async function threadsForFiles(store: Store): Promise<FileThreads> {
  const [row] = await store.all<{ threads: string }>(`select current_setting('threads')::varchar as threads`);
  const own = Number(row!.threads);
  let current = own;
  const set = async (threads: number): Promise<void> => {
    if (threads === current) return;
    await store.run(`set threads = ${threads}`);
    current = threads;
  };
  return {
    forFile: (path) => set(isSmallFile(path) ? 1 : own),
    restore: () => set(own),
  };
}

function isSmallFile(path: string): boolean {
  try {
    const stat = statSync(path);
    return stat.isFile() && stat.size <= SINGLE_THREAD_MAX_BYTES;
  } catch {
    return false;
  }
}
