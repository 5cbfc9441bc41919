-- grain: one row per indicator × year × counterpart × reporting state for the 20 largest foreign flows (counterpart
-- is another country) of the region per indicator and year, ranked by size (1 = largest; ties by counterpart, then
-- reporting state); share_of_foreign is of all foreign flows, not only the 20. For requests sent the corridor runs
-- from the reporting state to the counterpart: read counterpart_meaning. Every flow is in the flow mart, source as
-- there (RETURN, or the import the value comes from). share_of_foreign is withheld (null) for a small count, and for
-- every corridor of an indicator and year whose foreign small counts add up to less than the threshold (the foreign
-- sum, worked back from a share, less the published flows would give them away).
with

flows as (

    select * from flow

),

settings as (

    select * from stg_build__setting

),

foreign_flows as (

    select *
    from flows
    where flow_type = 'foreign'

),

regional as (

    -- per indicator and year: all foreign flows together, and the 20th largest value (each of the 20 corridors is at
    -- least that large, so only the flows reaching it are ranked)
    select
        indicator,
        time_period,
        (sum(obs_value::decimal(38, 6)))::double as foreign_value,
        list_min(max(obs_value, 20)) as smallest_ranked_value,
        coalesce((sum(obs_value::decimal(38, 6)) filter (where is_small_count))::double, 0) as small_count_sum,
    from foreign_flows
    group by indicator, time_period

),

ranked as (

    select
        foreign_flows.indicator,
        foreign_flows.area,
        foreign_flows.time_period,
        foreign_flows.counterpart_area,
        foreign_flows.ref_area,
        foreign_flows.counterpart_meaning,
        foreign_flows.obs_value,
        row_number() over (
            partition by foreign_flows.indicator, foreign_flows.time_period
            order by foreign_flows.obs_value desc, foreign_flows.counterpart_area, foreign_flows.ref_area
        ) as corridor_rank,
        case
            when regional.foreign_value > 0
                and not foreign_flows.is_small_count
                and not ct_reveals_small_counts(regional.small_count_sum, settings.small_count_threshold)
                then foreign_flows.obs_value / regional.foreign_value
        end as share_of_foreign,
        foreign_flows.is_small_count,
        foreign_flows.value_display,
        foreign_flows.source,
    from foreign_flows
    inner join regional
        on regional.indicator = foreign_flows.indicator
        and regional.time_period = foreign_flows.time_period
    cross join settings
    where foreign_flows.obs_value >= regional.smallest_ranked_value

),

final as (

    select *
    from ranked
    where corridor_rank <= 20

)

select * from final
order by indicator, time_period, corridor_rank
