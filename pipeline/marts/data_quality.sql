-- grain: one row per member state × reporting year in which any state sent a return (a state that sent none that
-- year reads timeliness "missing"). Series counts are over the state's returns (source RETURN) for that year, where
-- it has an accepted return of its own for the year: totals reported or derived, whatever their confidentiality
-- (counted, never shown). A year without one (no file, or every file rejected) counts no series as reported: the
-- totals other returns give for it (a revision of that year in the state's next return, its rows in another state's
-- file) are series_from_other_returns, so that "missing" never reads "1 of 39 reported". Timeliness compares the first
-- file offered with the deadline (config deadline, month-day of the following year), when a version is in force; a
-- return whose every file was rejected is "rejected" (its first file's days_late kept), never on time or late, since
-- nothing of it was taken in.
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
        -- a year without an accepted return of its own counts what other years' returns give for it apart
        case when returns.accepted_submission_id is not null then coalesce(reported.series_reported, 0) else 0 end as series_reported,
        case when returns.accepted_submission_id is not null then coalesce(reported.series_provisional, 0) else 0 end as series_provisional,
        case when returns.accepted_submission_id is not null then coalesce(reported.series_estimated, 0) else 0 end as series_estimated,
        case when returns.accepted_submission_id is not null then coalesce(reported.series_confidential, 0) else 0 end as series_confidential,
        case when returns.accepted_submission_id is not null then coalesce(reported.series_break, 0) else 0 end as series_break,
        case when returns.accepted_submission_id is null then coalesce(reported.series_reported, 0) else 0 end as series_from_other_returns,
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
            when not coalesce(has_accepted_return, false) then 'rejected'
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
        series_from_other_returns,
        warnings_accepted,
    from joined

)

select * from final
order by ref_area, time_period
