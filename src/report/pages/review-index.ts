import { buildRamp } from '../charts/build-ramp.js';
import { spanOfYears, yearSpan } from '../format-number.js';
import type { AreaInfo, IndicatorInfo, ReviewModel, StateInfo, TotalPoint } from '../review-model.js';
import { memberNouns, type MemberNouns } from './prose-name.js';

/** A chapter of the review devoted to one or more crime areas. */
export interface AreaChapter {
  chapter: string;
  title: string;
  areas: AreaInfo[];
}

/** Lookups over the model that every page builder needs, built once. */
export interface ReviewIndex {
  model: ReviewModel;
  /** What the group calls its members (`memberNouns` of the model's group): every page's words for them. */
  nouns: MemberNouns;
  stateName(iso3: string): string;
  indicator(code: string): IndicatorInfo;
  area(area: string): AreaInfo;
  /** The headline indicator of an area (the first in the catalogue when none is marked). */
  headline(area: string): IndicatorInfo | undefined;
  /** The indicator whose rate per 100,000 stands for an area: its headline when it has rates, else the first that has. */
  rateIndicator(area: string): IndicatorInfo | undefined;
  total(iso3: string, indicator: string, year: number): TotalPoint | undefined;
  codeLabel(codelist: string, code: string): string;
  ramp(area: string, n: number): string[];
  /** Area chapters in catalogue order (context excluded). */
  chapters: AreaChapter[];
  /** Members sorted by English name. */
  states: StateInfo[];
  /**
   * The review's period as printed (`2016–2025`, or `2025`): what a statement that no figure exists speaks of ("no
   * figure for 2016–2025"), and what the Methods call the period.
   */
  period: string;
  /**
   * The years of the period with a member's crime figure (population is not one) that `keep` accepts, oldest first:
   * a figure or table titled by the years it holds names their first and last (see `spanOfYears`).
   */
  yearsWithFigures(keep?: (t: TotalPoint) => boolean): number[];
  /** The first to the last year of the period with a member's crime figure as printed (the period when none has one). */
  dataSpan: string;
}

const CHAPTER_TITLES: Record<string, string> = {
  trafficking: 'Trafficking in persons, smuggling of migrants and drugs',
  firearms: 'Firearms trafficking',
  cybercrime: 'Cybercrime',
  corruption: 'Corruption and money laundering',
};

/** Returns the lookups for `model`. */
export function indexReview(model: ReviewModel): ReviewIndex {
  const states = new Map(model.states.map((s) => [s.iso3, s]));
  const indicators = new Map(model.indicators.map((i) => [i.code, i]));
  const areas = new Map(model.areas.map((a) => [a.area, a]));
  const codes = new Map(model.codes.map((c) => [`${c.codelist}|${c.code}`, c.label]));
  const totals = new Map(model.totals.map((t) => [`${t.iso3}|${t.indicator}|${t.year}`, t]));
  const sortedAreas = [...model.areas].filter((a) => a.chapter !== 'context').sort((a, b) => a.sortOrder - b.sortOrder);
  const chapters: AreaChapter[] = [];
  for (const area of sortedAreas) {
    const existing = chapters.find((c) => c.chapter === area.chapter);
    if (existing) existing.areas.push(area);
    else chapters.push({ chapter: area.chapter, title: CHAPTER_TITLES[area.chapter] ?? area.name, areas: [area] });
  }
  const members = new Set(model.states.map((s) => s.iso3));
  const crime = model.totals.filter((t) => members.has(t.iso3) && indicators.get(t.indicator)?.stage !== 'CONTEXT' && model.years.includes(t.year));
  const yearsWithFigures = (keep: (t: TotalPoint) => boolean = () => true) => [...new Set(crime.filter(keep).map((t) => t.year))].sort((a, b) => a - b);
  const period = yearSpan(model.years[0] ?? model.year, model.year);
  return {
    model,
    nouns: memberNouns(model.group),
    period,
    yearsWithFigures,
    dataSpan: spanOfYears(yearsWithFigures()) || period,
    stateName: (iso3) => states.get(iso3)?.name ?? iso3,
    indicator: (code) => indicators.get(code) ?? { code, area: '', name: code, definition: '', iccs: '', unit: 'NR', stage: '', stageName: '', cjOrder: null, breakdownList: '', counterpartMeaning: '', isHeadline: false },
    area: (area) => areas.get(area) ?? { area, name: area, chapter: '', colour: '#777777', sortOrder: 99 },
    headline: (area) => model.indicators.find((i) => i.area === area && i.isHeadline) ?? model.indicators.find((i) => i.area === area),
    rateIndicator: (area) => {
      const hasRates = (code: string) => model.totals.some((t) => t.indicator === code && t.rate !== null);
      const headline = model.indicators.find((i) => i.area === area && i.isHeadline);
      if (headline && hasRates(headline.code)) return headline;
      return model.indicators.find((i) => i.area === area && hasRates(i.code)) ?? headline;
    },
    total: (iso3, indicator, year) => totals.get(`${iso3}|${indicator}|${year}`),
    codeLabel: (codelist, code) => codes.get(`${codelist}|${code}`) ?? code,
    ramp: (area, n) => buildRamp(areas.get(area)?.colour ?? '#777777', n),
    chapters,
    states: [...model.states].sort((a, b) => a.name.localeCompare(b.name, 'en')),
  };
}
