import { open } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { hasBareCrBreaks } from './scan-csv.js';

/** What a file that is not valid UTF-8 was found to be: text in a code page, UTF-8 with a few bad bytes, or neither. */
export type DetectedEncoding =
  | {
      kind: 'text';
      /** The encoding name as iconv-lite knows it, e.g. `windows-1251`. */
      name: string;
      /** How plausible the decoded text is, 0–100 (100 for a byte-order mark). */
      confidence: number;
      /** The first 64 KiB decoded (to judge line breaks in UTF-16, whose CR LF is not the bytes 0D 0A). */
      head: string;
      /**
       * A reading nothing in the file tells from this one (see koi8Alternative): a KOI8 page of the file's state that
       * reads the same letters in the other case (`МВД` for windows-1251's `нчд`), with the first words of each reading.
       */
      alternative?: { name: string; sample: string; chosen: string } | undefined;
    }
  /** UTF-8 text in which a few bytes are not UTF-8: read as UTF-8, each bad byte reported where it is. */
  | { kind: 'damaged-utf8'; head: string }
  /** Text that no candidate code page reads plausibly: `guess` is the best of them, with a sample of its reading. */
  | {
      kind: 'implausible';
      guess: string;
      sample: string;
      head: string;
      /** Where to look (see firstImplausible): the physical line (1-based), and the line's text before the word `sample` starts with. */
      at?: { line: number; before: string | undefined } | undefined;
    }
  /** Not text: `what` it is; `workbook`, for a spreadsheet's own format, how to save it as CSV. */
  | { kind: 'binary'; what: string; workbook?: { hint: string } | undefined };

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
const MAC_ROMAN_PRIOR = 0.85;
/**
 * Mac Cyrillic as Ukrainian Macs wrote it: iconv-lite's `maccyrillic` (the page before Apple added the Ukrainian
 * letters) reads ґ and Ґ (0xB6, 0xA2) as `∂` and `¢`; `macukraine` reads every other byte alike. A Mac Cyrillic file
 * whose `macukraine` reading is the more plausible is read in it (see variant).
 */
const MAC_UKRAINE = 'macukraine';

/**
 * The DOS (OEM) pages, what Excel's "CSV (MS-DOS)" writes: the OEM page of the user's Windows, cp866 (Russian and
 * Ukrainian Windows), cp852 (Central European: Romanian, Albanian, Croatian, Serbian and Macedonian in Latin script),
 * cp857 (Turkish), cp737 (Greek), cp869 (Greek, IBM's) and cp855 (Cyrillic: Serbian, Macedonian, Bulgarian). Their
 * letters stand where the Windows pages have punctuation, box drawing and other letters (`„ ­­ë¥`: windows-1252's
 * reading of cp866 `Данные`), so they are fallbacks like the Mac pages (see detectEncoding), their plausibility scaled
 * down like the ISO pages'; a Windows reading is their rival at its plausibility unscaled.
 */
export const DOS_PAGES = ['cp866', 'cp852', 'cp857', 'cp737', 'cp869', 'cp855'] as const;
const DOS_PRIOR = 0.9;
/** How a Mac page counts as a DOS page's rival in a file with CR LF line breaks, which "CSV (Macintosh)" never writes. */
const CRLF_MAC_FACTOR = 0.8;
/**
 * cp866 as Ukrainian Windows writes it (RUSCII): cp866 has no і (Ukrainians typed the Latin i) and holds Ё Є Ї Ў at
 * 0xF0-0xF7; cp1125 has Ґ Є І Ї at 0xF2-0xF9 and reads every other byte alike. A cp866 file whose cp1125 reading is the
 * more plausible is read in it (see variant), not weighed as a rival.
 */
const DOS_UKRAINIAN = 'cp1125';

