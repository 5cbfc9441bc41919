/**
 * Benchmark: a typical GROUP BY over 10,000,000 observations through `crimetrends query` as a whole process (start,
 * open the locked read-only warehouse, check the SQL, run it, print CSV, exit) next to the same query in DuckDB
 * in-process in the same run, on the same file.
 *
 *   npx tsx test/bench/query.ts [--rows 10000000] [--runs 3] [--keep] [--cli FILE] [--warehouse FILE]
 *
 * The warehouse is generated inside DuckDB (range(), no JS rows): 18 states × 20 years × the catalogue's indicators, each with
 * SEX × AGE × COUNTERPART_AREA rows up to --rows, one accepted return per state and year, plus a UNODC import of
 * every total (outranked by the returns), so that `observation_current` has competing values to rank. The CLI is
 * bin/crimetrends.js, which runs the bundled dist/cli/ when it is up to date and the sources through tsx otherwise (the
 * line printed says which); `--cli FILE` runs another entry point instead (a main.js compiled elsewhere). Each figure
 * is the median of --runs runs after one warm-up. `--keep` leaves the generated warehouse; `--warehouse` reuses one.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/context.js';
import { openStore, rebuildCurrent, type Store } from '../../src/store/index.js';
import { openTestWarehouse, tempDir } from '../helpers/warehouse.js';

const argument = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const targetRows = Number(argument('--rows') ?? 10_000_000);
const runs = Number(argument('--runs') ?? 3);
const isKept = process.argv.includes('--keep');
const cliEntry = argument('--cli') ?? join(PROJECT_ROOT, 'bin/crimetrends.js');

/** The analyst's question: per indicator and year, how many states reported and the regional total and spread. */
const QUERIES: Record<string, string> = {
  'GROUP BY on observation_current (the view of current values)': `
    select indicator, time_period, count(distinct ref_area) as states, count(*) as series,
      sum(obs_value) as total, avg(obs_value) as mean, max(obs_value) as largest
    from observation_current
    where conf_status = 'F'
    group by indicator, time_period
    order by indicator, time_period`,
  'GROUP BY on observation (the table)': `
    select ref_area, indicator, count(*) as rows, sum(obs_value) as total
    from observation
    group by ref_area, indicator
    order by ref_area, indicator`,
};

async function generate(store: Store, rows: number): Promise<void> {
  await store.run(`
    create temp table bench_state as select iso3, row_number() over (order by iso3) - 1 as i from (select iso3 from ref_state where is_member order by iso3 limit 18);
    create temp table bench_indicator as select code, row_number() over (order by code) - 1 as i from ref_indicator;
    insert into submission
      select 1 + s.i * 20 + y.i, 'RETURN', null, s.iso3, 2006 + y.i, s.iso3 || '_' || (2006 + y.i) || '.csv', 'sha-' || (s.i * 20 + y.i), 1000,
        timestamp '2007-01-15' + to_years(y.i::integer), 'accepted', null, 0, 0, 0, 0, 'bench', null, null
      from bench_state as s, range(20) as y (i);
    insert into submission values (100000, 'UNODC', 'IAFQ', null, null, 'unodc.csv', 'sha-unodc', 1000, timestamp '2026-01-01', 'accepted', null, 0, 0, 0, 0, 'bench', null, null);
    insert into observation (submission_id, line, ref_area, time_period, indicator, sex, age, counterpart_area, breakdown, obs_value, obs_status, conf_status, comment, source)
      select 1 + s.i * 20 + (r.i // 18) % 20, r.i + 2, s.iso3, 2006 + (r.i // 18) % 20, ind.code,
        ['_T', 'F', 'M'][1 + r.k % 3], ['_T', 'Y_LT18', 'Y_GE18'][1 + (r.k // 3) % 3],
        case when r.k // 9 = 0 then '_T' else 'C' || lpad(((r.k // 9) % 1000)::varchar, 3, '0') end, '_T',
        (hash(r.i) % 5000)::double, case when r.i % 50 = 0 then 'P' else 'A' end, case when r.i % 100 = 0 then 'C' else 'F' end, null, 'RETURN'
      from (select range as i, range // (360 * (select count(*) from bench_indicator)) as k from range(${rows})) as r
      inner join bench_state as s on s.i = r.i % 18
      inner join bench_indicator as ind on ind.i = (r.i // 360) % (select count(*) from bench_indicator);
    insert into observation (submission_id, line, ref_area, time_period, indicator, sex, age, counterpart_area, breakdown, obs_value, obs_status, conf_status, comment, source)
      select 100000, row_number() over () + 1, ref_area, time_period, indicator, sex, age, counterpart_area, breakdown, obs_value + 1, 'A', 'F', null, 'UNODC'
      from observation where sex = '_T' and age = '_T' and counterpart_area = '_T';
  `);
  await rebuildCurrent(store); // the rows bypassed ingest: rank the current values once
  await store.run('checkpoint');
  await describeWarehouse(store.path, store);
}

