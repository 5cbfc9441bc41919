-- grain: one row per current observation with a value that is broken down along at most one dimension: the
-- totals (all four dimensions _T), the counterpart rows and the parts of a one-dimension breakdown by SEX, AGE or
-- BREAKDOWN. Deeper cross-classifications (sex × citizenship × form, …) feed no mart and are dropped here, once.
-- Each import CTE pins the series key with plain comparisons, which DuckDB pushes below the window that resolves
-- observation_current, so only the rows used are ever ranked.
with

totals_and_counterparts as (

    select * from stg_warehouse__observation
    where sex = '_T' and age = '_T' and breakdown = '_T'

),

breakdown_parts as (

    select * from stg_warehouse__observation
    where sex = '_T' and age = '_T' and counterpart_area = '_T' and breakdown <> '_T'

),

sex_parts as (

    select * from stg_warehouse__observation
    where age = '_T' and counterpart_area = '_T' and breakdown = '_T' and sex <> '_T'

),

age_parts as (

    select * from stg_warehouse__observation
    where sex = '_T' and counterpart_area = '_T' and breakdown = '_T' and age <> '_T'

),

unioned as (

    select * from totals_and_counterparts
    union all
    select * from breakdown_parts
    union all
    select * from sex_parts
    union all
    select * from age_parts

),

final as (

    select *
    from unioned
    where has_value

)

select * from final
