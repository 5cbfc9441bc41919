import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';

/**
 * The structure of a delimited text file as far as line accounting needs it, found in one streaming pass over the
 * bytes: how many physical lines it has, which are blank, which records span several lines (quoted newlines), and
 * whether a quote was left open at the end. DuckDB's `read_csv` does the parsing; this scan lets every parsed
 * record be tied back to the physical line it started on, and shows where a stray quote swallowed lines.
 */
export interface CsvScan {
  sizeBytes: number;
  /** True when every byte sequence is valid UTF-8 (a BOM is allowed). */
  isUtf8: boolean;
  hasBom: boolean;
  /**
   * True when the file starts with a byte-order mark converted to UTF-8 twice (`ï»¿`, the bytes C3 AF C2 BB C2 BF: a
   * UTF-8 file with a BOM read as windows-1252 or Latin-1 and saved as UTF-8 again), after a BOM or not: skipped like a
   * BOM, so that the header's first name reads as written (see readCsv, which warns).
   */
  hasDoubleUtf8Bom: boolean;
  /** Number of physical lines; a final line break does not start another line. */
  lineCount: number;
  /** Physical lines that are empty (or hold only a carriage return) outside any quoted field. */
  blankLines: number[];
  /** Records whose quoted fields span several physical lines: [first line, last line]. */
  multiLineRecords: Array<[number, number]>;
  /** The physical line on which a quote was opened and never closed, if any. */
  unterminatedQuoteLine: number | undefined;
  /**
   * Every record whose quoted cell stays open over a line break (those of `multiLineRecords`, and the unterminated
   * one), with the cell the quote opens and how many of the lines it takes in look like rows: a comment on two lines
   * takes in none, a stray quote takes in the rows below it.
   */
  openQuotes: OpenQuote[];
  /** The first line with any content: the header. */
  headerLine: number | undefined;
  /** The header's raw text (without the line break or BOM), decoded as UTF-8. */
  headerText: string;
  /** The cell delimiter (given, or chosen from the header line). */
  delimiter: string;
  /**
   * True when the start of the file breaks lines with a bare CR (old Mac spreadsheets): see readCsv. A CR inside a
   * quoted cell is the cell's content, not a line break.
   */
  hasBareCr: boolean;
  /**
   * True when some lines end with CR LF and others with LF alone, outside quoted cells (rows added in an editor, files
   * joined): DuckDB's reader takes one kind per file (see readCsv).
   */
  hasMixedBreaks: boolean;
  /**
   * True when some byte is a C0 control character a spreadsheet never writes (anything below U+0020 but tab, LF and
   * CR; a Ctrl-Z that ends the file is an old end-of-file mark and does not count): see readCsv.
   */
  hasControls: boolean;
  /** True when some line outside quotes holds only spaces, tabs or Ctrl-Z: read as a row, reported as blank. */
  hasWhitespaceLines: boolean;
  /**
   * True when the bytes hold the mark of text converted to UTF-8 twice (see hasDoubleUtf8Mark): only then are the
   * values looked at for it (see readCsv).
   */
  hasDoubleUtf8Mark: boolean;
  /** The delimiter named by an Excel `sep=` first line, which was skipped (not a header, not a record). */
  sepLine: string | undefined;
}

/** A quoted cell that runs over a line break: see CsvScan.openQuotes. */
export interface OpenQuote {
  /** The physical line the record starts on, at whose end the quote is still open. */
  line: number;
  /** The record's last line: where the quote closes, or the file's last line when it never does. */
  lastLine: number;
  /** 0-based index of the cell whose quote is open at the end of `line` (undefined past the first 64 KiB of a line). */
  cell: number | undefined;
  /** That cell as written on `line` (its first 200 characters, the opening quote included). */
  text: string;
  /**
   * Lines after `line` in the record holding at least as many delimiters as the header, and at least one: lines
   * that look like rows.
   */
  rowLines: number;
  /**
   * Those of `rowLines` whose first cell has the shape of the record's own first cell (`ROU` and `ALB` alike, see
   * cellShape): rows of the table, where a note's line (`Note: seized by the police, …`) is none.
   */
  alikeRowLines: number;
  /**
   * True when the record closes the quote at a cell's end (before a delimiter or the line's end) and has as many
   * cells as the header: a cell over several lines that reads as one row of the header's width (a note whose second
   * line happens to hold as many delimiters as the header). A stray quote closes at another quote within a cell, or
   * never, or leaves the record another width.
   */
  isWellFormed: boolean;
}

