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
const dir = tempDir();

/** A return of each member state's script as its spreadsheet software saves it: state, code page, words. */
const RETURNS: Array<{ state: string; encoding: string; words: string[]; area?: string }> = [
  { state: 'ROU', encoding: 'windows-1250', words: ['Număr provizoriu', 'Infracţiuni înregistrate de poliţie'] },
  { state: 'MDA', encoding: 'windows-1250', words: ['Date estimate', 'Infracţiuni înregistrate'] },
  { state: 'HRV', encoding: 'windows-1250', words: ['uključujući djecu', 'Procjena MUP-a'] },
  { state: 'SVN', encoding: 'windows-1250', words: ['Število žrtev', 'ocena policije'] },
  { state: 'SRB', encoding: 'windows-1250', words: ['Krivična dela', 'Procenjeni podaci, uključujući decu'] },
  { state: 'BIH', encoding: 'windows-1250', words: ['Krivična djela', 'Žrtve trgovine ljudima'] },
  { state: 'ALB', encoding: 'windows-1252', words: ['Vepra penale të regjistruara', 'Çështje të hapura'] },
  { state: 'TUR', encoding: 'windows-1254', words: ['Polis tarafından kaydedilen suçlar', 'Tahmini değer'] },
  { state: 'BGR', encoding: 'windows-1251', words: ['Престъпления, регистрирани от полицията', 'Оценка'] },
  { state: 'MKD', encoding: 'windows-1251', words: ['Кривични дела евидентирани од полицијата', 'Проценка'] },
  { state: 'SRB', encoding: 'windows-1251', words: ['Кривична дела', 'Процењени подаци'] },
  { state: 'UKR', encoding: 'windows-1251', words: ['Дані', 'Кримінальні правопорушення'], area: 'Україна' },
  { state: 'RUS', encoding: 'windows-1251', words: ['Преступления, зарегистрированные полицией', 'Оценка'] },
  { state: 'GRC', encoding: 'windows-1253', words: ['Αδικήματα που καταγράφηκαν', 'Εκτίμηση'], area: 'Ελλάδα' },
  { state: 'GRC', encoding: 'ISO-8859-7', words: ['Αδικήματα που καταγράφηκαν', 'Εκτίμηση'] },
  // the ISO Cyrillic page, for every state writing Cyrillic (windows-1251's reading of it is mixed-case nonsense)
  { state: 'BGR', encoding: 'ISO-8859-5', words: ['Данни на Министерството на вътрешните работи', 'Включително предполагаеми жертви'] },
  { state: 'UKR', encoding: 'ISO-8859-5', words: ['Дані Національної поліції України', 'Оцінка'] },
  { state: 'SRB', encoding: 'ISO-8859-5', words: ['Подаци Министарства унутрашњих послова Србије', 'Укључујући жртве експлоатације'] },
  { state: 'RUS', encoding: 'ISO-8859-5', words: ['Данные Министерства внутренних дел', 'Оценка'], area: 'Россия' },
  { state: 'BGR', encoding: 'ISO-8859-5', words: ['Данни на Министерството', 'Оценка'], area: 'България' },
  // Turkish named, not coded: no state code hints at the page, and ğ must not read as đ (windows-1250) or ð (windows-1252)
  { state: 'TUR', encoding: 'windows-1254', words: ['Emniyet Genel Müdürlüğü verileri', 'Tahmini değer'], area: 'Türkiye' },
  { state: 'TUR', encoding: 'ISO-8859-9', words: ['Emniyet Genel Müdürlüğü verileri', 'Tahmini değer'], area: 'Türkiye' },
  // French in a Western page: every Latin page reads it alike, no other page reads it at all
  { state: 'ROU', encoding: 'windows-1252', words: ['Données reçues', 'Côte d’Ivoire'] },
  // KOI8 (old Unix and mail software): windows-1251's letters in swapped case, read as "дБООЩЕ РТЕДЧБТЙФЕМШОЩЕ" before
  { state: 'RUS', encoding: 'KOI8-R', words: ['Данные предварительные', 'Пересмотрено Министерством внутренних дел'] },
  { state: 'UKR', encoding: 'KOI8-U', words: ['Попередні дані Національної поліції', 'Кримінальні правопорушення'], area: 'UKR' },
  { state: 'UKR', encoding: 'KOI8-U', words: ['Включно з Автономною Республікою Крим', 'Єдиний реєстр досудових розслідувань'] },
  // Ukrainian in windows-1251 with і ї є ґ, which KOI8-R reads as box-drawing characters and KOI8-U as capitals
  { state: 'UKR', encoding: 'windows-1251', words: ['Попередні дані, ґрунтується на їхніх звітах', 'Єдиний реєстр досудових розслідувань'] },
];
/** Code pages that read the same bytes alike for these words (either name is right). */
const ALIKE: Record<string, string[]> = {
  'KOI8-R': ['koi8-r', 'koi8-u'], 'ISO-8859-7': ['windows-1253', 'iso-8859-7'], 'windows-1252': ['windows-1250', 'windows-1252', 'windows-1254'], 'ISO-8859-9': ['windows-1254', 'iso-8859-9'],
};

/** Writes a return in `encoding` (CR LF, as Excel saves) with `rows` data rows cycling through `words`. */
function write(name: string, encoding: string, rows: number, words: string[], area: string): string {
  const lines = ['REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,COMMENT'];
  for (let i = 0; i < rows; i++) lines.push(`${i === 0 ? area : area},2025,SOM_OFF,${i + 1},"${words[i % words.length]}"`);
  const path = join(dir, name);
  writeFileSync(path, iconv.encode(`${lines.join('\r\n')}\r\n`, encoding));
  return path;
}

