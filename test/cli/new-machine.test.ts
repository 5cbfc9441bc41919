import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importAction } from '../../src/cli/import.js';
import { ingestAction } from '../../src/cli/ingest.js';
import { createContext, PROJECT_ROOT } from '../../src/context.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/warehouse.js';

// A new user on another machine: the CLI run in the user's locale and time zone, not the tests' TZ=UTC alone.

/** The environment of a user in Türkiye: Turkish locale (ICU reads LC_ALL and LANG), Istanbul's time zone. */
const TURKISH = { LC_ALL: 'tr_TR.UTF-8', LANG: 'tr_TR.UTF-8', TZ: 'Europe/Istanbul' };

describe('a return written in Turkish', () => {
  it('reads a header upper-cased in Turkish (İNDİCATOR) as it reads one lower-cased in Turkish (ındıcator)', async () => {
    const dir = tempDir();
    const rows = ['TUR,2025,TIP_OFF,_T,564', 'TUR,2025,TIP_VIC,_T,70'];
    // Excel's UPPER and a Turkish keyboard's Caps Lock write the dotted capital İ (U+0130); LOWER the dotless ı (U+0131)
    writeFileSync(join(dir, 'upper.csv'), ['REF_AREA,T\u0130ME_PER\u0130OD,\u0130ND\u0130CATOR,SEX,OBS_VALUE', ...rows].join('\n'));
    writeFileSync(join(dir, 'lower.csv'), ['ref_area,t\u0131me_per\u0131od,\u0131nd\u0131cator,sex,obs_value', ...rows].join('\n'));
    const result = await runCli(['validate', join(dir, 'upper.csv'), join(dir, 'lower.csv')], { env: TURKISH });
    // the capital İ gave "expected a column TIME_PERIOD in the header, found none" beside "rename the column
    // "TİME_PERİOD" to TIME_PERIOD", a name the user sees as that one
    expect(result.stdout).toBe(
      `${join(dir, 'upper.csv')}: 2 rows, 0 errors, 0 warnings — valid (TUR, 2025)\n${join(dir, 'lower.csv')}: 2 rows, 0 errors, 0 warnings — valid (TUR, 2025)\n`,
    );
    expect(result.code).toBe(0);
  });

  it("reads a receipt log whose header is typed in Turkish capitals (FİLE,RECEİVED_AT): the file takes the logged time", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'TUR_2025.csv'), 'REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE\nTUR,2025,TIP_OFF,564\n');
    writeFileSync(join(dir, '_received.csv'), 'F\u0130LE,RECE\u0130VED_AT\nTUR_2025.csv,2026-01-22T10:00:00Z\n');
    const result = await runCli(['ingest', '--warehouse', join(dir, 'w.duckdb'), '--json', dir], { env: TURKISH });
    // it was "expected columns file and received_at, found FİLE, RECEİVED_AT [MANIFEST_INVALID]", exit 2
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).files.map((f: { received_at: string; missing_from_log: boolean }) => [f.received_at, f.missing_from_log])).toEqual([['2026-01-22T10:00:00Z', false]]);
  });
});

describe('a user whose locale sorts letters otherwise (Albanian: th is a letter after t)', () => {
  /** Albanian, a language of the region: ICU's Albanian collation sorts TH after TZ, so THOUSANDS after TIME. */
  const ALBANIAN = { LC_ALL: 'sq_AL.UTF-8', LANG: 'sq_AL.UTF-8', TZ: 'Europe/Tirane' };

  it('lists the issue codes in the same order as every other user: "… and 5 more" lines, and --json issue_counts', async () => {
    const dir = tempDir();
    const path = join(dir, 'ROU_2025.csv');
    // (interleaved: 25 alike lines in a row would print as one range, with no "more" line)
    const rows = Array.from({ length: 25 }, (_, n) => [`ROU,2025,TIP_VIC,"1,${100 + n}"`, 'ROU,2025.0,TIP_OFF,5']).flat();
    writeFileSync(path, ['REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE', ...rows].join('\n'));
    const text = await runCli(['validate', path], { env: ALBANIAN });
    // the issues past the first 20 of each rule, by code as the C locale sorts them; in Albanian they read
    // TIME_PERIOD_INVALID before THOUSANDS_SEPARATOR
    expect(text.stdout.split('\n').filter((line) => line.includes('more'))).toEqual([
      '  … and 4 more DUPLICATE_CONFLICT',
      '  … and 5 more THOUSANDS_SEPARATOR',
      '  … and 5 more TIME_PERIOD_INVALID',
    ]);
    const json = await runCli(['ingest', '--warehouse', join(dir, 'w.duckdb'), '--json', path], { env: ALBANIAN });
    expect(json.code).toBe(1);
    expect(Object.entries(JSON.parse(json.stdout).files[0].issue_counts)).toEqual([
      ['DUPLICATE_CONFLICT', 24],
      ['THOUSANDS_SEPARATOR', 25],
      ['TIME_PERIOD_INVALID', 25],
    ]);
  });
});

