import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { openStore } from '../../src/store/index.js';
import { runCli } from '../helpers/cli.js';
import { insertObservations, openTestWarehouse, tempDir, type ObservationFixture } from '../helpers/warehouse.js';

const SERIES = 'ref_area, time_period, indicator, sex, age, counterpart_area, breakdown';
const CURRENT = `select ${SERIES}, obs_value, obs_status, conf_status, comment, source from observation_current order by ${SERIES}`;

/** Comments a spreadsheet would read as formulas, and text that must survive CSV quoting. */
const RETURN_ROWS: ObservationFixture[] = [
  { ref_area: 'ALB', time_period: 2024, indicator: 'TIP_VIC', obs_value: 120, comment: '=SUM(A1)' },
  { ref_area: 'ALB', time_period: 2024, indicator: 'TIP_OFF', obs_value: 33, comment: '+1 offence counted twice' },
  { ref_area: 'ALB', time_period: 2024, indicator: 'SOM_OFF', obs_value: 12, comment: '-1+2 after the revision' },
  { ref_area: 'ALB', time_period: 2024, indicator: 'FA_OFF', obs_value: 8, comment: '@x' },
  { ref_area: 'ALB', time_period: 2024, indicator: 'FA_PARTS', obs_value: 5, comment: '\tstarts with a tab' },
  { ref_area: 'ALB', time_period: 2024, indicator: 'DRG_SEIZ_KG', obs_value: 12.345, comment: 'Police data, "registered"' },
  { ref_area: 'ALB', time_period: 2024, indicator: 'CYB_OFF', obs_value: null, obs_status: 'M' },
  { ref_area: 'ALB', time_period: 2023, indicator: 'TIP_VIC', obs_value: 98 },
  { ref_area: 'ALB', time_period: 2024, indicator: 'COR_OFF', obs_value: 7, conf_status: 'C' },
  { ref_area: 'ALB', time_period: 2024, indicator: 'ML_OFF', obs_value: 3, conf_status: 'N' },
];
const SRB_ROWS: ObservationFixture[] = [
  { ref_area: 'SRB', time_period: 2024, indicator: 'TIP_VIC', obs_value: 45, obs_status: 'P', comment: 'two lines:\nsecond line' },
  { ref_area: 'SRB', time_period: 2024, indicator: 'FA_SEIZED', obs_value: 200, obs_status: 'B', comment: 'new register from 2024; ünïcödé, ćirilica, кирилица' },
];
const UNODC_ROWS: ObservationFixture[] = [
  { ref_area: 'SRB', time_period: 2023, indicator: 'TIP_VIC', obs_value: 50, source: 'UNODC' },
  { ref_area: 'ALB', time_period: 2024, indicator: 'TIP_VIC', obs_value: 999, source: 'UNODC' },
  // A return cannot hold a bare CR (the reader takes it for a line break), so this one comes from an import.
  { ref_area: 'SRB', time_period: 2023, indicator: 'FA_AMMO', obs_value: 1500, comment: '\rstarts with a carriage return', source: 'UNODC' },
];

let warehouse: string;
let config: string;

beforeAll(async () => {
  const dir = tempDir('export-');
  warehouse = join(dir, 'warehouse.duckdb');
  config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ archive: join(dir, 'archive') }));
  const store = await openTestWarehouse(warehouse);
  await insertObservations(store, UNODC_ROWS, { source: 'UNODC', received_at: '2026-01-01 00:00:00' });
  await insertObservations(store, RETURN_ROWS);
  await insertObservations(store, SRB_ROWS);
  store.close();
});

const exportCli = (...args: string[]) => runCli(['export', '--warehouse', warehouse, ...args]);
const lines = (text: string) => text.split('\n').filter((l) => l !== '');