async function describeWarehouse(path: string, open?: Store): Promise<void> {
  const store = open ?? (await openStore(path, { isReadOnly: true }));
  const [count] = await store.all<{ n: number; returns: number; indicators: number }>(
    "select count(*)::bigint as n, count(*) filter (where source = 'RETURN')::bigint as returns, count(distinct indicator)::integer as indicators from observation",
  );
  process.stdout.write(
    `warehouse: ${count!.n.toLocaleString('en')} observations (${count!.returns.toLocaleString('en')} from returns, the rest a UNODC import of the totals; 18 states × 20 years × ${count!.indicators} indicators), ${(statSync(path).size / 1e6).toFixed(0)} MB\n`,
  );
  if (open === undefined) store.close();
}

function runCli(args: string[]): Promise<{ ms: number; bytes: number; code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [cliEntry, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let bytes = 0;
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (bytes += d.length));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: performance.now() - started, bytes, code, stderr }));
  });
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function usesCompiled(): boolean {
  const compiled = join(PROJECT_ROOT, 'dist/cli/main.js');
  if (!existsSync(compiled)) return false;
  const newest = (dir: string): number => {
    let latest = 0;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
    }
    return latest;
  };
  return statSync(compiled).mtimeMs >= newest(join(PROJECT_ROOT, 'src'));
}

async function main(): Promise<void> {
  const reused = argument('--warehouse');
  const dir = tempDir('bench-query-');
  const path = reused ?? join(dir, 'warehouse.duckdb');
  const started = performance.now();
  if (reused === undefined) {
    const writer = await openTestWarehouse(path);
    try {
      await generate(writer, targetRows);
    } finally {
      writer.close();
    }
  }
  if (reused !== undefined) await describeWarehouse(path);
  process.stdout.write(`${reused === undefined ? 'generated' : 'reused'} in ${((performance.now() - started) / 1000).toFixed(1)} s; CLI: ${argument('--cli') ?? (usesCompiled() ? 'bin/crimetrends.js → bundled dist/cli/' : 'bin/crimetrends.js → sources through tsx')}\n\n`);
  try {
    for (const [name, sql] of Object.entries(QUERIES)) {
      // CLI and in-process runs alternate, so that load from other processes falls on both alike.
      const cli: number[] = [];
      const inProcess: number[] = [];
      let bytes = 0;
      let rows = 0;
      const store = await openStore(path, { isReadOnly: true });
      try {
        for (let i = 0; i <= runs; i++) {
          const result = await runCli(['query', '--warehouse', path, '--format', 'csv', sql]);
          if (result.code !== 0) throw new Error(`crimetrends query failed: ${result.stderr}`);
          bytes = result.bytes;
          const t = performance.now();
          rows = (await store.table(sql)).rows.length;
          if (i > 0) {
            cli.push(result.ms);
            inProcess.push(performance.now() - t);
          }
        }
      } finally {
        store.close();
      }
      const a = median(cli);
      const b = median(inProcess);
      process.stdout.write(`${name}\n  result: ${rows.toLocaleString('en')} rows, ${(bytes / 1024).toFixed(0)} KiB of CSV\n`);
      process.stdout.write(`  crimetrends query (whole process): ${(a / 1000).toFixed(2)} s   [runs: ${cli.map((v) => (v / 1000).toFixed(2)).join(', ')}]\n`);
      process.stdout.write(`  DuckDB in-process (query only):    ${(b / 1000).toFixed(2)} s   [runs: ${inProcess.map((v) => (v / 1000).toFixed(2)).join(', ')}]\n`);
      process.stdout.write(`  ratio: ${(a / b).toFixed(2)}×, overhead ${((a - b) / 1000).toFixed(2)} s\n\n`);
    }
  } finally {
    if (isKept && reused === undefined) process.stdout.write(`kept ${path}\n`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

await main();
