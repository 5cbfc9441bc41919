import { formatAmount, formatChange, formatNumber, yearSpan } from '../format-number.js';
import { html, type Markup } from '../html.js';
import type { AreaInfo, RegionalPoint, TrendInfo } from '../review-model.js';
import { dominantReason, minStatesInWords } from './confidential-rules.js';
import { countMembers, proseName, stateInProse, upperFirst } from './prose-name.js';
import type { ReviewIndex } from './review-index.js';

/**
 * Returns a paragraph on an area's headline indicator in the reference year, written from the numbers: the
 * regional total and its coverage, the like-for-like change on the previous year and the multi-year direction.
 */
export function describeArea(ix: ReviewIndex, area: AreaInfo): Markup {
  const { model } = ix;
  const ind = ix.headline(area.area);
  if (!ind) return html``;
  const now = model.regional.find((r) => r.indicator === ind.code && r.year === model.year);
  if (!now || now.reporting === 0) return html`<p>No ${ix.nouns.one} reported ${proseName(ind)} for ${model.year}.</p>`;
  const unit = ind.unit === 'KG' ? ' kilograms' : ind.unit === 'ROUNDS' ? ' rounds' : '';
  const level = now.isSuppressed
    ? now.suppressionReason === 'small_count'
      ? html`The regional total for ${model.year} is withheld: it would reveal a count below ${model.rules.smallCountThreshold} (the ${ix.nouns.bareMany}’ figures shown as “&lt;${model.rules.smallCountThreshold}” could be worked back from it).`
      : now.suppressionReason === 'small_count_linked'
        ? html`The regional total for ${model.year} is withheld: together with the totals of other groups that share members with this one, it would reveal a count below ${model.rules.smallCountThreshold} (${ix.nouns.bareMany}’ figures shown as “&lt;${model.rules.smallCountThreshold}” could be worked back from their difference).`
        : now.suppressionReason === 'confidential_few'
          ? html`The regional total for ${model.year} is withheld: the confidential figures in it are those of fewer than ${minStatesInWords(model.rules)} ${ix.nouns.bareMany}, which the total less the other ${ix.nouns.bareMany}’ published figures would give away (one ${ix.nouns.bareOne}’s figure, or the sum of two, from which each learns the other’s).`
          : now.suppressionReason === 'confidential_dominant'
            ? html`The regional total for ${model.year} is withheld: ${dominantReason(model.rules, ix.nouns)}.`
          : now.suppressionReason === 'confidential_linked'
            ? html`The regional total for ${model.year} is withheld: together with the totals of other groups that share members with this one, it would give the confidential figures of fewer than ${minStatesInWords(model.rules)} ${ix.nouns.bareMany}, or one ${ix.nouns.bareOne}’s dominant figure, away.`
            : html`The regional total is withheld because it would include confidential figures.`
    : html`${upperFirst(proseName(unit ? { name: withoutUnit(ind.name) } : ind))}: the ${countMembers(now.reporting, ix.nouns)} that reported (of ${now.members}) recorded <strong>${formatAmount(now.total, ind.unit)}</strong>${unit} in ${model.year}.${now.flaggedConfidentialStates === undefined ? '' : ` This total includes confidential figures of ${countMembers(now.flaggedConfidentialStates, ix.nouns)}, which are not shown.`}`;
  const fromZero = fromZeroWords(ix, now, ind.unit);
  const change = fromZero !== null
    ? html`Like-for-like, over ${now.lflStates === 1 ? `${stateInProse(ix.stateName(now.lflStateCodes[0] ?? ''))}, the one ${ix.nouns.bareOne} with comparable figures for both years` : `the ${countMembers(now.lflStates, ix.nouns)} that reported both years`}, the figure ${fromZero}.`
    : now.changeLfl === null && now.lflStates > 0
    ? html`The like-for-like change over the ${countMembers(now.lflStates, ix.nouns)} that reported both years is withheld too: ${withheldWhy(ix, now)}.`
    : now.changeLfl === null
    ? html`No ${ix.nouns.bareOne} reported both ${model.year - 1} and ${model.year}, so no like-for-like change can be given.`
    : now.lflStates === 1
      ? html`Like-for-like, the figure ${changeWords(now.changeLfl)} on ${model.year - 1} in ${stateInProse(ix.stateName(now.lflStateCodes[0] ?? ''))}, the one ${ix.nouns.bareOne} with comparable figures for both years.`
      : html`Like-for-like, over the ${countMembers(now.lflStates, ix.nouns)} that reported both years, the figure ${changeWords(now.changeLfl)} on ${model.year - 1}.`;
  const trend = model.trends.find((t) => t.iso3 === null && t.indicator === ind.code);
  return html`<p><span class="lead-in" style="${`border-color:${area.colour}`}">${area.name}.</span> ${level} ${change} ${trend ? trendSentence(ix, trend) : ''}</p>`;
}

