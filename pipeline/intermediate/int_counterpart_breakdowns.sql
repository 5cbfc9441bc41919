-- grain: one row per indicator × reporting state × year with a counterpart breakdown (rows whose COUNTERPART_AREA is
-- not _T, the other dimensions _T), of any confidentiality status, for the indicators whose catalogue entry has
-- COUNTERPART_AREA. is_disclosable: every row of the breakdown is free and not withheld (CONF_STATUS F, OBS_STATUS
-- not Q), and so is its total when there is one, as series_breakdown's shapes are: the total less the rows shown gave
-- a confidential row back, and a complete breakdown adds up to a confidential total. The flow mart publishes only a
-- disclosable breakdown; flow_share names the others (is_confidential), so that a state's flows never vanish unsaid.
with

series_rows as (

    -- pinned on the series key, pushed into the scan of observation_current: the counterpart rows and the total
    select
        indicator,
        ref_area,
        time_period,
        counterpart_area,
        is_public,
    from stg_warehouse__observation
    where sex = '_T' and age = '_T' and breakdown = '_T'

),

indicators as (

    select * from stg_reference__indicator
    where list_contains(dimension_list, 'COUNTERPART_AREA')

),

breakdowns as (

    select
        indicator,
        ref_area,
        time_period,
        bool_and(is_public) filter (where counterpart_area <> '_T')
            and coalesce(bool_and(is_public) filter (where counterpart_area = '_T'), true) as is_disclosable,
    from series_rows
    group by indicator, ref_area, time_period
    having count(*) filter (where counterpart_area <> '_T') > 0

),

final as (

    select breakdowns.*
    from breakdowns
    semi join indicators on indicators.indicator = breakdowns.indicator

)

select * from final
