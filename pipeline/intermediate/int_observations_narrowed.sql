-- grain: one row per current observation with a value that is a total (all four dimensions _T) or a part of a
-- one-dimension breakdown by SEX, AGE or BREAKDOWN (the other dimensions _T). Counterpart rows are read by the flow
-- mart itself; deeper cross-classifications (sex × citizenship × form, …) feed no mart.
with

uncrossed as (

    -- a plain comparison on the series key, which DuckDB pushes below the window that resolves
    -- observation_current: only these rows are ever ranked
    select * from stg_warehouse__observation
    where counterpart_area = '_T'

),

final as (

    select *
    from uncrossed
    where has_value
        and (sex <> '_T')::integer + (age <> '_T')::integer + (breakdown <> '_T')::integer <= 1

)

select * from final
