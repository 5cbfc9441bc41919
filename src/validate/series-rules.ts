import { SERIES_KEY_SQL as KEY, type Store } from '../store/index.js';
import type { Rule } from './rule-context.js';

/** Rows whose series key is complete and readable. */
const KEYED = `not p.is_short and p.ref_area is not null and p.time_period between 1990 and 9999
  and p.indicator is not null and p.sex is not null and p.age is not null and p.counterpart_area is not null and p.breakdown is not null`;

/**
 * The share of a file's rows (those with a REF_AREA) one state must report for a file of several states to be that
 * state's return: Romania's 243 rows with one mistyped `BGR` are Romania's return, with its rows of BGR flagged
 * (`REF_AREA_MIXED`); an export of several states, none so far ahead, is no one state's return.
 */
export const RETURN_STATE_SHARE = 0.9;

/**
 * Rules across rows of one series or indicator. `DUPLICATE_*` runs first and fills `<rows>_dup` (the lines that
 * repeat an earlier series), which the later rules leave out so a repeated row is not counted twice.
 */
export const SERIES_RULES: readonly Rule[] = [
  {
    code: 'DUPLICATE_SERIES',
    hasCodeColumn: true,
    gate: (ctx) => `exists (select 1 from ${ctx.rows}_dup)`,
    // an OBS_STATUS that is no code (its own UNKNOWN_CODE) is shown as written
    sql: (ctx) => `select line, 'OBS_VALUE' as "column", obs_value_in as value,
        case when is_same then format('expected each series once, found it again with the same value (first at line {})', first_line)
             when is_same_value then format('expected each series once, found it again with a different OBS_STATUS: {} here, {} at line {}',
               shown_status, first_shown_status, first_line)
             when is_same_status then format('expected each series once, found it again with a different value: {} here, {} at line {}', ct_q(obs_value_in), ct_q(first_value_in), first_line)
             else format('expected each series once, found it again with a different value and OBS_STATUS: {} ({}) here, {} ({}) at line {}',
               ct_q(obs_value_in), shown_status, ct_q(first_value_in), first_shown_status, first_line) end as message,
        case when is_same then 'delete the repeated row' when is_same_status then 'keep the row with the right value and delete the other'
             else 'keep the row with the right value and status and delete the other' end as hint,
        case when is_same then 'DUPLICATE_SERIES' else 'DUPLICATE_CONFLICT' end as code
      from (select *, coalesce(obs_status, ct_q(obs_status_in)) as shown_status, coalesce(first_status, ct_q(first_status_in)) as first_shown_status
        from ${ctx.rows}_dup)`,
  },
  {
    code: 'BREAKDOWN_SUM',
    // some total differs by more than 1 % from the sum of one of its breakdowns; a negative total is VALUE_NEGATIVE
    // alone (a percentage of it read "+-17300.0 %")
    gate: () => `exists (select 1 from p_groups as g where g.total >= 0 and (${['sex', 'age', 'counterpart_area', 'breakdown']
      .map((d) => `abs(g.${d}_sum - g.total) > 0.01 * g.total`).join(' or ')}))`,
    sql: () => `with parts as (
        select g.*, d.dim,
          case d.dim when 'SEX' then g.sex_sum when 'AGE' then g.age_sum when 'COUNTERPART_AREA' then g.counterpart_area_sum else g.breakdown_sum end as parts_sum,
          case d.dim when 'SEX' then g.sex_known when 'AGE' then g.age_known when 'COUNTERPART_AREA' then g.counterpart_area_known else g.breakdown_known end as known_parts
        from p_groups as g cross join (values ('SEX'), ('AGE'), ('COUNTERPART_AREA'), ('BREAKDOWN')) as d (dim)
        where g.total >= 0
      ),
      expected as (
        select c.codelist as dim, i.code as indicator, count(*) as codes from vref_indicator as i
          inner join vref_code as c on c.codelist in ('SEX', 'AGE') and c.code not in ('_T', '_U') group by all
        union all
        select 'BREAKDOWN', i.code, count(*) from vref_indicator as i
          inner join vref_code as c on c.codelist = i.breakdown_list and c.code not in ('_T', '_U') group by all
      ),
      warned as (
        select s.* from parts as s
        left join expected as e on e.dim = s.dim and e.indicator = s.indicator
        where s.parts_sum is not null and abs(s.parts_sum - s.total) > 0.01 * s.total
          and (s.parts_sum > s.total or (s.dim <> 'COUNTERPART_AREA' and s.known_parts >= e.codes))
      ),
      -- the part codes, for the message, of the few warned totals only
      named as (
        select w.ref_area, w.time_period, w.indicator, w.dim,
          string_agg(distinct case w.dim when 'SEX' then p.sex when 'AGE' then p.age when 'COUNTERPART_AREA' then p.counterpart_area else p.breakdown end, ' + '
            order by case w.dim when 'SEX' then p.sex when 'AGE' then p.age when 'COUNTERPART_AREA' then p.counterpart_area else p.breakdown end) as part_codes
        from warned as w inner join p on p.ref_area = w.ref_area and p.time_period = w.time_period and p.indicator = w.indicator
        where isfinite(p.obs_value) and ((w.dim = 'SEX' and p.sex <> '_T' and p.age = '_T' and p.counterpart_area = '_T' and p.breakdown = '_T')
          or (w.dim = 'AGE' and p.age <> '_T' and p.sex = '_T' and p.counterpart_area = '_T' and p.breakdown = '_T')
          or (w.dim = 'COUNTERPART_AREA' and p.counterpart_area not in ('_T', '_Z') and p.sex = '_T' and p.age = '_T' and p.breakdown = '_T')
          or (w.dim = 'BREAKDOWN' and p.breakdown <> '_T' and p.sex = '_T' and p.age = '_T' and p.counterpart_area = '_T'))
        group by all
      )
      select s.total_line as line, 'OBS_VALUE' as "column", ct_n(s.total) as value,
        -- a total of 0 has no percentage (it read "found 12 (+n/a %)")
        format('expected the {} parts ({}) to add up to the total {} within 1 %, found {}{}', s.dim, n.part_codes,
          ct_n(s.total), ct_n(s.parts_sum),
          if(s.total = 0, '', format(' ({}{} %)', if(s.parts_sum > s.total, '+', ''), round(100 * (s.parts_sum - s.total) / s.total, 1)::varchar))) as message,
        if(s.parts_sum > s.total, 'the parts exceed the total: check for double counting or a wrong total',
          'the parts fall short of the total: add the missing part (or _U unknown) or correct the total') as hint
      from warned as s
      left join named as n on n.ref_area = s.ref_area and n.time_period = s.time_period and n.indicator = s.indicator and n.dim = s.dim`,
  },
  {
    // stages compare within one chain of indicators sharing a code prefix (COR_SUS → COR_PRS → COR_CNV), never
    // across chains of the same area (ML_CNV is not a later stage of COR_PRS)
    code: 'STAGE_ORDER',
    sql: () => `with totals as (
        select g.total_line as line, g.ref_area, g.time_period, g.indicator, g.total as obs_value,
          split_part(g.indicator, '_', 1) as chain, i.stage_order
        from p_groups as g inner join vref_indicator as i on i.code = g.indicator
        where g.total is not null and i.stage_order between 2 and 4
      ),
      ordered as (
        select *, lag(obs_value) over w as earlier_value, lag(indicator) over w as earlier_indicator
        from totals window w as (partition by ref_area, time_period, chain order by stage_order)
      )
      select line, 'OBS_VALUE' as "column", ct_n(obs_value) as value,
        format('expected {} not to exceed {} ({} in {}), found {}', indicator, earlier_indicator, ct_n(earlier_value), time_period, ct_n(obs_value)) as message,
        'a later stage of the criminal-justice process is normally smaller; confirm the figures or explain in COMMENT' as hint
      from ordered where obs_value > earlier_value`,
  },
  {
    code: 'CHANGE_WITHOUT_COMMENT',
    // some group of the file (state, year, indicator) has its year before in the file or in the warehouse
    gate: (ctx) =>
      ctx.previous === undefined
        ? 'false'
        : `exists (select 1 from p_groups as g semi join p_groups as b on b.ref_area = g.ref_area and b.indicator = g.indicator and b.time_period = g.time_period - 1)
          or exists (select 1 from ${ctx.previous} as w semi join p_groups as g on g.ref_area = w.ref_area and g.indicator = w.indicator and g.time_period = w.time_period + 1
            where w.obs_value is not null)`,
    sql: (ctx) =>
      ctx.previous === undefined
        ? 'select null as line, null as "column", null as value, null as message, null as hint where false'
        : // rows meet their year before on the series as one 64-bit hash: a join on two integers instead of seven
          // columns of text (about 100 MB and 0.2 s less on a million rows). Two different series sharing a hash
          // (odds of about 1 in 10^7 for a million series) could only add one spurious warning.
          `with in_file as (
            select p.line, ${seriesHash('p')} as series_hash, p.time_period, p.obs_value, p.comment is null as is_uncommented
            from p where ${KEYED} and (p.obs_value >= 0 or (p.obs_value is null and p.obs_status in ('M', 'L', 'O', 'Q')))
          ),
          -- a series the file repeats counts once, at its first row (as DUPLICATE_SERIES says): the year before too,
          -- else a repeated row of last year gave each row of this year two warnings
          first_rows as materialized (select f.* from in_file as f anti join p_dup as d on d.line = f.line),
          current_rows as (
            select f.line, f.series_hash, f.time_period, f.obs_value from first_rows as f where f.is_uncommented and f.obs_value is not null
          ),
          in_warehouse as (
            select ${seriesHash('w')} as series_hash, w.time_period, w.obs_value from ${ctx.previous} as w
            where w.obs_value is not null and w.ref_area in (select distinct ref_area from p_groups)
          ),
          joined as (
            -- the file's own row for the year before is what will be in force, a missing value (M, L, O, Q) too
            select c.*, if(f.line is null, w.obs_value, f.obs_value) as previous_value
            from current_rows as c
            left join first_rows as f on f.series_hash = c.series_hash and f.time_period = c.time_period - 1
            left join in_warehouse as w on w.series_hash = c.series_hash and w.time_period = c.time_period - 1
          )
          select line, 'OBS_VALUE' as "column", ct_n(obs_value) as value,
            -- from zero no percentage says anything: 'a change from 0 in 2024 to 40'
            format('expected a COMMENT explaining a change {}from {} in {} to {}, found none',
              if(previous_value = 0, '', format('of {}{} % ', if(obs_value > previous_value, '+', ''), round(100 * (obs_value - previous_value) / previous_value)::bigint)),
              ct_n(previous_value), time_period - 1, ct_n(obs_value)) as message,
            'say in COMMENT why the figure changed (new law, campaign, recording change), or correct it' as hint
          from joined
          where previous_value is not null and abs(obs_value - previous_value) > ${ctx.changeWarning.units}
            and abs(obs_value - previous_value) > ${ctx.changeWarning.percent / 100} * previous_value`,
  },
  {
    // a file declared (--year) as a year's return must hold that year: one of revisions only is not that year's return
    code: 'YEAR_NOT_REPORTED',
    sql: (ctx) =>
      ctx.year === undefined
        ? 'select null as line, null as "column", null as value, null as message, null as hint where false'
        : `select null::integer as line, 'TIME_PERIOD' as "column", null as value,
            format('expected rows for the reporting year {} (--year), found only rows for {}', ${ctx.year},
              if(min(p.time_period) = max(p.time_period), min(p.time_period)::varchar, format('{}–{}', min(p.time_period), max(p.time_period)))) as message,
            'a return holds the figures of its reporting year: check --year, or send the file for that year' as hint
          from p where ${KEYED}
          having count(*) > 0 and count(*) filter (where p.time_period = ${ctx.year}) = 0`,
  },
  {
    code: 'REF_AREA_MIXED',
    gate: (ctx) => String(ctx.states.length > 1),
    sql: (ctx) =>
      ctx.state !== undefined || ctx.isMultiState
        ? 'select null as line, null as "column", null as value, null as message, null as hint where false'
        : // at the first row of another state than the file's (the state of RETURN_STATE_SHARE of its rows), or of the
          // second state when no state is so far ahead
          `with states as (select p.ref_area, min(p.line) as first_line, count(*) as n from p where p.ref_area is not null group by p.ref_area),
          main as (select ref_area, n, (select sum(n) from states) as total from states where n >= ${RETURN_STATE_SHARE} * (select sum(n) from states)),
          other as (select ref_area, first_line from states
            where if(exists (select 1 from main), ref_area not in (select ref_area from main), first_line > (select min(first_line) from states))
            order by first_line limit 1)
          select (select first_line from other) as line, 'REF_AREA' as "column", (select ref_area from other) as value,
            format('expected the rows of one state, found {} states: {}', count(*), string_agg(ref_area, ', ' order by first_line))
              || coalesce((select format('; taken as the return of {}, the state of {} of its {} rows', ref_area, n, total) from main),
                -- a small return with one mistyped REF_AREA (ROU's 7 rows and a BGR) is no one state's return either
                (select format('; none reports ${RETURN_STATE_SHARE * 100} % of its rows ({}: {} of {}), so the file is no one state''s return', ref_area, n, (select sum(n) from states))
                 from states order by n desc, first_line limit 1)) as message,
            coalesce((select 'a return holds one state: correct REF_AREA on the rows of other states, or send them in their own return (each state''s own return outranks them)' from main),
              'if the file is meant as one state''s return, correct REF_AREA on the rows of the others: as it is, ingest would take it as no one state''s return, whose rows each state''s own return outranks, and that state would still have no return') as hint
          from states having count(*) > 1`,
  },
];