/** How much of a line spanning chunks is kept to find the cell a quote opens (the lines are never held whole). */
const LINE_KEEP_BYTES = 64 * 1024;
const NO_BYTES = Buffer.alloc(0);

const NL = 10;
const CR = 13;
const QUOTE = 34;
const TAB = 9;
const SPACE = 32;
const CTRL_Z = 26;
const DEL = 0x7f;

const enum State {
  FieldStart,
  Unquoted,
  InQuotes,
  QuoteInQuotes,
}

/**
 * Returns the structural scan of `path`, reading it in 1 MiB chunks (the file is never held whole in memory).
 *
 * Quoting follows RFC 4180 as DuckDB's strict reader does: a quote opens a quoted field only at the start of a
 * cell, `""` inside quotes is a literal quote, and a line break inside quotes continues the record.
 *
 * @param delimiter the character that separates cells; when omitted it is chosen from the header line.
 * @param skipLines physical lines before the header that are not part of the table (a download's preamble); they
 *   are neither records nor blank lines.
 */
export async function scanCsv(path: string, delimiter?: string, skipLines = 0): Promise<CsvScan> {
  // Excel's "sep=;" first line names the delimiter: honour it and skip the line
  const sepLine = await readSepLine(path, skipLines);
  if (sepLine !== undefined) {
    // unless the header below it holds none of that delimiter and another one (a "sep=," left from an earlier save
    // above a header separated by ';'): the header's own delimiter is chosen then, as in a file without the line
    const isContradicted = !sepLine.header.includes(sepLine.delimiter) && /[,;\t|]/.test(sepLine.header);
    if (!isContradicted) delimiter ??= sepLine.delimiter;
    skipLines += 1;
  }
  let delim = delimiter === undefined ? -1 : delimiter.charCodeAt(0);
  let sizeBytes = 0;
  let utf8 = true;
  let utf8Carry: Buffer = Buffer.alloc(0);
  let hasBom = false;
  let hasDoubleUtf8Bom = false;
  let isFirstChunk = true;
  let hasBareCr = false;
  let hasCrlfBreak = false;
  let hasLfBreak = false;
  let lastChunkByte = -1;
  let hasControls = false;
  let hasWhitespaceLines = false;
  let hasDoubleUtf8 = false;
  let isCtrlZPending = false;
  let isC2Pending = false;

  let line = 1;
  let lineHasContent = false;
  let state = State.FieldStart as State;
  let recordStart = 0; // 0: no record in progress
  const blankLines: number[] = [];
  const multiLineRecords: Array<[number, number]> = [];
  const openQuotes: OpenQuote[] = [];
  let headerLine: number | undefined;
  const headerParts: Buffer[] = [];
  let headerDelimiters = 0;
  // the record in progress: its delimiters outside quotes, and whether a quote closed within a cell (see isWellFormed)
  let recordDelimiters = 0;
  let isRecordMalformed = false;
  // the shape of the first cell of the record whose quote is open, and of the line that goes on inside it
  let recordShape = '';
  let lineShape = '';
  // a line that starts inside a quoted cell: its delimiters are counted, to tell a swallowed row from a comment
  let isContinuation = false;
  let lineDelimiters = 0;
  // the start of a line that spans chunks (capped): the cell a quote opens is found in it
  let lineCarry: Buffer = NO_BYTES;
  let isLineCapped = false;
  const endContinuation = (): void => {
    if (!isContinuation || lineDelimiters < Math.max(headerDelimiters, 1)) return;
    const open = openQuotes[openQuotes.length - 1]!;
    open.rowLines++;
    if (lineShape === recordShape) open.alikeRowLines++;
  };
  // a record over several lines ends on this line: where its quote closed, and its width
  const endOpenQuote = (): void => {
    const open = openQuotes[openQuotes.length - 1]!;
    open.lastLine = line;
    open.isWellFormed = !isRecordMalformed && recordDelimiters === headerDelimiters;
  };

  const runStateMachine = (chunk: Buffer, from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const byte = chunk[i]!;
      switch (state) {
        case State.FieldStart:
          if (byte === QUOTE) state = State.InQuotes;
          else if (byte === delim) recordDelimiters++;
          else state = State.Unquoted;
          break;
        case State.Unquoted:
          if (byte === delim) {
            state = State.FieldStart;
            recordDelimiters++;
          }
          break;
        case State.InQuotes:
          if (byte === QUOTE) state = State.QuoteInQuotes;
          break;
        case State.QuoteInQuotes:
          if (byte === QUOTE) state = State.InQuotes;
          else if (byte === delim) {
            state = State.FieldStart;
            recordDelimiters++;
          } else {
            state = State.Unquoted;
            // text after a closing quote (a CR is the line's end)
            if (byte !== CR) isRecordMalformed = true;
          }
          break;
      }
    }
  };

  for await (const piece of createReadStream(path, { highWaterMark: 1 << 20 })) {
    let chunk = piece as Buffer;
    sizeBytes += chunk.length;
    if (isFirstChunk) {
      isFirstChunk = false;
      if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
        hasBom = true;
        chunk = chunk.subarray(3);
      }
      if (startsWithDoubleUtf8Bom(chunk)) {
        hasDoubleUtf8Bom = true;
        chunk = chunk.subarray(DOUBLE_UTF8_BOM.length);
      }
      if (delim < 0) delim = chooseDelimiter(firstContentLine(chunk, skipLines));
      hasBareCr = hasBareCrBreaks(chunk.subarray(0, Math.min(chunk.length, 65536)).toString('latin1'));
    }
    if (!hasControls && chunk.length > 0) {
      // a Ctrl-Z that is the file's last byte is allowed (an old end-of-file mark), any other control is not
      if (isCtrlZPending) hasControls = true; // the previous chunk's final Ctrl-Z was not the end
      // a C1 control split between two chunks (0xC2 ending the previous one)
      if (isC2Pending && isC1Continuation(chunk[0])) hasControls = true;
      const found = findControl(chunk);
      isCtrlZPending = found === chunk.length - 1 && chunk[found] === CTRL_Z;
      isC2Pending = chunk[chunk.length - 1] === 0xc2;
      if (found >= 0 && !isCtrlZPending) hasControls = true;
    }
    if (!hasDoubleUtf8) hasDoubleUtf8 = hasDoubleUtf8Mark(chunk);
    if (utf8) {
      const checked = checkUtf8(utf8Carry, chunk);
      utf8 = checked.isValid;
      utf8Carry = checked.carry;
    }

    let pos = 0;
    let nextQuote = chunk.indexOf(QUOTE);
    while (line <= skipLines && pos < chunk.length) {
      const newline = chunk.indexOf(NL, pos);
      if (newline < 0) {
        pos = chunk.length;
        break;
      }
      line++;
      pos = newline + 1;
    }
    while (pos < chunk.length) {
      const newline = chunk.indexOf(NL, pos);
      const end = newline < 0 ? chunk.length : newline;
      if (end > pos) {
        const isOnlyCr = end - pos === 1 && chunk[pos] === CR;
        if (!isOnlyCr && !lineHasContent) {
          lineHasContent = true;
          if (isContinuation) lineShape = cellShape(chunk, pos, end, delim);
          const first = chunk[pos]!;
          if (!hasWhitespaceLines && recordStart === 0 && (first === SPACE || first === TAB || first === CTRL_Z)) {
            hasWhitespaceLines = chunk.subarray(pos, end).every((b) => b === SPACE || b === TAB || b === CTRL_Z || b === CR);
          }
          if (recordStart === 0) {
            recordStart = line;
            state = State.FieldStart;
            headerLine ??= line;
            recordDelimiters = 0;
            isRecordMalformed = false;
          }
        }
        if (headerLine === line) headerParts.push(Buffer.from(chunk.subarray(pos, end)));
        if (isContinuation) lineDelimiters += countByte(chunk, pos, end, delim);
        if (nextQuote >= 0 && nextQuote < pos) nextQuote = chunk.indexOf(QUOTE, pos);
        if (state === State.InQuotes || state === State.QuoteInQuotes || (nextQuote >= 0 && nextQuote < end)) {
          runStateMachine(chunk, pos, end);
        } else {
          state = State.Unquoted;
          // the start of a line that goes on in the next chunk, where a quote may open: its delimiters count too
          if (newline < 0) recordDelimiters += countByte(chunk, pos, end, delim);
        }
      }
      if (newline < 0) {
        if (!isLineCapped) {
          const kept = chunk.subarray(pos, Math.min(chunk.length, pos + LINE_KEEP_BYTES - lineCarry.length));
          isLineCapped = lineCarry.length + (chunk.length - pos) > LINE_KEEP_BYTES;
          lineCarry = Buffer.concat([lineCarry, kept]);
        }
        break;
      }
      // a physical line ends here
      if (state !== State.InQuotes) {
        if ((newline > 0 ? chunk[newline - 1] : lastChunkByte) === CR) hasCrlfBreak = true;
        else hasLfBreak = true;
      }
      endContinuation();
      if (headerLine === line) headerDelimiters = countOutsideQuotes(Buffer.concat(headerParts), delim);
      if (state === State.InQuotes) {
        // a quoted field continues onto the next line
        if (recordStart === 0) recordStart = line;
        if (recordStart === line) {
          const text = lineCarry.length === 0 ? chunk.subarray(pos, end) : Buffer.concat([lineCarry, chunk.subarray(pos, end)]);
          openQuotes.push({ line, lastLine: line, ...findOpenCell(text, delim, isLineCapped), rowLines: 0, alikeRowLines: 0, isWellFormed: false });
          recordShape = cellShape(text, 0, text.length, delim);
        }
      } else if (recordStart !== 0) {
        if (recordStart < line) {
          multiLineRecords.push([recordStart, line]);
          endOpenQuote();
        }
        recordStart = 0;
      } else if (!lineHasContent) {
        blankLines.push(line);
      }
      isContinuation = state === State.InQuotes;
      lineDelimiters = 0;
      lineCarry = NO_BYTES;
      isLineCapped = false;
      line++;
      lineHasContent = false;
      pos = newline + 1;
    }
    if (chunk.length > 0) lastChunkByte = chunk[chunk.length - 1]!;
  }
  if (utf8Carry.length > 0) utf8 = false;
  if (lineHasContent) endContinuation(); // a last line without a line break

  let unterminatedQuoteLine: number | undefined;
  let lineCount = line;
  if (state === State.InQuotes && recordStart !== 0) {
    unterminatedQuoteLine = recordStart;
    if (!lineHasContent) lineCount = line - 1;
    const open = openQuotes[openQuotes.length - 1];
    if (open?.line === recordStart) open.lastLine = lineCount;
    else openQuotes.push({ line: recordStart, lastLine: lineCount, ...findOpenCell(lineCarry, delim, isLineCapped), rowLines: 0, alikeRowLines: 0, isWellFormed: false });
  } else if (recordStart !== 0) {
    if (recordStart < line) {
      multiLineRecords.push([recordStart, line]);
      endOpenQuote();
    }
  } else if (!lineHasContent) {
    lineCount = line - 1; // the file ended with a line break (or is empty)
  }

  return {
    sizeBytes,
    isUtf8: utf8,
    hasBom,
    hasDoubleUtf8Bom,
    lineCount,
    blankLines,
    multiLineRecords,
    unterminatedQuoteLine,
    openQuotes,
    headerLine,
    headerText: Buffer.concat(headerParts).toString('utf8').replace(/\r$/, ''),
    delimiter: String.fromCharCode(delim < 0 ? 44 : delim),
    hasBareCr,
    hasMixedBreaks: hasCrlfBreak && hasLfBreak,
    hasControls,
    hasWhitespaceLines,
    hasDoubleUtf8Mark: hasDoubleUtf8,
    sepLine: sepLine?.delimiter,
  };
}

