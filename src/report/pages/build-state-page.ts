import { buildStateChart, isAlone, type StateChartRow } from '../charts/build-state-chart.js';
import type { Figure } from '../figures/figure.js';
import { renderFigure } from '../figures/render-figure.js';
import { formatAmount, formatChange, formatRate, listInProse, plural, spanOfYears, yearRange, yearSpan } from '../format-number.js';
import { html, type Markup } from '../html.js';
import type { ReturnInfo, StateInfo, TotalPoint, TrendInfo } from '../review-model.js';
import { dateText } from './deadline-text.js';
import { isWithheldFigure } from './withheld-figure.js';
import { proseName, shortName, stateInProse, upperFirst } from './prose-name.js';
import { renderFileName } from './render-file-name.js';
import { stateComments } from './state-comments.js';
import { renderQuality } from './state-quality.js';
import { isSmallBase, stateTableMarks } from './state-table-note.js';
import { MIN_BASE } from './build-key-findings.js';
import { rateBreaks, rateBreaksText } from './rate-breaks.js';
import { renderSparkline } from './render-sparkline.js';
import type { ReviewIndex } from './review-index.js';
import { importMark, importedWithoutReturn, importedWithoutReturnText, populationFlagNote, populationText, sourceText } from './source-line.js';

/** A state's profile page: its body and the one figure it holds. */
export interface StatePage {
  iso3: string;
  title: string;
  body: Markup;
  figures: Figure[];
}

/**
 * Returns a state's profile: its return and data quality, its headline rates against the regional median, every
 * indicator it reported (sparkline, last two values, change, rate, median, direction, flags) and the comments
 * from its return, reproduced as submitted (escaped).
 */
