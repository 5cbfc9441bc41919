import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { dropValidation, readIssues, validateFile, type ValidationSession } from '../../src/validate/index.js';
import { tempDir } from '../helpers/warehouse.js';
import { fileWriter, HEADER, openSession, validatePath } from './validate-helper.js';

// returns saved from a statistics program (pandas, Stata, SPSS, R) rather than typed into the template: the hints must
// not send a focal point to a code that means something else than what the program wrote

let store: Store;
let session: ValidationSession;
beforeAll(async () => ({ store, session } = await openSession()));
afterAll(() => store.close());

const file = fileWriter(tempDir(), 'SRB_2025_');

/** The issues of a file as [code, line, column, value, message, hint]. */
async function issuesOf(path: string): Promise<unknown[][]> {
  return (await validatePath(session, path)).issues.map((i) => [i.code, i.line, i.column, i.value, i.message, i.hint]);
}

const leaveStatusEmpty = 'leave the cell empty, which reads as A (normal value)';
const leaveConfEmpty = 'leave the cell empty, which reads as F (free: may be published)';
const pandasNan = '; pandas writes an empty cell as "nan" once the column is converted with astype(str): fill the empty cells first (df.fillna("")), or leave the column as read';

describe('a mark for nothing in a coded column ("nan", "None", "NULL", "n/a")', () => {
  it('in OBS_STATUS and CONF_STATUS, says to leave the cell empty (A, F), never "did you mean N?" (internal use only); pandas\' nan and Python\'s None, as the programs spell them, read as empty', async () => {
    // pandas: df.astype(str).to_csv(...) writes the template's empty status columns as "nan", and Python's str() None:
    // read as the empty cells they were, one NA_AS_EMPTY warning per column and mark (see ministry-tools.test.ts); others
    // wrote NONE, NULL, n/a
    const path = file([
      HEADER,
      'SRB,2025,TIP_OFF,_T,_T,_T,_T,10,nan,nan,',
      'SRB,2025,TIP_VIC,_T,_T,_T,_T,10,None,NONE,',
      'SRB,2025,TIP_SUS,_T,_T,_T,_T,5,-,NULL,',
      'SRB,2025,TIP_PRS,_T,_T,_T,_T,5,,n/a,',
      'SRB,2025,TIP_CNV,_T,_T,_T,_T,5,,x,',
    ].join('\n') + '\n');
    expect(await issuesOf(path)).toEqual([
      ['NA_AS_EMPTY', 2, 'OBS_STATUS', 'nan', 'expected an OBS_STATUS code or an empty cell, found "nan", the missing value pandas writes once a column is converted with astype(str), in 1 cell (first at line 2); read as empty (OBS_STATUS A, normal)', expect.stringMatching(/^a cell left empty in pandas is written nan/)],
      ['NA_AS_EMPTY', 2, 'CONF_STATUS', 'nan', 'expected a CONF_STATUS code or an empty cell, found "nan", the missing value pandas writes once a column is converted with astype(str), in 1 cell (first at line 2); read as empty (CONF_STATUS F, free)', expect.stringMatching(/^a cell left empty in pandas is written nan/)],
      ['NA_AS_EMPTY', 3, 'OBS_STATUS', 'None', 'expected an OBS_STATUS code or an empty cell, found "None", the missing value Python writes (None) once converted to text, in 1 cell (first at line 3); read as empty (OBS_STATUS A, normal)', expect.stringMatching(/^a value left empty \(None\) in Python is written None/)],
      // NONE is no program's spelling: a mark typed in, an error as before
      ['UNKNOWN_CODE', 3, 'CONF_STATUS', 'NONE', 'expected a CONF_STATUS code or an empty cell, found "NONE", a mark for nothing', leaveConfEmpty],
      ['UNKNOWN_CODE', 4, 'OBS_STATUS', '-', 'expected an OBS_STATUS code or an empty cell, found "-", a mark for nothing', leaveStatusEmpty],
      ['UNKNOWN_CODE', 4, 'CONF_STATUS', 'NULL', 'expected a CONF_STATUS code or an empty cell, found "NULL", a mark for nothing',
        `${leaveConfEmpty}; a database export writes an empty value as "NULL": export it as an empty cell`],
      ['UNKNOWN_CODE', 5, 'CONF_STATUS', 'n/a', 'expected a CONF_STATUS code or an empty cell, found "n/a", a mark for nothing', leaveConfEmpty],
      // "x" is also how some published tables withhold a confidential figure: leaving it empty would publish it
      ['UNKNOWN_CODE', 6, 'CONF_STATUS', 'x', 'expected a CONF_STATUS code or an empty cell, found "x", a mark for nothing',
        `${leaveConfEmpty}; if "x" marks a figure that must not be published, as some published tables do, write C (confidential)`],
    ]);
  });

  it('in SEX, AGE, BREAKDOWN and COUNTERPART_AREA, is no code and not the total, and suggests no country ("nan" was "did you mean CAN?", Canada)', async () => {
    const path = file([
      HEADER,
      'SRB,2025,TIP_SUS,nan,_T,_T,_T,5,,,',
      'SRB,2025,TIP_VIC,_T,none,_T,_T,5,,,',
      'SRB,2025,DRG_OFF,_T,_T,_T,NULL,5,,,',
      'SRB,2025,TIP_SUS,_T,_T,nan,_T,5,,,',
      'SRB,2025,TIP_SUS,_T,_T,nil,FORCED_LAB,5,,,',
    ].join('\n') + '\n');
    const dimension = (column: string): string => `write the row's ${column} code (_T for the total, as in the template): a mark for nothing is no code, and is not read as the total`;
    const partner = 'for no partner country leave the cell empty (read as _T) or write _T, and _U for an unknown one; else write the country\'s ISO 3166-1 alpha-3 code';
    expect((await issuesOf(path)).filter(([code]) => code === 'UNKNOWN_CODE')).toEqual([
      ['UNKNOWN_CODE', 2, 'SEX', 'nan', 'expected a SEX code, found "nan", a mark for nothing', `${dimension('SEX')}${pandasNan}`],
      ['UNKNOWN_CODE', 3, 'AGE', 'none', 'expected an AGE code, found "none", a mark for nothing', dimension('AGE')],
      ['UNKNOWN_CODE', 4, 'BREAKDOWN', 'NULL', 'expected a BREAKDOWN code, found "NULL", a mark for nothing',
        `${dimension('BREAKDOWN')}; a database export writes an empty value as "NULL": export it as an empty cell`],
      ['UNKNOWN_CODE', 5, 'COUNTERPART_AREA', 'nan', 'expected a COUNTERPART_AREA code, found "nan", a mark for nothing', `${partner}${pandasNan}`],
      // was "did you mean NCL?" (New Caledonia)
      ['UNKNOWN_CODE', 6, 'COUNTERPART_AREA', 'nil', 'expected a COUNTERPART_AREA code, found "nil", a mark for nothing', partner],
    ]);
  });

  it('"n/a" and "n.a." in COUNTERPART_AREA ("not available" or "not applicable") are not read as _U, an unknown partner; "Unknown" is', async () => {
    // was: read as _U with a NAME_NOT_CODE warning only: a total row whose partner column says "not applicable" became
    // a part, citizenship unknown, and the series had no total
    const path = file([
      HEADER,
      'SRB,2025,TIP_VIC,_T,_T,n/a,_T,5,,,',
      'SRB,2025,TIP_SUS,_T,_T,N/A,_T,5,,,',
      'SRB,2025,TIP_PRS,_T,_T,n.a.,_T,5,,,',
      'SRB,2025,TIP_CNV,_T,_T,Unknown,_T,5,,,',
    ].join('\n') + '\n');
    const partner = 'for no partner country leave the cell empty (read as _T) or write _T, and _U for an unknown one; else write the country\'s ISO 3166-1 alpha-3 code';
    const message = (value: string): string => `expected a COUNTERPART_AREA code, found "${value}", a mark for nothing ("not available" or "not applicable"), which may say that the partner is unknown (_U) or that there is none (_T); not guessed`;
    expect(await issuesOf(path)).toEqual([
      ['UNKNOWN_CODE', 2, 'COUNTERPART_AREA', 'n/a', message('n/a'), partner],
      ['UNKNOWN_CODE', 3, 'COUNTERPART_AREA', 'N/A', message('N/A'), partner],
      ['UNKNOWN_CODE', 4, 'COUNTERPART_AREA', 'n.a.', message('n.a.'), partner],
      ['NAME_NOT_CODE', 5, 'COUNTERPART_AREA', 'Unknown', 'expected a code, found "Unknown"; read as _U (unknown)', 'write _U'],
    ]);
  });

  it('in REF_AREA and INDICATOR, says the column is required ("x" was "did you mean XKX?", Kosovo)', async () => {
    const path = file([HEADER, 'SRB,2025,TIP_VIC,_T,_T,_T,_T,5,,,', 'x,2025,TIP_VIC,_T,_T,_T,_T,5,,,', 'SRB,2025,nan,_T,_T,_T,_T,5,,,'].join('\n') + '\n');
    expect((await issuesOf(path)).filter(([code]) => code !== 'REF_AREA_MIXED')).toEqual([
      ['UNKNOWN_REF_AREA', 3, 'REF_AREA', 'x', 'expected the ISO 3166-1 alpha-3 code of a state of the region, found "x", a mark for nothing',
        'REF_AREA is required on every row: write the reporting state\'s ISO 3166-1 alpha-3 code'],
      ['UNKNOWN_INDICATOR', 4, 'INDICATOR', 'nan', 'expected a catalogue indicator, found "nan", a mark for nothing',
        `INDICATOR is required on every row: write the code of the indicator the row reports (see "crimetrends dictionary")${pandasNan}`],
    ]);
  });

  it('"X" in SEX (a sex marker on travel documents) is left to the code list, as before', async () => {
    const path = file([HEADER, 'SRB,2025,TIP_SUS,X,_T,_T,_T,5,,,'].join('\n') + '\n');
    expect(await issuesOf(path)).toEqual([['UNKNOWN_CODE', 2, 'SEX', 'X', 'expected a SEX code, found "X"', 'valid codes: F, M, _T, _U']]);
  });
});