describe('crimetrends export --format csv', () => {
  it('neutralises every text cell a spreadsheet would run as a formula; numbers stay numbers', async () => {
    const result = await exportCli('--format', 'csv');
    expect(result.code).toBe(0);
    const csv = result.stdout;
    // the byte-order mark tells Excel the file is UTF-8 (without it, Cyrillic opens garbled)
    expect(lines(csv)[0]).toBe('\ufeffREF_AREA,TIME_PERIOD,INDICATOR,SEX,AGE,COUNTERPART_AREA,BREAKDOWN,OBS_VALUE,OBS_STATUS,CONF_STATUS,COMMENT,SOURCE');
    expect(csv).toContain("\nALB,2024,TIP_VIC,_T,_T,_T,_T,120,A,F,'=SUM(A1),RETURN\n");
    expect(csv).toContain("\nALB,2024,TIP_OFF,_T,_T,_T,_T,33,A,F,'+1 offence counted twice,RETURN\n");
    expect(csv).toContain("\nALB,2024,SOM_OFF,_T,_T,_T,_T,12,A,F,'-1+2 after the revision,RETURN\n");
    expect(csv).toContain("\nALB,2024,FA_OFF,_T,_T,_T,_T,8,A,F,'@x,RETURN\n");
    expect(csv).toContain("\nALB,2024,FA_PARTS,_T,_T,_T,_T,5,A,F,'\tstarts with a tab,RETURN\n");
    expect(csv).toContain('\nSRB,2023,FA_AMMO,_T,_T,_T,_T,1500,A,F,"\'\rstarts with a carriage return",UNODC\n');
    expect(csv).toContain('\nALB,2024,DRG_SEIZ_KG,_T,_T,_T,_T,12.345,A,F,"Police data, ""registered""",RETURN\n');
    expect(csv).toContain('\nALB,2024,CYB_OFF,_T,_T,_T,_T,,M,F,,RETURN\n');
    expect(csv).toContain('\nSRB,2023,TIP_VIC,_T,_T,_T,_T,50,A,F,,UNODC\n');
    expect(csv).not.toMatch(/,'\d/);
  });

  it('--out - is standard output, as for every command writing one file (was: a file named "-"); a folder cannot be', async () => {
    const cwd = tempDir('out-dash-');
    const plain = await exportCli('--format', 'csv');
    const dashed = await runCli(['export', '--warehouse', warehouse, '--format', 'csv', '--out', '-'], { cwd });
    expect(dashed.code).toBe(0);
    expect(dashed.stdout).toBe(plain.stdout);
    const template = await runCli(['template', '--state', 'ROU', '--year', '2025', '--out', '-'], { cwd });
    expect(template.stdout.split('\n')[1]).toBe('ROU,2025,TIP_OFF,_T,_T,_T,_T,,,,');
    const query = await runCli(['query', '--warehouse', warehouse, '--format', 'csv', '--out', '-', 'select 41 + 1 as n'], { cwd });
    expect(query.stdout).toBe('n\n42\n');
    const report = await runCli(['report', '--warehouse', warehouse, '--year', '2024', '--out', '-'], { cwd });
    expect(report.code).toBe(2);
    expect(report.stderr).toContain('expected a folder, found "-" (standard output): this command writes a folder of files');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('offered back as a return, its imported rows are refused (IMPORTED_ROW), never taken for a state\'s own figures', async () => {
    const dir = tempDir('export-back-');
    const file = join(dir, 'obs.csv');
    expect((await exportCli('--format', 'csv', '--out', file)).code).toBe(0);
    const unodcLines = readFileSync(file, 'utf8').split('\n').flatMap((line, i) => (line.endsWith(',UNODC') ? [i + 1] : []));
    // line 1 the header; ALB 2023 TIP_VIC 2; ALB 2024 CYB_OFF, DRG_SEIZ_KG, FA_OFF, FA_PARTS, SOM_OFF, TIP_OFF, TIP_VIC
    // 3-9 (COR_OFF and ML_OFF left out, UNODC's 999 outranked by the return's 120); SRB 2023 FA_AMMO and TIP_VIC,
    // UNODC's, 10 and 11 (the CR inside FA_AMMO's quoted comment ends no line)
    expect(unodcLines).toEqual([10, 11]);
    const result = await runCli(['validate', '--json', file]);
    expect(result.code).toBe(1);
    const issues = JSON.parse(result.stdout).files[0].issues.filter((i: { code: string }) => i.code === 'IMPORTED_ROW');
    expect(issues.map((i: { line: number; column: string; value: string }) => [i.line, i.column, i.value])).toEqual(unodcLines.map((line) => [line, 'SOURCE', 'UNODC']));
  });

  it('leaves confidential and internal values out, and says so', async () => {
    const result = await exportCli('--format', 'csv');
    expect(result.stdout).not.toMatch(/COR_OFF|ML_OFF/);
    expect(result.stderr).toMatch(/2 confidential or internal values left out \(--include-confidential to include them\)/);
    expect(result.stderr).not.toMatch(/warning/);
  });

  it('includes them with --include-confidential, with a warning on stderr', async () => {
    const result = await exportCli('--format', 'csv', '--include-confidential');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('\nALB,2024,COR_OFF,_T,_T,_T,_T,7,A,C,,RETURN\n');
    expect(result.stdout).toContain('\nALB,2024,ML_OFF,_T,_T,_T,_T,3,A,N,,RETURN\n');
    expect(result.stderr).toMatch(/^warning: the export includes 2 confidential \(C\) or internal \(N\) values: never publish/m);
  });

  it('filters by --year and writes the same bytes every time', async () => {
    const out = join(tempDir(), 'obs.csv');
    expect((await exportCli('--format', 'csv', '--year', '2023', '--out', out)).code).toBe(0);
    const first = readFileSync(out);
    expect(lines(first.toString()).slice(1).map((l) => l.slice(0, 17))).toEqual(['ALB,2023,TIP_VIC,', 'SRB,2023,FA_AMMO,', 'SRB,2023,TIP_VIC,']);
    expect((await exportCli('--format', 'csv', '--year', '2023', '--out', out)).code).toBe(0);
    expect(readFileSync(out).equals(first)).toBe(true);
    expect(readdirSync(join(out, '..'))).toEqual(['obs.csv']);
  });
});

describe('crimetrends export --format csv read back by DuckDB as the README says', () => {
  it("reads CONF_STATUS F as a boolean unless typed, and as 'F' with types = {'CONF_STATUS': 'VARCHAR'}", async () => {
    const out = join(tempDir(), 'obs.csv');
    expect((await exportCli('--format', 'csv', '--out', out)).code).toBe(0);
    const reader = await openStore(':memory:');
    try {
      const sniffed = await reader.all<{ column_type: string }>(`select column_type from (describe select * from read_csv('${out}')) where column_name = 'CONF_STATUS'`);
      expect(sniffed).toEqual([{ column_type: 'BOOLEAN' }]); // the trap the README warns of: every value is F
      const rows = await reader.all(
        `select REF_AREA, TIME_PERIOD, INDICATOR, OBS_VALUE, OBS_STATUS, CONF_STATUS, SOURCE from read_csv('${out}', types = {'CONF_STATUS': 'VARCHAR'})
         where INDICATOR in ('DRG_SEIZ_KG', 'CYB_OFF') order by all`,
      );
      expect(rows).toEqual([
        { REF_AREA: 'ALB', TIME_PERIOD: 2024, INDICATOR: 'CYB_OFF', OBS_VALUE: null, OBS_STATUS: 'M', CONF_STATUS: 'F', SOURCE: 'RETURN' },
        { REF_AREA: 'ALB', TIME_PERIOD: 2024, INDICATOR: 'DRG_SEIZ_KG', OBS_VALUE: 12.345, OBS_STATUS: 'A', CONF_STATUS: 'F', SOURCE: 'RETURN' },
      ]);
      // the byte-order mark is not part of the first column's name; quoting keeps commas, quotes, line breaks, Cyrillic
      const comments = await reader.all(`select REF_AREA, INDICATOR, COMMENT from read_csv('${out}', types = {'CONF_STATUS': 'VARCHAR'})
         where REF_AREA = 'SRB' and SOURCE = 'RETURN' or INDICATOR = 'DRG_SEIZ_KG' order by all`);
      expect(comments).toEqual([
        { REF_AREA: 'ALB', INDICATOR: 'DRG_SEIZ_KG', COMMENT: 'Police data, "registered"' },
        { REF_AREA: 'SRB', INDICATOR: 'FA_SEIZED', COMMENT: 'new register from 2024; ünïcödé, ćirilica, кирилица' },
        { REF_AREA: 'SRB', INDICATOR: 'TIP_VIC', COMMENT: 'two lines:\nsecond line' },
      ]);
    } finally {
      reader.close();
    }
  });
});

describe('crimetrends export --year of a year the warehouse does not hold', () => {
  it('writes the header only, exit 0, and says which years the warehouse holds', async () => {
    const result = await exportCli('--format', 'csv', '--year', '1999');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('\ufeffREF_AREA,TIME_PERIOD,INDICATOR,SEX,AGE,COUNTERPART_AREA,BREAKDOWN,OBS_VALUE,OBS_STATUS,CONF_STATUS,COMMENT,SOURCE\n');
    expect(result.stderr).toBe('the warehouse has no value for 1999: it holds 2023–2024\nexported 0 observations to stdout\n');
    const out = join(tempDir(), 'obs.csv');
    const json = JSON.parse((await exportCli('--format', 'sdmx-csv', '--year', '1999', '--out', out, '--json')).stdout);
    expect(json).toMatchObject({ ok: true, rows: 0, notes: ['the warehouse has no value for 1999: it holds 2023–2024'] });
  });
});

describe('crimetrends export --format sdmx-csv', () => {
  it('writes SDMX-CSV 2.0 rows of the CT:AAT dataflow: member-state returns only, texts untouched', async () => {
    const result = await exportCli('--format', 'sdmx-csv');
    expect(result.code).toBe(0);
    const rows = lines(result.stdout);
    expect(rows[0]).toBe('STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,TIME_PERIOD,INDICATOR,SEX,AGE,COUNTERPART_AREA,BREAKDOWN,OBS_VALUE,OBS_STATUS,CONF_STATUS,COMMENT');
    expect(rows[1]).toBe('dataflow,CT:AAT(1.0.0),I,ALB,2023,TIP_VIC,_T,_T,_T,_T,98,A,F,');
    expect(result.stdout).toContain('\ndataflow,CT:AAT(1.0.0),I,ALB,2024,TIP_VIC,_T,_T,_T,_T,120,A,F,=SUM(A1)\n');
    expect(result.stdout).not.toContain('UNODC');
    expect(result.stdout).not.toMatch(/,SRB,2023,/);
    expect(result.stderr).toMatch(/2 imported values \(UNODC, Eurostat\) left out: the CT:AAT\(1\.0\.0\) dataflow holds member-state returns/);
  });

  it('round-trips: validate finds nothing, and ingest into a new warehouse gives the same current values', async () => {
    const dir = tempDir('roundtrip-');
    const file = join(dir, 'export.csv');
    expect((await exportCli('--format', 'sdmx-csv', '--include-confidential', '--out', file)).code).toBe(0);
    const validation = await runCli(['validate', '--json', file]);
    expect(JSON.parse(validation.stdout).files[0]).toMatchObject({ errors: 0, warnings: 0, issues: [] });
    expect(validation.code).toBe(0);
    const copy = join(dir, 'copy.duckdb');
    const ingest = await runCli(['ingest', file, '--warehouse', copy, '--config', config, '--received-at', '2026-02-01T00:00:00Z']);
    expect(ingest.code, ingest.stderr + ingest.stdout).toBe(0);
    const reader = await openStore(':memory:');
    try {
      await reader.run(`attach '${warehouse}' as original (read_only); attach '${copy}' as copy (read_only)`);
      const original = await reader.all(CURRENT.replace('from observation_current', "from original.observation_current where source = 'RETURN'"));
      const again = await reader.all(CURRENT.replace('from observation_current', 'from copy.observation_current'));
      expect(again).toEqual(original);
      expect(again).toHaveLength(RETURN_ROWS.length + SRB_ROWS.length);
    } finally {
      reader.close();
    }
  });
  it('round-trips the sample returns of two states, revisions included, without loss', async () => {
    const dir = tempDir('roundtrip-sample-');
    const returns = join(dir, 'returns');
    const sample = join(PROJECT_ROOT, 'data/sample/returns');
    const files = readdirSync(sample).filter((f) => /^(ALB_202[0-5]|ARM_202[2-5])\.csv$/.test(f));
    expect(files).toHaveLength(10);
    mkdirSync(returns);
    for (const f of [...files, '_received.csv']) copyFileSync(join(sample, f), join(returns, f));
    const original = join(dir, 'original.duckdb');
    expect((await runCli(['ingest', returns, '--warehouse', original, '--config', config])).code).toBe(0);
    const file = join(dir, 'export.csv');
    expect((await runCli(['export', '--warehouse', original, '--format', 'sdmx-csv', '--include-confidential', '--out', file])).code).toBe(0);
    const validation = JSON.parse((await runCli(['validate', '--json', file])).stdout).files[0] as { errors: number; issues: Array<{ code: string }> };
    expect(validation.errors).toBe(0);
    const copy = join(dir, 'copy.duckdb');
    expect((await runCli(['ingest', file, '--warehouse', copy, '--config', config, '--received-at', '2026-02-01T00:00:00Z'])).code).toBe(0);
    const reader = await openStore(':memory:');
    try {
      await reader.run(`attach '${original}' as original (read_only); attach '${copy}' as copy (read_only)`);
      // The export's only warnings are those the states' own files already had (a deliberate one in ALB_2023).
      const earlier = await reader.all<{ code: string }>('select distinct code from original.validation_issue');
      for (const issue of validation.issues) expect(earlier.map((e) => e.code)).toContain(issue.code);
      const before = await reader.all(CURRENT.replace('from observation_current', 'from original.observation_current'));
      expect(await reader.all(CURRENT.replace('from observation_current', 'from copy.observation_current'))).toEqual(before);
      expect(before.length).toBeGreaterThan(2000);
    } finally {
      reader.close();
    }
  });
});

describe('crimetrends export --format parquet', () => {
  it('writes one folder per year (TIME_PERIOD=YYYY), read back whole by DuckDB with hive_partitioning', async () => {
    const out = join(tempDir(), 'export');
    const result = await exportCli('--format', 'parquet', '--out', out);
    expect(result.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['TIME_PERIOD=2023', 'TIME_PERIOD=2024']);
    expect(readdirSync(join(out, 'TIME_PERIOD=2024'))).toEqual(['data_0.parquet']);
    const reader = await openStore(':memory:');
    try {
      const rows = await reader.all(
        `select REF_AREA, TIME_PERIOD, INDICATOR, OBS_VALUE, CONF_STATUS, COMMENT, SOURCE
         from read_parquet('${out}/*/*.parquet', hive_partitioning = true) order by REF_AREA, TIME_PERIOD, INDICATOR`,
      );
      expect(rows).toHaveLength(12); // 14 current values less the C and the N one
      expect(rows).toContainEqual({ REF_AREA: 'ALB', TIME_PERIOD: 2024, INDICATOR: 'TIP_VIC', OBS_VALUE: 120, CONF_STATUS: 'F', COMMENT: '=SUM(A1)', SOURCE: 'RETURN' });
      expect(rows).toContainEqual({ REF_AREA: 'SRB', TIME_PERIOD: 2023, INDICATOR: 'TIP_VIC', OBS_VALUE: 50, CONF_STATUS: 'F', COMMENT: null, SOURCE: 'UNODC' });
      expect(rows.some((r) => r.CONF_STATUS !== 'F')).toBe(false);
      const types = await reader.all<{ column_name: string; column_type: string }>(`describe select * from read_parquet('${out}/*/*.parquet', hive_partitioning = true)`);
      expect(types.find((t) => t.column_name === 'TIME_PERIOD')?.column_type).toMatch(/INT/);
    } finally {
      reader.close();
    }
  });

  it('gives byte-identical files on a second run, replacing the earlier export', async () => {
    const out = join(tempDir(), 'export');
    const read = () => readdirSync(out).sort().map((d) => readFileSync(join(out, d, 'data_0.parquet')).toString('base64'));
    expect((await exportCli('--format', 'parquet', '--out', out)).code).toBe(0);
    const first = read();
    expect((await exportCli('--format', 'parquet', '--out', out)).code).toBe(0);
    expect(read()).toEqual(first);
  });

  it('with --year into an earlier export, replaces the folder of that year only and keeps the others', async () => {
    const out = join(tempDir(), 'export');
    expect((await exportCli('--format', 'parquet', '--out', out)).code).toBe(0);
    const year2023 = readFileSync(join(out, 'TIME_PERIOD=2023', 'data_0.parquet'));
    writeFileSync(join(out, 'TIME_PERIOD=2024', 'data_0.parquet'), 'stale');
    expect((await exportCli('--format', 'parquet', '--year', '2024', '--out', out)).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['TIME_PERIOD=2023', 'TIME_PERIOD=2024']);
    expect(readFileSync(join(out, 'TIME_PERIOD=2023', 'data_0.parquet')).equals(year2023)).toBe(true);
    const reader = await openStore(':memory:');
    try {
      const counts = await reader.all(`select TIME_PERIOD, count(*)::integer as n from read_parquet('${out}/*/*.parquet', hive_partitioning = true) group by all order by 1`);
      expect(counts).toEqual([{ TIME_PERIOD: 2023, n: 3 }, { TIME_PERIOD: 2024, n: 9 }]); // the 12 of the whole export
    } finally {
      reader.close();
    }
    // a year the warehouse does not hold leaves no folder for it, and the others as they were
    expect((await exportCli('--format', 'parquet', '--year', '2019', '--out', out)).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['TIME_PERIOD=2023', 'TIME_PERIOD=2024']);
  });

  it('needs --out and never empties a folder holding anything else', async () => {
    expect((await exportCli('--format', 'parquet')).code).toBe(2);
    const dir = tempDir('precious-');
    writeFileSync(join(dir, 'thesis.docx'), 'keep me');
    const result = await exportCli('--format', 'parquet', '--out', dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/holds files other than an earlier Parquet export.*\[EXPORT_TARGET_NOT_EMPTY\]/);
    expect(readdirSync(dir)).toEqual(['thesis.docx']);
    const file = join(dir, 'thesis.docx');
    const onFile = await exportCli('--format', 'parquet', '--out', file);
    expect(onFile.code).toBe(2);
    expect(onFile.stderr).toBe(`error: ${file} is a file; --format parquet writes a folder (one TIME_PERIOD=… folder per year) [EXPORT_TARGET_NOT_EMPTY]\nhint: give a folder name, e.g. --out export/\n`);
    expect(readFileSync(file, 'utf8')).toBe('keep me');
  });

  it('checks the path to the folder as every --out: a file on the way, /proc are OUT_UNWRITABLE naming the path (exit 2)', async () => {
    const dir = tempDir('export-out-');
    const file = join(dir, 'a.csv');
    writeFileSync(file, 'keep me');
    expect(await exportCli('--format', 'parquet', '--out', join(file, 'pq'))).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: --out ${file}/pq: ${file} is not a folder [OUT_UNWRITABLE]\nhint: check the path\n`,
    });
    expect(readdirSync(dir)).toEqual(['a.csv']);
    if (process.platform === 'linux') {
      expect(await exportCli('--format', 'parquet', '--out', '/proc/pq')).toEqual({
        code: 2,
        stdout: '',
        stderr: 'error: --out /proc/pq: cannot write the folder: the folder /proc does not accept new files [OUT_UNWRITABLE]\nhint: check the path and that the folder is writable\n',
      });
    }
    const nested = join(dir, 'new', 'export');
    expect((await exportCli('--format', 'parquet', '--out', nested)).code).toBe(0);
    expect(readdirSync(nested)).toEqual(['TIME_PERIOD=2023', 'TIME_PERIOD=2024']);
  });
});

describe('crimetrends export --out and --json', () => {
  it('refuses a folder for a csv or sdmx-csv file, as every --out does', async () => {
    const dir = tempDir('export-out-');
    for (const format of ['csv', 'sdmx-csv']) {
      expect(await exportCli('--format', format, '--out', dir)).toEqual({
        code: 2,
        stdout: '',
        stderr: `error: --out ${dir}: is a folder; expected a file name [OUT_UNWRITABLE]\nhint: give a file name inside it, e.g. --out ${dir}/out.csv\n`,
      });
    }
  });

  it('refuses a workbook\'s name for a CSV file (Excel opens none), and warns where the name says another format (was: written, no word)', async () => {
    const dir = tempDir('export-named-');
    for (const format of ['csv', 'sdmx-csv']) {
      expect(await exportCli('--format', format, '--out', join(dir, 'obs.xlsx'))).toEqual({
        code: 2,
        stdout: '',
        stderr: `error: --out ${join(dir, 'obs.xlsx')}: export writes no Excel workbook, and Excel does not open CSV under a workbook's name [USAGE_ERROR]\nhint: name it ${join(dir, 'obs.csv')}: Excel opens CSV\n`,
      });
    }
    expect(readdirSync(dir)).toEqual([]);
    const misnamed = await exportCli('--format', 'csv', '--year', '2023', '--out', join(dir, 'obs.parquet'));
    expect(misnamed.code).toBe(0);
    expect(misnamed.stderr.split('\n')[0]).toBe(`warning: --out ${join(dir, 'obs.parquet')} holds CSV, not Parquet as its name says`);
    expect(readFileSync(join(dir, 'obs.parquet'), 'utf8').split('\n')[1]).toBe('ALB,2023,TIP_VIC,_T,_T,_T,_T,98,A,F,,RETURN');
    const folder = await exportCli('--format', 'parquet', '--out', join(dir, 'export.csv'));
    expect(folder.stderr.split('\n')[0]).toBe(`warning: --out ${join(dir, 'export.csv')} holds a folder of Parquet files, not CSV as its name says`);
    // a folder named .parquet, as Spark names its output, is no mistake
    expect((await exportCli('--format', 'parquet', '--out', join(dir, 'export.parquet'))).stderr).not.toMatch(/warning/);
  });

  it('prints one snake_case document: confidential_included counts the C and N values written', async () => {
    const out = join(tempDir('export-json-'), 'obs.csv');
    const summary = (...args: string[]) => exportCli('--format', 'csv', '--out', out, '--json', ...args).then((r) => JSON.parse(r.stdout) as Record<string, unknown>);
    expect(await summary()).toEqual({
      ok: true, command: 'export', format: 'csv', outputs: [out], issues: [], rows: 12, confidential_included: 0,
      notes: ['2 confidential or internal values left out (--include-confidential to include them)'],
    });
    expect(await summary('--include-confidential')).toMatchObject({ rows: 14, confidential_included: 2, notes: [] });
  });
});