/**
 * Returns true when a quote left open over line breaks takes in rows of the table: some line it takes in holds as many
 * delimiters as the header, and either its record is not well formed (a stray quote closed within a cell, or never,
 * or leaving the record another width) or such a line begins as the record's own line does (its first cell of the
 * same shape: rows swallowed by a quote that a second stray quote closes at a cell's end). A note over several lines
 * whose lines begin otherwise (`Note: seized by the police, customs, …`) in a well-formed record takes in none.
 */
export function isQuoteSwallowingRows(open: OpenQuote): boolean {
  return open.rowLines > 0 && (!open.isWellFormed || open.alikeRowLines > 0);
}

/**
 * Returns the shape of the first cell of the line in `chunk` from `start` (its first 256 bytes at most, up to the first
 * delimiter): each run of capitals `A`, of other letters `a`, of digits `9`, other characters as written; so codes
 * (`ROU`, `ALB`: `A`), years and names (`Romania`, `Türkiye`: `Aa`) of one column share a shape, and a note's words
 * (`Note: seized by the police`: `Aa: a a a a`) do not.
 *
 * @example cellShape(Buffer.from('ROU,2020'), 0, 8, 44) === cellShape(Buffer.from('ALB,2021'), 0, 8, 44) // 'A'
 */
export function cellShape(chunk: Buffer, start: number, end: number, delim: number): string {
  let shape = '';
  let last = '';
  for (let i = start; i < Math.min(end, start + 256); i++) {
    const byte = chunk[i]!;
    if (byte === delim || byte === CR) break;
    const kind = byte >= 0x41 && byte <= 0x5a ? 'A' : (byte >= 0x61 && byte <= 0x7a) || byte >= 0x80 ? 'a' : byte >= 0x30 && byte <= 0x39 ? '9' : String.fromCharCode(byte);
    if (kind !== last) shape += kind;
    last = kind;
  }
  return shape;
}

