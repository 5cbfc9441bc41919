import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.js';
import { tempDir } from '../helpers/warehouse.js';
import { readRows } from './read-helper.js';

let store: Store;
beforeAll(async () => (store = await openStore(':memory:')));
afterAll(() => store.close());

// DuckDB skips the header with its CSV state machine: text after a header cell's closing quote made it skip the
// whole file, without a reject (LINES_UNRECONCILED: "found 0 read and 0 rejected")
describe('a header cell with characters after its closing quote', () => {
  const cases: Array<{ name: string; bytes: Buffer; header: string[] }> = [
    {
      name: 'a no-break space (Excel, pasted header), BOM, CR LF',
      bytes: Buffer.from('\ufeff"REF_AREA","TIME_PERIOD"\u00a0,"INDICATOR","OBS_VALUE"\r\n"ROU","2025","TIP_VIC","12"\r\n"ROU","2025","TIP_OFF","3"\r\n'),
      header: ['REF_AREA', 'TIME_PERIOD\u00a0', 'INDICATOR', 'OBS_VALUE'],
    },
    {
      name: 'a letter, LF, after an Excel sep= line',
      bytes: Buffer.from('sep=;\n"REF_AREA";"TIME_PERIOD"x;INDICATOR;OBS_VALUE\nROU;2025;TIP_VIC;12\nROU;2025;TIP_OFF;3\n'),
      header: ['REF_AREA', 'TIME_PERIODx', 'INDICATOR', 'OBS_VALUE'],
    },
    {
      name: 'in a windows-1251 file that is converted first',
      bytes: iconv.encode('"REF_AREA","TIME_PERIOD" ,"INDICATOR","OBS_VALUE","COMMENT"\r\nBGR,2025,TIP_VIC,12,Оценка на полицията\r\nBGR,2025,TIP_OFF,3,Престъпления\r\n', 'windows-1251'),
      header: ['REF_AREA', 'TIME_PERIOD ', 'INDICATOR', 'OBS_VALUE', 'COMMENT'],
    },
  ];
  for (const { name, bytes, header } of cases) {
    it(`reads every data line (${name})`, async () => {
      const path = join(tempDir(), 'header.csv');
      writeFileSync(path, bytes);
      const { read, rows } = await readRows(store, path, 'hq');
      expect(read.issues.filter((i) => i.code !== 'ENCODING_CONVERTED')).toEqual([]);
      expect(read.header).toEqual(header);
      const first = read.headerLine + 1;
      expect(rows.map((r) => [r.line, r.cells[2], r.cells[3]])).toEqual([[first, 'TIP_VIC', '12'], [first + 1, 'TIP_OFF', '3']]);
      expect(read.recordCount).toBe(2);
    });
  }
});

describe('a header cell whose quote is never closed', () => {
  it('is one QUOTE_UNTERMINATED error at line 1 swallowing every line, without LINES_UNRECONCILED', async () => {
    const path = join(tempDir(), 'open.csv');
    writeFileSync(path, 'REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,"COMMENT\nROU,2025,TIP_VIC,12,\nROU,2025,TIP_OFF,3,\n');
    const { read, rows } = await readRows(store, path, 'hu');
    expect(read.issues.map((i) => [i.code, i.line, i.message])).toEqual([
      ['QUOTE_UNTERMINATED', 1, 'expected a closing quote, found none: the quote opened here runs to the end of the file and swallows lines 1–3'],
    ]);
    expect(rows).toEqual([]);
  });
});
