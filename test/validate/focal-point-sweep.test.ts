import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { dropValidation, validateFile, type ValidationSession } from '../../src/validate/index.js';
import { brief, openSession, validatePath, writeReturn } from './validate-helper.js';

// Returns as focal points produce them (a second sweep with a new user's files): each case asserts code, line,
// column, value and the words a statistician reads.

let store: Store;
let session: ValidationSession;
beforeAll(async () => ({ store, session } = await openSession()));
afterAll(() => store.close());

/** Writes `lines` as a return in a fresh folder and returns its path. */
/** Each issue as code@line:column=value. */

const returnFile = (lines: string[], name?: string): string => writeReturn(lines, { name, eol: '\r\n' });

const MISSING_HINT =
  'for a figure that is not available, leave OBS_VALUE empty and set OBS_STATUS to M (missing), L (exists but not collected), O (not available) or Q (suppressed); write 0 only for a true zero';

describe('OBS_VALUE written as a yearbook writes it', () => {
  it('"N/A", "-", "..", "n.a.", "x", "н/д", "–" say how to report a missing figure; "12%", "12 kg", "−5" say what to write', async () => {
    const values = ['N/A', '-', '..', 'n.a.', 'x', 'н/д', '–', '12%', '12 kg', '−5', 'abc'];
    const indicators = ['TIP_VIC', 'TIP_OFF', 'TIP_SUS', 'TIP_PRS', 'TIP_CNV', 'SOM_OFF', 'SOM_SUS', 'FA_OFF', 'DRG_SEIZ_KG', 'CYB_OFF', 'COR_SUS'];
    const path = returnFile(['REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE', ...values.map((v, i) => `ROU,2025,${indicators[i]},${v}`)]);
    const result = await validatePath(session, path);
    expect(result.issues.map((i) => [i.line, i.code, i.column, i.value, i.hint])).toEqual([
      ...values.slice(0, 7).map((v, i) => [i + 2, 'VALUE_NOT_NUMBER', 'OBS_VALUE', v, MISSING_HINT]),
      [9, 'VALUE_NOT_NUMBER', 'OBS_VALUE', '12%', 'OBS_VALUE holds the count or quantity itself, not a percentage: give the number (the review computes shares and rates)'],
      [10, 'VALUE_NOT_NUMBER', 'OBS_VALUE', '12 kg', 'write the number alone ("12"), without a unit or words: each indicator has one unit (see "crimetrends dictionary")'],
      [11, 'VALUE_NOT_NUMBER', 'OBS_VALUE', '−5', 'counts and quantities cannot be negative; a decrease is shown by a smaller value'],
      // a word, no digit: was "use a point as the decimal separator and no thousands separator"
      [12, 'VALUE_NOT_NUMBER', 'OBS_VALUE', 'abc', 'write the figure in digits: OBS_VALUE holds a number, not words; for a figure that is not available, leave OBS_VALUE empty and set OBS_STATUS to M (missing), L, O or Q (suppressed)'],
    ]);
    expect(result.issues[0]!.message).toBe('expected a number, found "N/A"');
    expect(result.acceptedLines).toEqual([]);
  });

  it('"n.a." with OBS_STATUS M is only VALUE_WITH_MISSING_STATUS (the marker belongs in neither cell)', async () => {
    const path = returnFile(['REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,OBS_STATUS', 'ROU,2025,TIP_VIC,n.a.,M']);
    const result = await validatePath(session, path);
    expect(result.issues.map((i) => [i.line, i.code, i.column, i.value])).toEqual([[2, 'VALUE_WITH_MISSING_STATUS', 'OBS_VALUE', 'n.a.']]);
  });
});

describe('TIME_PERIOD written as a fiscal or school year', () => {
  it('"2024/25" and "2024-2025" name both years; "FY2024", "2024." and "year 2024" name the year; "1989" keeps the general hint; "2027" is said to be after the current year', async () => {
    const years = ['2024/25', '2024-2025', '1999/2000', 'FY2024', '2024.', 'year 2024', '1989', '2025.0', '2027'];
    const path = returnFile(['REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE', ...years.map((y) => `ROU,${y},TIP_VIC,1`)]);
    const result = await validatePath(session, path);
    const span = (a: number, b: number): string =>
      `TIME_PERIOD is one calendar year: write ${a} or ${b}, the year the figure refers to, and say in COMMENT which period it covers`;
    expect(result.issues.filter((i) => i.code === 'TIME_PERIOD_INVALID').map((i) => [i.line, i.column, i.value, i.hint])).toEqual([
      [2, 'TIME_PERIOD', '2024/25', span(2024, 2025)],
      [3, 'TIME_PERIOD', '2024-2025', span(2024, 2025)],
      [4, 'TIME_PERIOD', '1999/2000', span(1999, 2000)],
      [5, 'TIME_PERIOD', 'FY2024', 'write 2024 (four digits only)'],
      [6, 'TIME_PERIOD', '2024.', 'write 2024 (four digits only)'],
      [7, 'TIME_PERIOD', 'year 2024', 'write 2024 (four digits only)'],
      [8, 'TIME_PERIOD', '1989', 'write the calendar year the figure refers to, as four digits'],
      [9, 'TIME_PERIOD', '2025.0', 'write 2025'],
      // was "write the calendar year the figure refers to, as four digits", which it is (validated on 2026-03-01)
      [10, 'TIME_PERIOD', '2027', 'write the year the figure refers to: 2027 is after the current year, 2026'],
    ]);
    expect(result.issues[0]!.message).toBe('expected a year as four digits (1990 to 2026), found "2024/25"');
  });
});