describe('code pages of the member states', () => {
  for (const { state, encoding, words, area } of RETURNS) {
    for (const rows of [5, 400]) {
      it(`${state} in ${encoding}, ${rows} rows: detected and every word read as written`, async () => {
        const path = write(`${state}_${encoding}_${rows}.csv`, encoding, rows, words, area ?? state);
        const { read, rows: cells } = await readRows(store, path, 'enc');
        expect(read.issues.map((i) => i.code)).toEqual(['ENCODING_CONVERTED']);
        expect(ALIKE[encoding] ?? [encoding.toLowerCase()]).toContain(read.encoding);
        expect(cells.map((r) => r.cells[4])).toEqual(Array.from({ length: rows }, (_, i) => words[i % words.length]));
        expect(cells[0]!.cells[0]).toBe(area ?? state);
      });
    }
  }

  it('a short Croatian comment is windows-1250, not windows-1252 ("uključujući", never "ukljuèujuæi")', async () => {
    const path = write('hrv_short.csv', 'windows-1250', 1, ['uključujući'], 'HRV');
    const { read, rows } = await readRows(store, path, 'enc');
    expect(read.encoding).toBe('windows-1250');
    expect(rows[0]!.cells[4]).toBe('uključujući');
  });

  it('a Moldovan return with Türkiye as a partner state is windows-1250: the Romanian "ţ" is no tie with the Turkish "ş"', async () => {
    // windows-1254 reads ţ (0xFE) as ş, "infracşiuni", as plausible letter for letter; only the state's pages break the
    // tie, and TUR in COUNTERPART_AREA on one row of five is no state of the file (was: refused, ENCODING_UNDECODABLE)
    const lines = [
      'REF_AREA,TIME_PERIOD,INDICATOR,COUNTERPART_AREA,OBS_VALUE,COMMENT',
      'MDA,2025,DRG_SEIZ_KG,_T,120.5,Infracţiuni înregistrate',
      ...['MDA', 'UKR', 'ROU', 'TUR'].map((partner, i) => `MDA,2025,DRG_SEIZ_KG,${partner},${10 + i},`),
    ];
    const path = join(dir, 'MDA_partners.csv');
    writeFileSync(path, iconv.encode(`${lines.join('\r\n')}\r\n`, 'windows-1250'));
    const { read, rows } = await readRows(store, path, 'enc');
    expect(read.issues.map((i) => [i.code, i.value])).toEqual([['ENCODING_CONVERTED', 'windows-1250']]);
    expect(rows[0]!.cells[5]).toBe('Infracţiuni înregistrate');
    expect(rows).toHaveLength(5);
  });

  it('an export of three states\' rows in windows-1250 counts each state\'s pages: the Romanian "ţ" is no tie there either', async () => {
    // each state stands on a third of the lines: all three count, as many lines as the most frequent code
    const lines = ['REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,COMMENT'];
    for (const state of ['MDA', 'ROU', 'BGR']) for (let i = 0; i < 4; i++) lines.push(`${state},2025,SOM_OFF,${i + 1},${i === 0 ? 'Infracţiuni înregistrate' : ''}`);
    const path = join(dir, 'three_states.csv');
    writeFileSync(path, iconv.encode(`${lines.join('\r\n')}\r\n`, 'windows-1250'));
    const { read, rows } = await readRows(store, path, 'enc');
    expect(read.issues.map((i) => [i.code, i.value])).toEqual([['ENCODING_CONVERTED', 'windows-1250']]);
    expect(rows.filter((r) => (r.cells[4] ?? '') !== '').map((r) => [r.line, r.cells[4]])).toEqual([[2, 'Infracţiuni înregistrate'], [6, 'Infracţiuni înregistrate'], [10, 'Infracţiuni înregistrate']]);
  });

  it('a UTF-8 byte-order mark before windows-1251 text (an editor\'s "Encode in UTF-8-BOM") is dropped, not read as "п»ї" before REF_AREA', async () => {
    // was: UNKNOWN_COLUMN "п»їREF_AREA" and MISSING_COLUMN REF_AREA, 'rename the column "п»їREF_AREA" to REF_AREA'
    const path = join(dir, 'bom_1251.csv');
    const text = 'REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,COMMENT\r\nBGR,2025,SOM_OFF,10,Предварителни данни\r\n';
    writeFileSync(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), iconv.encode(text, 'windows-1251')]));
    const { read, rows } = await readRows(store, path, 'enc');
    expect(read.issues.map((i) => [i.code, i.value])).toEqual([['ENCODING_CONVERTED', 'windows-1251']]);
    expect(read.header).toEqual(['REF_AREA', 'TIME_PERIOD', 'INDICATOR', 'OBS_VALUE', 'COMMENT']);
    expect(rows).toEqual([{ line: 2, cells: ['BGR', '2025', 'SOM_OFF', '10', 'Предварителни данни'] }]);
  });

  it('text that no code page reads clearly is refused with a request for CSV UTF-8, not converted garbled', async () => {
    const path = join(dir, 'one_letter.csv');
    writeFileSync(path, Buffer.from('REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,COMMENT\r\nROU,2025,SOM_OFF,10,\xe9\r\n', 'latin1'));
    const { read } = await readRows(store, path, 'enc');
    expect(read.issues).toMatchObject([
      { code: 'ENCODING_UNDECODABLE', line: 2, column: 'COMMENT', hint: 'save the file as "CSV UTF-8" from your spreadsheet program (File > Save As > CSV UTF-8)' },
    ]);
    expect(read.issues[0]!.message).toMatch(/^expected text in UTF-8 or a code page of the region, found bytes that no code page reads plausibly/);
    expect(read.rowCount).toBe(0);
  });

  it('a refused file is reported at the line and cell of the first word the likeliest reading reads implausibly', async () => {
    // was: no line ("RUS_866.csv: expected text …"); rows of plain ASCII and a plausible word come first
    const path = join(dir, 'refused_at.csv');
    writeFileSync(path, Buffer.concat([
      Buffer.from('REF_AREA;TIME_PERIOD;INDICATOR;OBS_VALUE;COMMENT\r\nUKR;2025;SOM_OFF;10;\r\nUKR;2025;SOM_OFF;11;"first line\r\nsecond '),
      iconv.encode('Попереднi данi"\r\nUKR;2025;FA_OFF;12;Кримiнальнi правопорушення\r\n', 'cp866'),
    ]));
    const { read } = await readRows(store, path, 'enc');
    // (the line inside a quoted cell: the line alone does not tell its cell)
    expect(read.issues.map((i) => [i.code, i.line, i.column])).toEqual([['ENCODING_UNDECODABLE', 4, null]]);
    // (the words shown are those of that line)
    expect(read.issues[0]!.message).toContain(`(the likeliest, windows-1252, reads "${iconv.decode(iconv.encode('Попереднi', 'cp866'), 'windows-1252')} `);
    writeFileSync(path, Buffer.concat([
      Buffer.from('REF_AREA;TIME_PERIOD;INDICATOR;OBS_VALUE;COMMENT\r\nUKR;2025;SOM_OFF;10;ok\r\n'),
      iconv.encode('UKR;2025;FA_OFF;12;Кримiнальнi правопорушення\r\n', 'cp866'),
    ]));
    const again = await readRows(store, path, 'enc');
    expect(again.read.issues.map((i) => [i.code, i.line, i.column])).toEqual([['ENCODING_UNDECODABLE', 3, 'COMMENT']]);
  });

  it('a UTF-8 file with one bad byte keeps its good lines and reports the bad byte at its line and column', async () => {
    const path = join(dir, 'bad_byte.csv');
    writeFileSync(path, Buffer.concat([Buffer.from('REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,COMMENT\nROU,2025,SOM_OFF,10,Număr provizoriu\nROU,2025,FA_OFF,10,Num'), Buffer.from([0xe3]), Buffer.from('r\n')]));
    const { read, rows } = await readRows(store, path, 'enc');
    expect(read.encoding).toBe('utf-8');
    expect(read.issues).toMatchObject([{ code: 'ENCODING_INVALID_BYTES', severity: 'error', line: 3, column: 'COMMENT', value: 'Num\uFFFDr' }]);
    expect(rows).toEqual([{ line: 2, cells: ['ROU', '2025', 'SOM_OFF', '10', 'Număr provizoriu'] }]);
  });
});

  it('a windows-1251 file with lines pasted in UTF-8 reads those lines as UTF-8, each one warning, across 64 KiB chunks', async () => {
    // 3,000 rows (about 190 KB: several read chunks), rows 2 and 2,500 pasted from a UTF-8 file
    const utf8Rows = new Set([2, 2500]);
    const parts: Buffer[] = [iconv.encode('REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,COMMENT\r\n', 'windows-1251')];
    for (let row = 1; row <= 3000; row++) {
      const text = `BGR,2025,SOM_OFF,${row},${utf8Rows.has(row) ? 'Жертви' : 'Данни на полицията'}\r\n`;
      parts.push(utf8Rows.has(row) ? Buffer.from(text, 'utf8') : iconv.encode(text, 'windows-1251'));
    }
    const path = join(dir, 'mixed_1251.csv');
    writeFileSync(path, Buffer.concat(parts));
    const { read, rows } = await readRows(store, path, 'enc');
    expect(read.encoding).toBe('windows-1251');
    expect(read.issues.map((i) => [i.code, i.line])).toEqual([['ENCODING_CONVERTED', null], ['ENCODING_MIXED', 3], ['ENCODING_MIXED', 2501]]);
    expect(read.issues[1]!.message).toBe('expected windows-1251 like the rest of the file, found this line in UTF-8; it was read as UTF-8');
    expect(rows).toHaveLength(3000);
    expect(rows.filter((r) => r.cells[4] !== 'Данни на полицията').map((r) => [r.line, r.cells[4]])).toEqual([[3, 'Жертви'], [2501, 'Жертви']]);
  });

