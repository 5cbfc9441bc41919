import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.js';
import { tempDir } from '../helpers/warehouse.js';
import { readRows } from './read-helper.js';
import { plausibility } from '../../src/io/plausibility.js';

let store: Store;
beforeAll(async () => (store = await openStore(':memory:')));
afterAll(() => store.close());

const SAVE = 'save the file as "CSV UTF-8" from your spreadsheet program (File > Save As > CSV UTF-8)';

/** Writes a return of `state` in `encoding` (CR LF, as Excel saves), one row per comment, each comment quoted. */
function write(encoding: string, state: string, comments: readonly string[]): string {
  const lines = ['REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,COMMENT', ...comments.map((c, i) => `${state},2025,SOM_OFF,${i + 1},"${c}"`)];
  const path = join(tempDir(), `${state}_2025.csv`);
  writeFileSync(path, iconv.encode(`${lines.join('\r\n')}\r\n`, encoding));
  return path;
}

/** What the state's usual page reads the same bytes as (the mojibake a message shows). */
const misread = (text: string, encoding: string, usual: string): string => iconv.decode(iconv.encode(text, encoding), usual);

describe('a return saved on a computer set to another language than its state\'s', () => {
  // words of one script that the state's own pages read as mojibake, and one other page reads as text: read in that
  // page, the warning naming it and the state's usual one (was: refused, ENCODING_UNDECODABLE, its message showing the
  // right reading as "the likeliest")
  const cases: Array<{ state: string; encoding: string; comments: string[]; usual: string; value?: string }> = [
    { state: 'ROU', encoding: 'windows-1251', comments: ['Данные предварительные', 'Пересмотрено Министерством внутренних дел'], usual: 'windows-1250' },
    { state: 'ROU', encoding: 'windows-1251', comments: ['Оценка'], usual: 'windows-1250' },
    // (was: converted as Mac Greek, "Ρύμμϊε οπεδβύπηρεκϋμϊε", a script neither state writes)
    { state: 'ROU', encoding: 'windows-1251', comments: ['Данные предварительные'], usual: 'windows-1250' },
    { state: 'HRV', encoding: 'windows-1251', comments: ['Данные предварительные', 'Оценка'], usual: 'windows-1250' },
    // (was: converted as Mac Greek, a Greek page, "Ρύμμϊε οπεδβύπηρεκϋμϊε": ϊ and ϋ after a consonant, which Greek never writes)
    { state: 'GRC', encoding: 'windows-1251', comments: ['Данные предварительные'], usual: 'windows-1253' },
    { state: 'BGR', encoding: 'windows-1253', comments: ['Αδικήματα που καταγράφηκαν', 'Εκτίμηση'], usual: 'windows-1251' },
    { state: 'GRC', encoding: 'windows-1254', comments: ['Emniyet Genel Müdürlüğü verileri', 'Tahmini değer'], usual: 'windows-1253' },
    { state: 'UKR', encoding: 'windows-1250', comments: ['uključujući djecu', 'Procjena MUP-a'], usual: 'windows-1251' },
    { state: 'UKR', encoding: 'windows-1250', comments: ['Număr provizoriu', 'Infracţiuni înregistrate de poliţie în această lună'], usual: 'windows-1251' },
    { state: 'AZE', encoding: 'windows-1253', comments: ['Αδικήματα που καταγράφηκαν'], usual: 'windows-1254 or windows-1251' },
    { state: 'ROU', encoding: 'KOI8-R', comments: ['Данные предварительные', 'Пересмотрено Министерством внутренних дел'], usual: 'windows-1250' },
    { state: 'ROU', encoding: 'cp866', comments: ['Данные предварительные', 'Пересмотрено Министерством внутренних дел'], usual: 'windows-1250' },
  ];
  for (const { state, encoding, comments, usual } of cases) {
    it(`${state} with ${JSON.stringify(comments[0])} in ${encoding} is read in ${encoding}, the warning naming ${usual}`, async () => {
      const { read, rows } = await readRows(store, write(encoding, state, comments), 'foreign');
      const first = usual.split(' or ')[0]!;
      const dos = encoding === 'cp866' ? 'DOS Cyrillic (cp866), as Excel\'s "CSV (MS-DOS)" writes' : encoding;
      const sample = misread(comments.join(' '), encoding, first).split(/\s+/).filter((w) => /[^\x00-\x7f]/.test(w)).slice(0, 3).join(' ');
      expect(read.issues.map((i) => [i.code, i.severity, i.line, i.column, i.value])).toEqual([['ENCODING_CONVERTED', 'warning', null, null, encoding]]);
      expect(read.issues[0]!.message).toBe(
        `expected UTF-8, found ${dos} (detected with ${encoding === 'cp866' ? 90 : 100}% confidence), as a computer set to another language saves it: not ${usual}, the code page${usual.includes(' or ') ? 's' : ''} of ${state}'s returns (${first} reads the words as ${JSON.stringify(sample)}); the file was converted`,
      );
      expect(rows.map((r) => [r.line, r.cells[0], r.cells[4]])).toEqual(comments.map((c, i) => [i + 2, state, c]));
    });
  }

  it('the message shows what the state\'s page makes of the words: "Äŕííűĺ ďđĺäâŕđčňĺëüíűĺ" for a Romanian return\'s Russian', async () => {
    const { read } = await readRows(store, write('windows-1251', 'ROU', ['Данные предварительные']), 'foreign');
    expect(read.issues[0]!.message).toBe(
      'expected UTF-8, found windows-1251 (detected with 100% confidence), as a computer set to another language saves it: not windows-1250, the code page of ROU\'s returns (windows-1250 reads the words as "Äŕííűĺ ďđĺäâŕđčňĺëüíűĺ"); the file was converted',
    );
    expect(read.issues[0]!.hint).toBe('check that names with accents or non-Latin letters read correctly, or save the file as "CSV UTF-8"');
  });

  it('the same bytes in a return of a state that writes the page are read with no such note (RUS, MDA, GEO, AZE: windows-1251)', async () => {
    for (const state of ['RUS', 'MDA', 'GEO', 'AZE']) {
      const { read, rows } = await readRows(store, write('windows-1251', state, ['Данные предварительные']), 'foreign');
      expect(read.issues.map((i) => [i.code, i.value, i.message])).toEqual([['ENCODING_CONVERTED', 'windows-1251', 'expected UTF-8, found windows-1251 (detected with 100% confidence); the file was converted']]);
      expect(rows[0]!.cells[4]).toBe('Данные предварительные');
    }
  });

  it('a line pasted in UTF-8 into such a file is read as UTF-8, one ENCODING_MIXED at its line', async () => {
    const path = join(tempDir(), 'ROU_2025.csv');
    writeFileSync(path, Buffer.concat([
      iconv.encode('REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,COMMENT\r\nROU,2025,SOM_OFF,10,Данные предварительные\r\n', 'windows-1251'),
      Buffer.from('ROU,2025,FA_OFF,11,Număr provizoriu\r\n', 'utf8'),
      iconv.encode('ROU,2025,TIP_VIC,12,Пересмотрено Министерством внутренних дел\r\n', 'windows-1251'),
    ]));
    const { read, rows } = await readRows(store, path, 'foreign');
    expect(read.issues.map((i) => [i.code, i.line, i.value])).toEqual([['ENCODING_CONVERTED', null, 'windows-1251'], ['ENCODING_MIXED', 3, null]]);
    expect(rows.map((r) => r.cells[4])).toEqual(['Данные предварительные', 'Număr provizoriu', 'Пересмотрено Министерством внутренних дел']);
  });
});

