import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/warehouse.js';
import type { Store } from '../../src/store/index.js';
import type { ValidationSession } from '../../src/validate/index.js';
import { ISSUE_CODES } from '../../src/validate/index.js';
import { fixture, openSession, validatePath } from './validate-helper.js';

let store: Store;
let session: ValidationSession;
beforeAll(async () => ({ store, session } = await openSession()));
afterAll(() => store.close());

/** One deliberately broken fixture per code: the issue it must raise, at which line and column. */
const CASES: Array<{ fixture: string; file?: string; code: string; line: number | null; column: string | null; value?: string | null; state?: string; year?: number; message?: RegExp; hint?: RegExp }> = [
  { fixture: 'validate-empty-file', code: 'EMPTY_FILE', line: null, column: null },
  { fixture: 'validate-empty-file-header', code: 'EMPTY_FILE', line: 1, column: null },
  { fixture: 'validate-encoding-undecodable', code: 'ENCODING_UNDECODABLE', line: null, column: null, message: /NUL bytes/ },
  { fixture: 'validate-encoding-converted', file: 'BGR_2025.csv', code: 'ENCODING_CONVERTED', line: null, column: null, value: 'windows-1251' },
  { fixture: 'validate-encoding-mixed', file: 'BGR_2025.csv', code: 'ENCODING_MIXED', line: 3, column: null, message: /^expected windows-1251 like the rest of the file, found this line in UTF-8/ },
  { fixture: 'validate-missing-column', code: 'MISSING_COLUMN', line: 1, column: 'INDICATOR', hint: /rename the column "INDICATOR_CODE" to INDICATOR/ },
  { fixture: 'validate-duplicate-column', code: 'DUPLICATE_COLUMN', line: 1, column: 'SEX', message: /column 6/ },
  { fixture: 'validate-unknown-column', code: 'UNKNOWN_COLUMN', line: 1, column: 'REGION' },
  { fixture: 'validate-imported-row', code: 'IMPORTED_ROW', line: 3, column: 'SOURCE', value: 'UNODC', message: /^expected a figure of the state's own, found a row a crimetrends export marks as imported \(SOURCE "UNODC"\): a return may not carry it$/, hint: /--format sdmx-csv/ },
  { fixture: 'validate-unnamed-column', code: 'UNKNOWN_COLUMN', line: 1, column: 'column 6', value: 'x', message: /first at line 3/ },
  { fixture: 'validate-encoding-invalid-bytes', code: 'ENCODING_INVALID_BYTES', line: 3, column: 'COMMENT', value: 'Num\uFFFDr provizoriu', message: /a byte that is not UTF-8 .* at character 4 of the cell/ },
  { fixture: 'validate-encoding-double-utf8', code: 'ENCODING_DOUBLE_UTF8', line: 3, column: 'COMMENT', value: 'NumÄƒr provizoriu', message: /^expected text as written, found text that looks converted to UTF-8 twice: it reads "Număr provizoriu" once repaired; the value was kept as written$/, hint: /^save the file as UTF-8 once, from the original/ },
  { fixture: 'validate-control-character', code: 'CONTROL_CHARACTER', line: 3, column: 'INDICATOR', value: 'TIP_\u2400OFF', message: /^expected text, found a NUL byte \(control character U\+0000\) at character 5 of the cell$/ },
  { fixture: 'validate-header-missing', code: 'HEADER_MISSING', line: 1, column: null, message: /the header row is missing/ },
  { fixture: 'validate-header-not-first', code: 'HEADER_NOT_FIRST', line: 1, column: null, value: 'Ministry of Internal Affairs of Romania: annual return 2025', message: /found it on line 2; the text above it/ },
  { fixture: 'validate-line-endings-converted', code: 'LINE_ENDINGS_CONVERTED', line: null, column: null },
  { fixture: 'validate-blank-row', code: 'BLANK_ROW', line: 3, column: null },
  { fixture: 'validate-too-many-cells', code: 'TOO_MANY_CELLS', line: 3, column: 'column 12', value: ' border police', message: /^expected 11 cells as in the header, found 12: the cells beyond the header hold " border police"$/ },
  { fixture: 'validate-too-few-cells', code: 'TOO_FEW_CELLS', line: 3, column: 'OBS_STATUS', message: /found 8/ },
  { fixture: 'validate-stray-quote', code: 'STRAY_QUOTE', line: 3, column: 'COMMENT', value: '"Police" data' },
  { fixture: 'validate-quote-unterminated', code: 'QUOTE_UNTERMINATED', line: 3, column: null, message: /swallows lines 3–4/ },
  { fixture: 'validate-quote-swallowed-lines', code: 'QUOTE_SWALLOWED_LINES', line: 3, column: 'COMMENT', message: /running to line 5/ },
  { fixture: 'validate-header-repeated', code: 'HEADER_REPEATED', line: 3, column: null, value: 'REF_AREA', message: /^expected data, found the header line again$/ },
  { fixture: 'validate-total-row', code: 'TOTAL_ROW', line: 3, column: 'REF_AREA', value: 'Total', message: /^expected one observation per row, found a row of totals \("Total"\)$/, hint: /^delete the row/ },
  { fixture: 'validate-note-row', code: 'NOTE_ROW', line: 3, column: 'REF_AREA', value: 'Note: 2025 figures are provisional', message: /^expected one observation per row, found a note \("Note: 2025 figures are provisional"\)$/, hint: /^delete the line: a return holds observations only; what the note says of the figures goes in the COMMENT of the rows it concerns$/ },
  { fixture: 'validate-description-row', code: 'DESCRIPTION_ROW', line: 3, column: null, value: 'Reference area,Year,Indicator', message: /^expected data, found a row of descriptions \("Reference area,Year,Indicator"\)$/, hint: /^delete the row of descriptions under the header; the return holds observations only$/ },
  { fixture: 'validate-required-value-missing', code: 'REQUIRED_VALUE_MISSING', line: 3, column: 'INDICATOR' },
  { fixture: 'validate-unknown-ref-area', code: 'UNKNOWN_REF_AREA', line: 3, column: 'REF_AREA', value: 'DEU', message: /not one/ },
  { fixture: 'validate-unknown-indicator', code: 'UNKNOWN_INDICATOR', line: 3, column: 'INDICATOR', value: 'TIP_VICTIM', hint: /^did you mean TIP_VIC\?$/ },
  { fixture: 'validate-unknown-code', code: 'UNKNOWN_CODE', line: 3, column: 'SEX', value: 'X', hint: /valid codes: F, M, _T, _U/ },
  { fixture: 'validate-name-not-code', code: 'NAME_NOT_CODE', line: 3, column: 'REF_AREA', value: 'Romania', message: /read as ROU/ },
  { fixture: 'validate-code-often-mistaken', code: 'CODE_OFTEN_MISTAKEN', line: 3, column: 'COUNTERPART_AREA', value: 'MAC', message: /Macao, China, which is often written for North Macedonia \(MKD\)/, hint: /^if North Macedonia is meant, write MKD/ },
  { fixture: 'validate-code-not-upper-case', code: 'CODE_NOT_UPPER_CASE', line: 3, column: 'INDICATOR', value: 'tip_off', message: /^expected a code in capitals, found "tip_off"; read as TIP_OFF$/, hint: /^write TIP_OFF: codes are written in capitals$/ },
  { fixture: 'validate-invisible-character', code: 'INVISIBLE_CHARACTER', line: 3, column: 'INDICATOR', value: 'TIP_OFF\u200b', message: /^expected a code, found "TIP_OFF\\u200b", which holds a zero-width space \(U\+200B\) at character 8; read as TIP_OFF$/, hint: /^retype the cell as TIP_OFF: the invisible character came with text pasted/ },
  { fixture: 'validate-ref-area-not-declared', code: 'REF_AREA_NOT_DECLARED', line: 3, column: 'REF_AREA', value: 'BGR', state: 'ROU' },
  { fixture: 'validate-ref-area-mixed', code: 'REF_AREA_MIXED', line: 3, column: 'REF_AREA', value: 'BGR', message: /2 states: ROU, BGR/ },
  { fixture: 'validate-time-period-invalid', code: 'TIME_PERIOD_INVALID', line: 3, column: 'TIME_PERIOD', value: '25' },
  { fixture: 'validate-time-period-after-year', code: 'TIME_PERIOD_AFTER_YEAR', line: 3, column: 'TIME_PERIOD', value: '2026', year: 2025 },
  { fixture: 'validate-year-not-reported', file: 'ROU_2024.csv', code: 'YEAR_NOT_REPORTED', line: null, column: 'TIME_PERIOD', year: 2025, message: /^expected rows for the reporting year 2025 \(--year\), found only rows for 2023–2024$/ },
  { fixture: 'validate-dimension-not-applicable', code: 'DIMENSION_NOT_APPLICABLE', line: 3, column: 'SEX', value: 'F' },
  { fixture: 'validate-breakdown-not-for-indicator', code: 'BREAKDOWN_NOT_FOR_INDICATOR', line: 3, column: 'BREAKDOWN', value: 'PISTOL', hint: /SEX_EXPL/ },
  { fixture: 'validate-value-not-number', code: 'VALUE_NOT_NUMBER', line: 3, column: 'OBS_VALUE', value: 'n.a.' },
  { fixture: 'validate-thousands-separator', code: 'THOUSANDS_SEPARATOR', line: 3, column: 'OBS_VALUE', value: '1,192', hint: /write 1192/ },
  { fixture: 'validate-value-negative', code: 'VALUE_NEGATIVE', line: 3, column: 'OBS_VALUE', value: '-4' },
  { fixture: 'validate-value-too-large', code: 'VALUE_TOO_LARGE', line: 3, column: 'OBS_VALUE', value: '99999999999999999999', message: /^expected a number up to 9,007,199,254,740,992, found "99999999999999999999": too large to store exactly$/ },
  { fixture: 'validate-action-not-supported', code: 'ACTION_NOT_SUPPORTED', line: 3, column: 'ACTION', value: 'D', message: /^expected ACTION I, R or M, found "D" \(delete\)$/, hint: /^deleting observations through a return is not supported: send a corrected return/ },
  { fixture: 'validate-value-not-integer', code: 'VALUE_NOT_INTEGER', line: 3, column: 'OBS_VALUE', value: '12.5' },
  { fixture: 'validate-value-decimal-zeros', code: 'VALUE_DECIMAL_ZEROS', line: 3, column: 'OBS_VALUE', value: '12.0', message: /^expected a whole number for TIP_OFF \(a count, unit NR\), found "12.0"; read as 12$/, hint: /^write 12: counts have no decimals/ },
  { fixture: 'validate-na-as-empty', code: 'NA_AS_EMPTY', line: 3, column: 'OBS_STATUS', value: 'NA', message: /^expected an OBS_STATUS code or an empty cell, found "NA", the missing value R writes, in 1 cell \(first at line 3\); read as empty \(OBS_STATUS A, normal\)$/, hint: /na = ""/ },
  { fixture: 'validate-comment-formula-error', code: 'COMMENT_FORMULA_ERROR', line: 3, column: 'COMMENT', value: '#N/A', message: /^expected a comment or an empty cell, found "#N\/A", a spreadsheet's error value: the formula that fills the cell found nothing \(a VLOOKUP, XLOOKUP or MATCH without a match\), in 1 cell \(first at line 3\); read as no comment$/, hint: /Paste Special > Values/ },
  { fixture: 'validate-comment-letters-lost', code: 'COMMENT_LETTERS_LOST', line: 3, column: 'COMMENT', value: '??? ??????????', message: /^expected a comment in letters, found "\?\?\? \?\?\?\?\?\?\?\?\?\?", its letters replaced by question marks, in 1 cell \(first at line 3\); read as no comment$/, hint: /save the file as "CSV UTF-8 \(Comma delimited\)"/ },
  { fixture: 'validate-comment-letter-replaced', code: 'COMMENT_LETTER_REPLACED', line: 3, column: 'COMMENT', value: 'Num?r provizoriu', message: /^expected a comment in letters, found "Num\?r provizoriu", a letter inside a word replaced by a question mark, in 1 cell \(first at line 3\); kept as written$/, hint: /save the file as "CSV UTF-8 \(Comma delimited\)"/ },
  { fixture: 'validate-value-missing', code: 'VALUE_MISSING', line: 3, column: 'OBS_VALUE' },
  { fixture: 'validate-value-with-missing-status', code: 'VALUE_WITH_MISSING_STATUS', line: 3, column: 'OBS_VALUE', value: '12' },
  { fixture: 'validate-duplicate-series', code: 'DUPLICATE_SERIES', line: 4, column: 'OBS_VALUE', message: /first at line 3/ },
  { fixture: 'validate-duplicate-conflict', code: 'DUPLICATE_CONFLICT', line: 4, column: 'OBS_VALUE', message: /"13" here, "12" at line 3/ },
  { fixture: 'validate-breakdown-sum', code: 'BREAKDOWN_SUM', line: 2, column: 'OBS_VALUE', message: /F \+ M\) to add up to the total 120 within 1 %, found 150 \(\+25\.0 %\)/ },
  { fixture: 'validate-stage-order', code: 'STAGE_ORDER', line: 4, column: 'OBS_VALUE', message: /TIP_CNV not to exceed TIP_PRS \(20 in 2025\), found 25/ },
  { fixture: 'validate-break-without-comment', code: 'BREAK_WITHOUT_COMMENT', line: 3, column: 'COMMENT' },
];

describe('one fixture per rule', () => {
  it.each(CASES)('$code at line $line column $column ($fixture)', async (c) => {
    const result = await validatePath(session, fixture(c.fixture, c.file), { state: c.state, year: c.year, displayName: c.fixture });
    const found = result.issues.filter((i) => i.code === c.code);
    expect(found, JSON.stringify(result.issues, null, 1)).toHaveLength(1);
    const issue = found[0]!;
    expect(issue).toMatchObject({ file: c.fixture, line: c.line, column: c.column });
    if (c.value !== undefined) expect(issue.value).toBe(c.value);
    if (c.message) expect(issue.message).toMatch(c.message);
    if (c.hint) expect(issue.hint).toMatch(c.hint);
    expect(issue.severity).toBe(ISSUE_CODES.find((k) => k.code === c.code)!.severity);
    expect(issue.hint, 'every issue carries a hint').toBeTruthy();
  });

  it('covers every published code with a fixture (CHANGE_WITHOUT_COMMENT, CSV_UNREADABLE, LINE_TOO_LONG, LINES_UNRECONCILED and the XLSX_ codes are tested apart)', () => {
    const covered = new Set(CASES.map((c) => c.code));
    // a workbook's codes: test/validate/workbook-return.test.ts
    const workbook = ['XLSX_UNREADABLE', 'XLSX_NO_HEADER', 'XLSX_SHEETS_AMBIGUOUS', 'XLSX_SHEET_SKIPPED', 'XLSX_FORMULA_NO_RESULT', 'XLSX_UNDER_OTHER_NAME'];
    const apart = ['CHANGE_WITHOUT_COMMENT', 'CSV_UNREADABLE', 'LINE_TOO_LONG', 'LINES_UNRECONCILED', ...workbook];
    expect(ISSUE_CODES.map((c) => c.code).filter((c) => !covered.has(c) && !apart.includes(c))).toEqual([]);
  });

  it('accepts a valid return: every data line accepted, no issue', async () => {
    const result = await validatePath(session, fixture('validate-valid'), { state: 'ROU', year: 2025 });
    expect(result.issues).toEqual([]);
    expect(result).toMatchObject({ rows: 7, accepted: 7, errors: 0, warnings: 0, state: 'ROU', year: 2025 });
    expect(result.acceptedLines).toEqual([2, 3, 4, 5, 6, 7, 8]);
  });

  it('skips rows of empty or blank cells as blank, but not a row whose first cell only is empty', async () => {
    const path = join(tempDir(), 'ROU_2025.csv');
    writeFileSync(path, [
      'REF_AREA,TIME_PERIOD,INDICATOR,SEX,AGE,COUNTERPART_AREA,BREAKDOWN,OBS_VALUE,OBS_STATUS,CONF_STATUS,COMMENT',
      'ROU,2025,TIP_VIC,_T,_T,_T,_T,120,A,F,',
      ',,,,,,,,,,',
      ' , ,  ,,,,,,,, ',
      ',2025,TIP_OFF,_T,_T,_T,_T,12,A,F,',
      ',,,,,,,,,,a note under no row',
      '',
    ].join('\n'));
    const result = await validatePath(session, path);
    expect(result.issues.map((i) => `${i.code}@${i.line}:${i.column ?? ''}`)).toEqual([
      // a note alone in its row is one issue (was: REQUIRED_VALUE_MISSING for REF_AREA, TIME_PERIOD and INDICATOR, VALUE_MISSING)
      'BLANK_ROW@3:', 'BLANK_ROW@4:', 'REQUIRED_VALUE_MISSING@5:REF_AREA', 'NOTE_ROW@6:COMMENT',
    ]);
    expect(result.acceptedLines).toEqual([2]);
  });

  it('refuses a year after this one with --year of next year as without it (was: valid with --year 2027 in 2026)', async () => {
    // `template --year` takes next year (drawn up ahead); a return for it filled in now holds figures of no past year
    const path = join(tempDir(), 'ROU_2027.csv');
    writeFileSync(path, [
      'REF_AREA,TIME_PERIOD,INDICATOR,SEX,AGE,COUNTERPART_AREA,BREAKDOWN,OBS_VALUE,OBS_STATUS,CONF_STATUS,COMMENT',
      'ROU,2027,TIP_VIC,_T,_T,_T,_T,120,A,F,',
      'ROU,2026,TIP_OFF,_T,_T,_T,_T,12,A,F,',
      '',
    ].join('\n'));
    for (const year of [2027, undefined]) {
      const result = await validatePath(session, path, { state: 'ROU', year });
      expect(result.issues.map((i) => `${i.code}@${i.line}:${i.column}=${i.value}`)).toEqual(['TIME_PERIOD_INVALID@2:TIME_PERIOD=2027']);
      expect(result.acceptedLines).toEqual([3]);
    }
  });

  it('reads a file with bare CR line breaks line by line', async () => {
    const result = await validatePath(session, fixture('validate-line-endings-converted'));
    expect(result.issues.map((i) => `${i.code}@${i.line}`)).toEqual(['LINE_ENDINGS_CONVERTED@null', 'VALUE_NOT_INTEGER@3']);
  });

  it('reads decimal commas in a semicolon file, and converts Windows-1251 text', async () => {
    const result = await validatePath(session, fixture('validate-encoding-converted', 'BGR_2025.csv'));
    expect(result.errors).toBe(0);
    expect(result.accepted).toBe(2);
    expect(result.encoding).toBe('windows-1251');
  });
});
