import { lumpOrigins, OTHER_ORIGIN, topCorridors, type Corridor } from '../../../analytics/index.js';
import { buildFlowHeatmap, type FlowCell } from '../../charts/build-flow-heatmap.js';
import type { Figure } from '../../figures/figure.js';
import { formatAmount, formatCount, formatShare, listInProse, plural } from '../../format-number.js';
import type { FlowTotal, IndicatorInfo } from '../../review-model.js';
import { aMember, proseName, stateInProse } from '../prose-name.js';
import type { AreaChapter, ReviewIndex } from '../review-index.js';
import { importMark, importMarks, sourceText } from '../source-line.js';
import { leadingTies } from '../tied-extremes.js';
import type { FigureSlot } from './figure-slot.js';

/**
 * What COUNTERPART_AREA means for an indicator, read from the catalogue's counterpart_meaning: the partner state a
 * request was sent to (the flow runs from the reporting state to the counterpart), the partner a request came from,
 * a person's citizenship, or a country of origin (these three run from the counterpart to the reporting state).
 */
export type CounterpartRole = 'sent_to' | 'received_from' | 'citizenship' | 'origin';

/** The flows of one indicator: the heatmap figure and the top corridors. */
export interface FlowsSection {
  indicator: IndicatorInfo;
  role: CounterpartRole;
  figure: Figure;
  corridors: Corridor[];
  /**
   * Share of the indicator's counterpart breakdown where the counterpart is the reporting state itself (nationals,
   * home-made firearms); null where that makes no sense (requests: the partner is always another state) or where
   * it would give a hidden small count away.
   */
  domesticShare: number | null;
  /** The section's opening sentences, written for the indicator's counterpart role. */
  text: string;
  /** Table columns for the corridor's two ends, in the direction of the flow. */
  fromTitle: string;
  toTitle: string;
  /** A corridor's two ends as names, in the direction of the flow. */
  ends(corridor: Corridor): { from: string; to: string };
  /** The import a corridor's value came from ("UNODC"), or '' for a value from a return. */
  imported(corridor: Corridor): string;
  /**
   * Where no corridor can be listed (every cross-border cell a hidden small count, or none reported), the sentence
   * that stands instead of an empty table; '' otherwise.
   */
  noCorridors: string;
}

const TOP_ORIGINS = 12;

/**
 * Returns the role of the counterpart for `indicator` (see {@link CounterpartRole}).
 *
 * @example counterpartRole({ counterpartMeaning: 'partner state the request was sent to' }) // 'sent_to'
 */
export function counterpartRole(indicator: Pick<IndicatorInfo, 'counterpartMeaning'>): CounterpartRole {
  const meaning = indicator.counterpartMeaning.toLowerCase();
  if (/\bsent to\b/.test(meaning)) return 'sent_to';
  if (/\b(came|comes|received) from\b/.test(meaning)) return 'received_from';
  if (meaning.startsWith('citizenship')) return 'citizenship';
  return 'origin';
}

/**
 * The sentence for a chapter with no flows to show whose members' breakdowns by counterpart for the year are all marked
 * confidential ("The breakdown of Türkiye by country of origin of the firearm (firearms seized) is marked
 * confidential."), or '' when no member's is: without it the chapter read as if no state recorded a counterpart.
 */
