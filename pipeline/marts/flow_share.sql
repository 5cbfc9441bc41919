-- grain: one row per indicator × reporting state × year with a counterpart breakdown, published or not (below): how
-- much of it is national (the reporting state itself), foreign or unknown (_U). Shares are of the reported counterpart
-- rows; total_value is the published series total, to compare against when the breakdown is partial, null when it is a
-- small count (ct_is_small_count): this mart carries no flag or display text for it, so it is withheld as the small
-- sums are (a total of 4 beside a withheld national 4 gave it back). Complementary suppression: a sum whose small
-- counts ("<5" rows of flow) add up to less than the threshold is withheld (null), since it less the published rows
-- would give them away (a single small national row is such a sum), and so is a share whose part or whole is withheld.
-- A state's breakdown that is not published (a row of it, or its total, confidential or withheld: CONF_STATUS C or N,
-- OBS_STATUS Q; see int_counterpart_breakdowns) has a row too, is_confidential true and every value null, so that a
-- reader learns it was sent and not published, rather than taking the state for one that sent none.
with

flows as (

    select * from flow

),

series as (

    select * from int_series_resolved

),

breakdowns as (

    select * from int_counterpart_breakdowns

),

indicators as (

    select * from stg_reference__indicator

),

settings as (

    select * from stg_build__setting

),

sums as (

    select
        indicator,
        area,
        ref_area,
        time_period,
        coalesce((sum(obs_value::decimal(38, 6)) filter (where flow_type = 'national'))::double, 0) as national_value,
        coalesce((sum(obs_value::decimal(38, 6)) filter (where flow_type = 'foreign'))::double, 0) as foreign_value,
        coalesce((sum(obs_value::decimal(38, 6)) filter (where flow_type = 'unknown'))::double, 0) as unknown_value,
        sum(obs_value::decimal(38, 6))::double as reported_value,
        coalesce((sum(obs_value::decimal(38, 6)) filter (where is_small_count and flow_type = 'national'))::double, 0) as national_small_sum,
        coalesce((sum(obs_value::decimal(38, 6)) filter (where is_small_count and flow_type = 'foreign'))::double, 0) as foreign_small_sum,
        coalesce((sum(obs_value::decimal(38, 6)) filter (where is_small_count and flow_type = 'unknown'))::double, 0) as unknown_small_sum,
        coalesce((sum(obs_value::decimal(38, 6)) filter (where is_small_count))::double, 0) as reported_small_sum,
        count(*) filter (where flow_type = 'foreign') as foreign_countries,
    from flows
    group by indicator, area, ref_area, time_period

),

disclosed as (

    -- a sum is published unless its small counts could be worked back from it (they add up to less than the threshold)
    select
        sums.indicator,
        sums.area,
        sums.ref_area,
        sums.time_period,
        case when not ct_reveals_small_counts(sums.national_small_sum, settings.small_count_threshold) then sums.national_value end as national_value,
        case when not ct_reveals_small_counts(sums.foreign_small_sum, settings.small_count_threshold) then sums.foreign_value end as foreign_value,
        case when not ct_reveals_small_counts(sums.unknown_small_sum, settings.small_count_threshold) then sums.unknown_value end as unknown_value,
        case when not ct_reveals_small_counts(sums.reported_small_sum, settings.small_count_threshold) then sums.reported_value end as reported_value,
        sums.foreign_countries,
    from sums
    cross join settings

),

published as (

    select
        disclosed.indicator,
        disclosed.area,
        disclosed.ref_area,
        disclosed.time_period,
        disclosed.national_value,
        disclosed.foreign_value,
        disclosed.unknown_value,
        disclosed.reported_value,
        case
            when series.is_public
                and not coalesce(ct_is_small_count(series.unit, series.obs_value, settings.small_count_threshold), false)
                then series.obs_value
        end as total_value,
        case when disclosed.reported_value > 0 then disclosed.national_value / disclosed.reported_value end as national_share,
        case when disclosed.reported_value > 0 then disclosed.foreign_value / disclosed.reported_value end as foreign_share,
        case when disclosed.reported_value > 0 then disclosed.unknown_value / disclosed.reported_value end as unknown_share,
        disclosed.foreign_countries,
        false as is_confidential,
    from disclosed
    cross join settings
    left join series
        on series.ref_area = disclosed.ref_area
        and series.time_period = disclosed.time_period
        and series.indicator = disclosed.indicator

),

confidential as (

    -- the breakdowns not published: named, with nothing of them
    select
        breakdowns.indicator,
        indicators.area,
        breakdowns.ref_area,
        breakdowns.time_period,
        null::double as national_value,
        null::double as foreign_value,
        null::double as unknown_value,
        null::double as reported_value,
        null::double as total_value,
        null::double as national_share,
        null::double as foreign_share,
        null::double as unknown_share,
        null::bigint as foreign_countries,
        true as is_confidential,
    from breakdowns
    inner join indicators on indicators.indicator = breakdowns.indicator
    where not breakdowns.is_disclosable

),

final as (

    select * from published
    union all
    select * from confidential

)

select * from final
order by indicator, ref_area, time_period
