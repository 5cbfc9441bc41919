import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../src/ingest/import/index.js';
import type { Store } from '../../src/store/index.js';
import { accountedRows, importFixture, importForTest } from '../helpers/import.js';
import { openTestWarehouse, tempDir } from '../helpers/warehouse.js';

let store: Store;
let report: ImportReport;
beforeAll(async () => {
  store = await openTestWarehouse();
  report = await importForTest(store, 'eurostat', importFixture('eurostat', 'crim_off_cat.tsv'));
});
afterAll(() => store.close());

const observation = async (ref_area: string, time_period: number, indicator = 'COR_OFF', breakdown = '_T') =>
  (
    await store.all<{ obs_value: number | null; obs_status: string; comment: string | null; line: number; source: string }>(
      `select obs_value, obs_status, comment, line, source from observation
       where ref_area = $ref_area and time_period = $time_period and indicator = $indicator and breakdown = $breakdown`,
      { ref_area, time_period, indicator, breakdown },
    )
  )[0];

describe('import eurostat: SDMX-TSV crim_off_cat', () => {
  it('counts every cell once: loaded, skipped, unmapped or unreadable', () => {
    expect(report).toMatchObject({
      source: 'EUROSTAT', dataset: 'crim_off_cat', rows: 42, loaded: 18, unmapped: 9, unreadable: 5,
      skipped: { missing: 4, aggregate: 3, rate: 3 },
    });
    expect(accountedRows(report)).toBe(report.rows);
  });

  it('reads values with trailing spaces and flags after a space', async () => {
    expect(await observation('ALB', 2019)).toEqual({ obs_value: 1234, obs_status: 'A', comment: null, line: 2, source: 'EUROSTAT' });
    expect(await observation('ALB', 2020)).toMatchObject({ obs_value: 1100, obs_status: 'P', comment: 'Eurostat flag: p (provisional)' });
    expect(await observation('GRC', 2021)).toMatchObject({ obs_value: 1490, obs_status: 'E' });
  });

  it('imports ": c" as suppressed with no value', async () => {
    expect(await observation('GRC', 2020)).toMatchObject({ obs_value: null, obs_status: 'Q' });
  });

  it('resolves EL, UK and XK, and keeps a break over provisional in "bp"', async () => {
    expect(await observation('GRC', 2019)).toMatchObject({ obs_value: 1567 });
    expect(await observation('GBR', 2019)).toMatchObject({ obs_value: 900 });
    expect(await observation('XKX', 2019, 'COR_OFF', 'BRIBERY')).toMatchObject({ obs_value: 210, obs_status: 'B' });
    expect(await observation('XKX', 2020, 'COR_OFF', 'BRIBERY')).toMatchObject({
      obs_value: 198, obs_status: 'B', comment: 'Eurostat flags: b (break in time series), p (provisional)',
    });
    expect(await observation('XKX', 2021, 'COR_OFF', 'BRIBERY')).toMatchObject({ obs_value: 205, obs_status: 'A', comment: 'Eurostat flag: d (definition differs)' });
  });

  it('maps ICCS codes to catalogue indicators and loads non-member countries', async () => {
    expect(await observation('ROU', 2019, 'ML_OFF')).toMatchObject({ obs_value: 1200 });
    expect(await observation('ROU', 2021, 'CYB_OFF')).toMatchObject({ obs_value: 5200 });
    expect(await observation('DEU', 2020)).toMatchObject({ obs_value: 5600 });
    expect(await observation('MNE', 2021)).toMatchObject({ obs_value: 40, comment: 'Eurostat flag: r (revised)' });
    expect(await observation('MNE', 2019)).toMatchObject({ obs_value: null, obs_status: 'M', comment: 'Eurostat flag: z (not applicable)' });
  });

  it('lists every cell not loaded with its line, year column and reason', async () => {
    const listed = await store.all<{ code: string; line: number; column: string; value: string }>(
      `select code, line, "column", value from validation_issue where submission_id = $id order by line, "column"`,
      { id: report.submissionId },
    );
    const at = (line: number) => listed.filter((i) => i.line === line).map((i) => [i.code, i.column, i.value]);
    expect(at(2)).toEqual([['IMPORT_SKIPPED_MISSING', '2021', ': ']]);
    expect(at(7)).toEqual([0, 1, 2].map(() => ['IMPORT_SKIPPED_AGGREGATE', 'geo', 'EU27_2020']));
    expect(at(8)).toEqual([0, 1, 2].map(() => ['IMPORT_SKIPPED_RATE', 'unit', 'P_HTHAB']));
    expect(at(9)).toEqual([0, 1, 2].map(() => ['IMPORT_UNMAPPED', 'iccs', 'ICCS0101']));
    expect(at(10)).toEqual([0, 1, 2].map(() => ['IMPORT_UNMAPPED', 'iccs', 'ICCS9999']));
    expect(at(11)).toEqual([
      ['IMPORT_UNREADABLE', '2020', '1300 x'],
      ['IMPORT_UNREADABLE', '2021', '12a5 '],
    ]);
    expect(at(12)).toEqual([0, 1, 2].map(() => ['IMPORT_UNMAPPED', 'iccs', 'ICCS0601']));
    expect(at(14)).toEqual([0, 1, 2].map(() => ['IMPORT_UNREADABLE', 'freq,iccs,unit,geo\\TIME_PERIOD', 'A,ICCS0703,NR']));
    // ": z" (not applicable) is loaded as OBS_STATUS M with no value
    expect(at(15)).toEqual([['IMPORT_SKIPPED_MISSING', '2020', ': u']]);
  });

  it('explains why drug offences (ICCS 0601) are not imported', async () => {
    const [issue] = await store.all<{ message: string }>(`select message from validation_issue where value = 'ICCS0601' limit 1`);
    expect(issue?.message).toMatch(/possession for personal use.*not comparable/);
  });
});

