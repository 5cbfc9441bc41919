-- grain: one row per state × year × indicator of the catalogue: the reported total (all dimensions _T)
-- or, when none was reported, the derived total of the first complete breakdown (SEX, then AGE, then BREAKDOWN).
-- Returns outrank imports here too: a total derived from a breakdown wholly from the state's return wins over an
-- import's reported total (the state's own figures; its breakdown stays consistent with its total). Every
-- confidentiality status is kept (regional totals and data quality need them); marts publish is_public rows only. A
-- reported total always wins over a derivation from the same source, so a confidential total is never replaced by a
-- public sum of its parts, and a total the state withheld (Q, usually without a value) blocks the derivation: its row
-- has obs_value null and is_public false (data quality counts it; a regional total treats the state as missing).
with

observations as (

    select * from int_observations_narrowed

),

derived as (

    select * from int_series_derived

),

indicators as (

    select * from stg_reference__indicator

),

reported as (

    select
        ref_area,
        time_period,
        indicator,
        obs_value,
        obs_status,
        is_public,
        source,
        comment,
        false as is_derived,
        null::varchar as derived_from,
        -- a return's total first; an import's after a derivation from the return's own parts
        case when source = 'RETURN' then 0 else 4 end as priority,
    from observations
    where sex = '_T' and age = '_T' and counterpart_area = '_T' and breakdown = '_T'

),

derived_candidates as (

    select
        ref_area,
        time_period,
        indicator,
        obs_value,
        obs_status,
        is_public,
        source,
        null::varchar as comment,
        true as is_derived,
        derived_from,
        case derived_from when 'SEX' then 1 when 'AGE' then 2 else 3 end
            + case when is_return_only then 0 else 4 end as priority,
    from derived

),

candidates as (

    select * from reported
    union all by name
    select * from derived_candidates

),

chosen as (

    select *
    from candidates
    qualify row_number() over (partition by ref_area, time_period, indicator order by priority) = 1

),

final as (

    select
        chosen.ref_area,
        chosen.time_period,
        chosen.indicator,
        indicators.area,
        indicators.unit,
        indicators.stage,
        indicators.stage_order,
        chosen.obs_value,
        chosen.obs_status,
        chosen.is_public,
        chosen.is_derived,
        chosen.derived_from,
        chosen.source,
        chosen.comment,
    from chosen
    inner join indicators on indicators.indicator = chosen.indicator

)

select * from final
