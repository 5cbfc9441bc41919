/** A one-line progress display on stderr, for long work on a terminal; silent otherwise. */
export interface Progress {
  update(done: number, label: string): void;
  done(): void;
}

/** Returns a progress line for `total` steps, or a silent one when `isActive` is false (not a TTY, short work). */
export function createProgress(total: number, isActive: boolean, write: (text: string) => void = (t) => process.stderr.write(t)): Progress {
  if (!isActive) return { update: () => undefined, done: () => undefined };
  const width = 24;
  return {
    update(done, label) {
      const filled = Math.round((width * done) / Math.max(total, 1));
      write(`\r\u001b[2K[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total} ${label.slice(0, 60)}`);
    },
    done() {
      write('\r\u001b[2K');
    },
  };
}
