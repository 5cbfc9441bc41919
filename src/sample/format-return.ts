import { RETURN_COLUMN_NAMES } from '../schema/return-format.js';
import { formatCsvCell } from '../io/write-csv.js';
import type { SampleRow } from './sample-block.js';

/** The return format's columns, in the order the sample writes them. */
export const RETURN_COLUMNS = RETURN_COLUMN_NAMES;

/** Options of {@link formatReturn}. */
export interface FormatReturnOptions {
  /** Indicators whose values are tenths of a kilogram (written with one decimal where needed). */
  kilogramIndicators: ReadonlySet<string>;
  /** Leave OBS_STATUS and CONF_STATUS empty when they are the defaults `A` and `F`. */
  isLeavingDefaultsEmpty: boolean;
}

/**
 * Returns the CSV text of one return: header, one line per row, LF line ends, comma delimiter, fields quoted only
 * when they hold a comma, quote or line break.
 *
 * @example formatReturn('ROU', rows, { kilogramIndicators: new Set(['DRG_SEIZ_KG']), isLeavingDefaultsEmpty: false })
 */
export function formatReturn(state: string, rows: readonly SampleRow[], options: FormatReturnOptions): string {
  const lines = [RETURN_COLUMNS.join(',')];
  for (const row of rows) {
    const value = options.kilogramIndicators.has(row.indicator) ? formatTenths(row.value) : String(row.value);
    const status = options.isLeavingDefaultsEmpty && row.status === 'A' ? '' : row.status;
    const conf = options.isLeavingDefaultsEmpty && row.conf === 'F' ? '' : row.conf;
    const cells = [state, String(row.timePeriod), row.indicator, row.SEX, row.AGE, row.COUNTERPART_AREA, row.BREAKDOWN, value, status, conf, row.comment];
    lines.push(cells.map(quoteCsv).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** Returns `value` as a CSV field, quoted only when needed (the project's one rule for a CSV cell). */
export function quoteCsv(value: string): string {
  return formatCsvCell(value);
}

function formatTenths(tenths: number): string {
  const whole = Math.floor(tenths / 10);
  const decimal = tenths % 10;
  return decimal === 0 ? String(whole) : `${whole}.${decimal}`;
}
