import { open } from 'node:fs/promises';
import { QUOTE } from './csv-bytes.js';
import { withoutBoms } from './without-boms.js';

/**
 * Returns the delimiter named by an Excel `sep=` line (`sep=;`, `sep=,`, `sep=\t`, `sep=|`) when it is the first line
 * after `skipLines`, with the line below it (the header, as latin1 text), else undefined.
 */
export async function readSepLine(path: string, skipLines: number): Promise<{ delimiter: string; header: string } | undefined> {
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

/** Returns the first line after `skipLines` in the start of `chunk` (64 KiB, as latin1 text) that is not blank, or ''. */
export function firstContentLine(chunk: Buffer, skipLines: number): string {
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
