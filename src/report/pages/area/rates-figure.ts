import { buildRateChart, type RateChartRow } from '../../charts/build-rate-chart.js';
import type { Figure } from '../../figures/figure.js';
import { formatRate, listInProse } from '../../format-number.js';
import { areaShown, areasInTitle, countMembers, proseName, stateInProse, upperFirst, type MemberNouns } from '../prose-name.js';
import { rateGap, rateGapLabel, type RateGap } from './rate-gap.js';
import type { AreaChapter, ReviewIndex } from '../review-index.js';
import { importMark, populationFlagNote, populationText, sourceText } from '../source-line.js';
import { leadingTies, tiedValue } from '../tied-extremes.js';
import type { FigureSlot } from './figure-slot.js';

/**
 * Returns the chapter's rates figure: the reference year's rate per 100,000 population by state for the headline
 * indicator of each area (or, for a headline in kilograms, the area's first count with rates), states ranked by the first, or null when no state has a rate.
 */
export function buildRatesFigure(ix: ReviewIndex, chapter: AreaChapter, slot: FigureSlot): Figure | null {
  const { model } = ix;
  const headlines = chapter.areas.flatMap((a) => {
    const ind = ix.rateIndicator(a.area);
    return ind && model.totals.some((t) => t.indicator === ind.code && t.year === model.year && t.rate !== null) ? [ind] : [];
  });
  const rows: RateChartRow[] = headlines.flatMap((ind) =>
    ix.states.map((s) => {
      const t = ix.total(s.iso3, ind.code, model.year);
      const rate = t?.rate ?? null;
      const gap = rateGap(ix, s.iso3, ind.code, model.year);
      return {
        panel: ind.name, area: ind.area, state: s.name, rate,
        median: model.regional.find((r) => r.indicator === ind.code && r.year === model.year)?.medianRate ?? null,
        label: rate === null ? '' : formatRate(rate),
        gap: gap === null ? '' : rateGapLabel(gap, model.rules.smallCountThreshold),
      };
    }),
  );
  if (rows.every((r) => r.rate === null)) return null;
  const stateCode = new Map(ix.states.map((st) => [st.name, st.iso3]));
  const pointOf = (r: RateChartRow) => ix.total(stateCode.get(r.state) ?? '', headlines.find((h) => h.name === r.panel)?.code ?? '', model.year);
  const points = rows.flatMap((r) => (r.rate === null ? [] : (pointOf(r) ?? [])));
  const lead = headlines[0];
  const order = rows
    .filter((r) => r.panel === lead?.name)
    .sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1) || a.state.localeCompare(b.state, 'en'))
    .map((r) => r.state);
  const description = `Bar chart of rates per 100,000 population in ${model.year} by ${ix.nouns.bareOne}${headlines.length > 1 ? `, ${headlines.length} indicators side by side` : ''}.${headlines
    .map((ind) => ` ${describePanel(upperFirst(proseName(ind)), rows.filter((r) => r.panel === ind.name), (r) => rateGap(ix, stateCode.get(r.state) ?? '', ind.code, model.year), model.rules.smallCountThreshold, ix.nouns)}`)
    .join('')}`;
  return {
    ...slot,
    title: `${areasInTitle(chapter.areas.filter((a) => headlines.some((h) => h.area === a.area)).map((a) => areaShown(a.name, headlines.filter((h) => h.area === a.area))))}: rates per 100,000 population by ${ix.nouns.bareOne}, ${model.year}`,
    spec: buildRateChart(rows, chapter.areas, order, headlines.map((h) => h.name), description, ix.nouns),
    columns: [
      { field: 'panel', title: 'Indicator', format: 'text' },
      { field: 'state', title: upperFirst(ix.nouns.bareOne), format: 'text' },
      { field: 'rate', title: 'Rate per 100,000', format: 'rate' },
      { field: 'median', title: 'Regional median', format: 'rate' },
      { field: 'note', title: 'Note', format: 'text', omitWhenEmpty: true },
      { field: 'source', title: 'Imported from', format: 'text', omitWhenEmpty: true },
    ],
    rows: rows.map((r) => ({ panel: r.panel, state: r.state, rate: r.rate, median: r.median, note: r.gap === 'no data' ? '' : r.gap, source: importMark(pointOf(r)) })),
    description,
    source: `${sourceText(points, ix.nouns)}; population: ${populationText(points, ix.nouns)}.`,
    notes: [
      `The dashed line is the regional median of the ${ix.nouns.bareMany} with a figure. Rates reflect detection and recording as much as the underlying crime: a high rate can mean more effective law enforcement.`,
      ...[populationFlagNote(ix, points)].filter((n) => n !== ''),
    ],
  };
}

