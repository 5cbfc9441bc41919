-- grain: one row per state × indicator × end year (every year from the first to the last in the data) whose window
-- of trend_years years holds at least one published total. A break in series (B) cuts the window: it then starts
-- at the break. Statistics are null below 4 points and the direction reads insufficient_data. The mean, the slope and
-- the slope as a share of the mean of a window that holds a small count (published as "<5") are withheld
-- (suppression_reason small_count): with the other years published, trying 1 to 4 for the "<5" gives it back, as
-- the one value that reproduces them (9, 8, 5, 7, "<5" with slope -1.125: only 4 gives it, 3 gives -1.25), and n × mean
-- less the other years is the sum of the window's small counts. Mann-Kendall S and p stay (they read only the order of
-- the values), and so does the direction (rising, falling or stable): in the sample none of them pins a "<5".
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

revealing as (

    -- windows holding a small count: their mean and slope would give it back (small_count_sum is 0 without one, and
    -- always with a threshold of 0)
    select
        statistics.subject as ref_area,
        statistics.indicator,
        statistics.end_year,
    from statistics
    where statistics.small_count_sum > 0

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
        case when statistics.n_points >= 4 and revealing.ref_area is null then statistics.mean_value end as mean_value,
        case when statistics.n_points >= 4 and revealing.ref_area is null then statistics.slope end as slope,
        case when statistics.n_points >= 4 and revealing.ref_area is null then statistics.slope_pct_per_year end as slope_pct_per_year,
        case when statistics.n_points >= 4 then statistics.mk_s end as mk_s,
        case when statistics.n_points >= 4 then statistics.mk_p_value end as mk_p_value,
        case when statistics.n_points >= 4 then statistics.mk_method end as mk_method,
        coalesce(statistics.direction, 'insufficient_data') as direction,
        case when statistics.n_points >= 4 and revealing.ref_area is not null then 'small_count' end as suppression_reason,
    from window_bounds
    cross join settings
    inner join indicators on indicators.indicator = window_bounds.indicator
    left join statistics
        on statistics.subject = window_bounds.ref_area
        and statistics.indicator = window_bounds.indicator
        and statistics.end_year = window_bounds.end_year
    left join revealing
        on revealing.ref_area = window_bounds.ref_area
        and revealing.indicator = window_bounds.indicator
        and revealing.end_year = window_bounds.end_year

)

select * from final
order by ref_area, indicator, end_year
