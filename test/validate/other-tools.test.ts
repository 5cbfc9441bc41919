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
        'if the file is meant as one state\'s return, correct REF_AREA on the rows of the others: as it is, ingest would take it as no one state\'s return, whose rows each state\'s own return outranks, and that state would still have no return'],
    ]);
    expect(result.state).toBeNull();
  });
});

describe('hints for numbers and years as other locales and tools write them', () => {
  it('name the plain form: typographic quotes, a typographic apostrophe grouping, an exponent with a decimal comma, a grouped number with a unit, a point-grouped number with a decimal comma, a two-digit year', async () => {
    const path = writeReturn([
      HEADER,
      'ROU,2025,TIP_OFF,_T,_T,_T,_T,“12”,,,',
      'ROU,2025,TIP_VIC,_T,_T,_T,_T,«12»,,,',
      'ROU,2025,TIP_PRS,_T,_T,_T,_T,1’340,,,',
      'ROU,2025,TIP_CNV,_T,_T,_T,_T,"1,25E+04",,,',
      'ROU,2025,FA_SEIZED,_T,_T,_T,_T,12 500 kg,,,',
      'ROU,2025,DRG_SEIZ_KG,_T,_T,_T,_T,"12.500,00",,,',
      'ROU,25,TIP_SUS,_T,_T,_T,_T,12,,,',
      'ROU,98,COR_OFF,_T,_T,_T,_T,12,,,',
      'ROU,50,COR_SUS,_T,_T,_T,_T,12,,,',
    ]);
    const quotes = 'alone: the cell holds quotation marks (“ ”), which a word processor or Apple Numbers types as characters of the cell, not the quotes CSV puts around a cell';
    expect((await issuesOf(path)).map((i) => [i[0], i[1], i[2], i[3], i[5]])).toEqual([
      // were "use a point as the decimal separator and no thousands separator"
      ['VALUE_NOT_NUMBER', 2, 'OBS_VALUE', '“12”', `write 12 ${quotes}`],
      ['VALUE_NOT_NUMBER', 3, 'OBS_VALUE', '«12»', `write 12 ${quotes}`],
      ['THOUSANDS_SEPARATOR', 4, 'OBS_VALUE', '1’340', 'write 1340 (no separator); a separator is never guessed: if a number format groups the thousands, format the column without them before saving, or, in LibreOffice, untick "Save cell content as shown" in its Export Text File dialog'],
      // was "write the number in full, without an exponent", without the number
      ['VALUE_NOT_NUMBER', 5, 'OBS_VALUE', '1,25E+04', 'write the number in full, without an exponent: 12500'],
      ['VALUE_NOT_NUMBER', 6, 'OBS_VALUE', '12 500 kg', 'write the number alone ("12500"), without a unit, words or thousands separator: each indicator has one unit (see "crimetrends dictionary")'],
      ['VALUE_NOT_NUMBER', 7, 'OBS_VALUE', '12.500,00', 'write 12500.00: a comma-delimited file takes a decimal point and no thousands separator; a spreadsheet set to a language that writes a decimal comma saves the number so, as it shows it: format the column without thousands separators and save with ";" as the field delimiter, which reads a decimal comma, or set the spreadsheet\'s locale to one with a decimal point'],
      // was "write the calendar year the figure refers to, as four digits"; 50 names no year from 1990 on
      ['TIME_PERIOD_INVALID', 8, 'TIME_PERIOD', '25', 'write 2025 if that year is meant: a year has four digits'],
      ['TIME_PERIOD_INVALID', 9, 'TIME_PERIOD', '98', 'write 1998 if that year is meant: a year has four digits'],
      ['TIME_PERIOD_INVALID', 10, 'TIME_PERIOD', '50', 'write the calendar year the figure refers to, as four digits'],
    ]);
  });
});

describe('a row short of its last cell alone', () => {
  it('says the row ends before its last column and that an empty last cell needs its delimiter (was "a delimiter is missing, or the row was cut short")', async () => {
    const path = writeReturn([HEADER, 'ROU,2025,TIP_OFF,_T,_T,_T,_T,120,,', 'ROU,2025,TIP_VIC,_T,_T,_T,_T,12', 'ROU,2025,TIP_SUS,_T,_T,_T,_T,12,,,']);
    expect((await issuesOf(path)).map((i) => [i[0], i[1], i[2], i[4], i[5]])).toEqual([
      ['TOO_FEW_CELLS', 2, 'COMMENT', 'expected 11 cells as in the header, found 10: the row ends before its last column, COMMENT',
        'if COMMENT is empty on this row, end the line with a delimiter for its cell (a program that leaves out a last empty cell writes the row so); if not, a cell is missing before it and the cells after that stand under the wrong columns: give the row its missing cell'],
      ['TOO_FEW_CELLS', 3, 'OBS_STATUS', 'expected 11 cells as in the header, found 8', 'a delimiter is missing, or the row was cut short'],
    ]);
  });
});

