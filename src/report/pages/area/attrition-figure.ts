import { buildAttritionChart, type AttritionChartRow } from '../../charts/build-attrition-chart.js';
import type { Figure } from '../../figures/figure.js';
import { formatNumber, listInProse, plural } from '../../format-number.js';
import { areaShown, areasInTitle, stateInProse, upperFirst } from '../prose-name.js';
import { isWithheldFigure } from '../withheld-figure.js';
import type { AttritionPoint } from '../../review-model.js';
import type { AreaChapter, ReviewIndex } from '../review-index.js';
import { sourceText } from '../source-line.js';
import type { FigureSlot } from './figure-slot.js';

/** The steps of the criminal-justice chain, as the review names them. */
export const ATTRITION_STAGES: Record<AttritionPoint['stage'], string> = {
  suspected_per_offence: 'Persons suspected per offence',
  prosecuted_per_suspected: 'Prosecuted per person suspected',
  convicted_per_prosecuted: 'Convicted per person prosecuted',
};

/** The criminal-justice stages (1 offences, 2 suspected, 3 prosecuted, 4 convicted) each ratio divides. */
const STAGE_ORDERS: Record<AttritionPoint['stage'], readonly number[]> = {
  suspected_per_offence: [1, 2],
  prosecuted_per_suspected: [2, 3],
  convicted_per_prosecuted: [3, 4],
};

/**
 * Returns the chapter's criminal-justice figure: for each area, each state's ratios along the chain in the
 * reference year against the regional median; null when no ratio exists.
 */
