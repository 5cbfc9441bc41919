import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { dropValidation, validateFile, type ValidationSession } from '../../src/validate/index.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/warehouse.js';
import { brief, fileWriter, fixture, HEADER, openSession, storedRows, validatePath } from './validate-helper.js';

// returns as the tools ministries use write them, byte for byte (a new user's sweep of validate)

let store: Store;
let session: ValidationSession;
beforeAll(async () => ({ store, session } = await openSession()));
afterAll(() => store.close());

const file = fileWriter(tempDir(), 'SRB_2025_');
const row = (indicator: string, value: string, { area = 'SRB', year = '2025' } = {}): string => `${area},${year},${indicator},_T,_T,_T,_T,${value},,,`;

/** The typed rows validate made (what ingest would store). */
async function typedRows(path: string): Promise<Array<{ line: number; ref_area: string | null; time_period: number | null; indicator: string | null; obs_value: number | null }>> {
  const validation = await validateFile(session, path, { displayName: 'x', now: new Date('2026-03-01T00:00:00Z'), changeWarning: { percent: 50, units: 20 } });
  const rows = await store.all<{ line: number; ref_area: string | null; time_period: number | null; indicator: string | null; obs_value: number | null }>(
    `select line, ref_area, time_period, indicator, obs_value from ${validation.rowsTable} order by line`,
  );
  await dropValidation(session, validation);
  return rows;
}

describe('UTF-16 without a byte-order mark', () => {
  it('is decoded as UTF-16 (little- or big-endian, tab or comma, CR LF or LF), not read as NUL bytes', async () => {
    const text = (sep: string, eol: string): string =>
      [HEADER, row('TIP_VIC', '12'), 'SRB,2025,COR_OFF,_T,_T,_T,_T,87,P,F,Провизорни подаци'].map((l) => l.replaceAll(',', sep)).join(eol) + eol;
    for (const [encoding, sep, eol] of [['utf16le', '\t', '\r\n'], ['utf16be', '\t', '\r\n'], ['utf16le', ',', '\n']] as const) {
      const path = file(iconv.encode(text(sep, eol), encoding));
      const result = await validatePath(session, path);
      expect(brief(result.issues), `${encoding} ${JSON.stringify(sep)}`).toEqual([`ENCODING_CONVERTED@:=${encoding === 'utf16le' ? 'UTF-16LE' : 'UTF-16BE'}`]);
      expect(result).toMatchObject({ rows: 2, accepted: 2, errors: 0, state: 'SRB', encoding: encoding === 'utf16le' ? 'utf-16le' : 'utf-16be' });
    }
  });

  it('through the CLI: a clean pass with the conversion warning, exit 0', async () => {
    const path = file(iconv.encode(`${HEADER}\r\n${row('TIP_VIC', '12')}\r\n`, 'utf16le'));
    const result = await runCli(['validate', '--json', path]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.files[0]).toMatchObject({ rows: 1, accepted: 1, errors: 0, warnings: 1, encoding: 'utf-16le' });
  });
});

describe('two CSV UTF-8 files joined into one (the second\'s byte-order mark mid-file)', () => {
  it('the second header is one HEADER_REPEATED, and a data line starting with the mark is read as SRB with a warning', async () => {
    const bom = '\ufeff';
    const path = file(`${bom}${HEADER}\r\n${row('TIP_VIC', '12')}\r\n${bom}${HEADER}\r\n${row('TIP_OFF', '5')}\r\n${bom}${row('TIP_SUS', '4')}\r\n`);
    const result = await validatePath(session, path);
    // (an issue's value read back loses the leading mark: the DuckDB client drops it, see below; the message shows it)
    expect(brief(result.issues)).toEqual(['HEADER_REPEATED@3:=REF_AREA', 'INVISIBLE_CHARACTER@5:REF_AREA=SRB']);
    expect(result.issues[1]).toMatchObject({
      severity: 'warning',
      message: 'expected a code, found "\\ufeffSRB", which holds a byte-order mark (U+FEFF) at character 1; read as SRB',
      hint: 'retype the cell as SRB: a byte-order mark starting a line is where a second file was joined to the first',
    });
    expect(result.acceptedLines).toEqual([2, 4, 5]);
    // the row is SRB's, not a second state "\ufeffSRB" (the DuckDB client drops a leading BOM from text it returns, so
    // the value once reached the code lists as "SRB" and passed through the rows unmapped)
    expect((await typedRows(path)).map((r) => r.ref_area)).toEqual(['SRB', null, 'SRB', 'SRB']);
    expect(result.state).toBe('SRB');
  });
});

describe('invisible characters pasted with the text', () => {
  it('in a code: read without them, one INVISIBLE_CHARACTER warning per cell naming the character and where it is', async () => {
    const path = file([HEADER, 'S\u200bRB,2025,TIP_VIC,_T,_T,_T,_T,12,,,', 'SRB,2025,TIP_OFF\u200e,_T,_T,\u200b_T,_T,5,,,', 'SRB,2025,TIP_SUS,x\u200b,_T,_T,_T,4,,,'].join('\n') + '\n');
    const result = await validatePath(session, path);
    expect(brief(result.issues)).toEqual([
      'INVISIBLE_CHARACTER@2:REF_AREA=S\u200bRB', 'INVISIBLE_CHARACTER@3:INDICATOR=TIP_OFF\u200e', 'INVISIBLE_CHARACTER@3:COUNTERPART_AREA=\u200b_T', 'UNKNOWN_CODE@4:SEX=x\u200b',
    ]);
    expect(result.issues[0]!.message).toBe('expected a code, found "S\\u200bRB", which holds a zero-width space (U+200B) at character 2; read as SRB');
    expect(result.issues[1]!.message).toBe('expected a code, found "TIP_OFF\\u200e", which holds a left-to-right mark (U+200E) at character 8; read as TIP_OFF');
    // an unknown code keeps its error, and says the cell also holds an invisible character
    expect(result.issues[3]).toMatchObject({
      message: 'expected a SEX code, found "x" (the cell, "x\\u200b", also holds a zero-width space (U+200B) at character 2)',
      hint: 'valid codes: F, M, _T, _U; and retype the cell, which holds an invisible character',
    });
    expect(result.acceptedLines).toEqual([2, 3]);
  });

  it('in TIME_PERIOD or OBS_VALUE: an error whose value shows the character (\\u200b) and whose hint says to retype the cell', async () => {
    const result = await validatePath(session, file([HEADER, row('TIP_VIC', '5\u200b'), row('TIP_OFF', '5', { year: '2025\u200b' })].join('\n') + '\n'));
    expect(brief(result.issues)).toEqual(['VALUE_NOT_NUMBER@2:OBS_VALUE=5\u200b', 'TIME_PERIOD_INVALID@3:TIME_PERIOD=2025\u200b']);
    expect(result.issues[0]).toMatchObject({
      message: 'expected a number, found "5\\u200b"',
      hint: 'retype the number: the cell holds an invisible character (shown as \\u…), which text pasted from a web page or a document brings along',
    });
    expect(result.issues[1]).toMatchObject({ message: 'expected a year as four digits (1990 to 2026), found "2025\\u200b"', hint: 'write 2025 (four digits only)' });
  });

  it('a no-break space around a number or a year is a space like any (DuckDB trimmed it from the message: "found \\"12\\"")', async () => {
    const path = file([HEADER, row('TIP_VIC', '12\u00a0'), row('TIP_OFF', '\u202f7.0'), row('DRG_SEIZ_KG', ' 1.5\u00a0', { year: '2025\u00a0' })].join('\n') + '\n');
    const result = await validatePath(session, path);
    expect(brief(result.issues)).toEqual(['VALUE_DECIMAL_ZEROS@3:OBS_VALUE=7.0']);
    expect(result.acceptedLines).toEqual([2, 3, 4]);
    expect((await typedRows(path)).map((r) => [r.time_period, r.obs_value])).toEqual([[2025, 12], [2025, 7], [2025, 1.5]]);
  });
});

