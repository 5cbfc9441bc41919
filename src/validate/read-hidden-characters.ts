// How resolveValue reads a coded column's cell whose characters are not what they look: characters that show as
// nothing (pasted from a web page or a document), and letters of the Cyrillic or Greek alphabet, or Turkish's I and i,
// that look like the Latin letters of a code.
import { quoteValue } from '../errors.js';
import type { Resolution } from './resolve-codes.js';

/**
 * Characters that show as nothing in a spreadsheet: zero-width space, non-joiner and joiner, direction marks and
 * embeddings, word joiner, byte-order mark (in mid-file), soft hyphen. Text pasted from a web page or a document brings
 * them along; in a code they make "SRB" look valid and be unknown.
 */
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/u;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'gu');
const INVISIBLE_NAMES: Record<string, string> = {
  '\u00ad': 'a soft hyphen', '\u200b': 'a zero-width space', '\u200c': 'a zero-width non-joiner', '\u200d': 'a zero-width joiner',
  '\u200e': 'a left-to-right mark', '\u200f': 'a right-to-left mark', '\u2060': 'a word joiner', '\ufeff': 'a byte-order mark',
};

/** Returns "a zero-width space (U+200B) at character 2" for the first invisible character of `value`. */
export function describeInvisible(value: string): string {
  const match = INVISIBLE.exec(value)!;
  const char = match[0];
  const name = INVISIBLE_NAMES[char] ?? 'an invisible formatting character';
  const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  const count = value.match(INVISIBLE_ALL)!.length;
  return `${name} (${code}) at character ${[...value.slice(0, match.index)].length + 1}${count > 1 ? `, and ${count - 1} more invisible character${count > 2 ? 's' : ''}` : ''}`;
}

/**
 * Letters of the Cyrillic and Greek alphabets that look like Latin ones (a code typed with the keyboard set to the
 * region's other scripts), and Turkish's dotted capital I and dotless small i (a code upper- or lower-cased in Turkish),
 * each with the Latin letter it looks like.
 */
const LOOKALIKES: Record<string, string> = {
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', У: 'Y', І: 'I', Ј: 'J', Ѕ: 'S',
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X', ο: 'o',
  İ: 'I', ı: 'i',
};
const LOOKALIKE = new RegExp(`[${Object.keys(LOOKALIKES).join('')}]`, 'u');
const LOOKALIKE_ALL = new RegExp(LOOKALIKE.source, 'gu');
/** Returns "Cyrillic", "Greek" or "Turkish" for a character of LOOKALIKES. */
const SCRIPT_OF = (c: string): string => (/\p{Script=Cyrillic}/u.test(c) ? 'Cyrillic' : /\p{Script=Greek}/u.test(c) ? 'Greek' : 'Turkish');

/**
 * Returns how `value` reads when it holds an invisible character (see INVISIBLE), undefined when it holds none; `read`
 * reads a trimmed value (resolveTrimmed's reading of the column).
 */
export function readInvisible(value: string, read: (trimmed: string) => Resolution): Resolution | undefined {
  if (!INVISIBLE.test(value)) return undefined;
  // read without the invisible characters when that gives a code; a warning says where they were (the cell looks right)
  const bare = read(value.replace(INVISIBLE_ALL, '').trim());
  const shown = quoteValue(value);
  const where = describeInvisible(value);
  if (bare.code === null) return { ...bare, message: `${bare.message} (the cell, ${shown}, also holds ${where})`, hint: `${bare.hint}; and retype the cell, which holds an invisible character` };
  const code = bare.code === '=REF_AREA' ? 'the reporting state' : bare.code === '' ? 'an empty cell' : bare.code;
  return {
    code: bare.code,
    issueCode: 'INVISIBLE_CHARACTER',
    message: `expected a code, found ${shown}, which holds ${where}; read as ${code}${bare.issueCode === null ? '' : ` (${bare.message})`}`,
    hint: `retype the cell${bare.code.startsWith('=') || bare.code === '' ? '' : ` as ${bare.code}`}: ${
      /^\ufeff/.test(value) ? 'a byte-order mark starting a line is where a second file was joined to the first' : 'the invisible character came with text pasted from a web page or a document'}`,
  };
}

/**
 * Returns how `value`, read as `resolution` (unknown), reads when it holds letters of LOOKALIKES standing for Latin ones
 * of a code, undefined otherwise; `read` reads a trimmed value (resolveTrimmed's reading of the column).
 */
export function readLookalikes(value: string, resolution: Resolution, read: (trimmed: string) => Resolution): Resolution | undefined {
  // a code typed with the keyboard set to Cyrillic or Greek ("М" for M, "ВGR" for BGR), or upper-cased in Turkish
  // ("TİP_VİC"): the letters look like the code's but are others; not read as it, but said to be so (the message was
  // 'found "М"' beside the hint 'valid codes: F, M, _T, _U')
  if (resolution.code !== null || !LOOKALIKE.test(value)) return undefined;
  const latin = read(value.replace(LOOKALIKE_ALL, (c) => LOOKALIKES[c]!).trim());
  if (latin.code !== null && latin.code !== '' && !latin.code.startsWith('=')) {
    const letters = [...new Set(value.match(LOOKALIKE_ALL)!)];
    const and = (items: string[]): string => (items.length === 1 ? items[0]! : `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`);
    const scripts = [...new Set(letters.map(SCRIPT_OF))];
    const codePoint = (c: string): string => `${c} (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`;
    const one = letters.length === 1;
    const held = scripts.length === 1 ? `the ${scripts[0]} letter${one ? '' : 's'} ${and(letters.map(codePoint))}` : and(letters.map((c) => `the ${SCRIPT_OF(c)} letter ${codePoint(c)}`));
    return {
      ...resolution,
      message: `${resolution.message}, which holds ${held}, not the Latin ${and(letters.map((c) => LOOKALIKES[c]!))}`,
      hint: `write ${latin.code} in Latin letters (with the keyboard set to English): ${one ? 'the letter looks the same but is another character' : 'the letters look the same but are other characters'}`,
    };
  }
  return undefined;
}
