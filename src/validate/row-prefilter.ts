import { quoteLiteral } from '../store/index.js';
import { ACTIONS, MISSING, type RuleContext } from './rule-context.js';

/**
 * Returns the SQL condition that keeps every row a row rule could report (and few others), evaluated in one pass over
 * the file: the rules then read only the rows it kept. Whether an indicator takes a breakdown is checked against
 * constant lists from the catalogue (hash look-ups, no join).
 */
export function prefilter(ctx: RuleContext): string {
  const dimension = dimensionConditions(ctx);
  return [
    'p.is_short',
    'p.ref_area is null',
    'p.time_period is null',
    // the earlier of the two bounds: a --year of next year (a template drawn up ahead) must not let its years pass
    `p.time_period not between 1990 and ${Math.min(ctx.year ?? ctx.maxYear, ctx.maxYear)}`,
    'p.indicator is null',
    'p.sex is null',
    'p.age is null',
    'p.counterpart_area is null',
    'p.breakdown is null',
    'p.obs_status is null',
    'p.conf_status is null',
    'p.obs_value is null',
    "starts_with(p.obs_value_in, '-')",
    `upper(p.action_in) not in ${ACTIONS}`,
    // every value with decimals (12.5, and 12.0 for VALUE_DECIMAL_ZEROS) holds a decimal separator
    'p.has_decimal_separator',
    `p.obs_status in ${MISSING}`,
    "(p.obs_status = 'B' and p.comment is null)",
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
  const list = (codes: readonly string[]): string => `(${codes.length === 0 ? "''" : codes.map(quoteLiteral).join(', ')})`;
  // an IN list is compared value by value on every row it reaches: name the shorter side (one indicator takes AGE,
  // 38 do not: the long list cost 0.15 s per million rows). A null indicator is kept by its own condition.
  const lacks = (taking: readonly string[], notTaking: readonly string[]): string =>
    taking.length < notTaking.length ? `p.indicator not in ${list(taking)}` : `p.indicator in ${list(notTaking)}`;
  return {
    sex: `(p.sex <> '_T' and ${lacks(ctx.dimensions.withSex, ctx.dimensions.withoutSex)})`,
    age: `(p.age <> '_T' and ${lacks(ctx.dimensions.withAge, ctx.dimensions.withoutAge)})`,
    counterpart: `(p.counterpart_area <> '_T' and ${lacks(ctx.dimensions.withCounterpart, ctx.dimensions.withoutCounterpart)})`,
    // one CASE branch per code list: a list of every `INDICATOR|BREAKDOWN` pair cost a string built and looked up on
    // every row (0.28 s per million rows, against 0.06 s)
    breakdown: `(p.breakdown <> '_T' and not (case ${ctx.dimensions.breakdownLists
      .map(({ indicators, codes }) => `when p.indicator in ${list(indicators)} then p.breakdown in ${list(codes)}`).join(' ')} else false end))`,
  };
}