describe('import eurostat: files that are not SDMX-TSV crime tables', () => {
  it.each([
    ['not-sdmx.tsv', 'IMPORT_NOT_EUROSTAT', /expected an SDMX-TSV header/],
    ['estat_crim_off_cat_monthly.tsv', 'IMPORT_COLUMN_UNSUPPORTED', /expected annual periods such as 2021 as column headers, found "2020-01"/],
  ])('rejects %s with %s', async (file, code, message) => {
    const report = await importForTest(store, 'eurostat', importFixture('eurostat', file));
    expect(report).toMatchObject({ status: 'rejected', error: { code, message: expect.stringMatching(message), file, line: 1 } });
  });
});

describe('import eurostat: a file the reader cannot read', () => {
  it('rejects an empty file with IMPORT_UNREADABLE_FILE, the file named once', async () => {
    const path = join(tempDir(), 'estat_empty.tsv');
    writeFileSync(path, '');
    const report = await importForTest(store, 'eurostat', path);
    expect(report).toMatchObject({
      status: 'rejected',
      error: { code: 'IMPORT_UNREADABLE_FILE', file: 'estat_empty.tsv', message: 'expected a CSV, TSV or .xlsx download, found an empty file (0 bytes)' },
    });
  });
});

describe('import eurostat: a quote that swallows rows refuses the file whole', () => {
  const SDMX = 'ESTAT:CRIM_OFF_CAT(1.0),21/03/24 23:00:00,A,ICCS0703,NR';
  it.each([
    [
      'estat_crim_off_cat.tsv',
      ['freq,iccs,unit,geo\\TIME_PERIOD\t2019 \t2020 \t2021 ', 'A,ICCS0703,NR,AL\t"1234 \t1100 p\t: ', 'A,ICCS0703,NR,EL\t1567 \t: c\t1490 e', 'A,ICCS0703,NR,XK\t210 b\t198 bp\t205 d'],
      '2019',
      'expected a closing quote, found none: the quote opened here runs to the end of the file and swallows lines 3–4, 2 of which look like rows (QUOTE_UNTERMINATED)',
    ],
    [
      'crim_off_cat_sdmx.csv',
      ['DATAFLOW,LAST UPDATE,freq,iccs,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG', `${SDMX},AL,2019,"1234,`, `${SDMX},AL,2020,1100,p`, `"${SDMX}",EL,2019,1567,`, `${SDMX},XK,2019,210,b`],
      'OBS_VALUE',
      'expected a quoted cell to end on its line, found it running to line 4 and swallowing lines 3–4, 2 of which look like rows (QUOTE_SWALLOWED_LINES)',
    ],
  ])('%s: rejected at the line and column of the quote; the values imported before stay', async (name, lines, column, message) => {
    const current = () => store.all(`select * from observation_current where ref_area in ('ALB', 'GRC', 'XKX') order by all`);
    const before = await current();
    expect(before.length).toBeGreaterThan(0);
    const path = join(tempDir(), name);
    writeFileSync(path, `${lines.join('\n')}\n`);
    const damaged = await importForTest(store, 'eurostat', path, { receivedAt: '2026-03-01T09:00:00.000Z' });
    expect(damaged).toMatchObject({ status: 'rejected', rows: 0, loaded: 0, error: { code: 'IMPORT_UNREADABLE_FILE', file: name, line: 2, column, message } });
    expect(await current()).toEqual(before);
  });
});

describe("import eurostat: SDMX-CSV from the dissemination API (one observation per line)", () => {
  it('loads crim_off_cat as the TSV would: flags to OBS_STATUS and COMMENT, empty OBS_VALUE missing, EL/XK/ME, aggregates and rates skipped', async () => {
    const sdmx = await openTestWarehouse();
    try {
      const first = await importForTest(sdmx, 'eurostat', importFixture('eurostat', 'crim_off_cat_sdmx.csv'));
      expect(first).toMatchObject({
        status: 'imported', dataset: 'crim_off_cat', rows: 12, loaded: 6, unmapped: 1, unreadable: 2, skipped: { missing: 1, aggregate: 1, rate: 1 },
      });
      expect(accountedRows(first)).toBe(12);
      expect(
        await sdmx.all(`select line, ref_area, time_period, breakdown, obs_value, obs_status, comment from observation order by line`),
      ).toEqual([
        { line: 2, ref_area: 'ALB', time_period: 2019, breakdown: '_T', obs_value: 1234, obs_status: 'A', comment: null },
        { line: 3, ref_area: 'ALB', time_period: 2020, breakdown: '_T', obs_value: 1100, obs_status: 'P', comment: 'Eurostat flag: p (provisional)' },
        { line: 5, ref_area: 'GRC', time_period: 2019, breakdown: '_T', obs_value: 1567, obs_status: 'A', comment: null },
        { line: 6, ref_area: 'GRC', time_period: 2020, breakdown: '_T', obs_value: null, obs_status: 'Q', comment: 'Eurostat flag: c (confidential: the value is withheld)' },
        { line: 7, ref_area: 'XKX', time_period: 2019, breakdown: 'BRIBERY', obs_value: 210, obs_status: 'B', comment: 'Eurostat flag: b (break in time series)' },
        { line: 13, ref_area: 'MNE', time_period: 2021, breakdown: '_T', obs_value: 40, obs_status: 'A', comment: 'Eurostat flag: r (revised)' },
      ]);
      expect(await sdmx.all(`select line, "column", value, code from validation_issue order by line`)).toEqual([
        { line: 4, column: 'OBS_VALUE', value: ':', code: 'IMPORT_SKIPPED_MISSING' },
        { line: 8, column: 'geo', value: 'EU27_2020', code: 'IMPORT_SKIPPED_AGGREGATE' },
        { line: 9, column: 'unit', value: 'P_HTHAB', code: 'IMPORT_SKIPPED_RATE' },
        { line: 10, column: 'iccs', value: 'ICCS0101', code: 'IMPORT_UNMAPPED' },
        { line: 11, column: 'OBS_VALUE', value: '1234.5', code: 'IMPORT_UNREADABLE' },
        { line: 12, column: 'OBS_VALUE', value: '12a5', code: 'IMPORT_UNREADABLE' },
      ]);

      // SDMX 3.0 flavour with labels (STRUCTURE, STRUCTURE_ID, "XK:Kosovo*"): the same dataset, so it replaces Kosovo
      // once dated after the first's LAST UPDATE (it carries no date of its own, and an undated import ranks after a dated one)
      const second = await importForTest(sdmx, 'eurostat', importFixture('eurostat', 'crim_off_cat_sdmx3_labels.csv'), { receivedAt: '2026-02-02T09:00:00.000Z', published: '2024-04-01' });
      expect(second).toMatchObject({ status: 'imported', dataset: 'crim_off_cat', rows: 2, loaded: 2, replaces: [{ submissionId: first.submissionId, states: ['XKX'], statesKept: 3 }] });
      expect(await sdmx.all(`select ref_area, time_period, obs_value, obs_status from observation where submission_id = $id order by line`, { id: second.submissionId })).toEqual([
        { ref_area: 'XKX', time_period: 2021, obs_value: 205, obs_status: 'A' },
        { ref_area: 'ROU', time_period: 2021, obs_value: 1300, obs_status: 'A' },
      ]);
    } finally {
      sdmx.close();
    }
  });
});

