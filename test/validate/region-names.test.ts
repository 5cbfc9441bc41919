import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import type { ValidationSession } from '../../src/validate/index.js';
import { tempDir } from '../helpers/warehouse.js';
import { fileWriter, HEADER, openSession, validatePath } from './validate-helper.js';

// names and codes a focal point new to the template writes for a partner country: a code of a country outside the
// region often written for a state of it, and the names of the region's states and Kosovo in the region's languages

let store: Store;
let session: ValidationSession;
beforeAll(async () => ({ store, session } = await openSession()));
afterAll(() => store.close());

const file = fileWriter(tempDir(), 'ALB_2025_names_');
const rows = (partners: string[]): string =>
  `${HEADER}\nALB,2025,TIP_VIC,_T,_T,_T,_T,${partners.length * 2},A,F,\n${partners.map((p) => `ALB,2025,TIP_VIC,_T,_T,${p},_T,2,A,F,\n`).join('')}`;

describe('COUNTERPART_AREA: a code of a country outside the region often written for a state of it', () => {
  it('MAC is read as Macao, China, with a warning naming North Macedonia, MKD (was: accepted silently); SLV names Slovenia', async () => {
    const result = await validatePath(session, file(rows(['MAC', 'SLV', 'mac', 'MKD'])));
    const mistaken = result.issues.filter((i) => i.code === 'CODE_OFTEN_MISTAKEN');
    expect(mistaken.map((i) => [i.line, i.column, i.value, i.severity])).toEqual([
      [3, 'COUNTERPART_AREA', 'MAC', 'warning'],
      [4, 'COUNTERPART_AREA', 'SLV', 'warning'],
      [5, 'COUNTERPART_AREA', 'mac', 'warning'],
    ]);
    expect(mistaken[0]!.message).toBe('expected a partner country\'s code, found "MAC", the ISO 3166-1 alpha-3 code of Macao, China, which is often written for North Macedonia (MKD); read as Macao, China (MAC)');
    expect(mistaken[0]!.hint).toBe('if North Macedonia is meant, write MKD (MAC is Macao\'s ISO 3166-1 alpha-3 code; North Macedonia\'s is MKD); if Macao, China is meant, write MAC, as here');
    expect(mistaken[1]!.hint).toBe('if Slovenia is meant, write SVN (SLV is El Salvador\'s ISO 3166-1 alpha-3 code; Slovenia\'s is SVN); if El Salvador is meant, write SLV, as here');
    // a warning: every row is accepted, MAC as Macao
    expect(result.acceptedLines).toEqual([2, 3, 4, 5, 6]);
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('Slovakia\'s SVK and the region\'s own codes raise nothing', async () => {
    const result = await validatePath(session, file(rows(['SVK', 'MKD', 'SVN', 'XKX'])));
    expect(result.issues).toEqual([]);
  });
});

describe('the region\'s states and Kosovo named in the region\'s languages', () => {
  it('Κόσοβο (Greek), Kosovë (Albanian), Κοσσυφοπέδιο, Kosovo i Metohija read as XKX with NAME_NOT_CODE (were: UNKNOWN_CODE, "see crimetrends dictionary")', async () => {
    const result = await validatePath(session, file(rows(['Κόσοβο', 'Kosovë', 'Κοσσυφοπέδιο', 'Kosovo i Metohija', 'Косово', 'Kosova'])));
    // (the six rows are one series, XKX, six times over: DUPLICATE_SERIES aside)
    expect(result.issues.filter((i) => i.code !== 'DUPLICATE_SERIES').map((i) => [i.code, i.line, i.column, i.value, i.hint])).toEqual([
      ['NAME_NOT_CODE', 3, 'COUNTERPART_AREA', 'Κόσοβο', 'write XKX'],
      ['NAME_NOT_CODE', 4, 'COUNTERPART_AREA', 'Kosovë', 'write XKX'],
      ['NAME_NOT_CODE', 5, 'COUNTERPART_AREA', 'Κοσσυφοπέδιο', 'write XKX'],
      ['NAME_NOT_CODE', 6, 'COUNTERPART_AREA', 'Kosovo i Metohija', 'write XKX'],
      ['NAME_NOT_CODE', 7, 'COUNTERPART_AREA', 'Косово', 'write XKX'],
      ['NAME_NOT_CODE', 8, 'COUNTERPART_AREA', 'Kosova', 'write XKX'],
    ]);
    expect(result.issues[0]!.message).toBe('expected a code, found "Κόσοβο"; read as XKX (a name)');
  });

  it('each state of the region is read from its name in Greek, Turkish, Romanian, Bulgarian, Serbian and Albanian', async () => {
    // [code, Greek, Turkish, Romanian, Bulgarian, Serbian, Albanian]: the states.csv aliases, checked here one by one
    const names: Array<[string, ...string[]]> = [
      ['ALB', 'Αλβανία', 'Arnavutluk', 'Albania', 'Албания', 'Албанија', 'Shqipëria'],
      ['ARM', 'Αρμενία', 'Ermenistan', 'Armenia', 'Армения', 'Јерменија', 'Armenia'],
      ['AZE', 'Αζερμπαϊτζάν', 'Azerbaycan', 'Azerbaidjan', 'Азербайджан', 'Азербејџан', 'Azerbajxhani'],
      ['BGR', 'Βουλγαρία', 'Bulgaristan', 'Bulgaria', 'България', 'Бугарска', 'Bullgaria'],
      ['GEO', 'Γεωργία', 'Gürcistan', 'Georgia', 'Грузия', 'Грузија', 'Gjeorgjia'],
      ['GRC', 'Ελλάδα', 'Yunanistan', 'Grecia', 'Гърция', 'Грчка', 'Greqia'],
      ['MDA', 'Μολδαβία', 'Moldova', 'Republica Moldova', 'Молдова', 'Молдавија', 'Moldavia'],
      ['MKD', 'Βόρεια Μακεδονία', 'Kuzey Makedonya', 'Macedonia de Nord', 'Северна Македония', 'Северна Македонија', 'Maqedonia e Veriut'],
      ['ROU', 'Ρουμανία', 'Romanya', 'România', 'Румъния', 'Румунија', 'Rumania'],
      ['RUS', 'Ρωσία', 'Rusya', 'Rusia', 'Русия', 'Русија', 'Rusia'],
      ['SRB', 'Σερβία', 'Sırbistan', 'Serbia', 'Сърбия', 'Србија', 'Serbia'],
      ['TUR', 'Τουρκία', 'Türkiye', 'Turcia', 'Турция', 'Турска', 'Turqia'],
      ['UKR', 'Ουκρανία', 'Ukrayna', 'Ucraina', 'Украйна', 'Украјина', 'Ukraina'],
      ['BIH', 'Βοσνία και Ερζεγοβίνη', 'Bosna-Hersek', 'Bosnia și Herțegovina', 'Босна и Херцеговина', 'Босна и Херцеговина', 'Bosnja dhe Hercegovina'],
      ['HRV', 'Κροατία', 'Hırvatistan', 'Croația', 'Хърватия', 'Хрватска', 'Kroacia'],
      ['MNE', 'Μαυροβούνιο', 'Karadağ', 'Muntenegru', 'Черна гора', 'Црна Гора', 'Mali i Zi'],
      ['SVN', 'Σλοβενία', 'Slovenya', 'Slovenia', 'Словения', 'Словенија', 'Sllovenia'],
      ['XKX', 'Κόσοβο', 'Kosova', 'Kosovo', 'Косово', 'Косово', 'Kosovë'],
    ];
    const cells = names.flatMap(([, ...local]) => local);
    // one row per name (a partner differing by name only would be a duplicate series: each row its own indicator year)
    const text = `${HEADER}\n${cells.map((name, i) => `ALB,${2000 + (i % 25)},TIP_VIC,_T,_T,"${name}",_T,${i + 1},A,F,\n`).join('')}`;
    const result = await validatePath(session, file(text));
    const unread = result.issues.filter((i) => i.code !== 'NAME_NOT_CODE' && i.column === 'COUNTERPART_AREA');
    expect(unread.map((i) => i.value)).toEqual([]);
    const read = new Map(result.issues.filter((i) => i.code === 'NAME_NOT_CODE').map((i) => [i.line, i.message]));
    names.forEach(([code, ...local], s) => local.forEach((name, l) => {
      const line = 2 + s * local.length + l;
      expect(read.get(line), `${name} (line ${line})`).toMatch(new RegExp(`read as ${code} \\(`));
    }));
  });

  it('Slovenian names, and Turkish and Azerbaijani ones typed without the dotless ı ("Sirbistan"), read as the state', async () => {
    const names: Array<[string, string]> = [
      ['Sirbistan', 'SRB'], ['Hirvatistan', 'HRV'], ['Bolqaristan', 'BGR'], ['Turčija', 'TUR'], ['Hrvaška', 'HRV'], ['Romunija', 'ROU'],
      ['Bolgarija', 'BGR'], ['Grčija', 'GRC'], ['Bosna in Hercegovina', 'BIH'],
    ];
    const result = await validatePath(session, file(`${HEADER}\n${names.map(([name], i) => `ALB,${2001 + i},TIP_VIC,_T,_T,${name},_T,1,A,F,\n`).join('')}`));
    expect(result.issues.map((i) => [i.code, i.line, i.column, i.value, i.hint])).toEqual(
      names.map(([name, code], i) => ['NAME_NOT_CODE', i + 2, 'COUNTERPART_AREA', name, `write ${code}`]),
    );
  });

  it('states.csv keeps its columns: the added names are aliases, the own-language names_native as they were', () => {
    const lines = readFileSync(new URL('../../data/reference/states.csv', import.meta.url), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('iso3,iso2,numeric,name_en,names_native,aliases,groups');
    expect(lines.find((l) => l.startsWith('XKX,'))).toMatch(/^XKX,XK,,Kosovo,Kosova\|Kosovo\|Косово,.*\|Κόσοβο\|.*,SEECP WB6$/);
  });
});
