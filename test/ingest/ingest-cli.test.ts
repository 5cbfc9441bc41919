import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { openStore, type Store } from '../../src/store/index.js';
import { runCli } from '../helpers/cli.js';
import { exited, spawnCli } from '../helpers/spawn-cli.js';
import { tempDir } from '../helpers/warehouse.js';

const SAMPLE = join(PROJECT_ROOT, 'data/sample/returns');

/** A folder holding the first `n` sample returns (and no receipt log: --received-at fixes the time). */
function returnsFolder(n: number): string {
  const dir = tempDir('returns-');
  for (const name of readdirSync(SAMPLE).filter((f) => f.endsWith('.csv') && !f.startsWith('_')).sort().slice(0, n)) copyFileSync(join(SAMPLE, name), join(dir, name));
  return dir;
}

/** A fingerprint of everything a warehouse holds that an ingest writes. */
async function contents(path: string): Promise<unknown> {
  const store: Store = await openStore(path, { isReadOnly: true });
  try {
    return {
      submissions: await store.all('select submission_id, sha256, outcome, rows_total, rows_accepted, errors, warnings, received_at from submission order by submission_id'),
      observations: await store.all('select submission_id, count(*)::integer as n, sum(obs_value::decimal(38, 6))::varchar as total from observation group by 1 order by 1'),
      issues: await store.all('select submission_id, count(*)::integer as n from validation_issue group by 1 order by 1'),
      current: await store.all('select count(*)::integer as n, sum(obs_value::decimal(38, 6))::varchar as total from observation_current'),
    };
  } finally {
    store.close();
  }
}

/** Every submission is either entirely in (its rows and issues all there) or absent. */
async function checkWhole(path: string): Promise<number> {
  const store = await openStore(path, { isReadOnly: true });
  try {
    const broken = await store.all(`
      select s.submission_id from submission as s
      where (select count(*) from observation as o where o.submission_id = s.submission_id) <> s.rows_accepted
         or (select count(*) from validation_issue as i where i.submission_id = s.submission_id) <> s.errors + s.warnings`);
    expect(broken).toEqual([]);
    const orphans = await store.all('select count(*)::integer as n from observation where submission_id not in (select submission_id from submission)');
    expect(orphans).toEqual([{ n: 0 }]);
    return (await store.all<{ n: number }>('select count(*)::integer as n from submission'))[0]!.n;
  } finally {
    store.close();
  }
}