describe('an optional column under a name near its own', () => {
  it('is refused, not ignored: "CONF STATUS" read every row as F (free: published) with an UNKNOWN_COLUMN warning only', async () => {
    const path = writeReturn([
      'REF_AREA,TIME_PERIOD,INDICATOR,SEX,AGE,COUNTERPART_AREA,BREAKDOWN,OBS_VALUE,Obs. status,CONF STATUS,COMMENTS,NAME,DATE',
      'ROU,2025,TIP_OFF,_T,_T,_T,_T,120,E,C,estimated,x,2025-01-01',
    ]);
    const result = await validatePath(session, path);
    expect(result.issues.filter((i) => i.code === 'MISSING_COLUMN').map((i) => [i.line, i.column, i.message, i.hint])).toEqual([
      [1, 'OBS_STATUS', 'expected a column OBS_STATUS in the header, found "Obs. status", which is not one: its values would be ignored, every row read as OBS_STATUS A', 'rename the column "Obs. status" to OBS_STATUS'],
      [1, 'CONF_STATUS', 'expected a column CONF_STATUS in the header, found "CONF STATUS", which is not one: its values would be ignored, every row read as CONF_STATUS F', 'rename the column "CONF STATUS" to CONF_STATUS'],
      [1, 'COMMENT', 'expected a column COMMENT in the header, found "COMMENTS", which is not one: its values would be ignored, every row read without a comment', 'rename the column "COMMENTS" to COMMENT'],
    ]);
    // NAME and DATE are two letters from AGE, not near it; the rows are still checked
    expect(result.issues.filter((i) => i.code !== 'MISSING_COLUMN' && i.code !== 'UNKNOWN_COLUMN')).toEqual([]);
    expect(result.errors).toBe(3);
  });
});

describe('a status in the other status column, and a yes or no in CONF_STATUS', () => {
  it('says which column the code belongs to, or that CONF_STATUS takes a code (was "valid codes: …")', async () => {
    const path = writeReturn([HEADER, 'ROU,2025,TIP_OFF,_T,_T,_T,_T,120,C,,', 'ROU,2025,TIP_VIC,_T,_T,_T,_T,12,,E,', 'ROU,2025,TIP_SUS,_T,_T,_T,_T,12,,Yes,', 'ROU,2025,TIP_PRS,_T,_T,_T,_T,12,,TRUE,']);
    const yesNo = 'CONF_STATUS takes a code, not a yes or no: write C if the figure is confidential (never published), N if for internal use only, else leave the cell empty, which reads as F (free: may be published)';
    expect((await issuesOf(path)).map((i) => [i[0], i[1], i[2], i[3], i[5]])).toEqual([
      ['UNKNOWN_CODE', 2, 'OBS_STATUS', 'C', 'C is a code of CONF_STATUS (confidential): write it in CONF_STATUS, and leave OBS_STATUS empty, which reads as A (normal value), or give the figure\'s own code'],
      ['UNKNOWN_CODE', 3, 'CONF_STATUS', 'E', 'E is a code of OBS_STATUS (estimated): write it in OBS_STATUS, and leave CONF_STATUS empty, which reads as F (free: may be published), or give the figure\'s own code'],
      ['UNKNOWN_CODE', 4, 'CONF_STATUS', 'Yes', yesNo],
      ['UNKNOWN_CODE', 5, 'CONF_STATUS', 'TRUE', yesNo],
    ]);
  });
});

describe('CONF_STATUS\'s codes under a column of another name', () => {
  it('are refused, not ignored ("CONFIDENTIALITY" with C read every row as F, free to publish); a column holding other values too is left', async () => {
    const path = writeReturn(['REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,CONFIDENTIALITY,UNIT', 'ROU,2025,TIP_OFF,120,,NR', 'ROU,2025,TIP_VIC,12,C,NR', 'ROU,2025,TIP_SUS,12,F,N']);
    expect((await issuesOf(path)).filter((i) => i[0] === 'MISSING_COLUMN')).toEqual([
      ['MISSING_COLUMN', 1, 'CONF_STATUS', null,
        'expected a column CONF_STATUS in the header, found "CONFIDENTIALITY", whose cells hold its codes (C at line 3): its values would be ignored, every row read as CONF_STATUS F (free: may be published)',
        'rename the column "CONFIDENTIALITY" to CONF_STATUS'],
    ]);
  });
});

