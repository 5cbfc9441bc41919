import { buildReturnsChart, type ReturnsChartRow } from '../charts/build-returns-chart.js';
import type { Figure } from '../figures/figure.js';
import { renderDataTable } from '../figures/render-data-table.js';
import { renderFigure } from '../figures/render-figure.js';
import { formatShare, listInProse, plural, yearSpan } from '../format-number.js';
import { html, type Markup } from '../html.js';
import type { StateInfo } from '../review-model.js';
import type { Chapter } from './chapter.js';
import { dateText, deadlineText } from './deadline-text.js';
import { groupMembersInProse, memberNouns, stateInProse, upperFirst } from './prose-name.js';
import type { ReviewIndex } from './review-index.js';
import { importedWithoutReturn, importedWithoutReturnText } from './source-line.js';

/**
 * Returns chapter 2: which members returned their data, when, with what outcome and how complete; the missing
 * named in the text.
 */
export function buildReturnsChapter(ix: ReviewIndex, number: string): Chapter {
  const { model } = ix;
  const nouns = memberNouns(model.group);
  const returns = ix.states.map((s) => model.returns.find((r) => r.iso3 === s.iso3) ?? null);
  const received = returns.filter((r) => r?.isReceived);
  const onTime = received.filter((r) => (r?.daysLate ?? 1) <= 0);
  const late = received.filter((r) => (r?.daysLate ?? 0) > 0);
  const missingStates = ix.states.filter((s) => !model.returns.find((r) => r.iso3 === s.iso3)?.isReceived);
  const missing = missingStates.map((s) => stateInProse(s.name));
  // a rejected latest file leaves an earlier accepted version in force, or nothing: then the state sent a return but
  // none of its figures is in the review
  const rejected = received.filter((r) => r?.outcome === 'rejected' && r.isInForce).map((r) => stateInProse(ix.stateName(r?.iso3 ?? '')));
  const rejectedOnly = received.filter((r) => r?.outcome === 'rejected' && !r.isInForce).map((r) => stateInProse(ix.stateName(r?.iso3 ?? '')));
  const deadline = deadlineText(model.year, model.rules.deadline);
  // a state with no return in force can still have figures in the totals, from an import (UNODC published them)
  const imported = importedWithoutReturnText(importedWithoutReturn(ix, ix.states.filter((s) => !model.returns.find((r) => r.iso3 === s.iso3)?.isInForce).map((s) => s.iso3)));
  const rows: ReturnsChartRow[] = ix.states.map((s) => {
    const r = model.returns.find((x) => x.iso3 === s.iso3);
    if (!r?.isReceived) return { state: s.name, completeness: null, printed: 'No return', timeliness: 'Not received', label: 'No return' };
    const isLate = (r.daysLate ?? 0) > 0;
    const when = isLate ? `${plural(r.daysLate ?? 0, 'day')} late` : 'on time';
    if (!r.isInForce) return { state: s.name, completeness: null, printed: 'Rejected', timeliness: isLate ? 'Late' : 'On time', label: `Rejected, ${when}` };
    return { state: s.name, completeness: r.completeness, printed: formatShare(r.completeness), timeliness: isLate ? 'Late' : 'On time', label: `${formatShare(r.completeness)}, ${when}` };
  });
  const order = [...rows].sort((a, b) => (b.completeness ?? -1) - (a.completeness ?? -1) || a.state.localeCompare(b.state, 'en')).map((r) => r.state);
  const id = `fig-${number}-1`;
  // every return that shares the highest completeness is named: six at 100% are not 'the most complete return'
  const best = rows.find((r) => r.state === order[0])?.completeness ?? null;
  const top = best === null ? [] : order.filter((state) => rows.find((r) => r.state === state)?.completeness === best);
  const description = [
    `Bar chart of the share of catalogue series each ${nouns.one} reported for ${model.year}.`,
    received.length === 0
      ? `None of the ${ix.states.length} ${nouns.bareMany} returned data.`
      : `${received.length} of ${ix.states.length} ${nouns.bareMany} returned data, ${onTime.length === received.length ? (received.length === 1 ? 'by the deadline' : `all ${onTime.length} by the deadline`) : `${onTime.length} by the deadline`}.`,
    top.length === 1 ? `The most complete return came from ${top[0]} (${formatShare(best)}).` : top.length ? `The most complete returns (${formatShare(best)}) came from ${listInProse(top)}.` : '',
    missing.length ? `No return from ${listInProse(missing)}.` : '',
  ].filter((t) => t !== '').join(' ');
  const figure: Figure = {
    id,
    number: `${number}.1`,
    title: `Completeness and timeliness of the returns for ${model.year}, by ${nouns.one}`,
    spec: buildReturnsChart(rows, order, description, nouns),
    columns: [
      { field: 'state', title: upperFirst(nouns.bareOne), format: 'text' },
      { field: 'timeliness', title: 'Return', format: 'text' },
      { field: 'completeness', title: 'Completeness', format: 'share' },
    ],
    rows: order.map((state) => {
      const r = rows.find((x) => x.state === state);
      return { state, timeliness: r?.timeliness ?? null, completeness: r?.completeness ?? null };
    }),
    description,
    source: `${ix.nouns.returns} for ${model.year} as held in the warehouse on the data snapshot given in the annex.`,
    notes: [`Completeness is the share of the indicator catalogue\u2019s series (indicator totals) that a return reported for ${model.year}. On time means received by ${deadline}.`],
  };
  const tableRows = ix.states.map((s) => {
    const r = model.returns.find((x) => x.iso3 === s.iso3);
    return {
      state: s.name,
      // dates as the text gives them ('29 January 2026', the deadline's form), where the table alone printed 2026-01-29
      received: r?.firstReceived ? dateText(r.firstReceived) : 'Not received',
      timing: r?.isReceived ? ((r.daysLate ?? 0) > 0 ? `${plural(r.daysLate ?? 0, 'day')} late` : 'On time') : null,
      outcome: r?.outcome === 'rejected' && r.isInForce ? 'Rejected (earlier version used)' : r?.outcome ? r.outcome.charAt(0).toUpperCase() + r.outcome.slice(1) : null,
      versions: r?.isReceived ? r.versions : null,
      rows: r?.isReceived ? r.rowsAccepted : null,
      warnings: r?.isReceived ? r.warnings : null,
      completeness: r?.isInForce ? r.completeness : null,
    };
  });
  const body = html`<p>The review rests on the annual returns of ${groupMembersInProse(model.group, ix.states.length)}.
${receivedBy(ix, deadline, html`${onTime.length === 0 ? 'none' : onTime.length} of the ${ix.states.length} ${nouns.many} had returned their data for ${model.year}${late.length ? html`; ${onTime.length === 0 ? (late.length === 1 ? 'one arrived late and is' : `${late.length} arrived late and are`) : late.length === 1 ? 'one more arrived late and is' : `${late.length} more arrived late and are`} included` : ''}`, received.length > 0)}
${missing.length && missing.length === ix.states.length ? html`No return ${model.beforeDeadline ? 'has been received yet' : 'was received'} from any ${nouns.one} (<strong>${listInProse(missing)}</strong>): ${imported ? html`no return gives this review a figure for ${model.year}${ix.yearsWithFigures().length ? html`, which shows ${ix.dataSpan} only` : ''}; its only ${model.year} figures are the ${imported}, marked in the data tables` : html`this review has no figure for ${model.year}${ix.yearsWithFigures().length ? html` and shows ${ix.dataSpan} only` : ''}`}. Missing figures are never counted as zero.` : missing.length ? html`No return ${model.beforeDeadline ? 'has been received yet' : 'was received'} from <strong>${listInProse(missing)}</strong>: ${missing.length === 1 ? 'its figures are' : 'their figures are'} missing from the ${model.year} totals, ${missingFromTotals(ix, missingStates)}. Missing figures are never counted as zero; changes between years are compared like-for-like, over the ${nouns.bareMany} that reported both years.${imported ? ` The ${model.year} totals do include the ${imported}, where no return gave them; the data tables mark them.` : ''}` : `Every ${nouns.one} returned its data.`}
${rejectedOnly.length ? html` The return${rejectedOnly.length === 1 ? '' : 's'} from <strong>${listInProse(rejectedOnly)}</strong> ${rejectedOnly.length === 1 ? 'was' : 'were'} rejected for errors and no version has been accepted: none of ${rejectedOnly.length === 1 ? 'its' : 'their'} figures for ${model.year} is in this review, and the ${model.year} totals cover the ${ix.nouns.bareMany} whose returns were accepted.` : ''}${rejected.length ? html` The latest file from ${listInProse(rejected)} was rejected for errors; the earlier accepted version is used.` : ''}</p>
${renderFigure(figure, '')}
${renderDataTable(
    [
      { field: 'state', title: upperFirst(nouns.bareOne), format: 'text' },
      { field: 'received', title: 'First received', format: 'text' },
      { field: 'timing', title: 'Timeliness', format: 'text' },
      { field: 'outcome', title: 'Outcome', format: 'text' },
      { field: 'versions', title: 'Versions', format: 'count' },
      { field: 'rows', title: 'Rows accepted', format: 'count' },
      { field: 'warnings', title: 'Warnings', format: 'count' },
      { field: 'completeness', title: 'Completeness', format: 'share' },
    ],
    tableRows,
    html`<span class="table-label">Table ${number}.1</span> Returns for ${model.year} by ${nouns.one}`,
  )}`;
  return { id: `ch-${number}`, number, title: 'Returns and coverage', body, figures: [figure], sections: [], anchors: { returns: id } };
}

