import type { Figure } from '../figures/figure.js';
import { renderDataTable } from '../figures/render-data-table.js';
import { renderFigure } from '../figures/render-figure.js';
import { formatNumber, formatRate, listInProse } from '../format-number.js';
import { html, type Markup } from '../html.js';
import type { RegionMap } from '../maps/fit-region-map.js';
import { buildAttritionFigure } from './area/attrition-figure.js';
import { buildBreakdownFigures } from './area/breakdown-figures.js';
import { createFigureSlots } from './area/figure-slot.js';
import { buildFlowsSection, confidentialFlowsText } from './area/flows-section.js';
import { buildMapFigure } from './area/map-figure.js';
import { buildRatesFigure } from './area/rates-figure.js';
import { buildTrendFigure } from './area/trend-figure.js';
import type { Chapter } from './chapter.js';
import { describeArea } from './describe-area.js';
import { countMembers, proseName, stateInProse, upperFirst, type MemberNouns } from './prose-name.js';
import type { AreaChapter, ReviewIndex } from './review-index.js';
import { leadingTies } from './tied-extremes.js';

/**
 * Returns a chapter on one group of crime areas: the regional trend, rates by state and a map, the
 * criminal-justice response, breakdowns and cross-border flows, each section introduced by text written from the
 * numbers. A section without data says so rather than disappearing.
 */