/** Returns how many times `byte` occurs in `chunk` from `start` to `end`. */
function countByte(chunk: Buffer, start: number, end: number, byte: number): number {
  let count = 0;
  for (let i = chunk.indexOf(byte, start); i >= 0 && i < end; i = chunk.indexOf(byte, i + 1)) count++;
  return count;
}

/** Returns how many delimiters `line` holds outside quoted cells (the header's: its cells less one). */
function countOutsideQuotes(line: Buffer, delim: number): number {
  let count = 0;
  let isQuoted = false;
  for (const byte of line) {
    if (byte === QUOTE) isQuoted = !isQuoted;
    else if (byte === delim && !isQuoted) count++;
  }
  return count;
}

/**
 * Returns the cell (0-based index, and its text as written) whose quote is still open at the end of `line`, read as
 * scanCsv reads: a quote opens a quoted cell only at the start of a cell. Both are unknown (undefined, '') when
 * `line` is only the start of a longer line (`isPartial`).
 *
 * @example findOpenCell(Buffer.from('ROU,2020,"28,IAFQ'), 44, false) // { cell: 2, text: '"28,IAFQ' }
 */
export function findOpenCell(line: Buffer, delim: number, isPartial: boolean): { cell: number | undefined; text: string } {
  let index = 0;
  let start = 0;
  let state = State.FieldStart as State;
  for (let i = 0; i < line.length; i++) {
    const byte = line[i]!;
    if (state === State.InQuotes) {
      if (byte === QUOTE) state = State.QuoteInQuotes;
    } else if (state === State.QuoteInQuotes && byte === QUOTE) {
      state = State.InQuotes;
    } else if (byte === delim) {
      index++;
      start = i + 1;
      state = State.FieldStart;
    } else if (state === State.FieldStart) {
      state = byte === QUOTE ? State.InQuotes : State.Unquoted;
    } else if (state === State.QuoteInQuotes) {
      state = State.Unquoted;
    }
  }
  if (isPartial) return { cell: undefined, text: '' };
  return { cell: index, text: line.subarray(start).toString('utf8').replace(/\r$/, '').slice(0, 200) };
}

