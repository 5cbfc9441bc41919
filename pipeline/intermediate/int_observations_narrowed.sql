-- grain: one row per current observation with a value that is broken down along at most one dimension: the
-- totals (all four dimensions _T), the parts of a one-dimension breakdown and the counterpart rows. Deeper
-- cross-classifications (sex × citizenship × form, …) feed no mart, so they are dropped here, once; the filter is on
-- the series key, which DuckDB pushes below the window that resolves current values.
with

observations as (

    select * from stg_warehouse__observation

),

final as (

    select *
    from observations
    where (sex <> '_T')::integer + (age <> '_T')::integer
            + (counterpart_area <> '_T')::integer + (breakdown <> '_T')::integer <= 1
        and has_value

)

select * from final
