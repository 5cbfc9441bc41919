-- grain: exactly one row: the configuration values the runner wrote to build_setting before this build.
with

final as (

    select
        trend_years,
        population_source,
        small_count_threshold,
        confidential_in_totals,
        confidential_min_states,
        confidential_dominance_p,
        deadline_month,
        deadline_day,
        review_group,
        stable_slope_pct,
        trend_alpha,
    from build_setting

)

select * from final