export function confidentialFlowsText(ix: ReviewIndex, chapter: AreaChapter): string {
  const { model } = ix;
  const parts = model.indicators
    .filter((i) => chapter.areas.some((a) => a.area === i.area) && i.counterpartMeaning !== '')
    .flatMap((i) => {
      const states = model.flowTotals.find((t) => t.indicator === i.code)?.confidentialStates ?? [];
      const meaning = i.counterpartMeaning.replace(/\s*\(.*\)\s*/g, ' ').trim();
      return states.length ? [{ states, by: `by ${meaning} (${proseName(i)})` }] : [];
    });
  if (parts.length === 0) return '';
  const count = parts.reduce((n, p) => n + p.states.length, 0);
  // the same states' breakdowns of several indicators are named once ('Türkiye by citizenship of the person (…) and by
  // citizenship of the victim (…)'), where each repeated them ('Türkiye by … and Türkiye by …'); groups are then set
  // apart by semicolons, so that an 'and' inside one never reads as joining two
  const groups: { states: string[]; by: string[] }[] = [];
  for (const p of parts) {
    const same = groups.find((g) => g.states.join() === p.states.join());
    if (same) same.by.push(p.by);
    else groups.push({ states: p.states, by: [p.by] });
  }
  const texts = groups.map((g) => `${listInProse(g.states.map((iso3) => stateInProse(ix.stateName(iso3))))} ${listInProse(g.by)}`);
  const joined = groups.some((g) => g.by.length > 1) && texts.length > 1 ? `${texts.slice(0, -1).join('; ')}; and ${texts[texts.length - 1] ?? ''}` : listInProse(texts);
  return `The ${count === 1 ? 'breakdown' : 'breakdowns'} of ${joined} ${count === 1 ? 'is' : 'are'} marked confidential.`;
}

/**
 * Returns the cross-border flows of the chapter's first indicator that has counterpart data for the reference year
 * (headline indicators first), or null when no indicator of the chapter records a counterpart. Shares are of every
 * published cell of the members, small counts included (they are hidden, not taken out); a share whose denominator
 * hides small counts adding up to less than the threshold is not given, since it would give them away. The heatmap
 * names the largest counterparts and every counterpart of a corridor in the top-corridors table (`corridorTable`, its
 * number: "4.1"), so that a corridor the table ranks is never a row "Other countries" in the chart; its note names the
 * counterparts gathered there. A member whose breakdown is not published (marked confidential: `confidentialStates`)
 * is named in the note and the text, where it had read as a state that sent none.
 */