describe('what a spreadsheet leaves in a cell', () => {
  it('each OBS_VALUE gets a hint that says what to write', async () => {
    const values: Array<[string, string]> = [
      ['="12"', 'write 12 alone: the cell holds the text of a formula (="…") or of an apostrophe prefix; type the number into a cell formatted as a number'],
      ["'12", 'write 12 alone: the cell holds the text of a formula (="…") or of an apostrophe prefix; type the number into a cell formatted as a number'],
      ['(12)', 'write 12 without parentheses: an accounting number format shows a negative number so, and counts and quantities cannot be negative (an estimate is marked with OBS_STATUS E)'],
      ['"€1,234"', 'write the number alone, without a currency sign: OBS_VALUE is a count or quantity (format the cell as a plain number)'],
      ['$12', 'write the number alone, without a currency sign: OBS_VALUE is a count or quantity (format the cell as a plain number)'],
      ['１２３', 'write 123 in the digits 0-9 (these are full-width digits, from an East Asian input mode)'],
      ['#VALUE!', 'the cell shows a spreadsheet error (#VALUE!): correct the formula, or paste the values; for a figure that is not available, leave OBS_VALUE empty and set OBS_STATUS to M (missing), L (exists but not collected), O (not available) or Q (suppressed); write 0 only for a true zero'],
      ['1.2E+04', 'write the number in full, without an exponent: 12000'],
    ];
    const indicators = ['TIP_VIC', 'TIP_OFF', 'TIP_SUS', 'TIP_PRS', 'TIP_CNV', 'FA_SEIZED', 'FA_FOUND', 'FA_SURR'];
    const result = await validatePath(session, file([HEADER, ...values.map(([value], i) => row(indicators[i]!, value))].join('\r\n') + '\r\n'));
    expect(result.issues.map((i) => [i.code, i.line, i.hint])).toEqual(values.map(([, hint], i) => ['VALUE_NOT_NUMBER', i + 2, hint]));
  });

  it('a date in TIME_PERIOD names the year; full-width digits are named; a formula in REF_AREA names the code', async () => {
    const years = ['2025-01-01', '01/01/2025', '2025-12-31 00:00:00', '31.12.2025', '２０２５'];
    const indicators = ['TIP_VIC', 'TIP_OFF', 'TIP_SUS', 'TIP_PRS', 'TIP_CNV'];
    const result = await validatePath(session, file([HEADER, ...years.map((year, i) => row(indicators[i]!, '1', { year })), row('FA_SEIZED', '1', { area: '="SRB"' })].join('\n') + '\n'));
    const date = 'write 2025, the year alone: the cell holds a date (format the column as Text or as a number without decimals, and type the year)';
    expect(result.issues.map((i) => [i.code, i.line, i.column, i.hint])).toEqual([
      ['TIME_PERIOD_INVALID', 2, 'TIME_PERIOD', date], ['TIME_PERIOD_INVALID', 3, 'TIME_PERIOD', date], ['TIME_PERIOD_INVALID', 4, 'TIME_PERIOD', date],
      ['TIME_PERIOD_INVALID', 5, 'TIME_PERIOD', date],
      ['TIME_PERIOD_INVALID', 6, 'TIME_PERIOD', 'write 2025 in the digits 0-9 (these are full-width digits, from an East Asian input mode)'],
      ['UNKNOWN_REF_AREA', 7, 'REF_AREA', 'write SRB alone: the cell holds the text of a formula (="…") or of an apostrophe prefix, not the code'],
    ]);
  });

  it('Arabic-Indic and Eastern Arabic-Indic digits in OBS_VALUE and TIME_PERIOD are named, with the number in 0-9 (was: "use a point as the decimal separator", and the general hint of a year)', async () => {
    const arabic = 'Arabic-Indic digits, from an Arabic, Persian or Urdu keyboard or number format';
    const result = await validatePath(session, file([HEADER,
      row('TIP_VIC', '\u0661\u0662'), row('TIP_OFF', '\u06f1\u06f2\u06f3'), row('TIP_SUS', '1', { year: '\u0662\u0660\u0662\u0665' })].join('\n') + '\n'));
    expect(result.issues.map((i) => [i.code, i.line, i.column, i.value, i.hint])).toEqual([
      ['VALUE_NOT_NUMBER', 2, 'OBS_VALUE', '\u0661\u0662', `write 12 in the digits 0-9 (these are ${arabic})`],
      ['VALUE_NOT_NUMBER', 3, 'OBS_VALUE', '\u06f1\u06f2\u06f3', `write 123 in the digits 0-9 (these are ${arabic})`],
      ['TIME_PERIOD_INVALID', 4, 'TIME_PERIOD', '\u0662\u0660\u0662\u0665', `write 2025 in the digits 0-9 (these are ${arabic})`],
    ]);
  });

  it('a code with a full stop, comma, semicolon or colon after it is named in the hint, not read (was: the dictionary, or the valid codes)', async () => {
    const result = await validatePath(session, file([HEADER,
      'SRB.,2025,TIP_VIC,_T,_T,_T,_T,1,A,F,',
      'SRB,2025,TIP_VIC,F.,_T,UKR;,_T,1,A.,C:,',
      'SRB,2025,TIP_OFF.,_T,_T,_T,_T,1,A,F,',
      // a state outside the region stays one: no code to write
      'CYP.,2025,TIP_SUS,_T,_T,_T,_T,1,A,F,'].join('\n') + '\n'));
    expect(result.issues.filter((i) => i.severity === 'error').map((i) => [i.line, i.column, i.value, i.hint])).toEqual([
      [2, 'REF_AREA', 'SRB.', 'write SRB, without the full stop after it'],
      [3, 'SEX', 'F.', 'write F, without the full stop after it'],
      [3, 'COUNTERPART_AREA', 'UKR;', 'write UKR, without the semicolon after it'],
      [3, 'OBS_STATUS', 'A.', 'write A, without the full stop after it'],
      [3, 'CONF_STATUS', 'C:', 'write C, without the colon after it'],
      [4, 'INDICATOR', 'TIP_OFF.', 'write TIP_OFF, without the full stop after it'],
      [5, 'REF_AREA', 'CYP.', 'see "crimetrends dictionary" for the valid codes'],
    ]);
    expect(result.acceptedLines).toEqual([]);
  });

  it('a partner outside the region named in a language of the region reads as that country, with NAME_NOT_CODE (was UNKNOWN_CODE)', async () => {
    const names: Array<[string, string]> = [['Germania', 'DEU'], ['Γερμανία', 'DEU'], ['Німеччина', 'DEU'], ['Գերմանիա', 'DEU'], ['იტალია', 'ITA'],
      ['Spania', 'ESP'], ['Regatul Unit', 'GBR'], ['Франция', 'FRA'], ['Almaniya', 'DEU']];
    const result = await validatePath(session, file([HEADER, ...names.map(([name], i) => `SRB,${2016 + i},TIP_VIC,_T,_T,${name},_T,1,A,F,`)].join('\n') + '\n'));
    expect(result.issues.map((i) => [i.code, i.line, i.column, i.message])).toEqual(
      names.map(([name, iso3], i) => ['NAME_NOT_CODE', i + 2, 'COUNTERPART_AREA', `expected a code, found "${name}"; read as ${iso3} (a name)`]));
    expect(result.acceptedLines).toEqual(names.map((_, i) => i + 2));
  });

  it('common and official names the country package lacks read from country_aliases.csv, and Croatian and Bosnian names from the package (were UNKNOWN_CODE)', async () => {
    const names: Array<[string, string]> = [['Marea Britanie', 'GBR'], ['Federatia Rusa', 'RUS'], ['Руска Федерација', 'RUS'], ['Britania e Madhe', 'GBR'],
      ['Olanda', 'NLD'], ['Κάτω Χώρες', 'NLD'], ['Tarile de Jos', 'NLD'], ['Velika Britanija', 'GBR']];
    const result = await validatePath(session, file([HEADER, ...names.map(([name], i) => `ROU,${2010 + i},TIP_VIC,_T,_T,${name},_T,1,A,F,`)].join('\n') + '\n'));
    expect(result.issues.map((i) => [i.code, i.line, i.column, i.message])).toEqual(
      names.map(([name, iso3], i) => ['NAME_NOT_CODE', i + 2, 'COUNTERPART_AREA', `expected a code, found "${name}"; read as ${iso3} (a name)`]));
    expect(result.acceptedLines).toEqual(names.map((_, i) => i + 2));
  });

  it('a year in a number format grouping thousands ("2.025", "2 025") and a date saved as its day number (45658) name the year', async () => {
    // was: 'write the calendar year the figure refers to, as four digits', though the cell shows which year it is
    const years = ['2.025', '2 025', '1\u00a0998', '45658', '46022', '25'];
    const indicators = ['TIP_VIC', 'TIP_OFF', 'TIP_SUS', 'TIP_PRS', 'TIP_CNV', 'FA_SEIZED'];
    const result = await validatePath(session, file([HEADER.replaceAll(',', ';'), ...years.map((year, i) => row(indicators[i]!, '1', { year }).replaceAll(',', ';'))].join('\r\n') + '\r\n'));
    const grouped = (year: string) => `write ${year} (four digits, no thousands separator: format the column as Text or as a number without separators, and type the year)`;
    const serial = (year: string, serial: string, date: string) =>
      `write ${year}, the year alone: the cell holds a date as a spreadsheet counts it in days (${serial} is ${date}); format the column as Text or as a number without decimals, and type the year`;
    expect(result.issues.map((i) => [i.code, i.line, i.column, i.value, i.hint])).toEqual([
      ['TIME_PERIOD_INVALID', 2, 'TIME_PERIOD', '2.025', grouped('2025')],
      ['TIME_PERIOD_INVALID', 3, 'TIME_PERIOD', '2 025', grouped('2025')],
      ['TIME_PERIOD_INVALID', 4, 'TIME_PERIOD', '1\u00a0998', grouped('1998')],
      ['TIME_PERIOD_INVALID', 5, 'TIME_PERIOD', '45658', serial('2025', '45658', '2025-01-01')],
      ['TIME_PERIOD_INVALID', 6, 'TIME_PERIOD', '46022', serial('2025', '46022', '2025-12-31')],
      // two digits, a date format's "yy": the year from 1990 to this one they end (see other-tools.test.ts)
      ['TIME_PERIOD_INVALID', 7, 'TIME_PERIOD', '25', 'write 2025 if that year is meant: a year has four digits'],
    ]);
    expect(result.issues[3]!.message).toBe('expected a year between 1990 and 2026, found "45658"');
  });

  it('a year in a column formatted as dates (2025 shown as its day, 17.07.1905) names the year, not 1905', async () => {
    // was: 'write 1905, the year alone: the cell holds a date (…)', a year before 1990 that is no fix
    const years = ['17.07.1905', '7/17/1905', '1905-07-16 00:00:00', '01.01.2025'];
    const indicators = ['TIP_VIC', 'TIP_OFF', 'TIP_SUS', 'TIP_PRS'];
    const result = await validatePath(session, file([HEADER, ...years.map((year, i) => row(indicators[i]!, '1', { year }))].join('\n') + '\n'));
    const asDate = (year: string, shown: string) =>
      `write ${year}: the year was formatted as a date, which shows the number ${year} as the day ${shown} (format the column as Text or as a number without decimals, and type the year)`;
    expect(result.issues.map((i) => [i.code, i.line, i.column, i.value, i.hint])).toEqual([
      ['TIME_PERIOD_INVALID', 2, 'TIME_PERIOD', '17.07.1905', asDate('2025', '17.07.1905')],
      ['TIME_PERIOD_INVALID', 3, 'TIME_PERIOD', '7/17/1905', asDate('2025', '7/17/1905')],
      ['TIME_PERIOD_INVALID', 4, 'TIME_PERIOD', '1905-07-16 00:00:00', asDate('2024', '1905-07-16 00:00:00')],
      ['TIME_PERIOD_INVALID', 5, 'TIME_PERIOD', '01.01.2025', 'write 2025, the year alone: the cell holds a date (format the column as Text or as a number without decimals, and type the year)'],
    ]);
  });
});

