/**
 * Benchmark: `crimetrends validate` on a generated 1,000,000-row return, next to DuckDB's plain read_csv of the same
 * file into a table (the floor), the least check job (floor-check-job.mjs: that read, then counts only, for codes,
 * repeated series and breakdown sums; no lines, no messages, no other rule) and the pandas peer, in the same run, as
 * whole processes, alternating, medians of `--runs` (default 3). Then the bundled sample's 126 small returns in one
 * process, next to the same floor per file (read_csv of each into a table): what a small file pays for the rules'
 * planning. Not part of npm test.
 *
 *     npx tsx test/bench/validate.ts [--rows 1000000] [--runs 3]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/context.js';
import { BENCH_DIR, benchReturn, buildCli, measure, median, numericOption as option, peerCommand, row, type Measure } from './measure.js';

const rows = option('rows', 1_000_000);
const runs = option('runs', 3);

buildCli();
const { path, codes } = await benchReturn(rows);
const peer = peerCommand();
const bin = join(PROJECT_ROOT, 'bin/crimetrends.js');
const samples: Record<'floor' | 'least' | 'validate' | 'peer', Measure[]> = { floor: [], least: [], validate: [], peer: [] };
for (let run = 0; run < runs; run++) {
  samples.floor.push(measure(process.execPath, [join(PROJECT_ROOT, 'test/bench/floor-read-csv.mjs'), path]));
  samples.least.push(measure(process.execPath, [join(PROJECT_ROOT, 'test/bench/floor-check-job.mjs'), path], { PEER_INDICATORS: codes }));
  samples.validate.push(measure(process.execPath, [bin, 'validate', '--json', path]));
  if (peer) samples.peer.push(measure(peer[0]!, [peer[1]!, path], { PEER_INDICATORS: codes }));
}
const summary = (list: Measure[]) => ({ seconds: median(list.map((m) => m.seconds)), peakMb: Math.max(...list.map((m) => m.peakMb)) });
const floor = summary(samples.floor);
const ours = summary(samples.validate);
const document = JSON.parse(samples.validate[0]!.stdout) as { files: Array<{ rows: number; errors: number; warnings: number; accepted: number }> };
const file = document.files[0]!;
process.stdout.write(`validate benchmark: ${rows.toLocaleString('en-GB')} rows (${(readFileSync(path).length / 1e6).toFixed(0)} MB), ${runs} runs each, medians, whole processes\n`);
process.stdout.write(`${row('DuckDB read_csv into a table (floor)', floor, floor.seconds)}\n`);
process.stdout.write(`${row('least check job (counts only)', summary(samples.least), floor.seconds)}\n`);
process.stdout.write(`${row('crimetrends validate', ours, floor.seconds)}\n`);
if (peer) {
  const theirs = summary(samples.peer);
  process.stdout.write(`${row('pandas peer (job_pandas.py)', theirs, floor.seconds)}\n`);
  const invalid = /invalid (\d+)/.exec(samples.peer[0]!.stdout)?.[1];
  process.stdout.write(`peer found ${invalid} invalid rows; validate found ${file.errors} errors and ${file.warnings} warnings, accepted ${file.accepted} of ${file.rows}\n`);
  process.stdout.write(`validate is ${(theirs.seconds / ours.seconds).toFixed(2)}× as fast as the peer\n`);
} else {
  process.stdout.write('pandas peer skipped: apt-get install -y python3-pandas to include it\n');
}
process.stdout.write(`target: validate within 1.5× the floor (${(1.5 * floor.seconds).toFixed(2)} s) and under 400 MB: ${ours.seconds <= 1.5 * floor.seconds ? 'met' : 'NOT met'} / ${ours.peakMb < 400 ? 'met' : 'NOT met'}\n`);

const sampleDir = join(PROJECT_ROOT, 'data/sample/returns');
const sampleFiles = readdirSync(sampleDir).filter((name) => name.endsWith('.csv') && !name.startsWith('_')).sort().map((name) => join(sampleDir, name));
const small: Record<'floor' | 'validate', Measure[]> = { floor: [], validate: [] };
for (let run = 0; run < runs; run++) {
  small.floor.push(measure(process.execPath, [join(PROJECT_ROOT, 'test/bench/floor-read-csvs.mjs'), ...sampleFiles]));
  small.validate.push(measure(process.execPath, [bin, 'validate', '--json', sampleDir]));
}
const smallFloor = summary(small.floor);
const smallOurs = summary(small.validate);
const perFile = (seconds: number): string => `${((1000 * seconds) / sampleFiles.length).toFixed(0)} ms per file`;
process.stdout.write(`the sample's ${sampleFiles.length} small returns, one process: floor ${smallFloor.seconds.toFixed(2)} s (${perFile(smallFloor.seconds)}), `
  + `validate ${smallOurs.seconds.toFixed(2)} s (${perFile(smallOurs.seconds)}), ${(smallOurs.seconds / smallFloor.seconds).toFixed(1)}× the floor\n`);
process.stdout.write(`scratch files in ${BENCH_DIR}\n`);
