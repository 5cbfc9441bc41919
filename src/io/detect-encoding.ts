import { open } from 'node:fs/promises';
import { hasBareCrBreaks } from './has-bare-cr-breaks.js';
import {
  CANDIDATES, CRLF_MAC_FACTOR, DOS_PAGES, DOS_PRIOR, DOS_UKRAINIAN, isDosPage, koi8Factors, MAC_PAGES, MAC_ROMAN, MAC_ROMAN_PRIOR, MAC_ROMAN_VARIANT_STATES, MAC_ROMAN_VARIANTS, MAC_UKRAINE,
  fileStates, isForeignMacPage, STATE_DOS_PAGES, statesPages,
} from './code-pages.js';
import { type Candidates, firstWords, readForeign, type Reading, type Usual } from './read-foreign.js';
import { countUtf8, describeContents, markedEncoding, SIGNATURES, utf16WithoutBom } from './sniff-file-type.js';
import { MIN_FOREIGN_MARGIN, MIN_FOREIGN_PLAUSIBILITY, MIN_MARGIN, MIN_PLAUSIBILITY, nonAsciiWords, plausibility } from './plausibility.js';


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
      /** For a page none of the file's states uses (see readForeign): the states, their usual pages and that reading. */
      usual?: Usual | undefined;
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
      /** For a file its states' pages read as no text (see readForeign): the other pages that read it as letters. */
      candidates?: Candidates | undefined;
    }
  /** Not text: `what` it is; `workbook`, for a spreadsheet's own format, how to save it as CSV. */
  | { kind: 'binary'; what: string; workbook?: { hint: string } | undefined };

/** How much an ISO page's plausibility counts: below 1 − MIN_MARGIN, so that a tie goes to the Windows page. */
const ISO_PRIOR = 0.8;

/**
 * Returns what a file that failed UTF-8 decoding holds. Reads at most the first 4 MiB.
 *
 * - a byte-order mark, or UTF-16 text without one (every other byte NUL): UTF-16/32;
 * - mostly valid UTF-8 with a few bytes that are not (at least as many valid multi-byte letters as bad bytes):
 *   `damaged-utf8`, so that the good lines are not garbled by a code page;
 * - else the words holding non-ASCII bytes are decoded with every {@link CANDIDATES} code page and scored (see
 *   {@link plausibility}, with chardet's confidence as a small tie-breaker): the best reading wins when it is
 *   plausible and clearly ahead of any different reading, else the file is `implausible`. Of pages that read it
 *   alike, `preferred` (a source's known code page) is the one named;
 * - a page none of the file's states uses counts at half its score; a file so refused (or left to a Mac page of a
 *   script none of them writes) is weighed again with every page alike, and read in a page of another language when
 *   the words say so clearly (see readForeign: `usual` names the states' pages), else refused with the pages that read
 *   it as letters (`candidates`).
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
    const decode = (bytes: Buffer, name: string): string => iconv.decode(bytes, name);
    const states = fileStates(head);
    const evidence: Evidence = { head, sample, decode, chardetConfidence, koi8: koi8Factors(chardetConfidence), preferred, states };
    const judged = judge(evidence, statesPages(states), statesPages(states, STATE_DOS_PAGES));
    // a page none of the file's states uses is doubtful, yet a return saved on a computer set to another language
    // (Russian comments in a Romanian return) is in one: a file the states' pages refuse, or leave to a Mac page of a
    // script none of the states writes (`Ρύμμϊε οπεδβύπηρεκϋμϊε`, Mac Greek's reading of that Russian), is weighed
    // with every page alike, see readForeign
    const isDoubted = states !== undefined && (judged.kind === 'implausible' || isForeignMacPage(states, judged.name));
    const foreign = isDoubted ? readForeign(sample, decode, states, judge(evidence, undefined, undefined)) : undefined;
    if (foreign?.kind === 'text' && (judged.kind === 'implausible' || foreign.name !== judged.name)) {
      return { ...foreign, head: decodeHead(foreign.name) };
    }
    if (judged.kind === 'text') {
      const { name, confidence, alternative } = judged;
      return { kind: 'text', name, confidence, head: decodeHead(name), alternative };
    }
    const { name, text } = judged;
    const at = firstImplausible(head, (bytes) => decode(bytes, name));
    const candidates = foreign?.kind === 'candidates' ? foreign : undefined;
    return { kind: 'implausible', guess: name, sample: at?.words ?? firstWords(text), head: decodeHead(name), at, candidates };
  } finally {
    await handle.close();
  }
}

/** What detectEncoding weighs a file on: its first bytes, the words holding non-ASCII bytes, and chardet's view of them. */
interface Evidence {
  head: Buffer;
  sample: Buffer;
  decode: (bytes: Buffer, name: string) => string;
  chardetConfidence: ReadonlyMap<string, number>;
  koi8: { koi8: number; windows1251: number; isNeutral: boolean };
  preferred: string | undefined;
  /** The states the rows report (see fileStates). */
  states: readonly string[] | undefined;
}

