-- grain: one row per group × member state (ref_state_group).
with

final as (

    select
        group_code,
        iso3 as ref_area,
    from ref_state_group

)

select * from final
