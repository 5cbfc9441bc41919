import { currentRowsSql, SERIES_KEY_SQL as KEY, type Store } from '../store/index.js';
import { givesBackWithheldSql } from './gives-back-withheld.js';

/** A series: the state, year and indicator, and the indicator's dimensions. */
export interface SeriesKey {
  ref_area: string;
  time_period: number;
  indicator: string;
  sex: string;
  age: string;
  counterpart_area: string;
  breakdown: string;
}

/** The import's side of a listed series: its status, the dataset and the download its value comes from, and its note. */
export interface SourceSide extends SeriesKey {
  return_status: string;
  source_status: string;
  /** The import's dataset and the submission (download) its value comes from. */
  dataset: string | null;
  source_submission_id: number;
  /** The import's note on its value: a definition that differs, a flag ("UNODC: persons brought into formal contact with the police", "Eurostat flag: r (revised)"). */
  source_comment: string | null;
}

/** Both sides of a listed series: the import's, and the return's flags and where its value comes from. */
export interface PairedSides extends SourceSide {
  /** CONF_STATUS of the return's value: C and N are not for publication (listed here only with `includeConfidential`). */
  conf_status: string;
  /** The submission (file) of the return's value. */
  return_submission_id: number;
  /** The year of the return the value comes from: later than time_period when a later return revised it. */
  return_reporting_year: number | null;
}

/** One series found both in a member-state return and in an import, with different values. */
export interface SeriesDiscrepancy extends PairedSides {
  return_value: number;
  /** The state's COMMENT on its value (a definition, a change of register): what may explain the difference. */
  return_comment: string | null;
  source_value: number;
  /** return_value − source_value. */
  diff_abs: number;
  /** 100 × diff_abs / source_value; null when the import says 0. */
  diff_pct: number | null;
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
  /** Series in both not compared since the return's value is withheld (C, N, Q). */
  withheld: number;
  /** Series in both whose source value is suppressed (status Q: UNODC's "<5", Eurostat's ": c"), listed with the return's. */
  source_suppressed: number;
  /** Of those, the return values a published bound contradicts: 7 beside UNODC's "<5". */
  contradicting: number;
}

/**
 * A series in both whose return value may not be shown (CONF_STATUS C or N, or OBS_STATUS Q): its key, the imported
 * (published) value and the statuses, never the return's value nor anything computed from it (a difference, or whether
 * there is one, would give it away).
 */
export interface SeriesWithheld extends PairedSides {
  return_value: null;
  source_value: number;
  /** A public value withheld because it would give a confidential or withheld one of its series back (a part of a C total). */
  beside_withheld: boolean;
}

/**
 * A series the return gives (a value that may be shown) and the source has with no figure, suppressed (status Q:
 * UNODC's "<5", Eurostat's ": c"): listed, since a return of 32 beside UNODC's "<5" is a difference the comparison
 * would otherwise hide. Where the source published a bound ("<5", kept by the import as `published_text`), the return
 * is held against it: 5 or more `contradicts` it (one of them is wrong, or the series differ), less than 5 `agrees`.
 */
export interface SeriesSuppressed extends PairedSides {
  return_value: number;
  /** The state's COMMENT on its value. */
  return_comment: string | null;
  source_value: null;
  /** What the source published in place of the figure ("<5"); null where nothing was kept (Eurostat's ": c", an import made before migration 8). */
  source_text: string | null;
  /** The return's value against that bound; null where there is none to hold it against. */
  verdict: 'contradicts' | 'agrees' | null;
}

/** A series the source gives a figure for where the return says it has none (OBS_STATUS M, L or O): not compared. */
export interface SeriesReturnMissing extends SourceSide {
  return_value: null;
  source_value: number;
}

/** A download of the source that a listed series' value comes from: what to cite. */
export interface SourceSubmission {
  submission_id: number;
  dataset: string | null;
  file_name: string;
  /** YYYY-MM-DD, or null when the download carries no date. */
  published_on: string | null;
  series: number;
}

