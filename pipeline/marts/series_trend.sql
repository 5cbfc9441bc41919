-- grain: one row per state × indicator × end year (every year from the first to the last in the data) whose window
-- of trend_years years holds at least one published total. A break in series (B) cuts the window: it then starts
-- at the break. Statistics are null below 4 points and the direction reads insufficient_data. A window that holds a
-- small count (a count from 1 to small_count_threshold - 1, published as "<5") publishes only what holds whatever
-- its small counts are, so that nothing gives one back (suppression_reason):
-- - the mean, the slope and the slope as a share of the mean are withheld (small_count): with the other years
--   published, trying 1 to 4 for the "<5" gives it back, as the one value that reproduces them (9, 8, 5, 7, "<5" with
--   slope -1.125: only 4 gives it, 3 gives -1.25), and n × mean less the other years is the small counts' sum;
-- - Mann-Kendall S and p read only the order of the values: with one small count that order is known whatever it is
--   (above a published 0, below every published count of 5 or more, equal to none), so they stay; with two or more
--   the order among them is not known and S would pin it (1, 2, 3, 4, 10 published as "<5" four times and 10: S = 10,
--   every pair rising, says the four rose year on year), so S, p and the direction are withheld
--   (small_count_direction), the direction reading insufficient_data;
-- - the direction (it rests on the slope and the mean) stays only when it is the same for every value the one small
--   count may be, 1 to 4 each tried in its place; otherwise it is withheld too (small_count_direction).
with

windows as (

    select * from int_trend_windows

),

statistics as (

    select * from int_trend_statistics
    where scope = 'state'

),

indicators as (

    select * from stg_reference__indicator

),

settings as (

    select * from stg_build__setting

),

points as (

    select
        points.subject,
        points.indicator,
        points.end_year,
        points.time_period,
        points.obs_value,
        ct_is_small_count(indicators.unit, points.obs_value, settings.small_count_threshold) as is_small_count,
    from int_trend_points as points
    inner join indicators on indicators.indicator = points.indicator
    cross join settings
    where points.scope = 'state'

),

revealing as (

    -- windows holding a small count (never with a threshold of 0): their mean and slope would give it back
    select
        subject as ref_area,
        indicator,
        end_year,
        count(*) filter (where is_small_count) as small_counts,
    from points
    group by subject, indicator, end_year
    having count(*) filter (where is_small_count) > 0

),

candidates as (

    -- each value the one small count of a window of 4 points or more may be: 1 to the threshold less 1
    select
        revealing.ref_area,
        revealing.indicator,
        revealing.end_year,
        unnest(range(1, settings.small_count_threshold)) as candidate,
    from revealing
    inner join statistics
        on statistics.subject = revealing.ref_area
        and statistics.indicator = revealing.indicator
        and statistics.end_year = revealing.end_year
    cross join settings
    where revealing.small_counts = 1 and statistics.n_points >= 4

),

candidate_points as (

    -- such a window once for each candidate, the candidate in the small count's place
    select
        points.subject,
        points.indicator,
        points.end_year,
        candidates.candidate,
        points.time_period,
        case when points.is_small_count then candidates.candidate::double else points.obs_value end as obs_value,
    from points
    inner join candidates
        on candidates.ref_area = points.subject
        and candidates.indicator = points.indicator
        and candidates.end_year = points.end_year

),

candidate_slopes as (

    select
        earlier.subject,
        earlier.indicator,
        earlier.end_year,
        earlier.candidate,
        median((later.obs_value - earlier.obs_value) / (later.time_period - earlier.time_period)) as slope,
    from candidate_points as earlier
    inner join candidate_points as later
        on later.subject = earlier.subject
        and later.indicator = earlier.indicator
        and later.end_year = earlier.end_year
        and later.candidate = earlier.candidate
        and later.time_period > earlier.time_period
    group by earlier.subject, earlier.indicator, earlier.end_year, earlier.candidate

),

candidate_means as (

    select
        subject,
        indicator,
        end_year,
        candidate,
        avg(obs_value::decimal(38, 6))::double as mean_value,
    from candidate_points
    group by subject, indicator, end_year, candidate

),

candidate_directions as (

    -- the direction each value would give, by the rule int_trend_statistics follows (S and p are the same for every value)
    select
        candidate_slopes.subject,
        candidate_slopes.indicator,
        candidate_slopes.end_year,
        ct_trend_direction(
            statistics.n_points, candidate_slopes.slope,
            case when candidate_means.mean_value > 0 then 100 * candidate_slopes.slope / candidate_means.mean_value end,
            statistics.mk_p_value, settings.stable_slope_pct, settings.trend_alpha
        ) as direction,
    from candidate_slopes
    inner join candidate_means using (subject, indicator, end_year, candidate)
    inner join statistics using (subject, indicator, end_year)
    cross join settings

),

certain_directions as (

    -- windows whose direction is the same whatever their one small count is
    select
        subject as ref_area,
        indicator,
        end_year,
    from candidate_directions
    group by subject, indicator, end_year
    having count(distinct direction) = 1

),

withheld as (

    -- how much a window with a small count withholds: the mean and slope (small_count), or the direction too, with S
    -- and p when its small counts are two or more (small_count_direction)
    select
        revealing.ref_area,
        revealing.indicator,
        revealing.end_year,
        revealing.small_counts,
        case when revealing.small_counts = 1 and certain_directions.ref_area is not null then 'small_count' else 'small_count_direction' end as reason,
    from revealing
    left join certain_directions
        on certain_directions.ref_area = revealing.ref_area
        and certain_directions.indicator = revealing.indicator
        and certain_directions.end_year = revealing.end_year

),

window_bounds as (

    select
        ref_area,
        indicator,
        end_year,
        any_value(window_start) as window_start,
        any_value(break_year) as break_year,
    from windows
    group by ref_area, indicator, end_year

),

final as (

    select
        window_bounds.ref_area,
        window_bounds.indicator,
        indicators.area,
        window_bounds.end_year,
        settings.trend_years as window_years,
        window_bounds.window_start,
        window_bounds.break_year,
        coalesce(statistics.n_points, 0) as n_points,
        case when statistics.n_points >= 4 and withheld.ref_area is null then statistics.mean_value end as mean_value,
        case when statistics.n_points >= 4 and withheld.ref_area is null then statistics.slope end as slope,
        case when statistics.n_points >= 4 and withheld.ref_area is null then statistics.slope_pct_per_year end as slope_pct_per_year,
        case when statistics.n_points >= 4 and coalesce(withheld.small_counts, 0) <= 1 then statistics.mk_s end as mk_s,
        case when statistics.n_points >= 4 and coalesce(withheld.small_counts, 0) <= 1 then statistics.mk_p_value end as mk_p_value,
        case when statistics.n_points >= 4 and coalesce(withheld.small_counts, 0) <= 1 then statistics.mk_method end as mk_method,
        case when statistics.n_points >= 4 and withheld.reason = 'small_count_direction' then 'insufficient_data'
            else coalesce(statistics.direction, 'insufficient_data') end as direction,
        case when statistics.n_points >= 4 then withheld.reason end as suppression_reason,
    from window_bounds
    cross join settings
    inner join indicators on indicators.indicator = window_bounds.indicator
    left join statistics
        on statistics.subject = window_bounds.ref_area
        and statistics.indicator = window_bounds.indicator
        and statistics.end_year = window_bounds.end_year
    left join withheld
        on withheld.ref_area = window_bounds.ref_area
        and withheld.indicator = window_bounds.indicator
        and withheld.end_year = window_bounds.end_year

)

select * from final
order by ref_area, indicator, end_year
