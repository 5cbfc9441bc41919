import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import type { ValidationSession } from '../../src/validate/index.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/warehouse.js';
import { brief, fileWriter, HEADER, openSession, storedRows, validatePath } from './validate-helper.js';

// the template filled in a statistics program and written back by it, byte for byte as the program writes it

let store: Store;
let session: ValidationSession;
beforeAll(async () => ({ store, session } = await openSession()));
afterAll(() => store.close());

const file = fileWriter(tempDir(), 'SRB_2025_');

describe('a template filled in SAS or Stata, which write a missing number as "."', () => {
  // SAS's DATA step `file "SRB_2025.csv" dlm=","; put (_all_) (:);` writes a missing number as "." and a missing text
  // as a blank: CONF_STATUS, which the template leaves empty on every row, was read in as a numeric column
  const sasPut = [
    HEADER,
    'SRB,2025,TIP_VIC,_T,_T,_T,_T,12, ,., ',
    'SRB,2025,TIP_OFF,_T,_T,_T,_T,.,M,.,Not collected',
    'SRB,2025,DRG_SEIZ_KG,_T,_T,_T,_T,12.5,E,., ',
    'SRB,2025,SOM_OFF,_T,_T,_T,_T,., ,., ',
  ];

  it('"." in CONF_STATUS, and in OBS_VALUE beside status M, reads as empty: one NA_AS_EMPTY warning per column naming Stata and SAS (was an UNKNOWN_CODE error on every row, "a mark for nothing")', async () => {
    const result = await validatePath(session, file(sasPut.join('\r\n') + '\r\n', 'SRB_2025.csv'));
    expect(brief(result.issues)).toEqual(['NA_AS_EMPTY@2:CONF_STATUS=.', 'NA_AS_EMPTY@3:OBS_VALUE=.', 'VALUE_NOT_NUMBER@5:OBS_VALUE=.']);
    const [conf, value, missing] = result.issues;
    expect(conf).toMatchObject({
      severity: 'warning',
      message: 'expected a CONF_STATUS code or an empty cell, found ".", the missing value Stata and SAS write for a number, in 4 cells (first at line 2); read as empty (CONF_STATUS F, free)',
      hint: 'Stata and SAS write a missing number as "." (in a column they read in as numbers, as they read a column the template leaves empty): '
        + 'write the file with an empty cell instead (in SAS, PROC EXPORT DBMS=CSV leaves it empty, or options missing=\' \'; before the DATA step '
        + 'that writes "SRB_2025.csv"; in Stata, export delimited leaves it empty, where outfile writes ".")',
    });
    expect(value!.message).toBe('expected an empty cell beside a missing OBS_STATUS, found ".", the missing value Stata and SAS write for a number, in 1 cell (first at line 3); read as empty (the figure is missing, as OBS_STATUS says)');
    // "." without a missing status stays an error: a figure is missing, and the status must say why
    expect(missing).toMatchObject({ severity: 'error', hint: expect.stringMatching(/^for a figure that is not available, leave OBS_VALUE empty and set OBS_STATUS to M/) });
    expect(result.acceptedLines).toEqual([2, 3, 4]);
    // stored as if the cells were empty: F, no value beside M
    const rows = await storedRows(session, file(sasPut.join('\r\n') + '\r\n'), 'line <= 4');
    expect(rows).toEqual([
      { line: 2, obs_value: 12, obs_status: 'A', conf_status: 'F', comment: null },
      { line: 3, obs_value: null, obs_status: 'M', conf_status: 'F', comment: 'Not collected' },
      { line: 4, obs_value: 12.5, obs_status: 'E', conf_status: 'F', comment: null },
    ]);
  });

  it('through the CLI with --json: the file is accepted, exit 0, with the two warnings', async () => {
    const result = await runCli(['validate', '--json', '--state', 'SRB', '--year', '2025', file(sasPut.slice(0, 4).join('\r\n') + '\r\n', 'SRB_2025.csv')]);
    expect(result.code).toBe(0);
    const [json] = JSON.parse(result.stdout).files;
    expect(json).toMatchObject({ rows: 3, accepted: 3, errors: 0, warnings: 2 });
    expect(json.issues.map((i: { code: string; line: number; column: string; value: string }) => `${i.code}@${i.line}:${i.column}=${i.value}`))
      .toEqual(['NA_AS_EMPTY@2:CONF_STATUS=.', 'NA_AS_EMPTY@3:OBS_VALUE=.']);
  });

  it('"." in OBS_STATUS and COMMENT (columns read in as numbers) reads as empty too; in SEX it stays an error, and ".." beside M stays a yearbook\'s mark to empty', async () => {
    const result = await validatePath(session, file([
      HEADER,
      'SRB,2025,TIP_VIC,_T,_T,_T,_T,12,.,.,.',
      'SRB,2025,SOM_OFF,.,_T,_T,_T,5,.,.,.',
      'SRB,2025,ML_OFF,_T,_T,_T,_T,..,M,.,.',
    ].join('\n') + '\n'));
    expect(brief(result.issues)).toEqual([
      'NA_AS_EMPTY@2:OBS_STATUS=.', 'NA_AS_EMPTY@2:CONF_STATUS=.', 'NA_AS_EMPTY@2:COMMENT=.',
      'UNKNOWN_CODE@3:SEX=.', 'VALUE_WITH_MISSING_STATUS@4:OBS_VALUE=..',
    ]);
    expect(result.issues[2]!.message).toBe('expected a comment or an empty cell, found ".", the missing value Stata and SAS write for a number, in 3 cells (first at line 2); read as no comment');
    expect(result.issues[3]!.message).toBe('expected a SEX code, found ".", a mark for nothing');
  });
});

