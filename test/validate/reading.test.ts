import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { quoteLiteral } from '../../src/store/index.js';
import type { ValidationSession } from '../../src/validate/index.js';
import { PROJECT_ROOT } from '../../src/context.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/warehouse.js';
import { briefAt, fileWriter, openSession, validatePath } from './validate-helper.js';

let store: Store;
let session: ValidationSession;
beforeAll(async () => ({ store, session } = await openSession()));
afterAll(() => store.close());

const dir = tempDir();
/** Writes `bytes` (a string is written as latin1, byte for byte) to a new file and returns its path. */
const file = fileWriter(dir, 'f', 'latin1');
const HEADER = 'REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE';

describe('control characters (NUL bytes)', () => {
  it('a NUL in a coded cell is one located error, not an internal error, and the row is not accepted', async () => {
    const result = await validatePath(session, file(`${HEADER}\nROU,2025,SOM_OFF,10\nROU,2025,FA\0OFF,1\n`));
    expect(briefAt(result.issues)).toEqual(['CONTROL_CHARACTER@3:INDICATOR']);
    expect(result.issues[0]).toMatchObject({
      value: 'FA\u2400OFF',
      message: 'expected text, found a NUL byte (control character U+0000) at character 3 of the cell',
      hint: expect.stringMatching(/damaged or is not a text export/),
    });
    expect(result.acceptedLines).toEqual([2]);
  });

  it('a NUL in the header, in OBS_VALUE, a line of NULs and NULs at the end are each one error at their line', async () => {
    const header = await validatePath(session, file(`${HEADER},C\0\nROU,2025,SOM_OFF,10,\n`));
    expect(header.issues.find((i) => i.code === 'CONTROL_CHARACTER')).toMatchObject({ line: 1, column: 'column 5', value: 'C\u2400' });
    const value = await validatePath(session, file(`${HEADER}\nROU,2025,SOM_OFF,1\x000\n`));
    expect(briefAt(value.issues)).toEqual(['CONTROL_CHARACTER@2:OBS_VALUE']);
    const line = await validatePath(session, file(`${HEADER}\nROU,2025,SOM_OFF,10\n\0\0\0\0`));
    expect(briefAt(line.issues)).toEqual(['CONTROL_CHARACTER@3:REF_AREA']);
    expect(line.accepted).toBe(1);
  });

  it('other control characters are located too; a tab is text', async () => {
    const result = await validatePath(session, file(`${HEADER},COMMENT\nROU,2025,SOM_OFF,10,tab\there\x0b\n`));
    expect(briefAt(result.issues)).toEqual(['CONTROL_CHARACTER@2:COMMENT']);
    expect(result.issues[0]!.message).toBe('expected text, found a vertical tab (control character U+000B) at character 9 of the cell');
  });

  it('DEL and C1 controls (U+0085 next line, in UTF-8) are located and shown escaped, also across a 1 MiB chunk', async () => {
    const nel = '\xc2\x85'; // U+0085 as UTF-8, written byte for byte
    const result = await validatePath(session, file(`${HEADER},COMMENT\nROU,2025,SOM_OFF,10,del\x7f\nROU${nel},2025,SOM_OFF,1,\nROU,2025,TIP_VIC,2,caf\xc3\xa9\n`));
    expect(briefAt(result.issues)).toEqual(['CONTROL_CHARACTER@2:COMMENT', 'CONTROL_CHARACTER@3:REF_AREA']);
    expect(result.issues.map((i) => [i.value, i.message])).toEqual([
      ['del\u2421', 'expected text, found a delete character (control character U+007F) at character 4 of the cell'],
      ['ROU\\u0085', 'expected text, found a next-line character (control character U+0085) at character 4 of the cell'],
    ]);
    expect(result.acceptedLines).toEqual([4]);
    // the scan reads 1 MiB at a time: a C1 control whose two bytes fall either side of the boundary is still found
    const comment = 'x'.repeat((1 << 20) - `${HEADER},COMMENT\nROU,2025,SOM_OFF,10,`.length - 1);
    const split = await validatePath(session, file(`${HEADER},COMMENT\nROU,2025,SOM_OFF,10,${comment}${nel}\n`));
    expect(briefAt(split.issues)).toEqual(['CONTROL_CHARACTER@2:COMMENT']);
  });

  it('a NUL in a cell after a multi-line cell is reported at the physical line where its cell starts', async () => {
    const result = await validatePath(session, file(`REF_AREA,TIME_PERIOD,COMMENT,INDICATOR,OBS_VALUE\nROU,2025,"a\nb",SOM\0OFF,1\n`));
    expect(briefAt(result.issues)).toEqual(['CONTROL_CHARACTER@3:INDICATOR']);
  });

  it('an issue about a cell after a multi-line cell is at the line where that cell is; the row is still not accepted', async () => {
    // record 2: the comment runs over lines 3-4 (CR LF inside), so OBS_VALUE is on line 5; record 3 (line 6) keeps its line
    const result = await validatePath(session, file(
      'REF_AREA,TIME_PERIOD,INDICATOR,COMMENT,OBS_VALUE,OBS_STATUS\nROU,2025,SOM_OFF,,10,A\nROU,2025,"FA_OFF","one\r\ntwo\nthree",-4,"Z"\nROU,2025,TIP_VIC,,x,A\n',
    ));
    expect(briefAt(result.issues)).toEqual(['VALUE_NEGATIVE@5:OBS_VALUE', 'UNKNOWN_CODE@5:OBS_STATUS', 'VALUE_NOT_NUMBER@6:OBS_VALUE']);
    expect(result.accepted).toBe(1);
  });

  it('quoteLiteral quotes a value holding a NUL byte as DuckDB text', async () => {
    const [row] = await store.all<{ ok: boolean }>(`select ${quoteLiteral("F'A\0OFF")} = $v as ok`, { v: "F'A\0OFF" });
    expect(row!.ok).toBe(true);
  });

  it('the CLI reports a file with a NUL and goes on to the next file (exit 1, no internal error)', async () => {
    const bad = file(`${HEADER}\nROU,2025,SOM_OFF,10\nROU,2025,FA\0OFF,1\n`, 'nul_ind.csv');
    const good = file(`${HEADER}\nROU,2025,SOM_OFF,10\n`, 'base.csv');
    const result = await runCli(['validate', bad, good]);
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/nul_ind\.csv:3 column INDICATOR: expected text, found a NUL byte/);
    expect(result.stdout).toMatch(/base\.csv: 1 row, 0 errors, 0 warnings/);
  });
});

