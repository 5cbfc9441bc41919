-- grain: one row per member-state return (ref_area × reporting_year): the latest file offered and its outcome, and
-- the validation warnings of the accepted version in force (an earlier file when the latest was rejected).
with

latest as (

    select * from submission_latest

),

submissions as (

    select * from submission

),

final as (

    select
        latest.ref_area,
        latest.reporting_year as time_period,
        latest.outcome as return_outcome,
        latest.versions,
        latest.first_received_at,
        latest.received_at,
        latest.accepted_submission_id,
        latest.errors,
        latest.warnings,
        accepted.warnings as accepted_warnings,
    from latest
    left join submissions as accepted on accepted.submission_id = latest.accepted_submission_id

)

select * from final