describe('Greek spelling', () => {
  it('ϊ and ϋ follow a vowel (προϊόν, Ευρωπαϊκή, προϋπόθεση): after a consonant they are a misreading, Mac Greek\'s of Cyrillic', () => {
    expect(plausibility('προϊόν Ευρωπαϊκή προϋπόθεση ΠΡΟΪΟΝ')).toBe(1);
    expect(plausibility('Ρύμμϊε οπεδβύπηρεκϋμϊε')).toBe(0);
  });
});

describe('a return in another language\'s page that the words do not settle is still refused, the likely pages named', () => {
  it('a Greek abbreviation "εκτ." in a Romanian return: windows-1251 reads "екф", windows-1253 "εκτ", cp869 "λπχ"', async () => {
    const { read, rows } = await readRows(store, write('windows-1253', 'ROU', ['εκτ.']), 'foreign');
    expect(read.issues.map((i) => [i.code, i.severity, i.line, i.column, i.value])).toEqual([['ENCODING_UNDECODABLE', 'error', 2, 'COMMENT', 'windows-1251']]);
    expect(read.issues[0]!.message).toBe(
      'expected text in UTF-8 or a code page of the region, found words that several code pages read as letters (the likeliest, windows-1251, reads "екф."); the file was not converted, to keep names from being garbled',
    );
    expect(read.issues[0]!.hint).toBe(
      `the words read as letters in windows-1251 ("екф"), windows-1253 ("εκτ") and in DOS Greek (cp869) ("λπχ") (not windows-1250, the code page of ROU's returns), and nothing tells which is right: ${SAVE}`,
    );
    expect(rows).toEqual([]);
  });

  it('a Turkish "Tahmini değer" in a Greek return: windows-1250 reads the ğ as the Croatian "đ" as plausibly', async () => {
    const { read } = await readRows(store, write('windows-1254', 'GRC', ['Tahmini değer']), 'foreign');
    expect(read.issues.map((i) => [i.code, i.line, i.column, i.value])).toEqual([['ENCODING_UNDECODABLE', 2, 'COMMENT', 'windows-1250']]);
    expect(read.issues[0]!.hint).toBe(
      `the words read as letters in windows-1250 ("deđer") and in windows-1254 ("değer") (not windows-1253, the code page of GRC's returns), and nothing tells which is right: ${SAVE}`,
    );
  });

  it('Romanian with one "ă" in a Ukrainian return: windows-1254 reads "Numãr Infracşiuni" nearly as well', async () => {
    const { read } = await readRows(store, write('windows-1250', 'UKR', ['Număr provizoriu', 'Infracţiuni înregistrate de poliţie']), 'foreign');
    expect(read.issues.map((i) => [i.code, i.line, i.column, i.value])).toEqual([['ENCODING_UNDECODABLE', 2, 'COMMENT', 'windows-1250']]);
    expect(read.issues[0]!.hint).toBe(
      `the words read as letters in windows-1250 ("Număr Infracţiuni înregistrate") and in windows-1254 ("Numãr Infracşiuni înregistrate") (not windows-1251, the code page of UKR's returns), and nothing tells which is right: ${SAVE}`,
    );
  });

  it('a word of a letter or two ("İl" in a Greek return, "Număr" in a Ukrainian one) is too few letters, though one page alone reads it', async () => {
    for (const [encoding, state, comment, usual] of [['windows-1254', 'GRC', 'İl', 'windows-1253'], ['windows-1250', 'UKR', 'Număr', 'windows-1251']] as const) {
      const { read } = await readRows(store, write(encoding, state, [comment]), 'foreign');
      expect(read.issues.map((i) => [i.code, i.line, i.column, i.value])).toEqual([['ENCODING_UNDECODABLE', 2, 'COMMENT', encoding]]);
      expect(read.issues[0]!.message).toBe(
        `expected text in UTF-8 or a code page of the region, found too few letters to tell their code page (the likeliest, ${encoding}, reads "${comment}"); the file was not converted, to keep names from being garbled`,
      );
      expect(read.issues[0]!.hint).toBe(`only ${encoding} ("${comment}") reads the words as letters (not ${usual}, the code page of ${state}'s returns), and they are too few to be sure: ${SAVE}`);
    }
  });

  it('a Russian "МВД" in a Romanian return (windows-1250 reads "ĚÂÄ") stays refused with the usual hint', async () => {
    const { read } = await readRows(store, write('windows-1251', 'ROU', ['МВД']), 'foreign');
    expect(read.issues.map((i) => [i.code, i.line, i.column, i.hint])).toEqual([['ENCODING_UNDECODABLE', 2, 'COMMENT', SAVE]]);
  });
});
