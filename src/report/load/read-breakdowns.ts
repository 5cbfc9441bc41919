import { SeriesBreakdown } from '../../schema/marts.js';
import type { Store } from '../../store/index.js';
import type { BreakdownPoint } from '../review-model.js';
import { MEMBERS } from './member-filter.js';
import { hasRelation, readRows } from './read-rows.js';

/** The breakdown mart; a warehouse built by an older crimetrends lacks it, and the review then says so. */
export const BREAKDOWN_MART = 'series_breakdown';

const BreakdownRow = SeriesBreakdown.pick({ ref_area: true, time_period: true, indicator: true, sex: true, age: true, breakdown: true, obs_value: true, is_small_count: true, source: true });

/**
 * Returns the members' breakdowns for `year` from the `series_breakdown` mart: parts of a code list
 * (`BREAKDOWN`), and victims by sex and age (`SEX_AGE`, code `F.Y_LT18` …). A state's breakdown with a small count
 * in any part is left out whole (the part could be recovered from the others and the total), and listed in
 * `withSmallCounts` as `ISO3|INDICATOR|DIMENSION` (`ROU|TIP_VIC|BREAKDOWN`), sorted: the figure names those states,
 * which otherwise read as having sent none. Each part keeps its source (a return, or the import it came from). Null
 * when the warehouse predates the mart.
 */
export async function readBreakdowns(store: Store, group: string, year: number): Promise<{ points: BreakdownPoint[]; withSmallCounts: string[] } | null> {
  if (!(await hasRelation(store, BREAKDOWN_MART))) return null;
  const rows = await readRows(store, BREAKDOWN_MART, `select ref_area, time_period, indicator, sex, age, breakdown, obs_value, is_small_count, source
    from ${BREAKDOWN_MART} where ref_area in (${MEMBERS}) and time_period = $year order by ref_area, indicator, sex, age, breakdown`, { group, year }, BreakdownRow);
  const points = rows.flatMap((r) => {
    const base = { iso3: r.ref_area, year: r.time_period, indicator: r.indicator, value: r.obs_value, small: r.is_small_count, source: r.source };
    if (r.breakdown !== '_T' && r.sex === '_T' && r.age === '_T') return [{ ...base, dimension: 'BREAKDOWN', code: r.breakdown }];
    if (r.breakdown === '_T' && ['F', 'M'].includes(r.sex) && ['Y_LT18', 'Y_GE18'].includes(r.age)) return [{ ...base, dimension: 'SEX_AGE', code: `${r.sex}.${r.age}` }];
    return [];
  });
  const withSmall = new Set(points.filter((p) => p.small).map((p) => `${p.iso3}|${p.indicator}|${p.dimension}`));
  return {
    points: points.filter((p) => !withSmall.has(`${p.iso3}|${p.indicator}|${p.dimension}`)).map(({ small: _small, ...p }) => p),
    withSmallCounts: [...withSmall].sort(),
  };
}
