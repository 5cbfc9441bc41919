-- grain: one row per state × year × indicator with a published total: reported with every dimension _T, or derived
-- from a complete breakdown (is_derived, derived_from). Totals given as CONF_STATUS C/N or OBS_STATUS Q are left out;
-- a missing value has no row (never a zero). value_display reads "<5" for a count from 1 to 4 when
-- smallCountThreshold is 5 (a zero stays "0"); publish it rather than obs_value.
with

series as (

    select * from int_series_resolved

),

settings as (

    select * from stg_build__setting

),

published as (

    select
        series.*,
        ct_is_small_count(series.unit, series.obs_value, settings.small_count_threshold) as is_small_count,
        settings.small_count_threshold,
    from series
    cross join settings
    where series.is_public

),

final as (

    select
        ref_area,
        time_period,
        indicator,
        area,
        unit,
        obs_value,
        obs_status,
        is_derived,
        derived_from,
        is_small_count,
        ct_value_display(obs_value, is_small_count, small_count_threshold) as value_display,
        source,
        comment,
    from published

)

select * from final
order by ref_area, time_period, indicator
