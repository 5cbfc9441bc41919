-- grain: one row per scope × subject × indicator × end year with at least one point: Theil-Sen slope (median of the
-- pairwise slopes), slope as % of the window mean per year, Mann-Kendall S and its two-sided p-value, and the
-- direction. p-value: exact for n <= 10 without ties (int_mann_kendall_exact); otherwise the normal approximation
-- z = (S - sign S) / sqrt(var S), var S = (n(n-1)(2n+5) - sum over tied groups t(t-1)(2t+5)) / 18, with the normal
-- tail from Abramowitz & Stegun 26.2.17 (error < 7.5e-8). Direction: insufficient_data below 4 points; rising or
-- falling when |slope| >= stable_slope_pct % of the mean per year and p <= trend_alpha; stable otherwise.
-- small_count_sum adds up the window's small counts (published as "<5"), which its mean could give back.
with

points as (

    select * from int_trend_points

),

exact as (

    select * from int_mann_kendall_exact

),

settings as (

    select * from stg_build__setting

),

indicators as (

    select * from stg_reference__indicator

),

point_summaries as (

    select
        points.scope,
        points.subject,
        points.indicator,
        points.end_year,
        count(*) as n_points,
        avg(points.obs_value::decimal(38, 6))::double as mean_value,
        coalesce(
            sum(points.obs_value::decimal(38, 6)) filter (
                where ct_is_small_count(indicators.unit, points.obs_value, settings.small_count_threshold)
            ),
            0
        )::double as small_count_sum,
    from points
    inner join indicators on indicators.indicator = points.indicator
    cross join settings
    group by points.scope, points.subject, points.indicator, points.end_year

),

pairs as (

    select
        earlier.scope,
        earlier.subject,
        earlier.indicator,
        earlier.end_year,
        (later.obs_value - earlier.obs_value) / (later.time_period - earlier.time_period) as pair_slope,
        sign(later.obs_value - earlier.obs_value) as pair_sign,
    from points as earlier
    inner join points as later
        on later.scope = earlier.scope
        and later.subject = earlier.subject
        and later.indicator = earlier.indicator
        and later.end_year = earlier.end_year
        and later.time_period > earlier.time_period

),

pair_summaries as (

    select
        scope,
        subject,
        indicator,
        end_year,
        median(pair_slope) as slope,
        sum(pair_sign)::integer as mk_s,
    from pairs
    group by scope, subject, indicator, end_year

),

tie_groups as (

    select
        scope,
        subject,
        indicator,
        end_year,
        count(*) as tied,
    from points
    group by scope, subject, indicator, end_year, obs_value
    having count(*) > 1

),

tie_summaries as (

    select
        scope,
        subject,
        indicator,
        end_year,
        sum(tied * (tied - 1) * (2 * tied + 5)) as tie_term,
    from tie_groups
    group by scope, subject, indicator, end_year

),

combined as (

    select
        point_summaries.*,
        pair_summaries.slope,
        pair_summaries.mk_s,
        coalesce(tie_summaries.tie_term, 0) as tie_term,
        (n_points * (n_points - 1) * (2 * n_points + 5) - coalesce(tie_summaries.tie_term, 0)) / 18.0 as mk_variance,
    from point_summaries
    left join pair_summaries using (scope, subject, indicator, end_year)
    left join tie_summaries using (scope, subject, indicator, end_year)

),

normal_scores as (

    select
        *,
        case when mk_variance > 0 then abs(mk_s - sign(mk_s)) / sqrt(mk_variance) else 0 end as mk_abs_z,
    from combined

),

p_values as (

    select
        normal_scores.*,
        exact.p_value as exact_p_value,
        -- z = 0 (S of 0 or ±1, a constant series) is p = 1 exactly: the tail formula gives 0.9999999990 there
        case when mk_abs_z = 0 then 1.0 else least(1.0, 2 * exp(-mk_abs_z * mk_abs_z / 2) / sqrt(2 * pi()) * (
            (1 / (1 + 0.2316419 * mk_abs_z)) * (0.319381530
            + (1 / (1 + 0.2316419 * mk_abs_z)) * (-0.356563782
            + (1 / (1 + 0.2316419 * mk_abs_z)) * (1.781477937
            + (1 / (1 + 0.2316419 * mk_abs_z)) * (-1.821255978
            + (1 / (1 + 0.2316419 * mk_abs_z)) * 1.330274429))))
        )) end as normal_p_value,
    from normal_scores
    left join exact
        on exact.n_points = normal_scores.n_points
        and exact.mk_s = normal_scores.mk_s
        and normal_scores.tie_term = 0

),

measured as (

    select
        scope,
        subject,
        indicator,
        end_year,
        n_points,
        mean_value,
        small_count_sum,
        slope,
        case when mean_value > 0 then 100 * slope / mean_value end as slope_pct_per_year,
        mk_s,
        case when n_points >= 2 then coalesce(exact_p_value, normal_p_value) end as mk_p_value,
        case when n_points < 2 then null when exact_p_value is not null then 'exact' else 'normal' end as mk_method,
    from p_values

),

final as (

    select
        measured.*,
        ct_trend_direction(
            measured.n_points, measured.slope, measured.slope_pct_per_year, measured.mk_p_value,
            settings.stable_slope_pct, settings.trend_alpha
        ) as direction,
    from measured
    cross join settings

)

select * from final