export interface Comparison {
  source: string;
  year: number | null;
  /** The state and the indicator asked for (--state, --indicator); null: all. */
  state: string | null;
  indicator: string | null;
  /** Series with a value on both sides, withheld ones left out. */
  compared: number;
  series: SeriesDiscrepancy[];
  /** Series in both whose return value is confidential (C), internal (N) or withheld (Q): none with `includeConfidential`. */
  withheld: SeriesWithheld[];
  /** Series whose import value is suppressed (Q) beside a return value that may be shown: those whose return contradicts the published bound first, then those that agree with it, then those with none, each in series-key order. */
  source_suppressed: SeriesSuppressed[];
  /** Of `source_suppressed`, the series whose return value contradicts the bound the source published (7 beside "<5"). */
  contradicting: number;
  /** The downloads the listed values of the source come from, by dataset. */
  source_submissions: SourceSubmission[];
  /** Series the source has a figure for where the return gives none (M, L, O), in series-key order. */
  return_missing: SeriesReturnMissing[];
  /** Confidential, internal or withheld return values compared and listed (0 unless `includeConfidential`). */
  confidential_included: number;
  states: StateDiscrepancy[];
  /** States with a return value (of the year asked) none of whose series the source has: in no table above. */
  returns_only_states: string[];
  /** First and last year with a value in the returns and in the source's accepted imports (null: none), whatever --year; of the state and indicator asked for. */
  return_years: [number, number] | null;
  source_years: [number, number] | null;
  /** Whether the warehouse holds an accepted import of the source at all, whatever the state, indicator and year asked. */
  source_imported: boolean;
}


/**
 * Returns every series that has a value both in the member-state returns and in the imports of `source` (UNODC,
 * EUROSTAT) and whose values differ, largest discrepancy first, with a summary per state.
 *
 * The return side is `observation_current`'s returns (a return outranks an import, so they are all there: the
 * latest accepted return of each series, a later return revising an earlier year). `observation_current` hides an
 * import wherever a return has the series, so the import side is ranked by the same rule (`currentRowsSql`) among
 * the source's rows alone: per state, the latest download of each dataset that has rows for the state is in force
 * for all of that state's series, so a series a newer download dropped is not compared with an older one's value.
 * Missing values (M, L, O, Q) are not compared; a source's suppressed value (Q, no figure) beside a return value that
 * may be shown is listed in `source_suppressed`, held against the bound the source published in its place where the import kept
 * one (`published_text` "<5": a return of 5 or more contradicts it, one below agrees). Values differ when they are apart by more than 1e-9 of the imported value (float noise).
 *
 * A return value that is confidential (CONF_STATUS C), for internal use (N) or withheld by the state (OBS_STATUS Q) is
 * never published, so by default its series is listed in `withheld` with the imported value only and counts in no
 * difference, percentage or "compared" (were it counted, "none differs" would tell the value); `includeConfidential`
 * compares it like any other and counts it in `confidential_included`.
 *
 * Order: by the relative difference |diff_pct|, largest first — indicators count persons, kilograms and rounds, so
 * only a relative size compares across them — with a difference from an imported 0 (no percentage) ahead of all;
 * ties by |diff_abs|, then the series key.
 */
