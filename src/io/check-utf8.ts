// The UTF-8 checks scanCsv makes of each chunk: whether it continues valid UTF-8, and whether it holds the mark of
// text converted to UTF-8 twice.
import { isUtf8 } from 'node:buffer';

/**
 * Returns true when `chunk` holds a character windows-1252 makes of a UTF-8 lead byte (Â to ô, bytes C3 82 to C3 B4)
 * followed by the first byte of one it makes of a continuation byte (C2, C5, C6, CB or E2: U+0080 to U+00BF, Œ Š Ÿ Ž
 * ƒ ˆ ˜, the typographic marks, € ™): what text converted to UTF-8 twice holds (`Ã©` is C3 83 C2 A9, `Ñ€` C3 91 E2 82
 * AC). Only the bytes C3 are visited (found natively); a mark split between two chunks is not seen.
 */
export function hasDoubleUtf8Mark(chunk: Buffer): boolean {
  for (let i = chunk.indexOf(0xc3); i >= 0 && i + 2 < chunk.length; i = chunk.indexOf(0xc3, i + 1)) {
    const second = chunk[i + 1]!;
    const third = chunk[i + 2]!;
    if (second >= 0x82 && second <= 0xb4 && (third === 0xc2 || third === 0xc5 || third === 0xc6 || third === 0xcb || third === 0xe2)) return true;
  }
  return false;
}

/** Checks that `chunk` continues valid UTF-8 after `carry`, holding back an incomplete final sequence. */
export function checkUtf8(carry: Buffer, chunk: Buffer): { isValid: boolean; carry: Buffer } {
  const data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
  let end = data.length;
  for (let back = 1; back <= 3 && back <= data.length; back++) {
    const byte = data[data.length - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    if (need > back) end = data.length - back;
    break;
  }
  return { isValid: isUtf8(data.subarray(0, end)), carry: Buffer.from(data.subarray(end)) };
}
