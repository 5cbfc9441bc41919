import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import type { ValidationSession } from '../../src/validate/index.js';
import { isTitleLine } from '../../src/validate/locate-header-below.js';
import { tempDir } from '../helpers/warehouse.js';
import { briefAt, fileWriter, HEADER, openSession, validatePath } from './validate-helper.js';

// a return whose first lines are a title (a table's caption, the ministry's name) above the header

let store: Store;
let session: ValidationSession;
beforeAll(async () => ({ store, session } = await openSession()));
afterAll(() => store.close());

const file = fileWriter(tempDir(), 'ALB_2025_title_');
const DATA = 'ALB,2025,TIP_VIC,_T,_T,_T,_T,10,A,F,\nALB,2025,TIP_VIC,F,_T,_T,_T,x,A,F,\n';

describe('a title above the header', () => {
  it('"Table 2. Trafficking in persons, 2025" (a comma and a year) is a title: the header is on line 2 (was: HEADER_MISSING and TOO_MANY_CELLS on every line)', async () => {
    const result = await validatePath(session, file(`Table 2. Trafficking in persons, 2025\n${HEADER}\n${DATA}`));
    expect(briefAt(result.issues)).toEqual(['HEADER_NOT_FIRST@1:', 'VALUE_NOT_NUMBER@4:OBS_VALUE']);
    expect(result.issues[0]).toMatchObject({
      severity: 'warning',
      line: 1,
      column: null,
      value: 'Table 2. Trafficking in persons, 2025',
      message: 'expected the header on line 1, found it on line 2; the text above it ("Table 2. Trafficking in persons, 2025") is a title, skipped',
      hint: 'delete the title line: the first line must be the header (the header line of the template)',
    });
    expect(result.acceptedLines).toEqual([3]);
  });

  it('titles in other languages and scripts, in merged cells ("Table 2,,,,,") and over several lines: one warning naming the header\'s line', async () => {
    const cases: Array<[string, number, string, string]> = [
      ['Таблица 2. Трафик на хора, 2025\n', 2, 'Таблица 2. Трафик на хора, 2025', 'delete the title line: the first line must be the header (the header line of the template)'],
      ['Πίνακας 2, 2025,,,,,,,,,\n', 2, 'Πίνακας 2, 2025', 'delete the title line: the first line must be the header (the header line of the template)'],
      ['Table 2,,,,,,,,,,\n', 2, 'Table 2', 'delete the title line: the first line must be the header (the header line of the template)'],
      ['Table 2, Trafficking in persons, by sex, age and citizenship, 2025\n', 2, 'Table 2, Trafficking in persons, by sex, age and citizenship, 2025', 'delete the title line: the first line must be the header (the header line of the template)'],
      ['"Tablo 2, İnsan ticareti",,,,,,,,,,\nReturn of the Ministry of Interior, 2025,,,,,,,,,\n\n', 4, 'Tablo 2, İnsan ticareti', 'delete the title lines: the first line must be the header (the header line of the template)'],
    ];
    for (const [title, headerLine, value, hint] of cases) {
      const result = await validatePath(session, file(`${title}${HEADER}\n${DATA}`));
      expect(briefAt(result.issues), title).toEqual(['HEADER_NOT_FIRST@1:', `VALUE_NOT_NUMBER@${headerLine + 2}:OBS_VALUE`]);
      expect(result.issues[0]!.value, title).toBe(value);
      expect(result.issues[0]!.message, title).toMatch(new RegExp(`found it on line ${headerLine}; the text above it \\(".+"( and 1 more line)?\\) is a title, skipped$`));
      expect(result.issues[0]!.hint, title).toBe(hint);
      expect(result.acceptedLines, title).toEqual([headerLine + 1]);
    }
  });

  it('a row of data above the header is no title: the file still reads as one without a header', async () => {
    expect(isTitleLine(['ROU', '2025', 'SOM_OFF'])).toBe(false);
    expect(isTitleLine(['North Macedonia', '2025', 'TIP_VIC'])).toBe(false);
    // a row of labels in place of codes, as a spreadsheet writes it (no space after its commas), is no title either
    expect(isTitleLine(['North Macedonia', '2025', 'Victims of trafficking', 'Total', 'Total', '61'])).toBe(false);
    expect(isTitleLine(['Table 2', ' Trafficking in persons', ' by sex', ' age and citizenship', ' 2025'])).toBe(true);
    expect(isTitleLine(['Table 2. Trafficking in persons', ' 2025'])).toBe(true);
    const result = await validatePath(session, file(`ALB,2025,TIP_VIC,_T,_T,_T,_T,10,A,F,\n${HEADER}\n${DATA}`));
    expect(briefAt(result.issues)[0]).toBe('HEADER_MISSING@1:');
  });
});
