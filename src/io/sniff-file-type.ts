// What a file's bytes say before any code page is tried: the signature of a file that is not text (and what a ZIP
// archive or Office file holds), a byte-order mark, UTF-16 without one, and how much of it is valid UTF-8.
import { open } from 'node:fs/promises';

/** Signatures of files that are not text: what a spreadsheet saved in its own format starts with. */
export const SIGNATURES: Array<[number[], string]> = [
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an old-style Office file (.xls or .doc)'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
];
const EXCEL_HINT = 'open it in Excel and save it as CSV UTF-8 (File > Save As > CSV UTF-8), then offer the .csv';
/**
 * What a ZIP archive or an Office compound file (the signatures above) holds, told by the names of its parts: an
 * Excel workbook (`xl/workbook.xml`), an OpenDocument spreadsheet (its first part, `mimetype`, names it), a Word
 * document, an old-style workbook (its `Workbook` or `Book` stream), a workbook saved with a password to open (an
 * `EncryptedPackage` stream). Names stand uncompressed in a ZIP's headers and as UTF-16 in a compound file's directory.
 */
const CONTENTS: Array<[RegExp, string, { hint: string } | undefined]> = [
  [/^PK[^]{28}mimetypeapplication\/vnd\.oasis\.opendocument\.spreadsheet/, 'an OpenDocument spreadsheet (.ods)', {
    hint: 'open it in LibreOffice Calc and save it as Excel 2007-365 (.xlsx), or as Text CSV with the character set Unicode (UTF-8) (File > Save As), and offer that file',
  }],
  [/^PK[^]*xl\/(workbook\.xml|worksheets\/)/, 'an Excel workbook (.xlsx)', { hint: EXCEL_HINT }],
  [/^PK[^]*word\/document\.xml/, 'a Word document (.docx)', undefined],
  [/^\xd0\xcf\x11\xe0[^]*E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0/, 'an Excel workbook saved with a password to open', {
    hint: 'open it in Excel with its password and save it as CSV UTF-8 (File > Save As > CSV UTF-8), then offer the .csv',
  }],
  // an .xls, as Excel 97-2003 and Gnumeric's or LibreOffice's "Excel 97" filter write it: a return may be an .xlsx too
  [/^\xd0\xcf\x11\xe0[^]*(W\0o\0r\0k\0b\0o\0o\0k\0|B\0o\0o\0k\0\0\0)/, 'an old-style Excel workbook (.xls)', {
    hint: 'open it in the program that wrote it (Excel, LibreOffice Calc, Gnumeric) and save it as an .xlsx workbook (Excel 2007 or later) or as CSV UTF-8 (File > Save As), then offer that file',
  }],
  [/^\xd0\xcf\x11\xe0[^]*W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0/, 'an old-style Word document (.doc)', undefined],
];

/** Returns what a file starting with one of the SIGNATURES holds (see CONTENTS), or undefined when its parts say nothing. */
export function describeContents(head: Buffer): { what: string; workbook: { hint: string } | undefined } | undefined {
  const text = head.toString('latin1');
  const found = CONTENTS.find(([pattern]) => pattern.test(text));
  return found === undefined ? undefined : { what: found[1], workbook: found[2] };
}
const BOMS: Array<[number[], string]> = [
  [[0xff, 0xfe, 0x00, 0x00], 'UTF-32LE'],
  [[0x00, 0x00, 0xfe, 0xff], 'UTF-32BE'],
  [[0xff, 0xfe], 'UTF-16LE'],
  [[0xfe, 0xff], 'UTF-16BE'],
];

/**
 * Returns true when the file at `path` is UTF-16 text without a byte-order mark (every other byte of its start NUL).
 * Such a file can be valid UTF-8 byte for byte (ASCII and Cyrillic are, their NULs included): readCsv asks this only
 * of a "UTF-8" file holding control characters, so that it is decoded as UTF-16 rather than read as NULs.
 */
export async function isUtf16WithoutBom(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(8192);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return utf16WithoutBom(buffer.subarray(0, bytesRead)) !== undefined;
  } finally {
    await handle.close();
  }
}

/**
 * Returns true when the file at `path` starts with the signature of a file that is not text (a ZIP archive, an Office
 * compound file, a PDF: see SIGNATURES). Such a file can be valid UTF-8 byte for byte (a ZIP of parts stored
 * uncompressed, all ASCII): readCsv asks this of a "UTF-8" file holding control characters, so that it is said to be
 * what it is rather than read as a header of control characters.
 */
export async function hasBinarySignature(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(4);
    const { bytesRead } = await handle.read(buffer, 0, 4, 0);
    return bytesRead === 4 && SIGNATURES.some(([bytes]) => bytes.every((b, i) => buffer[i] === b));
  } finally {
    await handle.close();
  }
}

/** Returns the encoding a byte-order mark at the start of `head` names (UTF-16 or UTF-32), or undefined. */
export function markedEncoding(head: Buffer): string | undefined {
  return BOMS.find(([bytes]) => bytes.every((b, i) => head[i] === b))?.[1];
}

/** Returns UTF-16LE or UTF-16BE for text without a byte-order mark whose every other byte is NUL, else undefined. */
export function utf16WithoutBom(head: Buffer): 'UTF-16LE' | 'UTF-16BE' | undefined {
  const pairs = Math.min(head.length >> 1, 4096);
  if (pairs < 8) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) evenNul++;
    if (head[2 * i + 1] === 0) oddNul++;
  }
  if (oddNul > pairs * 0.6 && evenNul < pairs * 0.05) return 'UTF-16LE';
  if (evenNul > pairs * 0.6 && oddNul < pairs * 0.05) return 'UTF-16BE';
  return undefined;
}

/** Returns the number of valid multi-byte UTF-8 sequences in `bytes` and of bytes that are not valid UTF-8. */
export function countUtf8(bytes: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length; ) {
    const byte = bytes[i]!;
    if (byte < 0x80) {
      i++;
      continue;
    }
    const need = byte >= 0xc2 && byte <= 0xdf ? 1 : byte >= 0xe0 && byte <= 0xef ? 2 : byte >= 0xf0 && byte <= 0xf4 ? 3 : -1;
    if (need > 0 && i + need >= bytes.length) break; // a sequence cut by the 4 MiB window is not judged
    let ok = need > 0;
    for (let k = 1; ok && k <= need; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += need + 1;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}
