import type { ReviewIndex } from './review-index.js';

/**
 * Returns true when `iso3` gave a figure for `indicator` in `year` that is not published because it is confidential
 * (CONF_STATUS C or N, or withheld as Q with a value): no total reaches the review, but the group's regional total
 * counts the state as reporting (its coverage, "12 of 13", does). Only that there is a figure is said, never it.
 *
 * @example isWithheldFigure(ix, 'AZE', 'COR_LEO_INV', 2024) // true where Azerbaijan gave its 2024 figure as C
 */
export function isWithheldFigure(ix: ReviewIndex, iso3: string, indicator: string, year: number): boolean {
  if (ix.total(iso3, indicator, year) !== undefined) return false;
  return ix.model.regional.some((r) => r.indicator === indicator && r.year === year && r.reportingStates.includes(iso3));
}
