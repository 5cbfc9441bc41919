import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { isDosPage } from './code-pages.js';
import { countUtf8 } from './sniff-file-type.js';
import { nonAsciiWords, plausibility } from './plausibility.js';

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
