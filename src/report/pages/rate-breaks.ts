import { listInProse } from '../format-number.js';
import type { IndicatorInfo } from '../review-model.js';
import { proseName, stateInProse, upperFirst } from './prose-name.js';
import type { ReviewIndex } from './review-index.js';

/** A year from which a state's rates are not comparable with its earlier ones, and why. */
export interface RateBreak {
  year: number;
  /** The indicators whose line breaks there: every one with a rate on both sides where the population breaks. */
  indicators: string[];
  /** `population`: the POP figure the rates are taken of is flagged B; `figure`: the indicator's own figure is. */
  cause: 'population' | 'figure';
}

/**
 * Returns the years at which a state's rate series break (flag B, break in series), within `years` and after the
 * first: where the population its rates are taken of is flagged B (North Macedonia's 2021 census, which makes every
 * rate from 2021 incomparable with the estimates before it), or an indicator's own figure is. The state's chart breaks
 * its line there, rather than join two series that measure differently, and its note says why.
 */
export function rateBreaks(ix: ReviewIndex, iso3: string, indicators: readonly IndicatorInfo[], years: readonly number[]): RateBreak[] {
  const first = years[0];
  const rated = (code: string, year: number) => ix.total(iso3, code, year)?.rate != null;
  const hasBefore = (code: string, year: number) => years.some((y) => y < year && rated(code, y));
  return years.filter((year) => first !== undefined && year > first).flatMap((year) => {
    const both = indicators.filter((ind) => rated(ind.code, year) && hasBefore(ind.code, year));
    const byPopulation = both.filter((ind) => {
      const point = ix.total(iso3, ind.code, year);
      return point?.populationSource != null && point.populationSource !== 'WORLDBANK' && ix.total(iso3, 'POP', year)?.status === 'B';
    });
    const byFigure = both.filter((ind) => !byPopulation.includes(ind) && ix.total(iso3, ind.code, year)?.status === 'B');
    return [
      ...(byPopulation.length ? [{ year, indicators: byPopulation.map((i) => i.code), cause: 'population' as const }] : []),
      ...(byFigure.length ? [{ year, indicators: byFigure.map((i) => i.code), cause: 'figure' as const }] : []),
    ];
  });
}

/**
 * Returns the note that says where and why the state's lines break ('' for none): "North Macedonia's population for
 * 2021 is flagged as a break in series (B), so its rates from 2021 are not comparable with those before: each line is
 * broken there."
 */
export function rateBreaksText(ix: ReviewIndex, stateName: string, breaks: readonly RateBreak[], panels: number): string {
  const prose = upperFirst(stateInProse(stateName));
  return breaks.map((b) => {
    const one = b.indicators.length === 1;
    const names = listInProse(b.indicators.map((code) => proseName(ix.indicator(code))));
    const lines = b.indicators.length === panels ? (one ? 'the line is' : 'each line is') : `the ${one ? 'line' : 'lines'} of ${names} ${one ? 'is' : 'are'}`;
    return b.cause === 'population'
      ? `${prose}\u2019s population for ${b.year} is flagged as a break in series (B), so its rates from ${b.year} are not comparable with those before: ${lines} broken there.`
      : `${prose}\u2019s ${names} for ${b.year} ${one ? 'is' : 'are'} flagged as a break in series (B), not comparable with the years before: the ${one ? 'line is' : 'lines are'} broken there.`;
  }).join(' ');
}