describe('import eurostat: the TSV opened and saved in a spreadsheet', () => {
  it.each([
    [',', 'CSV (Excel, comma)'],
    [';', 'CSV (Excel in a decimal-comma locale, semicolon)'],
  ])('saved with "%s" between cells, its keys quoted (%s), reads as the TSV does (was: exit 3, internal error "trim(INTEGER)")', async (delimiter) => {
    const path = join(tempDir(), `crim_off_cat_saved${delimiter === ';' ? '_semicolon' : ''}.csv`);
    writeFileSync(path, [
      ['"freq,unit,iccs,geo\\TIME_PERIOD"', '2019 ', '2020 '],
      ['"A,NR,ICCS0703,BG"', '123 p', ': '],
      ['"A,NR,ICCS0703,RO"', '12 ', '13 '],
    ].map((cells) => cells.join(delimiter)).join('\r\n') + '\r\n');
    const report = await importForTest(store, 'eurostat', path);
    expect(report).toMatchObject({ status: 'imported', dataset: 'crim_off_cat', rows: 4, loaded: 3, skipped: { missing: 1 } });
    expect(await store.all(`select ref_area, time_period, obs_value, obs_status, line from observation where submission_id = $id order by line, time_period`, { id: report.submissionId })).toEqual([
      { ref_area: 'BGR', time_period: 2019, obs_value: 123, obs_status: 'P', line: 2 },
      { ref_area: 'ROU', time_period: 2019, obs_value: 12, obs_status: 'A', line: 3 },
      { ref_area: 'ROU', time_period: 2020, obs_value: 13, obs_status: 'A', line: 3 },
    ]);
  });

  it('a key with no year column is refused, naming what is missing (was: exit 3, internal error)', async () => {
    const path = join(tempDir(), 'crim_off_cat_no_years.tsv');
    writeFileSync(path, 'freq,unit,iccs,geo\\TIME_PERIOD\r\nA,NR,ICCS0703,BG\r\n');
    const report = await importForTest(store, 'eurostat', path);
    expect(report).toMatchObject({ status: 'rejected', error: { code: 'IMPORT_COLUMN_MISSING', line: 1, message: 'expected one column per year after the key "freq,unit,iccs,geo\\\\TIME_PERIOD", found none' } });
  });
});

describe('import eurostat: SDMX-CSV 2.0 with labels (labels=both) and CONF_STATUS', () => {
  it('reads "geo: Geopolitical entity (reporting)" as geo, "p: provisional" as the flag p, and CONF_STATUS C as the TSV’s "c" (withheld)', async () => {
    const path = join(tempDir(), 'crim_off_cat_labels.csv');
    writeFileSync(path, [
      'STRUCTURE,STRUCTURE_ID,freq: Time frequency,iccs: International classification of crime for statistical purposes (ICCS),unit: Unit of measure,geo: Geopolitical entity (reporting),TIME_PERIOD: Time,OBS_VALUE: Observation value,OBS_FLAG: Observation status (Flag) V2 structure,CONF_STATUS: Confidentiality status (flag)',
      'dataflow,ESTAT:CRIM_OFF_CAT(1.0),A: Annual,ICCS0703: Smuggling of migrants,NR: Number,BG: Bulgaria,2021,45,p: provisional,',
      'dataflow,ESTAT:CRIM_OFF_CAT(1.0),A: Annual,ICCS0703: Smuggling of migrants,NR: Number,BG: Bulgaria,2022,,,C: Confidential',
      'dataflow,ESTAT:CRIM_OFF_CAT(1.0),A: Annual,ICCS0703: Smuggling of migrants,NR: Number,EU27_2020: European Union - 27 countries (from 2020),2021,9000,e: estimated,',
      'dataflow,ESTAT:CRIM_OFF_CAT(1.0),A: Annual,ICCS0703: Smuggling of migrants,NR: Number,XK: Kosovo*,2021,3,,F: Free',
      '',
    ].join('\n'));
    const report = await importForTest(store, 'eurostat', path);
    // was: refused, IMPORT_NOT_EUROSTAT (the labelled header); with plain headers, "45 p: provisional" unreadable and
    // the confidential 2022 skipped as missing
    expect(report).toMatchObject({ status: 'imported', dataset: 'crim_off_cat', rows: 4, loaded: 3, skipped: { aggregate: 1 }, unreadable: 0 });
    expect(accountedRows(report)).toBe(4);
    expect(await store.all(`select line, ref_area, time_period, obs_value, obs_status, comment from observation where submission_id = $id order by line`, { id: report.submissionId })).toEqual([
      { line: 2, ref_area: 'BGR', time_period: 2021, obs_value: 45, obs_status: 'P', comment: 'Eurostat flag: p (provisional)' },
      { line: 3, ref_area: 'BGR', time_period: 2022, obs_value: null, obs_status: 'Q', comment: 'Eurostat flag: c (confidential: the value is withheld)' },
      { line: 5, ref_area: 'XKX', time_period: 2021, obs_value: 3, obs_status: 'A', comment: null },
    ]);
  });
});

