/** The exit code a shell expects of a command stopped by Ctrl-C: 128 + SIGINT (2). */
export const EXIT_INTERRUPTED = 130;

/**
 * Returns a function that removes the handler installed here: on Ctrl-C (SIGINT), `cleanUp` (an output's temporary
 * file removed), one line on stderr saying what the interrupted command kept (`interrupted: …`, from `describeKept`,
 * asked at that moment), then exit 130.
 *
 * Stopping at once is safe for the warehouse: every file and every build is one DuckDB transaction, so a transaction
 * not yet committed is simply absent when the file is next opened (as after a SIGKILL, which the ingest tests
 * exercise), and the archive's partial copy has a temporary name the next ingest removes. Before, Node's default
 * ended the process with no word of what had been kept.
 *
 * @example const release = onInterrupt(() => `${done} files recorded`); try { … } finally { release(); }
 */
export function onInterrupt(describeKept: () => string, cleanUp?: () => void): () => void {
  const handler = (): void => {
    cleanUp?.();
    // on a terminal, below a progress line or the ^C the terminal echoed
    process.stderr.write(`${process.stderr.isTTY ? '\n' : ''}interrupted: ${describeKept()}\n`);
    process.exit(EXIT_INTERRUPTED);
  };
  process.once('SIGINT', handler);
  return () => {
    process.removeListener('SIGINT', handler);
  };
}
