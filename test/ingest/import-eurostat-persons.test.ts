import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../src/ingest/import/index.js';
import type { Store } from '../../src/store/index.js';
import { runCli } from '../helpers/cli.js';
import { accountedRows, importForTest } from '../helpers/import.js';
import { openTestWarehouse, tempDir } from '../helpers/warehouse.js';

// Eurostat's crim_just_sex (persons suspected, prosecuted and convicted, by offence, legal status and sex) as the
// dissemination API writes it: TSV with its key in the DSD's order, periods and values followed by a space, `: c` for a
// confidential value; SDMX-CSV 1.0 with DATAFLOW and LAST UPDATE; SDMX-CSV 2.0 with codes and labels (labels=both).
// It was refused whole (IMPORT_COLUMN_UNSUPPORTED, "found the dimension leg_stat ...: the dataset cannot be determined").
const TSV = [
  'freq,unit,sex,leg_stat,iccs,geo\\TIME_PERIOD\t2021 \t2022 ',
  'A,NR,F,PER_CNV,ICCS0204,RO\t41 \t38 p',
  'A,NR,M,PER_CNV,ICCS0204,RO\t150 \t162 p',
  'A,NR,T,PER_CNV,ICCS0204,RO\t191 \t200 p',
  'A,NR,UNK,PER_CNV,ICCS0204,RO\t0 \t0 ',
  'A,NR,T,PER_SUSP,ICCS0703,BG\t1523 \t: ',
  'A,NR,F,PER_SUSP,ICCS0703,BG\t210 \t: c',
  'A,NR,T,PER_PRSC,ICCS07031,BG\t95 \t101 ',
  'A,NR,T,PER_SUSP,ICCS07041,BG\t88 \t90 ',
  'A,NR,T,PER_PRSC,ICCS0101,BG\t120 \t118 ',
  'A,NR,M,PER_SUSP,ICCS06012,BG\t700 \t710 ',
  'A,P_HTHAB,T,PER_CNV,ICCS0204,RO\t1.0 \t1.05 ',
  'A,NR,T,PER_CNV,ICCS0204,EU27_2020\t2517 \t: ',
].join('\n') + '\n';

let store: Store;
let report: ImportReport;
beforeAll(async () => {
  store = await openTestWarehouse();
  const path = join(tempDir(), 'estat_crim_just_sex.tsv');
  writeFileSync(path, TSV);
  report = await importForTest(store, 'eurostat', path);
});
afterAll(() => store.close());

const cell = async (submission: number, ref_area: string, time_period: number, indicator: string, sex: string, breakdown = '_T') =>
  store.all<{ obs_value: number | null; obs_status: string; line: number }>(
    `select obs_value, obs_status, line from observation
     where submission_id = $submission and ref_area = $ref_area and time_period = $time_period and indicator = $indicator and sex = $sex and breakdown = $breakdown`,
    { submission, ref_area, time_period, indicator, sex, breakdown },
  );