describe('the closest-code suggestion for a code of one letter', () => {
  it('is not made on the first letter alone ("Not confidential" was "did you mean N?", "Confirmed" C, "Official" O), only by the code\'s label', async () => {
    const path = file([
      HEADER,
      'SRB,2025,TIP_OFF,_T,_T,_T,_T,10,,Not confidential,',
      'SRB,2025,TIP_VIC,_T,_T,_T,_T,10,,Confirmed,',
      'SRB,2025,TIP_SUS,_T,_T,_T,_T,5,Official,,',
      'SRB,2025,TIP_PRS,_T,_T,_T,_T,5,Est.,Conf.,',
      'SRB,2025,TIP_CNV,_T,_T,_T,_T,5,Estimated value,Internal,',
    ].join('\n') + '\n');
    expect((await issuesOf(path)).map(([code, line, column, value, , hint]) => [code, line, column, value, hint])).toEqual([
      ['UNKNOWN_CODE', 2, 'CONF_STATUS', 'Not confidential', 'valid codes: C, F, N'],
      ['UNKNOWN_CODE', 3, 'CONF_STATUS', 'Confirmed', 'valid codes: C, F, N'],
      ['UNKNOWN_CODE', 4, 'OBS_STATUS', 'Official', 'valid codes: A, B, E, L, M, O, P, Q'],
      // the start of a label, or a label and more words, names its code
      ['UNKNOWN_CODE', 5, 'OBS_STATUS', 'Est.', 'did you mean E? valid codes: A, B, E, L, M, O, P, Q'],
      ['UNKNOWN_CODE', 5, 'CONF_STATUS', 'Conf.', 'did you mean C? valid codes: C, F, N'],
      ['UNKNOWN_CODE', 6, 'OBS_STATUS', 'Estimated value', 'did you mean E? valid codes: A, B, E, L, M, O, P, Q'],
      ['UNKNOWN_CODE', 6, 'CONF_STATUS', 'Internal', 'did you mean N? valid codes: C, F, N'],
    ]);
  });
});

