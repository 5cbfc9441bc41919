import { formatAmount, formatChange, listInProse } from '../format-number.js';
import type { TotalPoint } from '../review-model.js';
import { MIN_BASE } from './build-key-findings.js';
import { proseName, stateInProse } from './prose-name.js';
import type { ReviewIndex } from './review-index.js';
import { importMark } from './source-line.js';

/** The observation flags a state's table can print, in the order its note names them. */
const FLAGS: [string, string][] = [['P', 'provisional'], ['E', 'estimated'], ['B', 'break in series']];

/**
 * Returns the part of a state's indicator table note that explains its marks: the flags its two years' cells carry,
 * the imports its cells and sparklines hold, "–", and "<5" where a count below the threshold is in its years or
 * decides a trend. A mark the table does not print is not explained: every page said "a value or sparkline marked
 * UNODC or Eurostat holds figures imported …" and named P, E and B, where the sample's Albania printed none of them
 * and no import entered the review. The rates' column is said to rest on a population the return flags as
 * provisional or estimated (the sample's Greece and Ukraine), as the figure above it says, where the table was silent.
 *
 * @example stateTableMarks(ix, 'GRC', [2016, …, 2025], 2024, 2025, areas) // '“–”: no figure, … Per 100,000: the rates rest on Greece’s population for 2025, which its return flags as provisional (P).'
 */
export function stateTableMarks(ix: ReviewIndex, iso3: string, years: readonly number[], prev: number, latest: number, areas: ReadonlySet<string>): string {
  const { model } = ix;
  const points = model.totals.filter((t) => t.iso3 === iso3 && years.includes(t.year) && areas.has(ix.indicator(t.indicator).area));
  const cells = points.filter((t) => t.year === prev || t.year === latest);
  const flags = FLAGS.filter(([code]) => cells.some((t) => t.status === code));
  const imports = [...new Set(points.map((t) => importMark(t)).filter((m) => m !== ''))].sort();
  const threshold = model.rules.smallCountThreshold;
  const small = threshold > 0 && (points.some((t) => t.display !== null) || model.trends.some((t) => t.iso3 === iso3 && t.direction === 'withheld' && areas.has(ix.indicator(t.indicator).area)));
  const pop = ix.total(iso3, 'POP', latest);
  const rested = cells.some((t) => t.year === latest && t.rate !== null && t.populationSource !== null && t.populationSource !== 'WORLDBANK');
  const popFlag = rested && pop ? FLAGS.find(([code]) => code === pop.status && code !== 'B') : undefined;
  const name = stateInProse(ix.stateName(iso3));
  // the largest change marked as from a small base is the note's example
  const smallBase = cells.filter((t) => t.year === latest && isSmallBase(ix.total(iso3, t.indicator, prev), t, ix.indicator(t.indicator).unit))
    .sort((a, b) => Math.abs(b.change ?? 0) - Math.abs(a.change ?? 0) || a.indicator.localeCompare(b.indicator, 'en'))[0];
  const base = smallBase ? ix.total(iso3, smallBase.indicator, prev) : undefined;
  return [
    flags.length === 1 ? `A superscript ${flags[0]?.[0] ?? ''} flags a value as ${flags[0]?.[1] ?? ''} (see the annex).` : flags.length > 1 ? `Superscript letters are flags: ${flags.map(([code, meaning]) => `${code} ${meaning}`).join(', ')} (see the annex).` : '',
    imports.length ? `A value or sparkline marked ${listInProse(imports).replace(/ and (?=[^ ]+$)/, ' or ')} holds figures imported from that source because the return had none.` : '',
    '\u201c\u2013\u201d: no figure, or a change or rate that cannot be given (the two years are not comparable, or the unit has no rate per 100,000).',
    popFlag ? `Per 100,000: the rates rest on ${name}\u2019s population for ${latest}, which its return flags as ${popFlag[1]} (${popFlag[0]}).` : '',
    smallBase && base ? `\u2020: a change from a count below ${MIN_BASE} the year before, where a few cases make a large percentage (${proseName(ix.indicator(smallBase.indicator))}: ${formatAmount(base.value, ix.indicator(smallBase.indicator).unit)} to ${formatAmount(smallBase.value, ix.indicator(smallBase.indicator).unit)} is ${formatChange(smallBase.change)}).` : '',
    small ? `\u201c<${threshold}\u201d: a count below ${threshold}, not published (see the annex); its change and rate are not given either.` : '',
  ].filter((s) => s !== '').join(' ');
}

/**
 * Whether a state's change from `before` to `now` starts from a count below MIN_BASE (the key findings' base for a
 * rise or fall): its percentage, "+25.0%" of Albania's money-laundering convictions from 12 to 15, is marked "†" and
 * the note says why, where it stood as firm as a change of thousands. Kilograms are amounts, not counts of cases;
 * no change (0.0%) is no large percentage.
 */
export function isSmallBase(before: Pick<TotalPoint, 'value'> | undefined, now: Pick<TotalPoint, 'change'> | undefined, unit: string): boolean {
  return unit !== 'KG' && now?.change !== null && now?.change !== undefined && now.change !== 0 && before?.value !== null && before?.value !== undefined && before.value < MIN_BASE;
}
