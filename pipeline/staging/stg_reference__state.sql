-- grain: one row per state of the reference data (ref_state).
with

final as (

    select
        iso3 as ref_area,
        name_en as state_name,
        is_member,
    from ref_state

)

select * from final