describe('import eurostat: SDMX-CSV 2.0 as the dissemination API writes it with labels', () => {
  // the SDMX 3.0 API's format=csvdata&formatVersion=2.0 with labels=both: STRUCTURE, STRUCTURE_ID, STRUCTURE_NAME,
  // then each column as code:label with no space (`freq:Time frequency`), each code with its label (`EL:Greece`,
  // `e:estimated`), CONF_STATUS last
  const header = 'STRUCTURE,STRUCTURE_ID,STRUCTURE_NAME,freq:Time frequency,iccs:International classification of crime for statistical purposes (ICCS),unit:Unit of measure,geo:Geopolitical entity (reporting),TIME_PERIOD:Time,OBS_VALUE:Observation value,OBS_FLAG:Observation status (Flag) V2 structure,CONF_STATUS:Confidentiality status (flag)';
  const flow = 'dataflow,ESTAT:CRIM_OFF_CAT(1.0),Recorded offences by offence category - police data';

  it('reads "freq:Time frequency" as freq and "EL:Greece" as EL (was: refused, IMPORT_NOT_EUROSTAT, as no SDMX-TSV header)', async () => {
    const path = join(tempDir(), 'crim_off_cat_both.csv');
    writeFileSync(path, [
      header,
      `${flow},A:Annual,ICCS0703:Corruption,NR:Number,EL:Greece,2021,1490,e:estimated,`,
      `${flow},A:Annual,ICCS0703:Corruption,NR:Number,RO:Romania,2021,1300,,`,
      `${flow},A:Annual,ICCS0703:Corruption,NR:Number,BG:Bulgaria,2021,,,C:Confidential statistical information`,
      '',
    ].join('\r\n'));
    const report = await importForTest(store, 'eurostat', path);
    expect(report).toMatchObject({ status: 'imported', dataset: 'crim_off_cat', rows: 3, loaded: 3 });
    expect(await store.all(`select line, ref_area, indicator, obs_value, obs_status, comment from observation where submission_id = $id order by line`, { id: report.submissionId })).toEqual([
      { line: 2, ref_area: 'GRC', indicator: 'COR_OFF', obs_value: 1490, obs_status: 'E', comment: 'Eurostat flag: e (estimated)' },
      { line: 3, ref_area: 'ROU', indicator: 'COR_OFF', obs_value: 1300, obs_status: 'A', comment: null },
      { line: 4, ref_area: 'BGR', indicator: 'COR_OFF', obs_value: null, obs_status: 'Q', comment: 'Eurostat flag: c (confidential: the value is withheld)' },
    ]);
  });

  it('an export with labels in place of codes (labels=name alone: Annual, Number, Greece) is refused at its first row, naming the label', async () => {
    const path = join(tempDir(), 'crim_off_cat_labels.csv');
    writeFileSync(path, [
      'DATAFLOW,LAST UPDATE,freq,iccs,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG',
      'Recorded offences by offence category - police data,21/03/24 23:00:00,Annual,Corruption,Number,Greece,2021,1490,estimated',
      '',
    ].join('\n'));
    const report = await importForTest(store, 'eurostat', path);
    // was: refused as "found Recorded offences by offence category - police data …, its values are not offences",
    // and without the DATAFLOW column imported with every row skipped as "frequency Annual is not annual"
    expect(report).toMatchObject({
      status: 'rejected',
      error: {
        code: 'IMPORT_COLUMN_UNSUPPORTED', line: 2, column: 'freq',
        message: 'expected codes under freq (such as A), found "Annual", a label: the download holds labels in place of codes, which are not read as codes',
        hint: 'download the table again from Eurostat as SDMX-CSV with codes, or codes and labels (labels=both), or as TSV',
      },
    });
  });
});

describe('import eurostat: a sheet of the data browser\'s spreadsheet download saved as CSV', () => {
  // the layout of the data browser's .xlsx ("Sheet 1"): a title, "Data extracted on …", the filters, a TIME row of
  // years with an empty column beside each for its flags, "GEO (Labels)", then one row per country by its label
  it('is refused naming the layout and the TIME and GEO rows, with what to download (was: "found \\"Recorded offences by …\\"", no word of what it is)', async () => {
    const path = join(tempDir(), 'crim_off_cat_sheet1.csv');
    writeFileSync(path, [
      'Recorded offences by offence category - police data (crim_off_cat),,,,,,',
      ',,,,,,',
      'Data extracted on 21/03/2024 23:00:00 from [ESTAT],,,,,,',
      'Dataset:,Recorded offences by offence category - police data,,,,,',
      'Last updated:,21/03/2024 23:00,,,,,',
      ',,,,,,',
      'Time frequency,Annual,,,,,',
      'International classification of crime for statistical purposes (ICCS),Corruption,,,,,',
      'Unit of measure,Number,,,,,',
      ',,,,,,',
      'TIME,2019,,2020,,2021,',
      'GEO (Labels),,,,,,',
      'Bulgaria,123,,130,p,:,',
      'Romania,1200,,1300,,1400,e',
      '',
    ].join('\r\n'));
    const report = await importForTest(store, 'eurostat', path);
    expect(report).toMatchObject({
      status: 'rejected',
      error: {
        code: 'IMPORT_NOT_EUROSTAT', line: 11, column: 'TIME',
        message: 'expected an SDMX-TSV header like "freq,iccs,unit,geo\\TIME_PERIOD" or an SDMX-CSV one, found a table laid out by Eurostat\'s data browser for reading ("TIME" on line 11, "GEO (Labels)" on line 12, a flag column beside each year), as its spreadsheet download writes it: not read',
        hint: 'download the table from Eurostat\'s data browser as TSV or SDMX-CSV (Download, then the text or SDMX-CSV format), and import that file',
      },
    });
  });
});

