-- grain: one row per indicator × year × counterpart × reporting state for foreign flows (counterpart is another
-- country): the corridors of the region, ranked per indicator and year by size (1 = largest; ties by counterpart,
-- then reporting state). For requests sent the corridor runs from the reporting state to the counterpart: read
-- counterpart_meaning.
with

flows as (

    select * from flow

),

foreign_flows as (

    select *
    from flows
    where flow_type = 'foreign'

),

final as (

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
            when sum(obs_value) over (partition by indicator, time_period) > 0
                then obs_value / sum(obs_value) over (partition by indicator, time_period)
        end as share_of_foreign,
        is_small_count,
        value_display,
    from foreign_flows

)

select * from final
order by indicator, time_period, corridor_rank
