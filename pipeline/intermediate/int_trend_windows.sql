-- grain: one row per state × indicator × end year × year with a published total inside the nominal window
-- [end_year - trend_years + 1, end_year], for every end year from the first to the last year in the data. A break in
-- series cuts the window: break_year is the latest year after the window's first year marked B (the values before
-- it are not comparable with it), window_start is where the cut window begins and is_in_window says whether the
-- year survives the cut. Breaks are taken from every total, published or not, so that a confidential year still
-- cuts the window.
with

series as (

    select * from int_series_resolved

),

settings as (

    select * from stg_build__setting

),

totals as (

    select
        ref_area,
        indicator,
        time_period,
        obs_value,
        obs_status,
        is_public,
    from series

),

end_years as (

    select years.end_year
    from (select min(time_period) as first_year, max(time_period) as last_year from totals where is_public) as bounds,
        range(bounds.first_year, bounds.last_year + 1) as years (end_year)

),

windowed as (

    select
        totals.ref_area,
        totals.indicator,
        end_years.end_year,
        end_years.end_year - settings.trend_years + 1 as nominal_start,
        totals.time_period,
        totals.obs_value,
        totals.obs_status,
        totals.is_public,
    from totals
    cross join settings
    inner join end_years
        on totals.time_period between end_years.end_year - settings.trend_years + 1 and end_years.end_year

),

cut as (

    select
        *,
        max(case when obs_status = 'B' and time_period > nominal_start then time_period end)
            over (partition by ref_area, indicator, end_year) as break_year,
    from windowed

),

final as (

    select
        ref_area,
        indicator,
        end_year,
        nominal_start,
        break_year,
        coalesce(break_year, nominal_start) as window_start,
        time_period,
        obs_value,
        obs_status,
        time_period >= coalesce(break_year, nominal_start) as is_in_window,
    from cut
    where is_public

)

select * from final