describe('"Total" in BREAKDOWN (a value label from Stata or SPSS)', () => {
  it('reads as _T with the NAME_NOT_CODE warning SEX, AGE and COUNTERPART_AREA give for it, for every indicator, and the rows are accepted', async () => {
    // Stata's export delimited and SPSS's Save As CSV write value labels: each _T as "Total" (was UNKNOWN_CODE in BREAKDOWN, hint 'see "crimetrends dictionary"')
    const path = file([
      HEADER,
      'SRB,2025,DRG_OFF,_T,_T,_T,Total,12,,,',
      'SRB,2025,TIP_SUS,Total,_T,Total,TOTAL,5,,,',
      'SRB,2025,SOM_OFF,_T,_T,_T,total,7,,,',
    ].join('\n') + '\n');
    const result = await validatePath(session, path);
    const label = (value: string): string => `expected a code, found "${value}"; read as _T (a label)`;
    expect(result.issues.map((i) => [i.code, i.severity, i.line, i.column, i.value, i.message, i.hint])).toEqual([
      ['NAME_NOT_CODE', 'warning', 2, 'BREAKDOWN', 'Total', label('Total'), 'write _T'],
      ['NAME_NOT_CODE', 'warning', 3, 'SEX', 'Total', label('Total'), 'write _T'],
      ['NAME_NOT_CODE', 'warning', 3, 'COUNTERPART_AREA', 'Total', label('Total'), 'write _T'],
      ['NAME_NOT_CODE', 'warning', 3, 'BREAKDOWN', 'TOTAL', label('TOTAL'), 'write _T'],
      // SOM_OFF takes no BREAKDOWN: its one row is the _T row, as an empty cell would be
      ['NAME_NOT_CODE', 'warning', 4, 'BREAKDOWN', 'total', label('total'), 'write _T'],
    ]);
    expect(result.acceptedLines).toEqual([2, 3, 4]);
  });
});

describe('counts written "12.0" by pandas', () => {
  it('VALUE_DECIMAL_ZEROS names the pandas fix (astype("Int64") before to_csv) for pandas\' form "12.0" only, with no pass of its own', async () => {
    // byte for byte what pd.read_csv("SRB_2025.csv") of the template, two figures filled in, then df.to_csv(..., index=False) writes:
    // the blank values make OBS_VALUE a float column
    const path = file([HEADER, 'SRB,2025,TIP_OFF,_T,_T,_T,_T,12.0,,,', 'SRB,2025,TIP_OFF,_T,_T,_T,SEX_EXPL,3.0,,,', 'SRB,2025,TIP_VIC,_T,_T,_T,_T,5.00,,,'].join('\n') + '\n');
    const spreadsheet = (n: number): string => `write ${n}: counts have no decimals (check that the cell is a count, not a computed figure rounded by the number format)`;
    const pandas = '; pandas writes a count so when its column also holds an empty cell (NaN makes it a float column): before to_csv, '
      + 'convert it with df["OBS_VALUE"] = df["OBS_VALUE"].astype("Int64") (a column that also holds kilograms with decimals: df.to_csv(..., float_format="%.15g"))';
    expect(await issuesOf(path)).toEqual([
      ['VALUE_DECIMAL_ZEROS', 2, 'OBS_VALUE', '12.0', 'expected a whole number for TIP_OFF (a count, unit NR), found "12.0"; read as 12', `${spreadsheet(12)}${pandas}`],
      ['VALUE_DECIMAL_ZEROS', 3, 'OBS_VALUE', '3.0', 'expected a whole number for TIP_OFF (a count, unit NR), found "3.0"; read as 3', `${spreadsheet(3)}${pandas}`],
      // a spreadsheet's number format with two decimals: no pandas
      ['VALUE_DECIMAL_ZEROS', 4, 'OBS_VALUE', '5.00', 'expected a whole number for TIP_VIC (a count, unit NR), found "5.00"; read as 5', spreadsheet(5)],
    ]);
  });
});

