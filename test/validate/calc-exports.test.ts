import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import type { ValidationSession } from '../../src/validate/index.js';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/warehouse.js';
import { writeWorkbook, writeZip } from '../helpers/xlsx.js';
import { fileWriter, HEADER, openSession, storedRows, validatePath } from './validate-helper.js';

// returns as spreadsheet programs other than Excel write them, byte for byte

let store: Store;
let session: ValidationSession;
beforeAll(async () => ({ store, session } = await openSession()));
afterAll(() => store.close());

const file = fileWriter(tempDir(), 'SRB_2025_');

describe('LibreOffice Calc\'s Text CSV with "Save cell formulas instead of calculated values" checked', () => {
  it('a formula in OBS_VALUE or a coded column is an error whose hint names the option (was "use a point as the decimal separator", "see crimetrends dictionary")', async () => {
    // LibreOffice writes each formula as its text, unquoted (quoted where it holds the delimiter or a quote)
    const path = file(`${HEADER}\nSRB,2025,TIP_VIC,_T,_T,_T,_T,=SUM(H3:H4),A,F,\n=A2,2025,TIP_VIC,F,_T,_T,_T,80,,,\nSRB,2025,TIP_VIC,M,_T,_T,_T,40,,,\n`);
    const result = await validatePath(session, path);
    const hint = 'the cell holds a formula, not its value: LibreOffice Calc saves formulas so when "Save cell formulas instead of calculated values" is checked '
      + 'in the Text CSV options; save the file again with it unchecked, or paste the values over the formulas (Copy, then Paste Special > Values Only)';
    expect(result.issues.map((i) => [i.code, i.line, i.column, i.value, i.hint])).toEqual([
      ['VALUE_NOT_NUMBER', 2, 'OBS_VALUE', '=SUM(H3:H4)', hint],
      ['UNKNOWN_REF_AREA', 3, 'REF_AREA', '=A2', hint],
    ]);
    expect(result.acceptedLines).toEqual([4]);
  });

  it('a text kept as a formula ("=""0703""") keeps its own hint, naming the value to write', async () => {
    const path = file(`${HEADER}\nSRB,2025,TIP_VIC,_T,_T,_T,_T,"=""120""",A,F,\n"=""SRB""",2025,TIP_VIC,F,_T,_T,_T,80,,,\n`);
    const result = await validatePath(session, path);
    expect(result.issues.map((i) => [i.code, i.line, i.hint])).toEqual([
      ['VALUE_NOT_NUMBER', 2, 'write 120 alone: the cell holds the text of a formula (="…") or of an apostrophe prefix; type the number into a cell formatted as a number'],
      ['UNKNOWN_REF_AREA', 3, 'write SRB alone: the cell holds the text of a formula (="…") or of an apostrophe prefix, not the code'],
    ]);
  });
});

describe('an OpenDocument spreadsheet (.ods), LibreOffice\'s own format, which no dependency reads', () => {
  it('is refused by name with what it is and how to save it as .xlsx or CSV, exit 1, no stack trace (the hint named CSV alone)', async () => {
    const dir = tempDir();
    // as LibreOffice stores it: "mimetype" first, uncompressed, then the content
    writeZip(join(dir, 'SRB_2025.ods'), [
      ['mimetype', 'application/vnd.oasis.opendocument.spreadsheet'],
      ['content.xml', '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>'],
      ['META-INF/manifest.xml', '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>'],
    ]);
    const result = await runCli(['validate', 'SRB_2025.ods'], { cwd: dir });
    expect([result.code, result.stderr]).toEqual([1, '']);
    expect(result.stdout).toBe('SRB_2025.ods: 0 rows, 1 error, 0 warnings — has errors: not accepted\n'
      + '  error   SRB_2025.ods: expected a return as CSV or .xlsx, found an OpenDocument spreadsheet (.ods) [ENCODING_UNDECODABLE]\n'
      + '          hint: open it in LibreOffice Calc and save it as Excel 2007-365 (.xlsx), or as Text CSV with the character set Unicode (UTF-8) (File > Save As), and offer that file\n');
  });
});

