import { buildMapChart, type MapRow } from '../../charts/build-map-chart.js';
import { buildQuantileClasses } from '../../charts/build-quantile-classes.js';
import type { Figure } from '../../figures/figure.js';
import { formatRate, listInProse } from '../../format-number.js';
import type { RegionMap } from '../../maps/fit-region-map.js';
import type { AreaChapter, ReviewIndex } from '../review-index.js';
import { proseName, stateInProse, upperFirst, type MemberNouns } from '../prose-name.js';
import { importMark, populationFlagNote, populationText, sourceText } from '../source-line.js';
import type { FigureSlot } from './figure-slot.js';
import { rateGap, rateGapLabel, type RateGap } from './rate-gap.js';

/** The quantile classes a map is shaded in, at most. */
const CLASSES = 5;

/**
 * Returns the chapter's map: the reference year's rate per 100,000 of its first area's headline indicator, in five
 * quantile classes, members without a rate hatched, the text and the note saying why of each (no figure, no
 * population, a count below the threshold, a confidential figure); null when no member has a rate.
 */
export function buildMapFigure(ix: ReviewIndex, chapter: AreaChapter, map: RegionMap, slot: FigureSlot): Figure | null {
  const { model } = ix;
  const area = chapter.areas[0];
  const indicator = area ? ix.rateIndicator(area.area) : undefined;
  if (!area || !indicator) return null;
  const threshold = model.rules.smallCountThreshold;
  const gapOf = new Map(ix.states.map((s) => [s.iso3, rateGap(ix, s.iso3, indicator.code, model.year)]));
  const rows: MapRow[] = ix.states.map((s) => {
    const t = ix.total(s.iso3, indicator.code, model.year);
    const gap = gapOf.get(s.iso3) ?? null;
    return { iso3: s.iso3, name: s.name, rate: t?.rate ?? null, value: t?.value ?? null, ...(gap === null ? {} : { gap: rateGapLabel(gap, threshold) }) };
  });
  const withRate = rows.filter((r) => r.rate !== null);
  if (withRate.length === 0) return null;
  const sorted = [...withRate].sort((a, b) => (b.rate ?? 0) - (a.rate ?? 0) || a.name.localeCompare(b.name, 'en'));
  const gapped = (kind: RateGap) => rows.filter((r) => gapOf.get(r.iso3) === kind).map((r) => r.name);
  const noData = gapped('none');
  // a count without a population to relate it to (North Macedonia's 30 victims, no POP) is a figure, with no rate
  const noRate = gapped('unrated');
  // a count below the threshold ("<5") and a confidential figure were given: neither is "no figure"
  const small = gapped('small');
  const withheld = gapped('withheld');
  const measure = `${indicator.unit === 'KG' ? 'Kilograms' : 'Number'} per 100,000`;
  const named = (r: MapRow) => `${r.name} (${formatRate(r.rate)})`;
  // the three highest and the two lowest, each list taking in the states just past it whose rate prints alike (a
  // fourth at the third's 2.9 is as high as it); where the lists would meet or overlap, each state once
  const printed = (r: MapRow | undefined) => formatRate(r?.rate ?? null);
  // the lowest list starts at the lowest, as the highest starts at the highest: "Lowest: Armenia (0.71), Georgia
  // (0.62)" read as if Armenia's were the lowest rate
  const lowestFirst = (list: readonly MapRow[]) => [...list].sort((a, b) => (a.rate ?? 0) - (b.rate ?? 0) || a.name.localeCompare(b.name, 'en'));
  let topEnd = Math.min(3, sorted.length);
  while (topEnd < sorted.length && printed(sorted[topEnd]) === printed(sorted[topEnd - 1])) topEnd++;
  let bottomStart = Math.max(sorted.length - 2, 0);
  while (bottomStart > 0 && printed(sorted[bottomStart - 1]) === printed(sorted[bottomStart])) bottomStart--;
  const ranking = sorted.length === 1
    ? `Only ${named(sorted[0]!)} has a figure.`
    : topEnd >= bottomStart
      ? `From highest to lowest: ${sorted.map(named).join(', ')}.`
      : `Highest: ${sorted.slice(0, topEnd).map(named).join(', ')}. Lowest: ${lowestFirst(sorted.slice(bottomStart)).map(named).join(', ')}.`;
  const description = `Map of the region shaded by ${proseName(indicator)} per 100,000 population in ${model.year}. ${ranking}${noData.length ? ` No figure: ${listInProse(noData.map(stateInProse))}.` : ''}${noRate.length ? ` No rate, the figure given without a population to relate it to: ${listInProse(noRate.map(stateInProse))}.` : ''}${small.length ? ` No rate, the count below ${threshold} (shown as \u201c<${threshold}\u201d): ${listInProse(small.map(stateInProse))}.` : ''}${withheld.length ? ` No rate, the figure marked confidential: ${listInProse(withheld.map(stateInProse))}.` : ''}`;
  const notes = [
    `${classesText(withRate.map((r) => r.rate ?? 0), ix.nouns)}, the legend giving each class\u2019s lowest and highest rate; ${noData.length === rows.length - withRate.length ? 'members without a figure are hatched (\u201cno data\u201d)' : `members without a rate are hatched (\u201cno rate shown\u201d): ${listInProse([...(noData.length ? [`no figure from ${listInProse(noData.map(stateInProse))}`] : []), ...(noRate.length ? [`no population for ${listInProse(noRate.map(stateInProse))}`] : []), ...(small.length ? [`a count below ${threshold} from ${listInProse(small.map(stateInProse))}, whose rate is not published`] : []), ...(withheld.length ? [`a figure marked confidential from ${listInProse(withheld.map(stateInProse))}, not published`] : [])])}`}, and countries outside the group are grey. Crimea is shown as part of Ukraine, following United Nations practice. The boundaries and names shown do not imply official endorsement or acceptance.`,
  ];
  const points = ix.states.flatMap((s) => ix.total(s.iso3, indicator.code, model.year) ?? []).filter((t) => t.rate !== null);
  const flagNote = populationFlagNote(ix, points);
  if (flagNote) notes.push(flagNote);
  const missing = map.missing.map((iso3) => stateInProse(ix.stateName(iso3)));
  const partial = map.partial.map((iso3) => stateInProse(ix.stateName(iso3)));
  if (partial.length) notes.push(`Only the part of ${listInProse(partial)} within the map frame is shown.`);
  if (missing.length) notes.push(`The map data (Natural Earth, via world-atlas) has no outline for ${listInProse(missing)}; ${missing.length === 1 ? 'its figure is' : 'their figures are'} given in the data table.`);
  if (ix.states.some((s) => s.iso3 === 'XKX') && !map.missing.includes('XKX')) {
    notes.push(`${ix.stateName('XKX')} has no ISO numeric code; its outline in the map data is matched by name.`);
  }
  return {
    ...slot,
    title: `${indicator.name} per 100,000 population, ${model.year}`,
    spec: buildMapChart(map, rows, { measure, ramp: ix.ramp(area.area, CLASSES), description, members: ix.nouns }),
    columns: [
      { field: 'name', title: upperFirst(ix.nouns.bareOne), format: 'text' },
      { field: 'iso3', title: 'Code', format: 'text' },
      { field: 'value', title: indicator.unit === 'KG' ? 'Kilograms' : 'Number', format: indicator.unit === 'KG' ? 'kg' : 'count' },
      { field: 'rate', title: 'Per 100,000', format: 'rate' },
      { field: 'note', title: 'Note', format: 'text', omitWhenEmpty: true },
      { field: 'source', title: 'Imported from', format: 'text', omitWhenEmpty: true },
    ],
    // a count below the threshold reads "<5" in the table, as on the state's page, never "–" (no figure)
    rows: rows.map((r) => ({ name: r.name, iso3: r.iso3, value: r.value ?? ix.total(r.iso3, indicator.code, model.year)?.display ?? null, rate: r.rate, note: r.gap === undefined || r.gap === 'no data' ? '' : r.gap, source: importMark(ix.total(r.iso3, indicator.code, model.year)) })),
    description,
    source: `${sourceText(points, ix.nouns)}; population: ${populationText(points, ix.nouns)}; outlines: Natural Earth 1:50m (world-atlas).`,
    notes,
  };
}

/**
 * Returns how the map's states are shaded: in five quantile classes, or as many as the states with a rate fill (three
 * states, three classes), where "five classes" stood above a legend of three.
 *
 * @example classesText([1.5, 2.4, 3.4], memberNouns({ code: 'BSEC' })) // 'States are shaded in 3 classes, one state each (quantiles)'
 */
export function classesText(rates: readonly number[], nouns: Pick<MemberNouns, 'bareOne' | 'bareMany'>): string {
  const used = new Set(buildQuantileClasses(rates, CLASSES).classOf).size;
  if (used === CLASSES) return `${upperFirst(nouns.bareMany)} are shaded in five classes holding about the same number of ${nouns.bareMany} each (quantiles)`;
  if (used === rates.length) return `${upperFirst(nouns.bareMany)} are shaded in ${used === 1 ? `one class, of the one ${nouns.bareOne} with a rate` : `${used} classes, one ${nouns.bareOne} each (quantiles, fewer than five for ${rates.length} ${nouns.bareMany})`}`;
  return `${upperFirst(nouns.bareMany)} are shaded in ${used} quantile classes (fewer than five, as ${nouns.bareMany} with the same rate share one)`;
}
