import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { runCli } from '../helpers/cli.js';
import { exited, spawnCli } from '../helpers/spawn-cli.js';
import { tempDir } from '../helpers/warehouse.js';

const SAMPLE = join(PROJECT_ROOT, 'data/sample/returns');

describe('two processes at once on one warehouse, as an operator runs them', () => {
  it('query and build while ingest writes: one line each naming the ingest, exit 1; the ingest finishes whole', async () => {
    const dir = tempDir();
    const returns = join(dir, 'returns');
    mkdirSync(returns);
    const names = ['ALB_2022.csv', 'ALB_2023.csv', 'ALB_2024.csv', 'ALB_2025.csv', 'ARM_2022.csv', 'ARM_2023.csv', 'ARM_2024.csv', 'ARM_2025.csv'];
    for (const name of names) copyFileSync(join(SAMPLE, name), join(returns, name));
    const warehouse = join(dir, 'w.duckdb');
    const ingest = spawnCli(['ingest', returns, '--warehouse', warehouse]);
    let stdout = '';
    // drained, so that a full pipe never holds the ingest up
    ingest.stderr!.resume();
    await new Promise<void>((resolve) => ingest.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes('accepted as submission 1 ')) resolve();
    }));
    const pid = ingest.pid!;
    const holder = `process ${pid} \\([^)]*node[^)]*\\)`;
    const query = await runCli(['query', 'select count(*) from submission', '--warehouse', warehouse]);
    const build = await runCli(['build', '--warehouse', warehouse]);
    const done = await exited(ingest);
    expect(done.code).toBe(0);
    // the ingest may finish before a command starts: then that command simply works
    if (query.code !== 0) {
      expect({ code: query.code, stdout: query.stdout }).toEqual({ code: 1, stdout: '' });
      expect(query.stderr).toMatch(new RegExp(`^error: warehouse ${warehouse} is being written by ${holder}; wait for it to finish, then run again \\[WAREHOUSE_LOCKED\\]\\nhint: an ingest, import, build or run is writing to it, and DuckDB cannot read a file another process holds for writing: wait or retry\\n$`));
    }
    if (build.code !== 0) {
      expect(build.code).toBe(1);
      expect(build.stderr).toMatch(new RegExp(`^error: warehouse ${warehouse} is in use by ${holder}; wait for it to finish or stop it, then run again \\[WAREHOUSE_LOCKED\\]\\nhint: only one command can write to the warehouse at a time, and none while another command reads it\\n$`));
    }
    expect(query.code === 1 || build.code === 1).toBe(true);
    // nothing damaged: every file in, once; a build after it works
    const after = await runCli(['query', 'select count(*)::integer as n, count(distinct sha256)::integer as files from submission', '--warehouse', warehouse, '--format', 'csv']);
    expect(after).toMatchObject({ code: 0, stdout: 'n,files\n8,8\n' });
    expect((await runCli(['build', '--warehouse', warehouse])).code).toBe(0);
  }, 120_000);
});
