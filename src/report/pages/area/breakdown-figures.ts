import { shareWithin } from '../../../analytics/index.js';
import { buildShareChart, type ShareChartRow } from '../../charts/build-share-chart.js';
import type { Figure } from '../../figures/figure.js';
import { formatCount, formatNumber, formatShare, listInProse } from '../../format-number.js';
import { countMembers, proseName, stateInProse, upperFirst } from '../prose-name.js';
import type { AreaChapter, ReviewIndex } from '../review-index.js';
import { importMark, importMarks, sourceText } from '../source-line.js';
import { leadingTies } from '../tied-extremes.js';
import type { FigureSlot } from './figure-slot.js';


const SEX_AGE_PARTS: [string, string][] = [['F.Y_GE18', 'Women'], ['F.Y_LT18', 'Girls'], ['M.Y_GE18', 'Men'], ['M.Y_LT18', 'Boys']];

interface BreakdownSpec {
  indicator: string;
  dimension: string;
  parts: [string, string][];
  title: string;
}

/** A breakdown figure and the sentence that introduces it. */
export interface BreakdownFigure {
  figure: Figure;
  sentence: string;
}

/**
 * Returns the chapter's breakdown figures: for each area's headline indicator with a code list, the shares of its
 * parts by state and for the region (form of exploitation, firearm type, drug, offence type), and for detected
 * victims of trafficking the shares of women, girls, men and boys. A state is shown only with a complete breakdown
 * (every part but the unknown); a note names those left out, whose missing parts would otherwise read as 0.
 */
export function buildBreakdownFigures(ix: ReviewIndex, chapter: AreaChapter, next: () => FigureSlot): BreakdownFigure[] {
  const { model } = ix;
  const specs: BreakdownSpec[] = [];
  for (const area of chapter.areas) {
    const ind = ix.headline(area.area);
    if (!ind) continue;
    if (ind.breakdownList) {
      const parts = model.codes.filter((c) => c.codelist === ind.breakdownList && c.code !== '_T').map((c): [string, string] => [c.code, c.label]);
      specs.push({ indicator: ind.code, dimension: 'BREAKDOWN', parts, title: `${ind.name} by ${breakdownNoun(ind.breakdownList)}, ${model.year}` });
    }
    if (ind.code === 'TIP_VIC') specs.push({ indicator: ind.code, dimension: 'SEX_AGE', parts: SEX_AGE_PARTS, title: `${ind.name} by sex and age group, ${model.year}` });
  }
  return specs.flatMap((spec) => {
    const figure = buildBreakdownFigure(ix, spec, next);
    return figure ? [figure] : [];
  });
}

