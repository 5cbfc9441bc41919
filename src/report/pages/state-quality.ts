import { formatCount, formatShare, listInProse } from '../format-number.js';
import { html, type Markup } from '../html.js';
import type { QualityInfo } from '../review-model.js';
import { proseName } from './prose-name.js';
import type { ReviewIndex } from './review-index.js';
import { isWithheldFigure } from './withheld-figure.js';

/** The most series a note names one by one; more are counted, their flags shown in the table. */
const NAMED_AT_MOST = 6;

/**
 * Returns a state profile's data-quality facts for the reference year's return in force, and under them the note
 * naming what the counts are of: the catalogue's series the return did not report, and the series it flagged
 * provisional or estimated (the population among them, which its table does not show but its rates rest on).
 * A share reads as the count it is ("1 of 37 series"), "none" for no series, where every page printed "0.0% of
 * series reported" and Greece's "2.7%" pointed at no flag in its table.
 *
 * @example renderQuality(ix, 'GRC', q) // … <dt>Provisional (P)</dt><dd>1 of 37 series</dd> … Provisional (P): population (mid-year).
 */
export function renderQuality(ix: ReviewIndex, iso3: string, q: QualityInfo): Markup {
  const { model } = ix;
  const own = model.totals.filter((t) => t.iso3 === iso3 && t.year === model.year && t.source === 'RETURN');
  const count = (share: number | null) => (share === null ? null : Math.round(share * q.seriesReported));
  const provisional = count(q.shareProvisional);
  const estimated = count(q.shareEstimated);
  const reported = new Set(own.map((t) => t.indicator));
  // the catalogue's series with no figure in the return (a figure the state marked confidential was reported)
  const missing = model.indicators.filter((i) => !reported.has(i.code) && !isWithheldFigure(ix, iso3, i.code, model.year));
  const flagged = (status: string) => model.indicators.filter((i) => own.some((t) => t.indicator === i.code && t.status === status));
  // a list is named only where it is the one the count is of (data_quality counts what the review may not show)
  const names = (list: readonly { name: string }[], n: number | null) => (n !== null && n > 0 && list.length === n && n <= NAMED_AT_MOST ? listInProse(list.map((i) => proseName(i))) : '');
  const notReported = names(missing, q.seriesExpected - q.seriesReported);
  const notes = [
    notReported ? `Not reported for ${model.year}: ${notReported}.` : '',
    names(flagged('P'), provisional) ? `Provisional (P): ${names(flagged('P'), provisional)}.` : '',
    names(flagged('E'), estimated) ? `Estimated (E): ${names(flagged('E'), estimated)}.` : '',
  ].filter((n) => n !== '');
  return html`<dl class="facts">
<div><dt>Series reported</dt><dd>${formatCount(q.seriesReported)} of ${formatCount(q.seriesExpected)} (${formatShare(q.seriesExpected ? q.seriesReported / q.seriesExpected : null)})</dd></div>
<div><dt>Provisional (P)</dt><dd>${ofSeries(provisional, q.seriesReported)}</dd></div>
<div><dt>Estimated (E)</dt><dd>${ofSeries(estimated, q.seriesReported)}</dd></div>
<div><dt>Breaks in series</dt><dd>${q.breaks === 0 ? 'none' : formatCount(q.breaks)}</dd></div>
<div><dt>Warnings accepted</dt><dd>${q.warningsAccepted === 0 ? 'none' : formatCount(q.warningsAccepted)}</dd></div>
</dl>${notes.length ? html`\n<p class="facts-note">${notes.join(' ')}</p>` : html``}`;
}

/** A count of the return's series as a quality fact: 'none', '1 of 37 series', '–' where the return reported none. */
function ofSeries(n: number | null, of: number): string {
  if (n === null) return '\u2013';
  return n === 0 ? 'none' : `${formatCount(n)} of ${formatCount(of)} series`;
}
