import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import type { Store } from '../../src/store/index.js';
import type { ValidationSession } from '../../src/validate/index.js';
import { openSession, storedRows, validatePath, writeReturn } from './validate-helper.js';

// The template as LibreOffice Calc 7.4 saves it, blank and filled in (test/fixtures/libreoffice/README.txt says how each
// file was made): every value typed reads back as typed, and each file gets exactly the issues of its way of saving.

let store: Store;
let session: ValidationSession;
beforeAll(async () => ({ store, session } = await openSession()));
afterAll(() => store.close());

const fixture = (name: string): string => join(PROJECT_ROOT, 'test/fixtures/libreoffice', name);
const check = async (name: string) => {
  const result = await validatePath(session, fixture(name), { displayName: name, state: 'ROU', year: 2025 });
  return { rows: result.rows, errors: result.errors, issues: result.issues.map(({ code, line, column, value, message }) => ({ code, line, column, value, message })) };
};

/** The comment typed in the first row, and what a code page without ș and ț (with a comma below) keeps of it. */
const COMMENT = 'Estimare: datele poliției și ale parchetului, revizuite în martie (ș ț ă î â Ș Ț Ă)';
const REPLACED = 'Estimare: datele poli?iei ?i ale parchetului, revizuite în martie (? ? ? î â ? ? ?)';
/** The kilograms typed in DRG_SEIZ_KG (_T, CANNABIS, COCAINE, HEROIN, ATS, OTHER). */
const KG = [125.75, 40.5, 12.25, 3.125, 60, 9.875];
const LETTER_REPLACED_HINT = 'Central European (Windows-1250)" lacks Romanian\'s ș and ț, with a comma below';

describe('the template saved by LibreOffice Calc, blank', () => {
  it('as .xlsx (soffice --convert-to xlsx): the CSV template\'s issues, VALUE_MISSING on each of its 206 rows, nothing else', async () => {
    const result = await check('template.xlsx');
    expect(result.rows).toBe(206);
    expect(result.issues).toHaveLength(206);
    expect(new Set(result.issues.map((i) => `${i.code} ${i.column} ${i.message}`))).toEqual(new Set(['VALUE_MISSING OBS_VALUE expected a number, found an empty cell']));
    expect(result.issues.map((i) => i.line)).toEqual(Array.from({ length: 206 }, (_, i) => i + 2));
  });

  it('as Text CSV, ";" and Windows-1250, text quoted: VALUE_MISSING on each row, nothing else', async () => {
    expect(await check('template-1250.csv')).toEqual({
      rows: 3, errors: 3,
      issues: [2, 3, 4].map((line) => ({ code: 'VALUE_MISSING', line, column: 'OBS_VALUE', value: null, message: 'expected a number, found an empty cell' })),
    });
  });
});

