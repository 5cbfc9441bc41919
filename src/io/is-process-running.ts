/**
 * Returns whether a process with this id exists: signalling one of another user's is refused (EPERM), not unknown.
 * Used to tell a temporary file or folder a killed process left (removed) from one a running process is writing.
 *
 * @example isProcessRunning(process.pid) // true
 */
export function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
