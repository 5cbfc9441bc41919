import { open } from 'node:fs/promises';
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import chardet from 'chardet';
import iconv from 'iconv-lite';

/** What a file that is not UTF-8 was found to be. */
export interface DetectedEncoding {
  /** The encoding name as iconv-lite knows it, e.g. `windows-1251`. */
  name: string;
  /** chardet's confidence, 0–100. */
  confidence: number;
}

/**
 * Encodings a member state's spreadsheet software plausibly writes: the Windows and ISO-8859 code pages of the region
 * (Latin, Cyrillic, Greek, Turkish), KOI8, and UTF-16/32. A guess outside this list is not trusted.
 */
const PLAUSIBLE = /^(windows-125\d|ISO-8859-\d+|KOI8-[RU]|UTF-16(LE|BE)?|UTF-32(LE|BE)?)$/i;

/**
 * Returns the most likely encoding of a file that failed UTF-8 decoding, or `undefined` when no plausible
 * encoding fits. Reads at most the first 4 MiB.
 */
export async function detectEncoding(path: string): Promise<DetectedEncoding | undefined> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(4 << 20);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const sample = nonAsciiWords(buffer.subarray(0, bytesRead));
    const candidate = chardet.analyse(sample).find((match) => PLAUSIBLE.test(match.name) && iconv.encodingExists(match.name));
    return candidate === undefined ? undefined : { name: candidate.name, confidence: candidate.confidence };
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

/** Writes `source`, decoded from `encoding`, to `target` as UTF-8 (streaming; line breaks are kept). */
export async function convertToUtf8(source: string, target: string, encoding: string): Promise<void> {
  await pipeline(createReadStream(source), iconv.decodeStream(encoding), iconv.encodeStream('utf8'), createWriteStream(target));
}
