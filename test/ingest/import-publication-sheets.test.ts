import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/warehouse.js';

const HEADER = ['Iso3_code', 'Country', 'Region', 'Subregion', 'Indicator', 'Dimension', 'Category', 'Sex', 'Age', 'Year', 'Unit of measurement', 'VALUE', 'Source'];
const ROW = ['ROU', 'Romania', 'Europe', 'Eastern Europe', 'Arms seized', 'Total', 'Total', 'Total', 'Total', 2020, 'Counts', 201, 'IAFQ'];

async function importWorkbook(build: (workbook: ExcelJS.Workbook) => void): Promise<string> {
  const dir = tempDir();
  const file = join(dir, 'data_iafq_resaved.xlsx');
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  await workbook.xlsx.writeFile(file);
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ archive: join(dir, 'archive') }));
  const result = await runCli(['import', 'unodc', file, '--warehouse', join(dir, 'warehouse.duckdb'), '--config', join(dir, 'config.json')]);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('1 row: 1 loaded, 0 skipped, 0 unmapped, 0 unreadable');
  return result.stdout;
}

describe('import unodc: the publication date of a dataUNODC workbook re-saved with its sheets reordered', () => {
  it('is read from the data sheet behind a notes sheet put first (it was "no publication date in the file")', async () => {
    const stdout = await importWorkbook((workbook) => {
      workbook.addWorksheet('Notes').addRows([['Notes'], ['Source: UNODC, Illicit Arms Flows Questionnaire (IAFQ)']]);
      workbook.addWorksheet('data_iafq').addRows([['UNODC', 'unodc_ddds@un.org'], ['17/06/2022'], HEADER, ROW]);
    });
    expect(stdout).toContain('published 2022-06-17 (read from row 2 of sheet "data_iafq" of the file)');
  });

  it('is never read from a hidden sheet (an older copy): the download stays undated', async () => {
    const stdout = await importWorkbook((workbook) => {
      workbook.addWorksheet('Backup 2019', { state: 'hidden' }).addRows([['UNODC', 'unodc_ddds@un.org'], ['01/03/2019'], HEADER, ROW]);
      workbook.addWorksheet('data_iafq').addRows([HEADER, ROW]);
    });
    expect(stdout).toContain('no publication date in the file');
  });
});