export function buildStatePage(ix: ReviewIndex, state: StateInfo): StatePage {
  const { model } = ix;
  const r = model.returns.find((x) => x.iso3 === state.iso3);
  const q = model.quality.find((x) => x.iso3 === state.iso3);
  const figure = buildStateFigure(ix, state);
  const areas = [...model.areas].filter((a) => a.chapter !== 'context').sort((a, b) => a.sortOrder - b.sortOrder);
  // the state's own years, from its first to its last crime figure in the period: the table and its sparklines name
  // and draw those, not the period (a state that stopped reporting in 2022 is not 'reported, 2016–2025')
  const years = yearRange(ix.yearsWithFigures((t) => t.iso3 === state.iso3));
  // the table's two years are the state's latest two with a figure: a state that stopped reporting in 2022 shows 2021
  // and 2022, their change and rate, and the regional median of 2022, not columns of '–' for the reference year
  // beside a median it has no figure to be compared with
  const latest = years[years.length - 1] ?? model.year;
  const prev = latest - 1;
  const isBehind = latest < model.year;
  // a direction taken from fewer years than the window's (a year without a figure, a break's cut) says on how many
  const shownAreas = new Set(areas.map((a) => a.area));
  const partial = model.trends.filter((t) => t.iso3 === state.iso3 && isPartial(t, model) && shownAreas.has(ix.indicator(t.indicator).area));
  // a cell of the two years whose figure is confidential prints "c", which the table's note then explains
  const hasWithheldCell = model.indicators.some((i) => shownAreas.has(i.area) && [prev, latest].some((y) => isWithheldFigure(ix, state.iso3, i.code, y)));
  const tables = areas.map((area) => {
    // an indicator whose figures in the state's years are confidential was reported all the same: its row shows "c"
    const rows = model.indicators.filter((i) => i.area === area.area && (model.totals.some((t) => t.iso3 === state.iso3 && t.indicator === i.code)
      || years.some((y) => isWithheldFigure(ix, state.iso3, i.code, y))));
    if (rows.length === 0) return html``;
    return html`<tr class="group"><th colspan="8" scope="colgroup"><span class="swatch" style="${`background:${area.colour}`}"></span>${area.name}</th></tr>
${rows.map((ind) => {
  const series = years.map((y) => ix.total(state.iso3, ind.code, y)?.value ?? null);
  const marks = years.map((y) => importMark(ix.total(state.iso3, ind.code, y)));
  const now = ix.total(state.iso3, ind.code, latest);
  const before = ix.total(state.iso3, ind.code, prev);
  const median = model.regional.find((p) => p.indicator === ind.code && p.year === latest)?.medianRate ?? null;
  const trend = model.trends.find((t) => t.iso3 === state.iso3 && t.indicator === ind.code);
  // a year whose figure the state marked confidential has a figure, not published: "no figure since" counts it
  const last = Math.max(0, ...years.filter((y) => ix.total(state.iso3, ind.code, y) !== undefined || isWithheldFigure(ix, state.iso3, ind.code, y)));
  const cell = (point: TotalPoint | undefined, year: number) => (point === undefined && isWithheldFigure(ix, state.iso3, ind.code, year)
    ? html`<abbr class="withheld" title="confidential: a figure was given, not published">c</abbr>`
    : html`${value(point?.display ?? null, point?.value ?? null, ind.unit)}${flag(point?.status)}${imported(point)}${derived(point)}`);
  return html`<tr id="ind-${ind.code}"><th scope="row">${shortName(ind, area.name)}</th><td class="spark-cell">${renderSparkline(series, years, area.colour, years.map((y) => ix.total(state.iso3, ind.code, y)?.display ?? null), marks)}${sparkImports(years, marks)}</td>
<td class="num">${cell(before, prev)}</td><td class="num">${cell(now, latest)}</td>
<td class="num">${formatChange(now?.change ?? null)}${isSmallBase(before, now, ind.unit) ? html`<sup class="flag" title="${`from ${formatAmount(before?.value ?? null, ind.unit)} in ${prev}, a count below ${MIN_BASE}: a few cases make a large percentage`}">\u2020</sup>` : html``}</td><td class="num">${formatRate(now?.rate ?? null)}</td><td class="num">${formatRate(median)}</td><td class="trend">${trend ? trendText(trend, last, model) : '\u2013'}</td></tr>`;
})}`;
  });
  // each comment's text once: over its years and over the indicators it was given on (state-comments.ts)
  const comments = stateComments(model.comments.filter((c) => c.iso3 === state.iso3), (code) => ix.indicator(code));
  const span = spanOfYears(years);
  // a state with no figure at all in the review's years (a first assessment it missed, or no return for years) gets
  // no empty table and no claim of 'figures for earlier years'
  const hasFigures = model.totals.some((t) => t.iso3 === state.iso3 && ix.indicator(t.indicator).stage !== 'CONTEXT');
  // a return in force whose every series is withheld (C, N or Q: counted by data_quality, never published) sent
  // figures: the page says they are withheld, not that the state has none
  const withheld = !hasFigures && r?.isInForce && (q?.seriesReported ?? 0) > 0
    ? `every figure of ${stateInProse(state.name)}’s return for ${model.year} is confidential or withheld by the ${ix.nouns.bareOne} (flag C, N or Q), so none is published in this review.`
    : '';
  const missing = model.years.length > 1
    ? html`No return for ${model.year} was received from ${stateInProse(state.name)}, and this review holds no figure from it for ${yearSpan(model.years[0] ?? model.year, model.year - 1)} either: it has no figure in this review.`
    : html`No return for ${model.year} was received from ${stateInProse(state.name)}: it has no figure in this review.`;
  // where its figures come from: a state that never returned had UNODC's figures read as "its earlier returns"
  const origin = (keep: (t: TotalPoint) => boolean) => {
    const sources = new Set(model.totals.filter((t) => t.iso3 === state.iso3 && ix.indicator(t.indicator).stage !== 'CONTEXT' && keep(t)).map((t) => t.source));
    const imports = [...sources].filter((src) => src !== 'RETURN').sort().map((src) => `${importMark({ source: src })}’s published data`);
    return listInProse([...(sources.has('RETURN') ? ['its earlier returns'] : []), ...imports]);
  };
  // a state whose every figure here is imported (it never returned) has no "earlier returns" to take comments from
  const fromReturns = model.totals.some((t) => t.iso3 === state.iso3 && t.source === 'RETURN');
  const importedNow = importedWithoutReturnText(importedWithoutReturn(ix, [state.iso3]));
  const earlier = isBehind
    ? html`No return for ${model.year} was received from ${stateInProse(state.name)}${latest + 1 < model.year ? `, and this review holds no figure from it for ${yearSpan(latest + 1, model.year - 1)} either` : ''}: its latest figures, shown here, are for ${latest}, from ${origin((t) => t.year === latest)}.`
    : html`No return for ${model.year} was received from ${stateInProse(state.name)}.${importedNow ? ` Its ${model.year} figures are the ${importedNow}, marked in its table.` : ''}${model.totals.some((t) => t.iso3 === state.iso3 && t.year < model.year && ix.indicator(t.indicator).stage !== 'CONTEXT') ? ` Figures shown for earlier years come from ${origin((t) => t.year < model.year)}.` : ''}`;
  const body = html`<p class="lede">${r?.isReceived ? returnText(stateInProse(state.name), model.year, r) : hasFigures ? earlier : missing}</p>
<section class="section" id="quality"><h2>Data quality</h2>
${r?.isReceived && !r.isInForce ? html`<p class="no-data">No quality summary: the return for ${model.year} was rejected, so none of it was taken in.</p>` : q ? renderQuality(ix, state.iso3, q) : html`<p class="no-data">No quality summary: no return for ${model.year}.</p>`}
</section>
<section class="section" id="against-region"><h2>Against the regional median</h2>
${figure ? renderFigure(figure, '../') : html`<p class="no-data">${hasFigures ? noRateText(ix, state) : withheld ? `No rate to set against the median: ${withheld}` : `No rate to set against the median: ${stateInProse(state.name)} has no figure for ${ix.period}.`}</p>`}
</section>
<section class="section" id="indicators"><h2>Every indicator</h2>
${!hasFigures ? html`<p class="no-data">No indicator: ${withheld || `${stateInProse(state.name)} has no figure for ${ix.period}.`}</p>` : html`<div class="table-wrap"><table class="data indicators">
<caption><span class="table-label">Table ${state.iso3}.1</span> Indicators reported by ${stateInProse(state.name)}, ${span}${isBehind ? ` (latest figures: ${latest}; none for ${yearSpan(latest + 1, model.year)})` : ''}</caption>
<thead><tr><th scope="col">Indicator</th><th scope="col">${span}</th><th scope="col" class="num">${prev}</th><th scope="col" class="num">${latest}</th><th scope="col" class="num">Change</th><th scope="col" class="num">Per 100,000</th><th scope="col" class="num">${isBehind ? `Regional median, ${latest}` : 'Regional median'}</th><th scope="col">Trend</th></tr></thead>
<tbody>${tables}</tbody>
</table></div>
<p class="table-note">${isBehind ? `${upperFirst(stateInProse(state.name))} has no figure for ${yearSpan(latest + 1, model.year)}: ${ix.yearsWithFigures((t) => t.iso3 === state.iso3).includes(prev) ? `the columns give its latest two years, ${prev} and ${latest}, the change between them,` : `the columns give ${prev} and ${latest}, its latest year with a figure (none for ${prev}, and so no change),`} its rate per 100,000 and the regional median of ${latest}. Trend: the direction over ${trendWindow(model)}, the review\u2019s last ${plural(model.rules.trendYears, 'year')}, taken from the years in it with a figure; a series with fewer than ${model.rules.trendMinPoints} such years has none. ` : ''}${partial.length ? `${partialNote(partial, model, isBehind)} ` : ''}${stateTableMarks(ix, state.iso3, years, prev, latest, shownAreas)}${derivedNote(ix, state.iso3, [prev, latest])}${hasWithheldCell ? ` \u201cc\u201d: a figure the ${ix.nouns.bareOne} gave but marked confidential (C, N or Q), not published (see the annex); its change and rate are not given either.` : ''}</p>`}
</section>
<section class="section" id="comments"><h2>${r?.isInForce || (!hasFigures && r?.isReceived) ? 'Comments from the return' : fromReturns ? 'Comments from its earlier returns' : 'Comments'}</h2>
${comments.length ? html`<ul class="comments">${comments.map((c) => html`<li><span class="comment-on">${c.on}:</span> <q>${c.comment}</q></li>`)}</ul>` : html`<p>${r?.isReceived && !r.isInForce ? `No comments: the return for ${model.year} was rejected${hasFigures ? ', and the returns for earlier years carried none' : ''}.` : r?.isReceived ? 'The return carried no comments.' : hasFigures ? (fromReturns ? `No return for ${model.year}; its returns for earlier years carried no comments.` : `No return for ${model.year}, nor for an earlier year of this review: its figures are imported, with no comments.`) : `No return for ${model.year}, and so no comments.`}</p>`}
</section>`;
  return { iso3: state.iso3, title: `${state.name}: ${ix.nouns.bareOne} profile ${model.year}`, body, figures: figure ? [figure] : [] };
}