describe('a second header in another column order (two sheets pasted together)', () => {
  it('says the rows below it are read under the first header\'s names, at the first column that differs', async () => {
    const path = writeReturn([
      HEADER,
      'ROU,2025,TIP_OFF,_T,_T,_T,_T,120,,,',
      'REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,SEX,AGE,COUNTERPART_AREA,BREAKDOWN,OBS_STATUS,CONF_STATUS,COMMENT',
      'ROU,2025,FA_SEIZED,340,_T,_T,_T,_T,,,',
      HEADER,
    ]);
    const issues = (await issuesOf(path)).filter((i) => i[0] === 'HEADER_REPEATED');
    expect(issues).toEqual([
      ['HEADER_REPEATED', 3, null, 'REF_AREA',
        'expected data, found the header line again, its columns in another order (column 4 is OBS_VALUE, SEX in the first header): the rows below it are read under the first header\'s names',
        'delete the line, and put the rows below it in the first header\'s column order (or send each part as a file of its own)'],
      ['HEADER_REPEATED', 5, null, 'REF_AREA', 'expected data, found the header line again', 'delete the line: a return has one header, on its first line (were two files pasted together?)'],
    ]);
  });
});

describe('a header typed in Turkish capitals (İNDİCATOR, TİME_PERİOD) repeated mid-file or below the data', () => {
  /** HEADER as a Turkish keyboard's Caps Lock types it: the dotted capital İ (U+0130) for each i. */
  const TURKISH = HEADER.replace(/I/g, '\u0130');
  const repeated = (line: number) => ['HEADER_REPEATED', line, null, 'REF_AREA', 'expected data, found the header line again', 'delete the line: a return has one header, on its first line (were two files pasted together?)'];

  it('is the one HEADER_REPEATED the ASCII header is, with its hint (was a DESCRIPTION_ROW: "expected data, found a row of descriptions")', async () => {
    const mid = writeReturn([HEADER, 'ROU,2025,TIP_OFF,_T,_T,_T,_T,120,,,', TURKISH, 'ROU,2025,FA_SEIZED,_T,_T,_T,_T,340,,,']);
    expect(await issuesOf(mid)).toEqual([repeated(3)]);
    // a second table pasted under the first, whose own header was typed in Turkish too: below the data
    const below = writeReturn([TURKISH, 'ROU,2025,TIP_OFF,_T,_T,_T,_T,120,,,', 'ROU,2025,FA_SEIZED,_T,_T,_T,_T,340,,,', TURKISH, 'ROU,2024,TIP_OFF,_T,_T,_T,_T,110,,,']);
    expect(await issuesOf(below)).toEqual([repeated(4)]);
    // the ASCII header under a Turkish first one, in the same order, is the same header: no "another order"
    const ascii = writeReturn([TURKISH, 'ROU,2025,TIP_OFF,_T,_T,_T,_T,120,,,', HEADER, 'ROU,2024,TIP_OFF,_T,_T,_T,_T,110,,,']);
    expect(await issuesOf(ascii)).toEqual([repeated(3)]);
  });

  it('in another column order, names the first column that differs, as in ASCII', async () => {
    const path = writeReturn([HEADER, 'ROU,2025,TIP_OFF,_T,_T,_T,_T,120,,,', TURKISH.replace('SEX,AGE,COUNTERPART_AREA,BREAKDOWN,OBS_VALUE', 'OBS_VALUE,SEX,AGE,COUNTERPART_AREA,BREAKDOWN')]);
    expect((await issuesOf(path)).filter((i) => i[0] === 'HEADER_REPEATED')).toEqual([
      ['HEADER_REPEATED', 3, null, 'REF_AREA',
        'expected data, found the header line again, its columns in another order (column 4 is OBS_VALUE, SEX in the first header): the rows below it are read under the first header\'s names',
        'delete the line, and put the rows below it in the first header\'s column order (or send each part as a file of its own)'],
    ]);
  });
});

describe('the header repeated on every page (a sheet printed with its title rows on each page, or exported page by page)', () => {
  it('is a HEADER_REPEATED error per repeat whose hint says how often it repeats (was: "were two files pasted together?")', async () => {
    const rows = (from: number) => [0, 1].map((i) => `ROU,${from + i},TIP_OFF,_T,_T,_T,_T,${120 + i},,,`);
    const path = writeReturn([HEADER, ...rows(2016), HEADER, ...rows(2018), HEADER, ...rows(2020), HEADER, ...rows(2022)]);
    const hint = 'delete the line: a return has one header, on its first line; here it is repeated 3 times, as a sheet printed with its title rows on every page, or exported page by page, writes it';
    expect((await issuesOf(path)).filter((i) => i[0] === 'HEADER_REPEATED')).toEqual([4, 7, 10].map((line) =>
      ['HEADER_REPEATED', line, null, 'REF_AREA', 'expected data, found the header line again', hint]));
  });
});

