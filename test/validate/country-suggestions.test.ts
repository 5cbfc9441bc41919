import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { dropValidation, readIssues, validateFile, type ValidationSession } from '../../src/validate/index.js';
import { tempDir } from '../helpers/warehouse.js';
import { fileWriter, HEADER, openSession, validatePath } from './validate-helper.js';

// a "did you mean" in REF_AREA or COUNTERPART_AREA is followed: a focal point who writes the country suggested puts it
// into a published cross-border statistic. A country is suggested on evidence only (a code one key off, two letters
// swapped, a letter typed twice, a former code, a misspelt name), never for a word one letter from a code; a value of
// another coded column is said to be one

let store: Store;
let session: ValidationSession;
beforeAll(async () => ({ store, session } = await openSession()));
afterAll(() => store.close());

const file = fileWriter(tempDir(), 'SRB_2025_');
const dictionary = 'see "crimetrends dictionary" for the valid codes';
const ioc = (code: string, name: string): string => `${code} is the IOC's code of ${name} (as in sport), not an ISO 3166-1 alpha-3 code`;
const outOfPlace = (columns: string): string => `looks like ${/^[AEIOU]/.test(columns) ? 'an' : 'a'} ${columns} value: check the columns are in the template's order`;

describe('the hint for a COUNTERPART_AREA value that names no country', () => {
  // [cell, hint]: one row each, from line 2
  const table: Array<[string, string]> = [
    // words one letter from a code: were EST (Estonia), NOR (Norway), NOR, BES, BEN (Benin), CHL (Chile, by "Chile"), AUS
    // (Australia, by the prefix "Aus"), ALA, AGO, MEX, NAM
    ['Est.', outOfPlace('OBS_STATUS')],
    ['Normal', outOfPlace('OBS_STATUS')],
    ['No', dictionary],
    ['Yes', dictionary],
    ['YES', dictionary],
    ['Men', dictionary],
    ['Child', dictionary],
    ['All', outOfPlace('BREAKDOWN')],
    ['Age', '"Age" is the name of the AGE column: check the columns are in the template\'s order'],
    ['AGE', '"AGE" is the name of the AGE column: check the columns are in the template\'s order'],
    ['Mix', dictionary],
    ['Nat', dictionary],
    ['Romani', dictionary],
    ['12', dictionary],
    // codes and labels of other columns: a cell out of place
    ['Male', outOfPlace('SEX')],
    ['M', outOfPlace('SEX or OBS_STATUS')],
    ['F', outOfPlace('SEX or CONF_STATUS')],
    ['Other', outOfPlace('BREAKDOWN')],
    ['Confidential', outOfPlace('CONF_STATUS')],
    ['TIP_VIC', outOfPlace('INDICATOR')],
    ['Y_LT18', outOfPlace('AGE')],
    // codes typed one key off, two letters swapped, a letter typed twice, a former code (ROM was COM, Comoros; SRV HRV)
    ['ROM', 'did you mean ROU? ROM was Romania\'s code until 2002'],
    ['RKS', 'did you mean XKX? RKS is Kosovo\'s code in its own registers, not an ISO 3166-1 alpha-3 code'],
    ['SRV', 'did you mean SRB?'],
    ['RUO', 'did you mean ROU?'],
    ['R0U', 'did you mean ROU?'],
    ['ROUU', 'did you mean ROU?'],
    // the IOC's codes, as in sport: were GRD (Grenada), LSO (Lesotho), ALB (Albania), BGR (Bulgaria) as key typos, and nothing
    ['GRE', `did you mean GRC? ${ioc('GRE', 'Greece')}`],
    ['SLO', `did you mean SVN? ${ioc('SLO', 'Slovenia')}`],
    ['ALG', `did you mean DZA? ${ioc('ALG', 'Algeria')}`],
    ['NGR', `did you mean NGA? ${ioc('NGR', 'Nigeria')}`],
    ['CRO', `did you mean HRV? ${ioc('CRO', 'Croatia')}`],
    ['GER', `did you mean DEU? ${ioc('GER', 'Germany')}`],
    // a country's abbreviation in a language of the region: ABD (Turkish for the United States) was AND, Andorra, a key
    // off; the others got no hint
    ['ABD', 'did you mean USA? "ABD" is the Turkish abbreviation of the United States (Amerika Birleşik Devletleri), not an ISO 3166-1 alpha-3 code'],
    ['S.U.A.', 'did you mean USA? "S.U.A." is the Romanian abbreviation of the United States (Statele Unite ale Americii), not an ISO 3166-1 alpha-3 code'],
    ['США', 'did you mean USA? "США" is the Russian and Ukrainian abbreviation of the United States, not an ISO 3166-1 alpha-3 code'],
    ['САЩ', 'did you mean USA? "САЩ" is the Bulgarian abbreviation of the United States, not an ISO 3166-1 alpha-3 code'],
    ['САД', 'did you mean USA? "САД" is the Serbian and Macedonian abbreviation of the United States, not an ISO 3166-1 alpha-3 code'],
    ['ΗΠΑ', 'did you mean USA? "ΗΠΑ" is the Greek abbreviation of the United States, not an ISO 3166-1 alpha-3 code'],
    ['BAE', 'did you mean ARE? "BAE" is the Turkish abbreviation of the United Arab Emirates (Birleşik Arap Emirlikleri), not an ISO 3166-1 alpha-3 code'],
    ['РФ', 'did you mean RUS? "РФ" is the Russian abbreviation of the Russian Federation, not an ISO 3166-1 alpha-3 code'],
    ['RF', 'did you mean RUS? "RF" is an abbreviation of the Russian Federation (РФ in Latin letters), not an ISO 3166-1 alpha-3 code'],
    // misspelt names (Austira was AUS, Australia)
    ['Romnia', 'did you mean ROU?'],
    ['Romaina', 'did you mean ROU?'],
    ['Moldva', 'did you mean MDA?'],
    ['Turkye', 'did you mean TUR?'],
    ['Montenegr', 'did you mean MNE?'],
    ['Austira', 'did you mean AUT?'],
  ];

  it('suggests a country on evidence only, and names the column a value out of place belongs to', async () => {
    const path = file([HEADER, ...table.map(([cell]) => `SRB,2025,TIP_VIC,_T,_T,${cell},_T,5,,,`)].join('\n') + '\n');
    const issues = (await validatePath(session, path)).issues.filter((i) => i.code === 'UNKNOWN_CODE');
    expect(issues.map((i) => [i.line, i.column, i.value, i.hint])).toEqual(table.map(([cell, hint], n) => [n + 2, 'COUNTERPART_AREA', cell, hint]));
  });
});

