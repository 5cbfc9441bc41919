import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { ConfigError } from '../errors.js';
import { WORKBOOK } from '../io/list-files.js';
import { readReference } from '../io/read-reference.js';
import { formatCsv } from '../io/write-csv.js';
import { RETURN_COLUMNS } from '../schema/return-format.js';
import { createCountryResolver } from '../schema/resolve-country.js';
import { resolveStateOption } from '../schema/resolve-state-option.js';
import { openStore } from '../store/index.js';
import { buildTemplate } from '../validate/build-template.js';
import { openOutputFile, writeOutputFile, type OutputOptions } from './open-output.js';
import { toJson } from './output.js';
import type { CommonOptions } from './program.js';
import { displayPath, resolveSetup } from './setup.js';
import { toOutputError } from './to-output-error.js';

/** The name of a template written as an Excel workbook. */
const XLSX = /\.xlsx$/i;

/**
 * `crimetrends template --state ROU --year 2025 [--out FILE [--force]]`: writes an empty return to fill in, as CSV
 * text, or as an Excel workbook when FILE is an `.xlsx` (see buildTemplateWorkbook).
 */
export async function templateAction(ctx: Context, options: CommonOptions & { state: string; year: number; out?: string; force?: boolean }): Promise<number> {
  // an .xlsx is written as a workbook; under another workbook's name (.xls, .xlsm, .ods) Excel refuses to open both a CSV
  // and an .xlsx ("the file format or file extension is not valid")
  const isWorkbook = options.out !== undefined && XLSX.test(options.out);
  if (options.out !== undefined && WORKBOOK.test(options.out) && !isWorkbook) {
    throw new ConfigError('USAGE_ERROR', `--out ${options.out}: template writes an Excel workbook (.xlsx) or a CSV file, which Excel does not open under this workbook's name`, {
      hint: `name it .xlsx, e.g. --out ${options.out.replace(WORKBOOK, '.xlsx')}, or .csv`,
    });
  }
  const setup = await resolveSetup(ctx, options);
  const store = await openStore(':memory:');
  try {
    const reference = await readReference(store, setup.reference, ctx.cwd);
    const countries = createCountryResolver(reference.states, reference.countryAliases);
    const state = resolveStateOption(countries, reference.states, options.state);
    const rows = buildTemplate(reference, state, options.year);
    if (options.out === undefined) {
      const text = formatCsv(RETURN_COLUMNS.map((c) => c.name), rows);
      if (options.json) ctx.out(toJson({ ok: true, command: 'template', outputs: [], rows: rows.length, csv: text }));
      else ctx.out(text);
    } else {
      // a filled-in return is never overwritten by an empty one without --force
      const output = { mayReplace: options.force === true, createFolder: false, exampleName: `${state}_${options.year}.${isWorkbook ? 'xlsx' : 'csv'}` };
      const target = resolve(ctx.cwd, options.out);
      // the workbook writer (and exceljs, which is large) is loaded only when a workbook is asked for
      const path = isWorkbook
        ? await writeWorkbook(target, await (await import('../report/build-template-workbook.js')).buildTemplateWorkbook(reference, countries, state, options.year, rows), output)
        : await writeOutputFile(ctx, target, formatCsv(RETURN_COLUMNS.map((c) => c.name), rows), output);
      if (options.json) ctx.out(toJson({ ok: true, command: 'template', outputs: [path], rows: rows.length }));
      else ctx.logger.info(`wrote ${rows.length} series for ${state} ${options.year} to ${displayPath(ctx, path)}`);
    }
    return 0;
  } finally {
    store.close();
  }
}

/** Writes `bytes` whole to the file `path` (it appears whole or not at all, as writeOutputFile's text) and returns the path. */
async function writeWorkbook(path: string, bytes: Buffer, options: OutputOptions): Promise<string> {
  const file = openOutputFile(path, options);
  try {
    await writeFile(file.temporary, bytes);
  } catch (error) {
    file.abort();
    throw toOutputError(path, error);
  }
  file.commit();
  return path;
}
