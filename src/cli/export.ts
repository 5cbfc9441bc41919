import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { ConfigError } from '../errors.js';
import { openOutput } from './open-output.js';
import { prepareOutputPath } from './prepare-output-path.js';
import { toJson } from './output.js';
import type { CommonOptions } from './program.js';
import { displayPath, resolveSetup } from './setup.js';
import { toOutputError } from './to-output-error.js';

export interface ExportCliOptions extends CommonOptions {
  format: 'csv' | 'parquet' | 'sdmx-csv';
  year?: number;
  out?: string;
  includeConfidential?: boolean;
}

/**
 * `crimetrends export --format csv|parquet|sdmx-csv [--year YYYY] [--out PATH] [--include-confidential]`: writes the
 * current value of every series (observation_current) from the warehouse opened read-only. CSV and SDMX-CSV go to
 * stdout or a file, Parquet to a folder partitioned by year. Confidential and internal values stay out unless
 * `--include-confidential`, which warns. Returns 0.
 */
export async function exportAction(ctx: Context, options: ExportCliOptions): Promise<number> {
  if (options.format === 'parquet' && options.out === undefined) {
    throw new ConfigError('OUT_REQUIRED', '--format parquet writes a folder partitioned by year: add --out FOLDER (e.g. --out export/)');
  }
  if (options.json && options.out === undefined) throw new ConfigError('OUT_REQUIRED', '--json prints a summary on stdout, so the data needs --out FILE');
  const { checkOutName } = await import('../analyst/check-out-name.js');
  const misnamed = checkOutName('export', options.out, options.format === 'parquet' ? 'a folder of Parquet files' : 'CSV', options.format === 'parquet' ? '' : '.csv');
  if (misnamed !== undefined) ctx.logger.warn(misnamed);
  const setup = await resolveSetup(ctx, options);
  const outPath = options.out === undefined ? undefined : resolve(ctx.cwd, options.out);
  // the folder is judged (an earlier export, or empty) by writeParquetExport; the path to it is checked here, as every --out is
  if (options.format === 'parquet') prepareOutputPath(outPath!, { kind: 'folder' });
  const exportOptions = { format: options.format, year: options.year, includeConfidential: options.includeConfidential === true };
  const [{ openWarehouse }, analyst] = await Promise.all([import('../store/index.js'), import('../analyst/index.js')]);
  // One thread: DuckDB then writes Parquet row groups in one fixed order, so the same warehouse gives the same bytes.
  const store = await openWarehouse(setup.warehouse, { isReadOnly: true, settings: { threads: '1' } });
  let rows: number;
  let left: { confidential: number; linked: number; imported: number };
  let held: { first: number | null; last: number | null } = { first: null, last: null };
  try {
    const counts = analyst.selectExportCounts(exportOptions);
    left = (await store.all<{ confidential: number; linked: number; imported: number }>(counts.sql, counts.params))[0]!;
    if (options.format === 'parquet') {
      rows = await analyst.writeParquetExport(store, exportOptions, outPath!).catch((error: unknown) => Promise.reject(toOutputError(outPath!, error, 'folder')));
    } else {
      const output = openOutput(ctx, outPath);
      try {
        rows = await analyst.writeCsvExport(store, exportOptions, (text) => output.write(text));
        await output.commit();
      } catch (error) {
        output.abort();
        throw error;
      }
    }
    if (rows === 0) held = (await store.all<{ first: number | null; last: number | null }>('select min(time_period) as first, max(time_period) as last from observation_current'))[0]!;
  } finally {
    store.close();
  }
  const notes: string[] = [];
  if (exportOptions.includeConfidential && left.confidential > 0) {
    ctx.logger.warn(`the export includes ${left.confidential} confidential (C) or internal (N) values: never publish or forward it as it is`);
  } else if (!exportOptions.includeConfidential && left.confidential > 0) {
    notes.push(`${left.confidential} confidential or internal values left out (--include-confidential to include them)`);
  }
  if (left.linked > 0) {
    notes.push(`${left.linked} public ${left.linked === 1 ? 'value' : 'values'} of the same series left out with them: the parts of a confidential or withheld total, or the other parts beside a confidential or withheld part, would give it back by addition or subtraction`);
  }
  if (options.format === 'sdmx-csv' && left.imported > 0) {
    notes.push(`${left.imported} imported values (UNODC, Eurostat) left out: the ${analyst.SDMX_DATAFLOW} dataflow holds member-state returns`);
  }
  if (rows === 0 && left.confidential === 0 && left.linked === 0 && left.imported === 0) {
    // An empty file is easy to take for a result: say that the warehouse has nothing there (a typo in --year?)
    const span = held.first === null ? 'it holds no observation yet' : `it holds ${held.first === held.last ? held.first : `${held.first}–${held.last}`}`;
    notes.push(options.year === undefined ? `the warehouse has no current value to export: ${span}` : `the warehouse has no value for ${options.year}: ${span}`);
  }
  const where = outPath === undefined ? 'stdout' : displayPath(ctx, outPath);
  if (options.json) {
    ctx.out(toJson({ ok: true, command: 'export', format: options.format, outputs: [outPath], issues: [], rows, confidential_included: exportOptions.includeConfidential ? left.confidential : 0, notes }));
  } else {
    for (const note of notes) ctx.logger.info(note);
    ctx.logger.info(`exported ${rows} ${rows === 1 ? 'observation' : 'observations'} to ${where}`);
  }
  return 0;
}
