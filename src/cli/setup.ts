import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { Context } from '../context.js';
import { readConfig } from '../io/read-config.js';
import { DEFAULT_CONFIG, type Config } from '../schema/config.js';
import type { CommonOptions } from './program.js';

/** Resolved paths and configuration for one command run. */
export interface Setup {
  config: Config;
  warehouse: string;
  archive: string;
  reference: string;
}

/**
 * Returns the configuration and absolute paths a command uses: paths given on the command line are relative to the
 * working directory, paths in the config file relative to the project root.
 */
export async function resolveSetup(ctx: Context, options: CommonOptions): Promise<Setup> {
  const configPath = options.config ?? 'data/crimetrends.config.json';
  const isExplicit = options.config !== undefined && options.config !== 'data/crimetrends.config.json';
  const config = await readConfig(isExplicit ? resolve(ctx.cwd, configPath) : join(ctx.root, configPath), isExplicit);
  const fromRoot = (path: string): string => (isAbsolute(path) ? path : join(ctx.root, path));
  const warehouse = options.warehouse === undefined ? fromRoot(config.warehouse) : resolve(ctx.cwd, options.warehouse);
  return {
    config,
    warehouse,
    // the archive is the warehouse's evidence: unless configured, it is the folder archive/ beside the warehouse file
    // (data/archive for the default data/warehouse.duckdb), so --warehouse /tmp/x.duckdb never writes into data/
    archive: config.archive === DEFAULT_CONFIG.archive ? join(dirname(warehouse), 'archive') : fromRoot(config.archive),
    reference: fromRoot(config.reference),
  };
}

/** Returns the name a file is shown with: relative to the working directory when below it. */
export function displayPath(ctx: Context, path: string): string {
  if (path === '-') return 'stdin';
  const rel = relative(ctx.cwd, path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}
