import { formatAmount, formatChange, listInProse } from '../format-number.js';
import { html, type Markup } from '../html.js';
import type { TotalPoint } from '../review-model.js';
import { changeWords, fromZeroWords, trendClause, withheldWhy } from './describe-area.js';
import { countMembers, proseName, stateInProse, upperFirst } from './prose-name.js';
import { dateText, deadlineText } from './deadline-text.js';
import type { ReviewIndex } from './review-index.js';
import { importedWithoutReturn, importedWithoutReturnText } from './source-line.js';
import { isWithheldFigure } from './withheld-figure.js';
import { leadingTies, tiedValue } from './tied-extremes.js';

/** Smallest previous-year count a state-level change must start from to be called a rise or fall. */
export const MIN_BASE = 20;

/**
 * Returns chapter 1's findings: five to eight sentences written from the numbers (coverage, the direction of each
 * chapter's headline indicator, the largest rise and fall in a state, provisional figures), each linking to the
 * figure or table that shows the numbers it quotes (a state's rise or fall, a count: the row of that indicator in
 * the state profile's table). `anchors` maps a purpose (`returns`, `trend:TIP`, `rates:FA`) to a figure id.
 */
export function buildKeyFindings(ix: ReviewIndex, anchors: Readonly<Record<string, string>>, annexId: string): Markup[] {
  const { model } = ix;
  const findings: Markup[] = [];
  const see = (key: string, label = 'see Figure') => {
    const id = anchors[key];
    return id ? html` <a class="see" href="#${id}">(${label} ${id.replace(/^fig-/, '').replace('-', '.')})</a>` : html``;
  };
  // a headline's like-for-like change is printed in the overview's table (Table 3.1: '+1.1%'), its years in the
  // chapter's trend figure (an index, which gives the change only as a step): both are named, the table first
  const seeChange = (trendKey: string) => {
    const table = anchors['table:overview'];
    const figure = anchors[trendKey];
    if (!table || !figure) return see(trendKey);
    const label = (id: string) => id.replace(/^(fig|tab)-/, '').replace('-', '.');
    return html` <span class="see">(see <a href="#${table}">Table ${label(table)}</a> and <a href="#${figure}">Figure ${label(figure)}</a>)</span>`;
  };
  // a state's count and its change are the numbers a rise or fall quotes: they stand in the row of that indicator in
  // the state profile's table (the chapter's rates figure gives rates per 100,000, not the count)
  const seeState = (iso3: string, indicator: string) => html` <a class="see" href="states/${iso3}.html#ind-${indicator}">(see Table ${iso3}.1)</a>`;
  const received = model.returns.filter((r) => r.isReceived);
  const missing = ix.states.filter((s) => !received.some((r) => r.iso3 === s.iso3)).map((s) => stateInProse(s.name));
  if (received.length === 0) {
    // no return at all for the year: one sentence, not 'no member state reported …' for every chapter
    const imported = importedWithoutReturnText(importedWithoutReturn(ix, ix.states.map((s) => s.iso3)));
    findings.push(html`None of the ${ix.states.length} ${ix.nouns.many} has returned data for ${model.year}: ${imported ? html`this review\u2019s chapters show ${ix.dataSpan} only, and its only ${model.year} figures are the ${imported}` : html`this review has no figure for ${model.year}${ix.yearsWithFigures().length ? html`, and its chapters show ${ix.dataSpan} only` : ''}`}.${see('returns')}`);
    // with no figure for the year, nothing more to find; with imported ones (UNODC's, no return), the chapters give
    // their changes, and so do the findings below, where they stopped at this sentence
    if (!imported) return findings;
  } else {
    findings.push(coverageFinding(ix, received, missing, see('returns')));
  }
  // the first year with figures (no member reported the year before): one sentence, not 'could not be compared' per
  // chapter
  const hasPrevious = model.regional.some((r) => r.year === model.year - 1 && r.reporting > 0);
  if (!hasPrevious && model.regional.some((r) => r.year === model.year && r.reporting > 0)) {
    findings.push(html`No ${ix.nouns.one} has figures for ${model.year - 1} in the warehouse, so no change on the year before can be given: the chapters show the ${model.year} levels.${see('overview')}`);
  }
  // every headline's total for the year withheld for a state's confidential figures (North Macedonia, all its figures
  // C, in a group of six): the overview's points for the year are missing, which the findings say once, naming whose
  const headlines = ix.chapters.flatMap((c) => { const ind = c.areas[0] ? ix.headline(c.areas[0].area) : undefined; return ind ? [ind] : []; });
  const totals = headlines.flatMap((ind) => model.regional.filter((r) => r.indicator === ind.code && r.year === model.year && r.reporting > 0));
  if (totals.length > 0 && totals.every((r) => r.isSuppressed && (r.suppressionReason ?? '').startsWith('confidential'))) {
    const whose = ix.states.filter((st) => totals.some((r) => isWithheldFigure(ix, st.iso3, r.indicator, model.year))).map((st) => stateInProse(st.name));
    findings.push(html`No regional total of a headline indicator can be published for ${model.year}: each would include figures marked confidential${whose.length ? ` by ${listInProse(whose)}` : ''}, so the changes below are like-for-like over the ${ix.nouns.bareMany} whose figures are published.${see('overview')}`);
  }
  for (const chapter of ix.chapters) {
    const area = chapter.areas[0];
    const ind = area ? ix.headline(area.area) : undefined;
    if (!area || !ind) continue;
    const now = model.regional.find((r) => r.indicator === ind.code && r.year === model.year);
    if (!now || now.reporting === 0) {
      if (received.length > 0) findings.push(html`No ${ix.nouns.one} reported ${proseName(ind)} for ${model.year}.`);
      continue;
    }
    const trend = model.trends.find((t) => t.iso3 === null && t.indicator === ind.code);
    const clause = trend ? trendClause(ix, trend, false) : null;
    const direction = clause === null ? '' : html`; ${clause}`;
    if (now.changeLfl === null && !hasPrevious) continue;
    const fromZero = fromZeroWords(ix, now, ind.unit, true);
    const change = fromZero !== null
      ? now.lflStates === 1
        ? html`${fromZero} in ${stateInProse(ix.stateName(now.lflStateCodes[0] ?? ''))}, the one ${ix.nouns.bareOne} with comparable figures for both years`
        : html`${fromZero.replace(/(, so|, a rise)/, ` across the ${countMembers(now.lflStates, ix.nouns)} reporting both years$1`)}`
      : now.changeLfl === null && now.lflStates > 0
      ? html`cannot be compared with ${model.year - 1} in this review: the like-for-like change over the ${countMembers(now.lflStates, ix.nouns)} reporting both years is withheld, as ${withheldWhy(ix, now)}`
      : now.changeLfl === null ? html`could not be compared with ${model.year - 1}: no ${ix.nouns.bareOne} reported comparable figures for both years` : now.lflStates === 1
      ? html`${changeWords(now.changeLfl)} on ${model.year - 1} in ${stateInProse(ix.stateName(now.lflStateCodes[0] ?? ''))}, the one ${ix.nouns.bareOne} with comparable figures for both years`
      : html`${changeWords(now.changeLfl)} on ${model.year - 1} across the ${countMembers(now.lflStates, ix.nouns)} reporting both years`;
    // a like-for-like change resting on a figure its return did not explain (CHANGE_WITHOUT_COMMENT) says so
    const unexplained = now.changeLfl === null ? [] : now.lflStateCodes.filter((iso3) => {
      const t = ix.total(iso3, ind.code, model.year);
      return t !== undefined && isUnexplained(model, t);
    });
    const caveat = unexplained.length
      ? html`, including the change in ${listInProse(unexplained.map((iso3) => stateInProse(ix.stateName(iso3))))} that ${unexplained.length === 1 ? 'its return' : 'their returns'} did not explain (CHANGE_WITHOUT_COMMENT)`
      : '';
    findings.push(html`${upperFirst(proseName(ind))} ${change}${caveat}${direction}.${seeChange(`trend:${area.area}`)}`);
  }

  // the rise and fall are of the headline indicators (Table 3.1's) only, from a base of MIN_BASE: 'the largest rise'
  // alone claimed all of them, while Moldova's cybercrime convictions rose by 55.0% beside its offences' 33.5%
  const moves = largestMoves(ix);
  // a change the return did not explain is shown, never hidden, but not headlined: it may be a reporting error (a
  // wrong unit); it is told inside the rise's or fall's finding, so that no other finding gives way to it
  const aside = (rising: boolean): Markup => {
    const told = moves.setAside.filter((t) => (t.change ?? 0) > 0 === rising)
      .map((t) => `${proseName(ix.indicator(t.indicator))} in ${stateInProse(ix.stateName(t.iso3))} went ${rising ? 'up' : 'down'} by ${formatChange(t.change).replace(/^[+\u2212]/, '')} to ${formatAmount(t.value, ix.indicator(t.indicator).unit)}`);
    if (told.length === 0) return html``;
    return html` ${told.length === 1 ? 'A larger change is' : 'Larger changes are'} left aside: ${listInProse(told)}, ${told.length === 1 ? 'a change' : 'changes'} on ${model.year - 1} the return did not explain, flagged on receipt (CHANGE_WITHOUT_COMMENT) and possibly ${told.length === 1 ? 'a reporting error' : 'reporting errors'}.${html` <a class="see" href="#${annexId}">(see the annex)</a>`}`;
  };
  // every state whose change prints as the largest is named, each where it is told: two at +33.5% are both the largest
  const tiedIn = (ts: readonly TotalPoint[], verb: string): Markup => {
    const parts = ts.map((t) => html`in ${stateInProse(ix.stateName(t.iso3))}, where ${proseName(ix.indicator(t.indicator))} went ${verb} to ${formatAmount(t.value, ix.indicator(t.indicator).unit)}${seeState(t.iso3, t.indicator)}`);
    return html`${parts.map((p, i) => html`${i === 0 ? '' : i === parts.length - 1 ? ', and ' : ', '}${p}`)}`;
  };
  const [r] = moves.rise;
  if (r && moves.rise.length > 1) {
    findings.push(html`Among ${ix.nouns.bareMany}, the largest rises in a headline indicator, ${tiedValue(moves.rise.length, formatChange(r.change).replace('+', ''))}, were ${tiedIn(moves.rise, 'up')}.${aside(true)}`);
  } else if (r) {
    findings.push(html`Among ${ix.nouns.bareMany}, the largest rise in a headline indicator was in ${stateInProse(ix.stateName(r.iso3))}, where ${proseName(ix.indicator(r.indicator))} went up by ${formatChange(r.change).replace('+', '')} to ${formatAmount(r.value, ix.indicator(r.indicator).unit)}.${seeState(r.iso3, r.indicator)}${aside(true)}`);
  } else if (moves.setAside.some((t) => (t.change ?? 0) > 0)) {
    findings.push(html`No ${ix.nouns.bareOne}\u2019s rise on ${model.year - 1} is headlined.${aside(true)}`);
  }
  const [f] = moves.fall;
  if (f && moves.fall.length > 1) {
    findings.push(html`The largest falls in a headline indicator, ${tiedValue(moves.fall.length, formatChange(f.change).replace('\u2212', ''))}, were ${tiedIn(moves.fall, 'down')}.${aside(false)}`);
  } else if (f) {
    findings.push(html`The largest fall in a headline indicator was in ${stateInProse(ix.stateName(f.iso3))}, where ${proseName(ix.indicator(f.indicator))} went down by ${formatChange(f.change).replace('\u2212', '')} to ${formatAmount(f.value, ix.indicator(f.indicator).unit)}.${seeState(f.iso3, f.indicator)}${aside(false)}`);
  } else if (moves.setAside.some((t) => (t.change ?? 0) < 0)) {
    findings.push(html`No ${ix.nouns.bareOne}\u2019s fall on ${model.year - 1} is headlined.${aside(false)}`);
  }
  // crime figures only: a provisional population (POP, a context indicator) is footnoted where a rate rests on it
  const flagged = model.totals.filter((t) => t.year === model.year && t.status === 'P' && ix.indicator(t.indicator).stage !== 'CONTEXT');
  const provisional = [...new Set(flagged.map((t) => t.iso3))].sort((a, b) => ix.stateName(a).localeCompare(ix.stateName(b), 'en'));
  if (provisional.length) {
    const names = listInProse(provisional.map((s) => stateInProse(ix.stateName(s))));
    const n = flagged.length;
    // how many, and the table they are marked in, where it said "include provisional values (see the annex)", whose
    // flags table shows none of them
    const whose = provisional.length === 1
      ? html`${upperFirst(names)}\u2019s ${model.year} figures include ${n === 1 ? 'a provisional value, which' : `${n} provisional values, which`}`
      : html`The ${model.year} figures of ${countMembers(provisional.length, ix.nouns)} (${names}) include provisional values, which`;
    const tables = provisional.map((iso3) => html`<a href="states/${iso3}.html#indicators">${iso3}.1</a>`);
    const see = tables.length === 1 ? html` <a class="see" href="states/${provisional[0] ?? ''}.html#indicators">(see Table ${provisional[0] ?? ''}.1)</a>` : html` <span class="see">(see Tables ${tables.slice(0, -1).map((t, i) => html`${i ? ', ' : ''}${t}`)} and ${tables[tables.length - 1] ?? ''})</span>`;
    findings.push(html`${whose} may be revised in next year\u2019s returns.${see}`);
  }
  return findings.slice(0, 8);
}

