/** A UTF-8 byte-order mark converted to UTF-8 twice (read as windows-1252 or Latin-1, `ï»¿`, and saved as UTF-8 again). */
export const DOUBLE_UTF8_BOM = Buffer.from([0xc3, 0xaf, 0xc2, 0xbb, 0xc2, 0xbf]);

/** Returns true when `bytes` start with {@link DOUBLE_UTF8_BOM}. */
export function startsWithDoubleUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= DOUBLE_UTF8_BOM.length && DOUBLE_UTF8_BOM.every((b, i) => bytes[i] === b);
}

/**
 * Returns the start of a file read as latin1 without its UTF-8 byte-order mark and without a byte-order mark converted
 * to UTF-8 twice after it (see CsvScan.hasDoubleUtf8Bom), so that the first line is its text.
 *
 * @example withoutBoms('\xc3\xaf\xc2\xbb\xc2\xbfREF_AREA') // 'REF_AREA'
 */
export function withoutBoms(latin1: string): string {
  return latin1.replace(/^(?:\xef\xbb\xbf)?(?:\xc3\xaf\xc2\xbb\xc2\xbf)?/, '');
}
