-- grain: one row per area × state × year with at least one criminal-justice stage published. An area's stages are
-- its indicators with a criminal-justice stage order (1 offences, 2 suspected, 3 prosecuted, 4 convicted) whose code
-- starts with the area code (COR_OFF … COR_CNV; ML_OFF and ML_CNV form no chain and are left out). A ratio is null
-- when either side is missing or the denominator is 0; medians are over the members of the configured group
-- (review_group) that have the ratio that year.
with

series as (

    select * from int_series_resolved

),

groups as (

    select * from stg_reference__state_group

),

settings as (

    select * from stg_build__setting

),

stages as (

    select *
    from series
    where is_public
        and stage_order between 1 and 4
        and starts_with(indicator, area || '_')

),

pivoted as (

    select
        area,
        ref_area,
        time_period,
        max(obs_value) filter (where stage_order = 1) as offences,
        max(obs_value) filter (where stage_order = 2) as suspected,
        max(obs_value) filter (where stage_order = 3) as prosecuted,
        max(obs_value) filter (where stage_order = 4) as convicted,
    from stages
    group by area, ref_area, time_period

),

ratios as (

    select
        *,
        case when offences > 0 then suspected / offences end as suspected_per_offence,
        case when suspected > 0 then prosecuted / suspected end as prosecuted_per_suspected,
        case when prosecuted > 0 then convicted / prosecuted end as convicted_per_prosecuted,
    from pivoted

),

medians as (

    select
        ratios.area,
        ratios.time_period,
        median(ratios.suspected_per_offence) as median_suspected_per_offence,
        median(ratios.prosecuted_per_suspected) as median_prosecuted_per_suspected,
        median(ratios.convicted_per_prosecuted) as median_convicted_per_prosecuted,
    from ratios
    cross join settings
    inner join groups
        on groups.ref_area = ratios.ref_area
        and groups.group_code = settings.review_group
    group by ratios.area, ratios.time_period

),

final as (

    select
        ratios.area,
        ratios.ref_area,
        ratios.time_period,
        ratios.offences,
        ratios.suspected,
        ratios.prosecuted,
        ratios.convicted,
        ratios.suspected_per_offence,
        ratios.prosecuted_per_suspected,
        ratios.convicted_per_prosecuted,
        settings.review_group as median_group,
        medians.median_suspected_per_offence,
        medians.median_prosecuted_per_suspected,
        medians.median_convicted_per_prosecuted,
    from ratios
    cross join settings
    left join medians
        on medians.area = ratios.area
        and medians.time_period = ratios.time_period

)

select * from final
order by area, ref_area, time_period