export function buildAttritionFigure(ix: ReviewIndex, chapter: AreaChapter, slot: FigureSlot): Figure | null {
  const { model } = ix;
  // each area is named by what its chain is of: corruption's offences, suspects, prosecutions and convictions are
  // the chain of "Corruption and money laundering" (money laundering has none), as the cj_attrition mart takes
  // the indicators with a stage whose code starts with the area's
  const chain = (area: string) => model.indicators.filter((i) => i.area === area && i.cjOrder !== null && i.code.startsWith(`${area}_`));
  const areas = chapter.areas.map((a) => ({ ...a, name: areaShown(a.name, chain(a.area)) }));
  const points = model.attrition.filter((p) => p.year === model.year && areas.some((a) => a.area === p.area));
  // a ratio missing because a count it divides was given but marked confidential is no ratio "not reported": the
  // rates figure says "confidential" of such a state, and so does this one (the count itself is never shown)
  const isConfidential = (area: string, stage: AttritionPoint['stage'], iso3: string) =>
    chain(area).filter((i) => STAGE_ORDERS[stage].includes(i.cjOrder ?? 0)).some((i) => isWithheldFigure(ix, iso3, i.code, model.year));
  const rows: (AttritionChartRow & { reason: AttritionPoint['reason'] | 'confidential' })[] = areas.flatMap((area) =>
    (Object.keys(ATTRITION_STAGES) as AttritionPoint['stage'][]).flatMap((stage) =>
      ix.states.map((s) => {
        const p = points.find((x) => x.area === area.area && x.stage === stage && x.iso3 === s.iso3);
        const median = points.find((x) => x.area === area.area && x.stage === stage)?.regionalMedian ?? null;
        const reason = p?.reason ?? 'no_count';
        return {
          row: area.name, stage: ATTRITION_STAGES[stage], state: s.name, ratio: p?.ratio ?? null, median,
          reason: p?.ratio == null && reason === 'no_count' && isConfidential(area.area, stage, s.iso3) ? 'confidential' : reason,
        };
      }),
    ),
  );
  if (rows.every((r) => r.ratio === null)) return null;
  const areaRows = areas.filter((a) => rows.some((r) => r.row === a.name && r.ratio !== null));
  const shown = rows.filter((r) => areaRows.some((a) => a.name === r.row));
  const medians = areaRows.map((a) => {
    const m = (stage: AttritionPoint['stage']) => shown.find((r) => r.row === a.name && r.stage === ATTRITION_STAGES[stage])?.median ?? null;
    // the figure's three ratios, each that has a median (was: the last two, "–" for one missing)
    const parts = ([['suspected_per_offence', 'persons suspected per offence'], ['prosecuted_per_suspected', 'prosecuted per person suspected'], ['convicted_per_prosecuted', 'convicted per person prosecuted']] as const)
      .flatMap(([stage, words]) => { const v = m(stage); return v === null ? [] : [`${formatNumber(v, 2)} ${words}`]; });
    return `${a.name}: ${parts.length ? `median ${listInProse(parts)}` : 'no regional median'}`;
  });
  const threshold = model.rules.smallCountThreshold;
  // the states whose ratios are missing for `reason`, each with the ratios: 'Armenia (persons suspected per offence)'
  const statesWith = (missing: typeof shown) => ix.states.filter((s) => missing.some((r) => r.state === s.name)).map((s) => {
    const mine = missing.filter((r) => r.state === s.name);
    const parts = areaRows.filter((a) => mine.some((r) => r.row === a.name)).map((a) => {
      const stages = listInProse(mine.filter((r) => r.row === a.name).map((r) => r.stage.toLowerCase()));
      return areaRows.length > 1 ? `${a.name.toLowerCase()}: ${stages}` : stages;
    });
    return `${stateInProse(s.name)} (${parts.join('; ')})`;
  });
  const withheld = shown.filter((r) => r.reason === 'small_count');
  const withheldText = withheld.length
    ? `${plural(withheld.length, 'ratio is', 'ratios are')} not shown because one of the two counts is below ${threshold} (published as \u201c<${threshold}\u201d) and the ratio would give it away: ${listInProse(statesWith(withheld))}.`
    : '';
  const confidential = shown.filter((r) => r.ratio === null && r.reason === 'confidential');
  const confidentialText = confidential.length
    ? `${upperFirst(plural(confidential.length, 'ratio is', 'ratios are'))} not shown because ${confidential.length === 1 ? 'a count it divides is' : 'counts they divide are'} marked confidential, not published: ${listInProse(statesWith(confidential))}.`
    : '';
  const gaps = [withheldText, confidentialText].filter((t) => t !== '');
  const description = `Dot plots of criminal-justice ratios by ${ix.nouns.bareOne} in ${model.year}. ${medians.join('; ')}.${gaps.map((t) => ` ${t}`).join('')}`;
  const noteOf = (r: { ratio: number | null; reason: AttritionPoint['reason'] | 'confidential' }): string =>
    r.ratio !== null ? '' : r.reason === 'small_count' ? `not published: a count below ${threshold}` : r.reason === 'confidential' ? 'not published: a count marked confidential'
      : r.reason === 'zero_denominator' ? 'no cases at the earlier stage' : 'not reported';
  return {
    ...slot,
    title: `${areasInTitle(areaRows.map((a) => a.name))}: criminal-justice attrition by ${ix.nouns.bareOne}, ${model.year}`,
    spec: buildAttritionChart(shown.map(({ reason, ...r }) => (r.ratio !== null ? r : reason === 'small_count' ? { ...r, note: `not shown (<${threshold})` } : reason === 'confidential' ? { ...r, note: 'confidential' } : r)), areaRows.map((a) => ({ row: a.name, colour: a.colour })), ix.states.map((s) => s.name), Object.values(ATTRITION_STAGES), description, ix.nouns),
    columns: [
      { field: 'row', title: 'Area', format: 'text' },
      { field: 'stage', title: 'Ratio', format: 'text' },
      { field: 'state', title: upperFirst(ix.nouns.bareOne), format: 'text' },
      { field: 'ratio', title: 'Value', format: 'ratio' },
      { field: 'median', title: 'Regional median', format: 'ratio' },
      { field: 'note', title: 'Note', format: 'text' },
    ],
    rows: shown.map((r) => ({ row: r.row, stage: r.stage, state: r.state, ratio: r.ratio, median: r.median, note: noteOf(r) })),
    description,
    source: `${sourceText(model.totals.filter((t) => t.year === model.year && ix.indicator(t.indicator).cjOrder !== null && areaRows.some((a) => t.indicator.startsWith(`${a.area}_`)) && ix.states.some((st) => st.iso3 === t.iso3)), ix.nouns)}: offences recorded and persons suspected, prosecuted and convicted in the same year.`,
    notes: [
      `Ratios compare counts of the same year; cases move through the system over several years, so a ratio is an indication of attrition, not a cohort rate, and can exceed 1. The dashed line is the regional median of the ${ix.nouns.bareMany} with a published ratio.`,
      ...gaps,
    ],
  };
}
