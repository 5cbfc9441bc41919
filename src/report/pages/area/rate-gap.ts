import type { ReviewIndex } from '../review-index.js';
import { isWithheldFigure } from '../withheld-figure.js';

/**
 * Why a member has no rate to show for an indicator and year: it gave no figure (`none`), its figure is confidential
 * (`withheld`: CONF_STATUS C or N, or withheld as Q, which the regional total counts as reported but no mart
 * publishes), it is a count below the small-count threshold (`small`, published as "<5" only, its rate not at all), or
 * it gave a figure with no population to relate it to (`unrated`).
 */
export type RateGap = 'none' | 'withheld' | 'small' | 'unrated';

/**
 * Returns why `iso3` has no rate for `indicator` in `year`, or null when it has one. A withheld figure is told apart
 * from a missing one by the group's regional total, whose reporting states include the members whose figure is
 * confidential (the value stays out of the review; only that there is one is said, as Table 3.1's coverage does).
 *
 * @example rateGap(ix, 'AZE', 'COR_OFF', 2025) // 'withheld' where Azerbaijan gave its figure as C
 */
export function rateGap(ix: ReviewIndex, iso3: string, indicator: string, year: number): RateGap | null {
  const t = ix.total(iso3, indicator, year);
  if (t?.rate != null) return null;
  if (t?.display != null) return 'small';
  if (t?.value != null) return 'unrated';
  return isWithheldFigure(ix, iso3, indicator, year) ? 'withheld' : 'none';
}

/**
 * Returns the short label a chart prints or shows in a tooltip where a state's bar or shape has no rate, "<5" being
 * the review's small-count display.
 *
 * @example rateGapLabel('small', 5) // '<5'
 */
export function rateGapLabel(gap: RateGap, threshold: number): string {
  return gap === 'withheld' ? 'confidential' : gap === 'small' ? `<${threshold}` : gap === 'unrated' ? 'no population' : 'no data';
}
