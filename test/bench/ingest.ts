/**
 * Benchmark: `crimetrends ingest` of a generated, clean (so accepted and loaded) 1,000,000-row return into a fresh warehouse, next to DuckDB's plain
 * read_csv of the same file into a table in a fresh database file (the floor) and the pandas peer, as whole
 * processes, alternating, medians of `--runs`; then 10,000,000 rows once each (`--big 0` skips them), to show how
 * the time grows. Not part of npm test.
 *
 *     npx tsx test/bench/ingest.ts [--runs 3] [--big 10000000]
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/context.js';
import { BENCH_DIR, benchReturn, buildCli, measure, median, numericOption as option, peerCommand, row, type Measure } from './measure.js';

const runs = option('runs', 3);
const big = option('big', 10_000_000);
const bin = join(PROJECT_ROOT, 'bin/crimetrends.js');
const floorScript = join(PROJECT_ROOT, 'test/bench/floor-read-csv.mjs');

/** Removes a DuckDB file and its WAL. */
const fresh = (path: string): string => {
  rmSync(path, { force: true });
  rmSync(`${path}.wal`, { force: true });
  return path;
};
const ingest = (file: string): Measure => {
  const result = measure(process.execPath, [bin, 'ingest', file, '--warehouse', fresh(join(BENCH_DIR, 'ingest.duckdb')), '--received-at', '2026-01-20', '--json']);
  rmSync(join(PROJECT_ROOT, 'data/archive'), { recursive: true, force: true }); // the archive copy is part of the work; keep the repo clean
  return result;
};
const floorRun = (file: string): Measure => measure(process.execPath, [floorScript, file, fresh(join(BENCH_DIR, 'floor.duckdb'))]);
const summary = (list: Measure[]) => ({ seconds: median(list.map((m) => m.seconds)), peakMb: Math.max(...list.map((m) => m.peakMb)) });

buildCli();
const small = await benchReturn(1_000_000, true);
const peer = peerCommand();
const samples: Record<'floor' | 'ingest' | 'peer', Measure[]> = { floor: [], ingest: [], peer: [] };
for (let run = 0; run < runs; run++) {
  samples.floor.push(floorRun(small.path));
  samples.ingest.push(ingest(small.path));
  if (peer) samples.peer.push(measure(peer[0]!, [peer[1]!, small.path], { PEER_INDICATORS: small.codes }));
}
const floor = summary(samples.floor);
const ours = summary(samples.ingest);
const outcome = JSON.parse(samples.ingest[0]!.stdout) as { files: Array<{ outcome: string; rows: number; accepted: number; errors: number }> };
process.stdout.write(`ingest benchmark: 1,000,000 rows, ${runs} runs each, medians, whole processes, fresh database each run\n`);
process.stdout.write(`${row('DuckDB read_csv into a table (floor)', floor, floor.seconds)}\n`);
process.stdout.write(`${row('crimetrends ingest', ours, floor.seconds)}\n`);
const { issues: _issues, ...first } = outcome.files[0] as Record<string, unknown>;
process.stdout.write(`  (a clean return, so every row is loaded: ${JSON.stringify(first)})\n`);
if (peer) {
  const theirs = summary(samples.peer);
  process.stdout.write(`${row('pandas peer (job_pandas.py)', theirs, floor.seconds)}\n`);
  process.stdout.write(`ingest is ${(theirs.seconds / ours.seconds).toFixed(2)}× as fast as the peer\n`);
}
process.stdout.write(`target: within 2.5× the floor (${(2.5 * floor.seconds).toFixed(2)} s), under 500 MB: ${ours.seconds <= 2.5 * floor.seconds ? 'met' : 'NOT met'} / ${ours.peakMb < 500 ? 'met' : 'NOT met'}\n`);

if (big > 0) {
  const large = await benchReturn(big, true);
  const bigFloor = floorRun(large.path);
  const bigOurs = ingest(large.path);
  process.stdout.write(`\n${big.toLocaleString('en-GB')} rows, one run each\n`);
  process.stdout.write(`${row('DuckDB read_csv into a table (floor)', bigFloor, bigFloor.seconds)}\n`);
  process.stdout.write(`${row('crimetrends ingest', bigOurs, bigFloor.seconds)}\n`);
  const growth = bigOurs.seconds / ours.seconds;
  process.stdout.write(`growth ×${(big / 1_000_000).toFixed(0)} rows → ×${growth.toFixed(2)} time: ${growth <= big / 1_000_000 ? 'no worse than linear' : 'WORSE than linear'}\n`);
}