export async function compareSources(
  store: Store,
  options: { source: string; year?: number | undefined; state?: string | undefined; indicator?: string | undefined; includeConfidential?: boolean | undefined },
): Promise<Comparison> {
  const { year, state, indicator } = options;
  const params = { source: options.source, ...(year === undefined ? {} : { year }), ...(state === undefined ? {} : { state }), ...(indicator === undefined ? {} : { indicator }) };
  // the series asked for (--year, --state, --indicator); which download is in force is decided before, over all of them
  const inYear = `${year === undefined ? '' : ' and o.time_period = $year'}${state === undefined ? '' : ' and o.ref_area = $state'}${indicator === undefined ? '' : ' and o.indicator = $indicator'}`;
  // published only when free (F) and not withheld by the reporting state (Q), as stg_warehouse__observation's is_public
  const isConfidential = "(coalesce(nullif(r.conf_status, ''), 'F') <> 'F' or coalesce(r.obs_status, '') = 'Q')";
  // a public return value that would give a withheld one of its series back, as export and the marts leave it out:
  // 52 women + 25 men compared gave Albania's C 77 victims back
  const isLinked = givesBackWithheldSql('r');
  // The import's own winners, ranked as observation_current ranks them (currentRowsSql) but among that source's rows
  // alone; the year is filtered after the ranking, since which download is in force for a state is decided over all
  // of its years.
  const pairs = `
    with return_values as (
      select o.*, s.reporting_year as return_reporting_year
      from observation_current as o inner join submission as s on s.submission_id = o.submission_id
      where o.source = 'RETURN' and o.obs_value is not null${inYear}
    ),
    source_values as (
      select o.*, s.dataset
      from observation as o
      inner join (${currentRowsSql("o.source = $source")}) as winner on winner.rid = o.rowid
      inner join submission as s on s.submission_id = o.submission_id
      where (o.obs_value is not null or o.obs_status = 'Q')${inYear}
    ),
    pairs as (
      select r.ref_area, r.time_period, r.indicator, r.sex, r.age, r.counterpart_area, r.breakdown,
        r.obs_value as return_value, i.obs_value as source_value, r.obs_value - i.obs_value as diff_abs,
        case when i.obs_value <> 0 then 100 * (r.obs_value - i.obs_value) / i.obs_value end as diff_pct,
        r.obs_status as return_status, i.obs_status as source_status, r.conf_status, r.submission_id as return_submission_id,
        r.return_reporting_year, i.dataset, i.submission_id as source_submission_id, i.comment as source_comment,
        i.published_text as source_text, r.comment as return_comment,
        -- a suppressed value published as a bound ("<5": fewer than 5) is compared with it: a return of 5 or more cannot be
        case when i.obs_value is null then case
          when r.obs_value >= try_cast(regexp_extract(i.published_text, '^<\\s*([0-9]+)$', 1) as double) then 'contradicts'
          when r.obs_value < try_cast(regexp_extract(i.published_text, '^<\\s*([0-9]+)$', 1) as double) then 'agrees' end end as verdict,
        coalesce(abs(r.obs_value - i.obs_value) > 1e-9 * greatest(1, abs(i.obs_value)), false) as is_different,
        i.obs_value is null as is_suppressed,
        ${isConfidential} as is_confidential,
        ${isLinked} as is_linked,
        ${options.includeConfidential === true ? 'false' : `(${isConfidential} or ${isLinked})`} as is_withheld
      from return_values as r
      inner join source_values as i using (${KEY})
    )`;
  const series = await store.all<SeriesDiscrepancy>(
    `${pairs}
    select * exclude (is_different, is_suppressed, is_confidential, is_linked, is_withheld, source_text, verdict) from pairs where is_different and not is_withheld
    order by abs(diff_pct) desc nulls first, abs(diff_abs) desc, ${KEY}`,
    params,
  );
  const withheld = await store.all<SeriesWithheld>(
    `${pairs}
    select ${KEY}, null as return_value, source_value, return_status, source_status, conf_status, return_submission_id, return_reporting_year, dataset, source_submission_id,
      source_comment, is_linked and not is_confidential as beside_withheld
    from pairs where is_withheld and not is_suppressed
    order by ${KEY}`,
    params,
  );
  const sourceSuppressed = await store.all<SeriesSuppressed>(
    `${pairs}
    select ${KEY}, return_value, null as source_value, return_status, source_status, conf_status, return_submission_id, return_reporting_year, dataset, source_submission_id,
      source_comment, return_comment, source_text, verdict
    from pairs where is_suppressed and not is_withheld
    order by case verdict when 'contradicts' then 0 when 'agrees' then 1 else 2 end, ${KEY}`,
    params,
  );
  const states = await store.all<StateDiscrepancy & { confidential: number }>(
    `${pairs}
    select ref_area, count(*) filter (where not is_withheld and not is_suppressed)::integer as compared,
      count(*) filter (where is_different and not is_withheld)::integer as differing,
      coalesce(bool_or(is_different and not is_withheld and diff_pct is null), false) as has_difference_from_zero,
      max(abs(diff_pct)) filter (where is_different and not is_withheld) as max_abs_pct,
      count(*) filter (where is_withheld and not is_suppressed)::integer as withheld,
      count(*) filter (where is_suppressed and not is_withheld)::integer as source_suppressed,
      count(*) filter (where is_suppressed and not is_withheld and verdict = 'contradicts')::integer as contradicting,
      count(*) filter (where is_confidential and not is_withheld)::integer as confidential
    from pairs group by ref_area
    order by differing = 0 and contradicting = 0, has_difference_from_zero desc, max_abs_pct desc nulls last, differing desc, contradicting desc, ref_area`,
    params,
  );
  const returnMissing = await store.all<SeriesReturnMissing>(
    `${pairs},
    missing as (
      select o.* from observation_current as o
      where o.source = 'RETURN' and o.obs_value is null and o.obs_status in ('M', 'L', 'O')${inYear}
    )
    select ${KEY}, null as return_value, i.obs_value as source_value, m.obs_status as return_status, i.obs_status as source_status,
      i.dataset, i.submission_id as source_submission_id, i.comment as source_comment
    from missing as m inner join source_values as i using (${KEY})
    where i.obs_value is not null
    order by ${KEY}`,
    params,
  );
  const sourceSubmissions = await store.all<SourceSubmission>(
    `${pairs},
    listed as (
      select source_submission_id from pairs
      union all
      select i.submission_id from observation_current as m inner join source_values as i using (${KEY})
      where m.source = 'RETURN' and m.obs_value is null and m.obs_status in ('M', 'L', 'O') and i.obs_value is not null${inYear.replaceAll('o.', 'm.')}
    )
    select s.submission_id, s.dataset, s.file_name, strftime(s.published_on, '%Y-%m-%d') as published_on, count(*)::integer as series
    from listed as l inner join submission as s on s.submission_id = l.source_submission_id
    group by all order by s.dataset, s.submission_id`,
    params,
  );
  const returnsOnly = await store.all<{ ref_area: string }>(
    `${pairs}
    select distinct ref_area from return_values where ref_area not in (select ref_area from pairs) order by ref_area`,
    params,
  );
  // What each side holds, so that "nothing in both" can say why: nothing imported, or no year in common
  const spans = await store.all<{ side: string; first: number; last: number }>(
    `select case when o.source = 'RETURN' then 'return' else 'source' end as side, min(o.time_period) as first, max(o.time_period) as last
    from observation as o inner join submission as s on s.submission_id = o.submission_id
    where s.outcome = 'accepted' and o.source in ('RETURN', $source) and o.obs_value is not null${state === undefined ? '' : ' and o.ref_area = $state'}${indicator === undefined ? '' : ' and o.indicator = $indicator'}
    group by side`,
    { source: options.source, ...(state === undefined ? {} : { state }), ...(indicator === undefined ? {} : { indicator }) },
  );
  const [imported] = await store.all<{ held: boolean }>(
    `select exists (select 1 from observation as o inner join submission as s on s.submission_id = o.submission_id
      where s.outcome = 'accepted' and o.source = $source) as held`,
    { source: options.source },
  );
  const span = (side: string): [number, number] | null => {
    const found = spans.find((row) => row.side === side);
    return found === undefined ? null : [found.first, found.last];
  };
  return {
    source: options.source,
    year: options.year ?? null,
    state: state ?? null,
    indicator: indicator ?? null,
    compared: states.reduce((sum, s) => sum + s.compared, 0),
    series,
    withheld,
    source_suppressed: sourceSuppressed,
    contradicting: sourceSuppressed.filter((d) => d.verdict === 'contradicts').length,
    return_missing: returnMissing,
    source_submissions: sourceSubmissions,
    confidential_included: states.reduce((sum, s) => sum + s.confidential, 0),
    states: states.map(({ confidential: _, ...state }) => state),
    returns_only_states: returnsOnly.map((row) => row.ref_area).filter((state) => !returnMissing.some((d) => d.ref_area === state)),
    return_years: span('return'),
    source_years: span('source'),
    source_imported: imported!.held,
  };
}