describe('KOI8-R and KOI8-U, windows-1251\'s letters in swapped case', () => {
  const one = (name: string, encoding: string, state: string, comment: string): string => {
    const path = join(tempDir(), name);
    writeFileSync(path, iconv.encode(`REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,COMMENT\r\n${state},2025,SOM_OFF,10,${comment}\r\n`, encoding));
    return path;
  };
  it('a KOI8-R comment all in lower case (no capital to betray the case) reads as written, not "ДБООЩЕ ХФПЮОСАФУС"', async () => {
    const { read, rows } = await readRows(store, one('koi8_lower.csv', 'KOI8-R', 'RUS', 'данные уточняются'), 'koi8');
    expect(read.issues.map((i) => [i.code, i.value])).toEqual([['ENCODING_CONVERTED', 'KOI8-R']]);
    expect(rows[0]!.cells[4]).toBe('данные уточняются');
  });
  // (and ISO-8859-5's reading, as plausible for a short word, `юіхэър` for `оценка`, `Фр` for `Да`, is no coin toss: the
  // file was refused, while its message said windows-1251 reads "оценка")
  for (const [state, comment] of [
    ['UKR', 'дані уточнюються'], ['RUS', 'МВД'], ['BGR', 'МВР'], ['SRB', 'укључујући покушаје'], ['MKD', 'вклучувајќи обиди'], ['UKR', 'Дані'],
    ['RUS', 'оценка'], ['BGR', 'Да'], ['SRB', 'Нема'],
  ] as const) {
    it(`a windows-1251 ${state} comment "${comment}" keeps its windows-1251 reading (KOI8 reads the same bytes in swapped case)`, async () => {
      const { read, rows } = await readRows(store, one(`w1251_${state}.csv`, 'windows-1251', state, comment), 'koi8');
      expect(read.issues.map((i) => [i.code, i.value])).toEqual([['ENCODING_CONVERTED', 'windows-1251']]);
      expect(rows[0]!.cells[4]).toBe(comment);
    });
  }
  // an abbreviation in capitals (KOI8) and one in small letters (windows-1251's "млн") are the same bytes: the prior keeps
  // windows-1251, and the warning names the other reading instead of choosing silently
  for (const [encoding, state, comment, chosen, other] of [
    ['KOI8-R', 'RUS', 'МВД', 'нчд', 'МВД'], ['KOI8-R', 'RUS', 'ГУВД', 'зхчд', 'ГУВД'], ['KOI8-U', 'UKR', 'МВС', 'нчу', 'МВС'], ['windows-1251', 'RUS', 'млн', 'млн', 'ЛКМ'],
  ] as const) {
    it(`a ${state} file in ${encoding} whose only Cyrillic is "${comment}" is read as windows-1251, its warning naming KOI8-R's reading "${other}"`, async () => {
      const { read, rows } = await readRows(store, one(`abbr_${state}.csv`, encoding, state, comment), 'koi8');
      expect(read.issues.map((i) => [i.code, i.value])).toEqual([['ENCODING_CONVERTED', 'windows-1251']]);
      expect(read.issues[0]!.message).toBe(
        `expected UTF-8, found windows-1251 (detected with 50% confidence); the file was converted, reading "${chosen}"; read as KOI8-R, the same bytes say "${other}", and nothing in the file tells which is right`,
      );
      expect(rows[0]!.cells[4]).toBe(chosen);
    });
  }
  it('names no other reading where the state writes no KOI8 (BGR "МВР") or the words settle it', async () => {
    for (const [state, comment] of [['BGR', 'МВР'], ['RUS', 'Оценка МВД']] as const) {
      const { read } = await readRows(store, one(`abbr_${state}.csv`, 'windows-1251', state, comment), 'koi8');
      expect(read.issues.map((i) => i.message)).toEqual([expect.stringMatching(/^expected UTF-8, found windows-1251 \(detected with \d+% confidence\); the file was converted$/)]);
    }
  });
  it('a KOI8-R file with a line pasted in UTF-8 reads that line as UTF-8, with ENCODING_MIXED at its line', async () => {
    const path = join(tempDir(), 'koi8_mixed.csv');
    writeFileSync(path, Buffer.concat([
      iconv.encode('REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,COMMENT\r\nRUS,2025,SOM_OFF,10,Данные предварительные\r\n', 'KOI8-R'),
      Buffer.from('RUS,2025,FA_OFF,11,Оценка МВД\r\n', 'utf8'),
      iconv.encode('RUS,2025,TIP_VIC,12,Пересмотрено Министерством внутренних дел\r\n', 'KOI8-R'),
    ]));
    const { read, rows } = await readRows(store, path, 'koi8');
    expect(read.issues.map((i) => [i.code, i.line, i.value])).toEqual([['ENCODING_CONVERTED', null, 'KOI8-R'], ['ENCODING_MIXED', 3, null]]);
    expect(rows.map((r) => r.cells[4])).toEqual(['Данные предварительные', 'Оценка МВД', 'Пересмотрено Министерством внутренних дел']);
  });
  it('scores windows-1251\'s reading of KOI8-R as implausible: case inverted in a word, й after a consonant', () => {
    expect(plausibility('дБООЩЕ')).toBe(0);
    expect(plausibility('РТЕДЧБТЙФЕМШОЩЕ')).toBe(0);
    expect(plausibility('ПРЕДВАРИТЕЛЬНЫЕ предварительные Данные')).toBe(1);
    // KOI8-R reads KOI8-U's і as a box-drawing character
    expect(plausibility('Республ╕кою')).toBe(0);
  });
});