/** What judge finds: a page that reads the sample clearly, else the likeliest one, with every reading weighed. */
type Judged =
  | {
      kind: 'text';
      name: string;
      confidence: number;
      alternative?: { name: string; sample: string; chosen: string } | undefined;
      readings: Reading[];
    }
  | { kind: 'implausible'; name: string; text: string; readings: Reading[] };

/**
 * Returns how the pages read `evidence`'s sample: each of {@link CANDIDATES} is scored (see {@link plausibility}, with
 * chardet's confidence as a small tie-breaker), the Mac and DOS pages as fallbacks. A page that is not of `pages`
 * (or, for a DOS page, of `dosPages`), the pages of the file's states, counts at half its score; undefined weighs
 * every page alike.
 */
function judge(evidence: Evidence, pages: ReadonlySet<string> | undefined, dosPages: ReadonlySet<string> | undefined): Judged {
  const { head, sample, decode, chardetConfidence, koi8, preferred, states } = evidence;
  const readings = CANDIDATES.map((name, order) => {
    const text = decode(sample, name);
    // Excel writes the Windows pages; the ISO and KOI8 pages are rare, so an ISO reading as plausible as a Windows one
    // loses by more than a coin toss's margin (ISO-8859-5's `юіхэър` against windows-1251's `оценка`, a Russian
    // return's one comment, refused as a coin toss at 0.9). A page none of the file's states uses (Turkish in a
    // Romanian return, Cyrillic in a Greek one) is doubtful.
    const prior = name.startsWith('ISO') ? ISO_PRIOR : name.startsWith('KOI8') ? koi8.koi8 : name === 'windows-1251' ? koi8.windows1251 : 1;
    const plausible = plausibility(text);
    const score = plausible * prior * (pages !== undefined && !pages.has(name) ? 0.5 : 1);
    // chardet's statistics only break near-ties
    return { name, text, plausible, score, order, rank: score + 0.05 * ((chardetConfidence.get(name.toLowerCase()) ?? 0) / 100) };
  }).sort((a, b) => b.rank - a.rank);
  const decided = decide(readings, preferred);
  const weighed: Reading[] = [...readings];
  const read = (name: string, prior: number): { name: string; text: string; score: number } => {
    const text = decode(sample, name);
    return { name, text, score: plausibility(text) * prior };
  };
  // the Mac pages' readings (Mac Roman's and Mac Cyrillic's variants weighed against them, see variant)
  const macReadings = (): { name: string; text: string; score: number }[] => MAC_PAGES.map((page) => {
    const reading = read(page, MAC_ROMAN_PRIOR);
    // (Mac Roman's Turkish and Romanian variants, in their states' returns: the more plausible, against the plain page)
    if (page === MAC_ROMAN) {
      const variants = MAC_ROMAN_VARIANTS.filter((name) => MAC_ROMAN_VARIANT_STATES[name].some((code) => states?.includes(code)));
      return variants.reduce((kept, name) => variant(kept, read(name, MAC_ROMAN_PRIOR)), reading);
    }
    return page === 'maccyrillic' ? variant(reading, read(MAC_UKRAINE, MAC_ROMAN_PRIOR)) : reading;
  }).sort((a, b) => b.score - a.score);
  // Mac Roman is a fallback, never a rival: a file one of the pages above reads clearly keeps that reading, and only
  // a file they would refuse or read as symbols alone (Mac Roman's é ü ç ë, bytes 0x80-0x9F, are punctuation in the
  // Windows pages) is read in it, when it reads plausibly and clearly ahead of every other reading
  // (or, for the Mac Cyrillic and Greek pages, which a Windows page reads as words some of which are plausible, one that
  // reads the file only half plausibly, as foreign words: see decide)
  if (decided.kind !== 'text' || decided.isSymbolsAlike || decided.confidence < MIN_PLAUSIBILITY * 100) {
    const isAheadOf = (best: { text: string; score: number }) => (r: { text: string; score: number }): boolean => r.text === best.text || best.score - r.score >= MIN_MARGIN;
    const macs = macReadings();
    // the DOS pages, Excel's "CSV (MS-DOS)", are fallbacks too, their letters the Windows pages' symbols and box
    // drawing; they and the Mac pages read each other's bytes as letters (`tâ`, Mac Roman's reading of cp852's `të`),
    // so one of them is taken only when clearly ahead of the others too. "CSV (MS-DOS)" ends lines with CR LF: a file
    // with bare CR breaks, as "CSV (Macintosh)" writes, is never read in a DOS page
    const text = head.subarray(0, 65536).toString('latin1');
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
      return { kind: 'text', name: best!.name, confidence: Math.round(Math.min(1, best!.score) * 100), readings: [...weighed, ...fallbacks] };
    }
    weighed.push(...fallbacks);
  }
  if (decided.kind === 'implausible') return { kind: 'implausible', name: decided.name, text: decided.text, readings: weighed };
  // a file with bare CR line breaks ("CSV (Macintosh)") that a Mac page reads plausibly too, otherwise (`Număr`, Mac
  // Romanian's, where windows-1250 reads `Numľr`): the reading is kept, and the Mac one named, as nothing tells them apart
  const mac = hasBareCrBreaks(head.subarray(0, 65536).toString('latin1'))
    ? macReadings().find((r) => r.text !== decided.text && r.score >= MIN_PLAUSIBILITY * MAC_ROMAN_PRIOR) : undefined;
  const alternative = (koi8.isNeutral ? koi8Alternative(readings, decided, pages) : undefined)
    ?? (mac === undefined ? undefined : { name: mac.name, sample: firstWords(mac.text), chosen: firstWords(decided.text) });
  // (a coin toss the prior settled is no confidence)
  const confidence = alternative === undefined ? decided.confidence : Math.min(decided.confidence, 50);
  return { kind: 'text', name: decided.name, confidence, alternative, readings: weighed };
}