export function buildAreaChapter(ix: ReviewIndex, chapter: AreaChapter, number: string, map: RegionMap): Chapter {
  const { model } = ix;
  const next = createFigureSlots(number);
  const figures: Figure[] = [];
  const anchors: Record<string, string> = {};
  const sections: { id: string; title: string; body: Markup }[] = [];
  const show = (figure: Figure | null, ...keys: string[]): Markup => {
    if (!figure) return html``;
    figures.push(figure);
    for (const key of keys) anchors[key] ??= figure.id;
    return renderFigure(figure, '');
  };
  const { nouns } = ix;
  const none = (what: string) => html`<p class="no-data">No ${nouns.one} reported ${what} for ${model.year}.</p>`;
  const noBreakdowns = html`<p class="no-data">Breakdowns are not available in this build of the warehouse (it has no breakdown mart); rebuild the marts with a current crimetrends to include them.</p>`;
  // a chapter none of whose indicators any member reported in the review's years (a coordinator's first, thin
  // assessment): one paragraph saying so, not five sections each saying 'no data'
  const codes = new Set(model.indicators.filter((i) => chapter.areas.some((a) => a.area === i.area)).map((i) => i.code));
  if (!model.totals.some((t) => codes.has(t.indicator) && ix.states.some((s) => s.iso3 === t.iso3))) {
    return {
      id: `ch-${number}`, number, title: chapter.title, figures, anchors, sections: [],
      body: html`<p class="no-data">No ${nouns.one} reported any figure on ${chapter.title.toLowerCase()} for ${ix.period}, so this chapter has no figures. A missing figure is never taken as zero: chapter 2 lists the returns received, and the annex the indicators asked for.</p>`,
    };
  }

  const trend = buildTrendFigure(ix, chapter, next());
  sections.push({
    id: 'trend', title: 'Regional trend',
    body: html`${chapter.areas.map((a) => describeArea(ix, a))}${trend ? show(trend, ...chapter.areas.map((a) => `trend:${a.area}`)) : html`<p class="no-data">No like-for-like trend can be drawn: no indicator of this chapter has figures from the same ${nouns.bareOne} for two consecutive years up to ${model.year}.</p>`}`,
  });

  const rates = buildRatesFigure(ix, chapter, next());
  const mapFigure = buildMapFigure(ix, chapter, map, next());
  // the range of each area's rate the figure shows, the first in full and the others after it, so that a reader of
  // the text learns each panel's (was: the first area's alone, in a chapter whose figure has three panels)
  const printed = (r: { rate: number }) => formatRate(r.rate);
  const ranges = chapter.areas.flatMap((area) => {
    const ind = ix.rateIndicator(area.area);
    if (!ind) return [];
    const rates = ix.states.flatMap((s) => { const t = ix.total(s.iso3, ind.code, model.year); return t?.rate != null ? [{ name: s.name, rate: t.rate }] : []; });
    const ranked = [...rates].sort((a, b) => b.rate - a.rate || a.name.localeCompare(b.name, 'en'));
    // every state whose rate prints as the highest (or lowest) is named, in the rates figure's order: two at 0.33
    // are both the lowest
    const top = leadingTies(ranked, printed);
    const bottom = leadingTies([...ranked].reverse(), printed).reverse();
    const without = ix.states.filter((st) => !rates.some((r) => r.name === st.name)).map((st) => st.name);
    return ranked.length >= 2 && top[0] && bottom[0] ? [{ ind, top, bottom, isEven: top.length === ranked.length, count: ranked.length, without }] : [];
  });
  // the states the ranges leave out are said where the ranges are (was: in the figure's text alternative only)
  const sameWithout = ranges.every((r) => r.without.join('|') === ranges[0]?.without.join('|'));
  const names = (rs: readonly { name: string }[]) => listInProse(rs.map((r) => stateInProse(r.name)));
  const rangeText = ranges.map(({ ind, top, bottom, isEven, count, without }, i) => {
    const what = i === 0 ? `Relative to population, ${proseName(ind)}` : upperFirst(proseName(ind));
    const of = !sameWithout && without.length ? `, across the ${countMembers(count, nouns)} with a rate` : '';
    return isEven
      ? `${what} stood at ${printed(top[0]!)} per 100,000 in each of the ${countMembers(top.length, nouns)} with a figure.`
      : `${what} ranged from ${printed(bottom[0]!)} per 100,000 in ${names(bottom)} to ${printed(top[0]!)} in ${names(top)}${of}.`;
  }).join(' ') + (sameWithout && ranges[0]?.without.length && !ranges.every((r) => r.isEven)
    ? ` ${ranges.length === 1 ? 'The range is' : 'The ranges are'} of the ${countMembers(ranges[0].count, nouns)} with a rate for ${model.year}; ${ranges[0].without.length > 3 ? `the other ${ranges[0].without.length}` : names(ranges[0].without.map((name) => ({ name })))} ${ranges[0].without.length === 1 ? 'has' : 'have'} none.`
    : '');
  sections.push({
    id: 'rates', title: `Rates by ${nouns.bareOne}`,
    body: html`${rangeText ? html`<p>${rangeText} Differences between ${nouns.bareMany} reflect how offences are detected and recorded as well as how often they occur, and are best read together with the trend in each ${nouns.bareOne} (chapter 8).</p>` : ''}
${show(rates, ...chapter.areas.map((a) => `rates:${a.area}`))}${show(mapFigure, ...chapter.areas.map((a) => `map:${a.area}`))}${!rates && !mapFigure ? noRates(ix, chapter) : ''}`,
  });

  const attrition = buildAttritionFigure(ix, chapter, next());
  sections.push({
    id: 'justice', title: 'Criminal-justice response',
    body: html`${attrition ? html`<p>${attritionText(attrition, nouns)}</p>` : ''}${attrition ? show(attrition, ...chapter.areas.map((a) => `attrition:${a.area}`)) : none('the offences, suspects, prosecutions and convictions needed to follow cases through the system')}`,
  });

  const breakdowns = buildBreakdownFigures(ix, chapter, next);
  sections.push({
    id: 'breakdowns', title: 'Breakdowns',
    body: !model.hasBreakdowns ? noBreakdowns : breakdowns.length ? html`<p>${breakdowns.map((b) => b.sentence).join(' ')}</p>${breakdowns.map((b) => show(b.figure, 'breakdown'))}` : none('breakdowns of the headline indicators'),
  });

  const flows = buildFlowsSection(ix, chapter, next(), `${number}.1`);
  sections.push({
    id: 'flows', title: 'Cross-border flows',
    body: flows
      ? html`<p>${flows.text}</p>
${show(flows.figure, 'flows')}
${flows.noCorridors ? html`<p class="no-data">${flows.noCorridors}</p>` : renderDataTable(
          [
            { field: 'rank', title: 'Rank', format: 'count' },
            { field: 'from', title: flows.fromTitle, format: 'text' },
            { field: 'to', title: flows.toTitle, format: 'text' },
            { field: 'value', title: flows.indicator.unit === 'KG' ? 'Kilograms' : 'Number', format: flows.indicator.unit === 'KG' ? 'kg' : 'count' },
            { field: 'share', title: flows.role === 'sent_to' ? 'Share of requests sent abroad' : flows.role === 'received_from' ? 'Share of requests received from abroad' : 'Share of cross-border', format: 'share' },
            { field: 'source', title: 'Imported from', format: 'text', omitWhenEmpty: true },
          ],
          flows.corridors.map((c) => ({ rank: c.rank, ...flows.ends(c), value: c.value, share: c.share, source: flows.imported(c) })),
          html`<span class="table-label">Table ${number}.1</span> ${flows.role === 'sent_to' || flows.role === 'received_from' ? 'Top pairs of states' : 'Top cross-border corridors'} — ${flows.indicator.name.toLowerCase()}, ${model.year}`,
        )}`
      : html`<p class="no-data">${confidentialFlowsText(ix, chapter)
        ? `No breakdown by counterpart country can be shown for ${model.year}. ${confidentialFlowsText(ix, chapter)}`
        : `No indicator in this area records a counterpart country${chapter.chapter === 'corruption' ? ' (the catalogue collects corruption and money-laundering figures without a cross-border dimension)' : ` with data for ${model.year}`}.`}</p>`,
  });

  const body = html`${sections.map((s, i) => html`<section class="section" id="ch-${number}-${s.id}">
<h3><span class="section-number">${number}.${i + 1}</span> ${s.title}</h3>
${s.body}
</section>`)}`;
  return {
    id: `ch-${number}`, number, title: chapter.title, body, figures,
    sections: sections.map((s, i) => ({ id: `ch-${number}-${s.id}`, title: `${number}.${i + 1} ${s.title}` })),
    anchors,
  };
}