describe("a missing mark in OBS_VALUE beside a missing status: the hint says to empty the cell, not to change the status", () => {
  it('"-", "..", "n/a" with OBS_STATUS M or Q: leave OBS_VALUE empty (was: "change OBS_STATUS to A, P or E", which makes "-" an error of its own); a number keeps the old hint; "NaN", a program\'s mark, reads as empty beside M (NA_AS_EMPTY) and is a missing mark with status A', async () => {
    const marked = (indicator: string, value: string, status: string): string => `SRB,2025,${indicator},_T,_T,_T,_T,${value},${status},,`;
    const path = file([
      HEADER, marked('TIP_VIC', '-', 'M'), marked('TIP_OFF', '..', 'Q'), marked('TIP_SUS', 'n/a', 'M'), marked('TIP_PRS', 'NaN', 'M'),
      marked('TIP_CNV', '12', 'M'), marked('COR_OFF', 'NaN', 'A'),
    ].join('\n') + '\n');
    const result = await validatePath(session, path);
    const hints = result.issues.filter((i) => i.column === 'OBS_VALUE').map((i) => ({ line: i.line, code: i.code, value: i.value, hint: i.hint }));
    const empty = (value: string, status: string) =>
      `"${value}" marks a figure that is not available: leave OBS_VALUE empty, as OBS_STATUS ${status} already says it is ${status === 'Q' ? 'withheld' : 'missing'}`;
    expect(hints).toEqual([
      { line: 2, code: 'VALUE_WITH_MISSING_STATUS', value: '-', hint: empty('-', 'M') },
      { line: 3, code: 'VALUE_WITH_MISSING_STATUS', value: '..', hint: empty('..', 'Q') },
      { line: 4, code: 'VALUE_WITH_MISSING_STATUS', value: 'n/a', hint: empty('n/a', 'M') },
      { line: 5, code: 'NA_AS_EMPTY', value: 'NaN', hint: expect.stringMatching(/^a program wrote NaN \("not a number"/) },
      { line: 6, code: 'VALUE_WITH_MISSING_STATUS', value: '12', hint: 'remove the value, or change OBS_STATUS to A, P or E' },
      { line: 7, code: 'VALUE_NOT_NUMBER', value: 'NaN', hint: expect.stringMatching(/^for a figure that is not available, leave OBS_VALUE empty and set OBS_STATUS to M/) },
    ]);
  });
});

describe('countries coded by their ISO 3166-1 numeric code, as a registry exports them', () => {
  it('are errors whose hint names the alpha-3 code ("642": write ROU), never read as it; a number no country has keeps the plain hint', async () => {
    // was: 'expected a COUNTERPART_AREA code, found "642"', hint 'see "crimetrends dictionary" for the valid codes'
    const path = file([
      HEADER, 'SRB,2025,DRG_SEIZ_KG,_T,_T,642,_T,12,,,', 'SRB,2025,DRG_SEIZ_KG,_T,_T,276,_T,3,,,', 'SRB,2025,DRG_SEIZ_KG,_T,_T,999,_T,1,,,', row('FA_OFF', '5', { area: '688' }),
    ].join('\n') + '\n');
    const result = await validatePath(session, path);
    expect(result.issues.map((i) => [i.code, i.line, i.column, i.value, i.message, i.hint])).toEqual([
      ['UNKNOWN_CODE', 2, 'COUNTERPART_AREA', '642', 'expected an ISO 3166-1 alpha-3 code, found "642", the ISO 3166-1 numeric code of ROU', 'write ROU: countries are coded by their alpha-3 code'],
      ['UNKNOWN_CODE', 3, 'COUNTERPART_AREA', '276', 'expected an ISO 3166-1 alpha-3 code, found "276", the ISO 3166-1 numeric code of DEU', 'write DEU: countries are coded by their alpha-3 code'],
      ['UNKNOWN_CODE', 4, 'COUNTERPART_AREA', '999', 'expected a COUNTERPART_AREA code, found "999"', 'see "crimetrends dictionary" for the valid codes'],
      ['UNKNOWN_REF_AREA', 5, 'REF_AREA', '688', 'expected an ISO 3166-1 alpha-3 code, found "688", the ISO 3166-1 numeric code of SRB', 'write SRB: countries are coded by their alpha-3 code'],
    ]);
  });
});

describe('a figure as a published table writes it', () => {
  it('with a Eurostat flag, a bound or a footnote mark: the hint gives the figure and where the flag or the withholding goes', async () => {
    // was: 'write the number alone ("12"), without a unit or words: each indicator has one unit' for "12 p" (p is no
    // unit), and 'use digits only, with a decimal comma or point' for "<5", "12*" and "*"
    const values = ['12 p', '12e', '12 (b)', '7 c', '5 r', '12 t', '<5', '12*', '*'];
    const result = await validatePath(session, file([HEADER, ...values.map((value, i) => row('TIP_VIC', value, { year: String(2016 + i) }))].join('\n') + '\n'));
    const flag = (figure: string, letter: string, label: string, where: string) => `write ${figure} alone: "${letter}" after it is a Eurostat flag (${label}), which a return gives ${where}`;
    expect(result.issues.map((i) => [i.code, i.line, i.column, i.value, i.hint])).toEqual([
      ['VALUE_NOT_NUMBER', 2, 'OBS_VALUE', '12 p', flag('12', 'p', 'provisional', 'as OBS_STATUS P')],
      ['VALUE_NOT_NUMBER', 3, 'OBS_VALUE', '12e', flag('12', 'e', 'estimated', 'as OBS_STATUS E')],
      ['VALUE_NOT_NUMBER', 4, 'OBS_VALUE', '12 (b)', flag('12', 'b', 'break in time series', 'as OBS_STATUS B')],
      ['VALUE_NOT_NUMBER', 5, 'OBS_VALUE', '7 c', flag('7', 'c', 'confidential: the value is withheld', 'as CONF_STATUS C (confidential, never published)')],
      ['VALUE_NOT_NUMBER', 6, 'OBS_VALUE', '5 r', flag('5', 'r', 'revised', 'in COMMENT')],
      ['VALUE_NOT_NUMBER', 7, 'OBS_VALUE', '12 t', 'write the number alone ("12"), without a unit or words: each indicator has one unit (see "crimetrends dictionary")'],
      ['VALUE_NOT_NUMBER', 8, 'OBS_VALUE', '<5',
        'OBS_VALUE holds the figure itself, not a bound: give the exact figure, with CONF_STATUS C if it must not be published (a small count), or leave OBS_VALUE empty with OBS_STATUS Q (suppressed)'],
      ['VALUE_NOT_NUMBER', 9, 'OBS_VALUE', '12*', 'write 12 alone: a footnote mark (*) is no part of the figure; what the footnote says goes in COMMENT'],
      ['VALUE_NOT_NUMBER', 10, 'OBS_VALUE', '*', expect.stringMatching(/^for a figure that is not available, leave OBS_VALUE empty and set OBS_STATUS to M/)],
    ]);
  });
});

describe('a figure with Eurostat flags run together, or with z', () => {
  it('"45 bep" gives 45 and OBS_STATUS B, the first of them as import eurostat reads it; "12 z" an empty OBS_VALUE with OBS_STATUS M; "12 pcs" is no flags', async () => {
    // was: 'write the number alone ("45"), without a unit or words' for "45 bep", and the same for "12 z" (z was skipped)
    const values = ['45 bep', '7 cp', '5 dr', '12 z', '12 (ep)', '12 pcs'];
    const result = await validatePath(session, file([HEADER, ...values.map((value, i) => row('TIP_VIC', value, { year: String(2016 + i) }))].join('\n') + '\n'));
    expect(result.issues.map((i) => [i.code, i.line, i.value, i.hint])).toEqual([
      ['VALUE_NOT_NUMBER', 2, '45 bep', 'write 45 alone: "bep" after it are Eurostat flags (b: break in time series, e: estimated, p: provisional), which a return gives as OBS_STATUS B, the first of them (a return has one status), the others in COMMENT'],
      ['VALUE_NOT_NUMBER', 3, '7 cp', 'write 7 alone: "cp" after it are Eurostat flags (c: confidential: the value is withheld, p: provisional), which a return gives as CONF_STATUS C (confidential, never published) and OBS_STATUS P'],
      ['VALUE_NOT_NUMBER', 4, '5 dr', 'write 5 alone: "dr" after it are Eurostat flags (d: definition differs, r: revised), which a return gives in COMMENT'],
      ['VALUE_NOT_NUMBER', 5, '12 z', 'leave OBS_VALUE empty and set OBS_STATUS M (missing): "z" after 12 is a Eurostat flag (not applicable), and a value that does not apply has no figure'],
      ['VALUE_NOT_NUMBER', 6, '12 (ep)', 'write 12 alone: "ep" after it are Eurostat flags (e: estimated, p: provisional), which a return gives as OBS_STATUS E, the first of them (a return has one status), the other in COMMENT'],
      // letters out of Eurostat's (alphabetical) order are a word: the unit hint
      ['VALUE_NOT_NUMBER', 7, '12 pcs', 'write the number alone ("12"), without a unit or words: each indicator has one unit (see "crimetrends dictionary")'],
    ]);
  });
});

describe('a figure in hexadecimal notation, as a program may write it', () => {
  it('"0x10" gets the hint to write 16 (was: \'write the number alone ("0"), without a unit or words\')', async () => {
    const result = await validatePath(session, file([HEADER, row('TIP_VIC', '0x10'), row('TIP_VIC', ' 0X1F ', { year: '2024' })].join('\n') + '\n'));
    expect(result.issues.map((i) => [i.code, i.line, i.column, i.value, i.hint])).toEqual([
      ['VALUE_NOT_NUMBER', 2, 'OBS_VALUE', '0x10', 'write 16 in decimal digits: "0x10" is hexadecimal notation, as a program may write a number'],
      ['VALUE_NOT_NUMBER', 3, 'OBS_VALUE', '0X1F', 'write 31 in decimal digits: "0X1F" is hexadecimal notation, as a program may write a number'],
    ]);
  });
});

describe('a return written by R (write.csv, readr), which writes a missing value as NA', () => {
  it('"NA" in COUNTERPART_AREA is an error, never Namibia (NA is its alpha-2 code); "NAM" and "Namibia" still read as Namibia', async () => {
    // was: NAME_NOT_CODE warnings 'read as NAM (NA is not the ISO 3166-1 alpha-3 code)', and the return accepted with
    // every seizure attributed to Namibia
    const path = file([
      `"",${HEADER}`, '"1","SRB",2025,"DRG_SEIZ_KG","_T","_T",NA,"_T",12.5,"A","F",NA', '"2","SRB",2025,"DRG_SEIZ_KG","_T","_T",NA,"COCAINE",3,"A","F",NA',
      '"3","SRB",2025,"FA_SEIZED","_T","_T","NAM","_T",4,"A","F",NA', '"4","SRB",2025,"FA_FOUND","_T","_T","Namibia","_T",2,"A","F",NA',
    ].join('\n') + '\n');
    const result = await validatePath(session, path);
    expect(result.issues.filter((i) => i.column === 'COUNTERPART_AREA').map((i) => [i.code, i.severity, i.line, i.value, i.message, i.hint])).toEqual([
      ['UNKNOWN_CODE', 'error', 2, 'NA', 'expected a code, found "NA": Namibia\'s ISO 3166-1 alpha-2 code, or the missing value R writes; not guessed',
        'write NAM for Namibia; for no partner country leave the cell empty (read as _T) or write _T, and _U for an unknown one'],
      ['UNKNOWN_CODE', 'error', 3, 'NA', expect.any(String), expect.any(String)],
      ['NAME_NOT_CODE', 'warning', 5, 'Namibia', 'expected a code, found "Namibia"; read as NAM (a name)', 'write NAM'],
    ]);
    expect(result.acceptedLines).toEqual([4, 5]);
  });

  it('"NA" in REF_AREA is said to be R\'s missing value or Namibia\'s alpha-2 code, with the hint to write the state\'s code (was: found "NA" (NAM), not a state of the region)', async () => {
    const result = await validatePath(session, file([HEADER, 'NA,2025,TIP_VIC,_T,_T,_T,_T,12,,,', 'SRB,2025,TIP_OFF,_T,_T,_T,_T,3,,,'].join('\n') + '\n'));
    expect(result.issues.map((i) => [i.code, i.line, i.column, i.value, i.message, i.hint])).toEqual([
      ['UNKNOWN_REF_AREA', 2, 'REF_AREA', 'NA', 'expected a code, found "NA": Namibia\'s ISO 3166-1 alpha-2 code, or the missing value R writes; not guessed',
        'REF_AREA is required on every row: write the reporting state\'s ISO 3166-1 alpha-3 code (in R, a code left missing is written NA)'],
    ]);
  });
});

describe('a template filled in R and written by write.csv or readr::write_csv, which write an empty cell as NA', () => {
  // R reads the template's empty OBS_STATUS, CONF_STATUS and COMMENT columns as missing, and writes them back as NA:
  // byte for byte what write.csv(x, "SRB_2025.csv") writes (row names, every string quoted) and write_csv(x, ...) writes
  const writeCsv = [
    `"",${HEADER.split(',').map((h) => `"${h}"`).join(',')}`,
    '"1","SRB",2025,"TIP_VIC","_T","_T","_T","_T",12,NA,NA,NA',
    '"2","SRB",2025,"TIP_OFF","_T","_T","_T","_T",NA,"M",NA,"Not collected"',
    '"3","SRB",2025,"DRG_SEIZ_KG","_T","_T","_T","_T",12.5,"E","C",NA',
    '"4","SRB",2025,"SOM_OFF","_T","_T","_T","_T",NA,NA,NA,NA',
  ];
  const readr = [HEADER, 'SRB,2025,TIP_VIC,_T,_T,_T,_T,12,NA,NA,NA', 'SRB,2025,TIP_OFF,_T,_T,_T,_T,NA,M,NA,Not collected', 'SRB,2025,DRG_SEIZ_KG,_T,_T,_T,_T,12.5,E,C,NA', 'SRB,2025,SOM_OFF,_T,_T,_T,_T,NA,NA,NA,NA'];

  it('NA in OBS_STATUS, CONF_STATUS and COMMENT, and in OBS_VALUE beside status M, reads as empty: one NA_AS_EMPTY warning per column (was an error per cell, CONF_STATUS\'s hint "did you mean N?")', async () => {
    for (const [lines, name] of [[writeCsv, 'SRB_2025.csv'], [readr, 'SRB_2025_readr.csv']] as const) {
      const path = file(lines.join('\n') + '\n', name);
      const result = await validatePath(session, path);
      expect(brief(result.issues).filter((i) => !i.startsWith('UNKNOWN_COLUMN')), name).toEqual([
        'NA_AS_EMPTY@2:OBS_STATUS=NA', 'NA_AS_EMPTY@2:CONF_STATUS=NA', 'NA_AS_EMPTY@2:COMMENT=NA', 'NA_AS_EMPTY@3:OBS_VALUE=NA', 'VALUE_NOT_NUMBER@5:OBS_VALUE=NA',
      ]);
      const [status, , comment, value, missing] = result.issues.filter((i) => !i.code.startsWith('UNKNOWN_COLUMN'));
      expect(status).toMatchObject({
        severity: 'warning',
        message: 'expected an OBS_STATUS code or an empty cell, found "NA", the missing value R writes, in 2 cells (first at line 2); read as empty (OBS_STATUS A, normal)',
        hint: `a cell left empty in R is written NA by write.csv and readr's write_csv: write the file with na = "" (write.csv(x, "${name}", row.names = FALSE, na = ""), or readr::write_csv(x, "${name}", na = "")), which leaves it empty`,
      });
      expect(comment!.message).toBe('expected a comment or an empty cell, found "NA", the missing value R writes, in 3 cells (first at line 2); read as no comment');
      expect(value!.message).toBe('expected an empty cell beside a missing OBS_STATUS, found "NA", the missing value R writes, in 1 cell (first at line 3); read as empty (the figure is missing, as OBS_STATUS says)');
      // NA without a missing status stays an error: a figure is missing, and the status must say why
      expect(missing).toMatchObject({ severity: 'error', hint: expect.stringMatching(/^for a figure that is not available, leave OBS_VALUE empty and set OBS_STATUS to M/) });
      expect(result.acceptedLines).toEqual([2, 3, 4]);
      // stored as if the cells were empty: the defaults A and F, no comment "NA", no value beside M
      const rows = await storedRows(session, path, 'line <= 4');
      expect(rows).toEqual([
        { line: 2, obs_value: 12, obs_status: 'A', conf_status: 'F', comment: null },
        { line: 3, obs_value: null, obs_status: 'M', conf_status: 'F', comment: 'Not collected' },
        { line: 4, obs_value: 12.5, obs_status: 'E', conf_status: 'C', comment: null },
      ]);
    }
  });

  it('NA in SEX, AGE or BREAKDOWN, which the template fills, is an error that names R\'s missing value, not read as the total', async () => {
    const result = await validatePath(session, file([HEADER, 'SRB,2025,FA_SUS,NA,_T,_T,_T,3,NA,NA,NA', 'SRB,2025,FA_SEIZED,_T,_T,_T,NA,4,NA,NA,NA'].join('\n') + '\n'));
    expect(result.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.line, i.column, i.value, i.message, i.hint])).toEqual([
      ['UNKNOWN_CODE', 2, 'SEX', 'NA', 'expected a SEX code, found "NA", the missing value R writes',
        'write the row\'s SEX code (_T for the total, as in the template): in R, a code left missing (NA) is no code, and is not read as the total'],
      ['UNKNOWN_CODE', 3, 'BREAKDOWN', 'NA', 'expected a BREAKDOWN code, found "NA", the missing value R writes', expect.stringMatching(/^write the row's BREAKDOWN code \(_T/)],
    ]);
  });
});

describe('a template filled in pandas and written after df.astype(str), which writes an empty cell as nan (<NA> in a nullable column, None in an object column filled by Python)', () => {
  // the fixtures are the bytes pandas 1.5.3 wrote: pd.read_csv of the template (its empty columns are float NaN),
  // filled, then df.astype(str).to_csv(..., index=False); SRB_2025_python.csv with CONF_STATUS and COMMENT filled by
  // Python code (lists holding None) and OBS_VALUE converted with astype("Int64"), as VALUE_DECIMAL_ZEROS's hint says
  const stored = async (path: string): Promise<unknown[]> => {
    const validation = await validateFile(session, path, { displayName: 'x', now: new Date('2026-03-01T00:00:00Z'), changeWarning: { percent: 50, units: 20 } });
    const rows = await store.all(`select line, obs_value, obs_status, conf_status, comment from ${validation.rowsTable} order by line`);
    await dropValidation(session, validation);
    return rows;
  };
  const nanHint = (name: string): string => 'a cell left empty in pandas is written nan once the data frame is converted with astype(str): write it without astype(str) '
    + `(df.to_csv("${name}", index=False) leaves it empty), or fill the empty cells first (df.fillna("").astype(str))`;

  it('nan in OBS_STATUS, CONF_STATUS and COMMENT, and in OBS_VALUE beside status M, reads as empty: one NA_AS_EMPTY warning per column naming pandas (was an error per cell, and COMMENT stored "nan")', async () => {
    const path = fixture('validate-program-missing', 'SRB_2025.csv');
    const result = await validatePath(session, path);
    expect(result.issues.map((i) => [i.code, i.severity, i.line, i.column, i.value, i.message, i.hint]).filter(([code]) => code !== 'VALUE_DECIMAL_ZEROS')).toEqual([
      ['NA_AS_EMPTY', 'warning', 2, 'OBS_STATUS', 'nan', 'expected an OBS_STATUS code or an empty cell, found "nan", the missing value pandas writes once a column is converted with astype(str), in 2 cells (first at line 2); read as empty (OBS_STATUS A, normal)', nanHint('SRB_2025.csv')],
      ['NA_AS_EMPTY', 'warning', 2, 'CONF_STATUS', 'nan', 'expected a CONF_STATUS code or an empty cell, found "nan", the missing value pandas writes once a column is converted with astype(str), in 3 cells (first at line 2); read as empty (CONF_STATUS F, free)', nanHint('SRB_2025.csv')],
      ['NA_AS_EMPTY', 'warning', 2, 'COMMENT', 'nan', 'expected a comment or an empty cell, found "nan", the missing value pandas writes once a column is converted with astype(str), in 3 cells (first at line 2); read as no comment', nanHint('SRB_2025.csv')],
      ['NA_AS_EMPTY', 'warning', 3, 'OBS_VALUE', 'nan', 'expected an empty cell beside a missing OBS_STATUS, found "nan", the missing value pandas writes once a column is converted with astype(str), in 1 cell (first at line 3); read as empty (the figure is missing, as OBS_STATUS says)', nanHint('SRB_2025.csv')],
      // nan without a missing status stays an error: a figure is missing, and the status must say why
      ['VALUE_NOT_NUMBER', 'error', 5, 'OBS_VALUE', 'nan', 'expected a number, found "nan"', expect.stringMatching(/^for a figure that is not available, leave OBS_VALUE empty and set OBS_STATUS to M/)],
    ]);
    expect(result.acceptedLines).toEqual([2, 3, 4]);
    // stored as if the cells were empty: the defaults A and F, no comment "nan", no value beside M
    expect((await stored(path)).slice(0, 3)).toEqual([
      { line: 2, obs_value: 12, obs_status: 'A', conf_status: 'F', comment: null },
      { line: 3, obs_value: null, obs_status: 'M', conf_status: 'F', comment: 'Not collected' },
      { line: 4, obs_value: 12.5, obs_status: 'E', conf_status: 'C', comment: null },
    ]);
  });

  it("Python's None (an object column filled by code) and pandas' <NA> (an Int64 column) read as empty alike, each warning naming its writer and fix", async () => {
    const path = fixture('validate-program-missing', 'SRB_2025_python.csv');
    const result = await validatePath(session, path);
    const noneHint = 'a value left empty (None) in Python is written None once converted to text with astype(str) or str(): write it without astype(str) '
      + '(df.to_csv("SRB_2025_python.csv", index=False) leaves it empty), or fill the empty cells first (df.fillna("").astype(str))';
    expect(result.issues.map((i) => [i.code, i.severity, i.line, i.column, i.value, i.message, i.hint])).toEqual([
      ['NA_AS_EMPTY', 'warning', 2, 'OBS_STATUS', 'nan', 'expected an OBS_STATUS code or an empty cell, found "nan", the missing value pandas writes once a column is converted with astype(str), in 3 cells (first at line 2); read as empty (OBS_STATUS A, normal)', nanHint('SRB_2025_python.csv')],
      ['NA_AS_EMPTY', 'warning', 2, 'CONF_STATUS', 'None', 'expected a CONF_STATUS code or an empty cell, found "None", the missing value Python writes (None) once converted to text, in 3 cells (first at line 2); read as empty (CONF_STATUS F, free)', noneHint],
      ['NA_AS_EMPTY', 'warning', 2, 'COMMENT', 'None', 'expected a comment or an empty cell, found "None", the missing value Python writes (None) once converted to text, in 3 cells (first at line 2); read as no comment', noneHint],
      ['NA_AS_EMPTY', 'warning', 3, 'OBS_VALUE', '<NA>', 'expected an empty cell beside a missing OBS_STATUS, found "<NA>", the missing value pandas writes for a nullable column (Int64, string) once converted with astype(str), in 1 cell (first at line 3); read as empty (the figure is missing, as OBS_STATUS says)',
        'a cell left empty in pandas is written <NA> in a nullable column (Int64, string) once the data frame is converted with astype(str): write it without astype(str) '
        + '(df.to_csv("SRB_2025_python.csv", index=False) leaves it empty), or fill the empty cells first (df.astype(object).fillna("").astype(str): fillna("") alone refuses an Int64 column)'],
    ]);
    expect(result.acceptedLines).toEqual([2, 3, 4, 5]);
    expect(await stored(path)).toEqual([
      { line: 2, obs_value: 12, obs_status: 'A', conf_status: 'F', comment: null },
      { line: 3, obs_value: null, obs_status: 'M', conf_status: 'F', comment: 'Not collected' },
      { line: 4, obs_value: 40, obs_status: 'A', conf_status: 'C', comment: null },
      { line: 5, obs_value: 7, obs_status: 'A', conf_status: 'F', comment: null },
    ]);
  });

  it('nan in SEX, AGE, BREAKDOWN or COUNTERPART_AREA, which the template fills, stays an error: not read as the total', async () => {
    const result = await validatePath(session, fixture('validate-program-missing', 'SRB_2025_dimensions.csv'));
    expect(result.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.line, i.column, i.value, i.message])).toEqual([
      ['UNKNOWN_CODE', 2, 'SEX', 'nan', 'expected a SEX code, found "nan", a mark for nothing'],
      ['UNKNOWN_CODE', 3, 'BREAKDOWN', 'nan', 'expected a BREAKDOWN code, found "nan", a mark for nothing'],
      ['UNKNOWN_CODE', 4, 'AGE', 'nan', 'expected an AGE code, found "nan", a mark for nothing'],
      ['UNKNOWN_CODE', 4, 'COUNTERPART_AREA', 'nan', 'expected a COUNTERPART_AREA code, found "nan", a mark for nothing'],
    ]);
    expect(result.issues.find((i) => i.column === 'SEX')!.hint).toBe('write the row\'s SEX code (_T for the total, as in the template): a mark for nothing is no code, and is not read as the total; '
      + 'pandas writes an empty cell as "nan" once the column is converted with astype(str): fill the empty cells first (df.fillna("")), or leave the column as read');
    expect(result.acceptedLines).toEqual([]);
  });

  it('<NA> where the template fills a code, or in OBS_VALUE without a missing status, stays an error that says it is a mark for nothing and names pandas (was "valid codes: F, M, _T, _U", and for OBS_VALUE "use a point as the decimal separator")', async () => {
    const path = file([HEADER, 'SRB,2025,TIP_VIC,<NA>,_T,<NA>,_T,3,,,', 'SRB,2025,TIP_OFF,_T,_T,_T,_T,<NA>,,,'].join('\n') + '\n');
    const source = '; pandas writes an empty cell of a nullable column (Int64, string) as "<NA>" once it is converted with astype(str): fill the empty cells first (df.astype(object).fillna("")), or leave the column as read';
    expect((await validatePath(session, path)).issues.map((i) => [i.code, i.severity, i.line, i.column, i.value, i.message, i.hint])).toEqual([
      ['UNKNOWN_CODE', 'error', 2, 'SEX', '<NA>', 'expected a SEX code, found "<NA>", a mark for nothing',
        `write the row's SEX code (_T for the total, as in the template): a mark for nothing is no code, and is not read as the total${source}`],
      ['UNKNOWN_CODE', 'error', 2, 'COUNTERPART_AREA', '<NA>', 'expected a COUNTERPART_AREA code, found "<NA>", a mark for nothing',
        `for no partner country leave the cell empty (read as _T) or write _T, and _U for an unknown one; else write the country's ISO 3166-1 alpha-3 code${source}`],
      ['VALUE_NOT_NUMBER', 'error', 3, 'OBS_VALUE', '<NA>', 'expected a number, found "<NA>"',
        'for a figure that is not available, leave OBS_VALUE empty and set OBS_STATUS to M (missing), L (exists but not collected), O (not available) or Q (suppressed); write 0 only for a true zero'],
    ]);
  });

  it('a status cell with spaces or a tab around nan is counted in its column\'s one warning, as it is read as empty', async () => {
    const path = file([HEADER, 'SRB,2025,TIP_VIC,_T,_T,_T,_T,12, nan,,', 'SRB,2025,TIP_OFF,_T,_T,_T,_T,5,nan\t,,', 'SRB,2025,TIP_SUS,_T,_T,_T,_T,4,nan,,'].join('\n') + '\n');
    expect((await validatePath(session, path)).issues.map((i) => [i.code, i.line, i.column, i.value, i.message])).toEqual([
      ['NA_AS_EMPTY', 2, 'OBS_STATUS', 'nan', 'expected an OBS_STATUS code or an empty cell, found "nan", the missing value pandas writes once a column is converted with astype(str), in 3 cells (first at line 2); read as empty (OBS_STATUS A, normal)'],
    ]);
    expect((await stored(path)).map((r) => (r as { obs_status: string }).obs_status)).toEqual(['A', 'A', 'A']);
  });

  it('only the programs\' own spellings: "none", "NAN", "n/a" or "na" typed in COMMENT stay the comment, with no warning; "NaN", as programs write it, is no comment (it was kept)', async () => {
    const path = file([HEADER, 'SRB,2025,TIP_VIC,_T,_T,_T,_T,12,,,none', 'SRB,2025,TIP_OFF,_T,_T,_T,_T,5,,,NaN', 'SRB,2025,TIP_SUS,_T,_T,_T,_T,4,,,NAN',
      'SRB,2025,TIP_PRS,_T,_T,_T,_T,3,,,n/a', 'SRB,2025,TIP_CNV,_T,_T,_T,_T,2,,,na'].join('\n') + '\n');
    expect((await validatePath(session, path)).issues.map((i) => [i.code, i.line, i.column, i.value])).toEqual([['NA_AS_EMPTY', 3, 'COMMENT', 'NaN']]);
    expect((await stored(path)).map((r) => (r as { comment: string }).comment)).toEqual(['none', null, 'NAN', 'n/a', 'na']);
  });
});