/**
 * The text alternative's account of one panel: its highest and lowest state and the median (or the one state with a
 * rate), and every state without a rate, by why: a figure given without a population to relate it to, a count below
 * the small-count threshold (published as "<5"), a figure withheld as confidential (never its value), or no figure,
 * so that every panel of the chart is read out, not only the first, and a withheld or small figure never reads as
 * one not given.
 */
function describePanel(name: string, rows: readonly RateChartRow[], gapOf: (r: RateChartRow) => RateGap | null, threshold: number, nouns: MemberNouns): string {
  const rated = rows.filter((r) => r.rate !== null).sort((a, b) => (b.rate ?? 0) - (a.rate ?? 0) || a.state.localeCompare(b.state, 'en'));
  const highest = rated[0];
  const lowest = rated[rated.length - 1];
  const named = (kind: RateGap) => rows.filter((r) => r.rate === null && gapOf(r) === kind).map((r) => stateInProse(r.state));
  const one = (list: readonly string[], single: string, many: string) => (list.length === 1 ? single : many);
  const unrated = named('unrated');
  const small = named('small');
  const withheld = named('withheld');
  // a few states without a figure are named, as the map's text names them ('No figure: Azerbaijan and the Russian
  // Federation'); many are counted. A list starts its sentence, so only its first name takes a capital ('The Russian
  // Federation and Serbia', never 'Azerbaijan and The Russian Federation')
  const missing = named('none');
  const gap = [
    missing.length > 3 ? ` ${countMembers(missing.length, nouns)} gave no figure.` : missing.length ? ` ${upperFirst(listInProse(missing))} gave no figure.` : '',
    unrated.length ? ` ${upperFirst(listInProse(unrated))} gave ${one(unrated, 'a figure', 'figures')} but no population to relate ${one(unrated, 'it', 'them')} to: no rate.` : '',
    small.length ? ` ${upperFirst(listInProse(small))} gave ${one(small, 'a count', 'counts')} below ${threshold} (shown as \u201c<${threshold}\u201d), whose ${one(small, 'rate is', 'rates are')} not published.` : '',
    withheld.length ? ` ${upperFirst(listInProse(withheld))} gave ${one(withheld, 'a figure', 'figures')} marked confidential, not published.` : '',
  ].join('');
  if (!highest || !lowest) return missing.length === rows.length ? `${name}: no ${nouns.bareOne} has a figure.` : `${name}: no ${nouns.bareOne} has a rate.${gap}`;
  if (rated.length === 1) return `${name}: only ${stateInProse(highest.state)} has a figure (${formatRate(highest.rate)}), so the regional median is its rate.${gap}`;
  // every state whose rate prints as the highest (or lowest) is named: two at 3.4 are both the highest
  const printed = (r: RateChartRow) => formatRate(r.rate);
  const top = leadingTies(rated, printed);
  const bottom = leadingTies([...rated].reverse(), printed).reverse();
  const states = (rs: readonly RateChartRow[]) => listInProse(rs.map((r) => stateInProse(r.state)));
  if (top.length === rated.length) return `${name}: ${countMembers(rated.length, nouns)}, all at ${printed(highest)}, so the regional median is that rate.${gap}`;
  return `${name}: highest in ${states(top)} (${tiedValue(top.length, printed(highest))}), lowest in ${states(bottom)} (${tiedValue(bottom.length, printed(lowest))}), regional median ${formatRate(highest.median)}.${gap}`;
}