describe('import eurostat: a column with no heading after the years', () => {
  // the TSV saved again by a spreadsheet as CSV, each line ending in a delimiter: "…\\TIME_PERIOD",2019 ,2020 ,
  it('is no period when it holds nothing: the years are read (was: refused, expected annual periods such as 2021 as column headers, found "")', async () => {
    const path = join(tempDir(), 'crim_off_cat.csv');
    writeFileSync(path, '"freq,iccs,unit,geo\\TIME_PERIOD",2019 ,2020 ,\r\n"A,ICCS0703,NR,RO",12 ,13 p,\r\n');
    const report = await importForTest(store, 'eurostat', path);
    expect(report).toMatchObject({ status: 'imported', rows: 2, loaded: 2 });
    expect(await store.all(`select line, ref_area, time_period, obs_value, obs_status from observation where submission_id = $id order by time_period`, { id: report.submissionId })).toEqual([
      { line: 2, ref_area: 'ROU', time_period: 2019, obs_value: 12, obs_status: 'A' },
      { line: 2, ref_area: 'ROU', time_period: 2020, obs_value: 13, obs_status: 'P' },
    ]);
  });

  it('says of a flag written in capitals (12 C) that Eurostat writes them in lower case: the value is not loaded', async () => {
    const path = join(tempDir(), 'crim_off_cat.tsv');
    writeFileSync(path, 'freq,iccs,unit,geo\\TIME_PERIOD\t2019 \t2020 \nA,ICCS0703,NR,RO\t12 C\t13 p\n');
    const imported = await importForTest(store, 'eurostat', path);
    expect(await store.all(`select time_period, obs_value, obs_status from observation where submission_id = $id`, { id: imported.submissionId })).toEqual([
      { time_period: 2020, obs_value: 13, obs_status: 'P' },
    ]);
    expect(await store.all(`select line, "column", value, message, hint from validation_issue where submission_id = $id and value = '12 C'`, { id: imported.submissionId })).toEqual([
      { line: 2, column: '2019', value: '12 C', message: 'expected a number or ":" optionally followed by flags, found "12 C"', hint: 'Eurostat writes its flags in lower case (12 c, : c): the file was edited; download the table again' },
    ]);
  });

  it('refuses the file when such a column holds a value, whose year is not known', async () => {
    const path = join(tempDir(), 'crim_off_cat.tsv');
    writeFileSync(path, 'freq,iccs,unit,geo\\TIME_PERIOD\t2019 \t2020 \t\nA,ICCS0703,NR,RO\t12 \t13 \t\nA,ICCS0703,NR,BG\t5 \t6 \t14\n');
    expect(await importForTest(store, 'eurostat', path)).toMatchObject({
      status: 'rejected',
      error: { code: 'IMPORT_COLUMN_UNSUPPORTED', line: 3, message: 'expected a year heading every column with values, found "14" under a column with no heading' },
    });
  });
});

describe('import eurostat: the bulk download as published, gzip-compressed (estat_crim_off_cat.tsv.gz)', () => {
  it('is read decompressed: the same rows, lines and dataset as the .tsv; the archive keeps the compressed bytes', async () => {
    const { gzipSync } = await import('node:zlib');
    const { readFileSync, existsSync } = await import('node:fs');
    const dir = tempDir();
    const path = join(dir, 'estat_crim_off_cat.tsv.gz');
    writeFileSync(path, gzipSync(readFileSync(importFixture('eurostat', 'crim_off_cat.tsv'))));
    const gz = await openTestWarehouse();
    try {
      const archiveDir = join(dir, 'archive');
      const gzReport = await importForTest(gz, 'eurostat', path, { archiveDir });
      expect(gzReport).toMatchObject({
        status: 'imported', dataset: 'crim_off_cat', rows: 42, loaded: 18, unmapped: 9, unreadable: 5, skipped: { missing: 4, aggregate: 3, rate: 3 },
      });
      expect(existsSync(join(archiveDir, gzReport.sha256))).toBe(true);
      expect(await gz.all(`select line, time_period, obs_value, obs_status from observation where ref_area = 'ALB' and indicator = 'COR_OFF' order by time_period`)).toEqual([
        { line: 2, time_period: 2019, obs_value: 1234, obs_status: 'A' },
        { line: 2, time_period: 2020, obs_value: 1100, obs_status: 'P' },
      ]);
    } finally {
      gz.close();
    }
  });

  it('a workbook offered to import eurostat is refused as such, not as a file without a header', async () => {
    const refused = await openTestWarehouse();
    try {
      const path = join(tempDir(), 'crim_off_cat.xlsx');
      writeFileSync(path, Buffer.from('PK\u0003\u0004 not really a workbook'));
      const result = await importForTest(refused, 'eurostat', path);
      expect(result).toMatchObject({ status: 'rejected', error: { code: 'IMPORT_UNREADABLE_FILE', file: 'crim_off_cat.xlsx', hint: "download the table as TSV or SDMX-CSV instead: the data browser's spreadsheet lays the table out for reading (labels, a flag column beside each year), which is not read, saved as CSV or not" } });
      expect(result.error?.message).toBe('expected a CSV or TSV file, found a spreadsheet workbook (.xlsx or another zip file): EUROSTAT imports are read from text downloads');
    } finally {
      refused.close();
    }
  });
});