describe('a publication date east of UTC', () => {
  it('import --published takes a download dated today in Tbilisi at 01:30 (21:30 UTC the day before); a day after that is refused, the zone named', async () => {
    const dir = tempDir();
    const file = join(dir, 'data_iafq.csv');
    writeFileSync(file, [
      'Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,VALUE,Source',
      'ROU,Romania,Europe,Eastern Europe,Arms seized,Total,Total,na,na,2021,Counts,188,IAFQ',
    ].join('\r\n'));
    let out = '';
    // 25 November 2026, 01:30 in Tbilisi (UTC+4): the importing user's today, and the Georgian ministry's
    const ctx = createContext({ clock: () => new Date('2026-11-24T21:30:00Z'), cwd: dir, out: (text) => (out += text) });
    const options = { warehouse: join(dir, 'w.duckdb'), json: true };
    // it was "--published: expected a date not after today (2026-11-24), found "2026-11-25"" until midnight UTC
    expect(await importAction(ctx, 'unodc', [file], { ...options, published: '2026-11-25' })).toBe(0);
    expect(JSON.parse(out).files[0].published).toBe('2026-11-25');
    await expect(importAction(ctx, 'unodc', [file], { ...options, published: '2026-11-26' })).rejects.toThrow(
      '--published: expected a date not after today (2026-11-25 in the time zone furthest ahead, UTC+14), found "2026-11-26"',
    );
  });
});

describe('a folder of returns copied from a Mac', () => {
  it('matches a file named in NFD (u + combining diaeresis) to its _received.csv line typed in NFC (ü): received then, on time', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'in'));
    // as macOS (HFS+) and many zip tools store the name: the same to the eye as the log's, other bytes
    const saved = 'Tu\u0308rkiye 2025.csv';
    writeFileSync(join(dir, 'in', saved), 'REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE\nTUR,2025,TIP_OFF,564\n');
    writeFileSync(join(dir, 'in', '_received.csv'), 'file,received_at\nT\u00fcrkiye 2025.csv,2026-01-22T10:00:00Z\n');
    const wh = join(dir, 'w.duckdb');
    const ingest = await runCli(['ingest', '--warehouse', wh, join(dir, 'in')], { cwd: dir });
    // it was "not in _received.csv: recorded as received now, …; received <today>, 297 days after the deadline", and
    // a MANIFEST_UNMATCHED warning that no file of the folder bears the name
    expect(ingest.stdout).toBe(`in/${saved}: 1 row, 0 errors, 0 warnings — accepted as submission 1 (TUR, 2025)\n`);
    expect(ingest.stderr).toBe('');
    const status = await runCli(['status', '--warehouse', wh, '--year', '2025', '--json'], { cwd: dir });
    const turkey = JSON.parse(status.stdout).states.find((s: { ref_area: string }) => s.ref_area === 'TUR');
    expect([turkey.first_received_at, turkey.days_late]).toEqual(['2026-01-22T10:00:00Z', 0]);
  });
});

