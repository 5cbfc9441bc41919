-- grain: one row per indicator × year × counterpart × reporting state for the 20 largest foreign flows (counterpart
-- is another country) of the region per indicator and year, ranked by size (1 = largest; ties by counterpart, then
-- reporting state); share_of_foreign is of all foreign flows, not only the 20. For requests sent the corridor runs
-- from the reporting state to the counterpart: read counterpart_meaning. Every flow is in the flow mart, source as
-- there (RETURN, or the import the value comes from).
with

flows as (

    select * from flow

),

foreign_flows as (

    select *
    from flows
    where flow_type = 'foreign'

),

ranked as (

    select
        indicator,
        area,
        time_period,
        counterpart_area,
        ref_area,
        counterpart_meaning,
        obs_value,
        row_number() over (
            partition by indicator, time_period
            order by obs_value desc, counterpart_area, ref_area
        ) as corridor_rank,
        case
            when (sum(obs_value::decimal(38, 6)) over (partition by indicator, time_period))::double > 0
                then obs_value / (sum(obs_value::decimal(38, 6)) over (partition by indicator, time_period))::double
        end as share_of_foreign,
        is_small_count,
        value_display,
        source,
    from foreign_flows

),

final as (

    select *
    from ranked
    where corridor_rank <= 20

)

select * from final
order by indicator, time_period, corridor_rank
