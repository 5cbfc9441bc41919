import { CR, DEL, NL, TAB } from './csv-bytes.js';

/**
 * Returns the position of the first control character in `bytes` that a spreadsheet never writes, or -1: a C0
 * control other than tab, LF and CR, DEL (0x7F), or a C1 control in UTF-8 (0xC2 0x80–0x9F, such as U+0085 NEL). Looks
 * at four bytes at a time: a million-row file costs a few tens of milliseconds. A 0xC2 that is the last byte is not
 * judged (its second byte is in the next chunk: see {@link isC1Continuation}).
 */
export function findControl(bytes: Uint8Array): number {
  const isControl = (i: number): boolean => {
    const b = bytes[i]!;
    return (b < 32 && b !== NL && b !== CR && b !== TAB) || b === DEL || (b === 0xc2 && isC1Continuation(bytes[i + 1]));
  };
  const head = Math.min(bytes.length, (4 - (bytes.byteOffset % 4)) % 4);
  for (let i = 0; i < head; i++) if (isControl(i)) return i;
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + head, (bytes.length - head) >>> 2);
  for (let w = 0; w < words.length; w++) {
    const word = words[w]!;
    const del = word ^ 0x7f7f7f7f;
    const c2 = word ^ 0xc2c2c2c2;
    // some byte of the word is below 0x20 (tab, LF and CR included: checked one by one), or is 0x7F or 0xC2
    if ((((word - 0x20202020) & ~word) | ((del - 0x01010101) & ~del) | ((c2 - 0x01010101) & ~c2)) & 0x80808080) {
      for (let i = head + w * 4; i < head + w * 4 + 4; i++) if (isControl(i)) return i;
    }
  }
  for (let i = head + words.length * 4; i < bytes.length; i++) if (isControl(i)) return i;
  return -1;
}

/** Returns true when `byte`, following 0xC2, makes a C1 control character (U+0080–U+009F) in UTF-8. */
export function isC1Continuation(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 0x80 && byte <= 0x9f;
}
