import { chainIndex } from '../../../analytics/index.js';
import { buildIndexChart, type IndexChartRow } from '../../charts/build-index-chart.js';
import type { Figure } from '../../figures/figure.js';
import { formatRate, listInProse, plural, yearSpan } from '../../format-number.js';
import { areaShown, areasInTitle, proseName, upperFirst } from '../prose-name.js';
import type { AreaChapter, ReviewIndex } from '../review-index.js';
import { importMark, sourceText } from '../source-line.js';
import { leadingTies, tiedValue } from '../tied-extremes.js';
import type { FigureSlot } from './figure-slot.js';

/**
 * Returns the chapter's like-for-like trend figure: a chain-linked index (first year = 100) for every indicator of
 * its areas that has at least two comparable years, or null when none has.
 */
export function buildTrendFigure(ix: ReviewIndex, chapter: AreaChapter, slot: FigureSlot): Figure | null {
  const { model } = ix;
  const indicators = model.indicators.filter((i) => chapter.areas.some((a) => a.area === i.area));
  let isRebased = false;
  const changes = indicators.flatMap((ind) => {
    const points = model.regional.filter((r) => r.indicator === ind.code && r.reporting > 0);
    const base = chainBase(points);
    isRebased ||= base > Math.min(...points.map((r) => r.year));
    return model.years.filter((year) => year >= base).map((year) => ({ series: ind.code, year, change: points.find((r) => r.year === year)?.changeLfl ?? null }));
  });
  const indexed = chainIndex(changes);
  const usable = indicators.filter((ind) => indexed.filter((r) => r.series === ind.code && r.index !== null).length >= 2);
  if (usable.length === 0) return null;
  // a series' first year is its base (100): no change enters it, so no state is compared there ("–", not 0, and not
  // the states compared with the year before the review's span)
  const baseYear = new Map<string, number>();
  for (const r of indexed) baseYear.set(r.series, Math.min(baseYear.get(r.series) ?? r.year, r.year));
  // the figure's span is where its series start and where the last of them ends, not the review's: a year before
  // every series' base (a state's revision of one earlier figure, a population) would title a figure '2023–2025'
  // whose lines all start in 2024, and years after every line has ended ('2016–2025' for lines that stop in 2022)
  // would be named though no index is drawn there
  const drawn = indexed.filter((r) => usable.some((u) => u.code === r.series));
  const first = Math.min(...drawn.map((r) => r.year));
  const last = Math.max(...drawn.filter((r) => r.index !== null).map((r) => r.year));
  const rows: IndexChartRow[] = drawn
    .filter((r) => r.year <= last)
    .map((r) => ({
      panel: ix.indicator(r.series).name,
      area: ix.indicator(r.series).area,
      year: r.year,
      index: r.index,
      states: r.year === baseYear.get(r.series) ? null : model.regional.find((p) => p.indicator === r.series && p.year === r.year)?.lflStates ?? 0,
    }));
  const latest = usable.map((ind) => ({ ind, index: rows.find((r) => r.panel === ind.name && r.year === last)?.index ?? null })).filter((l) => l.index !== null);
  const sorted = [...latest].sort((a, b) => (b.index ?? 0) - (a.index ?? 0) || a.ind.code.localeCompare(b.ind.code, 'en'));
  // every indicator whose index prints as the highest (or lowest) is named: two at 125 are both the highest. The text
  // prints an index as the data table's column does (formatRate: 85.8, 125), never rounder: '(86)' beside a table's
  // 85.8, or 'both 89' for 89.4 and 89.2, is a figure the reader cannot find
  const printed = (l: (typeof latest)[number]) => formatRate(l.index);
  const top = leadingTies(sorted, printed);
  const bottom = leadingTies([...sorted].reverse(), printed).reverse();
  // indicators named as a sentence names them ('persons prosecuted for drug trafficking'), never as a title's
  // 'drug trafficking: persons prosecuted' in running text
  const names = (ls: readonly (typeof latest)[number][]) => listInProse(ls.map((l) => proseName(l.ind)));
  const extremes = !top[0] || !bottom[0]
    ? ''
    : top.length === sorted.length
      ? ` By ${last} the index stood at ${printed(top[0])} for ${sorted.length === 1 ? names(top) : `all ${sorted.length}`}.`
      : ` By ${last} the index stood highest for ${names(top)} (${tiedValue(top.length, printed(top[0]))}) and lowest for ${names(bottom)} (${tiedValue(bottom.length, printed(bottom[0]))}).`;
  // an indicator the states compared recorded as 0 (firearm parts, 0 in every state) has no index, since none can be
  // taken of 0: the note names it, where the figure had left it out without a word
  const fromZero = indicators.filter((ind) => !usable.includes(ind)).flatMap((ind) => {
    const years = model.regional.filter((r) => r.indicator === ind.code && r.lflStates > 0 && r.changeLfl === null && r.lflPrevious === 0).map((r) => r.year - 1);
    return years.length ? [`${proseName(ind)} (the ${ix.nouns.bareMany} compared recorded 0 in ${listInProse([...new Set(years)].sort((a, b) => a - b).map(String))})`] : [];
  });
  const fromZeroNote = fromZero.length ? `No index is drawn for ${listInProse(fromZero)}: no index can be taken of 0.` : '';
  const description = `Small multiples of like-for-like indices for ${plural(usable.length, 'indicator')}, first year = 100.${extremes}${fromZeroNote ? ` ${fromZeroNote}` : ''}`;
  const codeOf = new Map(usable.map((u) => [u.name, u.code]));
  const points = usable.flatMap((u) => model.totals.filter((t) => t.indicator === u.code && model.years.includes(t.year) && ix.states.some((st) => st.iso3 === t.iso3)));
  // the states whose figure for the year was imported (UNODC, Eurostat) because their return had none
  const importedIn = (panel: string, year: number): string =>
    ix.states.flatMap((st) => {
      const mark = importMark(ix.total(st.iso3, codeOf.get(panel) ?? '', year));
      return mark ? [`${st.name} (${mark})`] : [];
    }).join(', ');
  const shownYears = model.years.filter((y) => y >= first && y <= last);
  const labelYears = [...new Set([first, shownYears[Math.floor(shownYears.length / 2)] ?? first, last])];
  return {
    ...slot,
    title: `${areasInTitle(chapter.areas.filter((a) => usable.some((u) => u.area === a.area)).map((a) => areaShown(a.name, usable.filter((u) => u.area === a.area))))}: like-for-like trends, ${yearSpan(first, last)} (index, first year = 100)`,
    spec: buildIndexChart(rows, chapter.areas, usable.map((u) => u.name), labelYears, description, ix.nouns),
    columns: [
      { field: 'panel', title: 'Indicator', format: 'text' },
      { field: 'year', title: 'Year', format: 'year' },
      { field: 'index', title: 'Index (first year = 100)', format: 'rate' },
      { field: 'states', title: `${upperFirst(ix.nouns.bareMany)} compared`, format: 'count' },
      { field: 'imported', title: 'Imported values', format: 'text', omitWhenEmpty: true },
    ],
    rows: rows.map((r) => ({ panel: r.panel, year: r.year, index: r.index, states: r.states, imported: importedIn(r.panel, r.year) })),
    description,
    source: `${sourceText(points, ix.nouns)}; like-for-like changes over the ${ix.nouns.bareMany} reporting both years, chain-linked.`,
    notes: [
      `Each series starts at 100 in its first year with data (${first} unless stated in the data table). Each year\u2019s change is measured over the ${ix.nouns.bareMany} that reported both that year and the one before, and the changes are chained; the index therefore follows the same ${ix.nouns.bareMany} from year to year even when coverage varies. A break in the chain (no ${ix.nouns.bareOne} reported two consecutive years) ends the line.${
        isRebased ? ` A change measured over fewer than half as many ${ix.nouns.bareMany} as the series\u2019 best-covered change does not stand for the same region: such a series starts at 100 in the year of that change (the data table shows where each starts).` : ''}`,
      ...(fromZeroNote ? [fromZeroNote] : []),
    ],
  };
}

/**
 * Returns the year an indicator's index starts at (100): its first year with data, or later, the latest year whose
 * change into it compares fewer than half as many states as the series' best-covered change, so that no later link
 * rests on a narrow set (Greece's and Azerbaijan's imported firearm parts, 1,823 → 460, took BSEC's index to 21 before
 * eleven states reported). A year with no comparable change at all is left to chainIndex, which ends the line there.
 */
export function chainBase(points: ReadonlyArray<{ year: number; changeLfl: number | null; lflStates: number }>): number {
  const first = Math.min(...points.map((p) => p.year));
  const links = points.filter((p) => p.year > first && p.changeLfl !== null);
  const widest = Math.max(0, ...links.map((p) => p.lflStates));
  const narrow = links.filter((p) => 2 * p.lflStates < widest).map((p) => p.year);
  return narrow.length === 0 ? first : Math.max(...narrow);
}
