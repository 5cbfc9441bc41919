import { listInProse, plural, yearSpan, yearsInProse } from '../format-number.js';
import type { RegionalPoint } from '../review-model.js';
import { proseName, stateInProse, upperFirst } from './prose-name.js';
import type { ReviewIndex } from './review-index.js';

/** Most states a note names where a total's states change; more are counted and left to the data table. */
const MAX_NAMED = 3;

/** The years a state is missing from a total that some other years include it in, and how they lie. */
interface Change {
  /** `left`: in the total up to a year, not from the next on; `joined`: not before a year, then in; `only`: in one run of years in between; `missing`: absent in single years or runs. */
  kind: 'left' | 'joined' | 'only' | 'missing';
  /** The years the clause names: `left` and `joined` the first of their run, `only` the years present, `missing` the years absent. */
  years: number[];
}

/** A panel of regional totals: its indicator's name and its years with the members each adds up. */
export interface CompositionPanel {
  name: string;
  points: readonly Pick<RegionalPoint, 'year' | 'reportingStates'>[];
}

/**
 * Returns the sentences naming where the members behind each panel's regional total change over its years with a
 * state reporting, once for panels that change alike ('The states behind the totals change over the years, alike in
 * every panel: from 2023 the total no longer includes the Russian Federation; Ukraine is missing in 2022.'), or ''
 * when every panel adds up the same states every year: a line of totals moves with the states in it, which a count
 * of states reporting ('12 states' in 2022 and 2023) does not show. Where more than three states come and go in a
 * panel they are counted, and the figure's data table names them.
 */
export function describeComposition(ix: ReviewIndex, panels: readonly CompositionPanel[]): string {
  const withFigures = panels.filter((p) => p.points.some((x) => x.reportingStates.length > 0));
  const alike = new Map<string, string[]>();
  for (const panel of withFigures) {
    const clause = compositionClause(ix, panel.points);
    if (clause) alike.set(clause, [...(alike.get(clause) ?? []), panel.name]);
  }
  const [only] = alike.keys();
  if (only === undefined) return '';
  if (withFigures.length === 1) return `The ${ix.nouns.bareMany} behind the total change over the years: ${only}.`;
  if (alike.size === 1 && alike.get(only)?.length === withFigures.length) return `The ${ix.nouns.bareMany} behind the totals change over the years, alike in every panel: ${only}.`;
  const each = [...alike].map(([clause, names]) => `${upperFirst(listInProse(names.map((name) => proseName({ name }))))}: ${clause}.`);
  return `The ${ix.nouns.bareMany} behind the totals change over the years. ${each.join(' ')}`;
}

/**
 * Returns where the members a total adds up change over the years of `points` with a state reporting, as a clause
 * ('from 2023 the total no longer includes the Russian Federation; Ukraine is missing in 2022 and Azerbaijan in
 * 2025'), a count where more than three states change, '' where none does. A member that never reports is no change.
 */
function compositionClause(ix: ReviewIndex, points: CompositionPanel['points']): string {
  const years = points.filter((p) => p.reportingStates.length > 0).sort((a, b) => a.year - b.year);
  const sets = years.map((p) => new Set(p.reportingStates));
  const changing = [...new Set(years.flatMap((p) => p.reportingStates))].filter((iso3) => sets.some((s) => !s.has(iso3)));
  if (changing.length === 0) return '';
  if (changing.length > MAX_NAMED) {
    return `${plural(changing.length, `${ix.nouns.bareOne} is`, `${ix.nouns.bareMany} are`)} in the total in some years and not in others (the figure\u2019s data table names the members missing each year)`;
  }
  // states that change alike share a clause, named in alphabetical order
  const groups = new Map<string, { change: Change; names: string[] }>();
  for (const iso3 of changing) {
    const change = classify(years.map((p) => p.year), sets.map((s) => s.has(iso3)));
    const key = `${change.kind}|${change.years.join(',')}`;
    const group = groups.get(key) ?? { change, names: [] };
    group.names.push(ix.stateName(iso3));
    groups.set(key, group);
  }
  const named = [...groups.values()]
    .map((g) => ({ ...g.change, states: listInProse(g.names.sort((a, b) => a.localeCompare(b, 'en')).map(stateInProse)), many: g.names.length > 1 }))
    .sort((a, b) => (a.years[0] ?? 0) - (b.years[0] ?? 0) || a.kind.localeCompare(b.kind, 'en') || a.states.localeCompare(b.states, 'en'));
  const steps = named.filter((c) => c.kind !== 'missing').map((c) =>
    c.kind === 'left' ? `from ${c.years[0]} the total no longer includes ${c.states}`
      : c.kind === 'joined' ? `from ${c.years[0]} the total also includes ${c.states}`
        : `the total includes ${c.states} only in ${yearSpan(c.years[0] ?? 0, c.years[c.years.length - 1] ?? 0)}`);
  const missing = named.filter((c) => c.kind === 'missing');
  const gaps = missing.map((c, i) => `${c.states}${i === 0 ? (c.many ? ' are missing' : ' is missing') : ''} in ${yearsInProse(c.years)}`);
  // a state missing in several runs of years ('2020 and 2024–2025') takes the 'and': the states are then set apart by semicolons
  const isSplit = missing.some((c) => yearsInProse(c.years).includes(' and '));
  return [...steps, ...(gaps.length ? [isSplit ? gaps.join('; ') : listInProse(gaps)] : [])].join('; ');
}

/**
 * Returns how a state's presence in a total (`isIn`, one per year of `years`, the years with a state reporting)
 * reads best: one run of years at the start, the end or in between is a step (a single year missing at either end is
 * a gap, which a late return can be), anything else the years missing.
 */
function classify(years: readonly number[], isIn: readonly boolean[]): Change {
  const first = isIn.indexOf(true);
  const last = isIn.lastIndexOf(true);
  const absent = years.filter((_, i) => !isIn[i]);
  const isRun = isIn.slice(first, last + 1).every(Boolean);
  const after = years.length - 1 - last;
  if (isRun && first === 0 && after > 1) return { kind: 'left', years: [years[last + 1] ?? 0] };
  if (isRun && after === 0 && first > 1) return { kind: 'joined', years: [years[first] ?? 0] };
  if (isRun && first > 0 && after > 0 && absent.length > 2) return { kind: 'only', years: years.slice(first, last + 1) };
  return { kind: 'missing', years: absent };
}
