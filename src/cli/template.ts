import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { ConfigError } from '../errors.js';
import { WORKBOOK } from '../io/list-files.js';
import { readReference } from '../io/read-reference.js';
import { formatCsv } from '../io/write-csv.js';
import { RETURN_COLUMNS } from '../schema/return-format.js';
import { createCountryResolver, resolveStateOption } from '../schema/resolve-country.js';
import { openStore } from '../store/index.js';
import { buildTemplate } from '../validate/build-template.js';
import { writeOutputFile } from './open-output.js';
import { toJson } from './output.js';
import type { CommonOptions } from './program.js';
import { displayPath, resolveSetup } from './setup.js';

/** `crimetrends template --state ROU --year 2025 [--out FILE [--force]]`: writes an empty return to fill in. */
export async function templateAction(ctx: Context, options: CommonOptions & { state: string; year: number; out?: string; force?: boolean }): Promise<number> {
  // CSV text under a workbook's name is a file Excel refuses to open ("the file format or file extension is not valid")
  if (options.out !== undefined && WORKBOOK.test(options.out)) {
    throw new ConfigError('USAGE_ERROR', `--out ${options.out}: template writes a CSV file, which Excel does not open under a workbook's name`, {
      hint: `name it .csv, e.g. --out ${options.out.replace(WORKBOOK, '.csv')}: Excel opens it; fill it in and save it as CSV UTF-8`,
    });
  }
  const setup = await resolveSetup(ctx, options);
  const store = await openStore(':memory:');
  try {
    const reference = await readReference(store, setup.reference, ctx.cwd);
    const state = resolveStateOption(createCountryResolver(reference.states, reference.countryAliases), reference.states, options.state);
    const rows = buildTemplate(reference, state, options.year);
    const text = formatCsv(RETURN_COLUMNS.map((c) => c.name), rows);
    if (options.out === undefined) {
      if (options.json) ctx.out(toJson({ ok: true, command: 'template', outputs: [], rows: rows.length, csv: text }));
      else ctx.out(text);
    } else {
      // a filled-in return is never overwritten by an empty one without --force
      const path = await writeOutputFile(ctx, resolve(ctx.cwd, options.out), text, {
        mayReplace: options.force === true, createFolder: false, exampleName: `${state}_${options.year}.csv`,
      });
      if (options.json) ctx.out(toJson({ ok: true, command: 'template', outputs: [path], rows: rows.length }));
      else ctx.logger.info(`wrote ${rows.length} series for ${state} ${options.year} to ${displayPath(ctx, path)}`);
    }
    return 0;
  } finally {
    store.close();
  }
}
