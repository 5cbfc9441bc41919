-- grain: one row per current observation with a value, counterpart _T, that is a total (all dimensions _T), a part
-- of a one-dimension breakdown by SEX, AGE or BREAKDOWN (the other dimensions _T), or a SEX × AGE part (BREAKDOWN
-- _T). Counterpart rows are read by the flow mart itself; other cross-classifications feed no mart.
with

uncrossed as (

    -- a plain comparison on the series key, pushed into the scan of observation_current
    select * from stg_warehouse__observation
    where counterpart_area = '_T'

),

final as (

    select *
    from uncrossed
    where has_value
        and (breakdown = '_T' or (sex = '_T' and age = '_T'))

)

select * from final
