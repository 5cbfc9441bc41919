import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../store/index.js';
import type { Issue } from '../schema/issue.js';
import { scanCsv } from './scan-csv.js';
import { hasBareCrBreaks } from './has-bare-cr-breaks.js';
import { detectEncoding } from './detect-encoding.js';
import { convertToUtf8 } from './convert-to-utf8.js';
import { encodingLabel, isDosPage } from './code-pages.js';
import { candidatesHint, notUsual } from './read-foreign.js';
import { hasBinarySignature, isUtf16WithoutBom } from './sniff-file-type.js';
import { describeMarkup } from './describe-markup.js';
import { splitHeader } from './split-header.js';
import { rewriteHeaderLine } from './rewrite-header.js';
import { findHeader } from './find-header.js';
import { findStrayQuote } from './find-stray-quote.js';
import type { AddIssue, CsvRead, ReadCsvOptions } from './csv-read.js';
import { emptyRead, loadTable } from './load-table.js';


/** How a refused file is to be saved. */
const SAVE_UTF8 = 'save the file as "CSV UTF-8" from your spreadsheet program (File > Save As > CSV UTF-8)';

/**
 * Returns the file at `path` loaded into a temporary table by DuckDB's `read_csv` (all cells as text, strict RFC 4180
 * quoting, rejects stored), with the structural issues found on the way, each located at its physical line.
 *
 * A file that is not UTF-8 is decoded with the detected encoding into a temporary UTF-8 copy first. `-` reads standard
 * input; standard input and named pipes are copied to a temporary file first.
 */
export async function readCsv(store: Store, path: string, options: ReadCsvOptions): Promise<CsvRead> {
  const file = options.displayName;
  const issues: Issue[] = [];
  const issue = (partial: Omit<Issue, 'file' | 'line' | 'value' | 'column' | 'hint'> & Partial<Issue>): void => {
    issues.push({ file, line: null, column: null, value: null, hint: null, ...partial });
  };

  // a pipe (`-` for standard input, /dev/stdin, a named pipe) can be read once: it is copied to a file first, since
  // the scan and DuckDB each read the file
  let copyDir: string | undefined;
  if (path === '-' || !(await stat(path)).isFile()) {
    copyDir = await mkdtemp(join(tmpdir(), 'crimetrends-'));
    const copy = join(copyDir, 'stdin.csv');
    await pipeline(path === '-' ? process.stdin : createReadStream(path), createWriteStream(copy));
    path = copy;
  }
  try {
    const { recognise } = options;
    const found = recognise === undefined || options.skipLines !== undefined ? undefined : await findHeader(path, recognise.isHeader);
    // only text above the header is skipped: a line that reads as data is a row, left to be read
    const preamble = found?.above ?? [];
    const isSkipped = preamble.some((line) => line.trim() !== '' && !/^\s*sep=.\s*$/i.test(line))
      && !preamble.some((line) => recognise!.isData(splitHeader(line, found!.delimiter)));
    const read = await readFile(store, path, isSkipped ? { ...options, skipLines: found!.skipLines } : options, issues, issue);
    return { ...read, preamble: isSkipped ? preamble : [] };
  } finally {
    if (copyDir !== undefined) await rm(copyDir, { recursive: true, force: true });
  }
}

