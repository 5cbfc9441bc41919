-- grain: one row per indicator × reporting state × year × counterpart (citizenship, country of origin or partner
-- state, as the catalogue's counterpart_meaning says; _U unknown) with a published value. share_of_reported is the
-- row's share of all published counterpart rows of the state, year and indicator.
with

flows as (

    select * from int_flows_reported

),

settings as (

    select * from stg_build__setting

),

measured as (

    select
        flows.*,
        sum(flows.obs_value) over (partition by flows.indicator, flows.ref_area, flows.time_period) as reported_value,
        settings.small_count_threshold > 0
            and flows.unit = 'NR'
            and flows.obs_value > 0
            and flows.obs_value < settings.small_count_threshold as is_small_count,
        settings.small_count_threshold,
    from flows
    cross join settings

),

final as (

    select
        indicator,
        area,
        ref_area,
        time_period,
        counterpart_area,
        counterpart_meaning,
        flow_type,
        is_counterpart_member,
        obs_value,
        obs_status,
        case when reported_value > 0 then obs_value / reported_value end as share_of_reported,
        is_small_count,
        case
            when is_small_count then '<' || small_count_threshold
            when obs_value = round(obs_value) then cast(obs_value::bigint as varchar)
            else cast(round(obs_value, 3) as varchar)
        end as value_display,
    from measured

)

select * from final
order by indicator, ref_area, time_period, counterpart_area