function buildStateFigure(ix: ReviewIndex, state: StateInfo): Figure | null {
  const { model } = ix;
  const headlines = ix.chapters.flatMap((c) => c.areas.flatMap((a) => ix.rateIndicator(a.area) ?? []));
  // from the state's first to its last year with a headline rate: the median alone, before or after, compares nothing
  const codes = new Set(headlines.map((h) => h.code));
  const years = yearRange(ix.yearsWithFigures((t) => t.iso3 === state.iso3 && t.rate !== null && codes.has(t.indicator)));
  // a break in series (the population's or the figure's own) starts the state's line again: never joined across it
  const breaks = rateBreaks(ix, state.iso3, headlines, years);
  const segment = (code: string, year: number) => breaks.filter((b) => b.year <= year && b.indicators.includes(code)).length;
  const rows: StateChartRow[] = headlines.flatMap((ind) =>
    years.flatMap((year) => [
      { panel: ind.name, area: ind.area, year, series: state.name, rate: ix.total(state.iso3, ind.code, year)?.rate ?? null, segment: segment(ind.code, year) },
      { panel: ind.name, area: ind.area, year, series: 'Regional median', rate: model.regional.find((p) => p.indicator === ind.code && p.year === year)?.medianRate ?? null },
    ]),
  );
  const shown = headlines.filter((ind) => rows.some((r) => r.panel === ind.name && r.series === state.name && r.rate !== null));
  if (shown.length === 0) return null;
  const kept = rows.filter((r) => shown.some((s) => s.name === r.panel));
  // the standing is told for the figure's last year: the reference year, or the state's latest with a rate (a state
  // that stopped reporting in 2022 is compared with the median of 2022, as its table is)
  const latest = years[years.length - 1] ?? model.year;
  const above = shown.filter((ind) => {
    const s = kept.find((r) => r.panel === ind.name && r.series === state.name && r.year === latest)?.rate;
    const m = kept.find((r) => r.panel === ind.name && r.series === 'Regional median' && r.year === latest)?.rate;
    return s != null && m != null && s > m;
  });
  const points = shown.flatMap((ind) => years.flatMap((year) => ix.total(state.iso3, ind.code, year) ?? [])).filter((t) => t.rate !== null);
  const prose = stateInProse(state.name);
  const current = shown.filter((ind) => kept.some((r) => r.panel === ind.name && r.series === state.name && r.year === latest && r.rate !== null));
  const whom = current.length === shown.length ? 'them' : `the ${plural(current.length, 'indicator')} with a ${latest} rate`;
  // a state whose rate is the median (the middle one of an odd number of states) is neither above nor below it: 'above
  // the median for none of them' alone read as below it, of Kosovo, whose every rate was the median
  const at = shown.filter((ind) => {
    const s = kept.find((r) => r.panel === ind.name && r.series === state.name && r.year === latest)?.rate;
    const m = kept.find((r) => r.panel === ind.name && r.series === 'Regional median' && r.year === latest)?.rate;
    return s != null && m != null && Math.abs(s - m) <= 1e-9 * Math.max(1, Math.abs(m));
  }).filter((ind) => !above.includes(ind));
  const atText = at.length === 0 ? '' : at.length === current.length
    ? `; its rate was the median for ${current.length === 1 ? 'that one' : `all ${current.length}`}`
    : `; its rate was the median for ${plural(at.length, 'indicator')} (${at.map((a) => a.name.toLowerCase()).join('; ')})`;
  const compared = `${above.length === 0 ? 'none' : above.length} of ${whom}${above.length ? ` (${above.map((a) => a.name.toLowerCase()).join('; ')})` : ''}${atText}`;
  const standing = latest < model.year
    ? `${upperFirst(prose)} has no rate for ${yearSpan(latest + 1, model.year)}: the figure ends in ${latest}, its latest year with a rate, when it was above the median for ${compared}.`
    : `In ${model.year} ${prose} was above the median for ${compared}.`;
  const breakText = rateBreaksText(ix, state.name, breaks, shown.length);
  const description = `Small multiples of ${prose}\u2019s rates per 100,000 for ${plural(shown.length, 'headline indicator')}, ${spanOfYears(years)}, each against the regional median. ${standing}${breakText ? ` ${breakText}` : ''}`;
  const id = `fig-${state.iso3.toLowerCase()}-1`;
  return {
    id, number: `${state.iso3}.1`,
    title: `${state.name}: headline rates per 100,000 against the regional median, ${spanOfYears(years)}`,
    spec: buildStateChart(kept, model.areas, shown.map((s) => s.name), state.name, description),
    columns: [
      { field: 'panel', title: 'Indicator', format: 'text' }, { field: 'year', title: 'Year', format: 'year' },
      { field: 'series', title: 'Series', format: 'text' }, { field: 'rate', title: 'Per 100,000', format: 'rate' },
    ],
    rows: kept.map((r) => ({ panel: r.panel, year: r.year, series: r.series, rate: r.rate })),
    description,
    source: `${sourceText(points, ix.nouns)}; population: ${populationText(points, ix.nouns)}.`,
    notes: [`The dashed grey line is the median rate of the ${ix.nouns.many} reporting each year${kept.some((r) => r.series === 'Regional median' && r.rate !== null && isAlone(kept, r)) ? ' (a short grey dash where a year has no median beside it to join)' : ''}.`, ...[breakText, populationFlagNote(ix, points)].filter((n) => n !== '')],
  };
}

