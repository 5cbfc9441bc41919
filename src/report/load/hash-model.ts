import { createHash } from 'node:crypto';

/**
 * Returns the SHA-256 (hex) of `value` as canonical JSON: object keys sorted at every level, arrays in their order.
 * Over the review model it identifies exactly the data the review read, independent of when or where it ran.
 *
 * @example hashModel({ b: 1, a: [2, 3] }) === hashModel({ a: [2, 3], b: 1 }) // true
 */
export function hashModel(value: unknown): string {
  return createHash('sha256').update(canonical(value)).digest('hex');
}

function canonical(value: unknown): string {
  if (value instanceof Map) return canonical(Object.fromEntries([...value.entries()].sort(([a], [b]) => (String(a) < String(b) ? -1 : 1))));
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
