import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { splitHeader } from '../../src/io/split-header.js';
import type { Store } from '../../src/store/index.js';
import { accountedRows, importFixture, importForTest } from '../helpers/import.js';
import { openTestWarehouse, tempDir } from '../helpers/warehouse.js';

let store: Store;
beforeEach(async () => {
  store = await openTestWarehouse();
});
afterEach(() => store.close());

const seized = () =>
  store.all<{ ref_area: string; obs_value: number; line: number }>(
    `select ref_area, obs_value, line from observation where indicator = 'FA_SEIZED' order by ref_area`,
  );

describe('import unodc: the header is found by its content, whatever the layout', () => {
  it.each([
    ['reordered.csv', 3, 'Iso3_code not in the first column (VALUE first)'],
    ['renamed.csv', 3, '"ISO3 Code", "Dimension ", "YEAR", "Unit", "txtVALUE"'],
    ['semicolon.csv', 3, 'semicolon-delimited'],
    ['long-preamble.csv', 13, '12 preamble lines'],
    ['excel-sep.csv', 2, 'an Excel "sep=," first line, CRLF'],
  ])('%s (header on line %i: %s)', async (file, headerLine) => {
    const report = await importForTest(store, 'unodc', importFixture('unodc-layouts', file));
    expect(report).toMatchObject({ status: 'imported', dataset: 'IAFQ', rows: 2, loaded: 2 });
    expect(accountedRows(report)).toBe(2);
    expect(await seized()).toEqual([
      { ref_area: 'ROU', obs_value: 201, line: headerLine + 1 },
      { ref_area: 'SRB', obs_value: 1258, line: headerLine + 2 },
    ]);
  });
});

describe('import unodc: a workbook is told by its bytes, not its name', () => {
  it('the GLOTIP workbook saved under a .xls name reads as the .xlsx does', async () => {
    const path = join(tempDir(), 'data_glotip.xls');
    copyFileSync(importFixture('unodc-glotip', 'data_glotip.xlsx'), path);
    const report = await importForTest(store, 'unodc', path);
    expect(report).toMatchObject({ status: 'imported', dataset: 'GLOTIP', rows: 18, loaded: 10, unmapped: 8 });
  });
});

describe('import: counts with decimals are listed, not loaded (as a return would be refused)', () => {
  it('UNODC: 201.5 arms seized', async () => {
    const report = await importForTest(store, 'unodc', importFixture('unodc-layouts', 'decimal.csv'));
    expect(report).toMatchObject({ rows: 2, loaded: 1, unreadable: 1 });
    expect(await store.all(`select code, line, "column", value, message from validation_issue`)).toEqual([
      { code: 'IMPORT_UNREADABLE', line: 2, column: 'VALUE', value: '201.5', message: 'expected a whole number for FA_SEIZED (a count), found "201.5": not imported' },
    ]);
  });

  it('Eurostat: 1234.5 offences of corruption (unit NR); rates keep their decimals and are skipped as rates', async () => {
    const report = await importForTest(store, 'eurostat', importFixture('eurostat', 'decimal.tsv'));
    expect(report).toMatchObject({ rows: 4, loaded: 1, unreadable: 1, skipped: { rate: 2 } });
    expect(await store.all(`select code, line, "column", value, message from validation_issue where code = 'IMPORT_UNREADABLE'`)).toEqual([
      { code: 'IMPORT_UNREADABLE', line: 2, column: '2020', value: '1234.5 ', message: 'expected a whole number for COR_OFF (a count, unit NR), found "1234.5 ": not imported' },
    ]);
    expect(await store.all(`select time_period, obs_value, obs_status from observation`)).toEqual([{ time_period: 2021, obs_value: 1200, obs_status: 'P' }]);
  });
});