async function readFile(store: Store, path: string, options: ReadCsvOptions, issues: Issue[], issue: AddIssue): Promise<CsvRead> {
  let scan = await scanCsv(path, options.delimiter, options.skipLines);
  const original = scan;
  let readPath = path;
  let encoding = 'utf-8';
  let decodeAs = 'utf-8';
  let hasBareCr = scan.hasBareCr;
  let isDamagedUtf8 = false;
  let tempDir: string | undefined;
  // UTF-16 without a byte-order mark is valid UTF-8 when its text is ASCII or Cyrillic (the NULs included): its NULs
  // alone tell it apart, and only a file holding control characters is looked at again
  // (nor is a ZIP archive of parts stored uncompressed, all ASCII: its signature's control characters tell it)
  const isUtf8 = scan.isUtf8 && !(scan.hasControls && ((await isUtf16WithoutBom(path)) || (await hasBinarySignature(path))));
  try {
    if (!isUtf8) {
      const detected = await detectEncoding(path, options.preferredEncoding);
      if (detected.kind === 'binary') {
        // a workbook is said to be one, plainly, with how to save it as CSV (as ingest's FILE_SKIPPED says of one in a folder)
        issue({
          code: 'ENCODING_UNDECODABLE',
          severity: 'error',
          message: detected.workbook === undefined
            ? `expected text in UTF-8 or a known code page, found ${detected.what}`
            : `expected a return as CSV or .xlsx, found ${detected.what}`,
          hint: detected.workbook?.hint ?? (detected.what === 'a ZIP archive'
            ? 'extract it and offer the returns inside'
            : 'save the file as "CSV UTF-8" from your spreadsheet program'),
        });
        return emptyRead(options, scan, issues);
      }
      if (detected.kind === 'implausible' && options.acceptEncodingGuess !== true) {
        // where to look: the first word the likeliest reading reads implausibly, its line and cell
        const { at } = detected;
        const cell = at?.before === undefined ? undefined : splitHeader(at.before, scan.delimiter).length;
        // a file breaking its lines with bare CR ("CSV (Macintosh)") is one line to the scan: its header ends at the first CR
        const headerText = scan.hasBareCr ? (scan.headerText.split('\r').find((line) => line.trim() !== '') ?? '') : scan.headerText;
        const name = cell === undefined || at!.line === scan.headerLine ? undefined : splitHeader(headerText, scan.delimiter)[cell - 1];
        issue({
          code: 'ENCODING_UNDECODABLE',
          severity: 'error',
          line: at?.line ?? null,
          column: cell === undefined ? null : name !== undefined && name.trim() !== '' ? name : `column ${cell}`,
          value: detected.guess,
          message: `expected text in UTF-8 or a code page of the region, found ${detected.candidates === undefined
            ? 'bytes that no code page reads plausibly'
            : detected.candidates.readings.length === 1 ? 'too few letters to tell their code page' : 'words that several code pages read as letters'} (the likeliest, ${encodingLabel(detected.guess)}, reads ${JSON.stringify(detected.sample)}); the file was not converted, to keep names from being garbled`,
          // (a file its states' pages read as no text: the pages that read it as letters)
          hint: detected.candidates === undefined ? SAVE_UTF8 : candidatesHint(detected.candidates, SAVE_UTF8),
        });
        return emptyRead(options, scan, issues);
      }
      // UTF-16 breaks lines with 0D 00 0A 00: judge its line breaks on the decoded text
      hasBareCr = hasBareCrBreaks(detected.head);
      if (detected.kind === 'damaged-utf8') isDamagedUtf8 = true;
      else {
        const isGuess = detected.kind === 'implausible';
        decodeAs = isGuess ? detected.guess : detected.name;
        encoding = decodeAs.toLowerCase();
        issue({
          code: 'ENCODING_CONVERTED',
          severity: 'warning',
          value: decodeAs,
          message: isGuess
            ? `expected UTF-8, found bytes no code page reads plausibly; the file was converted from the likeliest, ${encodingLabel(decodeAs)}, which reads ${JSON.stringify(detected.sample)}`
            : `expected UTF-8, found ${encodingLabel(decodeAs)}${isDosPage(decodeAs) ? ', as Excel\'s "CSV (MS-DOS)" writes' : ''} (detected with ${detected.confidence}% confidence)${
              // (a page none of the file's states uses: a computer set to another language saved it)
              detected.usual === undefined ? '' : `, as a computer set to another language saves it: ${notUsual(detected.usual, true)}`}; the file was converted${
              detected.alternative === undefined ? '' : `, reading ${JSON.stringify(detected.alternative.chosen)}; read as ${encodingLabel(detected.alternative.name)}, the same bytes say ${JSON.stringify(detected.alternative.sample)}, and nothing in the file tells which is right`}`,
          hint: isDosPage(decodeAs)
            ? 'check that names with accents or non-Latin letters read correctly; next time save the file as "CSV UTF-8" (File > Save As > CSV UTF-8), not "CSV (MS-DOS)"'
            : 'check that names with accents or non-Latin letters read correctly, or save the file as "CSV UTF-8"',
        });
      }
    }
    if (hasBareCr) {
      issue({
        code: 'LINE_ENDINGS_CONVERTED',
        severity: 'warning',
        message: 'expected lines to end with LF or CR LF, found bare CR line breaks (old Mac format); they were read as line breaks',
        hint: 'save the file as "CSV UTF-8" with Windows or Unix line endings',
      });
    }
    // lines broken with CR LF and with LF alone in one file make DuckDB's reader fail ("The CSV Parser state machine
    // reached an invalid state"): the copy breaks them all with LF, one line break each, so lines keep their numbers
    const hasMixedBreaks = scan.hasMixedBreaks && !hasBareCr;
    if (!isUtf8 || hasBareCr || hasMixedBreaks) {
      tempDir = await mkdtemp(join(tmpdir(), 'crimetrends-'));
      readPath = join(tempDir, 'utf8.csv');
      // a damaged UTF-8 file is decoded as UTF-8: each bad byte becomes U+FFFD, reported where it stands
      const utf8Lines = await convertToUtf8(path, readPath, decodeAs, hasBareCr, hasMixedBreaks);
      for (const line of utf8Lines) {
        issue({
          code: 'ENCODING_MIXED',
          severity: 'warning',
          line,
          message: `expected ${encodingLabel(decodeAs)} like the rest of the file, found this line in UTF-8; it was read as UTF-8`,
          hint: 'save the whole file again as "CSV UTF-8", so that every line is in one encoding',
        });
      }
      scan = { ...(await scanCsv(readPath, options.delimiter, options.skipLines)), sizeBytes: original.sizeBytes, isUtf8: original.isUtf8 };
    }
    const markup = describeMarkup(scan.headerText);
    if (markup !== undefined) {
      issue({
        code: 'ENCODING_UNDECODABLE',
        severity: 'error',
        message: `expected CSV text, found ${markup}`,
        hint: 'open it in your spreadsheet program and save it as "CSV UTF-8" (File > Save As > CSV UTF-8)',
      });
      return emptyRead(options, scan, issues);
    }
    if (scan.headerLine !== undefined && findStrayQuote(scan.headerText, scan.delimiter) !== undefined) {
      // DuckDB would skip the whole file with such a header (see rewriteHeaderLine); its cells are read as written
      tempDir ??= await mkdtemp(join(tmpdir(), 'crimetrends-'));
      const copy = join(tempDir, 'header.csv');
      await rewriteHeaderLine(readPath, copy, scan.headerLine, scan.headerText, scan.delimiter);
      readPath = copy;
    }
    return await loadTable(store, readPath, scan, encoding, options, issues, issue, isDamagedUtf8);
  } finally {
    if (tempDir !== undefined) await rm(tempDir, { recursive: true, force: true });
  }
}