/** How messages name the pages whose iconv-lite names say little (the Mac and DOS pages); others are named as they are. */
const LABELS: Record<string, string> = {
  macintosh: 'Mac Roman', maccyrillic: 'Mac Cyrillic', macukraine: 'Mac Cyrillic (Ukrainian)', macgreek: 'Mac Greek',
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

/** Below this plausibility (0–1) no reading is trusted: the file is refused rather than converted garbled. */
const MIN_PLAUSIBILITY = 0.75;
/** Two different readings closer than this are a coin toss: the file is refused. */
const MIN_MARGIN = 0.15;
/** A reading this plausible is trusted when it is this far ahead of every different one (see decide). */
const MIN_FOREIGN_PLAUSIBILITY = 0.5;
const MIN_FOREIGN_MARGIN = 0.5;

/** Signatures of files that are not text: what a spreadsheet saved in its own format starts with. */
const SIGNATURES: Array<[number[], string]> = [
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an old-style Office file (.xls or .doc)'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
];
const EXCEL_HINT = 'open it in Excel and save it as CSV UTF-8 (File > Save As > CSV UTF-8), then offer the .csv';
/**
 * What a ZIP archive or an Office compound file (the signatures above) holds, told by the names of its parts: an
 * Excel workbook (`xl/workbook.xml`), an OpenDocument spreadsheet (its first part, `mimetype`, names it), a Word
 * document, an old-style workbook (its `Workbook` or `Book` stream), a workbook saved with a password to open (an
 * `EncryptedPackage` stream). Names stand uncompressed in a ZIP's headers and as UTF-16 in a compound file's directory.
 */
const CONTENTS: Array<[RegExp, string, { hint: string } | undefined]> = [
  [/^PK[^]{28}mimetypeapplication\/vnd\.oasis\.opendocument\.spreadsheet/, 'an OpenDocument spreadsheet (.ods)', {
    hint: 'open it in LibreOffice Calc and save it as Text CSV, character set Unicode (UTF-8) (File > Save As), then offer the .csv',
  }],
  [/^PK[^]*xl\/(workbook\.xml|worksheets\/)/, 'an Excel workbook (.xlsx)', { hint: EXCEL_HINT }],
  [/^PK[^]*word\/document\.xml/, 'a Word document (.docx)', undefined],
  [/^\xd0\xcf\x11\xe0[^]*E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0/, 'an Excel workbook saved with a password to open', {
    hint: 'open it in Excel with its password and save it as CSV UTF-8 (File > Save As > CSV UTF-8), then offer the .csv',
  }],
  [/^\xd0\xcf\x11\xe0[^]*(W\0o\0r\0k\0b\0o\0o\0k\0|B\0o\0o\0k\0\0\0)/, 'an old-style Excel workbook (.xls)', { hint: EXCEL_HINT }],
  [/^\xd0\xcf\x11\xe0[^]*W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0/, 'an old-style Word document (.doc)', undefined],
];

/** Returns what a file starting with one of the SIGNATURES holds (see CONTENTS), or undefined when its parts say nothing. */
function describeContents(head: Buffer): { what: string; workbook: { hint: string } | undefined } | undefined {
  const text = head.toString('latin1');
  const found = CONTENTS.find(([pattern]) => pattern.test(text));
  return found === undefined ? undefined : { what: found[1], workbook: found[2] };
}
const BOMS: Array<[number[], string]> = [
  [[0xff, 0xfe, 0x00, 0x00], 'UTF-32LE'],
  [[0x00, 0x00, 0xfe, 0xff], 'UTF-32BE'],
  [[0xff, 0xfe], 'UTF-16LE'],
  [[0xfe, 0xff], 'UTF-16BE'],
];

/**
 * Returns what a file that failed UTF-8 decoding holds. Reads at most the first 4 MiB.
 *
 * - a byte-order mark, or UTF-16 text without one (every other byte NUL): UTF-16/32;
 * - mostly valid UTF-8 with a few bytes that are not (at least as many valid multi-byte letters as bad bytes):
 *   `damaged-utf8`, so that the good lines are not garbled by a code page;
 * - else the words holding non-ASCII bytes are decoded with every {@link CANDIDATES} code page and scored (see
 *   {@link plausibility}, with chardet's confidence as a small tie-breaker): the best reading wins when it is
 *   plausible and clearly ahead of any different reading, else the file is `implausible`. Of pages that read it
 *   alike, `preferred` (a source's known code page) is the one named.
 */
export async function detectEncoding(path: string, preferred?: string): Promise<DetectedEncoding> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(4 << 20);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, bytesRead);
    const startsWith = (bytes: number[]): boolean => bytes.every((b, i) => head[i] === b);
    for (const [bytes, what] of SIGNATURES) if (startsWith(bytes)) return { kind: 'binary', what, ...describeContents(head) };
    // loaded here, for the few files that are not UTF-8, not at every start
    const [{ default: chardet }, { default: iconv }] = await Promise.all([import('chardet'), import('iconv-lite')]);
    const decodeHead = (name: string): string => iconv.decode(head.subarray(0, 65536), name);
    const marked = markedEncoding(head);
    if (marked !== undefined) return { kind: 'text', name: marked, confidence: 100, head: decodeHead(marked) };
    const utf16 = utf16WithoutBom(head);
    if (utf16 !== undefined) return { kind: 'text', name: utf16, confidence: 90, head: decodeHead(utf16) };
    if (head.includes(0)) return { kind: 'binary', what: 'binary data (it holds NUL bytes)' };
    const { valid, invalid } = countUtf8(head);
    if (valid > 0 && invalid <= valid) return { kind: 'damaged-utf8', head: decodeHead('utf-8') };

    // the words carry the signal; a file with only a symbol or two (©, °) needs the whole text for a guess
    const sample = nonAsciiWords(withoutUtf8Lines(head));
    const chardetConfidence = new Map(chardet.analyse(sample).map((match) => [match.name.toLowerCase(), match.confidence]));
    const pages = statesPages(head);
    const koi8 = koi8Factors(chardetConfidence);
    const readings = CANDIDATES.map((name, order) => {
      const text = iconv.decode(sample, name);
      // Excel writes the Windows pages; the ISO and KOI8 pages are rare. A page none of the file's states uses (Turkish
      // in a Romanian return, Cyrillic in a Greek one) is doubtful.
      const prior = name.startsWith('ISO') ? 0.9 : name.startsWith('KOI8') ? koi8.koi8 : name === 'windows-1251' ? koi8.windows1251 : 1;
      const plausible = plausibility(text);
      const score = plausible * prior * (pages !== undefined && !pages.has(name) ? 0.5 : 1);
      // chardet's statistics only break near-ties
      return { name, text, plausible, score, order, rank: score + 0.05 * ((chardetConfidence.get(name.toLowerCase()) ?? 0) / 100) };
    }).sort((a, b) => b.rank - a.rank);
    const decided = decide(readings, preferred);
    // Mac Roman is a fallback, never a rival: a file one of the pages above reads clearly keeps that reading, and only
    // a file they would refuse or read as symbols alone (Mac Roman's é ü ç ë, bytes 0x80-0x9F, are punctuation in the
    // Windows pages) is read in it, when it reads plausibly and clearly ahead of every other reading
    // (or, for the Mac Cyrillic and Greek pages, which a Windows page reads as words some of which are plausible, one that
    // reads the file only half plausibly, as foreign words: see decide)
    if (decided.kind !== 'text' || decided.isSymbolsAlike || decided.confidence < MIN_PLAUSIBILITY * 100) {
      const read = (name: string, prior: number): { name: string; text: string; score: number } => {
        const text = iconv.decode(sample, name);
        return { name, text, score: plausibility(text) * prior };
      };
      const isAheadOf = (best: { text: string; score: number }) => (r: { text: string; score: number }): boolean => r.text === best.text || best.score - r.score >= MIN_MARGIN;
      const macs = MAC_PAGES.map((page) => {
        const reading = read(page, MAC_ROMAN_PRIOR);
        return page === 'maccyrillic' ? variant(reading, read(MAC_UKRAINE, MAC_ROMAN_PRIOR)) : reading;
      }).sort((a, b) => b.score - a.score);
      // the DOS pages, Excel's "CSV (MS-DOS)", are fallbacks too, their letters the Windows pages' symbols and box
      // drawing; they and the Mac pages read each other's bytes as letters (`tâ`, Mac Roman's reading of cp852's `të`),
      // so one of them is taken only when clearly ahead of the others too. "CSV (MS-DOS)" ends lines with CR LF: a file
      // with bare CR breaks, as "CSV (Macintosh)" writes, is never read in a DOS page
      const text = head.subarray(0, 65536).toString('latin1');
      const dosPages = statesPages(head, STATE_DOS_PAGES);
      const doses = hasBareCrBreaks(text) ? [] : DOS_PAGES.map((page) => {
        // (a page none of the file's states writes, Greek in a Romanian return, is doubtful, as above)
        const prior = (name: string): number => DOS_PRIOR * (dosPages !== undefined && !dosPages.has(name) ? 0.5 : 1);
        const reading = read(page, prior(page));
        // (bytes 0xF2-0xF9 in Cyrillic text are Ukrainian letters: cp1125's і ґ, where cp866 has Ў ў; a tie is cp1125's)
        return page === 'cp866' ? variant(reading, read(DOS_UKRAINIAN, prior(DOS_UKRAINIAN)), true) : reading;
      });
      const fallbacks = [...macs, ...doses].sort((a, b) => b.score - a.score);
      const [best] = fallbacks;
      // against a DOS page, the pages above count at their plausibility alone: the file's states never let a DOS page
      // win over a Windows reading of the same bytes (`İl`, windows-1254's, in a Romanian return is no cp852 `Ţl`); and
      // in a file with CR LF breaks, which "CSV (Macintosh)" never writes, a Mac page is a lesser rival (cp852's `të`
      // alone, which Mac Roman reads `tâ`)
      const isDos = isDosPage(best!.name);
      const isCrLf = text.includes('\r\n');
      const rivals = [
        ...(isDos ? readings.map((r) => ({ text: r.text, score: r.plausible })) : readings),
        ...fallbacks.map((r) => (isDos && isCrLf && !isDosPage(r.name) ? { text: r.text, score: r.score * CRLF_MAC_FACTOR } : r)),
      ];
      if (best!.score >= MIN_PLAUSIBILITY && rivals.every(isAheadOf(best!))) {
        return { kind: 'text', name: best!.name, confidence: Math.round(Math.min(1, best!.score) * 100), head: decodeHead(best!.name) };
      }
    }
    if (decided.kind === 'implausible') {
      const at = firstImplausible(head, (bytes) => iconv.decode(bytes, decided.name));
      return { kind: 'implausible', guess: decided.name, sample: at?.words ?? firstWords(decided.text), head: decodeHead(decided.name), at };
    }
    const alternative = koi8.isNeutral ? koi8Alternative(readings, decided, pages) : undefined;
    // (a coin toss the prior settled is no confidence)
    const confidence = alternative === undefined ? decided.confidence : Math.min(decided.confidence, 50);
    return { kind: 'text', name: decided.name, confidence, head: decodeHead(decided.name), alternative };
  } finally {
    await handle.close();
  }
}

