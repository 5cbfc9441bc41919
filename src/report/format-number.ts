/**
 * Number formatting for the review's text and tables, written out rather than left to `Intl` so that the output
 * is the same byte for byte on every machine whatever its ICU data.
 */

const MINUS = '\u2212';

/**
 * Returns `value` rounded to `decimals` places with thousands separators; `–` (en dash) for a missing value.
 *
 * @example formatNumber(1234567.891, 1) // '1,234,567.9'
 */
export function formatNumber(value: number | null | undefined, decimals = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '\u2013';
  const fixed = Math.abs(value).toFixed(decimals);
  const [whole = '0', fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const isZero = Number(fixed) === 0;
  return `${value < 0 && !isZero ? MINUS : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/**
 * Returns a count for publication: whole numbers, with `decimals` only for non-integer units (kilograms).
 *
 * @example formatCount(12000) // '12,000'
 */
export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined) return formatNumber(value);
  return formatNumber(value, Number.isInteger(value) ? 0 : 1);
}

/**
 * Returns an indicator's figure as its unit calls for: kilograms always with one decimal (a whole 5,936 kg prints
 * '5,936.0' beside '5,934.3', never '5,936'), every other unit as formatCount does.
 *
 * @example formatAmount(5936, 'KG') // '5,936.0'
 * @example formatAmount(1368, 'NR') // '1,368'
 */
export function formatAmount(value: number | null | undefined, unit: string | undefined): string {
  return unit === 'KG' ? formatNumber(value, 1) : formatCount(value);
}

/**
 * Returns a share (0–1) as a percentage. A share that is not 0 never prints as 0, nor one short of the whole as 100:
 * they print as the nearest bound the precision allows ('<0.1%', '>99.9%'), so a real 0.04% is never read as none.
 *
 * @example formatShare(0.4567) // '45.7%'
 * @example formatShare(0.0004) // '<0.1%'
 */
export function formatShare(value: number | null | undefined, decimals = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '\u2013';
  const text = formatNumber(value * 100, decimals);
  const step = formatNumber(10 ** -decimals, decimals);
  if (value > 0 && Number(text) === 0) return `<${step}%`;
  if (value < 1 && value > 0.5 && text === formatNumber(100, decimals)) return `>${formatNumber(100 - 10 ** -decimals, decimals)}%`;
  return `${text}%`;
}

/**
 * Returns a relative change (0.12 = +12%) with an explicit sign and a true minus sign.
 *
 * @example formatChange(-0.083) // '−8.3%'
 */
export function formatChange(value: number | null | undefined, decimals = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '\u2013';
  const text = formatNumber(value * 100, decimals);
  return `${value > 0 && !/^0(\.0*)?$/.test(text) ? '+' : ''}${text}%`;
}

/**
 * Returns a rate per 100,000 with a precision that suits its size (two decimals below 1, one below 100, none above),
 * plus `extraDecimals` where two rates must print apart (a map legend's class bounds).
 *
 * @example formatRate(0.456) // '0.46'
 * @example formatRate(0.7543, 1) // '0.754'
 * @example formatRate(0) // '0'
 * @example formatRate(0.0004) // '<0.01'
 */
export function formatRate(value: number | null | undefined, extraDecimals = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '\u2013';
  // a rate of exactly 0 (a state that recorded none) is 0, never '0.00', which reads as a rate rounded down
  if (value === 0) return '0';
  const size = Math.abs(value);
  const decimals = (size < 1 ? 2 : size < 100 ? 1 : 0) + extraDecimals;
  const text = formatNumber(value, decimals);
  // a rate above 0 that rounds to nothing (0.4 kg seized in a state of 85 million) is below the last decimal, never
  // '0.00', which reads as none
  return value > 0 && /^0(\.0*)?$/.test(text) ? `<${formatNumber(10 ** -decimals, decimals)}` : text;
}

/**
 * Returns a list in prose: `a`, `a and b`, `a, b and c`.
 *
 * @example listInProse(['Albania', 'Greece', 'Serbia']) // 'Albania, Greece and Serbia'
 */
export function listInProse(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

/**
 * Returns a count with its noun in the singular or plural as the count calls for (the review's counterpart of the
 * CLI's `plural`, with the count formatted as the review prints counts): `pluralForm` defaults to `word` + "s".
 *
 * @example plural(1, 'state') // '1 state'
 * @example plural(3, 'state has', 'states have') // '3 states have'
 */
export function plural(n: number, word: string, pluralForm = `${word}s`): string {
  return `${formatCount(n)} ${n === 1 ? word : pluralForm}`;
}

/**
 * Returns a span of years as a title or a sentence gives it: the single year when the span holds one (a first year
 * of the assessment), never "2025–2025".
 *
 * @example yearSpan(2021, 2025) // '2021–2025'
 * @example yearSpan(2025, 2025) // '2025'
 */
export function yearSpan(first: number, last: number): string {
  return first >= last ? String(last) : `${first}\u2013${last}`;
}

/**
 * Returns the span from the first to the last of `years` as `yearSpan` gives it ('' for none): the years a figure,
 * table or chapter actually holds data for, so that its text never names a year it has no figure for at either end.
 *
 * @example spanOfYears([2023, 2021, 2025]) // '2021–2025'
 * @example spanOfYears([2025]) // '2025'
 */
export function spanOfYears(years: Iterable<number>): string {
  const list = [...years];
  return list.length === 0 ? '' : yearSpan(Math.min(...list), Math.max(...list));
}

/**
 * Returns every year from the first to the last of `years`, in order (empty for none): the axis of a chart or
 * sparkline that shows those data, gaps inside kept as years without a figure.
 *
 * @example yearRange([2025, 2021, 2023]) // [2021, 2022, 2023, 2024, 2025]
 */
export function yearRange(years: Iterable<number>): number[] {
  const list = [...years];
  if (list.length === 0) return [];
  const first = Math.min(...list);
  return Array.from({ length: Math.max(...list) - first + 1 }, (_, i) => first + i);
}

/**
 * Returns years as runs of consecutive years in prose.
 *
 * @example yearsInProse([2018, 2021, 2022]) // '2018 and 2021–2022'
 */
export function yearsInProse(years: readonly number[]): string {
  const runs: [number, number][] = [];
  for (const y of years) {
    const run = runs[runs.length - 1];
    if (run && run[1] === y - 1) run[1] = y;
    else runs.push([y, y]);
  }
  return listInProse(runs.map(([a, b]) => yearSpan(a, b)));
}
