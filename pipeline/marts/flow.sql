-- grain: one row per indicator × reporting state × year × counterpart (citizenship, country of origin or partner
-- state, as the catalogue's counterpart_meaning says; _U unknown) with a published value and the other dimensions
-- _T, for the indicators whose catalogue entry has COUNTERPART_AREA; _Z (not applicable) is no country and is left
-- out. share_of_reported is the row's share of all published counterpart rows of the state, year and indicator,
-- withheld (null) for a small count (share × the sum would give it away) and for every row of a state, year and
-- indicator whose small counts add up to less than the threshold (the sum, worked back from any share, less the
-- published rows would give them away: complementary suppression, as in regional_total);
-- source says where the value comes from (RETURN, or an import where the state's return has no such row).
-- A state's breakdown by counterpart is published for a year and indicator only when every row of it is free and not
-- withheld (CONF_STATUS F, OBS_STATUS not Q) and so is its total, as series_breakdown's shapes are: the total less the
-- rows shown gave a confidential row back (Georgia's 58 victims less 30 nationals and 20 Uzbeks: Armenia's C 8), and a
-- complete breakdown adds up to a confidential total (int_counterpart_breakdowns judges it; flow_share names the
-- breakdowns not published).
with

counterpart_rows as (

    -- pinned on the series key, pushed into the scan of observation_current
    select * from stg_warehouse__observation
    where sex = '_T' and age = '_T' and breakdown = '_T' and counterpart_area <> '_T'

),

disclosable as (

    -- the state, year and indicator whose counterpart rows are all public, and whose total (when there is one) is too
    select * from int_counterpart_breakdowns
    where is_disclosable

),

indicators as (

    select * from stg_reference__indicator

),

states as (

    select * from stg_reference__state

),

settings as (

    select * from stg_build__setting

),

published as (

    select
        counterpart_rows.indicator,
        indicators.area,
        indicators.unit,
        counterpart_rows.ref_area,
        counterpart_rows.time_period,
        counterpart_rows.counterpart_area,
        coalesce(indicators.counterpart_meaning, '') as counterpart_meaning,
        case
            when counterpart_rows.counterpart_area = counterpart_rows.ref_area then 'national'
            when counterpart_rows.counterpart_area = '_U' then 'unknown'
            else 'foreign'
        end as flow_type,
        coalesce(states.is_member, false) as is_counterpart_member,
        counterpart_rows.obs_value,
        counterpart_rows.obs_status,
        counterpart_rows.source,
    from counterpart_rows
    inner join disclosable
        on disclosable.indicator = counterpart_rows.indicator
        and disclosable.ref_area = counterpart_rows.ref_area
        and disclosable.time_period = counterpart_rows.time_period
    inner join indicators
        on indicators.indicator = counterpart_rows.indicator
        and list_contains(indicators.dimension_list, 'COUNTERPART_AREA')
    left join states on states.ref_area = counterpart_rows.counterpart_area
    where counterpart_rows.is_public and counterpart_rows.has_value and counterpart_rows.counterpart_area <> '_Z'

),

reported as (

    -- every published counterpart value of the state, year and indicator, the denominator of each row's share
    select
        published.indicator,
        published.ref_area,
        published.time_period,
        sum(published.obs_value::decimal(38, 6))::double as reported_value,
        coalesce(
            sum(published.obs_value::decimal(38, 6)) filter (
                where ct_is_small_count(published.unit, published.obs_value, settings.small_count_threshold)
            ),
            0
        )::double as small_count_sum,
    from published
    cross join settings
    group by published.indicator, published.ref_area, published.time_period

),

measured as (

    select
        published.*,
        reported.reported_value,
        reported.small_count_sum,
        ct_is_small_count(published.unit, published.obs_value, settings.small_count_threshold) as is_small_count,
        settings.small_count_threshold,
    from published
    inner join reported using (indicator, ref_area, time_period)
    cross join settings

),

final as (

    select
        indicator,
        area,
        ref_area,
        time_period,
        counterpart_area,
        counterpart_meaning,
        flow_type,
        is_counterpart_member,
        obs_value,
        obs_status,
        case
            when reported_value > 0
                and not is_small_count
                and not ct_reveals_small_counts(small_count_sum, small_count_threshold)
                then obs_value / reported_value
        end as share_of_reported,
        is_small_count,
        ct_value_display(obs_value, is_small_count, small_count_threshold) as value_display,
        source,
    from measured

)

select * from final
order by indicator, ref_area, time_period, counterpart_area
