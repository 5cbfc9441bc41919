import * as aq from 'arquero';

/** A year-on-year change of one series, like-for-like. */
export interface ChangeRow {
  series: string;
  year: number;
  /** Relative change from the previous year (0.1 = +10%); null when no state reported both years. */
  change: number | null;
}

/** A chain-linked index value (first year of each series = 100). */
export interface IndexRow {
  series: string;
  year: number;
  index: number | null;
}

/**
 * Returns a chain-linked index per series: 100 in its first year, then each year the previous index times
 * (1 + like-for-like change). A year without a comparable change breaks the chain: that year and every later one
 * get null rather than a level that would mix different sets of states.
 *
 * @example chainIndex([{ series: 'A', year: 1, change: null }, { series: 'A', year: 2, change: 0.1 }])
 *   // [{ series: 'A', year: 1, index: 100 }, { series: 'A', year: 2, index: 110 }]
 */
export function chainIndex(rows: readonly ChangeRow[]): IndexRow[] {
  if (rows.length === 0) return [];
  const { op } = aq;
  const prepared = aq
    .from(rows.map((r) => ({ series: r.series, year: r.year, change: r.change })))
    .groupby('series')
    .orderby('year')
    .derive({ step: () => op.row_number() })
    .ungroup()
    .objects() as (ChangeRow & { step: number })[];
  const withLog = prepared.map((r) => ({
    ...r,
    gap: r.step > 1 && (r.change === null || r.change <= -1) ? 1 : 0,
    log: r.step === 1 || r.change === null || r.change <= -1 ? 0 : Math.log1p(r.change),
  }));
  return (
    aq
      .from(withLog)
      .groupby('series')
      .orderby('year')
      .derive({ gaps: aq.rolling((d: { gap: number }) => op.sum(d.gap)), sum: aq.rolling((d: { log: number }) => op.sum(d.log)) })
      .ungroup()
      .orderby('series', 'year')
      .objects() as (ChangeRow & { gaps: number; sum: number })[]
  ).map((row) => ({ series: row.series, year: row.year, index: row.gaps > 0 ? null : Math.round(100 * Math.exp(row.sum) * 1e6) / 1e6 }));
}
