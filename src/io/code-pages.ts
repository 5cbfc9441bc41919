// The code pages detectEncoding weighs: the candidates, the Mac and DOS pages it falls back on, the priors that scale
// each page's plausibility, the pages each member state's software writes, and how messages name them.

/**
 * The code pages the member states' software writes (Windows and ISO-8859 pages for Latin, Cyrillic, Greek and
 * Turkish text; KOI8 for Russian and Ukrainian, see KOI8_PRIOR); a file is decoded with each and the most plausible
 * reading wins. The Windows pages come first: on a tie (the same reading) they are what Excel writes.
 */
export const CANDIDATES = [
  'windows-1250',
  'windows-1251',
  'windows-1252',
  'windows-1253',
  'windows-1254',
  'ISO-8859-2',
  'ISO-8859-5',
  'ISO-8859-7',
  'ISO-8859-9',
  'KOI8-R',
  'KOI8-U',
] as const;

/**
 * KOI8-R (Russian) and KOI8-U (Ukrainian), what old Unix and mail software writes: their letters are windows-1251's
 * with the case swapped and the order changed (lower case at 0xC0-0xDF, upper case at 0xE0-0xFF), so each reads the
 * other's text as words in inverted case (`дБООЩЕ`, windows-1251's reading of KOI8-R `Данные`). Their plausibility is
 * scaled down: a windows-1251 file whose only words are all lower case (or all capitals) reads as capitals (or lower
 * case) in KOI8 too, and keeps its windows-1251 reading; a KOI8 file's windows-1251 reading mixes case within words
 * or breaks the rules of Cyrillic spelling (`РТЕДЧБТЙФЕМШОЩЕ`: й after a consonant).
 */
const KOI8_PRIOR = 0.8;
/** chardet's confidence (0–100) for KOI8-R over windows-1251, or the other way round, that counts as a lean. */
const KOI8_LEAN = 5;

/**
 * Mac Roman, what Excel for Mac writes as "CSV (Macintosh)" (é ü ç ë ö at 0x8E 0x9F 0x8D 0x91 0x9A): read only when no
 * page above reads the file (see detectEncoding), its plausibility scaled down like a rare page's.
 */
export const MAC_ROMAN = 'macintosh';
/**
 * The old Mac pages, fallbacks like Mac Roman: Mac Cyrillic (capitals at 0x80-0x9F, which windows-1251 reads as
 * `„ … † ‡` and Serbian capitals: `„анные` for `Данные`) and Mac Greek (`°διλάνατα` for `Αδικήματα`).
 */
export const MAC_PAGES = [MAC_ROMAN, 'maccyrillic', 'macgreek'] as const;
/** How much a Mac page's plausibility counts (see MAC_ROMAN). */
export const MAC_ROMAN_PRIOR = 0.85;
/**
 * Mac Cyrillic as Ukrainian Macs wrote it: iconv-lite's `maccyrillic` (the page before Apple added the Ukrainian
 * letters) reads ґ and Ґ (0xB6, 0xA2) as `∂` and `¢`; `macukraine` reads every other byte alike. A Mac Cyrillic file
 * whose `macukraine` reading is the more plausible is read in it (see variant).
 */
export const MAC_UKRAINE = 'macukraine';
/**
 * Mac Roman as Turkish and Romanian Macs write it ("CSV (Macintosh)" saves in the Mac page of the user's language):
 * Mac Turkish has ğ Ğ ı İ ş Ş at 0xDA-0xDF, where Mac Roman has `⁄ ¤ ‹ › ﬁ ﬂ` (`de¤er` for `değer`), and Mac Romanian ă Ă
 * ş Ş ţ Ţ where it has `æ Æ ø Ø ﬁ ﬂ` (`Numær` for `Număr`); every other byte reads alike. A Mac Roman file whose reading
 * in one of them is the more plausible is read in it (see variant).
 */
export const MAC_ROMAN_VARIANTS = ['macturkish', 'macromania'] as const;
/**
 * The states whose Macs write each of {@link MAC_ROMAN_VARIANTS}: a variant is tried only in their returns, as its
 * letters read other pages' bytes plausibly too (`ıl`, Mac Turkish's reading of windows-1254 `İl` in a Greek return).
 */
export const MAC_ROMAN_VARIANT_STATES: Record<(typeof MAC_ROMAN_VARIANTS)[number], readonly string[]> = { macturkish: ['TUR', 'AZE'], macromania: ['ROU', 'MDA'] };

/**
 * The DOS (OEM) pages, what Excel's "CSV (MS-DOS)" writes: the OEM page of the user's Windows, cp866 (Russian and
 * Ukrainian Windows), cp852 (Central European: Romanian, Albanian, Croatian, Serbian and Macedonian in Latin script),
 * cp857 (Turkish), cp737 (Greek), cp869 (Greek, IBM's) and cp855 (Cyrillic: Serbian, Macedonian, Bulgarian). Their
 * letters stand where the Windows pages have punctuation, box drawing and other letters (`„ ­­ë¥`: windows-1252's
 * reading of cp866 `Данные`), so they are fallbacks like the Mac pages (see detectEncoding), their plausibility scaled
 * down like the ISO pages'; a Windows reading is their rival at its plausibility unscaled.
 */
