import { open } from 'node:fs/promises';
import type { CsvScan, OpenQuote } from './csv-scan.js';
import { CR, CTRL_Z, NL, QUOTE, SPACE, TAB } from './csv-bytes.js';
import { chooseDelimiter, firstContentLine, readSepLine } from './choose-delimiter.js';
import { DOUBLE_UTF8_BOM, startsWithDoubleUtf8Bom } from './without-boms.js';
import { findControl, isC1Continuation } from './find-control.js';
import { hasBareCrBreaks } from './has-bare-cr-breaks.js';
import { checkUtf8, hasDoubleUtf8Mark } from './check-utf8.js';


/** How much of a line spanning chunks is kept to find the cell a quote opens (the lines are never held whole). */
const LINE_KEEP_BYTES = 64 * 1024;
const NO_BYTES = Buffer.alloc(0);

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

  for await (const piece of chunksOf(path)) {
    let chunk = piece;
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
 * Yields the bytes of the file at `path` in chunks of up to 1 MiB, each read into the same buffer: a chunk is valid
 * until the next is asked for. One buffer for the whole file, where a read stream allocates one per chunk, which the
 * process kept after the scan (about 30 MB more at validate's peak for a file of 40 MB).
 */
async function* chunksOf(path: string): AsyncGenerator<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
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