/** SQL: the columns of row `a` as one 64-bit hash. */
const hashOf = (a: string, columns: readonly string[]): string => `hash(${columns.map((k) => `${a}.${k}`).join(', ')})`;
/** SQL: the whole series key of row `a`, year included, as one 64-bit hash. */
const seriesKeyHash = (a: string): string => hashOf(a, KEY.split(', '));
/** SQL: the group (state, year, indicator) of row `a` as one 64-bit hash. */
const groupHash = (a: string): string => hashOf(a, ['ref_area', 'time_period', 'indicator']);
/** SQL: the series of row `a` (every key column but the year) as one 64-bit hash. */
const seriesHash = (a: string): string => hashOf(a, KEY.split(', ').filter((k) => k !== 'time_period'));

/**
 * Returns the aggregation behind `<rows>_groups`: one row per state × year × indicator with its total (value and line)
 * and, per dimension, the sum and the number of known parts of its one-dimension breakdown. Each row's shape (which
 * dimensions are not `_T`) is computed once as an integer, so the filtered aggregates compare integers.
 */
function groupsSelect(from: string): string {
  const part = (name: string, shape: number, extra = ''): string =>
    `sum(obs_value) filter (where shape = ${shape}${extra}) as ${name}_sum, count(*) filter (where shape = ${shape}${extra} and not is_unknown) as ${name}_known`;
  return `with shaped as (
      select p.line, p.ref_area, p.time_period, p.indicator, p.obs_value, p.counterpart_area,
        if(isfinite(p.obs_value), (p.sex <> '_T')::integer * 8 + (p.age <> '_T')::integer * 4 + (p.counterpart_area <> '_T')::integer * 2
          + (p.breakdown <> '_T')::integer, -1) as shape,
        p.sex = '_U' or p.age = '_U' or p.counterpart_area = '_U' or p.breakdown = '_U' as is_unknown
      ${from}
    )
    select ref_area, time_period, indicator,
      min(line) filter (where shape = 0) as total_line, max(obs_value) filter (where shape = 0) as total,
      ${part('sex', 8)}, ${part('age', 4)}, ${part('counterpart_area', 2, " and counterpart_area <> '_Z'")}, ${part('breakdown', 1)}
    from shaped group by ref_area, time_period, indicator`;
}

