import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { dropValidation, readIssues, validateFile, type ValidationSession } from '../../src/validate/index.js';
import { brief, HEADER, openSession, validatePath, writeReturn } from './validate-helper.js';

let store: Store;
let session: ValidationSession;
beforeAll(async () => ({ store, session } = await openSession()));
afterAll(() => store.close());


describe('codes in lower or mixed case', () => {
  it('read as their upper-case form in every coded column, one CODE_NOT_UPPER_CASE warning per cell, and the rows are accepted', async () => {
    const path = writeReturn([
      HEADER,
      'rou,2025,tip_vic,f,y_lt18,mda,sex_expl,12,a,f,',
      'Rou,2025,Tip_Sus,_T,_T,_t,_T,30,P,n,',
      'ROU,2025,TIP_OFF,_T,_T,_T,_T,40,A,F,',
    ]);
    const validation = await validateFile(session, path, { displayName: 'lower.csv', now: new Date('2026-03-01T00:00:00Z'), changeWarning: { percent: 50, units: 20 } });
    const rows = await store.all<Record<string, string | number>>(
      `select line, ref_area, indicator, sex, age, counterpart_area, breakdown, obs_status, conf_status from ${validation.rowsTable} order by line`,
    );
    const issues = await readIssues(session, validation);
    await dropValidation(session, validation);
    // what ingest stores is these columns: "rou" and "ROU" are one state downstream
    expect(rows).toEqual([
      { line: 2, ref_area: 'ROU', indicator: 'TIP_VIC', sex: 'F', age: 'Y_LT18', counterpart_area: 'MDA', breakdown: 'SEX_EXPL', obs_status: 'A', conf_status: 'F' },
      { line: 3, ref_area: 'ROU', indicator: 'TIP_SUS', sex: '_T', age: '_T', counterpart_area: '_T', breakdown: '_T', obs_status: 'P', conf_status: 'N' },
      { line: 4, ref_area: 'ROU', indicator: 'TIP_OFF', sex: '_T', age: '_T', counterpart_area: '_T', breakdown: '_T', obs_status: 'A', conf_status: 'F' },
    ]);
    expect(brief(issues)).toEqual([
      'CODE_NOT_UPPER_CASE@2:REF_AREA=rou', 'CODE_NOT_UPPER_CASE@2:INDICATOR=tip_vic', 'CODE_NOT_UPPER_CASE@2:SEX=f', 'CODE_NOT_UPPER_CASE@2:AGE=y_lt18',
      'CODE_NOT_UPPER_CASE@2:COUNTERPART_AREA=mda', 'CODE_NOT_UPPER_CASE@2:BREAKDOWN=sex_expl', 'CODE_NOT_UPPER_CASE@2:OBS_STATUS=a', 'CODE_NOT_UPPER_CASE@2:CONF_STATUS=f',
      'CODE_NOT_UPPER_CASE@3:REF_AREA=Rou', 'CODE_NOT_UPPER_CASE@3:INDICATOR=Tip_Sus', 'CODE_NOT_UPPER_CASE@3:COUNTERPART_AREA=_t', 'CODE_NOT_UPPER_CASE@3:CONF_STATUS=n',
    ]);
    expect(issues.every((i) => i.severity === 'warning')).toBe(true);
    expect(issues[0]).toMatchObject({ message: 'expected a code in capitals, found "rou"; read as ROU', hint: 'write ROU: codes are written in capitals' });
    expect(validation).toMatchObject({ state: 'ROU', errors: 0, warnings: 12, accepted: 3 });
  });

  it('"rou, tip_vic" and "ROU, TIP_VIC" are one series: two values for it conflict', async () => {
    const result = await validatePath(session, writeReturn([HEADER, 'ROU,2025,TIP_VIC,_T,_T,_T,_T,12,A,F,', 'rou,2025,tip_vic,_T,_T,_T,_T,13,A,F,']));
    expect(brief(result.issues)).toEqual(['CODE_NOT_UPPER_CASE@3:REF_AREA=rou', 'CODE_NOT_UPPER_CASE@3:INDICATOR=tip_vic', 'DUPLICATE_CONFLICT@3:OBS_VALUE=13']);
  });
});