describe('a column named as a program names one it made', () => {
  it('pandas\' "Unnamed: 0" (a file written with its index, read back and written again) names pandas and how to drop it (was "remove the column, or see crimetrends dictionary")', async () => {
    // pd.read_csv of a file to_csv wrote with its index names the nameless first column "Unnamed: 0"; to_csv(index=False)
    // then writes it as a column of its own, and OBS_VALUE, a float column for its empty cell, as "12.0"
    const result = await validatePath(session, file(['Unnamed: 0,' + HEADER, '0,SRB,2025,TIP_VIC,_T,_T,_T,_T,12.0,,,', '1,SRB,2025,TIP_OFF,_T,_T,_T,_T,,M,,'].join('\n') + '\n', 'SRB_2025.csv'));
    expect(result.issues.map((i) => [i.code, i.line, i.column, i.value, i.message, i.hint]).filter(([code]) => code === 'UNKNOWN_COLUMN')).toEqual([
      ['UNKNOWN_COLUMN', 1, 'Unnamed: 0', 'Unnamed: 0', 'expected a column of the return format, found "Unnamed: 0"; its values are ignored',
        '"Unnamed: 0" is the name pandas gives a column without a name when it reads a file, as the index an earlier to_csv wrote: '
        + 'delete it (df = df.drop(columns="Unnamed: 0")), and write the file with df.to_csv("SRB_2025.csv", index=False)'],
    ]);
    expect(result.acceptedLines).toEqual([2, 3]);
  });

  it('Power BI\'s "Sum of OBS_VALUE" (a table visual\'s "Export data") says to set the field to "Don\'t summarize", in the missing column\'s error and the unknown column\'s warning (was "rename the column" and "remove the column")', async () => {
    // Power BI's export of a visual's data: a byte-order mark, CR LF, and a numeric field summed by default under the name "Sum of …"
    const header = HEADER.replace('OBS_VALUE', 'Sum of OBS_VALUE');
    const result = await validatePath(session, file(`\ufeff${[header, 'SRB,2025,TIP_VIC,_T,_T,_T,_T,12,,,'].join('\r\n')}\r\n`, 'SRB_2025.csv'));
    const hint = '"Sum of OBS_VALUE" is the name Power BI gives OBS_VALUE summarized (Sum) in a visual, which adds up or counts the rows alike '
      + 'in the other columns: set OBS_VALUE to "Don\'t summarize" in the visual\'s fields and export the data again';
    expect(result.issues.map((i) => [i.code, i.line, i.column, i.message, i.hint])).toEqual([
      ['UNKNOWN_COLUMN', 1, 'Sum of OBS_VALUE', 'expected a column of the return format, found "Sum of OBS_VALUE"; its values are ignored', hint],
      ['MISSING_COLUMN', 1, 'OBS_VALUE', 'expected a column OBS_VALUE in the header, found none', hint],
    ]);
  });
});

