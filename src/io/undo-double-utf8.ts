import { isUtf8 } from 'node:buffer';
import { countUtf8 } from './sniff-file-type.js';
import { MIN_FOREIGN_PLAUSIBILITY, MIN_MARGIN, plausibility } from './plausibility.js';

/** windows-1252's characters for the bytes 0x80-0x9F (the five it leaves undefined, 0x81 0x8D 0x8F 0x90 0x9D, aside). */
const CP1252_HIGH = '\u20ac_\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152_\u017d__\u2018\u2019\u201c\u201d'
  + '\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153_\u017e\u0178';
const CP1252_BYTE = new Map([...CP1252_HIGH].flatMap((char, i) => (char === '_' ? [] : [[char, 0x80 + i] as const])));

/**
 * Returns `text` repaired when it reads as text converted to UTF-8 twice (UTF-8 bytes read as windows-1252 or Latin-1
 * and saved as UTF-8 again: `ÐŸÑ€ÐµÐ´` for `Пред`, `Ã©` for `é`, `Ä°` for `İ`), else undefined: when every character
 * is one of windows-1252 or Latin-1, their bytes are valid UTF-8 with a multi-byte character, and that reading is
 * plausible (see plausibility) and clearly more so than the text as it stands.
 *
 * @example undoDoubleUtf8('ÐŸÑ€ÐµÐ´Ð²Ð°Ñ€Ð¸Ñ‚ÐµÐ»Ð½Ð¸') // 'Предварителни'
 */
export function undoDoubleUtf8(text: string): string | undefined {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.charCodeAt(0);
    // (a C1 control is the byte itself: Latin-1's reading, and windows-1252's of the five bytes it leaves undefined)
    const byte = code <= 0xff ? code : CP1252_BYTE.get(char);
    if (byte === undefined) return undefined;
    bytes.push(byte);
  }
  const buffer = Buffer.from(bytes);
  if (!isUtf8(buffer) || countUtf8(buffer).valid === 0) return undefined;
  const repaired = buffer.toString('utf8');
  const score = plausibility(repaired);
  return score >= MIN_FOREIGN_PLAUSIBILITY && score - plausibility(text) >= MIN_MARGIN ? repaired : undefined;
}