describe('line endings', () => {
  it('UTF-16 with CR LF (Excel "Unicode text") is not said to have bare CR line endings', async () => {
    const text = '\ufeffREF_AREA\tTIME_PERIOD\tINDICATOR\tOBS_VALUE\r\nROU\t2025\tSOM_OFF\t10\r\nROU\t2025\tFA_OFF\t11\r\n';
    const result = await validatePath(session, file(Buffer.from(text, 'utf16le')));
    expect(briefAt(result.issues)).toEqual(['ENCODING_CONVERTED@:']);
    expect(result.accepted).toBe(2);
  });

  it('a CR inside a quoted cell of an LF file is the cell\'s content, not a line break', async () => {
    const result = await validatePath(session, file(`${HEADER},COMMENT\nROU,2025,SOM_OFF,10,"a\rb"\nROU,2025,FA_OFF,x,ok\n`));
    expect(briefAt(result.issues)).toEqual(['VALUE_NOT_NUMBER@3:OBS_VALUE']);
  });
});

describe('structure', () => {
  it('honours Excel\'s "sep=;" first line and skips it', async () => {
    const result = await validatePath(session, file(`sep=;\r\nREF_AREA;TIME_PERIOD;INDICATOR;OBS_VALUE\r\nROU;2025;SOM_OFF;10\r\nROU;2025;FA_OFF;x\r\n`));
    expect(briefAt(result.issues)).toEqual(['VALUE_NOT_NUMBER@4:OBS_VALUE']);
    expect(result.delimiter).toBe(';');
    expect(result.accepted).toBe(1);
  });

  it('a "sep=," line above a header separated by ";" (left from an earlier save) is skipped, and the header\'s delimiter read', async () => {
    // was: the header read as one column, "REF_AREA;TIME_PERIOD;…": UNKNOWN_COLUMN, MISSING_COLUMN ×3, 'rename the column
    // "REF_AREA;TIME_PERIOD;INDICATOR;OBS_VALUE" to REF_AREA', and TOO_MANY_CELLS on every row with a decimal comma
    const result = await validatePath(session, file(`sep=,\r\nREF_AREA;TIME_PERIOD;INDICATOR;OBS_VALUE\r\nROU;2025;DRG_SEIZ_KG;10,5\r\nROU;2025;FA_OFF;x\r\n`));
    expect(briefAt(result.issues)).toEqual(['VALUE_NOT_NUMBER@4:OBS_VALUE']);
    expect(result.delimiter).toBe(';');
    expect(result.acceptedLines).toEqual([3]);
  });

  it('a byte-order mark converted to UTF-8 twice ("ï»¿", C3 AF C2 BB C2 BF) before the header is skipped with a warning: REF_AREA is found', async () => {
    // was: UNKNOWN_COLUMN "ï»¿REF_AREA" and MISSING_COLUMN REF_AREA, 'rename the column "ï»¿REF_AREA" to REF_AREA'
    const twice = '\xc3\xaf\xc2\xbb\xc2\xbf';
    for (const start of [twice, `\xef\xbb\xbf${twice}`]) {
      const result = await validatePath(session, file(`${start}${HEADER}\r\nROU,2025,SOM_OFF,10\r\nROU,2025,FA_OFF,x\r\n`));
      expect(result.issues.map((i) => [i.code, i.severity, i.line, i.column, i.value])).toEqual([
        ['ENCODING_DOUBLE_UTF8', 'warning', 1, 'column 1', 'ï»¿'],
        ['VALUE_NOT_NUMBER', 'error', 3, 'OBS_VALUE', 'x'],
      ]);
      expect(result.issues[0]!.message).toBe(
        'expected the header to start with its first column\'s name, found a byte-order mark converted to UTF-8 twice ("ï»¿", the bytes C3 AF C2 BB C2 BF) before "REF_AREA"; it was skipped like a byte-order mark',
      );
      expect(result.issues[0]!.hint).toMatch(/^save the file as UTF-8 once, from the original/);
      expect(result.acceptedLines).toEqual([2]);
    }
    // before Excel's "sep=;" line, and before a title above the header, it is skipped too
    const sep = await validatePath(session, file(`${twice}sep=;\r\nREF_AREA;TIME_PERIOD;INDICATOR;OBS_VALUE\r\nROU;2025;SOM_OFF;10\r\n`));
    expect(briefAt(sep.issues)).toEqual(['ENCODING_DOUBLE_UTF8@1:']);
    expect(sep.delimiter).toBe(';');
    expect(sep.acceptedLines).toEqual([3]);
    const titled = await validatePath(session, file(`${twice}Ministerul Afacerilor Interne,,,\n${HEADER}\nROU,2025,SOM_OFF,10\n`));
    expect(briefAt(titled.issues)).toEqual(['ENCODING_DOUBLE_UTF8@1:', 'HEADER_NOT_FIRST@1:']);
    expect(titled.issues[1]!.value).toBe('Ministerul Afacerilor Interne');
    expect(titled.acceptedLines).toEqual([3]);
  });

  it('a header cell converted to UTF-8 twice is a warning naming what it reads as once repaired', async () => {
    const result = await validatePath(session, file(Buffer.from(`${HEADER},COMMENT: DonnÃ©es reÃ§ues\nROU,2025,SOM_OFF,10,\n`, 'utf8')));
    const double = result.issues.filter((i) => i.code === 'ENCODING_DOUBLE_UTF8');
    expect(double.map((i) => [i.severity, i.line, i.column, i.value, i.message])).toEqual([
      ['warning', 1, 'column 5', 'COMMENT: DonnÃ©es reÃ§ues', 'expected a header cell as written, found text that looks converted to UTF-8 twice: it reads "COMMENT: Données reçues" once repaired; the cell was kept as written'],
    ]);
  });

  it('an HTML table or an XML Spreadsheet 2003 saved under a .csv name is one error saying what it is, not a header of tags', async () => {
    // was: UNKNOWN_COLUMN "<html xmlns:o=…", EMPTY_FILE and MISSING_COLUMN ×4, 'rename the column "<html …>" to REF_AREA'
    const html = '<html xmlns:o="urn:schemas-microsoft-com:office:office"><body><table><tr><td>REF_AREA</td><td>TIME_PERIOD</td></tr>\r\n<tr><td>ROU</td><td>2025</td></tr></table></body></html>\r\n';
    const xml = '<?xml version="1.0"?>\r\n<?mso-application progid="Excel.Sheet"?>\r\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>\r\n';
    const hint = 'open it in your spreadsheet program and save it as "CSV UTF-8" (File > Save As > CSV UTF-8)';
    for (const [text, what] of [[html, 'an HTML page (a web page, or a table another system exported as "Excel")'], [xml, 'an XML document (Excel\'s "XML Spreadsheet 2003", or another system\'s export)']] as const) {
      const result = await validatePath(session, file(text));
      expect(result.issues.map((i) => [i.code, i.severity, i.line, i.column, i.message, i.hint])).toEqual([['ENCODING_UNDECODABLE', 'error', null, null, `expected CSV text, found ${what}`, hint]]);
      expect(result.rows).toBe(0);
    }
  });

  it('a workbook (.ods, .xls, one saved with a password) under a .csv name is said to be one, with how to save it as CSV; other archives and documents as what they are; an .xlsx is read as one', async () => {
    // was: 'expected text in UTF-8 or a known code page, found a ZIP archive (an .xlsx or .ods workbook?)' for both kinds
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Data').addRow(['REF_AREA', 'TIME_PERIOD', 'INDICATOR', 'OBS_VALUE']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    // a ZIP's first local header (30 bytes, the name after them) naming a part; an OpenDocument file's first part is its
    // media type, stored
    const zipPart = (name: string, content = ''): Buffer => {
      const header = Buffer.alloc(30);
      header.writeUInt32LE(0x04034b50, 0);
      header.writeUInt32LE(content.length, 18);
      header.writeUInt32LE(content.length, 22);
      header.writeUInt16LE(name.length, 26);
      return Buffer.concat([header, Buffer.from(name + content, 'latin1')]);
    };
    const ods = zipPart('mimetype', 'application/vnd.oasis.opendocument.spreadsheet');
    // a compound file (OLE2) naming its streams in UTF-16 in its directory
    const compound = (stream: string): Buffer => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), Buffer.from(`${stream}\0`, 'utf16le')]);
    // an .xlsx renamed .csv is read as the workbook it is (it was 'expected a return as CSV or .xlsx, found an Excel
    // workbook (.xlsx)', hint to save it as CSV UTF-8): see workbook-return.test.ts
    const renamed = await validatePath(session, file(xlsx));
    expect(renamed.issues.map((i) => [i.code, i.severity, i.message])[0]).toEqual(['XLSX_UNDER_OTHER_NAME', 'warning', 'the file is an Excel workbook under a .csv name: read as a workbook']);
    expect(renamed.issues.some((i) => i.code === 'ENCODING_UNDECODABLE')).toBe(false);
    for (const [bytes, message, hint] of [
      [ods, 'expected a return as CSV or .xlsx, found an OpenDocument spreadsheet (.ods)', 'open it in LibreOffice Calc and save it as Excel 2007-365 (.xlsx), or as Text CSV with the character set Unicode (UTF-8) (File > Save As), and offer that file'],
      // it said to save it as CSV alone, with Excel: an .xlsx is read too (Gnumeric's ssconvert writes .xls: see program-workbooks.test.ts)
      [compound('Workbook'), 'expected a return as CSV or .xlsx, found an old-style Excel workbook (.xls)', 'open it in the program that wrote it (Excel, LibreOffice Calc, Gnumeric) and save it as an .xlsx workbook (Excel 2007 or later) or as CSV UTF-8 (File > Save As), then offer that file'],
      [compound('EncryptedPackage'), 'expected a return as CSV or .xlsx, found an Excel workbook saved with a password to open', 'open it in Excel with its password and save it as CSV UTF-8 (File > Save As > CSV UTF-8), then offer the .csv'],
      [zipPart('ROU_2025.csv', 'REF_AREA'), 'expected text in UTF-8 or a known code page, found a ZIP archive', 'extract it and offer the returns inside'],
      [zipPart('word/document.xml'), 'expected text in UTF-8 or a known code page, found a Word document (.docx)', 'save the file as "CSV UTF-8" from your spreadsheet program'],
    ] as const) {
      const result = await validatePath(session, file(bytes));
      expect(result.issues.map((i) => [i.code, i.severity, i.line, i.column, i.message, i.hint])).toEqual([['ENCODING_UNDECODABLE', 'error', null, null, message, hint]]);
      expect(result.rows).toBe(0);
    }
  });

  it('a file without a header row gets one error saying so', async () => {
    const result = await validatePath(session, file('ROU,2025,SOM_OFF,10\nROU,2025,FA_OFF,11\n'));
    expect(briefAt(result.issues)).toEqual(['HEADER_MISSING@1:']);
    expect(result.issues[0]!.message).toMatch(/found data: the header row is missing/);
  });

  it('a title above the header is one warning at line 1 and the rows keep their line numbers', async () => {
    const titled = await validatePath(session, file(`Ministerul Afacerilor Interne,,,\n\n${HEADER}\nROU,2025,SOM_OFF,10\nROU,2025,FA_OFF,x\n`));
    expect(briefAt(titled.issues)).toEqual(['HEADER_NOT_FIRST@1:', 'VALUE_NOT_NUMBER@5:OBS_VALUE']);
    expect(titled.issues[0]).toMatchObject({
      severity: 'warning',
      value: 'Ministerul Afacerilor Interne',
      message: 'expected the header on line 1, found it on line 3; the text above it ("Ministerul Afacerilor Interne") is a title, skipped',
      hint: 'delete the title line: the first line must be the header (the header line of the template)',
    });
    expect(titled.acceptedLines).toEqual([4]);
    // a data line above the header is never skipped: the file reads as before (the first line is no header)
    const data = await validatePath(session, file(`ROU,2025,SOM_OFF,10\n${HEADER}\nROU,2025,FA_OFF,11\n`));
    expect(briefAt(data.issues)).toEqual(['HEADER_MISSING@1:']);
  });

  it('TOO_MANY_CELLS names the first surplus column and its value, without the CR LF of the line before', async () => {
    const result = await validatePath(session, file(`${HEADER},COMMENT\r\nROU,2025,SOM_OFF,10,ok\r\nROU,2025,FA_OFF,11,a,b\r\n`));
    expect(result.issues).toMatchObject([
      { code: 'TOO_MANY_CELLS', line: 3, column: 'column 6', value: 'b', message: 'expected 5 cells as in the header, found 6: the cells beyond the header hold "b"' },
    ]);
  });

  it('STRAY_QUOTE names the column and the cell', async () => {
    const result = await validatePath(session, file(`${HEADER},COMMENT\nROU,2025,SOM_OFF,10,"quoted" then text\n`));
    expect(result.issues).toMatchObject([{ code: 'STRAY_QUOTE', line: 2, column: 'COMMENT', value: '"quoted" then text' }]);
  });

  it('an unterminated quote is one error (no padded row "too short"); on the last line it swallows "line 3"', async () => {
    const last = await validatePath(session, file(`${HEADER},COMMENT\nROU,2025,SOM_OFF,10,ok\nROU,2025,FA_OFF,11,"open\n`));
    expect(briefAt(last.issues)).toEqual(['QUOTE_UNTERMINATED@3:']);
    expect(last.issues[0]!.message).toMatch(/swallows line 3$/);
    expect(last.acceptedLines).toEqual([2]);
    const more = await validatePath(session, file(`${HEADER},COMMENT\r\nROU,2025,SOM_OFF,10,ok\r\nROU,2025,FA_OFF,11,"open\r\nROU,2025,ML_OFF,12,x\r\n`));
    expect(briefAt(more.issues)).toEqual(['QUOTE_UNTERMINATED@3:']);
    expect(more.issues[0]!.message).toMatch(/swallows lines 3–4$/);
  });

  it('a row separated by ";" in a "," file says so, once', async () => {
    const result = await validatePath(session, file(`${HEADER}\nROU;2025;SOM_OFF;10\nROU,2025,FA_OFF,10\n`));
    expect(result.issues).toMatchObject([
      {
        code: 'TOO_FEW_CELLS',
        line: 2,
        column: 'TIME_PERIOD',
        value: 'ROU;2025;SOM_OFF;10',
        message: 'expected 4 cells separated by commas as in the header, found 1: this row separates its cells with semicolons',
      },
    ]);
    expect(result.acceptedLines).toEqual([3]);
  });

  it('a quote left open that swallows rows is that one error, whether its record ends short or long', async () => {
    const rows = (last: string) => `${HEADER},COMMENT\nROU,2025,SOM_SUS,2,\nROU,2025,FA_OFF,"5,x\nROU,2025,TIP_OFF,5,\n${last}\nROU,2025,DRG_OFF,9,\n`;
    // short: the record is read with 4 cells (no TOO_FEW_CELLS besides); long: DuckDB rejects it (no TOO_MANY_CELLS)
    for (const last of ['ROU,2025,TIP_VIC,3,end"', 'ROU,2025,TIP_VIC,3,end",x,y']) {
      const result = await validatePath(session, file(rows(last)));
      expect(result.issues.map((i) => [i.code, i.line, i.column, i.message])).toEqual([
        ['QUOTE_SWALLOWED_LINES', 3, 'OBS_VALUE', 'expected a quoted cell to end on its line, found it running to line 5 and taking in what look like rows'],
      ]);
      expect(result.acceptedLines).toEqual([2, 6]);
    }
  });

  it('a COMMENT over two lines whose second holds as many commas as the header is one row (was: QUOTE_SWALLOWED_LINES); rows swallowed by two stray quotes are not', async () => {
    const note = 'ROU,2025,SOM_OFF,10,"Recorded by the police\nand border police, customs, prosecution, courts, the army"\nROU,2025,FA_OFF,11,x\n';
    const result = await validatePath(session, file(`${HEADER},COMMENT\n${note}`));
    expect(result.issues).toEqual([]);
    expect(result.acceptedLines).toEqual([2, 4]);
    // the record is as wide as the header, but lines 3 and 4 begin as rows do (ROU, ALB)
    const paired = await validatePath(session, file(`${HEADER},COMMENT\nROU,2025,SOM_OFF,10,"open\nROU,2025,FA_OFF,11,x\nALB,2025,FA_OFF,12,closed"\n`));
    expect(briefAt(paired.issues)).toEqual(['QUOTE_SWALLOWED_LINES@2:COMMENT']);
  });

  it('a file breaking some lines with CR LF and others with LF alone (rows added in an editor) is read, its lines where they are (was: CSV_UNREADABLE, "The CSV Parser state machine reached an invalid state")', async () => {
    const result = await validatePath(session, file(`${HEADER}\r\nROU,2025,SOM_OFF,10\r\nROU,2025,FA_OFF,11\nROU,2025,ML_OFF,x\n`));
    expect(briefAt(result.issues)).toEqual(['VALUE_NOT_NUMBER@4:OBS_VALUE']);
    expect(result.acceptedLines).toEqual([2, 3]);
  });

  it('surplus cells after a quoted line break are reported on the line where they are', async () => {
    const result = await validatePath(session, file(`${HEADER},COMMENT\nROU,2025,SOM_OFF,10,"one\ntwo",extra\nROU,2025,FA_OFF,11,x\n`));
    expect(briefAt(result.issues)).toEqual(['TOO_MANY_CELLS@3:column 6']);
    expect(result.issues[0]!.value).toBe('extra');
    expect(result.acceptedLines).toEqual([4]);
  });

  it('a header ending in nameless columns (",,,") does not make rows without them short; a row short of a named column is', async () => {
    const result = await validatePath(session, file(`${HEADER},COMMENT,,,\nROU,2025,SOM_OFF,10,\nROU,2025,FA_OFF,11,x,,\nROU,2025,ML_OFF\n`));
    expect(briefAt(result.issues)).toEqual(['TOO_FEW_CELLS@4:OBS_VALUE']);
    expect(result.issues[0]!.message).toBe('expected 5 cells as in the header, found 3');
    expect(result.acceptedLines).toEqual([2, 3]);
  });

  it('a tab-only line and a final Ctrl-Z are blank rows, like a line of spaces', async () => {
    const result = await validatePath(session, file(`${HEADER}\r\nROU,2025,SOM_OFF,10\r\n\t\r\n   \r\nROU,2025,FA_OFF,11\r\n\x1a`));
    expect(briefAt(result.issues)).toEqual(['BLANK_ROW@3:', 'BLANK_ROW@4:', 'BLANK_ROW@6:']);
    expect(result.errors).toBe(0);
    expect(result.accepted).toBe(2);
  });

  it('a Ctrl-Z that is not the end of the file is a control character', async () => {
    const result = await validatePath(session, file(`${HEADER}\nROU,2025,SOM\x1aOFF,10\n`));
    expect(briefAt(result.issues)).toEqual(['CONTROL_CHARACTER@2:INDICATOR']);
    expect(result.issues[0]!.message).toMatch(/a Ctrl-Z \(control character U\+001A\)/);
  });
});