/**
 * Returns the largest rise and fall of a headline indicator in a state (from a count of at least MIN_BASE), leaving
 * out a change validation warned its return did not explain (CHANGE_WITHOUT_COMMENT: +104,704.5% from a unit
 * mistake would otherwise lead the findings); such changes beyond the rise or fall chosen are returned as set aside.
 */
function largestMoves(ix: ReviewIndex): { rise: TotalPoint[]; fall: TotalPoint[]; setAside: TotalPoint[] } {
  const { model } = ix;
  const headlines = new Set(ix.chapters.flatMap((c) => c.areas.flatMap((a) => ix.headline(a.area)?.code ?? [])));
  const candidates = model.totals.filter((t) => {
    if (t.year !== model.year || t.change === null || t.value === null || !headlines.has(t.indicator)) return false;
    const base = t.value / (1 + t.change);
    return base >= MIN_BASE;
  });
  const order = (a: TotalPoint, b: TotalPoint) => (b.change ?? 0) - (a.change ?? 0) || a.iso3.localeCompare(b.iso3, 'en') || a.indicator.localeCompare(b.indicator, 'en');
  const sorted = [...candidates].sort(order);
  // every change that prints as the largest rise (or fall) is one: the first and those printed alike after it
  const printed = (t: TotalPoint) => formatChange(t.change);
  const rise = leadingTies(sorted.filter((t) => (t.change ?? 0) > 0 && !isUnexplained(model, t)), printed);
  const fall = leadingTies([...sorted].reverse().filter((t) => (t.change ?? 0) < 0 && !isUnexplained(model, t)), printed)
    .sort((a, b) => a.iso3.localeCompare(b.iso3, 'en') || a.indicator.localeCompare(b.indicator, 'en'));
  const setAside = sorted.filter((t) => isUnexplained(model, t) && ((t.change ?? 0) > 0 ? (t.change ?? 0) > (rise[0]?.change ?? 0) : (t.change ?? 0) < (fall[0]?.change ?? 0)));
  return { rise, fall, setAside };
}