describe('import unodc: a Windows-1252 download is read so that its country names resolve', () => {
  it('Türkiye and Côte d’Ivoire as citizenships (written as UTF-8 mojibake inside a Windows-1252 file) all resolve', async () => {
    const report = await importForTest(store, 'unodc', importFixture('unodc-glotip', 'glotip_citizenship_cp1252.csv'));
    expect(report).toMatchObject({ rows: 15, loaded: 15, unmapped: 0 });
    expect(report.issues).toEqual([expect.objectContaining({ code: 'ENCODING_CONVERTED', value: 'windows-1252' })]);
    expect(
      await store.all(`select counterpart_area, count(*)::integer as n from observation where indicator = 'TIP_VIC' group by all order by counterpart_area`),
    ).toEqual([
      { counterpart_area: 'CIV', n: 3 },
      { counterpart_area: 'TUR', n: 3 },
    ]);
  });
});

describe('import unodc: rates are never loaded as counts, whatever the unit says', () => {
  it('"per 100,000 population" and "Counts per 100,000" are rates; an empty unit is skipped as such; "Counts" in any case loads', async () => {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tempDir } = await import('../helpers/warehouse.js');
    const lines = readFileSync(importFixture('unodc-layouts', 'reordered.csv'), 'utf8').split(/\r?\n/).filter((l) => l !== '');
    const header = lines[2]!;
    const unitAt = header.split(',').indexOf('Unit of measurement');
    const withUnit = (line: string, unit: string) => line.split(',').map((cell, i) => (i === unitAt ? `"${unit}"` : cell)).join(',');
    const path = join(tempDir(), 'units.csv');
    writeFileSync(path, [lines[0], lines[1], header, withUnit(lines[3]!, 'per 100,000 population'), withUnit(lines[3]!, 'Counts per 100,000'), withUnit(lines[3]!, ''), withUnit(lines[3]!, 'COUNTS')].join('\n'));
    const report = await importForTest(store, 'unodc', path);
    expect(report).toMatchObject({ rows: 4, loaded: 1, skipped: { rate: 2, unit: 1 } });
    expect(await store.all(`select line, code, value from validation_issue order by line`)).toEqual([
      { line: 4, code: 'IMPORT_SKIPPED_RATE', value: 'per 100,000 population' },
      { line: 5, code: 'IMPORT_SKIPPED_RATE', value: 'Counts per 100,000' },
      { line: 6, code: 'IMPORT_SKIPPED_UNIT', value: null },
    ]);
    expect(report.reasons.find((r) => r.code === 'IMPORT_SKIPPED_UNIT')?.reason).toBe('no unit of measurement');
    expect(await seized()).toEqual([{ ref_area: 'ROU', obs_value: 201, line: 7 }]);
  });
});

