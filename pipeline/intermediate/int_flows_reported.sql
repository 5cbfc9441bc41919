-- grain: one row per indicator × reporting state × year × counterpart (an ISO3 code or _U unknown) with a published
-- value and the other dimensions _T, for the indicators whose catalogue entry has COUNTERPART_AREA. _Z (not
-- applicable) is no country and is left out.
with

observations as (

    select * from int_observations_narrowed

),

indicators as (

    select * from stg_reference__indicator

),

states as (

    select * from stg_reference__state

),

counterpart_rows as (

    select *
    from observations
    where is_public
        and sex = '_T' and age = '_T' and breakdown = '_T'
        and counterpart_area not in ('_T', '_Z')

),

final as (

    select
        counterpart_rows.indicator,
        indicators.area,
        indicators.unit,
        counterpart_rows.ref_area,
        counterpart_rows.time_period,
        counterpart_rows.counterpart_area,
        coalesce(indicators.counterpart_meaning, '') as counterpart_meaning,
        case
            when counterpart_rows.counterpart_area = counterpart_rows.ref_area then 'national'
            when counterpart_rows.counterpart_area = '_U' then 'unknown'
            else 'foreign'
        end as flow_type,
        coalesce(states.is_member, false) as is_counterpart_member,
        counterpart_rows.obs_value,
        counterpart_rows.obs_status,
    from counterpart_rows
    inner join indicators
        on indicators.indicator = counterpart_rows.indicator
        and list_contains(indicators.dimension_list, 'COUNTERPART_AREA')
    left join states on states.ref_area = counterpart_rows.counterpart_area

)

select * from final