/** Returns whether validation warned that the total's change was not explained (CHANGE_WITHOUT_COMMENT on this value). */
function isUnexplained(model: ReviewIndex['model'], t: TotalPoint): boolean {
  return model.unexplainedChanges.some((u) => u.iso3 === t.iso3 && u.indicator === t.indicator && u.year === t.year && u.value === t.value);
}

/** Returns the key finding on who returned for the year and what the missing do to its totals. */
function coverageFinding(ix: ReviewIndex, received: ReviewIndex['model']['returns'], missing: string[], seeReturns: Markup): Markup {
  const { model } = ix;
  // a state whose every version was rejected sent a return, but none of its figures is in the totals
  const rejected = received.filter((r) => !r.isInForce).map((r) => stateInProse(ix.stateName(r.iso3)));
  const rejectedText = rejected.length
    ? html`, but ${rejected.length === 1 ? html`${listInProse(rejected)}\u2019s return was` : html`the returns of ${listInProse(rejected)} were`} rejected for errors and none of ${rejected.length === 1 ? 'its' : 'their'} figures is used`
    : '';
  // in a first year (no member has figures for the year before) no change is compared at all: the totals then cover
  // only the states that returned, as the returns chapter says, never 'changes are compared like-for-like'
  const hasPrevious = model.regional.some((r) => r.year === model.year - 1 && r.reporting > 0);
  const fewer = hasPrevious
    ? html`, so regional totals for ${model.year} cover fewer ${ix.nouns.bareMany} and changes are compared like-for-like`
    : html`, so regional totals for ${model.year} cover only the ${ix.nouns.bareMany} that returned`;
  // files all received before the reference year began (earlier years' returns) came in before it began, not 'before the year was over'
  const early = model.beforeDeadline ? ` by ${dateText(model.beforeDeadline)}, before the year ${model.beforeDeadline < `${model.year}-01-01` ? 'began' : 'was over'} (the deadline is ${deadlineText(model.year, model.rules.deadline)})` : '';
  return html`${received.length} of the ${ix.states.length} ${ix.nouns.many} returned data for ${model.year}${early}${rejectedText}${missing.length ? html`; no return ${model.beforeDeadline ? 'has been received yet' : 'was received'} from ${listInProse(missing)}${fewer}` : rejected.length ? fewer : ''}.${seeReturns}`;
}
