import { z } from 'zod';
import { SeriesChange, SeriesRate, SeriesTotal, SeriesTrend } from '../../schema/marts.js';
import type { Store } from '../../store/index.js';
import type { CommentInfo, TotalPoint, TrendInfo } from '../review-model.js';
import { MEMBERS } from './member-filter.js';
import { readRows } from './read-rows.js';

/** A state's series, as the review reads them. */
export interface SeriesData {
  totals: TotalPoint[];
  trends: TrendInfo[];
  comments: CommentInfo[];
  /** Median rate per 100,000 over the members with a rate: indicator|year → median. */
  medianRates: Map<string, number>;
  /** Observations per source, for the annex. */
  sources: { source: string; observations: number; states: number }[];
  populationSources: { source: string; observations: number; states: number }[];
}

const RateColumns = SeriesRate.pick({ ref_area: true, time_period: true, indicator: true, rate_per_100k: true, is_small_count: true, population_source: true });
const ChangeColumns = SeriesChange.pick({ ref_area: true, time_period: true, indicator: true, previous_period: true, change_pct: true, has_small_count: true });
const MedianRow = z.object({ indicator: z.string(), time_period: z.number(), median_rate: z.number() });
const SourceRow = z.object({ source: z.string(), observations: z.number(), states: z.number() });

/**
 * Returns the members' totals for `from`–`year` from `series_total`, with their rates (`series_rate`) and
 * comparable changes (`series_change`), state trends ending in `year` (`series_trend`), the comments on totals and
 * the regional median rates. A small count is published as its display text ("<5") only: its value, its rate and
 * any change from or to it are left out, since each would give the count away.
 */
export async function readSeries(store: Store, group: string, from: number, year: number): Promise<SeriesData> {
  const params = { group, from, year };
  const window = `ref_area in (${MEMBERS}) and time_period between $from and $year`;
  const totals = await readRows(store, 'series_total', `select * from series_total where ${window} order by ref_area, time_period, indicator`, params, SeriesTotal);
  const rates = await readRows(store, 'series_rate', `select ref_area, time_period, indicator, rate_per_100k, is_small_count, population_source from series_rate
    where ${window} order by ref_area, time_period, indicator`, params, RateColumns);
  const changes = await readRows(store, 'series_change', `select ref_area, time_period, indicator, previous_period, change_pct, has_small_count from series_change
    where ${window} order by ref_area, time_period, indicator`, params, ChangeColumns);
  const trends = await readRows(store, 'series_trend', `select * from series_trend where ref_area in (${MEMBERS}) and end_year = $year order by ref_area, indicator`, { group, year }, SeriesTrend);
  const medians = await readRows(store, 'series_rate', `select indicator, time_period, median(rate_per_100k) as median_rate from series_rate
    where ${window} and not is_small_count group by indicator, time_period order by indicator, time_period`, params, MedianRow);
  const sources = await readRows(store, 'series_total', `select source, count(*)::integer as observations, count(distinct ref_area)::integer as states
    from series_total where ${window} group by source order by source`, params, SourceRow);
  const populationSources = await readRows(store, 'series_rate', `select population_source as source, count(*)::integer as observations,
    count(distinct ref_area)::integer as states from series_rate where ${window} group by population_source order by population_source`, params, SourceRow);
  const key = (r: { ref_area: string; time_period: number; indicator: string }) => `${r.ref_area}|${r.time_period}|${r.indicator}`;
  const rateOf = new Map(rates.filter((r) => !r.is_small_count).map((r) => [key(r), r]));
  const changeOf = new Map(
    changes
      // a change from or to a small count would give it back (the mart flags it)
      .filter((c) => c.change_pct !== null && !c.has_small_count)
      .map((c) => [key(c), (c.change_pct ?? 0) / 100]),
  );
  return {
    totals: totals.map((t) => ({
      iso3: t.ref_area, year: t.time_period, indicator: t.indicator,
      value: t.is_small_count ? null : t.obs_value, status: t.obs_status, isDerived: t.is_derived,
      rate: rateOf.get(key(t))?.rate_per_100k ?? null, change: changeOf.get(key(t)) ?? null, display: t.is_small_count ? t.value_display : null,
      source: t.source, populationSource: rateOf.get(key(t))?.population_source ?? null,
      ...(t.is_derived && t.derived_from ? { derivedFrom: t.derived_from } : {}),
    })),
    trends: trends.map((t) => ({
      iso3: t.ref_area, indicator: t.indicator, direction: t.suppression_reason === 'small_count_direction' ? 'withheld' : t.direction === 'insufficient_data' ? 'insufficient' : t.direction,
      slopePct: t.slope_pct_per_year === null ? null : t.slope_pct_per_year / 100, pValue: t.mk_p_value, points: t.n_points,
      firstYear: t.window_start, panel: [],
    })),
    comments: totals.flatMap((t) => (t.comment && t.comment.trim() !== '' ? [{ iso3: t.ref_area, year: t.time_period, indicator: t.indicator, comment: t.comment }] : [])),
    medianRates: new Map(medians.map((m) => [`${m.indicator}|${m.time_period}`, m.median_rate])),
    sources,
    populationSources,
  };
}