describe('a round number as readr\'s write_csv writes it', () => {
  it('"3e3" (an exponent with neither sign nor padding) names readr and write.csv after options(scipen = 999); R\'s "1e+05" keeps its hint (was the general "write the number in full" for 3e3)', async () => {
    const result = await validatePath(session, file([HEADER, 'SRB,2025,TIP_VIC,_T,_T,_T,_T,3e3,NA,NA,NA', 'SRB,2025,TIP_OFF,_T,_T,_T,_T,1e+05,NA,NA,NA'].join('\n') + '\n'));
    expect(result.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.line, i.column, i.value, i.hint])).toEqual([
      ['VALUE_NOT_NUMBER', 2, 'OBS_VALUE', '3e3', 'write the number in full, without an exponent: 3000 (readr\'s write_csv writes a round number so, 3e3 for 3000: '
        + 'write the file with write.csv(x, ..., row.names = FALSE, na = "") after options(scipen = 999))'],
      ['VALUE_NOT_NUMBER', 3, 'OBS_VALUE', '1e+05', 'write the number in full, without an exponent: 100000 (R writes a round number so: run options(scipen = 999) before write.csv or data.table::fwrite)'],
    ]);
  });
});

describe('a return written by R\'s write.table(x, "SRB_2025.csv", sep = ","), whose header has no name for the row names', () => {
  it('is a TOO_MANY_CELLS error per row that says the first cell numbers the rows and names write.csv, one entry for the lines alike (was "a value probably contains the delimiter: quote it")', async () => {
    const header = HEADER.split(',').map((h) => `"${h}"`).join(',');
    const result = await validatePath(session, file([
      header,
      '"1","SRB",2025,"TIP_VIC","_T","_T","_T","_T",12,NA,NA,NA',
      '"2","SRB",2025,"TIP_OFF","_T","_T","_T","_T",3,NA,NA,"Date provizorii, sursa: IGPR"',
      // a comment's unquoted comma, under the same header, keeps the delimiter's hint
      '"SRB",2025,"SOM_OFF","_T","_T","_T","_T",4,NA,NA,Date provizorii, sursa IGPR',
    ].join('\n') + '\n', 'SRB_2025.csv'));
    expect(result.issues.map((i) => [i.code, i.line, i.column, i.value, i.message, i.hint])).toEqual([
      ...[[2, '1'], [3, '2']].map(([line, value]) => ['TOO_MANY_CELLS', line, 'column 1', value,
        'expected 11 cells as in the header, found 12, the first of which numbers the rows: the header has no name for it, so each cell would stand under the name of the column before it',
        'R\'s write.table writes its row names so: write the file with write.csv(x, "SRB_2025.csv", row.names = FALSE, na = ""), or delete the first cell of each row']),
      ['TOO_MANY_CELLS', 4, 'column 12', ' sursa IGPR', 'expected 11 cells as in the header, found 12: the cells beyond the header hold " sursa IGPR"',
        'a value probably contains the delimiter ",": quote it, or remove the extra cells'],
    ]);
  });

  it('with na = "" and COMMENT empty (its surplus cell empty, which the reader dropped as a trailing delimiter) is the same error per row, no row read shifted (was UNKNOWN_REF_AREA "1", TIME_PERIOD_INVALID "SRB", … on every row)', async () => {
    const header = HEADER.split(',').map((h) => `"${h}"`).join(',');
    const result = await validatePath(session, file([
      header,
      '"1","SRB",2025,"TIP_VIC","_T","_T","_T","_T",12,,,',
      '"2","SRB",2025,"TIP_OFF","_T","_T","_T","_T",3,,,"Date provizorii"',
      '"3","SRB",2025,"SOM_OFF","_T","_T","_T","_T",4,,,',
    ].join('\n') + '\n', 'SRB_2025.csv'));
    expect(result.issues.map((i) => [i.code, i.line, i.column, i.value, i.message, i.hint])).toEqual([2, 3, 4].map((line) => ['TOO_MANY_CELLS', line, 'column 1', String(line - 1),
      'expected 11 cells as in the header, found 12, the first of which numbers the rows: the header has no name for it, so each cell would stand under the name of the column before it',
      'R\'s write.table writes its row names so: write the file with write.csv(x, "SRB_2025.csv", row.names = FALSE, na = ""), or delete the first cell of each row']));
    expect(result.acceptedLines).toEqual([]);
  });

  it('a row whose REF_AREA is a number and whose cells are as many as the header\'s, trailing delimiter or not, keeps its own issues', async () => {
    const result = await validatePath(session, file([HEADER, '"642",2025,TIP_VIC,_T,_T,_T,_T,12,,,', '642,2025,TIP_OFF,_T,_T,_T,_T,12,,,,'].join('\n') + '\n', 'SRB_2025.csv'));
    expect(brief(result.issues)).toEqual(['UNKNOWN_REF_AREA@2:REF_AREA=642', 'UNKNOWN_REF_AREA@3:REF_AREA=642']);
  });
});

