-- grain: one row per group × year × indicator, for every year from the first to the last in the data and every
-- indicator some member of the group ever reported. A member without a total that year is missing, never a zero:
-- obs_value sums the reporting states only and coverage says how many of the members that is ("reported by 9 of
-- 13"). A total that includes a CONF_STATUS C/N or OBS_STATUS Q value is suppressed (obs_value null) or, with
-- confidentialInTotals "flag", published with has_confidential. Complementary suppression: a total that includes
-- small counts (published as "<5") is withheld too when those small counts add up to less than the threshold, since
-- the total less the members' published figures would be that sum exactly (BSEC 15 = ALB "<5" + ARM 12 gives ALB
-- away as 3); 3 + 4 = 7 reaches a threshold of 5 and is published. A total that is itself a small count is shown as
-- "<5" and gives nothing away. suppression_reason says why obs_value is withheld.
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
        list(ref_area order by ref_area) as member_states,
    from groups
    group by group_code

),

years as (

    select years.time_period
    from (select min(time_period) as first_year, max(time_period) as last_year from contributions) as bounds,
        range(bounds.first_year, bounds.last_year + 1) as years (time_period)

),

spine as (

    select
        group_indicators.group_code,
        years.time_period,
        group_indicators.indicator,
    from (select distinct group_code, indicator from contributions) as group_indicators
    cross join years

),

sums as (

    select
        group_code,
        time_period,
        indicator,
        count(*) as states_reporting,
        list(ref_area order by ref_area) as reporting_states,
        sum(obs_value::decimal(38, 6))::double as obs_value,
        bool_or(not contributions.is_public) as has_confidential,
        bool_or(obs_status in ('P', 'E')) as has_provisional_or_estimated,
        bool_or(obs_status = 'B') as has_break,
        -- the members' published small counts: what the total less the published figures would give away
        coalesce(
            sum(obs_value::decimal(38, 6)) filter (
                where contributions.is_public and ct_is_small_count(contributions.unit, obs_value, settings.small_count_threshold)
            ),
            0
        )::double as small_count_sum,
    from contributions
    cross join settings
    group by group_code, time_period, indicator

),

joined as (

    select
        spine.group_code,
        spine.time_period,
        spine.indicator,
        indicators.area,
        indicators.unit,
        memberships.members,
        coalesce(sums.states_reporting, 0) as states_reporting,
        coalesce(sums.states_reporting, 0) / memberships.members as coverage,
        coalesce(sums.reporting_states, []::varchar[]) as reporting_states,
        list_filter(
            memberships.member_states,
            lambda member: not list_contains(coalesce(sums.reporting_states, []::varchar[]), member)
        ) as missing_states,
        sums.obs_value as summed_value,
        coalesce(sums.has_confidential, false) as has_confidential,
        coalesce(sums.has_confidential, false) and settings.confidential_in_totals = 'suppress' as is_confidential_suppressed,
        coalesce(sums.small_count_sum, 0) as small_count_sum,
        coalesce(sums.has_provisional_or_estimated, false) as has_provisional_or_estimated,
        coalesce(sums.has_break, false) as has_break,
        settings.small_count_threshold,
    from spine
    cross join settings
    inner join memberships on memberships.group_code = spine.group_code
    inner join indicators on indicators.indicator = spine.indicator
    left join sums
        on sums.group_code = spine.group_code
        and sums.time_period = spine.time_period
        and sums.indicator = spine.indicator

),

residuals as (

    select
        *,
        -- the withheld values of a total must together reach the threshold (0 turns the rule off: no small counts)
        ct_reveals_small_counts(small_count_sum, small_count_threshold)
            and not coalesce(ct_is_small_count(unit, summed_value, small_count_threshold), false)
            as has_small_count_residual,
    from joined

),

disclosed as (

    select
        *,
        case
            when is_confidential_suppressed then 'confidential'
            when has_small_count_residual then 'small_count_residual'
        end as suppression_reason,
        is_confidential_suppressed or has_small_count_residual as is_suppressed,
        case when not (is_confidential_suppressed or has_small_count_residual) then summed_value end as obs_value,
    from residuals

),

flagged as (

    select
        *,
        coalesce(ct_is_small_count(unit, obs_value, small_count_threshold), false) as is_small_count,
    from disclosed

),

final as (

    select
        group_code,
        time_period,
        indicator,
        area,
        unit,
        members,
        states_reporting,
        coverage,
        reporting_states,
        missing_states,
        obs_value,
        has_confidential,
        is_suppressed,
        suppression_reason,
        has_provisional_or_estimated,
        has_break,
        is_small_count,
        ct_value_display(obs_value, is_small_count, small_count_threshold) as value_display,
    from flagged

)

select * from final
order by group_code, time_period, indicator
