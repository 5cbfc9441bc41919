import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Vitest global setup: the tests' temporary folders (see tempDir in warehouse.ts) go under one folder, removed when
 * the run ends, so that runs leave nothing in the system's. (TMPDIR itself is left alone: tsx keeps its transform
 * cache there, and the CLI processes the tests start would otherwise compile the sources afresh every time.)
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'crimetrends-tests-'));
  process.env.CRIMETRENDS_TEST_TMP = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
