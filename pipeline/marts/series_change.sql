-- grain: one row per state × year × indicator with a published total in that year and the year before. The change
-- is computed only between comparable values: a year marked B (break in series) is not comparable with the year
-- before it, so its change is null and is_comparable false. has_small_count says either year is a small count
-- ("<5"): the change would give it back, so it is not for publication.
with

totals as (

    select * from series_total

),

paired as (

    select
        current_year.ref_area,
        current_year.time_period,
        current_year.indicator,
        current_year.area,
        previous_year.time_period as previous_period,
        previous_year.obs_value as previous_value,
        current_year.obs_value,
        previous_year.obs_status as previous_obs_status,
        current_year.obs_status,
        current_year.obs_status <> 'B' as is_comparable,
        current_year.is_small_count or previous_year.is_small_count as has_small_count,
    from totals as current_year
    inner join totals as previous_year
        on previous_year.ref_area = current_year.ref_area
        and previous_year.indicator = current_year.indicator
        and previous_year.time_period = current_year.time_period - 1

),

final as (

    select
        *,
        case when is_comparable then obs_value - previous_value end as change_abs,
        case when is_comparable and previous_value > 0 then 100 * (obs_value - previous_value) / previous_value end as change_pct,
    from paired

)

select * from final
order by ref_area, time_period, indicator