describe('import eurostat: the dataset is told by the key, never by the file name', () => {
  const tsv = () => readFileSync(importFixture('eurostat', 'crim_off_cat.tsv'), 'utf8');
  // the same dataset downloaded again, with Albania's 2019 corruption offences withdrawn (":")
  const withdrawn = () => tsv().replace('A,ICCS0703,NR,AL\t1234 \t', 'A,ICCS0703,NR,AL\t: \t');
  const albania2019 = (s: Store) => s.all<{ obs_value: number; submission_id: number }>(
    `select obs_value, submission_id from observation_current where ref_area = 'ALB' and time_period = 2019 and indicator = 'COR_OFF' and breakdown = '_T'`,
  );

  it.each(['crim_off_cat (1).tsv', 'crim_off_cat-1.tsv', 'data.tsv', 'crim_off_cat__custom_12345_page_tabular.tsv', 'estat_crim_off_cat_copy.tsv'])(
    'a renamed download (%s) is crim_off_cat and replaces the earlier one state by state, the withdrawn value included',
    async (name) => {
      const dir = tempDir();
      const first = join(dir, 'crim_off_cat.tsv');
      writeFileSync(first, tsv());
      const second = join(tempDir(), name);
      writeFileSync(second, withdrawn());
      const renamed = await openTestWarehouse();
      try {
        const older = await importForTest(renamed, 'eurostat', first);
        expect(await albania2019(renamed)).toEqual([{ obs_value: 1234, submission_id: older.submissionId }]);
        const newer = await importForTest(renamed, 'eurostat', second, { receivedAt: '2026-02-02T09:00:00.000Z' });
        expect(newer).toMatchObject({ status: 'imported', dataset: 'crim_off_cat', replaces: [{ submissionId: older.submissionId, statesKept: 0 }] });
        expect(newer.supersedes).toEqual([older.submissionId]);
        expect(await albania2019(renamed)).toEqual([]);
        expect(await renamed.all('select dataset, outcome from submission order by submission_id')).toEqual([
          { dataset: 'crim_off_cat', outcome: 'superseded' },
          { dataset: 'crim_off_cat', outcome: 'accepted' },
        ]);
      } finally {
        renamed.close();
      }
    },
  );

  it('the bulk download of before 2023 (`iccs,unit,geo\\time`, no freq) and an SDMX-CSV without a dataflow column are crim_off_cat too', async () => {
    const dir = tempDir();
    const old = join(dir, 'old-download.tsv');
    writeFileSync(old, 'iccs,unit,geo\\time\t2019 \t2018 \nICCS0703,NR,RO\t1400 \t1300 \n');
    const plain = join(dir, 'export.csv');
    writeFileSync(plain, 'freq,iccs,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG\nA,ICCS0703,NR,RO,2019,1400,\n');
    expect(await importForTest(store, 'eurostat', old)).toMatchObject({ status: 'imported', dataset: 'crim_off_cat', loaded: 2 });
    expect(await importForTest(store, 'eurostat', plain)).toMatchObject({ status: 'imported', dataset: 'crim_off_cat', loaded: 1 });
  });

  it('a key with a dimension of another dataset is refused: its dataset cannot be determined, and no name is made up', async () => {
    // citizen and sex (as trafficking victims by citizenship and sex would have): no dataset this import reads has both, nor a key
    // with a dimension none has (applicant: an asylum table)
    const path = join(tempDir(), 'crim_thb_vctz.tsv');
    writeFileSync(path, 'freq,citizen,sex,unit,geo\\TIME_PERIOD\t2021 \nA,NAT,F,NR,RO\t312 \n');
    const report = await importForTest(store, 'eurostat', path);
    expect(report).toMatchObject({
      status: 'rejected', dataset: null,
      error: {
        code: 'IMPORT_COLUMN_UNSUPPORTED', file: 'crim_thb_vctz.tsv', line: 1, column: 'freq,citizen,sex,unit,geo\\TIME_PERIOD',
        message: 'expected the key of a dataset this import reads, crim_off_cat (freq, iccs, unit, geo), crim_just_sex (freq, leg_stat, sex, iccs, unit, geo), crim_just_ctz (freq, citizen, leg_stat, iccs, unit, geo), found the dimensions "citizen" and "sex" together in "freq,citizen,sex,unit,geo\\TIME_PERIOD": the dataset cannot be determined',
      },
    });
    const asylum = join(tempDir(), 'data.tsv');
    writeFileSync(asylum, 'freq,unit,citizen,applicant,geo\\TIME_PERIOD\t2021 \nA,PER,SY,FRST,RO\t5210 \n');
    expect(await importForTest(store, 'eurostat', asylum)).toMatchObject({
      status: 'rejected', error: { code: 'IMPORT_COLUMN_UNSUPPORTED', message: expect.stringContaining('found the dimension "applicant" in "freq,unit,citizen,applicant,geo\\TIME_PERIOD"') },
    });
  });
});

