-- grain: one row per population figure of an accepted download (ref_area × year × submission); World Bank
-- SP.POP.TOTL; superseded downloads are left out by the warehouse view population_current. Population reported in returns (indicator POP) stays in observation and comes through
-- stg_warehouse__observation.
with

final as (

    select
        ref_area,
        year as time_period,
        persons,
        source as population_source,
        submission_id,
    from population_current

)

select * from final