describe('a return as other programs save it, read as written', () => {
  const rows = [
    'SRB,2025,TIP_VIC,_T,_T,_T,_T,120,A,F,', 'SRB,2025,TIP_VIC,F,_T,_T,_T,80,,,', 'SRB,2025,TIP_VIC,M,_T,_T,_T,40,,,"Procjena, ""MUP"""',
    'SRB,2025,DRG_SEIZ_KG,_T,_T,_T,COCAINE,12.5,P,F,Provisional', 'SRB,2025,COR_OFF,_T,_T,_T,_T,,M,,',
  ];
  const expected = [
    { line: 2, obs_value: 120, obs_status: 'A', conf_status: 'F', comment: null }, { line: 3, obs_value: 80, obs_status: 'A', conf_status: 'F', comment: null },
    { line: 4, obs_value: 40, obs_status: 'A', conf_status: 'F', comment: 'Procjena, "MUP"' }, { line: 5, obs_value: 12.5, obs_status: 'P', conf_status: 'F', comment: 'Provisional' },
    { line: 6, obs_value: null, obs_status: 'M', conf_status: 'F', comment: null },
  ];
  // LibreOffice's "Quote all text cells": every text quoted, numbers and empty cells not
  const quoteAll = (line: string): string => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((m) => m[1]!).slice(0, 11)
    .map((c) => (c === '' || /^[0-9.]+$/.test(c) || c.startsWith('"') ? c : `"${c}"`)).join(',');
  const cases: Array<[string, string]> = [
    ['Google Sheets\' "Download > CSV" (CR LF, no line break after the last row)', [HEADER, ...rows].join('\r\n')],
    ['LibreOffice Calc\'s Text CSV, default options (LF)', `${[HEADER, ...rows].join('\n')}\n`],
    ['LibreOffice Calc\'s Text CSV, "Quote all text cells"', `${[quoteAll(HEADER), ...rows.map(quoteAll)].join('\n')}\n`],
    ['Apple Numbers\' CSV export (UTF-8 with a byte-order mark)', `\uFEFF${[HEADER, ...rows].join('\n')}\n`],
  ];
  it.each(cases)('%s: no issue, each value, status and comment as typed', async (_, text) => {
    const path = file(text);
    expect((await validatePath(session, path)).issues).toEqual([]);
    expect(await storedRows(session, path)).toEqual(expected);
  });

  it('an .xlsx as LibreOffice writes it (shared strings, numbers typed t="n", a formula with its result, a boolean, a hidden first sheet, the return\'s sheet renamed): no issue, each value as typed', async () => {
    const strings = ['REF_AREA', 'TIME_PERIOD', 'INDICATOR', 'SEX', 'AGE', 'COUNTERPART_AREA', 'BREAKDOWN', 'OBS_VALUE', 'OBS_STATUS', 'CONF_STATUS', 'COMMENT',
      'SRB', 'TIP_VIC', '_T', 'F', 'M', 'A'];
    const s = (ref: string, text: string): string => `<c r="${ref}" s="0" t="s"><v>${strings.indexOf(text)}</v></c>`;
    const n = (ref: string, value: number): string => `<c r="${ref}" s="0" t="n"><v>${value}</v></c>`;
    const keys = (line: number, sex: string): string[] => [s(`A${line}`, 'SRB'), n(`B${line}`, 2025), s(`C${line}`, 'TIP_VIC'), s(`D${line}`, sex), s(`E${line}`, '_T'), s(`F${line}`, '_T'), s(`G${line}`, '_T')];
    const sheet = [
      strings.slice(0, 11).map((name, i) => s(`${String.fromCharCode(65 + i)}1`, name)),
      [...keys(2, '_T'), '<c r="H2" s="0" t="n"><f aca="false">H3+H4</f><v>120</v></c>', s('I2', 'A'), '<c r="K2" s="0" t="b"><v>1</v></c>'],
      [...keys(3, 'F'), n('H3', 80)],
      [...keys(4, 'M'), n('H4', 40), '<c r="K4" s="0" t="str"><f aca="false">&quot;Procjena&quot;</f><v>Procjena</v></c>'],
      // a row whose cells have a format and no value, below the data
      ['<c r="A5" s="0"/>', '<c r="H5" s="0"/>'],
    ];
    const sst = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${
      strings.map((text) => `<si><t xml:space="preserve">${text}</t></si>`).join('')}</sst>`;
    const styles = '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="General"/></numFmts>'
      + '<cellXfs count="1"><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyFont="false"/></cellXfs></styleSheet>';
    const path = join(tempDir(), 'SRB_2025.xlsx');
    writeWorkbook(path, [{ name: 'Codes', rows: [['<c r="A1" t="inlineStr"><is><t>SEX code</t></is></c>']], state: 'hidden' }, { name: 'Podaci', rows: sheet }], undefined,
      [['xl/sharedStrings.xml', sst], ['xl/styles.xml', styles]]);
    const result = await validatePath(session, path);
    expect([result.issues, result.rows]).toEqual([[], 3]);
    expect((await storedRows(session, path)).map((r) => [r.line, r.obs_value, r.obs_status, r.comment])).toEqual([[2, 120, 'A', 'TRUE'], [3, 80, 'A', null], [4, 40, 'A', 'Procjena']]);
  });
});

describe('a COMMENT whose letter a code page lacked, saved as "?" (Excel\'s "CSV (Comma delimited)", LibreOffice\'s Text CSV in windows-1252)', () => {
  it('is kept as written, with one COMMENT_LETTER_REPLACED warning naming it, its count and first line (was stored with no word); a "?" in a web address or after a word is none', async () => {
    const path = file(`${HEADER}\nROU,2025,TIP_VIC,_T,_T,_T,_T,120,A,F,"Num?r provizoriu, infrac?iuni"\nROU,2025,TIP_VIC,F,_T,_T,_T,80,,,"Num?r provizoriu, infrac?iuni"\n`
      + 'ROU,2025,TIP_VIC,M,_T,_T,_T,40,,,see https://politiaromana.ro/ro/index.php?id=3\nROU,2025,TIP_OFF,_T,_T,_T,_T,12,,,why? no data\n', 'ROU_2025.csv');
    const result = await validatePath(session, path);
    expect(result.issues.map((i) => [i.code, i.severity, i.line, i.column, i.value, i.message])).toEqual([
      ['COMMENT_LETTER_REPLACED', 'warning', 2, 'COMMENT', 'Num?r provizoriu, infrac?iuni',
        'expected a comment in letters, found "Num?r provizoriu, infrac?iuni", a letter inside a word replaced by a question mark, in 2 cells (first at line 2); kept as written'],
    ]);
    expect(result.issues[0]!.hint).toMatch(/^a program saving the file in a code page that lacks a letter writes "\?" for it .*: save the file as "CSV UTF-8 \(Comma delimited\)"/);
    expect((await storedRows(session, path)).map((r) => r.comment)).toEqual(['Num?r provizoriu, infrac?iuni', 'Num?r provizoriu, infrac?iuni', 'see https://politiaromana.ro/ro/index.php?id=3', 'why? no data']);
  });
});
