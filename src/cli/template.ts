import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { ConfigError } from '../errors.js';
import { readReference } from '../io/read-reference.js';
import { formatCsv } from '../io/write-csv.js';
import { RETURN_COLUMNS } from '../schema/return-format.js';
import { openStore } from '../store/index.js';
import { buildTemplate } from '../validate/build-template.js';
import { toJson } from './output.js';
import type { CommonOptions } from './program.js';
import { resolveSetup } from './setup.js';

/** `crimetrends template --state ROU --year 2025 [--out FILE]`: writes an empty return to fill in. */
export async function templateAction(ctx: Context, options: CommonOptions & { state: string; year: number; out?: string }): Promise<number> {
  const setup = await resolveSetup(ctx, options);
  const store = await openStore(':memory:');
  try {
    const reference = await readReference(store, setup.reference, ctx.cwd);
    const state = options.state.toUpperCase();
    if (!reference.states.some((s) => s.iso3 === state)) {
      throw new ConfigError('UNKNOWN_STATE', `--state ${options.state}: expected a state of the region (${reference.states.map((s) => s.iso3).join(', ')})`, {
        hint: 'use the ISO 3166-1 alpha-3 code, e.g. --state ROU',
      });
    }
    const rows = buildTemplate(reference, state, options.year);
    const text = formatCsv(RETURN_COLUMNS.map((c) => c.name), rows);
    if (options.out === undefined) {
      if (options.json) ctx.out(toJson({ ok: true, command: 'template', outputs: [], rows: rows.length, csv: text }));
      else ctx.out(text);
    } else {
      const path = resolve(ctx.cwd, options.out);
      await writeFile(path, text);
      if (options.json) ctx.out(toJson({ ok: true, command: 'template', outputs: [path], rows: rows.length }));
      else ctx.logger.info(`wrote ${rows.length} series for ${state} ${options.year} to ${options.out}`);
    }
    return 0;
  } finally {
    store.close();
  }
}
