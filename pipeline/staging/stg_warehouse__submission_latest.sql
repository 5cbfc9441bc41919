-- grain: one row per member-state return (ref_area × reporting_year): the latest file offered and its outcome.
with

final as (

    select
        ref_area,
        reporting_year as time_period,
        outcome as return_outcome,
        versions,
        first_received_at,
        received_at,
        accepted_submission_id,
        errors,
        warnings,
    from submission_latest

)

select * from final
