import { formatChange, formatCount, formatNumber, formatRate, formatShare } from '../format-number.js';
import type { ColumnFormat, FigureValue } from './figure.js';

/**
 * Returns a table cell's text: numbers with thousands separators and the precision their kind calls for.
 *
 * @example formatCell(0.25, 'share') // '25.0%'
 */
export function formatCell(value: FigureValue, format: ColumnFormat): string {
  if (value === null) return '\u2013';
  if (typeof value === 'string') return value;
  switch (format) {
    case 'count':
      return formatCount(value);
    case 'kg':
      return formatNumber(value, 1);
    case 'rate':
      return formatRate(value);
    case 'share':
      return formatShare(value);
    case 'change':
      return formatChange(value);
    case 'ratio':
      return formatNumber(value, 2);
    case 'year':
      return String(value);
    default:
      return formatNumber(value, Number.isInteger(value) ? 0 : 2);
  }
}

/** Returns true when a column holds numbers (right-aligned in tables). */
export function isNumericFormat(format: ColumnFormat): boolean {
  return format !== 'text';
}
