import { currentRowsSql, type Store } from '../store/index.js';

/** One series found both in a member-state return and in an import, with different values. */
export interface SeriesDiscrepancy {
  ref_area: string;
  time_period: number;
  indicator: string;
  sex: string;
  age: string;
  counterpart_area: string;
  breakdown: string;
  return_value: number;
  source_value: number;
  /** return_value − source_value. */
  diff_abs: number;
  /** 100 × diff_abs / source_value; null when the import says 0. */
  diff_pct: number | null;
  return_status: string;
  source_status: string;
  /** CONF_STATUS of the return's value: C and N are not for publication. */
  conf_status: string;
  /** The submission (file) of the return's value, and the import's dataset (GLOTIP, IAFQ, CTS, …). */
  return_submission_id: number;
  dataset: string | null;
}

/**
 * Per reporting state: how many series both sides have, how many differ, and the largest relative difference (null
 * when none differs, or only from an imported 0). Ordered like the series: a difference from 0 first, then by the
 * largest relative difference; states where nothing differs last.
 */
export interface StateDiscrepancy {
  ref_area: string;
  compared: number;
  differing: number;
  /** A series differs from an imported 0 (no percentage): such a state comes first. */
  has_difference_from_zero: boolean;
  max_abs_pct: number | null;
}

export interface Comparison {
  source: string;
  year: number | null;
  /** Series with a value on both sides. */
  compared: number;
  series: SeriesDiscrepancy[];
  states: StateDiscrepancy[];
  /** First and last year with a value in the returns and in the source's accepted imports (null: none), whatever --year. */
  return_years: [number, number] | null;
  source_years: [number, number] | null;
}

const KEY = 'ref_area, time_period, indicator, sex, age, counterpart_area, breakdown';

/**
 * Returns every series that has a value both in the member-state returns and in the imports of `source` (UNODC,
 * EUROSTAT) and whose values differ, largest discrepancy first, with a summary per state.
 *
 * The return side is `observation_current`'s returns (a return outranks an import, so they are all there: the
 * latest accepted return of each series, a later return revising an earlier year). `observation_current` hides an
 * import wherever a return has the series, so the import side is ranked by the same rule (`currentRowsSql`) among
 * the source's rows alone: per state, the latest download of each dataset that has rows for the state is in force
 * for all of that state's series, so a series a newer download dropped is not compared with an older one's value.
 * Missing values (M, L, O, Q) are not compared. Values differ when they are apart by more than 1e-9 of the imported value (float noise).
 *
 * Order: by the relative difference |diff_pct|, largest first — indicators count persons, kilograms and rounds, so
 * only a relative size compares across them — with a difference from an imported 0 (no percentage) ahead of all;
 * ties by |diff_abs|, then the series key.
 */
export async function compareSources(store: Store, options: { source: string; year?: number | undefined }): Promise<Comparison> {
  const params = { source: options.source, ...(options.year === undefined ? {} : { year: options.year }) };
  const inYear = options.year === undefined ? '' : ' and o.time_period = $year';
  // The import's own winners, ranked as observation_current ranks them (currentRowsSql) but among that source's rows
  // alone; the year is filtered after the ranking, since which download is in force for a state is decided over all
  // of its years.
  const pairs = `
    with return_values as (
      select o.* from observation_current as o where o.source = 'RETURN' and o.obs_value is not null${inYear}
    ),
    source_values as (
      select o.*, s.dataset
      from observation as o
      inner join (${currentRowsSql("o.source = $source")}) as winner on winner.rid = o.rowid
      inner join submission as s on s.submission_id = o.submission_id
      where o.obs_value is not null${inYear}
    ),
    pairs as (
      select r.ref_area, r.time_period, r.indicator, r.sex, r.age, r.counterpart_area, r.breakdown,
        r.obs_value as return_value, i.obs_value as source_value, r.obs_value - i.obs_value as diff_abs,
        case when i.obs_value <> 0 then 100 * (r.obs_value - i.obs_value) / i.obs_value end as diff_pct,
        r.obs_status as return_status, i.obs_status as source_status, r.conf_status, r.submission_id as return_submission_id,
        i.dataset,
        abs(r.obs_value - i.obs_value) > 1e-9 * greatest(1, abs(i.obs_value)) as is_different
      from return_values as r
      inner join source_values as i using (${KEY})
    )`;
  const series = await store.all<SeriesDiscrepancy>(
    `${pairs}
    select * exclude (is_different) from pairs where is_different
    order by abs(diff_pct) desc nulls first, abs(diff_abs) desc, ${KEY}`,
    params,
  );
  const states = await store.all<StateDiscrepancy>(
    `${pairs}
    select ref_area, count(*)::integer as compared, count(*) filter (where is_different)::integer as differing,
      coalesce(bool_or(is_different and diff_pct is null), false) as has_difference_from_zero,
      max(abs(diff_pct)) filter (where is_different) as max_abs_pct
    from pairs group by ref_area
    order by differing = 0, has_difference_from_zero desc, max_abs_pct desc nulls last, differing desc, ref_area`,
    params,
  );
  // What each side holds, so that "nothing in both" can say why: nothing imported, or no year in common
  const spans = await store.all<{ side: string; first: number; last: number }>(
    `select case when o.source = 'RETURN' then 'return' else 'source' end as side, min(o.time_period) as first, max(o.time_period) as last
    from observation as o inner join submission as s on s.submission_id = o.submission_id
    where s.outcome = 'accepted' and o.source in ('RETURN', $source) and o.obs_value is not null
    group by side`,
    { source: options.source },
  );
  const span = (side: string): [number, number] | null => {
    const found = spans.find((row) => row.side === side);
    return found === undefined ? null : [found.first, found.last];
  };
  return {
    source: options.source,
    year: options.year ?? null,
    compared: states.reduce((sum, s) => sum + s.compared, 0),
    series,
    states,
    return_years: span('return'),
    source_years: span('source'),
  };
}
