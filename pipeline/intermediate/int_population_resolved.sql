-- grain: one row per state × year with a population: the configured source (populationSource) where it has the
-- year, else the other one. World Bank: the latest import (highest submission) of the year. Returns: the published
-- POP total of the state (whatever source observation_current resolved it to).
with

population as (

    select * from stg_warehouse__population

),

series as (

    select * from int_series_resolved

),

settings as (

    select * from stg_build__setting

),

downloaded as (

    select
        ref_area,
        time_period,
        population_source,
        arg_max(persons, submission_id) as persons,
    from population
    where persons > 0
    group by ref_area, time_period, population_source

),

reported as (

    select
        ref_area,
        time_period,
        source as population_source,
        obs_value as persons,
    from series
    where indicator = 'POP' and is_public and obs_value > 0

),

candidates as (

    select * from downloaded
    union all by name
    select * from reported

),

ranked as (

    select
        candidates.*,
        row_number() over (
            partition by candidates.ref_area, candidates.time_period
            order by
                case
                    when (candidates.population_source = 'WORLDBANK') = (settings.population_source = 'WORLDBANK') then 0
                    else 1
                end,
                candidates.population_source
        ) as preference,
    from candidates
    cross join settings

),

final as (

    select
        ref_area,
        time_period,
        persons,
        population_source,
    from ranked
    where preference = 1

)

select * from final