/**
 * Returns the sentence on who had returned by the deadline, `returned` ('11 of the 13 member states had returned their
 * data for 2025'): 'By the deadline of 31 January 2026, 11 of …'; for a review resting on files all received before
 * the deadline, when the latest came in, before the year was over or, for files all received before the year began
 * (a warehouse of earlier years' returns), before it began, where 'received by 20 January 2024, before 2025 was over'
 * was true but odd; and with no return for the year among them, only that, the deadline still to come.
 */
function receivedBy(ix: ReviewIndex, deadline: string, returned: Markup, hasReturn: boolean): Markup {
  const { year, beforeDeadline } = ix.model;
  if (!beforeDeadline) return html`By the deadline of ${deadline}, ${returned}.`;
  const lead = `Every file this review rests on was received by ${dateText(beforeDeadline)}`;
  if (beforeDeadline >= `${year}-01-01`) return html`${lead}, before ${year} was over and the deadline of ${deadline} had come: by then, ${returned}.`;
  return hasReturn ? html`${lead}, before ${year} began, with returns for it due by ${deadline}: by then, ${returned}.` : html`${lead}, before ${year} began; returns for ${year} are due by ${deadline}.`;
}

/**
 * Returns what the reference year's totals are without the states that sent no return, as the end of a sentence:
 * 'which therefore do not cover the same states as earlier years (Azerbaijan’s last figure is for 2024)' where one
 * had figures for earlier years of the period, 'as from those of every earlier year (it has no figure for
 * 2016–2024)' where none had (a state that never reported changes nothing), 'which therefore cover only the states
 * that returned' in a period of one year.
 */
function missingFromTotals(ix: ReviewIndex, missing: readonly StateInfo[]): string {
  const { model } = ix;
  const first = model.years[0] ?? model.year;
  if (first >= model.year) return `which therefore cover only the ${ix.nouns.bareMany} that returned`;
  const earlier = yearSpan(first, model.year - 1);
  const last = missing.flatMap((s) => {
    const year = ix.yearsWithFigures((t) => t.iso3 === s.iso3 && t.year < model.year).at(-1);
    return year === undefined ? [] : [{ name: stateInProse(s.name), year }];
  });
  if (last.length === 0) return `as from those of every earlier year (${missing.length === 1 ? 'it has' : 'they have'} no figure for ${earlier})`;
  const others = missing.length - last.length;
  const lastFigures = listInProse(last.map((s, i) => `${s.name}\u2019s${i === 0 ? ` last figure is` : ''} for ${s.year}`));
  return `which therefore do not cover the same ${ix.nouns.bareMany} as earlier years (${lastFigures}${others === 0 ? '' : `; the other${others === 1 ? ' has' : 's have'} no figure for ${earlier}`})`;
}
