-- grain: one row per indicator × reporting state × year with a published counterpart breakdown: how much of it is
-- national (the reporting state itself), foreign or unknown (_U). Shares are of the reported counterpart rows;
-- total_value is the published series total, to compare against when the breakdown is partial.
with

flows as (

    select * from flow

),

series as (

    select * from int_series_resolved

),

sums as (

    select
        indicator,
        area,
        ref_area,
        time_period,
        coalesce((sum(obs_value::decimal(38, 6)) filter (where flow_type = 'national'))::double, 0) as national_value,
        coalesce((sum(obs_value::decimal(38, 6)) filter (where flow_type = 'foreign'))::double, 0) as foreign_value,
        coalesce((sum(obs_value::decimal(38, 6)) filter (where flow_type = 'unknown'))::double, 0) as unknown_value,
        sum(obs_value::decimal(38, 6))::double as reported_value,
        count(*) filter (where flow_type = 'foreign') as foreign_countries,
    from flows
    group by indicator, area, ref_area, time_period

),

final as (

    select
        sums.indicator,
        sums.area,
        sums.ref_area,
        sums.time_period,
        sums.national_value,
        sums.foreign_value,
        sums.unknown_value,
        sums.reported_value,
        case when series.is_public then series.obs_value end as total_value,
        case when sums.reported_value > 0 then sums.national_value / sums.reported_value end as national_share,
        case when sums.reported_value > 0 then sums.foreign_value / sums.reported_value end as foreign_share,
        case when sums.reported_value > 0 then sums.unknown_value / sums.reported_value end as unknown_share,
        sums.foreign_countries,
    from sums
    left join series
        on series.ref_area = sums.ref_area
        and series.time_period = sums.time_period
        and series.indicator = sums.indicator

)

select * from final
order by indicator, ref_area, time_period
