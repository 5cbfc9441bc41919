-- grain: one row per group × year × indicator with at least one like-for-like member: a member with a total in both
-- the year and the year before, and no break (B) in the year. The change is computed over these states only (listed
-- in lfl_states), so a state that starts or stops reporting never shows up as growth or decline. A state whose
-- published value in either year is a small count (ct_is_small_count) is left out of the comparison, so that no
-- change is computed from a figure published as "<5". A change whose sums include a confidential (C, N) or withheld (Q)
-- value is withheld (is_suppressed) with either confidentialInTotals: its sums run over other states than the year's
-- totals (a state reporting one year only, a break, a small count), so a flagged sum beside the regional totals would
-- give a single state's confidential value back as their difference (the total less the like-for-like sum is the
-- states outside it).
with

contributions as (

    select * from int_regional_contributions

),

groups as (

    select * from stg_reference__state_group

),

indicators as (

    select * from stg_reference__indicator

),

settings as (

    select * from stg_build__setting

),

memberships as (

    select
        group_code,
        count(*) as members,
    from groups
    group by group_code

),

paired as (

    select
        current_year.group_code,
        current_year.time_period,
        previous_year.time_period as previous_period,
        current_year.indicator,
        current_year.ref_area,
        previous_year.obs_value as previous_value,
        current_year.obs_value,
        not (current_year.is_public and previous_year.is_public) as has_confidential,
    from contributions as current_year
    inner join contributions as previous_year
        on previous_year.group_code = current_year.group_code
        and previous_year.ref_area = current_year.ref_area
        and previous_year.indicator = current_year.indicator
        and previous_year.time_period = current_year.time_period - 1
    cross join settings
    where current_year.obs_status <> 'B'
        -- a published small count ("<5") in either year keeps the state out: the change (and the index chained from
        -- it) would otherwise give the count away beside the other states' published figures
        and not (current_year.is_public and ct_is_small_count(current_year.unit, current_year.obs_value, settings.small_count_threshold))
        and not (previous_year.is_public and ct_is_small_count(previous_year.unit, previous_year.obs_value, settings.small_count_threshold))

),

sums as (

    select
        group_code,
        time_period,
        previous_period,
        indicator,
        list(ref_area order by ref_area) as lfl_states,
        count(*) as lfl_state_count,
        sum(previous_value::decimal(38, 6))::double as previous_value,
        sum(obs_value::decimal(38, 6))::double as obs_value,
        bool_or(has_confidential) as has_confidential,
    from paired
    group by group_code, time_period, previous_period, indicator

),

disclosed as (

    select
        sums.*,
        sums.has_confidential as is_suppressed,
    from sums

),

final as (

    select
        disclosed.group_code,
        disclosed.time_period,
        disclosed.previous_period,
        disclosed.indicator,
        indicators.area,
        memberships.members,
        disclosed.lfl_states,
        disclosed.lfl_state_count,
        case when not disclosed.is_suppressed then disclosed.previous_value end as previous_value,
        case when not disclosed.is_suppressed then disclosed.obs_value end as obs_value,
        case when not disclosed.is_suppressed then disclosed.obs_value - disclosed.previous_value end as change_abs,
        case
            when not disclosed.is_suppressed and disclosed.previous_value > 0
                then 100 * (disclosed.obs_value - disclosed.previous_value) / disclosed.previous_value
        end as change_pct,
        disclosed.has_confidential,
        disclosed.is_suppressed,
    from disclosed
    inner join memberships on memberships.group_code = disclosed.group_code
    inner join indicators on indicators.indicator = disclosed.indicator

)

select * from final
order by group_code, time_period, indicator
