import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ConfigError } from '../errors.js';
import { quoteLiteral, type Store } from '../store/index.js';
import { selectExport, type ExportOptions } from './select-export.js';

/**
 * Returns the number of observations written to the folder `dir` as Parquet, hive-partitioned by year:
 * `dir/TIME_PERIOD=2025/data_0.parquet`, … (TIME_PERIOD lives in the folder name, as Spark, Trino, Hive and DuckDB
 * expect). Rows inside each file keep the series-key order; with the store on one thread the bytes are the same on
 * every run.
 *
 * The folder is built beside `dir` and swapped in whole. An existing `dir` is replaced only when it is empty or
 * holds nothing but an earlier export (`TIME_PERIOD=…` folders of .parquet files): a folder of anything else is
 * refused, never emptied. With a year (`--year`), only that year's folder of an earlier export is replaced (or removed,
 * when the warehouse no longer holds the year): the other years stay as they were.
 *
 * @throws ConfigError `EXPORT_TARGET_NOT_EMPTY`
 */
export async function writeParquetExport(store: Store, options: ExportOptions, dir: string): Promise<number> {
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new ConfigError('EXPORT_TARGET_NOT_EMPTY', `${dir} is a file; --format parquet writes a folder (one TIME_PERIOD=… folder per year)`, {
      location: { file: dir },
      hint: 'give a folder name, e.g. --out export/',
    });
  }
  if (existsSync(dir) && !isEarlierExport(dir)) {
    throw new ConfigError('EXPORT_TARGET_NOT_EMPTY', `${dir} exists and holds files other than an earlier Parquet export; choose a new or empty folder`, {
      location: { file: dir },
    });
  }
  const temporary = join(dirname(dir), `.${basename(dir)}.${process.pid}.tmp`);
  const previous = join(dirname(dir), `.${basename(dir)}.${process.pid}.old`);
  rmSync(temporary, { recursive: true, force: true });
  mkdirSync(dirname(dir), { recursive: true });
  try {
    const { sql, params } = selectExport(options);
    const result = await store.table(
      `copy (${sql}) to ${quoteLiteral(temporary)} (format parquet, partition_by (TIME_PERIOD), filename_pattern 'data_{i}', compression zstd)`,
      params,
    );
    mkdirSync(temporary, { recursive: true });
    if (options.year !== undefined && existsSync(dir)) {
      const partition = `TIME_PERIOD=${options.year}`;
      if (existsSync(join(dir, partition))) renameSync(join(dir, partition), previous);
      if (existsSync(join(temporary, partition))) renameSync(join(temporary, partition), join(dir, partition));
    } else {
      if (existsSync(dir)) renameSync(dir, previous);
      renameSync(temporary, dir);
    }
    rmSync(previous, { recursive: true, force: true });
    return Number(result.rows[0]?.[0] ?? 0);
  } finally {
    rmSync(temporary, { recursive: true, force: true });
  }
}

/** True when `dir` is a folder holding only `TIME_PERIOD=…` folders of .parquet files (or nothing). */
function isEarlierExport(dir: string): boolean {
  if (!statSync(dir).isDirectory()) return false;
  return readdirSync(dir, { withFileTypes: true }).every(
    (entry) =>
      entry.isDirectory() &&
      /^TIME_PERIOD=\d+$/.test(entry.name) &&
      readdirSync(join(dir, entry.name), { withFileTypes: true }).every((file) => file.isFile() && file.name.endsWith('.parquet')),
  );
}
