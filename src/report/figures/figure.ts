import type { TopLevelSpec } from 'vega-lite';

/** How a column of a figure's data table is formatted. */
/** `kg`: a column of kilograms, every value with one decimal (a `count` column drops it from a whole value). */
export type ColumnFormat = 'text' | 'year' | 'count' | 'kg' | 'rate' | 'share' | 'change' | 'ratio';

/** A column of a figure's data table and CSV download. */
export interface FigureColumn {
  field: string;
  title: string;
  format: ColumnFormat;
  /** The format of this column's cell in `row` where rows differ (a regional total in kilograms among counts). */
  formatOf?: (row: Readonly<Record<string, unknown>>) => ColumnFormat;
  /**
   * Left out of the page's table when no row has a value in it (an "Imported from" column where every figure is
   * from the returns), rather than printed as a column of blanks; the CSV keeps it, so its columns never change.
   */
  omitWhenEmpty?: boolean;
}

/** A cell of a figure's data. */
export type FigureValue = string | number | null;

/** One row of a figure's data. */
export type FigureRow = Record<string, FigureValue>;

/**
 * A numbered figure of the review: the chart, the data behind it (shown as a table and offered as CSV), a text
 * alternative generated from that data, its source and notes.
 */
export interface Figure {
  /** Page-unique id, also the stem of its CSV and spec files: `fig-4-2`, `fig-rou-1`. */
  id: string;
  /** As cited in the text: `4.2`. */
  number: string;
  title: string;
  spec: TopLevelSpec;
  columns: FigureColumn[];
  rows: FigureRow[];
  /** The text alternative: what the chart shows, in words. */
  description: string;
  source: string;
  notes: string[];
}