/**
 * Returns the variant's reading (Mac Cyrillic's Ukrainian macukraine, cp866's cp1125, Mac Roman's Turkish and Romanian
 * pages) when it differs from the plain one (the file holds the bytes of ґ or Ґ, of cp1125's і, of ğ or ă) and reads
 * more plausibly (`ґрунтується`, not
 * `∂рунтується`; with `isTieUkrainian`, as plausibly), else the plain one: the two are one page, a rival would make
 * a tie of a file with a single ґ.
 */
function variant<T extends { text: string; score: number }>(plain: T, ukrainian: T, isTieUkrainian = false): T {
  return ukrainian.text !== plain.text && (ukrainian.score > plain.score || (isTieUkrainian && ukrainian.score === plain.score)) ? ukrainian : plain;
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
  // (a symbol between two letters, an apostrophe aside, is a letter misread, not a symbol: `P‘rgjithshme`, the Windows
  // pages' reading of Mac Roman `Përgjithshme`, was taken so and the file converted garbled)
  const isSymbolsAlike = new Set(windows.map((r) => r.text)).size === 1 && !/[\u0080-\u009f\ufffd]|\p{L}/u.test(windows[0]!.text.replace(/[\x00-\x7f]/g, ''))
    && !/\p{L}[^\x00-\x7f\p{L}\u2019]\p{L}/u.test(windows[0]!.text);
  if (isSymbolsAlike) return { kind: 'text', name: windows[0]!.name, text: windows[0]!.text, confidence: 50, isSymbolsAlike };
  // plausible and ahead; or, for foreign words the region's letters score at half (`Données reçues`), half plausible
  // and far ahead of every different reading
  const margin = rival === undefined ? Infinity : top.score - rival.score;
  const isClear = (top.score >= MIN_PLAUSIBILITY && margin >= MIN_MARGIN) || (top.score >= MIN_FOREIGN_PLAUSIBILITY && margin >= MIN_FOREIGN_MARGIN);
  if (!isClear) return { kind: 'implausible', name: best.name, text: best.text, confidence: 0, isSymbolsAlike };
  return { kind: 'text', name: best.name, text: best.text, confidence: Math.round(Math.min(1, top.score) * 100), isSymbolsAlike };
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