describe('TIME_PERIOD written as a part of a year', () => {
  it('a month ("2025-12", "12.2025") or SDMX\'s quarter, half-year, month or week ("2025-Q4") names its year, not a span back to 2012; "2011-12" stays a span, "2025-13" none', async () => {
    const years = ['2025-12', '2025-06', '12.2025', '12/2025', '2025-Q4', '2025Q4', '2025-S2', '2025-M12', '2025-W52', '2011-12', '2025-13'];
    const path = returnFile(['REF_AREA,TIME_PERIOD,INDICATOR,COUNTERPART_AREA,OBS_VALUE', ...years.map((y, i) => `ROU,${y},TIP_VIC,${['ALB', 'ARM', 'AZE', 'BGR', 'GEO', 'GRC', 'MDA', 'MKD', 'SRB', 'RUS', 'TUR'][i]},1`)]);
    const result = await validatePath(session, path);
    const part = (year: number, value: string, kind: string): string => `TIME_PERIOD is a calendar year: write ${year} with the figure for the whole year ("${value}" is ${kind})`;
    expect(result.issues.filter((i) => i.code === 'TIME_PERIOD_INVALID').map((i) => [i.line, i.column, i.value, i.hint])).toEqual([
      // was: 'write 2025 or 2012', a span read backwards
      [2, 'TIME_PERIOD', '2025-12', part(2025, '2025-12', 'a month')],
      [3, 'TIME_PERIOD', '2025-06', part(2025, '2025-06', 'a month')],
      [4, 'TIME_PERIOD', '12.2025', part(2025, '12.2025', 'a month')],
      [5, 'TIME_PERIOD', '12/2025', part(2025, '12/2025', 'a month')],
      [6, 'TIME_PERIOD', '2025-Q4', part(2025, '2025-Q4', 'a quarter')],
      [7, 'TIME_PERIOD', '2025Q4', part(2025, '2025Q4', 'a quarter')],
      [8, 'TIME_PERIOD', '2025-S2', part(2025, '2025-S2', 'a half-year')],
      [9, 'TIME_PERIOD', '2025-M12', part(2025, '2025-M12', 'a month')],
      [10, 'TIME_PERIOD', '2025-W52', part(2025, '2025-W52', 'a week')],
      // a fiscal year 2011/12 or December 2011: both years named, as before
      [11, 'TIME_PERIOD', '2011-12', 'TIME_PERIOD is one calendar year: write 2011 or 2012, the year the figure refers to, and say in COMMENT which period it covers'],
      // was: 'write 2025 or 2013'
      [12, 'TIME_PERIOD', '2025-13', 'write the calendar year the figure refers to, as four digits'],
    ]);
    expect(result.issues[0]!.message).toBe('expected a year as four digits (1990 to 2026), found "2025-12"');
  });
});