/**
 * Returns the criminal-justice section's text from an attrition figure's medians, one sentence for each area the
 * figure shows, giving each of its three ratios that has a median (persons suspected per offence, prosecuted per
 * person suspected, convicted per person prosecuted) with the states it is the median of: the first sentence says
 * whose ratios the medians are of (the one state's where only one state has them), the others follow in fewer
 * words; an area with no median at all is left out, and '' is returned where none has one.
 *
 * @example attritionText(figure) // 'Taking the median of the 11 states’ published ratios, for every 100 offences of corruption recorded, 79 persons were suspected in the same year; for every 100 persons suspected, 63 were prosecuted; and for every 100 prosecuted, 63 were convicted.'
 */
export function attritionText(figure: Figure, nouns: Pick<MemberNouns, 'bareOne' | 'bareMany'>): string {
  const areas = [...new Set(figure.rows.map((r) => String(r.row)))];
  const sentences: string[] = [];
  for (const area of areas) {
    const sentence = attritionSentence(figure, area, sentences.length === 0, nouns);
    if (sentence) sentences.push(sentence);
  }
  return sentences.join(' ');
}

/** The figure's three ratios in chain order, as its rows name them, with the words the text gives each. */
const CHAIN_STEPS = [
  {
    stage: 'Persons suspected per offence',
    first: (area: string, n: string) => `for every 100 offences of ${area} recorded, ${n} persons were suspected in the same year`,
    next: (n: string) => `for every 100 offences recorded, ${n} persons were suspected`,
    short: (n: string) => `${n} persons suspected per 100 offences`,
  },
  {
    stage: 'Prosecuted per person suspected',
    first: (area: string, n: string) => `for every 100 persons suspected of ${area} offences, ${n} were prosecuted in the same year`,
    next: (n: string) => `for every 100 persons suspected, ${n} were prosecuted`,
    short: (n: string) => `${n} prosecuted per 100 persons suspected`,
  },
  {
    stage: 'Convicted per person prosecuted',
    first: (area: string, n: string) => `for every 100 persons prosecuted for ${area} offences, ${n} were convicted in the same year`,
    next: (n: string) => `for every 100 prosecuted, ${n} were convicted`,
    short: (n: string) => `${n} convicted per 100 prosecuted`,
  },
] as const;

