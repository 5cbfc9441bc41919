import { relative } from 'node:path';
import type { Context } from '../context.js';
import { readReference } from '../io/read-reference.js';
import { buildMarts } from '../models/index.js';
import { closeWarehouse, openWarehouse } from '../store/index.js';
import { onInterrupt } from './on-interrupt.js';
import { paint, toJson } from './output.js';
import type { CommonOptions, ExitCode } from './program.js';
import { resolveSetup } from './setup.js';

/**
 * Returns exit code 0 after rebuilding every model of `pipeline/` in the warehouse (reference tables refreshed from
 * data/reference, all in one transaction). Prints each mart with its rows and the time to stderr, or one JSON
 * document with `--json`. A failing model throws a ModelError naming its file; the previous marts stay intact. A
 * warehouse that does not exist is `WAREHOUSE_MISSING` (exit 1), never created empty.
 *
 * @example crimetrends build --json
 */
export async function buildAction(ctx: Context, options: CommonOptions): Promise<ExitCode> {
  const setup = await resolveSetup(ctx, options);
  // nothing to build in a new warehouse: a missing one is a wrong --warehouse, not a first run
  const store = await openWarehouse(setup.warehouse, { isCreated: false });
  // the build is one transaction: stopped before its commit, nothing of it is in the warehouse
  const release = onInterrupt(() => 'the build was not committed: the warehouse keeps the marts of the build before, unchanged; run crimetrends build again');
  try {
    const reference = await readReference(store, setup.reference, ctx.cwd);
    const result = await buildMarts(store, {
      root: ctx.root,
      config: setup.config,
      reference,
      onModel: (model) => ctx.logger.debug(`built ${model.kind} ${model.name} (${model.file}) in ${model.ms} ms`),
    });
    const warehouse = relative(ctx.cwd, setup.warehouse) || setup.warehouse;
    if (options.json) {
      ctx.out(
        toJson({
          ok: true,
          command: 'build',
          // absolute, as every command's JSON names its files (query's and report's outputs); the human line is relative
          warehouse: setup.warehouse,
          outputs: result.marts.map((m) => m.name),
          marts: result.marts,
          models: result.models,
          ms: result.ms,
          issues: [],
        }),
      );
      return 0;
    }
    const { bold, dim, green } = paint(ctx.useColour);
    const count = (layer: string): number => result.models.filter((m) => m.layer === layer).length;
    const width = Math.max(...result.marts.map((m) => m.name.length));
    const lines = [
      `${green('built')} ${result.models.length} models in ${(result.ms / 1000).toFixed(2)} s into ${warehouse}`,
      dim(`  staging ${count('staging')} views, intermediate ${count('intermediate')} temporary tables, marts ${count('marts')} tables`),
      ...result.models
        .filter((m) => m.layer === 'marts')
        .map((m) => `  ${bold(m.name.padEnd(width))}  ${String(m.rows ?? 0).padStart(9)} rows  ${dim(`${m.ms} ms`)}`),
    ];
    for (const line of lines) ctx.logger.info(line);
    return 0;
  } finally {
    release();
    await closeWarehouse(store, (message) => ctx.logger.warn(message));
  }
}
