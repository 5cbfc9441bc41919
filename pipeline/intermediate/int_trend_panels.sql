-- grain: one row per group × indicator × end year × member state in the group's trend panel: the members with a
-- published total in every year of the nominal window and no break after its first year, so that the group series
-- sums the same states every year and a state joining or leaving never shows up as a trend. A member whose
-- published total is a small count (ct_is_small_count) in any year of the window stays out, as in regional_change:
-- the group series feeds a published mean and slope, from which the "<5" would come back by subtraction.
with

windows as (

    select * from int_trend_windows

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

complete_members as (

    select
        windows.ref_area,
        windows.indicator,
        windows.end_year,
    from windows
    cross join settings
    inner join indicators on indicators.indicator = windows.indicator
    group by windows.ref_area, windows.indicator, windows.end_year, settings.trend_years
    having count(*) = settings.trend_years
        and count(windows.break_year) = 0
        and not bool_or(coalesce(ct_is_small_count(indicators.unit, windows.obs_value, settings.small_count_threshold), false))

),

final as (

    select
        groups.group_code,
        complete_members.indicator,
        complete_members.end_year,
        complete_members.ref_area,
    from complete_members
    inner join groups on groups.ref_area = complete_members.ref_area

)

select * from final