describe('a return naming its state in its own language, with no ISO code to hint at the page', () => {
  // no cell is a state's code, so nothing narrows the pages: the reading itself must be clearly ahead
  const cases: Array<{ encoding: string; area: string; comment: string; rival: string }> = [
    { encoding: 'windows-1251', area: 'Российская Федерация', comment: 'Рост связан с изменением законодательства', rival: 'ISO-8859-5 read "аюёёшщёърџ"' },
    { encoding: 'windows-1254', area: 'Türkiye', comment: 'Kanun değişikliği nedeniyle artış görüldü', rival: 'windows-1250 read "deđiţikliđi"' },
  ];
  for (const { encoding, area, comment, rival } of cases) {
    it(`${encoding} is read, not refused (the ${rival}: letters of two languages in one word)`, async () => {
      const path = join(tempDir(), `${encoding}_names.csv`);
      writeFileSync(path, iconv.encode(`REF_AREA;TIME_PERIOD;INDICATOR;OBS_VALUE;COMMENT\r\n${area};2025;TIP_VIC;12;${comment}\r\n`, encoding));
      const { read, rows } = await readRows(store, path, 'names');
      expect(read.issues.map((i) => [i.code, i.value])).toEqual([['ENCODING_CONVERTED', encoding]]);
      expect(rows).toEqual([{ line: 2, cells: [area, '2025', 'TIP_VIC', '12', comment] }]);
    });
  }

  it('a word mixing letters no one language has together scores lower than the same letters in separate words', () => {
    expect(plausibility('deđiţikliđi artýţ')).toBeLessThan(plausibility('điđi ţţ ýý'));
    expect(plausibility('Рост связан с изменением')).toBeGreaterThanOrEqual(0.75);
  });
});

describe('a file whose only non-ASCII bytes are symbols', () => {
  it('reads a © or ° that every Windows page reads alike, converted with a warning', async () => {
    const path = join(tempDir(), 'symbols.csv');
    writeFileSync(path, Buffer.concat([Buffer.from('REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,COMMENT\r\nROU,2025,SOM_OFF,10,'), Buffer.from([0xa9, 0x20, 0xb0]), Buffer.from('\r\n')]));
    const { read, rows } = await readRows(store, path, 'sym');
    expect(read.issues.map((i) => i.code)).toEqual(['ENCODING_CONVERTED']);
    expect(rows[0]!.cells[4]).toBe('© °');
  });
});

describe('plausibility of a reading', () => {
  it('judges a word repeated on every row as the word once (each distinct word is scored once, counted as often as it stands)', () => {
    for (const text of ['Данни на МВР „оценка“', '„анные предварительные', 'дБООЩЕ данные', 'Türkiye Côte d’Ivoire']) {
      expect(plausibility(Array.from({ length: 5000 }, () => text).join(' '))).toBeCloseTo(plausibility(text), 10);
    }
    // the weights still count per occurrence: three good words against one misread word
    expect(plausibility('данные данные данные дБООЩЕ')).toBeCloseTo(18 / 24, 10);
  });

  it('takes the world\'s names of a download (Türkiye, Côte d’Ivoire) as plausible, and their misreadings not', () => {
    expect(plausibility('Türkiye Côte d’Ivoire Curaçao')).toBeGreaterThanOrEqual(0.75);
    expect(plausibility('TĂĽrkiye CĂ´te Curaçao')).toBeLessThan(0.75);
    // typographic punctuation counts neither way: the same bytes in every Windows page
    expect(plausibility('Lao People’s “Democratic” Republic – Türkiye')).toBe(plausibility('Lao Peoples Democratic Republic Türkiye'));
  });
});

