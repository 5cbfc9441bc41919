-- grain: one row per group × indicator × end year where some member has a published total in the window: the trend
-- of the group total over a fixed panel (members with a comparable total in every year of the window; see
-- int_trend_panels). An empty panel gives n_points 0 and insufficient_data; statistics are null below 4 points.
with

windows as (

    select * from int_trend_windows

),

panels as (

    select * from int_trend_panels

),

statistics as (

    select * from int_trend_statistics

),

groups as (

    select * from stg_reference__state_group

),

indicators as (

    select * from stg_reference__indicator

),

settings as (

    select * from stg_build__setting

),

memberships as (

    select
        group_code,
        count(*) as members,
    from groups
    group by group_code

),

group_windows as (

    select distinct
        groups.group_code,
        windows.indicator,
        windows.end_year,
    from windows
    inner join groups on groups.ref_area = windows.ref_area

),

panel_lists as (

    select
        group_code,
        indicator,
        end_year,
        list(ref_area order by ref_area) as panel_states,
    from panels
    group by group_code, indicator, end_year

),

final as (

    select
        group_windows.group_code,
        group_windows.indicator,
        indicators.area,
        group_windows.end_year,
        settings.trend_years as window_years,
        group_windows.end_year - settings.trend_years + 1 as window_start,
        memberships.members,
        coalesce(panel_lists.panel_states, []::varchar[]) as panel_states,
        coalesce(len(panel_lists.panel_states), 0) as panel_size,
        coalesce(statistics.n_points, 0) as n_points,
        case when statistics.n_points >= 4 then statistics.mean_value end as mean_value,
        case when statistics.n_points >= 4 then statistics.slope end as slope,
        case when statistics.n_points >= 4 then statistics.slope_pct_per_year end as slope_pct_per_year,
        case when statistics.n_points >= 4 then statistics.mk_s end as mk_s,
        case when statistics.n_points >= 4 then statistics.mk_p_value end as mk_p_value,
        case when statistics.n_points >= 4 then statistics.mk_method end as mk_method,
        coalesce(statistics.direction, 'insufficient_data') as direction,
    from group_windows
    cross join settings
    inner join memberships on memberships.group_code = group_windows.group_code
    inner join indicators on indicators.indicator = group_windows.indicator
    left join panel_lists
        on panel_lists.group_code = group_windows.group_code
        and panel_lists.indicator = group_windows.indicator
        and panel_lists.end_year = group_windows.end_year
    left join statistics
        on statistics.scope = 'group'
        and statistics.subject = group_windows.group_code
        and statistics.indicator = group_windows.indicator
        and statistics.end_year = group_windows.end_year

)

select * from final
order by group_code, indicator, end_year