describe('a count written with decimals', () => {
  it('"12.0", "12.00", "0.0" and "1234.000" read as whole numbers with a VALUE_DECIMAL_ZEROS warning; "12.5" and "1.000" are errors; kilograms keep their decimals', async () => {
    const values: Array<[string, string]> = [
      ['TIP_VIC', '12.0'], ['TIP_OFF', '12.00'], ['TIP_SUS', '0.0'], ['TIP_PRS', '1234.000'], ['TIP_CNV', '12.5'], ['FA_OFF', '1.000'],
      ['DRG_SEIZ_KG', '12.0'], ['FA_SUS', '12'],
    ];
    const path = writeReturn([HEADER, ...values.map(([indicator, value]) => `ROU,2025,${indicator},_T,_T,_T,_T,${value},A,F,`)]);
    const validation = await validateFile(session, path, { displayName: 'decimals.csv', now: new Date('2026-03-01T00:00:00Z'), changeWarning: { percent: 50, units: 20 } });
    const rows = await store.all<{ line: number; obs_value: number }>(`select line, obs_value from ${validation.rowsTable} order by line`);
    const issues = (await readIssues(session, validation)).filter((i) => i.code !== 'STAGE_ORDER');
    await dropValidation(session, validation);
    expect(rows.map((r) => r.obs_value)).toEqual([12, 12, 0, 1234, 12.5, 1, 12, 12]);
    expect(issues.map((i) => [i.line, i.code, i.severity, i.value, i.message, i.hint])).toEqual([
      [2, 'VALUE_DECIMAL_ZEROS', 'warning', '12.0', 'expected a whole number for TIP_VIC (a count, unit NR), found "12.0"; read as 12',
        // "12.0" is also how pandas writes a count (see statistics-programs.test.ts)
        'write 12: counts have no decimals (check that the cell is a count, not a computed figure rounded by the number format); pandas writes a count so when its column also holds an empty cell (NaN makes it a float column): before to_csv, '
          + 'convert it with df["OBS_VALUE"] = df["OBS_VALUE"].astype("Int64") (a column that also holds kilograms with decimals: df.to_csv(..., float_format="%.15g"))'],
      [3, 'VALUE_DECIMAL_ZEROS', 'warning', '12.00', expect.stringMatching(/found "12.00"; read as 12$/), expect.stringMatching(/^write 12:/)],
      [4, 'VALUE_DECIMAL_ZEROS', 'warning', '0.0', expect.stringMatching(/found "0.0"; read as 0$/), expect.stringMatching(/^write 0:/)],
      [5, 'VALUE_DECIMAL_ZEROS', 'warning', '1234.000', expect.stringMatching(/found "1234.000"; read as 1234$/), expect.stringMatching(/^write 1234:/)],
      [6, 'VALUE_NOT_INTEGER', 'error', '12.5', 'expected a whole number for TIP_CNV (a count, unit NR), found "12.5"',
        'counts have no decimals; if the separator is a thousands separator, remove it'],
      [7, 'VALUE_NOT_INTEGER', 'error', '1.000',
        'expected a whole number for FA_OFF (a count, unit NR), found "1.000": 1 with a decimal separator, or 1000 with a thousands separator; not guessed',
        'write 1 or 1000, without a separator'],
    ]);
    expect(validation).toMatchObject({ errors: 2, accepted: 6 });
  });

  it('in a semicolon file: "12,0" warns, "12,000" and "12,5" are errors, "12.000" is a thousands separator', async () => {
    const values: Array<[string, string]> = [['TIP_VIC', '12,0'], ['TIP_OFF', '12,000'], ['TIP_SUS', '12,5'], ['TIP_PRS', '12.000']];
    const path = writeReturn([HEADER.replaceAll(',', ';'), ...values.map(([indicator, value]) => `ROU;2025;${indicator};_T;_T;_T;_T;${value};A;F;`)]);
    const result = await validatePath(session, path);
    expect(result.issues.filter((i) => i.code !== 'STAGE_ORDER').map((i) => [i.line, i.code, i.value])).toEqual([
      [2, 'VALUE_DECIMAL_ZEROS', '12,0'],
      [3, 'VALUE_NOT_INTEGER', '12,000'],
      [4, 'VALUE_NOT_INTEGER', '12,5'],
      [5, 'THOUSANDS_SEPARATOR', '12.000'],
    ]);
    expect(result.issues.find((i) => i.line === 3)!.hint).toBe('write 12 or 12000, without a separator');
  });

  it('grouped by spaces, apostrophes or a thin space, a number\'s point or comma is its decimal separator: the hint removes the grouping only', async () => {
    // "5 102.7" in a ';' file hinted "write 51027" (the point removed too), ten times the figure; a thin space (U+2009,
    // pasted from a PDF) was VALUE_NOT_NUMBER with no figure to write
    const values: Array<[string, string]> = [
      ['DRG_SEIZ_KG', '5 102.7'], ['DRG_SEIZ_KG', "3'846.6"], ['DRG_SEIZ_KG', '1\u00a0234,5'], ['TIP_VIC', '1\u2009172'], ['TIP_OFF', '1.172'],
    ];
    const path = writeReturn([HEADER.replaceAll(',', ';'), ...values.map(([indicator, value], i) => `ROU;202${i};${indicator};_T;_T;_T;_T;${value};A;F;`)]);
    const result = await validatePath(session, path);
    expect(result.issues.map((i) => [i.line, i.code, i.column, i.value, i.hint])).toEqual([
      [2, 'THOUSANDS_SEPARATOR', 'OBS_VALUE', '5 102.7', 'write 5102.7 (no separator); a separator is never guessed: if a number format groups the thousands, format the column without them before saving, or, in LibreOffice, untick "Save cell content as shown" in its Export Text File dialog'],
      [3, 'THOUSANDS_SEPARATOR', 'OBS_VALUE', "3'846.6", 'write 3846.6 (no separator); a separator is never guessed: if a number format groups the thousands, format the column without them before saving, or, in LibreOffice, untick "Save cell content as shown" in its Export Text File dialog'],
      [4, 'THOUSANDS_SEPARATOR', 'OBS_VALUE', '1\u00a0234,5', 'write 1234,5 (no separator); a separator is never guessed: if a number format groups the thousands, format the column without them before saving, or, in LibreOffice, untick "Save cell content as shown" in its Export Text File dialog'],
      [5, 'THOUSANDS_SEPARATOR', 'OBS_VALUE', '1\u2009172', 'write 1172 (no separator); a separator is never guessed: if a number format groups the thousands, format the column without them before saving, or, in LibreOffice, untick "Save cell content as shown" in its Export Text File dialog'],
      [6, 'THOUSANDS_SEPARATOR', 'OBS_VALUE', '1.172', 'write 1172 (no separator); a separator is never guessed: if a number format groups the thousands, format the column without them before saving, or, in LibreOffice, untick "Save cell content as shown" in its Export Text File dialog'],
    ]);
    expect(result.issues[3]!.message).toBe('expected a number without thousands separators, found "1\u2009172"');
  });

  it('a figure below 1 with three decimals ("0.032" kilograms) is read as written in a ";", tab or "|" file: no grouping starts with 0', async () => {
    // was THOUSANDS_SEPARATOR, hint "write 0032": 32 grams of heroin refused as a thousands separator (found by the round-trip property)
    for (const delimiter of [';', '\t', '|']) {
      const path = writeReturn([HEADER.replaceAll(',', delimiter), ['MKD', '2024', 'DRG_SEIZ_KG', '_T', '_T', '_T', 'COCAINE', '0.032', 'A', 'F', ''].join(delimiter)]);
      const result = await validatePath(session, path);
      expect({ delimiter, issues: result.issues }).toEqual({ delimiter, issues: [] });
      expect(result.accepted).toBe(1);
    }
    // a grouping that does start with a digit 1-9 stays refused, and "0 032" (a space inside a number) is no number
    const path = writeReturn([HEADER.replaceAll(',', ';'), 'MKD;2024;DRG_SEIZ_KG;_T;_T;_T;_T;1.032;A;F;', 'MKD;2023;DRG_SEIZ_KG;_T;_T;_T;_T;0 032;A;F;']);
    expect((await validatePath(session, path)).issues.map((i) => [i.line, i.code, i.value])).toEqual([
      [2, 'THOUSANDS_SEPARATOR', '1.032'],
      [3, 'VALUE_NOT_NUMBER', '0 032'],
    ]);
  });

  it('in a comma-delimited file, the hint for "1 234,5" writes its decimal comma as the point the file reads', async () => {
    // was: 'write 1234,5', which a comma-delimited file reads as no number either
    const path = writeReturn([HEADER, 'ROU,2024,DRG_SEIZ_KG,_T,_T,_T,_T,"1 234,5",A,F,', 'ROU,2025,DRG_SEIZ_KG,_T,_T,_T,_T,"1,234.5",A,F,']);
    const result = await validatePath(session, path);
    expect(result.issues.map((i) => [i.line, i.code, i.value, i.hint])).toEqual([
      [2, 'THOUSANDS_SEPARATOR', '1 234,5', 'write 1234.5 (no separator); a separator is never guessed: if a number format groups the thousands, format the column without them before saving, or, in LibreOffice, untick "Save cell content as shown" in its Export Text File dialog'],
      [3, 'THOUSANDS_SEPARATOR', '1,234.5', 'write 1234.5 (no separator); a separator is never guessed: if a number format groups the thousands, format the column without them before saving, or, in LibreOffice, untick "Save cell content as shown" in its Export Text File dialog'],
    ]);
  });
});

