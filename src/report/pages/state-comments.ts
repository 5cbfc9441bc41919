import { listInProse, yearsInProse } from '../format-number.js';
import type { CommentInfo, IndicatorInfo } from '../review-model.js';
import { upperFirst } from './prose-name.js';

/** One comment of a state as its page lists it: what it is on ("Corruption: persons convicted, 2025") and the text. */
export interface StateComment {
  on: string;
  comment: string;
}

/**
 * Returns a state's comments as its page lists them, each text once: the same comment on one indicator in several
 * years (UNODC's note on every year of a series) with its years ("2012–2015 and 2017–2021"), and the same comment on
 * several indicators in the same years (the sample's Türkiye: "Provisional: court statistics …" on all 7 convictions)
 * naming the indicators, those of one measure together ("Persons convicted (corruption, cybercrime and money
 * laundering), 2025"); the latest first, then by indicator code.
 */
export function stateComments(comments: readonly CommentInfo[], indicator: (code: string) => Pick<IndicatorInfo, 'code' | 'name'>): StateComment[] {
  const years = new Map<string, { indicator: string; comment: string; years: number[] }>();
  for (const c of comments) {
    const key = `${c.indicator}\u0000${c.comment}`;
    const entry = years.get(key) ?? { indicator: c.indicator, comment: c.comment, years: [] };
    entry.years.push(c.year);
    years.set(key, entry);
  }
  const together = new Map<string, { comment: string; years: number[]; indicators: string[] }>();
  for (const e of years.values()) {
    const ys = [...new Set(e.years)].sort((a, b) => a - b);
    const key = `${e.comment}\u0000${ys.join(',')}`;
    const entry = together.get(key) ?? { comment: e.comment, years: ys, indicators: [] };
    entry.indicators.push(e.indicator);
    together.set(key, entry);
  }
  return [...together.values()]
    .map((e) => ({ ...e, indicators: [...e.indicators].sort((a, b) => a.localeCompare(b, 'en')) }))
    .sort((a, b) => Math.max(...b.years) - Math.max(...a.years) || (a.indicators[0] ?? '').localeCompare(b.indicators[0] ?? '', 'en'))
    .map((e) => ({ on: `${indicatorsNamed(e.indicators.map(indicator))}, ${yearsInProse(e.years)}`, comment: e.comment }));
}

/** Names indicators in a list: one by its name, those sharing a measure as "Measure (area, area and area)". */
function indicatorsNamed(indicators: readonly Pick<IndicatorInfo, 'name'>[]): string {
  if (indicators.length === 1) return indicators[0]?.name ?? '';
  const byMeasure = new Map<string, string[]>();
  for (const { name } of [...indicators].sort((a, b) => a.name.localeCompare(b.name, 'en'))) {
    const at = name.indexOf(': ');
    const measure = at < 0 ? '' : name.slice(at + 2);
    byMeasure.set(measure, [...(byMeasure.get(measure) ?? []), at < 0 ? name : name.slice(0, at)]);
  }
  return [...byMeasure].map(([measure, areas]) => (measure === '' || areas.length === 1
    ? areas.map((a) => (measure === '' ? a : `${a}: ${measure}`)).join('; ')
    : `${upperFirst(measure)} (${listInProse(areas.map((a) => (/^[A-Z][a-z]/.test(a) ? a.charAt(0).toLowerCase() + a.slice(1) : a)))})`)).join('; ');
}