/** SQL that fills `<rows>_groups` (see groupsSelect) in one pass over the rows, and the view `p_groups`. */
export function groupsSql(rows: string): string {
  return `create or replace temp table ${rows}_groups as ${groupsSelect(`from p where ${KEYED}`)};
    create or replace temp view p_groups as select * from ${rows}_groups`;
}

/**
 * Fills `<rows>_dup` with the lines repeating an earlier series, looking only at the groups holding a series key whose
 * 64-bit hash occurs more than once, then recomputes those groups without the repeats so that a repeated part is not
 * summed twice. A repeat always shares its hash; two different keys sharing one only make a group looked at for
 * nothing. (An exact count of distinct series per group, in the groups' aggregation, held a set per group: about 30 MB
 * more at the peak for a million rows, for about the same time.)
 *
 * The keys are counted with one DuckDB thread: their aggregation holds an entry for nearly every row, and each thread
 * builds its own table of them before they are merged, which made it validate's peak (a million rows: about 30 MB
 * more than with one thread, for no time measurably saved). The store's thread count is put back after it.
 */
export async function findDuplicates(store: Store, rows: string): Promise<void> {
  const [{ threads }] = await store.all<{ threads: number }>(`select current_setting('threads')::integer as threads`) as [{ threads: number }];
  if (threads > 1) await store.run('set threads = 1');
  try {
    // a repeat shares its group as well as its key: counted by both hashes, the groups come from <rows>_groups (small)
    // instead of a second pass over the rows
    await store.run(`create or replace temp table ${rows}_affected as
      with repeated as (
        select ${seriesKeyHash('p')} as key_hash, ${groupHash('p')} as group_hash from p where ${KEYED}
        group by key_hash, group_hash having count(*) > 1
      )
      select g.ref_area, g.time_period, g.indicator from ${rows}_groups as g where ${groupHash('g')} in (select group_hash from repeated)`);
  } finally {
    if (threads > 1) await store.run(`set threads = ${threads}`);
  }
  await store.run(duplicatesSql(rows));
}

