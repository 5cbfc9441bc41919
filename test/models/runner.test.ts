import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { ModelError, PipelineError } from '../../src/errors.js';
import { buildMarts, discoverModels, orderModels, type Model } from '../../src/models/index.js';
import { DEFAULT_CONFIG } from '../../src/schema/config.js';
import { MARTS } from '../../src/schema/marts.js';
import type { Store } from '../../src/store/index.js';
import { runCli } from '../helpers/cli.js';
import { loadTestReference, openTestWarehouse, tempDir } from '../helpers/warehouse.js';
import { buildAll, insertObservations, openFixtureWarehouse, rowsOf } from './helpers.js';

/** Returns a project root holding a copy of pipeline/ with `edits` applied (file → new content). */
function pipelineCopy(edits: Record<string, string>): string {
  const root = tempDir('crimetrends-pipeline-');
  cpSync(join(PROJECT_ROOT, 'pipeline'), join(root, 'pipeline'), { recursive: true });
  for (const [file, text] of Object.entries(edits)) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}
const martSql = (name: string): string => readFileSync(join(PROJECT_ROOT, 'pipeline/marts', `${name}.sql`), 'utf8');
const model = (name: string, layer: Model['layer'], dependsOn: string[] = []): Model => ({
  name, layer, dependsOn, file: `pipeline/${layer}/${name}.sql`, sql: 'select 1', kind: layer === 'staging' ? 'view' : 'table',
});

describe('discoverModels and orderModels', () => {
  const models = orderModels(discoverModels(PROJECT_ROOT));

  it('finds every model with its layer and kind, and parses what each reads', () => {
    expect(models.filter((m) => m.layer === 'marts').map((m) => m.name).sort()).toEqual(MARTS.map((m) => m.name).sort());
    const kinds = { staging: 'view', intermediate: 'temp table', marts: 'table' };
    expect(models.every((m) => m.kind === kinds[m.layer])).toBe(true);
    expect(models.find((m) => m.name === 'series_rate')!.dependsOn).toEqual(['int_population_resolved', 'series_total', 'stg_reference__indicator']);
    expect(models.find((m) => m.name === 'stg_warehouse__observation')!.dependsOn).toEqual([]); // observation_current is no model
  });

  it('builds every model after the models it reads, staging first', () => {
    const position = new Map(models.map((m, i) => [m.name, i]));
    for (const m of models) for (const d of m.dependsOn) expect(position.get(d)!, `${m.name} after ${d}`).toBeLessThan(position.get(m.name)!);
    expect(models.slice(0, 8).every((m) => m.layer === 'staging')).toBe(true);
  });

  it('ignores names in comments and strings when parsing references', () => {
    const root = tempDir('crimetrends-pipeline-');
    mkdirSync(join(root, 'pipeline/staging'), { recursive: true });
    writeFileSync(join(root, 'pipeline/staging/stg_a.sql'), "-- grain: one row\nselect 'from stg_b' as x -- join stg_b\n/* from stg_b */");
    writeFileSync(join(root, 'pipeline/staging/stg_b.sql'), '-- grain: one row\nselect * from stg_a;');
    expect(discoverModels(root).map((m) => [m.name, m.dependsOn])).toEqual([['stg_a', []], ['stg_b', ['stg_a']]]);
  });

  it('refuses a model without its grain comment, one reading a later layer, and a cycle', () => {
    const root = pipelineCopy({ 'pipeline/marts/series_total.sql': martSql('series_total').replace(/^--[^\n]*\n/, '') });
    expect(() => discoverModels(root)).toThrow(/series_total\.sql:1: expected a first comment stating the grain/);
    expect(() => orderModels([model('stg_x', 'staging', ['series_total']), model('series_total', 'marts')])).toThrow(
      /pipeline\/staging\/stg_x\.sql: a staging model reads only its own layer and earlier ones, found marts model series_total/,
    );
    expect(() => orderModels([model('int_a', 'intermediate', ['int_b']), model('int_b', 'intermediate', ['int_a'])])).toThrow(/found a cycle among int_a, int_b/);
  });
});

