-- grain: one row per member state × reporting year in which any state sent a return (a state that sent none that
-- year reads timeliness "missing"). Series counts are over the state's own return (source RETURN) for that year:
-- totals reported or derived, whatever their confidentiality (counted, never shown). Timeliness compares the first
-- file offered with the deadline (config deadline, month-day of the following year).
with

returns as (

    select * from stg_warehouse__submission_latest

),

states as (

    select * from stg_reference__state

),

series as (

    select * from int_series_resolved

),

indicators as (

    select * from stg_reference__indicator

),

settings as (

    select * from stg_build__setting

),

spine as (

    select
        states.ref_area,
        years.time_period,
    from states
    cross join (select distinct time_period from returns) as years
    where states.is_member

),

catalogue as (

    select count(*) as series_expected
    from indicators

),

reported as (

    select
        ref_area,
        time_period,
        count(*) as series_reported,
        count(*) filter (where obs_status = 'P') as series_provisional,
        count(*) filter (where obs_status = 'E') as series_estimated,
        count(*) filter (where not is_public) as series_confidential,
        count(*) filter (where obs_status = 'B') as series_break,
    from series
    where source = 'RETURN'
    group by ref_area, time_period

),

joined as (

    select
        spine.ref_area,
        spine.time_period,
        returns.accepted_submission_id is not null as has_accepted_return,
        returns.return_outcome,
        coalesce(returns.versions, 0) as versions,
        returns.first_received_at,
        (make_date(spine.time_period + 1, settings.deadline_month, 1) + (settings.deadline_day - 1))::date as deadline,
        returns.return_outcome is null as is_missing,
        returns.accepted_warnings as warnings_accepted,
        catalogue.series_expected,
        coalesce(reported.series_reported, 0) as series_reported,
        coalesce(reported.series_provisional, 0) as series_provisional,
        coalesce(reported.series_estimated, 0) as series_estimated,
        coalesce(reported.series_confidential, 0) as series_confidential,
        coalesce(reported.series_break, 0) as series_break,
    from spine
    cross join settings
    cross join catalogue
    left join returns
        on returns.ref_area = spine.ref_area
        and returns.time_period = spine.time_period
    left join reported
        on reported.ref_area = spine.ref_area
        and reported.time_period = spine.time_period

),

final as (

    select
        ref_area,
        time_period,
        coalesce(has_accepted_return, false) as has_accepted_return,
        return_outcome,
        versions,
        strftime(first_received_at, '%Y-%m-%dT%H:%M:%SZ') as first_received_at,
        strftime(deadline, '%Y-%m-%d') as deadline_date,
        date_diff('day', deadline, first_received_at::date) as days_late,
        case
            when is_missing then 'missing'
            when first_received_at::date > deadline then 'late'
            else 'on_time'
        end as timeliness,
        series_expected,
        series_reported,
        series_reported / series_expected as share_reported,
        case when series_reported > 0 then series_provisional / series_reported end as share_provisional,
        case when series_reported > 0 then series_estimated / series_reported end as share_estimated,
        series_confidential,
        series_break,
        warnings_accepted,
    from joined

)

select * from final
order by ref_area, time_period
