import type { Dimension } from '../schema/reference.js';

/** One cell of an indicator's full cross-classification; dimensions the indicator does not use are `_T`. */
export interface Leaf {
  SEX: string;
  AGE: string;
  COUNTERPART_AREA: string;
  BREAKDOWN: string;
  /** A count, or tenths of a kilogram for an indicator in KG. */
  value: number;
}

/** One indicator's figures for one state and year: the leaves and which margins of them the state reports. */
export interface Block {
  indicator: string;
  leaves: Leaf[];
  /** Each margin lists the dimensions broken down (the others are `_T`); `[]` is the total. */
  margins: Dimension[][];
}

/** An observation as written to a return, before formatting. */
export interface SampleRow {
  timePeriod: number;
  indicator: string;
  SEX: string;
  AGE: string;
  COUNTERPART_AREA: string;
  BREAKDOWN: string;
  /** A count, or tenths of a kilogram for an indicator in KG. */
  value: number;
  status: string;
  conf: string;
  comment: string;
}

const TOTAL_LEAF: Omit<Leaf, 'value'> = { SEX: '_T', AGE: '_T', COUNTERPART_AREA: '_T', BREAKDOWN: '_T' };

/** Returns a leaf with the given dimensions set and every other dimension `_T`. */
export function leaf(value: number, dims: Partial<Omit<Leaf, 'value'>> = {}): Leaf {
  return { ...TOTAL_LEAF, ...dims, value };
}

/** Returns the leaves with each value thinned binomially by `rate` (a later criminal-justice stage). */
export function thinLeaves(leaves: readonly Leaf[], rate: number, binomial: (n: number, p: number) => number): Leaf[] {
  return leaves.map((l) => ({ ...l, value: binomial(l.value, rate) }));
}

/**
 * Returns the rows a state reports for `block`: every margin in order, each summed from the leaves, so that
 * breakdowns always add up to their total. Counterpart rows are listed largest first and only when non-zero
 * (returns name the countries that occurred); other codes are listed in the order the leaves first use them
 * (code-list order), zeros included.
 */
export function blockRows(block: Block, timePeriod: number): SampleRow[] {
  const firstUse = new Map<string, number>();
  for (const l of block.leaves) {
    for (const dim of ['SEX', 'AGE', 'BREAKDOWN'] as const) {
      if (!firstUse.has(`${dim}/${l[dim]}`)) firstUse.set(`${dim}/${l[dim]}`, firstUse.size);
    }
  }
  const rows: SampleRow[] = [];
  for (const margin of block.margins) {
    const sums = new Map<string, SampleRow>();
    for (const l of block.leaves) {
      const row: SampleRow = { timePeriod, indicator: block.indicator, ...TOTAL_LEAF, value: 0, status: 'A', conf: 'F', comment: '' };
      for (const dim of margin) row[dim] = l[dim];
      const key = `${row.SEX}|${row.AGE}|${row.COUNTERPART_AREA}|${row.BREAKDOWN}`;
      const existing = sums.get(key);
      if (existing) existing.value += l.value;
      else sums.set(key, { ...row, value: l.value });
    }
    let marginRows = [...sums.values()];
    const isCounterpart = margin.includes('COUNTERPART_AREA');
    if (isCounterpart) marginRows = marginRows.filter((row) => row.value > 0);
    const rank = (code: string): number => firstUse.get(code) ?? -1;
    marginRows.sort((a, b) => {
      if (isCounterpart) {
        const unknownLast = Number(a.COUNTERPART_AREA === '_U') - Number(b.COUNTERPART_AREA === '_U');
        if (unknownLast !== 0) return unknownLast;
        if (a.value !== b.value) return b.value - a.value;
        return a.COUNTERPART_AREA < b.COUNTERPART_AREA ? -1 : 1;
      }
      for (const dim of margin) {
        const diff = rank(`${dim}/${a[dim]}`) - rank(`${dim}/${b[dim]}`);
        if (diff !== 0) return diff;
      }
      return 0;
    });
    rows.push(...marginRows);
  }
  return rows;
}
