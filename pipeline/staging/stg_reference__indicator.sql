-- grain: one row per indicator of the catalogue (ref_indicator); the dimension list split into a list.
with

final as (

    select
        code as indicator,
        area,
        unit,
        stage,
        stage_order,
        string_split(dimensions, ' ') as dimension_list,
        breakdown_list,
        counterpart_meaning,
        is_headline,
    from ref_indicator

)

select * from final