/**
 * Returns why a state with figures has no headline rate to set against the median: it reported none of the headline
 * indicators; or it did, but no population covers those years (no POP in its return, no imported population); or its
 * headline figures are all counts below the threshold, whose rates are not published.
 */
function noRateText(ix: ReviewIndex, state: StateInfo): string {
  const { model } = ix;
  const prose = stateInProse(state.name);
  const headlines = ix.chapters.flatMap((c) => c.areas.flatMap((a) => ix.rateIndicator(a.area) ?? []));
  const reported = headlines.filter((h) => model.totals.some((t) => t.iso3 === state.iso3 && t.indicator === h.code));
  if (reported.length === 0) return `${upperFirst(prose)} reported none of the headline indicators.`;
  const names = listInProse(reported.map((h) => proseName(h)));
  const isPublic = reported.some((h) => model.totals.some((t) => t.iso3 === state.iso3 && t.indicator === h.code && t.display === null));
  return isPublic
    ? `No rate to set against the median: ${prose} reported ${names}, but no population figure covers ${reported.length === 1 ? 'it' : 'them'} (indicator POP in its return, or an imported population), so no rate per 100,000 can be given.`
    : `No rate to set against the median: ${prose} reported ${names} only as counts below ${model.rules.smallCountThreshold}, whose rates are not published.`;
}

