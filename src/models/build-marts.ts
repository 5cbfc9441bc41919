import type { Config } from '../schema/config.js';
import { checkConfigGroup, type Reference } from '../schema/reference.js';
import { writeReference, type Store } from '../store/index.js';
import { discoverModels } from './discover-models.js';
import { orderModels } from './order-models.js';
import { runModels, type ModelResult } from './run-models.js';
import { writeBuildSetting } from './write-build-setting.js';

/** What a build did. */
export interface BuildResult {
  models: ModelResult[];
  /** The marts with their row counts, in build order. */
  marts: Array<{ name: string; rows: number }>;
  ms: number;
}

/** What a build needs besides the store: where pipeline/ is, the configuration and the reference data. */
export interface BuildOptions {
  /** Project root holding `pipeline/`. */
  root: string;
  config: Config;
  reference: Reference;
  /** Called after each model is built (the CLI logs it under --debug). */
  onModel?: (result: ModelResult) => void;
}

/**
 * Returns what was built after refreshing the reference tables from `reference`, writing `build_setting` from the
 * config and running every model of `pipeline/` in dependency order, all in one transaction: a failing model leaves
 * the previous marts (and reference tables) exactly as they were.
 *
 * @throws ConfigError `GROUP_UNKNOWN` when the config's group is not one of the reference data's groups.
 * @example const result = await buildMarts(store, { root: ctx.root, config, reference });
 */
export async function buildMarts(store: Store, options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  // the configured group is the regional median's panel (attrition): an unknown one would leave it null unsaid
  checkConfigGroup(options.reference.groups, options.config.group);
  const models = orderModels(discoverModels(options.root));
  const results = await store.transaction(async () => {
    await writeReference(store, options.reference);
    await writeBuildSetting(store, options.config, options.reference);
    return runModels(store, models, options.onModel);
  });
  return {
    models: results,
    marts: results.filter((r) => r.layer === 'marts').map((r) => ({ name: r.name, rows: r.rows ?? 0 })),
    ms: Math.round(performance.now() - started),
  };
}
