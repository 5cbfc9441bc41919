import { listInProse, plural } from '../format-number.js';
import type { TotalPoint } from '../review-model.js';
import { aMember, countMembers, stateInProse, type MemberNouns } from './prose-name.js';
import type { ReviewIndex } from './review-index.js';

const IMPORTS: Record<string, string> = { UNODC: 'UNODC', EUROSTAT: 'Eurostat' };

/**
 * Returns the data sources of a figure's values as its source line names them: the returns as the group calls them
 * ("Member-state returns", "Economies’ returns"), followed, where some of the values were imported because a member
 * sent no figure, by the import ("; UNODC data where a state sent no figure").
 *
 * @example sourceText([{ source: 'RETURN' }, { source: 'UNODC' }], memberNouns({ code: 'BSEC' })) // 'Member-state returns; UNODC data where a state sent no figure'
 * @example sourceText([{ source: 'RETURN' }, { source: 'UNODC' }], memberNouns({ code: 'WB6' })) // 'Economies’ returns; UNODC data where an economy sent no figure'
 */
export function sourceText(points: readonly Pick<TotalPoint, 'source'>[], nouns: MemberNouns): string {
  const imports = [...new Set(points.map((p) => p.source).filter((s) => s !== 'RETURN'))].sort().map((s) => IMPORTS[s] ?? s);
  return imports.length ? `${nouns.returns}; ${listInProse(imports)} data where ${aMember(nouns)} sent no figure` : nouns.returns;
}

/** Returns the imported values' marker for a data table cell ("UNODC"), or '' for a value from a return. */
export function importMark(point: Pick<TotalPoint, 'source'> | undefined): string {
  return point && point.source !== 'RETURN' ? (IMPORTS[point.source] ?? point.source) : '';
}

/**
 * Returns the imported values' marker for a data table cell that adds up several values (a region's bar, "Other
 * countries"): every import one of them came from, or '' when all came from returns.
 *
 * @example importMarks([{ source: 'RETURN' }, { source: 'UNODC' }, { source: 'EUROSTAT' }]) // 'Eurostat, UNODC'
 */
export function importMarks(points: readonly Pick<TotalPoint, 'source'>[]): string {
  return [...new Set(points.map(importMark).filter((mark) => mark !== ''))].sort().join(', ');
}

/**
 * Returns the population a set of rates rests on, as the source line names it, from the population each rate was
 * actually computed with: the World Bank, the returns' own figure (POP), an import, or a mix with the number of
 * states each covers (of years, for one state's figures).
 */
export function populationText(points: readonly Pick<TotalPoint, 'iso3' | 'year' | 'populationSource' | 'rate'>[], nouns: MemberNouns): string {
  const used = points.filter((p) => p.rate !== null && p.populationSource !== null);
  const names: Record<string, string> = {
    WORLDBANK: 'World Bank (SP.POP.TOTL)', RETURN: 'the population reported in the returns (indicator POP)', UNODC: 'UNODC population figures', EUROSTAT: 'Eurostat population figures',
  };
  const sources = [...new Set(used.map((p) => p.populationSource ?? ''))].sort((a, b) => (a === 'WORLDBANK' ? -1 : b === 'WORLDBANK' ? 1 : a.localeCompare(b, 'en')));
  if (sources.length === 0) return 'none';
  if (sources.length === 1) return names[sources[0] ?? ''] ?? sources[0] ?? '';
  const isOneState = new Set(used.map((p) => p.iso3)).size === 1;
  return listInProse(sources.map((s) => {
    const of = used.filter((p) => p.populationSource === s);
    return `${names[s] ?? s} for ${isOneState ? plural(new Set(of.map((p) => p.year)).size, 'year') : countMembers(new Set(of.map((p) => p.iso3)).size, nouns)}`;
  }));
}

/**
 * Returns a note naming the states whose rates rest on a population flagged estimated (E) or provisional (P) in
 * their return, or '' when none does. Only a population from a return or import carries a flag.
 */
export function populationFlagNote(ix: ReviewIndex, points: readonly Pick<TotalPoint, 'iso3' | 'year' | 'populationSource' | 'rate'>[]): string {
  const flagged = new Map<string, Set<string>>();
  for (const p of points) {
    if (p.rate === null || p.populationSource === null || p.populationSource === 'WORLDBANK') continue;
    const status = ix.total(p.iso3, 'POP', p.year)?.status;
    if (status === 'E' || status === 'P') flagged.set(p.iso3, (flagged.get(p.iso3) ?? new Set()).add(status === 'E' ? 'estimated' : 'provisional'));
  }
  if (flagged.size === 0) return '';
  const states = ix.states.filter((s) => flagged.has(s.iso3)).map((s) => `${stateInProse(s.name)} (${[...(flagged.get(s.iso3) ?? [])].sort().join(' and ')})`);
  return `Rates resting on a population figure that the return flags as estimated (E) or provisional (P): ${listInProse(states)}.`;
}

/**
 * Returns what the reference year's figures hold of the given states that sent no return in force (none received,
 * or every version rejected): the import and the number of crime indicators it gives for each, for the returns
 * chapter and the key findings, which otherwise said "their figures are missing from the totals" while the totals
 * added up a state's UNODC figures. Empty when no import gives one of them a figure for the year.
 */
export function importedWithoutReturn(ix: ReviewIndex, iso3s: readonly string[]): { iso3: string; name: string; sources: string[]; indicators: number }[] {
  const { model } = ix;
  return iso3s.flatMap((iso3) => {
    const points = model.totals.filter((t) => t.iso3 === iso3 && t.year === model.year && t.source !== 'RETURN' && (t.value !== null || t.display !== null) && ix.indicator(t.indicator).stage !== 'CONTEXT');
    if (points.length === 0) return [];
    const sources = [...new Set(points.map((p) => IMPORTS[p.source] ?? p.source))].sort();
    return [{ iso3, name: stateInProse(ix.stateName(iso3)), sources, indicators: new Set(points.map((p) => p.indicator)).size }];
  });
}

/**
 * Returns the clause naming the imported figures of states that sent no return: 'figures UNODC published for Romania
 * (2 indicators) and Serbia (1 indicator)', or '' when there are none.
 */
export function importedWithoutReturnText(imported: ReturnType<typeof importedWithoutReturn>): string {
  if (imported.length === 0) return '';
  const sources = listInProse([...new Set(imported.flatMap((s) => s.sources))].sort());
  return `figures ${sources} published for ${listInProse(imported.map((s) => `${s.name} (${plural(s.indicators, 'indicator')})`))}`;
}
