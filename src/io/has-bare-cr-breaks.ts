import { CR, NL, QUOTE } from './csv-bytes.js';

/**
 * Returns true when `text` breaks lines with a bare CR (one not followed by LF) outside quoted cells. A CR at the very
 * end of the text is not judged (its LF may follow in the next chunk).
 *
 * @example hasBareCrBreaks('a,b\r1,2\r') // true
 * @example hasBareCrBreaks('a,b\n1,"x\ry"\n') // false: the CR is inside a quoted cell
 */
export function hasBareCrBreaks(text: string): boolean {
  if (!/\r(?!\n)/.test(text.replace(/\r$/, ''))) return false;
  let isQuoted = false;
  for (let i = 0; i < text.length - 1; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) isQuoted = !isQuoted;
    else if (code === CR && !isQuoted && text.charCodeAt(i + 1) !== NL) return true;
  }
  return false;
}