describe('a row of descriptions under the header', () => {
  it('is one DESCRIPTION_ROW error at its line, in English or in the dictionary\'s labels in another language, with empty cells or not', async () => {
    const path = writeReturn([
      HEADER,
      'Reference area,Year,Indicator,Sex,Age,Counterpart area,Breakdown,Value,Observation status,Confidentiality status,Comment',
      'ROU,2025,TIP_VIC,_T,_T,_T,_T,12,A,F,',
      'Референтна област,Година,Показател,Пол,Възраст,,,Стойност,,,Бележка',
      'Zona de referință,Anul,Indicator,,,,,,,,',
      'ROU,2025,TIP_OFF,_T,_T,_T,_T,40,A,F,',
    ]);
    const result = await validatePath(session, path, { displayName: 'descriptions.csv' });
    expect(brief(result.issues)).toEqual([
      'DESCRIPTION_ROW@2:=Reference area,Year,Indicator',
      'DESCRIPTION_ROW@4:=Референтна област,Година,Показател',
      'DESCRIPTION_ROW@5:=Zona de referință,Anul,Indicator',
    ]);
    expect(result.issues[0]).toMatchObject({
      severity: 'error',
      message: 'expected data, found a row of descriptions ("Reference area,Year,Indicator")',
      hint: 'delete the row of descriptions under the header; the return holds observations only',
    });
    expect(result.acceptedLines).toEqual([3, 6]);
    expect(result.rows).toBe(5);
  });

  it('does not swallow data rows with one, two or three bad cells: each cell is reported', async () => {
    const path = writeReturn([
      HEADER,
      'ROU,Year,TIP_VIC,_T,_T,_T,_T,12,A,F,',
      'Reference area,2025,TIP_OFF,_T,_T,_T,_T,12,A,F,',
      'ROU,2025,Indicator,_T,_T,_T,_T,n.a.,A,F,',
      'ROU,Year,TIP_SUS,_T,_T,_T,_T,Value,A,F,',
      'Reference area,Year,Indicator,_T,_T,_T,_T,12,A,F,',
      'Romania,Year,Victims,_T,_T,_T,_T,Value,A,F,',
    ]);
    const result = await validatePath(session, path);
    expect(result.issues.some((i) => i.code === 'DESCRIPTION_ROW')).toBe(false);
    expect(brief(result.issues)).toEqual([
      'TIME_PERIOD_INVALID@2:TIME_PERIOD=Year',
      'UNKNOWN_REF_AREA@3:REF_AREA=Reference area',
      'UNKNOWN_INDICATOR@4:INDICATOR=Indicator', 'VALUE_NOT_NUMBER@4:OBS_VALUE=n.a.',
      'TIME_PERIOD_INVALID@5:TIME_PERIOD=Year', 'VALUE_NOT_NUMBER@5:OBS_VALUE=Value',
      'UNKNOWN_REF_AREA@6:REF_AREA=Reference area', 'TIME_PERIOD_INVALID@6:TIME_PERIOD=Year', 'UNKNOWN_INDICATOR@6:INDICATOR=Indicator',
      'NAME_NOT_CODE@7:REF_AREA=Romania', 'TIME_PERIOD_INVALID@7:TIME_PERIOD=Year', 'UNKNOWN_INDICATOR@7:INDICATOR=Victims', 'VALUE_NOT_NUMBER@7:OBS_VALUE=Value',
    ]);
  });

  it('leaves a repeated header to HEADER_REPEATED and a total row to TOTAL_ROW, one issue each', async () => {
    const path = writeReturn([HEADER, 'ROU,2025,TIP_VIC,_T,_T,_T,_T,12,A,F,', HEADER, 'Total,,,,,,,,,,', 'Total,Year,Indicator,,,,,Value,,,']);
    const result = await validatePath(session, path);
    expect(brief(result.issues).map((i) => i.replace(/=.*/, ''))).toEqual(['HEADER_REPEATED@3:', 'TOTAL_ROW@4:REF_AREA', 'TOTAL_ROW@5:REF_AREA']);
  });
});

