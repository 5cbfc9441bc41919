import { PROJECT_ROOT } from '../../src/context.js';
import { buildMarts, discoverModels, orderModels, runModels, writeBuildSetting, type Model } from '../../src/models/index.js';
import { DEFAULT_CONFIG, type Config } from '../../src/schema/config.js';
import type { Store } from '../../src/store/index.js';
import { insertObservations, loadTestReference, openTestWarehouse, type ObservationFixture } from '../helpers/warehouse.js';

/** Returns the default configuration with `overrides` applied. */
export function configWith(overrides: Partial<Config> = {}): Config {
  return { ...DEFAULT_CONFIG, ...overrides };
}

/** Returns an in-memory warehouse (migrated, reference written) after `fill` put fixtures in it. */
export async function openFixtureWarehouse(fill: (store: Store) => Promise<void>): Promise<Store> {
  const store = await openTestWarehouse(':memory:');
  await fill(store);
  return store;
}

/** Returns the store after building every model of the real pipeline/ with `config`. */
export async function buildAll(store: Store, config: Config = DEFAULT_CONFIG): Promise<Store> {
  await buildMarts(store, { root: PROJECT_ROOT, config, reference: await loadTestReference() });
  return store;
}

let ordered: Model[] | undefined;

/** Returns the models `targets` need (themselves and everything they read, transitively), in build order. */
export function modelsFor(targets: readonly string[]): Model[] {
  ordered ??= orderModels(discoverModels(PROJECT_ROOT));
  const byName = new Map(ordered.map((m) => [m.name, m]));
  const needed = new Set<string>();
  const visit = (name: string): void => {
    if (needed.has(name)) return;
    needed.add(name);
    for (const dependency of byName.get(name)?.dependsOn ?? []) visit(dependency);
  };
  targets.forEach(visit);
  return ordered.filter((m) => needed.has(m.name));
}

/** Rebuilds only what `targets` need (for property tests, where a whole build per run would be slow). */
export async function rebuild(store: Store, targets: readonly string[], config: Config = DEFAULT_CONFIG): Promise<void> {
  await writeBuildSetting(store, config);
  await runModels(store, modelsFor(targets));
}

/** Empties the observation, submission and population tables. */
export async function clearWarehouse(store: Store): Promise<void> {
  await store.run('delete from observation; delete from submission; delete from population;');
}

/** Returns the rows of `relation` matching `where` (SQL), in the relation's own order. */
export async function rowsOf<T = Record<string, unknown>>(store: Store, relation: string, where = 'true'): Promise<T[]> {
  return store.all<T>(`select * from ${relation} where ${where}`);
}

/** Inserts World Bank population rows (one import submission). */
export async function insertPopulation(store: Store, rows: Array<[ref_area: string, year: number, persons: number]>): Promise<void> {
  await store.run(`insert into submission select 9999, 'WORLDBANK', 'SP.POP.TOTL', null, null, 'population.csv', 'sha-pop', 0,
    timestamp '2026-01-01', 'accepted', null, 0, 0, 0, 0, 'test', null, null where not exists (select 1 from submission where submission_id = 9999)`);
  for (const [ref_area, year, persons] of rows) {
    await store.run("insert into population values (9999, $ref_area, $year, $persons, 'WORLDBANK')", { ref_area, year, persons });
  }
}

/** Returns one series as fixture rows: `values[i]` for year `from + i` (null leaves the year out). */
export function series(
  ref_area: string,
  indicator: string,
  from: number,
  values: ReadonlyArray<number | null>,
  extra: Partial<ObservationFixture> = {},
): ObservationFixture[] {
  return values.flatMap((obs_value, i) => (obs_value === null ? [] : [{ ref_area, indicator, time_period: from + i, obs_value, ...extra }]));
}

export { insertObservations };
