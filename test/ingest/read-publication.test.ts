import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDate, readPublication } from '../../src/ingest/import/read-publication.js';
import { importFixture } from '../helpers/import.js';
import { tempDir } from '../helpers/warehouse.js';

describe('readPublication: the date a download carries', () => {
  it.each([
    ['UNODC CSV, the date under the publisher line', importFixture('unodc-iafq', 'data_iafq_firearms_trafficking.csv'), { date: '2022-06-17', where: 'line 2' }],
    ['UNODC workbook, the same in row 2', importFixture('unodc-glotip', 'data_glotip.xlsx'), { date: '2023-05-30', where: 'row 2' }],
    ["Eurostat SDMX-CSV, the column LAST UPDATE (21/03/24 23:00:00)", importFixture('eurostat', 'crim_off_cat_sdmx.csv'), { date: '2024-03-21', where: 'column LAST UPDATE' }],
    ['World Bank API download, "Last Updated Date"', importFixture('worldbank', 'API_SP.POP.TOTL_DS2_en_csv_v2.csv'), { date: '2025-07-01', where: 'line 3' }],
    ['Eurostat TSV: none', importFixture('eurostat', 'crim_off_cat.tsv'), undefined],
    ['World Bank Country Name, Country Code, Year, Value: none', importFixture('worldbank', 'population.csv'), undefined],
    ['UNODC CTS without preamble: none', importFixture('unodc-cts', 'data_cts_corruption.csv'), undefined],
  ])('%s', async (_, path, expected) => {
    expect(await readPublication(path, '2026-11-24')).toEqual(expected);
  });

  it('reads a labelled date in a preamble, and leaves out a date after the import day', async () => {
    const path = join(tempDir(), 'labelled.csv');
    writeFileSync(path, 'Trafficking in persons,,\nDate of publication: 30 May 2023,,\nIso3_code,Year,VALUE\nROU,2020,5\n');
    expect(await readPublication(path, '2026-11-24')).toEqual({ date: '2023-05-30', where: 'line 2' });
    expect(await readPublication(path, '2023-05-29')).toBeUndefined();
  });

  it.each([
    ['17/06/2022', '2022-06-17'], ['21/03/24 23:00:00', '2024-03-21'], ['2025-07-01', '2025-07-01'], ['2025-07-01T10:00:00Z', '2025-07-01'],
    ['30 May 2023', '2023-05-30'], ['May 30, 2023', '2023-05-30'], ['31/02/2023', undefined], ['UNODC', undefined], ['2020', undefined],
  ])('parseDate(%j) is %j', (text, expected) => {
    expect(parseDate(text)).toBe(expected);
  });
});