describe('the hint for a REF_AREA value that names no state of the region', () => {
  const table: Array<[string, string]> = [
    ['Est.', outOfPlace('OBS_STATUS')],
    ['Yes', dictionary],
    ['M', outOfPlace('SEX or OBS_STATUS')],
    ['Male', outOfPlace('SEX')],
    ['SRV', 'did you mean SRB?'],
    ['ROM', 'did you mean ROU? ROM was Romania\'s code until 2002'],
    ['RKS', 'did you mean XKX? RKS is Kosovo\'s code in its own registers, not an ISO 3166-1 alpha-3 code'],
    ['Moldva', 'did you mean MDA?'],
    ['GRE', `did you mean GRC? ${ioc('GRE', 'Greece')}`],
    ['BUL', `did you mean BGR? ${ioc('BUL', 'Bulgaria')}`],
    ['GER', `${ioc('GER', 'Germany')}; Germany (DEU) is not a state of the region`],
    // a country outside the region is not suggested for REF_AREA
    ['Germny', dictionary],
    // Macao's code, for (North) Macedonia: it got "returns are accepted from the states listed in …"
    ['MAC', 'did you mean MKD? MAC is Macao\'s ISO 3166-1 alpha-3 code; North Macedonia\'s is MKD'],
    ['ABD', '"ABD" is the Turkish abbreviation of the United States (Amerika Birleşik Devletleri), not an ISO 3166-1 alpha-3 code; the United States (USA) is not a state of the region'],
    ['РФ', 'did you mean RUS? "РФ" is the Russian abbreviation of the Russian Federation, not an ISO 3166-1 alpha-3 code'],
  ];

  it('suggests a state of the region on evidence only', async () => {
    const path = file([HEADER, 'SRB,2025,TIP_OFF,_T,_T,_T,_T,5,,,', ...table.map(([cell]) => `${cell},2025,TIP_VIC,_T,_T,_T,_T,5,,,`)].join('\n') + '\n');
    const issues = (await validatePath(session, path)).issues.filter((i) => i.code === 'UNKNOWN_REF_AREA');
    expect(issues.map((i) => [i.line, i.column, i.value, i.hint])).toEqual(table.map(([cell, hint], n) => [n + 3, 'REF_AREA', cell, hint]));
  });
});

describe('"UNK" in REF_AREA or COUNTERPART_AREA', () => {
  it('is not read as Kosovo (was XKX, with a NAME_NOT_CODE warning only): Kosovo\'s code in some lists, or short for unknown', async () => {
    const path = file([HEADER, 'SRB,2025,TIP_VIC,_T,_T,Unk,_T,5,,,', 'SRB,2025,TIP_OFF,_T,_T,UNK,_T,5,,,', 'SRB,2025,TIP_SUS,_T,_T,_T,_T,5,,,', 'UNK,2025,TIP_PRS,_T,_T,_T,_T,5,,,'].join('\n') + '\n');
    const issues = (await validatePath(session, path)).issues.filter((i) => i.code === 'UNKNOWN_CODE' || i.code === 'UNKNOWN_REF_AREA' || i.code === 'NAME_NOT_CODE');
    const found = (value: string): string => `expected a code, found "${value}": Kosovo's code in some lists, or short for unknown; not guessed`;
    expect(issues.map((i) => [i.code, i.line, i.column, i.value, i.message, i.hint])).toEqual([
      ['UNKNOWN_CODE', 2, 'COUNTERPART_AREA', 'Unk', found('Unk'), 'write XKX for Kosovo, and _U for an unknown partner country'],
      ['UNKNOWN_CODE', 3, 'COUNTERPART_AREA', 'UNK', found('UNK'), 'write XKX for Kosovo, and _U for an unknown partner country'],
      ['UNKNOWN_REF_AREA', 5, 'REF_AREA', 'UNK', found('UNK'), 'write XKX for Kosovo (its ISO 3166-1 alpha-3 code here)'],
    ]);
  });
});

