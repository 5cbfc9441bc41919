-- grain: one row per group × year × indicator, for every indicator some member of the group ever reported and every
-- year from the first in which one did to the last year in the data (years before any member reported it, such as a
-- download's early years of another indicator, are no rows; a later year without returns is a row with coverage 0). A member without a total that year is missing, never a zero:
-- obs_value sums the reporting states only and coverage says how many of the members that is ("reported by 9 of
-- 13"). A total that includes a CONF_STATUS C/N or OBS_STATUS Q value is suppressed (obs_value null) or, with
-- confidentialInTotals "flag", published with has_confidential and confidential_states (how many members' values in
-- it are confidential) only where it holds the confidential values of three states or more and no combination of
-- totals leaves fewer alone (the minimum-frequency rule: a cell built from confidential contributions needs at least
-- three contributors). A total whose confidential part is one or two states' is withheld even then
-- (confidential_few_states): every other member's figure is published, so the total less them is that one state's
-- value (WB6 26 = ALB's C 26 alone; BSEC 184 - GEO 58 - TUR 100 = 26) or the sum of two, from which each of the two
-- states, knowing its own, learns the other's (BSEC 215 - 58 - 100 = 57 = ALB 26 + ROU 31). A combination of the
-- year's flagged totals whose coefficients leave the confidential values of one or two states alone (SEECP - WB6 =
-- GRC's C beside figures shown; BSEC - SEECP = GEO - XKX) is broken as the small counts' are (confidential_linked).
-- "Three" is confidentialMinStates. And by the p % rule of dominance (p confidentialDominanceP, 10), a total whose
-- confidential values besides the two largest come to less than p % of the largest is withheld (confidential_dominant:
-- 1000, 40, 30, as 30 < 100; the second-largest would estimate the largest within p %), and so is a combination of
-- flagged totals that leaves such values (confidential_linked).
-- Complementary suppression: a total that includes
-- small counts (published as "<5") is withheld too when those small counts add up to less than the threshold, since
-- the total less the members' published figures would be that sum exactly (BSEC 15 = ALB "<5" + ARM 12 gives ALB
-- away as 3); 3 + 4 = 7 reaches a threshold of 5 and is published. A total that is itself a small count is shown as
-- "<5" and gives nothing away. The groups overlap (WB6 within SEECP, BSEC and SEECP sharing members), so totals are
-- also checked together: every combination of a year's published totals with coefficients -1, 0 and +1 (SEECP - WB6,
-- BSEC - SEECP, ...) weighs each member's small count by the sum of the coefficients of its groups; when the small
-- counts it leaves all carry the same coefficient and add up to less than the threshold, the combination less the
-- published figures gives their sum away (SEECP - WB6 = BGR "<5" beside figures shown), and a set of totals that
-- breaks every such combination is withheld (suppression_reason small_count_residual_linked): the set that keeps the
-- review group's total (every combination holds two totals or more, so it never has to go), then the fewest totals,
-- then the fewest member states. Withholding only removes combinations, so what stays published has no such
-- combination. suppression_reason says why obs_value is withheld.
with

contributions as (

    select * from int_regional_contributions

),

series as (

    select * from int_series_resolved

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
    from (select group_code, indicator, min(time_period) as first_year from contributions group by all) as group_indicators
    inner join years on years.time_period >= group_indicators.first_year

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
        count(*) filter (where not contributions.is_public) as confidential_states,
        list(obs_value) filter (where not contributions.is_public) as confidential_values,
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
        coalesce(sums.confidential_states, 0) as confidential_states,
        coalesce(sums.has_confidential, false) and settings.confidential_in_totals = 'suppress' as is_confidential_suppressed,
        -- "flag": the total less the other members' published figures is the confidential value of one state, or the
        -- sum of two, each of which knows its own: fewer than confidentialMinStates (3) contributors, withheld
        coalesce(sums.confidential_states, 0) between 1 and settings.confidential_min_states - 1
            and settings.confidential_in_totals = 'flag' as is_few_confidential,
        -- "flag", the p % rule: one confidential value dwarfs the rest, so the second-largest contributor could
        -- estimate it within p % from the total less the figures shown (1000, 40, 30: 30 < 10 % of 1000), withheld
        coalesce(ct_is_dominated(sums.confidential_values, settings.confidential_dominance_p), false)
            and settings.confidential_in_totals = 'flag' as is_confidential_dominant,
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
            when is_few_confidential then 'confidential_few_states'
            when is_confidential_dominant then 'confidential_dominant'
            when has_small_count_residual then 'small_count_residual'
        end as suppression_reason,
        is_confidential_suppressed or is_few_confidential or is_confidential_dominant or has_small_count_residual as is_suppressed,
        case
            when not (is_confidential_suppressed or is_few_confidential or is_confidential_dominant or has_small_count_residual)
                then summed_value
        end as obs_value,
    from residuals

),

-- Linked totals. Each group gets a bit; a combination is a vector of coefficients -1, 0, +1 over the groups, read
-- from the digits of a number in base 3. A vector and its negation reveal the same, so only vectors whose first
-- non-zero coefficient is +1 are kept (13 for 3 groups).
group_bits as (

    select
        group_code,
        members,
        (row_number() over (order by group_code) - 1)::integer as group_index,
    from memberships

),

combination_coefficients as (

    select
        combination.combination_id,
        group_bits.group_code,
        group_bits.group_index,
        (combination.combination_id // pow(3, group_bits.group_index)::bigint) % 3 - 1 as coefficient,
    from (select count(*) as group_count from group_bits) as bounds
    cross join range(1, pow(3, bounds.group_count)::bigint) as combination (combination_id)
    cross join group_bits

),

combinations as (

    select
        combination_id,
        bit_or(1::bigint << group_index) filter (where coefficient <> 0) as support_mask,
    from combination_coefficients
    group by combination_id
    having arg_min(coefficient, group_index) filter (where coefficient <> 0) = 1

),

-- the groups each state belongs to, as a mask: states in the same groups weigh the same in every combination
state_signatures as (

    select
        groups.ref_area,
        bit_or(1::bigint << group_bits.group_index) as signature,
    from groups
    inner join group_bits on group_bits.group_code = groups.group_code
    group by groups.ref_area

),

-- the weight of a set of groups' members in a combination: the sum of the coefficients of those groups
combination_signatures as (

    select
        combination_coefficients.combination_id,
        signatures.signature,
        sum(combination_coefficients.coefficient) as coefficient,
    from combinations
    cross join (select distinct signature from state_signatures) as signatures
    inner join combination_coefficients
        on combination_coefficients.combination_id = combinations.combination_id
        and signatures.signature & (1::bigint << combination_coefficients.group_index) <> 0
    group by combination_coefficients.combination_id, signatures.signature

),

-- the year's totals a reader could combine: published exactly and holding small counts (a total without any changes
-- no small count's coefficient, and one shown as "<5" is no exact figure); only years with two or more matter, since
-- each alone passed the rule above
linkable as (

    select
        disclosed.time_period,
        disclosed.indicator,
        bit_or(1::bigint << group_bits.group_index) as linkable_mask,
    from disclosed
    inner join group_bits on group_bits.group_code = disclosed.group_code
    where disclosed.obs_value is not null
        and disclosed.small_count_sum > 0
        and not coalesce(ct_is_small_count(disclosed.unit, disclosed.obs_value, disclosed.small_count_threshold), false)
    group by disclosed.time_period, disclosed.indicator
    having count(*) >= 2

),

-- the members' published small counts of the year, added up per set of groups
small_counts as (

    select
        series.time_period,
        series.indicator,
        state_signatures.signature,
        sum(series.obs_value) as small_count_sum,
    from series
    cross join settings
    inner join state_signatures on state_signatures.ref_area = series.ref_area
    semi join linkable
        on linkable.time_period = series.time_period
        and linkable.indicator = series.indicator
    where series.is_public
        and ct_is_small_count(series.unit, series.obs_value, settings.small_count_threshold)
    group by series.time_period, series.indicator, state_signatures.signature

),

-- what each combination of the year's linkable totals leaves of the small counts, less the figures shown
combination_residuals as (

    select
        linkable.time_period,
        linkable.indicator,
        linkable.linkable_mask,
        combinations.support_mask,
        count(*) filter (where combination_signatures.coefficient <> 0) as small_counts_left,
        min(combination_signatures.coefficient) filter (where combination_signatures.coefficient <> 0)
            = max(combination_signatures.coefficient) filter (where combination_signatures.coefficient <> 0) as is_plain_sum,
        sum(small_counts.small_count_sum) filter (where combination_signatures.coefficient <> 0) as small_count_sum,
    from linkable
    inner join combinations on combinations.support_mask & ~linkable.linkable_mask = 0
    inner join small_counts
        on small_counts.time_period = linkable.time_period
        and small_counts.indicator = linkable.indicator
    inner join combination_signatures
        on combination_signatures.combination_id = combinations.combination_id
        and combination_signatures.signature = small_counts.signature
    group by linkable.time_period, linkable.indicator, linkable.linkable_mask, combinations.combination_id, combinations.support_mask

),

revealing as (

    select
        combination_residuals.*,
    from combination_residuals
    cross join settings
    where combination_residuals.small_counts_left > 0
        and combination_residuals.is_plain_sum
        and ct_reveals_small_counts(combination_residuals.small_count_sum, settings.small_count_threshold)

),

-- "flag": the year's totals published exactly with confidential values in them (confidentialMinStates states' or more,
-- none dominant: the others are withheld above); only years with two or more such totals matter
confidential_linkable as (

    select
        disclosed.time_period,
        disclosed.indicator,
        bit_or(1::bigint << group_bits.group_index) as linkable_mask,
    from disclosed
    inner join group_bits on group_bits.group_code = disclosed.group_code
    where disclosed.obs_value is not null
        and disclosed.confidential_states > 0
        and not coalesce(ct_is_small_count(disclosed.unit, disclosed.obs_value, disclosed.small_count_threshold), false)
    group by disclosed.time_period, disclosed.indicator
    having count(*) >= 2

),

-- the states whose value of the year is confidential, counted per set of groups
confidential_counts as (

    select
        series.time_period,
        series.indicator,
        state_signatures.signature,
        count(*) as confidential_count,
        list(series.obs_value) as confidential_values,
    from series
    inner join state_signatures on state_signatures.ref_area = series.ref_area
    semi join confidential_linkable
        on confidential_linkable.time_period = series.time_period
        and confidential_linkable.indicator = series.indicator
    where not series.is_public
        and series.obs_value is not null
    group by series.time_period, series.indicator, state_signatures.signature

),

-- a combination of flagged totals that leaves the confidential values of one or two states alone (coefficient not 0;
-- fewer than confidentialMinStates) gives one state's value back, less the figures shown and whatever small counts it
-- leaves, or a sum or difference of two, from which each of the two, knowing its own, learns the other's; one that
-- leaves a value dwarfing the others it leaves (the p % rule, as for a single total, each value weighed by its
-- coefficient: BSEC + SEECP holds a member of both twice) lets the second-largest estimate it
confidential_revealing as (

    select
        confidential_linkable.time_period,
        confidential_linkable.indicator,
        confidential_linkable.linkable_mask,
        combinations.support_mask,
    from confidential_linkable
    cross join settings
    inner join combinations on combinations.support_mask & ~confidential_linkable.linkable_mask = 0
    inner join confidential_counts
        on confidential_counts.time_period = confidential_linkable.time_period
        and confidential_counts.indicator = confidential_linkable.indicator
    inner join combination_signatures
        on combination_signatures.combination_id = combinations.combination_id
        and combination_signatures.signature = confidential_counts.signature
    group by confidential_linkable.time_period, confidential_linkable.indicator, confidential_linkable.linkable_mask,
        combinations.combination_id, combinations.support_mask, settings.confidential_min_states, settings.confidential_dominance_p
    having sum(confidential_counts.confidential_count) filter (where combination_signatures.coefficient <> 0)
            between 1 and settings.confidential_min_states - 1
        or ct_is_dominated(
            -- each value as the combination holds it: a state in two of its totals taken +1 counts twice
            flatten(
                list(list_transform(confidential_counts.confidential_values, lambda v: v * abs(combination_signatures.coefficient)))
                    filter (where combination_signatures.coefficient <> 0)
            ),
            settings.confidential_dominance_p
        )

),

revealing_all as (

    select time_period, indicator, linkable_mask, support_mask, false as is_confidential from revealing
    union all
    select time_period, indicator, linkable_mask, support_mask, true as is_confidential from confidential_revealing

),

-- the totals a set withheld may take: those published exactly that some combination of the year could use
cell_masks as (

    select
        time_period,
        indicator,
        bit_or(linkable_mask) as cell_mask,
    from revealing_all
    group by time_period, indicator

),

-- every set of groups, as a mask, ranked by what withholding its totals costs: the review group's total first kept,
-- then the fewest totals and the fewest member states withheld
group_sets as (

    select
        mask.withheld_mask,
        row_number() over (
            order by
                bool_or(group_bits.group_code = settings.review_group),
                count(*),
                sum(group_bits.members),
                list(group_bits.group_code order by group_bits.group_code)
        ) as preference,
    from (select count(*) as group_count from group_bits) as bounds
    cross join range(1, 1::bigint << bounds.group_count) as mask (withheld_mask)
    inner join group_bits on mask.withheld_mask & (1::bigint << group_bits.group_index) <> 0
    cross join settings
    group by mask.withheld_mask

),

-- the sets of the year's linkable totals that hold a total of every revealing combination (of small counts or of a
-- confidential value): withholding one breaks them all
hitting_sets as (

    select
        revealing_all.time_period,
        revealing_all.indicator,
        group_sets.withheld_mask,
        group_sets.preference,
    from revealing_all
    inner join cell_masks
        on cell_masks.time_period = revealing_all.time_period
        and cell_masks.indicator = revealing_all.indicator
    inner join group_sets on group_sets.withheld_mask & ~cell_masks.cell_mask = 0
    group by revealing_all.time_period, revealing_all.indicator, group_sets.withheld_mask, group_sets.preference
    having bool_and(revealing_all.support_mask & group_sets.withheld_mask <> 0)

),