function buildBreakdownFigure(ix: ReviewIndex, spec: BreakdownSpec, next: () => FigureSlot): BreakdownFigure | null {
  const { model } = ix;
  const points = model.breakdowns.filter((b) => b.indicator === spec.indicator && b.dimension === spec.dimension && b.year === model.year);
  const known = new Map(spec.parts);
  const reporting = ix.states.filter((s) => points.some((p) => p.iso3 === s.iso3 && known.has(p.code) && p.value > 0));
  // a part the state did not report is unknown, not 0: its bar (and the region's sum) would show it as none, so a
  // state is shown only with every part of the code list but the unknown (_U), as the marts call a breakdown complete
  const required = spec.parts.map(([code]) => code).filter((code) => code !== '_U');
  const isComplete = (iso3: string) => required.every((code) => points.some((p) => p.iso3 === iso3 && p.code === code));
  const states = reporting.filter((s) => isComplete(s.iso3));
  const partial = reporting.filter((s) => !isComplete(s.iso3));
  // a breakdown with a small count in a part is left out whole (readBreakdowns): named, not taken for none sent
  const withSmall = new Set(model.breakdownsWithSmallCounts ?? []);
  const small = ix.states.filter((s) => withSmall.has(`${s.iso3}|${spec.indicator}|${spec.dimension}`));
  const left = partial.length + small.length;
  if (states.length === 0) return null;
  const base = states.flatMap((s) =>
    spec.parts.map(([code, label], order) => ({ state: s.name, part: label, order, value: points.find((p) => p.iso3 === s.iso3 && p.code === code)?.value ?? 0 })),
  );
  // the region's bar says how many states it adds up, where "Region (reporting states)" read as the region's own
  // breakdown above a bar of 3 states of 11 reporting
  const REGION = `Region (${countMembers(states.length, ix.nouns)} shown)`;
  const region = spec.parts.map(([, label], order) => ({ state: REGION, part: label, order, value: base.filter((b) => b.part === label).reduce((sum, b) => sum + b.value, 0) }));
  // the values shown, each with its source: a state's part, and the region's sum of the states' parts
  const shown = points.filter((p) => known.has(p.code) && states.some((s) => s.iso3 === p.iso3));
  const marks = new Map<string, string>();
  for (const [code, label] of spec.parts) {
    const of = shown.filter((p) => p.code === code);
    marks.set(`${REGION}|${label}`, importMarks(of));
    for (const p of of) marks.set(`${ix.stateName(p.iso3)}|${label}`, importMark(p));
  }
  const rows: ShareChartRow[] = shareWithin([...region, ...base], ['state'], 'value');
  const order = [REGION, ...states.map((s) => s.name)];
  const ind = ix.indicator(spec.indicator);
  const regionRows = rows.filter((r) => r.state === REGION).sort((a, b) => (b.share ?? 0) - (a.share ?? 0));
  // the bars whose shares, as printed, do not add up to 100.0% (rounding): the note and the text alternative say so
  const offBars = order.flatMap((bar) => {
    const tenths = rows.filter((r) => r.state === bar && r.share !== null).reduce((sum, r) => sum + Math.round(Number(formatNumber((r.share ?? 0) * 100, 1).replace(/,/g, '')) * 10), 0);
    return tenths === 1000 || tenths === 0 ? [] : [{ bar, printed: formatShare(tenths / 1000) }];
  });
  const regionOff = offBars.find((b) => b.bar === REGION);
  const description = `Stacked bars of the shares of ${proseName(ind)} by ${spec.dimension === 'SEX_AGE' ? 'sex and age' : breakdownNoun(ind.breakdownList)} for ${countMembers(states.length, ix.nouns)} and the region in ${model.year}. Region: ${regionRows
    .map((r) => `${r.part} ${formatShare(r.share)}`)
    .join(', ')}${regionOff ? ` (rounded, so they add up to ${regionOff.printed})` : ''}.`;
  const roundingNote = offBars.length === 0 ? '' : ` Shares are rounded to one decimal, so the parts of ${offBars.length === 1 ? 'one bar do' : 'some bars do'} not add up to 100.0%: ${listInProse(offBars.map((b) => `${b.bar === REGION ? 'the region' : stateInProse(b.bar)} ${b.printed}`))}.`;
  // a state's parts that do not add up to its published total (an unknown part not given; a return accepted with a
  // BREAKDOWN_SUM warning): its shares are of the parts, and the note says so beside the total the other figures give
  const unequal = states.flatMap((s) => {
    const total = ix.total(s.iso3, spec.indicator, model.year)?.value ?? null;
    const sum = base.filter((b) => b.state === s.name).reduce((acc, b) => acc + b.value, 0);
    return total === null || Math.abs(sum - total) <= 1e-9 * Math.max(1, Math.abs(total)) ? [] : [`${stateInProse(s.name)} (${formatNumber(sum, ind.unit === 'KG' ? 1 : 0)} of ${formatNumber(total, ind.unit === 'KG' ? 1 : 0)})`];
  });
  const unequalNote = unequal.length ? ` Shares are of the parts each ${ix.nouns.bareOne} gave, which add up to its total except for ${listInProse(unequal)}.` : '';
  const slot = next();
  // every part whose share prints as the largest is named, each with its share, since a part's own name can hold an
  // "and" ("rifles and carbines"): two at 40.0% are both the largest
  const leaders = leadingTies(regionRows.filter((r) => r.share !== null), (r) => formatShare(r.share));
  const top = leaders[0];
  const runnerUp = regionRows[leaders.length];
  // a breakdown in kilograms is of weight: 'Of the drug seizures … cannabis accounted for the largest share by weight',
  // where the name's own '(kilograms)' read 'Of the drug seizures (kilograms) in the 11 states'
  const byWeight = ind.unit === 'KG' ? ' by weight' : '';
  const leading = leaders.length > 1
    ? `the largest shares${byWeight} were those of ${listInProse(leaders.map((r) => `${r.part.toLowerCase()} (${formatShare(r.share)})`))}`
    : `${top?.part.toLowerCase() ?? ''} accounted for the largest share${byWeight} (${formatShare(top?.share)})`;
  const sentence = top && top.share !== null
    ? `Of the ${proseName(byWeight ? { name: ind.name.replace(/\s*\(kilograms\)$/i, '') } : ind)} in ${left > 0 ? `${states.length === 1 ? `the one ${ix.nouns.bareOne} (${stateInProse(states[0]?.name ?? '')})` : `the ${countMembers(states.length, ix.nouns)}`} whose ${spec.dimension === 'SEX_AGE' ? 'breakdown by sex and age' : 'breakdown'} can be shown (${formatCount(left)} more sent one: see the note to Figure ${slot.number})` : states.length === 1 ? `the one ${ix.nouns.bareOne} with a ${spec.dimension === 'SEX_AGE' ? 'breakdown by sex and age' : 'breakdown'} (${stateInProse(states[0]?.name ?? '')})` : `the ${countMembers(states.length, ix.nouns)} with a ${spec.dimension === 'SEX_AGE' ? 'breakdown by sex and age' : 'breakdown'}`}, ${leading}${runnerUp && runnerUp.share !== null ? `, followed by ${runnerUp.part.toLowerCase()} (${formatShare(runnerUp.share)})` : ''}.`
    : '';
  const figure: Figure = {
    ...slot,
    title: spec.title,
    spec: buildShareChart(rows, spec.parts.map(([, label]) => label), ix.ramp(ind.area, spec.parts.length), order, description, ix.nouns, ind.unit),
    columns: [
      { field: 'state', title: upperFirst(ix.nouns.bareOne), format: 'text' },
      { field: 'part', title: spec.dimension === 'SEX_AGE' ? 'Group' : 'Part', format: 'text' },
      { field: 'value', title: ind.unit === 'KG' ? 'Kilograms' : 'Number', format: ind.unit === 'KG' ? 'kg' : 'count' },
      { field: 'share', title: 'Share', format: 'share' },
      { field: 'source', title: 'Imported from', format: 'text', omitWhenEmpty: true },
    ],
    rows: rows.map((r) => ({ state: r.state, part: r.part, value: r.value, share: r.share, source: marks.get(`${r.state}|${r.part}`) ?? '' })),
    description,
    source: `${sourceText(shown, ix.nouns)} (breakdowns as reported; ${ix.nouns.bareMany} that gave none are not shown).`,
    notes: [`${states.length === 1 ? `The region bar is the one ${ix.nouns.bareOne} shown (${stateInProse(states[0]?.name ?? '')}), so it repeats that ${ix.nouns.bareOne}\u2019s bar.` : `The region bar adds up the ${countMembers(states.length, ix.nouns)} shown.`} ${spec.dimension === 'SEX_AGE' ? 'Girls and boys are victims under 18.' : 'Parts are as defined in the code list in the annex.'}${partial.length ? ` Not shown, as ${partial.length === 1 ? 'its breakdown lacks' : 'their breakdowns lack'} a part, which is unknown rather than 0: ${listInProse(partial.map((s) => stateInProse(s.name)))}.` : ''}${small.length ? ` Not shown, as a part of ${small.length === 1 ? 'its breakdown' : 'their breakdowns'} is a count below ${model.rules.smallCountThreshold}, which the other parts and the total would give away: ${listInProse(small.map((s) => stateInProse(s.name)))}.` : ''}${unequalNote}${roundingNote}`],
  };
  return { figure, sentence };
}

function breakdownNoun(codelist: string): string {
  const nouns: Record<string, string> = {
    TIP_FORM: 'form of exploitation', FIREARM: 'type of firearm', DRUG: 'drug', CYB_OFFENCE: 'type of offence',
    COR_OFFENCE: 'type of offence', INTEGRITY_TEST: 'result', CYB_REQUEST: 'channel',
  };
  return nouns[codelist] ?? 'category';
}