describe('a note or a source under the table', () => {
  it('alone in its row is one NOTE_ROW error naming its column and text (was: an unknown state, two empty required cells and an empty value)', async () => {
    const path = writeReturn([
      HEADER.replaceAll(',', ';'),
      'BGR;2025;TIP_VIC;_T;_T;_T;_T;12;P;F;',
      ';;;;;;;;;;',
      'Забележка: предварителни данни;;;;;;;;;;',
      ';;;;;;;Izvor: MUP;;;',
      // not notes: one word, a mark, a total, a state's name, a row with a figure
      'n.a.;;;;;;;;;;',
      'Total;;;;;;;;;;',
      'Bulgaria;;;;;;;;;;',
      'Note: see below;2025;;;;;;;;;',
    ]);
    const result = await validatePath(session, path);
    expect(result.issues.filter((i) => i.code === 'NOTE_ROW').map((i) => [i.line, i.column, i.value, i.message])).toEqual([
      [4, 'REF_AREA', 'Забележка: предварителни данни', 'expected one observation per row, found a note ("Забележка: предварителни данни")'],
      [5, 'OBS_VALUE', 'Izvor: MUP', 'expected one observation per row, found a note ("Izvor: MUP")'],
    ]);
    expect(brief(result.issues.filter((i) => i.line! <= 5))).toEqual(['BLANK_ROW@3:=', 'NOTE_ROW@4:REF_AREA=Забележка: предварителни данни', 'NOTE_ROW@5:OBS_VALUE=Izvor: MUP']);
    // not notes, so each cell is reported as in a row: "n.a." an unknown state and three empty required cells; "Total" a
    // total row alone; "Bulgaria" read as BGR (a warning) and three empty cells; "Note: see below" with a year, a state
    // that is not one and two empty cells
    expect(brief(result.issues.filter((i) => i.line! >= 6))).toEqual([
      'UNKNOWN_REF_AREA@6:REF_AREA=n.a.', 'REQUIRED_VALUE_MISSING@6:TIME_PERIOD=', 'REQUIRED_VALUE_MISSING@6:INDICATOR=', 'VALUE_MISSING@6:OBS_VALUE=',
      'TOTAL_ROW@7:REF_AREA=Total',
      'NAME_NOT_CODE@8:REF_AREA=Bulgaria', 'REQUIRED_VALUE_MISSING@8:TIME_PERIOD=', 'REQUIRED_VALUE_MISSING@8:INDICATOR=', 'VALUE_MISSING@8:OBS_VALUE=',
      'UNKNOWN_REF_AREA@9:REF_AREA=Note: see below', 'REQUIRED_VALUE_MISSING@9:INDICATOR=', 'VALUE_MISSING@9:OBS_VALUE=',
    ]);
    expect(result.issues.some((i) => i.code === 'NOTE_ROW' && i.line! >= 6)).toBe(false);
    expect(result.acceptedLines).toEqual([2]);
  });
});

