import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSchema } from '../../src/analyst/index.js';
import { MARTS } from '../../src/schema/marts.js';
import { WAREHOUSE_RELATIONS } from '../../src/schema/warehouse-relations.js';
import type { Store } from '../../src/store/index.js';
import { runCli } from '../helpers/cli.js';
import { buildAll, openFixtureWarehouse, series } from '../models/helpers.js';
import { insertObservations } from '../helpers/warehouse.js';

let store: Store;
beforeAll(async () => {
  store = await openFixtureWarehouse(async (s) => {
    await insertObservations(s, [...series('ROU', 'TIP_VIC', 2019, [10, 12, 14, 15, 20]), ...series('SRB', 'TIP_VIC', 2019, [5, 6, 7, 8, 9])]);
  });
  await buildAll(store);
});
afterAll(() => store?.close());

describe('crimetrends query --schema', () => {
  it('prints the registry as JSON: the views, every mart, then the tables', async () => {
    const result = await runCli(['query', '--schema', '--format', 'json']);
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout) as { relations: unknown };
    expect(document.relations).toEqual(JSON.parse(JSON.stringify(listSchema())));
    const names = listSchema().map((r) => r.name);
    expect(names).toEqual([
      ...WAREHOUSE_RELATIONS.filter((r) => r.kind === 'view').map((r) => r.name),
      ...MARTS.map((m) => m.name),
      ...WAREHOUSE_RELATIONS.filter((r) => r.kind === 'table').map((r) => r.name),
    ]);
  });

  it('prints each relation with its kind, grain and every column as text, without a warehouse', async () => {
    const result = await runCli(['query', '--schema', '--warehouse', '/nonexistent/warehouse.duckdb']);
    expect(result.code).toBe(0);
    for (const relation of listSchema()) {
      expect(result.stdout).toContain(`${relation.name} (${relation.kind}) — ${relation.description}`);
      if (relation.grain.length > 0) expect(result.stdout).toContain(`grain: one row per ${relation.grain.join(' × ')}`);
      for (const column of relation.columns) expect(result.stdout).toMatch(new RegExp(`^  ${column.name} +${column.type.replace(/[[\]]/g, '\\$&')}( |$)`, 'm'));
    }
  });

  it('matches a built warehouse: same columns in the same order, compatible types, nullability of tables', async () => {
    const actual = await store.all<{ table_name: string; column_name: string; data_type: string; is_nullable: string }>(
      'select table_name, column_name, data_type, is_nullable from information_schema.columns order by table_name, ordinal_position',
    );
    const kinds = new Map((await store.all<{ name: string; type: string }>("select table_name as name, table_type as type from information_schema.tables")).map((t) => [t.name, t.type]));
    for (const relation of listSchema()) {
      const columns = actual.filter((c) => c.table_name === relation.name);
      expect(columns.map((c) => c.column_name), relation.name).toEqual(relation.columns.map((c) => c.name));
      for (const [i, column] of relation.columns.entries()) {
        const type = columns[i]!.data_type;
        const isCompatible = type === column.type || (relation.kind === 'mart' && column.type === 'INTEGER' && type === 'BIGINT');
        expect(isCompatible, `${relation.name}.${column.name}: documented ${column.type}, warehouse ${type}`).toBe(true);
        if (relation.kind === 'table') expect(columns[i]!.is_nullable === 'YES', `${relation.name}.${column.name} nullability`).toBe(column.isNullable);
      }
      expect(kinds.get(relation.name), relation.name).toBe(relation.kind === 'view' ? 'VIEW' : 'BASE TABLE');
    }
  });

  it('documents every relation an analyst meets (pipeline internals aside)', async () => {
    const internal = /^(stg_|int_)|^(schema_migration|build_setting)$/;
    const present = (await store.all<{ name: string }>('select table_name as name from information_schema.tables order by 1')).map((t) => t.name);
    const documented = new Set(listSchema().map((r) => r.name));
    expect(present.filter((name) => !internal.test(name) && !documented.has(name))).toEqual([]);
  });
});
