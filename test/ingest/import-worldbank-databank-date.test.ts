import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/warehouse.js';

// DataBank's CSV extract ends with its notes; the World Bank writes dates month first (12/16/2024 is 16 December)
const extract = (updated: string): string => [
  'Country Name,Country Code,Series Name,Series Code,2019 [YR2019],2020 [YR2020]',
  'Romania,ROU,"Population, total",SP.POP.TOTL,19371648,19265250',
  ',,,,,',
  'Data from database: World Development Indicators,,,,,',
  `Last Updated: ${updated},,,,,`,
  '',
].join('\n');

async function importExtract(updated: string): Promise<string> {
  const dir = tempDir();
  const file = join(dir, 'P_Data_Extract_From_World_Development_Indicators.csv');
  writeFileSync(file, extract(updated));
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ archive: join(dir, 'archive') }));
  const result = await runCli(['import', 'worldbank', file, '--warehouse', join(dir, 'warehouse.duckdb'), '--config', join(dir, 'config.json')]);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('8 rows: 2 loaded, 6 skipped, 0 unmapped, 0 unreadable');
  return result.stdout;
}

describe("import worldbank: DataBank's 'Last Updated' date, month first", () => {
  it('reads 07/01/2025 as 1 July 2025 (it was 7 January, ranking the extract older than it is)', async () => {
    expect(await importExtract('07/01/2025')).toContain('published 2025-07-01 (read from line 5 of the file)');
  });

  it('reads 12/16/2024 as 16 December 2024 (it was no date at all: no month 16)', async () => {
    expect(await importExtract('12/16/2024')).toContain('published 2024-12-16 (read from line 5 of the file)');
  });
});
