import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import type { ValidationSession } from '../../src/validate/index.js';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/warehouse.js';
import { writeZip } from '../helpers/xlsx.js';
import { fileWriter, HEADER, openSession, validatePath } from './validate-helper.js';

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
      + '  error   SRB_2025.ods: expected a CSV file (a return is one), found an OpenDocument spreadsheet (.ods) [ENCODING_UNDECODABLE]\n'
      + '          hint: open it in LibreOffice Calc and save it as Excel 2007-365 (.xlsx), or as Text CSV with the character set Unicode (UTF-8) (File > Save As), and offer that file\n');
  });
});