export function buildFlowsSection(ix: ReviewIndex, chapter: AreaChapter, slot: FigureSlot, corridorTable = `${slot.number.split('.')[0] ?? ''}.1`): FlowsSection | null {
  const { model } = ix;
  const candidates = model.indicators
    .filter((i) => chapter.areas.some((a) => a.area === i.area) && i.counterpartMeaning !== '')
    .sort((a, b) => Number(b.isHeadline) - Number(a.isHeadline) || chapter.areas.findIndex((x) => x.area === a.area) - chapter.areas.findIndex((x) => x.area === b.area));
  const indicator = candidates.find((i) => model.flows.some((f) => f.indicator === i.code && f.year === model.year && f.value > 0));
  if (!indicator) return null;
  const role = counterpartRole(indicator);
  const isRequest = role === 'sent_to' || role === 'received_from';
  const shown = model.flows.filter((f) => f.indicator === indicator.code && f.year === model.year);
  const flows = shown.map((f) => ({ origin: f.origin, originName: f.originName, iso3: f.iso3, value: f.value }));
  const sums = model.flowTotals.find((t) => t.indicator === indicator.code);
  // a sum is given (through a share of it) only when its hidden cells come to 0 or at least the threshold: the sum
  // less the cells shown would otherwise give them away (one hidden cell, or 1 + 2 with a threshold of 5)
  const threshold = model.rules.smallCountThreshold;
  const isSafe = (hidden: number) => hidden === 0 || hidden >= threshold;
  // and only the region's sums (national, foreign, all three) that, with every state's total, give no hidden count
  // away: a corridor's share gives the foreign sum, which less a state's total gave its hidden unknown cells away
  const given = (type: 'national' | 'foreign' | 'unknown') => sums?.givenSums.includes(type) ?? false;
  const foreignTotal = sums && isSafe(sums.hiddenForeignValue) && given('foreign') ? sums.foreignValue : null;
  const corridors = topCorridors(flows, 10, foreignTotal);
  // the table's corridors keep their counterpart's row in the heatmap (Azerbaijan → Türkiye ranked 6th, while
  // Azerbaijan's total was outside the 12 largest and its row read "Other countries")
  const lumped = lumpOrigins(flows, TOP_ORIGINS, { keep: corridors.map((c) => c.origin) });
  const totals = new Map<string, number>();
  for (const f of lumped) totals.set(f.origin, (totals.get(f.origin) ?? 0) + f.value);
  const originOrder = [...new Set(lumped.map((f) => f.originName))].sort((a, b) => {
    const rank = (name: string) => (lumped.find((f) => f.originName === name)?.origin === OTHER_ORIGIN ? -1 : (totals.get(lumped.find((f) => f.originName === name)?.origin ?? '') ?? 0));
    return rank(b) - rank(a) || a.localeCompare(b, 'en');
  });
  const destinations = ix.states.filter((s) => lumped.some((f) => f.iso3 === s.iso3)).map((s) => s.name);
  const cells: FlowCell[] = lumped.map((f) => ({ origin: f.originName, destination: ix.stateName(f.iso3), value: f.value }));
  // each cell's imports: of its one flow, or of every flow gathered under "Other countries"
  const named = new Set(lumped.map((f) => f.origin).filter((o) => o !== OTHER_ORIGIN));
  const isIn = (cell: { origin: string; iso3: string }, f: { origin: string; iso3: string }) =>
    f.iso3 === cell.iso3 && (cell.origin === OTHER_ORIGIN ? !named.has(f.origin) : f.origin === cell.origin);
  const cellMarks = new Map(lumped.map((cell, i) => [cells[i], importMarks(shown.filter((f) => isIn(cell, f)))]));
  const domesticShare = !isRequest && sums && sums.reportedValue > 0 && isSafe(sums.hiddenAllValue) && isSafe(sums.hiddenNationalValue) && given('national') ? sums.nationalValue / sums.reportedValue : null;
  const measure = indicator.unit === 'KG' ? 'Kilograms' : 'Number';
  const prose = proseName(indicator);
  const meaning = indicator.counterpartMeaning.replace(/\s*\(.*\)\s*/g, ' ').trim();
  const ends = (c: Corridor) => (role === 'sent_to' ? { from: ix.stateName(c.iso3), to: c.originName } : { from: c.originName, to: ix.stateName(c.iso3) });
  // every corridor whose number prints as the largest is named: two of 175 victims are both the largest
  const leaders = leadingTies(corridors, (c) => countWithUnit(c.value, indicator));
  const leadText = leaders.length ? leadSentence(role, prose, leaders.map(ends), leaders[0]!, leaders.length, indicator) : '';
  const domesticText = domesticShare === null || !sums ? '' : domesticSentence(role, prose, meaning, domesticShare, sums, (hidden) => isSafe(hidden) && given('foreign') && given('unknown'), ix.nouns.bareOne);
  const hidden = sums?.hiddenAll ?? 0;
  const withheld = sums?.withheldStates ?? [];
  const withheldNames = listInProse(withheld.map((iso3) => stateInProse(ix.stateName(iso3))));
  const withheldText = withheld.length === 0 ? ''
    : withheld.length === 1
      ? `No cell of ${withheldNames} is shown: its cells with a count below ${threshold} come to less than ${threshold}, so its total less the cells shown would give them away; they count in the totals the shares are taken of.`
      : `No cell of ${withheldNames} is shown: in each, the cells with a count below ${threshold} come to less than ${threshold}, so its total less the cells shown would give them away; they count in the totals the shares are taken of.`;
  // a member whose breakdown is not published (marked confidential) is named, not left to read as one that sent none
  const confidential = sums?.confidentialStates ?? [];
  const confidentialNames = listInProse(confidential.map((iso3) => stateInProse(ix.stateName(iso3))));
  const breakdownsOf = `the ${confidential.length === 1 ? 'breakdown' : 'breakdowns'} of ${confidentialNames}`;
  const confidentialNote = confidential.length ? `Not shown: ${breakdownsOf} by ${meaning}, marked confidential.` : '';
  const confidentialText = confidential.length ? `These figures leave out ${breakdownsOf}, marked confidential.` : '';
  const combined = sums !== undefined && !(given('national') && given('foreign'));
  const hiddenText = [hidden > 0
    ? `${plural(hidden, 'cell', 'cells')} with a count below ${model.rules.smallCountThreshold} ${hidden === 1 ? 'is' : 'are'} not shown, but ${hidden === 1 ? 'counts' : 'count'} in the totals the shares are taken of${sums && (!isSafe(sums.hiddenForeignValue) || !isSafe(sums.hiddenAllValue) || !isSafe(sums.hiddenNationalValue)) ? `; a share is withheld where it would reveal a count below ${threshold} (the hidden cells in its total come to less than ${threshold})` : ''}.`
    : '', withheldText,
  combined
    ? `A share is also withheld where, taken with the ${ix.nouns.bareMany}’ totals, it would reveal a count below ${threshold} (${aMember(ix.nouns)}’s total less its cells shown, less the hidden ${isRequest ? 'cells' : 'cross-border cells'} a share gives, would leave its other hidden cells).`
    : '', confidentialNote].filter((t) => t !== '').join(' ');
  // the member reporting the flow, as the group calls it; the partner of a request is any country, a "partner state"
  const reporting = `Reporting ${ix.nouns.bareOne}`;
  const description = `Heatmap of ${proseName(indicator)} in ${model.year} by ${indicator.counterpartMeaning} (rows, ${originOrder.length} shown) and reporting ${ix.nouns.bareOne} (columns, ${destinations.length}).${domesticText ? ` ${domesticText}` : ''}${leadText ? ` ${leadText}` : ''}${confidentialText ? ` ${confidentialText}` : ''}`;
  const figure: Figure = {
    ...slot,
    title: `${indicator.name} by ${indicator.counterpartMeaning} and reporting ${ix.nouns.bareOne}, ${model.year}`,
    spec: buildFlowHeatmap(cells, originOrder, destinations, ix.ramp(indicator.area, 5), measure, description, { origin: capitalise(meaning), destination: reporting }, indicator.unit),
    columns: [
      { field: 'origin', title: capitalise(indicator.counterpartMeaning), format: 'text' },
      { field: 'destination', title: reporting, format: 'text' },
      { field: 'value', title: measure, format: indicator.unit === 'KG' ? 'kg' : 'count' },
      { field: 'source', title: 'Imported from', format: 'text', omitWhenEmpty: true },
    ],
    rows: [...cells].sort((a, b) => originOrder.indexOf(a.origin) - originOrder.indexOf(b.origin) || destinations.indexOf(a.destination) - destinations.indexOf(b.destination)).map((c) => ({ ...c, source: cellMarks.get(c) ?? '' })),
    description,
    source: `${sourceText(shown, ix.nouns)} (${indicator.code} by COUNTERPART_AREA: ${indicator.counterpartMeaning}).`,
    notes: [
      `${groupingNote(flows, named, corridors, corridorTable, isRequest)} Shading is on a square-root scale.${role === 'sent_to' ? ` Each column is a reporting ${ix.nouns.bareOne}, each row the partner state its requests were sent to.` : role === 'received_from' ? ` Each column is a reporting ${ix.nouns.bareOne}, each row the partner state its requests came from.` : ''}${hiddenText ? ` ${hiddenText}` : ''}`,
    ],
  };
  const text = [domesticText, leadText, confidentialText].filter((t) => t !== '').join(' ');
  const fromTitle = role === 'sent_to' ? `${reporting} (sender)` : role === 'received_from' ? 'Partner state (sender)' : 'From';
  const toTitle = role === 'sent_to' ? 'Partner state (recipient)' : role === 'received_from' ? `${reporting} (recipient)` : reporting;
  const imported = (c: Corridor) => importMark(shown.find((f) => f.origin === c.origin && f.iso3 === c.iso3));
  const what = isRequest ? 'pair of states' : 'cross-border corridor';
  const hiddenForeign = sums?.hiddenForeign ?? 0;
  const noCorridors = corridors.length > 0
    ? ''
    : withheld.length > 0
      ? `No ${what} can be listed for ${model.year}: every cell with a counterpart abroad is a count below ${threshold} or a cell of ${withheldNames}, not shown (see the note to Figure ${slot.number}).`
      : hiddenForeign > 0
      ? `No ${what} can be listed for ${model.year}: ${hiddenForeign === 1 ? 'the one cell' : `each of the ${formatCount(hiddenForeign)} cells`} with a counterpart abroad is a count below ${threshold}, not shown.`
      : `No ${what} can be listed for ${model.year}: no ${prose} with a counterpart abroad was reported.`;
  return { indicator, role, figure, corridors, domesticShare, text, fromTitle, toTitle, ends, imported, noCorridors };
}