describe('the template filled in LibreOffice Calc and saved', () => {
  it('as .xlsx: valid, every number, the kilograms\' decimals, the status, the comment\'s letters, its line break and a date read as typed', async () => {
    expect(await check('filled.xlsx')).toEqual({ rows: 206, errors: 0, issues: [] });
    // the rows stored are the lines of the sheet's CSV text, where row 3's line break moves the rows below it one line down
    const rows = await storedRows(session, fixture('filled.xlsx'), 'line in (2, 3, 5, 159, 208) or line between 80 and 85');
    expect(rows.map((r) => [r.line, r.obs_value, r.obs_status, r.comment])).toEqual([
      [2, 100, 'E', COMMENT],
      [3, 60, 'A', 'Prima linie\nA doua linie'],
      // a date typed in COMMENT (a date cell, formatted YYYY-MM-DD) reads as its ISO date
      [5, 25, 'A', '2026-03-15'],
      ...KG.map((kg, i) => [80 + i, kg, 'A', null]),
      [159, null, 'M', null],
      [208, 19036000, 'A', null],
    ]);
  });

  it('as Text CSV UTF-8, "," and """ (the dialog\'s choices): valid, the same values', async () => {
    expect(await check('filled-utf8.csv')).toEqual({ rows: 12, errors: 0, issues: [] });
    const rows = await storedRows(session, fixture('filled-utf8.csv'));
    expect(rows.map((r) => [r.line, r.obs_value, r.obs_status, r.comment])).toEqual([
      [2, 100, 'E', COMMENT], [3, 60, 'A', 'Prima linie\nA doua linie'], [5, 25, 'A', '2026-03-15'],
      ...KG.map((kg, i) => [6 + i, kg, 'A', null]), [12, 0, 'A', null], [13, null, 'M', null], [14, 19036000, 'A', null],
    ]);
  });

  it('as Text CSV with no options (soffice --convert-to csv, ISO-8859-1): the letters outside it replaced by "?", said so', async () => {
    const result = await check('filled-default.csv');
    expect(result).toMatchObject({ rows: 12, errors: 0 });
    expect(result.issues.map((i) => i.code)).toEqual(['ENCODING_CONVERTED', 'COMMENT_LETTER_REPLACED']);
    expect(result.issues[1]).toEqual({
      code: 'COMMENT_LETTER_REPLACED', line: 2, column: 'COMMENT', value: REPLACED,
      message: 'expected a comment in letters, found "Estimare: datele poli?iei ?i ale parchetului, revizuite î…", a letter inside a word replaced by a question mark, in 1 cell (first at line 2); kept as written',
    });
    const rows = await storedRows(session, fixture('filled-default.csv'), 'line = 2 or line between 6 and 11');
    expect(rows.map((r) => r.obs_value)).toEqual([100, ...KG]);
  });

  it('in a Romanian locale as Text CSV, ";" and Windows-1250: valid, decimal commas read, ș and ț lost and the hint says why', async () => {
    const result = await check('filled-ro-1250.csv');
    expect(result).toMatchObject({ rows: 12, errors: 0 });
    expect(result.issues.map((i) => [i.code, i.line])).toEqual([['ENCODING_CONVERTED', null], ['COMMENT_LETTER_REPLACED', 2]]);
    expect(result.issues[1]!.value).toBe(REPLACED.replace('(? ? ?', '(? ? ă').replace('? ? ?)', '? ? Ă)'));
    const validation = await validatePath(session, fixture('filled-ro-1250.csv'), { state: 'ROU', year: 2025 });
    // was: … LibreOffice's Text CSV in "Western Europe (Windows-1252)" lack ă, ş, ţ, ğ, ı, č, ć and đ): save …, of a file
    // saved in Windows-1250, which has ă, ş and ţ (with a cedilla) but not Romanian's ș and ț
    expect(validation.issues.find((i) => i.code === 'COMMENT_LETTER_REPLACED')!.hint).toContain(LETTER_REPLACED_HINT);
    const rows = await storedRows(session, fixture('filled-ro-1250.csv'), 'line between 6 and 11');
    expect(rows.map((r) => r.obs_value)).toEqual(KG);
  });

  it('in a Romanian locale as Text CSV UTF-8 with ",": each decimal comma refused, with its reading', async () => {
    expect(await check('filled-ro-utf8.csv')).toEqual({
      rows: 12, errors: 5,
      issues: [
        { code: 'VALUE_NOT_NUMBER', line: 6, column: 'OBS_VALUE', value: '125,75', message: 'expected a number, found "125,75"' },
        { code: 'VALUE_NOT_NUMBER', line: 7, column: 'OBS_VALUE', value: '40,5', message: 'expected a number, found "40,5"' },
        { code: 'VALUE_NOT_NUMBER', line: 8, column: 'OBS_VALUE', value: '12,25', message: 'expected a number, found "12,25"' },
        { code: 'THOUSANDS_SEPARATOR', line: 9, column: 'OBS_VALUE', value: '3,125', message: 'expected a number without thousands separators, found "3,125"' },
        { code: 'THOUSANDS_SEPARATOR', line: 11, column: 'OBS_VALUE', value: '9,875', message: 'expected a number without thousands separators, found "9,875"' },
      ],
    });
  });
});

/**
 * The filled template as LibreOffice Calc 7.4 set to English saves it as Text CSV with ";" as the field delimiter (the
 * dialog offers it), written here, not by LibreOffice: filled-utf8.csv's cells, decimal points, '"' only around the
 * comment with a line break (the other comment's comma needs no quotes where ';' delimits), as filled-ro-1250.csv.
 */
