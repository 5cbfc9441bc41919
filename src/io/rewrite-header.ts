import { createReadStream, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { splitHeader } from './split-header.js';

/**
 * Writes a copy of the UTF-8 file `source` to `target` in which line `headerLine` (1-based; the lines before it hold
 * no quote) is replaced by its cells, each quoted as RFC 4180 writes them, on the same line: the lines keep their
 * numbers, and DuckDB's `skip` finds the end of the header.
 *
 * DuckDB skips lines with its CSV state machine: a header with characters after a closing quote (`"TIME_PERIOD" ,`
 * with a no-break space, `"OBS_VALUE"x`) leaves it inside a quote, and it then skips the whole file without a reject.
 */
export async function rewriteHeaderLine(source: string, target: string, headerLine: number, headerText: string, delimiter: string): Promise<void> {
  const handle = await open(source, 'r');
  let headerStart = 0;
  let headerEnd = -1;
  try {
    const buffer = Buffer.alloc(Math.min(4 << 20, (await handle.stat()).size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, bytesRead);
    for (let line = 1; line < headerLine; line++) headerStart = head.indexOf(10, headerStart) + 1;
    headerEnd = head.indexOf(10, headerStart);
    // the CR of a CR LF header line stays, so the copy breaks its lines as the file does
    if (headerEnd > 0 && head[headerEnd - 1] === 13) {
      headerEnd--;
    }
  } finally {
    await handle.close();
  }
  const clean = splitHeader(headerText, delimiter).map((cell) => `"${cell.replace(/"/g, '""')}"`).join(delimiter);
  const out = createWriteStream(target);
  const rest = headerEnd < 0 ? Readable.from([]) : createReadStream(source, { start: headerEnd });
  await pipeline(
    (async function* () {
      if (headerStart > 0) yield* createReadStream(source, { start: 0, end: headerStart - 1 });
      yield Buffer.from(clean);
      yield* rest;
    })(),
    out,
  );
}
