import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where warnings and progress go: stderr in the CLI, an array in tests. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
}

/**
 * The side effects every phase may use, injected so that each phase is testable without a terminal or a real clock.
 */
export interface Context {
  logger: Logger;
  /** The current time (fixed in tests). */
  clock: () => Date;
  /** Project root: where `data/`, `pipeline/` and `reports/` are found. */
  root: string;
  /** Directory file names in messages are shown relative to. */
  cwd: string;
  /** Writes results to stdout. */
  out: (text: string) => void;
  /** True when stderr is a terminal (progress bars, colour). */
  isInteractive: boolean;
  useColour: boolean;
  toolVersion: string;
}

/** The project root: the nearest folder above this module holding package.json (works from `src/` and `dist/`). */
export const PROJECT_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'pipeline'))) {
    const parent = dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
  return dir;
}

/** Returns the tool version from package.json. */
export function readToolVersion(root: string = PROJECT_ROOT): string {
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Returns a context for tests and library use: silent unless `logger` is given, fixed clock when `now` is. */
export function createContext(overrides: Partial<Context> = {}): Context {
  return {
    logger: { info: () => undefined, warn: () => undefined, debug: () => undefined },
    clock: () => new Date(),
    root: PROJECT_ROOT,
    cwd: process.cwd(),
    out: (text) => process.stdout.write(text),
    isInteractive: false,
    useColour: false,
    toolVersion: readToolVersion(),
    ...overrides,
  };
}