/** The lede's account of a received return: when, how many versions, the outcome of the one in force. */
function returnText(name: string, year: number, r: ReturnInfo): Markup {
  const timing = (r.daysLate ?? 0) > 0 ? `${plural(r.daysLate ?? 0, 'day')} after the deadline` : 'by the deadline';
  const first = r.firstReceived ? dateText(r.firstReceived) : 'an unknown date';
  const counts = `with ${plural(r.rowsAccepted, 'row')} and ${r.warnings === 0 ? 'no warnings' : plural(r.warnings, 'warning')}`;
  const outcome = r.outcome ?? 'recorded';
  if (r.outcome === 'rejected') {
    // it sent a return, but nothing of the version in force (if any) comes from the latest file
    const errors = `for ${r.errors === 1 ? 'an error' : plural(r.errors, 'error')}`;
    const none = html`none of its figures for ${year} is in this review, which counts them as missing, not zero`;
    if (r.versions <= 1) return html`${upperFirst(name)}\u2019s return for ${year} (${renderFileName(r.fileName)}) was received on ${first}, ${timing}, and rejected ${errors}: ${none}.`;
    return r.isInForce
      ? html`${upperFirst(name)}\u2019s return for ${year} was first received on ${first}, ${timing}. Of the ${r.versions} versions received, the latest (${renderFileName(r.fileName)}${r.lastReceived ? `, received on ${dateText(r.lastReceived)}` : ''}) was rejected ${errors}; the earlier accepted version, with ${plural(r.rowsAccepted, 'row')}, is in force.`
      : html`${upperFirst(name)}\u2019s return for ${year} was first received on ${first}, ${timing}. All ${r.versions} versions received were rejected, the latest (${renderFileName(r.fileName)}${r.lastReceived ? `, received on ${dateText(r.lastReceived)}` : ''}) ${errors}: ${none}.`;
  }
  if (r.versions <= 1) return html`${upperFirst(name)}\u2019s return for ${year} (${renderFileName(r.fileName)}) was received on ${first}, ${timing}, and ${outcome} ${counts}.`;
  return html`${upperFirst(name)}\u2019s return for ${year} was first received on ${first}, ${timing}. Of the ${r.versions} versions received, the one in force (${renderFileName(r.fileName)}${r.lastReceived ? `, received on ${dateText(r.lastReceived)}` : ''}) was ${outcome} ${counts}.`;
}

