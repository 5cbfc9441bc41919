-- grain: one row per state × year × indicator × sex × age × breakdown for a published part (counterpart _T, not the
-- all-_T total) of one of four shapes: by BREAKDOWN code, by SEX, by AGE, or by SEX × AGE (BREAKDOWN _T). A shape is
-- published for a state, year and indicator only when every part of it is free and not withheld and the reported
-- total is too: otherwise a confidential value could be recovered from the others by subtraction. source says where
-- each part comes from (RETURN, or an import where the state's return has no such part), as observation_current does.
with

observations as (

    select * from int_observations_narrowed

),

indicators as (

    select * from stg_reference__indicator

),

settings as (

    select * from stg_build__setting

),

totals as (

    select
        ref_area,
        time_period,
        indicator,
        is_public,
    from observations
    where sex = '_T' and age = '_T' and breakdown = '_T'

),

parts as (

    select
        *,
        case
            when breakdown <> '_T' then 'BREAKDOWN'
            when sex <> '_T' and age <> '_T' then 'SEX_AGE'
            when sex <> '_T' then 'SEX'
            else 'AGE'
        end as shape,
    from observations
    where not (sex = '_T' and age = '_T' and breakdown = '_T')

),

shapes as (

    -- a shape is disclosable when every part of it is public, and so is its total (when there is one)
    select
        parts.ref_area,
        parts.time_period,
        parts.indicator,
        parts.shape,
        bool_and(parts.is_public) and coalesce(any_value(totals.is_public), true) as is_disclosable,
    from parts
    left join totals
        on totals.ref_area = parts.ref_area
        and totals.time_period = parts.time_period
        and totals.indicator = parts.indicator
    group by parts.ref_area, parts.time_period, parts.indicator, parts.shape

),

disclosable as (

    select
        parts.*,
        shapes.is_disclosable,
    from parts
    inner join shapes
        on shapes.ref_area = parts.ref_area
        and shapes.time_period = parts.time_period
        and shapes.indicator = parts.indicator
        and shapes.shape = parts.shape

),

flagged as (

    select
        disclosable.*,
        indicators.area,
        indicators.unit,
        ct_is_small_count(indicators.unit, disclosable.obs_value, settings.small_count_threshold) as is_small_count,
        settings.small_count_threshold,
    from disclosable
    cross join settings
    inner join indicators on indicators.indicator = disclosable.indicator
    where disclosable.is_disclosable

),

final as (

    select
        ref_area,
        time_period,
        indicator,
        area,
        unit,
        sex,
        age,
        breakdown,
        obs_value,
        obs_status,
        is_small_count,
        ct_value_display(obs_value, is_small_count, small_count_threshold) as value_display,
        source,
    from flagged

)

select * from final
order by ref_area, time_period, indicator, sex, age, breakdown
