import * as aq from 'arquero';

/**
 * Returns the rows with a `share` column: each row's `value` over the sum of `value` within its group (the rows
 * that agree on every field in `by`). A group summing to zero gets null shares.
 *
 * @example shareWithin([{ s: 'A', v: 1 }, { s: 'A', v: 3 }], ['s'], 'v') // shares 0.25 and 0.75
 */
export function shareWithin<T extends Record<string, unknown>>(rows: readonly T[], by: readonly (keyof T & string)[], value: keyof T & string): (T & { share: number | null })[] {
  if (rows.length === 0) return [];
  const { op } = aq;
  const shares = aq
    .from(rows.map((r, i) => ({ key: by.map((k) => String(r[k])).join('\u0000'), v: Number(r[value]), i })))
    .groupby('key')
    .derive({ share: (d: { v: number }) => (op.sum(d.v) === 0 ? null : d.v / op.sum(d.v)) })
    .ungroup()
    .orderby('i')
    .array('share') as (number | null)[];
  return rows.map((r, i) => ({ ...r, share: shares[i] ?? null }));
}