/**
 * Returns the delimiter named by an Excel `sep=` line (`sep=;`, `sep=,`, `sep=\t`, `sep=|`) when it is the first line
 * after `skipLines`, with the line below it (the header, as latin1 text), else undefined.
 */
async function readSepLine(path: string, skipLines: number): Promise<{ delimiter: string; header: string } | undefined> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const lines = withoutBoms(buffer.subarray(0, bytesRead).toString('latin1')).split(/\r\n|\n|\r/);
    const match = /^"?sep=([,;\t|])"?\s*$/i.exec(lines[skipLines] ?? '');
    return match === null ? undefined : { delimiter: match[1]!, header: lines[skipLines + 1] ?? '' };
  } finally {
    await handle.close();
  }
}

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

/**
 * Returns true when `text` breaks lines with a bare CR (one not followed by LF) outside quoted cells. A CR at the very
 * end of the text is not judged (its LF may follow in the next chunk).
 *
 * @example hasBareCrBreaks('a,b\r1,2\r') // true
 * @example hasBareCrBreaks('a,b\n1,"x\ry"\n') // false: the CR is inside a quoted cell
 */
export function hasBareCrBreaks(text: string): boolean {
  if (!/\r(?!\n)/.test(text.replace(/\r$/, ''))) return false;
  let isQuoted = false;
  for (let i = 0; i < text.length - 1; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) isQuoted = !isQuoted;
    else if (code === CR && !isQuoted && text.charCodeAt(i + 1) !== NL) return true;
  }
  return false;
}