describe('buildMarts', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openFixtureWarehouse((s) => insertObservations(s, [{ ref_area: 'ALB', time_period: 2022, indicator: 'TIP_VIC', obs_value: 10 }]).then(() => undefined));
    await buildAll(store);
  });
  afterAll(() => store.close());

  const buildFrom = async (root: string) => buildMarts(store, { root, config: DEFAULT_CONFIG, reference: await loadTestReference() });

  it('names the failing file, the line and DuckDB\'s message, and leaves the previous marts intact', async () => {
    await insertObservations(store, [{ ref_area: 'SRB', time_period: 2022, indicator: 'TIP_VIC', obs_value: 20 }]);
    const broken = martSql('series_change').replace('current_year.obs_status <> \'B\' as is_comparable', 'current_year.no_such_column as is_comparable');
    const error = await buildFrom(pipelineCopy({ 'pipeline/marts/series_change.sql': broken })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    const modelError = error as ModelError;
    expect(modelError.code).toBe('MODEL_FAILED');
    expect(modelError.location).toEqual({ file: 'pipeline/marts/series_change.sql' });
    const line = broken.split('\n').findIndex((l) => l.includes('no_such_column')) + 1;
    expect(modelError.message).toMatch(new RegExp(`^pipeline/marts/series_change\\.sql:${line}: model series_change failed: Binder Error: .*no_such_column`));
    // series_total was rebuilt with SRB before series_change failed; the rollback restores the previous build
    expect((await rowsOf(store, 'series_total')).map((r) => r.ref_area)).toEqual(['ALB']);
    await buildAll(store);
    expect((await rowsOf(store, 'series_total')).map((r) => r.ref_area)).toEqual(['ALB', 'SRB']);
  });

  it('names the line of a failing intermediate (written from its select materialised first)', async () => {
    const file = 'pipeline/intermediate/int_series_resolved.sql';
    const broken = readFileSync(join(PROJECT_ROOT, file), 'utf8').replace('chosen.comment,', 'chosen.no_such_comment,');
    const error = await buildFrom(pipelineCopy({ [file]: broken })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    const line = broken.split('\n').findIndex((l) => l.includes('no_such_comment')) + 1;
    expect((error as ModelError).message).toMatch(new RegExp(`^pipeline/intermediate/int_series_resolved\\.sql:${line}: model int_series_resolved failed: Binder Error: .*no_such_comment`));
  });

  it('counts the rows each table model wrote (none for a view), as a count of the table gives them', async () => {
    const own = await openFixtureWarehouse((s) =>
      insertObservations(s, [
        { ref_area: 'SRB', time_period: 2021, indicator: 'TIP_VIC', obs_value: 7 },
        { ref_area: 'SRB', time_period: 2021, indicator: 'TIP_VIC', sex: 'F', obs_value: 3 },
        { ref_area: 'SRB', time_period: 2022, indicator: 'TIP_VIC', obs_value: 9 },
      ]).then(() => undefined),
    );
    try {
      const result = await buildMarts(own, { root: PROJECT_ROOT, config: DEFAULT_CONFIG, reference: await loadTestReference() });
      const rowsOfModel = (name: string) => result.models.find((m) => m.name === name)?.rows;
      const counted = async (name: string) => (await own.all<{ n: number }>(`select count(*) as n from ${name}`))[0]!.n;
      expect(rowsOfModel('stg_warehouse__observation')).toBeNull();
      // the two totals and the SEX part: 3 narrowed rows, 2 resolved totals
      expect([rowsOfModel('int_observations_narrowed'), rowsOfModel('int_series_resolved'), rowsOfModel('series_total')]).toEqual([3, 2, 2]);
      for (const name of ['int_observations_narrowed', 'int_series_resolved', 'int_trend_windows', 'series_total', 'series_breakdown']) {
        expect(rowsOfModel(name), name).toBe(await counted(name));
      }
    } finally {
      own.close();
    }
  });

  it('keeps intermediate models out of the warehouse file and drops what an older build persisted', async () => {
    await store.run('create or replace table int_series_resolved as select 1 as x');
    await buildAll(store);
    const tables = await store.all<{ table_name: string; temporary: boolean }>(
      "select table_name, temporary from duckdb_tables() where table_name like 'int\\_%' escape '\\' and not temporary",
    );
    expect(tables).toEqual([]);
  });

  it('refuses a mart that breaks its grain, or has no contract', async () => {
    const duplicated = martSql('series_total').replace(/select \* from final\s*\norder by/, 'select * from final union all select * from final\norder by');
    await expect(buildFrom(pipelineCopy({ 'pipeline/marts/series_total.sql': duplicated }))).rejects.toThrow(
      /pipeline\/marts\/series_total\.sql: mart series_total breaks its row contract: grain ref_area × time_period × indicator: expected unique keys, found 2 repeated/,
    );
    const extra = pipelineCopy({ 'pipeline/marts/extra_mart.sql': '-- grain: one row\nselect 1 as x' });
    const error = await buildFrom(extra).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PipelineError);
    expect((error as PipelineError).code).toBe('CONTRACT_VIOLATION');
    expect((error as PipelineError).message).toMatch(/extra_mart\.sql: mart extra_mart breaks its row contract: no row contract in src\/schema\/marts\.ts/);
  });
});