describe('"12,500" for a quantity (kilograms), grouped once', () => {
  const grouped = 'a separator is never guessed: if a number format groups the thousands, format the column without them before saving, or, in LibreOffice, untick "Save cell content as shown" in its Export Text File dialog';
  it('in a comma-delimited file, the hint gives both readings, 12500 and 12.5 (a decimal comma, three decimals); a count or a second group keeps one', async () => {
    const path = file([
      HEADER,
      'SRB,2025,DRG_SEIZ_KG,_T,_T,_T,_T,"12,500",,,',
      'SRB,2025,DRG_SEIZ_KG,_T,_T,_T,COCAINE,"1,050",,,',
      'SRB,2025,DRG_SEIZ_KG,_T,_T,_T,HEROIN,"1,234,500",,,',
      'SRB,2025,DRG_CNV,_T,_T,_T,_T,"12,500",,,',
    ].join('\n') + '\n');
    const message = (value: string): string => `expected a number without thousands separators, found "${value}"`;
    expect(await issuesOf(path)).toEqual([
      ['THOUSANDS_SEPARATOR', 2, 'OBS_VALUE', '12,500', message('12,500'),
        'write 12500 if the comma separates thousands, or 12.5 if it is a decimal comma (DRG_SEIZ_KG is a quantity, unit KG, which may have decimals, here three); a separator is never guessed: a comma-delimited file takes a decimal point and no thousands separator'],
      ['THOUSANDS_SEPARATOR', 3, 'OBS_VALUE', '1,050', message('1,050'),
        'write 1050 if the comma separates thousands, or 1.05 if it is a decimal comma (DRG_SEIZ_KG is a quantity, unit KG, which may have decimals, here three); a separator is never guessed: a comma-delimited file takes a decimal point and no thousands separator'],
      // two groups are thousands only, and a count has no decimals
      ['THOUSANDS_SEPARATOR', 4, 'OBS_VALUE', '1,234,500', message('1,234,500'), `write 1234500 (no separator); ${grouped}`],
      ['THOUSANDS_SEPARATOR', 5, 'OBS_VALUE', '12,500', message('12,500'), `write 12500 (no separator); ${grouped}`],
    ]);
  });

  it('in a semicolon file, "12.500" gets both readings with a point', async () => {
    const path = file([HEADER.replaceAll(',', ';'), 'SRB;2025;DRG_SEIZ_KG;_T;_T;_T;_T;12.500;;;', 'SRB;2025;DRG_CNV;_T;_T;_T;_T;12.500;;;'].join('\n') + '\n');
    expect(await issuesOf(path)).toEqual([
      ['THOUSANDS_SEPARATOR', 2, 'OBS_VALUE', '12.500', 'expected a number without thousands separators, found "12.500"',
        'write 12500 if the point separates thousands, or 12.5 if it is a decimal point (DRG_SEIZ_KG is a quantity, unit KG, which may have decimals, here three); a separator is never guessed'],
      ['THOUSANDS_SEPARATOR', 3, 'OBS_VALUE', '12.500', 'expected a number without thousands separators, found "12.500"', `write 12500 (no separator); ${grouped}`],
    ]);
  });

  it('in a comma-delimited file, "12.500" kg is refused with both readings unless another value shows a decimal point (was read as 12.5 kg: LibreOffice in Serbian writes 12500 so with "," as the field delimiter)', async () => {
    // LibreOffice (sr-Latn, "," as field delimiter, "Save cell content as shown"): 12500 kg as 12.500, 10.5 kg as "10,5"
    const grouped = file([
      HEADER,
      'SRB,2025,DRG_SEIZ_KG,_T,_T,_T,_T,12.500,,,',
      'SRB,2025,DRG_SEIZ_KG,_T,_T,_T,COCAINE,"10,5",,,',
      'SRB,2025,DRG_SEIZ_KG,_T,_T,_T,HEROIN,350,,,',
      'SRB,2025,DRG_SEIZ_KG,_T,_T,_T,ATS,1.250,,,',
    ].join('\n') + '\n');
    const both = (plain: string, decimal: string): string => `write ${plain} if the point separates thousands, or ${decimal} if it is the decimal point (DRG_SEIZ_KG is a quantity, unit KG, which may have decimals, here three); a separator is never guessed: a spreadsheet set to a language that writes a decimal comma (LibreOffice, Google Sheets) saves ${plain} so in a comma-delimited file, its thousands grouped as shown, and no other value of the file is written with a decimal point that would say which it is`;
    // "10,5", a decimal comma, says the points group; 350 says nothing
    expect((await issuesOf(grouped)).filter((i) => i[0] === 'THOUSANDS_SEPARATOR')).toEqual([
      ['THOUSANDS_SEPARATOR', 2, 'OBS_VALUE', '12.500', 'expected a number without thousands separators, found "12.500"', both('12500', '12.5')],
      ['THOUSANDS_SEPARATOR', 5, 'OBS_VALUE', '1.250', 'expected a number without thousands separators, found "1.250"', both('1250', '1.25')],
    ]);
    // a value written with a decimal point that groups nothing (10.25, 1250.000, 0.350: a first group of 0) says the file's points
    // are decimal points: "12.500" is 12.5 kg, as before
    for (const shown of ['10.25', '1250.000', '0.350']) {
      const decimal = file([HEADER, 'SRB,2025,DRG_SEIZ_KG,_T,_T,_T,_T,12.500,,,', `SRB,2024,DRG_SEIZ_KG,_T,_T,_T,_T,${shown},,,`].join('\n') + '\n');
      const validation = await validateFile(session, decimal, { displayName: 'x', now: new Date('2026-03-01T00:00:00Z'), changeWarning: { percent: 50, units: 20 } });
      const values = await store.all(`select line, obs_value from ${validation.rowsTable} where line = 2`);
      const issues = await readIssues(session, validation);
      await dropValidation(session, validation);
      expect({ shown, issues, values }).toEqual({ shown, issues: [], values: [{ line: 2, obs_value: 12.5 }] });
    }
    // a program's export writes a decimal point: SDMX-CSV, and crimetrends' own CSV export (its SOURCE column)
    for (const [header, row] of [
      [`STRUCTURE,STRUCTURE_ID,ACTION,${HEADER}`, 'DATAFLOW,BSEC:CRIME(1.0),I,SRB,2025,DRG_SEIZ_KG,_T,_T,_T,_T,12.345,,,'],
      [`${HEADER},SOURCE`, 'SRB,2025,DRG_SEIZ_KG,_T,_T,_T,_T,12.345,A,F,,RETURN'],
    ] as const) {
      const exported = file([header, row].join('\n') + '\n');
      expect({ header, codes: (await issuesOf(exported)).map((i) => i[0]).filter((code) => code === 'THOUSANDS_SEPARATOR') }).toEqual({ header, codes: [] });
    }
    // a count keeps its own rule (VALUE_NOT_INTEGER for 12.500, both readings for 1.000)
    const count = file([HEADER, 'SRB,2025,FA_SEIZED,_T,_T,_T,_T,12.500,,,'].join('\n') + '\n');
    expect((await issuesOf(count)).map((i) => i[0])).toEqual(['VALUE_NOT_INTEGER']);
  });

  it('a figure refused so is added up and compared in no reading of it: no BREAKDOWN_SUM from 12.5, no STAGE_ORDER from "1.000" (was "… to add up to the total 1 within 1 %, found 12.5 (+1150.0 %)")', async () => {
    const path = file([
      HEADER,
      'SRB,2025,DRG_SEIZ_KG,_T,_T,_T,_T,1,,,',
      'SRB,2025,DRG_SEIZ_KG,_T,_T,_T,COCAINE,12.500,,,',
    ].join('\n') + '\n');
    expect((await issuesOf(path)).map((i) => [i[0], i[1]])).toEqual([['THOUSANDS_SEPARATOR', 3]]);
    // the same in a ';' file, where "1.192" kg is 1192 or 1.192
    const semicolon = file([HEADER.replaceAll(',', ';'), 'SRB;2025;DRG_SEIZ_KG;_T;_T;_T;_T;1;;;', 'SRB;2025;DRG_SEIZ_KG;_T;_T;_T;COCAINE;1.192;;;'].join('\n') + '\n');
    expect((await issuesOf(semicolon)).map((i) => [i[0], i[1]])).toEqual([['THOUSANDS_SEPARATOR', 3]]);
    // a count "1.000" (1 or 1000, not guessed) is no earlier stage to exceed (was "expected COR_CNV not to exceed COR_PRS (1 in 2025), found 20")
    const stages = file([HEADER, 'SRB,2025,COR_PRS,_T,_T,_T,_T,1.000,,,', 'SRB,2025,COR_CNV,_T,_T,_T,_T,20,,,'].join('\n') + '\n');
    expect((await issuesOf(stages)).map((i) => [i[0], i[1]])).toEqual([['VALUE_NOT_INTEGER', 2]]);
    // a figure read as written still adds up: 2.5 kg of cocaine above a total of 1 is the warning
    const plain = file([HEADER, 'SRB,2025,DRG_SEIZ_KG,_T,_T,_T,_T,1,,,', 'SRB,2025,DRG_SEIZ_KG,_T,_T,_T,COCAINE,2.5,,,'].join('\n') + '\n');
    expect((await issuesOf(plain)).map((i) => [i[0], i[1], i[4]])).toEqual([
      ['BREAKDOWN_SUM', 2, 'expected the BREAKDOWN parts (COCAINE) to add up to the total 1 within 1 %, found 2.5 (+150.0 %)'],
    ]);
  });
});