/**
 * Returns the heatmap note's sentence on how its rows are chosen: the largest counterparts by name, with those named
 * only because the top-corridors table ranks one of their corridors, and the counterparts gathered under "Other
 * countries" named ('The 12 counterparts with the largest totals are shown by name, and so is every counterpart of a
 * corridor in Table 4.1 (Azerbaijan, outside the 12); the other 4 (Armenia, …) are gathered under “Other countries”
 * to keep the chart readable.').
 */
function groupingNote(flows: readonly { origin: string; originName: string; value: number }[], named: ReadonlySet<string>, corridors: readonly Corridor[], table: string, isRequest: boolean): string {
  const totals = new Map<string, number>();
  for (const f of flows) totals.set(f.origin, (totals.get(f.origin) ?? 0) + f.value);
  // ranked as lumpOrigins ranks them: by total, ties by code
  const byTotal = [...totals].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([origin]) => origin);
  const largest = new Set(byTotal.slice(0, TOP_ORIGINS));
  const nameOf = (origin: string) => flows.find((f) => f.origin === origin)?.originName ?? origin;
  const names = (origins: Iterable<string>) => [...new Set([...origins].map(nameOf))].sort((a, b) => a.localeCompare(b, 'en'));
  const added = names(corridors.map((c) => c.origin).filter((o) => !largest.has(o)));
  const rest = names(byTotal.filter((o) => !named.has(o)));
  if (rest.length === 0) return 'Every counterpart is shown by name.';
  const also = added.length === 0 ? ''
    : `, and so is every counterpart of ${isRequest ? 'a pair of states' : 'a corridor'} in Table ${table} (${listInProse(added.map(stateInProse))}, outside the ${TOP_ORIGINS})`;
  return `The ${TOP_ORIGINS} counterparts with the largest totals are shown by name${also}; the other ${rest.length === 1 ? 'one' : String(rest.length)} (${listInProse(rest.map(stateInProse))}) ${rest.length === 1 ? 'is' : 'are'} gathered under \u201cOther countries\u201d to keep the chart readable.`;
}

