-- grain: one row per population figure loaded from a download (ref_area × year × submission); World Bank
-- SP.POP.TOTL. Population reported in returns (indicator POP) stays in observation and comes through
-- stg_warehouse__observation.
with

final as (

    select
        ref_area,
        year as time_period,
        persons,
        source as population_source,
        submission_id,
    from population

)

select * from final
