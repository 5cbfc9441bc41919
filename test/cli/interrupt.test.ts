import type { ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { openWarehouse } from '../../src/store/index.js';
import { runCli } from '../helpers/cli.js';
import { exited, spawnCli } from '../helpers/spawn-cli.js';
import { tempDir } from '../helpers/warehouse.js';

const SAMPLE = join(PROJECT_ROOT, 'data/sample/returns');

/** Resolves once the child has written `pattern` to the stream, with everything written so far. */
function waitFor(child: ChildProcess, stream: 'stdout' | 'stderr', pattern: RegExp): Promise<void> {
  return new Promise((resolve) => {
    let text = '';
    child[stream]!.on('data', (d: Buffer) => {
      text += d.toString();
      if (pattern.test(text)) resolve();
    });
  });
}

/** Returns the child's stderr, collected from now on. */
function collect(child: ChildProcess): { text: string } {
  const out = { text: '' };
  child.stderr!.on('data', (d: Buffer) => (out.text += d.toString()));
  return out;
}

/** Starts `run` on three of the sample's returns into a new folder (a warehouse and a review there), collecting stderr. */
function startRun() {
  const dir = tempDir();
  const returns = join(dir, 'returns');
  mkdirSync(returns);
  for (const name of ['ALB_2024.csv', 'ALB_2025.csv', 'ARM_2025.csv']) copyFileSync(join(SAMPLE, name), join(returns, name));
  const child = spawnCli(['run', '--year', '2025', '--returns', returns, '--warehouse', join(dir, 'w.duckdb'), '--out', join(dir, 'review')]);
  return { dir, child, stderr: collect(child) };
}

describe('Ctrl-C (SIGINT) during a write: exit 130, one line saying what was kept, the warehouse consistent', () => {
  it('ingest: the files done are kept, the one in progress wholly or not at all; the same ingest again finishes', async () => {
    const dir = tempDir();
    const returns = join(dir, 'returns');
    mkdirSync(returns);
    const names = ['ALB_2023.csv', 'ALB_2024.csv', 'ALB_2025.csv', 'ARM_2023.csv', 'ARM_2024.csv', 'ARM_2025.csv'];
    for (const name of names) copyFileSync(join(SAMPLE, name), join(returns, name));
    const warehouse = join(dir, 'w.duckdb');
    const child = spawnCli(['ingest', returns, '--warehouse', warehouse]);
    const stderr = collect(child);
    await waitFor(child, 'stdout', /accepted as submission 1 /);
    child.kill('SIGINT');
    const { code } = await exited(child);
    expect(code).toBe(130);
    // before: killed by the signal with no word of what was kept
    const line = /^interrupted: (\d) of 6 files done and kept(; .*returns\/\w+_20\d\d\.csv, in progress, is in the warehouse wholly or not at all)?; run the same ingest again to finish \(a file already in is skipped\)\n$/.exec(stderr.text);
    expect(line, stderr.text).not.toBeNull();
    const done = Number(line![1]);
    expect(done).toBeGreaterThanOrEqual(1);

    const store = await openWarehouse(warehouse, { isReadOnly: true });
    try {
      const submissions = await store.all<{ id: number; rows: number; stored: number }>(
        'select s.submission_id as id, s.rows_accepted as rows, (select count(*)::integer from observation as o where o.submission_id = s.submission_id) as stored from submission as s order by id',
      );
      expect(submissions.length === done || submissions.length === done + 1).toBe(true);
      for (const s of submissions) expect(s.stored).toBe(s.rows);
    } finally {
      store.close();
    }
    const again = await runCli(['ingest', returns, '--warehouse', warehouse]);
    expect(again.code).toBe(0);
    expect(again.stdout.match(/already in the warehouse/g)?.length ?? 0).toBeGreaterThanOrEqual(done);
    const after = await openWarehouse(warehouse, { isReadOnly: true });
    try {
      expect(await after.all('select count(*)::integer as n from submission')).toEqual([{ n: 6 }]);
    } finally {
      after.close();
    }
  }, 120_000);

  it('build: nothing of the interrupted build is committed; the marts of the build before stay', async () => {
    const dir = tempDir();
    const warehouse = join(dir, 'w.duckdb');
    expect((await runCli(['ingest', join(SAMPLE, 'ALB_2024.csv'), '--warehouse', warehouse])).code).toBe(0);
    expect((await runCli(['build', '--warehouse', warehouse])).code).toBe(0);
    const count = async (): Promise<unknown> => {
      const store = await openWarehouse(warehouse, { isReadOnly: true });
      try {
        return await store.all("select count(*)::integer as n from series_total where ref_area = 'ARM'");
      } finally {
        store.close();
      }
    };
    expect(await count()).toEqual([{ n: 0 }]);
    expect((await runCli(['ingest', join(SAMPLE, 'ARM_2024.csv'), '--warehouse', warehouse])).code).toBe(0);

    // --debug names each model as it is built: interrupted after the first, before the commit
    const child = spawnCli(['build', '--debug', '--warehouse', warehouse]);
    const stderr = collect(child);
    await waitFor(child, 'stderr', /debug: built /);
    child.kill('SIGINT');
    expect((await exited(child)).code).toBe(130);
    expect(stderr.text).toMatch(/\ninterrupted: the build was not committed: the warehouse keeps the marts of the build before, unchanged; run crimetrends build again\n$/);
    expect(await count()).toEqual([{ n: 0 }]);
    expect((await runCli(['build', '--warehouse', warehouse])).code).toBe(0);
    expect(await count()).not.toEqual([{ n: 0 }]);
  }, 120_000);

  it('run: says which phase it was in (here the ingest) and what that kept', async () => {
    const { dir, child, stderr } = startRun();
    await waitFor(child, 'stderr', /^ingesting 3 files from /m);
    child.kill('SIGINT');
    expect((await exited(child)).code).toBe(130);
    expect(stderr.text).toMatch(/\ninterrupted: the returns ingested before it are kept, each in its own transaction \(the one in progress wholly or not at all\); the marts and the review were not touched; run the same command again to finish\n$/);
    expect(readdirSync(dir)).not.toContain('review');
  }, 60_000);

  it('run in its report phase: the warehouse is complete and the review folder as it was (it said the review "may be incomplete")', async () => {
    const { dir, child, stderr } = startRun();
    // the charts are drawn after this line, and the review is swapped into place only once they all are
    await waitFor(child, 'stderr', /^writing the review for 2025\n/m);
    child.kill('SIGINT');
    expect((await exited(child)).code).toBe(130);
    expect(stderr.text).toMatch(/\ninterrupted: the warehouse is complete; the review was not written: its folder is as it was; run the same command again to finish\n$/);
    // neither the review nor a half-written hidden folder beside it
    expect(readdirSync(dir).sort()).toEqual(['archive', 'returns', 'w.duckdb']);
  }, 60_000);

  it('import: the downloads done are kept, the one in progress wholly or not at all, and the line says so (it exited silently)', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ archive: join(dir, 'archive') }));
    const common = ['--warehouse', join(dir, 'w.duckdb'), '--config', join(dir, 'config.json')];
    const states = readFileSync(join(PROJECT_ROOT, 'data/reference/states.csv'), 'utf8').split('\n').slice(1).filter(Boolean).map((line) => line.split(',')[0]!);
    // eight World Bank downloads, other bytes each (a later vintage of the series), imported one after the other
    const names = Array.from({ length: 8 }, (_, i) => `population_v${i + 1}.csv`);
    for (const [i, name] of names.entries()) {
      const rows = states.flatMap((iso3, s) => Array.from({ length: 65 }, (_, y) => `${iso3},${iso3},${1960 + y},${1_000_000 + s * 1000 + y * 10 + i}`));
      writeFileSync(join(dir, name), `Country Name,Country Code,Year,Value\n${rows.join('\n')}\n`);
    }
    const child = spawnCli(['import', 'worldbank', ...names.map((name) => join(dir, name)), ...common]);
    const stderr = collect(child);
    // the first download is being imported once its bytes are in the archive (nothing is printed before the end)
    for (let i = 0; i < 600 && !(existsSync(join(dir, 'archive')) && readdirSync(join(dir, 'archive')).length > 0); i++) await sleep(20);
    child.kill('SIGINT');
    expect((await exited(child)).code).toBe(130);
    const line = /^interrupted: (\d) of 8 files done and kept/.exec(stderr.text);
    expect(line, stderr.text).not.toBeNull();
    const done = Number(line![1]);
    const inProgress = done < 8 ? `; ${names[done]}, in progress, is in the warehouse wholly or not at all` : '';
    expect(stderr.text).toBe(`interrupted: ${done} of 8 files done and kept${inProgress}; run the same import again to finish (a file already in is a duplicate: nothing to do)\n`);
    expect(done).toBeLessThan(8);

    const imports = async (): Promise<Array<{ file: string; rows: number; stored: number }>> => {
      const store = await openWarehouse(join(dir, 'w.duckdb'), { isReadOnly: true });
      try {
        return await store.all(
          `select s.file_name as file, s.rows_accepted as rows, (select count(*)::integer from population as p where p.submission_id = s.submission_id) as stored
           from submission as s order by s.submission_id`,
        );
      } finally {
        store.close();
      }
    };
    // the files done, and the one in progress only if its transaction had committed: each whole
    const kept = await imports();
    expect(kept.map((k) => k.file)).toEqual(names.slice(0, kept.length));
    expect(kept.length === done || kept.length === done + 1).toBe(true);
    for (const k of kept) expect(k).toEqual({ file: k.file, rows: states.length * 65, stored: states.length * 65 });
    const again = await runCli(['import', 'worldbank', ...names.map((name) => join(dir, name)), ...common]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`${8 - kept.length} imported, ${kept.length} duplicate${kept.length === 1 ? '' : 's'}, 0 rejected\n`);
    expect((await imports()).length).toBe(8);
  }, 120_000);

  it('query --out: the temporary file beside the user\'s goes, the file there stays as it was', async () => {
    const dir = tempDir();
    const warehouse = join(dir, 'w.duckdb');
    (await openWarehouse(warehouse)).close();
    const out = join(dir, 'big.csv');
    writeFileSync(out, 'the earlier result\n');
    const child = spawnCli(['query', 'select * from range(100000000) as t(x)', '--warehouse', warehouse, '--out', out]);
    const stderr = collect(child);
    // the rows are being written once the temporary file grows
    for (let i = 0; i < 600 && !readdirSync(dir).some((name) => name.endsWith('.tmp') && statSync(join(dir, name)).size > 0); i++) await sleep(50);
    child.kill('SIGINT');
    expect((await exited(child)).code).toBe(130);
    expect(stderr.text).toBe(`interrupted: nothing written to ${out} (the file there is as it was)\n`);
    // before: big.csv.<pid>.tmp stayed beside it
    expect(readdirSync(dir).sort()).toEqual(['big.csv', 'w.duckdb']);
    expect(readFileSync(out, 'utf8')).toBe('the earlier result\n');
  }, 60_000);
});