describe('a return written by R\'s write.table(x, "SRB_2025.csv"), whose separator is a space', () => {
  it('says in the header\'s issues that its names are separated by spaces and names write.csv (was "rename the column "REF_AREA "TIME_PERIOD" …" to REF_AREA")', async () => {
    const result = await validatePath(session, file([
      HEADER.split(',').map((h) => `"${h}"`).join(' '),
      '"1" "SRB" 2025 "TIP_VIC" "_T" "_T" "_T" "_T" 12 NA NA NA',
    ].join('\n') + '\n', 'SRB_2025.csv'));
    const hint = 'the header\'s names are separated by spaces, which separate no cells in a CSV file: save the file with commas between the cells '
      + '(in R, write.csv(x, "SRB_2025.csv", row.names = FALSE, na = ""), where write.table separates them by spaces unless given sep = ",")';
    expect(result.issues.filter((i) => i.line === 1).map((i) => [i.code, i.column, i.hint])).toEqual([
      ['UNKNOWN_COLUMN', expect.stringMatching(/^REF_AREA "TIME_PERIOD" "INDICATOR"/), hint],
      ...['REF_AREA', 'TIME_PERIOD', 'INDICATOR', 'OBS_VALUE'].map((column) => ['MISSING_COLUMN', column, hint]),
    ]);
    expect(result.acceptedLines).toEqual([]);
  });
});

describe('a categorical variable written without its value labels (Stata\'s export delimited, nolabel; SPSS\'s /CELLS=VALUES)', () => {
  // Stata's `encode sex, gen(sexn)` numbers the codes alphabetically (F 1, M 2, _T 3); export delimited …, nolabel
  // writes the numbers, and import delimited named the columns in small letters
  const nolabel = [
    HEADER.toLowerCase(),
    'SRB,2025,TIP_VIC,3,_T,_T,_T,12,,,',
    'SRB,2025,TIP_VIC,1,_T,_T,_T,5,,,',
    'SRB,2025,TIP_VIC,2,_T,_T,_T,7,1,,',
  ];

  it('is an UNKNOWN_CODE error per cell that says the column holds numbers alone and names the programs\' labels (was "valid codes: F, M, _T, _U"; OBS_STATUS\'s "the row\'s cells are shifted")', async () => {
    const result = await validatePath(session, file(nolabel.join('\n') + '\n'));
    const hint = 'write the codes of the template (_T for the total), not the numbers a program gave them: Stata\'s export delimited writes the value '
      + 'labels unless given nolabel, SPSS\'s SAVE TRANSLATE with /CELLS=LABELS; check that the labels are the codes';
    expect(result.issues.map((i) => [i.code, i.line, i.column, i.value, i.message, i.hint])).toEqual([
      ...[[2, '3'], [3, '1'], [4, '2']].map(([line, value]) => ['UNKNOWN_CODE', line, 'SEX', value,
        `expected a SEX code, found "${value}": the column holds numbers alone (1, 2, 3), as Stata and SPSS write a variable's values without their labels`, hint]),
      ['UNKNOWN_CODE', 4, 'OBS_STATUS', '1', 'expected an OBS_STATUS code, found "1": the column holds numbers alone (1), as Stata and SPSS write a variable\'s values without their labels', hint],
    ].sort((a, b) => (a[1] as number) - (b[1] as number)));
    expect(result.acceptedLines).toEqual([]);
  });

  it('a number in OBS_STATUS alone is still a cell a decimal comma shifted, and 0 and 1 alone in CONF_STATUS still a no and a yes', async () => {
    const result = await validatePath(session, file([HEADER, 'SRB,2025,DRG_SEIZ_KG,_T,_T,_T,_T,12,5,,', 'SRB,2025,TIP_VIC,_T,_T,_T,_T,7,,1,'].join('\n') + '\n'));
    expect(result.issues.map((i) => [i.code, i.line, i.column, i.message])).toEqual([
      ['UNKNOWN_CODE', 2, 'OBS_STATUS', 'expected an OBS_STATUS code, found the number "5": the row\'s cells are shifted'],
      ['UNKNOWN_CODE', 3, 'CONF_STATUS', 'expected a CONF_STATUS code, found "1"'],
    ]);
  });
});