describe('ingest through the CLI', () => {
  it('a process killed at moments spread over a whole run leaves whole submissions only, and a rerun converges', async () => {
    const returns = returnsFolder(12);
    const args = (warehouse: string) => ['ingest', returns, '--warehouse', warehouse, '--received-at', '2026-01-20T10:00:00Z'];
    const reference = join(tempDir(), 'reference.duckdb');
    const started = performance.now();
    expect((await runCli(args(reference))).code).toBe(0);
    const whole = performance.now() - started; // the kills fall within a whole run on this machine, however fast

    const warehouse = join(tempDir(), 'killed.duckdb');
    // kills at 20 %, 30 % … 90 % of a run; a run that ends before its kill (the machine got faster, or the files
    // already in leave less to do) sets the span of the next, so that four kills land midway however the load moves
    let span = whole;
    let killedMidway = 0;
    for (let attempt = 0; killedMidway < 4 && attempt < 16; attempt++) {
      const child = spawnCli(args(warehouse));
      const spawned = performance.now();
      const timer = setTimeout(() => child.kill('SIGKILL'), Math.round((0.2 + 0.1 * (attempt % 8)) * span));
      const { signal } = await exited(child);
      clearTimeout(timer);
      if (signal === 'SIGKILL') killedMidway++;
      else span = performance.now() - spawned;
      await checkWhole(warehouse).catch((error: unknown) => {
        // a kill before the warehouse file exists is fine; anything else is not
        if (!/does not exist|No such file/i.test(String(error))) throw error;
      });
    }
    expect(killedMidway).toBe(4);
    expect((await runCli(args(warehouse))).code).toBe(0);
    expect(await checkWhole(warehouse)).toBe(12);
    expect(await contents(warehouse)).toEqual(await contents(reference));
  }, 240_000);

  it('a second writer gets one clear line naming the holder, exit 1, and nothing is damaged', async () => {
    const dir = tempDir();
    const warehouse = join(dir, 'w.duckdb');
    expect((await runCli(['ingest', returnsFolder(1), '--warehouse', warehouse, '--received-at', '2026-01-20'])).code).toBe(0);
    const before = await contents(warehouse);
    // the holder: a process with the warehouse open for writing
    const holder = spawn(process.execPath, ['--import', join(PROJECT_ROOT, 'node_modules/tsx/dist/loader.mjs'), '-e',
      `const { openStore } = await import(${JSON.stringify(join(PROJECT_ROOT, 'src/store/index.ts'))});
       const s = await openStore(${JSON.stringify(warehouse)}); process.stdout.write('ready\\n'); setTimeout(() => s.close(), 60000);`], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => holder.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve()));
    try {
      const second = await runCli(['ingest', returnsFolder(2), '--warehouse', warehouse]);
      expect(second.code).toBe(1);
      const lines = second.stderr.trim().split('\n');
      expect(lines[0]).toMatch(new RegExp(`^error: warehouse .*w\\.duckdb is in use by process ${holder.pid} \\(.*\\); wait for it to finish or stop it, then run again \\[WAREHOUSE_LOCKED\\]$`));
      expect(second.stderr).not.toMatch(/\n\s+at /);
    } finally {
      holder.kill('SIGKILL');
      await exited(holder);
    }
    expect(await contents(warehouse)).toEqual(before);
  }, 60_000);

  it('status lists missing states first, late and rejected returns, and the history', async () => {
    const dir = tempDir();
    const warehouse = join(dir, 'w.duckdb');
    const returns = tempDir('returns-');
    for (const name of ['ROU_2025.csv', 'GEO_2025.csv', 'GEO_2025_v2.csv', 'ALB_2025.csv']) copyFileSync(join(SAMPLE, name), join(returns, name));
    mkdirSync(join(returns, 'late'));
    copyFileSync(join(PROJECT_ROOT, 'test/fixtures/validate-duplicate-conflict/ROU_2025.csv'), join(returns, 'late', 'BGR_2025.csv'));
    expect((await runCli(['ingest', returns, '--warehouse', warehouse, '--received-at', '2026-01-20T09:00:00Z'])).code).toBe(0);
    // a rejected return from Armenia (a negative value), after the deadline
    const rejected = join(tempDir(), 'ARM_2025.csv');
    writeFileSync(rejected, readFileSync(join(PROJECT_ROOT, 'test/fixtures/validate-value-negative/ROU_2025.csv'), 'utf8').replaceAll('ROU,', 'ARM,'));
    const arm = await runCli(['ingest', rejected, '--warehouse', warehouse, '--state', 'ARM', '--received-at', '2026-02-10']);
    expect(arm.code).toBe(1);

    const result = await runCli(['status', '--year', '2025', '--warehouse', warehouse, '--json', '--history']);
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout);
    expect(document).toMatchObject({ ok: true, year: 2025, group: 'BSEC', deadline: '2026-01-31', members: 13, returned: 4 });
    const order = document.states.map((s: { ref_area: string; status: string }) => `${s.ref_area}:${s.status}`);
    expect(order.slice(0, 9)).toEqual(['AZE:missing', 'BGR:missing', 'GRC:missing', 'MDA:missing', 'MKD:missing', 'RUS:missing', 'SRB:missing', 'TUR:missing', 'UKR:missing']);
    expect(order.slice(9)).toEqual(['ARM:rejected', 'ALB:accepted', 'GEO:accepted', 'ROU:accepted']);
    const arm2025 = document.states.find((s: { ref_area: string }) => s.ref_area === 'ARM');
    // nothing of it is in force: neither on time nor late (was: late), as data_quality says; when it came stays in days_late
    expect(arm2025).toMatchObject({ is_on_time: null, days_late: 10, errors: 1, versions: 1 }); // 1 negative value
    const geo = document.states.find((s: { ref_area: string }) => s.ref_area === 'GEO');
    expect(geo.history.map((h: { outcome: string }) => h.outcome)).toEqual(['superseded', 'accepted']);

    const human = await runCli(['status', '--year', '2025', '--warehouse', warehouse]);
    expect(human.stdout).toMatch(/4 returned \(3 accepted, 1 rejected only\), 9 missing, 0 late/);
    expect(human.stdout).toMatch(/ARM\s+Armenia\s+rejected\s+2026-02-10\s+sent late \(10 d\)/);
  }, 120_000);
});