/**
 * Returns the Ukrainian variant's reading (Mac Cyrillic's macukraine, cp866's cp1125) when it differs from the plain
 * one (the file holds the bytes of ґ or Ґ, or of cp1125's і) and reads more plausibly (`ґрунтується`, not
 * `∂рунтується`; with `isTieUkrainian`, as plausibly), else the plain one: the two are one page, a rival would make
 * a tie of a file with a single ґ.
 */
function variant<T extends { text: string; score: number }>(plain: T, ukrainian: T, isTieUkrainian = false): T {
  return ukrainian.text !== plain.text && (ukrainian.score > plain.score || (isTieUkrainian && ukrainian.score === plain.score)) ? ukrainian : plain;
}

/**
 * Returns the priors of the KOI8 pages and of windows-1251, which read the same Cyrillic letters in swapped case: the
 * KOI8 pages are scaled down (a tie is windows-1251's) unless chardet's Russian letter-sequence statistics, which tell
 * the two apart even where case does not (a file of words all in lower case), lean clearly one way: then the other
 * reading is scaled down. chardet scores Ukrainian, Bulgarian and the rest with its Russian model: the lean is taken only
 * when it is clear, and no lean leaves the priors as they are.
 */
function koi8Factors(chardetConfidence: ReadonlyMap<string, number>): { koi8: number; windows1251: number; isNeutral: boolean } {
  const lean = (chardetConfidence.get('koi8-r') ?? 0) - (chardetConfidence.get('windows-1251') ?? 0);
  if (lean >= KOI8_LEAN) return { koi8: 1, windows1251: 0.75, isNeutral: false };
  if (lean <= -KOI8_LEAN) return { koi8: KOI8_PRIOR * 0.75, windows1251: 1, isNeutral: false };
  return { koi8: KOI8_PRIOR, windows1251: 1, isNeutral: true };
}

