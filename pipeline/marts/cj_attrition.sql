-- grain: one row per area × state × year with at least one criminal-justice stage published. An area's stages are
-- its indicators with a criminal-justice stage order (1 offences, 2 suspected, 3 prosecuted, 4 convicted) whose code
-- starts with the area code (COR_OFF … COR_CNV; ML_OFF and ML_CNV form no chain and are left out). A ratio is null,
-- and its *_reason says why, when either side is missing (no_count), when either side is a small count (small_count:
-- the project's one small-count rule, ct_is_small_count; publishing the ratio beside the other side would give the
-- "<5" count away), or when the denominator is 0 (zero_denominator). small_count_stages names the counts to publish
-- as "<5". Medians are over the members of the configured group (review_group) that have the ratio that year.
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

    select
        series.*,
        ct_is_small_count(series.unit, series.obs_value, settings.small_count_threshold) as is_small_count,
    from series
    cross join settings
    where series.is_public
        and series.stage_order between 1 and 4
        and starts_with(series.indicator, series.area || '_')

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
        coalesce(bool_or(is_small_count) filter (where stage_order = 1), false) as is_small_offences,
        coalesce(bool_or(is_small_count) filter (where stage_order = 2), false) as is_small_suspected,
        coalesce(bool_or(is_small_count) filter (where stage_order = 3), false) as is_small_prosecuted,
        coalesce(bool_or(is_small_count) filter (where stage_order = 4), false) as is_small_convicted,
    from stages
    group by area, ref_area, time_period

),

reasons as (

    select
        *,
        case
            when offences is null or suspected is null then 'no_count'
            when is_small_offences or is_small_suspected then 'small_count'
            when offences = 0 then 'zero_denominator'
        end as suspected_per_offence_reason,
        case
            when suspected is null or prosecuted is null then 'no_count'
            when is_small_suspected or is_small_prosecuted then 'small_count'
            when suspected = 0 then 'zero_denominator'
        end as prosecuted_per_suspected_reason,
        case
            when prosecuted is null or convicted is null then 'no_count'
            when is_small_prosecuted or is_small_convicted then 'small_count'
            when prosecuted = 0 then 'zero_denominator'
        end as convicted_per_prosecuted_reason,
    from pivoted

),

ratios as (

    select
        *,
        case when suspected_per_offence_reason is null then suspected / offences end as suspected_per_offence,
        case when prosecuted_per_suspected_reason is null then prosecuted / suspected end as prosecuted_per_suspected,
        case when convicted_per_prosecuted_reason is null then convicted / prosecuted end as convicted_per_prosecuted,
        [
            stage for stage in [
                case when is_small_offences then 'offences' end,
                case when is_small_suspected then 'suspected' end,
                case when is_small_prosecuted then 'prosecuted' end,
                case when is_small_convicted then 'convicted' end,
            ] if stage is not null
        ] as small_count_stages,
    from reasons

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
        ratios.small_count_stages,
        ratios.suspected_per_offence,
        ratios.prosecuted_per_suspected,
        ratios.convicted_per_prosecuted,
        ratios.suspected_per_offence_reason,
        ratios.prosecuted_per_suspected_reason,
        ratios.convicted_per_prosecuted_reason,
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
