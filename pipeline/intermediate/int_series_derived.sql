-- grain: one row per state × year × indicator × dimension (SEX, AGE or BREAKDOWN) along which the state reported a
-- complete breakdown (every code of the dimension's list but _T and _U present with a value, the other dimensions
-- _T): the sum of its parts. A reported unknown part (_U) is added in. COUNTERPART_AREA is never summed: a list of
-- countries cannot be known to be complete. A withheld part (Q, no value) of any code, the unknown (_U) included,
-- leaves the breakdown incomplete: the sum of the other parts would fall short of the total by what was withheld. Status: B
-- if any part is B, else E if any is E, else P if any is P. is_return_only: every part comes from the state's return.
with

observations as (

    select * from int_observations_narrowed

),

indicators as (

    select * from stg_reference__indicator

),

codes as (

    select * from stg_reference__code

),

parts as (

    select
        ref_area,
        time_period,
        indicator,
        case when sex <> '_T' then 'SEX' when age <> '_T' then 'AGE' else 'BREAKDOWN' end as derived_from,
        case when sex <> '_T' then sex when age <> '_T' then age else breakdown end as part_code,
        obs_value,
        obs_status,
        is_public,
        has_value,
        source,
    from observations
    -- valued parts and parts withheld without a value (Q), which block the sum
    where (has_value or obs_status = 'Q')
        and (sex <> '_T')::integer + (age <> '_T')::integer + (breakdown <> '_T')::integer = 1

),

valid_codes as (

    select
        indicators.indicator,
        dimensions.derived_from,
        codes.code as part_code,
        codes.code <> '_U' as is_required,
    from indicators
    cross join (values ('SEX'), ('AGE'), ('BREAKDOWN')) as dimensions (derived_from)
    inner join codes
        on codes.codelist = case dimensions.derived_from
            when 'BREAKDOWN' then indicators.breakdown_list
            else dimensions.derived_from
        end
    where list_contains(indicators.dimension_list, dimensions.derived_from)
        and codes.code <> '_T'

),

required_counts as (

    select
        indicator,
        derived_from,
        count(*) filter (where is_required) as codes_required,
    from valid_codes
    group by indicator, derived_from

),

part_sums as (

    select
        parts.ref_area,
        parts.time_period,
        parts.indicator,
        parts.derived_from,
        count(*) filter (where valid_codes.is_required and parts.has_value) as codes_present,
        bool_or(not parts.has_value) as has_withheld_part,
        sum(parts.obs_value::decimal(38, 6))::double as obs_value,
        case
            when bool_or(parts.obs_status = 'B') then 'B'
            when bool_or(parts.obs_status = 'E') then 'E'
            when bool_or(parts.obs_status = 'P') then 'P'
            else 'A'
        end as obs_status,
        bool_and(parts.is_public) as is_public,
        case
            when bool_or(parts.source = 'RETURN') then 'RETURN'
            when bool_or(parts.source = 'UNODC') then 'UNODC'
            else 'EUROSTAT'
        end as source,
        bool_and(parts.source = 'RETURN') as is_return_only,
    from parts
    inner join valid_codes
        on valid_codes.indicator = parts.indicator
        and valid_codes.derived_from = parts.derived_from
        and valid_codes.part_code = parts.part_code
    group by parts.ref_area, parts.time_period, parts.indicator, parts.derived_from

),

final as (

    select part_sums.*
    from part_sums
    inner join required_counts
        on required_counts.indicator = part_sums.indicator
        and required_counts.derived_from = part_sums.derived_from
    where part_sums.codes_present = required_counts.codes_required
        and not part_sums.has_withheld_part

)

select * from final