describe('a receipt date typed east and west of UTC', () => {
  const RETURN = 'REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE\nTUR,2025,TIP_OFF,564\n';
  /** Today's date in the time zone `zone` (as `date +%F` prints it there). */
  const todayIn = (timeZone: string): string => new Date().toLocaleDateString('en-CA', { timeZone });

  it('ingest --received-at takes the day the e-mail came as today in Kiritimati (UTC+14) and in UTC-12, recorded as its midnight UTC', async () => {
    for (const TZ of ['Pacific/Kiritimati', 'Etc/GMT+12']) {
      const dir = tempDir();
      writeFileSync(join(dir, 'TUR_2025.csv'), RETURN);
      const today = todayIn(TZ);
      const result = await runCli(['ingest', '--warehouse', join(dir, 'w.duckdb'), '--received-at', today, '--json', join(dir, 'TUR_2025.csv')], { env: { TZ } });
      // in Kiritimati it was "error: --received-at: expected a time not after now (…), found "…"", exit 2, until midnight UTC
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
      expect(JSON.parse(result.stdout).files[0]).toMatchObject({ outcome: 'accepted', received_at: `${today}T00:00:00Z` });
    }
  });

  it('a return typed as received on the deadline day in Kiritimati, before UTC\'s 31 January has begun, is on time; the day after is refused', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'TUR_2025.csv'), RETURN);
    let out = '';
    // 30 January 2026, 11:00 UTC: 31 January, 01:00 in Kiritimati, the deadline day there
    const ctx = createContext({ clock: () => new Date('2026-01-30T11:00:00Z'), cwd: dir, out: (text) => (out += text) });
    const options = { warehouse: join(dir, 'w.duckdb'), json: true };
    await expect(ingestAction(ctx, [join(dir, 'TUR_2025.csv')], { ...options, receivedAt: '2026-02-01' })).rejects.toThrow(
      '--received-at: expected a date not after today (2026-01-31 in the time zone furthest ahead, UTC+14), found "2026-02-01"',
    );
    // a date-time is a moment, after now wherever the user is
    await expect(ingestAction(ctx, [join(dir, 'TUR_2025.csv')], { ...options, receivedAt: '2026-01-31T00:00:00Z' })).rejects.toThrow(
      '--received-at: expected a time not after now (2026-01-30T11:00:00Z), found "2026-01-31T00:00:00Z"',
    );
    expect(await ingestAction(ctx, [join(dir, 'TUR_2025.csv')], { ...options, receivedAt: '2026-01-31' })).toBe(0);
    expect(JSON.parse(out).files[0]).toMatchObject({ outcome: 'accepted', received_at: '2026-01-31T00:00:00Z' });
    // the day typed is the day counted against the deadline: on time, 0 days late, in any time zone
    const status = await runCli(['status', '--warehouse', options.warehouse, '--year', '2025', '--json'], { env: { TZ: 'Pacific/Kiritimati' } });
    const turkey = JSON.parse(status.stdout).states.find((s: { ref_area: string }) => s.ref_area === 'TUR');
    expect([turkey.first_received_at, turkey.days_late, turkey.is_on_time]).toEqual(['2026-01-31T00:00:00Z', 0, true]);
  });
});

describe('a query on a machine far from UTC', () => {
  it('runs in UTC in Kiritimati (UTC+14) and Los Angeles: a TIMESTAMPTZ of 31 January 23:00 UTC is 31 January, not 1 February; status: on time', async () => {
    const dir = tempDir();
    const wh = join(dir, 'w.duckdb');
    writeFileSync(join(dir, 'TUR_2025.csv'), 'REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE\nTUR,2025,TIP_OFF,564\n');
    expect((await runCli(['ingest', '--warehouse', wh, '--received-at', '2026-02-01T01:15:00+03:00', join(dir, 'TUR_2025.csv')])).code).toBe(0);
    const sql = "select current_setting('TimeZone') as zone, (timestamptz '2026-01-31 23:00:00+00')::date as day, received_at from submission";
    for (const TZ of ['Pacific/Kiritimati', 'America/Los_Angeles']) {
      const result = await runCli(['query', '--warehouse', wh, '--format', 'csv', sql], { env: { TZ } });
      expect(result.stdout).toBe('zone,day,received_at\nUTC,2026-01-31,2026-01-31 22:15:00\n');
      // and status judges the return on time for the 31 January deadline, as the README's example says
      const status = await runCli(['status', '--warehouse', wh, '--year', '2025', '--json'], { env: { TZ } });
      const turkey = JSON.parse(status.stdout).states.find((s: { ref_area: string }) => s.ref_area === 'TUR');
      expect([turkey.first_received_at, turkey.days_late, turkey.is_on_time]).toEqual(['2026-01-31T22:15:00Z', 0, true]);
    }
  });
});

describe('a config file kept in a folder of its own', () => {
  it("takes its paths from the project's folder, not the config's or the current one, as the README says; --warehouse from the current folder", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ warehouse: 'no-such-warehouse.duckdb' }));
    const fromConfig = await runCli(['status', '--config', 'c.json'], { cwd: dir });
    expect(fromConfig.stderr.split('\n')[0]).toBe(`error: warehouse ${join(PROJECT_ROOT, 'no-such-warehouse.duckdb')} does not exist [WAREHOUSE_MISSING]`);
    const given = await runCli(['status', '--config', 'c.json', '--warehouse', 'no-such-warehouse.duckdb'], { cwd: dir });
    expect(given.stderr.split('\n')[0]).toBe(`error: warehouse ${join(dir, 'no-such-warehouse.duckdb')} does not exist [WAREHOUSE_MISSING]`);
  });
});
