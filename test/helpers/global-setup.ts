import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Vitest global setup: every temporary file of a test run (the tests' own folders, the CLI processes they start, the
 * browser's profile) goes under one folder, removed when the run ends, so that runs leave nothing in the system's.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'crimetrends-tests-'));
  process.env.TMPDIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