/** A mark after a sparkline holding imported values, its title naming the years. */
function sparkImports(years: readonly number[], marks: readonly string[]): Markup {
  const sources = [...new Set(marks.filter((m) => m !== ''))].sort();
  if (sources.length === 0) return html``;
  const title = sources.map((s) => `${years.filter((_, i) => marks[i] === s).join(', ')} imported from ${s}`).join('; ');
  return html`<sup class="flag" title="${`${title}: the return had no figure`}">${sources.join(', ')}</sup>`;
}

function value(display: string | null, v: number | null, unit: string): string {
  return display ?? formatAmount(v, unit);
}

function flag(status: string | undefined): Markup {
  return status && status !== 'A' ? html`<sup class="flag" title="${status === 'P' ? 'provisional' : status === 'E' ? 'estimated' : status === 'B' ? 'break in series' : status}">${status}</sup>` : html``;
}

/** What a derived total was summed from, as its mark's title and the table's note say it. */
const DERIVED_FROM: Record<string, string> = { SEX: 'by sex', AGE: 'by age', BREAKDOWN: 'by category' };

/** The mark of a total the return did not give, summed from its complete breakdown: Σ, its title saying which. */
function derived(point: TotalPoint | undefined): Markup {
  return point?.derivedFrom ? html`<sup class="flag" title="${`the sum of the return’s breakdown ${DERIVED_FROM[point.derivedFrom] ?? ''}: it gave no total`}">Σ</sup>` : html``;
}