const ENGLISH_SEMICOLON = [
  'REF_AREA;TIME_PERIOD;INDICATOR;SEX;AGE;COUNTERPART_AREA;BREAKDOWN;OBS_VALUE;OBS_STATUS;CONF_STATUS;COMMENT',
  `ROU;2025;TIP_OFF;_T;_T;_T;_T;100;E;;${COMMENT}`,
  'ROU;2025;TIP_OFF;_T;_T;_T;SEX_EXPL;60;;;"Prima linie\nA doua linie"',
  'ROU;2025;TIP_OFF;_T;_T;_T;FORCED_LAB;25;;;2026-03-15',
  ...['_T', 'CANNABIS', 'COCAINE', 'HEROIN', 'ATS', 'OTHER'].map((breakdown, i) => `ROU;2025;DRG_SEIZ_KG;_T;_T;_T;${breakdown};${KG[i]};;;`),
  'ROU;2025;FA_OFF;_T;_T;_T;_T;0;;;',
  'ROU;2025;COR_OFF;_T;_T;_T;_T;;M;;',
  'ROU;2025;POP;_T;_T;_T;_T;19036000;;;',
];
const checkLines = async (lines: readonly string[], name = 'ROU_2025.csv') => {
  const path = writeReturn(lines, { name });
  const result = await validatePath(session, path, { displayName: name, state: 'ROU', year: 2025 });
  return { path, rows: result.rows, errors: result.errors, issues: result.issues.map(({ code, line, column, value, message }) => ({ code, line, column, value, message })) };
};
const THREE_DECIMALS_REFUSED = [9, 11].map((line) => ({
  code: 'THOUSANDS_SEPARATOR', line, column: 'OBS_VALUE', value: String(KG[line - 6]), message: `expected a number without thousands separators, found "${KG[line - 6]}"`,
}));

describe('the template filled in LibreOffice Calc set to English, saved as Text CSV with ";"', () => {
  it('valid: 125.75 says the points are decimal points, so 3.125 and 9.875 kg read as typed (were THOUSANDS_SEPARATOR, "write 3125 … or 3.125")', async () => {
    const result = await checkLines(ENGLISH_SEMICOLON);
    expect(result).toMatchObject({ rows: 12, errors: 0, issues: [] });
    const rows = await storedRows(session, result.path);
    expect(rows.map((r) => [r.line, r.obs_value, r.obs_status, r.comment])).toEqual([
      [2, 100, 'E', COMMENT], [3, 60, 'A', 'Prima linie\nA doua linie'], [5, 25, 'A', '2026-03-15'],
      ...KG.map((kg, i) => [6 + i, kg, 'A', null]), [12, 0, 'A', null], [13, null, 'M', null], [14, 19036000, 'A', null],
    ]);
  });

  it('delimited by tabs or "|" (which say neither separator): the same evidence, the same values', async () => {
    for (const delimiter of ['\t', '|']) {
      const result = await checkLines(ENGLISH_SEMICOLON.map((line) => line.replaceAll(';', delimiter)), delimiter === '|' ? 'ROU_2025.txt' : 'ROU_2025.tsv');
      expect(result).toMatchObject({ rows: 12, errors: 0, issues: [] });
      expect((await storedRows(session, result.path, 'line between 6 and 11')).map((r) => r.obs_value)).toEqual(KG);
    }
  });

  it('with a decimal comma too (40,5, a Romanian export\'s): the points may group, and 3.125 and 9.875 are refused as before', async () => {
    const result = await checkLines(ENGLISH_SEMICOLON.map((line) => line.replace(';40.5;', ';40,5;')));
    expect(result).toMatchObject({ rows: 12, errors: 2, issues: THREE_DECIMALS_REFUSED });
    expect((await storedRows(session, result.path, 'line between 6 and 8')).map((r) => r.obs_value)).toEqual([125.75, 40.5, 12.25]);
  });

  it('with no decimal point that groups nothing (125, 40, 12 kg): no evidence, 3.125 and 9.875 refused as before', async () => {
    const whole = ENGLISH_SEMICOLON.map((line) => line.replace(/;(125|40|12)\.(75|5|25);/, ';$1;'));
    expect(await checkLines(whole)).toMatchObject({ rows: 12, errors: 2, issues: THREE_DECIMALS_REFUSED });
  });

  it('a count written 1.000 gets VALUE_NOT_INTEGER alone, as in a comma-delimited file; 19.036.000 is still a grouping', async () => {
    const lines = ENGLISH_SEMICOLON.map((line) => line.replace('FA_OFF;_T;_T;_T;_T;0;', 'FA_OFF;_T;_T;_T;_T;1.000;').replace(';19036000;', ';19.036.000;'));
    expect(await checkLines(lines)).toMatchObject({
      rows: 12, errors: 2,
      issues: [
        { code: 'VALUE_NOT_INTEGER', line: 12, column: 'OBS_VALUE', value: '1.000', message: 'expected a whole number for FA_OFF (a count, unit NR), found "1.000": 1 with a decimal separator, or 1000 with a thousands separator; not guessed' },
        { code: 'THOUSANDS_SEPARATOR', line: 14, column: 'OBS_VALUE', value: '19.036.000', message: 'expected a number without thousands separators, found "19.036.000"' },
      ],
    });
  });
});