/**
 * Returns true when `chunk` holds a character windows-1252 makes of a UTF-8 lead byte (Â to ô, bytes C3 82 to C3 B4)
 * followed by the first byte of one it makes of a continuation byte (C2, C5, C6, CB or E2: U+0080 to U+00BF, Œ Š Ÿ Ž
 * ƒ ˆ ˜, the typographic marks, € ™): what text converted to UTF-8 twice holds (`Ã©` is C3 83 C2 A9, `Ñ€` C3 91 E2 82
 * AC). Only the bytes C3 are visited (found natively); a mark split between two chunks is not seen.
 */
function hasDoubleUtf8Mark(chunk: Buffer): boolean {
  for (let i = chunk.indexOf(0xc3); i >= 0 && i + 2 < chunk.length; i = chunk.indexOf(0xc3, i + 1)) {
    const second = chunk[i + 1]!;
    const third = chunk[i + 2]!;
    if (second >= 0x82 && second <= 0xb4 && (third === 0xc2 || third === 0xc5 || third === 0xc6 || third === 0xcb || third === 0xe2)) return true;
  }
  return false;
}

/** Checks that `chunk` continues valid UTF-8 after `carry`, holding back an incomplete final sequence. */
function checkUtf8(carry: Buffer, chunk: Buffer): { isValid: boolean; carry: Buffer } {
  const data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
  let end = data.length;
  for (let back = 1; back <= 3 && back <= data.length; back++) {
    const byte = data[data.length - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    if (need > back) end = data.length - back;
    break;
  }
  return { isValid: isUtf8(data.subarray(0, end)), carry: Buffer.from(data.subarray(end)) };
}

function firstContentLine(chunk: Buffer, skipLines: number): string {
  const text = chunk.subarray(0, Math.min(chunk.length, 65536)).toString('latin1');
  return text.split(/\r\n|\n|\r/).slice(skipLines).find((l) => l.trim() !== '') ?? '';
}

/**
 * Returns the delimiter a header line uses: the most frequent of `,` `;` tab `|` outside quotes, `,` on a tie.
 *
 * @example String.fromCharCode(chooseDelimiter('REF_AREA;TIME_PERIOD;INDICATOR')) // ';'
 */
export function chooseDelimiter(headerLine: string): number {
  const counts = new Map<number, number>([
    [44, 0],
    [59, 0],
    [9, 0],
    [124, 0],
  ]);
  let isQuoted = false;
  for (let i = 0; i < headerLine.length; i++) {
    const code = headerLine.charCodeAt(i);
    if (code === QUOTE) isQuoted = !isQuoted;
    else if (!isQuoted && counts.has(code)) counts.set(code, counts.get(code)! + 1);
  }
  let best = 44;
  for (const [code, count] of counts) if (count > counts.get(best)!) best = code;
  return best;
}