describe('import eurostat: crim_just_sex, persons by legal status and sex', () => {
  it('loads persons convicted of trafficking by sex into TIP_CNV, suspects of corruption into COR_SUS, and accounts for every cell', async () => {
    expect(report).toMatchObject({
      status: 'imported', source: 'EUROSTAT', dataset: 'crim_just_sex', rows: 24, loaded: 13, unmapped: 6, unreadable: 0,
      skipped: { aggregate: 2, rate: 2, missing: 1 },
    });
    expect(accountedRows(report)).toBe(report.rows);
    const id = report.submissionId!;
    expect(await cell(id, 'ROU', 2021, 'TIP_CNV', 'F')).toEqual([{ obs_value: 41, obs_status: 'A', line: 2 }]);
    expect(await cell(id, 'ROU', 2022, 'TIP_CNV', 'M')).toEqual([{ obs_value: 162, obs_status: 'P', line: 3 }]);
    expect(await cell(id, 'ROU', 2022, 'TIP_CNV', '_T')).toEqual([{ obs_value: 200, obs_status: 'P', line: 4 }]);
    expect(await cell(id, 'ROU', 2021, 'TIP_CNV', '_U')).toEqual([{ obs_value: 0, obs_status: 'A', line: 5 }]);
    expect(await cell(id, 'BGR', 2021, 'COR_SUS', '_T')).toEqual([{ obs_value: 1523, obs_status: 'A', line: 6 }]);
    expect(await cell(id, 'BGR', 2022, 'COR_SUS', 'F')).toEqual([{ obs_value: null, obs_status: 'Q', line: 7 }]);
    // bribery (ICCS07031) is COR_OFF's BRIBERY in eurostat_mapping.csv: its persons prosecuted are COR_PRS BRIBERY
    expect(await cell(id, 'BGR', 2022, 'COR_PRS', '_T', 'BRIBERY')).toEqual([{ obs_value: 101, obs_status: 'A', line: 8 }]);
  });

  it('lists the cells it does not load with their line and why: no such indicator, outside the catalogue, no breakdown by sex', async () => {
    const issues = await store.all<{ line: number; column: string; value: string; message: string }>(
      `select line, "column", value, message from validation_issue where submission_id = $id and code = 'IMPORT_UNMAPPED' and "column" <> 'iccs' order by line, message`,
      { id: report.submissionId! },
    );
    expect(issues).toEqual([
      {
        line: 9, column: 'leg_stat', value: 'PER_SUSP',
        message: 'expected a catalogue indicator for ICCS07041 (ML_OFF) and PER_SUSP, found none: ML_SUS is not in the catalogue; not imported',
      },
      {
        line: 9, column: 'leg_stat', value: 'PER_SUSP',
        message: 'expected a catalogue indicator for ICCS07041 (ML_OFF) and PER_SUSP, found none: ML_SUS is not in the catalogue; not imported',
      },
      { line: 11, column: 'sex', value: 'M', message: 'expected sex T for DRG_SUS, which has no breakdown by sex, found "M": only its total is imported' },
      { line: 11, column: 'sex', value: 'M', message: 'expected sex T for DRG_SUS, which has no breakdown by sex, found "M": only its total is imported' },
    ]);
    expect(await store.all(`select line, message from validation_issue where submission_id = $id and "column" = 'iccs' group by all order by line`, { id: report.submissionId! }))
      .toEqual([{ line: 10, message: 'not imported: intentional homicide is outside the catalogue (eurostat_mapping.csv line 19)' }]);
  });

  it('reads SDMX-CSV 1.0 and SDMX-CSV 2.0 with labels alike, dataset crim_just_sex from the dataflow', async () => {
    const dir = tempDir();
    const v1 = join(dir, 'crim_just_sex_sdmx.csv');
    writeFileSync(v1, [
      'DATAFLOW,LAST UPDATE,freq,unit,sex,leg_stat,iccs,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG',
      'ESTAT:CRIM_JUST_SEX(1.0),14/05/24 23:00:00,A,NR,F,PER_SUSP,ICCS0204,RO,2021,57,',
      'ESTAT:CRIM_JUST_SEX(1.0),14/05/24 23:00:00,A,NR,T,PER_SUSP,ICCS0204,RO,2021,233,',
      'ESTAT:CRIM_JUST_SEX(1.0),14/05/24 23:00:00,A,NR,T,PER_VICT,ICCS0204,RO,2021,,',
    ].join('\r\n') + '\r\n');
    const v2 = join(dir, 'crim_just_sex_sdmx2.csv');
    writeFileSync(v2, [
      'STRUCTURE,STRUCTURE_ID,freq:Time frequency,unit:Unit of measure,sex:Sex,leg_stat:Legal status,iccs:International classification of crime for statistical purposes (ICCS),geo:Geopolitical entity (reporting),TIME_PERIOD:Time,OBS_VALUE:Observation value,OBS_FLAG:Observation status (Flag) V2 structure,CONF_STATUS:Confidentiality status (flag)',
      'dataflow,ESTAT:CRIM_JUST_SEX(1.0),A:Annual,NR:Number,M:Males,PER_PRSC:Prosecuted person,ICCS0204:Trafficking in persons,BG:Bulgaria,2021,64,,',
      'dataflow,ESTAT:CRIM_JUST_SEX(1.0),A:Annual,NR:Number,F:Females,PER_PRSC:Prosecuted person,ICCS0204:Trafficking in persons,BG:Bulgaria,2021,,,C:Confidential statistical information',
    ].join('\n') + '\n');
    const first = await importForTest(store, 'eurostat', v1);
    expect(first).toMatchObject({ status: 'imported', dataset: 'crim_just_sex', published: '2024-05-14', rows: 3, loaded: 2, unmapped: 1 });
    expect(await cell(first.submissionId!, 'ROU', 2021, 'TIP_SUS', 'F')).toEqual([{ obs_value: 57, obs_status: 'A', line: 2 }]);
    expect(await store.all(`select line, "column", message from validation_issue where submission_id = $id`, { id: first.submissionId! })).toEqual([
      { line: 4, column: 'leg_stat', message: 'expected the legal status PER_SUSP, PER_PRSC or PER_CNV (persons suspected, prosecuted, convicted), found "PER_VICT": not imported' },
    ]);
    const second = await importForTest(store, 'eurostat', v2);
    expect(second).toMatchObject({ status: 'imported', dataset: 'crim_just_sex', rows: 2, loaded: 2 });
    expect(await cell(second.submissionId!, 'BGR', 2021, 'TIP_PRS', 'M')).toEqual([{ obs_value: 64, obs_status: 'A', line: 2 }]);
    expect(await cell(second.submissionId!, 'BGR', 2021, 'TIP_PRS', 'F')).toEqual([{ obs_value: null, obs_status: 'Q', line: 3 }]);
  });

  it('says on the command line what it imported', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ archive: join(dir, 'archive') }));
    const path = join(dir, 'crim_just_sex.tsv');
    writeFileSync(path, TSV);
    const result = await runCli(['import', 'eurostat', path, '--warehouse', join(dir, 'w.duckdb'), '--config', join(dir, 'config.json')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('crim_just_sex.tsv: imported as submission 1 (EUROSTAT crim_just_sex), values for 2 states\n  24 rows: 13 loaded, 5 skipped, 6 unmapped, 0 unreadable\n');
  });
});

