-- grain: one row per number of points n (2 to 10) × achievable Mann-Kendall S: the exact two-sided p-value
-- P(|S| >= |s|) for a series without ties under "no trend" (every ordering equally likely). S = n(n-1)/2 - 2k for a
-- permutation with k inversions; the number of permutations of n items with k inversions (Mahonian numbers) is built
-- by adding one item at a time: counts(n)[k] = sum over j = 0..n-1 of counts(n-1)[k - j].
with recursive

inversion_counts (n, permutations) as (

    select 1, [1::double]
    union all
    select
        n + 1,
        list_transform(
            range(0, len(permutations) + n),
            lambda k: list_sum(list_transform(
                range(0, n + 1),
                lambda j: case when k - j >= 0 and k - j < len(permutations) then permutations[k - j + 1] else 0 end
            ))
        ),
    from inversion_counts
    where n < 10

),

distribution as (

    select
        n,
        n * (n - 1) // 2 - 2 * unnest(range(0, len(permutations))) as mk_s,
        unnest(permutations) / list_sum(permutations) as probability,
    from inversion_counts
    where n >= 2

),

upper_tails as (

    select
        n,
        mk_s,
        sum(probability) over (partition by n order by mk_s desc) as probability_at_least,
    from distribution

),

final as (

    select
        distribution.n as n_points,
        distribution.mk_s::integer as mk_s,
        least(1.0, 2 * upper_tails.probability_at_least) as p_value,
    from distribution
    inner join upper_tails
        on upper_tails.n = distribution.n
        and upper_tails.mk_s = abs(distribution.mk_s)

)

select * from final
