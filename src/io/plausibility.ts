// How plausible a decoded reading is as text of the region's languages (see plausibility), the scores a reading must
// reach to be trusted, and the sample of a file's words it is judged on (see nonAsciiWords).

/** Below this plausibility (0–1) no reading is trusted: the file is refused rather than converted garbled. */
export const MIN_PLAUSIBILITY = 0.75;
/** Two different readings closer than this are a coin toss: the file is refused. */
export const MIN_MARGIN = 0.15;
/** A reading this plausible is trusted when it is this far ahead of every different one (see decide). */
export const MIN_FOREIGN_PLAUSIBILITY = 0.5;
export const MIN_FOREIGN_MARGIN = 0.5;

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
 * Spellings Greek never has: ς inside a word or σ at its end, two accents in one word (`λαταηςΐζθλαξ`, `Άλτένθσθ`:
 * Mac Greek read as windows-1253 and ISO-8859-7), and ϊ or ϋ, which part a vowel from the one before it (`προϊόν`,
 * `προϋπόθεση`), after a consonant or starting a word (`Ρύμμϊε οπεδβύπηρεκϋμϊε`: Mac Greek's reading of windows-1251
 * `Данные предварительные`).
 */
const GREEK_ODD = /ς\p{L}|σ$|[άέήίόύώΐΰΆΈΉΊΌΎΏ].*[άέήίόύώΐΰΆΈΉΊΌΎΏ]|(^|[^αεηιουωάέήίόύώΑΕΗΙΟΥΩΆΈΉΊΌΎΏ])[ϊϋΪΫ]/u;
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
 * Returns the text runs that hold non-ASCII bytes (up to 256 KiB), space-separated: the ASCII bulk of a return
 * (codes, numbers, delimiters) says nothing about its code page and dilutes the detector's statistics, so only the
 * words that matter are analysed.
 */
export function nonAsciiWords(bytes: Buffer): Buffer {
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
