import { open } from 'node:fs/promises';
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';

/** What a file that is not UTF-8 was found to be: text in a code page, or not text at all. */
export type DetectedEncoding =
  | {
      kind: 'text';
      /** The encoding name as iconv-lite knows it, e.g. `windows-1251`. */
      name: string;
      /** chardet's confidence, 0–100 (100 for a byte-order mark). */
      confidence: number;
    }
  | { kind: 'binary'; what: string };

/**
 * Encodings a member state's spreadsheet software plausibly writes: the Windows and ISO-8859 code pages of the region
 * (Latin, Cyrillic, Greek, Turkish), KOI8, and UTF-16/32. A guess outside this list is not trusted.
 */
const PLAUSIBLE = /^(windows-125\d|ISO-8859-\d+|KOI8-[RU])$/i;

/** Signatures of files that are not text: what a spreadsheet saved in its own format starts with. */
const SIGNATURES: Array<[number[], string]> = [
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (an .xlsx or .ods workbook?)'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an old-style Excel workbook (.xls)'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
];
const BOMS: Array<[number[], string]> = [
  [[0xff, 0xfe, 0x00, 0x00], 'UTF-32LE'],
  [[0x00, 0x00, 0xfe, 0xff], 'UTF-32BE'],
  [[0xff, 0xfe], 'UTF-16LE'],
  [[0xfe, 0xff], 'UTF-16BE'],
];

/**
 * Returns the most likely encoding of a file that failed UTF-8 decoding, or `undefined` when no plausible
 * encoding fits. Reads at most the first 4 MiB.
 */
export async function detectEncoding(path: string): Promise<DetectedEncoding | undefined> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(4 << 20);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, bytesRead);
    const startsWith = (bytes: number[]): boolean => bytes.every((b, i) => head[i] === b);
    for (const [bytes, what] of SIGNATURES) if (startsWith(bytes)) return { kind: 'binary', what };
    for (const [bytes, name] of BOMS) if (startsWith(bytes)) return { kind: 'text', name, confidence: 100 };
    if (head.includes(0)) return { kind: 'binary', what: 'binary data (it holds NUL bytes)' };
    // loaded here, for the few files that are not UTF-8, not at every start
    const [{ default: chardet }, { default: iconv }] = await Promise.all([import('chardet'), import('iconv-lite')]);
    const plausible = (sample: Buffer) => chardet.analyse(sample).find((match) => PLAUSIBLE.test(match.name) && iconv.encodingExists(match.name));
    // the words carry the signal; a file with only a symbol or two (©, °) needs the whole text for a guess
    const candidate = plausible(nonAsciiWords(head)) ?? plausible(head);
    return candidate === undefined ? undefined : { kind: 'text', name: candidate.name, confidence: candidate.confidence };
  } finally {
    await handle.close();
  }
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
 * Writes `source`, decoded from `encoding`, to `target` as UTF-8 (streaming). With `hasBareCr`, every bare CR line
 * break (old Mac spreadsheets) becomes LF, so that lines are what an editor shows.
 */
export async function convertToUtf8(source: string, target: string, encoding: string, hasBareCr = false): Promise<void> {
  let pendingCr = false;
  const newlines = new Transform({
    objectMode: true,
    transform(text: string, _encoding, done) {
      let chunk = (pendingCr ? '\r' : '') + text;
      pendingCr = chunk.endsWith('\r');
      if (pendingCr) chunk = chunk.slice(0, -1);
      done(null, hasBareCr ? chunk.replace(/\r\n?/g, '\n') : chunk);
    },
    flush(done) {
      done(null, pendingCr ? '\n' : '');
    },
  });
  const { default: iconv } = await import('iconv-lite');
  await pipeline(createReadStream(source), iconv.decodeStream(encoding), newlines, iconv.encodeStream('utf8'), createWriteStream(target));
}