/**
 * Returns the KOI8 reading that the windows-1251 one won over by the prior alone: as plausible (the same letters in the
 * other case, words all in one case: KOI8-R's `МВД` is windows-1251's `нчд`, and windows-1251's `млн` KOI8-R's `ЛКМ`),
 * of a page the file's state writes (Russia's, Ukraine's), with chardet leaning neither way (see koi8Factors). Nothing in
 * such a file tells the two apart: an abbreviation in capitals is KOI8 as often as a unit in small letters is
 * windows-1251, so the more common page is kept and the other reading named, never chosen silently.
 */
function koi8Alternative(
  readings: ReadonlyArray<{ name: string; text: string; plausible: number }>,
  decided: { name: string; text: string },
  pages: ReadonlySet<string> | undefined,
): { name: string; sample: string; chosen: string } | undefined {
  const chosen = readings.find((r) => r.name === decided.name);
  if (decided.name !== 'windows-1251' || chosen === undefined || pages === undefined) return undefined;
  const rival = readings.find((r) => r.name.startsWith('KOI8') && pages.has(r.name) && r.text !== chosen.text && r.plausible >= chosen.plausible - 0.05);
  return rival === undefined ? undefined : { name: rival.name, sample: firstWords(rival.text), chosen: firstWords(chosen.text) };
}

/**
 * Returns the reading the scores decide: the best one when it is plausible and clearly ahead of any different reading
 * (`text`), the first Windows page when the Windows pages all read the sample as the same symbols (`isSymbolsAlike`),
 * else the best guess (`implausible`).
 */
function decide(
  readings: ReadonlyArray<{ name: string; text: string; score: number; order: number }>,
  preferred?: string,
): { kind: 'text' | 'implausible'; name: string; text: string; confidence: number; isSymbolsAlike: boolean } {
  const top = readings[0]!;
  // among the pages that read the sample alike, name the caller's preferred one (a source's known page), else the one
  // listed first (the Windows page)
  const rank = (r: { name: string; order: number }): number => (r.name === preferred ? -1 : r.order);
  const best = readings.filter((r) => r.text === top.text).sort((a, b) => rank(a) - rank(b))[0]!;
  const rival = readings.find((r) => r.text !== best.text);
  // symbols alone (a © or a ° in an otherwise ASCII file) that every Windows page reads alike leave nothing to choose
  // between the pages Excel writes, though no letter makes the reading plausible: the first Windows page reads them
  const windows = readings.filter((r) => r.name.startsWith('windows-')).sort((a, b) => a.order - b.order);
  const isSymbolsAlike = new Set(windows.map((r) => r.text)).size === 1 && !/[\u0080-\u009f\ufffd]|\p{L}/u.test(windows[0]!.text.replace(/[\x00-\x7f]/g, ''));
  if (isSymbolsAlike) return { kind: 'text', name: windows[0]!.name, text: windows[0]!.text, confidence: 50, isSymbolsAlike };
  // plausible and ahead; or, for foreign words the region's letters score at half (`Données reçues`), half plausible
  // and far ahead of every different reading
  const margin = rival === undefined ? Infinity : top.score - rival.score;
  const isClear = (top.score >= MIN_PLAUSIBILITY && margin >= MIN_MARGIN) || (top.score >= MIN_FOREIGN_PLAUSIBILITY && margin >= MIN_FOREIGN_MARGIN);
  if (!isClear) return { kind: 'implausible', name: best.name, text: best.text, confidence: 0, isSymbolsAlike };
  return { kind: 'text', name: best.name, text: best.text, confidence: Math.round(Math.min(1, top.score) * 100), isSymbolsAlike };
}

/**
 * Returns true when the file at `path` is UTF-16 text without a byte-order mark (every other byte of its start NUL).
 * Such a file can be valid UTF-8 byte for byte (ASCII and Cyrillic are, their NULs included): readCsv asks this only
 * of a "UTF-8" file holding control characters, so that it is decoded as UTF-16 rather than read as NULs.
 */
export async function isUtf16WithoutBom(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(8192);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return utf16WithoutBom(buffer.subarray(0, bytesRead)) !== undefined;
  } finally {
    await handle.close();
  }
}

/**
 * Returns true when the file at `path` starts with the signature of a file that is not text (a ZIP archive, an Office
 * compound file, a PDF: see SIGNATURES). Such a file can be valid UTF-8 byte for byte (a ZIP of parts stored
 * uncompressed, all ASCII): readCsv asks this of a "UTF-8" file holding control characters, so that it is said to be
 * what it is rather than read as a header of control characters.
 */
export async function hasBinarySignature(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(4);
    const { bytesRead } = await handle.read(buffer, 0, 4, 0);
    return bytesRead === 4 && SIGNATURES.some(([bytes]) => bytes.every((b, i) => buffer[i] === b));
  } finally {
    await handle.close();
  }
}

/** Returns the encoding a byte-order mark at the start of `head` names (UTF-16 or UTF-32), or undefined. */
export function markedEncoding(head: Buffer): string | undefined {
  return BOMS.find(([bytes]) => bytes.every((b, i) => head[i] === b))?.[1];
}

/** Returns UTF-16LE or UTF-16BE for text without a byte-order mark whose every other byte is NUL, else undefined. */
export function utf16WithoutBom(head: Buffer): 'UTF-16LE' | 'UTF-16BE' | undefined {
  const pairs = Math.min(head.length >> 1, 4096);
  if (pairs < 8) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) evenNul++;
    if (head[2 * i + 1] === 0) oddNul++;
  }
  if (oddNul > pairs * 0.6 && evenNul < pairs * 0.05) return 'UTF-16LE';
  if (evenNul > pairs * 0.6 && oddNul < pairs * 0.05) return 'UTF-16BE';
  return undefined;
}