describe("the row numbers R's write.csv and pandas' to_csv write in a first column without a name", () => {
  it('are ignored with a warning whose hint names the option that leaves them out (row.names = FALSE, index=False); other values under a nameless first column keep the plain hint', async () => {
    // write.csv(x, "SRB_2025.csv"): a quoted empty name, then "1", "2", …; df.to_csv("SRB_2025.csv") on Windows: an empty name, 0, 1, … and CR LF
    const r = file([`"",${HEADER}`, `"1",${row('TIP_VIC', '12')}`, `"2",${row('TIP_OFF', '5')}`, `"3",${row('TIP_SUS', '4')}`].join('\n') + '\n', 'SRB_2025.csv');
    const pandas = file([`,${HEADER}`, `0,${row('TIP_VIC', '12.0')}`, `1,${row('TIP_OFF', '5.0')}`].join('\r\n') + '\r\n', 'SRB_2025_pandas.csv');
    const other = file([`,${HEADER}`, `a,${row('TIP_VIC', '12')}`, `1,${row('TIP_OFF', '5')}`].join('\n') + '\n');
    const unnamed = async (path: string): Promise<unknown[]> =>
      (await validatePath(session, path)).issues.filter((i) => i.code === 'UNKNOWN_COLUMN').map((i) => [i.line, i.column, i.value, i.message, i.hint]);
    expect(await unnamed(r)).toEqual([[1, 'column 1', '1', 'expected no values under a column without a name, found 3 (first at line 2); they are ignored',
      'the column numbers the rows 1 to 3, as R\'s write.csv writes its row names: delete it, or write the file with write.csv(x, "SRB_2025.csv", row.names = FALSE)']]);
    expect(await unnamed(pandas)).toEqual([[1, 'column 1', '0', 'expected no values under a column without a name, found 2 (first at line 2); they are ignored',
      'the column numbers the rows 0 to 1, as pandas writes a data frame\'s index: delete it, or write the file with df.to_csv("SRB_2025_pandas.csv", index=False)']]);
    expect((await unnamed(other))[0]).toEqual([1, 'column 1', '1', expect.any(String), 'give the column a name of the return format, or delete it']);
    expect((await validatePath(session, r)).acceptedLines).toEqual([2, 3, 4]);
  });
});