describe('import eurostat: an SDMX-CSV of another dataset is refused, not loaded as offences', () => {
  // prisoners by offence category share crim_off_cat's dimensions: their corruption row was loaded as COR_OFF
  it('crim_pris_cat (prisoners) is refused at the line naming its dataflow, and nothing is loaded', async () => {
    const own = await openTestWarehouse();
    try {
      const path = join(tempDir(), 'crim_pris_cat.csv');
      writeFileSync(path, [
        'DATAFLOW,LAST UPDATE,freq,iccs,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG',
        'ESTAT:CRIM_PRIS_CAT(1.0),05/06/24 23:00:00,A,ICCS0703,NR,RO,2021,123,',
        'ESTAT:CRIM_PRIS_CAT(1.0),05/06/24 23:00:00,A,ICCS0703,NR,BG,2021,45,',
      ].join('\n') + '\n');
      const report = await importForTest(own, 'eurostat', path);
      expect(report).toMatchObject({
        status: 'rejected', loaded: 0,
        error: {
          code: 'IMPORT_COLUMN_UNSUPPORTED', file: 'crim_pris_cat.csv', line: 2, column: 'DATAFLOW',
          message: 'expected the dataflow of a dataset this import reads, crim_off_cat (police-recorded offences), crim_just_sex (persons suspected, prosecuted or convicted, by offence and sex), crim_just_ctz (persons suspected, prosecuted or convicted, by offence and citizenship), found "ESTAT:CRIM_PRIS_CAT(1.0)", which counts prisoners: not one of these, so its values are not imported',
          hint: 'download crim_off_cat ("Police-recorded offences by offence category"), crim_just_sex ("Persons brought into formal contact with the police and criminal justice system, by sex of the person") or crim_just_ctz ("Persons brought into formal contact with the police and criminal justice system, by citizenship") from Eurostat as SDMX-CSV or TSV; crim_pris_cat maps to no catalogue indicator',
        },
      });
      expect(await own.all('select count(*)::integer as n from observation')).toEqual([{ n: 0 }]);
    } finally {
      own.close();
    }
  });

  it('a file mixing crim_off_cat with another dataflow is refused at the other one\'s first line', async () => {
    const path = join(tempDir(), 'mixed.csv');
    writeFileSync(path, [
      'STRUCTURE,STRUCTURE_ID,freq,iccs,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG',
      'dataflow,ESTAT:CRIM_OFF_CAT(1.0),A,ICCS0703,NR,RO,2021,1300,',
      'dataflow,ESTAT:CRIM_JUST_CAT(1.0),A,ICCS0703,NR,RO,2021,950,',
    ].join('\n') + '\n');
    expect(await importForTest(store, 'eurostat', path)).toMatchObject({
      status: 'rejected',
      error: { code: 'IMPORT_COLUMN_UNSUPPORTED', line: 3, column: 'STRUCTURE_ID', message: expect.stringContaining('found "ESTAT:CRIM_JUST_CAT(1.0)", which counts persons in the criminal justice system') },
    });
  });

  it('an SDMX-CSV with a dimension no dataset it reads has (age) is refused even without a dataflow column', async () => {
    const path = join(tempDir(), 'suspects.csv');
    writeFileSync(path, 'freq,unit,age,leg_stat,iccs,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG\nA,NR,TOTAL,PER_SUSP,ICCS0703,RO,2021,5210,\nA,NR,Y_LT18,PER_SUSP,ICCS0703,RO,2021,610,\n');
    expect(await importForTest(store, 'eurostat', path)).toMatchObject({
      status: 'rejected', loaded: 0,
      error: {
        code: 'IMPORT_COLUMN_UNSUPPORTED', line: 1,
        message: 'expected the key of a dataset this import reads, crim_off_cat (freq, iccs, unit, geo), crim_just_sex (freq, leg_stat, sex, iccs, unit, geo), crim_just_ctz (freq, citizen, leg_stat, iccs, unit, geo), found the dimension "age" in "freq,unit,age,leg_stat,iccs,geo": the dataset cannot be determined',
      },
    });
  });

  it('an SDMX-CSV without iccs (migr_asyappctza, asylum applicants) is refused naming its dataflow, not as "no SDMX-TSV header"', async () => {
    const path = join(tempDir(), 'migr_asyappctza.csv');
    writeFileSync(path, 'DATAFLOW,LAST UPDATE,freq,unit,citizen,sex,age,applicant,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG\nESTAT:MIGR_ASYAPPCTZA(1.0),01/05/24 23:00:00,A,PER,SY,T,TOTAL,FRST,RO,2021,5210,\n');
    expect(await importForTest(store, 'eurostat', path)).toMatchObject({
      status: 'rejected',
      error: {
        code: 'IMPORT_COLUMN_UNSUPPORTED', line: 2, column: 'DATAFLOW',
        message: 'expected the dataflow of a dataset this import reads, crim_off_cat (police-recorded offences), crim_just_sex (persons suspected, prosecuted or convicted, by offence and sex), crim_just_ctz (persons suspected, prosecuted or convicted, by offence and citizenship), found "ESTAT:MIGR_ASYAPPCTZA(1.0)", which counts migrants, asylum seekers or residence permits: not one of these, so its values are not imported',
      },
    });
  });

  it('crim_off_cat under a view suffix (ESTAT:CRIM_OFF_CAT$DEFAULTVIEW(1.0)) is crim_off_cat', async () => {
    const path = join(tempDir(), 'view.csv');
    writeFileSync(path, 'DATAFLOW,LAST UPDATE,freq,iccs,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG\nESTAT:CRIM_OFF_CAT$DEFAULTVIEW(1.0),05/06/24,A,ICCS0703,NR,RO,2018,1401,\n');
    expect(await importForTest(store, 'eurostat', path)).toMatchObject({ status: 'imported', dataset: 'crim_off_cat', loaded: 1 });
  });
});