describe('crimetrends export beside a confidential total or part', () => {
  // Albania's 77 victims are confidential, their split by sex is not: 52 women + 25 men gave the 77 back. Türkiye's
  // firearms from Czechia are internal use only beside its published total and the other origins: 26,574 less the
  // origins shown gave the 1,405 back. Its breakdown by firearm type gives nothing away and stays.
  let linked: string;
  beforeAll(async () => {
    linked = join(tempDir('export-linked-'), 'warehouse.duckdb');
    const store = await openTestWarehouse(linked);
    const o = (ref_area: string, indicator: string, obs_value: number, extra: Partial<ObservationFixture> = {}): ObservationFixture =>
      ({ ref_area, time_period: 2025, indicator, obs_value, ...extra });
    await insertObservations(store, [
      o('ALB', 'TIP_VIC', 77, { conf_status: 'C' }), o('ALB', 'TIP_VIC', 52, { sex: 'F' }), o('ALB', 'TIP_VIC', 25, { sex: 'M' }),
      o('ALB', 'TIP_OFF', 30),
    ]);
    await insertObservations(store, [
      o('TUR', 'FA_SEIZED', 26574), o('TUR', 'FA_SEIZED', 1405, { counterpart_area: 'CZE', conf_status: 'N' }),
      o('TUR', 'FA_SEIZED', 8288, { counterpart_area: 'TUR' }), o('TUR', 'FA_SEIZED', 16881, { counterpart_area: '_U' }),
      o('TUR', 'FA_SEIZED', 9339, { breakdown: 'PISTOL' }), o('TUR', 'FA_SEIZED', 17235, { breakdown: 'OTHER' }),
    ]);
    store.close();
  });

  it('leaves out the public values that would give a confidential one back, and says how many', async () => {
    const result = await runCli(['export', '--warehouse', linked, '--format', 'sdmx-csv']);
    expect(result.code).toBe(0);
    const rows = lines(result.stdout).slice(1).map((l) => l.split(',').slice(3, 11).join(','));
    expect(rows).toEqual([
      'ALB,2025,TIP_OFF,_T,_T,_T,_T,30',
      'TUR,2025,FA_SEIZED,_T,_T,_T,OTHER,17235',
      'TUR,2025,FA_SEIZED,_T,_T,_T,PISTOL,9339',
      'TUR,2025,FA_SEIZED,_T,_T,_T,_T,26574',
    ]);
    expect(result.stderr).toContain('2 confidential or internal values left out (--include-confidential to include them)');
    expect(result.stderr).toContain('4 public values of the same series left out with them: the parts of a confidential or withheld total, or the other parts beside a confidential or withheld part, would give it back by addition or subtraction');
  });

  it("keeps a state's public values beside UNODC's suppressed \"<5\", and UNODC's own figures beside it, as UNODC published them", async () => {
    // UNODC published Romania's girls as "<5" (status Q, no value), a series the return does not break down; Romania's
    // own women and men, beside it by sex, were left out of the export as if they gave UNODC's "<5" back
    const dir = tempDir('export-unodc-q-');
    const store = await openTestWarehouse(join(dir, 'warehouse.duckdb'));
    const o = (obs_value: number | null, extra: Partial<ObservationFixture> = {}): ObservationFixture =>
      ({ ref_area: 'ROU', time_period: 2021, indicator: 'TIP_VIC', obs_value, ...extra });
    await insertObservations(store, [
      o(null, { sex: 'F', age: 'Y_LT18', obs_status: 'Q', source: 'UNODC' }), o(300, { sex: 'F', source: 'UNODC' }), o(7, { sex: 'M', age: 'Y_LT18', source: 'UNODC' }),
    ], { source: 'UNODC', received_at: '2026-01-01 00:00:00' });
    await insertObservations(store, [o(412), o(320, { sex: 'F' }), o(92, { sex: 'M' })]);
    store.close();
    const result = await runCli(['export', '--warehouse', join(dir, 'warehouse.duckdb'), '--format', 'sdmx-csv']);
    expect(result.code).toBe(0);
    expect(lines(result.stdout).slice(1).map((l) => l.split(',').slice(3, 11).join(','))).toEqual([
      'ROU,2021,TIP_VIC,F,_T,_T,_T,320',
      'ROU,2021,TIP_VIC,M,_T,_T,_T,92',
      'ROU,2021,TIP_VIC,_T,_T,_T,_T,412',
    ]);
    expect(result.stderr).not.toContain('left out with them');
    // every imported value counted, the one beside UNODC's own "<5" too (it was in no count)
    expect(result.stderr).toContain('2 imported values (UNODC, Eurostat) left out: the CT:AAT(1.0.0) dataflow holds member-state returns\n');
    // UNODC's own published figures beside its "<5" are exported as UNODC published them: its boys (7) beside its
    // girls' "<5" are in UNODC's download, so leaving them out protected nothing (25,480 of the real downloads' values)
    const csv = await runCli(['export', '--warehouse', join(dir, 'warehouse.duckdb'), '--format', 'csv']);
    expect(csv.code).toBe(0);
    expect(csv.stderr).not.toContain('left out');
    expect(lines(csv.stdout).slice(1)).toEqual([
      'ROU,2021,TIP_VIC,F,Y_LT18,_T,_T,,Q,F,,UNODC',
      'ROU,2021,TIP_VIC,F,_T,_T,_T,320,A,F,,RETURN',
      'ROU,2021,TIP_VIC,M,Y_LT18,_T,_T,7,A,F,,UNODC',
      'ROU,2021,TIP_VIC,M,_T,_T,_T,92,A,F,,RETURN',
      'ROU,2021,TIP_VIC,_T,_T,_T,_T,412,A,F,,RETURN',
    ]);
  });

  it('keeps every value with --include-confidential', async () => {
    const result = await runCli(['export', '--warehouse', linked, '--format', 'sdmx-csv', '--include-confidential']);
    expect(result.code).toBe(0);
    // all 10 of beforeAll, the confidential (C) and internal (N) ones with their flag, sorted by series: codes in
    // byte order, so a country (CZE, TUR) before _T before _U and a sex F, M before _T
    expect(lines(result.stdout).slice(1).map((l) => l.split(',').slice(3, 13).join(','))).toEqual([
      'ALB,2025,TIP_OFF,_T,_T,_T,_T,30,A,F',
      'ALB,2025,TIP_VIC,F,_T,_T,_T,52,A,F',
      'ALB,2025,TIP_VIC,M,_T,_T,_T,25,A,F',
      'ALB,2025,TIP_VIC,_T,_T,_T,_T,77,A,C',
      'TUR,2025,FA_SEIZED,_T,_T,CZE,_T,1405,A,N',
      'TUR,2025,FA_SEIZED,_T,_T,TUR,_T,8288,A,F',
      'TUR,2025,FA_SEIZED,_T,_T,_T,OTHER,17235,A,F',
      'TUR,2025,FA_SEIZED,_T,_T,_T,PISTOL,9339,A,F',
      'TUR,2025,FA_SEIZED,_T,_T,_T,_T,26574,A,F',
      'TUR,2025,FA_SEIZED,_T,_T,_U,_T,16881,A,F',
    ]);
    expect(result.stderr).not.toContain('left out');
  });
});
