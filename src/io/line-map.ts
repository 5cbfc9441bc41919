import type { Store } from '../store/index.js';
import { quoteIdent } from '../store/index.js';
import type { CsvScan } from './csv-scan.js';
import type { LineSql } from './csv-read.js';

/**
 * Physical-line bookkeeping for the records after the header: DuckDB numbers rejected records by "line" counting a
 * multi-line record once, and numbers accepted ones only by order, so both are translated here.
 */
export class LineMap {
  /** [physical start, extra lines] of each multi-line record, in order. */
  private readonly multi: Array<[number, number]>;
  private readonly blank: number[];
  private readonly headerLine: number;
  private readonly lineCount: number;
  readonly recordCount: number;

  constructor(scan: CsvScan) {
    this.headerLine = scan.headerLine ?? 0;
    this.lineCount = scan.lineCount;
    this.multi = scan.multiLineRecords.filter(([start]) => start > this.headerLine).map(([start, end]) => [start, end - start]);
    if (scan.unterminatedQuoteLine !== undefined && scan.unterminatedQuoteLine > this.headerLine) {
      this.multi.push([scan.unterminatedQuoteLine, scan.lineCount - scan.unterminatedQuoteLine]);
    }
    this.blank = scan.blankLines.filter((l) => l > this.headerLine);
    const continuation = this.multi.reduce((sum, [, extra]) => sum + extra, 0);
    this.recordCount = Math.max(0, this.lineCount - this.headerLine - this.blank.length - continuation);
  }

  /** Returns the physical line of the record DuckDB calls `duckLine`. */
  physicalOfDuckLine(duckLine: number): number {
    let physical = duckLine;
    for (const [start, extra] of this.multi) {
      if (start < physical) physical += extra;
      else break;
    }
    return physical;
  }

  /** Returns the last physical line of the record that starts at `line`. */
  lastLineOf(line: number): number {
    const record = this.multi.find(([start]) => start === line);
    return record === undefined ? line : line + record[1];
  }

  /**
   * Returns a SQL expression for the physical line of a row of the loaded table (aliased `r`), given the records
   * DuckDB rejected (which take no rowid). Lines that hold no accepted record start shift the mapping; a handful of
   * shifts become a CASE expression, more become a segment table joined by the caller's ASOF join.
   */
  async lineSql(store: Store, table: string, rejected: Set<number>): Promise<LineSql> {
    const skip: number[] = [...this.blank, ...rejected];
    for (const [start, extra] of this.multi) {
      for (let l = start + 1; l <= start + extra; l++) skip.push(l);
    }
    const sorted = [...new Set(skip)].sort((a, b) => a - b);
    // line(rowid) = rowid + offset; offset starts at headerLine + 1 and grows by one at every skipped line
    const segments: Array<[number, number]> = [[0, this.headerLine + 1]];
    let offset = this.headerLine + 1;
    for (const line of sorted) {
      const firstRowid = line - offset; // rowid of the first accepted record after this line
      offset += 1;
      const last = segments[segments.length - 1]!;
      if (last[0] === firstRowid) last[1] = offset;
      else segments.push([firstRowid, offset]);
    }
    if (segments.length <= 32) {
      const cases = segments
        .slice(1)
        .reverse()
        .map(([from, off]) => `when r.rowid >= ${from} then ${off}`)
        .join(' ');
      const expression = cases === '' ? `(r.rowid + ${segments[0]![1]})::integer` : `(r.rowid + case ${cases} else ${segments[0]![1]} end)::integer`;
      return { join: '', expression };
    }
    const segmentTable = quoteIdent(`${table}_lines`);
    await store.run(`create or replace temp table ${segmentTable} (first_rowid bigint, line_offset bigint)`);
    await store.run(`insert into ${segmentTable} values ${segments.map(([from, off]) => `(${from}, ${off})`).join(', ')}`);
    return { join: `asof join ${segmentTable} as line_segment on r.rowid >= line_segment.first_rowid`, expression: '(r.rowid + line_segment.line_offset)::integer' };
  }
}
