import { extname } from 'node:path';
import { ConfigError } from '../errors.js';

/** A spreadsheet's names: Excel opens none of them holding text ("the file format or file extension is not valid"). */
const WORKBOOK = /\.(xlsx|xlsm|xlsb|xls|ods)$/i;

/** The formats a data file's extension names (any case). */
const NAMED: Record<string, string> = { '.csv': 'CSV', '.tsv': 'TSV', '.json': 'JSON', '.parquet': 'Parquet' };

/**
 * Checks the `--out` name of `command` against what it writes (`written`: "CSV", "JSON", "Parquet", "a text table", or
 * a folder of Parquet files) and returns a warning where the name says another format (`q.json` holding CSV, a folder
 * named `export.csv`), else undefined. `-` (stdout) passes.
 *
 * @throws ConfigError `USAGE_ERROR` for a file with a workbook's name (`.xlsx`, `.xls`, `.ods` …): Excel refuses such a file
 *   holding text ("the file format or file extension is not valid"), where `q.csv` opens in it (it was written, exit 0).
 */
export function checkOutName(command: 'query' | 'export', out: string | undefined, written: string, renamed: string): string | undefined {
  if (out === undefined || out === '-') return undefined;
  const isFolder = written.startsWith('a folder');
  if (WORKBOOK.test(out) && !isFolder) {
    throw new ConfigError('USAGE_ERROR', `--out ${out}: ${command} writes no Excel workbook, and Excel does not open ${written} under a workbook's name`, {
      hint: `name it ${out.replace(WORKBOOK, renamed)}${renamed === '.csv' ? ': Excel opens CSV' : ''}`,
    });
  }
  const named = WORKBOOK.test(out) ? 'an Excel workbook' : NAMED[extname(out).toLowerCase()];
  if (named === undefined || (isFolder ? named === 'Parquet' : named === written)) return undefined;
  return `--out ${out} holds ${written}, not ${named} as its name says`;
}