describe('Mac Roman, as Excel for Mac saves "CSV (Macintosh)"', () => {
  // é ü ç ë ö are 0x8E 0x9F 0x8D 0x91 0x9A: punctuation or letters of other languages in the Windows pages
  const cases: Array<{ state: string; words: string[] }> = [
    { state: 'ALB', words: ['Vepra penale të regjistruara', 'Çështje të hapura'] },
    { state: 'XKX', words: ['Të dhëna të vlerësuara', 'Veprat penale të regjistruara nga policia'] },
    { state: 'TUR', words: ['Müdürlük verisi', 'Gözaltı çocuk'] },
  ];
  for (const { state, words } of cases) {
    it(`${state}: detected as macintosh, its bare CR lines read, every word as written`, async () => {
      const lines = ['REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,COMMENT', ...words.map((w, i) => `${state},2025,SOM_OFF,${i + 1},${w}`)];
      const path = join(tempDir(), `${state}_mac.csv`);
      writeFileSync(path, iconv.encode(`${lines.join('\r')}\r`, 'macintosh'));
      const { read, rows } = await readRows(store, path, 'mac');
      expect(read.encoding).toBe('macintosh');
      expect(read.issues.map((i) => [i.code, i.value])).toEqual([['ENCODING_CONVERTED', 'macintosh'], ['LINE_ENDINGS_CONVERTED', null]]);
      expect(rows.map((r) => [r.line, r.cells[4]])).toEqual(words.map((w, i) => [i + 2, w]));
    });
  }

  // Excel for Mac saves "CSV (Macintosh)" in the Mac page of the user's language: Turkish and Romanian Macs write Mac
  // Roman's variants, whose ğ ı ş and ă ş ţ Mac Roman reads as ¤ › ﬂ and æ ø ﬂ (both were refused)
  const variants: Array<{ state: string; encoding: string; label: string; words: string[] }> = [
    { state: 'TUR', encoding: 'macturkish', label: 'Mac Turkish', words: ['Tahmini değer', 'Emniyet Genel Müdürlüğü verisi, şüpheli kişi'] },
    { state: 'TUR', encoding: 'macturkish', label: 'Mac Turkish', words: ['Tahmini değer'] },
    { state: 'ROU', encoding: 'macromania', label: 'Mac Romanian', words: ['Număr provizoriu', 'Infracţiuni înregistrate de poliţie'] },
  ];
  for (const { state, encoding, label, words } of variants) {
    it(`${state} in ${label} (${JSON.stringify(words[0])}${words.length > 1 ? ', …' : ' alone'}): detected as ${encoding}, every word as written`, async () => {
      const lines = ['REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,COMMENT', ...words.map((w, i) => `${state},2025,SOM_OFF,${i + 1},"${w}"`)];
      const path = join(tempDir(), `${state}_${encoding}.csv`);
      writeFileSync(path, iconv.encode(`${lines.join('\r')}\r`, encoding));
      const { read, rows } = await readRows(store, path, 'mac');
      expect(read.issues.map((i) => [i.code, i.value, i.message.slice(0, 40)])).toEqual([
        ['ENCODING_CONVERTED', encoding, `expected UTF-8, found ${label} (detected`.slice(0, 40)], ['LINE_ENDINGS_CONVERTED', null, 'expected lines to end with LF or CR LF, f'.slice(0, 40)],
      ]);
      expect(rows.map((r) => [r.line, r.cells[4]])).toEqual(words.map((w, i) => [i + 2, w]));
    });
  }

  it('is a fallback: a Windows file a Mac Roman reading would rival ("PÎrgjithshme") keeps its Windows reading', async () => {
    const path = write('alb_short.csv', 'windows-1252', 1, ['Drejtoria e Përgjithshme'], 'ALB');
    const { read, rows } = await readRows(store, path, 'enc');
    expect(['windows-1250', 'windows-1252']).toContain(read.encoding);
    expect(rows[0]!.cells[4]).toBe('Drejtoria e Përgjithshme');
  });

  it('an Albanian "Përgjithshme" in Mac Roman alone is refused, not converted as the Windows pages\' "P‘rgjithshme" (its ë, 0x91, their opening quote, was taken for a symbol they all read alike)', async () => {
    const path = join(tempDir(), 'alb_mac_short.csv');
    writeFileSync(path, iconv.encode('REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,COMMENT\rALB,2025,SOM_OFF,10,Drejtoria e Përgjithshme\r', 'macintosh'));
    const { read, rows } = await readRows(store, path, 'enc');
    expect(read.issues.map((i) => [i.code, i.line, i.column, i.message.match(/reads "[^"]*"/)?.[0]])).toEqual([['ENCODING_UNDECODABLE', 2, 'COMMENT', 'reads "P‘rgjithshme"']]);
    expect(rows).toEqual([]);
  });

  it('a "CSV (Macintosh)" file whose few words a Windows or ISO page reads too ("Număr" alone in Mac Romanian) names the Mac reading in its warning (it was converted as "Numžr" with no word of it)', async () => {
    const path = join(tempDir(), 'rou_mac_short.csv');
    writeFileSync(path, iconv.encode('REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,COMMENT\rROU,2025,SOM_OFF,10,Număr\r', 'macromania'));
    const { read } = await readRows(store, path, 'enc');
    const converted = read.issues.find((i) => i.code === 'ENCODING_CONVERTED')!;
    expect(converted.message).toMatch(/; the file was converted, reading "Num.r"; read as Mac Romanian, the same bytes say "Număr", and nothing in the file tells which is right$/);
    expect(converted.message).toMatch(/\(detected with 50% confidence\)/);
  });

  it('world names in Mac Roman in a Romanian return (Côte d’Ivoire, Müller) are refused, not read in a Windows page garbled', async () => {
    const path = join(tempDir(), 'rou_mac.csv');
    writeFileSync(path, iconv.encode('REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,COMMENT\rROU,2025,SOM_OFF,10,Côte d’Ivoire Müller\r', 'macintosh'));
    const { read } = await readRows(store, path, 'enc');
    // at the line and column of the word (the column was "COMMENT\rROU": the header ran on to the next line's first cell)
    expect(read.issues.map((i) => [i.code, i.line, i.column])).toEqual([['ENCODING_UNDECODABLE', 2, 'COMMENT']]);
  });
});

describe('Mac Cyrillic and Mac Greek, old Macs\' pages, read as fallbacks like Mac Roman', () => {
  // Mac Cyrillic's capitals (0x80-0x9F) are windows-1251's „ … † and Serbian capitals: "„анные", "Џересмотрено" before
  const cases: Array<{ state: string; encoding: string; words: string[] }> = [
    { state: 'RUS', encoding: 'maccyrillic', words: ['Данные предварительные', 'Пересмотрено Министерством внутренних дел'] },
    { state: 'UKR', encoding: 'maccyrillic', words: ['Попередні дані Національної поліції', 'Україна'] },
    { state: 'BGR', encoding: 'maccyrillic', words: ['Предварителни данни', 'Оценка'] },
    { state: 'SRB', encoding: 'maccyrillic', words: ['Подаци Министарства унутрашњих послова', 'Кривична дела'] },
    { state: 'MKD', encoding: 'maccyrillic', words: ['Кривични дела евидентирани од полицијата', 'Проценка'] },
    // windows-1253 read "°διλάνατα ποω λαταηςΐζθλαξ" (ς inside a word) and ISO-8859-7 "Άλτένθσθ" (two accents)
    { state: 'GRC', encoding: 'macgreek', words: ['Αδικήματα που καταγράφηκαν', 'Εκτίμηση'] },
  ];
  for (const { state, encoding, words } of cases) {
    for (const word of [undefined, ...words]) {
      const some = word === undefined ? words : [word];
      it(`${state} in ${encoding} (${word === undefined ? 'every comment' : JSON.stringify(word)} alone): detected, every word as written`, async () => {
        const lines = ['REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,COMMENT', ...some.map((w, i) => `${state},2025,SOM_OFF,${i + 1},${w}`)];
        const path = join(tempDir(), `${state}_${encoding}.csv`);
        writeFileSync(path, iconv.encode(`${lines.join('\r')}\r`, encoding));
        const { read, rows } = await readRows(store, path, 'mac');
        expect(read.issues.map((i) => [i.code, i.value])).toEqual([['ENCODING_CONVERTED', encoding], ['LINE_ENDINGS_CONVERTED', null]]);
        expect(rows.map((r) => [r.line, r.cells[4]])).toEqual(some.map((w, i) => [i + 2, w]));
      });
    }
  }

  for (const [state, encoding, comment] of [
    ['BGR', 'windows-1251', '„данни на МВР“'], ['RUS', 'windows-1251', '«предварительные данные» МВД'], ['UKR', 'windows-1251', '«попередні дані» поліції'],
    ['SRB', 'windows-1251', '„подаци МУП-а“'], ['GRC', 'windows-1253', '«προσωρινά στοιχεία»'], ['ROU', 'windows-1250', '„date provizorii” înregistrate'],
  ] as const) {
    it(`a ${encoding} comment opening a quotation in small letters (${comment}) keeps its ${encoding} reading`, async () => {
      const path = join(tempDir(), `${state}_quoted.csv`);
      writeFileSync(path, iconv.encode(`REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,COMMENT\r\n${state},2025,SOM_OFF,10,"${comment}"\r\n`, encoding));
      const { read, rows } = await readRows(store, path, 'mac');
      expect(read.issues.map((i) => [i.code, i.value])).toEqual([['ENCODING_CONVERTED', encoding]]);
      expect(rows[0]!.cells[4]).toBe(comment);
    });
  }

  for (const words of [['Попередні дані, ґрунтується на їхніх звітах', 'Ґудзик'], ['Кримінальні правопорушення', 'Дані ґрунтуються на звітах']]) {
    it(`Ukrainian in Mac Cyrillic with ґ or Ґ (${JSON.stringify(words)}) is read as macukraine, named "Mac Cyrillic (Ukrainian)" (maccyrillic read ∂ and ¢)`, async () => {
      const lines = ['REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,COMMENT', ...words.map((w, i) => `UKR,2025,SOM_OFF,${i + 1},"${w}"`)];
      const path = join(tempDir(), 'UKR_macukraine.csv');
      writeFileSync(path, iconv.encode(`${lines.join('\r')}\r`, 'macukraine'));
      const { read, rows } = await readRows(store, path, 'mac');
      expect(read.encoding).toBe('macukraine');
      expect(read.issues.map((i) => [i.code, i.value])).toEqual([['ENCODING_CONVERTED', 'macukraine'], ['LINE_ENDINGS_CONVERTED', null]]);
      expect(read.issues[0]!.message).toMatch(/^expected UTF-8, found Mac Cyrillic \(Ukrainian\) \(detected with \d+% confidence\); the file was converted$/);
      expect(rows.map((r) => [r.line, r.cells[4]])).toEqual(words.map((w, i) => [i + 2, w]));
    });
  }

  it('Mac Cyrillic without ґ keeps the name maccyrillic, "Mac Cyrillic" in the message', async () => {
    const path = join(tempDir(), 'UKR_maccyrillic.csv');
    writeFileSync(path, iconv.encode('REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,COMMENT\rUKR,2025,SOM_OFF,1,Попередні дані\r', 'maccyrillic'));
    const { read } = await readRows(store, path, 'mac');
    expect(read.encoding).toBe('maccyrillic');
    expect(read.issues[0]!.message).toMatch(/^expected UTF-8, found Mac Cyrillic \(detected/);
  });

  it('scores the Windows readings of Mac pages as implausible', () => {
    expect(plausibility('„анные')).toBe(0);
    expect(plausibility('Џересмотрено Њинистерством внутренних дел')).toBeLessThan(0.5);
    expect(plausibility('°διλάνατα')).toBe(0);
    expect(plausibility('λαταηςΐζθλαξ')).toBe(0);
    expect(plausibility('Άλτένθσθ')).toBe(0);
    expect(plausibility('Αδικήματα που καταγράφηκαν, Εκτίμηση')).toBe(1);
  });
});

describe('DOS (OEM) pages, as Excel\'s "CSV (MS-DOS)" writes, read as a last resort', () => {
  // their letters are the Windows pages' symbols and box drawing: refused before ("„ ­­ë¥ ¯à¥¤¢", windows-1252's cp866)
  const cases: Array<{ state: string; encoding: string; words: string[] }> = [
    { state: 'RUS', encoding: 'cp866', words: ['Данные предварительные', 'Пересмотрено Министерством внутренних дел', 'Включая изъятое оружие'] },
    { state: 'BGR', encoding: 'cp866', words: ['Предварителни данни', 'Оценка'] },
    { state: 'UKR', encoding: 'cp1125', words: ['Попередні дані Національної поліції', 'Ґрунтується на їхніх звітах', 'Єдиний реєстр'] },
    { state: 'ROU', encoding: 'cp852', words: ['Date provizorii; revizuite de Ministerul Afacerilor Interne, înregistrări şi câştiguri', 'Infracţiuni înregistrate'] },
    { state: 'ALB', encoding: 'cp852', words: ['Vepra penale të regjistruara', 'Çështje të hapura'] },
    { state: 'HRV', encoding: 'cp852', words: ['uključujući djecu', 'Procjena MUP-a, žrtve'] },
    { state: 'SRB', encoding: 'cp852', words: ['Krivična dela', 'Procenjeni podaci, uključujući decu'] },
    { state: 'TUR', encoding: 'cp857', words: ['Geçici veriler; İçişleri Bakanlığı düzeltti', 'Emniyet Genel Müdürlüğü verileri', 'Tahmini değer'] },
    { state: 'GRC', encoding: 'cp737', words: ['Προσωρινά στοιχεία του Υπουργείου', 'Αδικήματα που καταγράφηκαν'] },
    { state: 'GRC', encoding: 'cp869', words: ['Αδικήματα που καταγράφηκαν', 'Εκτίμηση'] },
    { state: 'SRB', encoding: 'cp855', words: ['Подаци Министарства унутрашњих послова', 'Кривична дела'] },
    { state: 'MKD', encoding: 'cp855', words: ['Кривични дела евидентирани од полицијата', 'Проценка'] },
    { state: 'BGR', encoding: 'cp855', words: ['Предварителни данни', 'Оценка на МВР'] },
  ];
  const dos = (name: string, encoding: string, state: string, words: string[], eol = '\r\n'): string => {
    const lines = ['REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,COMMENT', ...words.map((w, i) => `${state},2025,SOM_OFF,${i + 1},"${w}"`)];
    const path = join(tempDir(), name);
    writeFileSync(path, iconv.encode(`${lines.join(eol)}${eol}`, encoding));
    return path;
  };
  for (const { state, encoding, words } of cases) {
    for (const word of [undefined, ...words]) {
      const some = word === undefined ? words : [word];
      it(`${state} in ${encoding} (${word === undefined ? 'every comment' : JSON.stringify(word)} alone): detected, every word as written`, async () => {
        const { read, rows } = await readRows(store, dos(`${state}_${encoding}.csv`, encoding, state, some), 'dos');
        expect(read.encoding).toBe(encoding);
        expect(read.issues.map((i) => [i.code, i.value])).toEqual([['ENCODING_CONVERTED', encoding]]);
        expect(rows.map((r) => [r.line, r.cells[4]])).toEqual(some.map((w, i) => [i + 2, w]));
      });
    }
  }

  it('names the page as people know it, with Excel\'s save option, and asks for CSV UTF-8 next time', async () => {
    const { read } = await readRows(store, dos('RUS_866.csv', 'cp866', 'RUS', ['Данные предварительные']), 'dos');
    expect(read.issues).toMatchObject([{
      code: 'ENCODING_CONVERTED',
      value: 'cp866',
      message: 'expected UTF-8, found DOS Cyrillic (cp866), as Excel\'s "CSV (MS-DOS)" writes (detected with 90% confidence); the file was converted',
      hint: 'check that names with accents or non-Latin letters read correctly; next time save the file as "CSV UTF-8" (File > Save As > CSV UTF-8), not "CSV (MS-DOS)"',
    }]);
  });

  it('a cp866 file with a line pasted in UTF-8 reads that line as UTF-8, with ENCODING_MIXED at its line', async () => {
    const path = join(tempDir(), 'cp866_mixed.csv');
    writeFileSync(path, Buffer.concat([
      iconv.encode('REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,COMMENT\r\nRUS,2025,SOM_OFF,10,Данные предварительные\r\n', 'cp866'),
      Buffer.from('RUS,2025,FA_OFF,11,Оценка МВД\r\n', 'utf8'),
      iconv.encode('RUS,2025,TIP_VIC,12,Пересмотрено Министерством внутренних дел\r\n', 'cp866'),
    ]));
    const { read, rows } = await readRows(store, path, 'dos');
    expect(read.issues.map((i) => [i.code, i.line, i.value])).toEqual([['ENCODING_CONVERTED', null, 'cp866'], ['ENCODING_MIXED', 3, null]]);
    expect(rows.map((r) => r.cells[4])).toEqual(['Данные предварительные', 'Оценка МВД', 'Пересмотрено Министерством внутренних дел']);
  });

  it('is never read in a file with bare CR line breaks ("CSV (Macintosh)" writes them, "CSV (MS-DOS)" never): an Albanian cp852 file so is refused', async () => {
    // Mac Roman reads its bytes as "tâ Äâshtje", a near-tie with cp852's "të Çështje": nothing tells them apart there
    const { read } = await readRows(store, dos('ALB_852_cr.csv', 'cp852', 'ALB', ['Vepra penale të regjistruara', 'Çështje të hapura'], '\r'), 'dos');
    expect(read.issues.map((i) => i.code)).toEqual(['ENCODING_UNDECODABLE']);
  });

  it('a Ukrainian return in cp866 proper, with the Latin i for the і cp866 lacks, is refused: its words mix scripts', async () => {
    const { read } = await readRows(store, dos('UKR_866.csv', 'cp866', 'UKR', ['Попереднi данi', 'Кримiнальнi правопорушення']), 'dos');
    expect(read.issues.map((i) => i.code)).toEqual(['ENCODING_UNDECODABLE']);
  });

  it('Mac Cyrillic with CR LF or LF breaks keeps its reading ("Оценка" alone; cp866 reads "ОЎхэър", ў a Belarusian letter)', async () => {
    for (const eol of ['\r\n', '\n']) {
      const { read, rows } = await readRows(store, dos('BGR_mac_crlf.csv', 'maccyrillic', 'BGR', ['Оценка'], eol), 'dos');
      expect(read.issues.map((i) => [i.code, i.value])).toEqual([['ENCODING_CONVERTED', 'maccyrillic']]);
      expect(rows[0]!.cells[4]).toBe('Оценка');
    }
    expect(plausibility('ОЎхэър')).toBe(0);
  });

  it('a Ukrainian Mac Cyrillic "Ґудзик" alone is macukraine (was windows-1251 "ўудзик")', async () => {
    const { read, rows } = await readRows(store, dos('UKR_macukraine_one.csv', 'macukraine', 'UKR', ['Ґудзик'], '\r'), 'dos');
    expect(read.issues.map((i) => [i.code, i.value])).toEqual([['ENCODING_CONVERTED', 'macukraine'], ['LINE_ENDINGS_CONVERTED', null]]);
    expect(rows[0]!.cells[4]).toBe('Ґудзик');
  });

  // short files of a few letters, which no Windows page reads clearly (some refused, some half plausible): a DOS page
  // that reads them as a plausible word takes none of them (windows-1254's "İl" is cp852's Romanian "Ţl", windows-1253's
  // "εκτ." cp869's "λπχ."); a Bulgarian "ъ" alone, read as Mac Greek "ζ" before, is refused, cp855's "Щ" its rival; a
  // Romanian return's Russian "Оценка", a whole word windows-1250 reads "Îöĺíęŕ", is windows-1251's (was: refused)
  for (const [encoding, state, comment, expected] of [
    ['windows-1254', 'ROU', 'İl', undefined], ['windows-1253', 'ROU', 'εκτ.', undefined], ['windows-1251', 'ROU', 'Оценка', 'windows-1251'],
    ['windows-1251', 'RUS', 'МВД', 'windows-1251'], ['windows-1251', 'BGR', 'ъ', undefined], ['windows-1250', 'ROU', 'ţ', 'windows-1250'],
    ['windows-1250', 'HRV', 'č', 'windows-1250'], ['windows-1254', 'TUR', 'ğ', 'windows-1254'], ['windows-1254', 'TUR', 'İl', 'windows-1254'],
    ['windows-1253', 'GRC', 'εκτ.', 'windows-1253'], ['windows-1253', 'GRC', 'Ω', 'windows-1253'], ['windows-1252', 'ALB', 'të', 'windows-1250'],
    ['windows-1252', 'ROU', 'Müller', 'windows-1250'], ['windows-1252', 'ROU', '±5%', 'windows-1250'],
  ] as const) {
    it(`a short ${encoding} ${state} comment "${comment}" reads as before (${expected ?? 'refused'}), never in a DOS page`, async () => {
      const path = join(tempDir(), 'short.csv');
      writeFileSync(path, iconv.encode(`REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,COMMENT\r\n${state},2025,SOM_OFF,10,${comment}\r\n`, encoding));
      const { read, rows } = await readRows(store, path, 'dos');
      if (expected === undefined) {
        expect(read.issues.map((i) => i.code)).toEqual(['ENCODING_UNDECODABLE']);
      } else {
        expect(read.issues.map((i) => [i.code, i.value])).toEqual([['ENCODING_CONVERTED', expected]]);
        expect(rows[0]!.cells[4]).toBe(comment);
      }
    });
  }
});

describe('text converted to UTF-8 twice (UTF-8 read as windows-1252 and saved as UTF-8 again)', () => {
  const twice = (text: string): string => iconv.decode(Buffer.from(text, 'utf8'), 'windows-1252');

  it('warns at each distinct value\'s first line and column, naming what it reads as once repaired, and keeps it as written', async () => {
    const lines = [
      'REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,COMMENT',
      'BGR,2025,SOM_OFF,10,Данни на МВР',
      `BGR,2025,SOM_OFF,11,${twice('Предварителни данни')}`,
      `BGR,2025,FA_OFF,12,${twice('Предварителни данни')}`,
      `TUR,2025,SOM_OFF,13,${twice('İstanbul Emniyet Müdürlüğü')}`,
      `ROU,2025,SOM_OFF,14,${twice('Données reçues')}`,
      'ROU,2025,SOM_OFF,15,Curaçao Côte d’Ivoire',
    ];
    const path = join(tempDir(), 'double.csv');
    writeFileSync(path, `${lines.join('\r\n')}\r\n`);
    const { read, rows } = await readRows(store, path, 'dbl');
    expect(read.encoding).toBe('utf-8');
    expect(read.issues.map((i) => [i.code, i.severity, i.line, i.column, i.value])).toEqual([
      ['ENCODING_DOUBLE_UTF8', 'warning', 3, 'COMMENT', 'ÐŸÑ€ÐµÐ´Ð²Ð°Ñ€Ð¸Ñ‚ÐµÐ»Ð½Ð¸ Ð´Ð°Ð½Ð½Ð¸'],
      ['ENCODING_DOUBLE_UTF8', 'warning', 5, 'COMMENT', 'Ä°stanbul Emniyet MÃ¼dÃ¼rlÃ¼ÄŸÃ¼'],
      ['ENCODING_DOUBLE_UTF8', 'warning', 6, 'COMMENT', 'DonnÃ©es reÃ§ues'],
    ]);
    expect(read.issues[0]!.message).toBe(
      'expected text as written, found text that looks converted to UTF-8 twice: it reads "Предварителни данни" once repaired; the value was kept as written (1 more row of COMMENT below holds it)',
    );
    expect(read.issues[1]!.message).toContain('it reads "İstanbul Emniyet Müdürlüğü" once repaired');
    expect(read.issues[0]!.hint).toBe('save the file as UTF-8 once, from the original: a program read the UTF-8 text as windows-1252 and saved it as UTF-8 again');
    expect(rows.map((r) => r.cells[4])).toEqual(['Данни на МВР', twice('Предварителни данни'), twice('Предварителни данни'), twice('İstanbul Emniyet Müdürlüğü'), twice('Données reçues'), 'Curaçao Côte d’Ivoire']);
  });

  it('through Latin-1 (C1 controls for letters\' second bytes 0x80-0x9F): an error saying so, with the repaired reading, the row unread', async () => {
    const latin1 = (text: string): string => iconv.decode(Buffer.from(text, 'utf8'), 'latin1');
    const lines = [
      'REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,COMMENT',
      `BGR,2025,SOM_OFF,10,${latin1('Предварителни данни')}`,
      'BGR,2025,SOM_OFF,11,Данни на МВР',
      `ROU,2025,SOM_OFF,12,${latin1('Număr provizoriu')}`,
      'ROU,2025,SOM_OFF,13,a\u0085b',
    ];
    const path = join(tempDir(), 'double_latin1.csv');
    writeFileSync(path, `${lines.join('\r\n')}\r\n`);
    const { read, rows } = await readRows(store, path, 'dbl');
    expect(read.issues.map((i) => [i.code, i.severity, i.line, i.column, i.value])).toEqual([
      ['CONTROL_CHARACTER', 'error', 2, 'COMMENT', 'Ð\\u009fÑ\\u0080ÐµÐ´Ð²Ð°Ñ\\u0080Ð¸Ñ\\u0082ÐµÐ»Ð½Ð¸ Ð´Ð°Ð½Ð½Ð¸'],
      ['CONTROL_CHARACTER', 'error', 4, 'COMMENT', 'NumÄ\\u0083r provizoriu'],
      ['CONTROL_CHARACTER', 'error', 5, 'COMMENT', 'a\\u0085b'],
    ]);
    expect(read.issues[0]!.message).toBe(
      'expected text, found text that looks converted to UTF-8 twice, through Latin-1, which made a letter\'s second byte control character U+009F (at character 2 of the cell): it reads "Предварителни данни" once repaired',
    );
    expect(read.issues[0]!.hint).toBe('save the file as UTF-8 once, from the original: a program read the UTF-8 text as Latin-1 and saved it as UTF-8 again');
    expect(read.issues[1]!.message).toContain('U+0083 (at character 5 of the cell): it reads "Număr provizoriu" once repaired');
    // a C1 control in text that reads as nothing once "repaired" is the control character it is
    expect(read.issues[2]!.message).toBe('expected text, found a next-line character (control character U+0085) at character 2 of the cell');
    expect(rows.map((r) => [r.line, r.cells[4]])).toEqual([[3, 'Данни на МВР']]);
  });

  it('takes no text as written for converted twice: accents before typographic marks, a lone "Â©", Cyrillic, names of the world', async () => {
    const comments = ['café’s “data”', 'Â© MVR', 'SÃO PAULO', 'Кримінальні правопорушення', 'Curaçao, Türkiye, Côte d’Ivoire', 'Număr provizoriu – 2025'];
    const path = join(tempDir(), 'not_double.csv');
    writeFileSync(path, `REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,COMMENT\n${comments.map((c, i) => `ROU,2025,SOM_OFF,${i},"${c}"`).join('\n')}\n`);
    const { read, rows } = await readRows(store, path, 'dbl');
    expect(read.issues).toEqual([]);
    expect(rows.map((r) => r.cells[4])).toEqual(comments);
  });
});
