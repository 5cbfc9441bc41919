import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/warehouse.js';

const HEADER = 'Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,VALUE';
const ROU = 'ROU,Romania,Europe,Eastern Europe,Arms seized,Total,Total,Total,Total';

async function importCsv(name: string, lines: string[]): Promise<{ stdout: string; query: (sql: string) => Promise<string> }> {
  const dir = tempDir();
  const file = join(dir, name);
  writeFileSync(file, [...lines, ''].join('\r\n'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ archive: join(dir, 'archive') }));
  const common = ['--warehouse', join(dir, 'warehouse.duckdb'), '--config', join(dir, 'config.json')];
  const result = await runCli(['import', 'unodc', file, ...common]);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.code).toBe(0);
  return { stdout: result.stdout, query: async (sql) => (await runCli(['query', '--format', 'csv', sql, ...common])).stdout.trim() };
}

describe('import unodc: a download whose dataset is not one the catalogue maps', () => {
  it('without its Source column, is never guessed from its indicators: a justice download\'s convictions stay out of TIP_CNV', async () => {
    const justice = 'ROU,Romania,Europe,Eastern Europe,Persons convicted,Total,Total,Total,Total';
    const { stdout, query } = await importCsv('justice_export.csv', [HEADER, `${justice},2020,Counts,45000`, `${ROU},2020,Counts,201`]);
    expect(stdout).toContain('justice_export.csv: imported as submission 1 (UNODC UNODC), values for 0 states');
    expect(stdout).toContain('2 rows: 0 loaded, 0 skipped, 2 unmapped, 0 unreadable');
    expect(await query('select count(*) as n from observation')).toBe('n\n0');
    expect(await query('select line, "column", value, message, hint from validation_issue order by line limit 1')).toBe([
      'line,column,value,message,hint',
      '2,Indicator,Persons convicted,"expected a Source column naming the dataset (CTS, GLOTIP, IAFQ), found none, and a file name naming none: not imported",'
      + '"keep the Source column of the download as published, or name the file after its dataset (data_iafq_….csv)"',
    ].join('\n'));
  });

  it('with a Source the catalogue does not map (IDS, WHO), names it on each row (it was "no mapping for …")', async () => {
    const { stdout, query } = await importCsv('data_ids.csv', [`${HEADER},Source`, 'ROU,Romania,Europe,Eastern Europe,Drug seizures,Opioids,Heroin,Total,Total,2021,Counts,42,IDS']);
    expect(stdout).toContain('dataset IDS (Source) is not one unodc_mapping.csv maps (first: line 2)');
    expect(await query('select "column", value, message from validation_issue')).toBe(
      'column,value,message\nSource,IDS,"expected a dataset unodc_mapping.csv maps (CTS, GLOTIP, IAFQ) under Source, found ""IDS"": not imported"',
    );
  });
});

describe('import unodc: a count written without quotes, "1,011" as 1 and 011', () => {
  it('is unreadable where its 011 stands under Source (an empty Source), never loaded as 1', async () => {
    const { stdout, query } = await importCsv('data_iafq.csv', [
      `${HEADER},Source`, `${ROU},2020,Counts,201,IAFQ`, `${ROU},2019,Counts,1,011`, `${ROU},2018,Counts,57,IAFQ`,
    ]);
    expect(stdout).toContain('3 rows: 2 loaded, 0 skipped, 0 unmapped, 1 unreadable');
    expect(await query("select time_period, obs_value from observation where ref_area = 'ROU' order by 1")).toBe('time_period,obs_value\n2018,57\n2020,201');
    expect(await query('select line, "column", value, message, hint from validation_issue order by line')).toBe([
      'line,column,value,message,hint',
      '3,VALUE,"1,011","expected a count under VALUE and the dataset under Source, found ""1"" and ""011"": one figure, 1,011, written without quotes and split over two cells; not imported",'
      + '"quote the figure (""1,011"") or write it without a separator (1011), or download the file again as published"',
    ].join('\n'));
  });
});