describe('"12,500" in a file delimited by tabs or "|", which says neither separator is the decimal one', () => {
  const grouped = 'a separator is never guessed: if a number format groups the thousands, format the column without them before saving, or, in LibreOffice, untick "Save cell content as shown" in its Export Text File dialog';
  const neither = (delimiter: string): string => `a file delimited by ${delimiter} does not say which is the decimal separator (a spreadsheet saves each number as its format shows it: 12500 as "12,500" in English, as "12.500" in Serbian)`;
  it('is refused with both readings for a quantity (was read as 12.5 kg: Excel\'s "Unicode Text" in English writes 12500 kg so), and the comma-grouped forms are thousands separators; "12,5" and "0,500" stay decimal commas', async () => {
    for (const [delimiter, name] of [['\t', 'tabs'], ['|', '"|"']] as const) {
      const path = file([
        HEADER,
        'SRB,2025,DRG_SEIZ_KG,_T,_T,ALB,_T,12,500,,,',
        'SRB,2025,DRG_SEIZ_KG,_T,_T,_T,COCAINE,1,000,,,',
        'SRB,2025,DRG_SEIZ_KG,_T,_T,_T,HEROIN,1,234.5,,,',
        'SRB,2025,DRG_SEIZ_KG,_T,_T,_T,CANNABIS,1,234,500,,,',
        'SRB,2025,TIP_VIC,_T,_T,_T,_T,12,500,,,',
        'SRB,2025,DRG_SEIZ_KG,_T,_T,_T,ATS,12.500,,,',
        'SRB,2024,DRG_SEIZ_KG,_T,_T,_T,_T,12,5,,,',
        'SRB,2024,DRG_SEIZ_KG,_T,_T,_T,COCAINE,0,500,,,',
      ].map((line, i) => (i === 0 ? line.replaceAll(',', delimiter) : line.replace(/^((?:[^,]*,){7})(.*?)((?:,[^,]*){3})$/, (_, head: string, value: string, tail: string) => `${head.replaceAll(',', delimiter)}${value}${tail.replaceAll(',', delimiter)}`))).join('\n') + '\n');
      const message = (value: string): string => `expected a number without thousands separators, found "${value}"`;
      const validation = await validateFile(session, path, { displayName: 'x', now: new Date('2026-03-01T00:00:00Z'), changeWarning: { percent: 50, units: 20 } });
      const values = await store.all(`select line, obs_value from ${validation.rowsTable} where line >= 8 order by line`);
      const issues = await readIssues(session, validation);
      await dropValidation(session, validation);
      expect({ delimiter, values }).toEqual({ delimiter, values: [{ line: 8, obs_value: 12.5 }, { line: 9, obs_value: 0.5 }] });
      expect({ delimiter, issues: issues.map((i) => [i.code, i.line, i.column, i.value, i.message, i.hint]) }).toEqual({ delimiter, issues: [
        ['THOUSANDS_SEPARATOR', 2, 'OBS_VALUE', '12,500', message('12,500'),
          `write 12500 if the comma separates thousands, or 12.5 if it is a decimal comma (DRG_SEIZ_KG is a quantity, unit KG, which may have decimals, here three); a separator is never guessed: ${neither(name)}`],
        ['THOUSANDS_SEPARATOR', 3, 'OBS_VALUE', '1,000', message('1,000'),
          `write 1000 if the comma separates thousands, or 1 if it is a decimal comma (DRG_SEIZ_KG is a quantity, unit KG, which may have decimals, here three); a separator is never guessed: ${neither(name)}`],
        ['THOUSANDS_SEPARATOR', 4, 'OBS_VALUE', '1,234.5', message('1,234.5'), `write 1234.5 (no separator); ${grouped}`],
        ['THOUSANDS_SEPARATOR', 5, 'OBS_VALUE', '1,234,500', message('1,234,500'), `write 1234500 (no separator); ${grouped}`],
        // a count has no decimals: only the grouping reads
        ['THOUSANDS_SEPARATOR', 6, 'OBS_VALUE', '12,500', message('12,500'), `write 12500 (no separator); ${grouped}`],
        ['THOUSANDS_SEPARATOR', 7, 'OBS_VALUE', '12.500', message('12.500'),
          `write 12500 if the point separates thousands, or 12.5 if it is a decimal point (DRG_SEIZ_KG is a quantity, unit KG, which may have decimals, here three); a separator is never guessed: ${neither(name)}`],
      ] });
    }
  });

  it('stays a decimal comma in a semicolon file, which a spreadsheet writes in a language with one', async () => {
    const path = file([HEADER.replaceAll(',', ';'), 'SRB;2025;DRG_SEIZ_KG;_T;_T;_T;_T;12,500;;;'].join('\n') + '\n');
    const result = await validatePath(session, path);
    expect(result.issues).toEqual([]);
    expect(result.accepted).toBe(1);
  });
});

