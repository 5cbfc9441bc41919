import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/warehouse.js';

// the IAFQ download's preamble and rows, its header translated into French by the analyst who re-saved it
const TRANSLATED = [
  '\uFEFFUNODC,unodc_ddds@un.org,,,,,,,,,,,',
  '17/06/2022,,,,,,,,,,,,',
  'Code_iso3,Pays,Région,Sous-région,Indicateur,Dimension,Catégorie,Sexe,Âge,Année,Unité de mesure,VALEUR,Source',
  'ROU,Romania,Europe,Eastern Europe,Arms seized,Total,Total,Total,Total,2020,Counts,201,IAFQ',
  'BGR,Bulgaria,Europe,Eastern Europe,Arms seized,Total,Total,Total,Total,2020,Counts,"1,011",IAFQ',
  '',
].join('\r\n');

describe('import unodc: a dataUNODC download whose header was translated or renamed', () => {
  it('is refused at its header line naming the columns it lacks and what it found (was: line 1, "is this a Eurostat or World Bank file?")', async () => {
    const dir = tempDir();
    const file = join(dir, 'iafq_fr.csv');
    writeFileSync(file, TRANSLATED);
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ archive: join(dir, 'archive') }));
    const result = await runCli(['import', 'unodc', file, '--warehouse', join(dir, 'warehouse.duckdb'), '--config', join(dir, 'config.json')]);
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr).toContain(
      'iafq_fr.csv:3 column Iso3_code: expected a dataUNODC header naming Iso3_code, Indicator, Category, Sex, Age, Year, Unit of measurement, VALUE, '
      + 'found on line 3 the header "Code_iso3", "Pays", "Région", "Sous-région", "Indicateur", "Dimension", "Catégorie", "Sexe", "Âge", "Année", '
      + '"Unité de mesure", "VALEUR", "Source" above rows laid out as a dataUNODC download\'s (a country code, a year): a header translated or renamed, not imported [IMPORT_COLUMN_MISSING]',
    );
    expect(result.stderr).toContain("hint: give the columns dataUNODC's English names (Iso3_code, Country, Region, Subregion, Indicator, Dimension, Category, Sex, Age, Year, Unit of measurement, VALUE, Source)");
    expect(result.stdout).toContain('iafq_fr.csv: not imported (IMPORT_COLUMN_MISSING)');
  });

  it('is refused alike in a workbook, at its sheet row (it was IMPORT_NOT_UNODC at row 1)', async () => {
    const dir = tempDir();
    const file = join(dir, 'iafq_fr.xlsx');
    const workbook = new ExcelJS.Workbook();
    const lines = TRANSLATED.replace('\uFEFF', '').trim().split('\r\n').map((line) => line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((cell) => cell.replaceAll('"', '')));
    workbook.addWorksheet('data_iafq').addRows(lines.map((cells) => cells.map((cell) => (/^\d{4}$/.test(cell) ? Number(cell) : cell))));
    await workbook.xlsx.writeFile(file);
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ archive: join(dir, 'archive') }));
    const result = await runCli(['import', 'unodc', file, '--warehouse', join(dir, 'warehouse.duckdb'), '--config', join(dir, 'config.json')]);
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr).toContain('iafq_fr.xlsx:3 column Iso3_code: expected a dataUNODC header naming Iso3_code, Indicator, Category, Sex, Age, Year, Unit of measurement, VALUE, '
      + 'found on row 3 the header "Code_iso3", "Pays", "Région"');
    expect(result.stderr).toContain('a header translated or renamed, not imported [IMPORT_COLUMN_MISSING]');
  });
});