// one area's sentence; the first (lead) says what the medians are of, the others follow its lead in fewer words
// (was: the trafficking-in-persons sentence alone, in a chapter whose figure shows smuggling and drugs too; then
// two of the figure's three ratios, and nothing for an area with only one of them)
function attritionSentence(figure: Figure, area: string, isLead: boolean, nouns: Pick<MemberNouns, 'bareOne' | 'bareMany'>): string {
  const mine = figure.rows.filter((r) => r.row === area);
  const steps = CHAIN_STEPS.flatMap((step) => {
    const median = mine.find((r) => r.stage === step.stage)?.median;
    // each median is taken over its own states' ratios, so they need not come from one state: no 'median state'
    const states = mine.filter((r) => typeof r.ratio === 'number' && r.stage === step.stage).map((r) => String(r.state));
    return typeof median === 'number' && states.length > 0 ? [{ ...step, n: formatNumber(median * 100, 0), states }] : [];
  });
  if (steps.length === 0) return '';
  const states = [...new Set(steps.flatMap((s) => s.states))];
  // a median of one state's ratios is that state's: name it rather than speak of a median
  const only = states.length === 1 ? states[0] : undefined;
  // where a ratio is withheld for some states (a count below the threshold), the medians rest on different numbers
  // of states, and each says on how many (was: 'the 10 states' for a conviction median of 9)
  const isEvery = steps.every((s) => s.states.length === states.length);
  const over = (names: readonly string[]) => (names.length === 1 ? `${stateInProse(names[0] ?? '')} alone` : `the median of ${countMembers(names.length, nouns)}`);
  const base = (s: (typeof steps)[number]) => (only !== undefined || isEvery ? '' : ` (${over(s.states)})`);
  const name = area.toLowerCase();
  if (!isLead) {
    const shorts = steps.map((s) => `${s.short(s.n)}${base(s)}`);
    const list = listInProse(shorts);
    if (only !== undefined) return `In ${stateInProse(only)}, the one ${nouns.bareOne} with published ratios for ${name}, ${steps.length === 1 ? 'the ratio was' : 'the ratios were'} ${list}.`;
    const each = isEvery ? ` (${steps.length === 1 ? 'the' : 'each the'} median of ${countMembers(states.length, nouns)})` : '';
    return `For ${name}, the ${steps.length === 1 ? 'median was' : 'medians were'} ${list}${each}.`;
  }
  const clauses = steps.map((s, i) => `${i === 0 ? s.first(name, s.n) : s.next(s.n)}${base(s)}`);
  const joined = clauses.length === 1 ? clauses[0] : clauses.length === 2 ? `${clauses[0]}, and ${clauses[1]}` : `${clauses.slice(0, -1).join('; ')}; and ${clauses[clauses.length - 1]}`;
  if (only !== undefined) return `In ${stateInProse(only)}, the one ${nouns.bareOne} with published ratios, ${joined}.`;
  if (isEvery) return `Taking the median of the ${countMembers(states.length, nouns)}\u2019 published ratios, ${joined}.`;
  return `Taking the median of the ${nouns.bareMany}\u2019 published ratios, ${joined}.`;
}

/**
 * Returns the paragraph of a chapter with no rate to show: where members gave a figure for the year but none has a
 * population to relate it to (a warehouse of UNODC's published figures and no World Bank population), it names them,
 * since "No member state reported figures that can be related to population" read as if no state had a figure.
 */
function noRates(ix: ReviewIndex, chapter: AreaChapter): Markup {
  const { model } = ix;
  const codes = chapter.areas.flatMap((a) => { const ind = ix.rateIndicator(a.area); return ind ? [ind.code] : []; });
  const unrated = ix.states.filter((s) => codes.some((code) => ix.total(s.iso3, code, model.year)?.value != null)).map((s) => stateInProse(s.name));
  if (unrated.length === 0) return html`<p class="no-data">No ${ix.nouns.one} reported figures that can be related to population for ${model.year}.</p>`;
  const who = unrated.length > 3 ? `the ${countMembers(unrated.length, ix.nouns)} with a figure` : listInProse(unrated);
  return html`<p class="no-data">No rate per 100,000 can be given for ${model.year}: no population for ${model.year} was reported or imported for ${who}, so their figures have nothing to be related to (chapter 8 gives them as counts).</p>`;
}
