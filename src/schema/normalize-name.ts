/**
 * Returns the lookup key for a name: case, accents, punctuation and a leading "the" do not matter, nor Turkish's and
 * Azerbaijani's dotless ı, which a keyboard without it writes i ("Sirbistan" for Sırbistan).
 *
 * @example normalizeName('Türkiye') === normalizeName('turkiye') // true
 */
export function normalizeName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ı/g, 'i')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^the /, '');
}

/** Returns text that was UTF-8 read as Latin-1 ("TÃ¼rkiye") repaired, or the text unchanged. */
export function repairMojibake(text: string): string {
  if (!/[ÃÂÄÅÐÑ][\u0080-\u00bf]/.test(text)) return text;
  const repaired = Buffer.from(text, 'latin1').toString('utf8');
  return repaired.includes('\ufffd') ? text : repaired;
}
