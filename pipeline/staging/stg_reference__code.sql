-- grain: one row per code list × code (ref_code).
with

final as (

    select
        codelist,
        code,
        label,
    from ref_code

)

select * from final