describe('a code typed with the keyboard set to Cyrillic or Greek, or upper-cased in Turkish', () => {
  it('is an error that names the look-alike letter and the Latin code to write (was \'found "М"\' beside \'valid codes: F, M, _T, _U\'); a Cyrillic name is not said to be one', async () => {
    const path = returnFile([
      'REF_AREA,TIME_PERIOD,INDICATOR,SEX,COUNTERPART_AREA,OBS_VALUE,CONF_STATUS',
      'SRB,2025,TIP_SUS,\u041c,_T,1,',
      '\u0412GR,2025,TIP_OFF,_T,_T,1,',
      'SRB,2025,TIP_VIC,_T,\u039c\u039aD,1,',
      'SRB,2025,T\u0130P_V\u0130C,_T,ALB,1,',
      'SRB,2025,TIP_SUS,_T,_T,1,\u0421',
      'SRB,2025,TIP_VIC,_T,\u041c\u0430\u043a\u0435\u0434\u043e\u043d\u0438\u044f,1,',
    ]);
    const result = await validatePath(session, path);
    const latin = (code: string, many = false): string => `write ${code} in Latin letters (with the keyboard set to English): ${many ? 'the letters look the same but are other characters' : 'the letter looks the same but is another character'}`;
    expect(result.issues.map((i) => [i.code, i.line, i.column, i.value, i.message, i.hint])).toEqual([
      ['UNKNOWN_CODE', 2, 'SEX', '\u041c', 'expected a SEX code, found "\u041c", which holds the Cyrillic letter \u041c (U+041C), not the Latin M', latin('M')],
      ['UNKNOWN_REF_AREA', 3, 'REF_AREA', '\u0412GR', 'expected the ISO 3166-1 alpha-3 code of a state of the region, found "\u0412GR", which holds the Cyrillic letter \u0412 (U+0412), not the Latin B', latin('BGR')],
      ['UNKNOWN_CODE', 4, 'COUNTERPART_AREA', '\u039c\u039aD', 'expected a COUNTERPART_AREA code, found "\u039c\u039aD", which holds the Greek letters \u039c (U+039C) and \u039a (U+039A), not the Latin M and K', latin('MKD', true)],
      ['UNKNOWN_INDICATOR', 5, 'INDICATOR', 'T\u0130P_V\u0130C', 'expected a catalogue indicator, found "T\u0130P_V\u0130C", which holds the Turkish letter \u0130 (U+0130), not the Latin I', latin('TIP_VIC')],
      ['UNKNOWN_CODE', 6, 'CONF_STATUS', '\u0421', 'expected a CONF_STATUS code, found "\u0421", which holds the Cyrillic letter \u0421 (U+0421), not the Latin C', latin('C')],
      // Macedonia in Russian: a name of no country here, no look-alike code
      ['UNKNOWN_CODE', 7, 'COUNTERPART_AREA', '\u041c\u0430\u043a\u0435\u0434\u043e\u043d\u0438\u044f', 'expected a COUNTERPART_AREA code, found "\u041c\u0430\u043a\u0435\u0434\u043e\u043d\u0438\u044f"', 'see "crimetrends dictionary" for the valid codes'],
    ]);
  });
});

describe('rows that are no observation', () => {
  it('a header pasted again mid-file and total rows in several languages are one issue each, not one per cell', async () => {
    const path = returnFile([
      'REF_AREA;TIME_PERIOD;INDICATOR;SEX;OBS_VALUE;COMMENT',
      'SRB;2025;TIP_VIC;_T;12;',
      '',
      'ref_area;time_period;indicator;sex;obs_value;comment',
      'SRB;2025;TIP_OFF;_T;12;',
      'SRB;2025;Ukupno:;_T;24;',
      'Итого;;;;36;',
      'TOTAL',
    ]);
    const result = await validatePath(session, path, { displayName: 'SRB_2025.csv' });
    expect(brief(result.issues)).toEqual([
      'BLANK_ROW@3:=',
      'HEADER_REPEATED@4:=ref_area',
      'TOTAL_ROW@6:INDICATOR=Ukupno:',
      'TOTAL_ROW@7:REF_AREA=Итого',
      'TOTAL_ROW@8:REF_AREA=TOTAL',
    ]);
    expect(result.issues[1]).toMatchObject({ severity: 'error', message: 'expected data, found the header line again' });
    expect(result.issues[3]).toMatchObject({
      severity: 'error',
      message: 'expected one observation per row, found a row of totals ("Итого")',
      hint: 'delete the row: totals over states or indicators are not sent (the review adds them up); the total of a breakdown is its row with _T',
    });
    // every line is an accepted row or an issue
    expect(result.acceptedLines).toEqual([2, 5]);
    expect(result).toMatchObject({ rows: 6, accepted: 2, errors: 4, warnings: 1 });
  });

  it('a state or indicator code is never a total row, nor is a valid row whose COMMENT says "Total"', async () => {
    const path = returnFile(['REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,COMMENT', 'ROU,2025,TIP_VIC,12,Total', 'Romania,2025,TIP_OFF,3,sum']);
    const result = await validatePath(session, path);
    expect(brief(result.issues)).toEqual(['NAME_NOT_CODE@3:REF_AREA=Romania']);
  });
});