describe('a count with a floating-point rest (11.999999999999998)', () => {
  it('stays VALUE_NOT_INTEGER, its hint naming the whole number and the rounding (was "counts have no decimals; if the separator is a thousands separator, remove it")', async () => {
    const path = writeReturn([HEADER, 'ROU,2025,TIP_OFF,_T,_T,_T,_T,11.999999999999998,,,', 'ROU,2025,TIP_VIC,_T,_T,_T,_T,12.5,,,']);
    expect((await issuesOf(path)).map((i) => [i[0], i[1], i[3], i[5]])).toEqual([
      ['VALUE_NOT_INTEGER', 2, '11.999999999999998', 'write 12: "11.999999999999998" is 12 computed in floating point by a formula or a program, with a rounding rest; round the figure before saving (a spreadsheet\'s ROUND(…, 0); pandas: .round().astype("Int64"))'],
      ['VALUE_NOT_INTEGER', 3, '12.5', 'counts have no decimals; if the separator is a thousands separator, remove it'],
    ]);
  });
});

describe('SEX written as a word or initial of a language of the region', () => {
  it('stays an error, its hint naming the language and the code (was "valid codes: F, M, _T, _U"); an initial two languages read otherwise names both', async () => {
    const cells = ['Kadın', 'E', 'K', 'Ж', 'Žene', 'Bărbați'];
    const path = writeReturn([HEADER, ...cells.map((cell, i) => `ROU,2025,TIP_VIC,${cell},_T,_T,_T,${i + 1},,,`)]);
    const codes = '(SEX takes the codes F, M, _T for the total and _U for unknown, in every language)';
    expect((await issuesOf(path)).filter((i) => i[0] === 'UNKNOWN_CODE').map((i) => [i[1], i[2], i[3], i[5]])).toEqual([
      [2, 'SEX', 'Kadın', `"Kadın" is Turkish for women: write F ${codes}`],
      [3, 'SEX', 'E', `"E" is erkek (men) in Turkish: write M ${codes}`],
      [4, 'SEX', 'K', `"K" is kadın (women) in Turkish, kişi (men) in Azerbaijani: write F or M ${codes}`],
      [5, 'SEX', 'Ж', `"Ж" is the initial of women in Bulgarian, Russian, Serbian and Ukrainian (жени, женщины, жене, жінки): write F ${codes}`],
      [6, 'SEX', 'Žene', `"Žene" is Serbian, Croatian, Bosnian and Montenegrin for women: write F ${codes}`],
      [7, 'SEX', 'Bărbați', `"Bărbați" is Romanian for men: write M ${codes}`],
    ]);
  });
});

describe('a required cell left empty under a merged cell', () => {
  it('says a merged cell or a value typed once for a group of rows is saved on its first row only (was "REF_AREA is required on every row")', async () => {
    const path = writeReturn([HEADER, 'ROU,2025,TIP_VIC,_T,_T,_T,_T,12,,,', ',2025,TIP_VIC,F,_T,_T,_T,5,,,']);
    expect((await issuesOf(path)).map((i) => [i[0], i[1], i[2], i[5]])).toEqual([
      ['REQUIRED_VALUE_MISSING', 3, 'REF_AREA', 'REF_AREA is required on every row; a spreadsheet saves a cell merged over several rows, or a value typed once above a group of rows, on the first of them only: unmerge the cells and fill REF_AREA on each row'],
    ]);
  });
});

describe('a header sorted in among the data', () => {
  it('names the line the header stands on and says to move it to the top (was "add the header line of the template above the data")', async () => {
    const path = writeReturn(['ROU,2025,FA_SEIZED,_T,_T,_T,_T,340,,,', 'ROU,2025,FA_SEIZ_CASES,_T,_T,_T,_T,34,,,', HEADER, 'ROU,2025,TIP_OFF,_T,_T,_T,_T,120,,,']);
    expect((await issuesOf(path)).map((i) => [i[0], i[1], i[4], i[5]])).toEqual([
      ['HEADER_MISSING', 1, 'expected the column names (REF_AREA, TIME_PERIOD, INDICATOR, …) on the first line, found data: the header row is on line 3, below 2 lines of data (a sort that took the header row in among the data)',
        'move line 3 to the top of the file (in a spreadsheet, sort with "My data has headers" ticked, which keeps the header row first)'],
    ]);
    const none = writeReturn(['ROU,2025,FA_SEIZED,_T,_T,_T,_T,340,,,', 'ROU,2025,TIP_OFF,_T,_T,_T,_T,120,,,']);
    expect((await issuesOf(none)).map((i) => [i[0], i[5]])).toEqual([['HEADER_MISSING', 'add the header line of the template above the data (see "crimetrends template")']]);
  });
});