/** Returns the number of valid multi-byte UTF-8 sequences in `bytes` and of bytes that are not valid UTF-8. */
export function countUtf8(bytes: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length; ) {
    const byte = bytes[i]!;
    if (byte < 0x80) {
      i++;
      continue;
    }
    const need = byte >= 0xc2 && byte <= 0xdf ? 1 : byte >= 0xe0 && byte <= 0xef ? 2 : byte >= 0xf0 && byte <= 0xf4 ? 3 : -1;
    if (need > 0 && i + need >= bytes.length) break; // a sequence cut by the 4 MiB window is not judged
    let ok = need > 0;
    for (let k = 1; ok && k <= need; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += need + 1;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

/** The non-ASCII letters of the region's languages (lower case; upper case is added below), and how much each counts. */
const LANGUAGES: Array<{ letters: Set<string>; weight: number }> = ([
  { letters: 'čćđšž', weight: 1 }, // Croatian, Bosnian, Serbian and Montenegrin in Latin script, Slovenian
  { letters: 'ăâîșțşţ', weight: 1 }, // Romanian
  { letters: 'çë', weight: 1 }, // Albanian
  { letters: 'çğıİöşüâîû', weight: 1 }, // Turkish, Azerbaijani in Turkish code pages
  { letters: 'αβγδεζηθικλμνξοπρστυφχψωάέήίόύώϊϋΐΰς', weight: 1 }, // Greek
  { letters: 'абвгдежзийклмнопрстуфхцчшщъыьэюяё', weight: 1 }, // Russian
  { letters: 'абвгдежзийклмнопрстуфхцчшщьюяєіїґ', weight: 1 }, // Ukrainian
  { letters: 'абвгдежзийклмнопрстуфхцчшщъьюя', weight: 1 }, // Bulgarian
  { letters: 'абвгдђежзијклљмнњопрстћуфхцчџш', weight: 1 }, // Serbian, Montenegrin
  { letters: 'абвгдѓежзѕијклљмнњопрстќуфхцчџш', weight: 1 }, // Macedonian
  { letters: 'абвгдежзийклмнопрстуфхцчшщъыьэюяёі', weight: 1 }, // Moldovan Cyrillic names, Russian spellings
  // foreign names in comments (a Western European reading is the usual misreading of a Central European page)
  { letters: 'àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿœ', weight: 0.5 },
] as Array<{ letters: string; weight: number }>).map(({ letters, weight }) => ({ letters: new Set([...letters, ...letters.toUpperCase()]), weight }));

const LETTER = /\p{L}/u;
const TYPOGRAPHIC = new Set([...'\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2026\u00ab\u00bb']);
const SCRIPT = [/\p{Script=Latin}/u, /\p{Script=Cyrillic}/u, /\p{Script=Greek}/u];
const VOWELS = new Set([...'aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿăıœаеиоуыэюяёєіїαεηιουωάέήίόύώϊϋ'].flatMap((v) => [v, v.toUpperCase()]));
/** Letters a wrong Greek reading of Cyrillic produces but Greek text almost never holds. */
const RARE = new Set(['ΰ', 'ΐ']);
/**
 * Spellings Greek never has: ς inside a word or σ at its end, and two accents in one word (`λαταηςΐζθλαξ`, `Άλτένθσθ`:
 * Mac Greek read as windows-1253 and ISO-8859-7).
 */
const GREEK_ODD = /ς\p{L}|σ$|[άέήίόύώΐΰΆΈΉΊΌΎΏ].*[άέήίόύώΐΰΆΈΉΊΌΎΏ]/u;
/** Closing quotes: a word holding one after an opening mark is quoted, not misread. */
const CLOSING = new Set([...'\u2019\u201c\u201d\u00bb"']);
/** Letters no language of the region writes, which a Western page makes of Turkish ğ ş Ğ Ş and Croatian đ Đ. */
const MISREAD = new Set(['ð', 'þ', 'Ð', 'Þ']);
/**
 * Spellings no Cyrillic language of the region has: soft and hard signs and ы never start a word nor follow one
 * another (a wrong Cyrillic reading of Greek), the soft sign never follows a vowel, and й never follows a consonant
 * (`РТЕДЧБТЙФ`, windows-1251's reading of KOI8-R `предварит`; Serbian and Macedonian write ј, not й); and ў, a
 * Belarusian letter no language of the region writes, is what cp866 makes of Mac Cyrillic's ц and cp1125's і (`ОЎхэър`).
 */
const CYRILLIC_ODD = /(^|[ьъы])[ьъы]|[аеёиоуыэюяєії]ь|[бвгджзклмнпрстфхцчшщ]й|ў/u;

/**
 * Returns how plausible a decoded sample of words is as text of the region, 0–1: the share of its non-ASCII characters
 * that are letters of one of the region's languages, in words that read as words. A wrong code page is betrayed word
 * by word, and such a word counts for nothing: one mixing scripts (`Numгr`), with capitals after small letters
 * (`ЕллЬдб`, `ґРЭЭШ`: windows-1251's reading of ISO-8859-5), whose letters no one language has together
 * (`deđiţikliđi`, `Müdürlüđü`), or with letter pairs a language never has. C1 control characters and undefined bytes,
 * symbols between letters (`Ñðáè¼à`) and letters only a misreading produces (`ð`, `þ`: Turkish ğ and ş in a Western
 * page) are penalties besides; the score is scaled down when too few letters are vowels (`Κπθβθχνΰ`).
 */
export function plausibility(text: string): number {
  let total = 0;
  let penalty = 0;
  let letters = 0;
  let vowels = 0;
  const hits = LANGUAGES.map(() => 0);
  let mixed = 0;
  // a return repeats its few comments on thousands of rows: each distinct word is judged once, and counted as often as
  // it stands
  const counts = new Map<string, number>();
  for (const word of text.split(/\s+/)) if (/[^\x00-\x7f]/.test(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
  const isMacCyrillicRead = isMacCyrillicReading([...counts.keys()]);
  // (a closing quote ends a word: `»` between letters is none, `“кра»на` being Mac Cyrillic's `Україна`)
  const isQuoteClosed = /[\u2019\u201c\u201d\u00bb"](?!\p{L})/u.test(text);
  for (const [word, count] of counts) {
    const chars = [...word];
    const scripts = new Set<number>();
    // the languages that hold every non-ASCII letter of the word so far (undefined before the first such letter)
    let common: number[] | undefined;
    let high = 0;
    let isMisread = false;
    const wordHits = LANGUAGES.map(() => 0);
    let wordMixed = 0;
    let wordPenalty = 0;
    let wordLetters = 0;
    let wordVowels = 0;
    chars.forEach((char, i) => {
      const isHigh = char.charCodeAt(0) >= 0x80;
      // typographic punctuation (’ “ ” – … «») is what these pages share at the same bytes: it says nothing either way
      if (isHigh && !TYPOGRAPHIC.has(char)) high++;
      if (/[\u0080-\u009f\ufffd]/.test(char) || MISREAD.has(char)) {
        wordPenalty += 3;
        return;
      }
      // box-drawing characters (KOI8's 0x80-0xBF, where KOI8-U has і ї є ґ) are no text of a return
      if (/[\u2500-\u259f]/.test(char)) {
        wordPenalty += 3;
        isMisread = true;
        return;
      }
      if (!LETTER.test(char)) {
        const next = chars[i + 1];
        // a symbol between two letters (an apostrophe aside) is a letter misread
        if (char !== '\u2019' && i > 0 && i < chars.length - 1 && LETTER.test(chars[i - 1]!) && LETTER.test(chars[i + 1]!)) wordPenalty += 1;
        // so is a symbol or an opening quote before the small letters that start a word, closed by nothing at the word's
        // end (`„анные`, `“кра»на`, `°διλάνατα`: a Mac page's capital read in a Windows page)
        else if (isHigh && next !== undefined && LETTER.test(next) && next !== next.toUpperCase() && !chars.slice(0, i).some((c) => LETTER.test(c))
          && !chars.some((c, k) => k > i && CLOSING.has(c) && !chars.slice(k + 1).some((after) => LETTER.test(after)))) {
          // (an opening quote that a closing one follows somewhere costs nothing: a quotation of several words,
          // `„date provizorii”`, opens so)
          if (!TYPOGRAPHIC.has(char) || !isQuoteClosed) {
            wordPenalty += 1;
            isMisread = true;
          }
        }
        return;
      }
      wordLetters++;
      if (VOWELS.has(char)) wordVowels++;
      const script = SCRIPT.findIndex((re) => re.test(char));
      if (script >= 0) scripts.add(script);
      const previous = chars[i - 1];
      if (previous !== undefined && char !== char.toLowerCase() && previous !== previous.toUpperCase()) isMisread = true;
      if (isHigh) {
        LANGUAGES.forEach((language, l) => (wordHits[l]! += language.letters.has(char) ? (RARE.has(char) ? 0.2 : language.weight) : 0));
        // a download lists the world's names (Türkiye, Côte d’Ivoire): each letter also counts for the best language
        // it belongs to, within one script
        wordMixed += Math.max(0, ...LANGUAGES.map((language) => (language.letters.has(char) ? (RARE.has(char) ? 0.2 : language.weight) : 0)));
        const holders = LANGUAGES.flatMap((language, l) => (language.letters.has(char) ? [l] : []));
        if (holders.length > 0) common = common === undefined ? holders : common.filter((l) => holders.includes(l));
      }
    });
    total += high * count;
    penalty += wordPenalty * count;
    letters += wordLetters * count;
    vowels += wordVowels * count;
    if (scripts.size > 1 || (common !== undefined && common.length === 0) || CYRILLIC_ODD.test(word.toLowerCase()) || GREEK_ODD.test(word)) isMisread = true;
    if (isMacCyrillicRead && MAC_CYRILLIC_INITIAL.test(word)) isMisread = true;
    if (isMisread) continue;
    // (added once per occurrence, as the words were one by one)
    for (let k = 0; k < count; k++) {
      wordHits.forEach((hit, l) => (hits[l]! += hit));
      mixed += wordMixed;
    }
  }
  if (total === 0) return 0;
  const vowelShare = letters === 0 ? 0 : vowels / letters;
  // (too few letters to judge the vowels of: a single-letter cell)
  return (Math.max(0, Math.max(...hits, mixed) - penalty) / total) * (letters < 6 ? 1 : Math.min(1, vowelShare / 0.3));
}

/** What windows-1251 makes of Mac Cyrillic's capitals at 0x80-0x9F, as a word's first letter (`Џересмотрено`). */
const MAC_CYRILLIC_INITIAL = /^[^\p{L}]*[ЂЃЉЊЌЋЏђѓљњќћџ]/u;

/**
 * Returns true when the words read as Mac Cyrillic read in windows-1251: every word that starts with a capital (or with
 * one of the Serbian and Macedonian letters) starts with one windows-1251 makes of a Mac capital (Mac's П М К О read as
 * Џ Њ Љ Ћ, its Д as „, its Р as ђ), and no word holds a Serbian or Macedonian letter after another letter, as Serbian
 * and Macedonian text does (`унутрашњих`). Such words are misread (see plausibility).
 */
function isMacCyrillicReading(words: string[]): boolean {
  let initials = 0;
  for (const word of words) {
    const initial = /^[^\p{L}]*(\p{L})/u.exec(word)?.[1];
    if (initial === undefined || !/\p{Script=Cyrillic}/u.test(initial)) continue;
    if (/\p{L}[ђћљњџќѓ]/iu.test(word)) return false;
    const isMac = MAC_CYRILLIC_INITIAL.test(word);
    if (initial !== initial.toLowerCase() && !isMac) return false;
    if (isMac) initials++;
  }
  return initials > 0;
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
const STATE_DOS_PAGES: Record<string, readonly string[]> = {
  ALB: ['cp852'], ARM: ['cp866'], AZE: ['cp857', 'cp866'], BIH: ['cp852', 'cp855', 'cp866'], BGR: ['cp866', 'cp855'],
  HRV: ['cp852'], GEO: ['cp866'], GRC: ['cp737', 'cp869'], CYP: ['cp737', 'cp869'], XKX: ['cp852', 'cp855'],
  MDA: ['cp852', 'cp866'], MNE: ['cp852', 'cp855', 'cp866'], MKD: ['cp866', 'cp855', 'cp852'], ROU: ['cp852'],
  RUS: ['cp866'], SRB: ['cp852', 'cp855', 'cp866'], SVN: ['cp852'], TUR: ['cp857'], UKR: ['cp866', 'cp1125'],
};

/**
 * Returns the code pages (of `table`: the Windows and ISO pages, or the DOS pages) of the states the rows of `head`
 * report, or undefined when no line holds a state's code as a cell. A state counts when its code stands on at least half as many lines as the most frequent code (REF_AREA, on
 * every row; each state of an export of several): a partner state in COUNTERPART_AREA (Türkiye as the origin of a
 * Moldovan seizure) says nothing of the file's page, and its page as a rival would make a tie of a Romanian `ţ`, which
 * windows-1254 reads as the Turkish `ş`.
 */
function statesPages(head: Buffer, table: Record<string, readonly string[]> = STATE_PAGES): Set<string> | undefined {
  const text = head.subarray(0, 65536).toString('latin1');
  const linesOf = new Map<string, number>();
  for (const line of text.split(/\r\n?|\n/)) {
    const codes = new Set([...line.matchAll(/(?:^|[,;\t|"])([A-Z]{3})(?=[,;\t|"]|$)/g)].map((match) => match[1]!).filter((code) => code in STATE_PAGES));
    for (const code of codes) linesOf.set(code, (linesOf.get(code) ?? 0) + 1);
  }
  const most = Math.max(0, ...linesOf.values());
  const pages = new Set<string>();
  for (const [code, lines] of linesOf) if (2 * lines >= most) for (const page of table[code]!) pages.add(page);
  return pages.size === 0 ? undefined : pages;
}

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

/**
 * Returns where a refused file's likeliest reading (`decode`) first reads a word implausibly (see plausibility): its
 * physical line (lines break at CR LF, LF or a bare CR), the first words from it on (the sample a message shows), and
 * the line's text before it (undefined when the
 * line starts inside a quoted cell, whose cells the line alone does not tell); else the first line holding a non-ASCII
 * byte, its first such word. Lines read as UTF-8 (see withoutUtf8Lines) are passed over. Undefined when `head` holds
 * no such line.
 */
function firstImplausible(head: Buffer, decode: (bytes: Buffer) => string): { line: number; words: string; before: string | undefined } | undefined {
  let first: { line: number; words: string; before: string | undefined } | undefined;
  const judged = new Map<string, boolean>();
  let isQuoted = false;
  let line = 0;
  for (const raw of head.toString('latin1').split(/\r\n|\r|\n/)) {
    line++;
    const isContinued = isQuoted;
    // (an escaped quote, "", keeps the count's parity)
    if ((raw.split('"').length - 1) % 2 === 1) isQuoted = !isQuoted;
    if (!/[\x80-\xff]/.test(raw)) continue;
    const bytes = Buffer.from(raw, 'latin1');
    const { valid, invalid } = countUtf8(bytes);
    if (valid > 0 && invalid === 0) continue;
    const text = decode(bytes);
    for (const match of text.matchAll(/[^\s,;\t|"]+/g)) {
      const word = match[0];
      if (!/[^\x00-\x7f]/.test(word)) continue;
      // (a return repeats its few words on every row: each distinct word is judged once)
      const isPlausible = judged.get(word) ?? plausibility(word) >= MIN_PLAUSIBILITY;
      judged.set(word, isPlausible);
      if (!isPlausible || first === undefined) {
        const found = { line, words: firstWords(text.slice(match.index)), before: isContinued ? undefined : text.slice(0, match.index) };
        if (!isPlausible) return found;
        first = found;
      }
    }
  }
  return first;
}

/** Returns the first few words of a reading that hold non-ASCII letters (to show what a wrong guess looks like). */
function firstWords(text: string): string {
  return text.split(/\s+/).filter((w) => /[^\x00-\x7f]/.test(w)).slice(0, 3).join(' ');
}

/**
 * Returns `bytes` without the lines that are valid UTF-8 with a multi-byte letter: pasted from a UTF-8 file, they are
 * read as UTF-8 (see convertToUtf8) and say nothing of the code page of the rest.
 */
function withoutUtf8Lines(bytes: Buffer): Buffer {
  const kept: Buffer[] = [];
  for (let start = 0; start < bytes.length; ) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline < 0 ? bytes.length : newline + 1;
    const line = bytes.subarray(start, end);
    const { valid, invalid } = countUtf8(line);
    if (valid === 0 || invalid > 0) kept.push(line);
    start = end;
  }
  return kept.length === 0 ? bytes : Buffer.concat(kept);
}

/**
 * Returns the text runs that hold non-ASCII bytes (up to 256 KiB), space-separated: the ASCII bulk of a return
 * (codes, numbers, delimiters) says nothing about its code page and dilutes the detector's statistics, so only the
 * words that matter are analysed.
 */
function nonAsciiWords(bytes: Buffer): Buffer {
  const out: number[] = [];
  let word: number[] = [];
  let hasHigh = false;
  const flush = (): void => {
    if (hasHigh) out.push(...word, 32);
    word = [];
    hasHigh = false;
  };
  for (let i = 0; i < bytes.length && out.length < 262144; i++) {
    const byte = bytes[i]!;
    const isLetter = byte >= 0x80 || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || byte === 0x20;
    if (!isLetter) flush();
    else {
      word.push(byte);
      if (byte >= 0x80) hasHigh = true;
    }
  }
  flush();
  return out.length > 0 ? Buffer.from(out) : bytes;
}

/**
 * Writes `source`, decoded from `encoding`, to `target` as UTF-8 (streaming), and returns the physical lines read as
 * UTF-8 instead. With `hasBareCr`, every bare CR line break (old Mac spreadsheets) becomes LF, so that lines are what an
 * editor shows; with `hasMixedBreaks`, every CR LF becomes LF, so that a file breaking some lines with CR LF and others
 * with LF alone (rows added in an editor, files joined) has one kind, which DuckDB's reader needs.
 *
 * In a single-byte code page (windows-125x, ISO-8859-x, Mac Roman), a line that is valid UTF-8 with at least one
 * multi-byte letter, and reads more plausibly so (see {@link plausibility}), was pasted from a UTF-8 file: it is
 * decoded as UTF-8, not garbled (`Жертви`, not `Р–РµСЂС‚РІРё`), and its number returned for the caller to report.
 * Lines are split at LF, so a bare-CR file is decoded whole.
 */
export async function convertToUtf8(source: string, target: string, encoding: string, hasBareCr = false, hasMixedBreaks = false): Promise<number[]> {
  let pendingCr = false;
  const newlines = new Transform({
    objectMode: true,
    transform(text: string, _encoding, done) {
      let chunk = (pendingCr ? '\r' : '') + text;
      pendingCr = chunk.endsWith('\r');
      if (pendingCr) chunk = chunk.slice(0, -1);
      done(null, hasBareCr ? chunk.replace(/\r\n?/g, '\n') : hasMixedBreaks ? chunk.replace(/\r\n/g, '\n') : chunk);
    },
    flush(done) {
      done(null, pendingCr ? '\n' : '');
    },
  });
  const { default: iconv } = await import('iconv-lite');
  const utf8Lines: number[] = [];
  const isSingleByte = (/^(windows-|iso-8859-|koi8-|mac)/i.test(encoding) || isDosPage(encoding)) && !hasBareCr;
  const decoder = isSingleByte ? decodeLines((bytes) => iconv.decode(bytes, encoding), utf8Lines) : iconv.decodeStream(encoding);
  await pipeline(createReadStream(source), decoder, newlines, iconv.encodeStream('utf8'), createWriteStream(target));
  return utf8Lines;
}

/**
 * Returns a stream decoding bytes line by line with `decode` (a single-byte code page), bar the lines that read as
 * UTF-8 (see convertToUtf8), whose numbers are pushed to `utf8Lines`. Runs of such lines are decoded at once.
 */
function decodeLines(decode: (bytes: Buffer) => string, utf8Lines: number[]): Transform {
  let carry = Buffer.alloc(0);
  let line = 1;
  const take = (bytes: Buffer, isFinal: boolean): string => {
    let out = '';
    // a UTF-8 byte-order mark before text in a code page (an editor's "Encode in UTF-8-BOM" on a windows-1251 file) is
    // no text of the page: read in it, "п»ї" or "ï»¿" would start the first column's name
    const isBomFirst = line === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    let runStart = isBomFirst ? 3 : 0;
    let start = runStart;
    while (start < bytes.length) {
      const newline = bytes.indexOf(0x0a, start);
      if (newline < 0 && !isFinal) break;
      const end = newline < 0 ? bytes.length : newline + 1;
      const text = readsAsUtf8(bytes.subarray(start, end), decode);
      if (text !== undefined) {
        out += decode(bytes.subarray(runStart, start)) + text;
        runStart = end;
        utf8Lines.push(line);
      }
      line++;
      start = end;
    }
    carry = Buffer.from(bytes.subarray(start));
    return out + decode(bytes.subarray(runStart, start));
  };
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, done) {
      done(null, take(carry.length === 0 ? chunk : Buffer.concat([carry, chunk]), false));
    },
    flush(done) {
      done(null, take(carry, true));
    },
  });
}

/** Returns the line decoded as UTF-8 when it is valid UTF-8 with a multi-byte letter and reads better so, else undefined. */
function readsAsUtf8(bytes: Buffer, decode: (bytes: Buffer) => string): string | undefined {
  const { valid, invalid } = countUtf8(bytes);
  if (valid === 0 || invalid > 0) return undefined;
  // judged on the words that hold non-ASCII bytes, as the file was (codes and numbers say nothing)
  const words = nonAsciiWords(bytes);
  return plausibility(words.toString('utf8')) > plausibility(decode(words)) ? bytes.toString('utf8') : undefined;
}