/**
 * The table's note on the totals of its two years that the return did not give, summed from a complete breakdown
 * (a state that reports only breakdowns): ' Σ: no total in the return: the sum of its breakdown by sex (2025:
 * offences recorded, …)'. Empty when every value shown was reported as a total.
 */
function derivedNote(ix: ReviewIndex, iso3: string, years: readonly number[]): string {
  const points = ix.model.totals.filter((t) => t.iso3 === iso3 && years.includes(t.year) && t.derivedFrom !== undefined);
  if (points.length === 0) return '';
  const from = [...new Set(points.map((p) => DERIVED_FROM[p.derivedFrom ?? ''] ?? ''))].sort();
  return ` Σ: the return gave no total for ${plural(points.length, 'value')} of these columns; each is the sum of its complete breakdown ${from.length > 1 ? `${from.slice(0, -1).join(', ')} or ${from.at(-1) ?? ''}` : (from[0] ?? '')} (see the annex).`;
}

function imported(point: TotalPoint | undefined): Markup {
  const mark = importMark(point);
  return mark ? html`<sup class="flag" title="${`imported from ${mark}: the return had no figure`}">${mark}</sup>` : html``;
}

/**
 * Returns a trend's direction as the table prints it. A series given none whose last figure (`last`) is before the
 * reference year says since when it has none ('no figure since 2022'), not 'too few years' beside seven of them.
 */
/**
 * Returns a state's trend as its table's cell prints it: the direction (`not given (<5)` where the window's counts below
 * the threshold would decide it, so that it would tell their order), and, where the trend rests on fewer years of
 * the window than it has (a year without a figure, or a break in series cutting it), on how many.
 *
 * @example trendText({ direction: 'rising', points: 4, … }, 2025, model) // 'rising <span class="trend-years">(4 of 5 years)</span>'
 */
function trendText(trend: TrendInfo, last: number, model: { year: number; rules: { trendYears: number; smallCountThreshold: number } }): Markup {
  const direction = trend.direction === 'withheld' ? `not given (<${model.rules.smallCountThreshold})` : directionText(trend.direction, last, model.year);
  // the mark goes on a line of its own under the direction, so the column is no wider (on one line it widened
  // Azerbaijan's table past the page's column)
  return isPartial(trend, model) ? html`${direction} <span class="trend-years">(${trend.points} of ${model.rules.trendYears} years)</span>` : html`${direction}`;
}

/** Whether a state's trend has a direction taken from fewer years than the window's. */
function isPartial(trend: TrendInfo, model: { rules: { trendYears: number } }): boolean {
  return trend.direction !== 'insufficient' && trend.direction !== 'withheld' && trend.points < model.rules.trendYears;
}

/** The table note's sentence on the trends marked as resting on fewer years than the window's. */
function partialNote(partial: readonly TrendInfo[], model: { year: number; rules: { trendYears: number } }, isBehind: boolean): string {
  const example = partial[0]?.points ?? 0;
  const lead = isBehind ? '' : `Trend: the direction over ${trendWindow(model)}, the review\u2019s last ${plural(model.rules.trendYears, 'year')}. `;
  return `${lead}A trend followed by \u201c(${example} of ${model.rules.trendYears} years)\u201d is taken from only those years of the window: a year without a figure, or before a break in series (B), is left out.`;
}

function directionText(direction: string, last: number, year: number): string {
  if (direction === 'insufficient') return last > 0 && last < year ? `no figure since ${last}` : 'too few years';
  return direction === 'stable' ? 'no clear trend' : direction;
}

/** The trend window as printed: the last `trendYears` years, ending in the reference year ('2021–2025'). */
function trendWindow(model: { year: number; rules: { trendYears: number } }): string {
  return yearSpan(model.year - model.rules.trendYears + 1, model.year);
}