describe('import eurostat: a TSV named after another table with crim_off_cat\'s key is refused', () => {
  const prisoners = 'freq,iccs,unit,geo\\TIME_PERIOD\t2020 \t2021 \nA,ICCS0703,NR,RO\t123 \t130 \nA,ICCS06012,NR,BG\t45 \t50 \n';
  it.each([
    ['crim_pris_cat.tsv', 'crim_pris_cat', ', which counts prisoners'],
    ['estat_crim_gen_reg.tsv', 'crim_gen_reg', ', which counts offences by region (NUTS)'],
  ])('%s: refused, naming the table its name gives, nothing loaded', async (name, table, what) => {
    const own = await openTestWarehouse();
    try {
      const path = join(tempDir(), name);
      writeFileSync(path, prisoners);
      expect(await importForTest(own, 'eurostat', path)).toMatchObject({
        status: 'rejected', loaded: 0,
        error: {
          code: 'IMPORT_COLUMN_UNSUPPORTED', file: name, line: 1, column: 'freq,iccs,unit,geo\\TIME_PERIOD',
          message: `expected crim_off_cat, the dataset this import reads with the key "freq,iccs,unit,geo\\TIME_PERIOD", found a file named after ${table}${what} and has the same key: the dataset cannot be determined, and its values would be loaded as offences: not imported`,
          hint: 'download crim_off_cat ("Police-recorded offences by offence category") from Eurostat; if this file is crim_off_cat saved under another name, name it crim_off_cat.tsv',
        },
      });
      expect(await own.all('select count(*)::integer as n from observation')).toEqual([{ n: 0 }]);
    } finally {
      own.close();
    }
  });

  it('a name that gives no other table, or crim_off_cat too, is read by its key', async () => {
    const path = join(tempDir(), 'crim_off_cat_vs_crim_pris_cat.tsv');
    writeFileSync(path, prisoners);
    expect(await importForTest(store, 'eurostat', path)).toMatchObject({ status: 'imported', dataset: 'crim_off_cat', loaded: 4 });
  });
});

describe('import eurostat: a count with three digits after a point is not guessed', () => {
  it('"2.000" (the TSV saved from a spreadsheet) is unreadable, not loaded as 2; "1.500 p" likewise', async () => {
    const own = await openTestWarehouse();
    try {
      const path = join(tempDir(), 'crim_off_cat.tsv');
      writeFileSync(path, 'freq,iccs,unit,geo\\TIME_PERIOD\t2019 \t2020 \t2021 \nA,ICCS0703,NR,RO\t2.000 \t1.500 p\t12.0 \n');
      expect(await importForTest(own, 'eurostat', path)).toMatchObject({ status: 'imported', loaded: 1, unreadable: 2 });
      expect(await own.all(`select time_period, obs_value from observation`)).toEqual([{ time_period: 2021, obs_value: 12 }]);
      expect(await own.all(`select line, "column", value, message, hint from validation_issue order by "column"`)).toEqual([
        {
          line: 2, column: '2019', value: '2.000 ',
          message: 'expected a whole number for COR_OFF (a count, unit NR), found "2.000 ": 2000 with a thousands separator, or 2 with decimals? not guessed: not imported',
          hint: 'download the table again from Eurostat, which writes counts without separators',
        },
        {
          line: 2, column: '2020', value: '1.500 p',
          message: 'expected a whole number for COR_OFF (a count, unit NR), found "1.500 p": 1500 with a thousands separator, or 1.5 with decimals? not guessed: not imported',
          hint: 'download the table again from Eurostat, which writes counts without separators',
        },
      ]);
    } finally {
      own.close();
    }
  });
});

describe('import eurostat: an SDMX-CSV row ending before a label column the import does not read', () => {
  it('is loaded as it stands (was: TOO_FEW_CELLS); a row missing its unit, OBS_VALUE or OBS_FLAG stays TOO_FEW_CELLS', async () => {
    const own = await openTestWarehouse();
    try {
      const path = join(tempDir(), 'crim_off_cat_labels.csv');
      writeFileSync(path, [
        'DATAFLOW,LAST UPDATE,freq,iccs,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG,Observation status (Flag)',
        'ESTAT:CRIM_OFF_CAT(1.0),21/03/24 23:00:00,A,ICCS0703,NR,RO,2020,1300,p,provisional',
        'ESTAT:CRIM_OFF_CAT(1.0),21/03/24 23:00:00,A,ICCS0703,NR,BG,2020,700,',
        'ESTAT:CRIM_OFF_CAT(1.0),21/03/24 23:00:00,A,ICCS0703,BG,2021,710,,',
        'ESTAT:CRIM_OFF_CAT(1.0),21/03/24 23:00:00,A,ICCS0703,NR,EL,2020,p,',
        'ESTAT:CRIM_OFF_CAT(1.0),21/03/24 23:00:00,A,ICCS0703,NR,AL,2020,900',
      ].join('\n') + '\n');
      const report = await importForTest(own, 'eurostat', path);
      expect(report).toMatchObject({ status: 'imported', dataset: 'crim_off_cat', rows: 5, loaded: 2, unreadable: 3 });
      expect(accountedRows(report)).toBe(report.rows);
      expect(await own.all(`select line, ref_area, time_period, obs_value, obs_status from observation order by line`)).toEqual([
        { line: 2, ref_area: 'ROU', time_period: 2020, obs_value: 1300, obs_status: 'P' },
        { line: 3, ref_area: 'BGR', time_period: 2020, obs_value: 700, obs_status: 'A' },
      ]);
      expect(await own.all(`select code, line, "column", message from validation_issue where line is not null order by line`)).toEqual([4, 5, 6].map((line) => ({
        code: 'TOO_FEW_CELLS', line, column: 'Observation status (Flag)',
        message: `expected 10 cells as in the header, found ${line === 6 ? 8 : 9}: a cell is missing, so the cells after it stand under the wrong columns; not imported`,
      })));
    } finally {
      own.close();
    }
  });
});