/**
 * Returns a relative change as a verb phrase.
 *
 * @example changeWords(-0.123) // 'fell by 12.3%'
 */
export function changeWords(change: number): string {
  if (Math.abs(change) < 0.005) return 'was practically unchanged';
  return `${change > 0 ? 'rose' : 'fell'} by ${formatNumber(Math.abs(change) * 100, 1)}%`;
}

/** Returns a sentence on the group's multi-year trend direction (see `trendClause`). */
export function trendSentence(ix: ReviewIndex, trend: TrendInfo): string {
  const clause = trendClause(ix, trend, true);
  return clause === null ? 'Too few comparable years are available to state a trend.' : `${upperFirst(clause)}.`;
}

/**
 * Returns the group's trend as a clause naming its years and what it is the trend of, or null when it has no
 * direction: the total of the members with a figure in every year of the window (its fixed panel), called regional
 * only when that is every member, since the regional total of Figure 3.1 can fall while the panel's rises (a state
 * that stopped reporting).
 *
 * @example trendClause(ix, trend, false) // 'over 2021–2025 the total of the 10 states that reported every year is rising'
 */
export function trendClause(ix: ReviewIndex, trend: TrendInfo, hasPace: boolean): string | null {
  if (trend.direction === 'insufficient' || trend.direction === 'withheld') return null;
  const pace = hasPace && trend.slopePct !== null ? ` (about ${formatChange(trend.slopePct)} a year)` : '';
  const of = trend.panel.length >= ix.states.length
    ? 'the regional total'
    : trend.panel.length === 1
      ? `the total of ${stateInProse(ix.stateName(trend.panel[0] ?? ''))}, the one ${ix.nouns.bareOne} that reported every year,`
      : `the total of the ${countMembers(trend.panel.length, ix.nouns)} that reported every year`;
  const says = trend.direction === 'stable' ? 'shows no clear trend' : `is ${trend.direction}${pace}`;
  return `over ${yearSpan(trend.firstYear, ix.model.year)} ${of} ${says}`;
}

/**
 * Returns what the like-for-like sums did where they start from 0, so that no percentage change can be taken of them
 * (the mart publishes both sums and no change), or null otherwise, its verb agreeing with a plural subject where
 * `isPlural` ('offences recorded for corruption were 0'; 'the figure was 0'): a series every state reported as 0 had read as a
 * change withheld for confidential figures or a count below 5, which it was not.
 *
 * @example fromZeroWords(ix, point, 'NR') // 'was 0 in both 2024 and 2025, so no percentage change can be given'
 */
export function fromZeroWords(ix: ReviewIndex, point: RegionalPoint, unit: string, isPlural = false): string | null {
  if (point.changeLfl !== null || point.lflStates === 0 || point.lflPrevious !== 0 || point.lflCurrent === null) return null;
  const year = ix.model.year;
  return point.lflCurrent === 0
    ? `${isPlural ? 'were' : 'was'} 0 in both ${year - 1} and ${year}, so no percentage change can be given`
    : `went from 0 in ${year - 1} to ${formatAmount(point.lflCurrent, unit)} in ${year}, a rise no percentage can be taken of`;
}

/**
 * Returns why a like-for-like change the marts computed over states reporting both years is withheld (the change,
 * less the published figures, would give a figure away): the reason the year's total gives, else both.
 */
export function withheldWhy(ix: ReviewIndex, point: RegionalPoint): string {
  const threshold = ix.model.rules.smallCountThreshold;
  if (point.isSuppressed && point.suppressionReason?.startsWith('confidential')) return 'it would include confidential figures';
  // a published total with confidential figures in it ("flag"): the like-for-like change is withheld for them
  if (point.flaggedConfidentialStates !== undefined) return 'it would include confidential figures';
  if (point.isSuppressed) return `it would reveal a count below ${threshold}`;
  return threshold > 0 ? `it would include confidential figures or reveal a count below ${threshold}` : 'it would include confidential figures';
}

/**
 * Returns an indicator's name without the unit it carries in parentheses, for a sentence that gives the unit after
 * the number: 'Drug seizures: … recorded 189,908.5 kilograms', never 'Drug seizures (kilograms): … 189,908.5 kilograms'.
 *
 * @example withoutUnit('Drug seizures (kilograms)') // 'Drug seizures'
 */
function withoutUnit(name: string): string {
  return name.replace(/\s*\((kilograms|rounds)\)$/i, '');
}
