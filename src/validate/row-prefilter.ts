import { quoteLiteral } from '../store/index.js';
import { ACTION_CODES, MISSING_CODES, sqlList, type RuleContext } from './rule-context.js';

/**
 * Returns the SQL condition that keeps every row a row rule could report (and few others), evaluated in one pass over
 * the file: the rules then read only the rows it kept. Whether an indicator takes a breakdown is checked against
 * constant lists from the catalogue (hash look-ups, no join).
 */
export function prefilter(ctx: RuleContext): string {
  const dimension = dimensionConditions(ctx);
  // Each condition names the rows' columns once: a column of `p` is an expression over the raw text, computed again
  // wherever the condition names it (`p.time_period is null or p.time_period not between …` read each year twice).
  // The conditions may keep more rows than the rules report on (every B row, every negative zero): those are checked
  // and pass.
  return [
    'p.is_short',
    'p.ref_area is null',
    // a year that is not one (null), or out of bounds: the earlier of the two bounds, so that a --year of next year
    // (a template drawn up ahead) does not let its years pass
    `coalesce(p.time_period not between 1990 and ${Math.min(ctx.year ?? ctx.maxYear, ctx.maxYear)}, true)`,
    'p.indicator is null',
    'p.sex is null',
    'p.age is null',
    'p.counterpart_area is null',
    'p.breakdown is null',
    'p.obs_status is null',
    'p.conf_status is null',
    // no number, or a negative one (-0 too, which starts with a minus as -5 does): the sign bit, where trimming the
    // text to look for a minus cost 0.04 s per million rows
    'coalesce(signbit(p.obs_value), true)',
    `not list_contains(${sqlList(ACTION_CODES)}, upper(p.action_in))`,
    // every value with decimals (12.5, and 12.0 for VALUE_DECIMAL_ZEROS) holds a decimal separator
    'p.has_decimal_separator',
    `list_contains(${sqlList(MISSING_CODES)}, p.obs_status)`,
    // a break in series needs its COMMENT: every B row is kept (reading the comment cost more than checking the few)
    "p.obs_status = 'B'",
    ...(ctx.state === undefined ? [] : [`p.ref_area <> ${quoteLiteral(ctx.state)}`]),
    dimension.sex,
    dimension.age,
    dimension.counterpart,
    dimension.breakdown,
  ].join('\n    or ');
}

/**
 * SQL conditions on a row `p`: it has a SEX, AGE or COUNTERPART_AREA part where its indicator takes none, or a
 * BREAKDOWN code outside its indicator's list. Whether an indicator takes a breakdown is checked against constant
 * lists from the catalogue (no join).
 */
export function dimensionConditions(ctx: RuleContext): Record<'sex' | 'age' | 'counterpart' | 'breakdown', string> {
  // a list is compared value by value on every row it reaches: name the shorter side (one indicator takes AGE, 38 do
  // not: the long list cost 0.15 s per million rows). A null indicator is kept by its own condition. list_contains,
  // not IN: DuckDB plans an IN list of constants as a join (0.08 s more per million rows for these conditions).
  const lacks = (taking: readonly string[], notTaking: readonly string[]): string =>
    taking.length < notTaking.length ? `not list_contains(${sqlList(taking)}, p.indicator)` : `list_contains(${sqlList(notTaking)}, p.indicator)`;
  return {
    sex: `(p.sex <> '_T' and ${lacks(ctx.dimensions.withSex, ctx.dimensions.withoutSex)})`,
    age: `(p.age <> '_T' and ${lacks(ctx.dimensions.withAge, ctx.dimensions.withoutAge)})`,
    counterpart: `(p.counterpart_area <> '_T' and ${lacks(ctx.dimensions.withCounterpart, ctx.dimensions.withoutCounterpart)})`,
    // one CASE branch per code list: a list of every `INDICATOR|BREAKDOWN` pair cost a string built and looked up on
    // every row (0.28 s per million rows, against 0.06 s)
    breakdown: `(p.breakdown <> '_T' and not (case ${ctx.dimensions.breakdownLists
      .map(({ indicators, codes }) => `when list_contains(${sqlList(indicators)}, p.indicator) then list_contains(${sqlList(codes)}, p.breakdown)`).join(' ')} else false end))`,
  };
}
