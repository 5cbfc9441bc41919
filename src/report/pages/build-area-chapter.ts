import type { Figure } from '../figures/figure.js';
import { renderDataTable } from '../figures/render-data-table.js';
import { renderFigure } from '../figures/render-figure.js';
import { formatNumber, formatRate, listInProse } from '../format-number.js';
import { html, type Markup } from '../html.js';
import type { RegionMap } from '../maps/fit-region-map.js';
import { buildAttritionFigure } from './area/attrition-figure.js';
import { buildBreakdownFigures } from './area/breakdown-figures.js';
import { createFigureSlots } from './area/figure-slot.js';
import { buildFlowsSection } from './area/flows-section.js';
import { buildMapFigure } from './area/map-figure.js';
import { buildRatesFigure } from './area/rates-figure.js';
import { buildTrendFigure } from './area/trend-figure.js';
import type { Chapter } from './chapter.js';
import { describeArea } from './describe-area.js';
import { proseName, stateInProse, upperFirst } from './prose-name.js';
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
  const none = (what: string) => html`<p class="no-data">No member state reported ${what} for ${model.year}.</p>`;
  const noBreakdowns = html`<p class="no-data">Breakdowns are not available in this build of the warehouse (it has no breakdown mart); rebuild the marts with a current crimetrends to include them.</p>`;
  // a chapter none of whose indicators any member reported in the review's years (a coordinator's first, thin
  // assessment): one paragraph saying so, not five sections each saying 'no data'
  const codes = new Set(model.indicators.filter((i) => chapter.areas.some((a) => a.area === i.area)).map((i) => i.code));
  if (!model.totals.some((t) => codes.has(t.indicator) && ix.states.some((s) => s.iso3 === t.iso3))) {
    return {
      id: `ch-${number}`, number, title: chapter.title, figures, anchors, sections: [],
      body: html`<p class="no-data">No member state reported any figure on ${chapter.title.toLowerCase()} for ${ix.period}, so this chapter has no figures. A missing figure is never taken as zero: chapter 2 lists the returns received, and the annex the indicators asked for.</p>`,
    };
  }

  const trend = buildTrendFigure(ix, chapter, next());
  sections.push({
    id: 'trend', title: 'Regional trend',
    body: html`${chapter.areas.map((a) => describeArea(ix, a))}${trend ? show(trend, ...chapter.areas.map((a) => `trend:${a.area}`)) : html`<p class="no-data">No like-for-like trend can be drawn: no indicator of this chapter has figures from the same state for two consecutive years up to ${model.year}.</p>`}`,
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
    return ranked.length >= 2 && top[0] && bottom[0] ? [{ ind, top, bottom, isEven: top.length === ranked.length }] : [];
  });
  const names = (rs: readonly { name: string }[]) => listInProse(rs.map((r) => stateInProse(r.name)));
  const rangeText = ranges.map(({ ind, top, bottom, isEven }, i) => {
    const what = i === 0 ? `Relative to population, ${proseName(ind)}` : upperFirst(proseName(ind));
    return isEven
      ? `${what} stood at ${printed(top[0]!)} per 100,000 in each of the ${top.length} states with a figure.`
      : `${what} ranged from ${printed(bottom[0]!)} per 100,000 in ${names(bottom)} to ${printed(top[0]!)} in ${names(top)}.`;
  }).join(' ');
  sections.push({
    id: 'rates', title: 'Rates by state',
    body: html`${rangeText ? html`<p>${rangeText} Differences between states reflect how offences are detected and recorded as well as how often they occur, and are best read together with the trend in each state (chapter 8).</p>` : ''}
${show(rates, ...chapter.areas.map((a) => `rates:${a.area}`))}${show(mapFigure, ...chapter.areas.map((a) => `map:${a.area}`))}${!rates && !mapFigure ? none('figures that can be related to population') : ''}`,
  });

  const attrition = buildAttritionFigure(ix, chapter, next());
  sections.push({
    id: 'justice', title: 'Criminal-justice response',
    body: html`${attrition ? html`<p>${attritionText(attrition)}</p>` : ''}${attrition ? show(attrition, ...chapter.areas.map((a) => `attrition:${a.area}`)) : none('the offences, suspects, prosecutions and convictions needed to follow cases through the system')}`,
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
            { field: 'value', title: flows.indicator.unit === 'KG' ? 'Kilograms' : 'Number', format: 'count' },
            { field: 'share', title: flows.role === 'sent_to' ? 'Share of requests sent abroad' : flows.role === 'received_from' ? 'Share of requests received from abroad' : 'Share of cross-border', format: 'share' },
            { field: 'source', title: 'Imported from', format: 'text', omitWhenEmpty: true },
          ],
          flows.corridors.map((c) => ({ rank: c.rank, ...flows.ends(c), value: c.value, share: c.share, source: flows.imported(c) })),
          html`<span class="table-label">Table ${number}.1</span> ${flows.role === 'sent_to' || flows.role === 'received_from' ? 'Top pairs of states' : 'Top cross-border corridors'} — ${flows.indicator.name.toLowerCase()}, ${model.year}`,
        )}`
      : html`<p class="no-data">No indicator in this area records a counterpart country${chapter.chapter === 'corruption' ? ' (the catalogue collects corruption and money-laundering figures without a cross-border dimension)' : ` with data for ${model.year}`}.</p>`,
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
 * figure shows: the first says whose ratios the medians are of (the one state's where only one state has them), the
 * others give each area's two medians with the number of states each is taken over; an area either of whose
 * medians is missing is left out, and '' is returned where none has both.
 *
 * @example attritionText(figure) // 'Taking the median of the 10 states’ published ratios, for every 100 persons suspected … For smuggling of migrants, the medians were 67 prosecuted per 100 persons suspected and 64 convicted per 100 prosecuted (each the median of 11 states).'
 */
export function attritionText(figure: Figure): string {
  const areas = [...new Set(figure.rows.map((r) => String(r.row)))];
  const sentences: string[] = [];
  for (const area of areas) {
    const sentence = attritionSentence(figure, area, sentences.length === 0);
    if (sentence) sentences.push(sentence);
  }
  return sentences.join(' ');
}

// one area's sentence; the first (lead) says what the medians are of, the others follow its lead in fewer words
// (was: the trafficking-in-persons sentence alone, in a chapter whose figure shows smuggling and drugs too)
function attritionSentence(figure: Figure, area: string, isLead: boolean): string {
  const mine = figure.rows.filter((r) => r.row === area);
  const stage = (name: string) => mine.find((r) => r.stage === name)?.median;
  const prosecuted = stage('Prosecuted per person suspected');
  const convicted = stage('Convicted per person prosecuted');
  if (typeof prosecuted !== 'number' || typeof convicted !== 'number') return '';
  // a median of one state's ratios is that state's: name it rather than speak of a "median state"
  const ratioStates = (name: string) => mine.filter((r) => typeof r.ratio === 'number' && r.stage === name).map((r) => String(r.state));
  const ofProsecuted = ratioStates('Prosecuted per person suspected');
  const ofConvicted = ratioStates('Convicted per person prosecuted');
  const states = [...new Set([...ofProsecuted, ...ofConvicted])];
  const only = states.length === 1 ? states[0] : undefined;
  const isEvery = ofProsecuted.length === states.length && ofConvicted.length === states.length;
  const p = formatNumber(prosecuted * 100, 0);
  const c = formatNumber(convicted * 100, 0);
  const over = (names: readonly string[]) => (names.length === 1 ? `${stateInProse(names[0] ?? '')} alone` : `the median of ${names.length} states`);
  if (!isLead) {
    const name = area.toLowerCase();
    if (only !== undefined) return `In ${stateInProse(only)}, the one state with published ratios for ${name}, ${p} were prosecuted per 100 persons suspected and ${c} convicted per 100 prosecuted.`;
    if (isEvery) return `For ${name}, the medians were ${p} prosecuted per 100 persons suspected and ${c} convicted per 100 prosecuted (each the median of ${states.length} states).`;
    return `For ${name}, the medians were ${p} prosecuted per 100 persons suspected (${over(ofProsecuted)}) and ${c} convicted per 100 prosecuted (${over(ofConvicted)}).`;
  }
  const suspected = `for every 100 persons suspected of ${area.toLowerCase()} offences, ${p} were prosecuted in the same year`;
  const convictedText = `for every 100 prosecuted, ${c} were convicted`;
  if (only !== undefined) return `In ${stateInProse(only)}, the one state with published ratios, ${suspected}, and ${convictedText}.`;
  // each median is taken over its own states' ratios, so the two need not come from one state: no 'median state';
  // where a ratio is withheld for some states (a count below the threshold), the two medians rest on different
  // numbers of states, and each says on how many (was: 'the 10 states' for a conviction median of 9)
  if (isEvery) return `Taking the median of the ${states.length} states\u2019 published ratios, ${suspected}, and ${convictedText}.`;
  return `Taking the median of the states\u2019 published ratios, ${suspected} (${over(ofProsecuted)}), and ${convictedText} (${over(ofConvicted)}).`;
}