describe('unknown codes and names in one file', () => {
  it('reports an unknown code (a flagged row) and a name read as a code (an unflagged row) in the same and in other columns', async () => {
    const path = returnFile([
      'REF_AREA,TIME_PERIOD,INDICATOR,SEX,OBS_VALUE',
      'ROU,2025,TIP_VIC,M,12',
      'ROU,2025,TIP_VICTIMS,_T,20', // unknown code: INDICATOR reads as null
      'ROU,2025,TIP_VIC,Female,7', // a label: SEX reads as F
      'ROU,2025,TIP_VIC,Women,5', // unknown in a column that also holds a label
      'Romania,2025,TIP_OFF,_T,3', // a name: REF_AREA reads as ROU
    ]);
    const result = await validatePath(session, path);
    expect(brief(result.issues)).toEqual([
      'UNKNOWN_INDICATOR@3:INDICATOR=TIP_VICTIMS', 'NAME_NOT_CODE@4:SEX=Female', 'UNKNOWN_CODE@5:SEX=Women', 'NAME_NOT_CODE@6:REF_AREA=Romania',
    ]);
  });
});

describe('a decimal comma in a comma-delimited file', () => {
  it('"1.234,5" leaves "5" in OBS_STATUS: the UNKNOWN_CODE says the cells are shifted and why', async () => {
    const path = returnFile(['REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,OBS_STATUS,CONF_STATUS', 'ROU,2025,DRG_SEIZ_KG,12,5,,']);
    const result = await validatePath(session, path);
    expect(result.issues.map((i) => [i.line, i.code, i.column, i.value, i.message, i.hint])).toEqual([
      [2, 'UNKNOWN_CODE', 'OBS_STATUS', '5', 'expected an OBS_STATUS code, found the number "5": the row\'s cells are shifted',
        'a decimal comma in OBS_VALUE ("12,5") splits the value into two cells in a comma-delimited file: write a decimal point ("12.5"), or quote the value'],
    ]);
  });
});

describe('SDMX-CSV exports', () => {
  it('version 1.0 (a DATAFLOW column) is an export like version 2.0: its column is no UNKNOWN_COLUMN, several states no REF_AREA_MIXED', async () => {
    const path = returnFile(['DATAFLOW,REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE', 'CT:AAT(1.0.0),ROU,2025,TIP_VIC,12', 'CT:AAT(1.0.0),BGR,2025,TIP_VIC,7']);
    const result = await validatePath(session, path);
    expect(result.issues).toEqual([]);
    expect(result.acceptedLines).toEqual([2, 3]);
  });

  it('with labels ("REF_AREA: Reference area", "ROU: Romania", "A: Normal value") reads the codes; an unknown code is still reported', async () => {
    const path = returnFile([
      'STRUCTURE,STRUCTURE_ID,ACTION: Action,REF_AREA: Reference area,TIME_PERIOD: Time period,INDICATOR: Indicator,SEX: Sex,OBS_VALUE: Observation value,OBS_STATUS: Observation status,COMMENT: Comment',
      'dataflow,CT:AAT(1.0.0),I,ROU: Romania,2025,TIP_VIC: Trafficking in persons: victims,F: Female,12,P: Provisional,"Note: kept as written"',
      'dataflow,CT:AAT(1.0.0),D,BGR: Bulgaria,2025,TIP_VIC: Victims,_T: Total,12,A: Normal value,',
      'dataflow,CT:AAT(1.0.0),I,XXX: Nowhere,2025,TIP_VIC: Victims,_T: Total,12,A: Normal value,',
    ]);
    const result = await validatePath(session, path);
    expect(result.issues.map((i) => [i.line, i.code, i.column, i.value])).toEqual([
      [3, 'ACTION_NOT_SUPPORTED', 'ACTION', 'D'],
      [4, 'UNKNOWN_REF_AREA', 'REF_AREA', 'XXX: Nowhere'],
    ]);
    expect(result.acceptedLines).toEqual([2]);
    expect(result.state).toBeNull(); // ROU and BGR: an export of several states
    // the rows hold the codes, the COMMENT as written
    const validation = await validateFile(session, path, { displayName: 'labels.csv', now: new Date('2026-03-01T00:00:00Z'), changeWarning: { percent: 50, units: 20 } });
    const rows = await store.all(`select line, ref_area, indicator, sex, obs_status, comment from ${validation.rowsTable} order by line`);
    await dropValidation(session, validation);
    expect(rows).toEqual([
      { line: 2, ref_area: 'ROU', indicator: 'TIP_VIC', sex: 'F', obs_status: 'P', comment: 'Note: kept as written' },
      { line: 3, ref_area: 'BGR', indicator: 'TIP_VIC', sex: '_T', obs_status: 'A', comment: null },
      { line: 4, ref_area: null, indicator: 'TIP_VIC', sex: '_T', obs_status: 'A', comment: null },
    ]);
  });
});
