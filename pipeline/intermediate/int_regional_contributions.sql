-- grain: one row per group × year × indicator × member state with a total value (any confidentiality status): what
-- each member contributes to a regional total. A total withheld without a value (Q) contributes nothing: the state
-- is missing from the sum, never a zero.
with

series as (

    select * from int_series_resolved

),

groups as (

    select * from stg_reference__state_group

),

final as (

    select
        groups.group_code,
        series.*,
    from series
    inner join groups on groups.ref_area = series.ref_area
    where series.obs_value is not null

)

select * from final
