import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/context.js';
import { generateReturn, loadBenchReference, writeIndicatorCodes, type GenerateReturnResult } from './generate-return.js';

/** Wall time (s) and peak resident memory (MB) of one whole process. */
export interface Measure {
  seconds: number;
  peakMb: number;
  code: number | null;
  stdout: string;
}

/** Runs a command as a whole process under GNU time and returns its wall time, peak RSS, exit code and stdout. */
export function measure(command: string, args: string[], env: Record<string, string> = {}): Measure {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', command, ...args], {
    cwd: PROJECT_ROOT, env: { ...process.env, NO_COLOR: '1', TZ: 'UTC', ...env }, encoding: 'utf8', maxBuffer: 1 << 30,
  });
  const last = result.stderr.trim().split('\n').at(-1) ?? '';
  const [seconds, kb] = last.split(' ').map(Number);
  if (seconds === undefined || Number.isNaN(seconds)) throw new Error(`could not time ${command}: ${result.stderr.slice(-500)}`);
  return { seconds, peakMb: Math.round((kb ?? 0) / 1024), code: result.status, stdout: result.stdout };
}

/** Returns the median of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The benchmark's scratch folder (outside the project). */
export const BENCH_DIR = join(tmpdir(), 'crimetrends-bench');

/** Returns a generated return of `rows` lines (generated once and kept in the scratch folder) and the peer's code list. */
export async function benchReturn(rows: number, isClean = false): Promise<{ path: string; codes: string; planted: GenerateReturnResult | undefined }> {
  mkdirSync(BENCH_DIR, { recursive: true });
  const path = join(BENCH_DIR, `return_${rows}${isClean ? '_clean' : ''}.csv`);
  const codes = join(BENCH_DIR, 'codes.txt');
  const reference = await loadBenchReference();
  writeIndicatorCodes(codes, reference);
  let planted: GenerateReturnResult | undefined;
  if (!existsSync(path) || statSync(path).size === 0) planted = await generateReturn(path, reference, { rows, isClean });
  return { path, codes, planted };
}

/** Builds dist/cli/ so the CLI runs bundled (as after `npm ci`), not through the TypeScript loader. */
export function buildCli(): void {
  const result = spawnSync('npm', ['run', 'build'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stdout}${result.stderr}`);
}

/** The pandas peer, when Debian's python3-pandas is installed (`apt-get install -y python3-pandas`). */
export function peerCommand(): string[] | undefined {
  const peer = join(PROJECT_ROOT, '../shared/peers/pandas-return-check/job_pandas.py');
  const probe = spawnSync('/usr/bin/python3', ['-c', 'import pandas'], { encoding: 'utf8' });
  return probe.status === 0 && existsSync(peer) ? ['/usr/bin/python3', peer] : undefined;
}

/** Formats a row of the printed results table. */
export function row(label: string, m: { seconds: number; peakMb: number }, floor: number): string {
  return `${label.padEnd(34)} ${m.seconds.toFixed(2).padStart(7)} s  ${String(m.peakMb).padStart(5)} MB  ${(m.seconds / floor).toFixed(2).padStart(5)}× floor`;
}

/** Returns the number given on the command line as `--name N`, or `fallback`. */
export function numericOption(name: string, fallback: number): number {
  const args = process.argv.slice(2);
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
}
