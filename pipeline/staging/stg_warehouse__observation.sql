-- grain: one row per current observation (ref_area × time_period × indicator × sex × age × counterpart_area ×
-- breakdown), as the warehouse view observation_current resolves it (latest accepted return outranks imports).
with

final as (

    select
        ref_area,
        time_period,
        indicator,
        sex,
        age,
        counterpart_area,
        breakdown,
        obs_value,
        -- an empty status is the return format's default (A, F)
        coalesce(nullif(obs_status, ''), 'A') as obs_status,
        coalesce(nullif(conf_status, ''), 'F') as conf_status,
        comment,
        source,
        submission_id,
        -- published only when free (F) and not withheld by the reporting state (Q)
        coalesce(nullif(conf_status, ''), 'F') = 'F' and coalesce(obs_status, '') <> 'Q' as is_public,
        -- M, L and O say the value is missing: such a row is never a zero
        obs_value is not null and coalesce(obs_status, '') not in ('M', 'L', 'O') as has_value,
    from observation_current

)

select * from final