describe('numbers as R and Stata write them', () => {
  it("R's round numbers in an exponent (1e+05) and Stata's numbers below 1 without their leading zero (.5) stay errors whose hints give the figure and what to change in that program", async () => {
    // write.csv and fwrite of a column holding decimals (kilograms) beside counts: 100000 is written 1e+05;
    // Stata's export delimited writes 0.5 kg as .5
    const path = file([HEADER, row('FA_AMMO', '1e+05'), row('FA_SEIZED', '2e+05'), 'SRB,2025,DRG_SEIZ_KG,_T,_T,_T,COCAINE,.5,,,', 'SRB,2025,DRG_SEIZ_KG,_T,_T,_T,HEROIN,.032,,,', row('TIP_VIC', '5.'), row('FA_FOUND', '1.2E+04'),
      // an Oracle export in a language writing a decimal comma, quoted: was "write 0,5", no number in a comma-delimited file either
      'SRB,2025,DRG_SEIZ_KG,_T,_T,_T,CANNABIS,",5",,,'].join('\n') + '\n');
    const result = await validatePath(session, path);
    expect(result.issues.map((i) => [i.code, i.line, i.column, i.value, i.hint])).toEqual([
      ['VALUE_NOT_NUMBER', 2, 'OBS_VALUE', '1e+05', 'write the number in full, without an exponent: 100000 (R writes a round number so: run options(scipen = 999) before write.csv or data.table::fwrite)'],
      ['VALUE_NOT_NUMBER', 3, 'OBS_VALUE', '2e+05', 'write the number in full, without an exponent: 200000 (R writes a round number so: run options(scipen = 999) before write.csv or data.table::fwrite)'],
      ['VALUE_NOT_NUMBER', 4, 'OBS_VALUE', '.5', "write 0.5, with a digit on both sides of the decimal separator (Stata's export delimited and Oracle's conversion of a number to text write a number below 1 so)"],
      ['VALUE_NOT_NUMBER', 5, 'OBS_VALUE', '.032', "write 0.032, with a digit on both sides of the decimal separator (Stata's export delimited and Oracle's conversion of a number to text write a number below 1 so)"],
      ['VALUE_NOT_NUMBER', 6, 'OBS_VALUE', '5.', 'write 5, without the decimal separator at its end'],
      // a spreadsheet's exponent (capital E) is not said to be R's
      ['VALUE_NOT_NUMBER', 7, 'OBS_VALUE', '1.2E+04', 'write the number in full, without an exponent: 12000'],
      ['VALUE_NOT_NUMBER', 8, 'OBS_VALUE', ',5', "write 0.5, with a digit on both sides of the decimal separator (Stata's export delimited and Oracle's conversion of a number to text write a number below 1 so)"],
    ]);
    // a ';' file reads a decimal comma: ",5" there is 0,5
    const semicolon = file([HEADER.replaceAll(',', ';'), 'SRB;2025;DRG_SEIZ_KG;_T;_T;_T;COCAINE;,5;;;'].join('\n') + '\n');
    expect((await validatePath(session, semicolon)).issues.map((i) => [i.code, i.value, i.hint])).toEqual([
      ['VALUE_NOT_NUMBER', ',5', "write 0,5, with a digit on both sides of the decimal separator (Stata's export delimited and Oracle's conversion of a number to text write a number below 1 so)"],
    ]);
  });
});

