import { formatCsvRow, neutraliseFormula } from '../io/write-csv.js';
import type { Cell, Store } from '../store/index.js';
import { formatPlainNumber } from '../io/format-plain-number.js';
import { selectExport, type ExportOptions } from './select-export.js';

/** The byte-order mark Excel needs to read a CSV file as UTF-8. */
const UTF8_BOM = '\ufeff';

/**
 * Returns the number of observations written by `write` as CSV (`csv`) or SDMX-CSV 2.0 (`sdmx-csv`): a header, then
 * one line per observation (LF endings, RFC 4180 quoting), streamed chunk by chunk.
 *
 * Numbers (TIME_PERIOD, OBS_VALUE) are written plainly and exactly — shortest round-trip form, never an exponent —
 * and never altered. In `csv`, meant for spreadsheets, a text cell starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return gets a leading apostrophe (formula injection); `sdmx-csv` is for machines and keeps every text as
 * it is, so that it reads back into a warehouse without loss. `csv` starts with a UTF-8 byte-order mark: without it,
 * Excel opening the file reads it in the Windows code page, and a comment in Cyrillic or with `ü` comes out garbled
 * (`Кражба` as `РљСЂР°Р¶Р±Р°`); DuckDB's `read_csv` and `validate` skip the mark.
 */
export async function writeCsvExport(store: Store, options: ExportOptions, write: (text: string) => Promise<void>): Promise<number> {
  const { sql, params } = selectExport(options);
  const isSpreadsheet = options.format === 'csv';
  const start = isSpreadsheet ? UTF8_BOM : '';
  let rows = 0;
  let isNumeric: boolean[] = [];
  const columns = await store.stream(
    sql,
    async (chunk, cols) => {
      if (rows === 0) {
        isNumeric = cols.types.map((type) => type !== 'VARCHAR');
        await write(`${start}${formatCsvRow(cols.names)}\n`);
      }
      rows += chunk.length;
      await write(chunk.map((row) => `${formatCsvRow(row.map((cell, i) => formatExportCell(cell, isNumeric[i]!, isSpreadsheet)))}\n`).join(''));
    },
    params,
  );
  if (rows === 0) await write(`${start}${formatCsvRow(columns.names)}\n`);
  return rows;
}

function formatExportCell(cell: Cell, isNumeric: boolean, isSpreadsheet: boolean): string | null {
  if (cell === null) return null;
  if (isNumeric) return typeof cell === 'number' ? formatPlainNumber(cell) : String(cell);
  const text = String(cell);
  return isSpreadsheet ? neutraliseFormula(text) : text;
}
