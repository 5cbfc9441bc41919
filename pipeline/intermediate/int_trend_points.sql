-- grain: one row per scope × subject × indicator × end year × year: the points a trend is fitted to. Scope "state":
-- the state's published totals in the window after its break cut. Scope "group": the sum over the group's panel
-- members, each year of the window.
with

windows as (

    select * from int_trend_windows

),

panels as (

    select * from int_trend_panels

),

state_points as (

    select
        'state' as scope,
        ref_area as subject,
        indicator,
        end_year,
        time_period,
        obs_value,
    from windows
    where is_in_window

),

group_points as (

    select
        'group' as scope,
        panels.group_code as subject,
        windows.indicator,
        windows.end_year,
        windows.time_period,
        sum(windows.obs_value::decimal(38, 6))::double as obs_value,
    from windows
    inner join panels
        on panels.ref_area = windows.ref_area
        and panels.indicator = windows.indicator
        and panels.end_year = windows.end_year
    group by panels.group_code, windows.indicator, windows.end_year, windows.time_period

),

final as (

    select * from state_points
    union all by name
    select * from group_points

)

select * from final