describe('a spreadsheet saved "as shown": LibreOffice in a Serbian locale, Google Sheets', () => {
  const grouped = 'a separator is never guessed: if a number format groups the thousands, format the column without them before saving, or, in LibreOffice, untick "Save cell content as shown" in its Export Text File dialog';
  it('a decimal comma, quoted in a comma-delimited file, gets the figure with a point and how to save it; a grouping by a no-break space or a comma says where the separator came from', async () => {
    // LibreOffice (sr-Latn, "," as field delimiter, "Save cell content as shown" on: 1 192 with a no-break space and "12,5");
    // Google Sheets' download of a sheet with the number format 1,192
    const path = file([HEADER, row('FA_AMMO', '1\u00a0192'), row('DRG_SEIZ_KG', '"12,5"'), row('POP', '6\u00a0605\u00a0168'), row('FA_SEIZED', '"1,192"'), row('FA_FOUND', '"0,75"')].join('\n') + '\n');
    const result = await validatePath(session, path);
    const decimalComma = (value: string): string => `write ${value}: a comma-delimited file takes a decimal point; a spreadsheet set to a language that writes a decimal comma saves it so: save with ";" as the field delimiter, which reads a decimal comma, or set the spreadsheet's locale to one with a decimal point (Google Sheets: File > Settings > Locale)`;
    expect(result.issues.map((i) => [i.code, i.line, i.value, i.hint])).toEqual([
      ['THOUSANDS_SEPARATOR', 2, '1\u00a0192', `write 1192 (no separator); ${grouped}`],
      ['VALUE_NOT_NUMBER', 3, '12,5', decimalComma('12.5')],
      ['THOUSANDS_SEPARATOR', 4, '6\u00a0605\u00a0168', `write 6605168 (no separator); ${grouped}`],
      ['THOUSANDS_SEPARATOR', 5, '1,192', `write 1192 (no separator); ${grouped}`],
      ['VALUE_NOT_NUMBER', 6, '0,75', decimalComma('0.75')],
    ]);
    // the same figures with ";" as the field delimiter and the grouping untaken are accepted as written
    const semicolon = file([HEADER, row('FA_AMMO', '1192'), row('DRG_SEIZ_KG', '12,5')].map((l) => l.replaceAll(',', ';')).join('\n').replace('12;5', '12,5') + '\n');
    expect((await validatePath(session, semicolon)).issues).toEqual([]);
  });
});