describe('import eurostat: crim_just_ctz, persons by legal status and citizenship', () => {
  // it was refused whole, as crim_just_sex was ("found the dimension "citizen" ...: the dataset cannot be determined")
  it('loads the total, the own nationals (NAT: COUNTERPART_AREA the reporting state) and the unknown; groups of countries are listed', async () => {
    const path = join(tempDir(), 'estat_crim_just_ctz.tsv');
    writeFileSync(path, [
      'freq,unit,citizen,leg_stat,iccs,geo\\TIME_PERIOD\t2021 \t2022 ',
      'A,NR,TOTAL,PER_CNV,ICCS0204,RO\t191 \t200 p',
      'A,NR,NAT,PER_CNV,ICCS0204,RO\t170 \t181 p',
      'A,NR,EU27_2020_FOR,PER_CNV,ICCS0204,RO\t5 \t4 p',
      'A,NR,NEU27_2020_FOR,PER_CNV,ICCS0204,RO\t16 \t15 p',
      'A,NR,UNK,PER_CNV,ICCS0204,RO\t0 \t0 ',
      'A,NR,TOTAL,PER_SUSP,ICCS0703,BG\t1523 \t1600 ',
      'A,NR,NAT,PER_SUSP,ICCS0703,BG\t1490 \t1580 ',
    ].join('\n') + '\n');
    const own = await importForTest(store, 'eurostat', path);
    expect(own).toMatchObject({ status: 'imported', dataset: 'crim_just_ctz', rows: 14, loaded: 8, unmapped: 6 });
    expect(await store.all(
      `select ref_area, time_period, indicator, counterpart_area, obs_value, obs_status from observation where submission_id = $id order by line, time_period`,
      { id: own.submissionId! },
    )).toEqual([
      { ref_area: 'ROU', time_period: 2021, indicator: 'TIP_CNV', counterpart_area: '_T', obs_value: 191, obs_status: 'A' },
      { ref_area: 'ROU', time_period: 2022, indicator: 'TIP_CNV', counterpart_area: '_T', obs_value: 200, obs_status: 'P' },
      { ref_area: 'ROU', time_period: 2021, indicator: 'TIP_CNV', counterpart_area: 'ROU', obs_value: 170, obs_status: 'A' },
      { ref_area: 'ROU', time_period: 2022, indicator: 'TIP_CNV', counterpart_area: 'ROU', obs_value: 181, obs_status: 'P' },
      { ref_area: 'ROU', time_period: 2021, indicator: 'TIP_CNV', counterpart_area: '_U', obs_value: 0, obs_status: 'A' },
      { ref_area: 'ROU', time_period: 2022, indicator: 'TIP_CNV', counterpart_area: '_U', obs_value: 0, obs_status: 'A' },
      { ref_area: 'BGR', time_period: 2021, indicator: 'COR_SUS', counterpart_area: '_T', obs_value: 1523, obs_status: 'A' },
      { ref_area: 'BGR', time_period: 2022, indicator: 'COR_SUS', counterpart_area: '_T', obs_value: 1600, obs_status: 'A' },
    ]);
    expect(await store.all(`select distinct line, "column", value, message from validation_issue where submission_id = $id order by line`, { id: own.submissionId! })).toEqual([
      {
        line: 4, column: 'citizen', value: 'EU27_2020_FOR',
        message: 'expected the citizenship TOTAL, NAT (the reporting state) or UNK, found "EU27_2020_FOR", a group of countries: COUNTERPART_AREA takes one country; not imported',
      },
      {
        line: 5, column: 'citizen', value: 'NEU27_2020_FOR',
        message: 'expected the citizenship TOTAL, NAT (the reporting state) or UNK, found "NEU27_2020_FOR", a group of countries: COUNTERPART_AREA takes one country; not imported',
      },
      { line: 8, column: 'citizen', value: 'NAT', message: 'expected citizenship TOTAL for COR_SUS, which has no breakdown by citizenship, found "NAT": only its total is imported' },
    ]);
  });
});