describe('other spellings of nothing in OBS_STATUS, CONF_STATUS and COMMENT: NaN, na, N/A, n/a, #N/A', () => {
  /** Validates and returns the issues and the typed rows (what ingest would store). */
  async function validated(path: string): Promise<{ issues: unknown[][]; rows: Array<Record<string, unknown>> }> {
    const validation = await validateFile(session, path, { displayName: 'x', now: new Date('2026-03-01T00:00:00Z'), changeWarning: { percent: 50, units: 20 } });
    const rows = await store.all(`select line, obs_value, obs_status, conf_status, comment from ${validation.rowsTable} order by line`);
    const issues = (await readIssues(session, validation)).map((i) => [i.code, i.line, i.column, i.value, i.message, i.hint]);
    await dropValidation(session, validation);
    return { issues, rows };
  }
  const nanHint = 'a program wrote NaN ("not a number": R for 0/0, JavaScript, Java or .NET for a number that is not there) where the cell is empty: '
    + 'write an empty cell instead (in R, x[is.na(x)] <- NA turns NaN into NA, then write.csv(x, "return.csv", row.names = FALSE, na = "") leaves it empty)';
  const nanFound = 'the value "not a number" that R, JavaScript and other programs write for a missing number';

  it('NaN, as programs write it, reads as empty with one NA_AS_EMPTY warning per column and its count and first line (was an UNKNOWN_CODE error per cell, and the comment "NaN")', async () => {
    const path = file([
      HEADER,
      'SRB,2025,TIP_VIC,_T,_T,_T,_T,12,,,',
      'SRB,2025,TIP_OFF,_T,_T,_T,_T,5,NaN,NaN,NaN',
      'SRB,2025,TIP_SUS,_T,_T,_T,_T,4,NaN,,',
      'SRB,2025,TIP_PRS,_T,_T,_T,_T,NaN,M,NaN,NaN',
      'SRB,2025,TIP_CNV,_T,_T,_T,_T,3,NaN,F,',
    ].join('\n') + '\n');
    const { issues, rows } = await validated(path);
    expect(issues).toEqual([
      ['NA_AS_EMPTY', 3, 'OBS_STATUS', 'NaN', `expected an OBS_STATUS code or an empty cell, found "NaN", ${nanFound}, in 3 cells (first at line 3); read as empty (OBS_STATUS A, normal)`, nanHint],
      ['NA_AS_EMPTY', 3, 'CONF_STATUS', 'NaN', `expected a CONF_STATUS code or an empty cell, found "NaN", ${nanFound}, in 2 cells (first at line 3); read as empty (CONF_STATUS F, free)`, nanHint],
      ['NA_AS_EMPTY', 3, 'COMMENT', 'NaN', `expected a comment or an empty cell, found "NaN", ${nanFound}, in 2 cells (first at line 3); read as no comment`, nanHint],
      ['NA_AS_EMPTY', 5, 'OBS_VALUE', 'NaN', `expected an empty cell beside a missing OBS_STATUS, found "NaN", ${nanFound}, in 1 cell (first at line 5); read as empty (the figure is missing, as OBS_STATUS says)`, nanHint],
    ]);
    expect(rows).toEqual([
      { line: 2, obs_value: 12, obs_status: 'A', conf_status: 'F', comment: null },
      { line: 3, obs_value: 5, obs_status: 'A', conf_status: 'F', comment: null },
      { line: 4, obs_value: 4, obs_status: 'A', conf_status: 'F', comment: null },
      { line: 5, obs_value: null, obs_status: 'M', conf_status: 'F', comment: null },
      { line: 6, obs_value: 3, obs_status: 'A', conf_status: 'F', comment: null },
    ]);
  });

  it('a mark with a tab, a no-break space or spaces around it in COMMENT is counted and read as no comment, as in the status columns (was: the comment "nan\\t")', async () => {
    const path = file([HEADER, 'SRB,2025,TIP_VIC,_T,_T,_T,_T,12,,,nan\t', 'SRB,2025,TIP_OFF,_T,_T,_T,_T,5,,,\u00a0nan ', 'SRB,2025,TIP_SUS,_T,_T,_T,_T,4,,,nan', 'SRB,2025,TIP_PRS,_T,_T,_T,_T,4,,,nan and more\t'].join('\n') + '\n');
    const { issues, rows } = await validated(path);
    expect(issues.map(([code, line, column, value, message]) => [code, line, column, value, message])).toEqual([
      ['NA_AS_EMPTY', 2, 'COMMENT', 'nan', 'expected a comment or an empty cell, found "nan", the missing value pandas writes once a column is converted with astype(str), in 3 cells (first at line 2); read as no comment'],
    ]);
    expect(rows.map((r) => r.comment)).toEqual([null, null, null, 'nan and more\t']);
  });

  it('in OBS_VALUE beside a missing status, R\'s NA with a tab, a no-break space or spaces around it reads as empty, counted in one warning (was VALUE_WITH_MISSING_STATUS for "NA\\t")', async () => {
    const path = file([
      HEADER,
      'SRB,2025,TIP_VIC,_T,_T,_T,_T,NA\t,M,,',
      'SRB,2025,TIP_OFF,_T,_T,_T,_T,\u00a0NA,L,,',
      'SRB,2025,TIP_SUS,_T,_T,_T,_T, NA ,O,,',
      'SRB,2025,TIP_PRS,_T,_T,_T,_T,NA,Q,,',
      'SRB,2025,TIP_CNV,_T,_T,_T,_T,n/a\t,M,,',
      'SRB,2025,TIP_VIC,F,_T,_T,_T,7,M,,',
    ].join('\n') + '\n');
    const rHint = 'a cell left empty in R is written NA by write.csv and readr\'s write_csv: write the file with na = "" '
      + '(write.csv(x, "return.csv", row.names = FALSE, na = ""), or readr::write_csv(x, "return.csv", na = "")), which leaves it empty';
    const { issues, rows } = await validated(path);
    expect(issues).toEqual([
      ['NA_AS_EMPTY', 2, 'OBS_VALUE', 'NA', 'expected an empty cell beside a missing OBS_STATUS, found "NA", the missing value R writes, in 4 cells (first at line 2); read as empty (the figure is missing, as OBS_STATUS says)', rHint],
      // a person's mark stays an error, its hint now reached whatever the tab around it; a figure stays one too
      ['VALUE_WITH_MISSING_STATUS', 6, 'OBS_VALUE', 'n/a\t', 'expected an empty cell with OBS_STATUS M, found "n/a\\t"', '"n/a\\t" marks a figure that is not available: leave OBS_VALUE empty, as OBS_STATUS M already says it is missing'],
      ['VALUE_WITH_MISSING_STATUS', 7, 'OBS_VALUE', '7', 'expected an empty cell with OBS_STATUS M, found "7"', 'remove the value, or change OBS_STATUS to A, P or E'],
    ]);
    expect(rows.map((r) => [r.line, r.obs_value, r.obs_status])).toEqual([[2, null, 'M'], [3, null, 'L'], [4, null, 'O'], [5, null, 'Q'], [6, null, 'M'], [7, 7, 'M']]);
  });

  it('na, N/A and n/a, typed by a person, stay an UNKNOWN_CODE error per cell; in OBS_STATUS the hint says O or M where the figure is not available', async () => {
    const path = file([HEADER, 'SRB,2025,TIP_VIC,_T,_T,_T,_T,12,na,na,', 'SRB,2025,TIP_OFF,_T,_T,_T,_T,,N/A,,', 'SRB,2025,TIP_SUS,_T,_T,_T,_T,4,,n/a,'].join('\n') + '\n');
    const notAvailable = (value: string): string => `expected an OBS_STATUS code or an empty cell, found "${value}", a mark for nothing ("not available" or "not applicable"), which may say that the figure is missing; not read as empty`;
    const statusHint = 'leave the cell empty if the figure is given, which reads as A (normal value); if the figure is not available, leave OBS_VALUE empty and write O (missing: not available), or M if it cannot exist (not applicable)';
    const { issues } = await validated(path);
    expect(issues.filter(([code]) => code === 'UNKNOWN_CODE')).toEqual([
      ['UNKNOWN_CODE', 2, 'OBS_STATUS', 'na', notAvailable('na'), statusHint],
      ['UNKNOWN_CODE', 2, 'CONF_STATUS', 'na', 'expected a CONF_STATUS code or an empty cell, found "na", a mark for nothing', leaveConfEmpty],
      ['UNKNOWN_CODE', 3, 'OBS_STATUS', 'N/A', notAvailable('N/A'), statusHint],
      ['UNKNOWN_CODE', 4, 'CONF_STATUS', 'n/a', 'expected a CONF_STATUS code or an empty cell, found "n/a", a mark for nothing', leaveConfEmpty],
    ]);
    expect(issues.filter(([code]) => code === 'NA_AS_EMPTY')).toEqual([]);
  });

  it('#N/A, Excel\'s error value, is an error that says a formula found nothing, in a status column and in COUNTERPART_AREA (where it read as _U, unknown)', async () => {
    const path = file([HEADER, 'SRB,2025,TIP_VIC,_T,_T,_T,_T,12,#N/A,#N/A,', 'SRB,2025,TIP_OFF,_T,_T,#N/A,_T,5,,,', 'SRB,2025,TIP_SUS,_T,_T,_T,_T,4,#VALUE!,,'].join('\n') + '\n');
    const lookup = 'a spreadsheet\'s error value: the formula that fills the cell found nothing (a VLOOKUP, XLOOKUP or MATCH without a match); not read as a code or as empty';
    const fix = 'correct the formula or its lookup table, or type the code, then save the values (Copy, Paste Special > Values) so that the file holds codes';
    const { issues } = await validated(path);
    expect(issues).toEqual([
      ['UNKNOWN_CODE', 2, 'OBS_STATUS', '#N/A', `expected an OBS_STATUS code, found "#N/A", ${lookup}`, `${fix}; for a normal value leave the cell empty (read as A)`],
      ['UNKNOWN_CODE', 2, 'CONF_STATUS', '#N/A', `expected a CONF_STATUS code, found "#N/A", ${lookup}`, `${fix}; for a figure that may be published leave the cell empty (read as F)`],
      ['UNKNOWN_CODE', 3, 'COUNTERPART_AREA', '#N/A', `expected a COUNTERPART_AREA code, found "#N/A", ${lookup}`, fix],
      ['UNKNOWN_CODE', 4, 'OBS_STATUS', '#VALUE!', 'expected an OBS_STATUS code, found "#VALUE!", a spreadsheet\'s error value: the formula that fills the cell failed; not read as a code or as empty', `${fix}; for a normal value leave the cell empty (read as A)`],
    ]);
  });

  it('#N/A and other error values in COMMENT read as no comment, with one COMMENT_FORMULA_ERROR warning per value, its count and first line (was the comment "#N/A")', async () => {
    const path = file([
      HEADER,
      'SRB,2025,TIP_VIC,_T,_T,_T,_T,12,,,#N/A',
      'SRB,2025,TIP_OFF,_T,_T,_T,_T,5,,,Note: revised',
      'SRB,2025,TIP_SUS,_T,_T,_T,_T,4,B,,#N/A\t',
      'SRB,2025,TIP_PRS,_T,_T,_T,_T,4,,,#VALUE!',
      'SRB,2025,TIP_CNV,_T,_T,_T,_T,3,,,Err:502',
      'SRB,2025,TIP_VIC,F,_T,_T,_T,7,,,see #N/A in the 2024 return',
    ].join('\n') + '\n');
    const fix = 'correct the formula or its lookup table, or type the comment, then save the values (Copy, Paste Special > Values) so that the file holds the comments';
    const { issues, rows } = await validated(path);
    expect(issues).toEqual([
      ['COMMENT_FORMULA_ERROR', 2, 'COMMENT', '#N/A', 'expected a comment or an empty cell, found "#N/A", a spreadsheet\'s error value: the formula that fills the cell found nothing (a VLOOKUP, XLOOKUP or MATCH without a match), in 2 cells (first at line 2); read as no comment', fix],
      // the comment a break in series needs was the one lost
      ['BREAK_WITHOUT_COMMENT', 4, 'COMMENT', null, 'expected a COMMENT explaining the break in series (OBS_STATUS B), found none', expect.any(String)],
      ['COMMENT_FORMULA_ERROR', 5, 'COMMENT', '#VALUE!', 'expected a comment or an empty cell, found "#VALUE!", a spreadsheet\'s error value: the formula that fills the cell failed, in 1 cell (first at line 5); read as no comment', fix],
      ['COMMENT_FORMULA_ERROR', 6, 'COMMENT', 'Err:502', 'expected a comment or an empty cell, found "Err:502", a spreadsheet\'s error value: the formula that fills the cell failed, in 1 cell (first at line 6); read as no comment', fix],
    ]);
    expect(rows.map((r) => r.comment)).toEqual([null, 'Note: revised', null, null, null, 'see #N/A in the 2024 return']);
  });
});
