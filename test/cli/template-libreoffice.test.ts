import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/warehouse.js';

// The template workbook as LibreOffice Calc 7.4 saves it (test/fixtures/libreoffice/template.xlsx, README.txt there):
// its drop-downs, column widths and fonts are the template's.

/** Returns the workbook at `path`, read by exceljs. */
const open = async (path: string): Promise<ExcelJS.Workbook> => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
};

type Validation = ExcelJS.DataValidation & { showInputMessage?: boolean };
/**
 * A sheet's data validations by cell, as a rule reads: LibreOffice writes the defaults out (showInputMessage="false",
 * errorStyle="stop") and a second formula `0` where the rule takes one (a list, "0 or more").
 */
const validations = (sheet: ExcelJS.Worksheet): Record<string, unknown> => Object.fromEntries(
  Object.entries((sheet as unknown as { dataValidations: { model: Record<string, Validation> } }).dataValidations.model).map(([cell, rule]) => {
    const { showInputMessage, ...rest } = rule;
    expect(showInputMessage ?? false).toBe(false);
    const isRange = rule.operator === 'between' || rule.operator === 'notBetween';
    return [cell, { ...rest, errorStyle: rule.errorStyle ?? 'stop', formulae: rule.type === 'list' || !isRange ? rule.formulae.slice(0, 1) : rule.formulae }];
  }),
);

describe('template --out ROU_2025.xlsx, opened and saved by LibreOffice Calc', () => {
  let template: ExcelJS.Workbook;
  let saved: ExcelJS.Workbook;
  beforeAll(async () => {
    const path = join(tempDir(), 'ROU_2025.xlsx');
    expect((await runCli(['template', '--state', 'ROU', '--year', '2025', '--out', path])).code).toBe(0);
    template = await open(path);
    saved = await open(join(PROJECT_ROOT, 'test/fixtures/libreoffice/template.xlsx'));
  });

  it('keeps every drop-down of the sheet "Return": the same list, blank allowed, error style and message, cell by cell', () => {
    const before = validations(template.getWorksheet('Return')!);
    expect(Object.keys(before)).toHaveLength(206 * 9);
    expect(validations(saved.getWorksheet('Return')!)).toEqual(before);
    expect(saved.getWorksheet('Return')!.getCell('D2').dataValidation).toMatchObject({ type: 'list', formulae: ['Codes!$G$2:$G$5', '0'], errorStyle: 'stop', errorTitle: 'SEX' });
  });

  it('keeps the sheets, their column widths and the bold headers in the template\'s font (Calibri: LibreOffice showed them in Cambria)', () => {
    expect(saved.worksheets.map((sheet) => sheet.name)).toEqual(['Return', 'Codes', 'Read me']);
    for (const name of ['Return', 'Codes', 'Read me']) {
      expect(saved.getWorksheet(name)!.columns.map((c) => c.width)).toEqual(template.getWorksheet(name)!.columns.map((c) => c.width));
    }
    // a bold font named no typeface, which LibreOffice takes from the theme's headings font, Cambria, and saves so
    expect(template.getWorksheet('Return')!.getCell('A1').font).toMatchObject({ bold: true, name: 'Calibri', size: 11 });
    expect(saved.getWorksheet('Return')!.getCell('A1').font).toMatchObject({ bold: true, name: 'Calibri', size: 11 });
    expect(saved.getWorksheet('Codes')!.getCell('A1').font).toMatchObject({ bold: true, name: 'Calibri', size: 11 });
    expect(saved.getWorksheet('Read me')!.getCell('A1').font).toMatchObject({ bold: true, name: 'Calibri', size: 13 });
  });
});