describe('standard input and pipes', () => {
  const text = `${HEADER}\nROU,2025,SOM_OFF,10\nROU,2025,FA_OFF,x\n`;

  it('"-" reads standard input, named "stdin" in messages', async () => {
    const result = await runCli(['validate', '-'], { input: text });
    expect(result.stdout).toMatch(/^stdin: 2 rows, 1 error, 0 warnings/);
    expect(result.stdout).toMatch(/stdin:3 column OBS_VALUE: expected a number, found "x"/);
    expect(result.code).toBe(1);
  });

  it('/dev/stdin is read once, without LINES_UNRECONCILED', async () => {
    // through a shell pipe, as a user runs it (node's own stdin pipe is a socket, which /dev/stdin cannot open)
    const path = file(text);
    const command = `cat '${path}' | '${process.execPath}' --import '${join(PROJECT_ROOT, 'node_modules/tsx/dist/loader.mjs')}' '${join(PROJECT_ROOT, 'src/cli/main.ts')}' validate /dev/stdin`;
    const result = await new Promise<{ stdout: string }>((resolve, reject) => {
      const child = spawn('sh', ['-c', command], { cwd: PROJECT_ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'inherit'] });
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.on('error', reject);
      child.on('close', () => resolve({ stdout }));
    });
    expect(result.stdout).not.toMatch(/LINES_UNRECONCILED/);
    expect(result.stdout).toMatch(/\/dev\/stdin:3 column OBS_VALUE/);
  });

  it('a named pipe is read (it used to hang: the file was read twice)', async () => {
    const fifo = join(dir, 'return.fifo');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `cat > '${fifo}'`], { stdio: ['pipe', 'ignore', 'ignore'] });
    writer.stdin.end(text);
    const result = await runCli(['validate', fifo]);
    expect(result.stdout).toMatch(/return\.fifo: 2 rows, 1 error, 0 warnings/);
    expect(result.code).toBe(1);
  }, 60_000);
});