linked_withholdings as (

    select
        time_period,
        indicator,
        arg_min(withheld_mask, preference) as withheld_mask,
    from hitting_sets
    group by time_period, indicator

),

linked_withheld as (

    select
        linked_withholdings.time_period,
        linked_withholdings.indicator,
        group_bits.group_code,
        -- withheld to break a combination that would give a confidential value back (else only small counts)
        coalesce(bool_or(revealing_all.is_confidential), false) as is_confidential,
    from linked_withholdings
    inner join group_bits on linked_withholdings.withheld_mask & (1::bigint << group_bits.group_index) <> 0
    left join revealing_all
        on revealing_all.time_period = linked_withholdings.time_period
        and revealing_all.indicator = linked_withholdings.indicator
        and revealing_all.is_confidential
        and revealing_all.support_mask & (1::bigint << group_bits.group_index) <> 0
    group by linked_withholdings.time_period, linked_withholdings.indicator, group_bits.group_code

),

linked as (

    select
        disclosed.* replace (
            coalesce(
                disclosed.suppression_reason,
                case
                    when linked_withheld.is_confidential then 'confidential_linked'
                    when linked_withheld.group_code is not null then 'small_count_residual_linked'
                end
            ) as suppression_reason,
            disclosed.is_suppressed or linked_withheld.group_code is not null as is_suppressed,
            case when linked_withheld.group_code is null then disclosed.obs_value end as obs_value
        ),
    from disclosed
    left join linked_withheld
        on linked_withheld.group_code = disclosed.group_code
        and linked_withheld.time_period = disclosed.time_period
        and linked_withheld.indicator = disclosed.indicator

),

flagged as (

    select
        *,
        coalesce(ct_is_small_count(unit, obs_value, small_count_threshold), false) as is_small_count,
    from linked

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
        confidential_states,
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