function leadSentence(role: CounterpartRole, prose: string, ends: readonly { from: string; to: string }[], lead: Corridor, count: number, indicator: IndicatorInfo): string {
  const amount = `${count > 1 ? 'each ' : ''}${countWithUnit(lead.value, indicator)}${lead.share === null ? '' : `, ${formatShare(lead.share)} of all`}`;
  const pairs = (f: (from: string, to: string) => string) => listInProse(ends.map((e) => f(stateInProse(e.from), stateInProse(e.to))));
  const many = count > 1;
  switch (role) {
    case 'sent_to':
      return `The largest ${many ? 'numbers' : 'number'} of ${prose} went ${pairs((from, to) => `from ${from} to ${to}`)} (${amount}${lead.share === null ? '' : ' requests sent to another state'}).`;
    case 'received_from':
      return `The largest ${many ? 'numbers' : 'number'} of ${prose} came ${pairs((from, to) => `to ${to} from ${from}`)} (${amount}${lead.share === null ? '' : ' requests received from another state'}).`;
    default:
      return `The largest cross-border ${many ? 'corridors' : 'corridor'} ran ${pairs((from, to) => `from ${from} to ${to}`)} (${amount}${lead.share === null ? '' : ' cross-border flows reported'}).`;
  }
}

/** What a flow indicator counts, by its stage; firearms seized, found or surrendered count firearms (below). */
const COUNTED: Readonly<Record<string, [string, string]>> = {
  SUSPECTED: ['person', 'persons'], PROSECUTED: ['person', 'persons'], CONVICTED: ['person', 'persons'], VICTIMS: ['victim', 'victims'], REQUESTS: ['request', 'requests'],
};

