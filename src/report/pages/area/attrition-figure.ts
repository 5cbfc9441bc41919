import { buildAttritionChart, type AttritionChartRow } from '../../charts/build-attrition-chart.js';
import type { Figure } from '../../figures/figure.js';
import { formatNumber } from '../../format-number.js';
import type { AttritionPoint } from '../../review-model.js';
import type { AreaChapter, ReviewIndex } from '../review-index.js';
import type { FigureSlot } from './figure-slot.js';

/** The steps of the criminal-justice chain, as the review names them. */
export const ATTRITION_STAGES: Record<AttritionPoint['stage'], string> = {
  suspected_per_offence: 'Persons suspected per offence',
  prosecuted_per_suspected: 'Prosecuted per person suspected',
  convicted_per_prosecuted: 'Convicted per person prosecuted',
};

/**
 * Returns the chapter's criminal-justice figure: for each area, each state's ratios along the chain in the
 * reference year against the regional median; null when no ratio exists.
 */
export function buildAttritionFigure(ix: ReviewIndex, chapter: AreaChapter, slot: FigureSlot): Figure | null {
  const { model } = ix;
  const points = model.attrition.filter((p) => p.year === model.year && chapter.areas.some((a) => a.area === p.area));
  const rows: AttritionChartRow[] = chapter.areas.flatMap((area) =>
    (Object.keys(ATTRITION_STAGES) as AttritionPoint['stage'][]).flatMap((stage) =>
      ix.states.map((s) => {
        const p = points.find((x) => x.area === area.area && x.stage === stage && x.iso3 === s.iso3);
        const median = points.find((x) => x.area === area.area && x.stage === stage)?.regionalMedian ?? null;
        return { row: area.name, stage: ATTRITION_STAGES[stage], state: s.name, ratio: p?.ratio ?? null, median };
      }),
    ),
  );
  if (rows.every((r) => r.ratio === null)) return null;
  const areaRows = chapter.areas.filter((a) => rows.some((r) => r.row === a.name && r.ratio !== null));
  const shown = rows.filter((r) => areaRows.some((a) => a.name === r.row));
  const medians = areaRows.map((a) => {
    const m = (stage: AttritionPoint['stage']) => shown.find((r) => r.row === a.name && r.stage === ATTRITION_STAGES[stage])?.median ?? null;
    return `${a.name}: median ${formatNumber(m('prosecuted_per_suspected'), 2)} prosecuted per person suspected and ${formatNumber(m('convicted_per_prosecuted'), 2)} convicted per person prosecuted`;
  });
  const description = `Dot plots of criminal-justice ratios by state in ${model.year}. ${medians.join('; ')}.`;
  return {
    ...slot,
    title: `Criminal-justice attrition by state, ${model.year}`,
    spec: buildAttritionChart(shown, areaRows.map((a) => ({ row: a.name, colour: a.colour })), ix.states.map((s) => s.name), Object.values(ATTRITION_STAGES), description),
    columns: [
      { field: 'row', title: 'Area', format: 'text' },
      { field: 'stage', title: 'Ratio', format: 'text' },
      { field: 'state', title: 'State', format: 'text' },
      { field: 'ratio', title: 'Value', format: 'ratio' },
      { field: 'median', title: 'Regional median', format: 'ratio' },
    ],
    rows: shown.map((r) => ({ row: r.row, stage: r.stage, state: r.state, ratio: r.ratio, median: r.median })),
    description,
    source: 'Member-state returns: offences recorded and persons suspected, prosecuted and convicted in the same year.',
    notes: [
      'Ratios compare counts of the same year; cases move through the system over several years, so a ratio is an indication of attrition, not a cohort rate, and can exceed 1. The dashed line is the regional median.',
    ],
  };
}