describe('a footnote of one word after its mark', () => {
  it('("* provisional", "(1) estimate", "¹ preliminary") is one NOTE_ROW error (was: 11 cells expected, 1 found; or an unknown state and three empty cells)', async () => {
    const path = writeReturn([
      HEADER,
      'ROU,2025,TIP_VIC,_T,_T,_T,_T,12,P,F,',
      '* provisional',
      '(1) estimate,,,,,,,,,,',
      ',,,,,,,¹ preliminary,,,',
      // not footnotes: a mark alone, a mark and one letter, a number
      '*,,,,,,,,,,',
      '1) a,,,,,,,,,,',
    ]);
    const result = await validatePath(session, path);
    expect(result.issues.filter((i) => i.code === 'NOTE_ROW').map((i) => [i.line, i.column, i.value, i.message])).toEqual([
      [3, 'REF_AREA', '* provisional', 'expected one observation per row, found a note ("* provisional")'],
      [4, 'REF_AREA', '(1) estimate', 'expected one observation per row, found a note ("(1) estimate")'],
      [5, 'OBS_VALUE', '¹ preliminary', 'expected one observation per row, found a note ("¹ preliminary")'],
    ]);
    expect(brief(result.issues.filter((i) => i.line! >= 3 && i.line! <= 5))).toEqual([
      'NOTE_ROW@3:REF_AREA=* provisional', 'NOTE_ROW@4:REF_AREA=(1) estimate', 'NOTE_ROW@5:OBS_VALUE=¹ preliminary',
    ]);
    expect(result.issues.some((i) => i.code === 'NOTE_ROW' && i.line! >= 6)).toBe(false);
    expect(result.acceptedLines).toEqual([2]);
  });
});