export const DOS_PAGES = ['cp866', 'cp852', 'cp857', 'cp737', 'cp869', 'cp855'] as const;
/** How much a DOS page's plausibility counts (see DOS_PAGES). */
export const DOS_PRIOR = 0.9;
/** How a Mac page counts as a DOS page's rival in a file with CR LF line breaks, which "CSV (Macintosh)" never writes. */
export const CRLF_MAC_FACTOR = 0.8;
/**
 * cp866 as Ukrainian Windows writes it (RUSCII): cp866 has no і (Ukrainians typed the Latin i) and holds Ё Є Ї Ў at
 * 0xF0-0xF7; cp1125 has Ґ Є І Ї at 0xF2-0xF9 and reads every other byte alike. A cp866 file whose cp1125 reading is the
 * more plausible is read in it (see variant), not weighed as a rival.
 */
export const DOS_UKRAINIAN = 'cp1125';

/** How messages name the pages whose iconv-lite names say little (the Mac and DOS pages); others are named as they are. */
const LABELS: Record<string, string> = {
  macintosh: 'Mac Roman', maccyrillic: 'Mac Cyrillic', macukraine: 'Mac Cyrillic (Ukrainian)', macgreek: 'Mac Greek',
  macturkish: 'Mac Turkish', macromania: 'Mac Romanian',
  cp866: 'DOS Cyrillic (cp866)', cp1125: 'DOS Ukrainian (cp1125)', cp852: 'DOS Central European (cp852)', cp857: 'DOS Turkish (cp857)',
  cp737: 'DOS Greek (cp737)', cp869: 'DOS Greek (cp869)', cp855: 'DOS Cyrillic (cp855)',
};

/**
 * Returns true for a DOS (OEM) page, which Excel writes as "CSV (MS-DOS)" (see DOS_PAGES).
 *
 * @example isDosPage('cp866') // true
 */
export function isDosPage(name: string): boolean {
  return /^cp(866|1125|852|857|737|869|855)$/i.test(name);
}

/**
 * Returns how a message names the encoding `name` (an iconv-lite name, as CsvRead.encoding holds it).
 *
 * @example encodingLabel('macukraine') // 'Mac Cyrillic (Ukrainian)'
 * @example encodingLabel('windows-1251') // 'windows-1251'
 */
export function encodingLabel(name: string): string {
  return LABELS[name.toLowerCase()] ?? name;
}

/**
 * Returns the priors of the KOI8 pages and of windows-1251, which read the same Cyrillic letters in swapped case: the
 * KOI8 pages are scaled down (a tie is windows-1251's) unless chardet's Russian letter-sequence statistics, which tell
 * the two apart even where case does not (a file of words all in lower case), lean clearly one way: then the other
 * reading is scaled down. chardet scores Ukrainian, Bulgarian and the rest with its Russian model: the lean is taken only
 * when it is clear, and no lean leaves the priors as they are.
 */
export function koi8Factors(chardetConfidence: ReadonlyMap<string, number>): { koi8: number; windows1251: number; isNeutral: boolean } {
  const lean = (chardetConfidence.get('koi8-r') ?? 0) - (chardetConfidence.get('windows-1251') ?? 0);
  if (lean >= KOI8_LEAN) return { koi8: 1, windows1251: 0.75, isNeutral: false };
  if (lean <= -KOI8_LEAN) return { koi8: KOI8_PRIOR * 0.75, windows1251: 1, isNeutral: false };
  return { koi8: KOI8_PRIOR, windows1251: 1, isNeutral: true };
}

/**
 * The code pages each member state's spreadsheets use (its languages' Windows page, the ISO page where one is in
 * use): an ISO 3166-1 alpha-3 code standing as a cell of the file hints at the pages to expect.
 */
const STATE_PAGES: Record<string, readonly string[]> = {
  ALB: ['windows-1250', 'windows-1252'], ARM: ['windows-1251', 'ISO-8859-5'], AZE: ['windows-1254', 'windows-1251'],
  BIH: ['windows-1250', 'windows-1251', 'ISO-8859-5'], BGR: ['windows-1251', 'ISO-8859-5'], HRV: ['windows-1250', 'ISO-8859-2'],
  GEO: ['windows-1251', 'ISO-8859-5'], GRC: ['windows-1253', 'ISO-8859-7'], CYP: ['windows-1253', 'ISO-8859-7'],
  XKX: ['windows-1250', 'windows-1252', 'windows-1251'], MDA: ['windows-1250', 'windows-1251', 'ISO-8859-5'],
  MNE: ['windows-1250', 'windows-1251', 'ISO-8859-5'], MKD: ['windows-1251', 'ISO-8859-5'], ROU: ['windows-1250', 'ISO-8859-2'],
  RUS: ['windows-1251', 'ISO-8859-5', 'KOI8-R'], SRB: ['windows-1250', 'windows-1251', 'ISO-8859-5'], SVN: ['windows-1250', 'ISO-8859-2'],
  TUR: ['windows-1254', 'ISO-8859-9'], UKR: ['windows-1251', 'ISO-8859-5', 'KOI8-U', 'KOI8-R'],
};

