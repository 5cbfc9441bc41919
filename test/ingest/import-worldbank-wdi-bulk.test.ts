import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/warehouse.js';
import { writeZip } from '../helpers/xlsx.js';

const YEARS = ['2019', '2020'];
const row = (cells: string[]): string => cells.map((cell) => `"${cell}"`).join(',');
// the WDI bulk download (WDI_CSV.zip): every indicator in WDICSV.csv, its metadata in five more files
const WDICSV = [
  row(['Country Name', 'Country Code', 'Indicator Name', 'Indicator Code', ...YEARS]),
  row(['Bulgaria', 'BGR', 'Population, total', 'SP.POP.TOTL', '6975761', '6934015']),
  row(['Romania', 'ROU', 'Population, total', 'SP.POP.TOTL', '19371648', '19265250']),
  row(['Romania', 'ROU', 'Population, female', 'SP.POP.TOTL.FE.IN', '9925454', '9876212']),
  row(['Romania', 'ROU', 'Intentional homicides (per 100,000 people)', 'VC.IHR.PSRC.P5', '1.3', '1.4']),
  '',
].join('\n');

describe('import worldbank: the WDI bulk download as downloaded (WDI_CSV.zip)', () => {
  it('reads SP.POP.TOTL from WDICSV.csv, every other series unmapped (it was refused: "expected an .xlsx workbook, found a zip archive …")', async () => {
    const dir = tempDir();
    const file = join(dir, 'WDI_CSV.zip');
    writeZip(file, [
      ['WDICSV.csv', WDICSV],
      ['WDICountry.csv', `${row(['Country Code', 'Short Name'])}\n${row(['ROU', 'Romania'])}\n`],
      ['WDISeries.csv', `${row(['Series Code', 'Indicator Name'])}\n${row(['SP.POP.TOTL', 'Population, total'])}\n`],
      ['WDICountry-Series.csv', `${row(['CountryCode', 'SeriesCode', 'DESCRIPTION'])}\n`],
      ['WDISeries-Time.csv', `${row(['SeriesCode', 'Year', 'DESCRIPTION'])}\n`],
      ['WDIfootnote.csv', `${row(['CountryCode', 'SeriesCode', 'Year', 'DESCRIPTION'])}\n`],
    ]);
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ archive: join(dir, 'archive') }));
    const common = ['--warehouse', join(dir, 'warehouse.duckdb'), '--config', join(dir, 'config.json')];
    const result = await runCli(['import', 'worldbank', file, ...common]);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('WDI_CSV.zip: imported as submission 1 (WORLDBANK SP.POP.TOTL), values for 2 states');
    expect(result.stdout).toContain('8 rows: 4 loaded, 0 skipped, 4 unmapped, 0 unreadable');
    const population = await runCli(['query', '--format', 'csv', 'select ref_area, year, persons from population order by all', ...common]);
    expect(population.stdout.trim()).toBe('ref_area,year,persons\nBGR,2019,6975761\nBGR,2020,6934015\nROU,2019,19371648\nROU,2020,19265250');
  });
});