describe('import eurostat: a trafficking in human beings table is refused, saying where victims come from', () => {
  it('crim_thb_vctz (victims by citizenship) as SDMX-CSV: refused at its dataflow, with the hint to import UNODC GLOTIP', async () => {
    const path = join(tempDir(), 'crim_thb_vctz.csv');
    writeFileSync(path, 'DATAFLOW,LAST UPDATE,freq,citizen,sex,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG\nESTAT:CRIM_THB_VCTZ(1.0),24/01/24 23:00:00,A,NAT,F,NR,RO,2021,312,\n');
    expect(await importForTest(store, 'eurostat', path)).toMatchObject({
      status: 'rejected', loaded: 0,
      error: {
        code: 'IMPORT_COLUMN_UNSUPPORTED', line: 2, column: 'DATAFLOW',
        message: expect.stringContaining('found "ESTAT:CRIM_THB_VCTZ(1.0)", which counts victims and suspects of trafficking in human beings: not one of these, so its values are not imported'),
        hint: expect.stringMatching(/^Eurostat's trafficking in human beings tables \(crim_thb_…\) are not read: victims of trafficking \(TIP_VIC\) come from the returns and from UNODC's GLOTIP download \("crimetrends import unodc FILE"\), persons suspected, prosecuted and convicted of trafficking \(TIP_SUS, TIP_PRS, TIP_CNV\) from these or from crim_just_sex \(ICCS0204\); download crim_off_cat/),
      },
    });
  });

  // Their keys could not be confirmed from Eurostat's published metadata (README, Imports), so no TSV key is taken for
  // theirs: whatever it is, the refusal of a file named after one says where its values come from, as the SDMX-CSV's does.
  const GLOTIP = 'Eurostat\'s trafficking in human beings tables (crim_thb_…) are not read: victims of trafficking (TIP_VIC) come from the returns and from UNODC\'s GLOTIP download ("crimetrends import unodc FILE"), persons suspected, prosecuted and convicted of trafficking (TIP_SUS, TIP_PRS, TIP_CNV) from these or from crim_just_sex (ICCS0204); ';

  it('a TSV named after one and refused by its key: the hint says where victims come from; a renamed one gets the plain hint', async () => {
    const dir = tempDir();
    const header = 'freq,sex,age,unit,geo\\TIME_PERIOD\t2021 \t2022 ';
    const rows = 'A,F,TOTAL,NR,RO\t312 \t298 \n';
    writeFileSync(join(dir, 'crim_thb_vsage.tsv'), `${header}\n${rows}`);
    writeFileSync(join(dir, 'data.tsv'), `${header}\n${rows}`);
    const named = await importForTest(store, 'eurostat', join(dir, 'crim_thb_vsage.tsv'));
    expect(named).toMatchObject({
      status: 'rejected', dataset: null, loaded: 0,
      error: {
        code: 'IMPORT_COLUMN_UNSUPPORTED', file: 'crim_thb_vsage.tsv', line: 1, column: 'freq,sex,age,unit,geo\\TIME_PERIOD',
        message: expect.stringContaining('found the dimension "age" in "freq,sex,age,unit,geo\\TIME_PERIOD": the dataset cannot be determined'),
      },
    });
    expect(named.error?.hint).toBe(`${GLOTIP}only Eurostat crime tables keyed by ICCS offence, unit and country (crim_off_cat), and by legal status and sex (crim_just_sex) or citizenship (crim_just_ctz) too, can be imported; download crim_off_cat ("Police-recorded offences by offence category"), crim_just_sex ("Persons brought into formal contact with the police and criminal justice system, by sex of the person") or crim_just_ctz ("Persons brought into formal contact with the police and criminal justice system, by citizenship") from Eurostat as SDMX-CSV or TSV`);
    const renamed = await importForTest(store, 'eurostat', join(dir, 'data.tsv'));
    expect(renamed).toMatchObject({ status: 'rejected', error: { code: 'IMPORT_COLUMN_UNSUPPORTED', hint: expect.stringMatching(/^only Eurostat crime tables keyed by ICCS offence/) } });
  });

  it('named after one with a key lacking iccs, or with crim_just_sex\'s very key: refused with the same hint, nothing loaded', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'crim_thb_x.tsv'), 'freq,unit,sex,leg_stat,geo\\TIME_PERIOD\t2021 \nA,NR,F,PER_VICT,RO\t312 \n');
    expect(await importForTest(store, 'eurostat', join(dir, 'crim_thb_x.tsv'))).toMatchObject({
      status: 'rejected', loaded: 0,
      error: {
        code: 'IMPORT_COLUMN_MISSING', line: 1, column: 'freq,unit,sex,leg_stat,geo\\TIME_PERIOD',
        message: 'expected a key dimension "iccs" in "freq,unit,sex,leg_stat,geo\\TIME_PERIOD", found freq, unit, sex, leg_stat, geo',
        hint: `${GLOTIP}only Eurostat crime tables keyed by ICCS offence, unit and country (such as crim_just_sex) can be imported`,
      },
    });
    // read by its key it would be crim_just_sex: its ICCS0204 convictions would be loaded as TIP_CNV and replace RO's
    writeFileSync(join(dir, 'estat_crim_thb_y.tsv'), 'freq,unit,sex,leg_stat,iccs,geo\\TIME_PERIOD\t2021 \nA,NR,F,PER_CNV,ICCS0204,RO\t41 \n');
    expect(await importForTest(store, 'eurostat', join(dir, 'estat_crim_thb_y.tsv'))).toMatchObject({
      status: 'rejected', loaded: 0,
      error: {
        code: 'IMPORT_COLUMN_UNSUPPORTED', line: 1,
        message: 'expected crim_just_sex, the dataset this import reads with the key "freq,unit,sex,leg_stat,iccs,geo\\TIME_PERIOD", found a file named after crim_thb_y, which counts victims and suspects of trafficking in human beings and has the same key: the dataset cannot be determined, and its values would be loaded as persons suspected, prosecuted or convicted: not imported',
        hint: `${GLOTIP}download crim_just_sex ("Persons brought into formal contact with the police and criminal justice system, by sex of the person") from Eurostat; if this file is crim_just_sex saved under another name, name it crim_just_sex.tsv`,
      },
    });
  });

  it('on the command line: exit 1, the file, line and key, and the hint, with no stack trace', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ archive: join(dir, 'archive') }));
    const path = join(dir, 'crim_thb_vctz.tsv');
    writeFileSync(path, 'freq,citizen,sex,unit,geo\\TIME_PERIOD\t2021 \nA,NAT,F,NR,RO\t312 \n');
    const result = await runCli(['import', 'eurostat', path, '--warehouse', join(dir, 'w.duckdb'), '--config', join(dir, 'config.json')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('error: crim_thb_vctz.tsv:1 column freq,citizen,sex,unit,geo\\TIME_PERIOD: expected the key of a dataset this import reads, crim_off_cat (freq, iccs, unit, geo), crim_just_sex (freq, leg_stat, sex, iccs, unit, geo), crim_just_ctz (freq, citizen, leg_stat, iccs, unit, geo), found the dimensions "citizen" and "sex" together in "freq,citizen,sex,unit,geo\\TIME_PERIOD": the dataset cannot be determined [IMPORT_COLUMN_UNSUPPORTED]\n'
      + `hint: ${GLOTIP}only Eurostat crime tables keyed by ICCS offence, unit and country (crim_off_cat), and by legal status and sex (crim_just_sex) or citizenship (crim_just_ctz) too, can be imported; download crim_off_cat ("Police-recorded offences by offence category"), crim_just_sex ("Persons brought into formal contact with the police and criminal justice system, by sex of the person") or crim_just_ctz ("Persons brought into formal contact with the police and criminal justice system, by citizenship") from Eurostat as SDMX-CSV or TSV\n`);
  });
});