/**
 * Returns a corridor's value with what it counts, so that no number stands bare: '175 victims', '334 firearms',
 * '187 requests', '1,204.5 kg'; the number alone for a count the catalogue gives no noun for.
 *
 * @example countWithUnit(175, { unit: 'NR', stage: 'VICTIMS', name: 'Trafficking in persons: victims detected' }) // '175 victims'
 */
export function countWithUnit(value: number, indicator: Pick<IndicatorInfo, 'unit' | 'stage' | 'name'>): string {
  if (indicator.unit === 'KG') return `${formatAmount(value, 'KG')} kg`;
  const noun = COUNTED[indicator.stage] ?? (indicator.unit === 'NR' && /^Firearms (seized|found|surrendered)$/.test(indicator.name) ? ['firearm', 'firearms'] : undefined);
  return noun ? plural(value, noun[0], noun[1]) : formatCount(value);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Returns the sentence on the share of a breakdown by counterpart that is the reporting state itself, saying what
 * the rest is where part of the breakdown has no known counterpart: the share is of every published cell, the
 * unknown ones included (was: "20.8% came from the reporting state itself" of the sample's firearms, 36.1% of which
 * had no known country of origin, read as if 79.2% came from abroad, where 43.1% did). The foreign and unknown
 * shares are given only where neither sum hides small counts adding up to less than the threshold; otherwise the
 * sentence says that the unknown ones are in the base.
 */
function domesticSentence(role: CounterpartRole, prose: string, meaning: string, share: number, sums: FlowTotal, isSafe: (hidden: number) => boolean, member: string): string {
  const isCitizenship = role === 'citizenship';
  const lead = isCitizenship
    ? `Of the ${prose} with a breakdown by citizenship, ${formatShare(share)} were nationals of the reporting ${member}`
    : `Of the ${prose} with a breakdown by ${meaning}, ${formatShare(share)} came from the reporting ${member} itself`;
  const unknownValue = sums.reportedValue - sums.nationalValue - sums.foreignValue;
  if (unknownValue <= 0) return `${lead}.`;
  const hiddenUnknownValue = sums.hiddenAllValue - sums.hiddenNationalValue - sums.hiddenForeignValue;
  const unknownWhat = isCitizenship ? 'citizenship' : meaning;
  if (!isSafe(sums.hiddenForeignValue) || !isSafe(hiddenUnknownValue)) return `${lead} (a share of all of them, those whose ${unknownWhat} was not known included).`;
  const foreign = formatShare(sums.foreignValue / sums.reportedValue);
  const unknown = formatShare(unknownValue / sums.reportedValue);
  // the three printed shares may not add up to 100.0% (rounding): say so, as the breakdown figures do
  const tenths = [formatShare(share), foreign, unknown].reduce((sum, t) => sum + Math.round(Number(t.replace(/[^0-9.]/g, '')) * 10), 0);
  const rounded = tenths === 1000 ? '' : ` (rounded, so they add up to ${formatShare(tenths / 1000)})`;
  return isCitizenship
    ? `${lead}, ${foreign} were foreign nationals, and for ${unknown} the citizenship was not known${rounded}.`
    : `${lead}, ${foreign} from other countries, and for ${unknown} the ${meaning} was not known${rounded}.`;
}
