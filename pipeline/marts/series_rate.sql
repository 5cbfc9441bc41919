-- grain: one row per state × year × count indicator (unit NR, not a context indicator such as POP) with a published
-- total and a population: the rate per 100,000 population and which population it used (populationSource wins
-- where both the World Bank and the return give one).
with

totals as (

    select * from series_total

),

population as (

    select * from int_population_resolved

),

indicators as (

    select * from stg_reference__indicator

),

counts as (

    select totals.*
    from totals
    inner join indicators on indicators.indicator = totals.indicator
    where totals.unit = 'NR' and indicators.stage <> 'CONTEXT'

),

final as (

    select
        counts.ref_area,
        counts.time_period,
        counts.indicator,
        counts.area,
        counts.obs_value,
        counts.obs_status,
        counts.is_derived,
        population.persons as population,
        population.population_source,
        counts.obs_value / population.persons * 100000 as rate_per_100k,
        counts.is_small_count,
    from counts
    inner join population
        on population.ref_area = counts.ref_area
        and population.time_period = counts.time_period

)

select * from final
order by ref_area, time_period, indicator
