import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { importFixture } from '../helpers/import.js';
import { tempDir } from '../helpers/warehouse.js';

let dir: string;
let common: string[];
beforeAll(() => {
  dir = tempDir();
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ archive: join(dir, 'archive') }));
  common = ['--warehouse', join(dir, 'warehouse.duckdb'), '--config', join(dir, 'config.json')];
});

describe('crimetrends import (CLI)', () => {
  it('prints one JSON document in snake_case with the counts per file; the same file again is a duplicate', async () => {
    const file = importFixture('eurostat', 'crim_off_cat.tsv');
    const first = await runCli(['import', 'eurostat', file, '--json', ...common]);
    expect(first.code).toBe(0);
    const doc = JSON.parse(first.stdout) as { ok: boolean; command: string; files: Array<Record<string, unknown>> };
    expect(doc).toMatchObject({ ok: true, command: 'import', source: 'eurostat' });
    expect(doc.files).toEqual([
      expect.objectContaining({
        file: 'crim_off_cat.tsv', source: 'EUROSTAT', dataset: 'crim_off_cat', status: 'imported', rows: 42, loaded: 18,
        skipped: { missing: 4, aggregate: 3, rate: 3 }, unmapped: 9, unreadable: 5, issue_count: 24, submission_id: 1, states: expect.any(Array),
      }),
    ]);
    expect(first.stdout).not.toMatch(/"[a-z]+[A-Z]\w*":/); // no camelCase key anywhere
    expect(first.stdout).not.toMatch(/duration/);
    const again = await runCli(['import', 'eurostat', file, ...common]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/crim_off_cat\.tsv: duplicate of submission 1 \(EUROSTAT crim_off_cat, received .+\): nothing to do/);
  });

  it('counts the reasons past the first eight in the singular when one is left (it said "… 1 more reasons")', async () => {
    const own = tempDir();
    writeFileSync(join(own, 'config.json'), JSON.stringify({ archive: join(own, 'archive') }));
    const result = await runCli(['import', 'eurostat', importFixture('eurostat', 'crim_off_cat.tsv'),
      '--warehouse', join(own, 'warehouse.duckdb'), '--config', join(own, 'config.json')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('\n  … 1 more reason\n');
    expect(result.stdout).not.toMatch(/1 more reasons/);
  });

  it('imports the good files, rejects the bad one with a located one-line error (recorded and archived), and exits 1', async () => {
    const bad = join(dir, 'regions.csv');
    writeFileSync(bad, 'Region,Population\nEurope,744000000\n');
    const args = ['import', 'worldbank', importFixture('worldbank', 'population.csv'), bad, ...common];
    const result = await runCli(args);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^population\.csv: imported as submission (\d+) \(WORLDBANK SP\.POP\.TOTL\), values for 4 states$/m);
    expect(result.stdout).toMatch(/9 rows: 5 loaded, 3 skipped, 0 unmapped, 1 unreadable/);
    expect(result.stdout).toMatch(/^regions\.csv: not imported \(IMPORT_COLUMN_MISSING\); recorded as rejected submission \d+, file archived$/m);
    expect(result.stdout).toMatch(/1 imported, 0 duplicates, 1 rejected/);
    expect(result.stdout).not.toMatch(/ in \d+\.\d s/); // no timing on stdout: the same inputs print the same output
    expect(result.stderr).toMatch(/^error: regions\.csv:1 column Country Code: expected a header with "Country Code" .*\[IMPORT_COLUMN_MISSING\]\nhint: /m);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const again = await runCli(args);
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/^regions\.csv: not imported \(IMPORT_COLUMN_MISSING\); rejected before as submission \d+; nothing new recorded$/m);
  });

  it('counts one row and one issue in the singular (it said "1 rows" and "all 1 issues")', async () => {
    const own = tempDir();
    const file = join(own, 'data_cts_intentional_homicide.csv');
    writeFileSync(file, [
      'Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,VALUE,Source',
      'ALB,Albania,Europe,Southern Europe,Victims of intentional homicide,Total,Total,Total,Total,2021,Counts,42,CTS', '',
    ].join('\n'));
    const result = await runCli(['import', 'unodc', file, '--warehouse', join(own, 'warehouse.duckdb'), '--config', join(dir, 'config.json')]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[1]).toBe('  1 row: 0 loaded, 0 skipped, 1 unmapped, 0 unreadable');
    expect(lines).toContain('  the 1 issue: crimetrends query "select * from validation_issue where submission_id = 1 order by line"');
  });

  it('says plainly when a download holds rows but none maps to the catalogue (another UNODC dataset)', async () => {
    const own = tempDir();
    const file = join(own, 'data_cts_intentional_homicide.csv');
    writeFileSync(file, [
      '\uFEFFUNODC,unodc_ddds@un.org,,,,,,,,,,,', '12/03/2024,,,,,,,,,,,,',
      'Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,VALUE,Source',
      'ALB,Albania,Europe,Southern Europe,Victims of intentional homicide,Total,Total,Total,Total,2021,Counts,42,CTS',
      'SRB,Serbia,Europe,Southern Europe,Victims of intentional homicide,Total,Total,Total,Total,2021,Counts,103,CTS', '',
    ].join('\n'));
    const result = await runCli(['import', 'unodc', file, '--warehouse', join(own, 'warehouse.duckdb'), '--config', join(dir, 'config.json')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/2 rows: 0 loaded, 0 skipped, 2 unmapped, 0 unreadable/);
    expect(result.stdout).toContain('  nothing loaded: no row of this download maps to the catalogue, which takes GLOTIP trafficking in persons, '
      + 'IAFQ firearms, CTS corruption and economic crime; check that it is the dataset you meant, or map its rows in data/reference/unodc_mapping.csv\n');
  });

  it('says that no value could be read, not that nothing maps, when every row the catalogue takes is unreadable (a download saved again by a spreadsheet)', async () => {
    const own = tempDir();
    const file = join(own, 'data_iafq.csv');
    // the IAFQ download opened in a spreadsheet set for a decimal comma and saved again: ";" between cells, "1.011", "12,5"
    writeFileSync(file, [
      'Iso3_code;Country;Region;Subregion;Indicator;Dimension;Category;Sex;Age;Year;Unit of measurement;VALUE;Source',
      'ROU;Romania;Europe;Eastern Europe;Arms seized;Total;Total;na;na;2020;Counts;1.011;IAFQ',
      'BGR;Bulgaria;Europe;Eastern Europe;Arms seized;Total;Total;na;na;2020;Counts;12,5;IAFQ', '',
    ].join('\r\n'));
    const result = await runCli(['import', 'unodc', file, '--warehouse', join(own, 'warehouse.duckdb'), '--config', join(dir, 'config.json')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/2 rows: 0 loaded, 0 skipped, 0 unmapped, 2 unreadable/);
    // was: "no row of this download maps to the catalogue …; check that it is the dataset you meant, or map its rows"
    expect(result.stdout).toContain("  nothing loaded: no row's value could be read (2 unreadable: the reasons above); download the file again as published, "
      + 'or check it was not edited or saved again by a spreadsheet\n');
  });

  it.each([
    ['unodc', 'data_iafq.csv', 3, [
      '\uFEFFUNODC,unodc_ddds@un.org,,,,,,,,,,,', '17/06/2022,,,,,,,,,,,,',
      'Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,VALUE,Source', '',
    ]],
    ['eurostat', 'estat_crim_off_cat.tsv', 1, ['freq,iccs,unit,geo\\TIME_PERIOD\t2019 \t2020 \t2021 ', '']],
    ['worldbank', 'API_SP.POP.TOTL_DS2_en_csv_v2.csv', 5, [
      '\uFEFF"Data Source","World Development Indicators",', '', '"Last Updated Date","2025-07-01",', '',
      '"Country Name","Country Code","Indicator Name","Indicator Code","2019","2020","2021","2022",', '',
    ]],
  ] as const)('rejects a %s download that holds its header and no row (%s): located at the header, exit 1, recorded (was: imported, 0 rows)', async (source, name, line, text) => {
    const own = tempDir();
    const file = join(own, name);
    writeFileSync(file, text.join('\r\n'));
    const args = ['import', source, file, '--warehouse', join(own, 'warehouse.duckdb'), '--config', join(dir, 'config.json')];
    const result = await runCli(args);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`error: ${name}:${line}: expected rows below the header, found none: the download holds its header only [IMPORT_NO_ROWS]\n`
      + 'hint: download the table again; the file holds no rows (an empty selection, or an export or download cut short)\n');
    expect(result.stdout).toBe(`${name}: not imported (IMPORT_NO_ROWS); recorded as rejected submission 1, file archived\n0 imported, 0 duplicates, 1 rejected\n`);
    const document = JSON.parse((await runCli([...args, '--json'])).stdout);
    expect(document).toMatchObject({ ok: false, files: [{ status: 'rejected', rows: 0, submission_id: 1, is_recorded: false }] });
    expect(document.issues).toEqual([{
      severity: 'error', code: 'IMPORT_NO_ROWS', message: 'expected rows below the header, found none: the download holds its header only',
      file: name, line, column: null, hint: 'download the table again; the file holds no rows (an empty selection, or an export or download cut short)',
    }]);
  });

  it('says which states a per-country extract replaced and which stay from the earlier download', async () => {
    const own = tempDir();
    const args = ['--warehouse', join(own, 'warehouse.duckdb'), '--config', join(dir, 'config.json')];
    const full = await runCli(['import', 'unodc', importFixture('supersede', 'data_iafq_full_2023-03-01.csv'), ...args]);
    expect(full.stdout).toMatch(/^data_iafq_full_2023-03-01\.csv: imported as submission 1 \(UNODC IAFQ\), values for 3 states$/m);
    const extract = await runCli(['import', 'unodc', importFixture('supersede', 'data_iafq_ROU_2023-06-01.csv'), ...args]);
    expect(extract.code).toBe(0);
    expect(extract.stdout).toMatch(/^  replaces UNODC IAFQ values for 1 state \(ROU\) from submission 1; 2 states stay from it$/m);
  });

  it('refuses a per-country extract in which a stray quote swallows rows: exit 1, the quote located, nothing replaced', async () => {
    const own = tempDir();
    const args = ['--warehouse', join(own, 'warehouse.duckdb'), '--config', join(dir, 'config.json')];
    await runCli(['import', 'unodc', importFixture('supersede', 'data_iafq_full_2023-03-01.csv'), ...args]);
    const damaged = join(own, 'data_iafq_ROU.csv');
    const row = (tail: string) => `ROU,Romania,Europe,Eastern Europe,Arms seized,${tail}`;
    writeFileSync(damaged, [
      'Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,VALUE,Source',
      row('Total,Total,na,na,2021,Counts,"230,IAFQ'), row('by type,pistol,na,na,2021,Counts,61,IAFQ'), row('by type,"revolver",na,na,2021,Counts,4,IAFQ'),
      row('by type,rifle,na,na,2021,Counts,12,IAFQ'), '',
    ].join('\n'));
    const result = await runCli(['import', 'unodc', damaged, ...args]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('data_iafq_ROU.csv: not imported (IMPORT_UNREADABLE_FILE); recorded as rejected submission 2, file archived\n0 imported, 0 duplicates, 1 rejected\n');
    expect(result.stderr).toMatch(
      /^error: data_iafq_ROU\.csv:2 column VALUE: expected a quoted cell to end on its line, found it running to line 4 and swallowing lines 3–4, 2 of which look like rows \(QUOTE_SWALLOWED_LINES\) \[IMPORT_UNREADABLE_FILE\]\nhint: download the file again, or delete the stray quote at line 2, column VALUE/m,
    );
    const current = await runCli(['query', "select ref_area, count(*) as series from observation_current group by all order by all", '--json', ...args]);
    expect(JSON.parse(current.stdout)).toMatchObject({ rows: [{ ref_area: 'ALB', series: 1 }, { ref_area: 'ROU', series: 2 }, { ref_area: 'SRB', series: 1 }] });
  });

  it('exits 2 for a file that does not exist, before writing anything', async () => {
    const result = await runCli(['import', 'unodc', join(dir, 'nope.csv'), ...common]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/nope\.csv: no such file \[SOURCE_MISSING\]/);
  });

  it('a download named without its source is refused as a source that is not one, with the order to use (exit 2, no warehouse)', async () => {
    const own = tempDir();
    const warehouse = join(own, 'warehouse.duckdb');
    const result = await runCli(['import', 'population.csv', '--warehouse', warehouse]);
    expect(result).toMatchObject({
      code: 2,
      stderr:
        "error: command-argument value 'population.csv' is invalid for argument 'source'. Allowed choices are unodc, eurostat, worldbank.\n" +
        '(run with --help for usage)\n' +
        'hint: name the source, then the files: crimetrends import unodc data_glotip_2023-05-30.xlsx\n',
    });
    const json = await runCli(['import', 'population.csv', '--warehouse', warehouse, '--json']);
    expect(JSON.parse(json.stdout).error).toMatchObject({ code: 'USAGE_ERROR', hint: 'name the source, then the files: crimetrends import unodc data_glotip_2023-05-30.xlsx' });
    const noFile = await runCli(['import', 'worldbank', '--warehouse', warehouse]);
    expect(noFile).toMatchObject({ code: 2, stderr: 'error: import worldbank: name at least one download [USAGE_ERROR]\nhint: crimetrends import worldbank FILE…\n' });
    expect(existsSync(warehouse)).toBe(false);
  });
});