/** Returns the path of a new, empty (migrated) warehouse file. */
async function emptyWarehouse(): Promise<string> {
  const path = join(tempDir(), 'warehouse.duckdb');
  (await openTestWarehouse(path)).close();
  return path;
}

describe('crimetrends build', () => {
  it('prints one JSON document with the marts, their rows and the models built', async () => {
    const warehouse = await emptyWarehouse();
    const result = await runCli(['build', '--warehouse', warehouse, '--json']);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as { ok: boolean; command: string; outputs: string[]; marts: Array<{ name: string; rows: number }>; models: unknown[]; issues: unknown[] };
    expect(doc).toMatchObject({ ok: true, command: 'build', warehouse, issues: [] });
    expect([...doc.outputs].sort()).toEqual(MARTS.map((m) => m.name).sort());
    expect(doc.marts.every((m) => m.rows === 0)).toBe(true); // an empty warehouse builds empty marts
    expect(doc.models.length).toBe(discoverModels(PROJECT_ROOT).length);
    const human = await runCli(['build', '--warehouse', warehouse]);
    expect(human.code).toBe(0);
    expect(human.stdout).toBe('');
    expect(human.stderr).toMatch(/built \d+ models in [\d.]+ s/);
    expect(human.stderr).toMatch(/series_total\s+0 rows/);
  });

  it('refuses a config whose group is not one of the reference groups (exit 2, nothing built)', async () => {
    const dir = tempDir();
    const config = join(dir, 'config.json');
    writeFileSync(config, '{"group": "XYZ"}\n');
    const result = await runCli(['build', '--warehouse', await emptyWarehouse(), '--config', config]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: config group XYZ: expected one of BSEC, SEECP, WB6 \[GROUP_UNKNOWN\]\nhint: set "group" in the config to one of BSEC, SEECP, WB6\n/);
    expect(result.stderr).not.toMatch(/built/);
  });

  it('stops with WAREHOUSE_MISSING (exit 1) on a warehouse that does not exist, creating nothing', async () => {
    const dir = join(tempDir(), 'x');
    const typo = join(dir, 'typo.duckdb');
    const result = await runCli(['build', '--warehouse', typo]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`error: warehouse ${typo} does not exist [WAREHOUSE_MISSING]\nhint: run "crimetrends ingest" or "crimetrends run" first, or pass --warehouse PATH\n`);
    const json = await runCli(['build', '--warehouse', typo, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, command: 'build', error: { code: 'WAREHOUSE_MISSING' } });
    expect(existsSync(dir)).toBe(false);
  });
});