/**
 * The DOS (OEM) pages of each state's Windows (see DOS_PAGES): cp852 for Central European Latin, cp857 for Turkish,
 * cp866 for Russian, Ukrainian (and its cp1125), Bulgarian and the other Cyrillic ones, cp855 for Serbian, Macedonian
 * and Bulgarian, cp737 and cp869 for Greek.
 */
export const STATE_DOS_PAGES: Record<string, readonly string[]> = {
  ALB: ['cp852'], ARM: ['cp866'], AZE: ['cp857', 'cp866'], BIH: ['cp852', 'cp855', 'cp866'], BGR: ['cp866', 'cp855'],
  HRV: ['cp852'], GEO: ['cp866'], GRC: ['cp737', 'cp869'], CYP: ['cp737', 'cp869'], XKX: ['cp852', 'cp855'],
  MDA: ['cp852', 'cp866'], MNE: ['cp852', 'cp855', 'cp866'], MKD: ['cp866', 'cp855', 'cp852'], ROU: ['cp852'],
  RUS: ['cp866'], SRB: ['cp852', 'cp855', 'cp866'], SVN: ['cp852'], TUR: ['cp857'], UKR: ['cp866', 'cp1125'],
};

/**
 * Returns the states the rows of `head` report, most lines first (then by code), or undefined when no line holds a
 * state's code as a cell. A state counts when its code stands on at least half as many lines as the most frequent code
 * (REF_AREA, on every row; each state of an export of several): a partner state in COUNTERPART_AREA (Türkiye as the
 * origin of a Moldovan seizure) says nothing of the file's page, and its page as a rival would make a tie of a Romanian
 * `ţ`, which windows-1254 reads as the Turkish `ş`.
 */
export function fileStates(head: Buffer): string[] | undefined {
  const text = head.subarray(0, 65536).toString('latin1');
  const linesOf = new Map<string, number>();
  for (const line of text.split(/\r\n?|\n/)) {
    const codes = new Set([...line.matchAll(/(?:^|[,;\t|"])([A-Z]{3})(?=[,;\t|"]|$)/g)].map((match) => match[1]!).filter((code) => code in STATE_PAGES));
    for (const code of codes) linesOf.set(code, (linesOf.get(code) ?? 0) + 1);
  }
  const most = Math.max(0, ...linesOf.values());
  const states = [...linesOf].filter(([, lines]) => 2 * lines >= most).sort(([a, m], [b, n]) => n - m || (a < b ? -1 : 1)).map(([code]) => code);
  return states.length === 0 ? undefined : states;
}

/**
 * Returns the code pages (of `table`: the Windows and ISO pages, or the DOS pages) of `states` (see fileStates), or
 * undefined for none.
 */
export function statesPages(states: readonly string[] | undefined, table: Record<string, readonly string[]> = STATE_PAGES): Set<string> | undefined {
  return states === undefined ? undefined : new Set(states.flatMap((code) => table[code] ?? []));
}

/**
 * Returns the usual code pages of `states` (the Windows pages their spreadsheets save), without repeats.
 *
 * @example usualPages(['ROU']) // ['windows-1250']
 * @example usualPages(['MDA']) // ['windows-1250', 'windows-1251']
 */
export function usualPages(states: readonly string[]): string[] {
  return [...new Set(states.flatMap((code) => STATE_PAGES[code]!.filter((page) => page.startsWith('windows-'))))];
}

/** The Windows page whose script each Mac page writes: a state writing that page writes the Mac page too. */
const MAC_SCRIPT: Record<string, RegExp> = {
  macintosh: /^windows-125[024]$/, maccyrillic: /^windows-1251$/, macukraine: /^windows-1251$/, macgreek: /^windows-1253$/,
  macturkish: /^windows-1254$/, macromania: /^windows-1250$/,
};

/**
 * Returns true when `page` is a Mac page of a script none of `states` writes (Mac Greek in a Romanian return), false
 * for any other page.
 *
 * @example isForeignMacPage(['ROU'], 'macgreek') // true
 * @example isForeignMacPage(['GRC'], 'macgreek') // false
 */
export function isForeignMacPage(states: readonly string[], page: string): boolean {
  const script = MAC_SCRIPT[page];
  return script !== undefined && !states.some((code) => STATE_PAGES[code]!.some((windows) => script.test(windows)));
}
