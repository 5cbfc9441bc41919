/**
 * Returns a number in plain decimal notation, exact: the shortest form that reads back as the same double, without
 * an exponent (1e21 → 1000000000000000000000, 1e-7 → 0.0000001).
 *
 * @example formatPlainNumber(0.1) // '0.1'
 */
export function formatPlainNumber(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  if (Number.isInteger(value)) return BigInt(value).toString();
  const [mantissa = '', exponentText = '0'] = text.split(/e/i);
  const exponent = Number(exponentText);
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace(/^-/, '').replace('.', '');
  const point = mantissa.replace(/^-/, '').indexOf('.');
  const integerDigits = (point === -1 ? digits.length : point) + exponent;
  return `${sign}0.${'0'.repeat(-integerDigits)}${digits}`;
}