describe('a country code outside the region written as a capitalised word ("Est", "Can", "Per")', () => {
  it('is not read as that country (was EST, CAN, PER with a warning only); "srb", "can", "Srb", "Arm" and "SRB" still read as codes', async () => {
    const cells = ['Est', 'Can', 'Per', 'Fra', 'srb', 'can', 'Srb', 'Arm', 'SRB', 'sRB'];
    const path = file([HEADER, ...cells.map((cell, n) => `SRB,2025,TIP_VIC,_T,_T,${cell},_T,${n + 1},,,`), 'Est,2025,TIP_OFF,_T,_T,_T,_T,5,,,'].join('\n') + '\n');
    const validation = await validateFile(session, path, { displayName: path, now: new Date('2026-03-01T00:00:00Z'), changeWarning: { percent: 50, units: 20 } });
    const rows = await store.all<{ line: number; counterpart_area: string }>(`select line, counterpart_area from ${validation.rowsTable} where line between 6 and 11 order by line`);
    const issues = (await readIssues(session, validation)).filter((i) => ['UNKNOWN_CODE', 'UNKNOWN_REF_AREA', 'CODE_NOT_UPPER_CASE'].includes(i.code));
    await dropValidation(session, validation);
    const word = (cell: string, expected = 'a COUNTERPART_AREA code'): string =>
      `expected ${expected}, found "${cell}", a word (a capital, then small letters), which is the code ${cell.toUpperCase()} only in capitals; not guessed`;
    const meant = (code: string): string => `write ${code} if that country is meant: codes are written in capitals`;
    expect(issues.map((i) => [i.code, i.line, i.column, i.value, i.message, i.hint])).toEqual([
      // Est. is the label of OBS_STATUS E (estimated), Can the start of DRUG CANNABIS's: said to be out of place
      ['UNKNOWN_CODE', 2, 'COUNTERPART_AREA', 'Est', word('Est'), `${outOfPlace('OBS_STATUS')}; ${meant('EST')}`],
      ['UNKNOWN_CODE', 3, 'COUNTERPART_AREA', 'Can', word('Can'), `${outOfPlace('BREAKDOWN')}; ${meant('CAN')}`],
      ['UNKNOWN_CODE', 4, 'COUNTERPART_AREA', 'Per', word('Per'), meant('PER')],
      ['UNKNOWN_CODE', 5, 'COUNTERPART_AREA', 'Fra', word('Fra'), meant('FRA')],
      // all in small letters, as a tool lower-cases a column, a code stays a code; so does the region's own states' capitalised
      ['CODE_NOT_UPPER_CASE', 6, 'COUNTERPART_AREA', 'srb', 'expected a code in capitals, found "srb"; read as SRB', 'write SRB: codes are written in capitals'],
      ['CODE_NOT_UPPER_CASE', 7, 'COUNTERPART_AREA', 'can', 'expected a code in capitals, found "can"; read as CAN', 'write CAN: codes are written in capitals'],
      // a capitalised state of the region is named (Arm and Geo are English words too: it said "read as ARM" alone)
      ['CODE_NOT_UPPER_CASE', 8, 'COUNTERPART_AREA', 'Srb', 'expected a code in capitals, found "Srb"; read as SRB (Serbia)', 'write SRB: codes are written in capitals; if Serbia is not meant, the cell holds a word, not a country'],
      ['CODE_NOT_UPPER_CASE', 9, 'COUNTERPART_AREA', 'Arm', 'expected a code in capitals, found "Arm"; read as ARM (Armenia)', 'write ARM: codes are written in capitals; if Armenia is not meant, the cell holds a word, not a country'],
      ['CODE_NOT_UPPER_CASE', 11, 'COUNTERPART_AREA', 'sRB', 'expected a code in capitals, found "sRB"; read as SRB', 'write SRB: codes are written in capitals'],
      // in REF_AREA, Estonia is no state of the region: no "write EST", which gave another error (was `…; ${meant('EST')}`)
      ['UNKNOWN_REF_AREA', 12, 'REF_AREA', 'Est', word('Est', 'the ISO 3166-1 alpha-3 code of a state of the region'), outOfPlace('OBS_STATUS')],
    ]);
    expect(rows.map((r) => r.counterpart_area)).toEqual(['SRB', 'CAN', 'SRB', 'ARM', 'SRB', 'SRB']);
  });
});
