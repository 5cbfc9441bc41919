import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import type { ValidationSession } from '../../src/validate/index.js';
import { HEADER, openSession, validatePath, writeReturn } from './validate-helper.js';

// numbers as a focal point's tools write them, beyond the template: a file of the required columns and COMMENT, a
// grouping a spreadsheet of another locale writes

let store: Store;
let session: ValidationSession;
beforeAll(async () => ({ store, session } = await openSession()));
afterAll(() => store.close());

/** The issues of a file as [code, line, column, value, message, hint]. */
async function issuesOf(path: string): Promise<unknown[][]> {
  return (await validatePath(session, path)).issues.map((i) => [i.code, i.line, i.column, i.value, i.message, i.hint]);
}

describe('a number written with a comma, unquoted, where COMMENT follows OBS_VALUE', () => {
  it('is an error naming both cells (12,500 read as 12 with the comment "500", with no issue); a comment of digits beside a larger value, or of four digits, is left', async () => {
    const path = writeReturn([
      'REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,COMMENT',
      'ROU,2025,TIP_OFF,12,500',
      'ROU,2025,FA_SEIZED,340,',
      'ROU,2025,DRG_SEIZ_KG,12,500',
      'ROU,2024,DRG_SEIZ_KG,12,5',
      'ROU,2023,DRG_SEIZ_KG,0,500',
      'ROU,2024,TIP_OFF,12,2019',
      'ROU,2024,TIP_VIC,1250,12',
      'ROU,2024,TIP_SUS,12,"Police, 2019"',
    ]);
    const split = (written: string, value: string, comment: string, grouped: boolean): string =>
      `expected a number${grouped ? ' without thousands separators' : ''}, found "${written}" unquoted, which the comma splits into two cells: ${value} in OBS_VALUE and "${comment}" in COMMENT`;
    expect(await issuesOf(path)).toEqual([
      ['THOUSANDS_SEPARATOR', 2, 'OBS_VALUE', '12,500', split('12,500', '12', '500', true),
        'write 12500 (no separator): a comma-delimited file ends a cell at each comma outside quotes'],
      ['THOUSANDS_SEPARATOR', 4, 'OBS_VALUE', '12,500', split('12,500', '12', '500', true),
        'write 12500 if the comma separates thousands, or 12.5 if it is a decimal comma (DRG_SEIZ_KG is a quantity, unit KG, which may have decimals); a separator is never guessed: a comma-delimited file ends a cell at each comma outside quotes'],
      ['VALUE_NOT_NUMBER', 5, 'OBS_VALUE', '12,5', split('12,5', '12', '5', false),
        'write 12.5: a comma-delimited file takes a decimal point, and ends a cell at each comma outside quotes'],
      // a first group of 0 groups nothing
      ['VALUE_NOT_NUMBER', 6, 'OBS_VALUE', '0,500', split('0,500', '0', '500', false),
        'write 0.500: a comma-delimited file takes a decimal point, and ends a cell at each comma outside quotes'],
    ]);
  });

  it('is not looked for where OBS_STATUS follows OBS_VALUE, as in the template (the second half is an unknown status there)', async () => {
    const path = writeReturn(['REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,OBS_STATUS,COMMENT', 'ROU,2025,TIP_OFF,12,500,']);
    expect((await issuesOf(path)).map((i) => [i[0], i[2], i[3]])).toEqual([['UNKNOWN_CODE', 'OBS_STATUS', '500']]);
  });
});

describe('a small return with one row of another state', () => {
  it('says that no state reports 90 % of its rows and that the file is then no one state\'s return (was "a return normally holds one state; check REF_AREA")', async () => {
    const rows = ['TIP_OFF', 'TIP_VIC', 'TIP_SUS', 'TIP_PRS', 'TIP_CNV', 'FA_SEIZED', 'FA_SEIZ_CASES', 'COR_OFF'].map((indicator, i) => `${i === 3 ? 'BGR' : 'ROU'},2025,${indicator},_T,_T,_T,_T,12,,,`);
    const result = await validatePath(session, writeReturn([HEADER, ...rows]));
    expect(result.issues.map((i) => [i.code, i.line, i.column, i.value, i.message, i.hint])).toEqual([
      ['REF_AREA_MIXED', 5, 'REF_AREA', 'BGR', 'expected the rows of one state, found 2 states: ROU, BGR; none reports 90 % of its rows (ROU: 7 of 8), so the file is no one state\'s return',
        'a return holds one state: correct REF_AREA on the rows of other states; as it is, ingest would take the file as no one state\'s return, whose rows each state\'s own return outranks, and the state whose return it is meant to be would still have none'],
    ]);
    expect(result.state).toBeNull();
  });
});