describe('a figure alone in its row, every key cell empty', () => {
  it('(",,,,,,,200,,,", a spreadsheet\'s SUM row with no label) is one TOTAL_ROW error at OBS_VALUE (was: three empty required cells); a merged cell\'s block row keeps REQUIRED_VALUE_MISSING', async () => {
    const path = writeReturn([
      HEADER,
      'ROU,2025,TIP_VIC,_T,_T,_T,_T,120,A,F,',
      'ROU,2025,TIP_OFF,_T,_T,_T,_T,80,A,F,',
      ',,,,,,,200,,,',
      // SEX filled: a block whose REF_AREA, TIME_PERIOD and INDICATOR were merged cells, saved on its first row only
      ',,,M,_T,_T,_T,4,A,F,',
    ]);
    const result = await validatePath(session, path);
    expect(result.issues.filter((i) => i.line === 4).map((i) => [i.code, i.column, i.value, i.message, i.hint])).toEqual([[
      'TOTAL_ROW', 'OBS_VALUE', '200', 'expected one observation per row, found a figure ("200") with no state, year, indicator or breakdown: a row of totals?',
      "delete the row if it is a spreadsheet's total (the review adds totals up itself); if it is an observation, fill in its REF_AREA, TIME_PERIOD and INDICATOR",
    ]]);
    expect(brief(result.issues.filter((i) => i.line === 5))).toEqual(['REQUIRED_VALUE_MISSING@5:REF_AREA=', 'REQUIRED_VALUE_MISSING@5:TIME_PERIOD=', 'REQUIRED_VALUE_MISSING@5:INDICATOR=']);
    expect(result.acceptedLines).toEqual([2, 3]);
  });
});