/** SQL that fills `<rows>_dup` from the groups `<rows>_affected` holds (see findDuplicates). */
function duplicatesSql(rows: string): string {
  return `
    -- the rows of those groups, read from the file once for both the repeats and the recomputed groups; only the
    -- columns these need (p.* would compute every column of every row before the join keeps a few)
    create or replace temp table ${rows}_affected_rows as
      select p.line, p.obs_value, p.obs_value_in, p.obs_status, p.obs_status_in, ${KEY.split(', ').map((k) => `p.${k}`).join(', ')}
      from p semi join ${rows}_affected as a using (ref_area, time_period, indicator) where ${KEYED};
    create or replace temp table ${rows}_dup as
    with ranked as (
      select *, row_number() over w as occurrence, first_value(line) over w as first_line,
        first_value(obs_value) over w as first_value, first_value(obs_value_in) over w as first_value_in,
        first_value(obs_status) over w as first_status, first_value(obs_status_in) over w as first_status_in
      from ${rows}_affected_rows window w as (partition by ${KEY} order by line)
    ),
    compared as (
      select line, obs_value_in, obs_status, obs_status_in, first_line, first_value_in, first_status, first_status_in,
        if(obs_value is not null and first_value is not null, obs_value = first_value, obs_value_in is not distinct from first_value_in) as is_same_value,
        obs_status is not distinct from first_status as is_same_status
      from ranked where occurrence > 1
    )
    -- a repeat is the same only when value and status agree (10 A then 010 P conflict)
    select *, is_same_value and is_same_status as is_same from compared;
    create or replace temp view p_dup as select * from ${rows}_dup;
    delete from ${rows}_groups as g using ${rows}_affected as a
      where g.ref_area = a.ref_area and g.time_period = a.time_period and g.indicator = a.indicator;
    insert into ${rows}_groups ${groupsSelect(`from ${rows}_affected_rows as p anti join ${rows}_dup as d on d.line = p.line`)}`;
}
