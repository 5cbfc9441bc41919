import { writeFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';

/**
 * Writes a zip archive holding `entries` (name, content) in the order given, stored uncompressed: a workbook as
 * another writer than exceljs lays it out, part by part.
 */
export function writeZip(path: string, entries: [string, string | Buffer][]): void {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  writeFileSync(path, Buffer.concat([...locals, directory, end]));
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A sheet of a hand-written workbook: its rows as `<c>` elements (see inlineCell), and where its part is stored. */
export interface SheetPart {
  name: string;
  /** Each row's cells as XML (`<c r="A1" …>…</c>`), rows numbered from 1. */
  rows: string[][];
  /** The relationship's Target (default `worksheets/sheet<n>.xml`). */
  target?: string;
  /** The relationship's type (default a worksheet); `chartsheet` makes a chart sheet. */
  type?: 'worksheet' | 'chartsheet';
  /** Write `<row>` without its number `r` (optional in SpreadsheetML). */
  isUnnumbered?: boolean;
  /** The name the part is stored under in the archive (default: the target resolved from `xl/`). */
  part?: string;
  /** The sheet's `state` in `xl/workbook.xml` (default: visible, no attribute). */
  state?: 'hidden' | 'veryHidden';
}

/** Returns an inline-string (`t="inlineStr"`) or number cell at `ref`, as writers without a shared-strings part write. */
export function inlineCell(ref: string, value: string | number): string {
  return typeof value === 'number' ? `<c r="${ref}"><v>${value}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${value}</t></is></c>`;
}

/** Returns the row's values as inline cells in columns A, B, … of sheet row `line`. */
export function inlineRow(line: number, values: (string | number)[]): string[] {
  return values.map((value, i) => inlineCell(`${String.fromCharCode(65 + i)}${line}`, value));
}

/**
 * Writes a minimal `.xlsx` by hand (no shared strings, no styles): the parts other writers store, each sheet at its
 * `target`, in the archive order `order` gives (default: `extraParts` such as `xl/sharedStrings.xml`, content types,
 * relationships, workbook, sheets). A part of `extraParts` with the name of one written here (`xl/workbook.xml`)
 * replaces it.
 */
export function writeWorkbook(path: string, sheets: SheetPart[], order?: (names: string[]) => string[], extraParts: [string, string][] = []): void {
  const parts = new Map<string, string>(extraParts);
  const targets = sheets.map((sheet, i) => sheet.target ?? `worksheets/sheet${i + 1}.xml`);
  const written = new Map<string, string>();
  written.set('[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`);
  written.set('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${OFFICE}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  written.set(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${RELS}">${sheets
      .map((sheet, i) => `<Relationship Id="rId${i + 1}" Type="${OFFICE}/${sheet.type ?? 'worksheet'}" Target="${targets[i]}"/>`)
      .join('')}</Relationships>`,
  );
  written.set(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${OFFICE}"><sheets>${sheets
      .map((sheet, i) => `<sheet name="${sheet.name}" sheetId="${i + 1}"${sheet.state === undefined ? '' : ` state="${sheet.state}"`} r:id="rId${i + 1}"/>`)
      .join('')}</sheets></workbook>`,
  );
  sheets.forEach((sheet, i) => {
    const target = targets[i]!;
    const name = sheet.part ?? (target.startsWith('/') ? target.slice(1) : `xl/${target}`.replace(/[^/]+\/\.\.\//g, ''));
    const body = sheet.type === 'chartsheet'
      ? `<chartsheet xmlns="${MAIN}"><sheetViews><sheetView workbookViewId="0"/></sheetViews></chartsheet>`
      : `<worksheet xmlns="${MAIN}"><sheetData>${sheet.rows.map((cells, r) => `<row${sheet.isUnnumbered ? '' : ` r="${r + 1}"`}>${cells.join('')}</row>`).join('')}</sheetData></worksheet>`;
    written.set(name, `<?xml version="1.0" encoding="UTF-8"?>${body}`);
  });
  for (const [name, part] of written) if (!parts.has(name)) parts.set(name, part);
  const names = [...parts.keys()];
  writeZip(path, (order ? order(names) : names).map((name) => [name, parts.get(name)!]));
}

/**
 * Writes a compound file (OLE2, the container of an `.xls` and of a password-protected `.xlsx`) holding `streams`,
 * each stored in 512-byte sectors (no mini stream), as olefile and Excel read it.
 */
export function writeCompoundFile(path: string, streams: [string, Buffer][]): void {
  const SECTOR = 512;
  const END = 0xfffffffe;
  const FREE = 0xffffffff;
  const fat: number[] = [0xfffffffd, END]; // sector 0 holds the FAT, sector 1 the directory
  const starts: number[] = [];
  const data = streams.map(([, bytes]) => Buffer.concat([bytes, Buffer.alloc((SECTOR - (bytes.length % SECTOR)) % SECTOR)]));
  for (const padded of data) {
    starts.push(fat.length);
    const count = padded.length / SECTOR;
    for (let i = 0; i < count; i++) fat.push(i < count - 1 ? fat.length + 1 : END);
  }
  const header = Buffer.alloc(SECTOR);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 24);
  header.writeUInt16LE(3, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30); // 512-byte sectors
  header.writeUInt16LE(6, 32);
  header.writeUInt32LE(1, 44); // one FAT sector
  header.writeUInt32LE(1, 48); // the directory starts at sector 1
  header.writeUInt32LE(4096, 56);
  header.writeUInt32LE(END, 60);
  header.writeUInt32LE(END, 68);
  header.writeUInt32LE(0, 76); // the FAT is sector 0
  for (let i = 1; i < 109; i++) header.writeUInt32LE(FREE, 76 + i * 4);
  const fatSector = Buffer.alloc(SECTOR, 0xff);
  fat.forEach((next, i) => fatSector.writeUInt32LE(next, i * 4));
  const entry = (name: string, type: number, start: number, size: number, child: number, right: number): Buffer => {
    const out = Buffer.alloc(128);
    const encoded = Buffer.from(`${name}\0`, 'utf16le');
    encoded.copy(out, 0);
    out.writeUInt16LE(encoded.length, 64);
    out.writeUInt8(type, 66);
    out.writeUInt8(1, 67);
    out.writeUInt32LE(FREE, 68);
    out.writeUInt32LE(right, 72);
    out.writeUInt32LE(child, 76);
    out.writeUInt32LE(start, 116);
    out.writeUInt32LE(size, 120);
    return out;
  };
  const entries = [entry('Root Entry', 5, END, 0, 1, FREE)];
  streams.forEach(([name, bytes], i) => entries.push(entry(name, 2, starts[i]!, bytes.length, FREE, i + 1 < streams.length ? i + 2 : FREE)));
  const directory = Buffer.concat([...entries, Buffer.alloc(SECTOR * Math.ceil((entries.length * 128) / SECTOR) - entries.length * 128)]);
  writeFileSync(path, Buffer.concat([header, fatSector, directory, ...data]));
}
