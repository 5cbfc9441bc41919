import { spawn, type ChildProcess } from 'node:child_process';
import { PROJECT_ROOT } from '../../src/context.js';
import { BIN } from './cli.js';

/** Starts the real CLI (see runCli) in a child process and returns it (for tests that kill or race it). */
export function spawnCli(args: string[], options: { env?: Record<string, string> } = {}): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NO_COLOR: '1', TZ: 'UTC', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Resolves when the child exits, with its exit code and signal. */
export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  // a child that has already exited emits no more 'exit': answer from its recorded status
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
}