describe('import unodc: footnotes below the data ("Source: …", "Note: …")', () => {
  // the IAFQ fixture's 11 rows (header on line 3), columns reversed, under a title and above two footnotes
  const rows = readFileSync(importFixture('unodc-iafq', 'data_iafq_firearms_trafficking.csv'), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/)
    .filter((line) => line !== '').slice(2).map((line) => splitHeader(line, ',').reverse());
  const notes = ['Source: UNODC, Illicit Arms Flows Questionnaire (IAFQ), 2022.', 'Note: "<5" means fewer than five.'];

  it.each(['csv', 'xlsx'])('as %s: each footnote is skipped as a note of the download, at its line, with its text; the rows load as published', async (kind) => {
    const path = join(tempDir(), `iafq_notes.${kind}`);
    if (kind === 'csv') {
      const quote = (cell: string) => (/[",]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
      writeFileSync(path, [['Firearms trafficking'], ...rows, ...notes.map((note) => [note])].map((cells) => cells.map(quote).join(',')).join('\r\n'));
    } else {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('data_iafq');
      sheet.addRows([['Firearms trafficking'], ...rows, ...notes.map((note) => [note])]);
      await book.xlsx.writeFile(path);
    }
    const report = await importForTest(store, 'unodc', path);
    // was: skipped as 'no unit of measurement' at column "Unit of measurement" with no value
    expect(report).toMatchObject({ status: 'imported', dataset: 'IAFQ', rows: 13, loaded: 10, unmapped: 1, skipped: { missing: 2 }, unreadable: 0 });
    expect(accountedRows(report)).toBe(13);
    expect(await store.all(`select ref_area, obs_value, line from observation where indicator = 'FA_SEIZED' and breakdown = '_T' order by line`)).toEqual([
      { ref_area: 'ROU', obs_value: 201, line: 3 },
      { ref_area: 'XKX', obs_value: 388, line: 10 },
      { ref_area: 'SRB', obs_value: 1520, line: 11 },
    ]);
    expect(await store.all(`select line, "column", value, message from validation_issue where code = 'IMPORT_SKIPPED_MISSING' order by line`)).toEqual([
      // the columns reversed, a footnote's first cell is under Source
      { line: 14, column: 'Source', value: notes[0], message: `expected a row, found the note "${notes[0]}" (no Indicator, Year, Unit or VALUE): not imported` },
      { line: 15, column: 'Source', value: notes[1], message: `expected a row, found the note "${notes[1]}" (no Indicator, Year, Unit or VALUE): not imported` },
    ]);
  });
});

describe('import unodc: an empty row (",,,,", as Excel leaves one below the data)', () => {
  it('is skipped as missing, "found an empty row"', async () => {
    const path = join(tempDir(), 'iafq_empty_row.csv');
    writeFileSync(path, [
      'Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,VALUE,Source',
      'ROU,Romania,Europe,Eastern Europe,Arms seized,Total,Total,na,na,2021,Counts,230,IAFQ',
      ',,,,,,,,,,,,',
      '',
    ].join('\r\n'));
    const report = await importForTest(store, 'unodc', path);
    expect(report).toMatchObject({ rows: 2, loaded: 1, skipped: { missing: 1 } });
    expect(await store.all('select line, "column", value, message from validation_issue')).toEqual([
      { line: 3, column: 'Iso3_code', value: null, message: 'expected a row, found an empty row: not imported' },
    ]);
  });
});

describe("import: a download saved by Excel as Unicode text (UTF-16 with its byte-order mark, tab-delimited)", () => {
  /** Returns the fixture's rows written as Excel's "Unicode text": UTF-16LE with a BOM, tabs, CR LF. */
  const unicodeText = (source: string, name: string): string => {
    const rows = readFileSync(source, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter((line) => line !== '').map((line) => splitHeader(line, ','));
    const path = join(tempDir(), name);
    const quote = (cell: string) => (/[\t"]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
    writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${rows.map((cells) => cells.map(quote).join('\t')).join('\r\n')}\r\n`, 'utf16le')]));
    return path;
  };

  it('UNODC: the IAFQ fixture loads as the CSV does, at the same lines (was: IMPORT_NOT_UNODC, no header found)', async () => {
    const report = await importForTest(store, 'unodc', unicodeText(importFixture('unodc-iafq', 'data_iafq_firearms_trafficking.csv'), 'iafq.txt'));
    expect(report).toMatchObject({ status: 'imported', dataset: 'IAFQ', rows: 11, loaded: 10, unmapped: 1 });
    expect(accountedRows(report)).toBe(11);
    expect(await store.all(`select ref_area, obs_value, line from observation where indicator = 'FA_SEIZED' and breakdown = '_T' order by line`)).toEqual([
      { ref_area: 'ROU', obs_value: 201, line: 4 },
      { ref_area: 'XKX', obs_value: 388, line: 11 },
      { ref_area: 'SRB', obs_value: 1520, line: 12 },
    ]);
  });

  it('World Bank: the wide download (4 preamble lines) loads as the CSV does', async () => {
    const report = await importForTest(store, 'worldbank', unicodeText(importFixture('worldbank', 'API_SP.POP.TOTL_DS2_en_csv_v2.csv'), 'API_SP.POP.TOTL.txt'));
    expect(report).toMatchObject({ status: 'imported', dataset: 'SP.POP.TOTL' });
    expect(await store.all(`select ref_area, year, persons from population where ref_area = 'ROU' and year = 2020`)).toEqual([{ ref_area: 'ROU', year: 2020, persons: 19265250 }]);
  });
});
