import { lumpOrigins, OTHER_ORIGIN, topCorridors, type Corridor } from '../../../analytics/index.js';
import { buildFlowHeatmap, type FlowCell } from '../../charts/build-flow-heatmap.js';
import type { Figure } from '../../figures/figure.js';
import { formatCount, formatShare } from '../../format-number.js';
import type { IndicatorInfo } from '../../review-model.js';
import type { AreaChapter, ReviewIndex } from '../review-index.js';
import type { FigureSlot } from './figure-slot.js';

/** The flows of one indicator: the heatmap figure and the top corridors. */
export interface FlowsSection {
  indicator: IndicatorInfo;
  figure: Figure;
  corridors: Corridor[];
  /** Share of the indicator's flows where the counterpart is the reporting state itself (nationals). */
  domesticShare: number | null;
}

const TOP_ORIGINS = 12;

/**
 * Returns the cross-border flows of the chapter's first indicator that has counterpart data for the reference year
 * (headline indicators first), or null when no indicator of the chapter records a counterpart.
 */
export function buildFlowsSection(ix: ReviewIndex, chapter: AreaChapter, slot: FigureSlot): FlowsSection | null {
  const { model } = ix;
  const candidates = model.indicators
    .filter((i) => chapter.areas.some((a) => a.area === i.area) && i.counterpartMeaning !== '')
    .sort((a, b) => Number(b.isHeadline) - Number(a.isHeadline) || chapter.areas.findIndex((x) => x.area === a.area) - chapter.areas.findIndex((x) => x.area === b.area));
  const indicator = candidates.find((i) => model.flows.some((f) => f.indicator === i.code && f.year === model.year && f.value > 0));
  if (!indicator) return null;
  const flows = model.flows
    .filter((f) => f.indicator === indicator.code && f.year === model.year)
    .map((f) => ({ origin: f.origin, originName: f.originName, iso3: f.iso3, value: f.value }));
  const lumped = lumpOrigins(flows, TOP_ORIGINS);
  const totals = new Map<string, number>();
  for (const f of lumped) totals.set(f.origin, (totals.get(f.origin) ?? 0) + f.value);
  const originOrder = [...new Set(lumped.map((f) => f.originName))].sort((a, b) => {
    const rank = (name: string) => (lumped.find((f) => f.originName === name)?.origin === OTHER_ORIGIN ? -1 : (totals.get(lumped.find((f) => f.originName === name)?.origin ?? '') ?? 0));
    return rank(b) - rank(a) || a.localeCompare(b, 'en');
  });
  const destinations = ix.states.filter((s) => lumped.some((f) => f.iso3 === s.iso3)).map((s) => s.name);
  const cells: FlowCell[] = lumped.map((f) => ({ origin: f.originName, destination: ix.stateName(f.iso3), value: f.value }));
  const corridors = topCorridors(flows, 10);
  const all = flows.reduce((s, f) => s + f.value, 0);
  const domestic = flows.filter((f) => f.origin === f.iso3).reduce((s, f) => s + f.value, 0);
  const domesticShare = all > 0 ? domestic / all : null;
  const measure = indicator.unit === 'KG' ? 'Kilograms' : 'Number';
  const lead = corridors[0];
  const description = `Heatmap of ${indicator.name.toLowerCase()} in ${model.year} by ${indicator.counterpartMeaning} (rows, ${originOrder.length} shown) and reporting state (columns, ${destinations.length}). ${
    domesticShare !== null ? `The reporting state itself accounts for ${formatShare(domesticShare)} of the total.` : ''
  }${lead ? ` The largest cross-border corridor runs from ${lead.originName} to ${ix.stateName(lead.iso3)} (${formatCount(lead.value)}).` : ''}`;
  const figure: Figure = {
    ...slot,
    title: `${indicator.name} by ${indicator.counterpartMeaning} and reporting state, ${model.year}`,
    spec: buildFlowHeatmap(cells, originOrder, destinations, ix.ramp(indicator.area, 5), measure, description),
    columns: [
      { field: 'origin', title: capitalise(indicator.counterpartMeaning), format: 'text' },
      { field: 'destination', title: 'Reporting state', format: 'text' },
      { field: 'value', title: measure, format: 'count' },
    ],
    rows: [...cells].sort((a, b) => originOrder.indexOf(a.origin) - originOrder.indexOf(b.origin) || destinations.indexOf(a.destination) - destinations.indexOf(b.destination)).map((c) => ({ ...c })),
    description,
    source: `Member-state returns (${indicator.code} by COUNTERPART_AREA: ${indicator.counterpartMeaning}).`,
    notes: [`The ${TOP_ORIGINS} counterparts with the largest totals are shown by name; the rest are gathered under \u201cOther countries\u201d. Shading is on a square-root scale.`],
  };
  return { indicator, figure, corridors, domesticShare };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