describe('a COMMENT whose letters were lost to question marks', () => {
  it('("??? ??????????", as Excel\'s "CSV (Comma delimited)" saves Georgian or Armenian) reads as no comment, with one COMMENT_LETTERS_LOST warning for the file (was stored as the comment "??? ??????????"); "why???" and "?" stay comments', async () => {
    const path = writeReturn([
      HEADER,
      'GEO,2025,TIP_VIC,_T,_T,_T,_T,12,A,F,??? ??????????',
      'GEO,2025,TIP_SUS,_T,_T,_T,_T,10,A,F,"?????????? ???????, ????????? 2024"',
      'GEO,2025,TIP_PRS,_T,_T,_T,_T,8,A,F,why??? see the 2024 report',
      'GEO,2025,TIP_CNV,_T,_T,_T,_T,5,A,F,?',
    ]);
    const validation = await validateFile(session, path, { displayName: 'GEO_2025.csv', now: new Date('2026-03-01T00:00:00Z'), changeWarning: { percent: 50, units: 20 } });
    const rows = await store.all<Record<string, string | number | null>>(`select line, comment from ${validation.rowsTable} order by line`);
    const issues = await readIssues(session, validation);
    await dropValidation(session, validation);
    expect(rows).toEqual([
      { line: 2, comment: null },
      { line: 3, comment: null },
      { line: 4, comment: 'why??? see the 2024 report' },
      { line: 5, comment: '?' },
    ]);
    expect(issues.map((i) => [i.code, i.severity, i.line, i.column, i.value, i.message, i.hint])).toEqual([
      ['COMMENT_LETTERS_LOST', 'warning', 2, 'COMMENT', '??? ??????????',
        'expected a comment in letters, found "??? ??????????", its letters replaced by question marks, in 2 cells (first at line 2); read as no comment',
        'a program saving the file in a code page that lacks the letters writes "?" for each (Excel\'s "CSV (Comma delimited)": Georgian and Armenian have no such code page, and Cyrillic or Greek is lost on a computer set to another language): save the file as "CSV UTF-8 (Comma delimited)", which keeps every letter, and check it again'],
    ]);
  });
});

describe('a name in a coded column whose letters were lost to question marks', () => {
  it('is said to be so ("???????" was "a mark for nothing", "?????????" got no word), with the hint to save as CSV UTF-8; a lone "?" stays a mark', async () => {
    const path = writeReturn([
      HEADER,
      'GEO,2025,TIP_VIC,_T,_T,???????,_T,12,A,F,',
      'GEO,2025,TIP_SUS,_T,_T,?????? ?????????,_T,10,A,F,',
      '???????,2025,TIP_PRS,_T,_T,_T,_T,8,A,F,',
      'GEO,2025,TIP_CNV,_T,_T,?,_T,5,A,F,',
    ]);
    const lost = (value: string, expected: string): string => `expected ${expected}, found "${value}": letters replaced by question marks, as a program writes letters the file's code page lacks`;
    const hint = 'write the country\'s ISO 3166-1 alpha-3 code; if the cell held a name in Georgian, Armenian, Cyrillic or Greek letters, the file was saved in a code page that lacks them (Excel\'s "CSV (Comma delimited)"): save it as "CSV UTF-8 (Comma delimited)"';
    const issues = (await validatePath(session, path)).issues.filter((i) => i.code === 'UNKNOWN_CODE' || i.code === 'UNKNOWN_REF_AREA');
    expect(issues.map((i) => [i.code, i.line, i.column, i.value, i.message, i.hint])).toEqual([
      ['UNKNOWN_CODE', 2, 'COUNTERPART_AREA', '???????', lost('???????', 'a COUNTERPART_AREA code'), hint],
      ['UNKNOWN_CODE', 3, 'COUNTERPART_AREA', '?????? ?????????', lost('?????? ?????????', 'a COUNTERPART_AREA code'), hint],
      ['UNKNOWN_REF_AREA', 4, 'REF_AREA', '???????', lost('???????', 'a REF_AREA code'), hint],
      ['UNKNOWN_CODE', 5, 'COUNTERPART_AREA', '?', 'expected a COUNTERPART_AREA code, found "?", a mark for nothing',
        'for no partner country leave the cell empty (read as _T) or write _T, and _U for an unknown one; else write the country\'s ISO 3166-1 alpha-3 code'],
    ]);
  });
});
