-- grain: one row per current observation with a value, or withheld by the state (OBS_STATUS Q, usually without a
-- value: has_value false, is_public false, kept so that it still blocks a derived total and the publication of a
-- breakdown), counterpart _T, that is a total (all dimensions _T), a part of a one-dimension breakdown by SEX, AGE or
-- BREAKDOWN (the other dimensions _T), or a SEX × AGE part (BREAKDOWN _T). Counterpart rows are read by the flow
-- mart itself; other cross-classifications feed no mart.
with

uncrossed as (

    -- a plain comparison on the series key, pushed into the scan of observation_current
    select * from stg_warehouse__observation
    where counterpart_area = '_T'

),

final as (

    select *
    from uncrossed
    where (has_value or obs_status = 'Q')
        and (breakdown = '_T' or (sex = '_T' and age = '_T'))

)

select * from final
